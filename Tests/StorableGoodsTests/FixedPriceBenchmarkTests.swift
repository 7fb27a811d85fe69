import XCTest
import Harness
import Numerics
@testable import StorableGoods
import StorableGoodsSolvers

final class FixedPriceBenchmarkTests: XCTestCase {
    let registry = Registry(storableGoodsSolvers)

    /// G(3) by hand: values 1, 1/2, 1/3, so k·v_k = 1 at every k: Π^F = 1 at the
    /// three prices 1, 1/2, 1/3; Σv = 11/6. ε = 1/27, ℓ = (13, 4, 2):
    /// σ_1 = 1/2 − 13/27 = 1/54, σ_2 = 1/6 − 4/27 = 1/54, σ_3 = 1/12 − 2/27 = 1/108;
    /// 27 is odd, so no i(i+1) divides it and no σ_i vanishes.
    func testHandComputedG3() throws {
        let g = try ConstructionG(n: 3)
        let b = try g.market().fixedPriceBenchmark
        XCTAssertEqual(b.revenue, 1)
        XCTAssertEqual(b.maximisingPrices, [1, r("1/2"), r("1/3")])
        XCTAssertEqual(b.totalValue, r("11/6"))
        XCTAssertEqual(b.valueCount, 3)
        let s = g.sigmaProfile
        XCTAssertEqual(s.sigmaOverEpsilon, [r("1/2"), r("1/2"), r("1/4")])
        XCTAssertEqual(s.zeroSet, [])
        XCTAssertEqual(s.divisibilitySet, [])
        XCTAssertEqual(s.minimumOverEpsilon, r("1/2"))
        XCTAssertEqual(s.maximumOverEpsilon, r("1/2"))
    }

    /// G(6): n³ = 216 = 2³·3³ is divisible by 1·2, 2·3 and 3·4 but not by 4·5,
    /// 5·6 or 6·7, so σ_1 = σ_2 = σ_3 = 0 (e.g. σ_1 = 1/2 − 108/216) and no other.
    func testZeroSetOfG6() throws {
        let s = try ConstructionG(n: 6).sigmaProfile
        XCTAssertEqual(s.zeroSet, [1, 2, 3])
        XCTAssertEqual(s.divisibilitySet, [1, 2, 3])
        XCTAssertEqual(s.minimumOverEpsilon, 0)
        // σ_4/ε = (216 mod 20)/20 = 16/20, σ_5/ε = (216 mod 30)/30 = 6/30.
        XCTAssertEqual(s.sigmaOverEpsilon[3], r("4/5"))
        XCTAssertEqual(s.sigmaOverEpsilon[4], r("1/5"))
    }

    /// The zero set equals the divisibility set for every n up to 300 (eq. (4)); as
    /// i(i+1) is even it is empty for odd n and contains 1 for even n.
    func testZeroSetIsDivisibilitySet() throws {
        for n in 2...300 {
            let s = try ConstructionG(n: n).sigmaProfile
            XCTAssertEqual(s.zeroSet, s.divisibilitySet, "n = \(n)")
            XCTAssertEqual(s.zeroSet.first == 1, n % 2 == 0, "n = \(n)")
            XCTAssertEqual(s.zeroSet.isEmpty, n % 2 == 1, "n = \(n)")
            XCTAssertGreaterThanOrEqual(s.minimumOverEpsilon, 0)
            XCTAssertLessThan(s.maximumOverEpsilon, 1)
        }
    }

    /// Π^F by brute force over every candidate price (each positive value) and Σv
    /// by a running sum, on seeded random markets; Σv of G(n) is H_n.
    func testAgainstBruteForceAndHarmonicNumbers() throws {
        var rng = SplitMix64(seed: 16)
        for _ in 0..<200 {
            let m = try randomMarket(&rng, maxN: 4, maxT: 5)
            let values = m.positiveValues
            let brute = values.map { p in p * Rational(values.filter { $0 >= p }.count) }.max() ?? .zero
            let b = m.fixedPriceBenchmark
            XCTAssertEqual(b.revenue, brute)
            XCTAssertEqual(b.totalValue, values.reduce(.zero, +))
            for p in b.maximisingPrices { XCTAssertEqual(p * Rational(values.filter { $0 >= p }.count), brute) }
        }
        for n in [2, 7, 100, 2_000] {
            XCTAssertEqual(try ConstructionG(n: n).market().fixedPriceBenchmark.totalValue, try HarmonicNumbers.exact(n))
        }
    }

    /// construction-benchmarks agrees with the contingent-pricing solve's Π^F and Σv
    /// (pricing-comparison on G(n)'s dense value matrix, the full backward
    /// induction path) and Π^F ≤ Π^CP there, for n = 2, 3, 4.
    func testConstructionBenchmarksAgainstPricingComparison() throws {
        let runner = Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false)
        for n in 2...4 {
            let g = try ConstructionG(n: n)
            let values = (1...n).map { i in (1...g.horizon).map { $0 == g.demandPeriod(i) ? "\"1/\(i)\"" : "0" } }
            let json = "{\"values\": [" + values.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", ") + "], \"epsilon\": \"1/\(g.nCubed)\"}"
            let cp = try runner.compute(try registry.probe("storable-goods.pricing-comparison", json: json))
            let b = try runner.compute(try registry.probe("storable-goods.construction-benchmarks", json: "{\"N\": \(n)}"))
            func cell(_ t: Table, _ c: String) -> TableValue { t.rows[0][t.columnIndex(c)!] }
            XCTAssertEqual(cell(b, "pi_f"), cell(cp, "fixed_price_revenue"), "n = \(n)")
            XCTAssertEqual(cell(b, "total_value"), cell(cp, "total_value"), "n = \(n)")
            XCTAssertEqual(cell(b, "pi_cp"), cell(cp, "cp_revenue"), "n = \(n)")
            XCTAssertEqual(cell(b, "pi_f"), .rational(1))
            XCTAssertEqual(cell(b, "pi_f_prices"), .int(n))
        }
    }
}
