import Numerics

// Sec. III.1, Remark 1B: "some versions, if 'right', have values drawn from a
// uniform distribution on [ρ, 1], where ρ ∈ [0, 1], while others have values
// drawn from a uniform distribution on [0, 1 − ρ]. In this case, the seller
// could reap larger benefits from putting the two types of versions in separate
// classes for larger values of ρ. So in this example, the profit maximizing K
// will be weakly larger if the ex ante variance in values is larger".

/// Remark 1B's two-type instances: `high` versions with values U[ρ, 1] followed
/// by `low` versions with values U[0, 1 − ρ], all with the same cost.
public struct TwoTypeValues: Sendable {
    public let rho: Rational
    public let cost: Rational
    public let high: Int
    public let low: Int
    /// The seller problem (versions 0..<high are the high type), pricing cost r/B per class.
    public let problem: SellerProblem

    /// - Throws: `.rhoOutOfRange` unless 0 ≤ ρ < 1 (at ρ = 1 both supports degenerate);
    ///   `.costOutOfRange` unless 0 ≤ c ≤ 1; `.noHighTypeVersions` / `.noLowTypeVersions`
    ///   unless each count is ≥ 1; `.invalidPricingCost` if r/B < 0.
    public init(rho: Rational, cost: Rational, high: Int = 1, low: Int = 1, rOverB: Double = 0) throws {
        try require(rho >= .zero && rho < .one, .rhoOutOfRange(rho))
        try require(cost >= .zero && cost <= .one, .costOutOfRange(version: nil, cost: cost))
        try require(high >= 1, .noHighTypeVersions(count: high))
        try require(low >= 1, .noLowTypeVersions(count: low))
        self.rho = rho; self.cost = cost; self.high = high; self.low = low
        let hi = try ValueDistribution.uniform(lo: rho, hi: .one)
        let lo = try ValueDistribution.uniform(lo: .zero, hi: 1 - rho)
        let versions = try (0..<high).map { _ in try Version(cost: cost, distribution: hi) }
            + (0..<low).map { _ in try Version(cost: cost, distribution: lo) }
        problem = try SellerProblem(versions: versions, r: rOverB, B: 1)
    }

    /// N = high + low.
    public var N: Int { high + low }
    /// The high-type versions' indices.
    public var highClass: [Int] { Array(0..<high) }
    /// The low-type versions' indices.
    public var lowClass: [Int] { Array(high..<N) }

    /// Exact optimal price and per-buyer profit of a class of m versions with
    /// values U[a, b] and common cost c (closed form): on [a, b] the class
    /// profit is m(p − c)(b − p)/((b − a)N), maximised at (b + c)/2; below a
    /// every buyer buys, so if (b + c)/2 < a the price is a and the profit
    /// m(a − c)/N; if c ≥ b nothing can be sold at a profit (price b, profit 0).
    public static func uniformClass(lo a: Rational, hi b: Rational, cost c: Rational, members m: Int, N: Int) -> (price: Rational, profit: Rational) {
        if c >= b { return (b, .zero) }
        let p = (b + c) / 2
        if p >= a { return (p, Rational(m) * (b - c) * (b - c) / (4 * (b - a) * Rational(N))) }
        return (a, Rational(m) * (a - c) / Rational(N))
    }

    /// Closed-form gross profit of the split by type (high types in one class, low in another).
    public var splitProfitClosedForm: Rational {
        Self.uniformClass(lo: rho, hi: .one, cost: cost, members: high, N: N).profit
            + Self.uniformClass(lo: .zero, hi: 1 - rho, cost: cost, members: low, N: N).profit
    }
}
