// Solver kinds for the property checks on seeded random instances (Finding 1,
// Propositions 1–3, Sec. IV's hope that min-SSD is approximately optimal),
// Remark 1B's two-type example and Sec. IV's comparative statics. Glue only:
// every number comes from the module's solvers called with the spec's parameters.

import Harness
import Numerics

// MARK: - Shared helpers

/// A short decimal rendering of an exact number (up to 6 places when exact, else a/b).
private func show(_ x: Rational) -> String { x.exactDecimalString(maxPlaces: 6) ?? x.description }

private func show(_ xs: [Rational]) -> String { "(" + xs.map { show($0) }.joined(separator: ", ") + ")" }

private let sizesParameter = ParameterSpec("sizes", .list(.integer), doc: "number of versions N of each random instance (one instance per entry, 2 ≤ N ≤ 10)",
                                           domain: .between(2, 10), minimumCount: 1)
private let costDenominatorParameter = ParameterSpec("costDenominator", .integer, doc: "random costs are k/costDenominator (exact)",
                                                     default: .integer(100), domain: .atLeast(1))
private let costLowParameter = ParameterSpec("costLow", .rational, doc: "lowest random cost", default: .rational(0), domain: .between(0, 1))
private let costHighParameter = ParameterSpec("costHigh", .rational, doc: "highest random cost", default: .rational(1), domain: .between(0, 1))
private let exponentLowParameter = ParameterSpec("exponentLow", .rational, doc: "lowest random power exponent a (F = x^a; drawn on the grid k/100)",
                                                 default: .rational(Rational(1, 2)), domain: .positive)
private let exponentHighParameter = ParameterSpec("exponentHigh", .rational, doc: "highest random power exponent a",
                                                  default: .rational(3), domain: .positive)

private func seedOf(_ p: ParameterValues) -> UInt64 { UInt64(p.integer("seed")) }

// MARK: - Finding 1 on uniform instances

private struct UniformInstance { let costs: [Rational] }

private func uniformInstances(_ p: ParameterValues) throws -> [UniformInstance] {
    var rng = SplitMix64(seed: seedOf(p))
    return try asInput {
        try p.integerList("sizes").map { n in
            UniformInstance(costs: try RandomInstances.costs(&rng, n: n, low: p.rational("costLow"), high: p.rational("costHigh"),
                                                           denominator: p.integer("costDenominator"), distinct: false, sorted: true))
        }
    }
}

private func finding1Uniform() -> SolverKind {
    SolverKind(
        name: "class-pricing.finding-1-uniform",
        summary: "Finding 1 on seeded random costs (uniform F): brute-force profit-maximising partitions vs minimum-SSD partitions vs the exact interval DP, per (instance, K)",
        parameters: [.seed, sizesParameter, costDenominatorParameter, costLowParameter, costHighParameter],
        columns: [
            Column("instance", .integer, key: true, doc: "instance number (0-based, in the order of `sizes`)"),
            Column("K", .integer, key: true, doc: "number of classes"),
            Column("N", .integer, doc: "number of versions"),
            Column("costs", .text, doc: "the instance's costs (sorted ascending)"),
            Column("optimal_partition", .text, doc: "a profit-maximising K-partition (brute force over all set partitions, exact)"),
            Column("min_ssd_partition", .text, doc: "a minimum within-class SSD K-partition (brute force, exact)"),
            Column("dp_partition", .text, doc: "the interval DP's K-partition (UniformClassPricing)"),
            Column("optimal_profit", .rational, doc: "brute-force maximal gross per-buyer profit [Σ(1−c)² − SSD]/(4N)"),
            Column("dp_profit", .rational, doc: "the DP's gross per-buyer profit"),
            Column("min_ssd", .rational, doc: "minimal within-class SSD (7)"),
            Column("optima", .integer, doc: "number of profit-maximising K-partitions"),
            Column("optima_coincide", .boolean, doc: "the set of profit-maximising K-partitions equals the set of minimum-SSD K-partitions"),
            Column("dp_optimal", .boolean, doc: "the DP's partition is one of the profit maximisers and its profit equals the brute-force optimum"),
        ],
        validate: { p in _ = try uniformInstances(p) },
        run: { p, _ in
            var rows: [[String: TableValue]] = []
            for (i, inst) in try uniformInstances(p).enumerated() {
                let n = inst.costs.count
                let bf = try BruteForcePartitions.uniform(costs: inst.costs)
                let ssd = try BruteForcePartitions.minimumSSD(costs: inst.costs)
                let dp = try UniformClassPricing(costs: inst.costs).optimalPartitions(maxK: n)
                for k in 0..<n {
                    let optima = Set(bf.allOptimaByK[k])
                    rows.append([
                        "instance": .int(i), "K": .int(k + 1), "N": .int(n), "costs": .text(show(inst.costs)),
                        "optimal_partition": .text(bf.bestByK[k].description), "min_ssd_partition": .text(ssd.bestByK[k].description),
                        "dp_partition": .text(dp[k].partition.description), "optimal_profit": .rational(bf.valueByK[k]),
                        "dp_profit": .rational(dp[k].grossProfit), "min_ssd": .rational(-ssd.valueByK[k]), "optima": .int(optima.count),
                        "optima_coincide": .boolean(optima == Set(ssd.allOptimaByK[k])),
                        "dp_optimal": .boolean(dp[k].grossProfit == bf.valueByK[k] && optima.contains(dp[k].partition)),
                    ])
                }
            }
            return rows
        })
}

