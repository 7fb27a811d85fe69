// A distribution written as a formula in one variable on [0, θ̄]: a density
// g ("density(0.05 + exp(20*(t - 1)))") normalised by its integral, or a cdf G
// ("cdf(1 - (1 - v)^2)") normalised to run from 0 to 1. The formula is an
// `ArithmeticExpression` (Numerics: +, −, *, /, ^, exp, log, sqrt, abs); its
// derivatives are symbolic. When the formula is a polynomial with rational
// coefficients the integral is exact (and so is the cdf); otherwise the density
// is integrated by adaptive Gauss–Kronrod on `cells` equal cells (tolerance
// 1e-13 each) and the cdf inside a cell by 10-point Gauss–Legendre. The density
// must be finite and non-negative on [0, θ̄]: checked on a 4001-point grid and
// at every quadrature node.

import Foundation
import Numerics

/// A density or cdf formula, validated and normalised.
public struct FormulaLaw: Sendable, Equatable, CustomStringConvertible {
    /// Whether the formula is the density or the cdf.
    public enum Kind: String, Sendable, Equatable { case density, cdf }

    /// The formula as written.
    public let text: String
    /// Density or cdf.
    public let kind: Kind
    /// The formula's variable ("" when it is a constant).
    public let variable: String
    /// The (unnormalised) density g and its first two derivatives (g = G′ for a cdf formula).
    let g: [ArithmeticExpression]
    /// The cdf formula G (cdf kind only).
    let cdfFormula: ArithmeticExpression?
    /// ∫₀^θ̄ g (density) or G(θ̄) − G(0) (cdf).
    let norm: Double
    /// G(0) (cdf kind).
    let offset: Double
    /// Cumulative ∫₀^{x_k} g at the cell ends x_k = kθ̄/cells (density kind, not polynomial).
    let cumulative: [Double]
    /// F's coefficients (absolute powers) when the formula is a polynomial.
    let polynomialCDF: [Double]?
    /// The exact normalised polynomial F, when the formula is a polynomial with rational coefficients.
    let exactCDFCoefficients: [Rational]?
    let upper: Double
    /// The compiled formulas and tables (set last in `init`).
    private(set) var evaluator: Evaluator! = nil

    /// Cells of the cumulative table.
    static let cells = 256
    /// Points of the finiteness / sign grid.
    static let gridPoints = 4000

    public static func == (a: FormulaLaw, b: FormulaLaw) -> Bool { a.kind == b.kind && a.text == b.text && a.upper == b.upper }

    public var description: String { "\(kind.rawValue)(\(text))" }

    /// Parses and validates `text` as a density or cdf on [0, θ̄] (θ̄ = `upper`, exact θ̄ `exactUpper` when written as a rational).
    /// - Throws: `.argument(family: "density" | "cdf", argument: .expression, …)`: a syntax error in the formula,
    ///   more than one variable, a value that is negative or not finite (where), or a zero integral.
    init(text: String, kind: Kind, upper: Double, exactUpper: Rational?) throws {
        func bad(_ requirement: String, _ found: String) -> DistributionError {
            .argument(family: kind.rawValue, argument: .expression, index: nil, requirement: requirement, found: found)
        }
        let e: ArithmeticExpression
        do { e = try ArithmeticExpression(parsing: text, grammar: .real) } catch let error as ExpressionError {
            throw bad("a formula in one variable (+, −, *, /, ^, exp, log, sqrt, abs)", "\(error) of \"\(text)\"")
        }
        let names = e.variables
        try require(names.count <= 1, bad("a formula in one variable", "variables \(names.joined(separator: ", "))"))
        self.text = text
        self.kind = kind
        self.upper = upper
        let x = names.first ?? "t"
        variable = names.first ?? ""
        let d1 = e.derivative(x), d2 = d1.derivative(x)
        func at(_ f: ArithmeticExpression, _ t: Double) -> Double { f.evaluateReal { _ in t } ?? .nan }
        let polynomial = e.polynomial(in: x)
        switch kind {
        case .density:
            g = [e, d1, d2]
            cdfFormula = nil
            offset = 0
        case .cdf:
            g = [d1, d2, d2.derivative(x)]
            cdfFormula = e
            offset = at(e, 0)
        }
        // g compiled once (the same values as `at(g[0], ·)`) for the grid and the quadrature below.
        let density = CompiledRealExpression(g[0], variable: x)!
        // The density (g) finite and non-negative on the grid.
        var worst = (x: 0.0, value: Double.infinity)
        for i in 0...Self.gridPoints {
            let t = upper * Double(i) / Double(Self.gridPoints)
            let v = density.evaluate(t)
            try require(v.isFinite, bad("a density finite on [0, \(TypeDistribution.number(upper))]", "\(kind == .cdf ? "G′" : "g")(\(t)) = \(v)"))
            if v < worst.value { worst = (t, v) }
        }
        try require(worst.value >= 0, bad("a density non-negative on [0, \(TypeDistribution.number(upper))]", "\(kind == .cdf ? "G′" : "g")(\(worst.x)) = \(worst.value)"))
        var exact: [Rational]? = nil
        if let p = polynomial {
            // Exact: F = ∫₀^x g / ∫₀^θ̄ g, or (G − G(0))/(G(θ̄) − G(0)).
            let primitive = kind == .density ? [Rational.zero] + p.enumerated().map { $0.element / Rational($0.offset + 1) } : p
            if let u = exactUpper {
                let total = ExactCDF.evaluate(primitive, at: u) - primitive[0]
                if total > .zero { exact = [.zero] + primitive.dropFirst().map { $0 / total } }
            }
            let total = primitive.reversed().reduce(0.0) { $0 * upper + $1.doubleValue } - primitive[0].doubleValue
            try require(total.isFinite && total > 0, bad("a formula with positive total mass on [0, \(TypeDistribution.number(upper))]", "\(total)"))
            norm = total
            polynomialCDF = [0] + primitive.dropFirst().map { $0.doubleValue / total }
            cumulative = []
        } else if kind == .cdf {
            let total = at(e, upper) - offset
            try require(total.isFinite && total > 0, bad("a cdf formula with G(θ̄) > G(0)", "G(0) = \(offset), G(θ̄) = \(at(e, upper))"))
            norm = total
            polynomialCDF = nil
            cumulative = []
        } else {
            // Adaptive Gauss–Kronrod per cell; every node's value is checked too.
            var nodeWorst = (x: 0.0, value: Double.infinity)
            var sums = [0.0]
            let h = upper / Double(Self.cells)
            for k in 0..<Self.cells {
                let r: QuadratureResult
                do {
                    r = try Quadrature.integrate({ t in
                        let v = density.evaluate(t)   // g = e for a density formula
                        if !(v >= nodeWorst.value) { nodeWorst = (t, v) }
                        return v
                    }, from: Double(k) * h, to: k == Self.cells - 1 ? upper : Double(k + 1) * h, absoluteTolerance: 1e-13, relativeTolerance: 1e-13)
                } catch {
                    throw bad("a density the quadrature can integrate on [0, \(TypeDistribution.number(upper))]", "\(error)")
                }
                sums.append(sums[k] + r.value)
            }
            try require(nodeWorst.value.isFinite && nodeWorst.value >= 0,
                        bad("a density finite and non-negative on [0, \(TypeDistribution.number(upper))]", "g(\(nodeWorst.x)) = \(nodeWorst.value) (a quadrature node)"))
            let total = sums[Self.cells]
            try require(total.isFinite && total > 0, bad("a density with positive integral on [0, \(TypeDistribution.number(upper))]", "\(total)"))
            norm = total
            cumulative = sums
            polynomialCDF = nil
        }
        exactCDFCoefficients = exact
        evaluator = Evaluator(law: self)
    }

