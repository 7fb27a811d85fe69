import XCTest
import Foundation
import Numerics
@testable import CompetitiveInformationDesign

final class HotellingTests: XCTestCase {
    func binaryPrior() throws -> SymmetricResidualPrior {
        try SymmetricResidualPrior(atoms: [-1, 1], probabilities: [0.5, 0.5], vBar: 1)
    }

    /// Example 4 / Theorem 3: the optimiser must find B* = 1, b* = e⁻² to 1e-9.
    func testExample4OptimumAgainstClosedForms() throws {
        let opt = try Hotelling.maximizeConsumerSurplus(prior: binaryPrior())
        let e2 = exp(-2.0)
        print("Example4 optimum b=\(opt.distribution.b) B=\(opt.distribution.B) CS=\(opt.consumerSurplus) TS=\(opt.totalSurplus) evals=\(opt.evaluations) refined=\(opt.firstOrderConditionRefined)")
        XCTAssertEqual(opt.distribution.B, 1, accuracy: 1e-9)
        XCTAssertEqual(opt.distribution.b, e2, accuracy: 1e-9)        // paper: b* = 1/e²
        XCTAssertEqual(opt.consumerSurplus, 0.5 * (1 + e2), accuracy: 1e-12) // paper: CS = ½(1 + e⁻²)
        XCTAssertEqual(opt.totalSurplus, 0.5 * (1 + 3 * e2), accuracy: 1e-9) // paper: TS = ½(1 + 3e⁻²)
        XCTAssertEqual(opt.efficientSurplus, 1, accuracy: 1e-15)      // paper: efficient surplus 1
        XCTAssertTrue(opt.constraint.feasible)
        XCTAssertTrue(opt.firstOrderConditionRefined)
        // Paper's printed decimals: CS ≈ 0.57, TS ≈ 0.70 agree; "b* = 1/e² ≈ 0.07" does not (1/e² = 0.1353…).
        XCTAssertEqual((opt.consumerSurplus * 100).rounded() / 100, 0.57)
        XCTAssertEqual((opt.totalSurplus * 100).rounded() / 100, 0.70)
        XCTAssertNotEqual((opt.distribution.b * 100).rounded() / 100, 0.07)
    }

    /// B held fixed (the cs-ts-by-b figure): against r = ±1 every G_b^B with
    /// B ≤ 1 is feasible and CS = ½[1 − b + b ln(B/b)], whose derivative
    /// ½[ln(B/b) − 2] vanishes at b = B·e⁻², with CS = ½(1 + B·e⁻²) and
    /// TS = ½(1 + 3B·e⁻²). B > 1 leaves no feasible b.
    func testOptimumAtFixedUpperBound() throws {
        let prior = try binaryPrior()
        for B in [1.0, 0.5, 0.25] {
            let o = try Hotelling.maximizeConsumerSurplus(prior: prior, upperBound: B)
            XCTAssertEqual(o.distribution.B, B)
            XCTAssertEqual(o.distribution.b, B * exp(-2.0), accuracy: 1e-9)
            XCTAssertEqual(o.consumerSurplus, 0.5 * (1 + B * exp(-2.0)), accuracy: 1e-12)
            XCTAssertEqual(o.totalSurplus, 0.5 * (1 + 3 * B * exp(-2.0)), accuracy: 1e-9)
            // No grid point of the sweep beats it.
            let grid = try Hotelling.sweep(prior: prior, bValues: stride(from: 0.01, to: B, by: 0.01).map { $0 }, BValues: [B])
            XCTAssertTrue(grid.allSatisfy { $0.consumerSurplus <= o.consumerSurplus + 1e-15 })
        }
        XCTAssertThrowsError(try Hotelling.maximizeConsumerSurplus(prior: prior, upperBound: 1.25)) { e in
            XCTAssertEqual(e as? CompetitiveInformationDesignError, .noContractionWithUpperBound(B: 1.25))
        }
        XCTAssertThrowsError(try Hotelling.maximizeConsumerSurplus(prior: prior, upperBound: 0))
    }

    /// Second method: bounded 2-D search (Optimize.maximize2D) with infeasible
    /// points marked −∞, no use of the monotonicity reduction.
    func testExample4SecondMethodMaximize2D() throws {
        let prior = try binaryPrior()
        let r = try Optimize.maximize2D({ b, B in
            guard B >= b, let g = try? TruncatedParetoFamily(b: b, B: B, strict: false),
                  (try? Hotelling.checkContraction(g, against: prior).feasible) == true else { return -.infinity }
            return Hotelling.welfare(g, base: 0.5).consumer
        }, x: 0.001...0.9, y: 0.001...1.0, gridPoints: 41, tolerance: 1e-10)
        XCTAssertEqual(r.x, exp(-2.0), accuracy: 1e-4)
        XCTAssertEqual(r.y, 1, accuracy: 1e-4)
        XCTAssertEqual(r.value, 0.5 * (1 + exp(-2.0)), accuracy: 1e-8)
    }

