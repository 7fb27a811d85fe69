// Sec. IV's comparative statics: the optimal number of classes for given costs
// scaled about their mean (cost spread; uniform F, exact), for power-family
// F_n = x^{1 + s·d_n} (demand spread; floating point, the general case), and
// for N equally spaced costs (uniform F, exact). Each also takes a fixed K
// (`K` ≥ 1): then the optimal K-partition of (4) at that K, with its profit
// net of K r/B, instead of the K the trade-off at r/B picks.

import ClassPricing
import Foundation
import Harness
import Numerics

/// The pricing cost per class and the number of buyers.
struct PricingCostParameters: SolverParameters {
    @Parameter("r", doc: "pricing cost per class r ≥ 0", domain: .nonNegative)
    var r: Rational
    @Parameter("B", doc: "number of buyers B ≥ 1", domain: .atLeast(1))
    var B: Rational
}

/// The number of classes: fixed by the spec (K ≥ 1) or, when the spec leaves
/// it out, chosen at r/B.
struct ClassCountParameters: SolverParameters {
    @Parameter("K", doc: "a fixed number of classes 1 ≤ K ≤ N: report the optimal K-partition of (4) and its profit net of K r/B (absent: the profit-maximising K at r/B)",
               domain: .between(1, 10_000))
    var K: Int?

    /// The fixed K, nil when K is chosen at r/B.
    /// - Throws: an input error at `K` when K > N.
    func fixedK(versions N: Int) throws -> Int? {
        guard let K else { return nil }
        guard K <= N else { throw SolverInputError($K, expected: "1 ≤ K ≤ N = \(N) (the number of costs), or no K (chosen at r/B)", found: "\(K)") }
        return K
    }
}

/// N, the optimal K and what it says about class pricing (every optimal-classes kind).
struct ClassCountColumns: SolverRow {
    var N: Int
    var K: Int
    var KOverN: Rational
    var usesClassPricing: Int
    var singlePrice: Int

    static let columns: [RowColumn<Self>] = [
        .init("N", \.N, doc: "number of versions"),
        .init("K", \.K, doc: "number of classes: the profit-maximising K at r/B (ties to the smaller K), or the fixed K"),
        .init("K_over_N", \.KOverN, doc: "K/N"),
        .init("uses_class_pricing", \.usesClassPricing, doc: "1 if K < N (some versions share a price), else 0"),
        .init("single_price", \.singlePrice, doc: "1 if K = 1 (one price for every version), else 0"),
    ]

    init(N: Int, K: Int) {
        self.N = N; self.K = K; KOverN = Rational(K, N); usesClassPricing = K < N ? 1 : 0; singlePrice = K == 1 ? 1 : 0
    }
}

/// The optimal partition, its class prices, the costs' variance and the second method's verdict.
struct OptimalPartitionColumns: SolverRow {
    var partition: String
    var classPrices: String
    var costVariance: Rational
    var secondMethodK: Int
    var methodsAgree: Bool

    static let columns: [RowColumn<Self>] = [
        .init("partition", \.partition, doc: "an optimal partition (0-based versions in the given order)"),
        .init("class_prices", \.classPrices, doc: "the optimal class prices p^{k*}, in the order of the partition's classes (exact with uniform F; 10 significant digits otherwise)"),
        .init("cost_variance", \.costVariance, doc: "population variance of the costs used"),
        .init("second_method_K", \.secondMethodK, doc: "K by the second method (uniform F: interval DP with numerical class prices; otherwise: interval DP in index order); the fixed K when K is fixed"),
        .init("methods_agree", \.methodsAgree, doc: "same K and |Δ profit| ≤ 1e-9"),
    ]
}

/// Population variance of the costs.
func costVariance(_ costs: [Rational]) -> Rational {
    let n = Rational(costs.count)
    let mean = costs.reduce(Rational.zero, +) / n
    return costs.reduce(Rational.zero) { $0 + ($1 - mean) * ($1 - mean) } / n
}

/// The second method: the interval DP in index order with numerical class prices (18), at r/B:
/// the K it picks (or the fixed K) and the net profit Σ π_k − K r/B.
func intervalDPOptimum(_ problem: SellerProblem, rOverB: Double, fixedK: Int? = nil) throws -> (K: Int, profit: Double) {
    let dp = try problem.optimalIntervalPartitions(maxK: fixedK ?? problem.N)
    let K = try fixedK ?? optimalClassCount(grossByK: dp.map { $0.grossProfit }, rOverB: rOverB)
    return (K, dp[K - 1].grossProfit - Double(K) * rOverB)
}

/// The optimal number of classes with uniform F (exact): optimal-classes and optimal-classes-spaced.
struct OptimalClassesRow: SolverRow {
    var count: ClassCountColumns
    var profit: Rational
    var ssd: Rational
    var optimum: OptimalPartitionColumns

