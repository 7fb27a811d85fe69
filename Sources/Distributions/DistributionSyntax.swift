// The text form of a distribution on [0, θ̄] (ho-2026's valuation laws F_i,
// wernerfelt-2008's demand F), e.g.
//   "uniform", "beta(a=2, b=1)", "beta(2, 1, upper=2)", "linear(slope=-0.5)",
//   "truncexp(rate=3)", "truncnormal(mean=0.5, sd=0.1)",
//   "polynomial(coefficients=[0, 0, 3])",
//   "piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5])",
//   "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])",
//   "mixture(0.5*truncnormal(mean=0.25, sd=0.05), 0.5*truncnormal(mean=0.75, sd=0.05))",
//   "density(0.2 + 32*exp(40*(t - 1)))", "cdf(1 - (1 - v)^2)".
// Numbers may be decimals, exponents or fractions ("1/3"). Every family takes
// an optional `upper=θ̄` (default 1). `description` prints this form back.

import Foundation
import Numerics

extension TypeDistribution {
    /// The families the text form knows, with their positional arguments.
    public static let syntaxFamilies: [(name: String, arguments: [LawArgument])] = [
        ("uniform", []), ("linear", [.slope]), ("beta", [.a, .b]), ("truncexp", [.rate]),
        ("truncnormal", [.mean, .sd]), ("polynomial", [.coefficients]), ("piecewise", [.knots, .densities]),
        ("atoms", [.values, .masses]), ("mixture", []), ("density", [.expression]), ("cdf", [.expression]),
    ]

    /// The text form, for the docs of every parameter that takes a distribution
    /// (`--list-solvers`, docs/SOLVERS.md): each family with one example.
    public static let syntaxDoc = "the distribution text form on [0, θ̄] (every family takes upper=θ̄, default 1; numbers are decimals or fractions such as 1/3): "
        + "uniform; "
        + "linear(slope=s), s ∈ [−1, 1], the density f(x) = (1 + s(2x/θ̄ − 1))/θ̄, on [0, 1] f = 1 + s(2x − 1), e.g. linear(slope=0.5) is f = ½ + x; "
        + "beta(a, b), e.g. beta(2, 1) is f = 2x; "
        + "truncexp(rate=λ), f ∝ e^{−λx}, e.g. truncexp(rate=-40) is f ∝ e^{40x}; "
        + "truncnormal(mean=μ, sd=σ), a normal truncated to [0, θ̄], e.g. truncnormal(mean=0.5, sd=0.1); "
        + "polynomial(coefficients=[c₀, c₁, …]), f = Σ c_k x^k, e.g. polynomial(coefficients=[2, -2]) is f = 2(1 − x), F = 1 − (1 − x)²; "
        + "piecewise(knots=[0, …, θ̄], densities=[…]), a piecewise-linear density, e.g. piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5]); "
        + "atoms(values=[…], masses=[…]), point masses, e.g. atoms(values=[0.3, 0.7], masses=[0.5, 0.5]); "
        + "mixture(w₁*law₁, w₂*law₂, …), weights summing to 1, e.g. mixture(0.2*uniform, 0.8*truncexp(rate=-40)); "
        + "density(formula), a density in one variable normalised on [0, θ̄] by its integral (exact for a polynomial, adaptive Gauss–Kronrod otherwise; rejected where negative or not finite), "
        + "e.g. density(0.2 + 32*exp(40*(t - 1))); "
        + "cdf(formula), a cdf G normalised to (G(x) − G(0))/(G(θ̄) − G(0)), e.g. cdf(1 - (1 - v)^2); "
        + "formulas use + − * / ^ (any real exponent), exp, log, sqrt, abs, parentheses and decimals (at most 10 000 characters, 200 nested levels)"

    /// Parses the text form. Throws `.syntax` (the position in the text and
    /// what was expected there) or `.argument` (a family's argument out of
    /// its domain).
    public init(parsing text: String) throws {
        guard text.count <= DistributionParser.maximumLength else {
            throw DistributionError.syntax(position: TextPosition(text: String(text.prefix(40)) + "…", offset: 0),
                                           expected: "a distribution of at most \(DistributionParser.maximumLength) characters")
        }
        var parser = DistributionParser(text: text)
        let d = try parser.distribution()
        try parser.expectEnd()
        self = d
    }
}

extension TypeDistribution.Family {
    /// The family's name in the text form.
    public var syntaxName: String {
        switch self {
        case .uniform: return "uniform"
        case .linear: return "linear"
        case .beta: return "beta"
        case .truncatedExponential: return "truncexp"
        case .truncatedNormal: return "truncnormal"
        case .polynomial: return "polynomial"
        case .piecewiseLinear: return "piecewise"
        case .atoms: return "atoms"
        case .mixture: return "mixture"
        case let .formula(law): return law.kind.rawValue
        }
    }
}

