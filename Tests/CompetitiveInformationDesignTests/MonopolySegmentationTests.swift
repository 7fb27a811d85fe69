import XCTest
import Numerics
@testable import CompetitiveInformationDesign

/// The monopoly benchmark (BBM 2015): the segmentation LP against the theorem's
/// closed form, BBM's greedy extremal construction, and brute force over
/// segmentations on a grid.
final class MonopolySegmentationTests: XCTestCase {
    func r(_ a: Int, _ b: Int = 1) -> Rational { Rational(a, b) }

    /// BBM (2015)'s running example shape: values 1, 2, 3 equally likely, c = 0.
    /// Hand: π* = max(1, 4/3, 1) = 4/3 at p = 2, w* = 2, so CS* = 2/3.
    func testThreeValueExampleByHand() throws {
        let m = try MonopolyMarket(values: [r(1), r(2), r(3)], prior: [r(1, 3), r(1, 3), r(1, 3)], cost: .zero)
        XCTAssertEqual(m.uniformPricing.profit, r(4, 3)); XCTAssertEqual(m.uniformPricing.prices, [r(2)])
        let o = try MonopolySegmentationProgram(market: m).consumerOptimal()
        XCTAssertEqual(o.consumerSurplus, r(2, 3)); XCTAssertEqual(o.producerSurplus, r(4, 3))
        assertValidSegmentation(o, of: m)
        // Consumer-preferred ties are the LP's own prices; consumer-worst ties on the same
        // segments (hand: {1: 1/2, 2: 1/3, 3: 1/6} at 2, {2: 1/3, 3: 2/3} at 3) leave CS = (2/3)(1/6) = 1/9, PS = 4/3.
        XCTAssertEqual(o.repriced(highestOptimalPrice: false, market: m), o)
        let worst = o.repriced(highestOptimalPrice: true, market: m)
        XCTAssertEqual(worst.consumerSurplus, r(1, 9)); XCTAssertEqual(worst.producerSurplus, r(4, 3))
    }

    /// Every segment's price is optimal in it, and the consumer optimum charges
    /// the lowest optimal price; the segments average to the prior.
    func assertValidSegmentation(_ o: SegmentationOutcome, of m: MonopolyMarket, file: StaticString = #filePath, line: UInt = #line) {
        var aggregate = [Rational](repeating: .zero, count: m.values.count)
        for s in o.segments {
            for i in m.values.indices { aggregate[i] += s.weight * s.posterior[i] }
            let d = try! ResidualDistribution(masses: Array(zip(m.values, s.posterior)))
            let best = d.optimalPrices(cost: m.cost).profit
            if let p = s.price {
                XCTAssertEqual(d.profit(price: p, cost: m.cost), best, "segment price not optimal", file: file, line: line)
                if !s.optimalPrices.isEmpty { XCTAssertEqual(p, s.optimalPrices.first, file: file, line: line) }
            } else {
                XCTAssertEqual(best, .zero, "a no-sale segment with a profitable price", file: file, line: line)
            }
        }
        XCTAssertEqual(aggregate, m.prior, file: file, line: line)
    }

    /// A seeded random market: distinct integer values in 0…9, a random exact prior, a cost in {0, 1/2, 1, 2}.
    func randomMarket(_ g: inout Xoshiro256StarStar) throws -> MonopolyMarket {
        let n = g.nextInt(in: 1...5)
        var values: [Rational] = []
        while values.count < n { let v = r(g.nextInt(in: 0...9)); if !values.contains(v) { values.append(v) } }
        let weights = (0..<n).map { _ in g.nextInt(in: 1...6) }
        let total = weights.reduce(0, +)
        let cost = [r(0), r(1, 2), r(1), r(2)][g.nextInt(in: 0...3)]
        return try MonopolyMarket(values: values, prior: weights.map { r($0, total) }, cost: cost)
    }

    /// BBM (2015) Theorem 1 (with a cost): max CS = w* − π* and PS = π*, trade
    /// efficient; and BBM's greedy extremal segmentation (a second, constructive
    /// method, applied to the values above c) reaches the same CS.
    func testTheoremAndGreedyConstructionOnRandomMarkets() throws {
        var g = Xoshiro256StarStar(seed: 2015)
        for _ in 0..<40 {
            let m = try randomMarket(&g)
            let o = try MonopolySegmentationProgram(market: m).consumerOptimal()
            let pi = m.uniformPricing.profit
            XCTAssertEqual(o.consumerSurplus, m.efficientSurplus - pi, "\(m)")
            XCTAssertEqual(o.producerSurplus, pi, "\(m)")
            assertValidSegmentation(o, of: m)
            let above = zip(m.values, m.prior).filter { $0.0 > m.cost && $0.1 > .zero }
            guard !above.isEmpty else { XCTAssertEqual(o.consumerSurplus, .zero); continue }
            let massAbove = above.reduce(Rational.zero) { $0 + $1.1 }
            let greedy = try ExtremalSegmentation.bbmGreedy(ResidualDistribution(masses: above), cost: m.cost)
            let greedyCS = massAbove * greedy.reduce(Rational.zero) { acc, s in
                acc + s.probability * zip(s.distribution.support, s.distribution.probabilities).reduce(Rational.zero) { $0 + $1.1 * ($1.0 - s.price) }
            }
            XCTAssertEqual(greedyCS, o.consumerSurplus, "\(m)")
        }
    }

