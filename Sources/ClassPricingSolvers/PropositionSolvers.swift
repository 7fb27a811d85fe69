// Propositions 1–3 by brute force on seeded random instances: every optimal
// K-partition is an interval partition in index order (no interlacing), the
// interval DP attains the brute-force optimum, and (MSC+LR)'s margin.

import ClassPricing
import Harness
import Numerics

/// The hypothesis the random instances satisfy.
enum NoInterlacingHypothesis: String, CaseIterable, ParameterChoice {
    /// Prop. 1: identical uniform F, distinct increasing costs.
    case identicalUniform = "identical-uniform"
    /// Prop. 1: identical power-family F = x^a, distinct increasing costs.
    case identicalPower = "identical-power"
    /// Prop. 2: one cost, F_n = x^{a_n} with increasing a_n.
    case identicalCostsMLR = "identical-costs-mlr"
    /// Prop. 3: increasing costs, random a_n, kept only when (MSC+LR) holds on the grid.
    case mscLR = "msc-lr"
}

struct NoInterlacingParameters: SolverParameters {
    var batch = InstanceBatchParameters()
    @Parameter("hypothesis", doc: "identical-uniform / identical-power (Prop. 1: F identical, distinct increasing costs), identical-costs-mlr (Prop. 2: one cost, F_n = x^{a_n} with increasing a_n), msc-lr (Prop. 3: increasing costs, random a_n, kept only when (MSC+LR) holds on the grid)")
    var hypothesis: NoInterlacingHypothesis
    @Parameter("exponent", doc: "the common exponent a of F = x^a for identical-power", default: Rational(2), domain: .positive)
    var exponent: Rational
    var costs = RandomCostParameters()
    var exponents = RandomExponentParameters()
    @Parameter("grid", doc: "(MSC+LR) is checked at p = i/M < P = j/M, 1 ≤ i < j < M", default: 100, domain: .between(3, 2000))
    var grid: Int
    @Parameter("max_draws", doc: "msc-lr: draws per instance before giving up", default: 10000, domain: .between(1, 1_000_000))
    var maxDraws: Int

    struct Instance { let costs: [Rational]; let exponents: [Rational]; let problem: SellerProblem; let draws: Int; let check: MSCLRCheck }

    /// The random instances (for msc-lr, the first draw satisfying (MSC+LR) on the grid).
    func instances() throws -> [Instance] {
        var rng = batch.generator
        return try batch.sizes.map { n in
            for draw in 1...maxDraws {
                let c: [Rational], a: [Rational]
                switch hypothesis {
                case .identicalUniform:
                    c = try costs.draw(&rng, n: n, distinct: true, sorted: true)
                    a = Array(repeating: .one, count: n)
                case .identicalPower:
                    c = try costs.draw(&rng, n: n, distinct: true, sorted: true)
                    a = Array(repeating: exponent, count: n)
                case .identicalCostsMLR:
                    c = Array(repeating: try costs.draw(&rng, n: 1, distinct: false, sorted: false)[0], count: n)
                    a = try exponents.draw(&rng, n: n, distinct: true, sorted: true)
                case .mscLR: // increasing distinct costs, iid exponents, kept only if (MSC+LR) holds on the grid
                    c = try costs.draw(&rng, n: n, distinct: true, sorted: true)
                    a = try exponents.draw(&rng, n: n, distinct: false, sorted: false)
                }
                let problem = try powerProblem(costs: c, exponents: a)
                let check = try reportingModelErrors(ClassPricingError.self, as: { e in
                    SolverInputError($grid, expected: "a grid size 3 ≤ M ≤ 2000", found: e.description)
                }) { try problem.checkMSCLR(gridSize: grid, stopAtViolation: hypothesis == .mscLR) }
                if hypothesis != .mscLR || check.holds {
                    return Instance(costs: c, exponents: a, problem: problem, draws: draw, check: check)
                }
            }
            throw SolverInputError($maxDraws, expected: "enough draws to find an instance satisfying (MSC+LR) on the grid (or a narrower exponent range)",
                                   found: "\(maxDraws) draws for N = \(n) without one")
        }
    }
}

struct NoInterlacingRow: SolverRow {
    var instance: Int
    var K: Int
    var N: Int
    var draws: Int
    var costs: String
    var exponents: String
    var margin: Double
    var argmin: String
    var optima: Int
    var allOptimaIntervals: Bool
    var optimalProfit: Double
    var dpProfit: Double
    var dpMatchesBruteForce: Bool

    static let columns: [RowColumn<Self>] = [
        .init("instance", \.instance, key: true, doc: "instance number (0-based)"),
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("N", \.N, doc: "number of versions"),
        .init("draws", \.draws, doc: "draws until the instance was accepted (1 unless msc-lr)"),
        .init("costs", \.costs, doc: "costs c_n in index order"),
        .init("exponents", \.exponents, doc: "exponents a_n of F_n = x^{a_n} in index order (1 = uniform)"),
        .init("msc_lr_margin", \.margin, doc: "min over adjacent n and grid (p, P) of [G_{n+1} − G_n]/(P − p); > 0 iff (MSC+LR) holds on the grid"),
        .init("msc_lr_argmin", \.argmin, doc: "the pair (n, n+1) (1-based) and (p, P) attaining the margin"),
        .init("optima", \.optima, doc: "number of profit-maximising K-partitions (ties within 1e-12)"),
        .init("all_optima_intervals", \.allOptimaIntervals, doc: "every profit-maximising K-partition is an interval partition in index order (no interlacing)"),
        .init("optimal_profit", \.optimalProfit, doc: "brute-force maximal gross per-buyer profit Σ_k π_k"),
        .init("dp_profit", \.dpProfit, doc: "interval DP (optimalIntervalPartitions) gross per-buyer profit"),
        .init("dp_matches_brute_force", \.dpMatchesBruteForce, doc: "|DP − brute force| ≤ 1e-9"),
    ]
}

let noInterlacing = SolverKind(
    "class-pricing.no-interlacing",
    summary: "Propositions 1–3 by brute force over all set partitions: every optimal K-partition is an interval partition in index order; interval DP value vs brute force; (MSC+LR) margin of each instance",
    parameters: NoInterlacingParameters.self,
    validate: { p in
        if p.costs.low > p.costs.high {
            throw SolverInputError(p.costs.$low, expected: "cost_low ≤ cost_high", found: "\(p.costs.low) > \(p.costs.high)")
        }
        _ = try p.instances()
    },
    run: { p, _ in
        var rows: [NoInterlacingRow] = []
        for (i, inst) in try p.instances().enumerated() {
            let r = try NoInterlacingCheck(inst.problem)
            let argmin = inst.check.n < 0 ? "none" : "n = \(inst.check.n + 1), p = \(inst.check.p), P = \(inst.check.P)"
            for k in 0..<inst.problem.N {
                rows.append(NoInterlacingRow(
                    instance: i, K: k + 1, N: inst.problem.N, draws: inst.draws,
                    costs: show(inst.costs), exponents: show(inst.exponents),
                    margin: inst.check.margin, argmin: argmin,
                    optima: r.optimaByK[k].count, allOptimaIntervals: r.optimaByK[k].allSatisfy { $0.isIntervalPartition },
                    optimalProfit: r.bruteForceValueByK[k], dpProfit: r.intervalDPValueByK[k],
                    dpMatchesBruteForce: abs(r.intervalDPValueByK[k] - r.bruteForceValueByK[k]) <= 1e-9))
            }
        }
        return rows
    })
