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

/// The pre-announced DP in its plain form (every listed value re-examined at
/// every base, base indices found by hashing, Rational arithmetic), as it
/// stood before the per-period suffix-maximum restructuring: the second
/// method for `testRestructuredDPMatchesPlainDP`. Same tie preferences: no
/// sale, a listed value (highest first), the cap.
private func plainPreAnnouncedDP(_ market: StorableGoodsMarket) throws -> (revenue: Rational, schedule: PriceSchedule) {
    let eps = market.storageCost
    var byPeriod: [Int: [Rational]] = [:]
    for list in market.demands { for d in list { byPeriod[d.period, default: []].append(d.value) } }
    let periods = byPeriod.keys.sorted()
    let k = periods.count
    let distinct: [[(value: Rational, count: Int)]] = periods.map { t in
        var out: [(value: Rational, count: Int)] = []
        for (idx, v) in byPeriod[t]!.sorted(by: >).enumerated() {
            if let last = out.last, last.value == v { out[out.count - 1].count = idx + 1 } else { out.append((v, idx + 1)) }
        }
        return out
    }
    var baseSet = Set<Rational>()
    for (j, t) in periods.enumerated() { for (v, _) in distinct[j] { baseSet.insert(v - eps * Rational(t)) } }
    let bases = baseSet.sorted()
    var baseIndex: [Rational: Int] = [:]
    for (idx, b) in bases.enumerated() { baseIndex[b] = idx }
    let none = bases.count
    var next = [Rational](repeating: .zero, count: none + 1)
    var decisions = [[Int]](repeating: [], count: k)
    for j in stride(from: k - 1, through: 0, by: -1) {
        let t = Rational(periods[j])
        var current = next
        var decision = [Int](repeating: -1, count: none + 1)
        for b in 0...none {
            var best = next[b], choice = -1
            let cap: Rational? = b == none ? nil : bases[b] + eps * t
            for (idx, (v, n)) in distinct[j].enumerated() {
                if let c = cap, v > c { continue }
                let r = v * Rational(n) + next[baseIndex[v - eps * t]!]
                if r > best { best = r; choice = idx }
            }
            if let c = cap, c > .zero, let top = distinct[j].first, top.value >= c {
                let count = distinct[j].last { $0.value >= c }!.count
                let r = c * Rational(count) + next[b]
                if r > best { best = r; choice = distinct[j].count }
            }
            current[b] = best
            decision[b] = choice
        }
        decisions[j] = decision
        next = current
    }
    var b = none
    var prices: [Int: Rational] = [:]
    for j in 0..<k {
        let choice = decisions[j][b]
        if choice < 0 { continue }
        let t = Rational(periods[j])
        let m = distinct[j].count
        let price = choice < m ? distinct[j][choice].value : bases[b] + eps * t
        if choice < m { b = baseIndex[price - eps * t]! }
        prices[periods[j]] = price
    }
    return (next[none], try PriceSchedule(horizon: market.horizon, prices: prices))
}

extension PreAnnouncedPricingTests {
    /// The restructured DP (suffix maxima, integer admissibility tests,
    /// reachable bases only) returns the same revenue and the same schedule
    /// (same tie-breaking) as the plain DP: seeded random markets with several
    /// consumers per period (repeated values, so counts > 1), and G(n) for
    /// n = 2 … 14 in both layouts.
    func testRestructuredDPMatchesPlainDP() throws {
        var rng = SplitMix64(seed: 20261207)
        var markets: [StorableGoodsMarket] = []
        for k in 0..<300 {
            markets.append(try randomMarket(&rng, maxN: k < 150 ? 6 : 3, maxT: k < 150 ? 5 : 8, zeroOdds: k % 3))
        }
        for n in 2...14 {
            for layout in ConstructionG.Layout.allCases { markets.append(try ConstructionG(n: n, layout: layout).market()) }
        }
        var capSales = 0, listedSales = 0
        for m in markets {
            let fast = try m.optimalPreAnnouncedPricing()
            let plain = try plainPreAnnouncedDP(m)
            XCTAssertEqual(fast.revenue, plain.revenue, "\(m.demands) ε = \(m.storageCost)")
            XCTAssertEqual(fast.schedule, plain.schedule, "\(m.demands) ε = \(m.storageCost)")
            let listed = Set(m.demands.flatMap { $0.map { [$0.period: $0.value] } })
            for sale in fast.sales {
                if listed.contains([sale.period: sale.price]) { listedSales += 1 } else { capSales += 1 }
            }
        }
        // Both kinds of sale occur, so both branches are exercised.
        XCTAssertGreaterThan(capSales, 50)
        XCTAssertGreaterThan(listedSales, 50)
    }
}
