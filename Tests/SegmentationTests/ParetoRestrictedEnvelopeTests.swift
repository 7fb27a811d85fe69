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
    func bruteForce(_ env: Environment, _ q: Rational, grid: Int) throws -> Rational {
        let f = try Market.twoType(q: q)
        var points: [(Rational, Rational)] = []
        for k in 0...grid {
            let x = Rational(k, grid)
            let d = try env.dominance(of: try Market.twoType(q: x), over: f)
            guard d.weaklyDominates else { continue }
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
}
