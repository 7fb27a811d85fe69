// Typed failures of every Numerics kernel.
//
// Every routine that can fail throws one of these instead of returning NaN or
// trapping. The `description` is written for a user: it says what was asked,
// what went wrong and, where possible, what to change.

/// A failure of a numerical kernel.
public enum NumericsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Division (or modulo) by zero: `operation` names what was attempted.
    case divisionByZero(operation: String)
    /// A number could not be parsed from `text`; `reason` says why.
    case malformedNumber(text: String, reason: String)
    /// A root finder was given a bracket [a, b] with f(a), f(b) of the same sign.
    case noSignChange(routine: String, a: Double, b: Double, fa: Double, fb: Double)
    /// An iterative method ran out of iterations before meeting its tolerance.
    case noConvergence(routine: String, iterations: Int, detail: String)
    /// A non-finite value (NaN or infinity) appeared where a finite one is required.
    case nonFinite(routine: String, detail: String)
    /// Arrays or matrices of incompatible shapes were passed.
    case dimensionMismatch(routine: String, detail: String)
    /// An argument outside the routine's domain (e.g. an empty interval, a negative tolerance).
    case invalidArgument(routine: String, detail: String)

    public var description: String {
        switch self {
        case let .divisionByZero(operation):
            return "division by zero in \(operation)"
        case let .malformedNumber(text, reason):
            return "malformed number \"\(text)\": \(reason)"
        case let .noSignChange(routine, a, b, fa, fb):
            return "\(routine): no sign change on the bracket [\(a), \(b)] (f(a) = \(fa), f(b) = \(fb)); choose a bracket whose end values have opposite signs"
        case let .noConvergence(routine, iterations, detail):
            return "\(routine): did not converge in \(iterations) iterations (\(detail)); loosen the tolerance or raise the iteration limit"
        case let .nonFinite(routine, detail):
            return "\(routine): non-finite value (\(detail))"
        case let .dimensionMismatch(routine, detail):
            return "\(routine): dimension mismatch (\(detail))"
        case let .invalidArgument(routine, detail):
            return "\(routine): invalid argument (\(detail))"
        }
    }
}

extension NumericsError {
    /// Checks the arguments common to the 1-D interval routines (roots,
    /// bisection, optimisation): finite a < b, a tolerance that is ≥ 0 (or
    /// > 0 and finite when `positiveTolerance`), and maxIterations ≥ 0.
    /// Throws `.nonFinite` or `.invalidArgument` naming `routine`.
    static func validateInterval(_ a: Double, _ b: Double, tolerance: Double, positiveTolerance: Bool,
                                 maxIterations: Int, routine: String) throws {
        guard a.isFinite, b.isFinite else {
            throw NumericsError.nonFinite(routine: routine, detail: "interval end points must be finite, got [\(a), \(b)]")
        }
        guard a < b else {
            throw NumericsError.invalidArgument(routine: routine, detail: "the interval [\(a), \(b)] must satisfy a < b")
        }
        if positiveTolerance {
            guard tolerance > 0, tolerance.isFinite else {
                throw NumericsError.invalidArgument(routine: routine, detail: "tolerance must be positive and finite, got \(tolerance)")
            }
        } else {
            guard tolerance >= 0 else {
                throw NumericsError.invalidArgument(routine: routine, detail: "tolerance must be nonnegative, got \(tolerance)")
            }
        }
        guard maxIterations >= 0 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "maxIterations must be nonnegative, got \(maxIterations)")
        }
    }
}
