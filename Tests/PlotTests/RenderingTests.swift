import XCTest
@testable import Plot

/// The SVG output: well-formed, points where the data put them, step-function
/// end points, determinism, escaping, legend, caption, reference lines.
final class RenderingTests: XCTestCase {
    let styles: [Style] = [.line, .scatter, .area, .step(.leftClosed), .step(.rightClosed)]

    /// One series of `style` through positive points, on the given scales.
    func figure(_ style: Style, _ scale: Scale) -> Figure {
        Figure(title: "Revenue against N", caption: "Π grows like log N.",
               xAxis: Axis(label: "N", scale: scale), yAxis: Axis(label: "revenue", scale: scale),
               series: [Series(name: "Π^PA", style: style, points: [Point(1, 2), Point(3, 5), Point(10, 40), Point(30, 100)]),
                        Series(name: "Π^CP", style: style, points: [Point(1, 1), Point(3, 3), Point(10, 3), Point(30, 8)])],
               referenceLines: [ReferenceLine(axis: .x, value: 5, label: "N = 5"), ReferenceLine(axis: .y, value: 20, label: "target")],
               polygons: [Polygon(name: "region", vertices: [Point(2, 2), Point(20, 2), Point(20, 50)])])
    }

    func testEveryStyleAndScaleParsesAsXML() throws {
        for scale in [Scale.linear, .log] {
            for style in styles {
                let svg = try figure(style, scale).svg()
                let doc = try SVGDocument(svg)
                let root = try XCTUnwrap(doc.elements.first)
                XCTAssertEqual(root.name, "svg")
                XCTAssertEqual(root.attributes["viewBox"], "0 0 720 450")
                XCTAssertEqual(root.attributes["version"], "1.1")
                XCTAssertEqual(doc.all("title").map(\.text), ["Revenue against N"])
                XCTAssertTrue(doc.all("desc")[0].text.hasPrefix("Π grows like log N."))
                XCTAssertEqual(doc.all("g").filter { $0.attributes["class"] == "series \(style.name)" }.count, 2, "\(style) \(scale)")
                XCTAssertFalse(doc.all("text").filter { $0.groupClass == "x-ticks" }.isEmpty)
                XCTAssertFalse(doc.all("text").filter { $0.groupClass == "y-ticks" }.isEmpty)
                XCTAssertEqual(doc.all("text", class: "x-label").map(\.text), ["N"])
                XCTAssertEqual(doc.all("text", class: "y-label").map(\.text), ["revenue"])
            }
        }
    }

    /// Asserts that the scatter markers of series 0 sit where `expected`
    /// fractions of the plot area put them (x from the left, y from the bottom).
    func assertMarkers(_ figure: Figure, _ expected: [(fx: Double, fy: Double)], file: StaticString = #filePath, line: UInt = #line) throws {
        let doc = try SVGDocument(try figure.svg())
        let area = doc.plotArea
        let markers = doc.all("circle", class: "point").filter { $0.series == 0 }
        XCTAssertEqual(markers.count, expected.count, file: file, line: line)
        let frame = try figure.frame()
        for (k, (marker, e)) in zip(markers, expected).enumerated() {
            let x = area.left + e.fx * area.width, y = area.top + area.height - e.fy * area.height
            // Area and markers are each rounded to 0.01 px.
            XCTAssertEqual(marker.number("cx"), x, accuracy: 0.02, "point \(k) x", file: file, line: line)
            XCTAssertEqual(marker.number("cy"), y, accuracy: 0.02, "point \(k) y", file: file, line: line)
            let pixel = frame.pixel(figure.series[0].points[k])
            XCTAssertEqual(marker.number("cx"), pixel.x, accuracy: 0.006, file: file, line: line)
            XCTAssertEqual(marker.number("cy"), pixel.y, accuracy: 0.006, file: file, line: line)
        }
    }

    func testScatterPointsLandWhereLinearDataPutsThem() throws {
        let f = Figure(title: "linear", xAxis: Axis(range: 0...10), yAxis: Axis(range: 0...100),
                       series: [Series(name: "s", style: .scatter, points: [Point(0, 0), Point(2.5, 40), Point(10, 100), Point(7, 13)])])
        try assertMarkers(f, [(0, 0), (0.25, 0.4), (1, 1), (0.7, 0.13)])
    }

    func testScatterPointsLandWhereLogDataPutsThem() throws {
        // x: 1 … 1000 is 3 decades, y: 10 … 10⁶ is 5 decades.
        let f = Figure(title: "log", xAxis: Axis(scale: .log, range: 1...1000), yAxis: Axis(scale: .log, range: 10...1e6),
                       series: [Series(name: "s", style: .scatter,
                                       points: [Point(10, 100), Point(1, 10), Point(1000, 1e6), Point(31.6227766016838, 1e4)])])
        try assertMarkers(f, [(1.0 / 3, 0.2), (0, 0), (1, 1), (0.5, 0.6)])
    }