// MARK: - Min-SSD heuristic on power-family instances (Sec. IV)

private struct PowerInstance { let costs: [Rational]; let exponents: [Rational]; let problem: SellerProblem }

private func powerProblem(costs: [Rational], exponents: [Rational]) throws -> SellerProblem {
    let versions = try zip(costs, exponents).map { c, a in
        try Version(cost: c, distribution: a == .one ? .uniform : .power(a.doubleValue))
    }
    return try SellerProblem(versions: versions, r: 0, B: 1)
}

private func powerInstances(_ p: ParameterValues) throws -> [PowerInstance] {
    var rng = SplitMix64(seed: seedOf(p))
    return try asInput {
        try p.integerList("sizes").map { n in
            let c = try RandomInstances.costs(&rng, n: n, low: p.rational("costLow"), high: p.rational("costHigh"),
                                              denominator: p.integer("costDenominator"), distinct: false, sorted: true)
            let a = try RandomInstances.exponents(&rng, n: n, low: p.rational("exponentLow"), high: p.rational("exponentHigh"),
                                                  distinct: false, sorted: false)
            return PowerInstance(costs: c, exponents: a, problem: try powerProblem(costs: c, exponents: a))
        }
    }
}

private func minSSDCases(_ p: ParameterValues) throws -> [(instance: Int, inst: PowerInstance, cmp: MinimumSSDComparison)] {
    var out: [(Int, PowerInstance, MinimumSSDComparison)] = []
    for (i, inst) in try powerInstances(p).enumerated() {
        for c in try MinimumSSDHeuristic.compare(inst.problem, costs: inst.costs) { out.append((i, inst, c)) }
    }
    return out
}

private let powerParameters: [ParameterSpec] = [.seed, sizesParameter, costDenominatorParameter, costLowParameter, costHighParameter,
                                                exponentLowParameter, exponentHighParameter]

private func minSSDVsOptimum() -> SolverKind {
    SolverKind(
        name: "class-pricing.min-ssd-vs-optimum",
        summary: "Sec. IV: Finding 1's minimum-SSD partition vs the brute-force optimum for power-family F_n(x) = x^{a_n} (seeded random a_n and costs), per (instance, K)",
        parameters: powerParameters,
        columns: [
            Column("instance", .integer, key: true, doc: "instance number (0-based)"),
            Column("K", .integer, key: true, doc: "number of classes"),
            Column("N", .integer, doc: "number of versions"),
            Column("costs", .text, doc: "costs c_n (sorted ascending)"),
            Column("exponents", .text, doc: "power exponents a_n of F_n(x) = x^{a_n}"),
            Column("optimal_partition", .text, doc: "a profit-maximising K-partition (brute force, class prices from (18))"),
            Column("min_ssd_partition", .text, doc: "the minimum-SSD K-partition (the most profitable one among SSD ties)"),
            Column("optimal_profit", .real, doc: "maximal gross per-buyer profit Σ_k π_k"),
            Column("min_ssd_profit", .real, doc: "gross per-buyer profit of the min-SSD partition"),
            Column("relative_loss", .real, doc: "(optimal − min-SSD)/optimal"),
            Column("min_ssd_optimal", .boolean, doc: "the min-SSD partition is profit-maximising (within 1e-12)"),
        ],
        validate: { p in _ = try powerInstances(p) },
        run: { p, _ in
            try minSSDCases(p).map { i, inst, c in
                ["instance": .int(i), "K": .int(c.K), "N": .int(inst.costs.count), "costs": .text(show(inst.costs)),
                 "exponents": .text(show(inst.exponents)), "optimal_partition": .text(c.optimalPartition.description),
                 "min_ssd_partition": .text(c.minimumSSDPartition.description), "optimal_profit": .real(c.optimalProfit),
                 "min_ssd_profit": .real(c.minimumSSDProfit), "relative_loss": .real(c.relativeLoss),
                 "min_ssd_optimal": .boolean(c.minimumSSDIsOptimal)]
            }
        })
}

