import XCTest
import Numerics
@testable import Segmentation

/// Sec 3.1 (domination, segmentations), Sec 4.1 (Prop. 2 construction,
/// Lemma 4) and Sec 4.2 / Theorem 1 (the split), against hand computations.
final class ParetoImprovementTests: XCTestCase {
    func testDominationBetweenMarkets() throws {
        let env = try section311()
        // q' = 1/8 (CS_H = 1) dominates q = 1/2 (CS_H = 1/4); q = 7/8 (CS_H = 0) does not.
        let d = try env.dominance(of: try Market.twoType(q: r(1, 8)), over: try Market.twoType(q: r(1, 2)))
        XCTAssertEqual(d.verdict, .dominates)
        XCTAssertEqual(d.surplusChange, [0, r(3, 4)])
        XCTAssertEqual(try env.dominance(of: try Market.twoType(q: r(7, 8)), over: try Market.twoType(q: r(1, 2))).verdict, .doesNotDominate)
        XCTAssertEqual(try env.dominance(of: try Market.twoType(q: r(5, 8)), over: try Market.twoType(q: r(1, 2))).verdict, .weaklyDominates)
        // A one-type market of the low type: support ⊆, CS 0 = 0.
        XCTAssertEqual(try env.dominance(of: try Market.twoType(q: 0), over: try Market.twoType(q: r(1, 2))).verdict, .weaklyDominates)
        // Support not a subset.
        XCTAssertEqual(try env.dominance(of: try Market.twoType(q: r(1, 2)), over: try Market.twoType(q: 1)).verdict, .doesNotDominate)
    }

    func testSegmentationVerification() throws {
        let env = try section311()
        // The paper's witness shape for q ∈ (0.25, 0.75): q' ∈ (0, 0.25], q'' > q in the intermediate interval.
        let q = try Market.twoType(q: r(1, 2))
        let good = try MarketSegmentation([Segment(weight: r(1, 4), market: try Market.twoType(q: r(1, 8))),
                                           Segment(weight: r(3, 4), market: try Market.twoType(q: r(5, 8)))])
        let v = try env.verifyParetoImprovement(of: q, by: good)
        XCTAssertTrue(v.isParetoImproving)
        XCTAssertEqual(v.originalRevenue, r(5, 4))
        XCTAssertEqual(v.segmentedRevenue, r(1, 4) * 1 + r(3, 4) * (r(3, 4) + r(5, 8)))
        XCTAssertEqual(v.failures, [])
        // Market 0.75: any non-trivial segmentation has a segment above 0.75 where CS_H = 0 < 1/4.
        let bad = try MarketSegmentation([Segment(weight: r(1, 2), market: try Market.twoType(q: r(1, 2))),
                                          Segment(weight: r(1, 2), market: try Market.twoType(q: 1))])
        let w = try env.verifyParetoImprovement(of: try Market.twoType(q: r(3, 4)), by: bad)
        XCTAssertFalse(w.isParetoImproving)
        XCTAssertFalse(w.everySegmentWeaklyDominates)
        // Two segments inside one affine piece of R: CS unchanged and revenue unchanged.
        let flat = try MarketSegmentation([Segment(weight: r(1, 2), market: try Market.twoType(q: r(3, 8))),
                                           Segment(weight: r(1, 2), market: try Market.twoType(q: r(5, 8)))])
        let u = try env.verifyParetoImprovement(of: q, by: flat)
        XCTAssertFalse(u.revenueStrictlyIncreases)
        XCTAssertFalse(u.someSegmentDominates)
        // Validation.
        assertSegmentationError(try MarketSegmentation([]), .emptySegmentation)
        assertSegmentationError(try MarketSegmentation([Segment(weight: r(1, 2), market: q)]), .segmentWeightsSum(total: r(1, 2)))
        assertSegmentationError(try MarketSegmentation([Segment(weight: 0, market: q), Segment(weight: 1, market: q)]), .nonPositiveSegmentWeight(segment: 0, weight: 0))
        assertSegmentationError(try env.verifyParetoImprovement(of: try Market.twoType(q: r(1, 3)), by: good), .segmentationAverage(average: try good.average(), market: try Market.twoType(q: r(1, 3))))
    }

