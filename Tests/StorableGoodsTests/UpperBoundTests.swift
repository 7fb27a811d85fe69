import XCTest
import Numerics
@testable import StorableGoods

final class UpperBoundTests: XCTestCase {
    func testFixedPrice() throws {
        let m = try StorableGoodsMarket(values: [[3, 0], [2, 2], [1, 0]], storageCost: 1)
        let f = m.fixedPriceOptimum
        XCTAssertEqual(f.revenue, 6)        // price 2 sells {3, 2, 2}
        XCTAssertEqual(f.price, 2)
        XCTAssertEqual(m.totalValue, 8)
        let zero = try StorableGoodsMarket(values: [[0, 0]], storageCost: 0)
        XCTAssertEqual(zero.fixedPriceOptimum.revenue, 0)
        XCTAssertNil(zero.fixedPriceOptimum.price)
        XCTAssertEqual(try zero.optimalPreAnnouncedPricing().revenue, 0)
    }

    func testTheorem41ChainOnRandomInstances() throws {
        let selections = [EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale),
                          EquilibriumSelection(consumers: .sellerAdverse, tieBreak: .latestSale)]
        let check = try Theorem41Check.run(instances: 150, seed: 41, selections: selections, bruteForce: true)
        XCTAssertTrue(check.holds, "\(check.violations)")
        XCTAssertGreaterThan(check.bruteForceConfirmed, 100)
        XCTAssertLessThan(check.skippedNoPureEquilibrium, 10)
        XCTAssertGreaterThanOrEqual(check.maxPAOverCP.ratio, 1)
        XCTAssertGreaterThan(check.maxCPOverPA.ratio, 1)     // CP can beat PA (Theorem 1.1)
        XCTAssertLessThanOrEqual(check.maxNormalisedRatio, 1)
        assertInvalid(.noInstances(instances: 0)) { _ = try Theorem41Check.run(instances: 0, seed: 1, selections: selections) }
        assertInvalid(.sampledConsumersOutOfRange(maxConsumers: 9)) { _ = try Theorem41Check.run(instances: 1, seed: 1, maxConsumers: 9, selections: selections) }
        assertInvalid(.noSelections) { _ = try Theorem41Check.run(instances: 1, seed: 1, selections: []) }
    }
}
