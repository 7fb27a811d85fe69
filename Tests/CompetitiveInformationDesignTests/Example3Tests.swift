import XCTest
import Numerics
@testable import CompetitiveInformationDesign

final class Example3Tests: XCTestCase {
    let values = [Rational(0), Rational(4)]
    let prior = [Rational(1, 2), Rational(1, 2)]

    func testFullNoAndEpsilonInformation() throws {
        let full = try MonopolyConsumerInformation.outcome(values: values, prior: prior, cost: Rational(1), signal: .fullInformation(values: 2))
        XCTAssertEqual(full.price, Rational(4)); XCTAssertEqual(full.consumerSurplus, .zero)   // paper: p = 4, CS = 0
        XCTAssertTrue(full.isEfficient); XCTAssertEqual(full.totalSurplus, Rational(3, 2))
        let none = try MonopolyConsumerInformation.outcome(values: values, prior: prior, cost: Rational(1), signal: .noInformation(values: 2))
        XCTAssertEqual(none.price, Rational(2)); XCTAssertEqual(none.consumerSurplus, .zero)   // paper: price 2
        XCTAssertEqual(none.totalSurplus, Rational(1)); XCTAssertFalse(none.isEfficient)
        let eps = Rational(1, 10)
        let e = try MonopolyConsumerInformation.outcome(values: values, prior: prior, cost: Rational(1), signal: .epsilonInformation(values: 2, epsilon: eps))
        XCTAssertEqual(e.price, Rational(2))                       // paper: 2 still optimal
        XCTAssertEqual(e.consumerSurplus, eps)                     // hand: (ε/2)·(4 − 2) = ε > 0
        XCTAssertEqual(e.totalSurplus, Rational(1) + eps / Rational(2)); XCTAssertFalse(e.isEfficient)
        // price 2 stays optimal iff ε ≤ 1/2 (hand: 1 − ε/2 ≥ 3ε/2)
        let half = try MonopolyConsumerInformation.outcome(values: values, prior: prior, cost: Rational(1), signal: .epsilonInformation(values: 2, epsilon: Rational(1, 2)))
        XCTAssertEqual(half.optimalPrices, [Rational(2), Rational(4)])
    }

    func testInvalid() {
        XCTAssertThrowsError(try MonopolyConsumerInformation.outcome(values: values, prior: [Rational(1, 2), Rational(1, 3)], cost: Rational(1), signal: .noInformation(values: 2))) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .priorSum(total: Rational(5, 6))) }
        XCTAssertThrowsError(try ConsumerSignal(likelihoods: [[Rational(1, 2)], [Rational(1)]])) { XCTAssertEqual($0 as? CompetitiveInformationDesignError, .likelihoodRowSum(value: 0, sum: Rational(1, 2))) }
    }
}

final class Example4BenchmarksTests: XCTestCase {
    /// Example 4 benchmarks from the general Bertrand solver: full information
    /// (profiles (0,1), (1,0), costs 0) gives price 1 and CS 0; no information
    /// (interim values (1/2, 1/2)) gives price 0 (tie, at cost) and CS 1/2.
    func testFullAndNoInformation() throws {
        let z = Rational(0), o = Rational(1), h = Rational(1, 2)
        let full = try BertrandEnvironment(profiles: [BertrandProfile(values: [z, o], costs: [z, z]), BertrandProfile(values: [o, z], costs: [z, z])],
                                           probabilities: [h, h])
        XCTAssertEqual(try full.conditionalResiduals(producer: 0)[0].optimalPrice, o)   // paper: p_i = 1
        XCTAssertEqual(try full.consumerSurplusBound(), z)                              // paper: CS = 0
        XCTAssertEqual(full.expectedEfficientSurplus, o)
        let none = try BertrandEnvironment(profiles: [BertrandProfile(values: [h, h], costs: [z, z])], probabilities: [o])
        let con = try Theorem1Construction(environment: none)
        XCTAssertEqual(con.outcomes[0].strategies, [.price(z), .price(z)])             // paper: p_1 = p_2 = 0
        XCTAssertEqual(con.welfare().consumerSurplus, h)                                // paper: CS = 1/2 = TS
        XCTAssertEqual(con.welfare().totalSurplus, h)
        XCTAssertTrue(con.checkEquilibrium().passes)
    }
}
