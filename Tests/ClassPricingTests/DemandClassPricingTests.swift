import XCTest
import Distributions
import Numerics
@testable import ClassPricing

/// Sec. III with a common demand F other than uniform, or one F_n per version: the
/// interval DP against the brute force over all set partitions, and the exact values
/// against closed forms and the floating-point ones.
final class DemandClassPricingTests: XCTestCase {
    /// A seeded random demand in the text form with rational numbers: a piecewise-linear
    /// density, a non-negative polynomial density, or a mixture of the two (each normalised exactly).
    static func randomDemand(_ rng: inout SplitMix64) -> String {
        func piecewise() -> String {
            let knots = [Rational.zero, Rational(1, 4), Rational(1, 2), Rational(3, 4), .one]
            let d = (0..<5).map { _ in Rational(Int(rng.next() % 6)) + Rational(1, 10) }
            var mass = Rational.zero
            for i in 0..<4 { mass += (knots[i + 1] - knots[i]) * (d[i] + d[i + 1]) / 2 }
            return "piecewise(knots=[0, 1/4, 1/2, 3/4, 1], densities=[" + d.map { ($0 / mass).description }.joined(separator: ", ") + "])"
        }
        func polynomial() -> String {
            let c = (0..<4).map { _ in Rational(Int(rng.next() % 5)) } + [Rational(1)]
            let mass = c.enumerated().reduce(Rational.zero) { $0 + $1.element / Rational($1.offset + 1) }
            return "polynomial(coefficients=[" + c.map { ($0 / mass).description }.joined(separator: ", ") + "])"
        }
        switch rng.next() % 3 {
        case 0: return piecewise()
        case 1: return polynomial()
        default: return "mixture(1/3*\(piecewise()), 2/3*\(polynomial()))"
        }
    }

    /// Every K: the DP's optimum equals the brute force's (no interval assumption), and the
    /// brute-force optimum is a cost-interval partition with prices increasing in the average cost (Corollary 1).
    func testIntervalDPMatchesBruteForceForRandomDemands() throws {
        var rng = SplitMix64(seed: 2008)
        for trial in 0..<12 {
            let text = Self.randomDemand(&rng)
            let n = 3 + Int(rng.next() % 4)
            let costs = (0..<n).map { _ in Rational(Int(rng.next() % 19), 20) }
            let model = try DemandClassPricing(costs: costs, demand: try TypeDistribution(parsing: text))
            let dp = try model.optimalPartitions(maxK: n)
            let bf = try model.bruteForce()
            for K in 1...n {
                XCTAssertEqual(dp[K - 1].grossProfit, bf[K - 1].grossProfit, accuracy: 1e-9, "trial \(trial) \(text) K=\(K)")
                XCTAssertEqual(dp[K - 1].partition.count, K)
                let sortedMeans = zip(dp[K - 1].meanCosts, dp[K - 1].prices).sorted { $0.0 < $1.0 }
                for (a, b) in zip(sortedMeans, sortedMeans.dropFirst()) where a.0 < b.0 {
                    XCTAssertLessThan(a.1, b.1, "prices increase with the average class cost, trial \(trial)")
                }
            }
        }
    }

    /// Uniform F: the exact profit is [Σ(1 − c)² − SSD]/(4N) and the prices (1 + c̄)/2 (UniformClassPricing), for every K.
    func testUniformIsTheExactSpecialCase() throws {
        let costs = [Rational(1, 20), Rational(3, 25), Rational(3, 10), Rational(17, 50), Rational(1, 2), Rational(31, 50)]
        let model = try DemandClassPricing(costs: costs, demand: try TypeDistribution(parsing: "uniform"))
        let general = try model.optimalPartitions(maxK: costs.count)
        let uniform = try UniformClassPricing(costs: costs).optimalPartitions(maxK: costs.count)
        for (g, u) in zip(general, uniform) {
            XCTAssertEqual(g.exactGrossProfit, u.grossProfit)
            XCTAssertEqual(g.ssd, u.ssd)
            XCTAssertEqual(g.exactPrices, g.meanCosts.map { (1 + $0) / 2 })
        }
    }

    /// F(v) = 1 − (1 − v)² (f = 2(1 − v)): (3) gives p = (1 + 2c̄)/3 and the class profit |S|·4(1 − c̄)³/(27N), exactly.
    func testQuadraticCdfClosedForm() throws {
        let costs = [Rational(1, 10), Rational(1, 5), Rational(1, 2), Rational(3, 5), Rational(9, 10)]
        let model = try DemandClassPricing(costs: costs, demand: try TypeDistribution(parsing: "polynomial(coefficients=[2, -2])"))
        for classes in try model.optimalPartitions(maxK: costs.count) {
            let expected = zip(classes.partition.classes, classes.meanCosts).reduce(Rational.zero) { sum, pair in
                let (members, c) = pair
                return sum + Rational(members.count) * 4 * (1 - c).power(3) / Rational(27 * costs.count)
            }
            XCTAssertEqual(classes.exactGrossProfit, expected)
            XCTAssertEqual(classes.exactPrices, classes.meanCosts.map { (1 + 2 * $0) / 3 })
            XCTAssertEqual(classes.grossProfit, expected.doubleValue, accuracy: 1e-12)
        }
    }

