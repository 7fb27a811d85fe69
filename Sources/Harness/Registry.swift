// The registry of solver kinds. Each model module's solver layer declares its
// kinds as typed parameter and row structs (SolverDeclaration.swift); a kind
// here is that declaration erased to what the runner needs. The harness knows
// nothing about economics: the composition root (Papers) builds the registry
// from every module's list, so adding a paper never edits the runner.

/// Receives progress of a long computation (fraction done in [0, 1]).
public struct ProgressReporter: Sendable {
    let report: @Sendable (Double) -> Void
    public init(_ report: @escaping @Sendable (Double) -> Void) { self.report = report }
    public static let silent = ProgressReporter { _ in }
    public func update(_ fraction: Double) { report(fraction) }
}

/// One kind of computation a spec can ask for.
public struct SolverKind: Sendable {
    /// Dotted name used in specs' "solver" field, e.g. "storable-goods.table-1".
    public let name: String
    /// One-line description.
    public let summary: String
    public let parameters: [ParameterSpec]
    /// Every column the solver produces, in output order.
    public let columns: [Column]
    /// Cross-parameter checks beyond each parameter's own type and domain
    /// (e.g. a rectangular matrix); throws `SolverInputError`.
    public let validate: @Sendable (ParameterValues) throws -> Void
    /// Computes the rows for one parameter point: each row maps every column
    /// name to a cell of the column's type.
    public let run: @Sendable (ParameterValues, ProgressReporter) throws -> [[String: TableValue]]

    /// The erased form; solver layers use the typed initialiser
    /// `SolverKind(_:summary:parameters:validate:run:)`, which derives
    /// `parameters`, `columns` and the row conversion from the declarations.
    init(name: String, summary: String, parameters: [ParameterSpec], columns: [Column],
                validate: @escaping @Sendable (ParameterValues) throws -> Void = { _ in },
                run: @escaping @Sendable (ParameterValues, ProgressReporter) throws -> [[String: TableValue]]) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.columns = columns
        self.validate = validate
        self.run = run
    }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}

/// All solver kinds known to a run.
public struct Registry: Sendable {
    public let kinds: [String: SolverKind]

    /// Builds the registry; traps on duplicate names or inconsistent
    /// declarations (programming errors in a model module).
    public init(_ kinds: [SolverKind]) {
        var map: [String: SolverKind] = [:]
        for k in kinds {
            precondition(map[k.name] == nil, "solver kind \(k.name) registered twice")
            precondition(Set(k.columns.map(\.name)).count == k.columns.count, "solver kind \(k.name) has duplicate column names")
            precondition(Set(k.parameters.map(\.name)).count == k.parameters.count, "solver kind \(k.name) has duplicate parameter names")
            map[k.name] = k
        }
        self.kinds = map
    }

    public var names: [String] { kinds.keys.sorted() }

    public subscript(name: String) -> SolverKind? { kinds[name] }
}
