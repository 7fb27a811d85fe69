import XCTest
import Numerics
@testable import StorableGoods

/// Section 1's example: 2 consumers, 2 periods, u_I = (1, 0), u_II = (0, 2), ε = 0.8.
final class IntroductoryExampleTests: XCTestCase {
    func testPaperClaims() throws {
        let m = try introMarket(r("0.8"))
        // "if the price at period 1 is less than 2 − 0.8 = 1.2, consumer II will buy at period 1"
        for s in EquilibriumSelection.all {
            let eq = try m.contingentEquilibrium(selection: s)
            XCTAssertEqual(try eq.reservationPrice(consumer: 1, period: 1, stocks: [0, 0]), r("1.2"), s.name)
            // "Thus, Π^CP = 2" — under every selection.
            XCTAssertEqual(eq.revenue, 2, s.name)
        }
        // "(1) Set a price of 1 at period 1 and both consumers would buy; or
        //  (2) set price higher than 1.2 at period 1 ... then set a price of 2"
        let early = try m.contingentEquilibrium(selection: EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale))
        XCTAssertEqual(early.initialOutcome.price, .finite(1))
        XCTAssertEqual(early.initialOutcome.purchases, [1, 1])
        let late = try m.contingentEquilibrium(selection: EquilibriumSelection(consumers: .sellerAdverse, tieBreak: .latestSale))
        XCTAssertEqual(late.path.map(\.price), [.noSale, .finite(2)])
        // "the monopolist profit is 2.77 > 2"; "over 1.38 times higher"
        let pa = try m.outcome(of: PriceSchedule(horizon: 2, prices: [1: r("0.99"), 2: r("1.78")])).revenue
        XCTAssertEqual(pa, r("2.77"))
        XCTAssertEqual(pa / 2, r("1.385"))
        // Not stated in the paper: the optimal pre-announced revenue (a supremum).
        XCTAssertEqual(try m.optimalPreAnnouncedPricing().revenue, r("2.8"))
    }

    func testStorageCostSweep() throws {
        // Hand analysis: Π^PA = 2 + min(ε, 1); Π^CP = 2 for ε ≤ 1 and 3 for ε > 1.
        for k in 0...15 {
            let eps = Rational(k, 10)
            let m = try introMarket(eps)
            XCTAssertEqual(try m.optimalPreAnnouncedPricing().revenue, 2 + min(eps, 1))
            for s in EquilibriumSelection.all {
                XCTAssertEqual(try m.contingentEquilibrium(selection: s).revenue, k <= 10 ? 2 : 3, "ε = \(eps), \(s)")
            }
        }
    }
}
