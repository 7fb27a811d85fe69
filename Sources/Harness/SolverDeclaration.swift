// Typed solver declarations: a solver kind declares its inputs as a
// parameters struct (each stored property a `@Parameter` carrying the spec
// key, type, domain, default and doc) and its output as a row struct (stored
// properties, each listed once in `columns` with its column name and doc).
// The registry entry, `--list-solvers`, input validation and the column
// check are derived from these two types, so a misspelt key cannot compile:
// solvers read `p.epsilon` and build `Row(revenue: …)`.
//
// See the README's "Adding a solver" for a complete example.

import Numerics

// MARK: Parameter values

/// A Swift type a solver parameter can have.
public protocol ParameterConvertible: Sendable {
    /// How the value is written in a spec.
    static var parameterType: ParameterType { get }
    /// The value from a decoded spec value (already checked against `parameterType`).
    init(parameterValue: ParameterValue)
    /// The value as a spec value (for defaults).
    var parameterValue: ParameterValue { get }
}

extension Int: ParameterConvertible {
    public static var parameterType: ParameterType { .integer }
    public init(parameterValue v: ParameterValue) {
        guard case let .integer(x) = v else { preconditionFailure("\(v) is not an integer") }
        self = x
    }
    public var parameterValue: ParameterValue { .integer(self) }
}

extension Rational: ParameterConvertible {
    public static var parameterType: ParameterType { .rational }
    public init(parameterValue v: ParameterValue) {
        guard let x = v.rationalValue else { preconditionFailure("\(v) is not a number") }
        self = x
    }
    public var parameterValue: ParameterValue { .rational(self) }
}

extension Double: ParameterConvertible {
    public static var parameterType: ParameterType { .real }
    public init(parameterValue v: ParameterValue) {
        switch v {
        case let .real(x): self = x
        case let .rational(x): self = x.doubleValue
        case let .integer(x): self = Double(x)
        default: preconditionFailure("\(v) is not a number")
        }
    }
    public var parameterValue: ParameterValue { .real(self) }
}

extension Bool: ParameterConvertible {
    public static var parameterType: ParameterType { .boolean }
    public init(parameterValue v: ParameterValue) {
        guard case let .boolean(x) = v else { preconditionFailure("\(v) is not a boolean") }
        self = x
    }
    public var parameterValue: ParameterValue { .boolean(self) }
}

extension String: ParameterConvertible {
    public static var parameterType: ParameterType { .text }
    public init(parameterValue v: ParameterValue) {
        guard case let .text(x) = v else { preconditionFailure("\(v) is not text") }
        self = x
    }
    public var parameterValue: ParameterValue { .text(self) }
}

extension Array: ParameterConvertible where Element: ParameterConvertible {
    public static var parameterType: ParameterType { .list(Element.parameterType) }
    public init(parameterValue v: ParameterValue) {
        guard case let .list(xs) = v else { preconditionFailure("\(v) is not a list") }
        self = xs.map(Element.init(parameterValue:))
    }
    public var parameterValue: ParameterValue { .list(map(\.parameterValue)) }
}

/// An optional parameter: declared as `var K: Int?` (no default), it may be
/// left out of a spec, and the solver then reads nil. A given value is
/// decoded and validated as the wrapped type's.
protocol OptionalParameter {
    /// The value of a parameter the spec leaves out.
    static var absent: Self { get }
}

extension Optional: OptionalParameter where Wrapped: ParameterConvertible {
    static var absent: Self { nil }
}

extension Optional: ParameterConvertible where Wrapped: ParameterConvertible {
    public static var parameterType: ParameterType { Wrapped.parameterType }
    public init(parameterValue v: ParameterValue) { self = Wrapped(parameterValue: v) }
    public var parameterValue: ParameterValue {
        guard let self else { preconditionFailure("an absent optional parameter has no spec value") }
        return self.parameterValue
    }
}

/// A parameter that takes one of a fixed set of named options. A model's
/// `String` enum gets this for free (its raw values are the names); a solver
/// declaration can conform any other model type by listing its `choices`.
public protocol ParameterChoice: ParameterConvertible {
    /// Every option, in the order `--list-solvers` shows them.
    static var choices: [Self] { get }
    /// The option's name in a spec.
    var choiceName: String { get }
}

extension ParameterChoice {
    public static var parameterType: ParameterType { .choice(choices.map(\.choiceName)) }
    public init(parameterValue v: ParameterValue) {
        guard case let .text(name) = v, let c = Self.choices.first(where: { $0.choiceName == name }) else {
            preconditionFailure("\(v) is not one of \(Self.choices.map(\.choiceName))")
        }
        self = c
    }
    public var parameterValue: ParameterValue { .text(choiceName) }
}

