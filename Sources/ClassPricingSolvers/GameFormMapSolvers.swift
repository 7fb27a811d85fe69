// Sec. III.4: which game form is more efficient at every pricing cost r ≥ 0,
// for one binomial environment (values γ or 1 − γ, costs δ or 1 − δ, any
// probabilities). Swept over (γ, δ) it maps the regions where
// Seller-Design-Buyer-Choice or Buyer-Design-Seller-Choice is more efficient,
// to check Finding 4's switch at γ = 1/3 (δ = 1/3) and the abstract's rule
// ("classes are designed by the player with less varied gains from trade")
// off the paper's costs.

import ClassPricing
import Harness
import Numerics

struct GameFormMapParameters: SolverParameters {
    var trade = BilateralTradeParameters()
    var ties = GameFormTieParameters()
    var classCount = ClassCountTieParameter()
    var timing = ClassCountTimingParameter()
}

struct GameFormMapRow: SolverRow {
    var valueSpread: Rational
    var costSpread: Rational
    var spreadGap: Rational
    var sellerDesignEL: Rational
    var buyerDesignEL: Rational
    var moreEfficientAtZero: String
    var moreEfficient: String
    var strict: Bool
    var tieSet: String

    static let columns: [RowColumn<Self>] = [
        .init("value_spread", \.valueSpread, doc: "v_H − v_L = 1 − 2γ: how varied the buyer's values are"),
        .init("cost_spread", \.costSpread, doc: "c_H − c_L = 1 − 2δ: how varied the seller's costs are"),
        .init("spread_gap", \.spreadGap, doc: "value_spread − cost_spread = 2(δ − γ): positive when the seller's costs are the less varied"),
        .init("seller_design_EL", \.sellerDesignEL, doc: "Seller-Design-Buyer-Choice: expected efficiency loss at r = 0 (at the designer's K), exact"),
        .init("buyer_design_EL", \.buyerDesignEL, doc: "Buyer-Design-Seller-Choice: expected efficiency loss at r = 0, exact"),
        .init("more_efficient_at_zero", \.moreEfficientAtZero, doc: "the form with the smaller loss at r = 0 (tie if equal)"),
        .init("more_efficient", \.moreEfficient, doc: "over every r ≥ 0 (loss EL + K·r at each designer's K): the form whose loss is never larger and somewhere smaller, tie (equal at every r) or depends-on-r (each strictly better at some r)"),
        .init("strict", \.strict, doc: "more_efficient is strictly more efficient at every r ≥ 0 (false for tie and depends-on-r)"),
        .init("tie_set", \.tieSet, doc: "the exact set of r ≥ 0 where the two losses tie (\"∅\" when empty)"),
    ]
}

let gameFormMap = SolverKind(
    "class-pricing.game-form-map",
    summary: "Sec III.4 / Finding 4 with general costs: for values γ or 1 − γ and costs δ or 1 − δ (any type probabilities), which game form is more efficient at every pricing cost r ≥ 0, with both forms' EL at r = 0 and the exact tie set in r (sweep γ and δ for a map)",
    parameters: GameFormMapParameters.self,
    validate: { p in _ = try p.trade.environment() },
    run: { p, _ in
        let cmp = try solvedComparisons.comparison(p.trade, ties: p.ties, classCount: p.classCount.rule, timing: p.timing.rule)
        let env = try p.trade.environment()
        let v = env.values[0].outcomes.map(\.value), c = env.costs[0].outcomes.map(\.value)
        let valueSpread = v.max()! - v.min()!, costSpread = c.max()! - c.min()!
        let (s, b) = (cmp.sellerDesign.efficiencyLoss(r: .zero), cmp.buyerDesign.efficiencyLoss(r: .zero))
        let atZero = cmp.lossDifference(r: .zero)
        let ties = cmp.tieSet()
        let (label, strict): (String, Bool)
        switch cmp.dominance() {
        case let .weakly(form, strictEverywhere): (label, strict) = (form.choiceName, strictEverywhere)
        case .tieEverywhere: (label, strict) = ("tie", false)
        case .dependsOnR: (label, strict) = ("depends-on-r", false)
        }
        return [GameFormMapRow(
            valueSpread: valueSpread, costSpread: costSpread, spreadGap: valueSpread - costSpread,
            sellerDesignEL: s, buyerDesignEL: b,
            moreEfficientAtZero: atZero.isZero ? "tie" : (atZero < .zero ? GameForm.sellerDesignBuyerChoice : .buyerDesignSellerChoice).choiceName,
            moreEfficient: label, strict: strict,
            tieSet: ties.isEmpty ? "∅" : ties.map(\.description).joined(separator: " ∪ "))]
    })
