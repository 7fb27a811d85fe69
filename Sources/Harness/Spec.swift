// The experiment spec: one JSON file per paper artifact, decoded strictly.
// The README documents every field with a complete example.

import Foundation
import Numerics

/// Absolute and relative tolerance: a computed value c matches a golden g
/// when |c − g| ≤ abs or |c − g| ≤ rel·|g|.
public struct Tolerance: Sendable, Hashable {
    public var absolute: Rational
    public var relative: Rational
    public static let exact = Tolerance(absolute: 0, relative: 0)
    /// The default for real columns when a spec does not set one.
    public static let defaultReal = Tolerance(absolute: Rational(1, 1_000_000_000_000), relative: Rational(1, 1_000_000_000))

    public init(absolute: Rational, relative: Rational) {
        self.absolute = absolute
        self.relative = relative
    }

    /// Whether c matches g, decided exactly.
    public func accepts(_ c: Rational, golden g: Rational) -> Bool {
        let diff = (c - g).magnitude
        return diff <= absolute || diff <= relative * g.magnitude
    }
}

/// One swept parameter and its grid.
public struct SweepAxis: Sendable {
    public let parameter: String
    public let values: [ParameterValue]
}

/// Comparison operators of claims.
public enum ClaimOperator: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    func holds(_ c: Int) -> Bool {
        switch self {
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        case .equal: return c == 0
        case .notEqual: return c != 0
        }
    }
}

/// How a printed number was rounded by the paper.
public enum PrintedRounding: String, Sendable, CaseIterable {
    case nearest, truncate
}

/// What a claim checks about a computed cell.
public enum ClaimCheck: Sendable {
    /// The paper prints this decimal; the computed value, rounded the same way
    /// to the same number of decimals, must print identically.
    case printed(String, PrintedRounding)
    /// Equality: exact for integer, rational, boolean and text columns; within
    /// the column's tolerance for real columns.
    case equals(TableValue)
    /// |computed − value| ≤ abs.
    case approximately(Rational, abs: Rational)
    /// computed (op) value.
    case compare(ClaimOperator, Rational)
    /// computed (op) another column of the same row.
    case compareColumn(ClaimOperator, String)
    /// computed (op) an expression in the row's numeric columns, evaluated
    /// exactly (`==` on a real column uses the column's tolerance). The text is
    /// kept for reports.
    case expression(ClaimOperator, Expression, String)
    /// Over the selected rows, grouped by the other key columns and ordered by
    /// the `along` column, the claim's column is monotone.
    case monotone(Monotonicity, along: String)
}

/// A direction of monotonicity.
public enum Monotonicity: String, Sendable, CaseIterable {
    case nondecreasing, nonincreasing, increasing, decreasing

    func holds(_ c: Int) -> Bool {
        switch self {
        case .nondecreasing: return c <= 0
        case .nonincreasing: return c >= 0
        case .increasing: return c < 0
        case .decreasing: return c > 0
        }
    }
}

/// One condition of a `where` filter (of a claim or a figure layer): column
/// (op) value, the value as written in the spec (a number, "1/3", text or a
/// boolean). An equality may list alternatives: the row passes when the
/// column equals one of them.
public struct RowCondition: Sendable {
    public let column: String
    public let op: ClaimOperator
    public let values: [String]

    /// Whether `cell` passes (see `rowSatisfies`).
    public func admits(_ cell: TableValue) -> Bool {
        values.contains { rowSatisfies(cell, op, $0) }
    }
}

/// Which rows a claim is about.
public enum ClaimRows: Sendable {
    /// The single row whose columns have these values (text as printed in the CSV, or numbers).
    case matching([(column: String, value: String)])
    /// Every row (the check must hold for all).
    case all
    /// The only row of a one-row table.
    case only
    /// Every row satisfying all conditions (at least one row must).
    case filter([RowCondition])
}

