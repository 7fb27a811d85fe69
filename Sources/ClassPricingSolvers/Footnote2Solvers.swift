// Footnote 2 and Finding 1's optimal number of classes for uniform F: the
// optimal-K schedule over r/B for given costs, and equally spaced costs
// h, 2h, …, Nh (the exact loss for each K and the exact optimal K against the
// footnote's cubic).

import ClassPricing
import Harness
import Numerics

// MARK: - The optimal-K schedule

struct OptimalKScheduleParameters: SolverParameters {
    @Parameter("costs", doc: "version costs c_n in [0, 1] (sorted by the solver; outputs use the given order; at most 100, footnote 2's N, exact)",
               domain: .between(0, 1), minimumCount: 1, maximumCount: 100)
    var costs: [Rational]

    /// The exact uniform-F solver, with its errors named at `costs`.
    func model() throws -> UniformClassPricing {
        try reportingModelErrors(ClassPricingError.self, as: { e in
            if case let .costOutOfRange(i?, c) = e { return SolverInputError($costs[i], expected: "a cost in [0, 1]", found: c.description) }
            return SolverInputError($costs, expected: "at least one cost in [0, 1]", found: e.description)
        }) { try UniformClassPricing(costs: costs) }
    }
}

struct OptimalKScheduleRow: SolverRow {
    var K: Int
    var rOverBFrom: Rational
    var rOverBTo: String
    var partition: String

    static let columns: [RowColumn<Self>] = [
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("r_over_B_from", \.rOverBFrom, doc: "K is optimal for r/B from here (inclusive)"),
        .init("r_over_B_to", \.rOverBTo, doc: "... up to here (exclusive; ∞ for the last interval)"),
        .init("partition", \.partition, doc: "the optimal classes (0-based version indices, in the given order)"),
    ]
}

let optimalKSchedule = SolverKind(
    "class-pricing.optimal-k-schedule",
    summary: "uniform F: the profit-maximising number of classes K as a function of r/B, with exact breakpoints (Finding 1's minimum-SSD partitions)",
    parameters: OptimalKScheduleParameters.self,
    validate: { p in _ = try p.model() },
    run: { p, _ in
        let u = try p.model()
        let all = try u.optimalPartitions(maxK: u.N)
        return try u.classCountSchedule().map { i in
            OptimalKScheduleRow(K: i.K, rOverBFrom: i.from, rOverBTo: i.to?.description ?? "∞",
                                partition: all[i.K - 1].partition.description)
        }
    })

// MARK: - Equally spaced costs (footnote 2)

/// Costs h, 2h, …, Nh: shared by both footnote-2 kinds.
struct EquallySpacedCostParameters: SolverParameters {
    @Parameter("N", doc: "number of versions; costs are h, 2h, …, Nh", domain: .between(1, 10_000))
    var N: Int
    @Parameter("step", doc: "cost step h (footnote 2: 0.01); N·h ≤ 1", default: Rational(1, 100), domain: .positive)
    var step: Rational

    /// The exact uniform-F solver for these costs, with its errors named at the keys.
    func model() throws -> UniformClassPricing {
        try reportingModelErrors(ClassPricingError.self, as: { e in
            switch e {
            case .noVersions, .classCountOutOfRange:
                return SolverInputError($N, expected: "N ≥ 1", found: "\(N)")
            default:
                return SolverInputError($step, expected: "a step h > 0 with N·h ≤ 1 (costs in [0, 1])",
                                        found: "h = \(step), N·h = \(Rational(N) * step)")
            }
        }) { try UniformClassPricing.equallySpaced(N: N, step: step) }
    }
}

struct EquallySpacedLossParameters: SolverParameters {
    var spacing = EquallySpacedCostParameters()
    @Parameter("K", doc: "number of classes, 1 ≤ K ≤ N", domain: .between(1, 10_000))
    var K: Int
}

struct EquallySpacedLossRow: SolverRow {
    var N: Int
    var K: Int
    var divides: Bool
    var classSizes: String
    var ssd: Rational
    var loss: Rational

    static let columns: [RowColumn<Self>] = [
        .init("N", \.N, key: true, doc: "number of versions"),
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("divides", \.divides, doc: "K divides N (no integer problems)"),
        .init("class_sizes", \.classSizes, doc: "sizes of the optimal classes, in cost order"),
        .init("ssd", \.ssd, doc: "minimum within-class sum of squared cost deviations (7)"),
        .init("loss", \.loss, doc: "SSD/(4N): per-buyer profit lost by K classes against K = N, before pricing costs (net advantage = (N − K) r/B − loss)"),
    ]
}