    func testAutomaticRangeIsPaddedAndIncludesReferenceLines() throws {
        // Data 0 … 1 padded by 5%: −0.05 … 1.05, so (1, 1) is at 1.05/1.1 of the plot.
        var f = Figure(title: "auto", series: [Series(name: "s", style: .scatter, points: [Point(0, 0), Point(1, 1)])])
        try assertMarkers(f, [(0.05 / 1.1, 0.05 / 1.1), (1.05 / 1.1, 1.05 / 1.1)])
        // A reference line at x = 3 stretches the x range to −0.15 … 3.15.
        f.referenceLines = [ReferenceLine(axis: .x, value: 3, label: "x = 3")]
        let frame = try f.frame()
        XCTAssertEqual(frame.xRange.lowerBound, -0.15, accuracy: 1e-12)
        XCTAssertEqual(frame.xRange.upperBound, 3.15, accuracy: 1e-12)
        XCTAssertEqual(frame.yRange, -0.05...1.05)
        try assertMarkers(f, [(0.15 / 3.3, 0.05 / 1.1), (1.15 / 3.3, 1.05 / 1.1)])
    }

    func testConstantSeriesGetsAWidenedRange() throws {
        let constant = Figure(title: "constant", series: [Series(name: "c", style: .scatter, points: [Point(0, 5), Point(1, 5), Point(2, 5)])])
        XCTAssertEqual(try constant.frame().yRange, 4.5...5.5)
        try assertMarkers(constant, [(0.1 / 2.2, 0.5), (1.1 / 2.2, 0.5), (2.1 / 2.2, 0.5)])
        let single = Figure(title: "one point", series: [Series(name: "p", style: .scatter, points: [Point(0, 100)])])
        XCTAssertEqual(try single.frame().xRange, -1...1)
        var logSingle = single
        logSingle.yAxis.scale = .log
        let r = try logSingle.frame().yRange
        XCTAssertEqual(r.lowerBound, 100 / 10.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(r.upperBound, 100 * 10.0.squareRoot(), accuracy: 1e-9)
        try assertMarkers(logSingle, [(0.5, 0.5)])
    }

    /// The open and filled circles of series 0, as data points recovered from the frame.
    func stepCircles(_ figure: Figure) throws -> (open: [(x: Double, y: Double)], closed: [(x: Double, y: Double)], jumps: Int, pieces: Int) {
        let doc = try SVGDocument(try figure.svg())
        let f = try figure.frame()
        func data(_ e: SVGDocument.Element) -> (x: Double, y: Double) { dataPoint(e, f) }
        let path = try XCTUnwrap(doc.all("path").first { $0.series == 0 }?.attributes["d"])
        return (doc.all("circle", class: "step-open").filter { $0.series == 0 }.map(data),
                doc.all("circle", class: "step-closed").filter { $0.series == 0 }.map(data),
                doc.all("line", class: "step-jump").filter { $0.series == 0 }.count,
                path.filter { $0 == "M" }.count)
    }


    func testStepFunctionEndPointsAtJumps() throws {
        let points = [Point(0, 1), Point(0.25, 2), Point(0.5, 2), Point(0.75, 3), Point(1, 3)]
        func figure(_ ends: StepEnds) -> Figure {
            Figure(title: "CS of the high type", xAxis: Axis(label: "q", range: 0...1), yAxis: Axis(range: 0...4),
                   series: [Series(name: "CS", style: .step(ends), points: points)])
        }
        // [x_k, x_{k+1}): jumps at 0.25 and 0.75, the lower value excluded;
        // pieces 0…0.25 at 1, 0.25…0.75 at 2 (merged), 0.75…1 at 3.
        let left = try stepCircles(figure(.leftClosed))
        assertPoints(left.open, [(0.25, 1), (0.75, 2)])
        assertPoints(left.closed, [(0.25, 2), (0.75, 3)])
        XCTAssertEqual(left.jumps, 2)
        XCTAssertEqual(left.pieces, 3)
        // (x_{k-1}, x_k]: each value extends to the left of its point; jumps
        // at 0 and 0.5 with the given points included; pieces 0…0.5 at 2 and 0.5…1 at 3.
        let right = try stepCircles(figure(.rightClosed))
        assertPoints(right.open, [(0, 2), (0.5, 3)])
        assertPoints(right.closed, [(0, 1), (0.5, 2)])
        XCTAssertEqual(right.jumps, 2)
        XCTAssertEqual(right.pieces, 2)
    }

    func testStepFunctionWithoutJumpsOrWithOnePoint() throws {
        let flat = Figure(title: "flat", series: [Series(name: "f", style: .step(.leftClosed), points: [Point(0, 2), Point(1, 2), Point(3, 2)])])
        let none = try stepCircles(flat)
        XCTAssertTrue(none.open.isEmpty && none.closed.isEmpty)
        XCTAssertEqual(none.jumps, 0)
        XCTAssertEqual(none.pieces, 1)
        let endJump = Figure(title: "jump at the end", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...4),
                             series: [Series(name: "j", style: .step(.leftClosed), points: [Point(0, 1), Point(1, 2)])])
        let end = try stepCircles(endJump)
        assertPoints(end.open, [(1, 1)])
        assertPoints(end.closed, [(1, 2)])
        let lone = Figure(title: "one point", series: [Series(name: "p", style: .step(.rightClosed), points: [Point(3, 4)])])
        let doc = try SVGDocument(try lone.svg())
        XCTAssertEqual(doc.all("circle", class: "step-closed").count, 1)
        XCTAssertTrue(doc.all("circle", class: "step-open").isEmpty)
    }

