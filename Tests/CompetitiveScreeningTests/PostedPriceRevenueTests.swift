import Foundation
import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

/// Closed forms for the price-posting game (Sec 3.3, Sec 5.1), derived here.
///
/// iid U[0,1] duopoly. With d = p₂ − p₁, the agent buys from 1 iff θ₁ ≥ p₁ and θ₂ ≤ θ₁ + d.
///  • p₁ ≥ p₂ (d ≤ 0): θ₁ + d ∈ [p₂, 1 + d] ⊂ [0, 1], so
///      ER₁ = p₁ ∫_{p₁}^{1} (θ + d) dθ = p₁ ∫_{p₂}^{1+d} u du = p₁((1 − p₁ + p₂)² − p₂²)/2.
///  • p₁ < p₂ (d > 0): F₂(θ + d) = 1 once θ ≥ 1 − d, so
///      ER₁ = p₁[∫_{p₁}^{1−d}(θ + d) dθ + d] = p₁[(1 − p₂²)/2 + p₂ − p₁].
///  Best response. On p₁ ≥ p₂ with a = 1 + p₂: d/dp₁ = ((a − p₁)² − p₂²)/2 − p₁(a − p₁) = 0
///  ⟺ 3p₁² − 4a p₁ + a² − p₂² = 0 ⟹ p₁ = (2a − √(a² + 3p₂²))/3 (the smaller root; the cubic is
///  concave there). On p₁ < p₂ the quadratic peaks at p₁ = (1 + 2p₂ − p₂²)/4, which lies below p₂
///  iff p₂² + 2p₂ − 1 > 0 ⟺ p₂ > √2 − 1. So BR₁(p₂) = (2(1 + p₂) − √((1 + p₂)² + 3p₂²))/3 for
///  p₂ ≤ √2 − 1 and (1 + 2p₂ − p₂²)/4 above (both give √2 − 1 at p₂ = √2 − 1, since
///  11 − 6√2 = (3 − √2)²).
///
/// iid U[0,1], n firms, symmetric profile p: the winning probability at θ is θ^{n−1}, so
///   Q = ∫_p^1 θ^{n−1} dθ = (1 − pⁿ)/n, C = p^{n−1}, Q_ij = ∫_p^1 θ^{n−2} dθ = (1 − p^{n−1})/(n − 1),
///   ∂Q/∂p₁ = −C − (n − 1)Q_ij = −1, and the FOC Q − p = 0 is pⁿ + n p − 1 = 0; revenue p·Q = p².
///
/// FGM with uniform marginals (Example 5.1): F_{2|1}(x | θ) = x[1 + ρ(1 − 2θ)(1 − x)] on [0, 1].
///   With d = p₂ − p₁, the integrand at x = θ + d is g(θ) = θ + d + ρ(1 − 2θ)(θ + d)(1 − θ − d)
///   = θ + d + ρ[2θ³ + (4d − 3)θ² + (1 − 4d + 2d²)θ + d − d²], with antiderivative
///   G(θ) = θ²/2 + dθ + ρ[θ⁴/2 + (4d − 3)θ³/3 + (1 − 4d + 2d²)θ²/2 + (d − d²)θ], so
///   ER₁ = p₁[G(1) − G(p₁)] for d ≤ 0 and ER₁ = p₁[G(1 − d) − G(p₁) + d] for d > 0.
///   Symmetric FOC (d = 0): Q(p) = (1 − p²)/2 − ρp²(1 − p)²/2, C = g(p) = p + ρp(1 − p)(1 − 2p),
///   Q₁₂ = ∫_p^1 f_{2|1}(θ | θ) dθ = ∫_p^1 [1 + ρ(1 − 2θ)²] dθ = (1 − p) + ρ(1 − (2p − 1)³)/6,
///   FOC: Q(p) − p[C + Q₁₂] = 0 (at ρ = 0: p² + 2p − 1 = 0).
enum PostedPriceClosedForms {
    static func uniformDuopolyRevenue(_ p1: Double, _ p2: Double) -> Double {
        p1 >= p2 ? p1 * ((1 - p1 + p2) * (1 - p1 + p2) - p2 * p2) / 2 : p1 * ((1 - p2 * p2) / 2 + p2 - p1)
    }
    static func uniformDuopolyBestResponse(_ p2: Double) -> Double {
        p2 <= 2.0.squareRoot() - 1 ? (2 * (1 + p2) - ((1 + p2) * (1 + p2) + 3 * p2 * p2).squareRoot()) / 3
            : (1 + 2 * p2 - p2 * p2) / 4
    }
    static func fgmUniformRevenue(_ p1: Double, _ p2: Double, rho: Double) -> Double {
        let d = p2 - p1
        func G(_ t: Double) -> Double {
            t * t / 2 + d * t + rho * (t * t * t * t / 2 + (4 * d - 3) * t * t * t / 3 + (1 - 4 * d + 2 * d * d) * t * t / 2 + (d - d * d) * t)
        }
        return d <= 0 ? p1 * (G(1) - G(p1)) : p1 * (G(1 - d) - G(p1) + d)
    }
    static func fgmUniformSymmetricFOC(_ p: Double, rho: Double) -> Double {
        let q = (1 - p * p) / 2 - rho * p * p * (1 - p) * (1 - p) / 2
        let c = p + rho * p * (1 - p) * (1 - 2 * p)
        let q12 = (1 - p) + rho * (1 - pow(2 * p - 1, 3)) / 6
        return q - p * (c + q12)
    }
}

