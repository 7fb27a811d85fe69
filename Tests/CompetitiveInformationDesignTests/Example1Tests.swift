import XCTest
import Numerics
@testable import CompetitiveInformationDesign

final class Example1Tests: XCTestCase {
    static func example1() throws -> BertrandEnvironment {
        let marginal: [(value: Rational, cost: Rational, probability: Rational)] =
            [(Rational(1), Rational(1), Rational(1, 4)), (Rational(1), Rational(0), Rational(1, 4)),
             (Rational(4), Rational(1), Rational(1, 4)), (Rational(4), Rational(0), Rational(1, 4))]
        return try BertrandEnvironment.product(marginals: [marginal, marginal])
    }

    /// Residual table, eq. (2), by hand: r_i = v_i − max(0, v_j − c_j).
    func testResidualTable() throws {
        let types: [(Int, Int)] = [(1, 1), (1, 0), (4, 1), (4, 0)]
        let hand: [[Int]] = [[1, 0, -2, -3], [1, 0, -2, -3], [4, 3, 1, 0], [4, 3, 1, 0]]
        for (a, ti) in types.enumerated() {
            for (b, tj) in types.enumerated() {
                let prof = BertrandProfile(values: [Rational(ti.0), Rational(tj.0)], costs: [Rational(ti.1), Rational(tj.1)])
                XCTAssertEqual(prof.residual(of: 0), Rational(hand[a][b]), "row \(ti) col \(tj)")
            }
        }
        // The paper prints 0 on the diagonal at (1,1)/(1,1) and (4,1)/(4,1);
        // eq. (2) gives 1 there (1 − max(0, 1 − 1) = 1 and 4 − max(0, 4 − 1) = 1).
        let paperDiagonal = BertrandProfile(values: [1, 1].map { Rational($0) }, costs: [1, 1].map { Rational($0) })
        XCTAssertNotEqual(paperDiagonal.residual(of: 0), Rational(0))
    }

    func testConditionalLikelihoodsAndPrices() throws {
        let env = try Self.example1()
        let cr = try env.conditionalResiduals(producer: 0)
        XCTAssertEqual(cr.map { $0.cost }, [Rational(0), Rational(1)])
        // c_i = 1: Prob 1/3, r ∈ {3, 4} with 1/2 each; optimal price 3
        XCTAssertEqual(cr[1].share, Rational(1, 3))
        XCTAssertEqual(cr[1].distribution.support, [Rational(3), Rational(4)])
        XCTAssertEqual(cr[1].distribution.probabilities, [Rational(1, 2), Rational(1, 2)])
        XCTAssertEqual(cr[1].optimalPrices, [Rational(3)])
        // c_i = 0: Prob 2/3, r ∈ {1, 3, 4} with 1/2, 1/4, 1/4; optimal price 3
        XCTAssertEqual(cr[0].share, Rational(2, 3))
        XCTAssertEqual(cr[0].distribution.support, [Rational(1), Rational(3), Rational(4)])
        XCTAssertEqual(cr[0].distribution.probabilities, [Rational(1, 2), Rational(1, 4), Rational(1, 4)])
        XCTAssertEqual(cr[0].optimalPrices, [Rational(3)])
        // PS_i = 2·(1/8) + (3/2)·(1/4) = 5/8 by hand; second method by enumeration of eq. (1)
        XCTAssertEqual(try env.producerSurplusLowerBound(producer: 0), Rational(5, 8))
        let enumerated = try env.producerSurplusLowerBoundByEnumeration(producer: 0,
            candidatePrices: (0...8).map { Rational($0, 2) }, epsilon: Rational(1, 1000)); XCTAssertEqual(enumerated, Rational(5, 8) - Rational(1, 1000) * Rational(1, 4))
        XCTAssertEqual(env.expectedEfficientSurplus, Rational(23, 8))
        XCTAssertEqual(try env.consumerSurplusBound(), Rational(13, 8))
    }

