// The `replicate probe` subcommand: its options, the validation of what to
// vary (every bad input is an error naming the option or spec key, exit
// status 2, nothing written), and the run (Markdown on stdout, files only
// with --out). Declared probes (experiments/<paper>/probes/*.json, see
// DeclaredProbes.swift) are run by `replicate probe --declared`.

import Foundation
import Numerics

/// Options of `replicate probe`.
public struct ProbeOptions: Sendable, Equatable {
    public struct Vary: Sendable, Equatable {
        public let name: String
        public let from: String
        public let to: String
        /// --scale: the list parameter `name` is multiplied by a factor from `from` to `to`.
        public var scale = false
    }
    public var spec: String?
    public var vary: [Vary] = []
    /// --set NAME=VALUE: parameters fixed for the probe (a swept one leaves the sweep).
    public var set: [Vary] = []
    public var claims: [String] = []
    public var points: Int?
    public var out: String?
    public var declared = false
    public var check = false
    public var papers: [String] = []
    public var help = false

    public static let usage = """
    usage: replicate probe SPEC --vary NAME=FROM..TO [--vary NAME=FROM..TO] [options]
           replicate probe SPEC --scale LIST=FROM..TO [--vary NAME=FROM..TO] [options]
           replicate probe --declared [--check] [--paper ID]

    Evaluates the claims of SPEC (a spec file, or paper/id under the experiments
    folder) over a range of one or two numeric parameters, the others as the
    spec sets them, and reports where each claim holds. One parameter: the
    intervals of each verdict, end points located by bisection and given as
    exact rationals where the parameter and the claim's cells are exact (the
    simplest rational in the final bracket, checked there and just beside it),
    otherwise with their tolerance. Two parameters: a grid map, the boundary
    located by bisection on the grid edges where a verdict changes.

    options:
      --vary NAME=FROM..TO  a parameter and its range, e.g. gamma=0..1/2 (once or twice)
      --scale LIST=FROM..TO a list parameter of numbers as the spec sets it, multiplied
                            by a factor from FROM to TO (e.g. atoms=1/4..2: a prior's
                            spread); counts as one of the two varied parameters
      --set NAME=VALUE      fix a parameter for the probe (repeatable)
      --claim ID            only this claim (repeatable; default: every checkable claim)
      --points N            grid points per parameter (default 33 for one, 11 for two)
      --out DIR             also write DIR/<id>-probe.md and, for two parameters,
                            DIR/<id>-probe-<claim>.svg (nothing is written otherwise)
      --declared            run every declared probe (experiments/<paper>/probes/*.json)
                            and write results/<paper>/probes/
      --check               with --declared: compare with results/ and write nothing
      --paper ID            with --declared: only this paper's probes (repeatable)
      --experiments DIR     where the specs are (default: experiments)
      --results DIR         where declared probes' outputs go (default: results)

    exit status: 0 done (with --check: every output matches), 1 a declared
    probe's output differs (--check), 2 invalid input (nothing is written),
    3 an output could not be written.
    """

