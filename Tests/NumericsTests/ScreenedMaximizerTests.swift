import Foundation
import XCTest
@testable import Numerics

/// `Optimize.maximizeGlobal(_:screen:…)` against the plain scan, and the
/// bound of `Quadrature.screen` against tight adaptive integrals.
final class ScreenedMaximizerTests: XCTestCase {
    /// A seeded multimodal function: a sum of sines, with optional plateaus
    /// (clamped from above) and an infeasible (−∞) stretch.
    struct Bumpy {
        var terms: [(a: Double, b: Double, c: Double)] = []
        var cap: Double?
        var infeasibleBelow: Double?
        init(seed: UInt64) {
            var rng = Xoshiro256StarStar(seed: seed)
            for _ in 0..<(1 + rng.nextInt(in: 0...3)) {
                terms.append((rng.nextDouble() * 2 - 1, 1 + 30 * rng.nextDouble(), 6 * rng.nextDouble()))
            }
            if rng.nextDouble() < 0.3 { cap = 0.2 * rng.nextDouble() }
            if rng.nextDouble() < 0.2 { infeasibleBelow = 0.3 * rng.nextDouble() }
        }
        func callAsFunction(_ x: Double) -> Double {
            if let infeasibleBelow, x < infeasibleBelow { return -.infinity }
            var y = 0.0
            for t in terms { y += t.a * sin(t.b * x + t.c) }
            if let cap { y = min(y, cap) }
            return y
        }
    }

    func testScreenedScanEqualsPlainScanOnSeededFunctions() throws {
        var saved = 0
        for seed in UInt64(1)...200 {
            let f = Bumpy(seed: seed)
            var rng = Xoshiro256StarStar(seed: seed &* 7919)
            let noise = [1e-3, 1e-6, 1e-10, 0][seed % 4 == 0 ? 3 : rng.nextInt(in: 0...2)]
            let grid = [3, 4, 17, 101, 401][rng.nextInt(in: 0...4)]
            // An honest screen: the estimate is f moved by up to `noise`, sometimes by exactly
            // the bound; now and then it gives up (NaN, ∞ bound), which forces f there.
            var screenRng = Xoshiro256StarStar(seed: seed &+ 17)
            let screen: (Double) -> (estimate: Double, bound: Double) = { x in
                let u = screenRng.nextDouble()
                if u < 0.02 { return (.nan, 1) }
                if u < 0.04 { return (f(x), .infinity) }
                let shift = u < 0.2 ? noise : (2 * screenRng.nextDouble() - 1) * noise
                return (f(x) + shift, noise)
            }
            var plainCount = 0, screenedCount = 0
            let plain = try Optimize.maximizeGlobal({ plainCount += 1; return f($0) }, in: -1, 2, gridPoints: grid, tolerance: 1e-11, tieTolerance: 0)
            let screened = try Optimize.maximizeGlobal({ screenedCount += 1; return f($0) }, screen: screen, in: -1, 2,
                                                       gridPoints: grid, tolerance: 1e-11, tieTolerance: 0)
            XCTAssertEqual(screened.maximizers, plain.maximizers, "seed \(seed)")
            XCTAssertEqual(screened.value, plain.value, "seed \(seed)")
            XCTAssertEqual(screened.candidates, plain.candidates, "seed \(seed)")
            XCTAssertEqual(screened.evaluations, screenedCount)
            XCTAssertLessThanOrEqual(screenedCount, plainCount)
            saved += plainCount - screenedCount
        }
        XCTAssertGreaterThan(saved, 10_000)  // the screen decides most grid comparisons
    }

    func testScreenedScanKeepsPlateausAndEndPoints() throws {
        // A plateau at the top (every point of it ties) and a maximum at the right end.
        let plateau: (Double) -> Double = { min($0, 0.5) }
        let exactScreen: (Double) -> (estimate: Double, bound: Double) = { (plateau($0), 0) }
        let a = try Optimize.maximizeGlobal(plateau, in: 0, 1)
        let b = try Optimize.maximizeGlobal(plateau, screen: exactScreen, in: 0, 1)
        XCTAssertEqual(a.candidates, b.candidates)
        XCTAssertEqual(a.maximizers, b.maximizers)
        let ramp = try Optimize.maximizeGlobal({ $0 }, screen: { ($0 + 1e-9, 1e-9) }, in: 0, 1)
        XCTAssertEqual(ramp.maximizers, [1])
        XCTAssertEqual(ramp.value, 1)
    }