final class PostedPriceRevenueTests: XCTestCase {
    typealias CF = PostedPriceClosedForms
    let uniform = TypeDistribution.uniform()

    func testUniformDuopolyRevenueMatchesClosedForm() throws {
        let market = try PostedPriceMarket(valuations: [uniform, uniform])
        for p1 in stride(from: 0.0, through: 1.0, by: 0.05) {
            for p2 in stride(from: 0.0, through: 1.0, by: 0.1) {
                let er = try market.revenue(firm: 0, prices: [p1, p2])
                XCTAssertEqual(er, CF.uniformDuopolyRevenue(p1, p2), accuracy: 1e-13, "p = (\(p1), \(p2))")
                // Firm 2 by symmetry.
                XCTAssertEqual(try market.revenue(firm: 1, prices: [p2, p1]), er, accuracy: 1e-13)
            }
        }
    }

    func testAnalyticFOCAgainstCentralDifferences() throws {
        // Asymmetric, n = 3, with kinks inside the range: U[0,1], Beta(2, 2) on [0, 1.5], linear.
        let ds = try ["uniform", "beta(2, 2, upper=1.5)", "linear(slope=0.5)"].map { try TypeDistribution(parsing: $0) }
        let market = try PostedPriceMarket(valuations: ds)
        let h = 1e-5
        for prices in [[0.3, 0.5, 0.2], [0.6, 0.4, 0.45], [0.2, 1.1, 0.7]] {
            for i in 0..<3 {
                let s = try market.revenueSlope(firm: i, prices: prices)
                var up = prices, down = prices
                up[i] += h; down[i] -= h
                let fd = (try market.revenue(firm: i, prices: up) - market.revenue(firm: i, prices: down)) / (2 * h)
                XCTAssertEqual(s.revenueSlope, fd, accuracy: 1e-8, "∂ER_\(i + 1)/∂p_\(i + 1) at \(prices)")
                XCTAssertEqual(s.revenue, try market.revenue(firm: i, prices: prices), accuracy: 1e-15)
                for j in 0..<3 where j != i {
                    var uj = prices, dj = prices
                    uj[j] += h; dj[j] -= h
                    let fdj = (try market.revenue(firm: i, prices: uj) - market.revenue(firm: i, prices: dj)) / (2 * h)
                    XCTAssertEqual(s.crossRevenueSlope(j), fdj, accuracy: 1e-8, "∂ER_\(i + 1)/∂p_\(j + 1) at \(prices)")
                }
            }
        }
    }

