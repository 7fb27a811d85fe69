// The runner behind `replicate`: discovers and decodes specs, computes them
// concurrently, diffs against goldens, evaluates claims, writes results and
// the report, and decides the exit status (`ExitStatus`).

import Foundation
import Numerics

/// The exit statuses of `replicate`.
public enum ExitStatus {
    /// Every artifact matches its golden and every claim holds (or is a known,
    /// explained difference).
    public static let passed: Int32 = 0
    /// Some artifact differs from its golden, a claim fails, or a solver failed.
    public static let failures: Int32 = 1
    /// Invalid input (spec, golden, command line): nothing was written.
    public static let invalidInput: Int32 = 2
    /// An output could not be written (a full disk, a folder replaced by a
    /// file, a link leaving the project): the message says what was written.
    public static let ioFailure: Int32 = 3
    /// Interrupted (SIGINT, SIGTERM, SIGHUP) during the write phase: the
    /// writes were finished first.
    public static let interrupted: Int32 = 130
}

/// What happened to one artifact.
public struct ArtifactOutcome: Sendable {
    public let spec: Spec
    public var table: Table?
    /// The artifact recomputed under each convention its claims are checked across.
    public var conventionTables: [ConventionValue: Table] = [:]
    /// A solver failure (no convergence, no equilibrium, ...).
    public var error: String?
    public var diff: DiffResult?
    public var claims: [ClaimResult] = []
    public var blessed = false
    /// Wall time from the spec's start to its end.
    public var seconds: Double = 0
    /// Time spent in the solver over all its points (several workers may
    /// share a spec's points): what balances shards (RecordedTimes).
    public var workSeconds: Double = 0
    /// The figure written for this artifact, relative to the results folder
    /// ("<paper>/<id>.svg"); nil when the spec has none or it was not drawn.
    public var figureFile: String? = nil
    /// The figure drawn from `table` (SVG), before it is written.
    public var figureSVG: String? = nil

    public var failed: Bool {
        error != nil || !(diff?.passed ?? true) || claims.contains { $0.fails }
    }
}

