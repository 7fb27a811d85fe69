// The summary a shard writes (`results/.shards/K-of-N.json`) and `replicate
// merge` reads: which shard of how many, the inputs it ran on (commit,
// experiments digest, selection), and per spec what a single run would know
// after computing it: the table (cells as the CSV writes them), the tables
// under the conventions its claims are checked across, the solver error, the
// times, and the artifact's --json record (status, claims' verdicts and
// texts, what moved) for people and for the merge's consistency check. The
// tables of specs outside the shard that its claims reference are kept too.
// Merge re-derives claims, diffs, figures and reports from the tables with
// the code a single run uses, so the merged results are byte-identical.

import Foundation
import Numerics

/// A shard run in progress: what identifies it in its summary.
struct ShardRun {
    let shard: ShardSpec
    let times: RecordedTimes?
    let commit: String?
    let experiments: String

    static let format = "replicate-shard-summary"
    static let version = 1

    /// The summary file of `shard` under the results folder.
    static func path(_ shard: ShardSpec, results: String) -> String { "\(results)/.shards/\(shard.label).json" }

    /// The summary as a planned output.
    func summaryOutput(_ outcomes: [ArtifactOutcome], dependencies: [ArtifactOutcome], status: Int32, runner: Runner, _ o: RunOptions) -> PlannedOutput {
        let q = jsonQuoted
        func strings(_ xs: [String]) -> String { "[" + xs.map(q).joined(separator: ", ") + "]" }
        func rows(_ t: Table?) -> String {
            guard let t else { return "null" }
            return "[" + t.rows.map { "[" + $0.map { q($0.description) }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        }
        var s = "{\n"
        s += "  \"format\": \(q(Self.format)),\n  \"version\": \(Self.version),\n"
        s += "  \"shard\": \(shard.index),\n  \"shards\": \(shard.count),\n"
        s += "  \"commit\": \(commit.map(q) ?? "null"),\n  \"experiments\": \(q(experiments)),\n"
        s += "  \"times\": \(times?.digest.map(q) ?? "null"),\n"
        s += "  \"selection\": {\"papers\": \(strings(o.papers)), \"only\": \(strings(o.only))},\n"
        s += "  \"specs\": \(strings(outcomes.map(\.spec.qualifiedID))),\n"
        s += "  \"exitStatus\": \(status),\n"
        let artifacts = outcomes.map { x in
            let conventions = x.spec.conventions.map { "{\"label\": \(q($0.label)), \"rows\": \(rows(x.conventionTables[$0]))}" }
            return "    {\"spec\": \(q(x.spec.qualifiedID)), \"seconds\": \(x.seconds), \"workSeconds\": \(x.workSeconds), "
                + "\"error\": \(x.error.map(q) ?? "null"),\n     \"columns\": \(strings(x.spec.columns.map(\.name))),\n"
                + "     \"rows\": \(rows(x.table)),\n     \"conventions\": [\(conventions.joined(separator: ", "))],\n"
                + "     \"report\": \(runner.jsonItem(x))}"
        }
        s += "  \"artifacts\": [\n" + artifacts.joined(separator: ",\n") + (artifacts.isEmpty ? "" : "\n") + "  ],\n"
        let references = dependencies.map { x in
            "    {\"spec\": \(q(x.spec.qualifiedID)), \"columns\": \(strings(x.spec.columns.map(\.name))), \"rows\": \(rows(x.table))}"
        }
        s += "  \"dependencies\": [\n" + references.joined(separator: ",\n") + (references.isEmpty ? "" : "\n") + "  ]\n}\n"
        return PlannedOutput(path: Self.path(shard, results: o.results), content: s, root: o.results)
    }
}

/// A shard summary as read by `merge`: the header decoded, the artifacts
/// and dependencies kept as readers (decoded once their specs are known).
struct ShardSummary {
    let file: String
    let shard: ShardSpec
    let commit: String?
    let experiments: String
    let papers: [String]
    let only: [String]
    let specs: [(id: String, reader: SpecReader)]
    let artifacts: [SpecReader]
    let dependencies: [SpecReader]

    static let keys = ["format", "version", "shard", "shards", "commit", "experiments", "times", "selection", "specs", "exitStatus", "artifacts", "dependencies"]
    static let artifactKeys = ["spec", "seconds", "workSeconds", "error", "columns", "rows", "conventions", "report"]

