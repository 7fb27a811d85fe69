import XCTest
@testable import Harness
import Numerics

final class SpecDecodingTests: XCTestCase {
    func decode(_ text: String, stem: String = "multiples") throws -> Spec {
        try Spec.decode(text: text, file: "experiments/toy-paper/\(stem).json", paperFolder: "toy-paper", fileStem: stem, registry: toyRegistry)
    }

    func expectError(_ text: String, keyPath: String, contains: String, suggestion: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(text), file: file, line: line) { error in
            guard case let HarnessError.invalidSpec(f, path, expected, found, sugg) = error else {
                return XCTFail("expected invalidSpec, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(f, "experiments/toy-paper/multiples.json", file: file, line: line)
            XCTAssertEqual(path, keyPath, "\(error)", file: file, line: line)
            XCTAssertTrue((expected + " " + (found ?? "")).contains(contains), "\(error)", file: file, line: line)
            if let suggestion { XCTAssertEqual(sugg, suggestion, file: file, line: line) }
        }
    }

    func replacing(_ a: String, _ b: String) -> String {
        XCTAssertTrue(toySpec.contains(a), "fixture does not contain \(a)")
        return toySpec.replacingOccurrences(of: a, with: b)
    }

    func testValidSpecDecodes() throws {
        let spec = try decode(toySpec)
        XCTAssertEqual(spec.id, "multiples")
        XCTAssertEqual(spec.parameters.rational("a"), Rational(3, 4))
        XCTAssertEqual(spec.parameters.text("label"), "plain")   // default
        XCTAssertEqual(spec.columns.map(\.name), ["k", "value", "root", "even", "label"])
        XCTAssertEqual(spec.claims.count, 3)
        XCTAssertEqual(spec.goldenPath, "toy-paper/golden/multiples.csv")
        XCTAssertEqual(spec.tolerance(for: spec.columns[2]).absolute, Rational(1, 1_000_000_000_000))
        XCTAssertEqual(spec.tolerance(for: spec.columns[1]), .exact)   // rational columns are exact by default
    }

    func testUnknownKeysSuggestTheNearestValidKey() {
        expectError(replacing("\"title\"", "\"titel\""), keyPath: "titel", contains: "unknown key", suggestion: "title")
        expectError(replacing("\"n\": 4", "\"m\": 4"), keyPath: "parameters.m", contains: "unknown key")
        expectError(replacing("\"printed\": \"2.25\"", "\"printd\": \"2.25\""), keyPath: "claims[0].check.printd", contains: "unknown key", suggestion: "printed")
        expectError(replacing("\"solver\": \"toy.multiples\"", "\"solver\": \"toy.multiple\""), keyPath: "solver", contains: "registered solver kind", suggestion: "toy.multiples")
    }

    func testWrongTypesMissingFieldsAndDomains() {
        expectError(replacing("\"n\": 4", "\"n\": \"four\""), keyPath: "parameters.n", contains: "an integer")
        expectError(replacing("\"n\": 4", "\"n\": 4.5"), keyPath: "parameters.n", contains: "an integer")
        expectError(replacing("\"n\": 4", "\"n\": 0"), keyPath: "parameters.n", contains: "≥ 1")
        expectError(replacing("\"a\": \"3/4\"", "\"a\": -1"), keyPath: "parameters.a", contains: "≥ 0")
        expectError(replacing("\"a\": \"3/4\", ", ""), keyPath: "parameters.a", contains: "required")
        expectError(replacing("\"artifact\": \"Table 9\",", ""), keyPath: "artifact", contains: "required")
        expectError(replacing("\"n\": 4", "\"n\": 4, \"weights\": [\"1/2\", \"1/3\"]"), keyPath: "parameters.weights", contains: "summing to 1")
        expectError(replacing("\"n\": 4", "\"n\": 4, \"weights\": [2, -1]"), keyPath: "parameters.weights[0]", contains: "≤ 1")
        expectError(replacing("\"n\": 4", "\"n\": 4, \"label\": \"fancyy\""), keyPath: "parameters.label", contains: "one of", suggestion: "fancy")
        expectError(replacing("\"id\": \"multiples\"", "\"id\": \"other\""), keyPath: "id", contains: "file name")
        expectError(replacing("\"paper\": \"toy-paper\"", "\"paper\": \"other\""), keyPath: "paper", contains: "folder name")
    }

    func testColumnsTolerancesAndClaimsAreChecked() {
        expectError(replacing("\"tolerances\"", "\"columns\": [\"k\", \"valu\"], \"tolerances\""), keyPath: "columns[1]", contains: "output column", suggestion: "value")
        expectError(replacing("\"tolerances\"", "\"columns\": [\"value\"], \"tolerances\""), keyPath: "columns", contains: "key column")
        expectError(replacing("{\"default\": {\"abs\": 1e-12}}", "{\"columns\": {\"k\": {\"abs\": 1}}}"), keyPath: "tolerances.columns.k", contains: "compare exactly")
        expectError(replacing("{\"default\": {\"abs\": 1e-12}}", "{\"default\": {\"abs\": -1}}"), keyPath: "tolerances.default.abs", contains: "≥ 0")
        expectError(replacing("\"column\": \"value\", \"check\": {\"printed\"", "\"column\": \"valeu\", \"check\": {\"printed\""), keyPath: "claims[0].column", contains: "output column", suggestion: "value")
        expectError(replacing("{\"printed\": \"2.25\", \"rounding\": \"nearest\"}", "{\"printed\": \"2.25\", \"rounding\": \"nearest\", \"op\": \"<\"}"), keyPath: "claims[0].check.op", contains: "only")
        expectError(replacing("{\"printed\": \"2.25\", \"rounding\": \"nearest\"}", "{\"printed\": \"2.25\"}"), keyPath: "claims[0].check.rounding", contains: "\"unstated\"")
        expectError(replacing("{\"printed\": \"2.25\", \"rounding\": \"nearest\"}", "{\"printed\": \"2.25\", \"rounding\": \"round\"}"), keyPath: "claims[0].check.rounding", contains: "\"truncate\"")
        expectError(replacing("\"id\": \"root\"", "\"id\": \"third\""), keyPath: "claims[1]", contains: "used once")
    }

    func testMalformedJSONNamesLineAndColumn() {
        XCTAssertThrowsError(try decode("{\n  \"id\": \"multiples\",\n  \"id\": \"x\"\n}")) { error in
            guard case let HarnessError.malformedJSON(_, line, column, message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
            XCTAssertEqual(column, 3)
            XCTAssertTrue(message.contains("duplicate key"))
        }
        XCTAssertThrowsError(try decode("{\"id\": \"multiples\",}")) { error in
            guard case HarnessError.malformedJSON = error else { return XCTFail("\(error)") }
        }
    }

    func testSweepsExpandInOrder() throws {
        let linear = try decode(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"n\": 1}, \"sweep\": {\"a\": {\"linear\": {\"from\": 0, \"to\": \"1/2\", \"count\": 3}}}"))
        XCTAssertEqual(linear.points.map { $0.rational("a") }, [0, Rational(1, 4), Rational(1, 2)])
        XCTAssertEqual(linear.columns.first?.name, "a")
        XCTAssertTrue(linear.columns.first!.isKey)
        let two = try decode(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {}, \"sweep\": {\"a\": {\"values\": [1, 2]}, \"n\": {\"linear\": {\"from\": 1, \"to\": 3, \"step\": 1}}}"))
        XCTAssertEqual(two.points.map { "\($0.rational("a")):\($0.integer("n"))" }, ["1:1", "1:2", "1:3", "2:1", "2:2", "2:3"])
        let log = try decode(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1}, \"sweep\": {\"n\": {\"log\": {\"from\": 1, \"to\": 1000, \"count\": 7}}}"))
        XCTAssertEqual(log.points.map { $0.integer("n") }, [1, 3, 10, 32, 100, 316, 1000])
        expectError(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1}, \"sweep\": {\"n\": {\"linear\": {\"from\": 1, \"to\": 2, \"count\": 3}}}"), keyPath: "sweep.n.linear", contains: "integers")
        expectError(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1}, \"sweep\": {\"n\": {\"values\": [1, 2000]}}"), keyPath: "sweep.n.values[1]", contains: "≤ 1000")
        expectError(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1, \"n\": 2}, \"sweep\": {\"n\": {\"values\": [1]}}"), keyPath: "parameters.n", contains: "swept")
        // A repeated value would give two rows with the same key; "1/2" and 0.5 are the same rational.
        expectError(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"n\": 2}, \"sweep\": {\"a\": {\"values\": [\"1/2\", 1, 0.5]}}"), keyPath: "sweep.a.values[2]", contains: "each value once")
        // List-valued parameters sweep like any other.
        let lists = try decode(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1}, \"sweep\": {\"weights\": {\"values\": [[1], [\"1/2\", \"1/2\"]]}}"))
        XCTAssertEqual(lists.points.count, 2)
        XCTAssertEqual(lists.columns.first?.name, "weights")
        expectError(replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}", "\"parameters\": {\"a\": 1}, \"sweep\": {\"weights\": {\"values\": [[1], [1]]}}"), keyPath: "sweep.weights.values[1]", contains: "each value once")
    }

    func testJSONNumbersKeepTheirExactText() throws {
        let node = try parseJSON("{\"x\": 0.1, \"y\": -1e-3, \"s\": \"caf\\u00e9 \\ud83d\\ude00\"}")
        guard case let .object(members) = node.value else { return XCTFail() }
        guard case let .number(x) = members[0].value.value, case let .number(y) = members[1].value.value,
              case let .string(s) = members[2].value.value else { return XCTFail() }
        XCTAssertEqual(x, "0.1")
        XCTAssertEqual(y, "-1e-3")
        XCTAssertEqual(s, "café 😀")
        XCTAssertEqual(try Rational(parsing: x), Rational(1, 10))
        XCTAssertThrowsError(try parseJSON("[1, 2"))
        XCTAssertThrowsError(try parseJSON("01"))
        XCTAssertThrowsError(try parseJSON("{\"a\": NaN}"))
        XCTAssertThrowsError(try parseJSON("[1] [2]"))
    }

    func testToleranceEdgeCases() {
        let relOnly = Tolerance(absolute: 0, relative: Rational(1, 100))
        XCTAssertTrue(relOnly.accepts(0, golden: 0))
        XCTAssertFalse(relOnly.accepts(Rational(1, 10_000_000), golden: 0))   // zero golden: relative tolerance allows nothing
        XCTAssertTrue(relOnly.accepts(Rational(101), golden: 100))
        XCTAssertFalse(relOnly.accepts(Rational(1011, 10), golden: 100))
        let absOnly = Tolerance(absolute: Rational(1, 1000), relative: 0)
        XCTAssertTrue(absOnly.accepts(Rational(1, 1000), golden: 0))   // boundary is inclusive
        XCTAssertFalse(absOnly.accepts(Rational(1001, 1_000_000), golden: 0))
        XCTAssertNil(TableValue.parse("nan", as: .real))
        XCTAssertNil(TableValue.parse("inf", as: .real))
        XCTAssertNil(TableValue.parse("1.5", as: .integer))
        XCTAssertEqual(TableValue.parse("1e-3", as: .real), .real(0.001))
    }
}
