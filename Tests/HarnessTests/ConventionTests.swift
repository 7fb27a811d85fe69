import XCTest
@testable import Harness
import Numerics

/// Claims checked across conventions (`across`, `"rounding": "unstated"`),
/// `depends_on_convention`, and cross-artifact references. The toy kind's
/// rows are value = a·k, root = √(a·k) for k = 1..n.
final class ConventionTests: XCTestCase {
    func decode(_ text: String, stem: String = "multiples") throws -> Spec {
        try Spec.decode(text: text, file: "experiments/toy-paper/\(stem).json", paperFolder: "toy-paper", fileStem: stem, registry: toyRegistry)
    }

    func spec(claims: String) -> String {
        toySpec.components(separatedBy: "\"claims\": [")[0] + "\"claims\": [\(claims)]\n}"
    }

    /// Evaluates the claims the way the runner does: the artifact recomputed under each convention.
    func results(_ text: String) throws -> [ClaimResult] {
        let s = try decode(text)
        let runner = Runner(registry: toyRegistry, out: { _ in }, err: { _ in }, showProgress: false)
        var tables: [ConventionValue: Table] = [:]
        for c in s.conventions { tables[c] = try runner.compute(s, overriding: c) }
        return try evaluateClaims(of: s, on: try runner.compute(s), conventionTables: tables)
    }

    let head = "\"quote\": \"q\", \"location\": \"Sec 1\""

    func testAcrossVerdictsByHand() throws {
        // a = 3/4: third value 9/4; a = 1/2: 3/2; a = 1: 3. Every value is positive.
        let r = try results(spec(claims: """
            {"id": "all", \(head), "rows": "all", "column": "value", "check": {"op": ">", "value": 0}, "across": {"a": ["3/4", "1/2", 1]}},
            {"id": "some", \(head), "row": {"k": 3}, "column": "value", "check": {"op": "<", "value": "5/2"}, "across": {"a": ["3/4", "1/2", 1]}},
            {"id": "none", \(head), "row": {"k": 3}, "column": "value", "check": {"equals": "7"}, "across": {"a": ["3/4", "1/2"]}},
            {"id": "explained", \(head), "row": {"k": 3}, "column": "value", "check": {"op": "<", "value": "5/2"}, "across": {"a": ["3/4", 1]},
             "depends_on_convention": "the step matters"},
            {"id": "stale", \(head), "row": {"k": 3}, "column": "value", "check": {"op": ">", "value": 0}, "across": {"a": ["3/4", 1]},
             "depends_on_convention": "no longer true"},
            {"id": "two-axes", \(head), "rows": "all", "column": "value", "check": {"op": "<=", "value": 2}, "across": {"a": ["1/2", 1], "n": [3, 4]}}
            """))
        XCTAssertEqual(r.map(\.verdict), [.reproduced, .dependsOnConvention, .discrepancy, .dependsOnConvention, .staleExplanation, .dependsOnConvention])
        XCTAssertEqual(r[0].conventions.map(\.label), ["a=3/4", "a=1/2", "a=1"])
        XCTAssertEqual(r[1].reproducedUnder, ["a=3/4", "a=1/2"])
        XCTAssertEqual(r[1].conventions.map(\.holds), [true, true, false])
        XCTAssertTrue(r[1].computed.contains("a=1: 3"), r[1].computed)
        // Unexplained dependence fails; the explained one does not; stale explanations fail.
        XCTAssertEqual(r.map(\.fails), [false, true, true, false, true, true])
        XCTAssertEqual(r[3].explanation, "the step matters")
        // Two axes: the cartesian product, first axis outermost. a·k ≤ 2 on k ≤ n only for a = 1/2, n ≤ 4 (2 at k = 4).
        XCTAssertEqual(r[5].conventions.map(\.label), ["a=1/2, n=3", "a=1/2, n=4", "a=1, n=3", "a=1, n=4"])
        XCTAssertEqual(r[5].conventions.map(\.holds), [true, true, false, false])
    }

