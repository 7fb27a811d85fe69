import XCTest
import Foundation
import Numerics
@testable import Distributions

/// Densities and cdfs written as formulas: normalisation, closed forms, the
/// hand-written mixtures they replace, exact forms, and rejected formulas.
final class FormulaLawTests: XCTestCase {
    /// The formula and the mixture with decimal weights describe the same law:
    /// 0.2 + 32 e^{40(t−1)} normalises to 0.2 + 0.8·40e^{40t}/(e^{40} − 1) (relative difference e^{−40});
    /// (1 + 20e^{−20t}/(1 − e^{−20}))/2 is mixture(0.5*truncexp(rate=20), 0.5*uniform) exactly.
    func testFormulaEqualsTheHandWrittenMixture() throws {
        let pairs = [("density(0.2 + 32*exp(40*(t - 1)))", "mixture(0.2*uniform, 0.8*truncexp(rate=-40))"),
                     ("density(1 + 20*exp(-20*t)/(1 - exp(-20)))", "mixture(0.5*truncexp(rate=20), 0.5*uniform)"),
                     ("density(exp(-3*x), upper=2)", "truncexp(rate=3, upper=2)")]
        for (formula, mixture) in pairs {
            let f = try TypeDistribution(parsing: formula), m = try TypeDistribution(parsing: mixture)
            for k in 0...40 {
                let x = f.upper * Double(k) / 40
                XCTAssertEqual(f.cdf(x), m.cdf(x), accuracy: 1e-12, "\(formula) F at \(x)")
                XCTAssertEqual(f.pdf(x), m.pdf(x), accuracy: 1e-12 * max(1, m.pdf(x)), "\(formula) f at \(x)")
                XCTAssertEqual(f.pdfDerivative(x), m.pdfDerivative(x), accuracy: 1e-10 * max(1, abs(m.pdfDerivative(x))), "\(formula) f′ at \(x)")
                XCTAssertEqual(f.pdfSecondDerivative(x), m.pdfSecondDerivative(x), accuracy: 1e-9 * max(1, abs(m.pdfSecondDerivative(x))), "\(formula) f″ at \(x)")
            }
        }
    }

    /// Moments and cdf against closed forms: f = e^t/(e − 1) has mean 1/(e − 1) and F = (e^t − 1)/(e − 1).
    func testMomentsAndCdfAgainstClosedForms() throws {
        let d = try TypeDistribution(parsing: "density(exp(t))")
        let mean = try Quadrature.integrate({ $0 * d.pdf($0) }, from: 0, to: 1, absoluteTolerance: 1e-14, relativeTolerance: 1e-14).value
        XCTAssertEqual(mean, 1 / (M_E - 1), accuracy: 1e-13)
        for x in [0.001, 0.25, 0.5, 0.999] { XCTAssertEqual(d.cdf(x), (exp(x) - 1) / (M_E - 1), accuracy: 1e-14) }
        // A cdf formula on [0, 3]: F = log(1 + t)/log 4, f = 1/((1 + t) log 4), f′ = −1/((1 + t)² log 4).
        let c = try TypeDistribution(parsing: "cdf(log(1 + t), upper=3)")
        XCTAssertEqual(c.cdf(1.5), log(2.5) / log(4), accuracy: 1e-14)
        XCTAssertEqual(c.pdf(1.5), 1 / (2.5 * log(4)), accuracy: 1e-14)
        XCTAssertEqual(c.pdfDerivative(1.5), -1 / (2.5 * 2.5 * log(4)), accuracy: 1e-14)
    }

    /// Polynomials are normalised exactly and carry the exact cdf: 2 + 2t → (2 + 2t)/3; cdf(1 − (1 − v)²) is polynomial [2, −2].
    func testPolynomialFormulasAreExact() throws {
        let d = try TypeDistribution(parsing: "density(2 + 2*t)")
        XCTAssertEqual(d.pdf(0.5), 1, accuracy: 1e-15)
        XCTAssertEqual(d.exact?.cdf(Rational(1, 2)), Rational(5, 12))
        let q = try TypeDistribution(parsing: "cdf(1 - (1 - v)^2)"), p = try TypeDistribution(parsing: "polynomial(coefficients=[2, -2])")
        XCTAssertEqual(q.exact, p.exact)
        for x in [0.1, 0.6] { XCTAssertEqual(q.cdf(x), p.cdf(x), accuracy: 1e-15); XCTAssertEqual(q.pdf(x), p.pdf(x), accuracy: 1e-15) }
        XCTAssertEqual(try TypeDistribution(parsing: "density(3*t^2)").exact, try TypeDistribution(parsing: "polynomial(coefficients=[0, 0, 3])").exact)
        XCTAssertNil(try TypeDistribution(parsing: "density(exp(t))").exact)
        // Inside a mixture the exact forms combine.
        XCTAssertNotNil(try TypeDistribution(parsing: "mixture(1/2*cdf(t^2), 1/2*uniform)").exact)
    }

    func testTextFormRoundTrips() throws {
        for text in ["density(0.2 + 32*exp(40*(t - 1)))", "cdf(1 - (1 - v)^2)", "density(exp(-3*x), upper=2)", "mixture(0.5*density(1 + t), 0.5*uniform)"] {
            let d = try TypeDistribution(parsing: text)
            XCTAssertEqual(d.description, text)
            XCTAssertEqual(try TypeDistribution(parsing: d.description), d)
        }
    }

    /// Negative or non-finite densities, bad formulas and oversized texts name the formula (argument `expression`).
    func testRejectedFormulas() {
        func error(_ text: String) -> DistributionError? {
            do { _ = try TypeDistribution(parsing: text); return nil } catch { return error as? DistributionError }
        }
        for text in ["density(t - 0.5)", "density(1/(t - 0.5))", "density(log(t))", "density(sin(t))", "density(t*u)", "density(0)",
                     "cdf(1 - t)", "density(1 + exp(1000*t))", "mixture(0.5*uniform, 0.5*density(-1))"] {
            let e = error(text)
            XCTAssertNotNil(e, text)
            var inner = e
            if case let .inMixtureComponent(_, i)? = e { inner = i }
            if case let .argument(family, argument, _, _, _)? = inner {
                XCTAssertEqual(argument, .expression, text)
                XCTAssertTrue(family == "density" || family == "cdf", text)
            } else {
                XCTFail("\(text): \(String(describing: e))")
            }
        }
        XCTAssertTrue("\(error("density(t - 0.5)")!)".contains("non-negative"))
        guard case .syntax? = error("density()") else { return XCTFail("empty formula") }
        let deep = String(repeating: "mixture(1*", count: 300) + "uniform" + String(repeating: ")", count: 300)
        guard case .syntax? = error(deep) else { return XCTFail("deep mixtures") }
        guard case .syntax? = error("density(" + String(repeating: "1+", count: 6000) + "1)") else { return XCTFail("long text") }
    }
}
