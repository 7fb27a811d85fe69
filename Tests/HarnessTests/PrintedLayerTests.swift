import XCTest
@testable import Harness
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

/// A figure's printed layer: what the paper prints, given literally in the
/// spec and drawn as a grey dashed overlay, with rings around the points of
/// another layer that the paper does not print (compared exactly).
final class PrintedLayerTests: XCTestCase {
    private func project(figure: String) throws -> Scratch { try figureProject(figure) }

    /// The toy table's points (k, value) = (1, 3/4), (2, 3/2), (3, 9/4), (4, 3) as a scatter layer, then `printed`.
    private func figure(_ printed: String) -> String {
        #"{"title": "T", "layers": [{"kind": "scatter", "x": "k", "y": ["value"], "name": "computed"}, "# + printed + "]}"
    }

    private func svg(_ printed: String) throws -> String {
        let s = try project(figure: figure(printed))
        let (status, out, err) = try s.run([])
        XCTAssertEqual(status, 0, out + err)
        let svg = try XCTUnwrap(s.read("results/toy-paper/multiples.svg"))
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        return svg
    }

    private func lines(_ svg: String, class name: String) -> [String] {
        svg.components(separatedBy: "\n").filter { $0.contains("class=\"\(name)\"") }
    }

    func testPrintedPolygonIsADashedGreyOutlineAndUnprintedPointsAreRinged() throws {
        // The paper prints (0, 0), (1, 3/4) and (2, 1.5) = (2, 3/2) exactly, and (3, 2.2500001), which is not (3, 9/4).
        let svg = try svg(#"{"kind": "printed", "shape": "polygon", "points": [[0, 0], [1, "3/4"], [2, "1.5"], [3, "2.2500001"]], "location": "Table 9", "mark_unprinted": {"layer": 0, "name": "missed by the paper"}}"#)
        let outline = lines(svg, class: "overlay-outline")
        XCTAssertEqual(outline.count, 1)
        XCTAssertTrue(outline[0].contains("fill=\"none\"") && outline[0].contains("stroke=\"#666666\"") && outline[0].contains("stroke-dasharray"), outline[0])
        XCTAssertEqual(lines(svg, class: "overlay-vertex").count, 4)
        // Rings at k = 3 and k = 4 only, at the scatter markers' pixels.
        let rings = lines(svg, class: "ring")
        XCTAssertEqual(rings.count, 2)
        let points = lines(svg, class: "point")
        func centre(_ line: String) -> String { line.components(separatedBy: "cx=\"")[1].prefix { $0 != "r" }.description }
        XCTAssertEqual(rings.map(centre), points.suffix(2).map(centre))
        // Legend: the default name from the location, and the rings' name.
        XCTAssertTrue(svg.contains(">as printed in the paper (Table 9)</text>"))
        XCTAssertTrue(svg.contains(">missed by the paper</text>"))
        XCTAssertTrue(svg.contains("overlay polygon &quot;as printed in the paper (Table 9)&quot; (4 vertices)"))
    }

    func testEverythingPrintedDrawsNoRings() throws {
        let svg = try svg(#"{"kind": "printed", "shape": "line", "points": [[1, 0.75], [2, "3/2"], [3, "9/4"], [4, 3]], "location": "Sec 1", "name": "printed", "mark_unprinted": {"layer": 0, "name": "missed"}}"#)
        XCTAssertTrue(lines(svg, class: "ring").isEmpty)
        XCTAssertFalse(svg.contains(">missed</text>"))
        let overlay = try XCTUnwrap(svg.components(separatedBy: "\n").first { $0.contains("<polyline") })
        XCTAssertTrue(overlay.contains("stroke=\"#666666\"") && overlay.contains("stroke-dasharray"), overlay)
    }

    /// Runs the project with `printed` as the second layer, expecting exit 2, an error naming `key` and nothing written.
    private func assertSpecError(_ printed: String, key: String, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertFigureSpecError(figure(printed), key: key, mentions: mentions, file: file, line: line)
    }

    func testBadPrintedLayersNameTheKey() throws {
        let base = #""kind": "printed", "location": "Sec 1""#
        try assertSpecError(#"{\#(base), "shape": "polygon", "points": [[0, 0], [1, 1], [0, 1]], "x": "k"}"#,
                            key: "figure.layers[1].x", mentions: "in a printed layer (it reads no columns)")
        try assertSpecError(#"{\#(base), "shape": "polygon", "points": [[0, 0], [1, 1], [0, 1]], "colour": "red"}"#,
                            key: "figure.layers[1].colour", mentions: "unknown key \"colour\"")
        try assertSpecError(#"{\#(base), "shape": "polygn", "points": [[0, 0], [1, 1], [0, 1]]}"#,
                            key: "figure.layers[1].shape", mentions: "polygon")
        try assertSpecError(#"{\#(base), "shape": "polygon", "points": "(0,0), (1,1)"}"#,
                            key: "figure.layers[1].points", mentions: "expected an array")
        try assertSpecError(#"{\#(base), "shape": "polygon", "points": [[0, 0], [1, 1]]}"#,
                            key: "figure.layers[1].points", mentions: "at least 3 points for a polygon")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, 0, 1]]}"#,
                            key: "figure.layers[1].points[0]", mentions: "a point [x, y]")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, "three"]]}"#,
                            key: "figure.layers[1].points[0][1]", mentions: "a number or a string such as \"3/4\"")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, "1e400"]]}"#,
                            key: "figure.layers[1].points[0][1]", mentions: "finite as a double")
        let many = Array(repeating: "[0, 0]", count: 1001).joined(separator: ", ")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [\#(many)]}"#,
                            key: "figure.layers[1].points", mentions: "at most 1000 printed points")
        try assertSpecError(#"{"kind": "printed", "shape": "scatter", "points": [[0, 0]]}"#,
                            key: "figure.layers[1].location", mentions: "(the key is required)")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, 0]], "mark_unprinted": {"layer": 1, "name": "m"}}"#,
                            key: "figure.layers[1].mark_unprinted.layer", mentions: "the index of another layer")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, 0]], "mark_unprinted": {"layer": 7, "name": "m"}}"#,
                            key: "figure.layers[1].mark_unprinted.layer", mentions: "the index of another layer")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, 0]], "mark_unprinted": {"layer": "0", "name": ""}}"#,
                            key: "figure.layers[1].mark_unprinted.name", mentions: "a non-empty string")
        try assertSpecError(#"{\#(base), "shape": "scatter", "points": [[0, 0]], "mark_unprinted": {"layer": 0}}"#,
                            key: "figure.layers[1].mark_unprinted.name", mentions: "(the key is required)")
    }

    func testPrintedKeysBelongToPrintedLayersAndMarksNeedExactPoints() throws {
        // A column layer with a printed layer's key.
        try assertSpecError(#"{"kind": "line", "x": "k", "y": ["root"], "points": [[0, 0]]}"#,
                            key: "figure.layers[1].points", mentions: "only in a printed layer")
        // A figure of printed layers only, or one printed layer at the top level, draws nothing computed.
        let onlyPrinted = try project(figure: #"{"title": "T", "layers": [{"kind": "printed", "shape": "scatter", "points": [[0, 0]], "location": "Sec 1"}]}"#)
        let (onlyStatus, _, onlyErr) = try onlyPrinted.run([])
        XCTAssertEqual(onlyStatus, 2)
        XCTAssertTrue(onlyErr.contains("multiples.json: figure.layers: expected at least one layer drawn from the table's columns"), onlyErr)
        let top = try project(figure: #"{"title": "T", "kind": "printed", "shape": "scatter", "points": [[0, 0]], "location": "Sec 1"}"#)
        let (topStatus, _, topErr) = try top.run([])
        XCTAssertEqual(topStatus, 2)
        XCTAssertTrue(topErr.contains("multiples.json: figure.kind: expected a layer drawn from the table's columns"), topErr)
        // Marking a segments layer, and a layer of real (floating) values, which cannot be compared exactly.
        let s = try project(figure: #"{"title": "T", "layers": [{"kind": "segments", "x": "k", "y": ["value"], "x2": "k", "y2": "value"}, {"kind": "printed", "shape": "scatter", "points": [[0, 0]], "location": "Sec 1", "mark_unprinted": {"layer": 0, "name": "m"}}]}"#)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("multiples.json: figure.layers[1].mark_unprinted.layer: expected the index of another layer (a scatter, polygon, line, step layer with one y column)"), err)
        XCTAssertTrue(err.contains("a segments layer"), err)
        let real = try project(figure: #"{"title": "T", "layers": [{"kind": "scatter", "x": "k", "y": ["root"]}, {"kind": "printed", "shape": "scatter", "points": [[1, 1]], "location": "Sec 1", "mark_unprinted": {"layer": 0, "name": "m"}}]}"#)
        let (realStatus, _, realErr) = try real.run([])
        XCTAssertEqual(realStatus, 2)
        XCTAssertTrue(realErr.contains("multiples.json: figure.layers[1].mark_unprinted.layer: expected exact (integer or rational) coordinates in layer 0"), realErr)
        XCTAssertTrue(realErr.contains("column root"), realErr)
        XCTAssertFalse(real.exists("results/toy-paper/multiples.svg"))
    }
}
