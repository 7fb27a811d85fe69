// Typed failures of the Segmentation module (Haghpanah & Siegel 2022).
//
// Every invalid input names the offending parameter with the key a spec uses
// ("valuations", "costs", "market", "selection", "segmentation", ...) and says
// what was expected. A linear program that the exact simplex cannot finish is
// an error, never a silent number.

import Numerics

/// A failure of a Segmentation solver.
public enum SegmentationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An input violates the model's assumptions: `parameter` is the spec key
    /// ("valuations", "costs", "market", ...), `detail` what was found and
    /// what is expected.
    case invalidParameter(parameter: String, detail: String)
    /// A procedure's precondition does not hold for this (valid) input, e.g.
    /// the Pareto-dominating-market construction applied to an efficient
    /// market. `parameter` names the input concerned.
    case notApplicable(parameter: String, detail: String)
    /// The exact simplex failed (pivot limit) or reported a status that is
    /// impossible for the program (the mechanism LPs are always feasible and
    /// bounded), so no number is returned.
    case linearProgramFailed(context: String, detail: String)

    public var description: String {
        switch self {
        case let .invalidParameter(parameter, detail):
            return "invalid \"\(parameter)\": \(detail)"
        case let .notApplicable(parameter, detail):
            return "not applicable to \"\(parameter)\": \(detail)"
        case let .linearProgramFailed(context, detail):
            return "linear program failed in \(context): \(detail)"
        }
    }
}

extension SegmentationError {
    /// Runs an exact LP `solve`, converting Numerics failures and non-optimal
    /// statuses into `.linearProgramFailed` naming `context`.
    static func solving(_ context: String, _ body: () throws -> LPSolution<Rational>) throws -> LPSolution<Rational> {
        let solution: LPSolution<Rational>
        do {
            solution = try body()
        } catch let error as NumericsError {
            throw SegmentationError.linearProgramFailed(context: context, detail: error.description)
        }
        guard solution.status == .optimal else {
            throw SegmentationError.linearProgramFailed(context: context, detail: "status \(solution.status.rawValue) (the program is feasible and bounded by construction)")
        }
        return solution
    }
}
