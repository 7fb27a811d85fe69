import XCTest
import Numerics
@testable import Segmentation

/// Section 3: the exact optimal-mechanism LP, selection rules, payment
/// uniqueness and binding constraints, against hand computation and brute force.
final class OptimalMechanismTests: XCTestCase {
    /// Hand computation for Sec 3.1.1: the candidate mechanisms are
    /// M1 (a_H to both at 1, revenue 1), M2 (a_L at α to t_L, a_H at α + 1 to
    /// t_H, revenue α + q) and M3 (t_H alone at 2, revenue 2q); random
    /// allocations to t_L give revenue linear in the lottery, so
    /// R(q) = max(1, α + q, 2q).
    func testSection311RevenueAndMechanismsByHand() throws {
        let env = try section311()
        for q in [r(1, 10), r(1, 4), r(1, 3), r(1, 2), r(3, 4), r(4, 5), r(9, 10)] {
            let om = try env.optimalMechanism(for: try Market.twoType(q: q))
            XCTAssertEqual(om.revenue, max(1, r(3, 4) + q, 2 * q), "q = \(q)")
            XCTAssertEqual(om.mechanism.violations, [])
            XCTAssertEqual(om.selection, .welfareFirst)
        }
        // The paper: [0, 0.25] a_H to both at 1; (0.25, 0.75] a_L at 0.75 / a_H at 1.75; (0.75, 1] outside option / a_H at 2.
        let low = try env.optimalMechanism(for: try Market.twoType(q: r(1, 4)))
        XCTAssertEqual(low.mechanism.allocation[0], env.deterministic(2))
        XCTAssertEqual(low.mechanism.payment, [1, 1])
        XCTAssertTrue(low.isEfficient)
        XCTAssertEqual(low.consumerSurplus, [0, 1])
        let mid = try env.optimalMechanism(for: try Market.twoType(q: r(3, 4)))
        XCTAssertEqual(mid.mechanism.allocation[0], env.deterministic(1))
        XCTAssertEqual(mid.mechanism.payment, [r(3, 4), r(7, 4)])
        XCTAssertEqual(mid.consumerSurplus, [0, r(1, 4)])      // "his surplus of 0.25 in market 0.75"
        XCTAssertEqual(mid.inefficientTypes, [0])
        let high = try env.optimalMechanism(for: try Market.twoType(q: r(4, 5)))
        XCTAssertEqual(high.mechanism.allocation[0], env.deterministic(0))
        XCTAssertEqual(high.mechanism.payment, [0, 2])
        // q = 1: only the high type, efficient.
        let top = try env.optimalMechanism(for: try Market.twoType(q: 1))
        XCTAssertEqual(top.mechanism.support, [1])
        XCTAssertTrue(top.isEfficient)
        XCTAssertEqual(top.consumerSurplus, [nil, 0])
    }

    func testSelectionRulesAtTheTies() throws {
        let env = try section311()
        let quarter = try Market.twoType(q: r(1, 4)), threeQuarters = try Market.twoType(q: r(3, 4))
        // welfare-first and consumer-first reproduce the paper; buyer-worst does not.
        XCTAssertEqual(try env.optimalMechanism(for: quarter, selection: .welfareFirst).consumerSurplus, [0, 1])
        XCTAssertEqual(try env.optimalMechanism(for: quarter, selection: .consumerFirst).consumerSurplus, [0, 1])
        XCTAssertEqual(try env.optimalMechanism(for: quarter, selection: .buyerWorst).consumerSurplus, [0, r(1, 4)])
        XCTAssertEqual(try env.optimalMechanism(for: threeQuarters, selection: .welfareFirst).consumerSurplus, [0, r(1, 4)])
        XCTAssertEqual(try env.optimalMechanism(for: threeQuarters, selection: .consumerFirst).consumerSurplus, [0, r(1, 4)])
        let worst = try env.optimalMechanism(for: threeQuarters, selection: .buyerWorst)
        XCTAssertEqual(worst.consumerSurplus, [0, 0])
        XCTAssertEqual(worst.mechanism.allocation[0], env.deterministic(0))
        XCTAssertEqual(worst.revenue, r(3, 2))
    }

