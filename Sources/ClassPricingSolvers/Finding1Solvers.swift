// Finding 1 on seeded random costs (uniform F: brute force = minimum SSD = the
// interval DP), and Sec. IV's hope that the minimum-SSD partition is
// approximately optimal beyond uniform F (power-family F_n = x^{a_n}).

import ClassPricing
import Harness
import Numerics

// MARK: - Finding 1 on uniform instances

struct Finding1UniformParameters: SolverParameters {
    var batch = InstanceBatchParameters()
    var costs = RandomCostParameters()

    /// The random instances' costs, sorted ascending.
    func instances() throws -> [[Rational]] {
        var rng = batch.generator
        return try batch.sizes.map { n in try costs.draw(&rng, n: n, distinct: false, sorted: true) }
    }
}

struct Finding1UniformRow: SolverRow {
    var instance: Int
    var K: Int
    var N: Int
    var costs: String
    var optimalPartition: String
    var minSSDPartition: String
    var dpPartition: String
    var optimalProfit: Rational
    var dpProfit: Rational
    var minSSD: Rational
    var optima: Int
    var optimaCoincide: Bool
    var dpOptimal: Bool

    static let columns: [RowColumn<Self>] = [
        .init("instance", \.instance, key: true, doc: "instance number (0-based, in the order of `sizes`)"),
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("N", \.N, doc: "number of versions"),
        .init("costs", \.costs, doc: "the instance's costs (sorted ascending)"),
        .init("optimal_partition", \.optimalPartition, doc: "a profit-maximising K-partition (brute force over all set partitions, exact)"),
        .init("min_ssd_partition", \.minSSDPartition, doc: "a minimum within-class SSD K-partition (brute force, exact)"),
        .init("dp_partition", \.dpPartition, doc: "the interval DP's K-partition (UniformClassPricing)"),
        .init("optimal_profit", \.optimalProfit, doc: "brute-force maximal gross per-buyer profit [Σ(1−c)² − SSD]/(4N)"),
        .init("dp_profit", \.dpProfit, doc: "the DP's gross per-buyer profit"),
        .init("min_ssd", \.minSSD, doc: "minimal within-class SSD (7)"),
        .init("optima", \.optima, doc: "number of profit-maximising K-partitions"),
        .init("optima_coincide", \.optimaCoincide, doc: "the set of profit-maximising K-partitions equals the set of minimum-SSD K-partitions"),
        .init("dp_optimal", \.dpOptimal, doc: "the DP's partition is one of the profit maximisers and its profit equals the brute-force optimum"),
    ]
}

let finding1Uniform = SolverKind(
    "class-pricing.finding-1-uniform",
    summary: "Finding 1 on seeded random costs (uniform F): brute-force profit-maximising partitions vs minimum-SSD partitions vs the exact interval DP, per (instance, K)",
    parameters: Finding1UniformParameters.self,
    validate: { p in _ = try p.instances() },
    run: { p, _ in
        var rows: [Finding1UniformRow] = []
        for (i, costs) in try p.instances().enumerated() {
            let n = costs.count
            let bf = try BruteForcePartitions.uniform(costs: costs)
            let ssd = try BruteForcePartitions.minimumSSD(costs: costs)
            let dp = try UniformClassPricing(costs: costs).optimalPartitions(maxK: n)
            for k in 0..<n {
                let optima = Set(bf.allOptimaByK[k])
                rows.append(Finding1UniformRow(
                    instance: i, K: k + 1, N: n, costs: show(costs),
                    optimalPartition: bf.bestByK[k].description, minSSDPartition: ssd.bestByK[k].description,
                    dpPartition: dp[k].partition.description, optimalProfit: bf.valueByK[k],
                    dpProfit: dp[k].grossProfit, minSSD: -ssd.valueByK[k], optima: optima.count,
                    optimaCoincide: optima == Set(ssd.allOptimaByK[k]),
                    dpOptimal: dp[k].grossProfit == bf.valueByK[k] && optima.contains(dp[k].partition)))
            }
        }
        return rows
    })

// MARK: - Min-SSD heuristic on power-family instances (Sec. IV)

struct PowerInstanceParameters: SolverParameters {
    var batch = InstanceBatchParameters()
    var costs = RandomCostParameters()
    var exponents = RandomExponentParameters()

    struct Instance { let costs: [Rational]; let exponents: [Rational]; let problem: SellerProblem }

    /// The random instances: sorted costs, exponents in draw order.
    func instances() throws -> [Instance] {
        var rng = batch.generator
        return try batch.sizes.map { n in
            let c = try costs.draw(&rng, n: n, distinct: false, sorted: true)
            let a = try exponents.draw(&rng, n: n, distinct: false, sorted: false)
            return Instance(costs: c, exponents: a, problem: try powerProblem(costs: c, exponents: a))
        }
    }

    /// Every (instance, K) comparison of the min-SSD partition with the optimum.
    func cases() throws -> [(instance: Int, inst: Instance, cmp: MinimumSSDComparison)] {
        var out: [(Int, Instance, MinimumSSDComparison)] = []
        for (i, inst) in try instances().enumerated() {
            for c in try MinimumSSDHeuristic.compare(inst.problem, costs: inst.costs) { out.append((i, inst, c)) }
        }
        return out
    }
}