private func minSSDVsOptimumSummary() -> SolverKind {
    SolverKind(
        name: "class-pricing.min-ssd-vs-optimum-summary",
        summary: "Sec. IV: how often and by how much Finding 1's minimum-SSD partition is not profit-maximising for power-family F_n (over the non-trivial cases 2 ≤ K ≤ N − 1)",
        parameters: powerParameters,
        columns: [
            Column("instances", .integer, doc: "number of random instances"),
            Column("cases", .integer, doc: "number of (instance, K) cases with 2 ≤ K ≤ N − 1 (K = 1 and K = N have a single partition)"),
            Column("suboptimal", .integer, doc: "cases where the min-SSD partition is not profit-maximising (by more than 1e-12)"),
            Column("suboptimal_share", .real, doc: "suboptimal / cases"),
            Column("max_relative_loss", .real, doc: "largest relative profit loss of the min-SSD partition"),
            Column("mean_relative_loss", .real, doc: "mean relative loss over all cases"),
            Column("mean_relative_loss_when_suboptimal", .real, doc: "mean relative loss over the suboptimal cases (0 if none)"),
            Column("worst_case", .text, doc: "instance and K of the largest loss"),
        ],
        validate: { p in _ = try powerInstances(p) },
        run: { p, _ in
            let all = try minSSDCases(p)
            let cases = all.filter { $0.cmp.K >= 2 && $0.cmp.K <= $0.inst.costs.count - 1 }
            let bad = cases.filter { !$0.cmp.minimumSSDIsOptimal }
            var worst = cases.first
            for c in cases where c.cmp.relativeLoss > worst!.cmp.relativeLoss { worst = c }
            let total = cases.reduce(0.0) { $0 + $1.cmp.relativeLoss }
            let badTotal = bad.reduce(0.0) { $0 + $1.cmp.relativeLoss }
            return [["instances": .int(p.integerList("sizes").count), "cases": .int(cases.count), "suboptimal": .int(bad.count),
                     "suboptimal_share": .real(cases.isEmpty ? 0 : Double(bad.count) / Double(cases.count)),
                     "max_relative_loss": .real(worst?.cmp.relativeLoss ?? 0),
                     "mean_relative_loss": .real(cases.isEmpty ? 0 : total / Double(cases.count)),
                     "mean_relative_loss_when_suboptimal": .real(bad.isEmpty ? 0 : badTotal / Double(bad.count)),
                     "worst_case": .text(worst.map { "instance \($0.instance), K = \($0.cmp.K)" } ?? "none")]]
        })
}

// MARK: - Propositions 1–3: no interlacing

private let hypotheses = ["identical-uniform", "identical-power", "identical-costs-mlr", "msc-lr"]

private struct PropositionInstance { let costs: [Rational]; let exponents: [Rational]; let problem: SellerProblem; let draws: Int; let check: MSCLRCheck }