/// A recursive-descent parser for the distribution text form.
struct DistributionParser: TextScanner {
    let chars: [Character]
    var i = 0
    let text: String
    /// Nesting depth of mixtures.
    var depth = 0
    static let maximumLength = 10_000
    static let maximumDepth = 200

    init(text: String) { self.text = text; chars = Array(text) }

    /// A syntax error at the cursor; `context` says which part of the law was being read.
    private func fail(_ context: String, _ expectation: String) -> DistributionError {
        .syntax(position: position, expected: context.isEmpty ? expectation : "\(expectation) (\(context))")
    }

    mutating func expectEnd() throws {
        skipSpace()
        if i < chars.count { throw fail("", "the end of the distribution") }
    }

    private mutating func number(_ key: String) throws -> Rational {
        skipSpace()
        let start = i
        while i < chars.count && (chars[i].isNumber || "+-.eE/".contains(chars[i])) {
            // Stop at '*' (mixture weights) and separators; '-' or '+' only at the start or after an exponent.
            if (chars[i] == "-" || chars[i] == "+") && i > start && !"eE".contains(chars[i - 1]) { break }
            i += 1
        }
        let token = String(chars[start..<i])
        guard !token.isEmpty, let r = try? Rational(parsing: token) else {
            i = start
            throw fail(key, "a number (decimal or fraction such as 1/3)")
        }
        return r
    }

    private mutating func numberList(_ key: String) throws -> [Rational] {
        guard accept("[") else { throw fail(key, "a list of numbers in brackets, e.g. [0.3, 0.7]") }
        var xs: [Rational] = []
        if accept("]") { return xs }
        repeat { xs.append(try number("\(key)[\(xs.count)]")) } while accept(",")
        guard accept("]") else { throw fail(key, "',' or ']'") }
        return xs
    }

    /// "density(FORMULA[, upper=θ̄])" or "cdf(…)" after the name: the formula runs to the first ',' or ')' outside parentheses.
    private mutating func formula(_ kind: FormulaLaw.Kind, key: String) throws -> TypeDistribution {
        func sub(_ k: String) -> String { key.isEmpty ? k : key + "." + k }
        guard accept("(") else { throw fail(key, "\(kind.rawValue)(formula), e.g. \(kind == .density ? "density(1 + t)" : "cdf(t^2)")") }
        let start = i
        var level = 0
        while i < chars.count {
            let c = chars[i]
            if c == "(" { level += 1 } else if c == ")" { if level == 0 { break }; level -= 1 } else if c == "," && level == 0 { break }
            i += 1
        }
        let formulaText = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
        guard !formulaText.isEmpty else { throw fail(sub("expression"), "a formula") }
        var exactUpper = Rational.one
        if accept(",") {
            guard identifier() == "upper", accept("=") else { throw fail(key, "upper=θ̄ after the formula of \(kind.rawValue)") }
            exactUpper = try number(sub("upper"))
        }
        guard accept(")") else { throw fail(key, "',' or ')' closing \(kind.rawValue)(…)") }
        let upper = exactUpper.doubleValue
        if !(upper.isFinite && upper > 0) {
            throw DistributionError.argument(family: kind.rawValue, argument: .upper, index: nil, requirement: "a finite support end θ̄ > 0", found: "\(upper)")
        }
        let law = try FormulaLaw(text: formulaText, kind: kind, upper: upper, exactUpper: exactUpper)
        return try TypeDistribution(.formula(law), upper: upper, exact: law.exactCDF(upper: exactUpper))
    }

