import Foundation
import Numerics

// Sec. III.1–3: the seller's K-class pricing problem.
// Per-buyer expected profit of a partition S = (S^1, …, S^K):
//   Σ_k Σ_{n∈k} (p^k − c_n)[1 − F_n(p^k)]/N − K r/B,
// class prices from the first-order condition (18) (which reduces to (3) for
// identical F and to (8) for identical costs), partition objective (19)
// (= (4), (9) in the special cases).

/// The distribution F_n of a buyer's value for version n when it is her "right"
/// version, on [0, 1], given by its cdf and density.
public struct ValueDistribution: Sendable, CustomStringConvertible {
    /// A short label ("uniform", "power(2)", …).
    public let name: String
    /// The cdf F on [0, 1].
    public let cdf: @Sendable (Double) -> Double
    /// The density f on [0, 1].
    public let density: @Sendable (Double) -> Double
    /// Points in (0, 1) where f is discontinuous (used as quadrature and
    /// root-scan break points).
    public let breakpoints: [Double]
    /// Exact support [lo, hi] when F is uniform on it (enables exact class prices).
    public let uniformSupport: (lo: Rational, hi: Rational)?

    public var description: String { name }

    /// A distribution from a cdf and density, validated: F(0) = 0, F(1) = 1,
    /// F non-decreasing on a 1001-point grid, f ≥ 0 there, and ∫₀¹ f = 1 within
    /// 1e-6 (adaptive quadrature).
    ///
    /// - Complexity: ~1000 cdf/density evaluations plus one quadrature.
    /// - Throws: `.cdfEndpoints`, `.decreasingCDF`, `.invalidDensity` or `.densityIntegral`.
    public init(name: String, cdf: @escaping @Sendable (Double) -> Double,
                density: @escaping @Sendable (Double) -> Double,
                breakpoints: [Double] = []) throws {
        self.name = name; self.cdf = cdf; self.density = density
        self.breakpoints = breakpoints.filter { $0 > 0 && $0 < 1 }.sorted()
        self.uniformSupport = nil
        try validate()
    }

    private init(unchecked name: String, cdf: @escaping @Sendable (Double) -> Double,
                 density: @escaping @Sendable (Double) -> Double, breakpoints: [Double],
                 uniformSupport: (lo: Rational, hi: Rational)?) {
        self.name = name; self.cdf = cdf; self.density = density
        self.breakpoints = breakpoints; self.uniformSupport = uniformSupport
    }

    private func validate() throws {
        try require(abs(cdf(0)) <= 1e-9 && abs(cdf(1) - 1) <= 1e-9, .cdfEndpoints(atZero: cdf(0), atOne: cdf(1)))
        var last = -Double.infinity
        for i in 0...1000 {
            let x = Double(i) / 1000
            let F = cdf(x), f = density(x)
            try require(F.isFinite && F >= last - 1e-12, .decreasingCDF(at: x, value: F, previous: last))
            try require(f.isFinite && f >= 0, .invalidDensity(at: x, value: f))
            last = F
        }
        let integral = (try? Quadrature.integrate({ density($0) }, from: 0, to: 1,
                                                  absoluteTolerance: 1e-10, relativeTolerance: 1e-10,
                                                  breakpoints: breakpoints).value) ?? .nan
        try require(abs(integral - 1) <= 1e-6, .densityIntegral(integral))
    }

    /// The uniform distribution on [0, 1] (Sec. III.1, Finding 1).
    public static let uniform = ValueDistribution(
        unchecked: "uniform", cdf: { min(max($0, 0), 1) }, density: { $0 >= 0 && $0 <= 1 ? 1 : 0 },
        breakpoints: [], uniformSupport: (Rational.zero, Rational.one))

    /// Uniform on [lo, hi] ⊆ [0, 1] (Remark 1B uses [ρ, 1] and [0, 1 − ρ]).
    /// - Throws: `.invalidUniformSupport` unless 0 ≤ lo < hi ≤ 1.
    public static func uniform(lo: Rational, hi: Rational) throws -> ValueDistribution {
        try require(lo >= .zero && lo < hi && hi <= .one, .invalidUniformSupport(lo: lo, hi: hi))
        let a = lo.doubleValue, b = hi.doubleValue
        return ValueDistribution(
            unchecked: "uniform[\(lo), \(hi)]",
            cdf: { x in x <= a ? 0 : (x >= b ? 1 : (x - a) / (b - a)) },
            density: { x in (x >= a && x <= b) ? 1 / (b - a) : 0 },
            breakpoints: [a, b].filter { $0 > 0 && $0 < 1 }, uniformSupport: (lo, hi))
    }

