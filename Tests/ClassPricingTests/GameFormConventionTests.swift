import XCTest
import Harness
import Numerics
@testable import ClassPricing
import ClassPricingSolvers

/// The game forms' tie conventions (GameFormConventions.swift) against hand
/// computations in the Appendix example (values γ or 1 − γ, costs 1/3 or 2/3,
/// each with probability ½), at points where the rule changes the outcome.
final class GameFormConventionTests: XCTestCase {
    typealias Q = Rational
    let third = Q(1, 3), twoThirds = Q(2, 3)

    func env(_ g: Q) throws -> BilateralTrade<Q> { try BilateralTrade<Q>.appendixExample(gamma: g) }

    /// γ = 7/15, seller with costs (1/3, 1/3), K = 2. The buyer's values are 7/15 or 8/15.
    ///  (8/15, 8/15): sells iff some value is 8/15 (prob 3/4) at margin 1/5: Eπ = 3/20; the (7/15, 7/15)
    ///    buyer does not trade, losing 7/15 − 1/3 = 2/15: EL = 1/4 · 2/15 = 1/30.
    ///  (8/15 − ε, 7/15): every buyer takes version 2 at 7/15 (margin 2/15) except values (8/15, 7/15),
    ///    who takes version 1 at 8/15 (margin 1/5): Eπ = (3 · 2/15 + 1/5)/4 = 3/20, EL = 0.
    /// Equal profits: more-surplus sets the second pair, less-surplus the first.
    func testDesignerTiesAtSevenFifteenths() throws {
        let e = try env(Q(7, 15))
        func lowLow(_ rule: DesignerTieBreaking) throws -> DesignerOptimum<Q> {
            try XCTUnwrap(e.solve(.sellerDesignBuyerChoice, K: 2, designerTies: rule).byType.first { $0.ownTypes == [third, third] })
        }
        let more = try lowLow(.moreSurplus), less = try lowLow(.lessSurplus)
        XCTAssertEqual(more.prices, [Q(8, 15), Q(7, 15)])
        XCTAssertEqual(more.shading, [-1, 0])
        XCTAssertEqual(more.efficiencyLoss, .zero)
        XCTAssertEqual(less.prices, [Q(8, 15), Q(8, 15)])
        XCTAssertEqual(less.shading, [0, 0])
        XCTAssertEqual(less.efficiencyLoss, Q(1, 30))
        XCTAssertEqual(more.designerPayoff, Q(3, 20))
        XCTAssertEqual(less.designerPayoff, Q(3, 20))
        // The designer's payoffs never depend on her tie rule; only EL and the chooser's payoff do.
        for g in [Q(0), Q(4, 9), Q(7, 15), Q(10, 21)] {
            for form in GameForm.allCases {
                let a = try env(g).analyse(form), b = try env(g).analyse(form, conventions: GameFormConventions(designer: .lessSurplus))
                for K in 0..<2 {
                    XCTAssertEqual(a.solutions[K].designerPayoff, b.solutions[K].designerPayoff, "γ = \(g), \(form), K = \(K + 1)")
                    XCTAssertLessThanOrEqual(a.solutions[K].efficiencyLoss, b.solutions[K].efficiencyLoss, "γ = \(g), \(form), K = \(K + 1)")
                }
            }
        }
    }

    /// Finding 4 at γ = 7/15, r ∈ [0, 1/240]: the seller keeps K = 2 either way (threshold 13/240,
    /// unchanged since her payoffs are), the buyer-designer loses 2r (Case 4, threshold 1/240).
    /// More-surplus: the seller's EL_2 = 0, loss 2r, a tie. Less-surplus: EL_2 = 1/4 · 1/30 = 1/120
    /// (only costs (1/3, 1/3) change), so Buyer-Design is strictly better by exactly 1/120, and the
    /// tie set at γ = 7/15 is empty: the region's end γ = 7/15 is open. Just above, at γ = 187/400,
    /// both rules give [0, (1 − 2γ)/16] = [0, 13/3200].
    func testTieRegionEndAtSevenFifteenthsDependsOnTheDesignerRule() throws {
        let e = try env(Q(7, 15))
        let more = try GameFormComparison(e), less = try GameFormComparison(e, conventions: GameFormConventions(designer: .lessSurplus))
        for r in [Q.zero, Q(1, 1000), Q(1, 240)] {
            XCTAssertEqual(more.sellerDesign.chosenK(r: r), 2)
            XCTAssertEqual(less.sellerDesign.chosenK(r: r), 2)
            XCTAssertEqual(more.sellerDesign.totalLoss(r: r), 2 * r, "r = \(r)")
            XCTAssertEqual(less.sellerDesign.totalLoss(r: r), Q(1, 120) + 2 * r, "r = \(r)")
            XCTAssertEqual(more.lossDifference(r: r), .zero, "r = \(r)")
            XCTAssertEqual(less.lossDifference(r: r), Q(1, 120), "r = \(r)")
        }
        // r = 1/200 > 1/240: the buyer drops to K = 1, loss 1/240 + 1/200; the seller 1/100 (+ 1/120).
        XCTAssertEqual(more.lossDifference(r: Q(1, 200)), Q(1, 1200))
        XCTAssertEqual(less.lossDifference(r: Q(1, 200)), Q(11, 1200))
        XCTAssertEqual(more.tieSet(), [CostInterval(lower: .zero, upper: Q(1, 240), lowerClosed: true, upperClosed: true)])
        XCTAssertEqual(less.tieSet(), [])
        let above = try env(Q(187, 400))
        for rule in DesignerTieBreaking.allCases {
            XCTAssertEqual(try GameFormComparison(above, conventions: GameFormConventions(designer: rule)).tieSet(),
                           [CostInterval(lower: .zero, upper: Q(13, 3200), lowerClosed: true, upperClosed: true)], "\(rule)")
        }
    }

