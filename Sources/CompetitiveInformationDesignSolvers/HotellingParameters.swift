// Parameters the Hotelling kinds share (Sec. IV of Bergemann, Brooks & Morris):
// the symmetric prior of residuals r = v_1 − v_2, and the bounds (b, B) of the
// truncated Pareto family G_b^B. The model's errors about a prior or a family
// are mapped here to the spec keys they concern.

import Harness
import Numerics
import CompetitiveInformationDesign

/// The form of the symmetric residual prior.
enum ResidualPriorForm: String, CaseIterable, ParameterChoice {
    /// Atoms listed with their probabilities.
    case atoms
    /// Uniform on [−v̄, v̄].
    case uniform
}

/// The symmetric prior of residuals: shared by every Hotelling kind.
struct ResidualPriorParameters: SolverParameters {
    @Parameter("prior", doc: "the symmetric prior of residuals r = v_1 − v_2: atoms, or uniform on [−v̄, v̄]", default: .atoms)
    var form: ResidualPriorForm
    @Parameter("atoms", doc: "atoms of the prior (both signs listed; prior = atoms)", default: [])
    var atoms: [Double]
    @Parameter("probabilities", doc: "their probabilities (sum 1)", default: [], domain: .nonNegative)
    var probabilities: [Double]
    @Parameter("v_bar", doc: "v̄: values lie in [0, v̄] and residuals in [−v̄, v̄]", domain: .positive)
    var vBar: Double

    /// The model, with its errors named at the spec keys.
    func prior() throws -> SymmetricResidualPrior {
        do {
            switch form {
            case .uniform: return try SymmetricResidualPrior.uniform(vBar: vBar)
            case .atoms: return try SymmetricResidualPrior(atoms: atoms, probabilities: probabilities, vBar: vBar)
            }
        } catch let e as CompetitiveInformationDesignError {
            throw inputError(e)
        }
    }

    /// A model error about the prior at the key it concerns.
    func inputError(_ e: CompetitiveInformationDesignError) -> SolverInputError {
        let key: ParameterKey
        switch e {
        case .invalidResidualBound: key = $vBar
        case .atomCount: key = atoms.isEmpty ? $atoms : $probabilities
        case let .atomOutsideSupport(index, _, _): key = $atoms[index]
        case let .invalidAtomProbability(index, _): key = $probabilities[index]
        case .atomProbabilitiesSum: key = $probabilities
        case .asymmetricMass, .unmatchedAtom, .pointMassAtZero: key = $atoms
        default: key = $form
        }
        return SolverInputError(key, expected: "a valid value (\(e.description))")
    }
}

/// G_b^B at one (b, B) against the prior: the family kind and the b-curve kind.
struct FamilyParameters: SolverParameters {
    var prior = ResidualPriorParameters()
    @Parameter("b", doc: "lower bound b > 0", domain: .positive)
    var b: Double
    @Parameter("B", doc: "upper bound B > b", domain: .positive)
    var B: Double

    /// The prior, after checking b < B.
    func validated() throws -> SymmetricResidualPrior {
        let prior = try prior.prior()
        if b >= B { throw SolverInputError($b, expected: "b < B", found: "b = \(b), B = \(B)") }
        return prior
    }
}
