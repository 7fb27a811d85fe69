// Accurate floating-point summation with a rigorous error bound, and harmonic
// numbers (exact and floating).
//
// * Cascaded compensated summation "Sum2": Ogita, Rump & Oishi 2005,
//   "Accurate Sum and Dot Product", SIAM J. Sci. Comput. 26(6), Algorithm 4.4
//   (the TwoSum error-free transformation of Knuth, TAOCP vol. 2, 4.2.2).
//   Proposition 4.5 there: for n summands p_i the result `res` satisfies
//       |res − Σp_i| ≤ u·|Σp_i| + γ²_{n−1}·Σ|p_i|,   γ_k = k·u / (1 − k·u),
//   with u = 2⁻⁵³ the unit roundoff (round to nearest, no overflow/underflow).
// * Exact harmonic numbers by binary splitting: Σ_{a≤k<b} 1/k = P/Q with
//   Q = Π k, combined pairwise without reduction and reduced once at the end.

import Foundation

/// A floating-point value with a rigorous absolute error bound:
/// the exact quantity lies in [value − absoluteErrorBound, value + absoluteErrorBound].
public struct ApproximateValue: Sendable, Equatable, CustomStringConvertible {
    /// The floating-point estimate.
    public let value: Double
    /// An upper bound on |value − exact| (non-negative).
    public let absoluteErrorBound: Double

    /// Wraps an estimate and its bound. O(1); never fails (a negative bound
    /// is stored as its magnitude).
    public init(value: Double, absoluteErrorBound: Double) {
        self.value = value
        self.absoluteErrorBound = absoluteErrorBound.magnitude
    }

    /// True when `x` lies within the error bound of the estimate. O(1).
    public func contains(_ x: Double) -> Bool { (x - value).magnitude <= absoluteErrorBound }

    public var description: String { "\(value) ± \(absoluteErrorBound)" }
}

/// Cascaded compensated summation (Ogita–Rump–Oishi "Sum2"): each addition's
/// rounding error is recovered exactly by TwoSum and accumulated separately.
/// The result is as accurate as if computed in twice the working precision
/// and then rounded, and `bound` makes that statement rigorous.
public struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0
    private var absoluteSum = 0.0
    /// Number of summands added so far.
    public private(set) var count = 0

    /// An empty sum. O(1).
    public init() {}

    /// Adds one finite summand. O(1); never fails (non-finite input makes the
    /// result non-finite, which `result` reports as an infinite bound).
    public mutating func add(_ x: Double) {
        count += 1
        absoluteSum += x.magnitude
        if count == 1 { sum = x; return }
        // TwoSum (Knuth): s + e == sum + x exactly.
        let s = sum + x
        let z = s - sum
        let e = (sum - (s - z)) + (x - z)
        sum = s
        compensation += e
    }

    /// The compensated sum and a rigorous bound on its distance to the exact
    /// sum of the summands (Ogita, Rump & Oishi 2005, Proposition 4.5),
    /// inflated to absorb the rounding of the bound's own evaluation.
    ///
    /// - Complexity: O(1). Returns an infinite bound if any summand was
    ///   non-finite or n·u ≥ 1/2.
    public var result: ApproximateValue {
        let res = sum + compensation
        let u = Double.ulpOfOne / 2
        let n = Double(max(count - 1, 0))
        guard res.isFinite, absoluteSum.isFinite, n * u < 0.5 else {
            return ApproximateValue(value: res, absoluteErrorBound: .infinity)
        }
        let gamma = n * u / (1 - n * u)
        // Σ|p_i| as computed may be below the exact value by at most γ_{n}·Σ|p_i|.
        let absolute = absoluteSum / (1 - (n + 1) * u / (1 - (n + 1) * u))
        // |err| ≤ u·|Σp| + γ²·Σ|p| and |Σp| ≤ |res| + |err|  ⇒  |err| ≤ (u|res| + γ²Σ|p|)/(1 − u).
        let bound = (u * res.magnitude + gamma * gamma * absolute) / (1 - u)
        return ApproximateValue(value: res, absoluteErrorBound: bound * (1 + 1e-6))
    }
}

