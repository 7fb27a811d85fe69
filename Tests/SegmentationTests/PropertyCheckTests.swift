import XCTest
import Numerics
@testable import Segmentation

/// Theorem 1 and Propositions 1–2 on seeded random environments (a small
/// run; the 1,000-market run is a benchmark).
final class PropertyCheckTests: XCTestCase {
    func testRandomMarketsHaveNoFailures() throws {
        let report = try PropertyCheck.run(seed: 2022, markets: 40)
        XCTAssertEqual(report.failures, [])
        XCTAssertEqual(report.markets, 40)
        XCTAssertEqual(report.efficientMarkets + report.inefficientMarkets, 40)
        XCTAssertGreaterThan(report.inefficientMarkets, 0)
        XCTAssertGreaterThan(report.efficientMarkets, 0)
        XCTAssertEqual(report.dominatingMarketsBuilt, report.inefficientMarkets)
        XCTAssertEqual(report.verifiedSplits, report.uniquePaymentMarkets)
        XCTAssertEqual(report.efficientMarketsDominated, 0)
        XCTAssertEqual(report.singleProductImproved + report.singleProductNonUniquePayments, report.singleProductInefficient)
        assertSegmentationError(try PropertyCheck.run(seed: 1, markets: 0), .invalidPropertyCheckSizes(markets: 0, maxTypes: 5, maxAlternatives: 4, marketsPerEnvironment: 5, dominanceCandidates: 3))
    }

    func testSingleProductMarketsAreImprovable() throws {
        let report = try PropertyCheck.run(seed: 7, markets: 20, maxTypes: 4, maxAlternatives: 1)
        XCTAssertEqual(report.failures, [])
        XCTAssertGreaterThan(report.singleProductInefficient, 0)
        XCTAssertEqual(report.singleProductImproved + report.singleProductNonUniquePayments, report.singleProductInefficient)
    }
}
