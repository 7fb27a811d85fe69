import Foundation
import XCTest
import Numerics

final class RootsTests: XCTestCase {

    // MARK: Brent

    func testBrentCosEqualsX() throws {
        let r = try Roots.brent({ cos($0) - $0 }, in: 0, 1)
        XCTAssertEqual(r.root, 0.7390851332151607, accuracy: 1e-15)
        XCTAssertLessThanOrEqual(abs(r.value), 1e-15)
        XCTAssertEqual(r.value, cos(r.root) - r.root)
        XCTAssertTrue(r.bracket.contains(r.root))
        XCTAssertLessThanOrEqual(r.bracket.upperBound - r.bracket.lowerBound, 1e-14 + 4 * .ulpOfOne)
        XCTAssertEqual(r.evaluations, r.iterations + 2)
        XCTAssertLessThan(r.evaluations, 15)  // superlinear: bisection would need ~47
    }

    func testBrentCubicWallis() throws {
        // Wallis' classical example x^3 - 2x - 5 = 0.
        let r = try Roots.brent({ $0 * $0 * $0 - 2 * $0 - 5 }, in: 2, 3)
        XCTAssertEqual(r.root, 2.0945514815423265, accuracy: 1e-14)
        XCTAssertEqual(r.evaluations, r.iterations + 2)
    }

    func testBrentFullPrecisionWithZeroTolerances() throws {
        let r = try Roots.brent({ $0 * $0 - 2 }, in: 0, 2, absoluteTolerance: 0, relativeTolerance: 0)
        XCTAssertLessThanOrEqual(abs(r.root - 2.0.squareRoot()), 2.0.squareRoot().ulp)
        // The final bracket is at most one ulp wide, or f(root) is exactly 0.
        XCTAssertTrue(r.value == 0 || r.bracket.upperBound == r.bracket.lowerBound.nextUp,
                      "bracket \(r.bracket), value \(r.value)")
    }

    func testBrentRootAtLowerEndPoint() throws {
        var calls = 0
        let r = try Roots.brent({ x -> Double in calls += 1; return x - 1 }, in: 1, 3)
        XCTAssertEqual(r.root, 1)
        XCTAssertEqual(r.value, 0)
        XCTAssertEqual(r.iterations, 0)
        XCTAssertEqual(r.evaluations, 1)
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(r.bracket, 1...1)
    }

    func testBrentRootAtUpperEndPoint() throws {
        let r = try Roots.brent({ $0 * ($0 - 2) }, in: 1, 2)
        XCTAssertEqual(r.root, 2)
        XCTAssertEqual(r.value, 0)
        XCTAssertEqual(r.evaluations, 2)
    }

    func testBrentTripleRootFallsBackToBisection() throws {
        // f is flat near the triple root; the sign is still computed exactly.
        let r = try Roots.brent({ pow($0 - 1, 3) }, in: 0, 3)
        XCTAssertEqual(r.root, 1, accuracy: 1e-13)
        XCTAssertTrue(r.bracket.contains(1))
    }

    func testBrentNegativeRootAndOrientation() throws {
        // f decreasing through the root: f(a) > 0 > f(b).
        let r = try Roots.brent({ exp(-$0) - 2 }, in: -3, 5)
        XCTAssertEqual(r.root, -log(2.0), accuracy: 1e-14)
    }

    func testBrentNoSignChangeThrows() {
        assertNumericsError(try Roots.brent({ $0 * $0 + 1 }, in: -1, 1)) {
            $0 == .noSignChange(routine: "Roots.brent", a: -1, b: 1, fa: 2, fb: 2)
        }
    }

