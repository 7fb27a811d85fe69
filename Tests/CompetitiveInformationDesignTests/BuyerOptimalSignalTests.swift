import XCTest
import Foundation
import Numerics
@testable import CompetitiveInformationDesign

/// Roesler–Szentes's buyer-optimal signal against the two-point closed form, a
/// brute-force LP over interim-value distributions on a grid, a numerical
/// contraction check, and the seller's indifference on the support.
final class BuyerOptimalSignalTests: XCTestCase {
    func r(_ a: Int, _ b: Int = 1) -> Rational { Rational(a, b) }

    func signal(_ values: [Int], _ prior: [Rational], cost: Rational = .zero) throws -> BuyerOptimalSignal {
        try BuyerOptimalSignal(market: MonopolyMarket(values: values.map { Rational($0) }, prior: prior, cost: cost))
    }

    /// Two-point prior {c, c + h}: C_F is linear on [c, c + h] and C_G convex, so every π with B(π) ≤ h is
    /// feasible and π* solves π·exp(μ/π − 1) = h (binding at the top value); solved here by Brent on the log form.
    func testTwoPointPriorClosedForm() throws {
        for (q, cost) in [(r(1, 2), r(0)), (r(1, 4), r(1)), (r(9, 10), r(1, 3))] {
            let s = try signal([1, 2], [.one - q, q], cost: cost)   // gains {1 − c, 2 − c}
            let l = (r(1) - cost).doubleValue, h = (r(2) - cost).doubleValue, mu = l + q.doubleValue * (h - l)
            guard let root = try? Roots.brent({ log($0) + mu / $0 - 1 - log(h) }, in: max(l, 1e-9), mu - 1e-12) else {
                // B(l) ≤ h: the bottom value binds instead, π* = l when C_G(l) = 0 is the constraint.
                XCTAssertEqual(s.lowerEnd, l, accuracy: 1e-10, "q = \(q), c = \(cost)")
                XCTAssertEqual(s.bindingValue, r(1)); continue
            }
            XCTAssertEqual(s.lowerEnd, root.root, accuracy: 1e-10, "q = \(q), c = \(cost)")
            XCTAssertEqual(s.upperEnd, h, accuracy: 1e-9)
            XCTAssertEqual(s.bindingValue, r(2))
        }
        // Values {0, 1}, c = 0, P(1) = q: π* solves ln π + q/π − 1 = 0 (RS's binary example).
        let s = try signal([0, 1], [r(3, 4), r(1, 4)])
        let root = try Roots.brent({ log($0) + 0.25 / $0 - 1 }, in: 1e-6, 0.25 - 1e-12)
        XCTAssertEqual(s.lowerEnd, root.root, accuracy: 1e-11)
        XCTAssertEqual(s.consumerSurplus(highestOptimalPrice: false), 0.25 - root.root, accuracy: 1e-11)
    }

    /// C_F(x) ≥ ∫_0^x G numerically on a fine grid (trapezoid rule on G, not the closed form), mean of G = μ,
    /// and at 0.95·π* the contraction fails somewhere (minimality).
    func testContractionOnAGridAndMinimality() throws {
        for (values, prior) in [([1, 2, 3], [r(1, 3), r(1, 3), r(1, 3)]), ([0, 1, 5], [r(1, 2), r(1, 4), r(1, 4)]), ([1, 4], [r(1, 2), r(1, 2)])] {
            let s = try signal(values, prior)
            let top = Double(values.max()!), n = 40_000
            let cF = { (x: Double) in zip(values, prior).reduce(0.0) { $0 + $1.1.doubleValue * max(0, x - Double($1.0)) } }
            func worstGap(_ cdf: (Double) -> Double) -> (gap: Double, mean: Double) {
                var integral = 0.0, gap = -Double.infinity, prev = cdf(0)
                for i in 1...n {
                    let x = top * Double(i) / Double(n), g = cdf(x)
                    integral += 0.5 * (prev + g) * top / Double(n); prev = g
                    gap = max(gap, integral - cF(x))
                }
                return (gap, top - integral)
            }
            let (gap, mean) = worstGap(s.cdf)
            XCTAssertLessThan(gap, 1e-4, "\(values)")
            XCTAssertEqual(mean, s.meanGain, accuracy: 1e-4)
            let pi = 0.95 * s.lowerEnd, B = BuyerOptimalSignal.upperEnd(lowerEnd: pi, mean: s.meanGain)
            let tighter = worstGap { x in x >= B ? 1 : (x < pi ? 0 : 1 - pi / x) }
            XCTAssertGreaterThan(tighter.gap, 5e-4, "\(values): a smaller π is still feasible")
        }
    }