    /// Every (CS, PS) of the segmentations that split each value's mass into
    /// `parts` equal slices among `segments` unlabelled segments, priced at the
    /// seller's lowest and highest optimal price (an independent evaluation: no LP).
    func bruteForce(_ m: MonopolyMarket, parts: Int, segments: Int) -> [SurplusPoint] {
        // All ways to write `parts` as an ordered sum of `segments` nonnegative integers.
        func compositions(_ total: Int, _ k: Int) -> [[Int]] {
            k == 1 ? [[total]] : (0...total).flatMap { h in compositions(total - h, k - 1).map { [h] + $0 } }
        }
        let comps = compositions(parts, segments)
        var points = Set<SurplusPoint>()
        var choice = [Int](repeating: 0, count: m.values.count)
        while true {
            var cs = [Rational.zero, .zero], ps = [Rational.zero, .zero]
            for s in 0..<segments {
                let masses = m.values.indices.map { i in m.prior[i] * r(comps[choice[i]][s], parts) }
                guard masses.contains(where: { $0 > .zero }) else { continue }
                let d = try! ResidualDistribution(masses: Array(zip(m.values, masses)))
                let w = masses.reduce(Rational.zero, +)
                let prices = d.optimalPrices(cost: m.cost).prices
                for (t, p) in [prices.first, prices.last].enumerated() {
                    guard let p else { continue }
                    cs[t] += w * zip(d.support, d.probabilities).reduce(Rational.zero) { $0 + ($1.0 >= p ? $1.1 * ($1.0 - p) : .zero) }
                    ps[t] += w * d.profit(price: p, cost: m.cost)
                }
            }
            for t in 0..<2 { points.insert(SurplusPoint(consumerSurplus: cs[t], producerSurplus: ps[t])) }
            var i = 0
            while i < choice.count, choice[i] == comps.count - 1 { choice[i] = 0; i += 1 }
            if i == choice.count { break }
            choice[i] += 1
        }
        return Array(points)
    }

    /// Brute force over a grid of segmentations: its best CS equals the LP's
    /// (the optima split each value's mass in thirds, resp. halves), and every point
    /// it reaches lies in the LP's (CS, PS) polygon.
    func testBruteForceOverGridSegmentations() throws {
        let markets = [(try MonopolyMarket(values: [r(1), r(2), r(3)], prior: [r(1, 3), r(1, 3), r(1, 3)], cost: .zero), 3),
                       (try MonopolyMarket(values: [r(0), r(2), r(3)], prior: [r(1, 4), r(1, 4), r(1, 2)], cost: r(1)), 4)]
        for (m, parts) in markets {
            let program = MonopolySegmentationProgram(market: m)
            let lp = try program.consumerOptimal()
            let points = bruteForce(m, parts: parts, segments: 3)
            XCTAssertEqual(points.map(\.consumerSurplus).max(), lp.consumerSurplus, "\(m)")
            let poly = try program.surplusSetVertices()
            for q in points {
                for (k, a) in poly.enumerated() {
                    let b = poly[(k + 1) % poly.count]
                    let cross = (b.consumerSurplus - a.consumerSurplus) * (q.producerSurplus - a.producerSurplus)
                        - (b.producerSurplus - a.producerSurplus) * (q.consumerSurplus - a.consumerSurplus)
                    XCTAssertGreaterThanOrEqual(cross, .zero, "\(q) outside the polygon of \(m)")
                }
            }
        }
    }

    /// BBM (2015) Fig. 1: the achievable set is the triangle (w* − π*, π*),
    /// (0, w*), (0, π*) (degenerate when w* = π*), counter-clockwise from the CS maximum.
    func testSurplusSetIsBBMTriangle() throws {
        var g = Xoshiro256StarStar(seed: 1)
        for _ in 0..<25 {
            let m = try randomMarket(&g)
            let pi = m.uniformPricing.profit, w = m.efficientSurplus
            var triangle: [SurplusPoint] = []
            for p in [SurplusPoint(consumerSurplus: w - pi, producerSurplus: pi), SurplusPoint(consumerSurplus: .zero, producerSurplus: w),
                      SurplusPoint(consumerSurplus: .zero, producerSurplus: pi)] where !triangle.contains(p) { triangle.append(p) }
            XCTAssertEqual(try MonopolySegmentationProgram(market: m).surplusSetVertices(), triangle, "\(m)")
        }
    }

    func testInvalidMarkets() {
        XCTAssertThrowsError(try MonopolyMarket(values: [r(1), r(1)], prior: [r(1, 2), r(1, 2)], cost: .zero)) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .repeatedMarketValue(index: 1, value: r(1))) }
        XCTAssertThrowsError(try MonopolyMarket(values: (0..<17).map { r($0) }, prior: (0..<17).map { _ in r(1, 17) }, cost: .zero)) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .tooManyMarketValues(count: 17, maximum: 16)) }
        XCTAssertThrowsError(try MonopolyMarket(values: [r(1)], prior: [r(1, 2)], cost: .zero)) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .priorSum(total: r(1, 2))) }
    }
}
