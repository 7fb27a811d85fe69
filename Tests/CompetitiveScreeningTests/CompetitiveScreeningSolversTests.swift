// Every parameter of every solver kind of the module: one invalid value
// (out of its domain, of the wrong type, or violating a check across
// parameters) is reported at exactly its spec key path.

import XCTest
import Harness
import Numerics
import CompetitiveScreeningSolvers
@testable import CompetitiveScreening

final class CompetitiveScreeningSolversTests: XCTestCase {
    let registry = Registry(screeningSolvers)

    /// Decodes a spec of `solver` with the given parameters (JSON values by key).
    func decode(_ solver: String, _ parameters: [String: String]) throws -> Spec {
        try registry.probe(solver, parameters)
    }

    /// Asserts that `base` decodes, that each invalid value (merged into `base`) is reported at
    /// `parameters.<key>` (or the given path below "parameters"), and that every parameter of the kind is covered.
    func check(_ solver: String, base: [String: String], invalid: [(key: String, value: String, path: String?)],
               file: StaticString = #filePath, line: UInt = #line) throws {
        let kind = try XCTUnwrap(registry[solver], file: file, line: line)
        XCTAssertNil(registry.inputError(solver, base).map(\.message), "\(solver) base", file: file, line: line)
        XCTAssertEqual(Set(invalid.map(\.key)), Set(kind.parameters.map(\.name)), "\(solver): every parameter gets an invalid value",
                       file: file, line: line)
        for (key, value, path) in invalid {
            var given = base
            given[key] = value
            let error = registry.inputError(solver, given)
            XCTAssertEqual(error?.keyPath, "parameters." + (path ?? key), "\(solver) \(key) = \(value): \(error?.message ?? "no error")", file: file, line: line)
        }
    }

    func testEveryKindIsCovered() {
        let covered: Set<String> = [
            "screening.density-conditions", "screening.density-condition-threshold", "screening.correlated-conditions",
            "screening.correlation-threshold", "screening.relative-preference", "screening.relative-preference-conditions",
            "screening.posted-price-equilibrium", "screening.posted-price-best-response", "screening.posted-price-revenue",
            "screening.posted-price-log-revenue-differences", "screening.posted-price-equal-maxima", "screening.posted-price-duopoly-fixed-points",
            "screening.menu-revenue", "screening.menu-choices", "screening.menu-threshold", "screening.posted-against-menus",
            "screening.menu-best-response", "screening.perfect-correlation-menu", "screening.finite-type-menu", "screening.two-type-posted-opponent",
        ]
        XCTAssertEqual(Set(screeningSolvers.map(\.name)), covered)
        XCTAssertEqual(screeningSolvers.count, 20)
    }

    // MARK: Def 3.1, Sec 5.1, Sec 4

