import XCTest
@testable import Harness
import Numerics

final class RunnerTests: XCTestCase {
    func project(golden: String? = toyGolden) throws -> Scratch {
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", toySpec)
        if let golden { try s.write("experiments/toy-paper/golden/multiples.csv", golden) }
        return s
    }

    func testPassingRunWritesResultsAndReport() throws {
        let s = try project()
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        XCTAssertEqual(s.read("results/toy-paper/multiples.csv"), toyGolden.trimmingCharacters(in: .newlines) + "\n")
        let report = try XCTUnwrap(s.read("results/REPORT.md"))
        // The index links every spec that ran (its artifact and title) to the paper's page, which lists
        // every claim of it (id and quote, read from the spec).
        XCTAssertTrue(report.contains("- [Table 9: Multiples of a](toy-paper/README.md#multiples) — 3 claims reproduced\n"), report)
        let page = try XCTUnwrap(s.read("results/toy-paper/README.md"))
        let spec = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(toySpec.utf8)) as? [String: Any])
        let claims = try XCTUnwrap(spec["claims"] as? [[String: Any]])
        XCTAssertEqual(claims.count, 3)
        for text in [page] {
            XCTAssertTrue(text.contains(": \(try XCTUnwrap(spec["title"] as? String))\n"), text)
            for claim in claims {
                let id = try XCTUnwrap(claim["id"] as? String), quote = try XCTUnwrap(claim["quote"] as? String)
                XCTAssertTrue(text.contains("| \(id): “\(quote)”"), id)
            }
        }
        XCTAssertTrue(report.contains("reproduced"))
        XCTAssertFalse(report.contains(" s\n"))   // no timings in the report
        // Deterministic: a second run produces identical bytes.
        let first = s.read("results/REPORT.md")
        _ = try s.run([])
        XCTAssertEqual(s.read("results/REPORT.md"), first)
        // No temporary files are left behind by the atomic writes.
        let files = try FileManager.default.contentsOfDirectory(atPath: s.results + "/toy-paper").sorted()
        XCTAssertEqual(files, ["README.md", "multiples.csv"])
        // The summary row counts the paper's artifacts and claims; the paper's own page repeats its artifact and claims.
        XCTAssertTrue(report.contains("| [`toy-paper`](toy-paper/README.md) | 1 | 0 |"), report)
        XCTAssertTrue(page.contains("<a id=\"multiples\"></a>"), page)
        XCTAssertFalse(report.contains("| third:"), report)
        XCTAssertTrue(page.contains("[`multiples.csv`](multiples.csv)"), page)
        XCTAssertTrue(page.contains("No claim differs from the paper."), page)
    }

    func testCorruptedGoldenFailsNamingRowAndColumn() throws {
        let s = try project(golden: toyGolden.replacingOccurrences(of: "3,9/4,1.5", with: "3,9/4,1.5000001"))
        let (status, out, _) = try s.run([])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.contains("row [k=3], column root: golden 1.5000001, computed 1.5"), out)
        XCTAssertTrue(out.contains("abs error"), out)
        let s2 = try project(golden: toyGolden.replacingOccurrences(of: "4,3,1.7320508075688772,true,plain\n", with: ""))
        let (status2, out2, _) = try s2.run([])
        XCTAssertEqual(status2, 1)
        XCTAssertTrue(out2.contains("row [k=4] is missing from the golden file"), out2)
        let s3 = try project(golden: toyGolden.replacingOccurrences(of: ",label\n", with: ",label,extra\n").replacingOccurrences(of: "plain\n", with: "plain,0\n"))
        let (status3, out3, _) = try s3.run([])
        XCTAssertEqual(status3, 1)
        XCTAssertTrue(out3.contains("golden column extra is not in the output"), out3)
    }

    func testInvalidInputExitsTwoAndWritesNothing() throws {
        // A malformed golden value.
        let s = try project(golden: toyGolden.replacingOccurrences(of: "3,9/4,1.5", with: "3,9/4,nan"))
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("golden/multiples.csv:4: malformed golden CSV: column root"), err)
        XCTAssertFalse(s.exists("results/toy-paper/multiples.csv"))
        XCTAssertFalse(s.exists("results/REPORT.md"))
        // A missing golden.
        let m = try project(golden: nil)
        let (status2, _, err2) = try m.run([])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("is missing"), err2)
        // An invalid spec next to a valid one: nothing at all is written.
        let v = try project()
        try v.write("experiments/toy-paper/broken.json", toySpec.replacingOccurrences(of: "\"multiples\"", with: "\"broken\"").replacingOccurrences(of: "\"n\": 4", with: "\"n\": -4"))
        let (status3, _, err3) = try v.run([])
        XCTAssertEqual(status3, 2)
        XCTAssertTrue(err3.contains("broken.json: parameters.n: expected an integer ≥ 1 and ≤ 1000, found -4"), err3)
        XCTAssertFalse(v.exists("results/toy-paper/multiples.csv"))
        // Bad arguments.
        XCTAssertThrowsError(try RunOptions.parse(["--jbos", "2"]))
        XCTAssertThrowsError(try RunOptions.parse(["--bless", "--check"]))
    }

    func testBlessWritesOnlySelectedGoldens() throws {
        let s = try project(golden: nil)
        try s.write("experiments/toy-paper/other.json", toySpec.replacingOccurrences(of: "\"multiples\"", with: "\"other\""))
        let (status, out, err) = try s.run(["--only", "multiples", "--bless"])
        XCTAssertEqual(status, 0, out + err)
        XCTAssertEqual(s.read("experiments/toy-paper/golden/multiples.csv"), s.read("results/toy-paper/multiples.csv"))
        XCTAssertFalse(s.exists("experiments/toy-paper/golden/other.csv"))
        XCTAssertFalse(s.exists("results/REPORT.md"))   // filtered runs leave the report alone
        // After blessing, a normal run of that spec passes.
        let (status2, _, _) = try s.run(["--only", "toy-paper/mult*"])
        XCTAssertEqual(status2, 0)
    }

    func testCheckWritesNothing() throws {
        let s = try project()
        let (status, out, _) = try s.run(["--check"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("check only"))
        XCTAssertFalse(s.exists("results/toy-paper/multiples.csv"))
    }

    func testClaimVerdicts() throws {
        // A wrong printed value is an unexplained discrepancy: the run fails.
        let wrong = toySpec.replacingOccurrences(of: "{\"printed\": \"1.732\", \"rounding\": \"nearest\"}", with: "{\"printed\": \"1.733\", \"rounding\": \"nearest\"}")
        let s = try project()
        try s.write("experiments/toy-paper/multiples.json", wrong)
        let (status, out, _) = try s.run([])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.contains("claim root: DISCREPANCY: paper says 1.733 (3 decimals, rounded), solver computes 1.732"), out)
        // Explained, it is a known discrepancy and the run passes.
        let explained = wrong.replacingOccurrences(of: "\"check\": {\"printed\": \"1.733\", \"rounding\": \"nearest\"}", with: "\"check\": {\"printed\": \"1.733\", \"rounding\": \"nearest\"}, \"discrepancy\": \"the paper rounds up\"")
        try s.write("experiments/toy-paper/multiples.json", explained)
        let (status2, out2, _) = try s.run([])
        XCTAssertEqual(status2, 0, out2)
        XCTAssertTrue(s.read("results/REPORT.md")!.contains("`root`: the paper rounds up"))
        // An explanation for a claim that is in fact reproduced is stale: the run fails.
        let stale = toySpec.replacingOccurrences(of: "\"check\": {\"printed\": \"1.732\", \"rounding\": \"nearest\"}", with: "\"check\": {\"printed\": \"1.732\", \"rounding\": \"nearest\"}, \"discrepancy\": \"obsolete\"")
        try s.write("experiments/toy-paper/multiples.json", stale)
        let (status3, out3, _) = try s.run([])
        XCTAssertEqual(status3, 1)
        XCTAssertTrue(out3.contains("remove its \"discrepancy\" note"), out3)
        // Truncation: 1.7320508 truncated to 2 decimals is 1.73, rounded 1.73; to 1 decimal truncated 1.7 (rounded 1.7).
        XCTAssertEqual(truncated(Rational(17320508, 10_000_000), places: 2), "1.73")
        XCTAssertEqual(truncated(Rational(-2999, 1000), places: 2), "-2.99")
        XCTAssertEqual(Rational(2999, 1000).decimalString(places: 2), "3.00")
    }

    func testRowSelectorOnARealColumnMatchesTheNearestDouble() throws {
        let s = try project()
        let spec = toySpec.replacingOccurrences(of: "\"claims\": [", with: """
        "claims": [
            {"id": "by-root", "quote": "the row whose root is 1.7320508075688772 has k = 4", "location": "Sec 3", "row": {"root": 1.7320508075688772}, "column": "k", "check": {"equals": 4}},
        """)
        try s.write("experiments/toy-paper/multiples.json", spec)
        let (status, out, err) = try s.run(["--check"])
        XCTAssertEqual(status, 0, out + err)
    }

    func testNotReproducibleClaims() throws {
        let s = try project()
        let spec = toySpec.replacingOccurrences(of: "\"claims\": [", with: """
        "claims": [
            {"id": "az", "quote": "both producers price at about 0.05", "location": "Sec IV", "not_reproducible": "the paper does not state the prior", "paper_says": "p ≈ 0.05"},
        """)
        try s.write("experiments/toy-paper/multiples.json", spec)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let report = try XCTUnwrap(s.read("results/toy-paper/README.md"))
        XCTAssertTrue(report.contains("| p ≈ 0.05 | not reproducible: the paper does not state the prior | not-reproducible |"), report)
        // "paper_says" alone, or a check next to not_reproducible, is a spec error.
        try s.write("experiments/toy-paper/multiples.json", spec.replacingOccurrences(of: "\"not_reproducible\": \"the paper does not state the prior\", ", with: ""))
        let (status2, _, err2) = try s.run([])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("claims[0].paper_says"), err2)
    }

    /// A finding a spec records without a claim is listed with the differences
    /// (linked to its artifact) and in the artifact's section; ids are unique.
    func testFindingsAppearInTheDifferencesList() throws {
        let s = try project()
        let spec = toySpec.replacingOccurrences(of: "\"claims\": [", with: """
        "findings": [{"id": "horizon-off-by-one", "location": "Sec 3", "finding": "the text's horizon exceeds the formula's by one period"}],
          "claims": [
        """)
        try s.write("experiments/toy-paper/multiples.json", spec)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let report = try XCTUnwrap(s.read("results/REPORT.md"))
        let differences = try XCTUnwrap(report.components(separatedBy: "Where the solver and the paper differ").dropFirst().first)
        XCTAssertTrue(differences.contains("- **finding** [multiples](toy-paper/README.md#multiples) `horizon-off-by-one` (Sec 3): the text's horizon exceeds the formula's by one period"), report)
        let paperPage = try XCTUnwrap(s.read("results/toy-paper/README.md"))
        XCTAssertTrue(paperPage.contains("- **finding** [toy-paper/multiples](#multiples) `horizon-off-by-one` (Sec 3): the text's horizon"), paperPage)
        XCTAssertTrue(paperPage.contains("- Finding `horizon-off-by-one` (Sec 3): the text's horizon"), paperPage)
        // A repeated id (here a claim's) and an unknown key are spec errors naming the key path.
        try s.write("experiments/toy-paper/multiples.json", spec.replacingOccurrences(of: "\"id\": \"horizon-off-by-one\"", with: "\"id\": \"third\""))
        let (status2, _, err2) = try s.run([])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("findings[0]"), err2)
        try s.write("experiments/toy-paper/multiples.json", spec.replacingOccurrences(of: "\"finding\": ", with: "\"text\": "))
        let (status3, _, err3) = try s.run([])
        XCTAssertEqual(status3, 2)
        XCTAssertTrue(err3.contains("findings[0]"), err3)
    }

    func testJSONSummaryAndListing() throws {
        let s = try project()
        let (status, out, _) = try s.run(["--json", "--check"])
        XCTAssertEqual(status, 0)
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        XCTAssertEqual(json?["exitStatus"] as? Int, 0)
        let artifacts = json?["artifacts"] as? [[String: Any]]
        XCTAssertEqual(artifacts?.first?["rows"] as? Int, 4)
        XCTAssertEqual((artifacts?.first?["claims"] as? [[String: Any]])?.count, 3)
        let (_, list, _) = try s.run(["--list"])
        XCTAssertEqual(list, "toy-paper/multiples  [Table 9]  toy.multiples  Multiples of a")
        XCTAssertTrue(globMatch("table-*", "table-1"))
        XCTAssertFalse(globMatch("table-?", "table-10"))
    }
}
