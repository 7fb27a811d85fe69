// `replicate try`: one spec run at parameters changed on the command line
// (`--set key=value`), its table printed and every claim checked there. For
// a referee's "does the claim survive ε = 1/2?": no golden, no results/, no
// lock; the only file written is the figure asked for with `--figure`.

import Foundation
import Numerics

/// A claim checked at the `try` parameters.
struct TriedClaim: Sendable {
    enum Status: String, Sendable {
        /// The check holds (under every convention the claim is checked across).
        case holds
        /// The check fails (under at least one convention).
        case fails
        /// The rows the claim is about are not in the table at these parameters.
        case notApplicable = "n/a"
        /// The spec marks the claim not reproducible: there is nothing to check.
        case notChecked = "not-checked"
    }

    let claim: Claim
    let status: Status
    let paperSays: String
    let computed: String
    let conventions: [ConventionOutcome]
}

extension Runner {
    /// Runs `replicate try` with the arguments after `try`; returns the exit status.
    public func runTry(_ arguments: [String]) -> Int32 {
        do {
            let options = try TryOptions.parse(arguments)
            if options.help { out(TryOptions.usage); return ExitStatus.passed }
            return try tryRun(options)
        } catch let e as WriteFailure {
            err("error: \(e)")
            err("I/O failure: the figure was not written")
            return ExitStatus.ioFailure
        } catch {
            return reportInvalidInput(error)
        }
    }

    func tryRun(_ o: TryOptions) throws -> Int32 {
        let (file, files) = try trySpecFile(o)
        let original = try decodeAll([file])[0]
        let spec = try original.overriding(o.settings, registry: registry)
        var figurePath: String? = nil
        if let f = o.figure {
            guard spec.figure != nil else { throw TryUsageError("--figure: \(spec.qualifiedID) draws no figure (its spec has no \"figure\")") }
            figurePath = try figureDestination(f, spec: original, experiments: o.experiments)
        }
        let dependencies = try referencedSpecs(of: [spec], among: files)
        let computed = computeAll([spec] + dependencies, jobs: max(1, ProcessInfo.processInfo.activeProcessorCount))
        let outcome = computed[0]
        var tables: [String: Table] = [:]
        for x in computed.dropFirst() { tables[x.spec.qualifiedID] = x.table }
        var claims: [TriedClaim] = []
        var svg: String? = nil
        if let table = outcome.table {
            let resolver = referenceResolver(paper: spec.paper, file: spec.file, tables: tables)
            claims = try spec.claims.map { try tryClaim($0, of: spec, table: table, conventionTables: outcome.conventionTables, reference: resolver) }
            if figurePath != nil { svg = try spec.renderFigure(table) }
        }
        var written: String? = nil
        if let figurePath, let svg {
            let interrupted = try WritePhaseSignals.deferring {
                try OutputTransaction([PlannedOutput(path: figurePath, content: svg, root: figurePath)]).commit()
            }
            written = o.figure
            if interrupted { err("interrupted: the figure was written before stopping"); return ExitStatus.interrupted }
        }
        let failed = outcome.error != nil || claims.contains { $0.status == .fails }
        let status = failed ? ExitStatus.failures : ExitStatus.passed
        let dependencyErrors = computed.dropFirst().compactMap { x in x.error.map { "\(x.spec.qualifiedID) (referred to by a claim) failed: \($0)" } }
        if o.json {
            out(tryJSON(spec, o, outcome, claims, dependencyErrors, figure: written, status: status))
        } else {
            out(tryText(spec, original, o, outcome, claims, dependencyErrors, figure: written))
        }
        return status
    }

