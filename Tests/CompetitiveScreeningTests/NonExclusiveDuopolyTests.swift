import XCTest
import Harness
import Numerics
@testable import CompetitiveScreening

final class NonExclusiveDuopolyTests: XCTestCase {
    private func relative(_ text: String) throws -> RelativePreference { try RelativePreference(parsing: text) }

    func testUniformDelta() throws {
        // Δ ~ U[l, u], w = u − l: H = (Δ − l)/w, h = 1/w, h′ = 0, φ = Δ/w + 2(Δ − l)/w, φ′ = 3/w,
        // ψ = (1 − 2(Δ − l)/w)·w = u + l − 2Δ, ψ′ = −2.
        for (l, w) in [(-1.0, 2.0), (-0.3, 1.5)] {
            let r = try RelativePreference(shifting: .uniform(upper: w), by: l)
            for t in stride(from: 0.05, to: 1, by: 0.1) {
                let delta = l + t * w
                let p = try r.point(delta)
                XCTAssertEqual(p.H, (delta - l) / w, accuracy: 1e-14)
                XCTAssertEqual(p.phi, delta / w + 2 * (delta - l) / w, accuracy: 1e-14)
                XCTAssertEqual(p.phiPrime, 3 / w, accuracy: 1e-14)
                XCTAssertEqual(try XCTUnwrap(p.psi), 2 * l + w - 2 * delta, accuracy: 1e-13)
                XCTAssertEqual(try XCTUnwrap(p.psiPrime), -2, accuracy: 1e-14)
            }
            let c = try NonExclusiveConditions(r)
            XCTAssertEqual(c.phi.direction, .increasing)
            XCTAssertTrue(c.phi.signChanges.isEmpty)
            XCTAssertEqual(c.phi.minimumSlope.value, 3 / w, accuracy: 1e-14)
            XCTAssertTrue(c.psi.holds)
            XCTAssertEqual(c.psi.distanceFromOne.value, 3, accuracy: 1e-14)
        }
    }

    func testTriangularDeltaOfIIDUniformValuations() throws {
        // θ₁, θ₂ iid U[0, 1]: h = 1 − |Δ|, H = (1 + Δ)²/2 (Δ ≤ 0), 1 − (1 − Δ)²/2 (Δ ≥ 0), h′ = −sign(Δ).
        // φ′ = 3h + Δh′ = 3 − 4|Δ|: zero at |Δ| = 3/4, negative beyond: φ is not monotone.
        // ψ = 1/(1 + Δ) − (1 + Δ) for Δ < 0 and (1 − Δ) − 1/(1 − Δ) for Δ > 0, so
        // ψ′ = −1 − 1/(1 − |Δ|)² ≤ −2 < 1: ψ′ ≠ 1 everywhere.
        let r = try relative("difference(uniform, uniform)")
        XCTAssertEqual(r.lower, -1)
        XCTAssertEqual(r.upper, 1)
        for delta in stride(from: -0.95, through: 0.95, by: 0.05) {
            let p = try r.point(delta)
            let a = abs(delta)
            XCTAssertEqual(p.h, 1 - a, accuracy: 1e-12, "Δ = \(delta)")
            XCTAssertEqual(p.H, delta <= 0 ? (1 + delta) * (1 + delta) / 2 : 1 - (1 - delta) * (1 - delta) / 2, accuracy: 1e-12)
            if a > 1e-9 { XCTAssertEqual(p.hPrime, delta < 0 ? 1 : -1, accuracy: 1e-12) }
            XCTAssertEqual(p.phiPrime, 3 - 4 * a, accuracy: 1e-11, "Δ = \(delta)")
            XCTAssertEqual(try XCTUnwrap(p.psiPrime), -1 - 1 / ((1 - a) * (1 - a)), accuracy: 1e-9, "Δ = \(delta)")
        }
        let c = try NonExclusiveConditions(r)
        XCTAssertEqual(c.phi.signChanges.count, 2)
        XCTAssertEqual(c.phi.signChanges[0], -0.75, accuracy: 1e-10)
        XCTAssertEqual(c.phi.signChanges[1], 0.75, accuracy: 1e-10)
        XCTAssertEqual(c.phi.direction, .notMonotone)
        XCTAssertFalse(c.phi.holds)
        XCTAssertEqual(c.phi.minimumSlope.value, -1, accuracy: 1e-11)
        XCTAssertEqual(c.phi.maximumSlope.value, 3, accuracy: 1e-9)
        XCTAssertEqual(c.psi.supremumSlope.value, -2, accuracy: 1e-9)
        XCTAssertTrue(c.psi.crossings.isEmpty)
        XCTAssertTrue(c.psi.holds)
    }

    func testUniformAgainstBetaTwoOne() throws {
        // θ₂ ~ Beta(2, 1) (f₂ = 2s): h = 1 − Δ² on [−1, 0], (1 − Δ)² on [0, 1].
        // φ′ = 3 − 5Δ² (Δ < 0) and (1 − Δ)(3 − 5Δ) (Δ > 0): sign changes at −√(3/5) and 3/5.
        let r = try relative("difference(uniform, beta(2, 1))")
        for delta in [-0.9, -0.5, -0.1, 0.2, 0.7] {
            let p = try r.point(delta)
            XCTAssertEqual(p.h, delta < 0 ? 1 - delta * delta : (1 - delta) * (1 - delta), accuracy: 1e-12)
            XCTAssertEqual(p.phiPrime, delta < 0 ? 3 - 5 * delta * delta : (1 - delta) * (3 - 5 * delta), accuracy: 1e-11)
        }
        let c = try NonExclusiveConditions(r)
        XCTAssertEqual(c.phi.signChanges.count, 2)
        XCTAssertEqual(c.phi.signChanges[0], -(0.6).squareRoot(), accuracy: 1e-10)
        XCTAssertEqual(c.phi.signChanges[1], 0.6, accuracy: 1e-10)
        XCTAssertTrue(c.psi.holds)
        XCTAssertLessThan(c.psi.supremumSlope.value, -1.9)
    }

