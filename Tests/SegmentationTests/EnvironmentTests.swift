import XCTest
import Numerics
@testable import Segmentation

/// Section 3: environments, markets, mechanisms and input validation.
final class EnvironmentTests: XCTestCase {
    func testNetValuationsEfficientAlternativesAndGrossPrices() throws {
        // Footnote 5: costs enter as v − c; footnote 25's linear environment.
        let env = try Environment(valuations: [[1, 2], [2, 4], [3, 6]], costs: [r(1, 4), r(7, 4)])
        XCTAssertEqual(env.netValuations, [[r(3, 4), r(1, 4)], [r(7, 4), r(9, 4)], [r(11, 4), r(17, 4)]])
        XCTAssertEqual(env.efficientAlternative, [1, 2, 2])   // the paper: (a1, a2, a2)
        let m = Mechanism(environment: env, allocation: [env.deterministic(1), nil, env.deterministic(2)], payment: [r(3, 4), nil, r(9, 4)])
        XCTAssertEqual(m.support, [0, 2])
        XCTAssertEqual(m.grossPrice(0), 1)
        XCTAssertEqual(m.grossPrice(2), 4)
        XCTAssertNil(m.grossPrice(1))
        XCTAssertEqual(m.surplus(2), 2)
        XCTAssertEqual(m.surplus(2, reporting: 0), r(11, 4) - r(3, 4))
        XCTAssertEqual(m.violations, [])
        XCTAssertEqual(m.revenue(in: try Market([1, 0, 1])), r(3, 2))
        // A type whose every alternative is worth less than its cost is efficiently excluded (ā = 0).
        let excluded = try Environment(valuations: [[1], [3]], costs: [2])
        XCTAssertEqual(excluded.efficientAlternative, [0, 1])
    }

    func testInvalidEnvironmentsNameTheParameter() {
        assertSegmentationError(try Environment(valuations: []), .noTypes)
        assertSegmentationError(try Environment(valuations: [[]]), .noAlternatives)
        assertSegmentationError(try Environment(valuations: [[1, 2], [1]]), .raggedValuations(type: 1, alternatives: 1, expected: 2))          // ragged
        assertSegmentationError(try Environment(valuations: [[1, 1], [1, 2]]), .tiedEfficientAlternatives(type: 0, alternatives: [1, 2], netValue: 1))       // tie a1 = a2
        assertSegmentationError(try Environment(valuations: [[0, -1]]), .tiedEfficientAlternatives(type: 0, alternatives: [0, 1], netValue: 0))              // tie with the outside option
        assertSegmentationError(try Environment(valuations: [[2, 3]], costs: [1, 2]), .tiedEfficientAlternatives(type: 0, alternatives: [1, 2], netValue: 1)) // net tie 1 = 1
        assertSegmentationError(try Environment(valuations: [[1, 2]], costs: [1]), .costCountMismatch(costs: 1, alternatives: 2))
        assertSegmentationError(try Environment(valuations: [[1, 2]], typeNames: ["a", "b"]), .typeNameCountMismatch(names: 2, types: 1))
        assertSegmentationError(try Environment(valuations: [[1, 2]], alternativeNames: ["x"]), .alternativeNameCountMismatch(names: 1, alternatives: 2))
    }

    func testMarketsNormaliseAndRejectBadWeights() throws {
        let m = try Market([1, 3])
        XCTAssertEqual(m.weights, [r(1, 4), r(3, 4)])
        XCTAssertEqual(try Market([r(0), r(2)]).support, [1])
        assertSegmentationError(try Market([Rational]()), .emptyMarket)
        assertSegmentationError(try Market([1, -1]), .negativeWeight(type: 1, weight: -1))
        assertSegmentationError(try Market([0, 0]), .zeroMarket)
        assertSegmentationError(try Market.twoType(q: r(5, 4)), .shareOutOfRange(q: r(5, 4)))
        let env = try section311()
        assertSegmentationError(try env.optimalMechanism(for: try Market([1, 1, 1])), .marketSizeMismatch(weights: 3, types: 2))
    }

    func testSelectionRuleNames() throws {
        XCTAssertEqual(try SelectionRule(name: "welfare-first"), .welfareFirst)
        XCTAssertEqual(try SelectionRule(name: "buyer-worst"), .buyerWorst)
        XCTAssertEqual(try SelectionRule(name: "consumer-first"), .consumerFirst)
        XCTAssertEqual(SelectionRule.standard, .welfareFirst)
        assertSegmentationError(try SelectionRule(name: "seller-best"), .unknownSelectionRule(name: "seller-best"))
    }

    func testMenuRepresentationBreaksTiesTowardsTheHigherPrice() throws {
        // Sec 3: an indifferent type chooses the pair with the higher price.
        let env = try section311()
        let m = try env.mechanism(menu: [(1, r(3, 4)), (2, r(7, 4))])
        XCTAssertEqual(m.allocation[0], env.deterministic(1))     // tL: a_L at 0.75 (indifferent with 0)
        XCTAssertEqual(m.allocation[1], env.deterministic(2))     // tH: indifferent a_L (1/4) vs a_H (1/4) → a_H
        XCTAssertEqual(m.payment, [r(3, 4), r(7, 4)])
        assertSegmentationError(try env.mechanism(menu: [(3, 1)]), .menuAlternativeOutOfRange(alternative: 3, alternatives: 2))
    }
}