    func testDensityConditions() throws {
        try check("screening.density-conditions", base: ["distribution": #""beta(2, 1)""#],
                  invalid: [("distribution", #""beta(2, -1)""#, nil), ("grid", "2", nil)])
    }

    func testDensityConditionThreshold() throws {
        try check("screening.density-condition-threshold",
                  base: ["family": #""truncexp(rate={x})""#, "condition": #""density-regularity""#, "from": "0", "to": "5", "grid": "51"],
                  invalid: [("family", #""truncexp(rate=2)""#, nil), ("condition", #""convexity""#, nil), ("from", "6", nil),
                            ("to", #""five""#, nil), ("tolerance", "0", nil), ("grid", "2", nil)])
    }

    func testCorrelatedConditions() throws {
        try check("screening.correlated-conditions", base: ["rho": "0.5", "grid": "51", "general_grid": "11"],
                  invalid: [("own", #""beta(0.5, 0.5)""#, nil), ("opponent", #""atoms(values=[0.5], masses=[1])""#, nil),
                            ("copula", #""clayton""#, nil), ("rho", "1.5", nil), ("grid", "0", nil), ("general_grid", "100000", nil),
                            ("probe_theta", "2", nil), ("probe_x", "-1", nil)])
    }

    func testCorrelationThreshold() throws {
        try check("screening.correlation-threshold", base: ["grid": "51", "tolerance": "1e-6"],
                  invalid: [("own", #""truncexp(rate=3)""#, nil), ("opponent", #""gauss""#, nil), ("tolerance", "0", nil), ("grid", "2", nil),
                            ("raw_floor", "0", nil)])
    }

    func testRelativePreference() throws {
        try check("screening.relative-preference", base: ["relative": #""difference(uniform, uniform)""#, "delta": "0.2"],
                  invalid: [("relative", #""sum(uniform, uniform)""#, nil), ("delta", "1.5", nil)])
    }

    func testRelativePreferenceConditions() throws {
        try check("screening.relative-preference-conditions", base: ["relative": #""difference(uniform, uniform)""#, "grid": "21"],
                  invalid: [("relative", #""difference(uniform, atoms(values=[0.5], masses=[1]))""#, nil), ("grid", "10000000", nil)])
    }

    // MARK: Posted prices (Sec 3.3, Lemmas A.2–A.3, Theorem 3.1)

    /// The market parameters with an invalid value each.
    let marketInvalid: [(key: String, value: String, path: String?)] = [
        ("distributions", #"["uniform", "beta(2)"]"#, "distributions[1]"), ("distributions", #"["uniform", "density(log(t))"]"#, "distributions[1]"), ("firms", "1", nil), ("rho", "1.5", nil), ("tie_breaking", #""both""#, nil),
    ]

    func testPostedPriceEquilibrium() throws {
        try check("screening.posted-price-equilibrium", base: ["distributions": #"["uniform", "uniform"]"#],
                  invalid: marketInvalid + [("grid_points", "2", nil)])
        // Firms and distributions disagree; an atom under a copula names the distribution.
        try check("screening.posted-price-equilibrium", base: ["distributions": #"["uniform", "uniform"]"#],
                  invalid: [("distributions", "[]", nil), ("firms", "3", "distributions"),
                            ("rho", "-1.01", nil), ("tie_breaking", "true", nil), ("grid_points", "200000", nil)])
        XCTAssertThrowsError(try decode("screening.posted-price-equilibrium",
                                        ["distributions": #"["uniform", "atoms(values=[0.5], masses=[1])"]"#, "rho": "0.5"])) { error in
            guard case let HarnessError.invalidSpec(_, keyPath, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(keyPath, "parameters.distributions[1]")
        }
    }

    func testPostedPriceBestResponse() throws {
        try check("screening.posted-price-best-response",
                  base: ["distributions": #"["uniform", "uniform(upper=2)"]"#, "opponent_price": "0.3", "grid_points": "51"],
                  invalid: marketInvalid + [("grid_points", "2", nil), ("firm", "3", nil), ("opponent", "1", nil),
                                            ("prices", "[0.5]", nil), ("opponent_price", "2.5", nil), ("step", "0.5", nil)])
        try check("screening.posted-price-best-response",
                  base: ["distributions": #"["uniform", "uniform(upper=2)"]"#, "opponent_price": "0.3", "grid_points": "51"],
                  invalid: marketInvalid + [("grid_points", #""many""#, nil), ("firm", "0", nil), ("opponent", "3", nil),
                                            ("prices", "[1.5, 0.2]", "prices[0]"), ("opponent_price", "-0.1", nil), ("step", "0", nil)])
    }

    func testPostedPriceRevenue() throws {
        try check("screening.posted-price-revenue", base: ["distributions": #"["uniform", "uniform"]"#, "own_price": "0.4"],
                  invalid: marketInvalid + [("firm", "3", nil), ("prices", "[0.5, 1.5]", "prices[1]"), ("own_price", "1.2", nil)])
    }

    func testPostedPriceLogRevenueDifferences() throws {
        try check("screening.posted-price-log-revenue-differences", base: ["distributions": #"["uniform", "uniform"]"#, "grid": "5"],
                  invalid: marketInvalid + [("firm", "3", nil), ("opponent", "1", nil), ("prices", "[0.5, 0.5, 0.5]", nil), ("grid", "1", nil)])
    }

    func testPostedPriceEqualMaxima() throws {
        let base = ["distributions": #"["uniform", "uniform"]"#, "tune": #""weight""#, "from": "0.1", "to": "0.3", "split": "0.27", "grid_points": "51"]
        try check("screening.posted-price-equal-maxima", base: base,
                  invalid: marketInvalid + [("grid_points", "2", nil), ("prices", "[0.5]", nil), ("tune", #""price""#, nil),
                                            ("tuned_firm", "3", nil), ("low", #""gauss""#, nil), ("high", #""beta(0, 1)""#, nil),
                                            ("from", "0.5", nil), ("to", "true", nil), ("split", "1.5", nil)])
        // An opponent's price tuned for firm 1 itself.
        var own = base
        own["tune"] = #""opponent_price""#
        try check("screening.posted-price-equal-maxima", base: own,
                  invalid: marketInvalid + [("grid_points", "2", nil), ("prices", "[0.5, 1.5]", "prices[1]"), ("tune", "1", nil),
                                            ("tuned_firm", "1", nil), ("low", "1", nil), ("high", "2", nil),
                                            ("from", #""a""#, nil), ("to", #""b""#, nil), ("split", "-0.1", nil)])
    }

    func testPostedPriceDuopolyFixedPoints() throws {
        try check("screening.posted-price-duopoly-fixed-points", base: ["distributions": #"["uniform", "uniform"]"#, "scan_points": "5", "grid_points": "51"],
                  invalid: marketInvalid + [("grid_points", "2", nil), ("scan_points", "2", nil)])
        // A triopoly is not a duopoly.
        try check("screening.posted-price-duopoly-fixed-points", base: ["distributions": #"["uniform"]"#, "firms": "2", "scan_points": "5", "grid_points": "51"],
                  invalid: [("distributions", "[]", nil), ("firms", "3", nil), ("rho", #""x""#, nil), ("tie_breaking", #""none""#, nil),
                            ("grid_points", "1000000", nil), ("scan_points", "1000000", nil)])
    }

    // MARK: Menus (Secs 3.1, 5.1–5.2; Examples 3.1, 5.2, 5.3)

    /// The environment parameters with an invalid value each.
    let environmentInvalid: [(key: String, value: String, path: String?)] = [
        ("own", #""beta(0, 1)""#, nil), ("opponents", #""posted(0.3) @ uniform(upper=-1)""#, nil), ("dependence", #""clayton""#, nil),
        ("tie", #""random""#, nil), ("x", "true", nil),
    ]

    func testMenuRevenue() throws {
        try check("screening.menu-revenue", base: ["menu": #""posted(0.3)""#],
                  invalid: environmentInvalid + [("menu", #""menu([(2, 0.1)])""#, nil)])
        try check("screening.menu-revenue", base: ["menu": #""posted(0.3)""#],
                  invalid: [("own", #""uniform(upper=$x)""#, nil), ("opponents", #""posted(0.4); auction""#, nil),
                            ("dependence", #""fgm(rho=1.5)""#, nil), ("tie", "1", nil), ("x", #""one""#, nil), ("menu", #""tariff(c=1)""#, nil)])
    }

    func testMenuChoices() throws {
        try check("screening.menu-choices", base: ["own": #""atoms(values=[0.3, 0.7], masses=[0.5, 0.5])""#, "menu": #""posted(0.3)""#],
                  invalid: [("own", #""uniform""#, nil), ("opponents", #""posted(-1)""#, nil), ("dependence", #""perfect(offsets=[0, 1])""#, nil),
                            ("tie", #""random""#, nil), ("x", "true", nil), ("menu", #""binding([0.5])""#, nil)])
    }

    func testMenuThreshold() throws {
        try check("screening.menu-threshold", base: ["menu": #""posted(x)""#, "x_from": "0.2", "x_to": "0.5"],
                  invalid: environmentInvalid + [("menu", #""posted(y)""#, nil), ("x_from", #""a""#, nil), ("x_to", "0.1", nil)])
    }

    func testPostedAgainstMenus() throws {
        try check("screening.posted-against-menus", base: [:], invalid: environmentInvalid)
    }

    func testMenuBestResponse() throws {
        try check("screening.menu-best-response", base: ["cells": "10", "allocation_levels": "5", "utility_levels": "11"],
                  invalid: environmentInvalid + [("cells", "0", nil), ("allocation_levels", "0", nil), ("utility_levels", "1", nil),
                                                 ("gauss_nodes", "0", nil), ("refinements", "0", nil), ("bound_cells", "1", nil)])
        // Too large a lattice is reported at its largest dimension (here the utility levels).
        try check("screening.menu-best-response", base: ["cells": "10", "allocation_levels": "5", "utility_levels": "11"],
                  invalid: environmentInvalid + [("cells", "-1", nil), ("allocation_levels", "70000", nil), ("utility_levels", "100000000", nil),
                                                 ("gauss_nodes", "65", nil), ("refinements", "9", nil), ("bound_cells", "100001", nil)])
    }

    func testPerfectCorrelationMenu() throws {
        // A rival posting 0.4 to a type 1 higher (offset 1) gives type 0 utility 0.6: τ(0) > 0 is refused at dependence.
        try check("screening.perfect-correlation-menu", base: ["opponents": #""tariff(c=1)""#, "dependence": #""perfect""#],
                  invalid: [("own", #""atoms(values=[0.4, 1], masses=[0.5, 0.5])""#, nil), ("opponents", #""posted(0.4); tariff(c=-1)""#, nil),
                            ("dependence", #""independent""#, nil), ("tie", #""random""#, nil), ("x", "true", nil), ("bound_cells", "1", nil)])
        try check("screening.perfect-correlation-menu", base: ["opponents": #""posted(0.4)""#, "dependence": #""perfect""#],
                  invalid: [("opponents", #""posted(-1)""#, nil), ("own", #""beta(0, 1)""#, nil), ("dependence", #""perfect(offsets=[1])""#, nil),
                            ("tie", "1", nil), ("x", #""one""#, nil), ("bound_cells", "100001", nil)])
    }

    func testFiniteTypeMenu() throws {
        try check("screening.finite-type-menu",
                  base: ["own": #""atoms(values=[0.3, 0.7], masses=[0.5, 0.5])""#, "cells": "10", "allocation_levels": "5", "utility_levels": "11"],
                  invalid: [("own", #""uniform""#, nil), ("opponents", #""tariff(c=1)""#, nil), ("dependence", #""clayton""#, nil),
                            ("tie", #""random""#, nil), ("x", "true", nil), ("family", #""all""#, nil), ("brute_force_grid", "0", nil),
                            ("cells", "0", nil), ("allocation_levels", "0", nil), ("utility_levels", "1", nil), ("gauss_nodes", "0", nil),
                            ("dp_levels", "2", nil)])
    }

    func testTwoTypePostedOpponent() throws {
        try check("screening.two-type-posted-opponent", base: ["theta_l": "0.3", "theta_h": "0.7", "alpha": "0.5", "p2": "0.4"],
                  invalid: [("theta_l", "-0.1", nil), ("theta_h", "0.2", nil), ("alpha", "1", nil), ("p2", "-1", nil),
                            ("opponent_upper", "0", nil), ("tie", #""random""#, nil)])
    }
}
