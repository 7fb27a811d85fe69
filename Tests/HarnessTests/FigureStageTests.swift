import XCTest
@testable import Harness
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

/// A scratch project with the toy spec and golden, the spec carrying `figure`.
func figureProject(_ figure: String) throws -> Scratch {
    let s = try Scratch()
    let spec = toySpec.replacingOccurrences(of: "\"tolerances\":", with: "\"figure\": \(figure),\n  \"tolerances\":")
    try s.write("experiments/toy-paper/multiples.json", spec)
    try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
    return s
}

/// Runs the toy project with `figure`, expecting exit 2, an error naming `key` and nothing written.
func assertFigureSpecError(_ figure: String, key: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let s = try figureProject(figure)
    let (status, _, err) = try s.run([])
    XCTAssertEqual(status, 2, err, file: file, line: line)
    XCTAssertTrue(err.contains("multiples.json: \(key):"), err, file: file, line: line)
    XCTAssertTrue(err.contains(mentions), err, file: file, line: line)
    XCTAssertFalse(s.exists("results/toy-paper/multiples.svg"), file: file, line: line)
    XCTAssertFalse(s.exists("results/toy-paper/multiples.csv"), file: file, line: line)
}

/// The figure stage: a spec's `figure` section drawn from its own table.
final class FigureStageTests: XCTestCase {
    private func project(figure: String) throws -> Scratch { try figureProject(figure) }

