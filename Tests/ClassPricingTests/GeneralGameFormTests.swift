import XCTest
import Harness
import Numerics
@testable import ClassPricing
import ClassPricingSolvers

/// The game forms beyond the Appendix's instance (BinaryTradeInstances.swift):
/// costs δ or 1 − δ, any probabilities of the high types, and the timing of
/// the choice of K (GameFormAnalysis.swift), against hand computations, an
/// independent brute force over price grids, and the mirror symmetry.
final class GeneralGameFormTests: XCTestCase {
    typealias Q = Rational

    /// The candidate search scores on lattice integers when they fit
    /// (GameFormLattice.swift): on seeded random binomial environments (two or
    /// three versions, per-version two-point laws), every form, K, chooser
    /// and designer tie rule gives exactly the solution of scoring in Rational.
    func testLatticeScoringEqualsRationalScoring() throws {
        var rng = SplitMix64(seed: 2008)
        func level() -> Q { Q(Int.random(in: 0...12, using: &rng), 12) }
        func probability() -> Q { Q(Int.random(in: 1...5, using: &rng), 6) }
        for trial in 0..<6 {
            let V = trial == 1 ? 3 : 2     // (a three-version instance costs 3–6 s in its Rational solves)
            func law() throws -> DiscreteDistribution<Q> {
                let q = probability()
                return try DiscreteDistribution([(level(), 1 - q), (level(), q)])
            }
            let env = try BilateralTrade<Q>(values: (0..<V).map { _ in try law() }, costs: (0..<V).map { _ in try law() })
            let rules: [TieBreaking<Q>] = [.infinitesimalShading, .designerPreferred, .shading(epsilon: Q(1, 100))]
            for form in GameForm.allCases {
                for K in 1...V {
                    for (r, rule) in rules.enumerated() {
                        let ties: DesignerTieBreaking = r == 1 ? .lessSurplus : .moreSurplus
                        let fast = try env.solve(form, K: K, tieBreaking: rule, designerTies: ties, latticeScoring: true)
                        let slow = try env.solve(form, K: K, tieBreaking: rule, designerTies: ties, latticeScoring: false)
                        let label = "trial \(trial), \(form), K = \(K), rule \(r)"
                        XCTAssertEqual(fast.byType.map(\.prices), slow.byType.map(\.prices), label)
                        XCTAssertEqual(fast.byType.map(\.shading), slow.byType.map(\.shading), label)
                        XCTAssertEqual(fast.byType.map(\.partition), slow.byType.map(\.partition), label)
                        XCTAssertEqual(fast.byType.map(\.designerPayoff), slow.byType.map(\.designerPayoff), label)
                        XCTAssertEqual(fast.byType.map(\.chooserPayoff), slow.byType.map(\.chooserPayoff), label)
                        XCTAssertEqual(fast.byType.map(\.efficiencyLoss), slow.byType.map(\.efficiencyLoss), label)
                    }
                }
            }
        }
    }

    /// The lattice declines what could overflow a machine word: then `solve`
    /// scores in Rational (huge denominators), and a Double solve never uses it.
    func testLatticeDeclinesHugeScalesAndFloatingPoint() throws {
        let small = ScoringLattice<Q>(values: [Q(1, 3), Q(2, 3), 1], probabilities: [Q(1, 2)], versions: 2, chooserTypes: 4)
        XCTAssertNotNil(small)
        XCTAssertEqual(small?.value(Q(1, 3)), 2)          // D·L = 3·2
        XCTAssertEqual(small?.payoff(12), Q(1))            // 12/(Q·D·L) = 12/12
        let huge = try Q(numerator: 1, denominator: BigInt(2).power(70))
        XCTAssertNil(ScoringLattice<Q>(values: [huge, 1], probabilities: [Q(1, 2)], versions: 2, chooserTypes: 4))
        XCTAssertNil(ScoringLattice<Double>(values: [0.5], probabilities: [0.5], versions: 2, chooserTypes: 4))
        let env = try BilateralTrade<Q>.binomial(values: (huge, 1), highValueProbability: Q(1, 2),
                                                 costs: (0, Q(1, 2)), highCostProbability: Q(1, 2))
        // Declined, so `solve` scores in Rational: it agrees with the same environment solved in Double.
        let exact = try env.solve(.sellerDesignBuyerChoice, K: 2)
        let floating = try BilateralTrade<Double>.binomial(values: (huge.doubleValue, 1), highValueProbability: 0.5,
                                                           costs: (0, 0.5), highCostProbability: 0.5).solve(.sellerDesignBuyerChoice, K: 2)
        XCTAssertEqual(exact.byType.count, floating.byType.count)
        for (x, y) in zip(exact.byType, floating.byType) {
            XCTAssertEqual(x.designerPayoff.doubleValue, y.designerPayoff, accuracy: 1e-12)
            XCTAssertEqual(x.efficiencyLoss.doubleValue, y.efficiencyLoss, accuracy: 1e-12)
        }
    }

