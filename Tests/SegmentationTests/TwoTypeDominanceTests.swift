import XCTest
import Numerics
@testable import Segmentation

/// The exact two-type dominance search and the exact split-weight search,
/// against brute-force grid scans (every grid market solved and compared on
/// its own), the two-type classification's three-point criterion, Theorem 1's
/// ε* and hand computations.
final class TwoTypeDominanceTests: XCTestCase {
    /// The pair market (1 − s) e_i + s e_j.
    func pairMarket(_ n: Int, _ i: Int, _ j: Int, _ s: Rational) throws -> Market {
        var w = [Rational](repeating: .zero, count: n)
        w[i] = 1 - s; w[j] = s
        return try Market(w)
    }

    /// Every grid market of every pair has the verdict of the piece containing it.
    func assertMatchesGrid(_ env: Environment, _ f: Market, grid: Int = 24, file: StaticString = #filePath, line: UInt = #line) throws {
        let search = try env.twoTypeDominance(of: f)
        let support = f.support
        var pairs = 0
        for (a, i) in support.enumerated() {
            for j in support[(a + 1)...] {
                pairs += 1
                let pieces = search.pieces.filter { $0.pair.first == i && $0.pair.second == j }
                XCTAssertFalse(pieces.isEmpty, file: file, line: line)
                var points = (1..<grid).map { Rational($0, grid) }
                points += pieces.flatMap { [$0.piece.lower, $0.piece.upper] }.filter { $0 > .zero && $0 < 1 }
                for s in points {
                    let direct = try env.dominance(of: pairMarket(env.typeCount, i, j, s), over: f)
                    let piece = pieces.filter { $0.piece.contains(s) }
                    XCTAssertEqual(piece.count, 1, "pair \(i),\(j) s = \(s)", file: file, line: line)
                    XCTAssertEqual(piece.first?.comparison.verdict, direct.verdict, "pair \(i),\(j) s = \(s)", file: file, line: line)
                    XCTAssertEqual(piece.first?.comparison.surplusChange, direct.surplusChange, file: file, line: line)
                }
            }
        }
        XCTAssertEqual(pairs, support.count * (support.count - 1) / 2, file: file, line: line)
    }

    func testSearchMatchesGridScanOnPaperMarkets() throws {
        let env = try section311()
        for q in [r(1, 2), r(3, 4), r(7, 8)] { try assertMatchesGrid(env, try Market.twoType(q: q)) }
        let (env3, f3) = try section411()
        try assertMatchesGrid(env3, f3)
    }

    func testSearchMatchesGridScanOnRandomMarkets() throws {
        var rng = SplitMix64(seed: 1717)
        for _ in 0..<3 {
            let env = randomEnvironment(types: 3, alternatives: 2, rng: &rng)
            try assertMatchesGrid(env, randomMarket(types: 3, rng: &rng), grid: 12)
        }
    }

    /// Sec 3.1.1: every inefficient market is dominated by the markets (0, 1/4]
    /// (CS_H = 1), and market 3/4 is the one inefficient market without a
    /// Pareto-improving split.
    func testSection311DominatingMarketsAndSplits() throws {
        let env = try section311()
        let at34 = try env.twoTypeDominance(of: try Market.twoType(q: r(3, 4)))
        XCTAssertEqual(at34.dominating.map { [$0.piece.lower, $0.piece.upper] }, [[0, r(1, 4)], [r(1, 4), r(1, 4)]])
        XCTAssertEqual(at34.dominating.map(\.comparison.surplusChange), [[0, r(3, 4)], [0, r(3, 4)]])
        XCTAssertFalse(at34.someSplitFound)
        XCTAssertTrue(at34.dominating.allSatisfy { $0.split?.improvingWeights == [] })
        for q in [r(7, 10), r(4, 5)] {
            XCTAssertTrue(try env.twoTypeDominance(of: try Market.twoType(q: q)).someSplitFound, "q = \(q)")
        }
        // At q = 1/2 with f′ = 1/8: f″ = (1/2 − ε/8)/(1 − ε) stays in (1/4, 3/4] for ε ≤ 2/5
        // (f″ = 3/4 at ε = 2/5) and the revenue rises; above 3/4 CS_H = 0 < 1/4.
        // The split search starts at f′ = the midpoint 1/8 of (0, 1/4).
        let w = try env.splitWeights(of: try Market.twoType(q: r(1, 2)), first: try Market.twoType(q: r(1, 8)))
        XCTAssertEqual(w.supportBound, r(4, 7))
        XCTAssertEqual(w.improvingWeights, [WeightInterval(lower: 0, upper: r(2, 5), lowerClosed: false, upperClosed: true)])
        XCTAssertEqual(w.safeWeightSupremum, r(2, 5))
    }

