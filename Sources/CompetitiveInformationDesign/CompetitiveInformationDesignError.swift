// Errors raised by the solvers of Bergemann, Brooks and Morris, "On the
// Alignment of Consumer Surplus and Total Surplus under Competitive Price
// Discrimination" (AEJ: Micro), in the model's terms: which profile, producer,
// atom, bound or signal row is at fault and what the model requires.

import Numerics

/// Invalid input to (or no solution of) a competitive-information-design solver.
public enum CompetitiveInformationDesignError: Error, CustomStringConvertible, Sendable, Equatable {
    // Discrete Bertrand environments μ over profiles (v, c) (Sec. I–II).
    /// No profile.
    case noProfiles
    /// Profiles with no producer (N = 0).
    case noProducers
    /// Profile `profile` lists `values` values and `costs` costs where N = `producers`.
    case profileShape(profile: Int, values: Int, costs: Int, producers: Int)
    /// Profile `profile` has a negative value.
    case negativeValue(profile: Int)
    /// Profile `profile` has a negative cost.
    case negativeCost(profile: Int)
    /// `probabilities` probabilities for `profiles` profiles.
    case probabilityCount(probabilities: Int, profiles: Int)
    /// μ(profile) < 0.
    case negativeProbability(profile: Int, probability: Rational)
    /// The profile probabilities sum to `total`, not exactly 1.
    case probabilitiesSum(total: Rational)
    /// A product environment without producer marginals.
    case noMarginals
    /// Producer `producer`'s marginal over (v_i, c_i) sums to `total`, not exactly 1.
    case marginalSum(producer: Int, total: Rational)
    /// A producer index outside 0..<producers.
    case producerOutOfRange(producer: Int, producers: Int)

    // Residual distributions and their segmentations (Sec. II–III).
    /// A negative mass at a residual.
    case negativeMass(residual: Rational, mass: Rational)
    /// Masses with a zero total.
    case zeroTotalMass
    /// A cost not below the lowest residual: no segment earns a positive margin.
    case costNotBelowResiduals(cost: Rational, lowestResidual: Rational)

    // Symmetric residual priors of the Hotelling model (Sec. IV).
    /// v̄ not positive and finite.
    case invalidResidualBound(vBar: Double)
    /// `atoms` atoms and `probabilities` probabilities (equal, nonzero counts required).
    case atomCount(atoms: Int, probabilities: Int)
    /// Atom `index` lies outside [−v̄, v̄] (or is not finite).
    case atomOutsideSupport(index: Int, atom: Double, vBar: Double)
    /// Atom `index` has a negative or non-finite probability.
    case invalidAtomProbability(index: Int, probability: Double)
    /// The atom probabilities sum to `total`, off 1 by more than 1e-12.
    case atomProbabilitiesSum(total: Double)
    /// Mass `mass` at `atom` but `mirrorMass` at −`atom`.
    case asymmetricMass(atom: Double, mass: Double, mirrorMass: Double)
    /// An atom at `atom` and none at −`atom`.
    case unmatchedAtom(atom: Double)
    /// A tabulated density with fewer than 2 grid cells.
    case tooFewGridCells(Int)
    /// The half density is negative on [from, to].
    case negativeDensity(from: Double, to: Double)
    /// ∫_0^v̄ f = `halfMass`, off 1/2 by more than 1e-9.
    case densityHalfMass(Double)
    /// E|r| = 0: the prior is a point mass at 0 (nothing to contract).
    case pointMassAtZero

    // Interim distributions of the Hotelling model (Sec. IV).
    /// A truncated Pareto family G_b^B with b ≤ 0 or not finite.
    case lowerBoundNotPositive(b: Double)
    /// G_b^B with b ≥ B (or B < b when the limit G_b^b is admitted, or B not finite).
    case boundsNotOrdered(b: Double, B: Double)
    /// An upper bound B ≤ 0 or not finite.
    case upperBoundNotPositive(B: Double)
    /// No b gives a G_b^B that is a mean-preserving contraction of the prior.
    case noContractionWithUpperBound(B: Double)
    /// No feasible interim distribution found by the optimiser.
    case noFeasibleInterimDistribution
    /// The grid LP at b ended with `status`.
    case gridLinearProgram(status: String, b: Double)
    /// A censored Pareto distribution with price p ≤ 0 (or not finite).
    case priceNotPositive(p: Double)
    /// A censored Pareto distribution with censoring point X < 0 (or not finite).
    case negativeCensoringPoint(X: Double)

    // Monopoly with consumer information (Example 3).
    /// A consumer signal with no realisations.
    case emptySignal
    /// The likelihood row of value `value` has `entries` entries where `expected` are needed.
    case signalRowLength(value: Int, entries: Int, expected: Int)
    /// The likelihood row of value `value` has a negative entry.
    case negativeLikelihood(value: Int)
    /// The likelihood row of value `value` sums to `sum`, not exactly 1.
    case likelihoodRowSum(value: Int, sum: Rational)
    /// ε-information with ε outside [0, 1].
    case revelationProbabilityOutOfRange(epsilon: Rational)
    /// `values` values, `prior` prior entries and `signalRows` signal rows (equal, nonzero counts required).
    case monopolyCounts(values: Int, prior: Int, signalRows: Int)
    /// A negative prior probability of a value.
    case negativePriorProbability(value: Int, probability: Rational)
    /// The prior over values sums to `total`, not exactly 1.
    case priorSum(total: Rational)
    /// A negative production cost.
    case negativeProductionCost(Rational)
    /// A value listed twice in a monopoly market (values must be distinct).
    case repeatedMarketValue(index: Int, value: Rational)
    /// More values than the exact segmentation LP accepts.
    case tooManyMarketValues(count: Int, maximum: Int)
    /// The exact segmentation LP did not end optimal (cannot happen for a valid market).
    case segmentationLinearProgram(status: String)
    /// Every value at most the cost, some below: no signal makes the consumer trade at a price ≥ cost.
    case noGainsFromTrade(cost: Rational)