    /// The power family F(x) = x^a (a > 0); a = 1 is uniform. Increasing a
    /// gives an MLR-ordered family (f_{n+1}/f_n ∝ x^{a_{n+1} − a_n} increasing).
    /// - Throws: `.invalidPowerExponent` unless a > 0 and finite.
    public static func power(_ a: Double) throws -> ValueDistribution {
        try require(a > 0 && a.isFinite, .invalidPowerExponent(a))
        return ValueDistribution(unchecked: "power(\(a))", cdf: { x in x <= 0 ? 0 : (x >= 1 ? 1 : pow(x, a)) },
                                 density: { x in x < 0 || x > 1 ? 0 : (x == 0 ? (a < 1 ? 1e300 : (a == 1 ? 1 : 0)) : a * pow(x, a - 1)) },
                                 breakpoints: [], uniformSupport: a == 1 ? (Rational.zero, Rational.one) : nil)
    }
}

/// One version n of the product: its production cost c_n and value distribution F_n.
public struct Version: Sendable {
    /// Production cost c_n ∈ [0, 1].
    public let cost: Double
    /// Exact cost when supplied as a rational.
    public let exactCost: Rational?
    /// F_n.
    public let distribution: ValueDistribution
    /// A version with a rational cost. Throws `.costOutOfRange` unless 0 ≤ cost ≤ 1.
    public init(cost: Rational, distribution: ValueDistribution = .uniform) throws {
        try require(cost >= .zero && cost <= .one, .costOutOfRange(version: nil, cost: cost))
        self.cost = cost.doubleValue; self.exactCost = cost; self.distribution = distribution
    }
    /// A version with a floating cost. Throws `.realCostOutOfRange` unless 0 ≤ cost ≤ 1.
    public init(cost: Double, distribution: ValueDistribution = .uniform) throws {
        try require(cost >= 0 && cost <= 1, .realCostOutOfRange(version: nil, cost: cost))
        self.cost = cost; self.exactCost = Rational(exactly: cost); self.distribution = distribution
    }
}

/// A partition of the versions {0, …, N−1} into K nonempty classes
/// (class k lists version indices, ascending; classes ordered by first element).
public struct ClassPartition: Sendable, Hashable, CustomStringConvertible {
    /// The classes S^1, …, S^K as sorted version indices.
    public let classes: [[Int]]
    /// Builds a partition, normalising order. Does not validate coverage (see `validate(n:)`).
    public init(_ classes: [[Int]]) {
        self.classes = classes.map { $0.sorted() }.sorted { ($0.first ?? 0) < ($1.first ?? 0) }
    }
    /// K.
    public var count: Int { classes.count }
    /// True when every class is an interval of consecutive indices
    /// (no interlacing, Propositions 1–3).
    public var isIntervalPartition: Bool {
        classes.allSatisfy { c in zip(c, c.dropFirst()).allSatisfy { $1 == $0 + 1 } }
    }
    /// True when no two classes interlace in the sense of Propositions 1–3:
    /// there are no n < m < q with n, q in one class and m in another.
    public var hasNoInterlacing: Bool { isIntervalPartition }
    public var description: String { classes.map { "{" + $0.map(String.init).joined(separator: ",") + "}" }.joined(separator: " ") }
}

/// The optimal price and per-buyer profit (before pricing costs) of one class.
public struct ClassPrice: Sendable {
    /// p^{k*}.
    public let price: Double
    /// Σ_{n∈k} (p − c_n)[1 − F_n(p)]/N at p = p^{k*}.
    public let profit: Double
}

/// The seller's problem (2) with N versions, B buyers and pricing cost r per class.
public struct SellerProblem: Sendable {
    /// The versions in the order of the propositions' labels (costs/indices increasing).
    public let versions: [Version]
    /// Pricing cost per class r ≥ 0.
    public let r: Double
    /// Number of buyers B ≥ 1.
    public let B: Double

    /// Validates r ≥ 0, B ≥ 1 and N ≥ 1. Versions are kept in the given order
    /// (the DP uses this order as the interval order of Propositions 1–3).
    /// - Throws: `.noVersions`, `.invalidPricingCost` (r), `.tooFewBuyers` (B).
    public init(versions: [Version], r: Double, B: Double) throws {
        try require(!versions.isEmpty, .noVersions)
        try require(r >= 0 && r.isFinite, .invalidPricingCost(r))
        try require(B >= 1 && B.isFinite, .tooFewBuyers(B))
        self.versions = versions; self.r = r; self.B = B
    }