    /// Footnote 25, by hand: φ = (1/2, 1, 3); allocation (a1, a1, a2); net
    /// payments (3/4, 3/4, 9/4); the path t2 → t1; M¹ gives t2 a2 at 5/4; t3
    /// violates IC (gain 1); Lemma 4 ratios δ_2 = 1/3 (a2 vs a1 for t2 against
    /// t3: 1/2 > ρ·3/2) and δ_3 = 3/7 (a1 vs 0 for t1 against t2: 3/4 > ρ·7/4);
    /// ρ = δ/2 gives F = (1/28, 3/14, 1), f' = (11/14, 5/28, 1/28).
    func testFootnote25ConstructionByHand() throws {
        let env = try Environment(valuations: [[1, 2], [2, 4], [3, 6]], costs: [r(1, 4), r(7, 4)])
        let f = try Market([r(2, 3), r(1, 6), r(1, 6)])
        let om = try env.optimalMechanism(for: f)
        XCTAssertEqual(om.mechanism.allocation, [env.deterministic(1), env.deterministic(1), env.deterministic(2)])
        XCTAssertEqual(om.mechanism.payment, [r(3, 4), r(3, 4), r(9, 4)])
        XCTAssertEqual(om.bindingIR, [0])
        XCTAssertEqual(om.inefficientTypes, [1])
        let c = try env.dominatingMarket(for: f)
        XCTAssertEqual(c.initialPath, [1, 0])
        XCTAssertEqual(c.bindingPath, [1, 0])
        XCTAssertEqual(c.deviationGain, [-1, nil, 1])
        XCTAssertEqual(c.deviator, 2)
        XCTAssertEqual(c.lemma4Path, [2, 1, 0])
        XCTAssertEqual(c.ratioBounds, [r(1, 3), r(3, 7)])
        XCTAssertEqual(c.ratios, [r(1, 6), r(3, 14)])
        XCTAssertEqual(c.dominatingMarket.weights, [r(11, 14), r(5, 28), r(1, 28)])
        XCTAssertEqual(c.constructedMechanism.payment, [r(3, 4), r(5, 4), r(5, 4)])
        XCTAssertTrue(c.isUniqueOptimum)
        XCTAssertTrue(c.lpMatchesConstruction)
        XCTAssertTrue(c.dominatingOptimum.isEfficient)
        XCTAssertEqual(c.dominance.surplusChange, [0, 0, 1])
        let split = try env.paretoImprovingSplit(of: f)
        XCTAssertTrue(split.verification.isParetoImproving)
        XCTAssertEqual(split.supportBound, r(28, 33))   // f(t2)/f'(t2) = (1/6)/(5/28)
        XCTAssertLessThanOrEqual(split.safeWeightSupremum, split.supportBound)
        try assertSafeWeightSupremumByScan(env, f, split)
    }

    /// Second method for ε*: scan ε over (0, support bound) and ask the payment
    /// LP directly (optimal payment ranges of the remainder (f − εf')/(1 − ε))
    /// whether f's unique optimal payments stay the remainder's unique optimum.
    /// That must hold exactly for ε < ε* and fail for ε ≥ ε*.
    func assertSafeWeightSupremumByScan(_ env: Environment, _ f: Market, _ split: ParetoImprovingSplit, steps: Int = 60,
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let p = try env.optimalPaymentRanges(for: f)
        let fPrime = split.construction.dominatingMarket
        var probes = (1..<steps).map { split.supportBound * Rational($0, steps) }
        probes += [split.safeWeightSupremum, split.safeWeightSupremum * Rational(999, 1000)]
        if split.safeWeightSupremum < split.supportBound { probes.append(split.safeWeightSupremum * Rational(1001, 1000)) }
        for eps in probes where eps < split.supportBound {
            let remainder = try Market((0..<f.weights.count).map { (f[$0] - eps * fPrime[$0]) / (1 - eps) })
            let r = try env.optimalPaymentRanges(for: remainder)
            let keeps = r.count == p.count && zip(r, p).allSatisfy { $0.isUnique && $0.minimum == $1.minimum }
            XCTAssertEqual(keeps, eps < split.safeWeightSupremum, "ε = \(eps), ε* = \(split.safeWeightSupremum)", file: file, line: line)
        }
    }

    /// Sec 3.1.1 by hand: at q = 1/2, t = t_L (zero surplus, path [t_L]); M¹
    /// gives t_L a_H at 1; t_H gains 3/4 by reporting t_L; f' puts F(t_H) = δ/2
    /// with δ = min(1/4 ÷ 1, 1 ÷ 2) = 1/4, i.e. q' = 1/8. The remainder
    /// (1/2 − ε/8)/(1 − ε) reaches the tie q = 3/4 at ε̄ = 2/5.
    func testSection311SplitByHand() throws {
        let env = try section311()
        let split = try env.paretoImprovingSplit(of: try Market.twoType(q: r(1, 2)))
        let c = split.construction
        XCTAssertEqual(c.bindingPath, [0])
        XCTAssertEqual(c.deviator, 1)
        XCTAssertEqual(c.deviationGain, [nil, r(3, 4)])
        XCTAssertEqual(c.dominatingMarket.weights, [r(7, 8), r(1, 8)])
        XCTAssertEqual(split.supportBound, r(4, 7))
        XCTAssertEqual(split.stabilityBound, r(2, 5))
        XCTAssertEqual(split.weight, r(1, 5))
        XCTAssertEqual(split.remainder.weights, [r(13, 32), r(19, 32)])
        XCTAssertTrue(split.verification.isParetoImproving)
        try assertSafeWeightSupremumByScan(env, try Market.twoType(q: r(1, 2)), split)
        // Market 7/8: the support bound binds (f'' → q = 1 at ε = 1/7).
        let high = try env.paretoImprovingSplit(of: try Market.twoType(q: r(7, 8)))
        XCTAssertEqual(high.supportBound, r(1, 7))
        XCTAssertEqual(high.safeWeightSupremum, r(1, 7))
        XCTAssertTrue(high.verification.isParetoImproving)
        // Not applicable: efficient markets and markets with several optimal payment rules.
        assertSegmentationError(try env.dominatingMarket(for: try Market.twoType(q: r(1, 8))), .efficientMarket(try Market.twoType(q: r(1, 8))))
        assertSegmentationError(try env.paretoImprovingSplit(of: try Market.twoType(q: r(3, 4))), .severalOptimalPaymentRules(try Market.twoType(q: r(3, 4))))
        assertSegmentationError(try env.paretoImprovingSplit(of: try Market.twoType(q: r(1, 2)), weightFraction: 1), .weightFractionOutOfRange(1))
        assertSegmentationError(try env.dominatingMarket(for: try Market.twoType(q: r(1, 2)), start: .type(1)), .typeServedEfficiently(type: 1, market: try Market.twoType(q: r(1, 2))))
    }