    /// MPC hand cases: against r = ±1, G_b^B is feasible iff B ≤ 1 (and b ≤ 1 …).
    func testMPCHandCases() throws {
        let prior = try binaryPrior()
        XCTAssertTrue(try Hotelling.checkContraction(TruncatedParetoFamily(b: 0.2, B: 1), against: prior).feasible)
        XCTAssertFalse(try Hotelling.checkContraction(TruncatedParetoFamily(b: 0.2, B: 1.0001), against: prior).feasible)
        // G_b^b: atoms ±b: feasible iff b ≤ E|r| = 1
        XCTAssertTrue(try Hotelling.checkContraction(TruncatedParetoFamily(b: 1, B: 1, strict: false), against: prior).feasible)
        // Uniform prior on [−1,1], b = 0.2, B = 1: Ψ_G(r) ≈ (b/2)(1 − r) > (1 − r)²/4 near r = 1 → infeasible
        let u = try SymmetricResidualPrior.uniform(vBar: 1)
        let c = try Hotelling.checkContraction(TruncatedParetoFamily(b: 0.2, B: 1), against: u)
        XCTAssertFalse(c.feasible)
        // hand value at r = 0: Ψ_G(0) = 0.1(1 + ln 5) vs Ψ_F(0) = 1/4
        let g = try TruncatedParetoFamily(b: 0.2, B: 1)
        XCTAssertEqual(g.stopLoss(0), 0.1 * (1 + log(5.0)), accuracy: 1e-15)
        XCTAssertEqual(u.stopLoss(0), 0.25, accuracy: 1e-15)
        XCTAssertEqual(prior.stopLoss(0.3), 0.35, accuracy: 1e-15)
    }

    func testUniformPriorHasInteriorB() throws {
        let u = try SymmetricResidualPrior.uniform(vBar: 1)
        let opt = try Hotelling.maximizeConsumerSurplus(prior: u)
        print("Uniform optimum b=\(opt.distribution.b) B=\(opt.distribution.B) CS=\(opt.consumerSurplus) TS=\(opt.totalSurplus) eff=\(opt.efficientSurplus)")
        XCTAssertLessThan(opt.distribution.B, 1 - 1e-3)
        XCTAssertTrue(opt.constraint.feasible)
        XCTAssertEqual(opt.constraint.maxViolation, 0, accuracy: 1e-9) // constraint binds
        // The same prior given as a density must agree.
        let d = try SymmetricResidualPrior(halfDensity: { _ in 0.5 }, vBar: 1)
        let opt2 = try Hotelling.maximizeConsumerSurplus(prior: d)
        XCTAssertEqual(opt2.distribution.b, opt.distribution.b, accuracy: 1e-6)
        XCTAssertEqual(opt2.distribution.B, opt.distribution.B, accuracy: 1e-6)
        XCTAssertEqual(opt2.consumerSurplus, opt.consumerSurplus, accuracy: 1e-9)
    }

    func testArmstrongZhouDerivation() throws {
        let opt = try Hotelling.maximizeConsumerSurplusUninformedProducers(prior: binaryPrior())
        let p = opt.distribution.p
        print("AZ p=\(p) X=\(opt.distribution.X) CS=\(opt.consumerSurplus) TS=\(opt.totalSurplus)")
        // First-order condition ln(1 + 1/p) = 2 + 1/(1 + p) (hand derivation, second method)
        let root = try Roots.brent({ q in log(1 + 1 / q) - 2 - 1 / (1 + q) }, in: 0.01, 0.2)
        XCTAssertEqual(p, root.root, accuracy: 1e-9)
        XCTAssertEqual(opt.distribution.X, 1, accuracy: 1e-12)
    }

    func testInvalidInputs() {
        XCTAssertThrowsError(try TruncatedParetoFamily(b: 0, B: 1)) { XCTAssertEqual($0 as? CompetitiveInformationDesignError, .lowerBoundNotPositive(b: 0)) }
        XCTAssertThrowsError(try TruncatedParetoFamily(b: 0.5, B: 0.5)) { XCTAssertEqual($0 as? CompetitiveInformationDesignError, .boundsNotOrdered(b: 0.5, B: 0.5)) }
        XCTAssertThrowsError(try SymmetricResidualPrior(atoms: [-1, 1], probabilities: [0.5, 0.6], vBar: 1)) {
            guard case CompetitiveInformationDesignError.atomProbabilitiesSum? = $0 as? CompetitiveInformationDesignError else { return XCTFail("\($0)") } }
        XCTAssertThrowsError(try SymmetricResidualPrior(atoms: [-1, 2], probabilities: [0.5, 0.5], vBar: 1)) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .atomOutsideSupport(index: 1, atom: 2, vBar: 1)) }
        XCTAssertThrowsError(try SymmetricResidualPrior(atoms: [-1, 0.5], probabilities: [0.5, 0.5], vBar: 1)) {
            XCTAssertTrue("\($0)".contains("symmetric")) }
        XCTAssertThrowsError(try SymmetricResidualPrior(atoms: [-1, 1], probabilities: [-0.5, 1.5], vBar: 1)) {
            XCTAssertEqual($0 as? CompetitiveInformationDesignError, .invalidAtomProbability(index: 0, probability: -0.5)) }
    }
}