    /// N.
    public var N: Int { versions.count }

    /// The class profit function π_k(p) = Σ_{n∈k} (p − c_n)[1 − F_n(p)]/N.
    public func classProfit(_ members: [Int], at p: Double) -> Double {
        var s = 0.0
        // Fields read in place: copying a Version would retain its closures and arrays.
        for n in members { s += (p - versions[n].cost) * (1 - versions[n].distribution.cdf(p)) }
        return s / Double(N)
    }

    /// The first-order condition (18) times N: Σ[1 − F_n(p)] − Σ (p − c_n) f_n(p) (= N π_k'(p)).
    public func firstOrderCondition(_ members: [Int], at p: Double) -> Double {
        var s = 0.0
        for n in members {
            s += (1 - versions[n].distribution.cdf(p)) - (p - versions[n].cost) * versions[n].distribution.density(p)
        }
        return s
    }

    /// The optimal class price p^{k*} from (18): scans [min c_n, 1] on a
    /// 64-cell grid (plus density break points) for sign changes of the FOC,
    /// solves each by `Roots.brent` (tolerance 1e-13), and returns the root (or
    /// end point) with the highest class profit. With uniform F and rational
    /// costs the price is (1 + c̄)/2 (see `UniformClassPricing` for the exact value).
    ///
    /// - Complexity: O(|members| · (64 + root iterations)).
    /// - Throws: `.invalidClass` if `members` is empty or has an index outside 0..<N.
    public func classPrice(_ members: [Int]) throws -> ClassPrice {
        try require(!members.isEmpty && members.allSatisfy { $0 >= 0 && $0 < N }, .invalidClass(members: members, versions: N))
        let lo = members.map { versions[$0].cost }.min()!
        if lo >= 1 { return ClassPrice(price: 1, profit: 0) }
        var grid = (0...64).map { lo + (1 - lo) * Double($0) / 64 }
        for n in members { grid += versions[n].distribution.breakpoints.filter { $0 > lo && $0 < 1 } }
        grid.sort()
        var cands = [lo, 1.0]
        var g0 = firstOrderCondition(members, at: grid[0])
        for i in 1..<grid.count {
            let a = grid[i - 1], b = grid[i]
            if b <= a { continue }
            let g1 = firstOrderCondition(members, at: b)
            if g0 == 0 { cands.append(a) }
            if g0 * g1 < 0, let root = try? Roots.brent({ firstOrderCondition(members, at: $0) }, in: a, b,
                                                          absoluteTolerance: 1e-13) {
                cands.append(root.root)
            }
            g0 = g1
        }
        var best = ClassPrice(price: lo, profit: -Double.infinity)
        for p in cands {
            let v = classProfit(members, at: p)
            if v > best.profit { best = ClassPrice(price: p, profit: v) }
        }
        return best
    }

    /// The class price by direct maximisation of π_k (Optimize.maximizeGlobal
    /// on [min c_n, 1], 801 grid points, tolerance 1e-12): the second method
    /// used to check `classPrice`.
    /// - Throws: `.invalidClass` on an invalid class; rethrows the optimiser's errors.
    public func classPriceByMaximization(_ members: [Int]) throws -> ClassPrice {
        try require(!members.isEmpty && members.allSatisfy { $0 >= 0 && $0 < N }, .invalidClass(members: members, versions: N))
        let lo = members.map { versions[$0].cost }.min()!
        if lo >= 1 { return ClassPrice(price: 1, profit: 0) }
        let m = try Optimize.maximizeGlobal({ classProfit(members, at: $0) }, in: lo, 1,
                                            gridPoints: 801, tolerance: 1e-12)
        return ClassPrice(price: m.maximizers[0], profit: m.value)
    }

    /// The partition objective (19): Σ_k π_k(p^{k*}) − K r/B (per buyer).
    /// - Complexity: N·O(class price). Throws `.notAPartition` if `partition` is not a partition of 0..<N.
    public func objective(_ partition: ClassPartition) throws -> Double {
        let all = partition.classes.flatMap { $0 }.sorted()
        try require(all == Array(0..<N), .notAPartition(partition, versions: N))
        var s = 0.0
        for c in partition.classes { s += try classPrice(c).profit }
        return s - Double(partition.count) * r / B
    }
}