extension ParameterChoice where Self: CaseIterable & RawRepresentable, RawValue == String {
    public static var choices: [Self] { Array(allCases) }
    public var choiceName: String { rawValue }
}

// MARK: Parameters

/// The spec key of a parameter, and key paths below it (e.g. `values[1][0]`),
/// for input errors. A `@Parameter` property's projected value: `p.$values`.
public struct ParameterKey: Sendable, Hashable, CustomStringConvertible {
    /// The key path below "parameters".
    public let path: String
    public init(_ path: String) { self.path = path }
    /// The key path of an element: `p.$values[1, 0]` is `values[1][0]`.
    public subscript(_ indices: Int...) -> ParameterKey {
        ParameterKey(path + indices.map { "[\($0)]" }.joined())
    }
    public var description: String { path }
}

extension SolverInputError {
    /// An input error at a parameter's key path.
    public init(_ key: ParameterKey, expected: String, found: String? = nil) {
        self.init(parameter: key.path, expected: expected, found: found)
    }
}

/// Decoded values of the run being built: `@Parameter` initialisers read
/// their value from here (nil while a declaration is being read).
enum ParameterDecoding {
    @TaskLocal static var current: ParameterValues?
}

/// One solver parameter, declared where it is stored: its spec key, type
/// (from the property's Swift type), doc, default and domain.
///
///     @Parameter("epsilon", doc: "storage cost per unit and period (ε)", domain: .nonNegative)
///     var epsilon: Rational
@propertyWrapper
public struct Parameter<Value: ParameterConvertible>: Sendable {
    private let key: String
    /// Built only while declarations are read (`SolverParameters.declarations`):
    /// a decoded run, once per spec and sweep point, needs the key and value alone.
    private let spec: ParameterSpec?
    private let value: Value?

    /// `convention`: what the parameter decides when it fixes a convention the
    /// paper leaves open (listed with every other convention in docs/SOLVERS.md).
    public init(_ key: String, doc: String, default defaultValue: Value? = nil, domain: NumericDomain? = nil, minimumCount: Int = 0,
                maximumCount: Int = InputLimits.listElements, convention: String? = nil) {
        // The value an optional parameter takes when absent (nil for the others).
        func absent() -> Value? { (Value.self as? any OptionalParameter.Type).map { $0.absent as! Value } }
        self.key = key
        guard let values = ParameterDecoding.current else {
            spec = ParameterSpec(key, Value.parameterType, doc: doc, default: defaultValue?.parameterValue, domain: domain,
                                 minimumCount: minimumCount, maximumCount: maximumCount, convention: convention, isOptional: absent() != nil)
            value = nil
            return
        }
        spec = nil
        guard let v = values[key] else {
            guard let absent = absent() else { preconditionFailure("parameter \(key) was not decoded") }
            value = absent
            return
        }
        value = Value(parameterValue: v)
    }

    /// The parameter's declaration (type, doc, default, domain); read from a
    /// declaration (`SolverParameters.declarations`), not from a decoded run.
    public var declaration: ParameterSpec {
        guard let spec else { preconditionFailure("parameter \(key): declaration read from a decoded run") }
        return spec
    }

    public var wrappedValue: Value {
        guard let value else { preconditionFailure("parameter \(key) read from a declaration, not a decoded run") }
        return value
    }

    /// The parameter's key, for input errors: `SolverInputError(p.$epsilon, expected: …)`.
    public var projectedValue: ParameterKey { ParameterKey(key) }
}

/// Type-erased view of a `@Parameter` property.
protocol DeclaredParameter {
    var declaration: ParameterSpec { get }
}

extension Parameter: DeclaredParameter {}

/// The parameters of a solver kind (or a group of parameters several kinds
/// share): every stored property is a `@Parameter` or a nested group.
public protocol SolverParameters: Sendable {
    /// Builds the struct; `@Parameter` properties take their decoded values.
    init()
}

extension SolverParameters {
    /// Every parameter declared by `Self` (nested groups flattened), in declaration order.
    public static var declarations: [ParameterSpec] {
        ParameterDecoding.$current.withValue(nil) { collect(Self()) }
    }

    private static func collect(_ group: any SolverParameters) -> [ParameterSpec] {
        Mirror(reflecting: group).children.flatMap { child -> [ParameterSpec] in
            if let p = child.value as? DeclaredParameter { return [p.declaration] }
            if let g = child.value as? any SolverParameters { return collect(g) }
            preconditionFailure("\(type(of: group)).\(child.label ?? "?") is neither a @Parameter nor a parameter group")
        }
    }

    /// The typed parameters of one run (values validated against the declarations).
    public static func decoded(_ values: ParameterValues) -> Self {
        ParameterDecoding.$current.withValue(values) { Self() }
    }
}

