import Distributions
import Foundation
import Numerics

// Sec. III.1 with identical prior demands F (any F, not only uniform): class k
// with |S^k| versions of average cost c̄^k earns |S^k| (p − c̄^k)[1 − F(p)]/N at
// its price p^{k*} from (3), and the partition solves (4). Proposition 1 and
// Corollary 1 (identical demands): optimal classes are cost intervals and class
// prices increase with the average class cost. So the optimal K-partition of
// the costs sorted ascending is found by the interval DP over consecutive
// versions (`SellerProblem.optimalIntervalPartitions`), O(K N²) class prices;
// the brute force over all set partitions (`BruteForcePartitions.seller`) checks
// it without assuming intervals.
//
// Exactness: when F is piecewise polynomial with rational coefficients (the
// distribution's `exact` cdf), each class price found numerically is tested for
// being a rational root of (3) (or a rational kink where π_k′ changes sign): the
// simplest rational within 1e-11, 1e-9 of it, checked in exact arithmetic. If
// every class price is certified, the profit is exact; otherwise only floating
// point (class prices from `SellerProblem.classPrice`, tolerance 1e-13).

/// The optimal K-partition under a common demand F.
public struct CommonDemandClasses: Sendable {
    /// The partition (the caller's version indices).
    public let partition: ClassPartition
    /// Σ_k |S^k| (p^{k*} − c̄^k)[1 − F(p^{k*})]/N, floating point.
    public let grossProfit: Double
    /// The same, exact, when every class price was certified rational.
    public let exactGrossProfit: Rational?
    /// Class prices p^{k*} in the order of `partition.classes`.
    public let prices: [Double]
    /// The exact class prices, when all were certified.
    public let exactPrices: [Rational]?
    /// Average class costs c̄^k in the order of `partition.classes`.
    public let meanCosts: [Rational]
    /// Within-class sum of squared cost deviations (7), exact.
    public let ssd: Rational
}

/// The seller's problem (4) with N versions of rational cost and one demand F for all.
public struct CommonDemandClassPricing: Sendable {
    /// The demand F (on [0, 1], with a density).
    public let demand: TypeDistribution
    /// The costs as given.
    public let costs: [Rational]
    /// sortedOrder[i] = the original index of the i-th smallest cost (stable).
    public let sortedOrder: [Int]
    /// The seller's problem on the sorted costs (r = 0, B = 1: gross profits).
    let problem: SellerProblem

    /// - Throws: `.noVersions`, `.costOutOfRange`, `.demandHasAtoms`, `.demandSupport`,
    ///   or `ValueDistribution`'s checks of F.
    public init(costs: [Rational], demand: TypeDistribution) throws {
        try require(!costs.isEmpty, .noVersions)
        for (i, c) in costs.enumerated() { try require(c >= .zero && c <= .one, .costOutOfRange(version: i, cost: c)) }
        try require(demand.isContinuous, .demandHasAtoms(law: demand.description))
        try require(demand.upper == 1, .demandSupport(law: demand.description, upper: demand.upper))
        self.demand = demand
        self.costs = costs
        sortedOrder = costs.indices.sorted { costs[$0] < costs[$1] || (costs[$0] == costs[$1] && $0 < $1) }
        let F = try ValueDistribution(name: demand.description, cdf: { demand.cdf($0) }, density: { demand.pdf($0) },
                                      breakpoints: demand.breakpoints)
        problem = try SellerProblem(versions: try sortedOrder.map { try Version(cost: costs[$0], distribution: F) }, r: 0, B: 1)
    }

    /// N.
    public var N: Int { costs.count }

    /// The optimal K-partition for every K in 1...maxK: the interval DP on the sorted costs.
    /// - Complexity: O(maxK N²) class prices.
    /// - Throws: `.classCountOutOfRange` unless 1 ≤ maxK ≤ N.
    public func optimalPartitions(maxK: Int) throws -> [CommonDemandClasses] {
        try problem.optimalIntervalPartitions(maxK: maxK).map { try classes(sortedClasses: $0.partition.classes) }
    }

