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

/// Which one-sided derivative to use at a breakpoint.
package enum DerivativeSide { case left, right }

/// A density's local quantities, with its pieces and endpoint orders.
package struct DensityForms {
    let d: TypeDistribution
    /// [0, θ̄] split at the breakpoints.
    let pieces: [(lo: Double, hi: Double)]
    /// k with f ~ c·θ^k as θ → 0 (nil: f ≡ 0 near 0).
    package let lowerOrder: Double?
    /// k with f ~ c·(θ̄ − θ)^k as θ → θ̄.
    package let upperOrder: Double?

    package init(_ d: TypeDistribution) {
        self.d = d
        let cuts = [0] + d.breakpoints + [d.upper]
        pieces = (1..<cuts.count).map { (cuts[$0 - 1], cuts[$0]) }
        lowerOrder = Self.order(d.family, upper: d.upper, atUpperEnd: false)
        upperOrder = Self.order(d.family, upper: d.upper, atUpperEnd: true)
    }

    /// f′ with the given one-sided convention (`pdfDerivative` is the right
    /// derivative inside the support and the left one at θ̄; the left one at
    /// an interior kink is the right derivative of the previous piece).
    func fPrime(_ x: Double, _ side: DerivativeSide) -> Double {
        side == .left && x > 0 && x < d.upper ? d.pdfDerivative(x.nextDown) : d.pdfDerivative(x)
    }

    func fSecond(_ x: Double, _ side: DerivativeSide) -> Double {
        side == .left && x > 0 && x < d.upper ? d.pdfSecondDerivative(x.nextDown) : d.pdfSecondDerivative(x)
    }

    /// The endpoint order k of the local power law f ~ c·t^k (t = θ or θ̄ − θ), per family.
    static func order(_ family: TypeDistribution.Family, upper: Double, atUpperEnd: Bool) -> Double? {
        switch family {
        case .uniform, .truncatedExponential, .truncatedNormal: return 0
        case let .linear(s): return (atUpperEnd ? s == -1 : s == 1) ? 1 : 0
        case let .beta(a, b): return atUpperEnd ? b - 1 : a - 1
        case let .polynomial(c):
            if !atUpperEnd { return c.firstIndex { $0 != 0 }.map(Double.init) }
            // Multiplicity of the root at θ̄: the first derivative p⁽ʲ⁾(θ̄) that is not 0.
            var coefficients = c
            var j = 0
            while !coefficients.isEmpty {
                let value = coefficients.reversed().reduce(0.0) { $0 * upper + $1 }
                let scale = coefficients.enumerated().reduce(0.0) { $0 + abs($1.element) * pow(upper, Double($1.offset)) }
                if abs(value) > 1e-12 * scale { return Double(j) }
                coefficients = coefficients.count > 1 ? (1..<coefficients.count).map { Double($0) * coefficients[$0] } : []
                j += 1
            }
            return nil
        case let .piecewiseLinear(_, densities):
            let ds = atUpperEnd ? Array(densities.reversed()) : densities
            if ds[0] > 0 { return 0 }
            return ds[1] > 0 ? 1 : nil
        case .atoms: return nil
        case let .mixture(w, cs):
            let orders = zip(w, cs).filter { $0.0 > 0 }.compactMap { order($0.1.family, upper: upper, atUpperEnd: atUpperEnd) }
            return orders.min()
        }
    }

    /// One form of a condition at x, with the scale of its terms. At the
    /// support ends where f is 0 or ∞ the one-sided limit from the local power
    /// law (order k) is returned: derivations in the comments.
    func expression(_ c: DensityCondition, _ form: ConditionForm, at x: Double, side: DerivativeSide) -> (value: Double, scale: Double) {
        let f = d.pdf(x)
        let atLower = x == 0, atUpper = x == d.upper
        let k: Double? = atLower ? lowerOrder : (atUpper ? upperOrder : nil)
        let singularEnd = (atLower || atUpper) && (k ?? 1) != 0
        switch (c, form) {
        case (.densityRegularity, .raw):
            if atLower {
                // θf′(θ) → 0 when k ≥ 0 (θ·c k θ^{k−1} = c k θ^k); for k < 0, 2f + θf′ = f·(2 + k + o(1)) → +∞ (k > −1).
                if let k, k < 0 { return (.infinity, .infinity) }
                return (2 * f, 2 * f)
            }
            let t = x * fPrime(x, side)
            return (2 * f + t, max(abs(2 * f), abs(t)))
        case (.densityRegularity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                // Near 0: θf′/f → k. Near θ̄: θf′/f ~ −θ̄k/(θ̄ − θ) → −∞·sign(k).
                if atLower { return (2 + k, max(2, abs(k))) }
                return (k > 0 ? -.infinity : .infinity, .infinity)
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let t = x * fPrime(x, side) / f
            return (2 + t, max(2, abs(t)))
        case (.myersonRegularity, .raw):
            let s = 1 - d.cdf(x)
            if singularEnd {
                guard let k else { return (0, 0) }
                if atLower {
                    // F(0) = 0: 2f² + f′ → f′(0) (= +∞, finite or 0) for k > 0; f²·v′ → −∞ for k < 0.
                    if k < 0 { return (-.infinity, .infinity) }
                    let fp = fPrime(0, .right)
                    return (fp, abs(fp))
                }
                // At θ̄: f²·v′ with v′ → 2 − k/(k + 1) > 0: → 0 for k > 0, +∞ for k < 0.
                return k > 0 ? (0, 0) : (.infinity, .infinity)
            }
            let t = atUpper ? 0 : s * fPrime(x, side)
            return (2 * f * f + t, max(2 * f * f, abs(t)))
        case (.myersonRegularity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                if atLower {
                    // (1 − F)f′/f² ~ k/(c θ^{k+1}) → +∞·sign(k).
                    return (k > 0 ? .infinity : -.infinity, .infinity)
                }
                // (1 − F) ~ c t^{k+1}/(k+1), f′ ~ −c k t^{k−1}: (1 − F)f′/f² → −k/(k + 1).
                let v = 2 - k / (k + 1)
                return (v, max(2, abs(k / (k + 1))))
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let t = atUpper ? 0 : (1 - d.cdf(x)) * fPrime(x, side) / (f * f)
            return (2 + t, max(2, abs(t)))
        case (.logConcavity, .raw):
            if singularEnd {
                guard let k else { return (0, 0) }
                // f′² − f f″ ~ c² k t^{2k−2}: 0 for k > 1, c² (= f′²) for k = 1, ±∞ (sign k) for k < 1.
                if k > 1 { return (0, 0) }
                if k == 1 { let fp = fPrime(x, side); return (fp * fp, fp * fp) }
                return (k > 0 ? .infinity : -.infinity, .infinity)
            }
            let fp = fPrime(x, side), fpp = fSecond(x, side)
            return (fp * fp - f * fpp, max(fp * fp, abs(f * fpp)))
        case (.logConcavity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                // −(ln f)″ ~ k/t² → ±∞ (sign k).
                return (k > 0 ? .infinity : -.infinity, .infinity)
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let a = fPrime(x, side) / f, b = fSecond(x, side) / f
            return (a * a - b, max(a * a, abs(b)))
        }
    }

    /// The first interior breakpoint where f′ jumps up (f′₊ − f′₋ > tolerance·scale), if any.
    func convexKink(tolerance: Double) -> Double? {
        for b in d.breakpoints {
            let left = fPrime(b, .left), right = fPrime(b, .right)
            if right - left > tolerance * max(abs(left), abs(right), 1) { return b }
        }
        return nil
    }
}

// MARK: - Properties of a density used by the paper's statements

/// Facts about a density that the paper's statements around Def 3.1 refer to.
public struct DensityShape: Sendable, Equatable {
    /// min f′ over the support (grid + Brent, one-sided at kinks).
    public let minimumSlope: Double
    /// f′ ≥ 0 everywhere ("a non-decreasing density").
    public var isNonDecreasing: Bool { minimumSlope >= 0 }
    /// f > 0 and finite on all of [0, θ̄] (the model's assumption, Sec 2).
    public let isPositiveAndBounded: Bool
    /// The density-weighted virtual value v·f = θf − (1 − F) is strictly
    /// increasing on the grid (computed from f and F only, not f′).
    public let weightedVirtualValueIncreasing: Bool
    /// The number of sign changes of v·f on the grid (single crossing: 1).
    public let weightedVirtualValueSignChanges: Int

    /// nil for distributions with atoms.
    public init?(_ d: TypeDistribution, gridPoints: Int = 401) {
        guard d.atoms.isEmpty, let checker = try? DensityConditionChecker(gridPoints: gridPoints) else { return nil }
        let local = DensityForms(d)
        let slope = checker.minimise(pieces: local.pieces, exact: false) { x, side in
            let s = local.fPrime(x, side)
            return (s, abs(s))
        }
        minimumSlope = slope.value
        let n = gridPoints
        let xs = (0..<n).map { $0 == n - 1 ? d.upper : d.upper * Double($0) / Double(n - 1) }
        let fs = xs.map(d.pdf)
        isPositiveAndBounded = (local.lowerOrder ?? 1) == 0 && (local.upperOrder ?? 1) == 0
            && fs.allSatisfy { $0 > 0 && $0.isFinite }
        let vf = zip(xs, fs).map { x, f in x == 0 ? -1 : x * f - (1 - d.cdf(x)) }
        weightedVirtualValueIncreasing = (1..<n).allSatisfy { vf[$0] > vf[$0 - 1] }
        var changes = 0
        var sign = 0
        for v in vf where v != 0 {
            let s = v > 0 ? 1 : -1
            if sign != 0 && s != sign { changes += 1 }
            sign = s
        }
        weightedVirtualValueSignChanges = changes
    }
}

// MARK: - Thresholds in a family parameter

extension DensityConditionChecker {
    /// The point of [`a`, `b`] where `condition` switches between holding and
    /// failing along the one-parameter family `family(x)` (e.g. the truncated
    /// exponential's rate), by bisection (`Roots.bisect`) to `tolerance` on
    /// the predicate "the deciding form's margin is > 0 (strict) or ≥ 0
    /// (weak)", with the exact sign (no zero tolerance).
    ///
    /// - Throws: `.interval` for an empty interval, `.sameStatusAtBothEnds`
    ///   when the condition has the same status at both ends,
    ///   `.setting(.bisectionTolerance, …)`, and whatever `family` throws.
    public func threshold(_ condition: DensityCondition, from a: Double, to b: Double, tolerance: Double = 1e-12,
                          family: (Double) throws -> TypeDistribution) throws -> ThresholdResult {
        try require(a.isFinite && b.isFinite && a < b, .interval(from: a, to: b))
        try require(tolerance.isFinite && tolerance > 0, .setting(.bisectionTolerance, value: "\(tolerance)", allowed: "a bisection tolerance > 0"))
        let exact = try DensityConditionChecker(gridPoints: gridPoints, zeroTolerance: 0)
        func holds(_ x: Double) throws -> Bool { exact.check(condition, try family(x)).holds }
        let (ha, hb) = (try holds(a), try holds(b))
        try require(ha != hb, .sameStatusAtBothEnds(condition: condition.rawValue, holds: ha, from: a, to: b))
        return try Roots.bisect(in: a, b, tolerance: tolerance, predicate: holds)
    }
}