private func propositionInstances(_ p: ParameterValues) throws -> [PropositionInstance] {
    var rng = SplitMix64(seed: seedOf(p))
    let hyp = p.text("hypothesis"), grid = p.integer("grid"), maxDraws = p.integer("maxDraws")
    let lo = p.rational("costLow"), hi = p.rational("costHigh"), den = p.integer("costDenominator")
    let eLo = p.rational("exponentLow"), eHi = p.rational("exponentHigh")
    return try asInput {
        try p.integerList("sizes").map { n in
            for draw in 1...maxDraws {
                let costs: [Rational], exps: [Rational]
                switch hyp {
                case "identical-uniform":
                    costs = try RandomInstances.costs(&rng, n: n, low: lo, high: hi, denominator: den, distinct: true, sorted: true)
                    exps = Array(repeating: .one, count: n)
                case "identical-power":
                    costs = try RandomInstances.costs(&rng, n: n, low: lo, high: hi, denominator: den, distinct: true, sorted: true)
                    exps = Array(repeating: p.rational("exponent"), count: n)
                case "identical-costs-mlr":
                    let c = try RandomInstances.costs(&rng, n: 1, low: lo, high: hi, denominator: den, distinct: false, sorted: false)[0]
                    costs = Array(repeating: c, count: n)
                    exps = try RandomInstances.exponents(&rng, n: n, low: eLo, high: eHi, distinct: true, sorted: true)
                default: // msc-lr: increasing distinct costs, iid exponents, kept only if (MSC+LR) holds on the grid
                    costs = try RandomInstances.costs(&rng, n: n, low: lo, high: hi, denominator: den, distinct: true, sorted: true)
                    exps = try RandomInstances.exponents(&rng, n: n, low: eLo, high: eHi, distinct: false, sorted: false)
                }
                let problem = try powerProblem(costs: costs, exponents: exps)
                let check = try problem.checkMSCLR(gridSize: grid, stopAtViolation: hyp == "msc-lr")
                if hyp != "msc-lr" || check.holds {
                    return PropositionInstance(costs: costs, exponents: exps, problem: problem, draws: draw, check: check)
                }
            }
            throw ClassPricingError(parameter: "maxDraws", expectation: "enough draws to find an instance satisfying (MSC+LR) on the grid (or a narrower exponent range)",
                                    received: "\(maxDraws) draws for N = \(n) without one")
        }
    }
}

private func noInterlacing() -> SolverKind {
    SolverKind(
        name: "class-pricing.no-interlacing",
        summary: "Propositions 1–3 by brute force over all set partitions: every optimal K-partition is an interval partition in index order; interval DP value vs brute force; (MSC+LR) margin of each instance",
        parameters: [.seed, sizesParameter,
                     ParameterSpec("hypothesis", .choice(hypotheses), doc: "identical-uniform / identical-power (Prop. 1: F identical, distinct increasing costs), identical-costs-mlr (Prop. 2: one cost, F_n = x^{a_n} with increasing a_n), msc-lr (Prop. 3: increasing costs, random a_n, kept only when (MSC+LR) holds on the grid)"),
                     ParameterSpec("exponent", .rational, doc: "the common exponent a of F = x^a for identical-power", default: .rational(2), domain: .positive),
                     costDenominatorParameter, costLowParameter, costHighParameter, exponentLowParameter, exponentHighParameter,
                     ParameterSpec("grid", .integer, doc: "(MSC+LR) is checked at p = i/M < P = j/M, 1 ≤ i < j < M", default: .integer(100), domain: .between(3, 2000)),
                     ParameterSpec("maxDraws", .integer, doc: "msc-lr: draws per instance before giving up", default: .integer(10000), domain: .atLeast(1))],
        columns: [
            Column("instance", .integer, key: true, doc: "instance number (0-based)"),
            Column("K", .integer, key: true, doc: "number of classes"),
            Column("N", .integer, doc: "number of versions"),
            Column("draws", .integer, doc: "draws until the instance was accepted (1 unless msc-lr)"),
            Column("costs", .text, doc: "costs c_n in index order"),
            Column("exponents", .text, doc: "exponents a_n of F_n = x^{a_n} in index order (1 = uniform)"),
            Column("msc_lr_margin", .real, doc: "min over adjacent n and grid (p, P) of [G_{n+1} − G_n]/(P − p); > 0 iff (MSC+LR) holds on the grid"),
            Column("msc_lr_argmin", .text, doc: "the pair (n, n+1) (1-based) and (p, P) attaining the margin"),
            Column("optima", .integer, doc: "number of profit-maximising K-partitions (ties within 1e-12)"),
            Column("all_optima_intervals", .boolean, doc: "every profit-maximising K-partition is an interval partition in index order (no interlacing)"),
            Column("optimal_profit", .real, doc: "brute-force maximal gross per-buyer profit Σ_k π_k"),
            Column("dp_profit", .real, doc: "interval DP (optimalIntervalPartitions) gross per-buyer profit"),
            Column("dp_matches_brute_force", .boolean, doc: "|DP − brute force| ≤ 1e-9"),
        ],
        validate: { p in
            if p.rational("costLow") > p.rational("costHigh") {
                throw SolverInputError(parameter: "costLow", expected: "costLow ≤ costHigh", found: "\(p.rational("costLow")) > \(p.rational("costHigh"))")
            }
            _ = try propositionInstances(p)
        },
        run: { p, _ in
            var rows: [[String: TableValue]] = []
            for (i, inst) in try propositionInstances(p).enumerated() {
                let r = try NoInterlacingCheck(inst.problem)
                let argmin = inst.check.n < 0 ? "none" : "n = \(inst.check.n + 1), p = \(inst.check.p), P = \(inst.check.P)"
                for k in 0..<inst.problem.N {
                    rows.append([
                        "instance": .int(i), "K": .int(k + 1), "N": .int(inst.problem.N), "draws": .int(inst.draws),
                        "costs": .text(show(inst.costs)), "exponents": .text(show(inst.exponents)),
                        "msc_lr_margin": .real(inst.check.margin), "msc_lr_argmin": .text(argmin),
                        "optima": .int(r.optimaByK[k].count), "all_optima_intervals": .boolean(r.optimaByK[k].allSatisfy { $0.isIntervalPartition }),
                        "optimal_profit": .real(r.bruteForceValueByK[k]), "dp_profit": .real(r.intervalDPValueByK[k]),
                        "dp_matches_brute_force": .boolean(abs(r.intervalDPValueByK[k] - r.bruteForceValueByK[k]) <= 1e-9),
                    ])
                }
            }
            return rows
        })
}