    /// Reads and checks the header of a summary file (size, UTF-8, JSON, format, version, keys).
    static func read(_ path: String) throws -> ShardSummary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw HarnessError.io(file: path, message: "no such shard summary (a shard writes results/.shards/K-of-N.json)")
        }
        guard !isFolder.boolValue else { throw HarnessError.io(file: path, message: "a folder, expected a shard summary file") }
        let data = try readLimited(path, maximumBytes: InputLimits.shardSummaryBytes)
        guard let text = String(data: data, encoding: .utf8) else { throw HarnessError.io(file: path, message: "not UTF-8 text, expected a shard summary (JSON)") }
        let node: JSONNode
        do {
            node = try parseJSON(text, limits: .shardSummary)
        } catch let e as JSONSyntaxError {
            throw HarnessError.malformedJSON(file: path, line: e.line, column: e.column, message: e.message)
        }
        let root = SpecReader(node: node, path: "", file: path)
        guard case .object = node.value else { throw root.fail("a shard summary (a JSON object written by replicate --shard)") }
        let top = try root.object(allowed: keys)
        let format = try top.required("format", "\"\(ShardRun.format)\"")
        guard try format.string() == ShardRun.format else { throw format.fail("\"\(ShardRun.format)\" (a summary written by replicate --shard)") }
        let version = try top.required("version", "the format version \(ShardRun.version)")
        guard case let .number(v) = version.node.value, v == "\(ShardRun.version)" else {
            throw version.fail("the format version \(ShardRun.version) (written by another version of replicate: rerun the shards)")
        }
        let countReader = try top.required("shards", "the number of shards N")
        let count = try countReader.integer()
        guard (1...ShardSpec.maximumCount).contains(count) else { throw countReader.fail("a number of shards from 1 to \(ShardSpec.maximumCount)") }
        let indexReader = try top.required("shard", "the shard K (1 ≤ K ≤ N)")
        let index = try indexReader.integer()
        guard (1...count).contains(index) else { throw indexReader.fail("a shard K with 1 ≤ K ≤ \(count)") }
        let commitReader = try top.required("commit", "the commit (40 hex digits) or null")
        var commit: String? = nil
        if case .null = commitReader.node.value {} else {
            let c = try commitReader.string()
            guard [40, 64].contains(c.count), c.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { throw commitReader.fail("a commit (40 or 64 lowercase hex digits) or null") }
            commit = c
        }
        let experimentsReader = try top.required("experiments", "the digest of the experiments folder")
        let experiments = try experimentsReader.string()
        guard experiments.hasPrefix("fnv1a64:"), experiments.count == 24, experiments.dropFirst(8).allSatisfy(\.isHexDigit) else {
            throw experimentsReader.fail("a digest \"fnv1a64:<16 hex digits>\"")
        }
        let times = try top.required("times", "the digest of the times file the shards were balanced with, or null")
        if case .null = times.node.value {} else { _ = try times.string() }
        let selection = try top.required("selection", "the selection {\"papers\": [...], \"only\": [...]}").object(allowed: ["papers", "only"])
        let papers = try selection.required("papers", "the --paper values").array().map { try $0.nonEmptyString() }
        let only = try selection.required("only", "the --only patterns").array().map { try $0.nonEmptyString() }
        let specs = try top.required("specs", "the specs the shard covers").array().map { (try $0.nonEmptyString(), $0) }
        let status = try top.required("exitStatus", "the shard's exit status, 0 or 1")
        guard [0, 1].contains(try status.integer()) else { throw status.fail("the shard's exit status, 0 or 1") }
        let artifacts = try top.required("artifacts", "one record per spec of \"specs\"").array()
        guard artifacts.count == specs.count else {
            throw HarnessError.invalidSpec(file: path, keyPath: "artifacts", expected: "one record per spec of \"specs\" (\(specs.count))", found: "\(artifacts.count)", suggestion: nil)
        }
        for (k, a) in artifacts.enumerated() {
            let id = try a.object(allowed: artifactKeys).required("spec", "the spec's paper/id")
            guard try id.string() == specs[k].0 else { throw id.fail("\"\(specs[k].0)\", the spec at specs[\(k)]") }
        }
        let dependencies = try top.required("dependencies", "the tables of referenced specs").array()
        return ShardSummary(file: path, shard: ShardSpec(index: index, count: count), commit: commit, experiments: experiments,
                            papers: papers, only: only, specs: specs, artifacts: artifacts, dependencies: dependencies)
    }

    /// The outcome recorded for `spec` at `reader` (artifacts[k]).
    static func outcome(_ reader: SpecReader, spec: Spec) throws -> ArtifactOutcome {
        let a = try reader.object(allowed: artifactKeys)
        var x = ArtifactOutcome(spec: spec)
        x.seconds = try seconds(a.required("seconds", "the spec's wall seconds"))
        x.workSeconds = try seconds(a.required("workSeconds", "the spec's work seconds"))
        let error = try a.required("error", "the solver's error or null")
        if case .null = error.node.value {} else { x.error = try error.string() }
        try checkColumns(a.required("columns", "the spec's column names"), spec)
        x.table = try table(a.required("rows", "the rows (arrays of CSV cells) or null"), spec)
        let conventions = try a.required("conventions", "the tables under the conventions the claims are checked across").array()
        guard conventions.count == spec.conventions.count else {
            throw HarnessError.invalidSpec(file: reader.file, keyPath: reader.path + ".conventions", expected: "\(spec.conventions.count) convention tables (the spec's conventions)",
                                           found: "\(conventions.count)", suggestion: nil)
        }
        for (c, r) in zip(spec.conventions, conventions) {
            let o = try r.object(allowed: ["label", "rows"])
            let label = try o.required("label", "the convention's label")
            guard try label.string() == c.label else { throw label.fail("\"\(c.label)\"") }
            x.conventionTables[c] = try table(o.required("rows", "the rows or null"), spec)
        }
        if x.error == nil && x.table == nil { throw a.reader.fail("a table (\"rows\") or a solver error (\"error\")", showFound: false) }
        return x
    }

    /// The table recorded for a referenced spec at `reader` (dependencies[k]).
    static func dependencyTable(_ reader: SpecReader, spec: Spec) throws -> Table? {
        let o = try reader.object(allowed: ["spec", "columns", "rows"])
        try checkColumns(o.required("columns", "the spec's column names"), spec)
        return try table(o.required("rows", "the rows or null"), spec)
    }

    static func dependencyID(_ reader: SpecReader) throws -> String {
        try reader.object(allowed: ["spec", "columns", "rows"]).required("spec", "the referenced spec's paper/id").nonEmptyString()
    }

    private static func seconds(_ r: SpecReader) throws -> Double {
        let v = try r.real()
        guard v >= 0, v <= 1e9 else { throw r.fail("seconds from 0 to 1e9") }
        return v
    }

    private static func checkColumns(_ r: SpecReader, _ spec: Spec) throws {
        let names = try r.array().map { try $0.string() }
        guard names == spec.columns.map(\.name) else { throw r.fail("the columns of \(spec.qualifiedID): " + spec.columns.map(\.name).joined(separator: ", "), showFound: false) }
    }

    /// Rows of CSV cells in the spec's columns, each exactly as the CSV writes
    /// it (so the table and its CSV are the shard's to the byte); null for none.
    private static func table(_ r: SpecReader, _ spec: Spec) throws -> Table? {
        if case .null = r.node.value { return nil }
        var rows: [[TableValue]] = []
        for row in try r.array() {
            let cells = try row.array()
            guard cells.count == spec.columns.count else { throw row.fail("a row of \(spec.columns.count) cells (\(spec.columns.map(\.name).joined(separator: ", ")))", showFound: false) }
            rows.append(try zip(spec.columns, cells).map { column, cell in
                let text = try cell.string()
                if column.type != .text && text.utf8.count > InputLimits.shardSummaryNumberCharacters {
                    throw cell.fail("a \(column.type.rawValue) of at most \(InputLimits.shardSummaryNumberCharacters) characters", showFound: false)
                }
                guard let v = TableValue.parse(text, as: column.type), v.description == text else {
                    throw cell.fail("a \(column.type.rawValue) for column \(column.name), written as the CSV writes it")
                }
                return v
            })
        }
        return Table(columns: spec.columns, rows: rows)
    }
}

/// The first place two JSON values differ ("" when they are equal): a key
/// path below `path`. Numbers compare by their text, objects by their members in order.
func firstDifference(_ a: JSONNode, _ b: JSONNode, path: String) -> String? {
    switch (a.value, b.value) {
    case (.null, .null): return nil
    case let (.bool(x), .bool(y)): return x == y ? nil : path
    case let (.number(x), .number(y)): return x == y ? nil : path
    case let (.string(x), .string(y)): return x == y ? nil : path
    case let (.array(x), .array(y)):
        guard x.count == y.count else { return path }
        for (k, (u, v)) in zip(x, y).enumerated() {
            if let d = firstDifference(u, v, path: "\(path)[\(k)]") { return d }
        }
        return nil
    case let (.object(x), .object(y)):
        guard x.map(\.key) == y.map(\.key) else { return path }
        for (u, v) in zip(x, y) {
            if let d = firstDifference(u.value, v.value, path: "\(path).\(u.key)") { return d }
        }
        return nil
    default: return path
    }
}
