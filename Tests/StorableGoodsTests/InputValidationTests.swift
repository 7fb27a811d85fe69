import XCTest
import Numerics
@testable import StorableGoods

final class InputValidationTests: XCTestCase {
    func testMarketValidation() throws {
        assertInvalid(.raggedValues(consumer: 1, periods: 1, expected: 2)) { _ = try StorableGoodsMarket(values: [[1, 2], [1]], storageCost: 0) }
        assertInvalid(.negativeValue(consumer: 0, period: 2, value: -2)) { _ = try StorableGoodsMarket(values: [[1, -2]], storageCost: 0) }
        assertInvalid(.negativeStorageCost(-1)) { _ = try StorableGoodsMarket(values: [[1]], storageCost: -1) }
        assertInvalid(.noConsumers) { _ = try StorableGoodsMarket(values: [], storageCost: 0) }
        assertInvalid(.emptyHorizon(horizon: 0)) { _ = try StorableGoodsMarket(values: [[]], storageCost: 0) }
        assertInvalid(.emptyHorizon(horizon: 0)) { _ = try StorableGoodsMarket(horizon: 0, demands: [[]], storageCost: 0) }
        assertInvalid(.noConsumers) { _ = try StorableGoodsMarket(horizon: 3, demands: [], storageCost: 0) }
        assertInvalid(.demandOutsideHorizon(consumer: 0, period: 4, horizon: 3)) {
            _ = try StorableGoodsMarket(horizon: 3, demands: [[.init(period: 4, value: 1)]], storageCost: 0)
        }
        assertInvalid(.duplicateDemand(consumer: 0, period: 1)) {
            _ = try StorableGoodsMarket(horizon: 3, demands: [[.init(period: 1, value: 1), .init(period: 1, value: 2)]], storageCost: 0)
        }
        XCTAssertTrue("\(StorableGoodsError.negativeStorageCost(-1))".contains("storage cost ε = -1: expected ε ≥ 0"))
    }

    func testSparseAndDenseAgree() throws {
        let dense = try StorableGoodsMarket(values: [[0, 3, 0], [1, 0, 0]], storageCost: r("1/2"))
        let sparse = try StorableGoodsMarket(
            horizon: 3, demands: [[.init(period: 2, value: 3)], [.init(period: 1, value: 1), .init(period: 3, value: 0)]],
            storageCost: r("1/2"))
        XCTAssertEqual(dense, sparse)
        XCTAssertEqual(dense.demandPeriods, [1, 2])
        XCTAssertEqual(dense.value(consumer: 0, period: 3), 0)
        XCTAssertFalse(try StorableGoodsMarket(values: [[1, 1]], storageCost: 0).isSingleDemand)
    }
}