/// A sentence of the paper bound to a check on the output.
public struct Claim: Sendable {
    public let id: String
    public let quote: String
    public let location: String
    public let rows: ClaimRows
    public let column: String
    public let check: ClaimCheck
    /// Set when the spec documents a known discrepancy (paper vs solver).
    public let knownDiscrepancy: String?
    /// Set when the claim cannot be reproduced from what the paper states:
    /// the reason. Such a claim has no check; `column` and `check` are unused.
    public let notReproducible: String?
    /// What the paper says, for a not-reproducible claim.
    public let paperSaysText: String?
}

/// A decoded, validated experiment spec.
public struct Spec: Sendable {
    public let file: String
    public let id: String
    public let paper: String
    public let artifact: String
    public let title: String
    public let notes: String?
    public let solver: SolverKind
    /// Parameters of the base point (defaults filled in; swept ones set per point).
    public let parameters: ParameterValues
    public let sweep: [SweepAxis]
    /// Output columns in order: sweep columns, then the selected solver columns.
    public let columns: [Column]
    /// Path of the golden CSV, relative to the experiments root.
    public let goldenPath: String
    public let defaultTolerance: Tolerance?
    public let columnTolerances: [String: Tolerance]
    public let claims: [Claim]
    public let figure: FigureSpec?

    /// The qualified name "paper/id".
    public var qualifiedID: String { "\(paper)/\(id)" }

    /// The tolerance a column is diffed with.
    public func tolerance(for column: Column) -> Tolerance {
        switch column.type {
        case .integer, .boolean, .text: return .exact
        case .rational: return columnTolerances[column.name] ?? .exact
        case .real: return columnTolerances[column.name] ?? defaultTolerance ?? .defaultReal
        }
    }

    /// Every parameter point of the sweep (the base point when there is none), in output order.
    public var points: [ParameterValues] {
        var result = [parameters]
        for axis in sweep {
            var next: [ParameterValues] = []
            for p in result {
                for v in axis.values {
                    var q = p
                    q[axis.parameter] = v
                    next.append(q)
                }
            }
            result = next
        }
        return result
    }
}

// MARK: - Decoding

extension Spec {
    static let topLevelKeys = ["id", "paper", "artifact", "title", "notes", "solver", "parameters", "sweep",
                               "columns", "golden", "tolerances", "claims", "figure"]

    /// Decodes a spec strictly. `file` is the path shown in errors (relative
    /// to the working directory); `paperFolder` and `fileStem` are the folder
    /// and file name the spec was found under, which its `paper` and `id` must equal.
    public static func decode(text: String, file: String, paperFolder: String, fileStem: String, registry: Registry) throws -> Spec {
        let root: JSONNode
        do {
            root = try parseJSON(text)
        } catch let e as JSONSyntaxError {
            throw HarnessError.malformedJSON(file: file, line: e.line, column: e.column, message: e.message)
        }
        let top = try SpecReader(node: root, path: "", file: file).object(allowed: topLevelKeys)

        let idReader = try top.required("id", "the artifact id (the file name without .json)")
        let id = try idReader.nonEmptyString()
        guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), id.first?.isLetter == true || id.first?.isNumber == true else {
            throw idReader.fail("an id of lowercase letters, digits and hyphens")
        }
        guard id == fileStem else { throw idReader.fail("\"\(fileStem)\" (the id must equal the file name)") }
        let paperReader = try top.required("paper", "the paper id (the folder name)")
        let paper = try paperReader.nonEmptyString()
        guard paper == paperFolder else { throw paperReader.fail("\"\(paperFolder)\" (the paper id must equal the folder name)") }
        let artifact = try top.required("artifact", "the artifact's name in the paper, e.g. \"Table 1\"").nonEmptyString()
        let title = try top.required("title", "a one-line title").nonEmptyString()
        let notes = try top.optional("notes")?.string()

        let solverReader = try top.required("solver", "a solver kind")
        let solverName = try solverReader.string()
        guard let solver = registry[solverName] else {
            throw solverReader.fail("a registered solver kind (replicate --list-solvers shows them)", suggestion: nearest(solverName, among: registry.names))
        }

