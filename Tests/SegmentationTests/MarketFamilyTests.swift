import XCTest
import Numerics
@testable import Segmentation

/// Sec 3.1.1 classification, the α sweep, footnote 12 and Appendix A.4.
final class MarketFamilyTests: XCTestCase {
    /// The paper: efficient [0, 0.25] (and q = 1), inefficient (0.25, 1),
    /// "q = 0.75 is the only inefficient market that is not Pareto improvable".
    /// The memoised classification equals a fresh one (every piece's ends,
    /// mechanism, class and witnesses), for each selection rule and for
    /// repeated calls.
    func testMemoisedClassificationEqualsUncached() throws {
        for alpha in [r(1, 2), r(3, 4)] {
            let env = try section311(alpha: alpha)
            for rule in SelectionRule.allCases {
                let fresh = try env.classifyTwoTypeMarketsUncached(selection: rule)
                for _ in 0..<2 {
                    let memo = try env.classifyTwoTypeMarkets(selection: rule)
                    XCTAssertEqual(memo.analysis.breakpoints, fresh.analysis.breakpoints)
                    XCTAssertEqual(memo.pieces.count, fresh.pieces.count)
                    for (a, b) in zip(memo.pieces, fresh.pieces) {
                        XCTAssertEqual(a.piece.lower, b.piece.lower)
                        XCTAssertEqual(a.piece.upper, b.piece.upper)
                        XCTAssertEqual(a.piece.mechanism.allocation, b.piece.mechanism.allocation)
                        XCTAssertEqual(a.piece.mechanism.payment, b.piece.mechanism.payment)
                        XCTAssertEqual(a.classification.marketClass, b.classification.marketClass)
                        XCTAssertEqual(a.classification.twoSegmentWitness?.segments.map(\.weight), b.classification.twoSegmentWitness?.segments.map(\.weight))
                        XCTAssertEqual(a.classification.largestAverageSurplusGain, b.classification.largestAverageSurplusGain)
                    }
                }
            }
        }
    }

    /// Each piece keeps the selected mechanism of its representative market,
    /// which the classification reuses: it equals a fresh solve.
    func testPieceRepresentativeOptimumEqualsFreshSolve() throws {
        for rule in SelectionRule.allCases {
            let env = try section311()
            let analysis = try env.analyze(MarketFamily.twoType, selection: rule)
            for piece in analysis.pieces {
                let market = try MarketFamily.twoType.market(at: piece.representative)
                let fresh = try env.optimalMechanism(for: market, selection: rule)
                XCTAssertEqual(piece.representativeOptimum.market, market)
                XCTAssertEqual(piece.representativeOptimum.selection, rule)
                XCTAssertEqual(piece.representativeOptimum.mechanism.allocation, fresh.mechanism.allocation)
                XCTAssertEqual(piece.representativeOptimum.mechanism.payment, fresh.mechanism.payment)
                XCTAssertEqual(piece.representativeOptimum.revenue, fresh.revenue)
            }
        }
    }