    /// Parses the arguments after `probe` into the run options.
    public static func parseCommand(_ arguments: [String]) throws -> RunOptions {
        var o = RunOptions()
        var p = ProbeOptions()
        var i = 0
        func value(_ flag: String) throws -> String { try optionValue(arguments, &i, flag) { HarnessError.usage("probe \($0) needs a value") } }
        func assignment(_ flag: String, _ text: String, range: Bool) throws -> Vary {
            let form = range ? "NAME=FROM..TO, e.g. gamma=0..1/2" : "NAME=VALUE, e.g. r=1/20"
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { throw HarnessError.usage("probe \(flag) \(text): expected \(form)") }
            let name = String(text[..<eq]), rest = String(text[text.index(after: eq)...])
            if !range { return Vary(name: name, from: rest, to: rest) }
            let parts = rest.components(separatedBy: "..")
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw HarnessError.usage("probe \(flag) \(text): expected \(form)") }
            return Vary(name: name, from: parts[0], to: parts[1])
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--vary": p.vary.append(try assignment(a, try value(a), range: true))
            case "--scale":
                var v = try assignment(a, try value(a), range: true)
                v.scale = true
                p.vary.append(v)
            case "--set": p.set.append(try assignment(a, try value(a), range: false))
            case "--claim": p.claims.append(try value(a))
            case "--points":
                let v = try value(a)
                guard let n = Int(v), n >= 2, n <= 1000 else { throw HarnessError.usage("probe --points needs an integer from 2 to 1000, got \(v)") }
                p.points = n
            case "--out": p.out = try value(a)
            case "--declared": p.declared = true
            case "--check": p.check = true
            case "--paper": p.papers.append(try value(a))
            case "--experiments": o.experiments = try value(a)
            case "--results": o.results = try value(a)
            case "--help", "-h": p.help = true
            default:
                if a.hasPrefix("--") || p.spec != nil {
                    let known = ["--vary", "--scale", "--set", "--claim", "--points", "--out", "--declared", "--check", "--paper", "--experiments", "--results", "--help"]
                    throw HarnessError.usage("probe: unknown option \(a)" + (nearest(a, among: known).map { " (did you mean \($0)?)" } ?? ""))
                }
                p.spec = a
            }
            i += 1
        }
        if !p.help {
            if p.declared {
                if p.spec != nil || !p.vary.isEmpty || !p.set.isEmpty || !p.claims.isEmpty || p.points != nil || p.out != nil {
                    throw HarnessError.usage("probe --declared runs the probes under experiments/<paper>/probes/: SPEC, --vary, --set, --claim, --points and --out do not apply")
                }
            } else {
                guard p.spec != nil else { throw HarnessError.usage("probe needs a SPEC (a spec file or paper/id)") }
                guard (1...2).contains(p.vary.count) else { throw HarnessError.usage("probe needs one or two --vary NAME=FROM..TO (or --scale LIST=FROM..TO)") }
                if p.check || !p.papers.isEmpty { throw HarnessError.usage("probe --check and --paper apply to --declared only") }
                if p.vary.count == 2 && p.vary[0].name == p.vary[1].name { throw HarnessError.usage("probe --vary \(p.vary[0].name) given twice") }
                if let n = p.points, p.vary.count == 2, n > 101 { throw HarnessError.usage("probe --points needs at most 101 for two parameters, got \(n)") }
            }
        }
        o.probe = p
        return o
    }
}

/// What to probe, validated.
struct ProbeRequest {
    let spec: Spec
    let axes: [ProbeAxis]
    let fixed: [(String, ParameterValue)]
    let claims: [Claim]
    let points: Int
    /// The spec's claims that compare with another artifact (never probed).
    var notProbed: [String] = []
}

/// Builds an input error at a key (an option like "--vary gamma" or a spec key path).
typealias ProbeFailure = (_ key: String, _ expected: String, _ found: String?) -> HarnessError