    /// The brute-force optimum over all set partitions (no interval assumption) for every K: value and partition.
    /// - Throws: `.tooManyVersionsForBruteForce` unless N ≤ 12.
    public func bruteForce() throws -> [CommonDemandClasses] {
        let bf = try BruteForcePartitions.seller(problem)
        return try bf.bestByK.map { try classes(sortedClasses: $0.classes) }
    }

    /// The profit-maximising K at r/B (ties within 1e-12 to the smaller K) or the fixed K, with its partition.
    public func optimum(rOverB: Double, fixedK: Int? = nil) throws -> (K: Int, classes: CommonDemandClasses) {
        let all = try optimalPartitions(maxK: fixedK ?? N)
        let K = try fixedK ?? optimalClassCount(grossByK: all.map(\.grossProfit), rOverB: rOverB)
        return (K, all[K - 1])
    }

    /// A partition of the sorted versions, evaluated and mapped back to the original indices.
    func classes(sortedClasses: [[Int]]) throws -> CommonDemandClasses {
        var prices: [Double] = [], exact: [Rational]? = [], means: [Rational] = []
        var gross = 0.0, exactGross = Rational.zero, ssd = Rational.zero
        let ordered = sortedClasses.sorted { $0.min()! < $1.min()! }
        for members in ordered {
            let cs = members.map { costs[sortedOrder[$0]] }
            let mean = cs.reduce(Rational.zero, +) / Rational(cs.count)
            for c in cs { ssd += (c - mean) * (c - mean) }
            let price = try problem.classPrice(members)
            prices.append(price.price); means.append(mean); gross += price.profit
            if let q = exact.flatMap({ _ in certifiedPrice(meanCost: mean, near: price.price) }) {
                exact!.append(q)
                exactGross += Rational(cs.count) * (q - mean) * (1 - demand.exact!.cdf(q)) / Rational(N)
            } else {
                exact = nil
            }
        }
        let partition = ClassPartition(ordered.map { $0.map { sortedOrder[$0] } })
        // ClassPartition orders classes by their smallest original index: list prices in that order.
        let position = partition.classes.map { cls in ordered.firstIndex { Set($0.map { sortedOrder[$0] }) == Set(cls) }! }
        return CommonDemandClasses(partition: partition, grossProfit: gross, exactGrossProfit: exact.map { _ in exactGross },
                                   prices: position.map { prices[$0] }, exactPrices: exact.map { e in position.map { e[$0] } },
                                   meanCosts: position.map { means[$0] }, ssd: ssd)
    }

    /// The exact class price for average cost c when F is exact: a rational q near the
    /// numerical price p with (3) exactly, 1 − F(q) − (q − c) f(q) = 0 (q inside a piece), or
    /// with π′ changing sign at a knot q (left FOC ≥ 0 ≥ right FOC); nil when none is found.
    public func certifiedPrice(meanCost c: Rational, near p: Double) -> Rational? {
        guard let F = demand.exact else { return nil }
        if c >= .one { return .one }
        for tolerance in [1e-11, 1e-9] {
            guard let q = Rational.simplest(near: p, tolerance: tolerance), q >= c, q <= F.upper else { continue }
            // (3) on piece i at q: 1 − F_i(q) − (q − c) F_i′(q).
            func foc(_ i: Int) -> Rational {
                1 - ExactCDF.evaluate(F.pieces[i], at: q) - (q - c) * ExactCDF.evaluate(ExactCDF.derivative(F.pieces[i]), at: q)
            }
            guard let i = F.piece(containing: q) else { continue }
            if let k = F.knots.firstIndex(of: q), k > 0, k < F.knots.count - 1 {
                if foc(k - 1) >= .zero && foc(k) <= .zero { return q }
            } else if foc(i) == .zero {
                return q
            }
        }
        return nil
    }
}