    func testPaperSegmentationAndGreedy() throws {
        let env = try Self.example1()
        let nu = try env.conditionalResiduals(producer: 0)[0].distribution
        let paper = try XCTUnwrap(ExtremalSegmentation.proportionalPooling(nu, cost: .zero))
        XCTAssertEqual(paper.map { $0.probability }, [Rational(3, 4), Rational(1, 4)])
        XCTAssertEqual(paper[0].distribution.probabilities, [Rational(2, 3), Rational(1, 6), Rational(1, 6)])
        XCTAssertEqual(paper[1].distribution.support, [Rational(3), Rational(4)])
        XCTAssertEqual(paper[1].distribution.probabilities, [Rational(1, 2), Rational(1, 2)])
        XCTAssertEqual(paper.map { $0.price }, [Rational(1), Rational(3)])
        let chk = ExtremalSegmentation.check(paper, of: nu, cost: .zero)
        XCTAssertTrue(chk.aggregatesToPrior); XCTAssertTrue(chk.lowestValueOptimal)
        XCTAssertTrue(chk.unsegmentedPriceOptimal); XCTAssertTrue(chk.producerSurplusUnchanged)
        XCTAssertFalse(chk.everySupportPointOptimal) // price 4 earns 2/3 < 1 in the first segment
        XCTAssertEqual(chk.segmentedProfit, Rational(3, 2))
        // BBM greedy (hand): 3/4 on {1,3,4}(2/3,1/12,1/4), 1/12 on {3,4}(1/4,3/4), 1/6 on {3}
        let greedy = try ExtremalSegmentation.bbmGreedy(nu, cost: .zero)
        XCTAssertEqual(greedy.map { $0.probability }, [Rational(3, 4), Rational(1, 12), Rational(1, 6)])
        XCTAssertEqual(greedy[0].distribution.probabilities, [Rational(2, 3), Rational(1, 12), Rational(1, 4)])
        XCTAssertEqual(greedy[1].distribution.probabilities, [Rational(1, 4), Rational(3, 4)])
        let g = ExtremalSegmentation.check(greedy, of: nu, cost: .zero)
        XCTAssertTrue(g.aggregatesToPrior && g.lowestValueOptimal && g.unsegmentedPriceOptimal && g.everySupportPointOptimal && g.producerSurplusUnchanged)
    }

    func testTheorem1OnExample1() throws {
        let env = try Self.example1()
        for rule in [Theorem1Construction.SegmentationRule.bbmGreedy, .proportionalPoolingWhenPossible] {
            for mixing in [TieBreakingMixing.corrected, .paper] {
                let con = try Theorem1Construction(environment: env, mixing: mixing, segmentation: rule)
                let w = con.welfare()
                XCTAssertEqual(w.producerSurplus, [Rational(5, 8), Rational(5, 8)])
                XCTAssertEqual(w.totalSurplus, Rational(23, 8))
                XCTAssertEqual(w.consumerSurplus, Rational(13, 8))
                let eq = con.checkEquilibrium()
                if mixing == .corrected {
                    XCTAssertTrue(eq.passes, "\(rule) \(mixing): \(eq.worstDeviation)")
                } else {
                    // App. A1's printed mixing: with c_k = 1 the segment is {3, 4} (½, ½), the rival
                    // (1, 0) is alerted, and pricing just below 3.5 earns
                    // (2.5)[½·2/2.5 + ½] = 9/4 > 2 per unit of mass 1/8: gain 1/32.
                    XCTAssertFalse(eq.passes)
                    XCTAssertEqual(eq.maximalGain, 1.0 / 32, accuracy: 2e-3) // supremum 1/32 approached as p → 3.5⁻
                }
            }
        }
    }

    /// Exact (rational) confirmation that App. A1's printed mixing admits a
    /// profitable deviation in Example 1, while the corrected mixing does not.
    func testPaperMixingCounterexampleExact() throws {
        let env = try Self.example1()
        let sig = PublicSignal.efficient(k: 0, cost: Rational(1), segment: 0)
        let dev = Rational(7, 2) - Rational(1, 1_000_000)
        for (mixing, expectGain) in [(TieBreakingMixing.paper, true), (.corrected, false)] {
            let con = try Theorem1Construction(environment: env, mixing: mixing, segmentation: .proportionalPoolingWhenPossible)
            let eq: Rational = con.informationSetProfit(producer: 0, signal: sig, alert: false, cost: Rational(1), price: Rational(3))
            let d: Rational = con.informationSetProfit(producer: 0, signal: sig, alert: false, cost: Rational(1), price: dev)
            XCTAssertEqual(eq, Rational(1, 4))                 // (3 − 1)·1/8
            if expectGain {
                // (5/2 − ε)·[(1/16)·2/(5/2 − ε) + 1/16] = 1/8 + (5/2 − ε)/16
                XCTAssertEqual(d, Rational(1, 8) + (dev - Rational(1)) / Rational(16))
                XCTAssertGreaterThan(d, eq)
            } else {
                XCTAssertLessThanOrEqual(d, eq)
            }
        }
    }