extension ProbeRequest {
    /// Validates the varied parameters, fixed values and claims against the spec.
    /// `vary` are (name, from, to) as rationals; `fixed` decoded values.
    /// `scaled` names the varied list parameters whose scale is varied.
    static func make(spec base: Spec, vary: [(name: String, key: String, from: Rational, to: Rational)], scaled: Set<String> = [],
                     fixed: [(name: String, key: String, value: ParameterValue)],
                     claims: [Claim], points: Int?, fail: ProbeFailure) throws -> ProbeRequest {
        let solver = base.solver
        let names = solver.parameters.map(\.name)
        var parameters = base.parameters
        var sweep = base.sweep
        var axes: [ProbeAxis] = []
        for v in vary {
            guard let p = solver.parameter(v.name) else {
                throw fail(v.key, "a parameter of \(solver.name): " + names.joined(separator: ", "), "unknown parameter \"\(v.name)\"")
            }
            guard v.from < v.to else { throw fail(v.key, "a range FROM..TO with FROM < TO", "\(v.from)..\(v.to)") }
            if scaled.contains(v.name) {
                // A list of numbers scaled by the axis value; its domain is checked at the corners below.
                let elementKind: ProbeAxis.Kind
                switch p.type {
                case .list(.rational): elementKind = .rational
                case .list(.real): elementKind = .real
                default: throw fail(v.key, "a list parameter of numbers to scale (\(v.name) is \(p.type.description))", nil)
                }
                guard case let .list(base)? = parameters[v.name] ?? p.defaultValue, !base.isEmpty else {
                    throw fail(v.key, "a list parameter the spec sets to a non-empty list (the list that is scaled)", v.name)
                }
                if sweep.contains(where: { $0.parameter == v.name }) {
                    throw fail(v.key, "a list parameter the spec does not sweep (its one list is scaled)", v.name)
                }
                var axis = ProbeAxis(name: v.name, kind: elementKind, from: v.from, to: v.to)
                axis.scaledList = base
                // Each element's domain is an interval, so checking both end scales covers the range.
                if let d = p.domain {
                    for x in [v.from, v.to] {
                        guard case let .list(scaledValues) = axis.value(x) else { continue }
                        for (i, e) in scaledValues.enumerated() {
                            if let r = e.rationalValue, !d.contains(r) {
                                throw fail(v.key, "a range of scales keeping every element of \(v.name) in its domain \(d.description) (at scale of \(v.name) = \(x), element \(i) is \(e))", "\(v.from)..\(v.to)")
                            }
                        }
                    }
                }
                axes.append(axis)
                continue
            }
            let kind: ProbeAxis.Kind
            switch p.type {
            case .integer: kind = .integer
            case .rational: kind = .rational
            case .real: kind = .real
            default: throw fail(v.key, "a numeric parameter (\(v.name) is \(p.type.description)\(p.type.isNumberList ? "; --scale varies a list's scale" : ""))", nil)
            }
            if kind == .integer && !(v.from.isInteger && v.to.isInteger) { throw fail(v.key, "integer end points (\(v.name) is an integer)", "\(v.from)..\(v.to)") }
            if let d = p.domain {
                for x in [v.from, v.to] where !d.contains(x) {
                    throw fail(v.key, "a range inside the domain of \(v.name): \(d.description)", "\(v.from)..\(v.to)")
                }
            }
            axes.append(ProbeAxis(name: v.name, kind: kind, from: v.from, to: v.to))
            sweep.removeAll { $0.parameter == v.name }
        }
        for f in fixed {
            guard solver.parameter(f.name) != nil else {
                throw fail(f.key, "a parameter of \(solver.name): " + names.joined(separator: ", "), "unknown parameter \"\(f.name)\"")
            }
            if vary.contains(where: { $0.name == f.name }) { throw fail(f.key, "a parameter that is not also varied", f.name) }
            parameters[f.name] = f.value
            sweep.removeAll { $0.parameter == f.name }
        }
        let changed = Set(vary.map(\.name) + fixed.map(\.name))
        for c in claims {
            if let a = c.across.first(where: { changed.contains($0.parameter) }) {
                throw fail(vary.first { $0.name == a.parameter }?.key ?? fixed.first { $0.name == a.parameter }!.key,
                           "a parameter no probed claim is checked across (claim \(c.id) is checked across \(a.parameter))", a.parameter)
            }
        }
        let count = points ?? (axes.count == 1 ? 33 : 11)
        if axes.count == 2 && count > 101 { throw fail("points", "at most 101 grid points per parameter for two parameters", String(count)) }
        var spec = base
        spec.solver = solver
        spec.parameters = parameters
        spec.sweep = sweep
        spec.claims = claims
        spec.findings = []
        spec.figure = nil
        // Every corner of the region must be a valid input at every remaining sweep point.
        var corners: [[Rational]] = [[]]
        for a in axes { corners = corners.flatMap { [$0 + [a.from], $0 + [a.to]] } }
        for corner in corners {
            var s = spec.parameters
            for (a, x) in zip(axes, corner) { s[a.name] = a.value(x) }
            var cornerSpec = spec
            cornerSpec.parameters = s
            for point in cornerSpec.points {
                do { try solver.validate(point) } catch let e as SolverInputError {
                    let at = zip(axes, corner).map { "\($0.label) = \($1)" }.joined(separator: ", ")
                    throw fail(axes.first { e.parameter.hasPrefix($0.name) }.map { a in vary.first { $0.name == a.name }!.key } ?? vary[0].key,
                               "a region of valid inputs (at \(at): parameters.\(e.parameter): \(e.expected))", e.found)
                }
            }
        }
        let notProbed = base.claims.filter { if case .compareReference = $0.check { return true } else { return false } }.map(\.id)
        return ProbeRequest(spec: spec, axes: axes, fixed: fixed.map { ($0.name, $0.value) }, claims: claims, points: count, notProbed: notProbed)
    }

    /// The claims to probe: the named ones, or every claim that has a check.
    /// A claim comparing with another artifact's cell is not probed: that
    /// artifact is not recomputed at the probe's parameters.
    static func selectClaims(_ spec: Spec, ids: [String], fail: (String, String?) -> HarnessError) throws -> [Claim] {
        func isReference(_ c: Claim) -> Bool { if case .compareReference = c.check { return true } else { return false } }
        let checkable = spec.claims.filter { $0.notReproducible == nil && !isReference($0) }
        if ids.isEmpty {
            guard !checkable.isEmpty else {
                let references = spec.claims.filter(isReference).map(\.id)
                throw fail("a spec with a claim to probe (\(spec.qualifiedID) has none with a check" + (references.isEmpty ? ")" :
                    "; \(references.joined(separator: ", ")) compare\(references.count == 1 ? "s" : "") with another artifact, which a probe does not recompute)"), nil)
            }
            return checkable
        }
        if let repeated = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) { throw fail("each claim once", repeated) }
        return try ids.map { id in
            if let c = spec.claims.first(where: { $0.id == id }), isReference(c), case let .compareReference(_, ref) = c.check {
                throw fail("a claim checked within the spec's own table (\(id) compares with \(ref.label) of another artifact, which a probe does not recompute at the probe's parameters)", id)
            }
            guard let c = checkable.first(where: { $0.id == id }) else {
                throw fail("a claim of \(spec.qualifiedID) with a check: " + checkable.map(\.id).joined(separator: ", "), id)
            }
            return c
        }
    }
}

