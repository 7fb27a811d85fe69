import XCTest
import Harness
import Numerics
import Segmentation
@testable import SegmentationSolvers

/// Spec-facing validation: for every kind and every parameter, one invalid
/// value is reported at exactly that parameter's key path.
final class SegmentationSolversTests: XCTestCase {
    let registry = Registry(segmentationSolvers)

    func decode(_ solver: String, _ parameters: String) throws -> Spec {
        try registry.probe(solver, json: "{\(parameters)}")
    }

    /// One invalid input: the kind, the spec's parameters (JSON members), the
    /// exact key path of the error and a word its message must contain.
    struct Case {
        let kind: String
        let parameters: String
        let path: String
        let word: String
        init(_ kind: String, _ parameters: String, _ path: String, _ word: String = "") {
            self.kind = kind; self.parameters = parameters; self.path = path; self.word = word
        }
    }

    static let twoTypes = "\"valuations\": [[\"3/4\", 1], [1, 2]]"

    /// Invalid values of the shared environment parameters, for a kind whose
    /// other parameters are `rest`.
    static func environmentCases(_ kind: String, _ rest: String = "", twoTypes: Bool = false) -> [Case] {
        let r = rest.isEmpty ? "" : ", " + rest
        var cases = [
            Case(kind, "\"valuations\": [[1, 2], [3]]" + r, "parameters.valuations[1]", "ragged"),
            Case(kind, "\"valuations\": [[1, 1], [1, 2]]" + r, "parameters.valuations[0]", "efficient"),
            Case(kind, "\"valuations\": \"high\"" + r, "parameters.valuations"),
            Case(kind, "\"valuations\": [[\"3/4\", 1], [1, 2]], \"costs\": [0]" + r, "parameters.costs", "cost"),
            Case(kind, "\"valuations\": [[\"3/4\", 1], [1, 2]], \"type_names\": [\"tL\"]" + r, "parameters.type_names", "name"),
            Case(kind, "\"valuations\": [[\"3/4\", 1], [1, 2]], \"alternative_names\": [\"aL\", \"aH\", \"aX\"]" + r, "parameters.alternative_names", "name"),
            Case(kind, "\"valuations\": [[\"3/4\", 1], [1, 2]], \"selection\": \"welfare\"" + r, "parameters.selection", "one of"),
        ]
        if twoTypes {
            cases.append(Case(kind, "\"valuations\": [[1, 2], [1, 3], [2, 4]]" + r, "parameters.valuations", "two rows"))
        }
        return cases
    }