/// A non-finite value in a solver's output.
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
        if let probe = options.probe { return self.probe(probe, options) }
        if options.help { out(RunOptions.usage); return 0 }
        if options.listSolvers { out(solverListing()); return 0 }
        if options.solverDocs { out(registry.markdownReference()); return 0 }
        do {
            if let summaries = options.merge { return try merge(summaries, options) }
            let files = try discover(options)
            if options.list {
                var specs = try decodeAll(options.isFullRun ? files : try select(files, options))
                if let shard = options.shard { specs = try shardPart(specs, shard, options).specs }
                for s in specs { out("\(s.qualifiedID)  [\(s.artifact)]  \(s.solver.name)  \(s.title)") }
                return 0
            }
            if files.isEmpty && options.isFullRun {
                out("no specs under \(options.experiments): nothing to do")
                return 0
            }
            if let path = options.junitXML { try checkJUnitPath(path, options) }
            let selected = try select(files, options)
            let allSpecs = try decodeAll(selected)
            try checkGoldensAreNotShared(allSpecs, among: files)
            // A shard checks the whole selection as a single run would (the
            // same input errors on every shard), then computes its part.
            var shard: ShardRun? = nil
            var specs = allSpecs
            var allGoldens: [String: GoldenTable]? = nil
            if let s = options.shard {
                _ = try referencedSpecs(of: allSpecs, among: files)
                allGoldens = try loadGoldens(allSpecs, options)
                let part = try shardPart(allSpecs, s, options)
                specs = part.specs
                shard = ShardRun(shard: s, times: part.times, commit: gitCommit(experiments: options.experiments),
                                 experiments: try experimentsDigest(options.experiments))
            }
            let dependencies = try referencedSpecs(of: specs, among: files)
            // A shard keeps its part of the goldens already read (each file read once).
            let shardIDs = Set(specs.map(\.qualifiedID))
            let goldens = options.bless ? [:]
                : try allGoldens.map { $0.filter { shardIDs.contains($0.key) } } ?? loadGoldens(specs, options)
            let times = shard?.times ?? (try? RecordedTimes.read(results: options.results, strict: false))
            let computed = computeAll(specs + dependencies, jobs: options.jobs, startOrder: times?.longestFirst((specs + dependencies).map(\.qualifiedID)))
            return try conclude(Array(computed.prefix(specs.count)), dependencies: Array(computed.dropFirst(specs.count)),
                                goldens: goldens, options, shard: shard)
        } catch let e as WriteFailure {
            err("error: \(e)")
            if e.written.isEmpty {
                err("I/O failure: nothing was written")
            } else {
                err("I/O failure after \(e.written.count) file\(e.written.count == 1 ? " was" : "s were") replaced: " + e.written.joined(separator: ", "))
            }
            return ExitStatus.ioFailure
        } catch {
            return reportInvalidInput(error)
        }
    }

    /// The part of a run after the tables are computed, shared with `merge`:
    /// claims, figures and diffs; `verify` (merge checks the shards' records);
    /// the writes; the summary and the exit status.
    func conclude(_ computed: [ArtifactOutcome], dependencies: [ArtifactOutcome], goldens: [String: GoldenTable], _ options: RunOptions,
                  shard: ShardRun? = nil, verify: ([ArtifactOutcome]) throws -> Void = { _ in }) throws -> Int32 {
        var outcomes = computed
        var tables: [String: Table] = [:]
        for x in computed + dependencies { tables[x.spec.qualifiedID] = x.table }
        // Claims and diffs; invalid claims are input errors.
        var inputErrors: [HarnessError] = []
        for k in outcomes.indices {
            guard let table = outcomes[k].table else { continue }
            do {
                let spec = outcomes[k].spec
                outcomes[k].claims = try evaluateClaims(of: spec, on: table, conventionTables: outcomes[k].conventionTables,
                                                        reference: referenceResolver(paper: spec.paper, file: spec.file, tables: tables))
                outcomes[k].figureSVG = try outcomes[k].spec.renderFigure(table)
                if let g = goldens[outcomes[k].spec.qualifiedID] {
                    outcomes[k].diff = try diff(table, against: g, spec: outcomes[k].spec)
                }
            } catch let e as HarnessError {
                inputErrors.append(e)
            }
        }
        if !inputErrors.isEmpty { throw MultipleErrors(errors: inputErrors) }
        try verify(outcomes)
        let failed = outcomes.contains { $0.failed }
        var status: Int32 = failed ? ExitStatus.failures : ExitStatus.passed
        var interrupted = false
        if !options.check || shard != nil {
            let lock = try ResultsLock(results: options.results, waiting: err)
            removeStaleTemporaryFiles(under: options.results)
            removeStaleTemporaryFiles(under: options.experiments)
            let summary = shard.map { [$0.summaryOutput(outcomes, dependencies: dependencies, status: status, runner: self, options)] } ?? []
            interrupted = try WritePhaseSignals.deferring { try writeOutputs(&outcomes, options, extra: summary) }
            withExtendedLifetime(lock) {}
        }
        if interrupted { status = ExitStatus.interrupted }
        if let path = options.junitXML { try writeJUnit(outcomes, to: path) }
        if options.json {
            out(jsonSummary(outcomes, status: status))
        } else {
            out(textSummary(outcomes, options))
        }
        if interrupted { err("interrupted: every output was written before stopping") }
        return status
    }

    /// Prints an input error (each of several) and returns exit status 2.
    func reportInvalidInput(_ error: Error) -> Int32 {
        if let e = error as? MultipleErrors { for x in e.errors { err("error: \(x)") } } else { err("error: \(error)") }
        err("invalid input: nothing was written")
        return ExitStatus.invalidInput
    }

    struct MultipleErrors: Error { let errors: [HarnessError] }

    struct SpecFile: Sendable {
        let path: String      // as shown in messages
        let paper: String
        let stem: String

        /// The folder holding the experiments folder (path is <experiments>/<paper>/<id>.json).
        var project: String? {
            enclosingFolder(of: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        }
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
            func matches(_ pattern: String, _ f: SpecFile) -> Bool { globMatch(pattern, f.stem) || globMatch(pattern, "\(f.paper)/\(f.stem)") }
            for pattern in o.only where !selected.contains(where: { matches(pattern, $0) }) {
                let elsewhere = Array(Set(files.filter { matches(pattern, $0) }.map(\.paper))).sorted()
                if !elsewhere.isEmpty {
                    throw HarnessError.usage("--only \(pattern) matches specs of " + elsewhere.joined(separator: ", ")
                                             + ", not of the selected paper\(o.papers.count == 1 ? "" : "s") " + o.papers.joined(separator: ", "))
                }
                throw HarnessError.usage("--only \(pattern) matches no spec (replicate --list shows them)")
            }
            selected = selected.filter { f in o.only.contains { globMatch($0, f.stem) || globMatch($0, "\(f.paper)/\(f.stem)") } }
        }
        if selected.isEmpty { throw HarnessError.usage("no specs selected") }
        return selected
    }

    /// Reads and decodes the spec files (concurrently: decoding validates every
    /// sweep point); every file's errors are reported, in file order.
    func decodeAll(_ files: [SpecFile]) throws -> [Spec] {
        let decoded = concurrentMap(files) { f in Result { try decode(f) } }
        var specs: [Spec] = []
        var errors: [HarnessError] = []
        for result in decoded {
            switch result {
            case .success(let spec): specs.append(spec)
            case .failure(let e as HarnessError): errors.append(e)
            case .failure(let e): throw e
            }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        return specs
    }

    private func decode(_ f: SpecFile) throws -> Spec {
        let project = f.project
        // Like goldens, specs are read only from inside the project: a link
        // that leaves it is refused without reading (or quoting) its target.
        if let project, let target = canonicalPath(f.path), !isWithin(target, project) {
            throw HarnessError.io(file: f.path, message: "a symbolic link that leaves \(project): specs are read only from inside the project")
        }
        guard let data = FileManager.default.contents(atPath: f.path), let text = String(data: data, encoding: .utf8) else {
            throw HarnessError.io(file: f.path, message: "cannot read the file as UTF-8 text")
        }
        return try Spec.decode(text: text, file: f.path, paperFolder: f.paper, fileStem: f.stem, registry: registry)
    }

    /// Two specs naming one golden file would overwrite each other's on
    /// `--bless` (even when only one is selected): a spec error.
    func checkGoldensAreNotShared(_ specs: [Spec], among files: [SpecFile]) throws {
        var owners: [String: [String]] = [:]   // golden path → spec files naming it
        for f in files {
            if let project = f.project, let target = canonicalPath(f.path), !isWithin(target, project) { continue }
            guard let data = FileManager.default.contents(atPath: f.path), let text = String(data: data, encoding: .utf8),
                  let golden = declaredGoldenPath(text: text, paperFolder: f.paper, fileStem: f.stem) else { continue }
            owners[golden, default: []].append(f.path)
        }
        let errors: [HarnessError] = specs.compactMap { s in
            guard let other = owners[s.goldenPath]?.first(where: { $0 != s.file }) else { return nil }
            return .invalidSpec(file: s.file, keyPath: "golden", expected: "a golden file of its own",
                                found: "\(s.goldenPath), also the golden of \(other)", suggestion: nil)
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
    }

    func loadGoldens(_ specs: [Spec], _ o: RunOptions) throws -> [String: GoldenTable] {
        var result: [String: GoldenTable] = [:]
        var errors: [HarnessError] = []
        for s in specs {
            let path = "\(o.experiments)/\(s.goldenPath)"
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                errors.append(.missingGolden(file: path, spec: s.qualifiedID))
                continue
            }
            if isFolder.boolValue {
                errors.append(.invalidGolden(file: path, line: 1, message: "a folder, expected the golden CSV file of spec \"\(s.qualifiedID)\""))
                continue
            }
            // A golden is read only from inside the project: a link that leaves
            // it is refused without reading (or describing) what it points to.
            if let project = enclosingFolder(of: o.experiments), let target = canonicalPath(path), !isWithin(target, project) {
                errors.append(.invalidGolden(file: path, line: 1, message: "a symbolic link that leaves \(project): goldens are read only from inside the project"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(.io(file: path, message: "cannot read the golden file"))
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

    func solverListing() -> String {
        var lines: [String] = []
        for name in registry.names {
            let k = registry[name]!
            lines.append("\(name): \(k.summary)")
            for p in k.parameters {
                let d = " (\(p.absenceDescription))"
                lines.append("    \(p.name): \(p.type.description)\(p.domain.map { " " + $0.description } ?? "")\(d) — \(p.doc)"
                             + (p.convention.map { " [convention: \($0)]" } ?? ""))
            }
            lines.append("    columns: " + k.columns.map { "\($0.name)\($0.isKey ? "*" : "")" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
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