// MARK: - Remark 1B: two value types

private func twoType(_ p: ParameterValues) throws -> TwoTypeValues {
    try asInput {
        try TwoTypeValues(rho: p.rational("rho"), cost: p.rational("cost"), high: p.integer("high"), low: p.integer("low"),
                          rOverB: p.real("rOverB"))
    }
}

private func twoTypeValues() -> SolverKind {
    SolverKind(
        name: "class-pricing.two-type-values",
        summary: "Remark 1B: versions with values U[ρ, 1] or U[0, 1 − ρ] at a common cost: one class vs separate classes by type, and the optimal K at r/B (brute force)",
        parameters: [ParameterSpec("rho", .rational, doc: "ρ ∈ [0, 1)", domain: NumericDomain(minimum: 0, maximum: 1, maximumInclusive: false)),
                     ParameterSpec("cost", .rational, doc: "common cost c of every version", domain: .between(0, 1)),
                     ParameterSpec("high", .integer, doc: "number of versions with values U[ρ, 1]", default: .integer(1), domain: .between(1, 5)),
                     ParameterSpec("low", .integer, doc: "number of versions with values U[0, 1 − ρ]", default: .integer(1), domain: .between(1, 5)),
                     ParameterSpec("rOverB", .rational, doc: "pricing cost per class and buyer r/B", default: .rational(0), domain: .nonNegative)],
        columns: [
            Column("one_class_price", .real, doc: "optimal price of a single class of all versions (18)"),
            Column("one_class_profit", .real, doc: "its gross per-buyer profit"),
            Column("high_price", .real, doc: "optimal price of the class of U[ρ, 1] versions"),
            Column("low_price", .real, doc: "optimal price of the class of U[0, 1 − ρ] versions"),
            Column("split_profit", .real, doc: "gross per-buyer profit with the two types in separate classes"),
            Column("split_profit_closed_form", .rational, doc: "the same, exact closed form for uniform values"),
            Column("gain", .real, doc: "split_profit − one_class_profit: the benefit of separate classes (before the extra r/B)"),
            Column("gain_by_maximization", .real, doc: "the gain with class prices by direct maximisation (second method)"),
            Column("methods_agree", .boolean, doc: "|gain − gain_by_maximization| ≤ 1e-9 and |split_profit − closed form| ≤ 1e-12"),
            Column("optimal_K", .integer, doc: "profit-maximising K at rOverB (brute force over all partitions; ties to the smaller K)"),
            Column("optimal_partition", .text, doc: "an optimal partition for optimal_K (versions 0..high−1 are the U[ρ, 1] ones)"),
        ],
        validate: { p in _ = try twoType(p) },
        run: { p, _ in
            let t = try twoType(p)
            let all = Array(0..<t.N)
            let one = try t.problem.classPrice(all), h = try t.problem.classPrice(t.highClass), l = try t.problem.classPrice(t.lowClass)
            let oneM = try t.problem.classPriceByMaximization(all), hM = try t.problem.classPriceByMaximization(t.highClass),
                lM = try t.problem.classPriceByMaximization(t.lowClass)
            let split = h.profit + l.profit, gain = split - one.profit, gainM = hM.profit + lM.profit - oneM.profit
            let closed = t.splitProfitClosedForm
            let bf = try BruteForcePartitions.seller(t.problem)
            let K = try optimalClassCount(grossByK: bf.valueByK, rOverB: p.real("rOverB"))
            return [["one_class_price": .real(one.price), "one_class_profit": .real(one.profit), "high_price": .real(h.price),
                     "low_price": .real(l.price), "split_profit": .real(split), "split_profit_closed_form": .rational(closed),
                     "gain": .real(gain), "gain_by_maximization": .real(gainM),
                     "methods_agree": .boolean(abs(gain - gainM) <= 1e-9 && abs(split - closed.doubleValue) <= 1e-12),
                     "optimal_K": .int(K), "optimal_partition": .text(bf.bestByK[K - 1].description)]]
        })
}

