import XCTest
@testable import Harness
import Numerics

/// The reports' ordering and number display: paper positions from the
/// `artifact` text and the `order` key, long rationals with a decimal beside
/// them, "1 row", and an index that stays small.
final class ReportTests: XCTestCase {
    func position(_ artifact: String) -> PaperPosition { PaperPosition.derive(from: artifact) }

    func testPositionsDerivedFromArtifactNames() {
        // Section and item: "Example 5.3" is item 3 of Section 5; roman sections and lettered sub-sections.
        XCTAssertEqual(position("Example 5.3"), PaperPosition(part: .main, section: [5], item: [3], kind: 0))
        XCTAssertEqual(position("Section III.B, Example 3"), PaperPosition(part: .main, section: [3, 2], item: [3], kind: 0))
        XCTAssertEqual(position("Example 3 (Section III.B): the best information"), PaperPosition(part: .main, section: [3, 2], item: [3], kind: 0))
        XCTAssertEqual(position("Section 3.2, Theorem 3.8"), PaperPosition(part: .main, section: [3, 2], item: [8], kind: 4))
        XCTAssertEqual(position("Theorem 4.1 (proof) on the Section 1 example"), PaperPosition(part: .main, section: [4], item: [1], kind: 4))
        XCTAssertEqual(position("Section IV (Finding 1 beyond uniform F)"), PaperPosition(part: .main, section: [4], item: [1], kind: 9))
        // Appendix: lettered (A.3.3 = 1.3.3), bare, or implied by the item's number.
        XCTAssertEqual(position("Appendix A.4, Figure 6 (c)"), PaperPosition(part: .appendix, section: [1, 4], item: [6, 3], kind: 1))
        XCTAssertEqual(position("Appendix, Case 1"), PaperPosition(part: .appendix, section: [], item: [1], kind: 10))
        XCTAssertEqual(position("Lemma A.2"), PaperPosition(part: .appendix, section: [1], item: [2], kind: 6))
        XCTAssertEqual(position("Theorem 1 (proof, Appendix A1)"), PaperPosition(part: .appendix, section: [1, 1], item: [1], kind: 4))
        // A footnote goes to the section named with it, else after the main text.
        XCTAssertEqual(position("Section 5, footnote 25"), PaperPosition(part: .main, section: [5], item: [25], kind: 11))
        XCTAssertEqual(position("Footnote 12, Appendix A.4"), PaperPosition(part: .appendix, section: [1, 4], item: [12], kind: 11))
        XCTAssertEqual(position("Footnote 2"), PaperPosition(part: .unplaced, item: [2], kind: 11))
        XCTAssertEqual(position("Table 1"), PaperPosition(part: .unplaced, item: [1], kind: 2))
        XCTAssertEqual(position("Remark 1B").item, [1, 2])
        XCTAssertEqual(position("Introduction, the monopoly benchmark").part, .front)
        XCTAssertEqual(position("something else"), PaperPosition(part: .unknown))
        // Paper order: introduction, sections (a section before its sub-sections), unplaced, appendix.
        let names = ["Appendix, Case 2", "Footnote 2", "Section 3.1.1", "Example 5.1", "Appendix A.3.3, footnote 32", "Section 3, selection rule",
                     "Introduction and Example 3", "Figure 4 (b), Section 4.2", "Figure 4 (a), Section 4.2", "Sections 4.1.1–4.1.3", "Appendix, Case 1"]
        let sorted = names.sorted { position($0) < position($1) }
        XCTAssertEqual(sorted, ["Introduction and Example 3", "Section 3, selection rule", "Section 3.1.1", "Sections 4.1.1–4.1.3",
                                "Figure 4 (a), Section 4.2", "Figure 4 (b), Section 4.2", "Example 5.1", "Footnote 2",
                                "Appendix, Case 1", "Appendix, Case 2", "Appendix A.3.3, footnote 32"])
    }

