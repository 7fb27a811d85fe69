import XCTest
import Numerics
@testable import Segmentation

/// Sec 5: Myerson virtual values with ironing, cross-checked against the LP.
final class LinearEnvironmentTests: XCTestCase {
    /// Footnote 25: types 1, 2, 3; qualities 1, 2; costs 0.25, 1.75; market (2/3, 1/6, 1/6).
    func testFootnote25VirtualValuesAndAllocation() throws {
        let lin = try LinearEnvironment(types: [1, 2, 3], qualities: [1, 2], costs: [r(1, 4), r(7, 4)])
        let f = try Market([r(2, 3), r(1, 6), r(1, 6)])
        let my = try lin.myersonSolution(for: f)
        XCTAssertEqual(my.virtualValues, [r(1, 2), 1, 3])       // hand: 1 − 1·(1/3)/(2/3), 2 − 1·(1/6)/(1/6), 3
        XCTAssertFalse(my.isIroned)
        XCTAssertEqual(my.maximizers, [[1], [1], [2]])           // the paper: (a1, a1, a2)
        XCTAssertTrue(my.hasUniqueMaximizers)
        let lp = try lin.environment.optimalMechanism(for: f)
        XCTAssertEqual(my.revenue, lp.revenue)
        XCTAssertEqual(my.mechanism, lp.mechanism)
        XCTAssertEqual(lin.environment.efficientAlternative, [1, 2, 2])
    }

    /// Ironing by hand: types 1, 2, 3, one quality 1 at cost 0, market
    /// (1/2, 1/8, 3/8): φ_1 = 1 − 1·(1/2)/(1/2) = 0, φ_2 = 2 − 1·(3/8)/(1/8) = −1,
    /// φ_3 = 3; pooling t1, t2 gives (1/2·0 + 1/8·(−1))/(5/8) = −1/5, so only t3
    /// is served: revenue 3·3/8 = 9/8 (posting price 3; price 1 or 2 earns 1).
    func testIroningPoolsAndMatchesTheLP() throws {
        let lin = try LinearEnvironment(types: [1, 2, 3], qualities: [1], costs: [0])
        let f = try Market([r(1, 2), r(1, 8), r(3, 8)])
        let my = try lin.myersonSolution(for: f)
        XCTAssertEqual(my.virtualValues, [0, -1, 3])
        XCTAssertEqual(my.ironedVirtualValues, [r(-1, 5), r(-1, 5), 3])
        XCTAssertEqual(my.pools, [[0, 1], [2]])
        XCTAssertTrue(my.isIroned)
        XCTAssertEqual(my.maximizers, [[0], [0], [1]])
        XCTAssertEqual(my.revenue, r(9, 8))
        XCTAssertEqual(try lin.environment.optimalRevenue(for: f), r(9, 8))
    }

    func testRandomLinearEnvironmentsMyersonEqualsLP() throws {
        var rng = SplitMix64(seed: 3)
        var checked = 0
        while checked < 10 {
            let n = rng.nextInt(in: 2...4), k = rng.nextInt(in: 1...3)
            var types: [Rational] = [], qualities: [Rational] = []
            var t = Rational(0), a = Rational(0)
            for _ in 0..<n { t += Rational(rng.nextInt(in: 1...4), 2); types.append(t) }
            for _ in 0..<k { a += Rational(rng.nextInt(in: 1...3)); qualities.append(a) }
            // Convex costs: increasing slopes.
            var costs: [Rational] = [], c = Rational(0), slope = Rational(rng.nextInt(in: 0...2), 2), previous = Rational(0)
            for q in qualities { c += slope * (q - previous); costs.append(c); previous = q; slope += Rational(rng.nextInt(in: 0...3), 2) }
            guard let lin = try? LinearEnvironment(types: types, qualities: qualities, costs: costs) else { continue }
            let f = randomMarket(types: n, rng: &rng)
            let my = try lin.myersonSolution(for: f)
            let lp = try lin.environment.optimalMechanism(for: f)
            XCTAssertEqual(my.revenue, lp.revenue, "types \(types) qualities \(qualities) costs \(costs) f \(f)")
            XCTAssertEqual(my.mechanism.violations, [])
            if my.hasUniqueMaximizers { XCTAssertEqual(my.mechanism, lp.mechanism) }
            checked += 1
        }
    }

    func testValidation() {
        assertSegmentationError(try LinearEnvironment(types: [2, 1], qualities: [1], costs: [0]), .typesNotIncreasing(types: [2, 1], index: 1))
        assertSegmentationError(try LinearEnvironment(types: [1], qualities: [0], costs: [0]), .qualitiesNotIncreasing(qualities: [0], index: 0))
        assertSegmentationError(try LinearEnvironment(types: [1], qualities: [1, 2], costs: [0]), .costCountMismatch(costs: 1, alternatives: 2))
        assertSegmentationError(try LinearEnvironment(types: [1], qualities: [1, 2], costs: [2, 1]), .costsNotIncreasing(costs: [2, 1], index: 1))
        assertSegmentationError(try LinearEnvironment(types: [1], qualities: [1, 2], costs: [1, 1]), .costsNotConvex(index: 0, quality: 1, leftSlope: 1, rightSlope: 0))   // slopes 1 then 0: not convex
        assertSegmentationError(try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: 0, maxQuality: 1, curvature: 1), .gridSizeTooSmall(k: 0))
        assertSegmentationError(try ContinuumQuadraticEnvironment(types: [1, 2], maxQuality: 0, curvature: 1), .nonPositiveMaxQuality(0))
    }
}
