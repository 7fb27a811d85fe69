import XCTest
import Numerics
@testable import StorableGoods

final class ContingentPricingTests: XCTestCase {
    let favourableEarliest = EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale)
    let favourableLatest = EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .latestSale)

    func testSingleConsumerSinglePeriod() throws {
        let m = try StorableGoodsMarket(values: [[r("7/3")]], storageCost: 0)
        for s in EquilibriumSelection.all {
            let eq = try m.contingentEquilibrium(selection: s)
            XCTAssertEqual(eq.revenue, r("7/3"), s.name)
            XCTAssertEqual(eq.initialOutcome.price, .finite(r("7/3")))
            XCTAssertEqual(eq.initialOutcome.consumerValues, [0])
        }
    }

    func testOnePeriodIsTheFixedPriceProblem() throws {
        // Values 3, 2, 2 in a single period: price 2 (revenue 6) beats 3.
        let m = try StorableGoodsMarket(values: [[3], [2], [2]], storageCost: 0)
        let eq = try m.contingentEquilibrium(selection: favourableEarliest)
        XCTAssertEqual(eq.revenue, 6)
        XCTAssertEqual(eq.initialOutcome.purchases, [1, 1, 1])
        XCTAssertEqual(eq.initialOutcome.consumerValues, [1, 0, 0])
        XCTAssertEqual(eq.stateCount, 1)
    }

    func testThreatOfMonopolyPriceExtractsFullValue() throws {
        // One consumer, values (0, 1, 1, 3), ε = 0. Without commitment the
        // seller's last-period price 3 is a credible threat, so the consumer
        // stockpiles at period 1 and the seller extracts Σu = 5 (Theorem 1.1's
        // direction: CP above PA, which is 3 here).
        let m = try StorableGoodsMarket(values: [[0, 1, 1, 3]], storageCost: 0)
        let eq = try m.contingentEquilibrium(selection: favourableEarliest)
        XCTAssertEqual(eq.revenue, 5)
        XCTAssertEqual(eq.initialOutcome.consumerValues, [0])
        XCTAssertEqual(try m.optimalPreAnnouncedPricing().revenue, 3)
        // Hand-computed continuation values (backward induction by hand):
        // at t = 4 lacking the unit she pays 3; at t = 3 with no stock the
        // seller earns 3; at t = 2 with no stock he earns 4.
        XCTAssertEqual(try eq.outcome(period: 4, stocks: [0]).sellerValue, 3)
        XCTAssertEqual(try eq.outcome(period: 3, stocks: [0]).sellerValue, 3)
        XCTAssertEqual(try eq.outcome(period: 3, stocks: [1]).sellerValue, 1)
        XCTAssertEqual(try eq.outcome(period: 2, stocks: [0]).sellerValue, 4)
        XCTAssertEqual(try eq.outcome(period: 3, stocks: [2]).consumerValues, [4])
    }

    func testEquilibriumPathAndStates() throws {
        let m = try introMarket(r("0.8"))
        let eq = try m.contingentEquilibrium(selection: favourableLatest)
        let path = eq.path
        XCTAssertEqual(path.map(\.price), [.noSale, .finite(2)])
        XCTAssertEqual(path.map(\.unitsSold), [0, 1])
        XCTAssertEqual(path.reduce(Rational.zero) { $0 + $1.revenueNow }, eq.revenue)
        // States: period 1 (empty stocks only) and period 2 with II's stock 0 or 1.
        XCTAssertEqual(eq.stateCount, 3)
        XCTAssertEqual(m.contingentStateCount, 3)
        var seen = 0
        eq.forEachState { _ in seen += 1 }
        XCTAssertEqual(seen, 3)
        let holding = try eq.outcome(period: 2, stocks: [0, 1])
        XCTAssertEqual(holding.sellerValue, 0)
        XCTAssertEqual(holding.consumerValues, [0, 2])
        XCTAssertEqual(holding.consumes, [false, true])
        assertInvalid(.stocksOutOfRange(period: 1, stocks: [0, 1])) { _ = try eq.outcome(period: 1, stocks: [0, 1]) }
        assertInvalid(.stockCountMismatch(count: 1, consumers: 2)) { _ = try eq.outcome(period: 2, stocks: [0]) }
        assertInvalid(.periodOutOfRange(period: 3, horizon: 2)) { _ = try eq.outcome(period: 3, stocks: [0, 0]) }
    }

    func testNoPureStageEquilibriumIsReported() throws {
        // Found by the Theorem 4.1 property check and verified by hand: at
        // t = 3 with consumer 3 holding one unit and a price in (5/4, 7/4),
        // consumers 2 and 3 play a matching-pennies game (2 wants to hold a
        // unit iff 3 lacks one at t = 4; 3 wants to lack one iff 2 holds).
        let m = try StorableGoodsMarket(
            values: [[0, r("1/2"), r("5/2"), 1], [0, 1, 0, r("5/2")], [0, 0, r("1/2"), 2]], storageCost: r("3/4"))
        XCTAssertThrowsError(try m.contingentEquilibrium(selection: favourableEarliest)) { error in
            guard case let StorableGoodsError.noPureStageEquilibrium(period, stocks, prices) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(period, 3)
            XCTAssertEqual(stocks, [0, 0, 1])
            XCTAssertEqual(prices, "(5/4, 7/4)")
            XCTAssertTrue("\(error)".contains("no pure stage equilibrium"))
        }
    }

    func testStateLimit() throws {
        let g = try ConstructionG(n: 20)
        XCTAssertThrowsError(try g.market().contingentEquilibrium(selection: favourableEarliest)) { error in
            guard case let StorableGoodsError.tooManyStates(states, maxStates) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(maxStates, 20_000_000)
            XCTAssertGreaterThan(states ?? .max, maxStates)
        }
    }

    func testSelectionNames() throws {
        XCTAssertEqual(EquilibriumSelection.all.count, 8)
        XCTAssertEqual(Set(EquilibriumSelection.all.map(\.name)).count, 8)
        for s in EquilibriumSelection.all { XCTAssertEqual(try EquilibriumSelection(parsing: s.name), s) }
        XCTAssertEqual(favourableEarliest.name, "seller-favourable/earliest-sale")
        assertInvalid(.unknownEquilibriumSelection(name: "seller-friendly/earliest-sale")) { _ = try EquilibriumSelection(parsing: "seller-friendly/earliest-sale") }
    }

    /// Multi-demand markets run on `Rational` with breakpoints ΔC/Δq; every
    /// selection's revenue lies between Π^F and Σu (Theorem 4.1's first link
    /// and individual rationality).
    func testRandomMarketsRespectBounds() throws {
        var rng = SplitMix64(seed: 5)
        var solved = 0
        for _ in 0..<40 {
            let m = try randomMarket(&rng, maxN: 2, maxT: 3, zeroOdds: 0)
            for s in [favourableEarliest, EquilibriumSelection(consumers: .sellerAdverse, tieBreak: .maxConsumerSurplus)] {
                guard let eq = try? m.contingentEquilibrium(selection: s) else { continue }
                solved += 1
                XCTAssertLessThanOrEqual(m.fixedPriceOptimum.revenue, eq.revenue)
                XCTAssertLessThanOrEqual(eq.revenue, m.totalValue)
                XCTAssertTrue(eq.initialOutcome.consumerValues.allSatisfy { $0.signum >= 0 })
                XCTAssertEqual(eq.revenue + eq.initialOutcome.consumerSurplus <= m.totalValue, true)
            }
        }
        XCTAssertGreaterThan(solved, 60)
    }
}
