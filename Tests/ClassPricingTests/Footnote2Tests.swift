import XCTest
import Numerics
@testable import ClassPricing
@testable import ClassPricingSolvers

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

    /// The per-process DP memo the sweeps share answers what a fresh DP answers
    /// (partitions in original indices, SSD, prices, profit), whatever order the
    /// K are asked in and for cost lists that differ only in order.
    func testPartitionLayersMemoEqualsAFreshDP() throws {
        let memo = PartitionLayersMemo()
        let costs = [Rational(3, 10), Rational(1, 10), Rational(7, 10), Rational(1, 10), Rational(1, 2), Rational(9, 10)]
        for list in [costs, costs.reversed(), costs] {
            let u = try UniformClassPricing(costs: list)
            let fresh = try u.optimalPartitions(maxK: list.count)
            for k in [2, 1, 5, 3, 6, 4] {
                let got = try memo.optimalPartitions(u, maxK: k)
                XCTAssertEqual(got.count, k)
                XCTAssertEqual(got.map(\.partition), fresh.prefix(k).map(\.partition), "\(list) K = \(k)")
                XCTAssertEqual(got.map(\.ssd), fresh.prefix(k).map(\.ssd))
                XCTAssertEqual(got.map(\.prices), fresh.prefix(k).map(\.prices))
                XCTAssertEqual(got.map(\.grossProfit), fresh.prefix(k).map(\.grossProfit))
            }
            XCTAssertThrowsError(try memo.optimalPartitions(u, maxK: 7))
            XCTAssertThrowsError(try memo.optimalPartitions(u, maxK: 0))
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