    func testASelectorThatFitsNoRowUnderAConventionMeansTheClaimFails() throws {
        // n = 4 has a row k = 4; n = 3 does not: the claim fails there (not an input error).
        let r = try results(spec(claims: """
            {"id": "row-4", \(head), "row": {"k": 4}, "column": "value", "check": {"equals": 3}, "across": {"n": [4, 3]}},
            {"id": "where-4", \(head), "where": {"k": {">=": 4}}, "column": "value", "check": {"op": ">", "value": 0}, "across": {"n": [4, 3]}}
            """))
        XCTAssertEqual(r.map(\.verdict), [.dependsOnConvention, .dependsOnConvention])
        XCTAssertEqual(r[0].conventions[1].computed, "0 matching rows (a selector matching exactly one row)")
        // On the spec's own table (n = 4 in toySpec) a selector that fits no row is still an input error.
        XCTAssertThrowsError(try results(spec(claims: """
            {"id": "row-9", \(head), "row": {"k": 9}, "column": "value", "check": {"equals": 3}, "across": {"n": [9, 10]}}
            """))) { error in
            guard case let HarnessError.invalidSpec(_, path, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "claims[0].row")
        }
    }

    func testUnstatedRoundingChecksBothRules() throws {
        // root at k = 1 is √(3/4) = 0.8660…: truncated 0.86, rounded 0.87; at k = 2, √(3/2) = 1.2247…: 1.22 either way.
        let r = try results(spec(claims: """
            {"id": "trunc-only", \(head), "row": {"k": 1}, "column": "root", "check": {"printed": "0.86", "rounding": "unstated"}},
            {"id": "round-only", \(head), "row": {"k": 1}, "column": "root", "check": {"printed": "0.87", "rounding": "unstated"},
             "depends_on_convention": "the paper rounds"},
            {"id": "both", \(head), "row": {"k": 2}, "column": "root", "check": {"printed": "1.22", "rounding": "unstated"}},
            {"id": "stated", \(head), "row": {"k": 1}, "column": "root", "check": {"printed": "0.87", "rounding": "nearest"}},
            {"id": "stated-truncate", \(head), "row": {"k": 1}, "column": "root", "check": {"printed": "0.87", "rounding": "truncate"}},
            {"id": "with-across", \(head), "row": {"k": 1}, "column": "root", "check": {"printed": "0.86", "rounding": "unstated"}, "across": {"a": ["3/4", "1/2"]}}
            """))
        XCTAssertEqual(r[0].verdict, .dependsOnConvention)
        XCTAssertEqual(r[0].reproducedUnder, ["truncated"])
        XCTAssertTrue(r[0].fails)
        XCTAssertEqual(r[1].reproducedUnder, ["rounded"])
        XCTAssertFalse(r[1].fails)
        XCTAssertEqual(r[2].verdict, .reproduced)
        XCTAssertEqual(r[2].conventions.count, 2)
        // A stated rule is one check; the computed text says what the other rule gives.
        XCTAssertEqual(r[3].verdict, .reproduced)
        XCTAssertTrue(r[3].computed.hasSuffix("; truncation gives 0.86"), r[3].computed)
        XCTAssertTrue(r[3].paperSays.contains("rounded"), r[3].paperSays)
        XCTAssertEqual(r[4].verdict, .discrepancy)
        XCTAssertTrue(r[4].computed.hasSuffix("; rounding gives 0.87"), r[4].computed)
        // Across a and the rounding rule: √(1/2) = 0.7071… gives 0.70/0.71, neither 0.86.
        XCTAssertEqual(r[5].conventions.map(\.label), ["a=3/4, rounded", "a=3/4, truncated", "a=1/2, rounded", "a=1/2, truncated"])
        XCTAssertEqual(r[5].conventions.map(\.holds), [false, true, false, false])
    }