    /// The spec file SPEC names: a path to a spec file, or an id or paper/id
    /// under the experiments folder. Also returns every spec file there (for
    /// the artifacts claims refer to).
    func trySpecFile(_ o: TryOptions) throws -> (SpecFile, [SpecFile]) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        let experimentsExist = fm.fileExists(atPath: o.experiments, isDirectory: &isFolder) && isFolder.boolValue
        let looksLikePath = o.spec.hasSuffix(".json") || (fm.fileExists(atPath: o.spec, isDirectory: &isFolder) && !isFolder.boolValue)
        if looksLikePath {
            guard fm.fileExists(atPath: o.spec, isDirectory: &isFolder), !isFolder.boolValue else {
                throw HarnessError.io(file: o.spec, message: "no such spec file")
            }
            let files = experimentsExist ? try discover(RunOptions.with(experiments: o.experiments)) : []
            let folder = ((o.spec as NSString).deletingLastPathComponent as NSString).lastPathComponent
            let stem = ((o.spec as NSString).lastPathComponent as NSString).deletingPathExtension
            // A spec inside the experiments folder obeys its rules (paper =
            // folder, id = file name); a copy elsewhere is read as the
            // paper and id it declares.
            if experimentsExist, let root = canonicalPath(o.experiments), let target = canonicalPath(o.spec), isWithin(target, root) {
                return (SpecFile(path: o.spec, paper: folder, stem: stem), files)
            }
            var paper = folder, id = stem
            if let data = fm.contents(atPath: o.spec), let text = String(data: data, encoding: .utf8),
               let root = try? parseJSON(text), case let .object(members) = root.value {
                if let n = members.first(where: { $0.key == "paper" })?.value, case let .string(s) = n.value { paper = s }
                if let n = members.first(where: { $0.key == "id" })?.value, case let .string(s) = n.value { id = s }
            }
            return (SpecFile(path: o.spec, paper: paper, stem: id), files)
        }
        let files = try discover(RunOptions.with(experiments: o.experiments))
        let matches = files.filter { $0.stem == o.spec || "\($0.paper)/\($0.stem)" == o.spec }
        if matches.count > 1 {
            throw TryUsageError("\(o.spec) is a spec of several papers: " + matches.map { "\($0.paper)/\($0.stem)" }.joined(separator: ", ") + "; give paper/id")
        }
        guard let f = matches.first else {
            let names = files.map(\.stem) + files.map { "\($0.paper)/\($0.stem)" }
            throw TryUsageError("no spec \"\(o.spec)\" under \(o.experiments)" + (nearest(o.spec, among: names).map { " (did you mean \($0)?)" } ?? "")
                                     + " (replicate --list shows them; a spec file is named by its path, ending in .json)")
        }
        return (f, files)
    }

    /// Where `--figure path` is written (canonical folder + name), after
    /// refusing a path in the experiments folder, the spec itself or a folder.
    func figureDestination(_ path: String, spec: Spec, experiments: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        var folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        func refuse(_ why: String) -> TryUsageError { TryUsageError("--figure \(path): \(why)") }
        guard !path.hasSuffix("/"), name != ".", name != "..", !name.isEmpty else { throw refuse("a file name is needed, not a folder") }
        var isFolder: ObjCBool = false
        guard let canonicalFolder = canonicalPath(folder), FileManager.default.fileExists(atPath: canonicalFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw refuse("the folder \(folder) does not exist")
        }
        let target = (canonicalFolder == "/" ? "" : canonicalFolder) + "/" + name
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue { throw refuse("a folder, not a file") }
        // The destination, and what it points to when it is a link.
        let destinations = [target] + (canonicalPath(target).map { [$0] } ?? [])
        if let root = canonicalPath(experiments), destinations.contains(where: { isWithin($0, root) }) {
            throw refuse("inside the experiments folder \(experiments) (specs and goldens are never overwritten; choose another path)")
        }
        if let specFile = canonicalPath(spec.file), destinations.contains(specFile) {
            throw refuse("the spec file itself")
        }
        return target
    }

    /// One claim at the `try` parameters: holds, fails, n/a (its rows are
    /// not in the table) or not checked (not reproducible).
    func tryClaim(_ claim: Claim, of spec: Spec, table: Table, conventionTables: [ConventionValue: Table], reference: ReferenceResolver) throws -> TriedClaim {
        let single = spec.replacing(claims: [claim])
        let result: ClaimResult
        do {
            result = try evaluateClaimsOrSelectionError(of: single, on: table, conventionTables: conventionTables, reference: reference)[0]
        } catch let e as RowSelectionError {
            return TriedClaim(claim: claim, status: .notApplicable, paperSays: describe(claim.check),
                              computed: "its rows are not in the table at these parameters: \(e.found) (\(e.expected))", conventions: [])
        }
        if result.verdict == .notReproducible {
            return TriedClaim(claim: claim, status: .notChecked, paperSays: result.paperSays, computed: result.computed, conventions: [])
        }
        let holds = result.conventions.isEmpty ? (result.verdict == .reproduced || result.verdict == .staleExplanation) : result.conventions.allSatisfy(\.holds)
        var computed = result.computed
        if !holds && !result.reproducedUnder.isEmpty { computed += "; holds under \(result.reproducedUnder.joined(separator: "; ")) only" }
        return TriedClaim(claim: claim, status: holds ? .holds : .fails, paperSays: result.paperSays, computed: computed, conventions: result.conventions)
    }

    // MARK: - Output

    func tryText(_ spec: Spec, _ original: Spec, _ o: TryOptions, _ outcome: ArtifactOutcome, _ claims: [TriedClaim], _ dependencyErrors: [String], figure: String?) -> String {
        var lines = ["\(spec.qualifiedID) (\(spec.file)): \(spec.artifact): \(spec.title)"]
        if o.settings.isEmpty {
            lines.append("parameters as in the spec")
        } else {
            let set = o.settings.map { s in "\(s.key)=\(spec.parameters[s.key]!)" + (original.sweep.contains { $0.parameter == s.key } ? " (replaces its sweep)" : "") }
            lines.append("with " + set.joined(separator: ", "))
        }
        lines.append("")
        if let e = outcome.error {
            lines.append("solver failed: \(e)")
        } else if let table = outcome.table {
            let shown = o.allRows ? table.rows.count : min(table.rows.count, TryOptions.shownRows)
            let cells = [table.columns.map(\.name)] + table.rows.prefix(shown).map { $0.map(\.description) }
            let widths = table.columns.indices.map { j in cells.map { $0[j].count }.max() ?? 0 }
            for row in cells {
                lines.append(row.enumerated().map { j, c in j == row.count - 1 ? c : pad(c, widths[j]) }.joined(separator: "  "))
            }
            if shown < table.rows.count {
                lines.append("... \(table.rows.count - shown) more row\(table.rows.count - shown == 1 ? "" : "s") of \(table.rows.count) (--all prints them)")
            } else {
                lines.append("(\(table.rows.count) row\(table.rows.count == 1 ? "" : "s"))")
            }
        }
        lines += dependencyErrors
        if !claims.isEmpty {
            lines.append("")
            lines.append("claims at these parameters:")
            let setKeys = Set(o.settings.map(\.key))
            for c in claims {
                let label: String
                switch c.status {
                case .holds: label = "holds      "
                case .fails: label = "FAILS      "
                case .notApplicable: label = "n/a        "
                case .notChecked: label = "not checked"
                }
                var line = "  \(label)  \(c.claim.id): "
                switch c.status {
                case .notChecked: line += c.computed
                case .notApplicable: line += c.computed
                default: line += "paper says \(c.paperSays), computed \(c.computed)"
                }
                lines.append(line + " (\(c.claim.location))")
                let overruled = c.claim.across.map(\.parameter).filter(setKeys.contains)
                if !overruled.isEmpty {
                    lines.append("               (checked across its conventions of " + overruled.joined(separator: ", ") + ", whatever --set gives)")
                }
            }
            let count = { (s: TriedClaim.Status) in claims.filter { $0.status == s }.count }
            lines.append("")
            lines.append("\(claims.count) claim\(claims.count == 1 ? "" : "s"): \(count(.holds)) hold, \(count(.fails)) fail, \(count(.notApplicable)) n/a, \(count(.notChecked)) not checked")
        } else if outcome.error == nil {
            lines.append("")
            lines.append("the spec has no claims")
        }
        if let figure { lines.append("figure written to \(figure)") } else if o.figure != nil { lines.append("figure not drawn: the solver failed") }
        return lines.joined(separator: "\n")
    }

    func tryJSON(_ spec: Spec, _ o: TryOptions, _ outcome: ArtifactOutcome, _ claims: [TriedClaim], _ dependencyErrors: [String], figure: String?, status: Int32) -> String {
        let set = o.settings.map { "\(jsonQuoted($0.key)):\(jsonQuoted(spec.parameters[$0.key]!.description))" }.joined(separator: ",")
        var s = "{\"exitStatus\":\(status),\"spec\":\(jsonQuoted(spec.qualifiedID)),\"file\":\(jsonQuoted(spec.file)),\"set\":{\(set)},"
        s += "\"error\":" + (outcome.error.map(jsonQuoted) ?? "null") + ","
        s += "\"dependencyErrors\":[" + dependencyErrors.map(jsonQuoted).joined(separator: ",") + "],"
        if let t = outcome.table {
            s += "\"columns\":[" + t.columns.map { jsonQuoted($0.name) }.joined(separator: ",") + "],\n\"rows\":[\n"
            s += t.rows.map { "[" + $0.map { jsonQuoted($0.description) }.joined(separator: ",") + "]" }.joined(separator: ",\n") + "\n],\n"
        } else {
            s += "\"columns\":[],\"rows\":[],\n"
        }
        let items = claims.map { c in
            let conventions = c.conventions.map { "{\"convention\":\(jsonQuoted($0.label)),\"holds\":\($0.holds),\"computed\":\(jsonQuoted($0.computed))}" }
            return "{\"id\":\(jsonQuoted(c.claim.id)),\"status\":\(jsonQuoted(c.status.rawValue)),\"paperSays\":\(jsonQuoted(c.paperSays)),\"computed\":\(jsonQuoted(c.computed))"
                + (conventions.isEmpty ? "" : ",\"conventions\":[\(conventions.joined(separator: ","))]") + "}"
        }
        s += "\"claims\":[\n" + items.joined(separator: ",\n") + "\n],\"figure\":" + (figure.map(jsonQuoted) ?? "null") + "}"
        return s
    }
}

