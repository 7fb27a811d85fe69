import XCTest
import Foundation
@testable import Numerics

/// The real-valued side of ArithmeticExpression: function calls, real powers,
/// symbolic derivatives, polynomial expansion, and the size limits.
final class ArithmeticExpressionTests: XCTestCase {
    func testRealEvaluationAgainstFoundation() throws {
        let cases: [(String, (Double) -> Double)] = [
            ("0.05 + exp(20*(t-1))", { 0.05 + exp(20 * ($0 - 1)) }),
            ("log(1 + t)^2 / sqrt(t + 0.5)", { pow(log(1 + $0), 2) / ($0 + 0.5).squareRoot() }),
            ("t^0.5 + t^(1/3) - abs(t - 0.4)", { pow($0, 0.5) + pow($0, 1.0 / 3) - abs($0 - 0.4) }),
            ("-2^2 + t^-1", { -4 + 1 / $0 }),
            ("2^t * t^2.5", { pow(2, $0) * pow($0, 2.5) }),
        ]
        for (text, f) in cases {
            let e = try ArithmeticExpression(parsing: text, grammar: .real)
            for t in [0.1, 0.37, 0.9] { XCTAssertEqual(e.evaluateReal { _ in t }!, f(t), accuracy: 1e-13 * max(1, abs(f(t))), "\(text) at \(t)") }
        }
        // Exact evaluation stays exact and refuses transcendental parts.
        XCTAssertEqual(try ArithmeticExpression(parsing: "x^2 - 1/3").evaluate { _ in Rational(1, 2) }, Rational(-1, 12))
        XCTAssertNil(try ArithmeticExpression(parsing: "exp(x)", grammar: .real).evaluate { _ in .zero })
        XCTAssertNil(try ArithmeticExpression(parsing: "x^0.5", grammar: .real).evaluate { _ in .one })
        // The exact grammar (claims) keeps rejecting them.
        for text in ["exp(x)", "x^0.5", "2^x", "x^2.5"] { XCTAssertThrowsError(try ArithmeticExpression(parsing: text), text) }
    }

    /// Symbolic derivatives against central differences.
    func testDerivativesMatchFiniteDifferences() throws {
        for text in ["0.05 + exp(20*(t-1))", "log(1 + t)^2 / sqrt(t + 0.5)", "t^(1 + t)", "(1 - t)^3 * exp(-t) / (2 + t)", "abs(t - 0.3) * t"] {
            let e = try ArithmeticExpression(parsing: text, grammar: .real)
            let d = e.derivative("t"), dd = d.derivative("t")
            for t in [0.13, 0.52, 0.88] {
                let h = 1e-5
                let f = { (x: Double) in e.evaluateReal { _ in x }! }
                let g = { (x: Double) in d.evaluateReal { _ in x }! }
                XCTAssertEqual(g(t), (f(t + h) - f(t - h)) / (2 * h), accuracy: 1e-6 * max(1, abs(g(t))), "\(text)′ at \(t)")
                XCTAssertEqual(dd.evaluateReal { _ in t }!, (g(t + h) - g(t - h)) / (2 * h), accuracy: 1e-5 * max(1, abs(g(t))), "\(text)″ at \(t)")
            }
        }
    }

    func testPolynomialExpansion() throws {
        XCTAssertEqual(try ArithmeticExpression(parsing: "1 - (1 - v)^2").polynomial(in: "v"), [0, 2, -1].map { Rational($0) })
        XCTAssertEqual(try ArithmeticExpression(parsing: "(v/2 + 1/4)*(v - 1)").polynomial(in: "v"), [Rational(-1, 4), Rational(-1, 4), Rational(1, 2)])
        XCTAssertEqual(try ArithmeticExpression(parsing: "3").polynomial(in: "v"), [3])
        XCTAssertNil(try ArithmeticExpression(parsing: "exp(v)", grammar: .real).polynomial(in: "v"))
        XCTAssertNil(try ArithmeticExpression(parsing: "1/v").polynomial(in: "v"))
        XCTAssertNil(try ArithmeticExpression(parsing: "v*w").polynomial(in: "v"))
    }