    /// Case 1, K = 1, costs (1/3, 2/3), γ = 1/5: the price 4/5 sells version 1 to values (4/5, 1/5)
    /// (margin 7/15), version 2 to (1/5, 4/5) (margin 2/15), nothing to (1/5, 1/5); the (4/5, 4/5)
    /// buyer is indifferent. Equal odds (shading): margin 3/10, Eπ = (7/15 + 2/15 + 3/10)/4 = 9/40
    /// (= 3/8 − 3γ/4) and EL = 1/4 · (7/15 − 3/10) = 1/24. Designer-preferred: he takes version 1,
    /// Eπ = (7/15 + 2/15 + 7/15)/4 = 4/15 (= 5/12 − 3γ/4) and EL = 0, as much as with two prices,
    /// so the ex ante threshold for K = 2 is 0.
    func testChooserTiesInCaseOneWithOnePrice() throws {
        let e = try env(Q(1, 5))
        func lowHigh(_ rule: TieBreaking<Q>) throws -> DesignerOptimum<Q> {
            try XCTUnwrap(e.solve(.sellerDesignBuyerChoice, K: 1, tieBreaking: rule).byType.first { $0.ownTypes == [third, twoThirds] })
        }
        let odds = try lowHigh(.infinitesimalShading), preferred = try lowHigh(.designerPreferred)
        XCTAssertEqual(odds.prices, [Q(4, 5), Q(4, 5)])
        XCTAssertEqual(odds.designerPayoff, Q(9, 40))
        XCTAssertEqual(odds.efficiencyLoss, Q(1, 24))
        XCTAssertEqual(preferred.prices, [Q(4, 5), Q(4, 5)])
        XCTAssertEqual(preferred.designerPayoff, Q(4, 15))
        XCTAssertEqual(preferred.efficiencyLoss, .zero)
        XCTAssertEqual(try e.analyse(.sellerDesignBuyerChoice).exAnteThreshold, Q(1, 48))
        XCTAssertEqual(try e.analyse(.sellerDesignBuyerChoice, conventions: GameFormConventions(chooser: .designerPreferred)).exAnteThreshold, .zero)
    }

    /// At r equal to a designer's ex ante threshold she is indifferent between K = 1 and 2.
    /// γ = 12/25, Buyer-Design: threshold (1 − 2γ)/16 = 1/400. Smaller-K takes K = 1, larger-K K = 2;
    /// the losses agree (EL_1 + r = 1/400 + 1/400 = 0 + 2r), which is why k_ties moves no tie set.
    func testClassCountTiesAtTheBuyersThreshold() throws {
        let e = try env(Q(12, 25))
        let smaller = try e.analyse(.buyerDesignSellerChoice)
        let larger = try e.analyse(.buyerDesignSellerChoice, conventions: GameFormConventions(classCount: .largerK))
        let r = Q(1, 400)
        XCTAssertEqual(smaller.exAnteThreshold, r)
        XCTAssertEqual(smaller.chosenK(r: r), 1)
        XCTAssertEqual(larger.chosenK(r: r), 2)
        XCTAssertEqual(smaller.totalLoss(r: r), Q(1, 200))
        XCTAssertEqual(larger.totalLoss(r: r), Q(1, 200))
        // Off the threshold both rules agree.
        for x in [r - Q(1, 10_000), r + Q(1, 10_000)] { XCTAssertEqual(smaller.chosenK(r: x), larger.chosenK(r: x)) }
        XCTAssertEqual(try GameFormComparison(e).tieSet(), try GameFormComparison(e, conventions: GameFormConventions(classCount: .largerK)).tieSet())
    }