        // Sweep first: swept parameters may be omitted from "parameters".
        var sweep: [SweepAxis] = []
        if let sweepReader = top.optional("sweep") {
            let members = try sweepReader.members()
            guard (1...2).contains(members.count) else { throw sweepReader.fail("an object with one or two swept parameters") }
            for (name, axisReader) in members {
                guard let p = solver.parameter(name) else {
                    throw HarnessError.invalidSpec(file: file, keyPath: axisReader.path, expected: "a parameter of \(solver.name): " + solver.parameters.map(\.name).joined(separator: ", "),
                                                   found: "unknown parameter \"\(name)\"", suggestion: nearest(name, among: solver.parameters.map(\.name)))
                }
                sweep.append(SweepAxis(parameter: name, values: try decodeAxis(axisReader, parameter: p)))
            }
        }
        let swept = Set(sweep.map(\.parameter))

        // Parameters.
        let paramsReader = try top.required("parameters", "an object of solver parameters (may be {})")
        let paramsObject = try paramsReader.object(allowed: solver.parameters.map(\.name))
        var values: [String: ParameterValue] = [:]
        for p in solver.parameters {
            if let r = paramsObject.optional(p.name) {
                if swept.contains(p.name) {
                    throw r.fail("no value: \"\(p.name)\" is swept (set it in \"sweep\" only)", showFound: false)
                }
                values[p.name] = try p.decode(r)
            } else if swept.contains(p.name) {
                values[p.name] = sweep.first { $0.parameter == p.name }!.values.first
            } else if let d = p.defaultValue {
                values[p.name] = d
            } else {
                throw HarnessError.invalidSpec(file: file, keyPath: paramsReader.path.isEmpty ? "parameters.\(p.name)" : "\(paramsReader.path).\(p.name)",
                                               expected: "\(p.type.description): \(p.doc) (required)", found: "nothing", suggestion: nil)
            }
        }
        let parameters = ParameterValues(values)

        // Columns.
        // A swept parameter becomes a key column; when the solver itself
        // outputs a column of that name (e.g. the selection it used), that
        // column serves as the key instead.
        var available: [Column] = sweep.compactMap { axis in
            if solver.columns.contains(where: { $0.name == axis.parameter }) { return nil }
            let p = solver.parameter(axis.parameter)!
            let type: ColumnType
            switch p.type {
            case .integer: type = .integer
            case .rational: type = .rational
            case .real: type = .real
            case .boolean: type = .boolean
            default: type = .text
            }
            return Column(axis.parameter, type, key: true, doc: "swept parameter: \(p.doc)")
        }
        for c in solver.columns {
            available.append(swept.contains(c.name) ? Column(c.name, c.type, key: true, doc: c.doc) : c)
        }
        var columns = available
        if let columnsReader = top.optional("columns") {
            columns = []
            for r in try columnsReader.array() {
                let name = try r.string()
                guard let c = available.first(where: { $0.name == name }) else {
                    throw r.fail("an output column of \(solver.name): " + available.map(\.name).joined(separator: ", "), suggestion: nearest(name, among: available.map(\.name)))
                }
                if columns.contains(c) { throw r.fail("each column once") }
                columns.append(c)
            }
            for k in available where k.isKey && !columns.contains(k) {
                throw columnsReader.fail("a list including the key column \"\(k.name)\" (rows are identified by their key columns)", showFound: false)
            }
            if columns.isEmpty { throw columnsReader.fail("at least one column", showFound: false) }
        }

        // Golden path.
        var goldenPath = "\(paper)/golden/\(id).csv"
        if let g = top.optional("golden") {
            let rel = try g.nonEmptyString()
            guard !rel.hasPrefix("/"), !rel.split(separator: "/").contains(".."), rel.hasSuffix(".csv") else {
                throw g.fail("a .csv path relative to the paper's folder, without \"..\"")
            }
            goldenPath = "\(paper)/\(rel)"
        }

        // Tolerances.
        var defaultTolerance: Tolerance? = nil
        var columnTolerances: [String: Tolerance] = [:]
        if let t = top.optional("tolerances") {
            let obj = try t.object(allowed: ["default", "columns"])
            if let d = obj.optional("default") { defaultTolerance = try decodeTolerance(d) }
            if let cs = obj.optional("columns") {
                for (name, r) in try cs.members() {
                    guard let c = columns.first(where: { $0.name == name }) else {
                        throw HarnessError.invalidSpec(file: file, keyPath: r.path, expected: "an output column", found: "\"\(name)\"", suggestion: nearest(name, among: columns.map(\.name)))
                    }
                    guard c.type == .real || c.type == .rational else {
                        throw r.fail("no tolerance: \(c.type.rawValue) columns compare exactly", showFound: false)
                    }
                    columnTolerances[name] = try decodeTolerance(r)
                }
            }
        }

