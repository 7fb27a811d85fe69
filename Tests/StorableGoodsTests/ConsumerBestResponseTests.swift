import XCTest
import Numerics
@testable import StorableGoods

final class ConsumerBestResponseTests: XCTestCase {
    func testIntroPricesServeEachConsumerInHerOwnPeriod() throws {
        // Section 1: at (0.99, 1.78) consumer I buys at t = 1 and consumer II
        // prefers 1.78 at t = 2 to 0.99 + 0.8 = 1.79 with storage.
        let m = try introMarket(r("0.8"))
        let s = try PriceSchedule(horizon: 2, prices: [1: r("0.99"), 2: r("1.78")])
        let o = try m.outcome(of: s)
        XCTAssertEqual(o.plans[0].units.map(\.purchasePeriod), [1])
        XCTAssertEqual(o.plans[1].units.map(\.purchasePeriod), [2])
        XCTAssertEqual(o.revenue, r("2.77"))
        XCTAssertEqual(o.plans[1].surplus, r("0.22"))
        XCTAssertEqual(o.consumerSurplus, r("0.01") + r("0.22"))
        XCTAssertEqual(o.unitsSoldByPeriod.map(\.units), [1, 1])
    }

    func testStoringWhenCheaper() throws {
        // p = (1, 2), ε = 0.8: II's cheapest delivered cost at t = 2 is 1 + 0.8 = 1.8 < 2.
        let m = try introMarket(r("0.8"))
        let plan = try m.bestResponse(consumer: 1, to: PriceSchedule(horizon: 2, prices: [1: 1, 2: 2]))
        XCTAssertEqual(plan.units.count, 1)
        XCTAssertEqual(plan.units[0].purchasePeriod, 1)
        XCTAssertEqual(plan.units[0].storageCost, r("0.8"))
        XCTAssertEqual(plan.payment, 1)
        XCTAssertEqual(plan.surplus, r("0.2"))
        XCTAssertTrue(plan.stores)
        XCTAssertEqual(plan.unitsBought(in: 1), 1)
    }

    func testTieRulesForSourceAndPurchase() throws {
        let m = try introMarket(r("0.8"))
        // Source tie: 1 + 0.8 = 1.8 = p_2.
        let s = try PriceSchedule(horizon: 2, prices: [1: 1, 2: r("1.8")])
        XCTAssertEqual(try m.bestResponse(consumer: 1, to: s, ties: .sellerFavourable).units[0].purchasePeriod, 2)
        XCTAssertEqual(try m.bestResponse(consumer: 1, to: s, ties: .sellerAdverse).units[0].purchasePeriod, 1)
        XCTAssertEqual(try m.outcome(of: s, ties: .sellerFavourable).revenue, r("2.8"))
        // Adverse: I is indifferent at u = p_1 = 1 and abstains; II buys at t = 1.
        XCTAssertEqual(try m.outcome(of: s, ties: .sellerAdverse).revenue, 1)
        // Purchase tie: u = p.
        let t = try PriceSchedule(horizon: 2, prices: [2: 2])
        XCTAssertEqual(try m.outcome(of: t, ties: .sellerFavourable).revenue, 2)
        XCTAssertEqual(try m.outcome(of: t, ties: .sellerAdverse).revenue, 0)
    }

    func testNothingOnSaleAndFixedPrice() throws {
        let m = try StorableGoodsMarket(values: [[3, 0, 1], [2, 2, 0]], storageCost: r("1/2"))
        XCTAssertEqual(try m.outcome(of: PriceSchedule(horizon: 3, prices: [:])).revenue, 0)
        // A fixed price 2 sells the three valuations ≥ 2, nobody stores.
        let fixed = try PriceSchedule(prices: [.finite(2), .finite(2), .finite(2)])
        let o = try m.outcome(of: fixed)
        XCTAssertEqual(o.revenue, 6)
        XCTAssertFalse(o.plans.contains { $0.stores })
        XCTAssertEqual(fixed.price(at: 2), .finite(2))
    }

    func testEarlyCheapPriceIsStockpiled() throws {
        // One consumer values 5 in each of 3 periods; p_1 = 1, others 4, ε = 1:
        // delivered costs 1, 2, 3 < 4, so she buys all three units at t = 1.
        let m = try StorableGoodsMarket(values: [[5, 5, 5]], storageCost: 1)
        let plan = try m.bestResponse(consumer: 0, to: PriceSchedule(horizon: 3, prices: [1: 1, 2: 4, 3: 4]))
        XCTAssertEqual(plan.unitsBought(in: 1), 3)
        XCTAssertEqual(plan.payment, 3)
        XCTAssertEqual(plan.surplus, 15 - 3 - 3)
    }

    func testScheduleValidation() throws {
        let m = try introMarket(r("0.8"))
        assertInvalid(.scheduleHorizonMismatch(schedule: 3, market: 2)) { _ = try m.outcome(of: PriceSchedule(horizon: 3, prices: [:])) }
        assertInvalid(.consumerOutOfRange(consumer: 2, consumers: 2)) { _ = try m.bestResponse(consumer: 2, to: PriceSchedule(horizon: 2, prices: [:])) }
        assertInvalid(.pricePeriodOutsideHorizon(period: 3, horizon: 2)) { _ = try PriceSchedule(horizon: 2, prices: [3: 1]) }
        assertInvalid(.negativePrice(period: 1, price: -1)) { _ = try PriceSchedule(horizon: 2, prices: [1: -1]) }
        assertInvalid(.emptyHorizon(horizon: 0)) { _ = try PriceSchedule(horizon: 0, prices: [:]) }
    }
}