    func testTruncatingARealCellAllowsForItsTolerance() throws {
        // √0.1225 = 0.35 exactly, √0.0049 = 0.07; as doubles they may sit an ulp below and would truncate to 0.34 / 0.06.
        // 0.35 ± 1e-12 (the spec's tolerance) truncates to 0.35; 0.3499 does not.
        for (a, printed, holds) in [("0.1225", "0.35", true), ("0.0049", "0.07", true), ("0.12243001", "0.35", false)] {
            let text = spec(claims: "{\"id\": \"t\", \(head), \"row\": {\"k\": 1}, \"column\": \"root\", \"check\": {\"printed\": \"\(printed)\", \"rounding\": \"truncate\"}}")
                .replacingOccurrences(of: "\"a\": \"3/4\"", with: "\"a\": \"\(a)\"")
            let r = try results(text)
            XCTAssertEqual(r[0].verdict == .reproduced, holds, "\(a): \(r[0].computed)")
        }
    }

    func testBadConventionsAreSpecErrors() {
        func expect(_ claims: String, _ keyPath: String, _ contains: String, line: UInt = #line) {
            assertSpecError(try decode(spec(claims: claims)), keyPath, contains, line: line)
        }
        let c = "\"id\": \"c\", \(head), \"rows\": \"all\", \"column\": \"value\", \"check\": {\"op\": \">\", \"value\": 0}"
        expect("{\(c), \"across\": {\"b\": [1, 2]}}", "claims[0].across.b", "unknown parameter")
        expect("{\(c), \"across\": {\"a\": [1]}}", "claims[0].across.a", "at least two values")
        expect("{\(c), \"across\": {\"a\": [1, 1]}}", "claims[0].across.a[1]", "each value once")
        expect("{\(c), \"across\": {\"a\": [1, -1]}}", "claims[0].across.a[1]", "≥ 0")
        expect("{\(c), \"across\": {\"n\": [3, 5000]}}", "claims[0].across.n[1]", "1000")
        expect("{\(c), \"across\": {\"label\": [\"plain\", \"odd\"]}}", "claims[0].across.label[1]", "fancy")
        expect("{\(c), \"across\": {\"a\": [1, 2], \"n\": [1, 2], \"label\": [\"plain\", \"fancy\"]}}", "claims[0].across", "one or two")
        // A cross-parameter violation under one convention: weights must sum to 1.
        expect("{\(c), \"across\": {\"weights\": [[1], [\"1/2\", \"1/4\"]]}}", "claims[0].across", "weights summing to 1")
        expect("{\(c), \"depends_on_convention\": \"why\"}", "claims[0].depends_on_convention", "only on a claim with")
        expect("{\(c), \"check\": {\"op\": \"<\", \"reference\": {\"artifact\": \"x\"}}}".replacingOccurrences(of: ", \"check\": {\"op\": \">\", \"value\": 0}", with: ""),
               "claims[0].check.reference.column", "numeric column")
        // A swept parameter cannot be a convention.
        let swept = spec(claims: "{\(c), \"across\": {\"a\": [1, 2]}}").replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}", with: "\"parameters\": {\"n\": 4}, \"sweep\": {\"a\": {\"values\": [1, 2]}}")
        XCTAssertThrowsError(try decode(swept)) { error in
            guard case let HarnessError.invalidSpec(_, path, expected, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "claims[0].across.a")
            XCTAssertTrue(expected.contains("not swept"), expected)
        }
    }

    func testReferencesToAnotherArtifact() throws {
        let s = try Scratch()
        // "other" (a = 1, n = 3): values 1, 2, 3. multiples (a = 3/4): 3/4, 3/2, 9/4, 3.
        let other = toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"other\"")
            .replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}", with: "\"parameters\": {\"a\": 1, \"n\": 3}")
            .components(separatedBy: ",\n  \"claims\": [")[0] + "\n}"
        try s.write("experiments/toy-paper/other.json", other)
        try s.write("experiments/toy-paper/golden/other.csv", "k,value,root,even,label\n1,1,1.0,false,plain\n2,2,1.4142135623730951,true,plain\n3,3,1.7320508075688772,false,plain\n")
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        func run(_ claim: String) throws -> (Int32, String, String) {
            try s.write("experiments/toy-paper/multiples.json", spec(claims: claim))
            return try s.run(["--only", "multiples", "--json"])
        }
        // 9/4 < other's value at k = 3 (3): holds; the referenced artifact is computed but not written.
        var (status, out, err) = try run("{\"id\": \"lower\", \(head), \"row\": {\"k\": 3}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"reference\": {\"artifact\": \"other\", \"row\": {\"k\": 3}, \"column\": \"value\"}}}")
        XCTAssertEqual(status, 0, out + err)
        XCTAssertTrue(out.contains("9/4 (2.25) vs other[k=3]: value = 3"), out)
        XCTAssertFalse(out.contains("\"id\":\"other\""), out)
        XCTAssertFalse(s.exists("results/toy-paper/other.csv"))
        // Equality with a real cell holds within the column's tolerance (abs 1e-12 in toySpec): √3 computed twice.
        (status, out, err) = try run("{\"id\": \"same-root\", \(head), \"row\": {\"k\": 4}, \"column\": \"root\", \"check\": {\"op\": \"==\", \"reference\": {\"artifact\": \"other\", \"row\": {\"k\": 3}, \"column\": \"root\"}}}")
        XCTAssertEqual(status, 0, out + err)
        (status, out, err) = try run("{\"id\": \"other-root\", \(head), \"row\": {\"k\": 3}, \"column\": \"root\", \"check\": {\"op\": \"==\", \"reference\": {\"artifact\": \"other\", \"row\": {\"k\": 3}, \"column\": \"root\"}}}")
        XCTAssertEqual(status, 1, out + err)
        // 9/4 < other's value at k = 2 (2) fails.
        (status, out, err) = try run("{\"id\": \"lower\", \(head), \"row\": {\"k\": 3}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"reference\": {\"artifact\": \"other\", \"row\": {\"k\": 2}, \"column\": \"value\"}}}")
        XCTAssertEqual(status, 1, out + err)
        // Input errors: unknown artifact, unknown column, a row selector that is not one row.
        for (ref, path, text) in [("{\"artifact\": \"othr\", \"column\": \"value\"}", "claims[0].check.reference.artifact", "did you mean \"other\""),
                                  ("{\"artifact\": \"other\", \"column\": \"label\"}", "claims[0].check.reference.column", "numeric output column"),
                                  ("{\"artifact\": \"other\", \"column\": \"value\"}", "claims[0].check.reference", "exactly one row")] {
            (status, out, err) = try run("{\"id\": \"lower\", \(head), \"row\": {\"k\": 3}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"reference\": \(ref)}}")
            XCTAssertEqual(status, 2, out + err)
            XCTAssertTrue(err.contains(path) && err.contains(text), err)
        }
    }

    func testReportNamesTheConventionsThatReproduce() throws {
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", spec(claims: """
            {"id": "some", \(head), "row": {"k": 3}, "column": "value", "check": {"op": "<", "value": "5/2"}, "across": {"a": ["3/4", 1]},
             "depends_on_convention": "the step matters"}
            """))
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let report = try XCTUnwrap(s.read("results/REPORT.md")), page = try XCTUnwrap(s.read("results/toy-paper/README.md"))
        XCTAssertTrue(report.contains("- **depends-on-convention** [multiples](toy-paper/README.md#multiples) `some`: the step matters\n"), report)
        XCTAssertTrue(page.contains("- **depends-on-convention** [toy-paper/multiples](#multiples) `some`: the step matters Reproduced under a=3/4 only."), page)
        XCTAssertTrue(page.contains("- `some`: reproduced under a=3/4; not under a=1"), page)
    }
}