    /// A synthetic pair where the K rule does move a tie set (the chooser's payoff jumps with K):
    /// seller payoffs (0, 1/10), EL (1/10, 0); buyer payoffs (0, 1/20), EL (1/10, 0). At r = 1/20 the
    /// buyer is indifferent: K = 1 loses 1/10 + 1/20 = 3/20, K = 2 loses 2/20 (= the seller's 2r).
    /// Smaller-K: [0, 1/20) ∪ [1/10, ∞); larger-K: [0, 1/20] ∪ [1/10, ∞) (at r = 1/10 the seller's
    /// K = 2 loses 2/10 = the buyer's 1/10 + 1/10).
    func testClassCountTiesCloseASyntheticTieInterval() {
        func form(_ f: GameForm, _ byK: [(Q, Q)], _ rule: ClassCountTieBreaking) -> GameFormAnalysis<Q> {
            GameFormAnalysis(form: f, solutions: byK.enumerated().map { k, v in
                GameFormSolution(form: f, K: k + 1, byType: [DesignerOptimum(
                    ownTypes: [], probability: 1, partition: ClassPartition([[0]]), prices: [], shading: [], prohibitive: [],
                    designerPayoff: v.0, chooserPayoff: .zero, efficiencyLoss: v.1)])
            }, classCountTies: rule)
        }
        func ties(_ rule: ClassCountTieBreaking) -> [CostInterval<Q>] {
            GameFormComparison(sellerDesign: form(.sellerDesignBuyerChoice, [(0, Q(1, 10)), (Q(1, 10), 0)], rule),
                               buyerDesign: form(.buyerDesignSellerChoice, [(0, Q(1, 10)), (Q(1, 20), 0)], rule)).tieSet()
        }
        XCTAssertEqual(ties(.smallerK).map(\.description), ["[0, 1/20)", "[1/10, ∞)"])
        XCTAssertEqual(ties(.largerK).map(\.description), ["[0, 1/20]", "[1/10, ∞)"])
    }

    /// The solver kinds pass the spec's rules through: game-form-ties at γ = 7/15 and game-forms at
    /// (7/15, 1/1000) under each designer rule, game-form-cases' K = 1 profit under each chooser rule.
    func testKindsPassTheConventionsThrough() throws {
        func kind(_ name: String) throws -> SolverKind { try XCTUnwrap(classPricingSolvers.first { $0.name == name }) }
        func run(_ name: String, _ given: [String: ParameterValue]) throws -> [[String: TableValue]] {
            let k = try kind(name)
            var v: [String: ParameterValue] = [:]
            for p in k.parameters { if let d = p.defaultValue { v[p.name] = d } }
            for (key, x) in given { v[key] = x }
            return try k.run(ParameterValues(v), .silent)
        }
        let g: ParameterValue = .rational(Q(7, 15))
        XCTAssertEqual(try run("class-pricing.game-form-ties", ["gamma": g])[0]["tie_set"], .text("[0, 1/240]"))
        XCTAssertEqual(try run("class-pricing.game-form-ties", ["gamma": g, "designer_ties": .text("less-surplus")])[0]["tie_set"], .text("∅"))
        XCTAssertEqual(try run("class-pricing.game-form-ties", ["gamma": g, "chooser_ties": .text("designer-preferred")])[0]["tie_set"], .text("{0}"))
        let r: ParameterValue = .rational(Q(1, 1000))
        XCTAssertEqual(try run("class-pricing.game-forms", ["gamma": g, "r": r])[0]["more_efficient"], .text("tie"))
        let less = try run("class-pricing.game-forms", ["gamma": g, "r": r, "designer_ties": .text("less-surplus")])[0]
        XCTAssertEqual(less["more_efficient"], .text("buyer-design-seller-choice"))
        XCTAssertEqual(less["seller_design_loss"], .rational(Q(1, 120) + Q(1, 500)))
        let at = try run("class-pricing.game-forms", ["gamma": .rational(Q(12, 25)), "r": .rational(Q(1, 400)), "k_ties": .text("larger-K")])[0]
        XCTAssertEqual(at["buyer_design_K"], .rational(2))
        func k1LowHighProfit(_ rule: String) throws -> TableValue? {
            try run("class-pricing.game-form-cases", ["gamma": .rational(Q(1, 5)), "form": .text("seller-design-buyer-choice"),
                                                      "chooser_ties": .text(rule)])
                .first { $0["K"] == .integer(1) && $0["own_types"] == .text("(low, high)") }?["designer_payoff"]
        }
        XCTAssertEqual(try k1LowHighProfit("shading"), .rational(Q(9, 40)))
        XCTAssertEqual(try k1LowHighProfit("designer-preferred"), .rational(Q(4, 15)))
        let summary = try run("class-pricing.game-form-summary", ["gamma": .rational(Q(1, 5)), "chooser_ties": .text("designer-preferred")])
        XCTAssertEqual(summary.first { $0["form"] == .text("seller-design-buyer-choice") }?["threshold"], .rational(.zero))
    }
}
