import XCTest
import Numerics
@testable import Segmentation

/// The concavification of average CS restricted to segments that weakly
/// Pareto dominate q, against a brute-force maximum over two-segment
/// splits of grid markets (each checked for weak domination on its own) and
/// closed forms in the Sec 3.1.1 family with v(t_L, a_L) = α.
final class ParetoRestrictedEnvelopeTests: XCTestCase {
    /// max over grid markets x ≤ q ≤ y that weakly dominate q of the chord of
    /// A(x) = x·CS_H(x) and A(y) at q (two segments suffice on a line).
    func bruteForce(_ env: Environment, _ q: Rational, grid: Int, extra: [Rational] = [], restricted: Bool = true) throws -> Rational {
        let f = try Market.twoType(q: q)
        var points: [(Rational, Rational)] = []
        for x in (0...grid).map({ Rational($0, grid) }) + extra {
            let d = try env.dominance(of: try Market.twoType(q: x), over: f)
            guard d.weaklyDominates || !restricted else { continue }
            points.append((x, try env.optimalMechanism(for: try Market.twoType(q: x)).averageConsumerSurplus))
        }
        var best = try env.optimalMechanism(for: f).averageConsumerSurplus
        for (x, ax) in points where x < q {
            for (y, ay) in points where y > q {
                best = max(best, ax + (ay - ax) * (q - x) / (y - x))
            }
        }
        return best
    }

    func testAgainstBruteForceAndClosedForm() throws {
        for alpha in [r(3, 5), r(3, 4)] {
            let env = try section311(alpha: alpha)
            let c = try env.classifyTwoTypeMarkets()
            let whole = try c.analysis.averageSurplusConcavification()
            for k in 1..<20 {
                let q = Rational(k, 20)
                let restricted = try c.paretoRestrictedAverageSurplusEnvelope(at: q)
                // Thresholds 1 − α and α lie on the grid, so the grid attains the sup.
                XCTAssertEqual(restricted, try bruteForce(env, q, grid: 20), "α = \(alpha), q = \(q)")
                XCTAssertLessThanOrEqual(restricted, try whole.value(at: q))
                XCTAssertGreaterThanOrEqual(restricted, try c.analysis.averageConsumerSurplus(at: q))
            }
        }
        // α = 3/5, q = 1/2: restricted = chord of (2/5, 2/5) and (3/5, 6/25) = 8/25;
        // unrestricted = chord of (2/5, 2/5) and (1, 0) = 1/3.
        let c = try section311(alpha: r(3, 5)).classifyTwoTypeMarkets()
        XCTAssertEqual(try c.paretoRestrictedAverageSurplusEnvelope(at: r(1, 2)), r(8, 25))
        XCTAssertEqual(try c.analysis.averageSurplusConcavification().value(at: r(1, 2)), r(1, 3))
    }

    /// The envelopes differ on the intermediate interval (1 − α, α] iff
    /// (α, α(1 − α)) lies below the chord from (1 − α, 1 − α) to (1, 0),
    /// i.e. α² + α < 1 (α below the golden ratio conjugate ≈ 0.618).
    func testGoldenRatioCriterion() throws {
        for alpha in [r(11, 20), r(3, 5), r(61, 100), r(62, 100), r(5, 8), r(3, 4), r(9, 10)] {
            let c = try section311(alpha: alpha).classifyTwoTypeMarkets()
            let whole = try c.analysis.averageSurplusConcavification()
            let q = alpha
            let differ = try c.paretoRestrictedAverageSurplusEnvelope(at: q) != whole.value(at: q)
            XCTAssertEqual(differ, alpha * alpha + alpha < 1, "α = \(alpha)")
            // Outside (1 − α, α] they coincide.
            for s in [(1 - alpha) / 2, (1 + alpha) / 2] {
                XCTAssertEqual(try c.paretoRestrictedAverageSurplusEnvelope(at: s), try whole.value(at: s), "α = \(alpha), q = \(s)")
            }
        }
    }

    /// App A.4's E_4 (types a, 2a, qualities j/4, cost a²/2): the envelopes
    /// differ on (τ_2, τ_3) = (5/13, 7/15) only; both against brute force
    /// over grid markets plus the thresholds (where t_2's surplus steps, each
    /// threshold belonging to the interval on its left).
    func testAppendixA4EnvironmentE4() throws {
        let env = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: 4, maxQuality: 1, curvature: 1).environment
        let c = try env.classifyTwoTypeMarkets()
        XCTAssertEqual(c.analysis.breakpoints, [r(1, 9), r(3, 11), r(5, 13), r(7, 15)])
        let whole = try c.analysis.averageSurplusConcavification()
        for q in [r(1, 5), r(1, 3), r(2, 5), r(9, 20), r(1, 2), r(3, 4)] {
            let restricted = try c.paretoRestrictedAverageSurplusEnvelope(at: q)
            let unrestricted = try whole.value(at: q)
            XCTAssertEqual(restricted, try bruteForce(env, q, grid: 8, extra: c.analysis.breakpoints), "q = \(q)")
            XCTAssertEqual(unrestricted, try bruteForce(env, q, grid: 8, extra: c.analysis.breakpoints, restricted: false), "q = \(q)")
            XCTAssertEqual(restricted < unrestricted, q > r(5, 13) && q < r(7, 15), "q = \(q)")
        }
    }
}