    func testIIDUniformSymmetricFOCPieces() throws {
        // Q = (1 − pⁿ)/n, C = p^{n−1}, Q_ij = (1 − p^{n−1})/(n − 1) (derived above).
        for n in 2...5 {
            let market = try PostedPriceMarket(valuations: Array(repeating: uniform, count: n))
            let p = 0.37
            let s = try market.revenueSlope(firm: 0, prices: Array(repeating: p, count: n))
            let nd = Double(n)
            XCTAssertEqual(s.demand, (1 - pow(p, nd)) / nd, accuracy: 1e-14)
            XCTAssertEqual(s.boundary, pow(p, nd - 1), accuracy: 1e-14)
            for j in 1..<n { XCTAssertEqual(s.crossDemand[j], (1 - pow(p, nd - 1)) / (nd - 1), accuracy: 1e-14) }
            XCTAssertEqual(s.ownDemandSlope, -1, accuracy: 1e-14)
            XCTAssertEqual(s.revenueSlope, (1 - pow(p, nd)) / nd - p, accuracy: 1e-14)
        }
    }

    func testFGMUniformRevenueAndFOCMatchClosedForms() throws {
        for rho in [-1.0, -0.4, 0, 0.3, 0.5, 0.8, 1] {
            let pair = ValuationPair(own: uniform, opponent: uniform, copula: try Copula.fgmChecked(rho: rho))
            let market = try PostedPriceMarket(pair: pair)
            for p1 in stride(from: 0.0, through: 1.0, by: 0.1) {
                for p2 in stride(from: 0.0, through: 1.0, by: 0.125) {
                    XCTAssertEqual(try market.revenue(firm: 0, prices: [p1, p2]), CF.fgmUniformRevenue(p1, p2, rho: rho),
                                   accuracy: 1e-13, "ρ = \(rho), p = (\(p1), \(p2))")
                    XCTAssertEqual(try market.revenue(firm: 1, prices: [p2, p1]), CF.fgmUniformRevenue(p1, p2, rho: rho),
                                   accuracy: 1e-13, "firm 2, ρ = \(rho)")
                }
            }
            for p in [0.1, 0.35, 0.6, 0.9] {
                let s = try market.revenueSlope(firm: 0, prices: [p, p])
                XCTAssertEqual(s.revenueSlope, CF.fgmUniformSymmetricFOC(p, rho: rho), accuracy: 1e-13, "FOC at ρ = \(rho), p = \(p)")
            }
        }
    }

    func testTwoPointOwnTypesWithTieBreaking() throws {
        // θ₁ ∈ {0.3, 0.7} with equal mass, θ₂ ~ U[0,1] posting p₂ = 0.4 (Example 3.1's instance).
        // At p₁ = 0.3 (pooling) both types buy when θ₂ ≤ θ₁ − 0.3 + 0.4: revenue
        // 0.3·[0.5·F(0.4) + 0.5·F(0.8)] = 0.3·0.6 = 0.18; the strict rule loses the
        // zero-utility low type: 0.3·0.5·0.8 = 0.12.
        let own = try TypeDistribution(parsing: "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])")
        let weak = try PostedPriceMarket(valuations: [own, uniform])
        let strict = try PostedPriceMarket(valuations: [own, uniform], tieBreaking: .strict)
        XCTAssertEqual(try weak.revenue(firm: 0, prices: [0.3, 0.4]), 0.18, accuracy: 1e-15)
        XCTAssertEqual(try strict.revenue(firm: 0, prices: [0.3, 0.4]), 0.12, accuracy: 1e-15)
        // Opponent with an atom tied with the agent: θ₂ two-point {0.2, 0.6}, θ₁ = 0.5 for sure, prices 0.3, 0.4:
        // the θ₂ = 0.6 type gets 0.2 from firm 2 and 0.2 from firm 1 — a tie. Weak: F₂(0.6) = 1; strict: F₂(0.6⁻) = 0.5.
        let point = try TypeDistribution(parsing: "atoms(values=[0.5], masses=[1])")
        let opp = try TypeDistribution(parsing: "atoms(values=[0.2, 0.6], masses=[0.5, 0.5])")
        XCTAssertEqual(try PostedPriceMarket(valuations: [point, opp]).revenue(firm: 0, prices: [0.3, 0.4]), 0.3, accuracy: 1e-15)
        XCTAssertEqual(try PostedPriceMarket(valuations: [point, opp], tieBreaking: .strict).revenue(firm: 0, prices: [0.3, 0.4]),
                       0.15, accuracy: 1e-15)
        // Best response of the two-point firm: the weak supremum max over the candidates p ∈ {θ_L, θ_H}:
        // pooling 0.18; skimming 0.7·0.5·F(0.4) = 0.14 → BR = 0.3.
        let br = try weak.bestResponse(firm: 0, prices: [0, 0.4])
        XCTAssertEqual(br.maximizers, [0.3])
        XCTAssertEqual(br.revenue, 0.18, accuracy: 1e-15)
    }