    /// Values 0 or 1, costs 1/4 or 3/4, all probabilities ½ (γ = 0, δ = 1/4).
    /// Seller-designer, K = 2, prices (1, 1) (shaded to 1 − ε on the cheaper version
    /// when the costs differ): every buyer with some value 1 buys, so EL = 0 and
    ///   Eπ(1/4, 1/4) = 3/4 · 3/4 = 9/16, Eπ(1/4, 3/4) = (3/4 + 3/4 + 1/4)/4 = 7/16, Eπ(3/4, 3/4) = 3/16;
    /// K = 1 (p = 1): as K = 2 except the (1, 1) buyer facing costs (1/4, 3/4) cannot
    /// be steered and takes either version: Eπ = (1/2 + 3/4 + 1/4)/4 = 3/8, EL = (1/4)(3/4 − 1/2) = 1/16.
    /// Ex ante: payoff 13/32 with K = 2 vs 3/8, threshold 1/32; EL(K = 1) = 1/32.
    func testHandComputedSellerDesignWithCostsAQuarterApart() throws {
        let env = try BilateralTrade<Q>.symmetricLevels(gamma: 0, delta: Q(1, 4))
        let a = try env.analyse(.sellerDesignBuyerChoice)
        XCTAssertEqual(a.solutions[1].byType.map(\.designerPayoff), [Q(9, 16), Q(7, 16), Q(7, 16), Q(3, 16)])
        XCTAssertEqual(a.solutions[1].byType.map(\.efficiencyLoss), [0, 0, 0, 0])
        XCTAssertEqual(a.solutions[1].byType.map { $0.prices }, [[1, 1], [1, 1], [1, 1], [1, 1]])
        XCTAssertEqual(a.solutions[1].byType[1].shading, [-1, 0])
        XCTAssertEqual(a.solutions[0].byType.map(\.designerPayoff), [Q(9, 16), Q(3, 8), Q(3, 8), Q(3, 16)])
        XCTAssertEqual(a.solutions[0].byType.map(\.efficiencyLoss), [0, Q(1, 16), Q(1, 16), 0])
        XCTAssertEqual(a.exAnteThreshold, Q(1, 32))
        XCTAssertEqual(a.interimThresholds, [0, Q(1, 16), Q(1, 16), 0])
        XCTAssertEqual(a.solutions[0].efficiencyLoss, Q(1, 32))
    }

    /// Ex ante and interim differ on that instance: ex ante the seller sets two
    /// prices for r < 1/32 (loss 2r) and one above (1/32 + r); interim only the
    /// types with different costs set two, for r < 1/16 (E[K] = 3/2, EL = 0, loss 3r/2).
    func testTimingsDifferWhenTypesDisagreeAboutK() throws {
        let env = try BilateralTrade<Q>.symmetricLevels(gamma: 0, delta: Q(1, 4))
        let exAnte = try env.analyse(.sellerDesignBuyerChoice)
        let interim = try env.analyse(.sellerDesignBuyerChoice, conventions: GameFormConventions(classCountTiming: .interim))
        for r in [Q(1, 100), Q(1, 40), Q(1, 20), Q(1, 17), Q(1, 10)] {
            XCTAssertEqual(exAnte.totalLoss(r: r), r < Q(1, 32) ? 2 * r : Q(1, 32) + r, "r = \(r)")
            XCTAssertEqual(interim.totalLoss(r: r), r < Q(1, 16) ? 3 * r / 2 : Q(1, 32) + r, "r = \(r)")
            XCTAssertEqual(interim.expectedK(r: r), r < Q(1, 16) ? Q(3, 2) : 1, "r = \(r)")
            XCTAssertEqual(interim.classCounts(r: r), r < Q(1, 16) ? [1, 2, 2, 1] : [1, 1, 1, 1], "r = \(r)")
        }
        // At r = 0 every type is indifferent except the mixed ones: smaller-K keeps one price there.
        XCTAssertEqual(interim.classCounts(r: 0), [1, 2, 2, 1])
        XCTAssertEqual(exAnte.classCounts(r: 0), [2, 2, 2, 2])
        XCTAssertEqual(interim.totalLoss(r: 0), exAnte.totalLoss(r: 0))
        XCTAssertTrue(interim.classCountBreakpoints.contains(Q(1, 16)))
    }