/// The seed of a seeded random property check, shared by every such kind:
/// `var random = RandomSeed()`, read as `p.random.seed` or `p.random.generator`.
public struct RandomSeed: SolverParameters {
    @Parameter("seed", doc: "SplitMix64 seed of the random instances", domain: .atLeast(0))
    public var seed: Int

    public init() {}

    /// The generator the instances are drawn from.
    public var generator: SplitMix64 { SplitMix64(seed: UInt64(seed)) }
}

/// A solver without parameters.
public struct NoParameters: SolverParameters {
    public init() {}
}

// MARK: Rows

/// A Swift type an output column can have.
public protocol ColumnValue: Sendable {
    static var columnType: ColumnType { get }
    var tableValue: TableValue { get }
}

extension Int: ColumnValue {
    public static var columnType: ColumnType { .integer }
    public var tableValue: TableValue { .int(self) }
}

extension BigInt: ColumnValue {
    public static var columnType: ColumnType { .integer }
    public var tableValue: TableValue { .integer(self) }
}

extension Rational: ColumnValue {
    public static var columnType: ColumnType { .rational }
    public var tableValue: TableValue { .rational(self) }
}

extension Double: ColumnValue {
    public static var columnType: ColumnType { .real }
    public var tableValue: TableValue { .real(self) }
}

extension Bool: ColumnValue {
    public static var columnType: ColumnType { .boolean }
    public var tableValue: TableValue { .boolean(self) }
}

extension String: ColumnValue {
    public static var columnType: ColumnType { .text }
    public var tableValue: TableValue { .text(self) }
}

/// One output column of a row type: its name and doc, and the stored
/// property it reads. The column's type is the property's type.
public struct RowColumn<Row>: @unchecked Sendable {
    public let column: Column
    let value: (Row) -> TableValue
    /// The property (for the declaration check).
    let keyPath: PartialKeyPath<Row>

    public init<V: ColumnValue>(_ name: String, _ keyPath: KeyPath<Row, V>, key: Bool = false, doc: String) {
        column = Column(name, V.columnType, key: key, doc: doc)
        value = { $0[keyPath: keyPath].tableValue }
        self.keyPath = keyPath
    }

    private init(column: Column, value: @escaping (Row) -> TableValue, keyPath: PartialKeyPath<Row>) {
        self.column = column
        self.value = value
        self.keyPath = keyPath
    }

    /// The columns of a nested row group stored at `keyPath`, in its order.
    public static func group<G: SolverRow>(_ keyPath: KeyPath<Row, G>) -> [RowColumn<Row>] {
        G.columns.map { c in
            RowColumn(column: c.column, value: { c.value($0[keyPath: keyPath]) }, keyPath: keyPath)
        }
    }
}

/// The output row of a solver kind (or a group of columns several kinds
/// share): every stored property is listed once in `columns`.
public protocol SolverRow: Sendable {
    static var columns: [RowColumn<Self>] { get }
}

extension SolverRow {
    /// The row as named table values.
    var tableValues: [String: TableValue] {
        var out: [String: TableValue] = [:]
        out.reserveCapacity(Self.columns.count)
        for c in Self.columns { out[c.column.name] = c.value(self) }
        return out
    }

    /// Traps unless every stored property of `row` is read by exactly one
    /// column (or one group): a property without a column would be dropped.
    static func checkColumnsCoverProperties(_ row: Self) {
        let stored = Mirror(reflecting: row).children.count
        let read = Set(columns.map(\.keyPath)).count
        precondition(stored == read, "\(Self.self) has \(stored) stored properties but its columns read \(read)")
    }
}

// MARK: Solver kinds

extension SolverKind {
    /// A solver kind from its typed declaration: the parameters struct `P`
    /// and the row struct `R` give the parameter list and the columns.
    /// `validate` runs at spec load on every sweep point (cross-parameter
    /// checks; throw `SolverInputError` naming `p.$key`); `run` computes
    /// the rows of one point.
    public init<P: SolverParameters, R: SolverRow>(
        _ name: String, summary: String, parameters: P.Type = P.self, row: R.Type = R.self,
        validate: @escaping @Sendable (P) throws -> Void = { _ in },
        run: @escaping @Sendable (P, ProgressReporter) throws -> [R]
    ) {
        self.init(name: name, summary: summary, parameters: P.declarations, columns: R.columns.map(\.column),
                  validate: { values in try validate(P.decoded(values)) },
                  run: { values, progress in
                      let rows = try run(P.decoded(values), progress)
                      if let first = rows.first { R.checkColumnsCoverProperties(first) }
                      return rows.map(\.tableValues)
                  })
    }
}