// MARK: - Sec. IV comparative statics: the optimal number of classes

private let optimalClassColumns: [Column] = [
    Column("N", .integer, doc: "number of versions"),
    Column("K", .integer, doc: "profit-maximising number of classes (ties to the smaller K)"),
    Column("K_over_N", .rational, doc: "K/N"),
    Column("uses_class_pricing", .integer, doc: "1 if K < N (some versions share a price), else 0"),
    Column("single_price", .integer, doc: "1 if K = 1 (one price for every version), else 0"),
    Column("profit", .real, doc: "net per-buyer profit Σ_k π_k − K r/B at the optimum"),
    Column("partition", .text, doc: "an optimal partition"),
    Column("cost_variance", .rational, doc: "population variance of the costs used"),
    Column("second_method_K", .integer, doc: "K by the second method (uniform F: interval DP with numerical class prices; otherwise: interval DP in index order)"),
    Column("methods_agree", .boolean, doc: "same K and |Δ profit| ≤ 1e-9"),
]

/// The optimal K for costs and exponents (nil: uniform F) at exact r/B. Uniform F:
/// exact min-SSD DP (Finding 1), second method the numerical interval DP.
/// Otherwise: brute force over all set partitions, second method the interval DP in the given order.
private func optimalClassesRow(costs: [Rational], exponents: [Rational]?, r: Rational, B: Rational) throws -> [String: TableValue] {
    let rOverB = r / B
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
    return ["N": .int(n), "K": .int(K), "K_over_N": .rational(Rational(K, n)), "uses_class_pricing": .int(K < n ? 1 : 0),
            "single_price": .int(K == 1 ? 1 : 0),
            "profit": .real(profit), "partition": .text(partition.description), "cost_variance": .rational(variance),
            "second_method_K": .int(dpK), "methods_agree": .boolean(dpK == K && abs(dpProfit - profit) <= 1e-9)]
}

private struct ScaledInstance { let costs: [Rational]; let exponents: [Rational]? }

