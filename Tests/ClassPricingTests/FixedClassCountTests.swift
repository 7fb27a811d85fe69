// The optimal-classes kinds at a fixed K (issue 17): the fixed-K row is the
// best partition into exactly K classes found by brute force over all set
// partitions, and the K chosen at r/B is the best of the fixed-K rows.

import XCTest
import Numerics
import ClassPricing
@testable import ClassPricingSolvers

final class FixedClassCountTests: XCTestCase {
    /// Small exact instances: sorted, unsorted, with ties, and one cost.
    static let instances: [[Rational]] = [
        [Rational(1, 2)],
        [Rational(1, 10), Rational(9, 10)],
        [Rational(4, 5), Rational(1, 10), Rational(9, 10)],
        [Rational(1, 20), Rational(3, 25), Rational(3, 10), Rational(17, 50), Rational(1, 2), Rational(31, 50)],
        [Rational(7, 10), Rational(1, 5), Rational(1, 5), Rational(9, 10), Rational(0), Rational(1, 2), Rational(3, 5)],
    ]
    static let rOverBs: [Rational] = [.zero, Rational(1, 1000), Rational(1, 100), Rational(1, 20), .one]

    /// Uniform F (exact): the fixed-K partition, its net profit and its SSD equal the brute-force optimum over all
    /// partitions into K classes (class value |S|(1 − c̄)²/(4N), and minimum SSD); prices are (1 + c̄^k)/2 (eq. (3))
    /// of the printed partition's classes, in its order.
    func testFixedKEqualsBruteForceOverKPartitions() throws {
        let rOverB = Rational(1, 100)
        for costs in Self.instances {
            let bf = try BruteForcePartitions.uniform(costs: costs)
            let ssd = try BruteForcePartitions.minimumSSD(costs: costs)
            let exact = try UniformClassPricing(costs: costs)
            for K in 1...costs.count {
                let row = try OptimalClassesRow(costs: costs, rOverB: rOverB, fixedK: K)
                XCTAssertEqual(row.count.K, K)
                XCTAssertEqual(row.optimum.secondMethodK, K)
                XCTAssertTrue(row.optimum.methodsAgree, "\(costs) K = \(K)")
                XCTAssertEqual(row.profit, bf.valueByK[K - 1] - Rational(K) * rOverB, "\(costs) K = \(K)")
                XCTAssertTrue(bf.allOptimaByK[K - 1].map(\.description).contains(row.optimum.partition),
                              "\(costs) K = \(K): \(row.optimum.partition) is not a brute-force optimum")
                let partition = try XCTUnwrap(bf.allOptimaByK[K - 1].first { $0.description == row.optimum.partition })
                XCTAssertEqual(exact.ssd(partition), -ssd.valueByK[K - 1], "\(costs) K = \(K): SSD")
                XCTAssertEqual(try exact.optimalPartition(K: K).ssd, -ssd.valueByK[K - 1], "\(costs) K = \(K): SSD")
                XCTAssertEqual(row.ssd, -ssd.valueByK[K - 1], "\(costs) K = \(K): the ssd column")
                let prices = partition.classes.map { cls in
                    (1 + cls.reduce(Rational.zero) { $0 + costs[$1] } / Rational(cls.count)) / 2
                }
                XCTAssertEqual(row.optimum.classPrices, "(" + prices.map(\.description).joined(separator: ", ") + ")",
                               "\(costs) K = \(K): class prices")
            }
        }
    }

    /// The K chosen at r/B (K = 0) and its profit are the best of the fixed-K rows (net of K r/B; ties to the smaller K),
    /// and its row is that fixed-K row.
    func testChosenKIsBestFixedKRow() throws {
        for costs in Self.instances {
            for rOverB in Self.rOverBs {
                let fixed = try (1...costs.count).map { try OptimalClassesRow(costs: costs, rOverB: rOverB, fixedK: $0) }
                var best = fixed[0]
                for row in fixed.dropFirst() where row.profit > best.profit { best = row }
                let chosen = try OptimalClassesRow(costs: costs, rOverB: rOverB)
                XCTAssertEqual(chosen.count.K, best.count.K, "\(costs) r/B = \(rOverB)")
                XCTAssertEqual(chosen.profit, best.profit, "\(costs) r/B = \(rOverB)")
                XCTAssertEqual(chosen.optimum.partition, best.optimum.partition, "\(costs) r/B = \(rOverB)")
                XCTAssertEqual(chosen.optimum.classPrices, best.optimum.classPrices, "\(costs) r/B = \(rOverB)")
            }
        }
    }

    /// Power-family F (floating point): the fixed-K profit is the brute-force best over K-partitions net of K r/B,
    /// the interval DP agrees, and the chosen K is the best fixed-K row.
    func testPowerFixedKAgainstBruteForce() throws {
        let costs = [Rational(1, 10), Rational(3, 10), Rational(1, 2), Rational(4, 5)]
        let exponents = [Rational(1, 2), Rational(1), Rational(3, 2), Rational(2)]
        let problem = try powerProblem(costs: costs, exponents: exponents)
        let bf = try BruteForcePartitions.seller(problem)
        for rOverB in Self.rOverBs {
            let fixed = try (1...costs.count).map {
                try PowerOptimalClassesRow(costs: costs, exponents: exponents, rOverB: rOverB, fixedK: $0)
            }
            for (i, row) in fixed.enumerated() {
                XCTAssertEqual(row.count.K, i + 1)
                XCTAssertEqual(row.profit, bf.valueByK[i] - Double(i + 1) * rOverB.doubleValue, accuracy: 1e-12)
                XCTAssertTrue(row.optimum.methodsAgree, "K = \(i + 1) r/B = \(rOverB)")
            }
            var best = fixed[0]
            for row in fixed.dropFirst() where row.profit > best.profit + 1e-12 { best = row }
            let chosen = try PowerOptimalClassesRow(costs: costs, exponents: exponents, rOverB: rOverB)
            XCTAssertEqual(chosen.count.K, best.count.K, "r/B = \(rOverB)")
            XCTAssertEqual(chosen.profit, best.profit, accuracy: 1e-12)
        }
    }
}