    mutating func distribution(key: String = "") throws -> TypeDistribution {
        guard depth < Self.maximumDepth else { throw fail(key, "at most \(Self.maximumDepth) nested mixtures") }
        depth += 1
        defer { depth -= 1 }
        let nameStart = i
        let name = identifier()
        if name == "density" || name == "cdf" { return try formula(name == "density" ? .density : .cdf, key: key) }
        guard let family = TypeDistribution.syntaxFamilies.first(where: { $0.name == name }) else {
            i = nameStart
            throw fail(key, "a distribution family: " + TypeDistribution.syntaxFamilies.map(\.name).joined(separator: ", "))
        }
        func sub(_ k: String) -> String { key.isEmpty ? k : key + "." + k }
        var named: [LawArgument: Any] = [:]
        var components: [(Rational, TypeDistribution)] = []
        if accept("(") && !accept(")") {
            var position = 0
            repeat {
                if name == "mixture" {
                    let w = try number(sub("weights[\(components.count)]"))
                    guard accept("*") else { throw fail(sub("components[\(components.count)]"), "weight*distribution, e.g. 0.5*uniform") }
                    let k = components.count
                    do {
                        components.append((w, try distribution(key: sub("components[\(k)]"))))
                    } catch let e as DistributionError {
                        if case .syntax = e { throw e }
                        throw DistributionError.inMixtureComponent(index: k, e)
                    }
                    continue
                }
                skipSpace()
                let save = i
                var argName = identifier()
                if argName.isEmpty || !accept("=") {
                    i = save
                    guard position < family.arguments.count else {
                        throw fail(key, "at most \(family.arguments.count) positional arguments for \(name) (\(family.arguments.map(\.rawValue).joined(separator: ", ")))")
                    }
                    argName = family.arguments[position].rawValue
                    position += 1
                }
                guard let arg = LawArgument(rawValue: argName), family.arguments.contains(arg) || arg == .upper else {
                    i = save
                    throw fail(sub(argName), "an argument of \(name): " + (family.arguments + [.upper]).map(\.rawValue).joined(separator: ", "))
                }
                guard named[arg] == nil else { throw fail(sub(argName), "each argument once") }
                skipSpace()
                if i < chars.count && chars[i] == "[" {
                    named[arg] = try numberList(sub(argName))
                } else {
                    named[arg] = try number(sub(argName))
                }
            } while accept(",")
            guard accept(")") else { throw fail(key, "',' or ')' closing \(name)(…)") }
        }
        func exactScalar(_ k: LawArgument) throws -> Rational {
            guard let v = named[k] else { throw fail(sub(k.rawValue), "the argument \(k.rawValue) of \(name)") }
            guard let x = v as? Rational else { throw fail(sub(k.rawValue), "a single number for \(k.rawValue)") }
            return x
        }
        func exactVector(_ k: LawArgument) throws -> [Rational] {
            guard let v = named[k] else { throw fail(sub(k.rawValue), "the argument \(k.rawValue) of \(name)") }
            guard let x = v as? [Rational] else { throw fail(sub(k.rawValue), "a list of numbers for \(k.rawValue)") }
            return x
        }
        func scalar(_ k: LawArgument) throws -> Double { try exactScalar(k).doubleValue }
        func vector(_ k: LawArgument) throws -> [Double] { try exactVector(k).map(\.doubleValue) }
        // θ̄ as written (a mixture's: its first component's, checked against the others by the family).
        let exactUpper: Rational? = named[.upper] == nil ? (components.isEmpty ? .one : components[0].1.exact?.upper) : try exactScalar(.upper)
        let upper = try named[.upper] == nil ? (components.first?.1.upper ?? 1) : scalar(.upper)
        let f: TypeDistribution.Family
        var exact: ExactCDF? = nil
        let positiveUpper = exactUpper.flatMap { $0 > .zero ? $0 : nil }
        switch name {
        case "uniform":
            f = .uniform
            exact = positiveUpper.flatMap { ExactCDF.uniform(upper: $0) }
        case "linear":
            f = .linear(slope: try scalar(.slope))
            let s = try exactScalar(.slope)
            exact = positiveUpper.flatMap { ExactCDF.linear(slope: s, upper: $0) }
        case "beta": f = .beta(a: try scalar(.a), b: try scalar(.b))
        case "truncexp": f = .truncatedExponential(rate: try scalar(.rate))
        case "truncnormal": f = .truncatedNormal(mean: try scalar(.mean), sd: try scalar(.sd))
        case "polynomial":
            f = .polynomial(coefficients: try vector(.coefficients))
            let c = try exactVector(.coefficients)
            exact = positiveUpper.flatMap { c.isEmpty ? nil : ExactCDF.polynomial(density: c, upper: $0) }
        case "piecewise":
            f = .piecewiseLinear(knots: try vector(.knots), densities: try vector(.densities))
            exact = ExactCDF.piecewiseLinear(knots: try exactVector(.knots), densities: try exactVector(.densities))
        case "atoms": f = .atoms(values: try vector(.values), masses: try vector(.masses))
        default:
            guard !components.isEmpty else { throw fail(key, "at least one weight*distribution in mixture(…)") }
            f = .mixture(weights: components.map(\.0.doubleValue), components: components.map(\.1))
            let parts = components.compactMap(\.1.exact)
            if parts.count == components.count { exact = ExactCDF.mixture(weights: components.map(\.0), components: parts) }
        }
        return try TypeDistribution(f, upper: upper, exact: exact.flatMap { $0.upper == exactUpper ? $0 : nil })
    }
}
