import XCTest
import Numerics
@testable import Distributions

final class TypeDistributionTests: XCTestCase {
    /// A spread of families, several on supports other than [0, 1].
    static let families: [String] = [
        "uniform", "uniform(upper=2)", "linear(slope=0.6)", "linear(slope=-1, upper=3)",
        "beta(2, 1)", "beta(a=2.5, b=3.5)", "beta(a=1, b=2, upper=2)", "truncexp(rate=3)", "truncexp(rate=-1.5, upper=2)",
        "truncnormal(mean=0.5, sd=0.1)", "truncnormal(mean=-0.2, sd=0.7, upper=1.5)",
        "polynomial(coefficients=[0, 0, 3])", "piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5])",
        "mixture(0.5*truncnormal(mean=0.25, sd=0.05), 0.5*truncnormal(mean=0.75, sd=0.05))",
        "mixture(0.3*uniform, 0.7*beta(3, 1))",
        "density(0.05 + exp(20*(t - 1)))", "cdf(1 - (1 - v)^2)", "density(exp(-x^2), upper=2)",
        "mixture(0.5*density(1 + sqrt(t)), 0.5*linear(slope=-1))",
    ]

    func testCdfIsTheIntegralOfThePdf() throws {
        for text in Self.families {
            let d = try TypeDistribution(parsing: text)
            for frac in [0.1, 0.37, 0.5, 0.81, 1.0] {
                let x = frac * d.upper
                let q = try Quadrature.integrate(d.pdf, from: 0, to: x, absoluteTolerance: 1e-12, relativeTolerance: 1e-12,
                                                 breakpoints: d.breakpoints.filter { $0 < x })
                XCTAssertEqual(d.cdf(x), q.value, accuracy: 1e-9, "\(text) at \(x)")
            }
            XCTAssertEqual(d.cdf(d.upper), 1)
            XCTAssertEqual(d.cdf(-0.1), 0)
            XCTAssertEqual(d.cdf(d.upper + 1), 1)
        }
    }

    func testDerivativesMatchCentralDifferences() throws {
        for text in Self.families {
            let d = try TypeDistribution(parsing: text)
            for frac in [0.13, 0.42, 0.66, 0.91] {
                let x = frac * d.upper, h = 1e-5 * d.upper
                let fd1 = (d.pdf(x + h) - d.pdf(x - h)) / (2 * h)
                let fd2 = (d.pdfDerivative(x + h) - d.pdfDerivative(x - h)) / (2 * h)
                let scale = max(1, abs(d.pdf(x)) / (d.upper * d.upper))
                XCTAssertEqual(d.pdfDerivative(x), fd1, accuracy: 1e-5 * scale * 100, "\(text) f′ at \(x)")
                XCTAssertEqual(d.pdfSecondDerivative(x), fd2, accuracy: 1e-3 * scale * 1000, "\(text) f″ at \(x)")
            }
        }
    }

    func testClosedForms() throws {
        // Beta(2, 1) on [0, 1]: f = 2x, F = x².
        let b = try TypeDistribution(parsing: "beta(2, 1)")
        XCTAssertEqual(b.pdf(0.3), 0.6, accuracy: 1e-14)
        XCTAssertEqual(b.cdf(0.3), 0.09, accuracy: 1e-14)
        XCTAssertEqual(b.pdf(0), 0)
        // Beta(0.5, 0.5): the arcsine law, F = (2/π) asin √x.
        let arc = try TypeDistribution(parsing: "beta(0.5, 0.5)")
        XCTAssertEqual(arc.cdf(0.2), 2 / Double.pi * asin(0.2.squareRoot()), accuracy: 1e-13)
        // Truncated exponential λ = 2 on [0, 1]: F = (1 − e^{−2x})/(1 − e^{−2}).
        let e = try TypeDistribution(parsing: "truncexp(rate=2)")
        XCTAssertEqual(e.cdf(0.4), (1 - exp(-0.8)) / (1 - exp(-2)), accuracy: 1e-14)
        // Linear slope 1 on [0, 2]: f = x/2 on [0, 2], F = x²/4.
        let l = try TypeDistribution(parsing: "linear(slope=1, upper=2)")
        XCTAssertEqual(l.pdf(1.5), 0.75, accuracy: 1e-14)
        XCTAssertEqual(l.cdf(1.5), 0.5625, accuracy: 1e-14)
    }

