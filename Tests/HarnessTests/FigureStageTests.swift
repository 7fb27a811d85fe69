import XCTest
@testable import Harness
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

/// The figure stage: a spec's `figure` section drawn from its own table.
final class FigureStageTests: XCTestCase {
    private func project(figure: String) throws -> Scratch {
        let s = try Scratch()
        let spec = toySpec.replacingOccurrences(of: "\"tolerances\":", with: "\"figure\": \(figure),\n  \"tolerances\":")
        try s.write("experiments/toy-paper/multiples.json", spec)
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        return s
    }

    func testFigureIsWrittenParsesAndIsEmbedded() throws {
        let s = try project(figure: #"{"kind": "scatter", "x": "k", "y": ["value", "root"], "title": "Multiples & roots", "caption": "k·a and √(k·a)", "referenceLines": [{"axis": "x", "value": 2.5, "label": "k = 5/2"}]}"#)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let svg = try XCTUnwrap(s.read("results/toy-paper/multiples.svg"))
        // Well-formed XML with one scatter marker per row and column (4 rows × 2 columns), text escaped.
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = CircleCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(counter.points, 8)
        XCTAssertTrue(svg.contains("Multiples &amp; roots"))
        // Both reports embed it; a second run gives identical bytes.
        XCTAssertTrue(try XCTUnwrap(s.read("results/REPORT.md")).contains("![Multiples & roots](toy-paper/multiples.svg)"))
        XCTAssertTrue(try XCTUnwrap(s.read("results/toy-paper/README.md")).contains("![Multiples & roots](multiples.svg)"))
        _ = try s.run([])
        XCTAssertEqual(s.read("results/toy-paper/multiples.svg"), svg)
    }

    func testUndrawableFigureIsASpecErrorAndWritesNothing() throws {
        // x is a text column.
        let s = try project(figure: #"{"kind": "line", "x": "label", "y": ["value"], "title": "T"}"#)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("multiples.json: figure.x: expected a numeric column to plot"), err)
        XCTAssertFalse(s.exists("results/toy-paper/multiples.csv"))
        XCTAssertFalse(s.exists("results/REPORT.md"))
    }

    func testLogAxisOverNonPositiveDataNamesTheFigure() throws {
        let s = try project(figure: #"{"kind": "line", "x": "k", "y": ["value"], "yScale": "log", "xScale": "log", "title": "T", "referenceLines": [{"axis": "x", "value": 0, "label": "zero"}]}"#)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("multiples.json: figure: expected a figure the data can draw"), err)
        XCTAssertFalse(s.exists("results/toy-paper/multiples.svg"))
    }
}

/// Counts the scatter markers (`circle` elements of class "point").
private final class CircleCounter: NSObject, XMLParserDelegate {
    var points = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == "circle", attributes["class"]?.split(separator: " ").contains("point") == true { points += 1 }
    }
}