    /// Sec 4.1 (Figs 2–3) on our instance: t1 (2, 1), t2 (4, 5), t3 (3, 6), f = (1/2, 1/4, 1/4).
    /// Every property the text states is checked.
    func testSection41Instance() throws {
        let (env, f) = try section411()
        // t1 is the lowest type; efficient alternatives a1, a2, a2.
        XCTAssertEqual(env.efficientAlternative, [1, 2, 2])
        for a in 0..<2 { XCTAssertTrue(env.grossValuations[0][a] < env.grossValuations[1][a] && env.grossValuations[0][a] < env.grossValuations[2][a]) }
        // Fig 2(b): p(a1) = v(t1, a1) = 2, p(a2) = v(t3, a2) − v(t3, a1) + v(t1, a1) = 5 is the unique optimum.
        let menu = try env.mechanism(menu: [(1, 2), (2, 5)])
        let om = try env.optimalMechanism(for: f)
        XCTAssertEqual(om.mechanism, menu)
        XCTAssertTrue(try env.hasUniqueOptimalMechanism(for: f))
        XCTAssertEqual(om.consumerSurplus, [0, 2, 1])
        // Fig 3(a): IR(t1); IC t1↔t2; t3 → t1 and t3 → t2.
        XCTAssertEqual(om.bindingIR, [0])
        XCTAssertEqual(Set(om.bindingIC), Set([ICConstraint(from: 0, to: 1), ICConstraint(from: 1, to: 0), ICConstraint(from: 2, to: 0), ICConstraint(from: 2, to: 1)]))
        XCTAssertEqual(om.inefficientTypes, [1])
        // Sec 4.1.3: S = {t2, t1}, t' = t3, M* allocation (a1, a2, a2) at prices 2, 3, 3 (Fig 2(c)).
        let c = try env.dominatingMarket(for: f, start: .type(1))
        XCTAssertEqual(c.bindingPath, [1, 0])
        XCTAssertEqual(c.deviator, 2)
        XCTAssertEqual(c.deviationGain, [-2, nil, 2])
        XCTAssertEqual(c.constructedMechanism, try env.mechanism(menu: [(1, 2), (2, 3)]))
        XCTAssertEqual(c.dominatingMarket.support, [0, 1, 2])   // full support: all three types are needed
        XCTAssertEqual(c.dominatingMarket.weights, [r(3, 4), r(5, 24), r(1, 24)])
        XCTAssertTrue(c.isUniqueOptimum && c.lpMatchesConstruction && c.dominance.dominates)
        XCTAssertEqual(c.dominance.surplusChange, [0, 0, 2])
        // No market with at most two types Pareto dominates f (every pair family, every piece).
        for (i, j) in [(0, 1), (0, 2), (1, 2)] {
            var a = [0, 0, 0], b = [0, 0, 0]
            a[i] = 1; b[j] = 1
            let family = try MarketFamily(from: try Market(a), to: try Market(b))
            let analysis = try env.analyze(family)
            for piece in analysis.pieces {
                let candidate = try env.optimalMechanism(for: try family.market(at: piece.representative))
                XCTAssertFalse(DominanceComparison(candidate: candidate, original: om).dominates, "pair \(i),\(j) piece \(piece.lower)")
                if j == 2 && i == 0 {
                    // Footnote 16: without t2, t1 never gets a2 and t3's surplus is at most its surplus in f.
                    if let x = piece.mechanism.allocation[0] { XCTAssertEqual(x[2], 0) }
                    if let s = piece.mechanism.surplus(2) { XCTAssertLessThanOrEqual(s, 1) }
                }
            }
        }
        let split = try env.paretoImprovingSplit(of: f, start: .type(1))
        XCTAssertTrue(split.verification.isParetoImproving)
        XCTAssertEqual(split.stabilityBound, r(2, 15))
    }
}