    /// They coincide when the designer has one type (costs δ = 1/2 for both
    /// versions: the seller always knows her costs): at every r and in the tie set.
    func testTimingsCoincideWithOneDesignerType() throws {
        for q in [Q(1, 2), Q(1, 3)] {
            let env = try BilateralTrade<Q>.symmetricLevels(gamma: Q(1, 5), delta: Q(1, 2), highValueProbability: q)
            let exAnte = try GameFormComparison(env)
            let interim = try GameFormComparison(env, conventions: GameFormConventions(classCountTiming: .interim))
            for r in [Q(0), Q(1, 200), Q(1, 50), Q(1, 10), Q(1)] {
                XCTAssertEqual(exAnte.sellerDesign.totalLoss(r: r), interim.sellerDesign.totalLoss(r: r), "q = \(q), r = \(r)")
            }
            XCTAssertEqual(interim.sellerDesign.classCountBreakpoints, exAnte.sellerDesign.classCountBreakpoints)
        }
    }

    /// Mirror symmetry (BilateralTrade.mirrored): Seller-Design-Buyer-Choice in an
    /// environment is Buyer-Design-Seller-Choice in its mirror image, type by type
    /// and K by K, on seeded random binomial environments (exact).
    func testMirrorSwapsTheForms() throws {
        var rng = SplitMix64(seed: 17)
        func grid(_ n: Int) -> Q { Q(Int(rng.next() % UInt64(n + 1)), 2 * n) }   // in [0, 1/2]
        for _ in 0..<6 {
            let g = grid(12), d = grid(12)
            let qv = Q(Int(rng.next() % 5) + 1, 6), qc = Q(Int(rng.next() % 5) + 1, 6)
            let env = try BilateralTrade<Q>.symmetricLevels(gamma: g, delta: d, highValueProbability: qv, highCostProbability: qc)
            let mirror = try env.mirrored()
            for interim in [false, true] {
                let conv = GameFormConventions<Q>(classCountTiming: interim ? .interim : .exAnte)
                let a = try GameFormComparison(env, conventions: conv), b = try GameFormComparison(mirror, conventions: conv)
                for K in 0..<2 {
                    XCTAssertEqual(a.sellerDesign.solutions[K].designerPayoff, b.buyerDesign.solutions[K].designerPayoff)
                    XCTAssertEqual(a.sellerDesign.solutions[K].efficiencyLoss, b.buyerDesign.solutions[K].efficiencyLoss)
                    XCTAssertEqual(a.buyerDesign.solutions[K].efficiencyLoss, b.sellerDesign.solutions[K].efficiencyLoss)
                }
                for r in [Q(0), Q(1, 100), Q(1, 20)] {
                    XCTAssertEqual(a.lossDifference(r: r), -b.lossDifference(r: r), "γ = \(g), δ = \(d), r = \(r)")
                }
            }
            // Values {γ, 1 − γ}, costs {δ, 1 − δ}: the mirror is γ ↔ δ with q_v' = 1 − q_c, q_c' = 1 − q_v.
            let swapped = try BilateralTrade<Q>.symmetricLevels(gamma: d, delta: g, highValueProbability: 1 - qc,
                                                                highCostProbability: 1 - qv)
            XCTAssertEqual(try swapped.analyse(.sellerDesignBuyerChoice).solutions[1].efficiencyLoss,
                           try mirror.analyse(.sellerDesignBuyerChoice).solutions[1].efficiencyLoss)
        }
    }