        // Claims.
        var claims: [Claim] = []
        if let cr = top.optional("claims") {
            for r in try cr.array() {
                let claim = try decodeClaim(r, columns: columns)
                if claims.contains(where: { $0.id == claim.id }) {
                    throw r.fail("a claim id used once in the spec (\"\(claim.id)\" repeats)", showFound: false)
                }
                claims.append(claim)
            }
        }

        let figure = try top.optional("figure").map { try decodeFigure($0, columns: columns) }

        // Solver-specific cross-parameter checks on every point.
        let spec = Spec(file: file, id: id, paper: paper, artifact: artifact, title: title, notes: notes, solver: solver,
                        parameters: parameters, sweep: sweep, columns: columns, goldenPath: goldenPath,
                        defaultTolerance: defaultTolerance, columnTolerances: columnTolerances, claims: claims, figure: figure)
        for point in spec.points {
            do {
                try solver.validate(point)
            } catch let e as SolverInputError {
                let sweptNote = swept.isEmpty ? "" : " (at sweep point \(sweep.map { "\($0.parameter)=\(point[$0.parameter]!)" }.joined(separator: ", ")))"
                throw HarnessError.invalidSpec(file: file, keyPath: "parameters.\(e.parameter)", expected: e.expected + sweptNote, found: e.found, suggestion: nil)
            }
        }
        return spec
    }

    static func decodeTolerance(_ r: SpecReader) throws -> Tolerance {
        let obj = try r.object(allowed: ["abs", "rel"])
        guard obj.has("abs") || obj.has("rel") else { throw r.fail("an object with \"abs\" and/or \"rel\"", showFound: false) }
        var t = Tolerance.exact
        for (key, path) in [("abs", \Tolerance.absolute), ("rel", \Tolerance.relative)] {
            if let v = obj.optional(key) {
                let x = try v.rational()
                guard x >= 0 else { throw v.fail("a tolerance ≥ 0") }
                t[keyPath: path] = x
            }
        }
        return t
    }

    static func decodeAxis(_ r: SpecReader, parameter p: ParameterSpec) throws -> [ParameterValue] {
        let obj = try r.object(allowed: ["values", "linear", "log"])
        guard obj.keys.count == 1 else { throw r.fail("exactly one of \"values\", \"linear\", \"log\"", showFound: false) }
        var values: [ParameterValue] = []
        if let v = obj.optional("values") {
            let items = try v.array()
            guard !items.isEmpty else { throw v.fail("a non-empty array") }
            values = try items.map { try p.decode($0) }
        } else if let lin = obj.optional("linear") {
            let o = try lin.object(allowed: ["from", "to", "count", "step"])
            let from = try o.required("from", "the first value").rational()
            let to = try o.required("to", "the last value").rational()
            guard to > from else { throw try o.required("to", "").fail("a value above \"from\" (\(from))") }
            var grid: [Rational] = []
            if let c = o.optional("count") {
                guard !o.has("step") else { throw c.fail("either \"count\" or \"step\", not both", showFound: false) }
                let n = try c.integer()
                guard (2...100_000).contains(n) else { throw c.fail("a count from 2 to 100000") }
                grid = (0..<n).map { from + (to - from) * Rational($0, n - 1) }
            } else if let s = o.optional("step") {
                let step = try s.rational()
                guard step > 0, (to - from) / step <= 100_000 else { throw s.fail("a positive step giving at most 100000 points") }
                var x = from
                while x <= to { grid.append(x); x += step }
            } else {
                throw lin.fail("\"count\" or \"step\"", showFound: false)
            }
            values = try grid.map { x in
                switch p.type {
                case .integer:
                    guard x.isInteger, let i = x.numerator.intValue else { throw lin.fail("a grid of integers for the integer parameter \(p.name) (got \(x))", showFound: false) }
                    return .integer(i)
                case .rational: return .rational(x)
                case .real: return .real(x.doubleValue)
                default: throw lin.fail("a numeric parameter (\(p.name) is \(p.type.description))", showFound: false)
                }
            }
        } else if let lg = obj.optional("log") {
            let o = try lg.object(allowed: ["from", "to", "count"])
            let from = try o.required("from", "the first value").real()
            let to = try o.required("to", "the last value").real()
            let n = try o.required("count", "the number of points").integer()
            guard from > 0, to > from else { throw lg.fail("0 < from < to", showFound: false) }
            guard (2...100_000).contains(n) else { throw lg.fail("a count from 2 to 100000", showFound: false) }
            let grid = (0..<n).map { k -> Double in
                k == 0 ? from : (k == n - 1 ? to : exp(log(from) + Double(k) / Double(n - 1) * log(to / from)))
            }
            switch p.type {
            case .integer:
                var seen = Set<Int>()
                for x in grid {
                    let i = Int(x.rounded())
                    if seen.insert(i).inserted { values.append(.integer(i)) }
                }
            case .real: values = grid.map { .real($0) }
            default: throw lg.fail("an integer or real parameter (\(p.name) is \(p.type.description); log grids are not exact)", showFound: false)
            }
        }
        for (k, v) in values.enumerated() {
            try p.validateSweepValue(v, file: r.file, path: "\(r.path)[\(k)]")
        }
        return values
    }

    static func decodeClaim(_ r: SpecReader, columns: [Column]) throws -> Claim {
        let o = try r.object(allowed: ["id", "quote", "location", "row", "rows", "where", "column", "check", "discrepancy", "not_reproducible", "paper_says"])
        let id = try o.required("id", "a claim id").nonEmptyString()
        let quote = try o.required("quote", "the paper's sentence, quoted").nonEmptyString()
        let location = try o.required("location", "where the quote is (section, page, table)").nonEmptyString()
        if let nr = o.optional("not_reproducible") {
            let reason = try nr.nonEmptyString()
            try rejectExtra(o, allowed: ["id", "quote", "location", "not_reproducible", "paper_says"], r)
            let says = try o.required("paper_says", "what the paper states (the number or statement that cannot be reproduced)").nonEmptyString()
            return Claim(id: id, quote: quote, location: location, rows: .only, column: "", check: .equals(.text("")),
                         knownDiscrepancy: nil, notReproducible: reason, paperSaysText: says)
        }
        if let ps = o.optional("paper_says") {
            throw ps.fail("\"paper_says\" only together with \"not_reproducible\"", showFound: false)
        }
        let columnReader = try o.required("column", "the output column the claim is about")
        let columnName = try columnReader.string()
        guard let column = columns.first(where: { $0.name == columnName }) else {
            throw columnReader.fail("an output column: " + columns.map(\.name).joined(separator: ", "), suggestion: nearest(columnName, among: columns.map(\.name)))
        }
        var rows = ClaimRows.only
        let selectorKeys = ["row", "rows", "where"].filter { o.has($0) }
        if selectorKeys.count > 1 {
            throw o.optional(selectorKeys[1])!.fail("only one of \"row\", \"rows\", \"where\"", showFound: false)
        }
        if let whereReader = o.optional("where") {
            let conditions = try decodeRowFilter(whereReader, columns: columns)
            rows = .filter(conditions)
        } else if let rowReader = o.optional("row") {
            var selectors: [(column: String, value: String)] = []
            for (name, v) in try rowReader.members() {
                guard columns.contains(where: { $0.name == name }) else {
                    throw HarnessError.invalidSpec(file: r.file, keyPath: v.path, expected: "an output column", found: "\"\(name)\"", suggestion: nearest(name, among: columns.map(\.name)))
                }
                selectors.append((name, try selectorValue(v)))
            }
            guard !selectors.isEmpty else { throw rowReader.fail("at least one column value", showFound: false) }
            rows = .matching(selectors)
        } else if let rowsReader = o.optional("rows") {
            guard try rowsReader.string() == "all" else { throw rowsReader.fail("\"all\"") }
            rows = .all
        }
        let checkReader = try o.required("check", "what to check (printed, equals, approximately, or op)")
        let c = try checkReader.object(allowed: ["printed", "rounding", "equals", "approximately", "abs", "op", "value", "column", "expression", "monotone", "along"])
        let check: ClaimCheck
        if let p = c.optional("printed") {
            let text = try p.string()
            guard (try? Rational(parsing: text)) != nil, !text.contains("e"), !text.contains("E"), !text.contains("/") else {
                throw p.fail("a decimal as the paper prints it, e.g. \"2.067\"")
            }
            guard column.type != .boolean, column.type != .text else { throw p.fail("a numeric column for \"printed\"", showFound: false) }
            var rounding = PrintedRounding.nearest
            if let rr = c.optional("rounding") {
                let s = try rr.string()
                guard let v = PrintedRounding(rawValue: s) else { throw rr.fail("\"nearest\" or \"truncate\"", suggestion: nearest(s, among: PrintedRounding.allCases.map(\.rawValue))) }
                rounding = v
            }
            try rejectExtra(c, allowed: ["printed", "rounding"], checkReader)
            check = .printed(text, rounding)
        } else if let e = c.optional("equals") {
            try rejectExtra(c, allowed: ["equals"], checkReader)
            let cell: TableValue?
            switch e.node.value {
            case let .number(n): cell = TableValue.parse(n, as: column.type == .integer || column.type == .real ? column.type : .rational)
            case let .string(s): cell = TableValue.parse(s, as: column.type)
            case let .bool(b): cell = column.type == .boolean ? .boolean(b) : nil
            default: cell = nil
            }
            guard let cell else { throw e.fail("a value of the \(column.type.rawValue) column \"\(column.name)\"") }
            check = .equals(cell)
        } else if let a = c.optional("approximately") {
            try rejectExtra(c, allowed: ["approximately", "abs"], checkReader)
            let absReader = try c.required("abs", "the allowed absolute difference")
            let tol = try absReader.rational()
            guard tol >= 0 else { throw absReader.fail("a tolerance ≥ 0") }
            check = .approximately(try a.rational(), abs: tol)
        } else if let m = c.optional("monotone") {
            try rejectExtra(c, allowed: ["monotone", "along"], checkReader)
            let s = try m.string()
            guard let direction = Monotonicity(rawValue: s) else {
                throw m.fail("one of " + Monotonicity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), suggestion: nearest(s, among: Monotonicity.allCases.map(\.rawValue)))
            }
            let alongReader = try c.required("along", "the numeric column that orders the rows")
            let along = try alongReader.string()
            guard let a = columns.first(where: { $0.name == along }), a.type != .text, a.type != .boolean, along != columnName else {
                throw alongReader.fail("a numeric output column other than \"\(columnName)\"", suggestion: nearest(along, among: columns.map(\.name)))
            }
            guard column.type != .text, column.type != .boolean else { throw m.fail("a numeric column for \"monotone\"", showFound: false) }
            if case .only = rows { throw m.fail("\"rows\": \"all\" or a \"where\" filter with \"monotone\"", showFound: false) }
            if case .matching = rows { throw m.fail("\"rows\": \"all\" or a \"where\" filter with \"monotone\"", showFound: false) }
            check = .monotone(direction, along: along)
        } else if let e = c.optional("expression") {
            try rejectExtra(c, allowed: ["expression", "op"], checkReader)
            var oper = ClaimOperator.equal
            if let op = c.optional("op") {
                let s = try op.string()
                guard let o = ClaimOperator(rawValue: s) else { throw op.fail("one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) }
                oper = o
            }
            let text = try e.nonEmptyString()
            let expression: Expression
            do { expression = try Expression(parsing: text) } catch let error as ExpressionError {
                throw e.fail("an arithmetic expression in numeric columns (\(error))")
            }
            for name in expression.columns {
                guard let col = columns.first(where: { $0.name == name }), col.type != .text, col.type != .boolean else {
                    throw e.fail("an expression whose names are numeric output columns (\"\(name)\" is not one)", suggestion: nearest(name, among: columns.map(\.name)))
                }
            }
            guard column.type != .text, column.type != .boolean else { throw e.fail("a numeric column for \"expression\"", showFound: false) }
            check = .expression(oper, expression, text)
        } else if let op = c.optional("op") {
            let s = try op.string()
            guard let oper = ClaimOperator(rawValue: s) else { throw op.fail("one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) }
            if let v = c.optional("value") {
                try rejectExtra(c, allowed: ["op", "value"], checkReader)
                check = .compare(oper, try v.rational())
            } else if let other = c.optional("column") {
                try rejectExtra(c, allowed: ["op", "column"], checkReader)
                let name = try other.string()
                guard columns.contains(where: { $0.name == name }) else { throw other.fail("an output column", suggestion: nearest(name, among: columns.map(\.name))) }
                check = .compareColumn(oper, name)
            } else {
                throw checkReader.fail("\"value\" or \"column\" with \"op\"", showFound: false)
            }
            guard column.type != .boolean, column.type != .text else { throw op.fail("a numeric column for a comparison", showFound: false) }
        } else {
            throw checkReader.fail("one of \"printed\", \"equals\", \"approximately\", \"op\", \"expression\", \"monotone\"", showFound: false)
        }
        let discrepancy = try o.optional("discrepancy")?.nonEmptyString()
        return Claim(id: id, quote: quote, location: location, rows: rows, column: columnName, check: check, knownDiscrepancy: discrepancy,
                     notReproducible: nil, paperSaysText: nil)
    }

    /// A row selector's value as text: a number as written, a string, or a boolean.
    /// A `where` filter: {column: value | [values] | {"<": v, "<=": v, ">": v,
    /// ">=": v, "==": v, "!=": v}, ...}, every condition to hold. A list
    /// admits a row equal to any of its values; text and boolean columns take
    /// equality only.
    static func decodeRowFilter(_ whereReader: SpecReader, columns: [Column]) throws -> [RowCondition] {
        var conditions: [RowCondition] = []
        for (name, v) in try whereReader.members() {
            guard let col = columns.first(where: { $0.name == name }) else {
                throw HarnessError.invalidSpec(file: whereReader.file, keyPath: v.path, expected: "an output column", found: "\"\(name)\"", suggestion: nearest(name, among: columns.map(\.name)))
            }
            switch v.node.value {
            case .object:
                guard col.type != .text, col.type != .boolean else { throw v.fail("a value (text and boolean columns take equality only)", showFound: false) }
                let members = try v.members()
                guard !members.isEmpty else { throw v.fail("at least one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), showFound: false) }
                for (opText, bound) in members {
                    guard let op = ClaimOperator(rawValue: opText) else {
                        throw HarnessError.invalidSpec(file: whereReader.file, keyPath: bound.path, expected: "a comparison: one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), found: "\"\(opText)\"", suggestion: nil)
                    }
                    conditions.append(RowCondition(column: name, op: op, values: [try bound.rational().description]))
                }
            case .array:
                let items = try v.array()
                guard !items.isEmpty else { throw v.fail("at least one value", showFound: false) }
                conditions.append(RowCondition(column: name, op: .equal, values: try items.map(selectorValue)))
            default:
                conditions.append(RowCondition(column: name, op: .equal, values: [try selectorValue(v)]))
            }
        }
        guard !conditions.isEmpty else { throw whereReader.fail("at least one column condition", showFound: false) }
        return conditions
    }

    static func selectorValue(_ v: SpecReader) throws -> String {
        switch v.node.value {
        case let .number(n): return n
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        default: throw v.fail("a number, string or boolean identifying the row")
        }
    }

    static func rejectExtra(_ o: ObjectReader, allowed: [String], _ r: SpecReader) throws {
        if let extra = o.keys.first(where: { !allowed.contains($0) }) {
            throw HarnessError.invalidSpec(file: r.file, keyPath: "\(r.path).\(extra)", expected: "only " + allowed.map { "\"\($0)\"" }.joined(separator: ", ") + " in this kind of check",
                                           found: "\"\(extra)\"", suggestion: nil)
        }
    }
}
