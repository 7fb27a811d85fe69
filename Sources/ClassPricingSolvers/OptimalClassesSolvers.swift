// Sec. IV's comparative statics: the optimal number of classes for given costs
// scaled about their mean (cost spread) and power-family F_n = x^{1 + s·d_n}
// (demand spread), and for N equally spaced costs. Remark 1A's specs use the
// same kind.

import ClassPricing
import Harness
import Numerics

/// The pricing cost per class and the number of buyers.
struct PricingCostParameters: SolverParameters {
    @Parameter("r", doc: "pricing cost per class r ≥ 0", domain: .nonNegative)
    var r: Rational
    @Parameter("B", doc: "number of buyers B ≥ 1", domain: .atLeast(1))
    var B: Rational
}

/// The optimal number of classes (shared by both kinds).
struct OptimalClassesRow: SolverRow {
    var N: Int
    var K: Int
    var KOverN: Rational
    var usesClassPricing: Int
    var singlePrice: Int
    var profit: Double
    var partition: String
    var costVariance: Rational
    var secondMethodK: Int
    var methodsAgree: Bool

    static let columns: [RowColumn<Self>] = [
        .init("N", \.N, doc: "number of versions"),
        .init("K", \.K, doc: "profit-maximising number of classes (ties to the smaller K)"),
        .init("K_over_N", \.KOverN, doc: "K/N"),
        .init("uses_class_pricing", \.usesClassPricing, doc: "1 if K < N (some versions share a price), else 0"),
        .init("single_price", \.singlePrice, doc: "1 if K = 1 (one price for every version), else 0"),
        .init("profit", \.profit, doc: "net per-buyer profit Σ_k π_k − K r/B at the optimum"),
        .init("partition", \.partition, doc: "an optimal partition"),
        .init("cost_variance", \.costVariance, doc: "population variance of the costs used"),
        .init("second_method_K", \.secondMethodK, doc: "K by the second method (uniform F: interval DP with numerical class prices; otherwise: interval DP in index order)"),
        .init("methods_agree", \.methodsAgree, doc: "same K and |Δ profit| ≤ 1e-9"),
    ]

    /// The optimal K for costs and exponents (nil: uniform F) at exact r/B. Uniform F:
    /// exact min-SSD DP (Finding 1), second method the numerical interval DP.
    /// Otherwise: brute force over all set partitions, second method the interval DP in the given order.
    init(costs: [Rational], exponents: [Rational]?, pricing: PricingCostParameters) throws {
        let rOverB = pricing.r / pricing.B
        let n = costs.count
        let mean = costs.reduce(Rational.zero, +) / Rational(n)
        let variance = costs.reduce(Rational.zero) { $0 + ($1 - mean) * ($1 - mean) } / Rational(n)
        let problem = try powerProblem(costs: costs, exponents: exponents ?? Array(repeating: .one, count: n))
        let dp = try problem.optimalIntervalPartitions(maxK: n)
        let dpK = try optimalClassCount(grossByK: dp.map { $0.grossProfit }, rOverB: rOverB.doubleValue)
        let dpProfit = dp[dpK - 1].grossProfit - Double(dpK) * rOverB.doubleValue
        let K: Int, profit: Double, partition: ClassPartition
        if exponents == nil {
            let exact = try UniformClassPricing(costs: costs).optimalK(rOverB: rOverB)
            (K, profit, partition) = (exact.K, exact.profit.doubleValue, exact.classes.partition)
        } else {
            let bf = try BruteForcePartitions.seller(problem)
            K = try optimalClassCount(grossByK: bf.valueByK, rOverB: rOverB.doubleValue)
            (profit, partition) = (bf.valueByK[K - 1] - Double(K) * rOverB.doubleValue, bf.bestByK[K - 1])
        }
        self.init(N: n, K: K, KOverN: Rational(K, n), usesClassPricing: K < n ? 1 : 0, singlePrice: K == 1 ? 1 : 0,
                  profit: profit, partition: partition.description, costVariance: variance,
                  secondMethodK: dpK, methodsAgree: dpK == K && abs(dpProfit - profit) <= 1e-9)
    }

    init(N: Int, K: Int, KOverN: Rational, usesClassPricing: Int, singlePrice: Int, profit: Double, partition: String,
         costVariance: Rational, secondMethodK: Int, methodsAgree: Bool) {
        self.N = N; self.K = K; self.KOverN = KOverN; self.usesClassPricing = usesClassPricing; self.singlePrice = singlePrice
        self.profit = profit; self.partition = partition; self.costVariance = costVariance
        self.secondMethodK = secondMethodK; self.methodsAgree = methodsAgree
    }
}

// MARK: - Cost and demand spread

struct OptimalClassesParameters: SolverParameters {
    @Parameter("costs", doc: "base costs c_n in [0, 1] (index order)", domain: .between(0, 1), minimumCount: 1)
    var costs: [Rational]
    @Parameter("cost_spread", doc: "costs used: c̄ + s(c_n − c̄)", default: Rational.one, domain: .nonNegative)
    var costSpread: Rational
    @Parameter("exponent_deviations", doc: "d_n (empty: uniform F for every version)", default: [Rational]())
    var exponentDeviations: [Rational]
    @Parameter("demand_spread", doc: "exponents used: a_n = 1 + s·d_n", default: Rational.one, domain: .nonNegative)
    var demandSpread: Rational
    var pricing = PricingCostParameters()

    /// The costs scaled about their mean and the exponents (nil: uniform F).
    func instance() throws -> (costs: [Rational], exponents: [Rational]?) {
        let n = costs.count
        let s = costSpread
        let mean = costs.reduce(Rational.zero, +) / Rational(n)
        let scaled = costs.map { mean + s * ($0 - mean) }
        for c in scaled where c < .zero || c > .one {
            throw SolverInputError($costSpread, expected: "a spread keeping every cost c̄ + s(c_n − c̄) in [0, 1]", found: "\(show(s)) (gives \(show(c)))")
        }
        let d = exponentDeviations
        if d.isEmpty { return (scaled, nil) }
        guard d.count == n else {
            throw SolverInputError($exponentDeviations, expected: "one deviation d_n per cost (\(n))", found: "\(d.count)")
        }
        guard n <= 10 else {
            throw SolverInputError($exponentDeviations, expected: "at most 10 versions with non-uniform F (brute force)", found: "\(n) versions")
        }
        let t = demandSpread
        let a = d.map { 1 + t * $0 }
        for x in a where x <= .zero {
            throw SolverInputError($demandSpread, expected: "a spread keeping every exponent 1 + s·d_n > 0", found: "\(show(t)) (gives \(show(x)))")
        }
        return (scaled, a.allSatisfy { $0 == .one } ? nil : a)
    }
}

let optimalClasses = SolverKind(
    "class-pricing.optimal-classes",
    summary: "Sec. IV comparative statics: the optimal number of classes for given costs scaled about their mean (cost_spread) and power-family F_n = x^{1 + s·d_n} (demand_spread s)",
    parameters: OptimalClassesParameters.self,
    validate: { p in _ = try p.instance() },
    run: { p, _ in
        let inst = try p.instance()
        return [try OptimalClassesRow(costs: inst.costs, exponents: inst.exponents, pricing: p.pricing)]
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
    summary: "Sec. IV comparative statics in N: the optimal number of classes for N equally spaced costs on [cost_low, cost_high], uniform F",
    parameters: OptimalClassesSpacedParameters.self,
    validate: { p in _ = try p.costs() },
    run: { p, _ in [try OptimalClassesRow(costs: try p.costs(), exponents: nil, pricing: p.pricing)] })