    /// In a two-type environment the split search is complete: it finds a
    /// split exactly at the markets the classification (three-point
    /// criterion) calls improvable.
    func testTwoTypeSplitSearchAgreesWithClassification() throws {
        for alpha in [r(3, 4), r(1, 2)] {
            let env = try section311(alpha: alpha)
            let c = try env.classifyTwoTypeMarkets()
            for k in 1..<20 {
                let q = Rational(k, 20)
                let found = try env.twoTypeDominance(of: try Market.twoType(q: q)).someSplitFound
                XCTAssertEqual(found, try c.classify(q).marketClass == .improvable, "alpha \(alpha) q = \(q)")
            }
        }
    }

    /// Sec 4.1.1: no two-type market Pareto dominates f (our instance of the
    /// paper's picture), although the three-type f′ of Prop. 2 does.
    func testSection411NoTwoTypeMarketDominates() throws {
        let (env, f) = try section411()
        let search = try env.twoTypeDominance(of: f)
        XCTAssertFalse(search.someTwoTypeMarketDominates)
        XCTAssertTrue(try env.dominatingMarket(for: f).dominance.dominates)
    }

    /// The weight search against a grid of weights, each split verified on its own.
    func assertWeightsMatchGrid(_ env: Environment, _ f: Market, _ first: Market, selection: SelectionRule = .standard,
                                file: StaticString = #filePath, line: UInt = #line) throws -> SplitWeightSearch {
        let w = try env.splitWeights(of: f, first: first, selection: selection)
        var eps = (1...24).map { w.supportBound * Rational($0, 24) }
        eps += w.improvingWeights.flatMap { [$0.lower, $0.upper] }.filter { $0 > .zero }
        for e in eps {
            let rest = try Market((0..<env.typeCount).map { (f[$0] - e * first[$0]) / (1 - e) })
            let seg = try MarketSegmentation([Segment(weight: e, market: first), Segment(weight: 1 - e, market: rest)])
            let direct = try env.verifyParetoImprovement(of: f, by: seg, selection: selection).isParetoImproving
            let inSet = w.improvingWeights.contains { i in
                (e > i.lower || (i.lowerClosed && e == i.lower)) && (e < i.upper || (i.upperClosed && e == i.upper))
            }
            XCTAssertEqual(inSet, direct, "ε = \(e)", file: file, line: line)
        }
        if let v = w.witness { XCTAssertTrue(v.isParetoImproving, file: file, line: line) }
        return w
    }

    /// Generic markets: the exact run from 0 contains Theorem 1's (0, ε*).
    func testWeightSearchContainsTheorem1Interval() throws {
        let cases: [(Environment, Market)] = [
            (try section311(), try Market.twoType(q: r(1, 2))),
            (try section311(), try Market.twoType(q: r(7, 8))),
            try section411(),
            (try Environment(valuations: [[1, 2], [2, 4], [3, 6]], costs: [r(1, 4), r(7, 4)]), try Market([r(2, 3), r(1, 6), r(1, 6)])),
        ]
        for (env, f) in cases {
            let t1 = try env.paretoImprovingSplit(of: f)
            let w = try assertWeightsMatchGrid(env, f, t1.construction.dominatingMarket)
            XCTAssertEqual(w.supportBound, t1.supportBound)
            let sup = try XCTUnwrap(w.safeWeightSupremum)
            XCTAssertGreaterThanOrEqual(sup, t1.safeWeightSupremum, "\(f)")
        }
    }

