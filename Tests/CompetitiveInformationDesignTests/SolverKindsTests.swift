import XCTest
import Harness
import Numerics
@testable import CompetitiveInformationDesign
import CompetitiveInformationDesignSolvers

/// Spec-facing validation and values through the harness.
final class SolverKindsTests: XCTestCase {
    let registry = Registry(informationDesignSolvers)

    func decode(_ solver: String, _ parameters: String) throws -> Spec {
        try registry.probe(solver, json: parameters)
    }

    func testBadInputNamesTheKey() {
        let checks: [(String, String, String, String)] = [
            ("information-design.hotelling-optimum", "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.6], \"v_bar\": 1}", "parameters.probabilities", "sum"),
            ("information-design.hotelling-optimum", "{\"atoms\": [-1, 0.5], \"probabilities\": [0.5, 0.5], \"v_bar\": 1}", "parameters.atoms", "symmetric"),
            ("information-design.hotelling-optimum", "{\"atoms\": [-2, 2], \"probabilities\": [0.5, 0.5], \"v_bar\": 1}", "parameters.atoms[0]", "outside"),
            ("information-design.hotelling-family", "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.5], \"v_bar\": 1, \"b\": 0.5, \"B\": 0.2}", "parameters.b", "b < B"),
            ("information-design.hotelling-family", "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.5], \"v_bar\": 1, \"b\": -0.1, \"B\": 0.2}", "parameters.b", "> 0"),
            ("information-design.hotelling-b-curve", "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.5], \"v_bar\": 1, \"b\": 0.5, \"B\": 0.2}", "parameters.b", "b < B"),
            ("information-design.residual-table", "{\"types\": [[1, 1], [4, 0]], \"type_probabilities\": [\"1/2\", \"1/3\"]}", "parameters.type_probabilities", "sums to"),
            ("information-design.residual-table", "{\"types\": [[1, 1], [4, 0]], \"type_probabilities\": [\"3/2\", \"-1/2\"]}", "parameters.type_probabilities[1]", "≥ 0"),
        ]
        for (solver, params, path, word) in checks {
            let error = registry.inputError(solver, json: params)
            XCTAssertEqual(error?.keyPath, path, "\(params): \(error?.message ?? "no error")")
            XCTAssertTrue(error?.message.contains(word) ?? false, "\(params): \(error?.message ?? "no error")")
        }
    }

    func testExample4OptimumThroughTheHarness() throws {
        let s = try decode("information-design.hotelling-optimum", "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.5], \"v_bar\": 1}")
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        let b = table.rows[0][table.columnIndex("b_star")!].doubleValue!
        XCTAssertEqual(b, exp(-2), accuracy: 1e-9)   // Theorem 3's closed form, as a second method
    }

    /// information-design.hotelling-b-curve against the closed forms (not against the
    /// family kind, whose row code it shares): CS at (b, B) and, for r = ±1 with
    /// B = 1/2, the optimiser's b = e⁻²/2 and the surpluses there.
    func testBCurveThroughTheHarness() throws {
        let runner = Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false)
        let params = "{\"atoms\": [-1, 1], \"probabilities\": [0.5, 0.5], \"v_bar\": 1, \"b\": 0.3, \"B\": 0.5}"
        let curve = try runner.compute(try decode("information-design.hotelling-b-curve", params))
        func value(_ t: Table, _ c: String) -> Double { t.rows[0][t.columnIndex(c)!].doubleValue! }
        XCTAssertEqual(value(curve, "consumer_surplus"), 0.5 * (1 - 0.3 + 0.3 * log(0.5 / 0.3)), accuracy: 1e-15)
        XCTAssertEqual(value(curve, "b_star"), 0.5 * exp(-2), accuracy: 1e-9)
        XCTAssertEqual(value(curve, "consumer_surplus_at_b_star"), 0.5 * (1 + 0.5 * exp(-2)), accuracy: 1e-12)
        XCTAssertEqual(value(curve, "total_surplus_at_b_star"), 0.5 * (1 + 1.5 * exp(-2)), accuracy: 1e-9)
        // B above the prior's support: CompetitiveInformationDesignSolversTests.testBCurveWithoutFeasibleBNamesB.
    }
}