private func scaledInstance(_ p: ParameterValues) throws -> ScaledInstance {
    let base = p.rationalList("costs")
    let n = base.count
    let s = p.rational("costSpread")
    let mean = base.reduce(Rational.zero, +) / Rational(n)
    let costs = base.map { mean + s * ($0 - mean) }
    for c in costs where c < .zero || c > .one {
        throw SolverInputError(parameter: "costSpread", expected: "a spread keeping every cost c̄ + s(c_n − c̄) in [0, 1]", found: "\(show(s)) (gives \(show(c)))")
    }
    let d = p.rationalList("exponentDeviations")
    if d.isEmpty { return ScaledInstance(costs: costs, exponents: nil) }
    guard d.count == n else {
        throw SolverInputError(parameter: "exponentDeviations", expected: "one deviation d_n per cost (\(n))", found: "\(d.count)")
    }
    guard n <= 10 else {
        throw SolverInputError(parameter: "exponentDeviations", expected: "at most 10 versions with non-uniform F (brute force)", found: "\(n) versions")
    }
    let t = p.rational("demandSpread")
    let a = d.map { 1 + t * $0 }
    for x in a where x <= .zero {
        throw SolverInputError(parameter: "demandSpread", expected: "a spread keeping every exponent 1 + s·d_n > 0", found: "\(show(t)) (gives \(show(x)))")
    }
    return ScaledInstance(costs: costs, exponents: a.allSatisfy { $0 == .one } ? nil : a)
}

private let rParameter = ParameterSpec("r", .rational, doc: "pricing cost per class r ≥ 0", domain: .nonNegative)
private let bParameter = ParameterSpec("B", .rational, doc: "number of buyers B ≥ 1", domain: .atLeast(1))

private func optimalClasses() -> SolverKind {
    SolverKind(
        name: "class-pricing.optimal-classes",
        summary: "Sec. IV comparative statics: the optimal number of classes for given costs scaled about their mean (costSpread) and power-family F_n = x^{1 + s·d_n} (demandSpread s)",
        parameters: [ParameterSpec("costs", .list(.rational), doc: "base costs c_n in [0, 1] (index order)", domain: .between(0, 1), minimumCount: 1),
                     ParameterSpec("costSpread", .rational, doc: "costs used: c̄ + s(c_n − c̄)", default: .rational(1), domain: .nonNegative),
                     ParameterSpec("exponentDeviations", .list(.rational), doc: "d_n (empty: uniform F for every version)", default: .list([])),
                     ParameterSpec("demandSpread", .rational, doc: "exponents used: a_n = 1 + s·d_n", default: .rational(1), domain: .nonNegative),
                     rParameter, bParameter],
        columns: optimalClassColumns,
        validate: { p in _ = try scaledInstance(p) },
        run: { p, _ in
            let inst = try scaledInstance(p)
            return [try optimalClassesRow(costs: inst.costs, exponents: inst.exponents, r: p.rational("r"), B: p.rational("B"))]
        })
}

private func spacedCosts(_ p: ParameterValues) throws -> [Rational] {
    let n = p.integer("N"), lo = p.rational("costLow"), hi = p.rational("costHigh")
    if lo > hi { throw SolverInputError(parameter: "costLow", expected: "costLow ≤ costHigh", found: "\(show(lo)) > \(show(hi))") }
    if n == 1 { return [lo] }
    return (0..<n).map { lo + (hi - lo) * Rational($0, n - 1) }
}

private func optimalClassesSpaced() -> SolverKind {
    SolverKind(
        name: "class-pricing.optimal-classes-spaced",
        summary: "Sec. IV comparative statics in N: the optimal number of classes for N equally spaced costs on [costLow, costHigh], uniform F",
        parameters: [ParameterSpec("N", .integer, doc: "number of versions", domain: .between(1, 60)),
                     ParameterSpec("costLow", .rational, doc: "c_1", domain: .between(0, 1)),
                     ParameterSpec("costHigh", .rational, doc: "c_N", domain: .between(0, 1)),
                     rParameter, bParameter],
        columns: optimalClassColumns,
        validate: { p in _ = try spacedCosts(p) },
        run: { p, _ in [try optimalClassesRow(costs: try spacedCosts(p), exponents: nil, r: p.rational("r"), B: p.rational("B"))] })
}

extension SellerProblem {
    /// The solver kinds for instance-based property checks, Remark 1B and Sec. IV.
    public static var solverKinds: [SolverKind] {
        [finding1Uniform(), minSSDVsOptimum(), minSSDVsOptimumSummary(), noInterlacing(), twoTypeValues(),
         optimalClasses(), optimalClassesSpaced()]
    }
}
