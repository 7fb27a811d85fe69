import Foundation
import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

final class PostedPriceEquilibriumTests: XCTestCase {
    typealias CF = PostedPriceClosedForms
    let uniform = TypeDistribution.uniform()

    func testIIDUniformEquilibriaSolvePolynomial() throws {
        // Symmetric FOC pⁿ + n p − 1 = 0 and revenue p² (derived in PostedPriceRevenueTests).
        for n in 2...6 {
            let market = try PostedPriceMarket(valuations: Array(repeating: uniform, count: n))
            let eq = try market.equilibrium()
            let root = try Roots.brent({ pow($0, Double(n)) + Double(n) * $0 - 1 }, in: 0, 1).root
            XCTAssertTrue(eq.symmetric && eq.polished && eq.startsAgree && eq.isGlobalBestResponse, "n = \(n)")
            for p in eq.prices + eq.pricesFromAbove { XCTAssertEqual(p, root, accuracy: 1e-12, "n = \(n)") }
            for r in eq.revenues { XCTAssertEqual(r, root * root, accuracy: 1e-12) }
            XCTAssertEqual(eq.totalDemand, 1 - pow(root, Double(n)), accuracy: 1e-12)
            XCTAssertLessThan(eq.focResidual, 1e-12)
        }
        // n = 2: p* = √2 − 1, revenue 3 − 2√2.
        let eq2 = try PostedPriceMarket(valuations: [uniform, uniform]).equilibrium()
        XCTAssertEqual(eq2.prices[0], 2.0.squareRoot() - 1, accuracy: 1e-13)
        XCTAssertEqual(eq2.revenues[0], 3 - 2 * 2.0.squareRoot(), accuracy: 1e-13)
    }

    func testUniformDuopolyBestResponseCurveMatchesClosedForm() throws {
        let market = try PostedPriceMarket(valuations: [uniform, uniform])
        for p2 in stride(from: 0.0, through: 1.0, by: 0.05) {
            let point = try market.bestResponsePoint(firm: 0, opponent: 1, prices: [0, p2], opponentPrice: p2)
            XCTAssertEqual(point.response.maximizers.count, 1)
            XCTAssertEqual(point.response.maximizers[0], CF.uniformDuopolyBestResponse(p2), accuracy: 1e-12, "p₂ = \(p2)")
            XCTAssertEqual(point.response.revenue, CF.uniformDuopolyRevenue(CF.uniformDuopolyBestResponse(p2), p2), accuracy: 1e-13)
            // Slope against a central difference of the closed-form BR (away from the switch at √2 − 1).
            if abs(p2 - (2.0.squareRoot() - 1)) > 1e-3 {
                let h = 1e-6
                let lo = max(0, p2 - h), hi = min(1, p2 + h)
                let exact = (CF.uniformDuopolyBestResponse(hi) - CF.uniformDuopolyBestResponse(lo)) / (hi - lo)
                XCTAssertEqual(point.slope, exact, accuracy: 1e-6, "slope at p₂ = \(p2)")
            }
            XCTAssertLessThan(abs(point.focResidual), 1e-12)
        }
    }

    /// Σ_j ∂BR_1/∂p_j along (1, 1) against 2·∂BR_1/∂p_2 from the separate
    /// one-opponent difference: equal by the symmetry of iid opponents at p_2 = p_3.
    func testSlopeSumIsTwiceTheSlopeAgainstTwoSymmetricOpponents() throws {
        let market = try PostedPriceMarket(valuations: [uniform, uniform, uniform])
        for p in [0.2, 0.35, 0.5] {
            let point = try market.bestResponsePoint(firm: 0, opponent: 1, prices: [0, p, p], opponentPrice: p)
            XCTAssertTrue(point.isDifferentiable, "p = \(p)")
            XCTAssertNotEqual(point.slope, 0, "p = \(p)")
            XCTAssertEqual(point.slopeSum, 2 * point.slope, accuracy: 1e-6, "p = \(p)")
        }
    }

    func testFGMUniformSymmetricEquilibriumMatchesClosedFormFOC() throws {
        for rho in [-1.0, -0.5, 0, 0.25, 0.5] {
            let market = try PostedPriceMarket(pair: ValuationPair(own: uniform, opponent: uniform, copula: .fgm(rho: rho)))
            let eq = try market.equilibrium()
            let root = try Roots.brent({ CF.fgmUniformSymmetricFOC($0, rho: rho) }, in: 0.05, 0.95).root
            XCTAssertEqual(eq.prices[0], root, accuracy: 1e-12, "ρ = \(rho)")
            XCTAssertEqual(eq.revenues[0], CF.fgmUniformRevenue(root, root, rho: rho), accuracy: 1e-12)
            XCTAssertTrue(eq.startsAgree && eq.isGlobalBestResponse, "ρ = \(rho)")
        }
    }

    func testAsymmetricEquilibriumIsAFixedPointOfGlobalBestResponses() throws {
        // U[0,1] against U[0,2]: Newton polish, then each price is checked against a fresh global BR.
        let market = try PostedPriceMarket(valuations: [uniform, TypeDistribution.uniform(upper: 2)])
        let eq = try market.equilibrium()
        XCTAssertFalse(eq.symmetric)
        XCTAssertTrue(eq.polished && eq.startsAgree && eq.isGlobalBestResponse)
        XCTAssertLessThan(eq.focResidual, 1e-11)
        for i in 0..<2 {
            let br = try market.bestResponse(firm: i, prices: eq.prices)
            XCTAssertEqual(br.maximizers.count, 1)
            XCTAssertEqual(br.maximizers[0], eq.prices[i], accuracy: 1e-9)
        }
        // Second method: Jacobi iteration on the closed-form-free BR alone (no polish) converges to the same prices.
        var p = [0.5, 0.5]
        for _ in 0..<200 {
            p = try (0..<2).map { try market.bestResponse(firm: $0, prices: p).maximizers[0] }
        }
        XCTAssertEqual(p[0], eq.prices[0], accuracy: 1e-9)
        XCTAssertEqual(p[1], eq.prices[1], accuracy: 1e-9)
    }

    func testLemmaA2HoldsForUniformAndFailsNowhereOnTheGrid() throws {
        let market = try PostedPriceMarket(valuations: [uniform, uniform])
        let d = try market.logRevenueDifferences(firm: 0, opponent: 1, prices: [0, 0], gridPoints: 31)
        XCTAssertEqual(d.negativeCells, 0)
        XCTAssertEqual(d.cells, 30 * 30)
        XCTAssertGreaterThanOrEqual(d.minimum, 0)
        // Closed form of the mixed partial of ln ER₁ on p₁ < p₂, where ER₁ = p₁[(1 − p₂²)/2 + p₂ − p₁]:
        // ∂² ln(A − p₁)/∂p₁∂p₂ with A = (1 − p₂²)/2 + p₂: = A′/(A − p₁)² = (1 − p₂)/(A − p₁)² ≥ 0.
    }
}
