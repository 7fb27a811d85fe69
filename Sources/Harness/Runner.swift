// The runner behind `replicate`: discovers and decodes specs, computes them
// concurrently, diffs against goldens, evaluates claims, writes results and
// the report, and decides the exit status (0 pass, 1 failures, 2 invalid input).

import Foundation
import Numerics

/// Command-line options of `replicate`.
public struct RunOptions: Sendable, Equatable {
    public var experiments = "experiments"
    public var results = "results"
    public var papers: [String] = []
    public var only: [String] = []
    public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var bless = false
    public var check = false
    public var json = false
    public var list = false
    public var listSolvers = false
    public var help = false

    public init() {}

    /// True when every spec is selected (no --paper or --only).
    public var isFullRun: Bool { papers.isEmpty && only.isEmpty }

    public static let usage = """
    usage: replicate [options]

    Recomputes every experiment spec under experiments/<paper>/*.json, writes
    results/<paper>/<id>.csv, diffs each against its golden CSV, checks every
    claim, prints a summary and writes results/REPORT.md (on unfiltered runs).

    options:
      --paper ID         only the specs of this paper (repeatable)
      --only PATTERN     only specs whose id or paper/id matches (glob: * ?; repeatable)
      --list             list the specs (one line each) and exit
      --list-solvers     list the solver kinds with their parameters and exit
      --jobs N           run up to N specs concurrently (default: number of cores)
      --check            compute, diff and check claims, but write nothing
      --bless            rewrite the goldens of the selected specs from the current
                         output (the only way goldens change); review the diff first
      --json             print a machine-readable summary on stdout
      --experiments DIR  where the specs are (default: experiments)
      --results DIR      where outputs go (default: results)
      --help             this text

    exit status: 0 everything matches, 1 a golden diff, an unexplained claim
    discrepancy or a solver failure, 2 invalid input (nothing is written).
    """

    /// Parses command-line arguments (without the program name).
    public static func parse(_ arguments: [String]) throws -> RunOptions {
        var o = RunOptions()
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < arguments.count, !arguments[i].hasPrefix("--") else { throw HarnessError.usage("\(flag) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--paper": o.papers.append(try value(a))
            case "--only": o.only.append(try value(a))
            case "--jobs":
                let v = try value(a)
                guard let n = Int(v), n >= 1, n <= 256 else { throw HarnessError.usage("--jobs needs an integer from 1 to 256, got \(v)") }
                o.jobs = n
            case "--experiments": o.experiments = try value(a)
            case "--results": o.results = try value(a)
            case "--bless": o.bless = true
            case "--check": o.check = true
            case "--json": o.json = true
            case "--list": o.list = true
            case "--list-solvers": o.listSolvers = true
            case "--help", "-h": o.help = true
            default:
                let known = ["--paper", "--only", "--jobs", "--experiments", "--results", "--bless", "--check", "--json", "--list", "--list-solvers", "--help"]
                throw HarnessError.usage("unknown option \(a)" + (nearest(a, among: known).map { " (did you mean \($0)?)" } ?? ""))
            }
            i += 1
        }
        if o.bless && o.check { throw HarnessError.usage("--bless writes goldens and --check writes nothing: choose one") }
        return o
    }
}

/// What happened to one artifact.
public struct ArtifactOutcome: Sendable {
    public let spec: Spec
    public var table: Table?
    /// A solver failure (no convergence, no equilibrium, ...).
    public var error: String?
    public var diff: DiffResult?
    public var claims: [ClaimResult] = []
    public var blessed = false
    public var seconds: Double = 0
    /// The figure written for this artifact, relative to the results folder
    /// ("<paper>/<id>.svg"); nil when the spec has none or it was not drawn.
    public var figureFile: String? = nil
    /// The figure drawn from `table` (SVG), before it is written.
    public var figureSVG: String? = nil

    public var failed: Bool {
        error != nil || !(diff?.passed ?? true) || claims.contains { $0.verdict.fails }
    }
}

