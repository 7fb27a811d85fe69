// Declared probes: experiments/<paper>/probes/<id>.json names a spec of the
// same paper, the parameters to vary (and any to fix) and the claims to
// probe (ids of the spec's claims, or claims of its own in the spec's claim
// syntax). `replicate probe --declared` recomputes every one and writes
// results/<paper>/probes/<id>.md (and <id>-<claim>.svg for two parameters);
// with --check it compares them with the committed files instead (the
// committed files are the goldens). `make replicate` and `make test` run it.
//
//   {
//     "id": "game-form-switch",
//     "spec": "finding-4",
//     "title": "Which game form is better, over γ at r = 1/20",
//     "parameters": {"r": "1/20"},
//     "vary": {"gamma": {"from": 0, "to": "1/2"}},
//     "points": 33,
//     "claims": ["above-third", {"id": ..., "quote": ..., "location": ..., "rows": "all", "column": ..., "check": ...}]
//   }

import Foundation
import Numerics

/// A decoded declared probe.
struct ProbeDeclaration {
    let paper: String
    let id: String
    let title: String
    let request: ProbeRequest
}

extension Runner {
    static let probeKeys = ["id", "spec", "title", "parameters", "vary", "claims", "points"]

    /// Decodes experiments/<paper>/probes/<stem>.json.
    func decodeProbe(path: String, paper: String, stem: String, experiments: String) throws -> ProbeDeclaration {
        guard let data = FileManager.default.contents(atPath: path), data.count <= InputLimits.specBytes, let text = String(data: data, encoding: .utf8) else {
            throw HarnessError.io(file: path, message: "cannot read the probe as UTF-8 text of at most \(InputLimits.specBytes) bytes")
        }
        let root: JSONNode
        do { root = try parseJSON(text) } catch let e as JSONSyntaxError {
            throw HarnessError.malformedJSON(file: path, line: e.line, column: e.column, message: e.message)
        }
        let top = try SpecReader(node: root, path: "", file: path).object(allowed: Self.probeKeys)
        let idReader = try top.required("id", "the probe id (the file name without .json)")
        let id = try idReader.nonEmptyString()
        guard id == stem, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else { throw idReader.fail("\"\(stem)\" (the id must equal the file name)") }
        let title = try top.required("title", "a one-line title").nonEmptyString()
        let specReader = try top.required("spec", "the id of a spec of \(paper)")
        let specID = try specReader.nonEmptyString()
        let specPath = "\(experiments)/\(paper)/\(specID).json"
        guard specID.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), FileManager.default.fileExists(atPath: specPath) else {
            throw specReader.fail("the id of a spec of \(paper) (a file \(experiments)/\(paper)/<id>.json)")
        }
        let spec = try loadProbeSpec(specPath, experiments: experiments)
        func fail(_ key: String, _ expected: String, _ found: String?) -> HarnessError {
            .invalidSpec(file: path, keyPath: key, expected: expected, found: found, suggestion: nil)
        }
        var vary: [(name: String, key: String, from: Rational, to: Rational)] = []
        let varyReader = try top.required("vary", "an object of one or two parameters, each {\"from\": ..., \"to\": ...}")
        let members = try varyReader.members()
        guard (1...2).contains(members.count) else { throw varyReader.fail("an object with one or two parameters", showFound: false) }
        var scaled: Set<String> = []
        for (name, r) in members {
            let o = try r.object(allowed: ["from", "to", "scale"])
            vary.append((name, r.path, try o.required("from", "the first value").rational(), try o.required("to", "the last value").rational()))
            if let sr = o.optional("scale"), try sr.bool() { scaled.insert(name) }
        }
        var fixed: [(name: String, key: String, value: ParameterValue)] = []
        if let pr = top.optional("parameters") {
            for (name, r) in try pr.members() {
                guard let p = spec.solver.parameter(name) else {
                    throw HarnessError.invalidSpec(file: path, keyPath: r.path, expected: "a parameter of \(spec.solver.name)", found: "unknown parameter \"\(name)\"",
                                                   suggestion: nearest(name, among: spec.solver.parameters.map(\.name)))
                }
                fixed.append((name, r.path, try p.decode(r)))
            }
        }
        var claims: [Claim] = []
        if let cr = top.optional("claims") {
            for r in try cr.array() {
                if case .string = r.node.value {
                    let claimID = try r.string()
                    claims += try ProbeRequest.selectClaims(spec, ids: [claimID]) { expected, found in
                        .invalidSpec(file: path, keyPath: r.path, expected: expected, found: found, suggestion: nil)
                    }
                } else {
                    claims.append(try Spec.decodeClaim(r, columns: spec.columns, solver: spec.solver, swept: Set(spec.sweep.map(\.parameter))))
                }
                if Set(claims.map(\.id)).count != claims.count { throw r.fail("a claim id used once in the probe", showFound: false) }
            }
        } else {
            claims = try ProbeRequest.selectClaims(spec, ids: []) { expected, found in fail("claims", expected, found) }
        }
        var points: Int? = nil
        if let pr = top.optional("points") {
            let n = try pr.integer()
            guard (2...1000).contains(n) else { throw pr.fail("an integer from 2 to 1000") }
            points = n
        }
        let request = try ProbeRequest.make(spec: spec, vary: vary, scaled: scaled, fixed: fixed, claims: claims, points: points, fail: fail)
        return ProbeDeclaration(paper: paper, id: id, title: title, request: request)
    }

    /// Every experiments/<paper>/probes/*.json (of the selected papers), sorted.
    func discoverProbes(_ experiments: String, papers: [String]) throws -> [(path: String, paper: String, stem: String)] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: experiments, isDirectory: &isDir), isDir.boolValue else {
            throw HarnessError.io(file: experiments, message: "experiments folder not found (run from the project root or pass --experiments DIR)")
        }
        let all = try fm.contentsOfDirectory(atPath: experiments).filter { !$0.hasPrefix(".") }.sorted()
        for p in papers where !all.contains(p) {
            throw HarnessError.usage("probe --paper \(p): no paper \"\(p)\" under \(experiments)" + (nearest(p, among: all).map { " (did you mean \($0)?)" } ?? ""))
        }
        var found: [(String, String, String)] = []
        for paper in all where papers.isEmpty || papers.contains(paper) {
            let dir = "\(experiments)/\(paper)/probes"
            guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
            for name in try fm.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
                found.append(("\(dir)/\(name)", paper, String(name.dropLast(5))))
            }
        }
        return found
    }

    /// `replicate probe --declared [--check]`.
    func declaredProbes(_ options: ProbeOptions, _ run: RunOptions) -> Int32 {
        let declarations: [ProbeDeclaration]
        do {
            var decoded: [ProbeDeclaration] = []
            var errors: [String] = []
            // Decoded concurrently (each decodes its spec, validating every sweep point).
            let files = try discoverProbes(run.experiments, papers: options.papers)
            for result in concurrentMap(files, { f in Result { try decodeProbe(path: f.path, paper: f.paper, stem: f.stem, experiments: run.experiments) } }) {
                switch result {
                case .success(let d): decoded.append(d)
                case .failure(let error): errors.append("\(error)")
                }
            }
            if !errors.isEmpty {
                for e in errors { err("error: \(e)") }
                err("invalid input: nothing was written")
                return ExitStatus.invalidInput
            }
            declarations = decoded
        } catch {
            return reportInvalidInput(error)
        }
        // Probes are independent: run them concurrently.
        let results = concurrentMap(declarations) { runProbe($0.request) }
        var drifted: [String] = []
        var written = 0
        for (d, result) in zip(declarations, results) {
            let dir = "\(run.results)/\(d.paper)/probes"
            var files: [(String, String)] = []
            var figures: [String: String] = [:]
            if result.axes.count == 2 {
                for (c, name) in zip(result.claims, result.mapFileNames(stem: d.id)) {
                    figures[c.claim.id] = name
                    do { files.append((name, try result.svg(for: c))) } catch {
                        err("error: \(d.paper)/probes/\(d.id): the map of claim \(c.claim.id) cannot be drawn: \(error)")
                        return ExitStatus.failures
                    }
                }
            }
            files.append(("\(d.id).md", result.markdown(title: d.title, figures: figures)))
            let ends = result.claims.flatMap { zip($0.intervals, $0.intervals.dropFirst()).map { $0.0.upper } }
            let summary = result.axes.count == 1
                ? "\(ends.count) end point\(ends.count == 1 ? "" : "s"), \(ends.filter(\.exact).count) exact"
                : "\(result.claims.map(\.crossings.count).reduce(0, +)) boundary crossings"
            out("probe \(d.paper)/\(d.id): \(result.claims.count) claim\(result.claims.count == 1 ? "" : "s"), \(summary), \(result.evaluations) evaluations")
            if options.check {
                for (name, text) in files {
                    let path = "\(dir)/\(name)"
                    let current = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
                    if current != text { drifted.append(path + (current == nil ? " (missing)" : "")) }
                }
            } else {
                do {
                    for (name, text) in files {
                        let path = "\(dir)/\(name)"
                        if FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) == text { continue }
                        try writeProbeFiles([(name, text)], into: dir)
                        written += 1
                    }
                } catch {
                    err("error: \(error)")
                    return ExitStatus.ioFailure
                }
            }
        }
        if options.check {
            if drifted.isEmpty { out("probes: \(declarations.count) checked, every output matches"); return ExitStatus.passed }
            for d in drifted { err("probe output differs: \(d) (run `replicate probe --declared` and review the diff)") }
            return ExitStatus.failures
        }
        out("probes: \(declarations.count) run, \(written) file\(written == 1 ? "" : "s") written")
        return ExitStatus.passed
    }
}