    /// Only the gap between the midpoints matters: shifting values and costs by the
    /// same amount changes no payoff or loss (prices shift with them); the levels
    /// are the shifted ones.
    func testCommonShiftOfMidpointsChangesNothing() throws {
        let base = try BilateralTrade<Q>.symmetricLevels(gamma: Q(1, 5), delta: Q(1, 4), highValueProbability: Q(2, 3),
                                                         valueMidpoint: Q(3, 5), costMidpoint: Q(2, 5))
        XCTAssertEqual(base.values[0].outcomes.map(\.value), [Q(3, 10), Q(9, 10)])
        XCTAssertEqual(base.costs[0].outcomes.map(\.value), [Q(3, 20), Q(13, 20)])
        let shifted = try BilateralTrade<Q>.symmetricLevels(gamma: Q(1, 5), delta: Q(1, 4), highValueProbability: Q(2, 3),
                                                            valueMidpoint: Q(4, 5), costMidpoint: Q(3, 5))
        for timing in ClassCountTiming.allCases {
            let conv = GameFormConventions<Q>(classCountTiming: timing)
            let a = try GameFormComparison(base, conventions: conv), b = try GameFormComparison(shifted, conventions: conv)
            for f in [\GameFormComparison<Q>.sellerDesign, \.buyerDesign] {
                XCTAssertEqual(a[keyPath: f].solutions.map(\.designerPayoff), b[keyPath: f].solutions.map(\.designerPayoff))
                XCTAssertEqual(a[keyPath: f].solutions.map(\.efficiencyLoss), b[keyPath: f].solutions.map(\.efficiencyLoss))
            }
            XCTAssertEqual(a.tieSet(), b.tieSet())
            XCTAssertEqual(a.dominance(), b.dominance())
        }
    }

    /// At γ = δ with probabilities ½ the forms are mirror images: equal losses at every r (both timings).
    func testFormsTieOnTheDiagonal() throws {
        for x in [Q(0), Q(1, 8), Q(1, 4), Q(1, 3), Q(2, 5)] {
            let env = try BilateralTrade<Q>.symmetricLevels(gamma: x, delta: x)
            for timing in ClassCountTiming.allCases {
                let c = try GameFormComparison(env, conventions: GameFormConventions(classCountTiming: timing))
                XCTAssertEqual(c.dominance(), .tieEverywhere, "γ = δ = \(x), \(timing)")
                XCTAssertEqual(c.tieSet().map(\.description), ["[0, ∞)"])
            }
        }
    }

    /// The paper's instance (δ = 1/3, q = ½) built by the general constructor equals the Appendix example.
    func testBinomialWithThePapersLevelsIsTheAppendixExample() throws {
        for g in [Q(1, 5), Q(2, 5)] {
            let general = try BilateralTrade<Q>.binomial(values: (g, 1 - g), highValueProbability: Q(1, 2),
                                                        costs: (Q(1, 3), Q(2, 3)), highCostProbability: Q(1, 2))
            let appendix = try BilateralTrade<Q>.appendixExample(gamma: g)
            for f in GameForm.allCases {
                let (x, y) = (try general.analyse(f), try appendix.analyse(f))
                XCTAssertEqual(x.solutions.map(\.designerPayoff), y.solutions.map(\.designerPayoff))
                XCTAssertEqual(x.solutions.map(\.efficiencyLoss), y.solutions.map(\.efficiencyLoss))
            }
        }
    }

    /// Invalid environments are rejected with the model fact that failed.
    func testInvalidEnvironments() {
        XCTAssertThrowsError(try BilateralTrade<Q>.symmetricLevels(gamma: Q(1, 5), delta: Q(3, 5))) {
            XCTAssertEqual($0 as? ClassPricingError, .deltaOutOfRange(0.6))
        }
        XCTAssertThrowsError(try BilateralTrade<Q>.symmetricLevels(gamma: Q(1, 5), delta: Q(1, 3), highCostProbability: 1)) {
            XCTAssertEqual($0 as? ClassPricingError, .typeProbabilityOutOfRange(side: .cost, probability: 1))
        }
        XCTAssertThrowsError(try BilateralTrade<Q>.binomial(values: (1, 0), highValueProbability: Q(1, 2),
                                                            costs: (0, 1), highCostProbability: Q(1, 2))) {
            XCTAssertEqual($0 as? ClassPricingError, .unorderedLevels(side: .value, low: 1, high: 0))
        }
    }