extension Runner {
    /// Runs the probe and returns its result.
    func runProbe(_ request: ProbeRequest) -> ProbeResult {
        var result = ProbeEngine(runner: self, spec: request.spec, axes: request.axes, claims: request.claims).run(points: request.points)
        result.fixed = request.fixed
        result.notProbed = request.notProbed
        return result
    }

    /// `replicate probe`: one probe from the command line, or the declared ones.
    func probe(_ options: ProbeOptions, _ run: RunOptions) -> Int32 {
        if options.help { out(ProbeOptions.usage); return 0 }
        if options.declared { return declaredProbes(options, run) }
        do {
            let spec = try loadProbeSpec(options.spec!, experiments: run.experiments)
            func usage(_ key: String, _ expected: String, _ found: String?) -> HarnessError {
                .usage("probe \(key): expected \(expected)" + (found.map { ", found \($0)" } ?? ""))
            }
            let claims = try ProbeRequest.selectClaims(spec, ids: options.claims) { usage("--claim", $0, $1) }
            var vary: [(name: String, key: String, from: Rational, to: Rational)] = []
            for v in options.vary {
                let key = (v.scale ? "--scale " : "--vary ") + v.name
                guard let from = try? Rational(parsing: v.from), let to = try? Rational(parsing: v.to) else {
                    throw usage(key, "numeric end points (e.g. 0..1/2 or 0.1..0.9)", "\(v.from)..\(v.to)")
                }
                vary.append((v.name, key, from, to))
            }
            var fixed: [(name: String, key: String, value: ParameterValue)] = []
            for s in options.set {
                let key = "--set \(s.name)"
                guard let p = spec.solver.parameter(s.name) else {
                    throw usage(key, "a parameter of \(spec.solver.name): " + spec.solver.parameters.map(\.name).joined(separator: ", "), "unknown parameter \"\(s.name)\"")
                }
                fixed.append((s.name, key, try parseValue(s.from, for: p) { usage(key, $0, s.from) }))
            }
            let request = try ProbeRequest.make(spec: spec, vary: vary, scaled: Set(options.vary.filter(\.scale).map(\.name)), fixed: fixed,
                                                claims: claims, points: options.points, fail: usage)
            let result = runProbe(request)
            let name = "\(spec.id)-probe"
            var files: [(String, String)] = []
            var figures: [String: String] = [:]
            if result.axes.count == 2 {
                for (c, file) in zip(result.claims, result.mapFileNames(stem: name)) {
                    figures[c.claim.id] = file
                    files.append((file, try result.svg(for: c)))
                }
            }
            let markdown = result.markdown(figures: options.out == nil ? [:] : figures)
            out(markdown)
            if let dir = options.out {
                files.append(("\(name).md", markdown))
                do { try writeProbeFiles(files, into: dir) } catch {
                    err("error: \(error)")
                    return ExitStatus.ioFailure
                }
            }
            return ExitStatus.passed
        } catch {
            return reportInvalidInput(error)
        }
    }

