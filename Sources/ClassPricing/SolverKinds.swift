// The solver kinds this module offers to experiment specs. Every number comes
// from the module's solvers called with the spec's parameters.

import Harness
import Numerics

extension ClassPricingError {
    /// The error as a spec input error (exit status 2) naming the parameter.
    var inputError: SolverInputError { SolverInputError(parameter: parameter, expected: expectation, found: received) }
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
            validate: { p in do { _ = try UniformClassPricing(costs: p.rationalList("costs")) } catch let e as ClassPricingError { throw e.inputError } },
            run: { p, _ in
                let u = try UniformClassPricing(costs: p.rationalList("costs"))
                return try u.classCountSchedule().map { i in
                    let classes = try u.optimalPartition(K: i.K).partition
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
        return [schedule, gameForms]
    }
}