let equallySpacedLoss = SolverKind(
    "class-pricing.equally-spaced-loss",
    summary: "footnote 2: costs h, 2h, …, Nh, uniform F: the exact optimal K-class partition (DP) and the loss term SSD/(4N) of the net advantage of class pricing (6)–(7)",
    parameters: EquallySpacedLossParameters.self,
    validate: { p in
        _ = try p.spacing.model()
        if p.K > p.spacing.N { throw SolverInputError(p.$K, expected: "1 ≤ K ≤ N = \(p.spacing.N)", found: "\(p.K)") }
    },
    run: { p, _ in
        let u = try p.spacing.model()
        let n = p.spacing.N, k = p.K
        let best = try PartitionLayersMemo.shared.optimalPartitions(u, maxK: k)[k - 1]
        return [EquallySpacedLossRow(N: n, K: k, divides: n % k == 0,
                                     classSizes: best.partition.classes.map { String($0.count) }.joined(separator: " "),
                                     ssd: best.ssd, loss: best.ssd / Rational(4 * n))]
    })

struct EquallySpacedOptimalKParameters: SolverParameters {
    var spacing = EquallySpacedCostParameters()
    @Parameter("r", doc: "pricing cost per class r > 0", domain: .positive)
    var r: Rational
    @Parameter("B", doc: "number of buyers B ≥ 1", domain: .atLeast(1))
    var B: Rational
}

struct EquallySpacedOptimalKRow: SolverRow {
    var exactK: Int
    var continuumK: Double
    var paperCubicRoot: Double
    var paperCubicK: Int
    var shortfall: Rational

    static let columns: [RowColumn<Self>] = [
        .init("K_exact", \.exactK, doc: "profit-maximising K (exact DP for every K, ties → smaller K)"),
        .init("K_continuum", \.continuumK, doc: "(h² B N² / (24 r))^(1/3), the optimum of the exact K | N net advantage with K continuous"),
        .init("paper_cubic_root", \.paperCubicRoot, doc: "root in (0, N] of the footnote's cubic (12/h²) r K³ − B K² + 3 N B K − 2 B N² = 0 (printed for h = 0.01 with 12/h² = 120000), by Brent"),
        .init("paper_cubic_K", \.paperCubicK, doc: "the integer next to paper_cubic_root (floor or ceiling, in [1, N]) with the larger exact profit"),
        .init("shortfall", \.shortfall, doc: "exact per-buyer profit at K_exact minus at paper_cubic_K (≥ 0)"),
    ]
}

let equallySpacedOptimalK = SolverKind(
    "class-pricing.equally-spaced-optimal-k",
    summary: "footnote 2: costs h, 2h, …, Nh, uniform F: the exact profit-maximising K for r and B, the continuous optimum 24 r K³ = h² B N², and the root of the footnote's cubic",
    parameters: EquallySpacedOptimalKParameters.self,
    validate: { p in _ = try p.spacing.model() },
    run: { p, _ in
        let u = try p.spacing.model()
        let n = p.spacing.N, h = p.spacing.step, r = p.r, b = p.B
        let rOverB = r / b
        let all = try PartitionLayersMemo.shared.optimalPartitions(u, maxK: n)
        func net(_ k: Int) -> Rational { all[k - 1].grossProfit - Rational(k) * rOverB }
        let best = (1...n).reduce(1) { net($1) > net($0) ? $1 : $0 }   // ties → smaller K, as optimalK
        let (hd, rd, bd, nd) = (h.doubleValue, r.doubleValue, b.doubleValue, Double(n))
        let cubic = { (k: Double) in 12 / (hd * hd) * rd * k * k * k - bd * k * k + 3 * nd * bd * k - 2 * bd * nd * nd }
        // f(0) = −2BN² < 0 and f(N) = 12 r N³/h² > 0: one sign change on (0, N].
        let root = try Roots.brent(cubic, in: 0, nd, absoluteTolerance: 1e-12).root
        let lo = min(max(Int(root.rounded(.down)), 1), n), hi = min(max(Int(root.rounded(.up)), 1), n)
        let paperK = net(hi) > net(lo) ? hi : lo
        return [EquallySpacedOptimalKRow(
            exactK: best,
            continuumK: UniformClassPricing.equallySpacedContinuumK(N: n, step: hd, rOverB: rOverB.doubleValue),
            paperCubicRoot: root, paperCubicK: paperK, shortfall: net(best) - net(paperK))]
    })
