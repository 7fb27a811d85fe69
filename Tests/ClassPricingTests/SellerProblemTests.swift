import XCTest
import Numerics
@testable import ClassPricing

final class SellerProblemTests: XCTestCase {
    func randomCosts(_ rng: inout SplitMix64, _ n: Int) -> [Rational] {
        (0..<n).map { _ in Rational(rng.nextInt(in: 0...100), 100) }
    }

    /// Finding 1 + Proposition 1: DP (intervals, min SSD) equals brute force over all
    /// set partitions of the exact profit, for every K, on seeded random instances.
    func testDPMatchesBruteForceUniform() throws {
        var rng = SplitMix64(seed: 2008)
        for trial in 0..<12 {
            let n = 3 + trial % 6   // 3...8
            let costs = randomCosts(&rng, n)
            let solver = try UniformClassPricing(costs: costs)
            let dp = try solver.optimalPartitions(maxK: n)
            let bf = try BruteForcePartitions.uniform(costs: costs)
            let ssd = try BruteForcePartitions.minimumSSD(costs: costs)
            for k in 0..<n {
                XCTAssertEqual(dp[k].grossProfit, bf.valueByK[k], "profit K=\(k + 1) costs=\(costs)")
                XCTAssertEqual(dp[k].ssd, -ssd.valueByK[k], "SSD K=\(k + 1)")
                // Profit-maximising partitions are exactly the SSD-minimising ones (Finding 1).
                XCTAssertEqual(Set(bf.allOptimaByK[k]), Set(ssd.allOptimaByK[k]))
                // Proposition 1: some optimum is an interval partition in cost order
                // (with tied costs, non-interval optima can exist).
                let sortedPos = Dictionary(uniqueKeysWithValues: solver.sortedOrder.enumerated().map { ($1, $0) })
                let relabelled = bf.allOptimaByK[k].map { ClassPartition($0.classes.map { $0.map { sortedPos[$0]! } }) }
                XCTAssertTrue(relabelled.contains { $0.isIntervalPartition })
                if Set(costs).count == n { XCTAssertTrue(relabelled.allSatisfy { $0.isIntervalPartition }) }
            }
        }
    }