struct MinSSDVsOptimumRow: SolverRow {
    var instance: Int
    var K: Int
    var N: Int
    var costs: String
    var exponents: String
    var optimalPartition: String
    var minSSDPartition: String
    var optimalProfit: Double
    var minSSDProfit: Double
    var relativeLoss: Double
    var minSSDOptimal: Bool

    static let columns: [RowColumn<Self>] = [
        .init("instance", \.instance, key: true, doc: "instance number (0-based)"),
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("N", \.N, doc: "number of versions"),
        .init("costs", \.costs, doc: "costs c_n (sorted ascending)"),
        .init("exponents", \.exponents, doc: "power exponents a_n of F_n(x) = x^{a_n}"),
        .init("optimal_partition", \.optimalPartition, doc: "a profit-maximising K-partition (brute force, class prices from (18))"),
        .init("min_ssd_partition", \.minSSDPartition, doc: "the minimum-SSD K-partition (the most profitable one among SSD ties)"),
        .init("optimal_profit", \.optimalProfit, doc: "maximal gross per-buyer profit Σ_k π_k"),
        .init("min_ssd_profit", \.minSSDProfit, doc: "gross per-buyer profit of the min-SSD partition"),
        .init("relative_loss", \.relativeLoss, doc: "(optimal − min-SSD)/optimal"),
        .init("min_ssd_optimal", \.minSSDOptimal, doc: "the min-SSD partition is profit-maximising (within 1e-12)"),
    ]
}

let minSSDVsOptimum = SolverKind(
    "class-pricing.min-ssd-vs-optimum",
    summary: "Sec. IV: Finding 1's minimum-SSD partition vs the brute-force optimum for power-family F_n(x) = x^{a_n} (seeded random a_n and costs), per (instance, K)",
    parameters: PowerInstanceParameters.self,
    validate: { p in _ = try p.instances() },
    run: { p, _ in
        try p.cases().map { i, inst, c in
            MinSSDVsOptimumRow(instance: i, K: c.K, N: inst.costs.count, costs: show(inst.costs), exponents: show(inst.exponents),
                               optimalPartition: c.optimalPartition.description, minSSDPartition: c.minimumSSDPartition.description,
                               optimalProfit: c.optimalProfit, minSSDProfit: c.minimumSSDProfit, relativeLoss: c.relativeLoss,
                               minSSDOptimal: c.minimumSSDIsOptimal)
        }
    })

struct MinSSDVsOptimumSummaryRow: SolverRow {
    var instances: Int
    var cases: Int
    var suboptimal: Int
    var suboptimalShare: Double
    var maxRelativeLoss: Double
    var meanRelativeLoss: Double
    var meanRelativeLossWhenSuboptimal: Double
    var worstCase: String

    static let columns: [RowColumn<Self>] = [
        .init("instances", \.instances, doc: "number of random instances"),
        .init("cases", \.cases, doc: "number of (instance, K) cases with 2 ≤ K ≤ N − 1 (K = 1 and K = N have a single partition)"),
        .init("suboptimal", \.suboptimal, doc: "cases where the min-SSD partition is not profit-maximising (by more than 1e-12)"),
        .init("suboptimal_share", \.suboptimalShare, doc: "suboptimal / cases"),
        .init("max_relative_loss", \.maxRelativeLoss, doc: "largest relative profit loss of the min-SSD partition"),
        .init("mean_relative_loss", \.meanRelativeLoss, doc: "mean relative loss over all cases"),
        .init("mean_relative_loss_when_suboptimal", \.meanRelativeLossWhenSuboptimal, doc: "mean relative loss over the suboptimal cases (0 if none)"),
        .init("worst_case", \.worstCase, doc: "instance and K of the largest loss"),
    ]
}

let minSSDVsOptimumSummary = SolverKind(
    "class-pricing.min-ssd-vs-optimum-summary",
    summary: "Sec. IV: how often and by how much Finding 1's minimum-SSD partition is not profit-maximising for power-family F_n (over the non-trivial cases 2 ≤ K ≤ N − 1)",
    parameters: PowerInstanceParameters.self,
    validate: { p in _ = try p.instances() },
    run: { p, _ in
        let all = try p.cases()
        let cases = all.filter { $0.cmp.K >= 2 && $0.cmp.K <= $0.inst.costs.count - 1 }
        let bad = cases.filter { !$0.cmp.minimumSSDIsOptimal }
        var worst = cases.first
        for c in cases where c.cmp.relativeLoss > worst!.cmp.relativeLoss { worst = c }
        let total = cases.reduce(0.0) { $0 + $1.cmp.relativeLoss }
        let badTotal = bad.reduce(0.0) { $0 + $1.cmp.relativeLoss }
        return [MinSSDVsOptimumSummaryRow(
            instances: p.batch.sizes.count, cases: cases.count, suboptimal: bad.count,
            suboptimalShare: cases.isEmpty ? 0 : Double(bad.count) / Double(cases.count),
            maxRelativeLoss: worst?.cmp.relativeLoss ?? 0,
            meanRelativeLoss: cases.isEmpty ? 0 : total / Double(cases.count),
            meanRelativeLossWhenSuboptimal: bad.isEmpty ? 0 : badTotal / Double(bad.count),
            worstCase: worst.map { "instance \($0.instance), K = \($0.cmp.K)" } ?? "none")]
    })
