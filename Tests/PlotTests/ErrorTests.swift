import XCTest
@testable import Plot

/// Invalid figures throw a `PlotError` naming the series, polygon, reference
/// line or axis, the point and the value.
final class ErrorTests: XCTestCase {
    let good = Series(name: "good", points: [Point(1, 1), Point(2, 3)])

    /// Asserts that rendering throws a PlotError accepted by `matches` whose description contains every string of `mentions`.
    func assertThrows(_ figure: Figure, mentions: [String], file: StaticString = #filePath, line: UInt = #line,
                      _ matches: (PlotError) -> Bool) {
        XCTAssertThrowsError(try figure.svg(), file: file, line: line) { error in
            guard let e = error as? PlotError else { return XCTFail("not a PlotError: \(error)", file: file, line: line) }
            XCTAssertTrue(matches(e), "unexpected \(e)", file: file, line: line)
            for m in mentions {
                XCTAssertTrue(e.description.contains(m), "\"\(e)\" does not mention \(m)", file: file, line: line)
            }
        }
        XCTAssertThrowsError(try figure.frame(), file: file, line: line)
    }

    func testEmptySeries() {
        let f = Figure(title: "t", series: [good, Series(name: "CS high", points: [])])
        assertThrows(f, mentions: ["series 1 \"CS high\"", "no points"]) {
            if case .emptySeries("series 1 \"CS high\"") = $0 { return true } else { return false }
        }
    }

    func testNonFiniteCoordinates() {
        let nan = Figure(title: "t", series: [Series(name: "b", points: [Point(0, 0), Point(1, .nan)])])
        assertThrows(nan, mentions: ["series 0 \"b\"", "point 1", "y coordinate", "nan"]) {
            if case .nonFiniteCoordinate("series 0 \"b\"", 1, .y, let v) = $0 { return v.isNaN } else { return false }
        }
        let inf = Figure(title: "t", series: [good, Series(name: "c", style: .scatter, points: [Point(0, 0), Point(1, 1), Point(.infinity, 1)])])
        assertThrows(inf, mentions: ["series 1 \"c\"", "point 2", "x coordinate", "inf"]) {
            if case .nonFiniteCoordinate("series 1 \"c\"", 2, .x, .infinity) = $0 { return true } else { return false }
        }
        let vertex = Figure(title: "t", polygons: [Polygon(name: "P", vertices: [Point(0, 0), Point(1, -.infinity), Point(1, 1)])])
        assertThrows(vertex, mentions: ["polygon 0 \"P\"", "point 1"]) {
            if case .nonFiniteCoordinate("polygon 0 \"P\"", 1, .y, -.infinity) = $0 { return true } else { return false }
        }
        let line = Figure(title: "t", series: [good], referenceLines: [ReferenceLine(axis: .x, value: .nan, label: "γ = 1/3")])
        assertThrows(line, mentions: ["reference line 0 \"γ = 1/3\""]) {
            if case .nonFiniteCoordinate("reference line 0 \"γ = 1/3\"", nil, .x, _) = $0 { return true } else { return false }
        }
    }

    func testNothingToPlot() {
        assertThrows(Figure(title: "t"), mentions: ["no series and no polygons"]) {
            if case .nothingToPlot = $0 { return true } else { return false }
        }
        let onlyLines = Figure(title: "t", referenceLines: [ReferenceLine(axis: .y, value: 1, label: "one")])
        assertThrows(onlyLines, mentions: ["nothing to plot"]) {
            if case .nothingToPlot = $0 { return true } else { return false }
        }
    }

    func testNonPositiveDataOnALogAxis() {
        let y = Figure(title: "t", yAxis: Axis(scale: .log), series: [Series(name: "revenue", points: [Point(1, 2), Point(2, 3), Point(3, 0)])])
        assertThrows(y, mentions: ["y axis", "series 0 \"revenue\"", "y = 0.0", "point 2"]) {
            if case .nonPositiveOnLogAxis(.y, "series 0 \"revenue\"", 2, 0) = $0 { return true } else { return false }
        }
        let x = Figure(title: "t", xAxis: Axis(scale: .log), series: [good, Series(name: "N", points: [Point(-1, 2)])])
        assertThrows(x, mentions: ["x axis", "series 1 \"N\"", "x = -1.0"]) {
            if case .nonPositiveOnLogAxis(.x, "series 1 \"N\"", 0, -1) = $0 { return true } else { return false }
        }
        // The y values are negative but the y axis is linear: only x is checked.
        let fine = Figure(title: "t", xAxis: Axis(scale: .log), series: [Series(name: "s", points: [Point(1, -2), Point(10, -1)])])
        XCTAssertNoThrow(try fine.svg())
        let reference = Figure(title: "t", xAxis: Axis(scale: .log), series: [good], referenceLines: [ReferenceLine(axis: .x, value: 0, label: "zero")])
        assertThrows(reference, mentions: ["x axis", "reference line 0 \"zero\""]) {
            if case .nonPositiveOnLogAxis(.x, "reference line 0 \"zero\"", nil, 0) = $0 { return true } else { return false }
        }
        let polygon = Figure(title: "t", yAxis: Axis(scale: .log), polygons: [Polygon(name: "P", vertices: [Point(0, 1), Point(1, 1), Point(1, -3)])])
        assertThrows(polygon, mentions: ["y axis", "polygon 0 \"P\""]) {
            if case .nonPositiveOnLogAxis(.y, "polygon 0 \"P\"", 2, -3) = $0 { return true } else { return false }
        }
    }