extension RunOptions {
    /// Default options reading specs from `experiments`.
    static func with(experiments: String) -> RunOptions {
        var o = RunOptions()
        o.experiments = experiments
        return o
    }
}

extension Spec {
    /// The spec with parameters set from `try --set` values, each read as a
    /// spec reads it (type, domain, list sizes) and the whole checked as a
    /// spec is (the solver's cross-parameter validation at every point, and
    /// under every convention a claim is checked across). A swept parameter's
    /// sweep is replaced by the one value (its key column stays, so row
    /// selectors and figures still name it). Errors name "--set" and the key.
    func overriding(_ settings: [TryOptions.Setting], registry: Registry) throws -> Spec {
        var parameters = self.parameters
        var sweep = self.sweep
        let names = solver.parameters.map(\.name)
        for s in settings {
            let root = String(s.key.prefix { $0 != "." && $0 != "[" })
            guard let p = solver.parameter(root) else {
                throw HarnessError.invalidSpec(file: "--set", keyPath: s.key, expected: "a parameter of \(solver.name): " + names.joined(separator: ", "),
                                               found: "unknown parameter \"\(root)\"", suggestion: nearest(root, among: names))
            }
            guard root == s.key else {
                // No solver parameter is an object: a dotted or indexed key
                // cannot reach inside one; a whole list is set at once.
                throw HarnessError.invalidSpec(file: "--set", keyPath: s.key, expected: "a parameter name (\(root) is \(p.type.description), set as a whole: --set \(root)=VALUE)",
                                               found: "\"\(s.key)\"", suggestion: nil)
            }
            let node: JSONNode
            do {
                node = try parseJSON(commandLineJSON(s.value))
            } catch let e as JSONSyntaxError {
                throw HarnessError.invalidSpec(file: "--set", keyPath: s.key, expected: "\(p.type.description) (as JSON: \(e.message))", found: abridged(s.value), suggestion: nil)
            }
            let value = try p.decode(SpecReader(node: node, path: s.key, file: "--set"))
            parameters[s.key] = value
            if let k = sweep.firstIndex(where: { $0.parameter == s.key }) { sweep[k] = SweepAxis(parameter: s.key, values: [value]) }
        }
        var spec = self
        spec.parameters = parameters
        spec.sweep = sweep
        let setKeys = Set(settings.map(\.key))
        func rejecting(_ e: SolverInputError, under note: String) -> HarnessError {
            let root = String(e.parameter.prefix { $0 != "." && $0 != "[" })
            return .invalidSpec(file: setKeys.contains(root) ? "--set" : "\(file) with the --set values", keyPath: e.parameter,
                                expected: e.expected + note, found: e.found, suggestion: nil)
        }
        for point in spec.points {
            do {
                try solver.validate(point)
            } catch let e as SolverInputError {
                let moving = sweep.filter { $0.values.count > 1 }
                throw rejecting(e, under: moving.isEmpty ? "" : " (at sweep point \(moving.map { "\($0.parameter)=\(point[$0.parameter]!)" }.joined(separator: ", ")))")
            }
        }
        for claim in claims {
            for convention in claim.conventionValues where !convention.order.isEmpty {
                for point in spec.points(overriding: convention) {
                    do {
                        try solver.validate(point)
                    } catch let e as SolverInputError {
                        throw rejecting(e, under: " (under \(convention.label), a convention claim \(claim.id) is checked across)")
                    }
                }
            }
        }
        return spec
    }

    /// The same spec with only these claims.
    func replacing(claims: [Claim]) -> Spec {
        var spec = self
        spec.claims = claims
        return spec
    }
}