    func testSection311Classification() throws {
        let env = try section311()
        let c = try env.classifyTwoTypeMarkets()
        XCTAssertEqual(c.analysis.breakpoints, [r(1, 4), r(3, 4)])
        let intervals = c.intervals
        XCTAssertEqual(intervals.count, 5)
        XCTAssertTrue(intervals[0] == (0, r(1, 4), true, true, .efficient))
        XCTAssertTrue(intervals[1] == (r(1, 4), r(3, 4), false, false, .improvable))
        XCTAssertTrue(intervals[2] == (r(3, 4), r(3, 4), true, true, .notImprovable))
        XCTAssertTrue(intervals[3] == (r(3, 4), 1, false, false, .improvable))
        XCTAssertTrue(intervals[4] == (1, 1, true, true, .efficient))
        XCTAssertEqual(c.notImprovablePieces.map(\.lower), [r(3, 4)])
        // CS of the high type (Fig 1): 1 on (0, 1/4], 1/4 on (1/4, 3/4], 0 on (3/4, 1]; the low type gets 0 everywhere.
        for (q, cs) in [(r(1, 8), r(1)), (r(1, 4), r(1)), (r(1, 2), r(1, 4)), (r(3, 4), r(1, 4)), (r(7, 8), r(0)), (r(1), r(0))] {
            XCTAssertEqual(try c.analysis.consumerSurplus(of: 1, at: q), cs, "q = \(q)")
            if q < 1 { XCTAssertEqual(try c.analysis.consumerSurplus(of: 0, at: q), 0) }
        }
        XCTAssertNil(try c.analysis.consumerSurplus(of: 1, at: 0))
        // Witnesses exist for both improvable intervals and are verified.
        for q in [r(3, 10), r(1, 2), r(7, 10), r(4, 5), r(99, 100)] {
            let m = try c.classify(q)
            XCTAssertEqual(m.marketClass, .improvable)
            let w = try XCTUnwrap(m.twoSegmentWitness)
            XCTAssertEqual(w.segments.count, 2)
            XCTAssertEqual(try w.average(), try Market.twoType(q: q))
            XCTAssertTrue(try env.verifyParetoImprovement(of: try Market.twoType(q: q), by: w).isParetoImproving)
        }
        XCTAssertEqual(try c.classify(r(3, 4)).marketClass, .notImprovable)
        XCTAssertEqual(try c.classify(r(1, 4)).marketClass, .efficient)
        // Footnote 12: q·CS(t_H, q) has envelope vertices (0, 0), (1/4, 1/4), (3/4, 3/16), (1, 0); 0.75 is a strict vertex.
        let cav = try c.analysis.averageSurplusConcavification()
        XCTAssertEqual(cav.envelope.vertices.map(\.x), [0, r(1, 4), r(3, 4), 1])
        XCTAssertEqual(cav.envelope.vertices.map(\.y), [0, r(1, 4), r(3, 16), 0])
        XCTAssertTrue(try cav.isStrictVertex(r(3, 4)))
        XCTAssertEqual(try cav.gap(at: r(1, 2)), r(7, 32) - r(1, 8))
    }

    /// Under the buyer-worst rule every inefficient market is improvable:
    /// the paper's q = 0.75 result depends on its tie-breaking.
    func testClassificationDependsOnTheSelectionRule() throws {
        let c = try section311().classifyTwoTypeMarkets(selection: .buyerWorst)
        XCTAssertTrue(c.notImprovablePieces.isEmpty)
        XCTAssertEqual(try c.classify(r(1, 4)).marketClass, .improvable)
        XCTAssertEqual(try c.classify(r(3, 4)).marketClass, .improvable)
    }

    /// The α sweep by hand: R(q) = max(1, α + q, 2q) gives breakpoints 1 − α
    /// and α when α > 1/2 (the non-improvable market is q = α), and the single
    /// breakpoint 1/2 (no non-improvable market) when α ≤ 1/2.
    func testAlphaSweepAgainstHandFormula() throws {
        for alpha in [r(1, 4), r(1, 2), r(3, 5), r(2, 3), r(3, 4), r(9, 10), r(-1, 2)] {
            let c = try section311(alpha: alpha).classifyTwoTypeMarkets()
            if alpha > r(1, 2) {
                XCTAssertEqual(c.analysis.breakpoints, [1 - alpha, alpha], "α = \(alpha)")
                XCTAssertEqual(c.notImprovablePieces.map(\.lower), [alpha], "α = \(alpha)")
            } else {
                XCTAssertEqual(c.analysis.breakpoints, [r(1, 2)], "α = \(alpha)")
                XCTAssertTrue(c.notImprovablePieces.isEmpty, "α = \(alpha)")
            }
        }
    }

