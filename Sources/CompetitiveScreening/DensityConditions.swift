// Def 3.1 (density-regularity, 2f + θf′ > 0) and the two conditions the paper
// compares it with: Myerson's regularity (Sec 3.2: the virtual value
// v = θ − (1 − F)/f strictly increasing) and log-concavity (Sec 3.3, Prop 3.1).
//
// Each condition has a raw form (the expression as the paper or the textbook
// writes it) and a normalised form (divided by a power of f where f > 0):
//
//   condition            raw                  normalised                 holds iff
//   density-regularity   2f + θf′             2 + θf′/f                  > 0 (Def 3.1, strict)
//   Myerson regularity   2f² + (1 − F)f′      v′ = 2 + (1 − F)f′/f²      > 0 (strict)
//   log-concavity        f′² − f f″           −(ln f)″ = (f′² − f f″)/f²  ≥ 0 (weak)
//
// The margin of a form is its infimum over the support [0, θ̄]. Which form
// decides the verdict: Def 3.1 is stated in the raw form, so the raw form
// decides density-regularity; Myerson regularity is v′ > 0 and log-concavity
// is (ln f)″ ≤ 0, so their normalised forms decide (the raw forms are those
// times f², which vanish wherever f does). Both are always reported.
//
// At a support end where f vanishes or is unbounded (f ~ c·θ^k near 0, or
// c·(θ̄ − θ)^k near θ̄, with k ≠ 0: Beta, linear with slope ±1, polynomials
// with a root at an end) the forms are evaluated as their one-sided limits,
// derived from the local power law; they may be ±∞. Example: Beta(α, 1),
// α > 1, has f(0) = 0 and 2f + θf′ = α(α + 1)θ^{α−1}, which is 0 at θ = 0 (the
// strict inequality of Def 3.1 fails at that one point, where the model's
// positive-density assumption fails too), while 2 + θf′/f = α + 1 everywhere.
//
// Minimisation: where a raw form is affine in θ on each piece (uniform, linear
// and piecewise-linear densities: 2f + θf′ and f′² − f f″) it is evaluated
// exactly at the piece ends; otherwise on a grid split at the `breakpoints`
// (one-sided values at each piece end), refined by Brent's method (Numerics)
// around the lowest grid local minima. At an interior kink where f′ jumps up,
// (ln f)″ has a positive Dirac mass: log-concavity fails there (margin −∞).
//
// Distributions with atoms are not C¹ ("a two-point distribution is not C¹"):
// every condition is reported as not applicable.

import Foundation
import Distributions
import Numerics

/// The three regularity conditions on a density.
public enum DensityCondition: String, CaseIterable, Sendable {
    case densityRegularity = "density-regularity"
    case myersonRegularity = "myerson-regularity"
    case logConcavity = "log-concavity"

    /// `true` when the condition requires its expression to be > 0, `false` for ≥ 0.
    public var isStrict: Bool { self != .logConcavity }

    /// The form whose sign is the condition's definition.
    public var decidingForm: ConditionForm { self == .densityRegularity ? .raw : .normalised }

    /// The raw expression, oriented so that the condition reads "expression > 0" (or ≥ 0).
    public var rawExpression: String {
        switch self {
        case .densityRegularity: return "2f + θf′"
        case .myersonRegularity: return "2f² + (1 − F)f′"
        case .logConcavity: return "f′² − f f″"
        }
    }

    /// The normalised expression, defined where f > 0.
    public var normalisedExpression: String {
        switch self {
        case .densityRegularity: return "2 + θf′/f"
        case .myersonRegularity: return "v′ = 2 + (1 − F)f′/f²"
        case .logConcavity: return "−(ln f)″"
        }
    }
}

/// Raw (as written) or normalised (divided by a power of f).
public enum ConditionForm: String, Sendable {
    case raw, normalised
}

/// The outcome of a condition check.
public enum ConditionVerdict: String, Sendable {
    /// The margin is positive.
    case holdsStrictly = "holds strictly"
    /// The margin is zero (within the tolerance): the expression is ≥ 0 and
    /// vanishes somewhere. A weak condition (≥ 0) holds; a strict one (> 0)
    /// fails at the argmin.
    case holdsWeakly = "holds weakly"
    /// The margin is negative.
    case fails = "fails"
    /// The condition is not defined for this distribution (atoms).
    case notApplicable = "not applicable"