    /// The seller earns π* at every price on [c + π*, c + B*] and less elsewhere; CS + PS = μ = efficient surplus.
    func testSellerIndifferenceAndInvariants() throws {
        let s = try signal([2, 3, 6], [r(1, 5), r(1, 2), r(3, 10)], cost: r(1))
        for i in 0...200 {
            let p = 1 + 5 * Double(i) / 200, w = p - 1
            let survival = 1 - (s.cdf(p - 1e-12))
            let profit = w * survival
            if w >= s.lowerEnd - 1e-9 && w <= s.upperEnd + 1e-9 { XCTAssertEqual(profit, s.lowerEnd, accuracy: 1e-8) }
            else { XCTAssertLessThanOrEqual(profit, s.lowerEnd + 1e-12) }
        }
        let mu = s.market.efficientSurplus.doubleValue
        XCTAssertEqual(s.consumerSurplus(highestOptimalPrice: false) + s.producerSurplus, mu, accuracy: 1e-14)
        XCTAssertEqual(s.totalSurplus(highestOptimalPrice: false), mu, accuracy: 1e-14)
        XCTAssertEqual(s.totalSurplus(highestOptimalPrice: true), s.producerSurplus, accuracy: 1e-14)
        XCTAssertEqual(s.price(highestOptimalPrice: true), 1 + s.upperEnd, accuracy: 1e-14)
    }

    /// Brute force: an LP over interim-value distributions on a grid of means (a plan τ(w_k, g_j) with each
    /// cell's mean g_j), the price at a grid point g_i and the seller's optimality at every other grid price,
    /// maximising CS; maximised over i. Any grid solution is feasible, so it is ≤ CS*, and ≥ CS* − step.
    func testGridLinearProgramBracketsTheOptimum() throws {
        for (values, prior) in [([1, 4], [r(1, 2), r(1, 2)]), ([1, 2, 3], [r(1, 3), r(1, 3), r(1, 3)])] {
            let s = try signal(values, prior)
            let cs = s.consumerSurplus(highestOptimalPrice: false)
            let lo = Double(values.min()!), hi = Double(values.max()!), n = 25
            let grid = (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) }
            let k = values.count, vars = k * n
            var best = -Double.infinity
            for i in 0..<n {
                var obj = [Double](repeating: 0, count: vars)
                for j in i..<n { for a in 0..<k { obj[a * n + j] = grid[j] - grid[i] } }
                var lp = LinearProgram<Double>(maximize: obj)
                for a in 0..<k {
                    var row = [Double](repeating: 0, count: vars)
                    for j in 0..<n { row[a * n + j] = 1 }
                    lp.add(row, .equal, prior[a].doubleValue)
                }
                for j in 0..<n {
                    var row = [Double](repeating: 0, count: vars)
                    for a in 0..<k { row[a * n + j] = Double(values[a]) - grid[j] }
                    lp.add(row, .equal, 0)
                }
                for l in 0..<n where l != i {   // g_l·P(m ≥ g_l) ≤ g_i·P(m ≥ g_i)
                    var row = [Double](repeating: 0, count: vars)
                    for j in l..<n { for a in 0..<k { row[a * n + j] += grid[l] } }
                    for j in i..<n { for a in 0..<k { row[a * n + j] -= grid[i] } }
                    lp.add(row, .lessOrEqual, 0)
                }
                let sol = try lp.solve(options: SimplexOptions(tolerance: 1e-10, pivotTolerance: 1e-10))
                if sol.status == .optimal { best = max(best, sol.objectiveValue) }
            }
            XCTAssertLessThanOrEqual(best, cs + 1e-8, "\(values)")
            XCTAssertGreaterThan(best, cs - (hi - lo) / Double(n - 1), "\(values)")
        }
    }

    /// The consumer-worst tie, a point-mass prior, and a value below cost.
    func testDegenerateAndInvalidMarkets() throws {
        let point = try signal([3, 5], [.one, .zero], cost: r(1))
        XCTAssertEqual(point.lowerEnd, 2); XCTAssertEqual(point.upperEnd, 2); XCTAssertNil(point.bindingValue)
        XCTAssertEqual(point.consumerSurplus(highestOptimalPrice: false), 0)
        let atCost = try signal([1], [.one], cost: r(1))
        XCTAssertEqual(atCost.producerSurplus, 0)
        XCTAssertThrowsError(try signal([0, 4], [r(1, 2), r(1, 2)], cost: r(1))) { e in
            guard case CompetitiveInformationDesignError.valueBelowCost(index: 0, _, _) = e else { return XCTFail("\(e)") }
        }
    }
}
