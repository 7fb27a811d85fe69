// Typed solver parameters: what a solver kind declares, how a spec's JSON is
// decoded against that declaration, and how solvers read the values.

import Numerics

/// The type of a solver parameter.
public indirect enum ParameterType: Sendable, CustomStringConvertible {
    case integer
    /// Exact rational (JSON number read as an exact decimal, or "a/b").
    case rational
    /// Floating point.
    case real
    case boolean
    case text
    /// One of a fixed set of strings.
    case choice([String])
    /// A JSON array of elements of the given type.
    case list(ParameterType)

    /// A flat list of numbers (integers, rationals or reals).
    public var isNumberList: Bool {
        switch self {
        case .list(.integer), .list(.rational), .list(.real): return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .integer: return "an integer"
        case .rational: return "an exact number (e.g. 0.8 or \"4/5\")"
        case .real: return "a number"
        case .boolean: return "true or false"
        case .text: return "a string"
        case let .choice(options): return "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .list(element): return "an array of " + element.pluralDescription
        }
    }

    var pluralDescription: String {
        switch self {
        case .integer: return "integers"
        case .rational: return "exact numbers"
        case .real: return "numbers"
        case .boolean: return "booleans"
        case .text: return "strings"
        case .choice: return "choices (\(description))"
        case let .list(element): return "arrays of " + element.pluralDescription
        }
    }
}