    static let cases: [Case] = {
        var c: [Case] = []
        // segmentation.market
        c += environmentCases("segmentation.market", "\"market\": [1, 1]")
        c += [
            Case("segmentation.market", twoTypes + ", \"market\": [1, -1]", "parameters.market[1]", "≥ 0"),
            Case("segmentation.market", twoTypes + ", \"market\": [0, 0]", "parameters.market", "positive"),
            Case("segmentation.market", twoTypes + ", \"market\": [1, 1, 1]", "parameters.market", "one weight per type"),
        ]
        // Sec 3.1, 4.1.1: two-type dominating markets
        c += environmentCases("segmentation.two-type-dominance", "\"market\": [1, 1]")
        c += [
            Case("segmentation.two-type-dominance", twoTypes + ", \"market\": [1, -1]", "parameters.market[1]", "≥ 0"),
            Case("segmentation.two-type-dominance", twoTypes + ", \"market\": [1, 1, 1]", "parameters.market", "one weight per type"),
        ]
        // Sec 3.1.1
        c += environmentCases("segmentation.two-type-family", twoTypes: true)
        c += environmentCases("segmentation.two-type-summary", twoTypes: true)
        c += environmentCases("segmentation.two-type-market", "\"q\": \"1/2\"", twoTypes: true)
        c += [Case("segmentation.two-type-market", twoTypes + ", \"q\": 2", "parameters.q")]
        let v = ["\"v_low_aL\": \"3/4\"", "\"v_low_aH\": 1", "\"v_high_aL\": 1", "\"v_high_aH\": 2"]
        func twoByTwo(_ i: Int, _ value: String) -> String {
            var w = v
            w[i] = w[i].split(separator: ":")[0] + ": " + value
            return w.joined(separator: ", ")
        }
        c += [
            // v(t_L, a_L) = 0 ties with the outside option when v(t_L, a_H) < 0.
            Case("segmentation.two-by-two-summary", "\"v_low_aL\": 0, \"v_low_aH\": -1, \"v_high_aL\": 1, \"v_high_aH\": 2", "parameters.v_low_aL", "efficient"),
            Case("segmentation.two-by-two-summary", "\"v_low_aL\": \"3/4\", \"v_low_aH\": 1, \"v_high_aL\": 0, \"v_high_aH\": -1", "parameters.v_high_aL", "efficient"),
            Case("segmentation.two-by-two-summary", twoByTwo(1, "\"3/4\""), "parameters.v_low_aH", "efficient"),          // v(t_L, a_L) = v(t_L, a_H)
            Case("segmentation.two-by-two-summary", twoByTwo(2, "2"), "parameters.v_high_aH", "efficient"),                // v(t_H, a_L) = v(t_H, a_H)
            Case("segmentation.two-by-two-summary", twoByTwo(3, "\"x\""), "parameters.v_high_aH"),
            Case("segmentation.two-by-two-summary", v.joined(separator: ", ") + ", \"selection\": \"best\"", "parameters.selection", "one of"),
        ]
        // Sec 4.2
        c += environmentCases("segmentation.payment-polytope")
        c += environmentCases("segmentation.payment-polytope-ties")
        c += environmentCases("segmentation.payment-polytope-directions", "\"markets\": [[1, 1]]", twoTypes: true)
        c += [
            Case("segmentation.payment-polytope-directions", twoTypes + ", \"markets\": [[1, 1], [1, 2, 3]]", "parameters.markets[1]", "two nonnegative weights"),
            Case("segmentation.payment-polytope-directions", twoTypes + ", \"markets\": [[0, 0]]", "parameters.markets[0]", "not both 0"),
            Case("segmentation.payment-polytope-directions", twoTypes + ", \"markets\": [[1, 1]], \"market_names\": [\"f1\", \"f2\"]", "parameters.market_names", "one name per market"),
            Case("segmentation.payment-polytope-directions", twoTypes + ", \"markets\": [[1, 1]], \"arrow_scale\": 0", "parameters.arrow_scale"),
        ]
        // Sec 5
        let linear = "\"types\": [1, 2], \"qualities\": [1, 2], \"costs\": [0, \"1/2\"], \"market\": [1, 1]"
        func linearWith(_ key: String, _ value: String) -> String {
            linear.replacingOccurrences(of: "\"\(key)\": " + (key == "market" ? "[1, 1]" : key == "costs" ? "[0, \"1/2\"]" : "[1, 2]"), with: "\"\(key)\": \(value)")
        }
        c += [
            Case("segmentation.linear-environment", linearWith("types", "[2, 1]"), "parameters.types[1]", "increasing"),
            Case("segmentation.linear-environment", linearWith("types", "[1, 0]"), "parameters.types[1]"),
            Case("segmentation.linear-environment", linearWith("qualities", "[1, 1]"), "parameters.qualities[1]", "increasing"),
            Case("segmentation.linear-environment", linearWith("costs", "[0]"), "parameters.costs", "one cost per quality"),
            Case("segmentation.linear-environment", linearWith("costs", "[1, 0]"), "parameters.costs[1]", "increasing"),
            Case("segmentation.linear-environment", linearWith("costs", "[1, 1]"), "parameters.costs[0]", "convex"),
            Case("segmentation.linear-environment", "\"types\": [1], \"qualities\": [1, 2], \"costs\": [0, 1], \"market\": [1]", "parameters.costs[1]", "unique efficient"),
            Case("segmentation.linear-environment", linearWith("market", "[1, 1, 1]"), "parameters.market", "one weight per type"),
            Case("segmentation.linear-environment", linearWith("market", "[0, 0]"), "parameters.market", "positive"),
            Case("segmentation.linear-environment", linear + ", \"selection\": \"x\"", "parameters.selection", "one of"),
        ]
        // App A.3.3: a ragged product matrix is reported at product_values (not "productValues").
        let bundling = "\"product_values\": [[\"5/2\", 1], [2, 2], [3, 4]], \"weights\": [\"1/2\", \"1/4\", \"1/4\"]"
        c += [
            Case("segmentation.bundling", "\"product_values\": [[1, 2], [1]], \"weights\": [1, 1]", "parameters.product_values[1]", "ragged"),
            Case("segmentation.bundling", "\"product_values\": [[1, 0]], \"weights\": [1]", "parameters.product_values[0][1]"),
            Case("segmentation.bundling", "\"product_values\": [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], \"weights\": [1]", "parameters.product_values[0]", "at most 10 products"),
            Case("segmentation.bundling", "\"product_values\": [[1, 2], [2, 1]], \"weights\": [1, 1, 1]", "parameters.weights", "one weight per type"),
            Case("segmentation.bundling", "\"product_values\": [[1, 2], [2, 1]], \"weights\": [0, 0]", "parameters.weights", "positive"),
            Case("segmentation.bundling", "\"product_values\": [[1, 2], [2, 1]], \"weights\": [1, -1]", "parameters.weights[1]"),
            Case("segmentation.bundling", bundling + ", \"selection\": \"x\"", "parameters.selection", "one of"),
        ]
        // App A.4
        c += [
            Case("segmentation.increasing-alternatives", "\"k\": 0", "parameters.k"),
            Case("segmentation.increasing-alternatives", "\"k\": 65", "parameters.k"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"types\": [1, 2, 3]", "parameters.types", "two types"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"types\": [2, 1]", "parameters.types[1]", "increasing"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"types\": [0, 1]", "parameters.types[0]"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"curvature\": 0", "parameters.curvature"),
            // κ = 4/3 on {0, 1/2, 1}: t_1 = 1 values a − 2a²/3, 1/3 at both a = 1/2 and a = 1.
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"curvature\": \"4/3\"", "parameters.k", "unique efficient"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"cutoff\": 0", "parameters.cutoff"),
            Case("segmentation.increasing-alternatives", "\"k\": 2, \"cutoff\": \"3/2\"", "parameters.cutoff"),
            Case("segmentation.continuum-limit", "\"q\": \"-1/2\"", "parameters.q"),
            Case("segmentation.continuum-limit", "\"q\": 0, \"types\": [1]", "parameters.types", "two types"),
            Case("segmentation.continuum-limit", "\"q\": 0, \"types\": [3, 1]", "parameters.types[1]", "increasing"),
            Case("segmentation.continuum-limit", "\"q\": 0, \"curvature\": \"-1\"", "parameters.curvature"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2, 0]", "parameters.grid_sizes[1]"),
            // κ = 3: t_1 = 1 values a − 3a²/2, tied between a = 0 and a = 2/3 on the grid k = 3 (max_quality 2).
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [1, 3], \"max_quality\": 2, \"curvature\": 3", "parameters.grid_sizes[1]", "unique efficient"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2], \"limit_samples\": 1001", "parameters.limit_samples"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2], \"types\": [1, 2, 3]", "parameters.types", "two types"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2], \"types\": [2, 1]", "parameters.types[1]", "increasing"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2], \"max_quality\": 0", "parameters.max_quality"),
            Case("segmentation.increasing-alternatives-pieces", "\"grid_sizes\": [2], \"curvature\": \"-1\"", "parameters.curvature"),
        ]
        // Theorem 1 / Props 1–2
        let property = "\"markets\": 10, \"seed\": 1"
        c += [
            Case("segmentation.property-check", "\"markets\": 0, \"seed\": 1", "parameters.markets"),
            Case("segmentation.property-check", "\"markets\": 10, \"seed\": -1", "parameters.seed"),
            Case("segmentation.property-check", property + ", \"max_types\": 1", "parameters.max_types"),
            Case("segmentation.property-check", property + ", \"max_alternatives\": 7", "parameters.max_alternatives"),
            Case("segmentation.property-check", property + ", \"selection\": \"x\"", "parameters.selection", "one of"),
        ]
        return c
    }()

    func testEveryInvalidValueIsReportedAtItsKey() {
        for c in Self.cases {
            let error = registry.inputError(c.kind, json: "{\(c.parameters)}")
            XCTAssertEqual(error?.keyPath, c.path, "\(c.kind) \(c.parameters): \(error?.message ?? "no error")")
            if !c.word.isEmpty {
                XCTAssertTrue(error?.message.lowercased().contains(c.word.lowercased()) ?? false, "\(c.kind) \(c.parameters): \(error?.message ?? "no error")")
            }
        }
    }

    /// Every kind and every one of its parameters has an invalid-value case.
    func testEveryKindAndParameterIsCovered() {
        XCTAssertEqual(segmentationSolvers.count, 15)
        XCTAssertEqual(registry.parametersWithoutCase(Self.cases.map { ($0.kind, $0.path) }), [])
    }

    /// The issue's drift: the model named `productValues` and `maxQuality`,
    /// keys no spec has. The model now names concepts; the solver layer
    /// reports them at `product_values` and `max_quality`.
    func testModelErrorsMapToTheSpecKeys() throws {
        XCTAssertThrowsError(try BundlingEnvironment(productValues: [[1, 2], [1]])) { error in
            XCTAssertEqual(error as? SegmentationError, .raggedProductValues(type: 1, products: 1, expected: 2))
        }
        let bundling = BundlingParameters.decoded(ParameterValues(["product_values": .list([.list([.rational(1), .rational(2)]), .list([.rational(1)])]),
                                                                   "weights": .list([.rational(1), .rational(1)]), "selection": .text("welfare-first")]))
        XCTAssertThrowsError(try bundling.environment()) { error in
            XCTAssertEqual((error as? SolverInputError)?.parameter, "product_values[1]", "\(error)")
        }
        let pieces = IncreasingAlternativesPiecesParameters.decoded(ParameterValues(["grid_sizes": .list([.integer(2)]), "limit_samples": .integer(0),
                                                                                     "types": .list([.rational(1), .rational(2)]),
                                                                                     "max_quality": .rational(0), "curvature": .rational(1)]))
        XCTAssertThrowsError(try pieces.environment(0)) { error in
            XCTAssertEqual((error as? SolverInputError)?.parameter, "max_quality", "\(error)")
        }
        let flat = IncreasingAlternativesPiecesParameters.decoded(ParameterValues(["grid_sizes": .list([.integer(2)]), "limit_samples": .integer(0),
                                                                                   "types": .list([.rational(1), .rational(2)]),
                                                                                   "max_quality": .rational(1), "curvature": .rational(0)]))
        XCTAssertThrowsError(try flat.environment(0)) { error in
            XCTAssertEqual((error as? SolverInputError)?.parameter, "curvature", "\(error)")
        }
    }

    func testSection311ThroughTheHarness() throws {
        let s = try decode("segmentation.two-type-summary", Self.twoTypes)
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        XCTAssertEqual(table.rows[0][table.columnIndex("not_improvable_markets")!], .text("{3/4}"))
        XCTAssertEqual(table.rows[0][table.columnIndex("breakpoints")!], .text("1/4, 3/4"))
    }

    /// One row of `kind` for `parameters`, as column name → cell.
    func row(_ kind: String, _ parameters: String) throws -> [String: TableValue] {
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(try decode(kind, parameters))
        XCTAssertEqual(table.rows.count, 1)
        var out: [String: TableValue] = [:]
        for c in table.columns { out[c.name] = table.rows[0][table.columnIndex(c.name)!] }
        return out
    }

    /// Sec 5 ironing by hand, in footnote 25's environment (types 1, 2, 3,
    /// qualities 1, 2, costs 1/4, 7/4) with market (1/2, 1/8, 3/8):
    /// φ_1 = 1 − 1·(1/8 + 3/8)/(1/2) = 0, φ_2 = 2 − 1·(3/8)/(1/8) = −1, φ_3 = 3.
    /// φ_1 > φ_2 violates monotonicity, so t1 and t2 pool at
    /// (1/2·0 + 1/8·(−1))/(5/8) = −1/5; t3 keeps 3. Then φ̄ a − c(a) is
    /// maximised by a = 0 for −1/5 and by a = 2 for 3 (3·2 − 7/4 = 17/4 >
    /// 3 − 1/4 = 11/4), so only t3 is served, at the gross price 3·2 = 6
    /// (net 17/4): revenue 3/8 · 17/4 = 51/32.
    func testLinearEnvironmentOutputsIronedVirtualValues() throws {
        let r = try row("segmentation.linear-environment",
                        "\"types\": [1, 2, 3], \"qualities\": [1, 2], \"costs\": [\"1/4\", \"7/4\"], \"market\": [\"1/2\", \"1/8\", \"3/8\"]")
        XCTAssertEqual(r["virtual_values"], .text("(0, -1, 3)"))
        XCTAssertEqual(r["ironed_virtual_values"], .text("(-1/5, -1/5, 3)"))
        XCTAssertEqual(r["ironed"], .boolean(true))
        XCTAssertEqual(r["myerson_mechanism"], .text("t=1: 0 at 0; t=2: 0 at 0; t=3: a=2 at 6"))
        XCTAssertEqual(r["myerson_matches_lp"], .boolean(true))
        XCTAssertEqual(r["revenue"], .rational(Rational(51, 32)))
        // Footnote 25's own market needs no ironing: the two columns agree.
        let f25 = try row("segmentation.linear-environment",
                          "\"types\": [1, 2, 3], \"qualities\": [1, 2], \"costs\": [\"1/4\", \"7/4\"], \"market\": [\"2/3\", \"1/6\", \"1/6\"]")
        XCTAssertEqual(f25["ironed_virtual_values"], f25["virtual_values"])
        XCTAssertEqual(f25["ironed"], .boolean(false))
    }

    /// Sec 3.1.1 (v(t_L) = (3/4, 1), v(t_H) = (1, 2)), net payments over the
    /// optimal face by hand. q = 3/4: excluding t_L and selling a_H at 2
    /// earns 3/4·2 = 3/2, and separating (a_L at 3/4, a_H at 7/4) earns
    /// 1/4·3/4 + 3/4·7/4 = 3/2 too; the face is the segment between
    /// (0, 2) and (3/4, 7/4), so p(t_L) ∈ [0, 3/4] and p(t_H) ∈ [7/4, 2].
    /// q = 1/2: separating earns 5/4 > 1 (exclusion or pooling), unique.
    func testMarketPaymentRangesOverTheOptimalFace() throws {
        let tie = try row("segmentation.market", Self.twoTypes + ", \"market\": [\"1/4\", \"3/4\"]")
        XCTAssertEqual(tie["payment_min"], .text("(0, 7/4)"))
        XCTAssertEqual(tie["payment_max"], .text("(3/4, 2)"))
        XCTAssertEqual(tie["unique_payment_rule"], .boolean(false))
        XCTAssertEqual(tie["revenue"], .rational(Rational(3, 2)))
        let unique = try row("segmentation.market", Self.twoTypes + ", \"market\": [\"1/2\", \"1/2\"]")
        XCTAssertEqual(unique["payment_min"], .text("(3/4, 7/4)"))
        XCTAssertEqual(unique["payment_max"], unique["payment_min"])
        XCTAssertEqual(unique["unique_payment_rule"], .boolean(true))
        // Off the support: "-".
        let single = try row("segmentation.market", Self.twoTypes + ", \"market\": [0, 1]")
        XCTAssertEqual(single["payment_min"], .text("(-, 2)"))
        XCTAssertEqual(single["payment_max"], .text("(-, 2)"))
    }

    /// Tied markets (Figure 4, Prop. 1's single product): the split column
    /// comes from the exact weight search instead of "n/a". f³ = (1/4, 3/4)
    /// is not improvable (no weight works); the single-product market
    /// (1/4, 1/4, 1/2) with values 1, 2, 3 ties prices 2 and 3 (revenue 3/2)
    /// and has a verified split under every selection rule that serves it
    /// inefficiently.
    func testTiedMarketsGetTheWeightSearchSplit() throws {
        let f3 = try row("segmentation.market", Self.twoTypes + ", \"market\": [\"1/4\", \"3/4\"]")
        XCTAssertEqual(f3["safe_weight_supremum"], .text("none"))
        XCTAssertEqual(f3["split_verified"], .boolean(false))
        let single = try row("segmentation.market", "\"valuations\": [[1], [2], [3]], \"market\": [1, 1, 2]")
        XCTAssertEqual(single["unique_payment_rule"], .boolean(false))
        XCTAssertEqual(single["split_verified"], .boolean(true))
        guard case let .text(sup)? = single["safe_weight_supremum"] else { return XCTFail("no ε*") }
        XCTAssertNotEqual(sup, "none")
    }

    /// Sec 3.1.1 through the harness: market 3/4 is dominated by the
    /// two-type markets (0, 1/4] but no split with them is Pareto improving.
    func testTwoTypeDominanceThroughTheHarness() throws {
        let s = try decode("segmentation.two-type-dominance", Self.twoTypes + ", \"market\": [\"1/4\", \"3/4\"]")
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        let dominates = table.columnIndex("dominates")!, found = table.columnIndex("split_found")!
        XCTAssertEqual(table.rows.filter { $0[dominates] == .boolean(true) }.count, 2)
        XCTAssertTrue(table.rows.allSatisfy { $0[found] == .boolean(false) })
    }
}
