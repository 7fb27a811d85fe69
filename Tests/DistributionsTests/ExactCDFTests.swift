import XCTest
import Numerics
@testable import Distributions

/// The exact piecewise-polynomial cdf the parser builds from the numbers as written.
final class ExactCDFTests: XCTestCase {
    static let exactFamilies = [
        "uniform", "uniform(upper=3/2)", "linear(slope=0.6)", "linear(slope=-1, upper=3)",
        "polynomial(coefficients=[0, 0, 3])", "polynomial(coefficients=[2, -2])",
        "piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5])", "piecewise(knots=[0, 1/3, 1], densities=[2, 4/3, 0])",
        "mixture(0.3*uniform, 0.7*piecewise(knots=[0, 0.25, 1], densities=[0, 2, 0]))",
    ]

    /// The exact F and f agree with the floating-point family at rational points (and F(θ̄) = 1 exactly).
    func testExactFormsMatchTheFloatingPointFamilies() throws {
        for text in Self.exactFamilies {
            let d = try TypeDistribution(parsing: text)
            let e = try XCTUnwrap(d.exact, text)
            XCTAssertEqual(e.cdf(e.upper), .one)
            XCTAssertEqual(e.upper.doubleValue, d.upper)
            for k in 0...12 {
                let x = e.upper * Rational(k, 12)
                XCTAssertEqual(e.cdf(x).doubleValue, d.cdf(x.doubleValue), accuracy: 1e-13, "\(text) F at \(x)")
                if k < 12 { XCTAssertEqual(e.pdf(x).doubleValue, d.pdf(x.doubleValue), accuracy: 1e-12, "\(text) f at \(x)") }
            }
        }
    }

    /// Closed forms: F(v) = 1 − (1 − v)² for f = 2 − 2v; the linear law F = z + s(z² − z).
    func testClosedForms() throws {
        let q = try XCTUnwrap(try TypeDistribution(parsing: "polynomial(coefficients=[2, -2])").exact)
        for x in [Rational(1, 3), Rational(7, 10)] { XCTAssertEqual(q.cdf(x), 1 - (1 - x) * (1 - x)) }
        let l = try XCTUnwrap(try TypeDistribution(parsing: "linear(slope=1/2, upper=2)").exact)
        let z = Rational(3, 4)   // x = 3/2
        XCTAssertEqual(l.cdf(Rational(3, 2)), z + Rational(1, 2) * (z * z - z))
        XCTAssertEqual(l.pdf(Rational(3, 2)), (1 + Rational(1, 2) * (2 * z - 1)) / 2)
    }

    /// No exact form for transcendental families, atoms, or numbers that only integrate to 1 in floating point.
    func testNoExactFormWhereNoneIsWritten() throws {
        for text in ["beta(2, 1)", "truncexp(rate=3)", "truncnormal(mean=0.5, sd=0.1)", "atoms(values=[0.5], masses=[1])",
                     "mixture(0.5*uniform, 0.5*beta(2, 1))", "polynomial(coefficients=[0.3333333333333333, 1.3333333333333333])"] {
            XCTAssertNil(try TypeDistribution(parsing: text).exact, text)
        }
    }

    /// The documented syntax names every family and states the linear law's meaning.
    func testSyntaxDocNamesEveryFamily() {
        for family in TypeDistribution.syntaxFamilies { XCTAssertTrue(TypeDistribution.syntaxDoc.contains(family.name + (family.name == "uniform" ? "" : "(")), family.name) }
        XCTAssertTrue(TypeDistribution.syntaxDoc.contains("f = 1 + s(2x − 1)"))
    }
}
