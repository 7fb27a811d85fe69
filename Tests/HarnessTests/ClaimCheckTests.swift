import XCTest
@testable import Harness
import Numerics

/// The `where` filter and the `expression` and `monotone` checks of claims.
final class ClaimCheckTests: XCTestCase {
    func decode(_ text: String) throws -> Spec {
        try Spec.decode(text: text, file: "experiments/toy-paper/multiples.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
    }

    func spec(claims: String, parameters: String = "\"a\": \"3/4\", \"n\": 4") -> String {
        let head = toySpec.components(separatedBy: "\"claims\": [")[0]
        return head.replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}", with: "\"parameters\": {\(parameters)}")
            + "\"claims\": [\(claims)]\n}"
    }

    func verdicts(_ text: String) throws -> [(Verdict, String)] {
        let s = try decode(text)
        let table = try Runner(registry: toyRegistry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        return try evaluateClaims(of: s, on: table).map { ($0.verdict, $0.computed) }
    }

    func testExpressionsParseAndEvaluateExactly() throws {
        let e = try ArithmeticExpression(parsing: "1/2 - 3*gamma/4")
        XCTAssertEqual(e.variables, ["gamma"])
        XCTAssertEqual(e.evaluate { $0 == "gamma" ? Rational(2, 5) : nil }, Rational(1, 5))
        XCTAssertEqual(try ArithmeticExpression(parsing: "(5 - 12*g)/48").evaluate { _ in Rational(1, 4) }, Rational(1, 24))
        XCTAssertEqual(try ArithmeticExpression(parsing: "-2^2 + 0.0001*N^-1").evaluate { _ in 10 }, Rational(-4) + Rational(1, 100_000))
        XCTAssertEqual(try ArithmeticExpression(parsing: "2*3^2").evaluate { _ in nil }, 18)
        XCTAssertNil(try ArithmeticExpression(parsing: "1/(x-1)").evaluate { _ in 1 })
        for bad in ["1 +", "(1", "2^x", "a $ b", "1 2"] {
            XCTAssertThrowsError(try ArithmeticExpression(parsing: bad), bad)
        }
    }

    func testWhereFilterAndExpressionCheck() throws {
        // value = a·k = 3k/4 on the rows 2 ≤ k ≤ 3; the k = 1 row is excluded by the filter.
        let text = spec(claims: """
            {"id": "e", "quote": "value is 3k/4", "location": "Sec 1", "where": {"k": {">=": 2, "<=": "3"}}, "column": "value", "check": {"expression": "3*k/4"}},
            {"id": "lt", "quote": "value below k", "location": "Sec 1", "where": {"even": true}, "column": "value", "check": {"op": "<", "expression": "k"}},
            {"id": "wrong", "quote": "value is k/2", "location": "Sec 1", "rows": "all", "column": "value", "check": {"expression": "k/2"}},
            {"id": "real", "quote": "root is sqrt(3k/4)", "location": "Sec 1", "where": {"k": 3}, "column": "root", "check": {"expression": "3/2"}}
            """)
        let v = try verdicts(text)
        XCTAssertEqual(v[0].0, .reproduced, v[0].1)
        XCTAssertEqual(v[0].1, "holds in all 2 rows")
        XCTAssertEqual(v[1].0, .reproduced, v[1].1)
        XCTAssertEqual(v[2].0, .discrepancy)
        XCTAssertTrue(v[2].1.contains("fails in 4 of 4 rows"), v[2].1)
        XCTAssertEqual(v[3].0, .reproduced, v[3].1)
    }

    /// On a real column an expression may use exp, log, sqrt (evaluated in
    /// Doubles) and carry its own tolerance `abs`; an exact column may not.
    func testRealExpressionWithToleranceOnARealColumn() throws {
        // root = sqrt(3k/4); at k = 3 it is 3/2 = exp(log(3/2)) = sqrt(9/4).
        let text = spec(claims: """
            {"id": "sqrt", "quote": "root is sqrt(value)", "location": "Sec 1", "rows": "all", "column": "root", "check": {"expression": "sqrt(value)"}},
            {"id": "exp", "quote": "root is e^(log(value)/2)", "location": "Sec 1", "rows": "all", "column": "root", "check": {"expression": "exp(log(value)/2)", "abs": "1e-12"}},
            {"id": "loose", "quote": "root is about 1.5", "location": "Sec 1", "where": {"k": 3}, "column": "root", "check": {"expression": "1.5001", "abs": "0.001"}},
            {"id": "tight", "quote": "root is 1.5001", "location": "Sec 1", "where": {"k": 3}, "column": "root", "check": {"expression": "1.5001", "abs": "0.00001"}}
            """)
        let v = try verdicts(text)
        XCTAssertEqual(v.map(\.0), [.reproduced, .reproduced, .reproduced, .discrepancy], v.map(\.1).joined(separator: " | "))
        XCTAssertEqual(describe(try decode(text).claims[2].check), "= 1.5001 (±0.001)")
        let head = "\"id\": \"c\", \"quote\": \"q\", \"location\": \"l\", \"rows\": \"all\""
        assertSpecError(try decode(spec(claims: "{\(head), \"column\": \"value\", \"check\": {\"expression\": \"sqrt(k)\"}}")), "claims[0].check.expression", "arithmetic expression")
        assertSpecError(try decode(spec(claims: "{\(head), \"column\": \"value\", \"check\": {\"expression\": \"k\", \"abs\": \"0.1\"}}")), "claims[0].check.abs", "real column")
        assertSpecError(try decode(spec(claims: "{\(head), \"column\": \"root\", \"check\": {\"expression\": \"k\", \"abs\": 0}}")), "claims[0].check.abs", "positive")
    }

    func testMonotoneCheck() throws {
        let text = spec(claims: """
            {"id": "up", "quote": "value increases with k", "location": "Sec 1", "rows": "all", "column": "value", "check": {"monotone": "increasing", "along": "k"}},
            {"id": "down", "quote": "value decreases with k", "location": "Sec 1", "rows": "all", "column": "value", "check": {"monotone": "nonincreasing", "along": "k"}},
            {"id": "flat", "quote": "a single point is monotone", "location": "Sec 1", "where": {"k": 2}, "column": "value", "check": {"monotone": "decreasing", "along": "k"}}
            """)
        let v = try verdicts(text)
        XCTAssertEqual(v[0].0, .reproduced)
        XCTAssertEqual(v[1].0, .discrepancy)
        XCTAssertTrue(v[1].1.contains("at [k=1]"), v[1].1)
        XCTAssertEqual(v[2].0, .reproduced)
        // Grouped by the other sweep column: value = a·k is increasing in a for every k.
        let swept = spec(claims: """
            {"id": "in-a", "quote": "value increases with a", "location": "Sec 1", "rows": "all", "column": "value", "check": {"monotone": "increasing", "along": "a"}}
            """, parameters: "\"n\": 3").replacingOccurrences(of: "\"tolerances\"", with: "\"sweep\": {\"a\": {\"values\": [\"1/2\", 1, 2]}}, \"tolerances\"")
        let w = try verdicts(swept)
        XCTAssertEqual(w[0].0, .reproduced, w[0].1)
        XCTAssertEqual(w[0].1, "increasing along a in all 3 groups (9 rows)")
    }

    func testBadClaimsAreSpecErrors() {
        func expect(_ claims: String, _ keyPath: String, _ contains: String, line: UInt = #line) {
            assertSpecError(try decode(spec(claims: claims)), keyPath, contains, line: line)
        }
        let head = "\"id\": \"c\", \"quote\": \"q\", \"location\": \"l\""
        expect("{\(head), \"where\": {\"kk\": 1}, \"column\": \"value\", \"check\": {\"equals\": 1}}", "claims[0].where.kk", "output column")
        expect("{\(head), \"where\": {\"k\": {\"=<\": 1}}, \"column\": \"value\", \"check\": {\"equals\": 1}}", "claims[0].where.k.=<", "comparison")
        expect("{\(head), \"where\": {\"k\": 1}, \"rows\": \"all\", \"column\": \"value\", \"check\": {\"equals\": 1}}", "claims[0].where", "only one of")
        expect("{\(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"expression\": \"3*kk\"}}", "claims[0].check.expression", "\"kk\" is not one")
        expect("{\(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"expression\": \"3*\"}}", "claims[0].check.expression", "arithmetic expression")
        expect("{\(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"expression\": \"label\"}}", "claims[0].check.expression", "\"label\" is not one")
        expect("{\(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"monotone\": \"up\", \"along\": \"k\"}}", "claims[0].check.monotone", "nondecreasing")
        expect("{\(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"monotone\": \"increasing\", \"along\": \"label\"}}", "claims[0].check.along", "numeric output column")
        expect("{\(head), \"row\": {\"k\": 1}, \"column\": \"value\", \"check\": {\"monotone\": \"increasing\", \"along\": \"k\"}}", "claims[0].check.monotone", "where")
    }

    func testAFilterMatchingNoRowIsASpecError() throws {
        let text = spec(claims: "{\"id\": \"c\", \"quote\": \"q\", \"location\": \"l\", \"where\": {\"k\": {\">\": 10}}, \"column\": \"value\", \"check\": {\"op\": \">\", \"value\": 0}}")
        XCTAssertThrowsError(try verdicts(text)) { error in
            guard case let HarnessError.invalidSpec(_, path, _, found, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "claims[0].where")
            XCTAssertEqual(found, "no matching rows")
        }
    }
}