/// Exact sums of many rationals.
public enum ExactSummation {
    /// Σ values exactly by binary splitting: (p₁/q₁) + (p₂/q₂) = (p₁q₂ + p₂q₁)/(q₁q₂)
    /// unreduced, one reduction at the end (much faster than reducing after
    /// every addition when the denominators differ, as for Σ 1/k).
    ///
    /// - Complexity: O(log n) levels of products of growing size; 0 for no values.
    public static func sum(_ values: [Rational]) -> Rational {
        func split(_ a: Int, _ b: Int) -> (BigInt, BigInt) {
            if b - a == 1 { return (values[a].numerator, values[a].denominator) }
            let m = a + (b - a) / 2
            let (p1, q1) = split(a, m), (p2, q2) = split(m, b)
            return (p1 * q2 + p2 * q1, q1 * q2)
        }
        guard !values.isEmpty else { return .zero }
        let (p, q) = split(0, values.count)
        return Rational(p, q)
    }
}

/// Harmonic numbers H_n = Σ_{k=1}^{n} 1/k.
public enum HarmonicNumbers {
    /// H_n exactly (H_0 = 0), by binary splitting of Σ 1/k into P/Q with a
    /// single reduction at the end.
    ///
    /// - Complexity: O(M(n log n)·log n) bit operations with M the product
    ///   cost (schoolbook here, so roughly quadratic in n log n); H_{10⁴} takes
    ///   well under a second, H_{10⁶} is impractical (its denominator has
    ///   about 434,000 decimal digits).
    /// - Throws: `NumericsError.invalidArgument` for n < 0.
    public static func exact(_ n: Int) throws -> Rational {
        guard n >= 0 else {
            throw NumericsError.invalidArgument(routine: "HarmonicNumbers.exact", detail: "n must be ≥ 0, got \(n)")
        }
        if n == 0 { return .zero }
        let (p, q) = split(1, n + 1)
        return Rational(p, q)
    }

    /// Σ_{k=a}^{b−1} 1/k as an unreduced fraction (P, Q), Q = Π k.
    private static func split(_ a: Int, _ b: Int) -> (BigInt, BigInt) {
        if b - a == 1 { return (.one, BigInt(a)) }
        if b - a <= 8 {
            var p = BigInt.zero, q = BigInt.one
            for k in a..<b {
                // p/q + 1/k = (p·k + q)/(q·k)
                let kk = BigInt(k)
                p = p * kk + q
                q = q * kk
            }
            return (p, q)
        }
        let m = a + (b - a) / 2
        let (p1, q1) = split(a, m)
        let (p2, q2) = split(m, b)
        return (p1 * q2 + p2 * q1, q1 * q2)
    }

    /// H_n in floating point with a rigorous error bound: the terms fl(1/k)
    /// (each within u/k of 1/k, u = 2⁻⁵³) are added by `CompensatedSum`, so
    /// the bound is that of the summation plus u·H_n for the terms.
    ///
    /// - Complexity: O(n); about 10 ms for n = 10⁶.
    /// - Throws: `NumericsError.invalidArgument` for n < 0 or n > 10¹².
    public static func approximate(_ n: Int) throws -> ApproximateValue {
        guard n >= 0, n <= 1_000_000_000_000 else {
            throw NumericsError.invalidArgument(routine: "HarmonicNumbers.approximate", detail: "n must be in 0...10^12, got \(n)")
        }
        var s = CompensatedSum()
        // Summing from the smallest term upwards keeps the running error small.
        var k = n
        while k >= 1 {
            s.add(1.0 / Double(k))
            k -= 1
        }
        let r = s.result
        let u = Double.ulpOfOne / 2
        let termError = u * (r.value + r.absoluteErrorBound) / (1 - u)
        return ApproximateValue(value: r.value, absoluteErrorBound: (r.absoluteErrorBound + termError) * (1 + 1e-6))
    }
}