    func testFloatingPartitionerMatchesExact() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<10 {
            let n = rng.nextInt(in: 2...40)
            let costs = randomCosts(&rng, n)
            let k = rng.nextInt(in: 1...n)
            let exact = try UniformClassPricing(costs: costs).optimalPartition(K: k)
            let fast = try UniformCostPartitioner.optimalPartition(costs: costs.map { $0.doubleValue }, K: k)
            XCTAssertEqual(fast.ssd, exact.ssd.doubleValue, accuracy: 1e-12)
            XCTAssertEqual(fast.grossProfit, exact.grossProfit.doubleValue, accuracy: 1e-12)
        }
    }

    /// Class prices from the FOC (18) by Brent vs direct maximisation, and vs (1 + c̄)/2 for uniform F.
    func testClassPriceRootVsMaximisation() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<8 {
            let n = rng.nextInt(in: 2...5)
            let vs = try (0..<n).map { _ in try Version(cost: rng.nextDouble() * 0.8, distribution: .power(0.5 + 3 * rng.nextDouble())) }
            let prob = try SellerProblem(versions: vs, r: 0, B: 1)
            let cls = Array(0..<n)
            let a = try prob.classPrice(cls), b = try prob.classPriceByMaximization(cls)
            XCTAssertEqual(a.profit, b.profit, accuracy: 1e-10)
            XCTAssertEqual(a.price, b.price, accuracy: 1e-5)
        }
        let u = try SellerProblem(versions: [Version(cost: 0.2), Version(cost: 0.5)], r: 0, B: 1)
        XCTAssertEqual(try u.classPrice([0, 1]).price, (1 + 0.35) / 2, accuracy: 1e-12)
        XCTAssertEqual(try u.classPrice([0, 1]).profit, 2 * 0.65 * 0.65 / 4 / 2, accuracy: 1e-12)
    }

    /// Propositions 2/3: interval DP equals brute force on MLR power families
    /// (F_n = x^{a_n}, a_n increasing) with equal or increasing costs.
    func testPropositionsNoInterlacingPowerFamily() throws {
        var rng = SplitMix64(seed: 99)
        for trial in 0..<6 {
            let n = 4 + trial % 3
            var a = (0..<n).map { _ in 0.5 + 3 * rng.nextDouble() }; a.sort()
            let c0 = 0.1 * rng.nextDouble()
            let vs = try (0..<n).map { try Version(cost: trial % 2 == 0 ? c0 : c0 + 0.05 * Double($0), distribution: .power(a[$0])) }
            let prob = try SellerProblem(versions: vs, r: 0, B: 1)
            let bf = try BruteForcePartitions.seller(prob)
            let dp = try prob.optimalIntervalPartitions(maxK: n)
            for k in 0..<n {
                XCTAssertEqual(dp[k].grossProfit, bf.valueByK[k], accuracy: 1e-9, "K=\(k + 1) a=\(a)")
                XCTAssertTrue(bf.bestByK[k].isIntervalPartition, "\(bf.bestByK[k])")
            }
        }
    }

    func testInvalidInput() throws {
        func failure(_ f: () throws -> Void) -> ClassPricingError? {
            do { try f(); return nil } catch let e as ClassPricingError { return e } catch { XCTFail("\(error)"); return nil }
        }
        XCTAssertEqual(failure { _ = try UniformClassPricing(costs: [Rational(3, 2)]) }, .costOutOfRange(version: 0, cost: Rational(3, 2)))
        XCTAssertEqual(failure { _ = try UniformClassPricing(costs: []) }, .noVersions)
        XCTAssertEqual(failure { _ = try Version(cost: -0.1) }, .realCostOutOfRange(version: nil, cost: -0.1))
        XCTAssertEqual(failure { _ = try UniformClassPricing(costs: [Rational(1, 2)]).optimalPartition(K: 2) }, .classCountOutOfRange(K: 2, versions: 1))
        XCTAssertEqual(failure { _ = try UniformClassPricing(costs: [Rational(1, 2)]).optimalPartition(K: 0) }, .classCountOutOfRange(K: 0, versions: 1))
        XCTAssertEqual(failure { _ = try SellerProblem(versions: [Version(cost: 0.1)], r: -1, B: 1) }, .invalidPricingCost(-1))
        XCTAssertEqual(failure { _ = try SellerProblem(versions: [Version(cost: 0.1)], r: 0, B: 0.5) }, .tooFewBuyers(0.5))
        XCTAssertEqual(failure { _ = try ValueDistribution(name: "bad", cdf: { 1 - $0 }, density: { _ in 1 }) }, .cdfEndpoints(atZero: 1, atOne: 0))
        guard case .densityIntegral(let integral)? = failure({ _ = try ValueDistribution(name: "bad", cdf: { $0 }, density: { _ in 2 }) }) else {
            return XCTFail("a density integrating to 2 is not rejected")
        }
        XCTAssertEqual(integral, 2, accuracy: 1e-9)
        XCTAssertEqual(failure { _ = try BilateralTrade<Rational>.appendixExample(gamma: Rational(3, 5)) }, .gammaOutOfRange(0.6))
        XCTAssertEqual(failure { _ = try BilateralTrade<Rational>.appendixExample(gamma: Rational(1, 5)).solve(.sellerDesignBuyerChoice, K: 2, tieBreaking: .shading(epsilon: .zero)) },
                       .nonPositiveShading(0))
        XCTAssertEqual(failure { _ = try BilateralTrade<Rational>.appendixExample(gamma: Rational(1, 5)).solve(.sellerDesignBuyerChoice, K: 3) },
                       .classCountOutOfRange(K: 3, versions: 2))
        XCTAssertEqual(failure { _ = try UniformCostPartitioner.optimalPartition(costs: [0.5, 2], K: 1) }, .realCostOutOfRange(version: 1, cost: 2))
        XCTAssertEqual(failure { _ = try UniformClassPricing(costs: [Rational(1, 2)]).profit(ClassPartition([[0]]), rOverB: Rational(-1)) }, .invalidPricingCost(-1))
        let e = ClassPricingError.classCountOutOfRange(K: 0, versions: 3)
        XCTAssertTrue(e.description.contains("K = 0"))
        // Unsorted costs are sorted, not rejected; partitions refer to original indices.
        let s = try UniformClassPricing(costs: [Rational(9, 10), Rational(1, 10), Rational(8, 10)])
        XCTAssertEqual(try s.optimalPartition(K: 2).partition, ClassPartition([[1], [0, 2]]))
    }
}