    func testFigureIsWrittenParsesAndIsEmbedded() throws {
        let s = try project(figure: #"{"kind": "scatter", "x": "k", "y": ["value", "root"], "title": "Multiples & roots", "caption": "k·a and √(k·a)", "reference_lines": [{"axis": "x", "value": 2.5, "label": "k = 5/2"}]}"#)
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
        // The paper's page embeds it (the index links to the page); a second run gives identical bytes.
        XCTAssertFalse(try XCTUnwrap(s.read("results/REPORT.md")).contains("multiples.svg"))
        XCTAssertTrue(try XCTUnwrap(s.read("results/toy-paper/README.md")).contains("![Multiples & roots](multiples.svg)"))
        _ = try s.run([])
        XCTAssertEqual(s.read("results/toy-paper/multiples.svg"), svg)
    }

    func testAFigureDroppedFromTheSpecIsRemovedFromResults() throws {
        let s = try project(figure: #"{"x": "k", "y": ["value"], "title": "T"}"#)
        XCTAssertEqual(try s.run([]).0, 0)
        XCTAssertTrue(s.exists("results/toy-paper/multiples.svg"))
        try s.write("experiments/toy-paper/multiples.json", toySpec)
        XCTAssertEqual(try s.run([]).0, 0)
        XCTAssertFalse(s.exists("results/toy-paper/multiples.svg"))
        XCTAssertFalse(try XCTUnwrap(s.read("results/REPORT.md")).contains("multiples.svg"))
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
        let s = try project(figure: #"{"kind": "line", "x": "k", "y": ["value"], "y_scale": "log", "x_scale": "log", "title": "T", "reference_lines": [{"axis": "x", "value": 0, "label": "zero"}]}"#)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("multiples.json: figure: expected a figure the data can draw"), err)
        XCTAssertFalse(s.exists("results/toy-paper/multiples.svg"))
    }

    /// Runs the project with `figure` and returns the parsed SVG elements' classes.
    private func classes(_ figure: String) throws -> (svg: String, classes: [String]) {
        let s = try project(figure: figure)
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let svg = try XCTUnwrap(s.read("results/toy-paper/multiples.svg"))
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        let found = svg.components(separatedBy: "class=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        return (svg, found)
    }

    /// Runs the project with `figure`, expecting exit 2, an error naming `key` and nothing written.
    private func assertSpecError(_ figure: String, key: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertFigureSpecError(figure, key: key, mentions: mentions, file: file, line: line)
    }

    func testLayersFiltersDashesAndSharedColours() throws {
        // Two layers filtered to the even rows (k = 2, 4) and to k ≤ 3, one dashed;
        // the series column "label" has one value, so both curves share its colour.
        let (svg, found) = try classes(#"{"title": "T", "layers": [{"kind": "line", "x": "k", "y": ["value"], "series": "label", "where": {"even": true}, "name": "even"}, {"kind": "line", "x": "k", "y": ["root"], "series": "label", "where": {"k": {"<=": 3}, "root": [1.5, 0.8660254037844386]}, "name": "small", "dashed": true}]}"#)
        XCTAssertEqual(found.filter { $0 == "series line" }.count, 2)
        let polylines = svg.components(separatedBy: "\n").filter { $0.contains("<polyline") }
        XCTAssertEqual(polylines.count, 2)
        XCTAssertEqual(polylines.map { $0.split(separator: " ").filter { $0.hasPrefix("points=") || $0.contains(",") }.count }, [2, 2], "two rows pass each filter")
        XCTAssertFalse(polylines[0].contains("stroke-dasharray"))
        XCTAssertTrue(polylines[1].contains("stroke-dasharray"))
        let colours = polylines.map { $0.components(separatedBy: "stroke=\"")[1].prefix(7) }
        XCTAssertEqual(colours[0], colours[1])
        XCTAssertTrue(svg.contains("even, label = plain") && svg.contains("small, label = plain"))
    }

    func testPiecesPolygonBandAndSegments() throws {
        // Pieces (value, k) at height root: four open intervals, eight open ends.
        let pieces = try classes(#"{"kind": "pieces", "from": "value", "to": "k", "y": ["root"], "title": "T"}"#).classes
        XCTAssertEqual(pieces.filter { $0 == "piece-open" }.count, 8)
        XCTAssertEqual(pieces.filter { $0 == "piece" }.count, 4)
        // Degenerate pieces (k, k) are points.
        XCTAssertEqual(try classes(#"{"kind": "pieces", "from": "k", "to": "k", "y": ["value"], "title": "T"}"#).classes.filter { $0 == "piece-point" }.count, 4)
        // (k, √(3k/4)) is concave: its hull has all four points as vertices, labelled.
        let polygon = try classes(#"{"kind": "polygon", "x": "k", "y": ["root"], "labels": "label", "title": "T"}"#)
        XCTAssertEqual(polygon.classes.filter { $0 == "vertex" }.count, 4)
        XCTAssertEqual(polygon.classes.filter { $0 == "point-label" }.count, 4)
        // A band between value and root is one filled polygon with eight corners and no vertex markers.
        let band = try classes(#"{"kind": "band", "x": "k", "lower": "root", "upper": "value", "title": "T"}"#)
        let outline = try XCTUnwrap(band.svg.components(separatedBy: "\n").first { $0.contains("<polygon points=") })
        XCTAssertEqual(outline.components(separatedBy: "points=\"")[1].prefix { $0 != "\"" }.split(separator: " ").count, 8)
        XCTAssertFalse(band.classes.contains("vertex"))
        // Segments: one arrow per row.
        let arrows = try classes(#"{"kind": "segments", "x": "k", "y": ["value"], "x2": "root", "y2": "k", "title": "T"}"#)
        XCTAssertEqual(arrows.classes.filter { $0 == "arrow-head" }.count, 4)
    }

    func testBreaksAtJumpsIsALineLayerOption() throws {
        // value = 3k/4 has no jump: still one unbroken polyline (the rule is Plot's LineBreakTests).
        let smooth = try classes(#"{"title": "T", "kind": "line", "x": "k", "y": ["value"], "breaks": "jumps"}"#)
        XCTAssertEqual(smooth.svg.components(separatedBy: "<polyline").count, 2)
        XCTAssertFalse(smooth.classes.contains("line-pieces"))
        try assertSpecError(#"{"title": "T", "kind": "line", "x": "k", "y": ["value"], "breaks": "gaps"}"#,
                            key: "figure.breaks", mentions: "\"jumps\"")
        try assertSpecError(#"{"title": "T", "kind": "step", "x": "k", "y": ["value"], "breaks": "jumps"}"#,
                            key: "figure.breaks", mentions: "in a step layer")
    }

    func testBadFigureSpecsNameTheKey() throws {
        try assertSpecError(#"{"title": "T", "layers": [{"kind": "line", "x": "k", "y": ["value"], "where": {"k": {">": 9}}}]}"#,
                            key: "figure.layers[0].where", mentions: "no row passes")
        try assertSpecError(#"{"title": "T", "layers": [{"kind": "curve", "x": "k", "y": ["value"]}]}"#,
                            key: "figure.layers[0].kind", mentions: "one of line, step, scatter")
        try assertSpecError(#"{"title": "T", "kind": "line", "x": "k", "y": ["value"], "lower": "root"}"#,
                            key: "figure.lower", mentions: "in a line layer")
        try assertSpecError(#"{"title": "T", "x": "k", "layers": [{"x": "k", "y": ["value"]}]}"#,
                            key: "figure.x", mentions: "no layer keys beside \"layers\"")
        try assertSpecError(#"{"title": "T", "kind": "band", "x": "k", "lower": "root"}"#,
                            key: "figure.upper", mentions: "a band layer needs")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["valeu"]}"#,
                            key: "figure.y[0]", mentions: "an output column")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["value"], "where": {"label": {">": 1}}}"#,
                            key: "figure.where.label", mentions: "text and boolean columns take equality only")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["value"], "reference_lines": [{"axis": "x", "column": "k"}]}"#,
                            key: "figure.reference_lines[0].column", mentions: "a column with one value on every row")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["value"], "x_range": [1, 0]}"#,
                            key: "figure.x_range", mentions: "a lower bound below the upper bound")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["value"], "x_range": [-1.7e308, 1.7e308]}"#,
                            key: "figure.x_range", mentions: "too wide to draw")
        try assertSpecError(#"{"title": "T", "x": "k", "y": ["value"], "y_range": [0, 5e-324]}"#,
                            key: "figure.y_range", mentions: "too narrow to draw")
        try assertSpecError(#"{"title": "T", "kind": "pieces", "from": "k", "to": "value", "y": ["root"]}"#,
                            key: "figure", mentions: "it needs one y and from ≤ to")
    }
}

/// Counts the scatter markers (`circle` elements of class "point").
private final class CircleCounter: NSObject, XMLParserDelegate {
    var points = 0
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if name == "circle", attributes["class"]?.split(separator: " ").contains("point") == true { points += 1 }
    }
}
