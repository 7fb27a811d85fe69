import Foundation
import XCTest
@testable import Harness

/// Each limit of `InputLimits` gives an error naming the file and key path
/// (or line), quickly.
final class InputLimitTests: XCTestCase {
    private func decode(_ text: String) throws -> Spec {
        try Spec.decode(text: text, file: "experiments/toy-paper/multiples.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
    }

    private func replacing(_ a: String, _ b: String) -> String {
        XCTAssertTrue(toySpec.contains(a))
        return toySpec.replacingOccurrences(of: a, with: b)
    }

    private func assertMalformed(_ text: String, _ mentions: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try decode(text), file: file, line: line) { e in
            guard case let HarnessError.malformedJSON(_, _, _, message) = e else { return XCTFail("\(e)", file: file, line: line) }
            XCTAssertTrue(message.contains(mentions), message, file: file, line: line)
        }
    }

    func testNumbersLongerThanAnySpecNeedsAreRejected() throws {
        let digits = String(repeating: "7", count: 300_000)
        let start = Date()
        assertSpecError(try decode(replacing("\"a\": \"3/4\"", "\"a\": \"\(digits.prefix(19_000))/3\"")), "parameters.a", "at most 100 characters")
        assertSpecError(try decode(replacing("\"a\": \"3/4\"", "\"a\": \(digits)")), "parameters.a", "at most 100 characters")
        assertSpecError(try decode(replacing("\"a\": \"3/4\"", "\"a\": 1e99999")), "parameters.a", "exponent of at most 400")
        assertSpecError(try decode(replacing("\"n\": 4", "\"n\": \"1e500\"")), "parameters.n", "exponent of at most 400")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "the limits must apply before any quadratic parsing")
        // 1e-300 is a legitimate double.
        XCTAssertNoThrow(try decode(replacing("\"abs\": 1e-12", "\"abs\": 1e-300")))
    }

    func testLongStringsKeysArraysAndDocumentsAreRejected() {
        assertMalformed(replacing("\"Multiples of a\"", "\"" + String(repeating: "x", count: 20_001) + "\""), "a string longer than 20000 bytes")
        assertMalformed(replacing("\"title\"", "\"" + String(repeating: "k", count: 101) + "\""), "a key longer than 100 bytes")
        assertMalformed(replacing("\"n\": 4", "\"n\": [" + Array(repeating: "1", count: 10_001).joined(separator: ",") + "]"), "more than 10000 elements")
        assertMalformed(toySpec + String(repeating: " ", count: 1 << 20), "larger than 1048576 bytes")
    }

    func testSweepsAreLimitedInRows() {
        let big = replacing("\"parameters\": {\"a\": \"3/4\", \"n\": 4}",
                            "\"sweep\": {\"a\": {\"linear\": {\"from\": 0, \"to\": 1, \"count\": 200}}, \"n\": {\"linear\": {\"from\": 1, \"to\": 200, \"count\": 200}}}, \"parameters\": {}")
        assertSpecError(try decode(big), "sweep", "at most 20000 rows")
    }

    func testLongNamesGetNoSuggestionAndAreFast() {
        let name = String(repeating: "q", count: 300_000)
        let start = Date()
        assertMalformed(replacing("\"solver\": \"toy.multiples\"", "\"solver\": \"\(name)\""), "a string longer than 20000 bytes")
        XCTAssertNil(nearest(String(repeating: "q", count: 65), among: ["toy.multiples"]))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testGoldensAreLimitedInSizeAndCellLength() {
        let longCell = "k,value\n1," + String(repeating: "9", count: 20_001) + "\n"
        XCTAssertThrowsError(try GoldenTable(file: "g.csv", text: longCell)) { e in
            XCTAssertEqual(e as? HarnessError, .invalidGolden(file: "g.csv", line: 2, message: "field 2 is longer than 20000 characters"))
        }
        XCTAssertThrowsError(try GoldenTable(file: "g.csv", text: "k\n" + String(repeating: "1\n", count: 8 << 20 + 1)))
    }

    func testMessagesAbridgeLongQuotedInput() {
        let e = HarnessError.invalidSpec(file: "f.json", keyPath: "parameters.x", expected: "a law", found: String(repeating: "(", count: 5000), suggestion: nil)
        XCTAssertLessThan(e.description.count, 400)
        XCTAssertTrue(e.description.hasSuffix("… (5000 characters)"), e.description)
        XCTAssertEqual(abridged("short"), "short")
    }

    func testListParametersAreLimitedInLength() {
        let many = "[" + Array(repeating: "0.001", count: 1_001).joined(separator: ",") + "]"
        assertSpecError(try decode(replacing("\"n\": 4", "\"n\": 4, \"weights\": \(many)")), "parameters.weights", "at most 1000 elements")
    }
}
