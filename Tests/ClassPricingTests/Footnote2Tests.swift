import XCTest
import Numerics
@testable import ClassPricing

/// Footnote 2: equally spaced costs. The exact DP loss equals the closed form
/// h²(N² − K²)/(48K²) whenever K | N, equals brute force on small N, and the
/// continuous optimum tracks the exact optimal K.
final class Footnote2Tests: XCTestCase {
    let h = Rational(1, 100)

    func testClosedFormMatchesDPWhenKDividesN() throws {
        for n in stride(from: 10, through: 99, by: 7) {
            let u = try UniformClassPricing.equallySpaced(N: n, step: h)
            let all = try u.optimalPartitions(maxK: n)
            for k in 1...n {
                let loss = all[k - 1].ssd / Rational(4 * n)
                if let closed = UniformClassPricing.equallySpacedLoss(N: n, K: k, step: h) {
                    XCTAssertEqual(loss, closed, "N=\(n) K=\(k)")
                    XCTAssertEqual(Set(all[k - 1].partition.classes.map(\.count)), [n / k])
                } else {
                    // Integer problems: the loss is at least the K | N-free continuous bound.
                    XCTAssertGreaterThanOrEqual(loss, h * h * Rational(n * n - k * k) / Rational(48 * k * k), "N=\(n) K=\(k)")
                }
            }
        }
    }

    func testDPMatchesBruteForceOnSmallN() throws {
        for n in [6, 8, 9] {
            let u = try UniformClassPricing.equallySpaced(N: n, step: h)
            let costs = (1...n).map { Rational($0) * h }
            let bf = try BruteForcePartitions.minimumSSD(costs: costs)
            for k in 1...n { XCTAssertEqual(try u.optimalPartition(K: k).ssd, -bf.valueByK[k - 1]) }
        }
    }

    /// The closed-form continuous optimum equals a numerical maximisation of
    /// (N − K) r/B − h²(N² − K²)/(48K²) over real K (second method).
    func testContinuumOptimumMaximisesTheClosedForm() throws {
        for (n, rOverB) in [(60, 1e-6), (99, 1e-5), (40, 1e-4)] {
            let g = { (k: Double) in (Double(n) - k) * rOverB - 1e-4 * (Double(n * n) - k * k) / (48 * k * k) }
            let numeric = try Optimize.maximizeBrent(g, in: 1, Double(n), tolerance: 1e-10).x
            XCTAssertEqual(UniformClassPricing.equallySpacedContinuumK(N: n, step: 0.01, rOverB: rOverB), numeric, accuracy: 1e-6)
        }
    }

    func testBadInput() {
        XCTAssertThrowsError(try UniformClassPricing.equallySpaced(N: 0, step: h)) { XCTAssertEqual($0 as? ClassPricingError, .noVersions) }
        XCTAssertThrowsError(try UniformClassPricing.equallySpaced(N: 101, step: h)) {
            XCTAssertEqual($0 as? ClassPricingError, .invalidCostStep(versions: 101, step: h))
        }
        XCTAssertNil(UniformClassPricing.equallySpacedLoss(N: 10, K: 3, step: h))
    }
}