    /// The spec of a probe: a spec file, or paper/id under the experiments folder.
    func loadProbeSpec(_ argument: String, experiments: String) throws -> Spec {
        var path = argument
        if !FileManager.default.fileExists(atPath: path) {
            let parts = argument.split(separator: "/")
            guard parts.count == 2, !argument.hasSuffix(".json") else {
                throw HarnessError.usage("probe: no spec file \(argument) (give a spec file or paper/id)")
            }
            path = "\(experiments)/\(parts[0])/\(parts[1]).json"
            guard FileManager.default.fileExists(atPath: path) else { throw HarnessError.usage("probe: no spec \(argument) (no file \(path))") }
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= InputLimits.specBytes, let text = String(data: data, encoding: .utf8) else {
            throw HarnessError.io(file: path, message: "cannot read the spec as UTF-8 text of at most \(InputLimits.specBytes) bytes")
        }
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let paper = url.deletingLastPathComponent().lastPathComponent
        return try Spec.decode(text: text, file: path, paperFolder: paper, fileStem: stem, registry: registry)
    }

    /// Writes (name, text) pairs into `dir`, each atomically.
    func writeProbeFiles(_ files: [(String, String)], into dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
        }
    }
}

/// A parameter value from command-line text (numbers, booleans, text, choices; not lists).
func parseValue(_ text: String, for p: ParameterSpec, fail: (String) -> HarnessError) throws -> ParameterValue {
    let value: ParameterValue
    switch p.type {
    case .integer:
        guard let i = Int(text) else { throw fail("an integer") }
        value = .integer(i)
    case .rational:
        guard let r = try? Rational(parsing: text) else { throw fail(p.type.description) }
        value = .rational(r)
    case .real:
        guard let d = Double(text), d.isFinite else { throw fail(p.type.description) }
        value = .real(d)
    case .boolean:
        guard let b = Bool(text) else { throw fail("true or false") }
        value = .boolean(b)
    case .text: value = .text(text)
    case let .choice(options):
        guard options.contains(text) else { throw fail(p.type.description) }
        value = .text(text)
    case .list: throw fail("a list (set it in the spec instead)")
    }
    if let d = p.domain, let x = value.rationalValue, !d.contains(x) { throw fail("\(p.type.description) \(d.description)") }
    return value
}
