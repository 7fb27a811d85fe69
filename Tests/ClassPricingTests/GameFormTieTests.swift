import XCTest
import Numerics
@testable import ClassPricing

/// Finding 4's tie region, against a hand derivation from the Appendix's cases
/// (as corrected by the solver: see appendix-thresholds' discrepancies).
///
/// For γ ∈ [7/15, 1/2] both designers reach EL = 0 with K = 2:
///   Buyer-Design (Case 4): EL_1 = (1 − 2γ)/16 and threshold (1 − 2γ)/16, so
///     L_b(r) = 2r for r < (1 − 2γ)/16 and (1 − 2γ)/16 + r after;
///   Seller-Design (Case 3, γ ≥ 7/15): EL_2 = 0 and threshold (57γ − 24)/48 on
///     [7/15, 10/21], (36γ − 14)/48 on (10/21, 1/2], both > (1 − 2γ)/16, so
///     L_s(r) = 2r up to there.
/// Hence L_s = L_b exactly for 0 ≤ r ≤ (1 − 2γ)/16 (at the end both are
/// 2r = (1 − 2γ)/16 + r), and L_b < L_s beyond. For γ < 7/15 the seller's EL_2 > 0.
final class GameFormTieTests: XCTestCase {
    typealias Q = Rational

    func comparison(_ g: Q) throws -> GameFormComparison<Q> {
        try GameFormComparison(try BilateralTrade<Q>.appendixExample(gamma: g))
    }

    /// The hand-derived tie boundary (1 − 2γ)/16.
    func bound(_ g: Q) -> Q { (1 - 2 * g) / 16 }

    func testTieIntervalsAtHandComputedGammas() throws {
        // γ = 7/15: [0, 1/240]; γ = 12/25: [0, 1/400]; γ = 1/2: {0}.
        XCTAssertEqual(try comparison(Q(7, 15)).tieSet(),
                       [CostInterval(lower: .zero, upper: Q(1, 240), lowerClosed: true, upperClosed: true)])
        XCTAssertEqual(try comparison(Q(12, 25)).tieSet(),
                       [CostInterval(lower: .zero, upper: Q(1, 400), lowerClosed: true, upperClosed: true)])
        XCTAssertEqual(try comparison(Q(1, 2)).tieSet(),
                       [CostInterval(lower: .zero, upper: .zero, lowerClosed: true, upperClosed: true)])
        XCTAssertEqual(try comparison(Q(12, 25)).tieSet().map(\.description), ["[0, 1/400]"])
        // Below 7/15: no tie at any r.
        for g in [Q(0), Q(1, 5), Q(2, 5), Q(9, 20), Q(7, 15) - Q(1, 1000)] {
            XCTAssertEqual(try comparison(g).tieSet(), [], "γ = \(g)")
        }
    }

    /// The boundary by exact evaluation: inside, on and just outside it, at
    /// rational γ across [7/15, 1/2).
    func testBoundaryByExactEvaluation() throws {
        let tiny = Q(1, 1_000_000_000)
        for g in [Q(7, 15), Q(47, 100), Q(10, 21), Q(12, 25), Q(499, 1000)] {
            let c = try comparison(g), b = bound(g)
            XCTAssertEqual(c.tieSet(), [CostInterval(lower: .zero, upper: b, lowerClosed: true, upperClosed: true)], "γ = \(g)")
            for r in [Q.zero, b / 3, b] {
                XCTAssertEqual(c.lossDifference(r: r), .zero, "γ = \(g), r = \(r)")
                XCTAssertEqual(c.buyerDesign.totalLoss(r: r), 2 * r, "γ = \(g), r = \(r)")
            }
            // Just outside: Buyer-Design strictly better, by exactly r − (1 − 2γ)/16.
            for r in [b + tiny, b + Q(1, 100), Q(1, 5)] {
                XCTAssertEqual(c.buyerDesign.totalLoss(r: r), b + r, "γ = \(g), r = \(r)")
                XCTAssertGreaterThan(c.lossDifference(r: r), .zero, "γ = \(g), r = \(r)")
            }
        }
        // Just left of 7/15 the seller's EL_2 > 0: no tie even at r = 0.
        XCTAssertGreaterThan(try comparison(Q(7, 15) - tiny).lossDifference(r: .zero), .zero)
    }

    /// Exact losses at (γ, r) against the Appendix's cases by hand.
    func testExactLossesByHand() throws {
        // γ = 1/5, r = 1/100: Seller-Design K = 2 (r < 1/48), EL = 0 → 2r = 1/50.
        // Buyer-Design K = 2 (r < (5 − 12γ)/48 = 13/240), EL_2 = 5/48 − 5γ/16 = 1/24 → 1/24 + 1/50 = 37/600.
        var c = try comparison(Q(1, 5))
        XCTAssertEqual(c.sellerDesign.totalLoss(r: Q(1, 100)), Q(1, 50))
        XCTAssertEqual(c.buyerDesign.totalLoss(r: Q(1, 100)), Q(37, 600))
        // r = 1/10 (above both thresholds): Seller K = 1, EL_1 = 1/48 → 1/48 + 1/10 = 29/240;
        // Buyer K = 1 with price 1/3 (Case 2): values (1−γ, 1−γ) lose 2/15 when both costs are 2/3
        // (1/4 · 1/4 = 1/120); values (γ, 1−γ): costs (1/3, 1/3) the seller delivers either version
        // (loss 7/15 − (−2/15 + 7/15)/2 = 3/10), (1/3, 2/3) version 1 at a loss (4/15), (2/3, 2/3) none
        // (2/15): 1/2 · (3/10 + 4/15 + 0 + 2/15)/4 = 7/80. EL_1 = 1/120 + 7/80 = 23/240 → 23/240 + 1/10 = 47/240.
        XCTAssertEqual(c.sellerDesign.totalLoss(r: Q(1, 10)), Q(29, 240))
        XCTAssertEqual(c.buyerDesign.totalLoss(r: Q(1, 10)), Q(47, 240))
        // γ = 12/25, r = 1/100: Buyer K = 1 (r > 1/400) → 1/400 + 1/100 = 1/80; Seller K = 2 (r < 41/600) → 1/50.
        c = try comparison(Q(12, 25))
        XCTAssertEqual(c.buyerDesign.totalLoss(r: Q(1, 100)), Q(1, 80))
        XCTAssertEqual(c.sellerDesign.totalLoss(r: Q(1, 100)), Q(1, 50))
    }

