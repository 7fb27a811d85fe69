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

/// A finding a spec records without a claim: its id, where in the paper, and what was found.
public struct Finding: Sendable, Hashable {
    public let id: String
    public let location: String
    public let text: String
}

/// A decoded, validated experiment spec. `try` and `probe` derive specs at
/// other parameters by copying one and replacing what they change.
public struct Spec: Sendable {
    public let file: String
    public let id: String
    public let paper: String
    public let artifact: String
    /// Where the artifact sits in the paper (from `order`, else derived from `artifact`); orders the reports.
    public let position: PaperPosition
    public let title: String
    public internal(set) var notes: String?
    public internal(set) var solver: SolverKind
    /// Parameters of the base point (defaults filled in; swept ones set per point).
    public internal(set) var parameters: ParameterValues
    public internal(set) var sweep: [SweepAxis]
    /// Output columns in order: sweep columns, then the selected solver columns.
    public let columns: [Column]
    /// Path of the golden CSV, relative to the experiments root.
    public let goldenPath: String
    public let defaultTolerance: Tolerance?
    public let columnTolerances: [String: Tolerance]
    public internal(set) var claims: [Claim]
    /// What the harness found about the paper that no claim checks (an
    /// inconsistency, a convention that matters, a condition stronger than
    /// needed); listed with the differences in the reports.
    public internal(set) var findings: [Finding]
    public internal(set) var figure: FigureSpec?

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
    public var points: [ParameterValues] { points(overriding: ConventionValue([])) }

    /// The distinct conventions the claims are checked across (the spec's own
    /// parameters excluded), in claim order.
    public var conventions: [ConventionValue] {
        var seen: [ConventionValue] = []
        for c in claims {
            for v in c.conventionValues where !v.order.isEmpty && !seen.contains(v) { seen.append(v) }
        }
        return seen
    }

    /// The sweep's points with a claim's convention parameters set.
    public func points(overriding convention: ConventionValue) -> [ParameterValues] {
        var base = parameters
        for (name, value) in convention.parameters { base[name] = value }
        var result = [base]
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
    static let topLevelKeys = ["id", "paper", "artifact", "order", "title", "notes", "solver", "parameters", "sweep",
                               "columns", "golden", "tolerances", "claims", "findings", "figure"]

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
        var position = PaperPosition.derive(from: artifact)
        if let orderReader = top.optional("order") {
            let expected = "a place in the paper that names its section, in the words of \"artifact\" (\"Section III.1\", \"Section 3.2, Table 1\", \"Appendix A.4\", \"Introduction\") or a section number such as 4.2"
            let text: String
            switch orderReader.node.value {
            case let .number(n): text = n
            case let .string(t): text = t
            default: throw orderReader.fail(expected)
            }
            guard let p = PaperPosition.explicit(text, artifact: artifact) else { throw orderReader.fail(expected) }
            position = p
        }
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
        if let sweepReader = top.optional("sweep"), sweep.map(\.values.count).reduce(1, *) > InputLimits.sweepRows {
            throw sweepReader.fail("at most \(InputLimits.sweepRows) rows (the product of the axes' sizes)", showFound: false)
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
            } else if p.isOptional {
                continue
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
            guard isPlainGoldenPath(rel) else {
                throw g.fail("a .csv path relative to the paper's folder: names of letters, digits, \".\", \"_\" and \"-\" separated by \"/\", none starting with \".\" (no \"..\", no absolute path, URL or drive)")
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
                let claim = try decodeClaim(r, columns: columns, solver: solver, swept: swept)
                if claims.contains(where: { $0.id == claim.id }) {
                    throw r.fail("a claim id used once in the spec (\"\(claim.id)\" repeats)", showFound: false)
                }
                claims.append(claim)
            }
        }

        // Findings.
        var findings: [Finding] = []
        if let fr = top.optional("findings") {
            for r in try fr.array() {
                let o = try r.object(allowed: ["id", "location", "finding"])
                let finding = Finding(id: try o.required("id", "a finding id").nonEmptyString(),
                                      location: try o.required("location", "where in the paper the finding is about").nonEmptyString(),
                                      text: try o.required("finding", "what was found, in one or two sentences").nonEmptyString())
                if findings.contains(where: { $0.id == finding.id }) || claims.contains(where: { $0.id == finding.id }) {
                    throw r.fail("a finding id used once in the spec, and by no claim (\"\(finding.id)\" repeats)", showFound: false)
                }
                findings.append(finding)
            }
        }

        let figure = try top.optional("figure").map { try decodeFigure($0, columns: columns) }

        // Solver-specific cross-parameter checks on every point.
        let spec = Spec(file: file, id: id, paper: paper, artifact: artifact, position: position, title: title, notes: notes, solver: solver,
                        parameters: parameters, sweep: sweep, columns: columns, goldenPath: goldenPath,
                        defaultTolerance: defaultTolerance, columnTolerances: columnTolerances, claims: claims, findings: findings, figure: figure)
        for point in spec.points {
            do {
                try solver.validate(point)
            } catch let e as SolverInputError {
                let sweptNote = swept.isEmpty ? "" : " (at sweep point \(sweep.map { "\($0.parameter)=\(point[$0.parameter]!)" }.joined(separator: ", ")))"
                throw HarnessError.invalidSpec(file: file, keyPath: "parameters.\(e.parameter)", expected: e.expected + sweptNote, found: e.found, suggestion: nil)
            }
        }
        // Every convention a claim is checked across must be a valid input too.
        for (index, claim) in claims.enumerated() {
            for convention in claim.conventionValues where !convention.order.isEmpty {
                for point in spec.points(overriding: convention) {
                    do {
                        try solver.validate(point)
                    } catch let e as SolverInputError {
                        throw HarnessError.invalidSpec(file: file, keyPath: "claims[\(index)].across", expected: "conventions that are valid inputs (under \(convention.label): parameters.\(e.parameter): \(e.expected))",
                                                       found: e.found, suggestion: nil)
                    }
                }
            }
        }
        return spec
    }
}

/// Whether `path` is a plain relative CSV path: "/"-separated names of ASCII
/// letters, digits, ".", "_" and "-", none empty or starting with "." (so no
/// "..", hidden file, absolute path, URL, drive letter, backslash or space),
/// at most 8 deep and 200 characters, ending in ".csv".
func isPlainGoldenPath(_ path: String) -> Bool {
    guard path.count <= 200, path.hasSuffix(".csv") else { return false }
    let names = path.split(separator: "/", omittingEmptySubsequences: false)
    guard names.count <= 8 else { return false }
    return names.allSatisfy { name in
        guard let first = name.first, first != ".", first != "-" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }
}

/// The golden path a spec file declares (relative to the experiments
/// folder), read from its JSON without decoding the rest; nil when the file
/// cannot be read or its "golden" is malformed (its own decoding reports that).
func declaredGoldenPath(text: String, paperFolder: String, fileStem: String) -> String? {
    guard let root = try? parseJSON(text), case let .object(members) = root.value else { return nil }
    var id = fileStem
    if let node = members.first(where: { $0.key == "id" })?.value, case let .string(s) = node.value { id = s }
    guard let node = members.first(where: { $0.key == "golden" })?.value else { return "\(paperFolder)/golden/\(id).csv" }
    guard case let .string(rel) = node.value, isPlainGoldenPath(rel) else { return nil }
    return "\(paperFolder)/\(rel)"
}