    func testMixedAtomAndDensityAgainstSecondMethod() throws {
        // Own: 0.4·U[0,1] + 0.6·δ_{0.8}; opponent U[0,1]; brute-force midpoint sum as a second method.
        let own = try TypeDistribution(parsing: "mixture(0.4*uniform, 0.6*atoms(values=[0.8], masses=[1]))")
        let market = try PostedPriceMarket(valuations: [own, uniform])
        for (p1, p2) in [(0.2, 0.5), (0.5, 0.3), (0.8, 0.1)] {
            let m = 200_000
            var sum = 0.0
            for k in 0..<m {
                let t = p1 + (1 - p1) * (Double(k) + 0.5) / Double(m)
                sum += 0.4 * min(1, max(0, t - p1 + p2))
            }
            let expected = p1 * (sum * (1 - p1) / Double(m) + 0.6 * min(1, max(0, 0.8 - p1 + p2)))
            XCTAssertEqual(try market.revenue(firm: 0, prices: [p1, p2]), expected, accuracy: 1e-10)
        }
    }

    func testBadInputNamesTheConcept() throws {
        func key(_ body: () throws -> Any) -> CompetitiveScreeningError? {
            do { _ = try body(); return nil } catch { return error as? CompetitiveScreeningError }
        }
        XCTAssertEqual(key { try PostedPriceMarket(valuations: [self.uniform]) }, .tooFewFirms(1))
        XCTAssertEqual(key { try PostedPriceMarket(valuations: [self.uniform, self.uniform], copula: .fgm(rho: 1.5)) }, .fgmParameter(rho: 1.5))
        XCTAssertEqual(key { try PostedPriceMarket(valuations: [self.uniform, self.uniform, self.uniform], copula: .fgm(rho: 0.5)) }, .copulaNeedsDuopoly(firms: 3))
        let atoms = try TypeDistribution(parsing: "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])")
        XCTAssertEqual(key { try PostedPriceMarket(valuations: [self.uniform, atoms], copula: .fgm(rho: 0.5)) },
                       .copulaNeedsContinuousLaw(role: .firm(1), law: atoms.description))
        let market = try PostedPriceMarket(valuations: [uniform, TypeDistribution.uniform(upper: 2)])
        XCTAssertEqual(key { try market.revenue(firm: 0, prices: [0.5]) }, .priceCount(prices: 1, firms: 2))
        XCTAssertEqual(key { try market.revenue(firm: 0, prices: [1.2, 0.5]) }, .priceOutsideSupport(firm: 0, price: 1.2, upper: 1))
        XCTAssertEqual(key { try market.revenue(firm: 0, prices: [0.5, -0.1]) }, .priceOutsideSupport(firm: 1, price: -0.1, upper: 2))
        XCTAssertNil(key { try market.revenue(firm: 0, prices: [0.5, 1.9]) })   // θ̄₂ = 2
        XCTAssertEqual(key { try market.revenue(firm: 2, prices: [0.5, 0.5]) }, .noSuchFirm(2, firms: 2))
        XCTAssertEqual(key { try market.bestResponsePoint(firm: 0, opponent: 0, prices: [0.5, 0.5], opponentPrice: 0.2) }, .opponentIsFirm(0))
    }
}
