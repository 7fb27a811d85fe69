// The text form of a valuation distribution (Sec 2's F_i), e.g.
//   "uniform", "beta(a=2, b=1)", "beta(2, 1, upper=2)", "linear(slope=-0.5)",
//   "truncexp(rate=3)", "truncnormal(mean=0.5, sd=0.1)",
//   "polynomial(coefficients=[0, 0, 3])",
//   "piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5])",
//   "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])",
//   "mixture(0.5*truncnormal(mean=0.25, sd=0.05), 0.5*truncnormal(mean=0.75, sd=0.05))".
// Numbers may be decimals, exponents or fractions ("1/3"). Every family takes
// an optional `upper=θ̄` (default 1). `description` prints this form back.

import Numerics

extension TypeDistribution {
    /// The families the text form knows, with their positional arguments.
    public static let syntaxFamilies: [(name: String, arguments: [LawArgument])] = [
        ("uniform", []), ("linear", [.slope]), ("beta", [.a, .b]), ("truncexp", [.rate]),
        ("truncnormal", [.mean, .sd]), ("polynomial", [.coefficients]), ("piecewise", [.knots, .densities]),
        ("atoms", [.values, .masses]), ("mixture", []),
    ]

    /// Parses the text form. Throws `.syntax` (the position in the text and
    /// what was expected there) or `.lawArgument` (a family's argument out of
    /// its domain).
    public init(parsing text: String) throws {
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
        }
    }
}

/// A recursive-descent parser for the distribution text form.
struct DistributionParser: TextScanner {
    let chars: [Character]
    var i = 0
    let text: String

    init(text: String) { self.text = text; chars = Array(text) }

    /// A syntax error at the cursor; `context` says which part of the law was being read.
    private func fail(_ context: String, _ expectation: String) -> CompetitiveScreeningError {
        .syntax(form: .valuationLaw, position: position, expected: context.isEmpty ? expectation : "\(expectation) (\(context))")
    }

    mutating func expectEnd() throws {
        skipSpace()
        if i < chars.count { throw fail("", "the end of the distribution") }
    }

    private mutating func number(_ key: String) throws -> Double {
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
        return r.doubleValue
    }

    private mutating func numberList(_ key: String) throws -> [Double] {
        guard accept("[") else { throw fail(key, "a list of numbers in brackets, e.g. [0.3, 0.7]") }
        var xs: [Double] = []
        if accept("]") { return xs }
        repeat { xs.append(try number("\(key)[\(xs.count)]")) } while accept(",")
        guard accept("]") else { throw fail(key, "',' or ']'") }
        return xs
    }

    mutating func distribution(key: String = "") throws -> TypeDistribution {
        let nameStart = i
        let name = identifier()
        guard let family = TypeDistribution.syntaxFamilies.first(where: { $0.name == name }) else {
            i = nameStart
            throw fail(key, "a distribution family: " + TypeDistribution.syntaxFamilies.map(\.name).joined(separator: ", "))
        }
        func sub(_ k: String) -> String { key.isEmpty ? k : key + "." + k }
        var named: [LawArgument: Any] = [:]
        var components: [(Double, TypeDistribution)] = []
        if accept("(") && !accept(")") {
            var position = 0
            repeat {
                if name == "mixture" {
                    let w = try number(sub("weights[\(components.count)]"))
                    guard accept("*") else { throw fail(sub("components[\(components.count)]"), "weight*distribution, e.g. 0.5*uniform") }
                    let k = components.count
                    do {
                        components.append((w, try distribution(key: sub("components[\(k)]"))))
                    } catch let e as CompetitiveScreeningError {
                        if case .syntax = e { throw e }
                        throw CompetitiveScreeningError.inMixtureComponent(index: k, e)
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
        func scalar(_ k: LawArgument) throws -> Double {
            guard let v = named[k] else { throw fail(sub(k.rawValue), "the argument \(k.rawValue) of \(name)") }
            guard let x = v as? Double else { throw fail(sub(k.rawValue), "a single number for \(k.rawValue)") }
            return x
        }
        func vector(_ k: LawArgument) throws -> [Double] {
            guard let v = named[k] else { throw fail(sub(k.rawValue), "the argument \(k.rawValue) of \(name)") }
            guard let x = v as? [Double] else { throw fail(sub(k.rawValue), "a list of numbers for \(k.rawValue)") }
            return x
        }
        let upper = try named[.upper] == nil ? (components.first?.1.upper ?? 1) : scalar(.upper)
        let f: TypeDistribution.Family
        switch name {
        case "uniform": f = .uniform
        case "linear": f = .linear(slope: try scalar(.slope))
        case "beta": f = .beta(a: try scalar(.a), b: try scalar(.b))
        case "truncexp": f = .truncatedExponential(rate: try scalar(.rate))
        case "truncnormal": f = .truncatedNormal(mean: try scalar(.mean), sd: try scalar(.sd))
        case "polynomial": f = .polynomial(coefficients: try vector(.coefficients))
        case "piecewise": f = .piecewiseLinear(knots: try vector(.knots), densities: try vector(.densities))
        case "atoms": f = .atoms(values: try vector(.values), masses: try vector(.masses))
        default:
            guard !components.isEmpty else { throw fail(key, "at least one weight*distribution in mixture(…)") }
            f = .mixture(weights: components.map(\.0), components: components.map(\.1))
        }
        return try TypeDistribution(f, upper: upper)
    }
}