    func testUnequalSupportsHaveKinksAtZeroAndAMinusB() throws {
        // θ₁ ~ U[0, 1], θ₂ ~ U[0, 2]: h = (2 + Δ)/2 on [−2, −1], 1/2 on [−1, 0], (1 − Δ)/2 on [0, 1];
        // φ′ = 3 + 2Δ, 3/2, (3 − 4Δ)/2: sign changes at −3/2 and 3/4.
        let r = try relative("difference(uniform, uniform(upper=2))")
        XCTAssertEqual(r.kinks, [-1, 0])
        XCTAssertEqual(try r.pdf(-1.5), 0.25, accuracy: 1e-13)
        XCTAssertEqual(try r.pdf(-0.5), 0.5, accuracy: 1e-13)
        XCTAssertEqual(try r.pdfDerivative(-1, side: .left), 0.5, accuracy: 1e-13)
        XCTAssertEqual(try r.pdfDerivative(-1, side: .right), 0, accuracy: 1e-13)
        let c = try NonExclusiveConditions(r)
        XCTAssertEqual(c.phi.signChanges.count, 2)
        XCTAssertEqual(c.phi.signChanges[0], -1.5, accuracy: 1e-10)
        XCTAssertEqual(c.phi.signChanges[1], 0.75, accuracy: 1e-10)
    }

    func testQuadratureAgainstSecondMethods() throws {
        // H is the integral of h, and h′ the derivative of h (central differences), for smooth marginals.
        let r = try relative("difference(beta(2, 2), truncnormal(mean=0.4, sd=0.3))")
        for delta in [-0.7, -0.2, 0.15, 0.6] {
            let integral = try Quadrature.integrate({ (try? r.pdf($0)) ?? .nan }, from: r.lower, to: delta, absoluteTolerance: 1e-11,
                                                    relativeTolerance: 1e-11, breakpoints: r.kinks.filter { $0 > r.lower && $0 < delta })
            XCTAssertEqual(try r.cdf(delta), integral.value, accuracy: 1e-9, "Δ = \(delta)")
            let step = 1e-5
            XCTAssertEqual(try r.pdfDerivative(delta), (try r.pdf(delta + step) - r.pdf(delta - step)) / (2 * step), accuracy: 1e-6)
        }
        XCTAssertEqual(try r.cdf(r.upper), 1)
        XCTAssertEqual(try r.cdf(r.lower), 0)
    }

    func testParserAndBadInput() throws {
        XCTAssertEqual(try relative("shifted(uniform(upper=2), by=-1)").description, "shifted(uniform(upper=2), by=-1)")
        XCTAssertEqual(try relative("difference(beta(a=2, b=1), uniform)").lower, -1)
        for (text, key) in [("difference(uniform)", "syntax"), ("shifted(uniform, by=x)", "syntax"),
                            ("difference(atoms(values=[0.5], masses=[1]), uniform)", "lawHasAtoms"),
                            ("difference(uniform, beta(2, -1))", "opponent[0].b"), ("sum(uniform, uniform)", "syntax")] {
            XCTAssertThrowsError(try relative(text), text) { XCTAssertEqual(shortForm($0), key, text) }
        }
        XCTAssertThrowsError(try relative("shifted(uniform, by=x)")) { XCTAssertTrue("\($0)".contains("by=<number>"), "\($0)") }
        XCTAssertThrowsError(try relative("difference(atoms(values=[0.5], masses=[1]), uniform)")) {
            guard case .lawHasAtoms(.own, _, _)? = $0 as? CompetitiveScreeningError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try NonExclusiveConditions(try relative("difference(uniform, uniform)"), gridPoints: 0)) {
            guard case .setting(.relativeGrid, _, _)? = $0 as? CompetitiveScreeningError else { return XCTFail("\($0)") }
        }
        let point = try screeningKind("screening.relative-preference")
        for (delta, key) in [(1.5, "delta"), (-1.0, "delta")] {
            XCTAssertThrowsError(try point.validate(ParameterValues(["relative": .text("difference(uniform, uniform)"), "delta": .real(delta)]))) {
                XCTAssertEqual(($0 as? SolverInputError)?.parameter, key)
            }
        }
        let conditions = try screeningKind("screening.relative-preference-conditions")
        XCTAssertThrowsError(try conditions.validate(ParameterValues(["relative": .text("difference(uniform, uniform)"), "grid": .integer(10_000_000)]))) {
            XCTAssertEqual(($0 as? SolverInputError)?.parameter, "grid")
        }
        XCTAssertThrowsError(try conditions.validate(ParameterValues(["relative": .text("difference(uniform, atoms(values=[0.5], masses=[1]))"), "grid": .integer(801)]))) {
            XCTAssertEqual(($0 as? SolverInputError)?.parameter, "relative")
            XCTAssertTrue("\($0)".contains("the valuation law of opponent 1 with a density"), "\($0)")
        }
    }
}
