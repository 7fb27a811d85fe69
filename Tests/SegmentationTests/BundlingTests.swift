import XCTest
import Numerics
@testable import Segmentation

/// App A.3.3 (Fig 5, footnote 32): values t1 (2.5, 1), t2 (2, 2), t3 (3, 4).
final class BundlingTests: XCTestCase {
    func environment() throws -> BundlingEnvironment {
        try BundlingEnvironment(productValues: [[r(5, 2), 1], [2, 2], [3, 4]])
    }

    func testBundlesAndMenus() throws {
        let b = try environment()
        XCTAssertEqual(b.environment.alternativeNames, ["{1}", "{2}", "{1,2}"])
        XCTAssertEqual(b.grandBundle, 3)
        XCTAssertEqual(try b.alternative([0, 1]), 3)
        XCTAssertEqual(b.environment.efficientAlternative, [3, 3, 3])
        XCTAssertEqual(b.environment.grossValuations[2], [3, 4, 7])
        assertSegmentationError(try b.alternative([]), .invalidBundle(products: [], productCount: 2))
        assertSegmentationError(try BundlingEnvironment(productValues: [[1, 0]]), .nonPositiveProductValue(type: 0, product: 1, value: 0))
        assertSegmentationError(try BundlingEnvironment(productValues: [[1, 2], [1]]), .raggedProductValues(type: 1, products: 1, expected: 2))
        // Fig 5(b): product 1 at v(t2, {1}) = 2, grand bundle at v(t2, {1}) + v(t3, {2}) = 6.
        let menuB = try b.environment.mechanism(menu: [(1, 2), (3, 6)])
        XCTAssertEqual(menuB.allocation, [b.environment.deterministic(1), b.environment.deterministic(1), b.environment.deterministic(3)])
        XCTAssertEqual(menuB.support.map { menuB.surplus($0)! }, [r(1, 2), 0, 1])
        XCTAssertEqual(menuB.bindingIR, [1])
    }

    /// Footnote 32's market as printed, (ε, (1 − ε)·3/5, (1 − ε)·3/5), sums to
    /// (6 − ε)/5; normalised it never makes Fig 5(b) optimal, while
    /// (ε, (1 − ε)·2/5, (1 − ε)·3/5) does exactly for ε ∈ (0, 1/6).
    func testFootnote32Markets() throws {
        let b = try environment()
        let env = b.environment
        let eps = r(1, 100)
        XCTAssertEqual(eps + 2 * (1 - eps) * r(3, 5), (6 - eps) / 5)
        let menuB = try env.mechanism(menu: [(1, 2), (3, 6)])
        let corrected = try env.analyze(try MarketFamily(from: try Market([0, 2, 3]), to: try Market([1, 0, 0])))
        XCTAssertEqual(corrected.breakpoints, [r(1, 6), r(7, 12)])
        XCTAssertEqual(corrected.pieces[1].mechanism, menuB)                  // (0, 1/6)
        XCTAssertNotEqual(corrected.pieces[2].mechanism, menuB)               // at 1/6 the tie selects another
        XCTAssertTrue(try env.hasUniqueOptimalMechanism(for: try corrected.family.market(at: eps)))
        let printed = try env.analyze(try MarketFamily(from: try Market([0, 1, 1]), to: try Market([1, 0, 0])))
        XCTAssertFalse(printed.pieces.contains { $0.mechanism == menuB })
        // The printed market normalised at ε = 1/100: Fig 5(b) earns 2ε + 4(1 − ε) but the optimum is higher.
        let normalised = try Market([eps, (1 - eps) * r(3, 5), (1 - eps) * r(3, 5)])
        XCTAssertEqual(normalised.weights, [5 * eps / (6 - eps), 3 * (1 - eps) / (6 - eps), 3 * (1 - eps) / (6 - eps)])
        XCTAssertEqual(normalised.weights[1], normalised.weights[2])
        let halves = try Market([eps, (1 - eps) / 2, (1 - eps) / 2])
        XCTAssertEqual(menuB.revenue(in: halves), 2 * eps + 4 * (1 - eps))
        XCTAssertGreaterThan(try env.optimalRevenue(for: halves), menuB.revenue(in: halves))
        XCTAssertNotEqual(try env.optimalMechanism(for: normalised).mechanism, menuB)
    }

    /// Fig 5(c) (grand bundle at v(t2) = 4) is optimal in {t2, t3} markets with
    /// a large enough share of t2 (t3 share ≤ 1/2) and then dominates the Fig 5(b)
    /// market; with t1 present it is never optimal (adding product 1 at 5/2
    /// earns 5/2·f(t1) more), though the real optimum has IR binding for t1 and
    /// t2 and t1 as the only inefficient type, as the paper says.
    func testFigure5cClaims() throws {
        let b = try environment()
        let env = b.environment
        let menuC = try env.mechanism(menu: [(3, 4)], types: [1, 2])
        let pair = try env.analyze(try MarketFamily(from: try Market([0, 1, 0]), to: try Market([0, 0, 1])))
        XCTAssertEqual(pair.breakpoints, [r(1, 2), r(2, 3)])
        XCTAssertEqual(pair.pieces[1].mechanism, menuC)
        XCTAssertEqual(pair.pieces[2].mechanism, menuC)
        XCTAssertEqual(menuC.surplus(2), 3)       // 7 − 4 > 1 = 3 − 2
        let original = try env.optimalMechanism(for: try Market([r(1, 100), r(99, 100) * r(2, 5), r(99, 100) * r(3, 5)]))
        let cand = try env.optimalMechanism(for: try Market([0, 3, 1]))
        XCTAssertEqual(DominanceComparison(candidate: cand, original: original).verdict, .dominates)
        for w in [[1, 8, 1], [1, 98, 1], [1, 10, 5], [2, 20, 1]] {
            let f = try Market(w)
            let om = try env.optimalMechanism(for: f)
            let full = try env.mechanism(menu: [(3, 4)])
            let plus = try env.mechanism(menu: [(3, 4), (1, r(5, 2))])
            XCTAssertEqual(plus.revenue(in: f) - full.revenue(in: f), r(5, 2) * f[0])
            XCTAssertGreaterThan(om.revenue, full.revenue(in: f))
            XCTAssertEqual(om.bindingIR, [0, 1])
            XCTAssertEqual(om.inefficientTypes, [0])
            // Two-type dominating markets {t1, t2} and {t1, t3} with a large share of t1: bundle at 7/2.
            for other in [1, 2] {
                var weights = [3, 0, 0]; weights[other] = 1
                let d = try env.dominance(of: try Market(weights), over: f)
                XCTAssertEqual(d.verdict, .dominates)
                XCTAssertEqual(d.candidate.mechanism.payment[0], r(7, 2))
            }
        }
    }
}