    public var description: String {
        switch self {
        case .noProfiles: return "no profiles: expected at least one profile"
        case .noProducers: return "profiles list no producer: expected at least one"
        case let .profileShape(k, v, c, n): return "profile \(k) has \(v) values and \(c) costs: expected \(n) of each"
        case let .negativeValue(k): return "profile \(k) has a negative value: values must be in R_+"
        case let .negativeCost(k): return "profile \(k) has a negative cost: costs must be in R_+"
        case let .probabilityCount(q, k): return "\(q) probabilities for \(k) profiles: expected one per profile"
        case let .negativeProbability(k, q): return "profile \(k) has probability \(q): expected ≥ 0"
        case let .probabilitiesSum(total): return "the profile probabilities sum to \(total): expected exactly 1"
        case .noMarginals: return "no producer marginals given"
        case let .marginalSum(i, s): return "marginal of producer \(i) sums to \(s): expected exactly 1"
        case let .producerOutOfRange(i, n): return "producer index \(i) is outside 0..<\(n)"
        case let .negativeMass(r, m): return "mass \(m) at \(r) is negative: expected ≥ 0"
        case .zeroTotalMass: return "total mass is zero: expected a positive total"
        case let .costNotBelowResiduals(c, low): return "cost \(c) is not below the lowest residual \(low): expected c < min supp ν"
        case let .invalidResidualBound(vBar): return "v̄ = \(vBar): expected a positive finite bound"
        case let .atomCount(a, p): return "\(a) atoms and \(p) probabilities: expected equal, nonzero counts"
        case let .atomOutsideSupport(k, x, vBar): return "atom \(k) = \(x) lies outside [−v̄, v̄] = [\(-vBar), \(vBar)]"
        case let .invalidAtomProbability(k, p): return "atom \(k) has probability \(p), negative or not finite: expected ≥ 0"
        case let .atomProbabilitiesSum(s): return "the atom probabilities sum to \(s): expected 1 (tolerance 1e-12)"
        case let .asymmetricMass(x, p, q): return "not symmetric: mass \(p) at \(x) but \(q) at \(-x); the symmetric Hotelling solver requires F(−r) = 1 − F(r⁻)"
        case let .unmatchedAtom(x): return "not symmetric: an atom at \(x) but none at \(-x)"
        case let .tooFewGridCells(k): return "\(k) grid cells: expected ≥ 2"
        case let .negativeDensity(a, b): return "the density is negative on [\(a), \(b)]"
        case let .densityHalfMass(m): return "∫_0^v̄ f = \(m): a symmetric density needs 1/2 on each side"
        case .pointMassAtZero: return "E|r| = 0: the prior is a point mass at 0"
        case let .lowerBoundNotPositive(b): return "b = \(b): expected 0 < b"
        case let .boundsNotOrdered(b, B): return "B = \(B) with b = \(b): expected b < B"
        case let .upperBoundNotPositive(B): return "B = \(B): expected B > 0"
        case let .noContractionWithUpperBound(B): return "B = \(B): no b gives a G_b^B that is a mean-preserving contraction of the prior"
        case .noFeasibleInterimDistribution: return "no feasible interim distribution found"
        case let .gridLinearProgram(status, b): return "grid LP status \(status) at b = \(b)"
        case let .priceNotPositive(p): return "p = \(p): expected p > 0"
        case let .negativeCensoringPoint(x): return "X = \(x): expected X ≥ 0"
        case .emptySignal: return "the signal has no realisations"
        case let .signalRowLength(v, e, w): return "likelihood row \(v) has \(e) entries: expected \(w)"
        case let .negativeLikelihood(v): return "likelihood row \(v) has a negative entry"
        case let .likelihoodRowSum(v, s): return "likelihood row \(v) sums to \(s): expected exactly 1"
        case let .revelationProbabilityOutOfRange(e): return "ε = \(e): expected 0 ≤ ε ≤ 1"
        case let .monopolyCounts(v, p, s): return "\(v) values, \(p) prior entries and \(s) signal rows: expected equal counts"
        case let .negativePriorProbability(v, q): return "value \(v) has prior probability \(q): expected ≥ 0"
        case let .priorSum(total): return "prior probabilities sum to \(total): expected exactly 1"
        case let .negativeProductionCost(c): return "cost \(c) is negative"
        case let .repeatedMarketValue(k, v): return "value \(k) = \(v) repeats an earlier value: expected distinct values"
        case let .tooManyMarketValues(n, m): return "\(n) values: the exact segmentation LP accepts at most \(m)"
        case let .segmentationLinearProgram(status): return "the segmentation LP ended \(status)"
        case let .noGainsFromTrade(c): return "every value is at most the cost \(c) and some is below it: no information makes trade profitable (expected a value above the cost)"
        }
    }
}