    func testRenderingIsDeterministic() throws {
        for style in styles {
            let f = figure(style, .linear)
            let first = try f.svg(), second = try f.svg()
            XCTAssertEqual(first, second)
            var moved = f
            moved.series[1].points[2].y = 3.5
            XCTAssertNotEqual(try moved.svg(), first)
            var retitled = f
            retitled.title = "Revenue against N (r = 2)"
            XCTAssertNotEqual(try retitled.svg(), first)
        }
        // A fixed rendering: the first scatter point of a fixed-range figure.
        let f = Figure(title: "t", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1),
                       series: [Series(name: "s", style: .scatter, points: [Point(0.5, 0.5)])])
        let frame = try f.frame()
        XCTAssertTrue(try f.svg().contains("<circle class=\"point\" cx=\"\(coordinate(frame.left + frame.width / 2))\""))
    }

    func testTextIsEscapedForXML() throws {
        let title = "Profit & loss <N> \"quoted\" 'single'"
        let f = Figure(title: title, caption: "a < b & c\u{1}", series: [Series(name: "A&B <1>", style: .scatter, points: [Point(1, 1)])])
        let svg = try f.svg()
        XCTAssertTrue(svg.contains("<title id=\"plot-title\">Profit &amp; loss &lt;N&gt; &quot;quoted&quot; &apos;single&apos;</title>"))
        XCTAssertTrue(svg.contains("data-name=\"A&amp;B &lt;1&gt;\""))
        let doc = try SVGDocument(svg)
        XCTAssertEqual(doc.all("title")[0].text, title)
        XCTAssertEqual(doc.all("text", class: "title")[0].text, title)
        XCTAssertEqual(doc.all("g").first { $0.attributes["data-series"] == "0" }?.attributes["data-name"], "A&B <1>")
        XCTAssertEqual(doc.all("text").filter { $0.groupClass == "caption" }.map(\.text), ["a < b & c\u{FFFD}"])
    }

    func testLongCaptionIsWrappedToTheWidth() throws {
        let caption = (1...60).map { "word\($0)" }.joined(separator: " ")
        let f = Figure(title: "t", caption: caption, series: [Series(name: "s", points: [Point(0, 0), Point(1, 1)])])
        let lines = try SVGDocument(try f.svg()).all("text").filter { $0.groupClass == "caption" }
        XCTAssertGreaterThan(lines.count, 1)
        // (720 − 2·16) px at 0.55 × 12 px per character: 104 characters.
        XCTAssertTrue(lines.allSatisfy { $0.text.count <= 104 }, "\(lines.map(\.text))")
        XCTAssertEqual(lines.map(\.text).joined(separator: " "), caption)
        let baselines = lines.map { $0.number("y") }
        XCTAssertEqual(zip(baselines, baselines.dropFirst()).map { $1 - $0 }, Array(repeating: 16, count: lines.count - 1))
        XCTAssertLessThanOrEqual(baselines.last!, 450 - 10)
        XCTAssertLessThan(try f.frame().bottom + 20, baselines[0])
    }

    func testLegendOnlyWithTwoOrMoreNamedEntries() throws {
        let legend = try SVGDocument(try figure(.line, .linear).svg()).all("text").filter { $0.groupClass == "legend" }.map(\.text)
        XCTAssertEqual(legend, ["Π^PA", "Π^CP", "region"])
        let one = Figure(title: "t", series: [Series(name: "only", points: [Point(0, 0), Point(1, 1)]),
                                              Series(name: "", points: [Point(0, 1), Point(1, 0)])])
        XCTAssertTrue(try SVGDocument(try one.svg()).all("g", class: "legend").isEmpty)
    }

    func testPaletteCyclesBySeriesIndex() throws {
        let series = (0..<10).map { Series(name: "s\($0)", points: [Point(0, Double($0)), Point(1, Double($0))]) }
        let doc = try SVGDocument(try Figure(title: "t", series: series).svg())
        let strokes = doc.all("polyline").map { $0.attributes["stroke"] ?? "" }
        XCTAssertEqual(strokes, (0..<10).map { Figure.palette[$0 % 8] })
        XCTAssertEqual(Figure.palette.count, 8)
    }

    func testReferenceLinesAreDashedAndLabelled() throws {
        let f = Figure(title: "t", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...2),
                       series: [Series(name: "s", points: [Point(0, 0), Point(1, 2)])],
                       referenceLines: [ReferenceLine(axis: .x, value: 0.75, label: "q = 3/4"),
                                        ReferenceLine(axis: .y, value: 0.5, label: "ρ = 1/2"),
                                        ReferenceLine(axis: .x, value: 5, label: "outside")])
        let doc = try SVGDocument(try f.svg())
        let frame = try f.frame()
        let lines = doc.all("line", class: "reference-line")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].attributes["data-axis"], "x")
        XCTAssertEqual(lines[0].number("x1"), frame.left + 0.75 * frame.width, accuracy: 0.006)
        XCTAssertEqual(lines[0].number("x2"), lines[0].number("x1"))
        XCTAssertEqual(lines[1].number("y1"), frame.bottom - 0.25 * frame.height, accuracy: 0.006)
        XCTAssertEqual(lines[0].ancestors.last?["stroke-dasharray"], "6 4")
        XCTAssertEqual(doc.all("text").filter { $0.groupClass == "reference-labels" }.map(\.text), ["q = 3/4", "ρ = 1/2"])
    }

    func testAreaIsFilledDownToZero() throws {
        let f = Figure(title: "t", series: [Series(name: "a", style: .area, points: [Point(0, 2), Point(1, 4), Point(2, 3)])])
        let frame = try f.frame()
        // 0 is in the automatic range: 0 … 4 padded to −0.2 … 4.2.
        XCTAssertEqual(frame.yRange.lowerBound, -0.2, accuracy: 1e-12)
        let fill = try XCTUnwrap(SVGDocument(try f.svg()).all("polygon", class: "area-fill").first)
        let corners = fill.attributes["points"]!.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
        XCTAssertEqual(corners.count, 5)
        let zero = frame.pixel(Point(0, 0)).y
        XCTAssertEqual(corners[0][1], zero, accuracy: 0.006)
        XCTAssertEqual(corners[4][1], zero, accuracy: 0.006)
        XCTAssertEqual(corners[4][0], frame.pixel(Point(2, 0)).x, accuracy: 0.006)
    }

    func testPolygonVerticesAreMarked() throws {
        let vertices = [Point(0, 0), Point(1, 0), Point(1, 1), Point(0, 2)]
        var f = Figure(title: "payments", xAxis: Axis(range: -1...2), yAxis: Axis(range: -1...3),
                       polygons: [Polygon(name: "P", vertices: vertices)])
        let frame = try f.frame()
        let markers = try SVGDocument(try f.svg()).all("circle", class: "vertex")
        XCTAssertEqual(markers.count, 4)
        for (m, v) in zip(markers, vertices) {
            XCTAssertEqual(m.number("cx"), frame.left + (v.x + 1) / 3 * frame.width, accuracy: 0.01)
            XCTAssertEqual(m.number("cy"), frame.bottom - (v.y + 1) / 4 * frame.height, accuracy: 0.01)
        }
        f.polygons[0].showVertices = false
        XCTAssertTrue(try SVGDocument(try f.svg()).all("circle", class: "vertex").isEmpty)
    }

    func testCoordinatesHaveAtMostTwoDecimals() {
        XCTAssertEqual(coordinate(12), "12")
        XCTAssertEqual(coordinate(12.5), "12.5")
        XCTAssertEqual(coordinate(12.254), "12.25")
        XCTAssertEqual(coordinate(-3.066), "-3.07")
        XCTAssertEqual(coordinate(-0.001), "0")
        XCTAssertEqual(coordinate(0.05), "0.05")
        XCTAssertEqual(coordinate(2e7), "1000000")
    }
}