    func testInvalidFixedRanges() {
        let logFromZero = Figure(title: "t", xAxis: Axis(scale: .log, range: 0...10), series: [good])
        assertThrows(logFromZero, mentions: ["x axis", "positive lower bound"]) {
            if case .invalidRange(.x, 0, 10, _) = $0 { return true } else { return false }
        }
        let infinite = Figure(title: "t", yAxis: Axis(range: -Double.infinity...1), series: [good])
        assertThrows(infinite, mentions: ["y axis", "finite"]) {
            if case .invalidRange(.y, -.infinity, 1, _) = $0 { return true } else { return false }
        }
        // Ranges whose length overflows or vanishes (issue 18: they trapped
        // converting an infinite logarithm to Int) are errors naming the axis.
        for (lo, hi) in [(-1.7e308, 1.7e308), (0, 5e-324), (1, 1 + 1e-15)] {
            let f = Figure(title: "t", xAxis: Axis(range: lo...hi), series: [good])
            assertThrows(f, mentions: ["x axis", "to draw"]) {
                if case .invalidRange(.x, lo, hi, _) = $0 { return true } else { return false }
            }
        }
        let tinyData = Figure(title: "t", series: [Series(name: "s", points: [Point(0, 0), Point(5e-324, 1)])])
        assertThrows(tinyData, mentions: ["x axis", "too narrow"]) {
            if case .invalidRange(.x, _, _, _) = $0 { return true } else { return false }
        }
        // A fixed range of zero length is widened, not an error.
        let point = Figure(title: "t", xAxis: Axis(range: 2...2), series: [good])
        XCTAssertEqual(try point.frame().xRange, 1.8...2.2)
    }

    func testPolygonWithTooFewVertices() {
        let f = Figure(title: "t", series: [good], polygons: [Polygon(name: "segment", vertices: [Point(0, 0), Point(1, 1)])])
        assertThrows(f, mentions: ["polygon 0 \"segment\"", "at least 3 vertices", "found 2"]) {
            if case .tooFewVertices("polygon 0 \"segment\"", 2) = $0 { return true } else { return false }
        }
    }

    func testStepXValuesMustIncrease() {
        let f = Figure(title: "t", series: [Series(name: "CS", style: .step(.leftClosed), points: [Point(0, 1), Point(0.5, 2), Point(0.5, 3)])])
        assertThrows(f, mentions: ["series 0 \"CS\"", "point 2", "x = 0.5 after x = 0.5"]) {
            if case .stepNotIncreasing("series 0 \"CS\"", 2, 0.5, 0.5) = $0 { return true } else { return false }
        }
        // The same points drawn as a line are fine.
        XCTAssertNoThrow(try Figure(title: "t", series: [Series(name: "CS", points: f.series[0].points)]).svg())
    }

    func testMismatchedColumns() {
        XCTAssertThrowsError(try Series(name: "p*", x: [0, 0.5, 1], y: [1, 2])) { error in
            guard case .mismatchedLengths("series \"p*\"", 3, 2)? = error as? PlotError else { return XCTFail("\(error)") }
            XCTAssertEqual("\(error)", "series \"p*\": 3 x values but 2 y values")
        }
        XCTAssertEqual(try Series(name: "p*", x: [0, 1], y: [2, 3]).points, [Point(0, 2), Point(1, 3)])
    }

    func testCanvasTooSmall() {
        assertThrows(Figure(title: "t", series: [good], width: 100, height: 80), mentions: ["100×80", "at least 40×40"]) {
            if case .canvasTooSmall(100, 80, _) = $0 { return true } else { return false }
        }
        assertThrows(Figure(title: "t", series: [good], width: 0, height: 450), mentions: ["must be positive"]) {
            if case .canvasTooSmall(0, 450, _) = $0 { return true } else { return false }
        }
    }
}
