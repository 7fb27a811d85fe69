import XCTest
@testable import Numerics

final class ConcaveEnvelopeTests: XCTestCase {
    func testConvexPointsCollapseToTheChord() throws {
        // y = x² on {0, 1/4, …, 1}: the envelope is the chord from (0,0) to (1,1).
        let xs = (0...4).map { Rational($0, 4) }
        let env = try ConcaveEnvelope(x: xs, y: xs.map { $0 * $0 })
        XCTAssertEqual(env.vertices, [PlanePoint(0, 0), PlanePoint(1, 1)])
        XCTAssertEqual(try env.value(at: Rational(1, 3)), Rational(1, 3))
    }

    func testConcavePointsAreKept() throws {
        let xs = (0...4).map { Rational($0, 4) }
        let env = try ConcaveEnvelope(x: xs, y: xs.map { $0 * (1 - $0) })
        XCTAssertEqual(env.vertices.count, 5)
        XCTAssertEqual(try env.value(at: Rational(1, 8)), Rational(3, 32))   // chord between 0 and 1/4
    }

    func testExactTiesAndDuplicates() throws {
        // (1, 1/2) lies exactly on the chord from (0,0) to (2,1): dropped in exact mode.
        let env = try ConcaveEnvelope(points: [PlanePoint(Rational(0), 0), PlanePoint(1, Rational(1, 2)), PlanePoint(2, 1), PlanePoint(1, -5)])
        XCTAssertEqual(env.breakpoints, [0, 2])
        // A step function's concavification: 0 on [0, 1/4), 1 on [1/4, 3/4), 3 at 1.
        let step = try ConcaveEnvelope(points: [PlanePoint(Rational(0), 0), PlanePoint(Rational(1, 4), 1), PlanePoint(Rational(3, 4), 1), PlanePoint(1, 3)])
        XCTAssertEqual(step.breakpoints, [0, Rational(1, 4), 1])
        XCTAssertEqual(try step.value(at: Rational(1, 2)), Rational(5, 3))
        XCTAssertThrowsError(try step.value(at: 2))
        XCTAssertThrowsError(try ConcaveEnvelope<Rational>(points: []))
        XCTAssertThrowsError(try ConcaveEnvelope<Double>(points: [PlanePoint(0, .nan)]))
        XCTAssertEqual(try ConcaveEnvelope(points: [PlanePoint(Rational(3), 7)]).value(at: 3), 7)
    }

    func testRandomEnvelopesAreConcaveMajorants() throws {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<200 {
            let n = Int.random(in: 1...30, using: &rng)
            let points = (0..<n).map { _ in PlanePoint(Rational(Int.random(in: -20...20, using: &rng), 3), Rational(Int.random(in: -50...50, using: &rng), 7)) }
            let env = try ConcaveEnvelope(points: points)
            // Majorant: every point lies weakly below.
            for p in points { XCTAssertGreaterThanOrEqual(try env.value(at: p.x), p.y) }
            // Vertices are input points, and slopes strictly decrease (concavity).
            for v in env.vertices { XCTAssertTrue(points.contains(v)) }
            let v = env.vertices
            if v.count >= 3 {
                for i in 1..<(v.count - 1) {
                    let s1 = (v[i].y - v[i - 1].y) / (v[i].x - v[i - 1].x)
                    let s2 = (v[i + 1].y - v[i].y) / (v[i + 1].x - v[i].x)
                    XCTAssertGreaterThan(s1, s2)
                }
            }
            // Floating mode gives the same vertices on this (exactly representable) data.
            let fenv = try ConcaveEnvelope(points: points.map { PlanePoint($0.x.doubleValue, $0.y.doubleValue) }, tolerance: 1e-12)
            XCTAssertEqual(fenv.vertices.count, env.vertices.count)
        }
    }

    func testConvexHullIsCounterClockwiseFromTheLowestLeftmostPoint() throws {
        // The payment polygon of Haghpanah–Siegel's example with interior and edge points added:
        // interior (1/2, 1), on the edge (0,0)–(0,2): (0, 1).
        let q = { (a: Int, b: Int) in Rational(a, b) }
        let pts = [PlanePoint(q(3, 4), q(7, 4)), PlanePoint(q(1, 2), 1), PlanePoint(0, 2), PlanePoint(1, 1), PlanePoint(0, 1),
                   PlanePoint(Rational(0), 0), PlanePoint(q(1, 2), 0), PlanePoint(q(3, 4), q(1, 4))]
        let hull = try ConvexHull(points: pts).vertices
        XCTAssertEqual(hull, [PlanePoint(Rational(0), 0), PlanePoint(q(1, 2), 0), PlanePoint(q(3, 4), q(1, 4)), PlanePoint(1, 1),
                              PlanePoint(q(3, 4), q(7, 4)), PlanePoint(0, 2)])
        // Counter-clockwise: every turn is to the left (positive cross product).
        for k in hull.indices {
            let (o, a, b) = (hull[k], hull[(k + 1) % hull.count], hull[(k + 2) % hull.count])
            XCTAssertGreaterThan((a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x), .zero)
        }
        // Degenerate sets: collinear points keep their two ends; one point is itself.
        XCTAssertEqual(try ConvexHull(points: [PlanePoint(0.0, 0), PlanePoint(1, 1), PlanePoint(2, 2)]).vertices, [PlanePoint(0.0, 0), PlanePoint(2, 2)])
        XCTAssertEqual(try ConvexHull(points: [PlanePoint(1.0, 1)]).vertices, [PlanePoint(1.0, 1)])
    }
}