/// A solver's output that breaks its own declaration, or a non-finite value.
struct ComputeError: Error, CustomStringConvertible {
    let description: String
}

/// Runs specs against a registry. Output goes through the two closures so
/// tests can capture it.
public struct Runner: Sendable {
    public let registry: Registry
    let out: @Sendable (String) -> Void
    let err: @Sendable (String) -> Void
    let showProgress: Bool

    public init(registry: Registry,
                out: @escaping @Sendable (String) -> Void = { print($0) },
                err: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(($0 + "\n").data(using: .utf8)!) },
                showProgress: Bool = isatty(STDERR_FILENO) != 0) {
        self.registry = registry
        self.out = out
        self.err = err
        self.showProgress = showProgress
    }

    /// Runs `replicate` with the given options and returns the exit status.
    public func run(_ options: RunOptions) -> Int32 {
        if options.help { out(RunOptions.usage); return 0 }
        if options.listSolvers { out(solverListing()); return 0 }
        do {
            let files = try discover(options)
            if options.list {
                let specs = try decodeAll(files)
                for s in specs { out("\(s.qualifiedID)  [\(s.artifact)]  \(s.solver.name)  \(s.title)") }
                return 0
            }
            if files.isEmpty && options.isFullRun {
                out("no specs under \(options.experiments): nothing to do")
                return 0
            }
            let selected = try select(files, options)
            let specs = try decodeAll(selected)
            let goldens = options.bless ? [:] : try loadGoldens(specs, options)
            var outcomes = computeAll(specs, jobs: options.jobs)
            // Claims and diffs; invalid claims are input errors.
            var inputErrors: [HarnessError] = []
            for k in outcomes.indices {
                guard let table = outcomes[k].table else { continue }
                do {
                    outcomes[k].claims = try evaluateClaims(of: outcomes[k].spec, on: table)
                    outcomes[k].figureSVG = try outcomes[k].spec.renderFigure(table)
                    if let g = goldens[outcomes[k].spec.qualifiedID] {
                        outcomes[k].diff = try diff(table, against: g, spec: outcomes[k].spec)
                    }
                } catch let e as HarnessError {
                    inputErrors.append(e)
                }
            }
            if !inputErrors.isEmpty { throw MultipleErrors(errors: inputErrors) }
            if !options.check {
                try writeOutputs(&outcomes, options)
            }
            let failed = outcomes.contains { $0.failed }
            let status: Int32 = failed ? 1 : 0
            if options.json {
                out(jsonSummary(outcomes, status: status))
            } else {
                out(textSummary(outcomes, options))
            }
            return status
        } catch let e as MultipleErrors {
            for x in e.errors { err("error: \(x)") }
            err("invalid input: nothing was written")
            return 2
        } catch {
            err("error: \(error)")
            err("invalid input: nothing was written")
            return 2
        }
    }

    struct MultipleErrors: Error { let errors: [HarnessError] }

    struct SpecFile: Sendable {
        let path: String      // as shown in messages
        let paper: String
        let stem: String
    }

    /// Every experiments/<paper>/<id>.json, sorted by paper then id.
    func discover(_ o: RunOptions) throws -> [SpecFile] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: o.experiments, isDirectory: &isDir), isDir.boolValue else {
            throw HarnessError.io(file: o.experiments, message: "experiments folder not found (run from the project root or pass --experiments DIR)")
        }
        var files: [SpecFile] = []
        let papers = try fm.contentsOfDirectory(atPath: o.experiments).filter { !$0.hasPrefix(".") }.sorted()
        for paper in papers {
            let dir = "\(o.experiments)/\(paper)"
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
            for name in try fm.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                files.append(SpecFile(path: "\(dir)/\(name)", paper: paper, stem: String(name.dropLast(5))))
            }
        }
        return files
    }

    func select(_ files: [SpecFile], _ o: RunOptions) throws -> [SpecFile] {
        for p in o.papers where !files.contains(where: { $0.paper == p }) {
            let papers = Array(Set(files.map(\.paper))).sorted()
            throw HarnessError.usage("no paper \"\(p)\" under \(o.experiments)" + (nearest(p, among: papers).map { " (did you mean \($0)?)" } ?? "") + "; papers: " + papers.joined(separator: ", "))
        }
        var selected = files.filter { o.papers.isEmpty || o.papers.contains($0.paper) }
        if !o.only.isEmpty {
            for pattern in o.only where !selected.contains(where: { globMatch(pattern, $0.stem) || globMatch(pattern, "\($0.paper)/\($0.stem)") }) {
                throw HarnessError.usage("--only \(pattern) matches no spec (replicate --list shows them)")
            }
            selected = selected.filter { f in o.only.contains { globMatch($0, f.stem) || globMatch($0, "\(f.paper)/\(f.stem)") } }
        }
        if selected.isEmpty { throw HarnessError.usage("no specs selected") }
        return selected
    }

    func decodeAll(_ files: [SpecFile]) throws -> [Spec] {
        var specs: [Spec] = []
        var errors: [HarnessError] = []
        for f in files {
            do {
                guard let data = FileManager.default.contents(atPath: f.path), let text = String(data: data, encoding: .utf8) else {
                    throw HarnessError.io(file: f.path, message: "cannot read the file as UTF-8 text")
                }
                specs.append(try Spec.decode(text: text, file: f.path, paperFolder: f.paper, fileStem: f.stem, registry: registry))
            } catch let e as HarnessError {
                errors.append(e)
            }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        return specs
    }

    func loadGoldens(_ specs: [Spec], _ o: RunOptions) throws -> [String: GoldenTable] {
        var result: [String: GoldenTable] = [:]
        var errors: [HarnessError] = []
        for s in specs {
            let path = "\(o.experiments)/\(s.goldenPath)"
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(.missingGolden(file: path, spec: s.qualifiedID))
                continue
            }
            do {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw HarnessError.invalidGolden(file: path, line: 1, message: "not UTF-8 text")
                }
                result[s.qualifiedID] = try GoldenTable(file: path, text: text)
            } catch let e as HarnessError {
                errors.append(e)
            }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        return result
    }

    // MARK: Computing

    func computeAll(_ specs: [Spec], jobs: Int) -> [ArtifactOutcome] {
        let state = SharedState(count: specs.count)
        let workers = max(1, min(jobs, specs.count))
        let showProgress = self.showProgress
        let err = self.err
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = state.next() {
                let spec = specs[k]
                let start = DispatchTime.now().uptimeNanoseconds
                var outcome = ArtifactOutcome(spec: spec)
                let progress = ProgressReporter { fraction in
                    if showProgress { state.progress(spec.qualifiedID, fraction, err) }
                }
                do {
                    outcome.table = try compute(spec, progress: progress)
                } catch {
                    outcome.error = "\(error)"
                }
                outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                state.finish(k, outcome)
            }
        }
        if showProgress { err("") }
        return state.results.map { $0! }
    }

    /// Computes the table of one spec: every sweep point, rows checked against
    /// the solver's declared columns, no non-finite values.
    public func compute(_ spec: Spec, progress: ProgressReporter = .silent) throws -> Table {
        let points = spec.points
        var rows: [[TableValue]] = []
        for (k, point) in points.enumerated() {
            let sub = ProgressReporter { f in progress.update((Double(k) + min(max(f, 0), 1)) / Double(points.count)) }
            for dict in try spec.solver.runChecked(point, sub) {
                rows.append(spec.columns.map { c in dict[c.name] ?? TableValue(parameter: point[c.name]!) })
            }
            progress.update(Double(k + 1) / Double(points.count))
        }
        let table = Table(columns: spec.columns, rows: rows)
        var bad: [String] = []
        for (i, row) in rows.enumerated() {
            for (j, cell) in row.enumerated() where !cell.isFinite {
                bad.append("row [\(table.rowLabel(i))], column \(spec.columns[j].name) = \(cell)")
            }
        }
        if !bad.isEmpty {
            throw ComputeError(description: "non-finite values: " + bad.prefix(5).joined(separator: "; ") + (bad.count > 5 ? " (and \(bad.count - 5) more)" : ""))
        }
        return table
    }

    // MARK: Writing

    func writeOutputs(_ outcomes: inout [ArtifactOutcome], _ o: RunOptions) throws {
        for k in outcomes.indices {
            guard let table = outcomes[k].table else { continue }
            let spec = outcomes[k].spec
            try writeAtomically(table.csv, to: "\(o.results)/\(spec.paper)/\(spec.id).csv")
            let figurePath = "\(o.results)/\(spec.paper)/\(spec.id).svg"
            if let svg = outcomes[k].figureSVG {
                try writeAtomically(svg, to: figurePath)
                outcomes[k].figureFile = "\(spec.paper)/\(spec.id).svg"
            } else if FileManager.default.fileExists(atPath: figurePath) {
                // The spec no longer draws a figure: its old picture would contradict it.
                try FileManager.default.removeItem(atPath: figurePath)
            }
            if o.bless {
                try writeAtomically(table.csv, to: "\(o.experiments)/\(spec.goldenPath)")
                outcomes[k].blessed = true
            }
        }
        if o.isFullRun {
            try writeAtomically(markdownReport(outcomes), to: "\(o.results)/REPORT.md")
            for paper in paperOrder(outcomes) {
                try writeAtomically(paperReport(paper, outcomes.filter { $0.spec.paper == paper }), to: "\(o.results)/\(paper)/README.md")
            }
        }
    }

    func solverListing() -> String {
        var lines: [String] = []
        for name in registry.names {
            let k = registry[name]!
            lines.append("\(name): \(k.summary)")
            for p in k.parameters {
                let d = p.defaultValue.map { " (default \($0))" } ?? " (required)"
                lines.append("    \(p.name): \(p.type.description)\(p.domain.map { " " + $0.description } ?? "")\(d) — \(p.doc)")
            }
            lines.append("    columns: " + k.columns.map { "\($0.name)\($0.isKey ? "*" : "")" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

/// Work queue and results shared by the worker threads.
final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var results: [ArtifactOutcome?]
    private var done = 0
    private var lastPrint: UInt64 = 0

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ k: Int, _ outcome: ArtifactOutcome) {
        lock.lock(); defer { lock.unlock() }
        results[k] = outcome
        done += 1
    }

    func progress(_ id: String, _ fraction: Double, _ err: (String) -> Void) {
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastPrint > 200_000_000 else { return }
        lastPrint = now
        err("\u{1B}[2K\r[\(done)/\(count) done] \(id): \(Int(fraction * 100))%\u{1B}[1A")
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a
/// rename, so readers never see a half-written file. Creates folders.
public func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw HarnessError.io(file: path, message: "cannot replace the file (errno \(errno))")
        }
    } catch let e as HarnessError {
        throw e
    } catch {
        throw HarnessError.io(file: path, message: "cannot write: \(error.localizedDescription)")
    }
}

/// Shell-style glob with * and ?.
func globMatch(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern), t = Array(text)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
        if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
            pi += 1; ti += 1
        } else if pi < p.count, p[pi] == "*" {
            star = pi; mark = ti; pi += 1
        } else if star >= 0 {
            pi = star + 1; mark += 1; ti = mark
        } else {
            return false
        }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
}

extension TableValue {
    /// The cell of a swept parameter value.
    init(parameter v: ParameterValue) {
        switch v {
        case let .integer(i): self = .integer(BigInt(i))
        case let .rational(r): self = .rational(r)
        case let .real(d): self = .real(d)
        case let .boolean(b): self = .boolean(b)
        case let .text(s): self = .text(s)
        case .list: self = .text(v.description)
        }
    }
}