    func testPaymentRangesUniquenessAndBindingConstraints() throws {
        let env = try section311()
        let tie = try env.optimalPaymentRanges(for: try Market.twoType(q: r(1, 4)))
        XCTAssertEqual(tie.map(\.minimum), [r(3, 4), 1])
        XCTAssertEqual(tie.map(\.maximum), [1, r(7, 4)])
        let tie2 = try env.optimalPaymentRanges(for: try Market.twoType(q: r(3, 4)))
        XCTAssertEqual(tie2.map(\.minimum), [0, r(7, 4)])
        XCTAssertEqual(tie2.map(\.maximum), [r(3, 4), 2])
        XCTAssertFalse(try env.hasUniqueOptimalPaymentRule(for: try Market.twoType(q: r(1, 4))))
        XCTAssertTrue(try env.hasUniqueOptimalPaymentRule(for: try Market.twoType(q: r(1, 2))))
        XCTAssertTrue(try env.hasUniqueOptimalMechanism(for: try Market.twoType(q: r(1, 2))))
        XCTAssertFalse(try env.hasUniqueOptimalMechanism(for: try Market.twoType(q: r(3, 4))))
        let mid = try env.optimalMechanism(for: try Market.twoType(q: r(1, 2)))
        XCTAssertEqual(mid.bindingIR, [0])
        XCTAssertEqual(mid.bindingIC, [ICConstraint(from: 1, to: 0)])
        XCTAssertEqual(try env.optimalRevenue(for: try Market.twoType(q: r(1, 2))), r(5, 4))
    }

    /// Brute force: the optimum of the LP is the best vertex of the lifted
    /// polytope of IC-IR mechanisms, enumerated by `Polytope.vertices`.
    func testLPOptimumEqualsBestVertexByBruteForce() throws {
        var rng = SplitMix64(seed: 11)
        for (n, k) in [(2, 1), (2, 2), (3, 1), (2, 2), (3, 1), (2, 2)] {
            let env = randomEnvironment(types: n, alternatives: k, rng: &rng)
            let market = randomMarket(types: n, rng: &rng)
            let program = MechanismProgram(environment: env, types: Array(0..<n))
            var constraints = program.lp.constraints
            for v in 0..<program.variableCount { constraints.append(LinearConstraint(program.unit(v), .greaterOrEqual, Rational.zero)) }
            let vertices = try Polytope.vertices(of: constraints, dimension: program.variableCount)
            let best = vertices.map { x in (0..<n).reduce(Rational.zero) { $0 + market[$1] * x[program.pIndex($1)] } }.max()!
            let om = try env.optimalMechanism(for: market)
            XCTAssertEqual(om.revenue, best, "n = \(n), k = \(k), valuations \(env.netValuations), f = \(market)")
            XCTAssertEqual(om.mechanism.violations, [])
        }
    }

    /// Skipping lexicographic stages (objectives constant on the face by the
    /// complementary-slackness null-space test) never changes the selected
    /// mechanism: compare with running every stage.
    func testEarlyStopMatchesFullLexicographicSelection() throws {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<14 {
            let n = trial < 12 ? 2 + trial % 2 : 4, k = trial < 12 ? 1 + trial % 3 : 3
            let env = randomEnvironment(types: n, alternatives: k, rng: &rng)
            let market = randomMarket(types: n, rng: &rng)
            for rule in SelectionRule.allCases {
                let program = MechanismProgram(environment: env, types: Array(0..<n))
                let objectives = [program.paymentObjective(market.weights)] + program.selectionObjectives(rule)
                let full = try program.lp.maximizeLexicographically(objectives, options: .exact)
                let fast = try env.optimalMechanism(for: market, selection: rule)
                XCTAssertEqual(fast.mechanism, program.mechanism(from: full.solution.x), "trial \(trial), rule \(rule)")
            }
        }
    }
}

/// The range checks given the revenue LP's solution from the selected
/// mechanism agree with the ones that solve it themselves.
final class RevenueSolutionReuseTests: XCTestCase {
    func testRangesWithKnownRevenueSolutionMatchFreshOnSeededMarkets() throws {
        var rng = SplitMix64(seed: 314)
        for _ in 0..<40 {
            let env = PropertyCheck.randomEnvironment(types: rng.nextInt(in: 2...4), alternatives: rng.nextInt(in: 1...3), using: &rng)
            let market = try Market((0..<env.typeCount).map { _ in rng.nextInt(in: 1...20) })
            let optimum = try env.optimalMechanism(for: market)
            XCTAssertEqual(optimum.revenueSolution.objectiveValue, optimum.revenue)
            XCTAssertEqual(try env.optimalPaymentRanges(for: market, revenueSolution: optimum.revenueSolution),
                           try env.optimalPaymentRanges(for: market))
            XCTAssertEqual(try env.hasUniqueOptimalMechanism(for: market, revenueSolution: optimum.revenueSolution),
                           try env.hasUniqueOptimalMechanism(for: market))
        }
    }
}
