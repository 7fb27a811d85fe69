// The solver kinds this module offers to experiment specs. Every number comes
// from the module's solvers called with the spec's parameters.

import Harness
import Numerics

extension ClassPricingError {
    /// The error as a spec input error (exit status 2) naming the parameter.
    var inputError: SolverInputError { SolverInputError(parameter: parameter, expected: expectation, found: received) }
}

/// Runs `body`, turning a ClassPricingError into a spec input error (exit 2).
func asInput<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ClassPricingError { throw e.inputError }
}

extension UniformClassPricing {
    /// Every solver kind of the class-pricing paper.
    public static var solverKinds: [SolverKind] {
        let costs = ParameterSpec("costs", .list(.rational), doc: "version costs c_n in [0, 1] (sorted by the solver; outputs use the given order)",
                                  domain: .between(0, 1), minimumCount: 1)
        let schedule = SolverKind(
            name: "class-pricing.optimal-k-schedule",
            summary: "uniform F: the profit-maximising number of classes K as a function of r/B, with exact breakpoints (Finding 1's minimum-SSD partitions)",
            parameters: [costs],
            columns: [
                Column("K", .integer, key: true, doc: "number of classes"),
                Column("r_over_B_from", .rational, doc: "K is optimal for r/B from here (inclusive)"),
                Column("r_over_B_to", .text, doc: "... up to here (exclusive; ∞ for the last interval)"),
                Column("partition", .text, doc: "the optimal classes (0-based version indices, in the given order)"),
            ],
            validate: { p in _ = try asInput { try UniformClassPricing(costs: p.rationalList("costs")) } },
            run: { p, _ in
                let u = try UniformClassPricing(costs: p.rationalList("costs"))
                let all = try u.optimalPartitions(maxK: u.N)
                return try u.classCountSchedule().map { i in
                    let classes = all[i.K - 1].partition
                    return ["K": .int(i.K), "r_over_B_from": .rational(i.from), "r_over_B_to": .text(i.to?.description ?? "∞"),
                            "partition": .text(classes.description)]
                }
            })
        let gameForms = SolverKind(
            name: "class-pricing.game-forms",
            summary: "Sec III.4 / Appendix: expected efficiency loss (plus pricing costs K·r) of Seller-Design-Buyer-Choice and Buyer-Design-Seller-Choice (values γ or 1 − γ, costs 1/3 or 2/3)",
            parameters: [ParameterSpec("gamma", .real, doc: "γ ∈ [0, 1/2]", domain: .between(0, 1) ),
                         ParameterSpec("r", .real, doc: "cost per price r ≥ 0", domain: .nonNegative)],
            columns: [
                Column("seller_design_K", .integer, doc: "classes chosen by the seller-designer"),
                Column("seller_design_loss", .real, doc: "expected efficiency loss plus K·r, Seller-Design-Buyer-Choice"),
                Column("buyer_design_K", .integer, doc: "classes chosen by the buyer-designer"),
                Column("buyer_design_loss", .real, doc: "expected efficiency loss plus K·r, Buyer-Design-Seller-Choice"),
                Column("more_efficient", .text, doc: "the game form with the smaller loss (tie if equal within 1e-12)"),
            ],
            validate: { p in
                if p.real("gamma") > 0.5 { throw SolverInputError(parameter: "gamma", expected: "γ ∈ [0, 1/2]", found: "\(p.real("gamma"))") }
            },
            run: { p, _ in
                let pt = try GameFormSweep.appendixExample(gammas: [p.real("gamma")], rs: [p.real("r")])[0]
                let d = pt.sellerDesignLoss - pt.buyerDesignLoss
                let better = abs(d) <= 1e-12 ? "tie" : (d < 0 ? "seller-design-buyer-choice" : "buyer-design-seller-choice")
                return [["seller_design_K": .int(pt.sellerDesignK), "seller_design_loss": .real(pt.sellerDesignLoss),
                         "buyer_design_K": .int(pt.buyerDesignK), "buyer_design_loss": .real(pt.buyerDesignLoss), "more_efficient": .text(better)]]
            })
        let N = ParameterSpec("N", .integer, doc: "number of versions; costs are h, 2h, …, Nh", domain: .atLeast(1))
        let step = ParameterSpec("step", .rational, doc: "cost step h (footnote 2: 0.01); N·h ≤ 1", default: .rational(Rational(1, 100)), domain: .positive)
        @Sendable func spaced(_ p: ParameterValues) throws -> UniformClassPricing {
            try asInput { try UniformClassPricing.equallySpaced(N: p.integer("N"), step: p.rational("step")) }
        }
        let loss = SolverKind(
            name: "class-pricing.equally-spaced-loss",
            summary: "footnote 2: costs h, 2h, …, Nh, uniform F: the exact optimal K-class partition (DP) and the loss term SSD/(4N) of the net advantage of class pricing (6)–(7)",
            parameters: [N, ParameterSpec("K", .integer, doc: "number of classes, 1 ≤ K ≤ N", domain: .atLeast(1)), step],
            columns: [
                Column("N", .integer, key: true, doc: "number of versions"),
                Column("K", .integer, key: true, doc: "number of classes"),
                Column("divides", .boolean, doc: "K divides N (no integer problems)"),
                Column("class_sizes", .text, doc: "sizes of the optimal classes, in cost order"),
                Column("ssd", .rational, doc: "minimum within-class sum of squared cost deviations (7)"),
                Column("loss", .rational, doc: "SSD/(4N): per-buyer profit lost by K classes against K = N, before pricing costs (net advantage = (N − K) r/B − loss)"),
            ],
            validate: { p in
                _ = try spaced(p)
                if p.integer("K") > p.integer("N") { throw SolverInputError(parameter: "K", expected: "1 ≤ K ≤ N = \(p.integer("N"))", found: "\(p.integer("K"))") }
            },
            run: { p, _ in
                let u = try spaced(p)
                let n = p.integer("N"), k = p.integer("K")
                let best = try u.optimalPartition(K: k)
                return [["N": .int(n), "K": .int(k), "divides": .boolean(n % k == 0),
                         "class_sizes": .text(best.partition.classes.map { String($0.count) }.joined(separator: " ")),
                         "ssd": .rational(best.ssd), "loss": .rational(best.ssd / Rational(4 * n))]]
            })
        let optimalK = SolverKind(
            name: "class-pricing.equally-spaced-optimal-k",
            summary: "footnote 2: costs h, 2h, …, Nh, uniform F: the exact profit-maximising K for r and B, the continuous optimum 24 r K³ = h² B N², and the root of the footnote's cubic",
            parameters: [N, step,
                         ParameterSpec("r", .rational, doc: "pricing cost per class r > 0", domain: .positive),
                         ParameterSpec("B", .rational, doc: "number of buyers B ≥ 1", domain: .atLeast(1))],
            columns: [
                Column("K_exact", .integer, doc: "profit-maximising K (exact DP for every K, ties → smaller K)"),
                Column("K_continuum", .real, doc: "(h² B N² / (24 r))^(1/3), the optimum of the exact K | N net advantage with K continuous"),
                Column("paper_cubic_root", .real, doc: "root in (0, N] of the footnote's cubic (12/h²) r K³ − B K² + 3 N B K − 2 B N² = 0 (printed for h = 0.01 with 12/h² = 120000), by Brent"),
                Column("paper_cubic_K", .integer, doc: "the integer next to paper_cubic_root (floor or ceiling, in [1, N]) with the larger exact profit"),
                Column("shortfall", .rational, doc: "exact per-buyer profit at K_exact minus at paper_cubic_K (≥ 0)"),
            ],
            validate: { p in _ = try spaced(p) },
            run: { p, _ in
                let u = try spaced(p)
                let n = p.integer("N"), h = p.rational("step"), r = p.rational("r"), b = p.rational("B")
                let rOverB = r / b
                let all = try u.optimalPartitions(maxK: n)
                func net(_ k: Int) -> Rational { all[k - 1].grossProfit - Rational(k) * rOverB }
                let best = (1...n).reduce(1) { net($1) > net($0) ? $1 : $0 }   // ties → smaller K, as optimalK
                let (hd, rd, bd, nd) = (h.doubleValue, r.doubleValue, b.doubleValue, Double(n))
                let cubic = { (k: Double) in 12 / (hd * hd) * rd * k * k * k - bd * k * k + 3 * nd * bd * k - 2 * bd * nd * nd }
                // f(0) = −2BN² < 0 and f(N) = 12 r N³/h² > 0: one sign change on (0, N].
                let root = try Roots.brent(cubic, in: 0, nd, absoluteTolerance: 1e-12).root
                let lo = min(max(Int(root.rounded(.down)), 1), n), hi = min(max(Int(root.rounded(.up)), 1), n)
                let paperK = net(hi) > net(lo) ? hi : lo
                return [["K_exact": .int(best),
                         "K_continuum": .real(UniformClassPricing.equallySpacedContinuumK(N: n, step: hd, rOverB: rOverB.doubleValue)),
                         "paper_cubic_root": .real(root), "paper_cubic_K": .int(paperK), "shortfall": .rational(net(best) - net(paperK))]]
            })
        return [schedule, gameForms, loss, optimalK]
    }
}
