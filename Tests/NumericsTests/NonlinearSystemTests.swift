import Foundation
import XCTest
import Numerics

final class NonlinearSystemTests: XCTestCase {

    func testCircleAndDiagonal() throws {
        // x² + y² = 1, x = y: the root in the positive quadrant is (1/√2, 1/√2).
        let r = try NonlinearSystem.newton({ v in [v[0] * v[0] + v[1] * v[1] - 1, v[0] - v[1]] }, initial: [1, 0.2])
        XCTAssertEqual(r.x[0], 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(r.x[1], 0.5.squareRoot(), accuracy: 1e-12)
        XCTAssertLessThanOrEqual(r.residualNorm, 1e-12)
        XCTAssertLessThan(r.iterations, 10)   // quadratic convergence from a nearby start
    }

    func testLinearSystemIsSolvedInOneStep() throws {
        // A linear F: the forward-difference Jacobian is exact up to rounding,
        // so one Newton step lands on the solution of 2x + y = 3, x − y = 0 → (1, 1).
        let r = try NonlinearSystem.newton({ v in [2 * v[0] + v[1] - 3, v[0] - v[1]] }, initial: [10, -7])
        XCTAssertEqual(r.x[0], 1, accuracy: 1e-10)
        XCTAssertEqual(r.x[1], 1, accuracy: 1e-10)
        XCTAssertLessThanOrEqual(r.iterations, 2)
    }

    func testThreeUnknownsAgainstKnownRoot() throws {
        // F(x) = (x₁ + x₂ + x₃ − 6, x₁x₂x₃ − 6, x₁² + x₂² − 5) has the root (1, 2, 3).
        let f: ([Double]) -> [Double] = { v in
            [v[0] + v[1] + v[2] - 6, v[0] * v[1] * v[2] - 6, v[0] * v[0] + v[1] * v[1] - 5]
        }
        let r = try NonlinearSystem.newton(f, initial: [0.8, 2.3, 2.9])
        for (got, want) in zip(r.x, [1.0, 2, 3]) { XCTAssertEqual(got, want, accuracy: 1e-11) }
    }

    func testBacktrackingFromAFarStart() throws {
        // arctan(x) = 0 from x = 3: the full Newton step overshoots to ≈ −9.5 and
        // diverges without the line search; with it the iteration converges to 0.
        let r = try NonlinearSystem.newton({ [atan($0[0])] }, initial: [3])
        XCTAssertEqual(r.x[0], 0, accuracy: 1e-12)
    }

    func testBoxKeepsIteratesInside() throws {
        // √x − 0.5 = 0 is only defined for x ≥ 0; the box [0, 4] keeps trial points there.
        let r = try NonlinearSystem.newton({ v in
            precondition(v[0] >= 0)
            return [v[0].squareRoot() - 0.5]
        }, initial: [3.9], lower: [0], upper: [4])
        XCTAssertEqual(r.x[0], 0.25, accuracy: 1e-12)
    }

    func testErrors() {
        assertNumericsError(try NonlinearSystem.newton({ $0 }, initial: [])) {
            if case .invalidArgument = $0 { return true }; return false
        }
        assertNumericsError(try NonlinearSystem.newton({ _ in [1, 2] }, initial: [0])) {
            if case .dimensionMismatch = $0 { return true }; return false
        }
        assertNumericsError(try NonlinearSystem.newton({ _ in [Double.nan] }, initial: [0])) {
            if case .nonFinite = $0 { return true }; return false
        }
        // x² + 1 has no real root: the line search stalls at the minimum of ‖F‖ (x = 0, singular Jacobian).
        assertNumericsError(try NonlinearSystem.newton({ [$0[0] * $0[0] + 1] }, initial: [0.5])) {
            if case .noConvergence = $0 { return true }; return false
        }
        assertNumericsError(try NonlinearSystem.newton({ $0 }, initial: [1], lower: [2], upper: [1])) {
            if case .invalidArgument = $0 { return true }; return false
        }
        assertNumericsError(try NonlinearSystem.newton({ $0 }, initial: [1], tolerance: 0)) {
            if case .invalidArgument = $0 { return true }; return false
        }
    }
}