    func testScreenedScanRejectsWhatThePlainScanRejects() {
        XCTAssertThrowsError(try Optimize.maximizeGlobal({ $0 }, screen: { ($0, 0) }, in: 1, 0))
        XCTAssertThrowsError(try Optimize.maximizeGlobal({ _ in -.infinity }, screen: { _ in (-.infinity, 0) }, in: 0, 1))
        // A screen that cannot decide anything falls back on f everywhere, so f's NaN is seen.
        XCTAssertThrowsError(try Optimize.maximizeGlobal({ $0 > 0.5 ? .nan : $0 }, screen: { _ in (.nan, 0) }, in: 0, 1))
    }

    func testScreenBoundCoversTheError() throws {
        // Smooth pieces (seeded polynomial × exponential), steep layers at a
        // piece end, and an integrable end singularity.
        var rng = Xoshiro256StarStar(seed: 42)
        var cases: [(f: (Double) -> Double, breaks: [Double])] = []
        for _ in 0..<100 {
            let c = (0..<4).map { _ in 2 * rng.nextDouble() - 1 }
            let rate = 80 * rng.nextDouble() - 40
            let breaks = rng.nextDouble() < 0.5 ? [0.3 + 0.4 * rng.nextDouble()] : []
            cases.append(({ x in (c[0] + x * (c[1] + x * (c[2] + x * c[3]))) * exp(rate * x) }, breaks))
        }
        for rate in [200.0, 2000, 20_000] { cases.append(({ x in exp(-rate * x) }, [])) }
        cases.append(({ x in 1 / x.squareRoot() }, []))
        var screenEvaluations = 0, tightEvaluations = 0
        for (f, breaks) in cases {
            let screen = try Quadrature.screen(f, from: 0, to: 1, breakpoints: breaks)
            let reference = try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: 1e-15, relativeTolerance: 1e-13, breakpoints: breaks)
            XCTAssertLessThanOrEqual(abs(screen.value - reference.value), screen.errorEstimate + 1e-13 * abs(reference.value))
            // Looser than the 1e-12 integrals the scans replace, and cheaper on the whole (not
            // always: with cancellation the end-layer rule's own 1e-9 error can force a bisection).
            XCTAssertLessThanOrEqual(screen.errorEstimate, 1e-6 * max(1, abs(reference.value)))
            let tight = try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: 1e-12, relativeTolerance: 1e-12, breakpoints: breaks)
            screenEvaluations += screen.evaluations
            tightEvaluations += tight.evaluations
        }
        XCTAssertLessThan(Double(screenEvaluations), 0.8 * Double(tightEvaluations))
        XCTAssertEqual(try Quadrature.screen({ $0 }, from: 1, to: 0).value, -0.5, accuracy: 1e-15)
        XCTAssertThrowsError(try Quadrature.screen({ $0 }, from: 0, to: 1, breakpoints: [2]))
    }
}

extension ScreenedMaximizerTests {
    /// The screen's probe check against hard end behaviour: layers at and
    /// near an end narrower than K15's outermost gap, integrable
    /// singularities, a steep logistic step, oscillation.
    func testScreenBoundCoversHardEnds() throws {
        let cases: [(String, (Double) -> Double)] = [
            ("e^-2000x", { exp(-2000 * $0) }), ("e^300(x-1)", { exp(300 * ($0 - 1)) }),
            ("1/sqrt", { 1 / $0.squareRoot() }), ("sqrt", { $0.squareRoot() }), ("log", { log($0) }), ("x^0.1", { pow($0, 0.1) }),
            ("bump at 0.003", { exp(-pow(($0 - 0.003) / 0.001, 2)) }), ("bump at 0.0005", { exp(-pow(($0 - 0.0005) / 0.0002, 2)) }),
            ("tanh", { tanh(500 * ($0 - 0.001)) }), ("logistic at 0.999", { 1 / (1 + exp(min(700, -($0 - 0.999) * 5000))) }),
            ("sin 50x", { sin(50 * $0) }),
        ]
        for (name, f) in cases {
            let reference = try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: 1e-13, relativeTolerance: 1e-13, maxSubdivisions: 5000)
            let screen = try Quadrature.screen(f, from: 0, to: 1, maxSubdivisions: 5000)
            XCTAssertLessThanOrEqual(abs(screen.value - reference.value), screen.errorEstimate, name)
            XCTAssertLessThanOrEqual(screen.errorEstimate, 1e-6, name)
        }
    }

    func testExtrapolationWeightsReproduceSextics() {
        let w = Quadrature.endExtrapolationWeights
        XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-12)
        // A polynomial of degree ≤ 6 in the distance from the end is extrapolated exactly.
        let u = (0..<7).map { 1 - Quadrature.kronrod15Nodes[$0] }
        for degree in 1...6 {
            let value = zip(w, u).reduce(0.0) { $0 + $1.0 * (1 + pow($1.1, Double(degree))) }
            XCTAssertEqual(value, 1, accuracy: 1e-9, "degree \(degree)")
        }
    }
}
