import XCTest
import Foundation
import Numerics
@testable import CompetitiveInformationDesign

/// Outputs added for referees: the Hotelling optimum's tangency point and the
/// complete-information producer surplus next to Theorem 1's bounds.
final class RefereeOutputsTests: XCTestCase {
    /// Example 4 (r = ±1): Ψ_F(r) = (1 − r)/2 is affine on [0, 1] and Ψ_G convex,
    /// so the constraint can bind only at an end; it binds at B* = 1, where both vanish.
    func testTangencyAtTheTopInExample4() throws {
        let prior = try SymmetricResidualPrior(atoms: [-1, 1], probabilities: [0.5, 0.5], vBar: 1)
        let o = try Hotelling.maximizeConsumerSurplus(prior: prior)
        XCTAssertEqual(o.constraint.argmax, 1, accuracy: 1e-9)
        XCTAssertEqual(o.constraint.argmax, o.distribution.B, accuracy: 1e-9)
        XCTAssertEqual(o.constraint.maxViolation, 0, accuracy: 1e-12)
    }

    /// Uniform r on [−1, 1]: Ψ_F(r) = (1 − r)²/4 (closed form, not the prior's
    /// table) and Ψ_G = (b/2) ln(B/r) on [b, B]; tangency means equal values and
    /// equal slopes, −b/(2r) = −(1 − r)/2, i.e. r(1 − r) = b.
    func testInteriorTangencyForTheUniformPrior() throws {
        let o = try Hotelling.maximizeConsumerSurplus(prior: try SymmetricResidualPrior.uniform(vBar: 1))
        let r = o.constraint.argmax, b = o.distribution.b, B = o.distribution.B
        XCTAssertGreaterThan(r, b); XCTAssertLessThan(r, B)
        XCTAssertEqual(r * (1 - r), b, accuracy: 1e-6)
        XCTAssertEqual(0.5 * b * log(B / r), (1 - r) * (1 - r) / 4, accuracy: 1e-9)
        XCTAssertEqual(o.constraint.maxViolation, 0, accuracy: 1e-9)
        // Closed form from the first-order condition along the tangency: u = 1 − r* = e⁻².
        XCTAssertEqual(r, 1 - exp(-2), accuracy: 1e-7)
        XCTAssertEqual(b, exp(-2) * (1 - exp(-2)), accuracy: 1e-9)
        XCTAssertEqual(B, (1 - exp(-2)) * exp(exp(-2) / (2 * (1 - exp(-2)))), accuracy: 1e-7)
    }

    /// Example 1 by hand: r_i − c_i = (v_i − c_i) − max(0, v_j − c_j) with both
    /// surpluses uniform on {0, 1, 3, 4}: E[max(0, a − b)] = (0 + 1/4 + 5/4 + 2)/4 = 7/8.
    func testCompleteInformationPSInExample1() throws {
        let env = try Example1Tests.example1()
        for i in 0..<2 { XCTAssertEqual(try env.completeInformationProducerSurplus(producer: i), Rational(7, 8)) }
    }

    /// Second method: the conditional residual distributions (given own cost, on
    /// the event of unique efficiency) priced at each residual give Σ mass·E[r − c];
    /// and complete information is never below Theorem 1's lower bound.
    func testCompleteInformationAgainstConditionalResidualsOnRandomInstances() throws {
        var gen = SplitMix64(seed: 17)
        for t in 0..<30 {
            let env = try Theorem1Construction.randomEnvironment(producers: 2 + t % 2, generator: &gen)
            for i in 0..<env.producerCount {
                let viaResiduals = try env.conditionalResiduals(producer: i).reduce(Rational.zero) { acc, c in
                    acc + c.mass * (c.distribution.mean - c.cost)
                }
                let ci = try env.completeInformationProducerSurplus(producer: i)
                XCTAssertEqual(ci, viaResiduals, "instance \(t), producer \(i)")
                XCTAssertGreaterThanOrEqual(ci, try env.producerSurplusLowerBound(producer: i))
            }
        }
    }
}