    /// The switch locus of the (γ, δ) map (finding-4-cost-map) against its closed
    /// form γ* = δ, off the spec's grid: just below the diagonal the seller-designer
    /// is more efficient at every r, just above it the buyer-designer, on it they tie.
    func testSwitchLocusIsTheDiagonal() throws {
        for d in [Q(1, 7), Q(2, 7), Q(3, 8), Q(9, 20)] {
            for (g, expected) in [(d - Q(1, 1000), GameFormDominance.weakly(.sellerDesignBuyerChoice, strictEverywhere: true)),
                                  (d, .tieEverywhere),
                                  (d + Q(1, 1000), .weakly(.buyerDesignSellerChoice, strictEverywhere: true))] {
                let c = try GameFormComparison(try BilateralTrade<Q>.symmetricLevels(gamma: g, delta: d))
                XCTAssertEqual(c.dominance(), expected, "γ = \(g), δ = \(d)")
            }
        }
    }

    /// Off probability ½ the better form can depend on r (finding-4-cost-probabilities):
    /// γ = 7/20, costs 1/3 or 2/3 with the high one at probability 1/4. Checked by
    /// direct evaluation of the losses on a fine grid of r (second method): Buyer-Design
    /// is better below r = 29/1280, Seller-Design above, equal exactly there.
    func testBetterFormDependsOnRWithUnequalCostProbabilities() throws {
        let c = try GameFormComparison(try BilateralTrade<Q>.symmetricLevels(gamma: Q(7, 20), delta: Q(1, 3),
                                                                             highCostProbability: Q(1, 4)))
        XCTAssertEqual(c.dominance(), .dependsOnR)
        XCTAssertEqual(c.tieSet(), [CostInterval(lower: Q(29, 1280), upper: Q(29, 1280), lowerClosed: true, upperClosed: true)])
        let crossing = Q(29, 1280)
        for i in 0...400 {
            let r = Q(i, 4000)   // 0 … 1/10
            let d = c.lossDifference(r: r)
            if r < crossing { XCTAssertGreaterThan(d, .zero, "r = \(r)") }
            else if r > crossing { XCTAssertLessThan(d, .zero, "r = \(r)") }
        }
        XCTAssertEqual(c.lossDifference(r: crossing), .zero)
        XCTAssertLessThan(c.lossDifference(r: 10), .zero)
    }

    /// The kinds read δ, the probabilities and k_timing: game-forms on the hand-computed
    /// instance (γ = 0, δ = 1/4) at r = 1/20, and game-form-map's columns at a point.
    func testKindsReadTheGeneralParameters() throws {
        func run(_ name: String, _ given: [String: ParameterValue]) throws -> [String: TableValue] {
            let k = try XCTUnwrap(classPricingSolvers.first { $0.name == name })
            var v: [String: ParameterValue] = [:]
            for p in k.parameters { if let d = p.defaultValue { v[p.name] = d } }
            for (key, x) in given { v[key] = x }
            return try XCTUnwrap(k.run(ParameterValues(v), .silent).first)
        }
        let at: [String: ParameterValue] = ["gamma": .rational(0), "delta": .rational(Q(1, 4)), "r": .rational(Q(1, 20))]
        let exAnte = try run("class-pricing.game-forms", at)
        XCTAssertEqual(exAnte["seller_design_K"], .rational(1))
        XCTAssertEqual(exAnte["seller_design_loss"], .rational(Q(1, 32) + Q(1, 20)))
        let interim = try run("class-pricing.game-forms", at.merging(["k_timing": .text("interim")]) { $1 })
        XCTAssertEqual(interim["seller_design_K"], .rational(Q(3, 2)))
        XCTAssertEqual(interim["seller_design_loss"], .rational(Q(3, 40)))
        let map = try run("class-pricing.game-form-map", ["gamma": .rational(Q(1, 5)), "delta": .rational(Q(1, 3))])
        XCTAssertEqual(map["value_spread"], .rational(Q(3, 5)))
        XCTAssertEqual(map["cost_spread"], .rational(Q(1, 3)))
        XCTAssertEqual(map["more_efficient"], .text("seller-design-buyer-choice"))
        XCTAssertEqual(map["strict"], .boolean(true))
        XCTAssertEqual(map["seller_design_EL"], .rational(0))                   // Case 1: first best
        XCTAssertEqual(map["buyer_design_EL"], .rational((5 - 15 * Q(1, 5)) / 48))   // Case 2 at K = 2: (1/6 − γ/2 + 1/12 − γ/4)/4
        let probability = try run("class-pricing.game-form-map", ["gamma": .rational(Q(1, 5)), "high_cost_probability": .rational(Q(1, 4))])
        XCTAssertEqual(probability["more_efficient"], .text("seller-design-buyer-choice"))
    }
}