    /// f(x) on [0, θ̄].
    func pdf(_ x: Double) -> Double { evaluator.pdf(x) }
    /// f′(x).
    func pdfDerivative(_ x: Double) -> Double { evaluator.pdfDerivative(x) }
    /// f″(x).
    func pdfSecondDerivative(_ x: Double) -> Double { evaluator.pdfSecondDerivative(x) }
    /// F(x) for x in [0, θ̄] (unclamped).
    func cdf(_ x: Double) -> Double { evaluator.cdf(x) }

    /// The numerical side of a formula law behind one reference (the hot path of
    /// every density evaluation): g, g′, g″ and G compiled once into flat programs
    /// (`CompiledRealExpression`, bit-identical to `evaluateReal`), the norm and
    /// the cumulative table.
    final class Evaluator: Sendable {
        let g: [CompiledRealExpression]
        let cdfFormula: CompiledRealExpression?
        let norm: Double, offset: Double, upper: Double
        let cumulative: [Double]
        let polynomialCDF: [Double]?

        init(law: FormulaLaw) {
            let x = law.variable.isEmpty ? "t" : law.variable
            // The formula has at most one variable, x, so it always compiles.
            g = law.g.map { CompiledRealExpression($0, variable: x)! }
            cdfFormula = law.cdfFormula.map { CompiledRealExpression($0, variable: x)! }
            norm = law.norm; offset = law.offset; upper = law.upper
            cumulative = law.cumulative
            polynomialCDF = law.polynomialCDF
        }

        func pdf(_ x: Double) -> Double { g[0].evaluate(x) / norm }
        func pdfDerivative(_ x: Double) -> Double { g[1].evaluate(x) / norm }
        func pdfSecondDerivative(_ x: Double) -> Double { g[2].evaluate(x) / norm }

        /// F(x) for x in [0, θ̄] (unclamped): the polynomial F, (G(x) − G(0))/norm, or the
        /// cumulative table plus 10-point Gauss–Legendre inside the cell.
        func cdf(_ x: Double) -> Double {
            if let c = polynomialCDF { return c.reversed().reduce(0.0) { $0 * x + $1 } }
            if let G = cdfFormula { return (G.evaluate(x) - offset) / norm }
            let h = upper / Double(FormulaLaw.cells)
            let k = min(FormulaLaw.cells - 1, max(0, Int(x / h)))
            let density = g[0]
            let partial = (try? Quadrature.gaussLegendre({ t in density.evaluate(t) }, from: Double(k) * h, to: x, order: 10)) ?? .nan
            return (cumulative[k] + partial) / norm
        }
    }

    /// The exact cdf on [0, θ̄] when the formula is a polynomial with rational coefficients.
    func exactCDF(upper u: Rational?) -> ExactCDF? {
        guard let c = exactCDFCoefficients, let u else { return nil }
        return ExactCDF(knots: [.zero, u], pieces: [c])
    }

    /// k with f ~ c·t^k at a support end (t = x or θ̄ − x): 0 where f > 0 there; else estimated from
    /// f(h)/f(h/2) at h = 1e-4·θ̄ and rounded when within 1e-3 of an integer; nil when f vanishes near the end.
    public func endOrder(atUpperEnd: Bool) -> Double? {
        let end = atUpperEnd ? upper : 0
        if pdf(end) > 0 { return 0 }
        let h = 1e-4 * upper
        let a = pdf(atUpperEnd ? upper - h : h), b = pdf(atUpperEnd ? upper - h / 2 : h / 2)
        guard a > 0, b > 0 else { return nil }
        let k = log2(a / b)
        return abs(k - k.rounded()) < 1e-3 ? k.rounded() : k
    }
}