    /// A tied single-product market (Prop. 1's setting): values 1, 2, 3 and
    /// f = (1/4, 1/4, 1/2), where prices 2 and 3 both earn 3/2. Theorem 1 does
    /// not apply (two optimal payment rules). With price 2 selected (t3 gets
    /// 1), Prop. 2's f′ on {t1, t2} fails: every f″ has relatively more t3, so
    /// price 3 wins and t3's surplus falls to 0. A two-type f′ on {t1, t3}
    /// works: f − f′ keeps f(t2)/f(t3) = 1/2, so f″ stays tied at price 2.
    func testTiedSingleProductMarket() throws {
        let env = try Environment(valuations: [[1], [2], [3]])
        let f = try Market([1, 1, 2])
        XCTAssertFalse(try env.hasUniqueOptimalPaymentRule(for: f))
        assertSegmentationError(try env.paretoImprovingSplit(of: f), .severalOptimalPaymentRules(f))
        var inefficientRules = 0
        for rule in SelectionRule.allCases {
            let om = try env.optimalMechanism(for: f, selection: rule)
            guard !om.isEfficient else { continue }
            inefficientRules += 1
            let d = try env.dominatingMarket(for: f, selection: rule)
            _ = try assertWeightsMatchGrid(env, f, d.dominatingMarket, selection: rule)
            let w = try env.splitSearchAtTiedMarket(of: f, selection: rule)
            XCTAssertNotNil(w.witness, "\(rule)")
            _ = try assertWeightsMatchGrid(env, f, w.first, selection: rule)
        }
        XCTAssertGreaterThan(inefficientRules, 0)
        let priceTwo = try env.splitSearchAtTiedMarket(of: f, selection: .welfareFirst)
        XCTAssertEqual(priceTwo.first.support, [0, 2])
        let prop2 = try env.dominatingMarket(for: f, selection: .welfareFirst).dominatingMarket
        XCTAssertEqual(prop2, try Market([3, 1, 0]))
        XCTAssertEqual(try env.splitWeights(of: f, first: prop2, selection: .welfareFirst).improvingWeights, [])
        // Figure 4's f³ = (1/4, 3/4) is tied and not improvable: no weight works.
        let env2 = try section311()
        let f3 = try Market([1, 3])
        let d = try env2.dominatingMarket(for: f3)
        let w = try assertWeightsMatchGrid(env2, f3, d.dominatingMarket)
        XCTAssertEqual(w.improvingWeights, [])
        XCTAssertNil(w.witness)
    }

    func testErrors() throws {
        let env = try section311()
        let f = try Market.twoType(q: r(1, 2))
        assertSegmentationError(try env.splitWeights(of: f, first: f), .familyEndsEqual)
        XCTAssertThrowsError(try env.splitWeights(of: try Market.twoType(q: 1), first: f))
        XCTAssertThrowsError(try env.twoTypeDominance(of: try Market([1, 1, 1])))
    }

    /// Lemma 6 on random bundling markets (the grand bundle is every type's
    /// best alternative): every inefficient market has a two-type Pareto
    /// dominating market, and the search's verdicts match the grid scan.
    func testLemma6OnRandomBundlingMarkets() throws {
        var rng = SplitMix64(seed: 606)
        var inefficient = 0
        for _ in 0..<6 {
            let values = (0..<3).map { _ in (0..<2).map { _ in Rational(rng.nextInt(in: 1...12), 2) } }
            let env = try BundlingEnvironment(productValues: values).environment
            let f = randomMarket(types: 3, rng: &rng)
            guard !(try env.optimalMechanism(for: f).isEfficient) else { continue }
            inefficient += 1
            XCTAssertTrue(try env.twoTypeDominance(of: f).someTwoTypeMarketDominates, "values \(values), market \(f)")
            try assertMatchesGrid(env, f, grid: 8)
        }
        XCTAssertGreaterThan(inefficient, 0)
    }
}
