import Distributions
import Foundation
import Numerics

// Sec. III with demands F_n in the shared distribution text form: one F for
// every version (Sec. III.1, identical prior demands) or one per version
// (Sec. III.3). Class k's profit is Σ_{n∈k} (p − c_n)[1 − F_n(p)]/N at its
// price p^{k*} from (18) (= (3) for a common F), and the partition solves (19)
// (= (4)). Proposition 1 / Corollary 1 (common F): optimal classes are cost
// intervals, class prices rising with the average class cost; Proposition 3 /
// Corollary 3 (versions labelled so that MSC+LR holds): index intervals. So the
// optimal K-partition is found by the interval DP over consecutive versions —
// in cost order for a common F, in the given (index) order otherwise —
// (`SellerProblem.optimalIntervalPartitions`, O(K N²) class prices), and the
// brute force over all set partitions (`BruteForcePartitions.seller`) checks
// it without assuming intervals (for per-version F that violate MSC+LR the
// two may differ: the brute force is then the optimum).
//
// Exactness: when every F_n is piecewise polynomial with rational coefficients
// (the distribution's `exact` cdf), each class price found numerically is
// tested for being a rational root of (18) (or a rational knot where π_k′
// changes sign): the simplest rational within 1e-11, then 1e-9, of it, checked
// in exact arithmetic. If every class price is certified, the profit is exact;
// otherwise floating point only (`SellerProblem.classPrice`, tolerance 1e-13).

/// An optimal K-partition.
public struct DemandClasses: Sendable {
    /// The partition (the caller's version indices).
    public let partition: ClassPartition
    /// Σ_k Σ_{n∈k} (p^{k*} − c_n)[1 − F_n(p^{k*})]/N, floating point.
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

/// The seller's problem (19) with N versions of rational cost and demands F_n on [0, 1].
public struct DemandClassPricing: Sendable {
    /// F_n, one per version (all equal for a common demand).
    public let demands: [TypeDistribution]
    /// The costs as given.
    public let costs: [Rational]
    /// True when every version has the same F (Sec. III.1: intervals in cost order).
    public let isCommonDemand: Bool
    /// order[i] = the original index of the i-th version of the DP's order: costs ascending
    /// (stable) for a common F, the given index order otherwise.
    public let order: [Int]
    /// The seller's problem on the versions in `order` (r = 0, B = 1: gross profits).
    let problem: SellerProblem

    /// A common demand F for every version.
    public init(costs: [Rational], demand: TypeDistribution) throws {
        try self.init(costs: costs, demands: Array(repeating: demand, count: costs.count))
    }

    /// - Throws: `.noVersions`, `.costOutOfRange`, `.demandHasAtoms`, `.demandSupport`,
    ///   `.unsupportedVersionCount` (not one demand per cost), or `ValueDistribution`'s checks of F.
    public init(costs: [Rational], demands: [TypeDistribution]) throws {
        try require(!costs.isEmpty, .noVersions)
        try require(demands.count == costs.count, .demandCount(demands: demands.count, versions: costs.count))
        for (i, c) in costs.enumerated() { try require(c >= .zero && c <= .one, .costOutOfRange(version: i, cost: c)) }
        var laws: [String: ValueDistribution] = [:]
        for d in demands where laws[d.description] == nil {
            try require(d.isContinuous, .demandHasAtoms(law: d.description))
            try require(d.upper == 1, .demandSupport(law: d.description, upper: d.upper))
            laws[d.description] = try ValueDistribution(name: d.description, cdf: { d.cdf($0) }, density: { d.pdf($0) }, breakpoints: d.breakpoints)
        }
        self.demands = demands
        self.costs = costs
        isCommonDemand = demands.allSatisfy { $0 == demands[0] }
        order = isCommonDemand ? costs.indices.sorted { costs[$0] < costs[$1] || (costs[$0] == costs[$1] && $0 < $1) } : Array(costs.indices)
        problem = try SellerProblem(versions: try order.map { try Version(cost: costs[$0], distribution: laws[demands[$0].description]!) }, r: 0, B: 1)
    }

    /// N.
    public var N: Int { costs.count }

