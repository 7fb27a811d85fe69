import XCTest
import Numerics
@testable import Segmentation

/// Sec 4.2 / Fig 4: the payment polytope against brute-force vertex enumeration.
final class PaymentPolytopeTests: XCTestCase {
    func testSection311PolytopeVerticesCellsAndHyperplanes() throws {
        let env = try section311()
        let polytope = try PaymentPolytope(environment: env)
        let vertices = try polytope.vertices()
        // The paper draws three vertices besides the origin: p¹ = (1, 1), p² = (0.75, 1.75), p³ = (0, 2).
        // Exact enumeration finds two more, (1/2, 0) and (3/4, 1/4) (never revenue-maximising).
        XCTAssertEqual(vertices, [[0, 0], [0, 2], [r(1, 2), 0], [r(3, 4), r(1, 4)], [r(3, 4), r(7, 4)], [1, 1]])
        XCTAssertEqual(vertices, try polytope.referenceVertices())
        // (3/4, 1/4) is the payment rule of: t_L gets a_L at 3/4, t_H gets a_H with probability 1/4 at 1/4.
        let witness = Mechanism(environment: env, allocation: [env.deterministic(1), [r(3, 4), 0, r(1, 4)]], payment: [r(3, 4), r(1, 4)])
        XCTAssertEqual(witness.violations, [])
        // Market cells: p¹ for q ∈ [0, 1/4], p² for [1/4, 3/4], p³ for [3/4, 1].
        let cells = try polytope.marketCells()
        var byVertex: [[Rational]: Set<[Rational]>] = [:]
        for c in cells.cells where c.dimension == 1 { byVertex[c.vertex] = Set(c.marketVertices) }
        XCTAssertEqual(byVertex[[1, 1]], Set([[1, 0], [r(3, 4), r(1, 4)]]))
        XCTAssertEqual(byVertex[[r(3, 4), r(7, 4)]], Set([[r(3, 4), r(1, 4)], [r(1, 4), r(3, 4)]]))
        XCTAssertEqual(byVertex[[0, 2]], Set([[r(1, 4), r(3, 4)], [0, 1]]))
        // Tie hyperplanes: f(t_L) − 3 f(t_H) = 0 through f² and 3 f(t_L) − f(t_H) = 0 through f³.
        let planes = Dictionary(uniqueKeysWithValues: cells.hyperplanes.map { ($0.coefficients, $0.sharedMarkets) })
        XCTAssertEqual(planes[[1, -3]], [[r(3, 4), r(1, 4)]])
        XCTAssertEqual(planes[[3, -1]], [[r(1, 4), r(3, 4)]])
        XCTAssertEqual(planes.count, 2)
        // f¹ = (0.9, 0.1): unique optimal payment p¹; f² and f³: several.
        XCTAssertEqual(try polytope.vertex(maximizing: [r(9, 10), r(1, 10)]), [1, 1])
        XCTAssertTrue(try env.hasUniqueOptimalPaymentRule(for: try Market([r(9, 10), r(1, 10)])))
        XCTAssertFalse(try env.hasUniqueOptimalPaymentRule(for: try Market([r(3, 4), r(1, 4)])))
        XCTAssertFalse(try env.hasUniqueOptimalPaymentRule(for: try Market([r(1, 4), r(3, 4)])))
        // "Both markets f² and f³ are not Pareto improvable, but f² is the only inefficient market that is
        // not Pareto improvable": f² = (0.75, 0.25) is q = 0.25, which is efficient; the inefficient one is f³.
        let classes = try env.classifyTwoTypeMarkets()
        XCTAssertEqual(try classes.classify(r(1, 4)).marketClass, .efficient)        // f²
        XCTAssertEqual(try classes.classify(r(3, 4)).marketClass, .notImprovable)    // f³
    }

    func testRandomTwoTypePolytopesAgainstBruteForce() throws {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<4 {
            let env = randomEnvironment(types: 2, alternatives: 2, rng: &rng)
            let polytope = try PaymentPolytope(environment: env)
            XCTAssertEqual(try polytope.vertices(), try polytope.referenceVertices(), "valuations \(env.netValuations)")
        }
        let single = randomEnvironment(types: 3, alternatives: 1, rng: &rng)
        let p3 = try PaymentPolytope(environment: single)
        XCTAssertEqual(try p3.vertices(), try p3.referenceVertices(), "valuations \(single.netValuations)")
    }

    func testPrimitiveNormalsAndValidation() throws {
        let (v, s) = MarketCells.primitive([r(-1, 4), r(3, 4)])
        XCTAssertEqual(v, [1, -3]); XCTAssertEqual(s, -1)
        XCTAssertEqual(MarketCells.primitive([r(3, 4), r(-1, 4)]).0, [3, -1])
        let env = try section311()
        assertSegmentationError(try PaymentPolytope(environment: env, types: [1, 0]), .invalidTypeSubset(types: [1, 0], typeCount: 2))
        assertSegmentationError(try PaymentPolytope(environment: env, types: []), .invalidTypeSubset(types: [], typeCount: 2))
        assertSegmentationError(try PaymentPolytope(environment: env).vertex(maximizing: [1]), .directionSizeMismatch(entries: 1, types: 2))
    }
}