    static let columns: [RowColumn<Self>] = RowColumn.group(\.count) + [
        .init("profit", \.profit, doc: "net per-buyer profit Σ_k π_k − K r/B at the optimum (at the optimal K-partition when K is fixed; exact: uniform F, eq. (4))"),
        .init("ssd", \.ssd, doc: "the partition's within-class sum of squared cost deviations SSD, eq. (7) (exact; profit = [Σ(1 − c)² − SSD]/(4N) − K r/B)"),
    ] + RowColumn.group(\.optimum)

    /// The optimal K for costs at exact r/B with uniform F (or the fixed K): the exact min-SSD DP
    /// (Finding 1, eq. (7); class prices (1 + c̄^k)/2, eq. (3), listed in the printed partition's class order);
    /// second method the numerical interval DP on the costs sorted ascending (Finding 1: optimal classes are cost
    /// intervals, so the index-order DP would miss them for unsorted costs).
    init(costs: [Rational], rOverB: Rational, fixedK: Int? = nil) throws {
        let solver = try UniformClassPricing(costs: costs)
        let exact: (K: Int, classes: OptimalClasses<Rational>, profit: Rational)
        if let K = fixedK {
            let classes = try solver.optimalPartition(K: K)
            exact = (K, classes, classes.grossProfit - Rational(K) * rOverB)
        } else {
            exact = try solver.optimalK(rOverB: rOverB)
        }
        let dp = try intervalDPOptimum(try powerProblem(costs: costs.sorted(), exponents: Array(repeating: .one, count: costs.count)),
                                       rOverB: rOverB.doubleValue, fixedK: fixedK)
        count = ClassCountColumns(N: costs.count, K: exact.K)
        profit = exact.profit
        ssd = exact.classes.ssd
        optimum = OptimalPartitionColumns(
            partition: exact.classes.partition.description,
            classPrices: "(" + exact.classes.partition.classes.map { cls in
                (1 + cls.reduce(Rational.zero) { $0 + costs[$1] } / Rational(cls.count)) / 2
            }.map(\.description).joined(separator: ", ") + ")",
            costVariance: costVariance(costs), secondMethodK: dp.K,
            methodsAgree: dp.K == exact.K && abs(dp.profit - exact.profit.doubleValue) <= 1e-9)
    }
}

/// The optimal number of classes with power-family F (floating point).
struct PowerOptimalClassesRow: SolverRow {
    var count: ClassCountColumns
    var profit: Double
    var optimum: OptimalPartitionColumns

    static let columns: [RowColumn<Self>] = RowColumn.group(\.count) + [
        .init("profit", \.profit, doc: "net per-buyer profit Σ_k π_k − K r/B at the optimum (at the optimal K-partition when K is fixed; class prices from the first-order condition (18), floating point)"),
    ] + RowColumn.group(\.optimum)

    /// Brute force over all set partitions (class prices from (18)), at the K picked at r/B or the fixed K;
    /// second method the interval DP in index order.
    init(costs: [Rational], exponents: [Rational], rOverB exactROverB: Rational, fixedK: Int? = nil) throws {
        let rOverB = exactROverB.doubleValue
        let problem = try powerProblem(costs: costs, exponents: exponents)
        let bf = try BruteForcePartitions.seller(problem)
        let K = try fixedK ?? optimalClassCount(grossByK: bf.valueByK, rOverB: rOverB)
        let partition = bf.bestByK[K - 1]
        let prices = try partition.classes.map { try problem.classPrice($0).price }
        let dp = try intervalDPOptimum(problem, rOverB: rOverB, fixedK: fixedK)
        count = ClassCountColumns(N: costs.count, K: K)
        profit = bf.valueByK[K - 1] - Double(K) * rOverB
        optimum = OptimalPartitionColumns(
            partition: partition.description,
            classPrices: "(" + prices.map { String(format: "%.10g", $0) }.joined(separator: ", ") + ")",
            costVariance: costVariance(costs), secondMethodK: dp.K,
            methodsAgree: dp.K == K && abs(dp.profit - profit) <= 1e-9)
    }
}

// MARK: - Cost and demand spread

/// Base costs scaled about their mean.
struct CostSpreadParameters: SolverParameters {
    // At most 60 versions, like optimal-classes-spaced: the exact DP's rationals grow with N (about 0.5 s
    // per row at N = 60 and 2 s at 100); larger N: optimal-classes-power with zero exponent deviations (floating point).
    @Parameter("costs", doc: "base costs c_n in [0, 1] (index order; at most 60, exact)", domain: .between(0, 1), minimumCount: 1, maximumCount: 60)
    var costs: [Rational]
    @Parameter("cost_spread", doc: "costs used: c̄ + s(c_n − c̄)", default: Rational.one, domain: .nonNegative)
    var costSpread: Rational

