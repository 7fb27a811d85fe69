import XCTest
import Harness
import Numerics
@testable import StorableGoods
import StorableGoodsSolvers

/// The spec-facing solver kinds: input validation through the harness and
/// values on the introductory example.
final class SolverKindsTests: XCTestCase {
    let registry = Registry(storableGoodsSolvers)

    func decode(solver: String, parameters: String) throws -> Spec {
        try registry.probe(solver, json: parameters)
    }

    func testInvalidMarketsAreSpecErrorsNamingTheParameter() {
        let cases: [(String, String, String)] = [
            ("{\"values\": [[1, 0], [2]], \"epsilon\": 0.8}", "parameters.values[1]", "rectangular"),
            ("{\"values\": [[1, -1]], \"epsilon\": 0.8}", "parameters.values[0][1]", "≥ 0"),
            ("{\"values\": [[1, 1]], \"epsilon\": -0.8}", "parameters.epsilon", "≥ 0"),
            ("{\"values\": [[1, 1]], \"epsilon\": 0.8, \"selection\": \"seller-favourable/earliest\"}", "parameters.selection", "one of"),
        ]
        for (params, path, expectation) in cases {
            let error = registry.inputError("storable-goods.pricing-comparison", json: params)
            XCTAssertEqual(error?.keyPath, path, "\(params): \(error?.message ?? "no error")")
            XCTAssertTrue(error?.message.contains(expectation) ?? false, "\(params): \(error?.message ?? "no error")")
        }
        XCTAssertThrowsError(try decode(solver: "storable-goods.announced-prices",
                                             parameters: "{\"values\": [[1, 0], [0, 2]], \"epsilon\": 0.8, \"prices\": [1]}")) { error in
            XCTAssertTrue("\(error)".contains("parameters.prices: expected one price per period (2)"), "\(error)")
        }
        XCTAssertThrowsError(try decode(solver: "storable-goods.construction-cp", parameters: "{\"N\": 13}"))
    }

    func testIntroductoryExampleThroughTheHarness() throws {
        let s = try decode(solver: "storable-goods.pricing-comparison", parameters: "{\"values\": [[1, 0], [0, 2]], \"epsilon\": 0.8}")
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        let row = table.rows[0]
        func cell(_ name: String) -> TableValue { row[table.columnIndex(name)!] }
        XCTAssertEqual(cell("selection"), .text("seller-favourable/earliest-sale"))   // the default, named in the output
        XCTAssertEqual(cell("pa_revenue"), .rational(Rational(14, 5)))   // 1 + (1 + 0.8): the supremum
        XCTAssertEqual(cell("cp_revenue"), .rational(2))
        XCTAssertEqual(cell("fixed_price_revenue"), .rational(2))
        XCTAssertEqual(cell("total_value"), .rational(3))
    }

    /// construction-growth's Π^CP column (single-shot vs restricted-eager) is 1
    /// on G(N) (Theorem 3.8's "exactly 1") and agrees with the full backward
    /// induction (second method, construction-cp, earliest-sale tie-break) at
    /// N = 5 and 8; pi_pa_over_pi_cp is then Lemma 3.2's revenue H_N − (N+1)/(2N²).
    func testGrowthSweepPiCPAgainstBackwardInduction() throws {
        let runner = Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false)
        for n in [5, 8] {
            let g = try runner.compute(try decode(solver: "storable-goods.construction-growth", parameters: "{\"N\": \(n)}"))
            let b = try runner.compute(try decode(solver: "storable-goods.construction-cp",
                                                      parameters: "{\"N\": \(n), \"selection\": \"seller-favourable/earliest-sale\"}"))
            let cp = g.rows[0][g.columnIndex("pi_cp")!]
            XCTAssertEqual(cp, .rational(1))
            XCTAssertEqual(cp, b.rows[0][b.columnIndex("cp_revenue")!])
            var h = 0.0
            for i in 1...n { h += 1 / Double(i) }
            let closed = h - Double(n + 1) / Double(2 * n * n)
            XCTAssertEqual(g.rows[0][g.columnIndex("pi_pa_over_pi_cp")!].doubleValue!, closed, accuracy: 1e-14)
        }
        // Large N stays cheap (everyone buys at the first sale, price 1/N).
        XCTAssertEqual(try ConstructionG(n: 100_000).singleShotRevenue(tieBreak: .earliestTarget), 1)
    }
}
