// Solver kinds for Sec. III.4 and the Appendix ("Proof of Finding 5"): the
// bilateral game forms solved exactly in rationals for a given γ, so that every
// expression the Appendix prints can be checked as a claim over a grid of γ.

import Harness
import Numerics

extension GameForm {
    /// The spec's name of the game form.
    public var specName: String {
        switch self {
        case .sellerDesignBuyerChoice: return "seller-design-buyer-choice"
        case .buyerDesignSellerChoice: return "buyer-design-seller-choice"
        }
    }
}

extension BilateralTrade {
    /// Labels the `index`-th realisation of the designer's own types (in the
    /// order of `solve`'s `byType`) by outcome per version: "(low, high)" when a
    /// version has two outcomes listed low first, "(#1, #3)" otherwise. Robust to
    /// coinciding values (γ = 1/2).
    func ownTypeLabel(index: Int, form: GameForm) -> String {
        let dists = form == .sellerDesignBuyerChoice ? costs : values
        var rest = index
        var parts: [String] = []
        for d in dists.reversed() {
            let k = rest % d.outcomes.count
            rest /= d.outcomes.count
            let twoPoint = d.outcomes.count == 2 && d.outcomes[0].value <= d.outcomes[1].value
            parts.append(twoPoint ? (k == 0 ? "low" : "high") : "#\(k + 1)")
        }
        return "(" + parts.reversed().joined(separator: ", ") + ")"
    }
}

extension BilateralTrade where T == Rational {
    /// Every solver kind of Sec. III.4 solved exactly.
    public static var solverKinds: [SolverKind] {
        let gamma = ParameterSpec("gamma", .rational, doc: "γ ∈ [0, 1/2]: values γ or 1 − γ", domain: .between(0, 1))
        let form = ParameterSpec("form", .choice(GameForm.allCases.map(\.specName)), doc: "who designs the classes and sets prices")
        @Sendable func validate(_ p: ParameterValues) throws {
            _ = try asInput { try BilateralTrade<Rational>.appendixExample(gamma: p.rational("gamma")) }
        }
        @Sendable func gameForm(_ p: ParameterValues) -> GameForm { GameForm.allCases.first { $0.specName == p.text("form") }! }
        let cases = SolverKind(
            name: "class-pricing.game-form-cases",
            summary: "Appendix (values γ or 1 − γ, costs 1/3 or 2/3): the designer's optimal classes and prices for K = 1, 2 and each realisation of her types, with EL, her payoff (Eπ or EU) and the chooser's, exact (ε → 0)",
            parameters: [gamma, form],
            columns: [
                Column("K", .integer, key: true, doc: "number of classes"),
                Column("own_types", .text, key: true, doc: "the designer's types per version (costs for the seller, values for the buyer), low/high"),
                Column("own_1", .rational, doc: "her type for version 1 (c_1 or v_1)"),
                Column("own_2", .rational, doc: "her type for version 2 (c_2 or v_2)"),
                Column("probability", .rational, doc: "probability of this realisation"),
                Column("classes", .text, doc: "the optimal classes (0-based versions)"),
                Column("price_1", .rational, doc: "price of version 1 at ε = 0 (1 for the seller, 0 for the buyer means no trade)"),
                Column("shading_1", .integer, doc: "price_1 is shaded by shading_1·ε (the Appendix's ±ε)"),
                Column("price_2", .rational, doc: "price of version 2 at ε = 0"),
                Column("shading_2", .integer, doc: "price_2 is shaded by shading_2·ε"),
                Column("designer_payoff", .rational, doc: "designer's expected payoff given her types, before pricing costs (Eπ or EU)"),
                Column("chooser_payoff", .rational, doc: "chooser's expected payoff given the designer's types"),
                Column("efficiency_loss", .rational, doc: "EL: expected first-best surplus minus realised surplus, given the designer's types"),
            ],
            validate: validate,
            run: { p, _ in
                let env = try BilateralTrade<Rational>.appendixExample(gamma: p.rational("gamma"))
                let f = gameForm(p)
                var rows: [[String: TableValue]] = []
                for K in 1...env.versionCount {
                    for (i, o) in try env.solve(f, K: K).byType.enumerated() {
                        rows.append(["K": .int(K), "own_types": .text(env.ownTypeLabel(index: i, form: f)),
                                     "own_1": .rational(o.ownTypes[0]), "own_2": .rational(o.ownTypes[1]), "probability": .rational(o.probability),
                                     "classes": .text(o.partition.description),
                                     "price_1": .rational(o.prices[0]), "shading_1": .int(o.shading[0]),
                                     "price_2": .rational(o.prices[1]), "shading_2": .int(o.shading[1]),
                                     "designer_payoff": .rational(o.designerPayoff), "chooser_payoff": .rational(o.chooserPayoff),
                                     "efficiency_loss": .rational(o.efficiencyLoss)])
                    }
                }
                return rows
            })
        let summary = SolverKind(
            name: "class-pricing.game-form-summary",
            summary: "Appendix: per game form, ex ante EL and designer payoff for K = 1 and K = 2, the pricing cost r below which the designer prefers K = 2 (ex ante), and whether EL = 0",
            parameters: [gamma],
            columns: [
                Column("form", .text, key: true, doc: "the game form"),
                Column("payoff_K1", .rational, doc: "designer's ex ante payoff with K = 1 (before pricing costs)"),
                Column("payoff_K2", .rational, doc: "designer's ex ante payoff with K = 2"),
                Column("EL_K1", .rational, doc: "ex ante efficiency loss with K = 1"),
                Column("EL_K2", .rational, doc: "ex ante efficiency loss with K = 2"),
                Column("threshold", .rational, doc: "the designer prefers K = 2 ex ante iff r < threshold (= payoff_K2 − payoff_K1)"),
                Column("first_best_K1", .boolean, doc: "EL = 0 with K = 1"),
                Column("first_best_K2", .boolean, doc: "EL = 0 with K = 2"),
            ],
            validate: validate,
            run: { p, _ in
                let env = try BilateralTrade<Rational>.appendixExample(gamma: p.rational("gamma"))
                return try GameForm.allCases.map { f in
                    let a = try env.analyse(f)
                    let (one, two) = (a.solutions[0], a.solutions[1])
                    return ["form": .text(f.specName), "payoff_K1": .rational(one.designerPayoff), "payoff_K2": .rational(two.designerPayoff),
                            "EL_K1": .rational(one.efficiencyLoss), "EL_K2": .rational(two.efficiencyLoss),
                            "threshold": .rational(a.exAnteThreshold),
                            "first_best_K1": .boolean(one.efficiencyLoss.isZero), "first_best_K2": .boolean(two.efficiencyLoss.isZero)]
                }
            })
        return [cases, summary]
    }
}
