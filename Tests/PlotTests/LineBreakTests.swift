import XCTest
@testable import Plot

/// Lines broken at jumps: the jump rule (Jumps.swift) and the drawn path,
/// which restarts with "M" after a jump and has no segment across it.
final class LineBreakTests: XCTestCase {
    let grid = (0...10).map { Double($0) / 10 }

    func testJumpRuleFindsJumpsAndIsolatedPointsButNotKinks() {
        // y = x below 1/2, x + 1 from 1/2 on: the step from 0.4 to 0.5 is the jump.
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, $0 < 0.5 ? $0 : $0 + 1) }), [5])
        // A kink (|x − 1/2|), and one inside a step (max(0, x − 0.45)): no jump.
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, abs($0 - 0.5)) }), [])
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, max(0, $0 - 0.45)) }), [])
        // A value of its own at x = 1/2 (Wernerfelt's losses at a regime end): cut on both sides.
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, $0 == 0.5 ? 1 : $0 / 10) }), [5, 6])
        // At the first point, as the buyer-design loss at γ = 0 on steps of 0.01: 49/1200, then ≈ 0.124 − 0.31 γ.
        XCTAssertEqual(Series.jumpBreaks((0...50).map { Double($0) / 100 }.map { Point($0, $0 == 0 ? 0.041 : 0.124 - 0.31 * $0) }), [1])
        // Constant curves, steady smooth ones and a non-uniform grid (a boundary 1/300 from a grid point) have none.
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, 2) }), [])
        XCTAssertEqual(Series.jumpBreaks(grid.map { Point($0, $0 * $0) }), [])
        let uneven = [0.3, 0.31, 0.32, 0.33, 1.0 / 3, 0.34, 0.35].map { Point($0, 0.02 + 0.0625 * max(0, $0 - 1.0 / 3)) }
        XCTAssertEqual(Series.jumpBreaks(uneven), [])
        // Every point twice (one row per firm): a repeated point is no step, so the curve's own steps are compared.
        XCTAssertEqual(Series.jumpBreaks(grid.flatMap { [Point($0, 0.5 - 0.08 * $0), Point($0, 0.5 - 0.08 * $0)] }), [])
        XCTAssertEqual(Series.jumpBreaks(grid.flatMap { x in [Point(x, x < 0.5 ? x : x + 1), Point(x, x < 0.5 ? x : x + 1)] }), [10])
        // A vertical step (two values at one x) is a jump.
        XCTAssertEqual(Series.jumpBreaks([Point(0, 0), Point(1, 1), Point(1, 3), Point(2, 4)]), [2])
    }

    /// The polyline pieces of series 0's path, as data points.
    func pieces(_ figure: Figure) throws -> (pieces: [[(x: Double, y: Double)]], dots: [(x: Double, y: Double)]) {
        let doc = try SVGDocument(try figure.svg())
        let f = try figure.frame()
        XCTAssertTrue(doc.all("polyline").isEmpty, "a broken line is a path")
        let d = try XCTUnwrap(doc.all("path", class: "line-pieces").first { $0.series == 0 }?.attributes["d"])
        XCTAssertTrue(d.hasPrefix("M"))
        let pieces = d.split(separator: "M").map { piece in
            piece.split(separator: "L").map { pair -> (x: Double, y: Double) in
                let c = pair.split(separator: ",").map { Double($0)! }
                return (f.xRange.lowerBound + (c[0] - f.left) / f.width * (f.xRange.upperBound - f.xRange.lowerBound),
                        f.yRange.lowerBound + (f.bottom - c[1]) / f.height * (f.yRange.upperBound - f.yRange.lowerBound))
            }
        }
        return (pieces, doc.all("circle", class: "line-point").map { dataPoint($0, f) })
    }

    func testBrokenLineRestartsAtTheJumpWithNoSegmentAcrossIt() throws {
        let points = grid.map { Point($0, $0 < 0.5 ? $0 : $0 + 1) }
        let figure = Figure(title: "jump", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...2),
                            series: [Series(name: "f", points: points, breaks: Series.jumpBreaks(points))])
        let drawn = try pieces(figure)
        XCTAssertEqual(drawn.pieces.count, 2, "one M per piece")
        assertPoints(drawn.pieces[0], (0...4).map { (Double($0) / 10, Double($0) / 10) })
        assertPoints(drawn.pieces[1], (5...10).map { (Double($0) / 10, Double($0) / 10 + 1) })
        // No segment joins (0.4, 0.4) to (0.5, 1.5): every drawn segment stays within one piece of x.
        for piece in drawn.pieces {
            for (a, b) in zip(piece, piece.dropFirst()) { XCTAssertFalse(a.x < 0.45 && b.x > 0.45, "a segment crosses the jump: \(a) → \(b)") }
        }
        XCTAssertTrue(drawn.dots.isEmpty)
        XCTAssertTrue(try SVGDocument(try figure.svg()).all("desc")[0].text.contains("line \"f\" (11 points in 2 pieces)"))
        // Without breaks the same points are one polyline, as before.
        let joined = try SVGDocument(try Figure(title: "jump", series: [Series(name: "f", points: points)]).svg())
        XCTAssertEqual(joined.all("polyline").count, 1)
        XCTAssertTrue(joined.all("path", class: "line-pieces").isEmpty)
    }

    func testAPieceOfOnePointIsADot() throws {
        let points = grid.map { Point($0, $0 == 0.5 ? 1 : $0 / 10) }
        let breaks = Series.jumpBreaks(points)
        let figure = Figure(title: "isolated value", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1),
                            series: [Series(name: "f", points: points, breaks: breaks + [0, 99, 5])])
        let drawn = try pieces(figure)
        XCTAssertEqual(drawn.pieces.count, 2, "out-of-range and repeated breaks are ignored")
        XCTAssertEqual(drawn.pieces.map(\.count), [5, 5])
        assertPoints(drawn.dots, [(0.5, 1)])
    }
}