    /// Rational inputs give rational outputs with the expected denominators
    /// (no rounding through floating point on the way).
    func testOutputsAreExact() throws {
        let c = try comparison(Q(7, 15))
        let t = try XCTUnwrap(c.tieSet().first?.upper)
        XCTAssertEqual(t.numerator, 1)
        XCTAssertEqual(t.denominator, 240)
        let loss = c.buyerDesign.totalLoss(r: Q(1, 3000))
        XCTAssertEqual(loss, Q(1, 1500))
        XCTAssertEqual(loss.denominator, 1500)
    }

    /// At γ = 1/3 exactly the values (1/3 or 2/3) mirror the costs, so the two forms
    /// are the same game with buyer and seller swapped: equal losses for every K, and
    /// a tie at every r ≥ 0. Just either side (γ = 1/3 ∓ 1/1000) one form is strictly better at every r tried.
    func testFlipExactlyAtOneThird() throws {
        let c = try comparison(Q(1, 3))
        for K in 0..<2 {
            XCTAssertEqual(c.sellerDesign.solutions[K].efficiencyLoss, c.buyerDesign.solutions[K].efficiencyLoss)
            XCTAssertEqual(c.sellerDesign.solutions[K].designerPayoff, c.buyerDesign.solutions[K].designerPayoff)
        }
        XCTAssertEqual(c.tieSet(), [CostInterval(lower: .zero, upper: nil, lowerClosed: true, upperClosed: false)])
        XCTAssertEqual(c.tieSet().map(\.description), ["[0, ∞)"])
        let below = try comparison(Q(1, 3) - Q(1, 1000)), above = try comparison(Q(1, 3) + Q(1, 1000))
        for r in [Q.zero, Q(1, 1000), Q(1, 48), Q(1, 10), Q(1)] {
            XCTAssertLessThan(below.lossDifference(r: r), .zero, "r = \(r)")      // Seller-Design strictly better
            XCTAssertGreaterThan(above.lossDifference(r: r), .zero, "r = \(r)")   // Buyer-Design strictly better
        }
    }

    /// A form with given ex ante (payoff, EL) for K = 1, 2 (one designer type of probability 1).
    func synthetic(_ form: GameForm, _ byK: [(payoff: Q, loss: Q)]) -> GameFormAnalysis<Q> {
        GameFormAnalysis(form: form, solutions: byK.enumerated().map { k, v in
            GameFormSolution(form: form, K: k + 1, byType: [DesignerOptimum(
                ownTypes: [], probability: 1, partition: ClassPartition([[0]]), prices: [], shading: [], prohibitive: [],
                designerPayoff: v.payoff, chooserPayoff: .zero, efficiencyLoss: v.loss)])
        })
    }

    /// The tie-set assembly on pieces the Appendix example does not produce, by hand:
    /// an isolated crossing point, a half-open interval and an unbounded one.
    func testTieSetPiecesOnSyntheticLosses() {
        // Seller: payoffs (0, 1/10), EL (1/10, 0) → L_s = 2r for r < 1/10, 1/10 + r after.
        let s = synthetic(.sellerDesignBuyerChoice, [(0, Q(1, 10)), (Q(1, 10), 0)].map { (payoff: $0.0, loss: $0.1) })
        // Buyer always K = 1 with EL 1/20 → L_b = 1/20 + r: the losses cross once, at r = 1/20.
        let b1 = synthetic(.buyerDesignSellerChoice, [(0, Q(1, 20)), (0, 0)].map { (payoff: $0.0, loss: $0.1) })
        XCTAssertEqual(GameFormComparison(sellerDesign: s, buyerDesign: b1).tieSet(),
                       [CostInterval(lower: Q(1, 20), upper: Q(1, 20), lowerClosed: true, upperClosed: true)])
        // Buyer: payoffs (0, 1/20), EL (1/10, 0) → L_b = 2r for r < 1/20, 1/10 + r from 1/20 (a jump):
        // ties on [0, 1/20) and, once the seller also drops to K = 1, on [1/10, ∞).
        let b2 = synthetic(.buyerDesignSellerChoice, [(0, Q(1, 10)), (Q(1, 20), 0)].map { (payoff: $0.0, loss: $0.1) })
        let ties = GameFormComparison(sellerDesign: s, buyerDesign: b2).tieSet()
        XCTAssertEqual(ties, [CostInterval(lower: 0, upper: Q(1, 20), lowerClosed: true, upperClosed: false),
                              CostInterval(lower: Q(1, 10), upper: nil, lowerClosed: true, upperClosed: false)])
        XCTAssertEqual(ties.map(\.description), ["[0, 1/20)", "[1/10, ∞)"])
        XCTAssertTrue(ties[0].contains(Q(1, 21)) && !ties[0].contains(Q(1, 20)) && ties[1].contains(Q(7)))
    }
}
