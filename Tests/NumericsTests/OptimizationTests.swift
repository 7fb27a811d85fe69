import Foundation
import XCTest
import Numerics

final class OptimizationTests: XCTestCase {

    // MARK: Brent minimisation / golden section

    func testMinimizeBrentQuadratic() throws {
        let r = try Optimize.minimizeBrent({ ($0 - 2) * ($0 - 2) + 1 }, in: 0, 5)
        XCTAssertEqual(r.x, 2, accuracy: 1e-7)
        XCTAssertEqual(r.value, 1, accuracy: 1e-14)
        XCTAssertEqual(r.evaluations, r.iterations + 1)
    }

    func testMaximizeSinOnZeroPi() throws {
        let viaMax = try Optimize.maximizeBrent({ sin($0) }, in: 0, Double.pi)
        XCTAssertEqual(viaMax.x, Double.pi / 2, accuracy: 1e-7)
        XCTAssertEqual(viaMax.value, 1, accuracy: 1e-14)
        let viaMin = try Optimize.minimizeBrent({ -sin($0) }, in: 0, Double.pi)
        XCTAssertEqual(viaMin.x, Double.pi / 2, accuracy: 1e-7)
        XCTAssertEqual(viaMin.value, -1, accuracy: 1e-14)
        XCTAssertEqual(viaMax.x, viaMin.x)  // same iterates
    }

    func testBrentAndGoldenSectionAgree() throws {
        // exp(x) - 2x has its minimum at ln 2, value 2 - 2 ln 2.
        let f: (Double) -> Double = { exp($0) - 2 * $0 }
        let brent = try Optimize.minimizeBrent(f, in: 0, 2)
        let golden = try Optimize.goldenSection(f, in: 0, 2)
        XCTAssertEqual(brent.x, log(2.0), accuracy: 1e-7)
        XCTAssertEqual(golden.x, log(2.0), accuracy: 1e-7)
        XCTAssertEqual(brent.x, golden.x, accuracy: 1e-7)
        XCTAssertEqual(brent.value, 2 - 2 * log(2.0), accuracy: 1e-14)
        XCTAssertEqual(golden.value, 2 - 2 * log(2.0), accuracy: 1e-14)
        // Golden section: the bracket shrinks by 0.618 per evaluation.
        XCTAssertEqual(golden.evaluations, golden.iterations + 2)
        XCTAssertLessThan(brent.evaluations, golden.evaluations)
    }

    func testGoldenSectionEvaluationCount() throws {
        // Width 1 down to 2·tol = 2e-6: ⌈log(1/2e-6)/log(1.618…)⌉ = 28 iterations.
        let r = try Optimize.goldenSection({ abs($0 - 0.3) }, in: 0, 1, tolerance: 1e-6)
        XCTAssertEqual(r.x, 0.3, accuracy: 2e-6)
        XCTAssertEqual(r.iterations, 28)
        XCTAssertEqual(r.evaluations, 30)
    }

    func testMinimizeBrentNonSmoothAndEndPoint() throws {
        // Kink: parabolic steps fail, golden-section steps take over.
        let kink = try Optimize.minimizeBrent({ abs($0 - 0.3) }, in: 0, 1, tolerance: 1e-9)
        XCTAssertEqual(kink.x, 0.3, accuracy: 3e-9)
        // Minimum at the end point: approached to within the tolerance.
        let edge = try Optimize.minimizeBrent({ $0 }, in: 0, 1, tolerance: 1e-9)
        XCTAssertEqual(edge.x, 0, accuracy: 3e-9)
        XCTAssertGreaterThanOrEqual(edge.x, 0)
    }

    func testMaximizeBrentWithInfeasibleRegion() throws {
        // -inf marks infeasible points when maximising.
        let r = try Optimize.maximizeBrent(
            { $0 < 0.5 ? -.infinity : -($0 - 0.8) * ($0 - 0.8) }, in: 0, 1)
        XCTAssertEqual(r.x, 0.8, accuracy: 1e-7)
        XCTAssertEqual(r.value, 0, accuracy: 1e-14)
    }