    /// The verdict of a margin, with |margin| ≤ tolerance·scale read as 0.
    static func of(_ margin: Double, scale: Double, tolerance: Double) -> ConditionVerdict {
        if margin == 0 || (margin.isFinite && scale.isFinite && abs(margin) <= tolerance * scale) { return .holdsWeakly }
        return margin > 0 ? .holdsStrictly : .fails
    }
}

/// How a minimum was found.
public enum ConditionMinimisationMethod: String, Sendable {
    /// The expression is affine in θ on each piece: evaluated exactly at the piece ends.
    case exactPieceEnds = "exact at piece ends (affine on each piece)"
    /// A grid on each piece, refined by Brent's method around the lowest grid minima.
    case gridWithBrent = "grid + Brent"
}

/// The minimum of one form of a condition over the support.
public struct ConditionMargin: Sendable, Equatable {
    public let form: ConditionForm
    /// The infimum (may be ±∞ at a support end where f vanishes or is unbounded).
    public let margin: Double
    /// Where it is attained (or approached).
    public let argmin: Double
    /// The size of the expression's terms at the argmin: the scale of the zero tolerance.
    public let scale: Double
    public let verdict: ConditionVerdict
    public let method: ConditionMinimisationMethod
}

/// A regularity condition checked on one distribution.
public struct DensityConditionResult: Sendable, Equatable {
    public let condition: DensityCondition
    /// nil when not applicable.
    public let raw: ConditionMargin?
    public let normalised: ConditionMargin?
    /// Why the condition is not defined (nil when it is).
    public let notApplicableReason: String?

    /// The form whose verdict is the condition's verdict.
    public var decidingForm: ConditionForm { condition.decidingForm }

    /// The verdict of the deciding form.
    public var verdict: ConditionVerdict {
        guard notApplicableReason == nil, let raw, let normalised else { return .notApplicable }
        return decidingForm == .raw ? raw.verdict : normalised.verdict
    }

    /// Whether the condition holds as defined (strict conditions need a positive margin).
    public var holds: Bool { Self.holds(verdict, strict: condition.isStrict) }

    /// Whether a verdict satisfies a strict (> 0) or weak (≥ 0) condition.
    public static func holds(_ v: ConditionVerdict, strict: Bool) -> Bool {
        v == .holdsStrictly || (!strict && v == .holdsWeakly)
    }
}

/// Checks the regularity conditions of a density: grid + Brent minimisation of
/// each form over the support (exact at piece ends where the form is affine).
public struct DensityConditionChecker: Sendable {
    /// Grid points over the whole support (shared out among the pieces between breakpoints).
    public let gridPoints: Int
    /// |margin| ≤ zeroTolerance · (size of the expression's terms) counts as 0.
    public let zeroTolerance: Double

    /// The largest grid accepted (each point costs a few density evaluations).
    public static let maximumGridPoints = 1_000_000

    /// - Throws: `.setting(.conditionGrid, …)` unless 3 ≤ gridPoints ≤ 1 000 000.
    public init(gridPoints: Int = 401, zeroTolerance: Double = 1e-10) throws {
        try require(gridPoints >= 3 && gridPoints <= Self.maximumGridPoints,
                    .setting(.conditionGrid, value: "\(gridPoints)", allowed: "a grid of 3 to \(Self.maximumGridPoints) points"))
        try require(zeroTolerance.isFinite && zeroTolerance >= 0, .setting(.zeroTolerance, value: "\(zeroTolerance)", allowed: "a zero tolerance ≥ 0"))
        self.gridPoints = gridPoints
        self.zeroTolerance = zeroTolerance
    }