    func testBrentNaNThrowsNonFinite() {
        // The first secant step from [0, 1] lands at 0.5, where f is NaN.
        let f: (Double) -> Double = { x in (x > 0.3 && x < 0.7) ? .nan : x - 0.5 }
        assertNumericsError(try Roots.brent(f, in: 0, 1)) {
            if case .nonFinite(routine: "Roots.brent", _) = $0 { return true }
            return false
        }
        // NaN at an end point.
        assertNumericsError(try Roots.brent({ $0 == 1 ? .nan : $0 }, in: -1, 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
        // Infinite value.
        assertNumericsError(try Roots.brent({ 1 / $0 }, in: 0, 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
        // Infinite end point.
        assertNumericsError(try Roots.brent({ $0 }, in: -.infinity, 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
    }

    func testBrentIterationCapThrowsNoConvergence() {
        assertNumericsError(
            try Roots.brent({ $0 * $0 * $0 - 2 * $0 - 5 }, in: 2, 3, maxIterations: 2)
        ) {
            if case .noConvergence(routine: "Roots.brent", iterations: 2, _) = $0 { return true }
            return false
        }
    }

    func testBrentInvalidArguments() {
        let isInvalid: (NumericsError) -> Bool = {
            if case .invalidArgument(routine: "Roots.brent", _) = $0 { return true }
            return false
        }
        assertNumericsError(try Roots.brent({ $0 }, in: 1, 1), matches: isInvalid)
        assertNumericsError(try Roots.brent({ $0 }, in: 2, -1), matches: isInvalid)
        assertNumericsError(try Roots.brent({ $0 }, in: -1, 1, absoluteTolerance: -1e-9), matches: isInvalid)
        assertNumericsError(try Roots.brent({ $0 }, in: -1, 1, relativeTolerance: .nan), matches: isInvalid)
        assertNumericsError(try Roots.brent({ $0 }, in: -1, 1, maxIterations: -1), matches: isInvalid)
    }

    func testBrentPropagatesCallerErrors() {
        struct Boom: Error {}
        XCTAssertThrowsError(try Roots.brent({ _ in throw Boom() }, in: 0, 1)) {
            XCTAssertTrue($0 is Boom)
        }
    }

    // MARK: Bisection

    func testBisectSquareRootOfTwo() throws {
        let t = try Roots.bisect(in: 0, 2, tolerance: 1e-12) { $0 * $0 <= 2 }
        XCTAssertLessThanOrEqual(t.holds * t.holds, 2)
        XCTAssertGreaterThan(t.fails * t.fails, 2)
        XCTAssertLessThan(t.holds, t.fails)
        XCTAssertLessThan(t.width, 1e-12)
        XCTAssertEqual(t.holds, 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(t.fails, 2.0.squareRoot(), accuracy: 1e-12)
        // ⌈log2(2 / 1e-12)⌉ = 41 halvings, plus the two end points.
        XCTAssertEqual(t.iterations, 41)
        XCTAssertEqual(t.evaluations, 43)
    }

    func testBisectReversedOrientation() throws {
        // False at a, true at b.
        let t = try Roots.bisect(in: 0, 1, tolerance: 1e-10) { $0 >= 1.0 / 3.0 }
        XCTAssertGreaterThan(t.holds, t.fails)
        XCTAssertGreaterThanOrEqual(t.holds, 1.0 / 3.0)
        XCTAssertLessThan(t.fails, 1.0 / 3.0)
        XCTAssertLessThan(t.width, 1e-10)
    }

    func testBisectZeroToleranceGivesAdjacentDoubles() throws {
        let t = try Roots.bisect(in: 0, 2, tolerance: 0) { $0 * $0 <= 2 }
        XCTAssertEqual(t.holds.nextUp, t.fails)
        XCTAssertLessThanOrEqual(t.holds * t.holds, 2)
        XCTAssertGreaterThan(t.fails * t.fails, 2)
    }

    func testBisectUnchangedPredicateThrows() {
        assertNumericsError(try Roots.bisect(in: 0, 1, tolerance: 1e-9) { $0 < 5 }) {
            if case let .invalidArgument(routine: "Roots.bisect", detail) = $0 {
                return detail.contains("does not change")
            }
            return false
        }
        assertNumericsError(try Roots.bisect(in: 0, 1, tolerance: 1e-9) { $0 > 5 }) {
            if case .invalidArgument = $0 { return true }
            return false
        }
    }

    func testBisectIterationCapAndArguments() {
        assertNumericsError(
            try Roots.bisect(in: 0, 2, tolerance: 1e-12, maxIterations: 10) { $0 * $0 <= 2 }
        ) {
            if case .noConvergence(routine: "Roots.bisect", iterations: 10, _) = $0 { return true }
            return false
        }
        assertNumericsError(try Roots.bisect(in: 2, 0, tolerance: 1e-9) { $0 < 1 }) {
            if case .invalidArgument = $0 { return true }
            return false
        }
        assertNumericsError(try Roots.bisect(in: 0, 2, tolerance: -1) { $0 < 1 }) {
            if case .invalidArgument = $0 { return true }
            return false
        }
        assertNumericsError(try Roots.bisect(in: 0, .nan, tolerance: 1e-9) { $0 < 1 }) {
            if case .nonFinite = $0 { return true }
            return false
        }
    }

    func testLargestSatisfying() throws {
        // The largest rho with rho^3 <= 1/2 is the cube root of 1/2.
        let rho = try Roots.largestSatisfying(in: 0, 1, tolerance: 1e-12) { $0 * $0 * $0 <= 0.5 }
        XCTAssertLessThanOrEqual(rho * rho * rho, 0.5)
        XCTAssertEqual(rho, cbrt(0.5), accuracy: 1e-12)
        XCTAssertLessThanOrEqual(rho, cbrt(0.5) + 1e-15)
    }

    func testLargestSatisfyingRejectsWrongEnds() {
        assertNumericsError(
            try Roots.largestSatisfying(in: 0, 1, tolerance: 1e-9) { $0 > 0.5 }
        ) {
            if case let .invalidArgument(routine: "Roots.largestSatisfying", detail) = $0 {
                return detail.contains("false at the lower end")
            }
            return false
        }
        assertNumericsError(
            try Roots.largestSatisfying(in: 0, 1, tolerance: 1e-9) { $0 < 2 }
        ) {
            if case let .invalidArgument(routine: "Roots.largestSatisfying", detail) = $0 {
                return detail.contains("still holds at the upper end")
            }
            return false
        }
    }
}