    func testAtomsAndLeftLimits() throws {
        let d = try TypeDistribution(parsing: "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])")
        XCTAssertEqual(d.cdf(0.3), 0.5)
        XCTAssertEqual(d.cdfLeft(0.3), 0)
        XCTAssertEqual(d.cdf(0.69), 0.5)
        XCTAssertEqual(d.cdfLeft(0.7), 0.5)
        XCTAssertEqual(d.cdf(0.7), 1)
        XCTAssertEqual(d.continuousMass, 0)
        let m = try TypeDistribution(parsing: "mixture(0.5*uniform, 0.5*atoms(values=[0.4], masses=[1]))")
        XCTAssertEqual(m.cdf(0.4), 0.7, accuracy: 1e-15)
        XCTAssertEqual(m.cdfLeft(0.4), 0.2, accuracy: 1e-15)
        XCTAssertEqual(m.breakpoints, [0.4])
    }

    func testTextFormRoundTrips() throws {
        for text in Self.families {
            let d = try TypeDistribution(parsing: text)
            let again = try TypeDistribution(parsing: d.description)
            XCTAssertEqual(d, again, text)
        }
        XCTAssertEqual(try TypeDistribution(parsing: "beta(a=1/2, b=2)").description, "beta(a=0.5, b=2)")
    }

    /// The argument an error names ("densities[1]", "component[1].a"), "syntax" for unreadable text.
    static func shortForm(_ e: DistributionError) -> String {
        switch e {
        case let .argument(_, argument, index, _, _): return argument.rawValue + (index.map { "[\($0)]" } ?? "")
        case let .inMixtureComponent(k, inner): return "component[\(k)]." + shortForm(inner)
        case .syntax: return "syntax"
        }
    }

    func testBadInputNamesTheArgument() {
        func key(_ text: String) -> String? {
            do { _ = try TypeDistribution(parsing: text); return nil } catch { return (error as? DistributionError).map(Self.shortForm) ?? "other: \(error)" }
        }
        XCTAssertEqual(key("piecewise(knots=[0, 0.5, 1], densities=[1, -0.5, 1])"), "densities[1]")
        XCTAssertEqual(key("piecewise(knots=[0, 0.5, 1], densities=[1, 1, 2])"), "densities")  // integrates to 1.25
        XCTAssertEqual(key("atoms(values=[0.3, 1.2], masses=[0.5, 0.5])"), "values[1]")  // outside [0, 1]
        XCTAssertEqual(key("atoms(values=[0.3, 0.7], masses=[1.5, -0.5])"), "masses[0]")
        XCTAssertEqual(key("polynomial(coefficients=[2.5, -3])"), "coefficients")
        XCTAssertEqual(key("linear(slope=1.5)"), "slope")
        XCTAssertEqual(key("betta(2, 1)"), "syntax")
        XCTAssertEqual(key("beta(2)"), "syntax")
        XCTAssertEqual(key("truncnormal(mean=0.5, sd=0)"), "sd")
        XCTAssertEqual(key("mixture(0.5*uniform, 0.6*uniform)"), "weights")
        XCTAssertEqual(key("mixture(0.5*uniform, 0.5*uniform(upper=2))"), "components[1]")
        XCTAssertEqual(key("mixture(0.5*uniform, 0.5*beta(a=-1, b=1))"), "component[1].a")
        XCTAssertEqual(key("uniform(upper=0)"), "upper")
        XCTAssertEqual(key("uniform extra"), "syntax")
        // Syntax errors say where and what: the missing argument b of beta, the stray word.
        XCTAssertThrowsError(try TypeDistribution(parsing: "beta(2)")) { XCTAssertTrue("\($0)".contains("the argument b of beta"), "\($0)") }
        XCTAssertThrowsError(try TypeDistribution(parsing: "uniform extra")) {
            XCTAssertEqual(($0 as? DistributionError)?.found, "'extra' at character 9 of \"uniform extra\"")
        }
    }

    func testIncompleteBetaSymmetryAndSpecialValues() {
        // I_x(a, b) = 1 − I_{1−x}(b, a); I_x(1, 1) = x; I_x(a, 1) = x^a.
        for (a, b, x) in [(2.0, 3.0, 0.3), (0.7, 5.0, 0.9), (30.0, 40.0, 0.45)] {
            XCTAssertEqual(SpecialFunctions.regularizedIncompleteBeta(a, b, x),
                           1 - SpecialFunctions.regularizedIncompleteBeta(b, a, 1 - x), accuracy: 1e-13)
        }
        XCTAssertEqual(SpecialFunctions.regularizedIncompleteBeta(1, 1, 0.37), 0.37, accuracy: 1e-15)
        XCTAssertEqual(SpecialFunctions.regularizedIncompleteBeta(3, 1, 0.6), 0.216, accuracy: 1e-14)
        XCTAssertEqual(SpecialFunctions.normalCDF(1.959963984540054), 0.975, accuracy: 1e-15)
    }
}