    /// Checks one condition; not applicable (with a reason) when `d` has atoms.
    public func check(_ condition: DensityCondition, _ d: TypeDistribution) -> DensityConditionResult {
        if let reason = Self.notApplicableReason(d) {
            return DensityConditionResult(condition: condition, raw: nil, normalised: nil, notApplicableReason: reason)
        }
        let local = DensityForms(d)
        func margin(_ form: ConditionForm) -> ConditionMargin {
            let exact = Self.isPiecewiseAffine(condition, form, d.family)
            var best = minimise(pieces: local.pieces, exact: exact) { x, side in
                local.expression(condition, form, at: x, side: side)
            }
            // A convex kink (f′ jumps up) is a positive Dirac mass in (ln f)″.
            if condition == .logConcavity, let kink = local.convexKink(tolerance: zeroTolerance) {
                best = (kink, -.infinity, .infinity)
            }
            let verdict = ConditionVerdict.of(best.value, scale: best.scale, tolerance: zeroTolerance)
            return ConditionMargin(form: form, margin: verdict == .holdsWeakly ? 0 : best.value, argmin: best.x, scale: best.scale,
                                   verdict: verdict, method: exact ? .exactPieceEnds : .gridWithBrent)
        }
        return DensityConditionResult(condition: condition, raw: margin(.raw), normalised: margin(.normalised), notApplicableReason: nil)
    }

    /// Why the conditions are undefined for `d`, or nil.
    public static func notApplicableReason(_ d: TypeDistribution) -> String? {
        if d.atoms.isEmpty { return nil }
        return d.continuousMass <= 0
            ? "atoms only: a two-point (finite) distribution has no density and is not C¹"
            : "atoms mixed with a density: the distribution is not C¹"
    }

    /// Whether the form of the condition is affine in θ on each piece of the family.
    static func isPiecewiseAffine(_ c: DensityCondition, _ form: ConditionForm, _ family: TypeDistribution.Family) -> Bool {
        switch family {
        case .uniform: return true
        case .linear, .piecewiseLinear: return form == .raw && c != .myersonRegularity
        default: return false
        }
    }

    // MARK: - Minimisation

    /// min over the pieces of `value(θ, side)`: (argmin, value, scale). Grid of
    /// about `gridPoints` points in all (at least 3 per piece; only the two
    /// ends when `exact`), then Brent's method on the two grid cells around
    /// each of the (up to 8) lowest grid local minima. NaN values (a normalised
    /// form at an interior zero of f) are skipped.
    func minimise(pieces: [(lo: Double, hi: Double)], exact: Bool,
                  value: (Double, DerivativeSide) -> (value: Double, scale: Double)) -> (x: Double, value: Double, scale: Double) {
        var best = (x: pieces[0].lo, value: Double.infinity, scale: 0.0)
        // Ties (within 10⁻¹² relative, e.g. a constant expression up to rounding) keep the first point.
        func consider(_ x: Double, _ v: (value: Double, scale: Double)) {
            guard !v.value.isNaN else { return }
            let bar = best.value.isFinite ? best.value - 1e-12 * max(1, abs(best.value)) : best.value
            if v.value < bar { best = (x, v.value, v.scale) }
        }
        let total = pieces.reduce(0) { $0 + ($1.hi - $1.lo) }
        for piece in pieces {
            if exact {
                consider(piece.lo, value(piece.lo, .right))
                consider(piece.hi, value(piece.hi, .left))
                continue
            }
            let n = max(3, Int((Double(gridPoints) * (piece.hi - piece.lo) / total).rounded()))
            let xs = (0..<n).map { k in k == n - 1 ? piece.hi : piece.lo + (piece.hi - piece.lo) * Double(k) / Double(n - 1) }
            let vs = xs.enumerated().map { k, x in value(x, k == n - 1 ? .left : .right) }
            for k in 0..<n { consider(xs[k], vs[k]) }
            // Grid local minima (NaN counts as +∞), lowest first.
            let ys = vs.map { $0.value.isNaN ? Double.infinity : $0.value }
            var minima = (0..<n).filter { k in
                ys[k].isFinite && (k == 0 || ys[k] <= ys[k - 1]) && (k == n - 1 || ys[k] <= ys[k + 1])
            }
            minima.sort { ys[$0] < ys[$1] }
            for k in minima.prefix(8) {
                let lo = xs[max(k - 1, 0)], hi = xs[min(k + 1, n - 1)]
                guard lo < hi else { continue }
                let f: (Double) -> Double = { x in
                    let v = value(x, .right).value
                    return v.isNaN ? .infinity : v
                }
                if let r = try? Optimize.minimizeBrent(f, in: lo, hi, tolerance: 1e-12 * max(1, abs(hi))), r.value < best.value {
                    consider(r.x, value(r.x, .right))
                }
            }
        }
        return best
    }
}