    func testScalarOptimiserFailures() {
        assertNumericsError(try Optimize.minimizeBrent({ ($0 - 2) * ($0 - 2) }, in: 0, 5, maxIterations: 3)) {
            if case .noConvergence(routine: "Optimize.minimizeBrent", iterations: 3, _) = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.goldenSection({ $0 * $0 }, in: -1, 1, maxIterations: 3)) {
            if case .noConvergence(routine: "Optimize.goldenSection", iterations: 3, _) = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.minimizeBrent({ _ in .nan }, in: 0, 1)) {
            if case .nonFinite(routine: "Optimize.minimizeBrent", _) = $0 { return true }
            return false
        }
        // Unbounded in the direction of optimisation.
        assertNumericsError(try Optimize.maximizeBrent({ _ in .infinity }, in: 0, 1)) {
            if case .nonFinite(routine: "Optimize.maximizeBrent", _) = $0 { return true }
            return false
        }
        // Infeasible everywhere.
        assertNumericsError(try Optimize.maximizeBrent({ _ in -.infinity }, in: 0, 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
        let isInvalid: (NumericsError) -> Bool = {
            if case .invalidArgument = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.minimizeBrent({ $0 }, in: 1, 0), matches: isInvalid)
        assertNumericsError(try Optimize.minimizeBrent({ $0 }, in: 0, 1, tolerance: 0), matches: isInvalid)
        assertNumericsError(try Optimize.goldenSection({ $0 }, in: 0, 1, tolerance: -1), matches: isInvalid)
    }

    // MARK: Global 1-D maximiser

    func testGlobalFindsNarrowHigherPeak() throws {
        let f: (Double) -> Double = {
            exp(-($0 - 0.2) * ($0 - 0.2) / 0.01) + 1.3 * exp(-($0 - 0.8) * ($0 - 0.8) / 0.0004)
        }
        // A local method started on the whole interval settles on the broad peak.
        let local = try Optimize.maximizeBrent(f, in: 0, 1)
        XCTAssertEqual(local.x, 0.2, accuracy: 1e-3)
        XCTAssertLessThan(local.value, 1.01)

        let g = try Optimize.maximizeGlobal(f, in: 0, 1)
        XCTAssertEqual(g.maximizers.count, 1)
        XCTAssertEqual(g.maximizers[0], 0.8, accuracy: 1e-7)
        XCTAssertEqual(g.value, 1.3, accuracy: 1e-12)
        // Both local maxima were refined.
        XCTAssertEqual(g.candidates.count, 2)
        XCTAssertEqual(g.candidates[0].x, 0.2, accuracy: 1e-7)
        XCTAssertEqual(g.candidates[0].value, 1, accuracy: 1e-12)
        XCTAssertEqual(g.candidates[1].x, g.maximizers[0])
        XCTAssertGreaterThan(g.evaluations, 401)
    }

    func testGlobalReturnsBothEqualMaxima() throws {
        // -(x^2 - 1)^2 has maxima of value 0 at x = -1 and x = 1.
        let f: (Double) -> Double = { -($0 * $0 - 1) * ($0 * $0 - 1) }
        for grid in [401, 400, 37] {  // ±1 on the grid (401) or not (400, 37)
            let g = try Optimize.maximizeGlobal(f, in: -2, 2, gridPoints: grid)
            XCTAssertEqual(g.maximizers.count, 2, "grid \(grid)")
            guard g.maximizers.count == 2 else { continue }
            XCTAssertEqual(g.maximizers[0], -1, accuracy: 1e-7, "grid \(grid)")
            XCTAssertEqual(g.maximizers[1], 1, accuracy: 1e-7, "grid \(grid)")
            XCTAssertEqual(g.value, 0, accuracy: 1e-12)
        }
    }

    func testGlobalEndPointMaxima() throws {
        let g = try Optimize.maximizeGlobal({ $0 }, in: 0, 1)
        XCTAssertEqual(g.maximizers, [1])
        XCTAssertEqual(g.value, 1)
        // cos(2πx) on [0, 1]: equal maxima at both end points.
        let c = try Optimize.maximizeGlobal({ cos(2 * Double.pi * $0) }, in: 0, 1)
        XCTAssertEqual(c.maximizers, [0, 1])
        XCTAssertEqual(c.value, 1)
    }

    func testGlobalPlateauAndInfeasiblePoints() throws {
        // min(x, 0.5) is maximal on the whole plateau [0.5, 1]: one representative.
        let p = try Optimize.maximizeGlobal({ min($0, 0.5) }, in: 0, 1)
        XCTAssertEqual(p.maximizers.count, 1)
        XCTAssertGreaterThanOrEqual(p.maximizers[0], 0.5)
        XCTAssertEqual(p.value, 0.5)
        // log(x) - x is -inf at x = 0 and maximal at x = 1 with value -1.
        let l = try Optimize.maximizeGlobal({ log($0) - $0 }, in: 0, 3)
        XCTAssertEqual(l.maximizers.count, 1)
        XCTAssertEqual(l.maximizers[0], 1, accuracy: 1e-7)
        XCTAssertEqual(l.value, -1, accuracy: 1e-14)
    }

    func testGlobalTieTolerance() throws {
        // Two peaks whose heights differ by 1e-6.
        let f: (Double) -> Double = {
            max(1 - 10 * ($0 - 0.25) * ($0 - 0.25), 1 - 1e-6 - 10 * ($0 - 0.75) * ($0 - 0.75))
        }
        let strict = try Optimize.maximizeGlobal(f, in: 0, 1)
        XCTAssertEqual(strict.maximizers.count, 1)
        XCTAssertEqual(strict.maximizers[0], 0.25, accuracy: 1e-7)
        XCTAssertEqual(strict.candidates.count, 2)
        let loose = try Optimize.maximizeGlobal(f, in: 0, 1, tieTolerance: 1e-5)
        XCTAssertEqual(loose.maximizers.count, 2)
        XCTAssertEqual(loose.maximizers[1], 0.75, accuracy: 1e-7)
        XCTAssertEqual(loose.value, 1, accuracy: 1e-14)
    }

    func testGlobalFailures() {
        assertNumericsError(try Optimize.maximizeGlobal({ $0 > 0.5 ? .nan : $0 }, in: 0, 1)) {
            if case .nonFinite(routine: "Optimize.maximizeGlobal", _) = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.maximizeGlobal({ _ in -.infinity }, in: 0, 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
        let isInvalid: (NumericsError) -> Bool = {
            if case .invalidArgument(routine: "Optimize.maximizeGlobal", _) = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.maximizeGlobal({ $0 }, in: 0, 1, gridPoints: 2), matches: isInvalid)
        assertNumericsError(try Optimize.maximizeGlobal({ $0 }, in: 1, 1), matches: isInvalid)
        assertNumericsError(try Optimize.maximizeGlobal({ $0 }, in: 0, 1, tieTolerance: -1), matches: isInvalid)
        assertNumericsError(
            try Optimize.maximizeGlobal({ $0 }, in: -.greatestFiniteMagnitude, .greatestFiniteMagnitude),
            matches: isInvalid)
    }

    // MARK: 2-D maximiser

    func testMaximize2DInteriorQuadratic() throws {
        // f = -(x-0.3)^2 - 2(y+0.1)^2 + xy/10. The gradient vanishes where
        //   2x - y/10 = 0.6,   x/10 - 4y = 0.4   (Cramer's rule below).
        let f: (Double, Double) -> Double = { x, y in
            -(x - 0.3) * (x - 0.3) - 2 * (y + 0.1) * (y + 0.1) + x * y / 10
        }
        let det = 2.0 * -4.0 - (-0.1) * 0.1
        let xStar = (0.6 * -4.0 - (-0.1) * 0.4) / det
        let yStar = (2.0 * 0.4 - 0.1 * 0.6) / det
        XCTAssertEqual(xStar, 2.36 / 7.99, accuracy: 1e-15)
        XCTAssertEqual(yStar, -0.74 / 7.99, accuracy: 1e-15)
        let r = try Optimize.maximize2D(f, x: -1...1, y: -1...1)
        XCTAssertTrue(r.converged)
        XCTAssertEqual(r.x, xStar, accuracy: 1e-6)
        XCTAssertEqual(r.y, yStar, accuracy: 1e-6)
        XCTAssertEqual(r.value, f(xStar, yStar), accuracy: 1e-12)
        XCTAssertGreaterThan(r.evaluations, 41 * 41)
    }

    func testMaximize2DBoundaryMaxima() throws {
        // Unconstrained maximum (2, 1) lies outside the box: on the edge x = 1
        // the best y is x/2 = 0.5; there ∂f/∂x = 2 > 0, so (1, 0.5) is the KKT point.
        let edge = try Optimize.maximize2D({ x, y in -(x - 2) * (x - 2) - (y - x / 2) * (y - x / 2) },
                                           x: 0...1, y: 0...1)
        XCTAssertEqual(edge.x, 1, accuracy: 1e-9)
        XCTAssertEqual(edge.y, 0.5, accuracy: 1e-6)
        XCTAssertEqual(edge.value, -1, accuracy: 1e-12)
        // Linear objective: maximum at a corner.
        let corner = try Optimize.maximize2D({ x, y in x + 2 * y }, x: -1...2, y: 0...3)
        XCTAssertEqual(corner.x, 2)
        XCTAssertEqual(corner.y, 3)
        XCTAssertEqual(corner.value, 8)
    }

    func testMaximize2DBimodal() throws {
        // Broad peak of height 1 at (0.2, 0.2); narrow, higher peak of 1.2 at (0.7, 0.8).
        let f: (Double, Double) -> Double = { x, y in
            exp(-((x - 0.2) * (x - 0.2) + (y - 0.2) * (y - 0.2)) / 0.02)
                + 1.2 * exp(-((x - 0.7) * (x - 0.7) + (y - 0.8) * (y - 0.8)) / 0.005)
        }
        let r = try Optimize.maximize2D(f, x: 0...1, y: 0...1)
        XCTAssertTrue(r.converged)
        XCTAssertEqual(r.x, 0.7, accuracy: 1e-6)
        XCTAssertEqual(r.y, 0.8, accuracy: 1e-6)
        XCTAssertEqual(r.value, 1.2, accuracy: 1e-12)
    }

    func testMaximize2DRidgeAndInfeasibleEdges() throws {
        // Rosenbrock's banana valley (negated): maximum 0 at (1, 1).
        let banana = try Optimize.maximize2D(
            { x, y in -(1 - x) * (1 - x) - 100 * (y - x * x) * (y - x * x) },
            x: -2...2, y: -1...3)
        XCTAssertEqual(banana.x, 1, accuracy: 1e-5)
        XCTAssertEqual(banana.y, 1, accuracy: 1e-5)
        XCTAssertEqual(banana.value, 0, accuracy: 1e-10)
        // log x + log y - x - 2y: -inf on the axes, maximum at (1, 1/2).
        let logs = try Optimize.maximize2D({ x, y in log(x) + log(y) - x - 2 * y }, x: 0...2, y: 0...2)
        XCTAssertEqual(logs.x, 1, accuracy: 1e-6)
        XCTAssertEqual(logs.y, 0.5, accuracy: 1e-6)
        XCTAssertEqual(logs.value, -2 - log(2.0), accuracy: 1e-12)
    }

    func testMaximize2DConvergedFlagForCutOffSecondaryStart() throws {
        // A sharp quadratic peak of height 1 at (-1, -0.5) and Rosenbrock's
        // valley (height 0 at (1, 1)). The valley needs far more Nelder–Mead
        // iterations than the peak.
        let f: (Double, Double) -> Double = { x, y in
            let peak = 1 - 10 * ((x + 1) * (x + 1) + (y + 0.5) * (y + 0.5))
            let valley = -(1 - x) * (1 - x) - 100 * (y - x * x) * (y - x * x)
            return max(peak, valley)
        }
        let full = try Optimize.maximize2D(f, x: -2...2, y: -1...3)
        XCTAssertTrue(full.converged)
        XCTAssertEqual(full.x, -1, accuracy: 1e-9)
        XCTAssertEqual(full.y, -0.5, accuracy: 1e-9)
        XCTAssertEqual(full.value, 1, accuracy: 1e-14)
        // With a budget that suffices for the peak but not for the valley, the
        // answer is still returned, flagged as not fully converged.
        let capped = try Optimize.maximize2D(f, x: -2...2, y: -1...3, maxIterations: 150)
        XCTAssertFalse(capped.converged)
        XCTAssertEqual(capped.x, -1, accuracy: 1e-9)
        XCTAssertEqual(capped.y, -0.5, accuracy: 1e-9)
        // A budget too small for the best start throws.
        assertNumericsError(try Optimize.maximize2D(f, x: -2...2, y: -1...3, maxIterations: 20)) {
            if case .noConvergence(routine: "Optimize.maximize2D", iterations: 20, _) = $0 { return true }
            return false
        }
    }

    func testMaximize2DFailures() {
        assertNumericsError(
            try Optimize.maximize2D({ x, y in x + y > 1.5 ? .nan : x + y }, x: 0...1, y: 0...1)
        ) {
            if case .nonFinite(routine: "Optimize.maximize2D", _) = $0 { return true }
            return false
        }
        assertNumericsError(
            try Optimize.maximize2D({ x, y in -(x - 0.3) * (x - 0.3) - (y - 0.6) * (y - 0.6) },
                                    x: 0...1, y: 0...1, maxIterations: 3)
        ) {
            if case .noConvergence(routine: "Optimize.maximize2D", _, _) = $0 { return true }
            return false
        }
        let isInvalid: (NumericsError) -> Bool = {
            if case .invalidArgument(routine: "Optimize.maximize2D", _) = $0 { return true }
            return false
        }
        assertNumericsError(try Optimize.maximize2D({ x, y in x }, x: 1...1, y: 0...1), matches: isInvalid)
        assertNumericsError(
            try Optimize.maximize2D({ x, y in x }, x: 0...1, y: 0...1, gridPoints: 2), matches: isInvalid)
        assertNumericsError(
            try Optimize.maximize2D({ x, y in x }, x: 0...1, y: 0...1, tolerance: 0), matches: isInvalid)
    }
}