    /// The costs scaled about their mean.
    func scaledCosts() throws -> [Rational] {
        let s = costSpread
        let mean = costs.reduce(Rational.zero, +) / Rational(costs.count)
        let scaled = costs.map { mean + s * ($0 - mean) }
        for c in scaled where c < .zero || c > .one {
            throw SolverInputError($costSpread, expected: "a spread keeping every cost c̄ + s(c_n − c̄) in [0, 1]", found: "\(show(s)) (gives \(show(c)))")
        }
        return scaled
    }
}

struct OptimalClassesParameters: SolverParameters {
    var spread = CostSpreadParameters()
    var pricing = PricingCostParameters()
    var classCount = ClassCountParameters()
}

let optimalClasses = SolverKind(
    "class-pricing.optimal-classes",
    summary: "Sec. IV comparative statics, uniform F: the optimal number of classes, profit and class prices (exact) for given costs scaled about their mean (cost_spread), or the optimal partition at a fixed K",
    parameters: OptimalClassesParameters.self,
    validate: { p in _ = try p.classCount.fixedK(versions: try p.spread.scaledCosts().count) },
    run: { p, _ in
        let costs = try p.spread.scaledCosts()
        return [try OptimalClassesRow(costs: costs, rOverB: p.pricing.r / p.pricing.B, fixedK: try p.classCount.fixedK(versions: costs.count))]
    })

struct PowerOptimalClassesParameters: SolverParameters {
    var spread = CostSpreadParameters()
    @Parameter("exponent_deviations", doc: "d_n: F_n(x) = x^{1 + s·d_n}, one per cost", minimumCount: 1)
    var exponentDeviations: [Rational]
    @Parameter("demand_spread", doc: "exponents used: a_n = 1 + s·d_n", default: Rational.one, domain: .nonNegative)
    var demandSpread: Rational
    var pricing = PricingCostParameters()
    var classCount = ClassCountParameters()

    /// The scaled costs and the exponents a_n = 1 + s·d_n.
    func instance() throws -> (costs: [Rational], exponents: [Rational]) {
        let costs = try spread.scaledCosts()
        let n = costs.count, d = exponentDeviations
        guard d.count == n else {
            throw SolverInputError($exponentDeviations, expected: "one deviation d_n per cost (\(n))", found: "\(d.count)")
        }
        guard n <= 10 else {
            throw SolverInputError($exponentDeviations, expected: "at most 10 versions (brute force over set partitions)", found: "\(n) versions")
        }
        let a = d.map { 1 + demandSpread * $0 }
        for x in a where x <= .zero {
            throw SolverInputError($demandSpread, expected: "a spread keeping every exponent 1 + s·d_n > 0", found: "\(show(demandSpread)) (gives \(show(x)))")
        }
        return (costs, a)
    }
}

let optimalClassesPower = SolverKind(
    "class-pricing.optimal-classes-power",
    summary: "Sec. IV comparative statics, power-family F_n = x^{1 + s·d_n} (demand_spread s; s = 0 is uniform): the optimal number of classes, profit and class prices (floating point, brute force over set partitions) for costs scaled about their mean, or the optimal partition at a fixed K",
    parameters: PowerOptimalClassesParameters.self,
    validate: { p in _ = try p.classCount.fixedK(versions: try p.instance().costs.count) },
    run: { p, _ in
        let inst = try p.instance()
        return [try PowerOptimalClassesRow(costs: inst.costs, exponents: inst.exponents, rOverB: p.pricing.r / p.pricing.B,
                                           fixedK: try p.classCount.fixedK(versions: inst.costs.count))]
    })

// MARK: - Number of versions

struct OptimalClassesSpacedParameters: SolverParameters {
    @Parameter("N", doc: "number of versions", domain: .between(1, 60))
    var N: Int
    @Parameter("cost_low", doc: "c_1", domain: .between(0, 1))
    var costLow: Rational
    @Parameter("cost_high", doc: "c_N", domain: .between(0, 1))
    var costHigh: Rational
    var pricing = PricingCostParameters()
    var classCount = ClassCountParameters()

    /// N equally spaced costs from cost_low to cost_high.
    func costs() throws -> [Rational] {
        let (n, lo, hi) = (N, costLow, costHigh)
        if lo > hi { throw SolverInputError($costLow, expected: "cost_low ≤ cost_high", found: "\(show(lo)) > \(show(hi))") }
        if n == 1 { return [lo] }
        return (0..<n).map { lo + (hi - lo) * Rational($0, n - 1) }
    }
}

let optimalClassesSpaced = SolverKind(
    "class-pricing.optimal-classes-spaced",
    summary: "Sec. IV comparative statics in N: the optimal number of classes for N equally spaced costs on [cost_low, cost_high], uniform F, or the optimal partition at a fixed K",
    parameters: OptimalClassesSpacedParameters.self,
    validate: { p in _ = try p.classCount.fixedK(versions: try p.costs().count) },
    run: { p, _ in
        let costs = try p.costs()
        return [try OptimalClassesRow(costs: costs, rOverB: p.pricing.r / p.pricing.B, fixedK: try p.classCount.fixedK(versions: costs.count))]
    })
