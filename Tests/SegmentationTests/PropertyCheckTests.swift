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
        XCTAssertEqual(report.singleProductImproved, report.singleProductInefficient)
        assertSegmentationError(try PropertyCheck.run(seed: 1, markets: 0), .invalidPropertyCheckSizes(markets: 0, maxTypes: 5, maxAlternatives: 4, marketsPerEnvironment: 5, dominanceCandidates: 3))
    }

    func testSingleProductMarketsAreImprovable() throws {
        let report = try PropertyCheck.run(seed: 7, markets: 20, maxTypes: 4, maxAlternatives: 1)
        XCTAssertEqual(report.failures, [])
        XCTAssertGreaterThan(report.singleProductInefficient, 0)
        XCTAssertEqual(report.singleProductImproved, report.singleProductInefficient)
    }

    /// Proposition 1 covers tied markets too (several optimal payment rules,
    /// where Theorem 1's split does not apply): seed 7 has a single-product
    /// inefficient market with a tie, improved by the tied-market split
    /// search under every selection rule (it once counted as not improved).
    func testTiedSingleProductMarketIsImproved() throws {
        for selection in SelectionRule.allCases {
            let report = try PropertyCheck.run(seed: 7, markets: 100, selection: selection)
            XCTAssertEqual(report.failures, [], "\(selection)")
            XCTAssertGreaterThanOrEqual(report.singleProductNonUniquePayments, 1, "\(selection)")
            XCTAssertEqual(report.singleProductImproved, report.singleProductInefficient, "\(selection)")
        }
    }
}