    /// The power family x^3 written as a polynomial density 3x² agrees with SellerProblem's power(3)
    /// (a different cdf code path); its class prices are irrational, so there is no exact profit.
    func testPowerFamilyStaysExpressible() throws {
        let costs = [Rational(1, 10), Rational(2, 5), Rational(1, 2), Rational(4, 5)]
        let model = try DemandClassPricing(costs: costs, demand: try TypeDistribution(parsing: "polynomial(coefficients=[0, 0, 3])"))
        let power = try SellerProblem(versions: costs.map { try Version(cost: $0, distribution: .power(3)) }, r: 0, B: 1)
        let reference = try power.optimalIntervalPartitions(maxK: costs.count)
        for (g, p) in zip(try model.optimalPartitions(maxK: costs.count), reference) {
            XCTAssertEqual(g.grossProfit, p.grossProfit, accuracy: 1e-12)
            XCTAssertNil(g.exactGrossProfit)
        }
    }

    /// The same F = 1 − (1 − v)² written as a piecewise-linear density (two pieces) and as a mixture of
    /// itself gives the same exact profits; a demand whose prices are irrational (the piecewise density
    /// 1/2, 3/2, 1/2: roots (5 ± √7)/6 and the like) is not certified exact, and its float profit matches a grid search.
    func testExactPricesThroughPiecewiseAndMixtureForms() throws {
        let costs = [Rational(0), Rational(1, 4), Rational(3, 5)]
        func exact(_ text: String) throws -> [Rational?] {
            try DemandClassPricing(costs: costs, demand: try TypeDistribution(parsing: text)).optimalPartitions(maxK: 3).map(\.exactGrossProfit)
        }
        let polynomial = try exact("polynomial(coefficients=[2, -2])")
        XCTAssertFalse(polynomial.contains { $0 == nil })
        XCTAssertEqual(try exact("piecewise(knots=[0, 1/2, 1], densities=[2, 1, 0])"), polynomial)
        XCTAssertEqual(try exact("mixture(1/4*polynomial(coefficients=[2, -2]), 3/4*piecewise(knots=[0, 1/3, 1], densities=[2, 4/3, 0]))"), polynomial)
        let tent = try DemandClassPricing(costs: [0], demand: try TypeDistribution(parsing: "piecewise(knots=[0, 1/2, 1], densities=[1/2, 3/2, 1/2])"))
        let one = try tent.optimalPartitions(maxK: 1)[0]
        XCTAssertNil(one.exactGrossProfit)
        var best = 0.0
        for i in 0...100_000 { let p = Double(i) / 100_000; best = max(best, p * (1 - tent.demands[0].cdf(p))) }
        XCTAssertEqual(one.grossProfit, best, accuracy: 1e-9)
    }

    /// Per-version demands x, x², x³ (increasing exponents: an MLR-ordered family, Proposition 2/3) written as
    /// polynomial densities agree with SellerProblem's power family in index order; the brute force finds no better partition.
    func testPerVersionPowerFamilyMatchesSellerProblem() throws {
        let costs = [Rational(1, 5), Rational(1, 5), Rational(1, 5), Rational(1, 5), Rational(1, 5)]
        let texts = ["uniform", "polynomial(coefficients=[0, 2])", "polynomial(coefficients=[0, 2])", "polynomial(coefficients=[0, 0, 3])", "polynomial(coefficients=[0, 0, 3])"]
        let model = try DemandClassPricing(costs: costs, demands: try texts.map { try TypeDistribution(parsing: $0) })
        XCTAssertFalse(model.isCommonDemand)
        let power = try SellerProblem(versions: zip(costs, [1.0, 2, 2, 3, 3]).map { try Version(cost: $0, distribution: $1 == 1 ? .uniform : .power($1)) }, r: 0, B: 1)
        let reference = try power.optimalIntervalPartitions(maxK: 5)
        let dp = try model.optimalPartitions(maxK: 5), bf = try model.bruteForce()
        for K in 1...5 {
            XCTAssertEqual(dp[K - 1].grossProfit, reference[K - 1].grossProfit, accuracy: 1e-12)
            XCTAssertEqual(dp[K - 1].grossProfit, bf[K - 1].grossProfit, accuracy: 1e-9, "K=\(K): no interlacing (Proposition 2)")
        }
    }

    /// Random per-version demands: the brute force is never worse than the interval DP (it is the optimum),
    /// and every certified exact profit equals the floating-point one.
    func testPerVersionDemandsBruteForceBoundsAndExactness() throws {
        var rng = SplitMix64(seed: 33)
        var certified = 0
        for trial in 0..<8 {
            let n = 3 + Int(rng.next() % 3)
            let costs = (0..<n).map { _ in Rational(Int(rng.next() % 10), 20) }
            let pool = ["uniform", "cdf(1 - (1 - v)^2)", "polynomial(coefficients=[0, 2])", Self.randomDemand(&rng)]
            let laws = try (0..<n).map { _ in try TypeDistribution(parsing: pool[Int(rng.next() % 4)]) }
            let model = try DemandClassPricing(costs: costs, demands: laws)
            let dp = try model.optimalPartitions(maxK: n), bf = try model.bruteForce()
            for K in 1...n {
                XCTAssertGreaterThanOrEqual(bf[K - 1].grossProfit, dp[K - 1].grossProfit - 1e-12, "trial \(trial) K=\(K)")
                if let e = dp[K - 1].exactGrossProfit { certified += 1; XCTAssertEqual(e.doubleValue, dp[K - 1].grossProfit, accuracy: 1e-12) }
            }
        }
        XCTAssertGreaterThan(certified, 0)
    }

    func testRejectsAtomsAndOtherSupports() {
        XCTAssertThrowsError(try DemandClassPricing(costs: [Rational(1, 2)], demand: try TypeDistribution(parsing: "atoms(values=[0.5], masses=[1])")))
        XCTAssertThrowsError(try DemandClassPricing(costs: [Rational(1, 2)], demand: try TypeDistribution(parsing: "uniform(upper=2)")))
        XCTAssertThrowsError(try DemandClassPricing(costs: [Rational(1, 2)], demands: []))
    }
}
