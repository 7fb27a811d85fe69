import XCTest
@testable import Plot

/// Exact pieces of a piecewise-constant function, arrows, dashed curves,
/// shared colours and point labels.
final class PiecesAndArrowsTests: XCTestCase {
    func testPiecesDrawOpenEndsAndClosedPoints() throws {
        // Haghpanah–Siegel Fig 1's shape: 0 at q = 0, 1 on (0, 1/4], 1/4 on (1/4, 3/4], 0 on (3/4, 1].
        let pieces: [(Double, Double, Double)] = [(0, 0, 0), (0, 0.25, 1), (0.25, 0.25, 1), (0.25, 0.75, 0.25), (0.75, 0.75, 0.25), (0.75, 1, 0), (1, 1, 0)]
        let s = Series(name: "CS", style: .pieces, points: pieces.flatMap { [Point($0.0, $0.2), Point($0.1, $0.2)] })
        let figure = Figure(title: "pieces", xAxis: Axis(range: 0...1), yAxis: Axis(range: -0.5...1.5), series: [s])
        let doc = try SVGDocument(try figure.svg())
        let f = try figure.frame()
        let open = doc.all("circle", class: "piece-open").map { dataPoint($0, f) }
        let closed = doc.all("circle", class: "piece-point").map { dataPoint($0, f) }
        XCTAssertEqual(doc.all("line", class: "piece").count, 3)
        assertPoints(open, [(0, 1), (0.25, 1), (0.25, 0.25), (0.75, 0.25), (0.75, 0), (1, 0)])
        assertPoints(closed, [(0, 0), (0.25, 1), (0.75, 0.25), (1, 0)])
        // Points are drawn after (over) the open ends, so a closed end shows filled.
        let order = doc.elements.compactMap { $0.attributes["class"] }.filter { $0.hasPrefix("piece-") }
        XCTAssertEqual(order.lastIndex(of: "piece-open")! < order.firstIndex(of: "piece-point")!, true)
    }

    func testMalformedPiecesAndArrowsAreErrors() {
        let odd = Figure(title: "t", series: [Series(name: "CS", style: .pieces, points: [Point(0, 1), Point(1, 1), Point(2, 1)])])
        XCTAssertThrowsError(try odd.svg()) { error in
            guard case .malformedPairs("series 0 \"CS\"", nil, _)? = error as? PlotError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("3 points; pieces take them in pairs"), "\(error)")
        }
        let sloped = Figure(title: "t", series: [Series(name: "CS", style: .pieces, points: [Point(0, 1), Point(1, 2)])])
        XCTAssertThrowsError(try sloped.svg()) { XCTAssertTrue("\($0)".contains("it needs one y and from ≤ to"), "\($0)") }
        let backwards = Figure(title: "t", series: [Series(name: "CS", style: .pieces, points: [Point(0, 1), Point(1, 1), Point(3, 2), Point(2, 2)])])
        XCTAssertThrowsError(try backwards.svg()) { error in
            guard case .malformedPairs(_, 2, _)? = error as? PlotError else { return XCTFail("\(error)") }
        }
        let arrows = Figure(title: "t", series: [Series(name: "f", style: .segments(arrowheads: true), points: [Point(0, 0)])])
        XCTAssertThrowsError(try arrows.svg()) { XCTAssertTrue("\($0)".contains("segments take them in pairs"), "\($0)") }
        let labels = Figure(title: "t", series: [Series(name: "v", style: .scatter, points: [Point(0, 0), Point(1, 1)], pointLabels: ["a"])])
        XCTAssertThrowsError(try labels.svg()) { XCTAssertEqual("\($0)", "series 0 \"v\": 1 point labels for 2 points") }
    }

    func testArrowsEndAtTheirHeads() throws {
        let s = Series(name: "markets", style: .segments(arrowheads: true), points: [Point(0, 0), Point(0.9, 0.1), Point(0, 0), Point(0.25, 0.75)],
                       pointLabels: ["", "f¹", "", "f³"])
        let figure = Figure(title: "directions", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1), series: [s])
        let doc = try SVGDocument(try figure.svg())
        let f = try figure.frame()
        let heads = doc.all("polygon", class: "arrow-head")
        XCTAssertEqual(heads.count, 2)
        XCTAssertEqual(doc.all("line", class: "arrow").count, 2)
        // The first vertex of each head is the arrow's tip, at the data point.
        for (head, tip) in zip(heads, [Point(0.9, 0.1), Point(0.25, 0.75)]) {
            let first = head.attributes["points"]!.split(separator: " ")[0].split(separator: ",").map { Double($0)! }
            let expected = f.pixel(tip)
            XCTAssertEqual(first[0], expected.x, accuracy: 0.01)
            XCTAssertEqual(first[1], expected.y, accuracy: 0.01)
        }
        // Labels at the heads only (empty labels draw nothing).
        XCTAssertEqual(doc.all("text", class: "point-label").map(\.text), ["f¹", "f³"])
        // Without arrowheads: plain segments.
        var plain = figure
        plain.series[0].style = .segments(arrowheads: false)
        let plainDoc = try SVGDocument(try plain.svg())
        XCTAssertEqual(plainDoc.all("line", class: "segment").count, 2)
        XCTAssertTrue(plainDoc.all("polygon", class: "arrow-head").isEmpty)
    }

    func testDashedSeriesAndSharedColours() throws {
        let a = Series(name: "seller design, r = 0", points: [Point(0, 1), Point(1, 2)], colorIndex: 0)
        let b = Series(name: "buyer design, r = 0", points: [Point(0, 2), Point(1, 1)], dashed: true, colorIndex: 0)
        let c = Series(name: "other", points: [Point(0, 0), Point(1, 0)])
        let doc = try SVGDocument(try Figure(title: "t", series: [a, b, c]).svg())
        let lines = doc.all("polyline")
        XCTAssertEqual(lines.map { $0.attributes["stroke"] }, [Figure.palette[0], Figure.palette[0], Figure.palette[2]])
        XCTAssertEqual(lines.map { $0.attributes["stroke-dasharray"] != nil }, [false, true, false])
        // The legend shows the dash too.
        let legend = doc.all("line").filter { $0.groupClass == "legend" }
        XCTAssertEqual(legend.map { $0.attributes["stroke-dasharray"] != nil }, [false, true, false])
        // A polygon can take a series' colour.
        let p = Polygon(name: "P", vertices: [Point(0, 0), Point(1, 0), Point(0, 1)], colorIndex: 1)
        let poly = try SVGDocument(try Figure(title: "t", series: [c], polygons: [p]).svg()).all("polygon").first { $0.groupClass == "polygon" }
        XCTAssertEqual(poly?.attributes["fill"], Figure.palette[1])
    }
}
