// Sec. III.4 and the Appendix (the proof of Finding 4, headed "Proof of
// Finding 5" in the paper): the bilateral game forms (values γ or 1 − γ, costs
// δ or 1 − δ, the high levels with probabilities q_v, q_c; the Appendix: δ = 1/3,
// q = ½). Every kind solves them in rationals for a given γ (and δ, q_v, q_c), so that every
// expression the Appendix prints can be checked exactly as a claim over a grid
// of γ; game-forms compares the two forms' losses at a rational (γ, r) and
// game-form-ties gives, per γ, the exact set of r where they tie (Finding 4).

import ClassPricing
import Foundation
import Harness
import Numerics

extension GameForm: ParameterChoice {
    public static var choices: [GameForm] { allCases }
    /// The game form's name in a spec.
    public var choiceName: String {
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

// MARK: - Finding 4: which game form is more efficient at (γ, r)

struct GameFormsParameters: SolverParameters {
    var trade = BilateralTradeParameters()
    @Parameter("r", doc: "cost per price r ≥ 0", domain: .nonNegative)
    var r: Rational
    var ties = GameFormTieParameters()
    var classCount = ClassCountTieParameter()
    var timing = ClassCountTimingParameter()
}

struct GameFormsRow: SolverRow {
    var sellerDesignK: Rational
    var sellerDesignLoss: Rational
    var buyerDesignK: Rational
    var buyerDesignLoss: Rational
    var moreEfficient: String

    static let columns: [RowColumn<Self>] = [
        .init("seller_design_K", \.sellerDesignK, doc: "classes chosen by the seller-designer (ties by k_ties); with k_timing = interim the expected number over her types"),
        .init("seller_design_loss", \.sellerDesignLoss, doc: "expected efficiency loss plus K·r (E[K]·r interim), Seller-Design-Buyer-Choice (exact)"),
        .init("buyer_design_K", \.buyerDesignK, doc: "classes chosen by the buyer-designer (ties by k_ties); with k_timing = interim the expected number over her types"),
        .init("buyer_design_loss", \.buyerDesignLoss, doc: "expected efficiency loss plus K·r (E[K]·r interim), Buyer-Design-Seller-Choice (exact)"),
        .init("more_efficient", \.moreEfficient, doc: "the game form with the smaller loss (tie if exactly equal)"),
    ]
}

let gameForms = SolverKind(
    "class-pricing.game-forms",
    summary: "Sec III.4 / Appendix: expected efficiency loss (plus pricing costs K·r) of Seller-Design-Buyer-Choice and Buyer-Design-Seller-Choice (values γ or 1 − γ, costs δ or 1 − δ, default 1/3 or 2/3), exact at rational (γ, r)",
    parameters: GameFormsParameters.self,
    validate: { p in _ = try p.trade.environment() },
    run: { p, _ in
        let cmp = try solvedComparisons.comparison(p.trade, ties: p.ties, classCount: p.classCount.rule, timing: p.timing.rule)
        let (s, b) = (cmp.sellerDesign, cmp.buyerDesign)
        let d = cmp.lossDifference(r: p.r)
        let better = d.isZero ? "tie" : (d < .zero ? GameForm.sellerDesignBuyerChoice : .buyerDesignSellerChoice).choiceName
        return [GameFormsRow(sellerDesignK: s.expectedK(r: p.r), sellerDesignLoss: s.totalLoss(r: p.r),
                             buyerDesignK: b.expectedK(r: p.r), buyerDesignLoss: b.totalLoss(r: p.r), moreEfficient: better)]
    })

/// Both game forms solved once per environment and price conventions: a sweep
/// over (γ, r), or a claim checked across k_ties or k_timing, re-solves nothing
/// (the solutions for each K depend on neither r nor how K is chosen).
/// Bounded; thread-safe.
final class GameFormComparisonCache: Sendable {
    private struct Key: Hashable, Sendable {
        let instance: [Rational], chooser: ChooserTies, designer: DesignerTieBreaking
    }
    private let solved = Memo<Key, GameFormComparison<Rational>>(capacity: 1024)

    func comparison(_ trade: BilateralTradeParameters, ties: GameFormTieParameters, classCount: ClassCountTieBreaking,
                    timing: ClassCountTiming) throws -> GameFormComparison<Rational> {
        let c = try solved.value(for: Key(instance: trade.instance, chooser: ties.chooser, designer: ties.designer)) {
            try GameFormComparison(try trade.environment(), conventions: ties.conventions(classCount: .smallerK))
        }
        return c.choosingK(ties: classCount, timing: timing)
    }
}

let solvedComparisons = GameFormComparisonCache()

struct GameFormTiesRow: SolverRow {
    var pieces: Int
    var tieSet: String
    var rMin: Rational
    var rMax: Rational
    var unbounded: Bool
    var lowerClosed: Bool
    var upperClosed: Bool

    static let columns: [RowColumn<Self>] = [
        .init("pieces", \.pieces, doc: "number of maximal intervals (or points) of r ≥ 0 where the two forms' losses tie (0: none)"),
        .init("tie_set", \.tieSet, doc: "the tie set, exact (\"∅\" when empty)"),
        .init("r_min", \.rMin, doc: "infimum of the tie set (0 when empty)"),
        .init("r_max", \.rMax, doc: "supremum of the tie set (0 when empty or unbounded)"),
        .init("unbounded", \.unbounded, doc: "the tie set is unbounded above"),
        .init("lower_closed", \.lowerClosed, doc: "r_min belongs to the tie set"),
        .init("upper_closed", \.upperClosed, doc: "r_max belongs to the tie set"),
    ]
}

struct GameFormTiesParameters: SolverParameters {
    var trade = BilateralTradeParameters()
    var ties = GameFormTieParameters()
    var classCount = ClassCountTieParameter()
    var timing = ClassCountTimingParameter()
}

let gameFormTies = SolverKind(
    "class-pricing.game-form-ties",
    summary: "Finding 4: the exact set of pricing costs r ≥ 0 at which Seller-Design-Buyer-Choice and Buyer-Design-Seller-Choice have equal loss (EL + K·r at each designer's K, chosen ex ante by default), for rational γ, δ",
    parameters: GameFormTiesParameters.self,
    validate: { p in _ = try p.trade.environment() },
    run: { p, _ in
        let ties = try solvedComparisons.comparison(p.trade, ties: p.ties, classCount: p.classCount.rule,
                                                    timing: p.timing.rule).tieSet()
        guard let first = ties.first, let last = ties.last else {
            return [GameFormTiesRow(pieces: 0, tieSet: "∅", rMin: .zero, rMax: .zero, unbounded: false,
                                    lowerClosed: false, upperClosed: false)]
        }
        return [GameFormTiesRow(pieces: ties.count, tieSet: ties.map(\.description).joined(separator: " ∪ "),
                                rMin: first.lower, rMax: last.upper ?? .zero, unbounded: last.upper == nil,
                                lowerClosed: first.lowerClosed, upperClosed: last.upperClosed)]
    })

// MARK: - The Appendix's cases, exact

/// The binomial environment of Sec. III.4 (BinaryTradeInstances.swift):
/// values γ or 1 − γ, costs δ or 1 − δ (each pair optionally shifted to another
/// midpoint), each version's high value and high cost with the given
/// probabilities, i.i.d. over the two versions. Defaults: the Appendix's costs
/// 1/3, 2/3, probabilities ½ and midpoints ½. Shared by every game-form kind.
struct BilateralTradeParameters: SolverParameters {
    @Parameter("gamma", doc: "γ ∈ [0, 1/2]: each version's value is γ or 1 − γ", domain: .between(0, 1))
    var gamma: Rational
    @Parameter("delta", doc: "δ ∈ [0, 1/2]: each version's cost is δ or 1 − δ (the Appendix: 1/3)",
               default: Rational(1, 3), domain: .between(0, 1))
    var delta: Rational
    @Parameter("high_value_probability", doc: "q_v ∈ (0, 1): probability that a version's value is the high one, 1 − γ",
               default: Rational(1, 2), domain: .openUnitInterval)
    var highValueProbability: Rational
    @Parameter("high_cost_probability", doc: "q_c ∈ (0, 1): probability that a version's cost is the high one, 1 − δ",
               default: Rational(1, 2), domain: .openUnitInterval)
    var highCostProbability: Rational
    @Parameter("value_midpoint", doc: "m_v: the values are shifted to m_v ∓ (1/2 − γ), any two levels with spread 1 − 2γ (default 1/2: γ and 1 − γ)",
               default: Rational(1, 2), domain: .between(0, 1))
    var valueMidpoint: Rational
    @Parameter("cost_midpoint", doc: "m_c: the costs are shifted to m_c ∓ (1/2 − δ), any two levels with spread 1 − 2δ (default 1/2: δ and 1 − δ)",
               default: Rational(1, 2), domain: .between(0, 1))
    var costMidpoint: Rational

    /// The environment, with each model error named at its key.
    func environment() throws -> BilateralTrade<Rational> {
        try reportingModelErrors(ClassPricingError.self, as: { e in
            switch e {
            case .deltaOutOfRange:
                return SolverInputError($delta, expected: "δ in [0, 1/2]", found: delta.description)
            case .typeProbabilityOutOfRange(side: .value, _):
                return SolverInputError($highValueProbability, expected: "a probability in (0, 1)", found: highValueProbability.description)
            case .typeProbabilityOutOfRange(side: .cost, _):
                return SolverInputError($highCostProbability, expected: "a probability in (0, 1)", found: highCostProbability.description)
            default:
                return SolverInputError($gamma, expected: "γ in [0, 1/2]", found: gamma.description)
            }
        }) {
            try BilateralTrade<Rational>.symmetricLevels(gamma: gamma, delta: delta, highValueProbability: highValueProbability,
                                                         highCostProbability: highCostProbability,
                                                         valueMidpoint: valueMidpoint, costMidpoint: costMidpoint)
        }
    }

    /// The cache key of the environment.
    var instance: [Rational] { [gamma, delta, highValueProbability, highCostProbability, valueMidpoint, costMidpoint] }
}

struct GameFormCasesParameters: SolverParameters {
    var trade = BilateralTradeParameters()
    @Parameter("form", doc: "who designs the classes and sets prices")
    var form: GameForm
    var ties = GameFormTieParameters()
}

struct GameFormCaseRow: SolverRow {
    var K: Int
    var ownTypes: String
    var own1: Rational
    var own2: Rational
    var probability: Rational
    var classes: String
    var price1: Rational
    var shading1: Int
    var price2: Rational
    var shading2: Int
    var designerPayoff: Rational
    var chooserPayoff: Rational
    var efficiencyLoss: Rational

    static let columns: [RowColumn<Self>] = [
        .init("K", \.K, key: true, doc: "number of classes"),
        .init("own_types", \.ownTypes, key: true, doc: "the designer's types per version (costs for the seller, values for the buyer), low/high"),
        .init("own_1", \.own1, doc: "her type for version 1 (c_1 or v_1)"),
        .init("own_2", \.own2, doc: "her type for version 2 (c_2 or v_2)"),
        .init("probability", \.probability, doc: "probability of this realisation"),
        .init("classes", \.classes, doc: "the optimal classes (0-based versions)"),
        .init("price_1", \.price1, doc: "price of version 1 at ε = 0 (1 for the seller, 0 for the buyer means no trade)"),
        .init("shading_1", \.shading1, doc: "price_1 is shaded by shading_1·ε (the Appendix's ±ε)"),
        .init("price_2", \.price2, doc: "price of version 2 at ε = 0"),
        .init("shading_2", \.shading2, doc: "price_2 is shaded by shading_2·ε"),
        .init("designer_payoff", \.designerPayoff, doc: "designer's expected payoff given her types, before pricing costs (Eπ or EU)"),
        .init("chooser_payoff", \.chooserPayoff, doc: "chooser's expected payoff given the designer's types"),
        .init("efficiency_loss", \.efficiencyLoss, doc: "EL: expected first-best surplus minus realised surplus, given the designer's types"),
    ]
}

let gameFormCases = SolverKind(
    "class-pricing.game-form-cases",
    summary: "Appendix (values γ or 1 − γ, costs δ or 1 − δ, default 1/3 or 2/3): the designer's optimal classes and prices for K = 1, 2 and each realisation of her types, with EL, her payoff (Eπ or EU) and the chooser's, exact (ε → 0)",
    parameters: GameFormCasesParameters.self,
    validate: { p in _ = try p.trade.environment() },
    run: { p, _ in
        let env = try p.trade.environment()
        let f = p.form
        var rows: [GameFormCaseRow] = []
        for K in 1...env.versionCount {
            for (i, o) in try env.solve(f, K: K, tieBreaking: p.ties.chooser.model, designerTies: p.ties.designer).byType.enumerated() {
                rows.append(GameFormCaseRow(
                    K: K, ownTypes: env.ownTypeLabel(index: i, form: f), own1: o.ownTypes[0], own2: o.ownTypes[1],
                    probability: o.probability, classes: o.partition.description,
                    price1: o.prices[0], shading1: o.shading[0], price2: o.prices[1], shading2: o.shading[1],
                    designerPayoff: o.designerPayoff, chooserPayoff: o.chooserPayoff, efficiencyLoss: o.efficiencyLoss))
            }
        }
        return rows
    })

struct GameFormSummaryParameters: SolverParameters {
    var trade = BilateralTradeParameters()
    var ties = GameFormTieParameters()
}

struct GameFormSummaryRow: SolverRow {
    var form: String
    var payoffK1: Rational
    var payoffK2: Rational
    var lossK1: Rational
    var lossK2: Rational
    var threshold: Rational
    var firstBestK1: Bool
    var firstBestK2: Bool

    static let columns: [RowColumn<Self>] = [
        .init("form", \.form, key: true, doc: "the game form"),
        .init("payoff_K1", \.payoffK1, doc: "designer's ex ante payoff with K = 1 (before pricing costs)"),
        .init("payoff_K2", \.payoffK2, doc: "designer's ex ante payoff with K = 2"),
        .init("EL_K1", \.lossK1, doc: "ex ante efficiency loss with K = 1"),
        .init("EL_K2", \.lossK2, doc: "ex ante efficiency loss with K = 2"),
        .init("threshold", \.threshold, doc: "the designer prefers K = 2 ex ante iff r < threshold (= payoff_K2 − payoff_K1)"),
        .init("first_best_K1", \.firstBestK1, doc: "EL = 0 with K = 1"),
        .init("first_best_K2", \.firstBestK2, doc: "EL = 0 with K = 2"),
    ]
}

let gameFormSummary = SolverKind(
    "class-pricing.game-form-summary",
    summary: "Appendix: per game form, ex ante EL and designer payoff for K = 1 and K = 2, the pricing cost r below which the designer prefers K = 2 (ex ante), and whether EL = 0",
    parameters: GameFormSummaryParameters.self,
    validate: { p in _ = try p.trade.environment() },
    run: { p, _ in
        let env = try p.trade.environment()
        return try GameForm.allCases.map { f in
            let a = try env.analyse(f, conventions: p.ties.conventions(classCount: .smallerK))
            let (one, two) = (a.solutions[0], a.solutions[1])
            return GameFormSummaryRow(form: f.choiceName, payoffK1: one.designerPayoff, payoffK2: two.designerPayoff,
                                      lossK1: one.efficiencyLoss, lossK2: two.efficiencyLoss, threshold: a.exAnteThreshold,
                                      firstBestK1: one.efficiencyLoss.isZero, firstBestK2: two.efficiencyLoss.isZero)
        }
    })