/// A decoded parameter value.
public indirect enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case rational(Rational)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case list([ParameterValue])

    public var description: String {
        switch self {
        case let .integer(v): return String(v)
        case let .rational(v): return v.description
        case let .real(v): return String(v)
        case let .boolean(v): return String(v)
        case let .text(v): return v
        case let .list(vs): return "[" + vs.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// The numeric value as an exact rational (integers, rationals, reals).
    var rationalValue: Rational? {
        switch self {
        case let .integer(v): return Rational(v)
        case let .rational(v): return v
        case let .real(v): return Rational(exactly: v)
        default: return nil
        }
    }
}

/// Numeric bounds applied to a number or to every number of a list.
public struct NumericDomain: Sendable {
    public var minimum: Rational?
    public var minimumInclusive: Bool
    public var maximum: Rational?
    public var maximumInclusive: Bool

    public init(minimum: Rational? = nil, minimumInclusive: Bool = true, maximum: Rational? = nil, maximumInclusive: Bool = true) {
        self.minimum = minimum
        self.minimumInclusive = minimumInclusive
        self.maximum = maximum
        self.maximumInclusive = maximumInclusive
    }

    /// x ≥ 0.
    public static let nonNegative = NumericDomain(minimum: 0)
    /// x > 0.
    public static let positive = NumericDomain(minimum: 0, minimumInclusive: false)
    /// 0 ≤ x ≤ 1.
    public static let probability = NumericDomain(minimum: 0, maximum: 1)
    /// x ≥ m.
    public static func atLeast(_ m: Int) -> NumericDomain { NumericDomain(minimum: Rational(m)) }
    /// lo ≤ x ≤ hi.
    public static func between(_ lo: Int, _ hi: Int) -> NumericDomain { NumericDomain(minimum: Rational(lo), maximum: Rational(hi)) }

    func contains(_ x: Rational) -> Bool {
        if let lo = minimum, minimumInclusive ? x < lo : x <= lo { return false }
        if let hi = maximum, maximumInclusive ? x > hi : x >= hi { return false }
        return true
    }

    var description: String {
        var parts: [String] = []
        if let lo = minimum { parts.append((minimumInclusive ? "≥ " : "> ") + lo.description) }
        if let hi = maximum { parts.append((maximumInclusive ? "≤ " : "< ") + hi.description) }
        return parts.joined(separator: " and ")
    }
}

/// A parameter a solver kind accepts.
public struct ParameterSpec: Sendable {
    public let name: String
    public let type: ParameterType
    public let doc: String
    /// Used when the spec omits the parameter; nil means the parameter is required.
    public let defaultValue: ParameterValue?
    public let domain: NumericDomain?
    /// Minimum number of elements for list parameters.
    public let minimumCount: Int
    /// Maximum number of elements of a list parameter, at every nesting
    /// level (default `InputLimits.listElements`): what bounds the work a
    /// list can ask for.
    public let maximumCount: Int
    /// Set when the parameter fixes a convention the paper leaves open (an
    /// equilibrium selection, a tie rule, a timing or layout reading): what it
    /// decides. Conventions are listed together in docs/SOLVERS.md, and a
    /// claim may be checked `across` them.
    public let convention: String?
    /// An optional parameter may be left out of a spec with no default value:
    /// the solver reads nil (declared as `var K: Int?`), meaning "not given"
    /// (e.g. "choose the number of classes" or "find the split price").
    public let isOptional: Bool

    public init(_ name: String, _ type: ParameterType, doc: String, default defaultValue: ParameterValue? = nil,
                domain: NumericDomain? = nil, minimumCount: Int = 0, maximumCount: Int = InputLimits.listElements,
                convention: String? = nil, isOptional: Bool = false) {
        precondition(!(isOptional && defaultValue != nil), "optional parameter \(name) cannot have a default")
        self.isOptional = isOptional
        self.name = name
        self.type = type
        self.doc = doc
        self.defaultValue = defaultValue
        self.domain = domain
        self.minimumCount = minimumCount
        self.maximumCount = maximumCount
        self.convention = convention
    }


    /// What happens when a spec leaves the parameter out, for listings:
    /// "`default`", "optional (not given)" or "required".
    public var absenceDescription: String {
        if let d = defaultValue { return "default \(d)" }
        return isOptional ? "optional" : "required"
    }

    /// Decodes and validates one value of this parameter.
    func decode(_ r: SpecReader) throws -> ParameterValue {
        try decode(r, as: type)
    }

    private func decode(_ r: SpecReader, as type: ParameterType) throws -> ParameterValue {
        let value: ParameterValue
        switch type {
        case .integer: value = .integer(try r.integer())
        case .rational: value = .rational(try r.rational())
        case .real: value = .real(try r.real())
        case .boolean: value = .boolean(try r.bool())
        case .text: value = .text(try r.string())
        case let .choice(options):
            let s = try r.string()
            guard options.contains(s) else {
                throw r.fail(type.description, suggestion: nearest(s, among: options))
            }
            value = .text(s)
        case let .list(element):
            let items = try r.array()
            if items.count < minimumCount {
                throw r.fail("\(type.description) with at least \(minimumCount) element\(minimumCount == 1 ? "" : "s")", showFound: false)
            }
            if items.count > maximumCount {
                throw r.fail("\(type.description) with at most \(maximumCount) elements", showFound: false)
            }
            value = .list(try items.map { try decode($0, asElement: element) })
            return value
        }
        try checkDomain(value, r)
        return value
    }

    private func decode(_ r: SpecReader, asElement type: ParameterType) throws -> ParameterValue {
        if case let .list(inner) = type {
            let items = try r.array()
            if items.count > maximumCount {
                throw r.fail("\(type.description) with at most \(maximumCount) elements", showFound: false)
            }
            return .list(try items.map { try decode($0, asElement: inner) })
        }
        return try decode(r, as: type)
    }

    /// Checks the numeric domain of a scalar value.
    func checkDomain(_ value: ParameterValue, _ r: SpecReader) throws {
        guard let domain, let x = value.rationalValue else { return }
        if !domain.contains(x) {
            throw r.fail("\(type.description) \(domain.description)")
        }
    }

    /// Validates a value produced by a sweep (not read from JSON).
    func validateSweepValue(_ value: ParameterValue, file: String, path: String) throws {
        guard let domain, let x = value.rationalValue, !domain.contains(x) else { return }
        throw HarnessError.invalidSpec(file: file, keyPath: path, expected: "values of \(name) \(domain.description)", found: value.description, suggestion: nil)
    }
}

/// The decoded parameters of one solver run, by key: what a spec and its sweep
/// produce, before `SolverParameters.decoded` turns them into the solver's
/// typed parameters struct. (The by-name readers below are internal, for the
/// harness's own tests: solvers read typed properties.)
public struct ParameterValues: Sendable, Hashable, CustomStringConvertible {
    public private(set) var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue]) { self.values = values }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var description: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ", ")
    }

    private func value(_ name: String) -> ParameterValue {
        guard let v = values[name] else { preconditionFailure("parameter \(name) was not declared or decoded") }
        return v
    }

    func integer(_ name: String) -> Int {
        guard case let .integer(v) = value(name) else { preconditionFailure("parameter \(name) is not an integer") }
        return v
    }

    func rational(_ name: String) -> Rational {
        switch value(name) {
        case let .rational(v): return v
        case let .integer(v): return Rational(v)
        default: preconditionFailure("parameter \(name) is not rational")
        }
    }

    func real(_ name: String) -> Double {
        switch value(name) {
        case let .real(v): return v
        case let .rational(v): return v.doubleValue
        case let .integer(v): return Double(v)
        default: preconditionFailure("parameter \(name) is not numeric")
        }
    }

    func bool(_ name: String) -> Bool {
        guard case let .boolean(v) = value(name) else { preconditionFailure("parameter \(name) is not boolean") }
        return v
    }

    func text(_ name: String) -> String {
        guard case let .text(v) = value(name) else { preconditionFailure("parameter \(name) is not text") }
        return v
    }

    func list(_ name: String) -> [ParameterValue] {
        guard case let .list(v) = value(name) else { preconditionFailure("parameter \(name) is not a list") }
        return v
    }

    func integerList(_ name: String) -> [Int] {
        list(name).map { guard case let .integer(v) = $0 else { preconditionFailure("\(name): not integers") }; return v }
    }

    func rationalList(_ name: String) -> [Rational] {
        list(name).map { guard let r = $0.rationalValue else { preconditionFailure("\(name): not numbers") }; return r }
    }

    func rationalMatrix(_ name: String) -> [[Rational]] {
        list(name).map { row in
            guard case let .list(xs) = row else { preconditionFailure("\(name): not a matrix") }
            return xs.map { guard let r = $0.rationalValue else { preconditionFailure("\(name): not numbers") }; return r }
        }
    }
}