    func testTheorem1PropertyOnRandomInstances() throws {
        var gen = SplitMix64(seed: 20240197)
        var paperFailures = 0
        for t in 0..<40 {
            let env = try Theorem1Construction.randomEnvironment(producers: 2 + t % 2, generator: &gen)
            let con = try Theorem1Construction(environment: env)
            let w = con.welfare()
            for i in 0..<env.producerCount {
                XCTAssertEqual(w.producerSurplus[i], try env.producerSurplusLowerBound(producer: i))
            }
            XCTAssertEqual(w.totalSurplus, env.expectedEfficientSurplus)
            XCTAssertEqual(w.consumerSurplus, try env.consumerSurplusBound())
            let eq = con.checkEquilibrium(gridPoints: 200)
            XCTAssertTrue(eq.passes, "instance \(t): \(eq.worstDeviation)")
            if !(try Theorem1Construction(environment: env, mixing: .paper).checkEquilibrium(gridPoints: 200).passes) { paperFailures += 1 }
        }
        // The finding the spec theorem-1-paper-mixing reports: the paper's
        // mixing is not an equilibrium on some instances (the construction's is
        // on all of them, asserted above).
        XCTAssertGreaterThan(paperFailures, 0)
        XCTAssertLessThan(paperFailures, 40)
    }

    func testInvalidInputs() {
        let p = BertrandProfile(values: [Rational(1)], costs: [Rational(0)])
        XCTAssertThrowsError(try BertrandEnvironment(profiles: [p, p], probabilities: [Rational(1, 2), Rational(1, 3)])) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .probabilitiesSum(total: Rational(5, 6))) }
        XCTAssertThrowsError(try BertrandEnvironment(profiles: [p, p], probabilities: [Rational(3, 2), Rational(-1, 2)])) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .negativeProbability(profile: 1, probability: Rational(-1, 2))) }
        XCTAssertThrowsError(try BertrandEnvironment(profiles: [], probabilities: [])) { XCTAssertEqual($0 as? CompetitiveInformationDesignError, .noProfiles) }
        XCTAssertThrowsError(try BertrandEnvironment(profiles: [BertrandProfile(values: [Rational(1)], costs: [Rational(-1)])], probabilities: [Rational(1)])) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .negativeCost(profile: 0)) }
    }
}

/// The prepared sale probability used by the deviation check agrees with the
/// exact one: at rational prices the Rational evaluation is exact, and the
/// Double evaluation of the same prices is within rounding of it.
final class SaleProbabilityTests: XCTestCase {
    func testPreparedSaleProbabilityMatchesExactOnSeededConstructions() throws {
        var rng = SplitMix64(seed: 11)
        var checked = 0
        for trial in 0..<20 {
            let env = try Theorem1Construction.randomEnvironment(producers: 2 + trial % 2, generator: &rng)
            for mixing in [TieBreakingMixing.corrected, .paper] {
                let con = try Theorem1Construction(environment: env, mixing: mixing)
                for o in con.outcomes {
                    let values = env.profiles[o.profileIndex].values
                    for i in values.indices {
                        let exact = SaleProbability<Rational>(producer: i, values: values, strategies: o.strategies)
                        let floating = SaleProbability<Double>(producer: i, values: values, strategies: o.strategies)
                        for k in 0...24 {
                            let p = Rational(k, 4)
                            let q = exact(p)
                            XCTAssertEqual(q, Theorem1Construction.saleProbability(producer: i, price: p, values: values, strategies: o.strategies))
                            XCTAssertTrue(q >= .zero && q <= 1)
                            XCTAssertEqual(floating(p.doubleValue), q.doubleValue, accuracy: 1e-12)
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}
