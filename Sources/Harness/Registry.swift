// The registry of solver kinds. Model modules declare their solver kinds
// (name, typed parameters, output columns, a run function); the harness knows
// nothing about economics. The `replicate` executable composes the registry
// from every model module's list, so adding a paper never edits the runner.

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

    public init(name: String, summary: String, parameters: [ParameterSpec], columns: [Column],
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

extension SolverKind {
    /// Throws unless `row` (the `index`-th, 0-based) has exactly the declared
    /// columns, each with its declared type.
    public func checkDeclared(_ row: [String: TableValue], index: Int) throws {
        let declaredNames = Set(columns.map(\.name))
        if Set(row.keys) != declaredNames {
            let missing = declaredNames.subtracting(row.keys).sorted(), extra = Set(row.keys).subtracting(declaredNames).sorted()
            throw ComputeError(description: "solver \(name) returned row \(index + 1) with missing columns \(missing) and undeclared columns \(extra)")
        }
        for c in columns where row[c.name]!.type != c.type {
            throw ComputeError(description: "solver \(name) returned a \(row[c.name]!.type.rawValue) in the \(c.type.rawValue) column \(c.name)")
        }
    }

    /// Runs the solver and checks every row against its declaration.
    public func runChecked(_ parameters: ParameterValues, _ progress: ProgressReporter = .silent) throws -> [[String: TableValue]] {
        let rows = try run(parameters, progress)
        for (r, row) in rows.enumerated() { try checkDeclared(row, index: r) }
        return rows
    }
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
