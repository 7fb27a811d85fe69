import XCTest
import Harness
import Numerics
@testable import CompetitiveScreeningSolvers
@testable import CompetitiveScreening

/// The menu kinds through the harness: bad input names the key, values match the solvers.
final class MenuKindsTests: XCTestCase {
    let registry = Registry(screeningSolvers)

    func decode(_ solver: String, _ parameters: String) throws -> Spec {
        try registry.probe(solver, json: parameters)
    }

    func compute(_ solver: String, _ parameters: String) throws -> Table {
        try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(decode(solver, parameters))
    }

    func testBadInputNamesTheKey() {
        // (solver, parameters, key path, a phrase of the message naming the concept inside the text)
        let checks: [(String, String, String, String?)] = [
            ("screening.menu-revenue", #"{"menu": "menu([(2, 0.1)])"}"#, "parameters.menu", "an allocation q ∈ [0, 1] in contract 1"),
            ("screening.menu-revenue", #"{"menu": "posted(0.3)", "own": "beta(0, 1)"}"#, "parameters.own", "argument a of beta"),
            ("screening.menu-revenue", #"{"menu": "posted(0.3)", "opponents": "posted(0.3) @ uniform(upper=-1)"}"#, "parameters.opponents",
             "argument upper of uniform"),
            ("screening.menu-revenue", #"{"menu": "posted(0.3)", "dependence": "fgm(rho=1.5)"}"#, "parameters.dependence", "FGM dependence parameter ρ"),
            ("screening.menu-revenue", #"{"menu": "posted(0.3)", "dependence": "clayton"}"#, "parameters.dependence", nil),
            ("screening.menu-best-response", #"{"cells": 0}"#, "parameters.cells", nil),
            ("screening.menu-best-response", #"{"cells": 100000, "allocation_levels": 2000, "utility_levels": 100000}"#, "parameters.cells", nil),
            ("screening.menu-best-response", #"{"allocation_levels": 0}"#, "parameters.allocation_levels", nil),
            ("screening.menu-best-response", #"{"refinements": 0}"#, "parameters.refinements", nil),
            ("screening.finite-type-menu", #"{"own": "uniform"}"#, "parameters.own", nil),
            ("screening.menu-choices", #"{"menu": "posted(0.3)"}"#, "parameters.own", nil),
            ("screening.menu-threshold", #"{"menu": "posted(x)", "x_from": 0.5, "x_to": 0.2}"#, "parameters.x_to", nil),
            ("screening.two-type-posted-opponent", #"{"theta_l": 0.7, "theta_h": 0.3, "alpha": 0.5, "p2": 0.4}"#, "parameters.theta_h", nil),
        ]
        for (solver, params, path, phrase) in checks {
            XCTAssertThrowsError(try decode(solver, params), params) { error in
                guard case let HarnessError.invalidSpec(_, keyPath, expected, found, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(keyPath, path, "\(params): \(error)")
                if let phrase { XCTAssertTrue(expected.contains(phrase) || (found ?? "").contains(phrase), "\(params): \(error)") }
            }
        }
    }

    func testExample31ThroughTheHarness() throws {
        let t = try compute("screening.two-type-posted-opponent", #"{"theta_l": 0.3, "theta_h": 0.7, "alpha": 0.5, "p2": 0.4}"#)
        func cell(_ c: String) -> TableValue { t.rows[0][t.columnIndex(c)!] }
        XCTAssertEqual(cell("ql_star"), .rational(Rational(3, 4)))
        XCTAssertEqual(cell("menu_revenue"), .rational(Rational(37, 200)))
        XCTAssertEqual(cell("posted_revenue"), .rational(Rational(9, 50)))
        XCTAssertEqual(cell("curvature"), .rational(Rational(-4, 25)))       // −2(1 − α)Δθ² = −2·½·0.16
        XCTAssertEqual(cell("slope_at_one"), .rational(Rational(-1, 25)))    // 0.5·0.3·0.4 − 0.5·0.4·0.5
        XCTAssertEqual(cell("three_contract_optimal"), .boolean(true))
    }

    /// `$x` in laws, x in menus: the bimodal family and Example 5.3's ε menu.
    func testVariableSubstitution() throws {
        let t = try compute("screening.menu-revenue", #"{"own": "atoms(values=[0.4, 1], masses=[0.5, 0.5])", "opponents": "posted(0.7)", "dependence": "perfect", "menu": "menu([(0.5, 0.2 - x), (1, 0.7 - 2*x)])", "x": 0.01}"#)
        XCTAssertEqual(t.rows[0][t.columnIndex("revenue")!].doubleValue!, 0.45 - 0.015, accuracy: 1e-15)
        let b = try compute("screening.posted-against-menus", #"{"own": "mixture(0.5*truncnormal(mean=0.3, sd=$x), 0.5*truncnormal(mean=0.7, sd=$x))", "x": 0.05}"#)
        XCTAssertEqual(b.rows.count, 1)
        let threshold = try compute("screening.menu-threshold", #"{"own": "atoms(values=[0.4, 1], masses=[0.5, 0.5])", "opponents": "posted(0.7)", "dependence": "perfect", "menu": "menu([(0.5, 0.2 - x), (1, 0.7 - 2*x)])", "x_from": 0.001, "x_to": 0.1}"#)
        // 0.45 − 1.5ε = 0.4 at ε = 1/30.
        XCTAssertEqual(threshold.rows[0][threshold.columnIndex("threshold")!].doubleValue!, 1.0 / 30, accuracy: 1e-13)
    }

    func testBestResponseRowsPerRefinementLevel() throws {
        let t = try compute("screening.menu-best-response", #"{"cells": 20, "allocation_levels": 10, "utility_levels": 41, "refinements": 2}"#)
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[1][t.columnIndex("cells")!], .int(40))
        XCTAssertEqual(t.rows[1][t.columnIndex("utility_levels")!], .int(81))
        XCTAssertEqual(t.rows[0][t.columnIndex("change")!], .real(0))
        XCTAssertEqual(t.rows[0][t.columnIndex("density_regular")!], .boolean(true))
        XCTAssertEqual(t.rows[0][t.columnIndex("density_regularity_margin")!], .text("2"))   // 2f + θf′ = 2 for U[0,1]
    }

    /// Example 5.3 under strict winning by hand: on the spec's lattices (M − 1 = 2·cells utility steps) the DP must leave
    /// each type one utility step Δ = 1/(M − 1) above the rival, so it earns 9/20 − Δ (1/60, 1/120, 1/240 short for M = 61, 121, 241);
    /// first-order Richardson 2V₂ − V₁ is 9/20 with zero change between extrapolations. Weak winning: 9/20 on every level.
    func testFiniteTypeDPExtrapolation() throws {
        let base = #""own": "atoms(values=[0.4, 1], masses=[0.5, 0.5])", "opponents": "posted(0.7)", "dependence": "perfect", "cells": 30, "allocation_levels": 30, "utility_levels": 61, "brute_force_grid": 20"#
        let strict = try compute("screening.finite-type-menu", "{" + base + #", "tie": "strict"}"#)
        func cell(_ t: Table, _ c: String) -> Double { t.rows[0][t.columnIndex(c)!].doubleValue! }
        XCTAssertEqual(cell(strict, "dp_revenue"), 0.45 - 1.0 / 60, accuracy: 1e-12)
        XCTAssertEqual(strict.rows[0][strict.columnIndex("dp_level_revenues")!].description.split(separator: ",").count, 3)
        XCTAssertEqual(cell(strict, "dp_limit"), 0.45, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(cell(strict, "dp_limit_error"), 1e-12)
        let weak = try compute("screening.finite-type-menu", "{" + base + "}")
        XCTAssertEqual(cell(weak, "dp_limit"), 0.45, accuracy: 1e-12)
        XCTAssertEqual(cell(weak, "dp_revenue"), 0.45, accuracy: 1e-12)
        // The extrapolation on a known sequence: 1 − h + h² at h = 1, ½, ¼ gives 1 − 1/8 (the h² term halves),
        // and the change from the previous extrapolation 2·¾ − 1 = ½ is 3/8.
        let r = richardsonLimit([1, 1 - 0.5 + 0.25, 1 - 0.25 + 0.0625])
        XCTAssertEqual(r.limit, 1 - 0.125, accuracy: 1e-15)
        XCTAssertEqual(r.error, 0.375, accuracy: 1e-15)
    }
}
