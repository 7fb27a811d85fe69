// The one-dimensional best response under perfect correlation
// (PerfectCorrelationMenu.swift) against hand computations, the general
// menu evaluator, the lattice DP and a brute force over step menus.

import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

final class PerfectCorrelationMenuTests: XCTestCase {
    func environment(_ own: String, _ opponents: String, _ dependence: String = "perfect", _ tie: TieBreaking = .weak) throws -> WinningProbability {
        try WinningProbability(own: TypeDistribution(parsing: own), opponents: opponents, dependence: dependence, tie: tie)
    }

    /// Example 5.2 by hand: J = 2s − 1, τ = θ²/2. The menu q = θ on [0, ½), 1 above earns
    /// ∫₀^½ θ²/2 + ½·(3/8) = 5/24, and the bound ∫_{J>0} J + ∫_{J<0} Jτ′ = 1/4 − 1/24 = 5/24.
    func testExample52IsFiveTwentyFourths() throws {
        let r = try environment("uniform", "tariff(c=1)").perfectCorrelationBestResponse(cells: 2000)
        XCTAssertEqual(r.threshold, 0.5, accuracy: 1e-9)
        XCTAssertEqual(r.revenue, 5.0 / 24, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(r.upperBound, 5.0 / 24)
        XCTAssertLessThan(r.optimalityGap, 1e-8)
        // A regular law gets N = (−J)⁺ exactly, whatever the number of cells.
        let coarse = try environment("uniform", "tariff(c=1)").perfectCorrelationBestResponse(cells: 10)
        XCTAssertGreaterThanOrEqual(coarse.upperBound, 5.0 / 24)
        XCTAssertLessThan(coarse.optimalityGap, 1e-8)
    }

    /// A law that is not density-regular (truncexp(rate=3): 2f + θf′ = f(2 − 3θ) < 0 above 2/3) gets a step
    /// multiplier there: the bound stays above the 1-D menu and the DP, and tightens with the cells.
    func testNonRegularLawKeepsAValidBound() throws {
        let env = try environment("truncexp(rate=3)", "tariff(c=1)")
        let coarse = try env.perfectCorrelationBestResponse(cells: 20), fine = try env.perfectCorrelationBestResponse(cells: 2000)
        let dp = try env.menuBestResponse(LatticeSettings(cells: 50, allocationLevels: 50, utilityLevels: 101))
        for r in [coarse, fine] {
            XCTAssertGreaterThanOrEqual(r.upperBound, r.revenue)
            XCTAssertGreaterThanOrEqual(r.upperBound, dp.revenue)
        }
        XCTAssertLessThanOrEqual(fine.upperBound, coarse.upperBound + 1e-12)
        XCTAssertEqual(fine.revenue, coarse.revenue, accuracy: 1e-9)
    }

    /// A rival posting p: τ = (θ − p)⁺, so the bound is 1/4 + ∫_p^{1/2}(2s − 1) ds = p − p² (p < 1/2), the revenue
    /// of posting p itself (Prop 5.3: a posted price is the best response for a density-regular law).
    func testPostedRivalGivesThePostedPrice() throws {
        for p in [0.2, 0.4] {
            let env = try environment("uniform", "posted(\(p))")
            let r = try env.perfectCorrelationBestResponse(cells: 2000)
            XCTAssertEqual(r.revenue, p - p * p, accuracy: 1e-12)
            XCTAssertEqual(r.upperBound, p - p * p, accuracy: 1e-7)
            XCTAssertEqual(try env.bestPostedPrice().revenue, p - p * p, accuracy: 1e-9)
        }
    }

    /// Beta(2, 1) against the tariff: J = 3θ² − 1, θ* = 1/√3. The 1-D revenue equals the general evaluator's
    /// exact revenue of the menu q = θ on [0, θ*), 1 above (a second method), under weak ties.
    func testAgreesWithTheGeneralEvaluator() throws {
        for own in ["beta(2, 1)", "uniform", "linear(slope=0.5)"] {
            let env = try environment(own, "tariff(c=1)")
            let r = try env.perfectCorrelationBestResponse(cells: 2000)
            if own == "beta(2, 1)" { XCTAssertEqual(r.threshold, 1 / 3.0.squareRoot(), accuracy: 1e-7) }
            let t = "\(r.threshold)"
            let rule = try AllocationRule(parsing: "rule(knots=[0, \(t)], values=[0, 1], slopes=[1, 0])", own: env.own)
            let exact = try env.evaluate(rule).revenue
            XCTAssertEqual(exact, r.revenue, accuracy: 1e-6, own)
            XCTAssertLessThan(r.optimalityGap, 1e-7, own)
        }
    }

    /// The lattice DP approaches from below and never crosses the bound; the optimality gap it reports is
    /// larger than its rebuild gap (which is not a bound on the distance to the supremum).
    func testDPStaysBelowTheBound() throws {
        for tie in [TieBreaking.weak, .strict] {
            let env = try environment("uniform", "tariff(c=1)", "perfect", tie)
            let bound = try env.perfectCorrelationBestResponse(cells: 2000).upperBound
            let dp = try env.menuBestResponse(LatticeSettings(cells: 50, allocationLevels: 50, utilityLevels: 101))
            XCTAssertLessThanOrEqual(dp.revenue, bound)
            XCTAssertGreaterThan(bound - dp.revenue, dp.rebuildGap)
        }
    }

    /// Brute force: every non-decreasing step allocation on 6 equal cells with levels {0, ¼, …, 1} (210 menus),
    /// evaluated exactly, earns at most the bound, weak or strict ties; the best of them is within 0.03 of it.
    func testBruteForceStepMenusStayBelowTheBound() throws {
        for (own, rival) in [("uniform", "tariff(c=1)"), ("beta(2, 1)", "menu([(0.5, 0.1), (1, 0.4)])"), ("truncexp(rate=3)", "tariff(c=1)")] {
            for tie in [TieBreaking.weak, .strict] {
                let env = try environment(own, rival, "perfect", tie)
                let bound = try env.perfectCorrelationBestResponse(cells: 2000).upperBound
                var best = -Double.infinity, count = 0
                func walk(_ levels: [Int]) throws {
                    if levels.count == 6 {
                        let knots = (0..<6).map { "\(Double($0) / 6)" }.joined(separator: ", ")
                        let values = levels.map { "\(Double($0) / 4)" }.joined(separator: ", ")
                        let rule = try AllocationRule(parsing: "rule(knots=[\(knots)], values=[\(values)], slopes=[0, 0, 0, 0, 0, 0])", own: env.own)
                        let revenue = try env.evaluate(rule, detailed: false).revenue
                        XCTAssertLessThanOrEqual(revenue, bound + 1e-12, "\(own) \(levels)")
                        best = max(best, revenue); count += 1
                        return
                    }
                    for l in (levels.last ?? 0)...4 { try walk(levels + [l]) }
                }
                try walk([])
                XCTAssertEqual(count, 210)
                XCTAssertGreaterThan(best, bound - 0.03, "\(own) \(tie)")
            }
        }
    }

    /// Without perfect correlation the DP's upper bound is the monopoly revenue: 1/4 for a uniform law.
    func testRefusals() throws {
        XCTAssertFalse(try environment("uniform", "posted(0.4)", "independent").hasPerfectCorrelationBound)
        XCTAssertFalse(try environment("atoms(values=[0.4, 1], masses=[0.5, 0.5])", "posted(0.7)").hasPerfectCorrelationBound)
        XCTAssertFalse(try environment("uniform", "posted(0.4)", "perfect(offsets=[1])").hasPerfectCorrelationBound)
        XCTAssertThrowsError(try environment("uniform", "posted(0.4)", "independent").perfectCorrelationBestResponse())
        XCTAssertThrowsError(try environment("uniform", "tariff(c=1)").perfectCorrelationBestResponse(cells: 1))
        let monopoly = try WinningProbability(own: .uniform(), opponents: [], dependence: .independent)
        XCTAssertEqual(try monopoly.bestPostedPrice().revenue, 0.25, accuracy: 1e-12)
    }
}