    /// The optimal interval K-partition (in `order`) for every K in 1...maxK.
    /// - Complexity: O(N²) class prices (cached), O(maxK N²) DP steps.
    /// - Throws: `.classCountOutOfRange` unless 1 ≤ maxK ≤ N.
    public func optimalPartitions(maxK: Int) throws -> [DemandClasses] {
        try problem.optimalIntervalPartitions(maxK: maxK).map { try classes(ordered: $0.partition.classes) }
    }

    /// The brute-force optimum over all set partitions (no interval assumption) for every K.
    /// - Throws: `.tooManyVersionsForBruteForce` unless N ≤ 12.
    public func bruteForce() throws -> [DemandClasses] {
        try BruteForcePartitions.seller(problem).bestByK.map { try classes(ordered: $0.classes) }
    }

    /// The profit-maximising K at r/B (ties within 1e-12 to the smaller K) or the fixed K, with its partition.
    public func optimum(rOverB: Double, fixedK: Int? = nil) throws -> (K: Int, classes: DemandClasses) {
        let all = try optimalPartitions(maxK: fixedK ?? N)
        let K = try fixedK ?? optimalClassCount(grossByK: all.map(\.grossProfit), rOverB: rOverB)
        return (K, all[K - 1])
    }

    /// A partition of the versions in `order` (positions), evaluated and mapped back to the original indices.
    func classes(ordered: [[Int]]) throws -> DemandClasses {
        let original = ordered.map { $0.map { order[$0] } }
        let partition = ClassPartition(original)
        var prices: [Double] = [], exact: [Rational]? = [], means: [Rational] = []
        var gross = 0.0, exactGross = Rational.zero, ssd = Rational.zero
        // In the partition's class order (classes by smallest original index).
        for members in partition.classes {
            let cs = members.map { costs[$0] }
            let mean = cs.reduce(Rational.zero, +) / Rational(cs.count)
            for c in cs { ssd += (c - mean) * (c - mean) }
            let positions = members.map { m in order.firstIndex(of: m)! }
            let price = try problem.classPrice(positions)
            prices.append(price.price); means.append(mean); gross += price.profit
            if exact != nil, let q = certifiedPrice(members: members, near: price.price) {
                exact!.append(q)
                for n in members { exactGross += (q - costs[n]) * (1 - demands[n].exact!.cdf(q)) / Rational(N) }
            } else {
                exact = nil
            }
        }
        return DemandClasses(partition: partition, grossProfit: gross, exactGrossProfit: exact.map { _ in exactGross },
                             prices: prices, exactPrices: exact, meanCosts: means, ssd: ssd)
    }

    /// The exact price of the class `members` (original indices) when every F_n is exact: a rational q
    /// near the numerical price p with (18) exactly, Σ_n [1 − F_n(q) − (q − c_n) f_n(q)] = 0 (q inside a
    /// piece of every F_n), or with π′ changing sign at a knot q (left sum ≥ 0 ≥ right sum); nil when none is found.
    public func certifiedPrice(members: [Int], near p: Double) -> Rational? {
        let laws = members.map { demands[$0].exact }
        guard laws.allSatisfy({ $0 != nil }) else { return nil }
        let cs = members.map { costs[$0] }
        if cs.allSatisfy({ $0 >= .one }) { return .one }
        for tolerance in [1e-11, 1e-9] {
            guard let q = Rational.simplest(near: p, tolerance: tolerance), q >= cs.min()!, q <= .one else { continue }
            // π′ from the left (pieces ending at q) and from the right (pieces starting at q), times N.
            var left = Rational.zero, right = Rational.zero
            for (F, c) in zip(laws.map { $0! }, cs) {
                guard let i = F.piece(containing: q) else { return nil }
                func foc(_ piece: Int) -> Rational {
                    1 - ExactCDF.evaluate(F.pieces[piece], at: q) - (q - c) * ExactCDF.evaluate(ExactCDF.derivative(F.pieces[piece]), at: q)
                }
                right += foc(i)
                left += (i > 0 && F.knots[i] == q) ? foc(i - 1) : foc(i)
            }
            if left >= .zero && right <= .zero { return q }
        }
        return nil
    }
}
