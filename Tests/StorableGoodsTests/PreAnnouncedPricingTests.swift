import XCTest
import Numerics
@testable import StorableGoods

final class PreAnnouncedPricingTests: XCTestCase {
    func testIntroOptimum() throws {
        // Sell I at 1 in t = 1; the cap in t = 2 is then 1 + ε = 1.8 < 2.
        let m = try introMarket(r("0.8"))
        let pa = try m.optimalPreAnnouncedPricing()
        XCTAssertEqual(pa.revenue, r("2.8"))
        XCTAssertEqual(pa.schedule.price(at: 1), .finite(1))
        XCTAssertEqual(pa.schedule.price(at: 2), .finite(r("1.8")))
        XCTAssertEqual(pa.sales.map(\.buyers), [[0], [1]])
        XCTAssertTrue(pa.tieSemantics.contains("supremum"))
        // The reported schedule attains the supremum under favourable ties only.
        XCTAssertEqual(try m.outcome(of: pa.schedule, ties: .sellerFavourable).revenue, pa.revenue)
        XCTAssertLessThan(try m.outcome(of: pa.schedule, ties: .sellerAdverse).revenue, pa.revenue)
    }

    func testHandComputableCases() throws {
        // One period, values 3, 2, 2: price 2 sells three units (6) > price 3 (3).
        let a = try StorableGoodsMarket(values: [[3], [2], [2]], storageCost: 0)
        XCTAssertEqual(try a.optimalPreAnnouncedPricing().revenue, 6)
        // ε = 0: every later price is capped by the earlier selling prices:
        // values (0, 1, 1, 3) give max(1 + 1 + 1, 3) = 3.
        let b = try StorableGoodsMarket(values: [[0, 1, 1, 3]], storageCost: 0)
        XCTAssertEqual(try b.optimalPreAnnouncedPricing().revenue, 3)
        // A large storage cost removes the arbitrage: full extraction.
        let c = try introMarket(5)
        XCTAssertEqual(try c.optimalPreAnnouncedPricing().revenue, 3)
        // Skipping a cheap early sale can pay: values 1 at t = 1 and 10 at t = 2
        // for one consumer each, ε = 1: selling at 1 caps t = 2 at 2 (total 3)
        // whereas waiting sells at 10.
        let d = try StorableGoodsMarket(values: [[1, 0], [0, 10]], storageCost: 1)
        let pd = try d.optimalPreAnnouncedPricing()
        XCTAssertEqual(pd.revenue, 10)
        XCTAssertEqual(pd.schedule.postedPrices.map(\.period), [2])
    }

    func testBruteForceCandidates() throws {
        let m = try introMarket(r("0.8"))
        // s = 2: {1 + 0.8, 0 + 0, 2 + 0} ∪ {0.8, 0} within [0, 2].
        XCTAssertEqual(m.bruteForceCandidatePrices(period: 2), [0, r("0.8"), r("1.8"), 2])
        let bf = try m.bruteForcePreAnnouncedPricing()
        XCTAssertEqual(bf.revenue, r("2.8"))
        XCTAssertEqual(bf.priceVectors, 4 * 5)
        XCTAssertThrowsError(try m.bruteForcePreAnnouncedPricing(maxPriceVectors: 10)) { error in
            XCTAssertEqual(error as? StorableGoodsError, .tooManyPriceVectors(maxPriceVectors: 10))
        }
    }

    /// The DP against exhaustive enumeration (consumers may store) on 250
    /// seeded random tiny markets with N ≤ 3 and T ≤ 4.
    func testDynamicProgrammeMatchesBruteForce() throws {
        var rng = SplitMix64(seed: 20210929)
        var vectors = 0
        for k in 0..<250 {
            let m = try randomMarket(&rng, maxT: k < 200 ? 4 : 3, zeroOdds: k < 200 ? 1 : 0)
            let dp = try m.optimalPreAnnouncedPricing()
            let bf = try m.bruteForcePreAnnouncedPricing()
            vectors += bf.priceVectors
            XCTAssertEqual(dp.revenue, bf.revenue, "\(m) \(m.demands)")
            XCTAssertEqual(try m.outcome(of: dp.schedule).revenue, dp.revenue, "\(m)")
            // Nobody needs to store at the optimal schedule (Berbeglia et al. 2019a).
            XCTAssertFalse(try m.outcome(of: dp.schedule).plans.contains { $0.stores })
        }
        XCTAssertGreaterThan(vectors, 20_000)
    }
}
