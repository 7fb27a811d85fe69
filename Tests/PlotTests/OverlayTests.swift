import XCTest
@testable import Plot

/// Overlays (a paper's printed version drawn over the computed figure) and
/// rings around singled-out points.
final class OverlayTests: XCTestCase {
    func testOverlayPolygonIsAnUnfilledDashedGreyOutlineOverTheFilledOne() throws {
        // Haghpanah–Siegel Fig 4 (a): P as computed (six vertices) and as printed (four).
        let computed = [Point(0, 0), Point(0.5, 0), Point(0.75, 0.25), Point(1, 1), Point(0.75, 1.75), Point(0, 2)]
        let printed = [Point(0, 0), Point(1, 1), Point(0.75, 1.75), Point(0, 2)]
        let rings = Series(name: "missed by the paper", style: .rings, points: [Point(0.5, 0), Point(0.75, 0.25)])
        let figure = Figure(title: "P", xAxis: Axis(range: -0.1...1.1), yAxis: Axis(range: -0.1...2.1), series: [rings],
                            polygons: [Polygon(name: "P", vertices: computed), Polygon(name: "as printed", vertices: printed, overlay: true)])
        let doc = try SVGDocument(try figure.svg())
        let f = try figure.frame()
        let outline = doc.all("polygon", class: "overlay-outline")
        XCTAssertEqual(outline.count, 1)
        XCTAssertEqual(outline[0].attributes["fill"], "none")
        XCTAssertEqual(outline[0].attributes["stroke"], Figure.overlayColor)
        XCTAssertEqual(outline[0].attributes["stroke-dasharray"], "7 4")
        XCTAssertEqual(outline[0].groupClass, "polygon overlay")
        // Its vertices are open grey markers at the printed points; the computed polygon keeps its filled ones.
        let open = doc.all("circle", class: "overlay-vertex")
        XCTAssertEqual(open.count, 4)
        for (c, p) in zip(open, printed) {
            XCTAssertEqual(c.attributes["fill"], "none")
            XCTAssertEqual(c.number("cx"), f.pixel(p).x, accuracy: 0.01)
            XCTAssertEqual(c.number("cy"), f.pixel(p).y, accuracy: 0.01)
        }
        XCTAssertEqual(doc.all("circle", class: "vertex").count, 6)
        // Two rings, larger than a marker, at the missed vertices, in the palette (not grey).
        let ringed = doc.all("circle", class: "ring")
        XCTAssertEqual(ringed.count, 2)
        for (c, p) in zip(ringed, [Point(0.5, 0), Point(0.75, 0.25)]) {
            XCTAssertEqual(c.number("cx"), f.pixel(p).x, accuracy: 0.01)
            XCTAssertEqual(c.number("cy"), f.pixel(p).y, accuracy: 0.01)
            XCTAssertGreaterThan(c.number("r"), Metrics.marker)
            XCTAssertEqual(c.attributes["fill"], "none")
            XCTAssertEqual(c.attributes["stroke"], Figure.palette[0])
        }
        // Legend: a ring for the rings, a dashed grey line for the overlay, a fill for P.
        XCTAssertEqual(doc.all("circle", class: "legend-ring").count, 1)
        let legendLines = doc.elements.filter { $0.name == "line" && $0.groupClass == "legend" }
        XCTAssertEqual(legendLines.count, 1)
        XCTAssertEqual(legendLines[0].attributes["stroke"], Figure.overlayColor)
        XCTAssertEqual(legendLines[0].attributes["stroke-dasharray"], "7 4")
        XCTAssertEqual(doc.elements.filter { $0.name == "rect" && $0.groupClass == "legend" }.count, 1)
        // The description says which polygon is the overlay.
        XCTAssertTrue(try figure.svg().contains("overlay polygon &quot;as printed&quot; (4 vertices)"))
    }

    func testOverlaySeriesAreGreyAndDashedWhateverTheirColourIndex() throws {
        let line = Series(name: "printed", style: .line, points: [Point(0, 0), Point(1, 1)], colorIndex: 2, overlay: true)
        let dots = Series(name: "printed points", style: .scatter, points: [Point(0, 1), Point(1, 0)], overlay: true)
        let data = Series(name: "computed", style: .line, points: [Point(0, 0.5), Point(1, 0.5)])
        XCTAssertTrue(line.dashed)
        let doc = try SVGDocument(try Figure(title: "t", series: [data, line, dots]).svg())
        let polylines = doc.all("polyline")
        XCTAssertEqual(polylines.map { $0.attributes["stroke"] }, [Figure.palette[0], Figure.overlayColor])
        XCTAssertNil(polylines[0].attributes["stroke-dasharray"])
        XCTAssertEqual(polylines[1].attributes["stroke-dasharray"], "7 4")
        let points = doc.all("circle", class: "overlay-point")
        XCTAssertEqual(points.count, 2)
        XCTAssertEqual(points.map { $0.attributes["stroke"] }, [Figure.overlayColor, Figure.overlayColor])
        XCTAssertEqual(points.map { $0.attributes["fill"] }, ["none", "none"])
    }
}