    func testOrderKeyPlacesAnArtifactAndRejectsWhatNamesNoSection() throws {
        func decode(_ order: String) throws -> Spec {
            let text = toySpec.replacingOccurrences(of: "\"artifact\": \"Table 9\",", with: "\"artifact\": \"Table 9\", \"order\": \(order),")
            return try Spec.decode(text: text, file: "x.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
        }
        // The section from "order", the item from "artifact".
        XCTAssertEqual(try decode("\"Section III.1\"").position, PaperPosition(part: .main, section: [3, 1], item: [9], kind: 2))
        XCTAssertEqual(try decode("4.2").position, PaperPosition(part: .main, section: [4, 2], item: [9], kind: 2))
        XCTAssertEqual(try decode("\"Appendix B, Example 2\"").position, PaperPosition(part: .appendix, section: [2], item: [2], kind: 0))
        let plain = try Spec.decode(text: toySpec, file: "x.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
        XCTAssertEqual(plain.position, PaperPosition(part: .unplaced, item: [9], kind: 2))
        assertSpecError(try decode("\"somewhere\""), "order", "names its section")
        assertSpecError(try decode("\"Table 3\""), "order", "names its section")
        assertSpecError(try decode("true"), "order", "names its section")
        assertSpecError(try decode("-1"), "order", "names its section")
    }

    func testEveryShippedSpecIsPlacedInItsPaper() throws {
        // Every spec under experiments/ names a section (in "artifact" or "order"), so no artifact falls back to "after the main text".
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("experiments")
        let fm = FileManager.default
        var count = 0
        for paper in try fm.contentsOfDirectory(atPath: root.path).sorted() where !paper.hasPrefix(".") {
            for name in try fm.contentsOfDirectory(atPath: root.appendingPathComponent(paper).path).sorted() where name.hasSuffix(".json") {
                let text = try String(contentsOf: root.appendingPathComponent(paper).appendingPathComponent(name), encoding: .utf8)
                guard case let .object(members) = try parseJSON(text).value,
                      case let .string(artifact)? = members.first(where: { $0.key == "artifact" })?.value.value else { return XCTFail(name) }
                var p = PaperPosition.derive(from: artifact)
                if let node = members.first(where: { $0.key == "order" })?.value, case let .string(order) = node.value {
                    p = try XCTUnwrap(PaperPosition.explicit(order, artifact: artifact), name)
                }
                XCTAssertTrue(p.part == .front || p.part == .main || p.part == .appendix, "\(paper)/\(name): \(artifact) → \(p)")
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 100)
    }

    func testLongRationalsGetADecimal() {
        // 10 significant digits, exact rounding of the rational.
        XCTAssertEqual(significantDecimal(Rational(1, 3), digits: 10), "0.3333333333")
        XCTAssertEqual(significantDecimal(Rational(2, 3), digits: 10), "0.6666666667")
        XCTAssertEqual(significantDecimal(Rational(-1000, 7), digits: 10), "-142.8571429")
        XCTAssertEqual(significantDecimal(Rational(1, 1000), digits: 10), "0.001000000000")
        XCTAssertEqual(significantDecimal(Rational(999_999_999_999, 1_000_000_000_000), digits: 10), "1.000000000")
        XCTAssertEqual(significantDecimal(Rational(0), digits: 10), "0")
        // Short rationals stay exact; long ones are cut with the decimal beside them (the CSV keeps the exact value).
        XCTAssertEqual(readableRational(Rational(3, 4)), "3/4")
        let long = Rational(BigInt(10).power(20) + 1, BigInt(3) * BigInt(10).power(20))
        XCTAssertEqual(readableRational(long), "100000…/300000… ≈ 0.3333333333")
        XCTAssertEqual(readableRational(-long), "-100000…/300000… ≈ -0.3333333333")
        XCTAssertEqual(readable("100000000000000000001/300000000000000000000"), "100000…/300000… ≈ 0.3333333333")
        XCTAssertEqual(readable("holds in all 3 rows"), "holds in all 3 rows")
    }

    func testRowCountsAreSingularForOne() {
        XCTAssertEqual(rowCount(1), "1 row")
        XCTAssertEqual(rowCount(0), "0 rows")
        XCTAssertEqual(rowCount(12), "12 rows")
        XCTAssertEqual(plural(1, "artifact"), "1 artifact")
    }

    func testIndexStaysSmallAndPagesCarryTheDetail() throws {
        // 40 artifacts, each with 30 rows and a claim failing (explained) in rows beyond the first 12: the index
        // lists them in paper order without tables; the paper's page shows the failing rows.
        let s = try Scratch()
        let sections = ["Appendix, Case 2", "Section 3.2, Example 3.4", "Example 2.1", "Introduction", "Footnote 7"]
        for k in 0..<40 {
            let artifact = sections[k % sections.count]
            let spec = toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"m\(k)\"")
                .replacingOccurrences(of: "\"artifact\": \"Table 9\"", with: "\"artifact\": \"\(artifact)\"")
                .replacingOccurrences(of: "\"title\": \"Multiples of a\"", with: "\"title\": \"\(artifact): multiples number \(k)\"")
                .replacingOccurrences(of: "\"n\": 4", with: "\"n\": 30")
                .replacingOccurrences(of: "{\"id\": \"positive\", \"quote\": \"all positive\"", with: """
                    {"id": "small", "quote": "all below 15", "location": "Sec 2", "rows": "all", "column": "value", "check": {"op": "<", "value": 15}, "discrepancy": "the paper looks at k < 20 only"},
                    {"id": "positive", "quote": "all below 15"
                    """)
            try s.write("experiments/toy-paper/m\(k).json", spec)
        }
        XCTAssertEqual(try s.run(["--bless"]).0, 0)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let report = try XCTUnwrap(s.read("results/REPORT.md")), page = try XCTUnwrap(s.read("results/toy-paper/README.md"))
        XCTAssertLessThan(report.utf8.count, 20_000)
        XCTAssertFalse(report.contains("| k |"))
        // Paper order: the introduction's artifacts first, the appendix's last; the heading drops the repeated prefix.
        let first = try XCTUnwrap(report.range(of: "- [Introduction: multiples number 3](toy-paper/README.md#m3)"))
        let appendix = try XCTUnwrap(report.range(of: "- [Appendix, Case 2: multiples number 0](toy-paper/README.md#m0)"))
        let example = try XCTUnwrap(report.range(of: "- [Example 2.1: multiples number 2](toy-paper/README.md#m2)"))
        XCTAssertTrue(first.lowerBound < example.lowerBound && example.lowerBound < appendix.lowerBound)
        XCTAssertTrue(page.contains("### Example 2.1: multiples number 2\n"), page)
        // The rows behind the known discrepancy (k = 20 … 30, a = 3/4) are shown although the table stops at 12.
        XCTAssertTrue(page.contains("Rows where `small` fails (11 of 30 rows):"), page)
        XCTAssertTrue(page.contains("| 30 | 45/2 |"), page)
        // A quote repeated by a second claim is printed once.
        XCTAssertTrue(page.contains("| positive: (quoted at `small`) |"), page)
        XCTAssertTrue(page.contains("30 rows; golden: match"), page)
    }
}