    /// Deep nesting and long texts are errors with a position, not a stack overflow.
    func testLimitsAndErrors() {
        let deep = String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000)
        XCTAssertThrowsError(try ArithmeticExpression(parsing: deep)) { XCTAssertTrue("\($0)".contains("nested"), "\($0)") }
        let minus = String(repeating: "-", count: 5000) + "1"
        XCTAssertThrowsError(try ArithmeticExpression(parsing: minus)) { XCTAssertTrue("\($0)".contains("nested"), "\($0)") }
        let long = Array(repeating: "1", count: 6000).joined(separator: "+")
        XCTAssertThrowsError(try ArithmeticExpression(parsing: long)) { XCTAssertTrue("\($0)".contains("characters"), "\($0)") }
        XCTAssertNoThrow(try ArithmeticExpression(parsing: String(repeating: "(", count: 150) + "t" + String(repeating: ")", count: 150)))
        XCTAssertThrowsError(try ArithmeticExpression(parsing: "sin(t)", grammar: .real)) { XCTAssertEqual(($0 as? ExpressionError)?.position, 0) }
        XCTAssertThrowsError(try ArithmeticExpression(parsing: "exp(t", grammar: .real)) { XCTAssertTrue("\($0)".contains("closing exp"), "\($0)") }
        XCTAssertThrowsError(try ArithmeticExpression(parsing: "t^"))
    }

    /// description re-parses to an expression with the same values (numbers print as fractions).
    func testDescriptionRoundTrips() throws {
        for text in ["0.05 + exp(20*(t-1))", "t^(1/3) - abs(t)", "-(t)^2 / (1 + t)", "2^-3 * t"] {
            let e = try ArithmeticExpression(parsing: text, grammar: .real)
            let again = try ArithmeticExpression(parsing: e.description, grammar: .real)
            XCTAssertEqual(again.variables, e.variables)
            for t in [0.2, 0.7] { XCTAssertEqual(again.evaluateReal { _ in t }!, e.evaluateReal { _ in t }!, accuracy: 1e-15, text) }
            XCTAssertEqual(try ArithmeticExpression(parsing: again.description, grammar: .real).description, again.description)
        }
    }

    /// The compiled program against the tree walk: the same Double bit for bit, for formulas using
    /// every operation (and their symbolic first and second derivatives), at seeded random points
    /// including values outside the domain (NaN where evaluateReal gives NaN); other variables refuse.
    func testCompiledExpressionEqualsTreeEvaluationBitForBit() throws {
        let formulas = ["0.2 + 32*exp(40*(t - 1))", "log(1 + t)^2 / sqrt(t + 0.5)", "t^0.5 + t^(1/3) - abs(t - 0.4)",
                        "-(t - 0.3)^3 * 7/3 + t^-2", "exp(-t^2/2) / (1 + abs(log(t)))", "3", "(t)^(t) - 1.25*t"]
        var rng = SplitMix64(seed: 7)
        for text in formulas {
            let e = try ArithmeticExpression(parsing: text, grammar: .real)
            for f in [e, e.derivative("t"), e.derivative("t").derivative("t")] {
                let compiled = try XCTUnwrap(CompiledRealExpression(f, variable: "t"), text)
                for _ in 0..<200 {
                    let t = 3 * rng.nextDouble() - 1
                    let tree = f.evaluateReal { _ in t }!
                    XCTAssertEqual(compiled.evaluate(t).bitPattern, tree.bitPattern, "\(f) at \(t)")
                }
            }
        }
        XCTAssertNil(CompiledRealExpression(try ArithmeticExpression(parsing: "t + s", grammar: .real), variable: "t"))
    }
}