    /// App A.4 for E_k (types valuing a and 2a, qualities j/k, cost a²/2):
    /// the thresholds from the general solver equal the hand-derived
    /// τ_i = (2i + 1)/(2k + 2i + 1); CS(t_2) = (k − i)/k on (τ_{i−1}, τ_i];
    /// q·CS is concave on the thresholds.
    func testAppendixA4ThresholdsAndSurplus() throws {
        for k in 1...5 {
            let env = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: k, maxQuality: 1, curvature: 1)
            let report = try GridRefinementReport(environment: env, cutoff: r(1, 2))
            XCTAssertEqual(report.thresholds, (0..<k).map { r(2 * $0 + 1, 2 * k + 2 * $0 + 1) }, "k = \(k)")
            XCTAssertEqual(report.surplusLevels, (0...k).map { r(k - $0, k) })
            XCTAssertTrue(report.intervalsClosedOnTheRight)
            XCTAssertTrue(report.concaveOnThresholds)
            // Hand derivation: for q ↓ τ_{k−1} (the last interval, CS = 0, every market weakly dominates)
            // the envelope of q·CS over [0, 1] at τ_{k−1} is max_i of the chord from (τ_i, τ_i c_i) to (1, 0),
            // τ_i c_i (1 − τ_{k−1})/(1 − τ_i) = (2i + 1)(k − i)/(k(4k − 1)); the revenue gain is the chord of R
            // from (0, 1/2) to (1, 3/2) minus R = 3q/2, i.e. (1 − τ_{k−1})/2 = k/(4k − 1).
            let expected = (0..<k).map { r((2 * $0 + 1) * (k - $0), k * (4 * k - 1)) }.max()!
            XCTAssertEqual(report.largestAverageGain, expected, "k = \(k)")
            XCTAssertEqual(report.largestAverageGainAt, report.thresholds.last!)
            XCTAssertEqual(report.largestRevenueGain, r(k, 4 * k - 1), "k = \(k)")
            if k >= 2 {
                // Restricted to q ≤ τ_{k−1} (the intervals the paper's argument covers): for q ↓ τ_{i−1} in
                // (τ_{i−1}, τ_i) the envelope over [0, τ_i] is the chord, gap τ_{i−1}(c_{i−1} − c_i) = τ_{i−1}/k; max τ_{k−2}/k → 0.
                XCTAssertEqual(report.largestAverageGainUpToLastThreshold, r(2 * k - 3, 4 * k - 3) / r(k), "k = \(k)")
            }
        }
        let limit = try ContinuumQuadraticEnvironment(types: [1, 2], maxQuality: 1, curvature: 1)
        XCTAssertEqual(try limit.exclusionThreshold(), r(1, 2))
        XCTAssertEqual(try limit.optimum(for: try Market.twoType(q: r(1, 3))).surplus[1], r(1, 2))
        XCTAssertEqual(try limit.optimum(for: try Market.twoType(q: r(3, 5))).surplus[1], 0)
    }

    /// App A.4's two segmentation claims for E_4 and q ∈ (τ_2, τ_3).
    func testAppendixA4SegmentationClaims() throws {
        let env = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: 4, maxQuality: 1, curvature: 1).environment
        let tau = [r(1, 9), r(3, 11), r(5, 13), r(7, 15)]
        let q = (tau[2] + tau[3]) / 2
        func split(_ a: Rational, _ b: Rational) throws -> SegmentationVerification {
            let mu = (b - q) / (b - a)
            return try env.verifyParetoImprovement(of: try Market.twoType(q: q), by: try MarketSegmentation(
                [Segment(weight: mu, market: try Market.twoType(q: a)), Segment(weight: 1 - mu, market: try Market.twoType(q: b))]))
        }
        // "segmented ... into markets τ_1 − ε_k ... and τ_k'": Pareto improving (k' = 3 ≥ 2).
        XCTAssertTrue(try split(tau[1] - (tau[1] - tau[0]) / 2, tau[3]).isParetoImproving)
        // "achieved by segmenting it into markets τ_{k'−1} and τ_k', which is Pareto improving": revenue does not rise.
        let chord = try split(tau[2], tau[3])
        XCTAssertFalse(chord.isParetoImproving)
        XCTAssertTrue(chord.everySegmentWeaklyDominates && chord.someSegmentDominates)
        XCTAssertEqual(chord.segmentedRevenue, chord.originalRevenue)
    }

    func testFamilyValidationAndLookup() throws {
        let env = try section311()
        assertSegmentationError(try MarketFamily(from: try Market([1, 1]), to: try Market([2, 2])), .familyEndsEqual)
        assertSegmentationError(try MarketFamily(from: try Market([1, 1]), to: try Market([1, 1, 1])), .familyEndsDiffer(from: 2, to: 3))
        let analysis = try env.analyze(MarketFamily.twoType)
        assertSegmentationError(try analysis.piece(containing: r(2)), .familyPositionOutOfRange(s: 2))
        XCTAssertEqual(try analysis.revenue(at: r(1, 2)), r(5, 4))
        XCTAssertEqual(try analysis.revenue(at: r(9, 10)), r(9, 5))
        assertSegmentationError(try Environment(valuations: [[1], [2], [3]]).classifyTwoTypeMarkets(), .notTwoTypes(found: 3))
    }
}
