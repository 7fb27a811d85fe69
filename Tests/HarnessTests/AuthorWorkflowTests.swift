import Foundation
import XCTest
@testable import Harness
import Plot

/// The author's regression workflow: what moved when goldens differ, and the
/// run as JUnit XML for CI.
final class AuthorWorkflowTests: XCTestCase {
    private func scratchWithToy(golden: String = toyGolden) throws -> Scratch {
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", toySpec)
        try s.write("experiments/toy-paper/golden/multiples.csv", golden)
        return s
    }

    /// The toy golden with value 9/4 → 5/2 (k = 3), 3 → 4 (k = 4) and label plain → odd (k = 1).
    private let movedGolden = toyGolden.replacingOccurrences(of: "3,9/4,1.5", with: "3,5/2,1.5")
        .replacingOccurrences(of: "4,3,1.73", with: "4,4,1.73").replacingOccurrences(of: "1,3/4,0.8660254037844386,false,plain", with: "1,3/4,0.8660254037844386,false,odd")

    func testWhatMovedSummarisesEachColumnBeforeTheCells() throws {
        let s = try scratchWithToy(golden: movedGolden)
        let (status, out, _) = try s.run(["--check"])
        XCTAssertEqual(status, ExitStatus.failures)
        // value: |9/4 − 5/2| = 1/4 (rel 1/10), |3 − 4| = 1 (rel 1/4); label is text (no size of change).
        XCTAssertTrue(out.contains("what moved: 3 of 20 cells in 2 columns"), out)
        let lines = out.split(separator: "\n").map(String.init)
        let valueLine = try XCTUnwrap(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("value ") })
        XCTAssertEqual(valueLine.split(separator: " ").map(String.init), ["value", "2", "1.00e+00", "2.50e-01"])
        let labelLine = try XCTUnwrap(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("label ") })
        XCTAssertEqual(labelLine.split(separator: " ").map(String.init), ["label", "1", "-", "-"])
        // The summary comes before the cell list.
        let summaryAt = try XCTUnwrap(lines.firstIndex { $0.contains("what moved") })
        let cellAt = try XCTUnwrap(lines.firstIndex { $0.contains("column value: golden") })
        XCTAssertLessThan(summaryAt, cellAt)
        let (_, json, _) = try s.run(["--check", "--json"])
        XCTAssertTrue(json.contains(#""moved":[{"column":"label","changed":1,"largestAbsolute":null,"largestRelative":null},{"column":"value","changed":2,"largestAbsolute":1.0,"largestRelative":0.25}]"#), json)
    }

    func testJUnitHasACasePerArtifactAndClaimWithFailuresSpelledOut() throws {
        let s = try scratchWithToy(golden: movedGolden)
        let path = s.root.path + "/ci/junit.xml"
        try FileManager.default.createDirectory(atPath: s.root.path + "/ci", withIntermediateDirectories: true)
        let (status, out, _) = try s.run(["--check", "--junit-xml", path])
        XCTAssertEqual(status, ExitStatus.failures)
        XCTAssertTrue(out.contains("nothing written but \(path)"), out)
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(xml.components(separatedBy: "<testcase ").count - 1, 4)   // the artifact and its three claims
        XCTAssertTrue(xml.contains(#"<testsuites name="replicate" tests="4" failures="1" errors="0">"#), xml)
        XCTAssertTrue(xml.contains(#"<failure message="golden differs in 3 places" type="failure">what moved: 3 of 20 cells"#), xml)
        XCTAssertTrue(xml.contains("row [k=3], column value: golden 5/2, computed 9/4"), xml)
        XCTAssertTrue(xml.contains(#"name="claim third" file=""#), xml)
        // Deterministic: a second run writes the same bytes; --check wrote nothing else.
        _ = try s.run(["--check", "--junit-xml", path])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), xml)
        XCTAssertFalse(s.exists("results/toy-paper"))
    }

    func testJUnitIsNeverWrittenIntoExperimentsOrOnInvalidInput() throws {
        let s = try scratchWithToy()
        let (status, _, err) = try s.run(["--check", "--junit-xml", s.experiments + "/toy-paper/golden/multiples.csv"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("specs and goldens are never overwritten by a report"), err)
        XCTAssertEqual(s.read("experiments/toy-paper/golden/multiples.csv"), toyGolden)
        try s.write("experiments/toy-paper/multiples.json", toySpec.replacingOccurrences(of: "\"n\": 4", with: "\"n\": \"four\""))
        let path = s.root.path + "/junit.xml"
        XCTAssertEqual(try s.run(["--check", "--junit-xml", path]).0, ExitStatus.invalidInput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertThrowsError(try RunOptions.parse(["--list", "--junit-xml", "x.xml"]))
    }

    func testXMLEscaping() {
        XCTAssertEqual(escapeXML("a<b & \"c\" 'd'>\u{1}\n"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}&#10;")
    }
}
