// `replicate merge SUMMARY...`: combines the summaries of the N shards of a
// run (Sharding.swift, ShardSummary.swift) into the results a single run
// writes: every CSV and SVG, results/REPORT.md and the paper pages, the same
// console summary and exit status. It first checks that the summaries belong
// together (one of each shard 1...N, the same N, commit, experiments and
// selection), that they cover the selected specs exactly once, and that the
// experiments here are the ones the shards ran on; then it rebuilds each
// spec's outcome from its recorded tables, evaluates claims, diffs and
// figures with the code of a single run, checks them against each shard's
// record, and writes. Any inconsistency is an input error: exit 2, nothing written.

import Foundation

extension Runner {

    func merge(_ paths: [String], _ options: RunOptions) throws -> Int32 {
        if let path = options.junitXML { try checkJUnitPath(path, options) }
        var summaries: [ShardSummary] = []
        var errors: [HarnessError] = []
        for p in paths {
            do { summaries.append(try ShardSummary.read(p)) } catch let e as HarnessError { errors.append(e) }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        try checkBelongTogether(summaries)
        summaries.sort { $0.shard.index < $1.shard.index }
        let first = summaries[0]

        // The selection and the inputs here.
        var o = options
        o.papers = first.papers
        o.only = first.only
        let files = try discover(o)
        let specs = try decodeAll(try select(files, o))
        try checkGoldensAreNotShared(specs, among: files)
        let digest = try experimentsDigest(o.experiments)
        guard digest == first.experiments else {
            throw HarnessError.invalidSpec(file: first.file, keyPath: "experiments", expected: "the digest of \(o.experiments) here (\(digest)): the shards ran on other specs or goldens",
                                           found: first.experiments, suggestion: nil)
        }
        if let here = gitCommit(experiments: o.experiments), let there = first.commit, here != there {
            throw HarnessError.invalidSpec(file: first.file, keyPath: "commit", expected: "the commit checked out here (\(here))", found: there, suggestion: nil)
        }

        // Each selected spec covered by exactly one shard.
        let byID = Dictionary(uniqueKeysWithValues: specs.map { ($0.qualifiedID, $0) })
        var owner: [String: (summary: Int, index: Int)] = [:]
        for (s, summary) in summaries.enumerated() {
            for (k, (id, reader)) in summary.specs.enumerated() {
                if byID[id] == nil {
                    errors.append(reader.fail("a spec of the selection (\(specs.count) specs" + (o.isFullRun ? "" : ", --paper/--only as the shards ran") + ")"))
                } else if let other = owner[id] {
                    errors.append(.invalidSpec(file: summary.file, keyPath: reader.path, expected: "a spec no other shard covers",
                                               found: "\"\(id)\", also covered by \(summaries[other.summary].file)", suggestion: nil))
                } else {
                    owner[id] = (s, k)
                }
            }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        let missing = specs.map(\.qualifiedID).filter { owner[$0] == nil }
        if !missing.isEmpty {
            throw HarnessError.usage("the shard summaries cover no record of \(plural(missing.count, "selected spec")): " + missing.prefix(10).joined(separator: ", ")
                                     + (missing.count > 10 ? ", …" : "") + " (were the shards run on other specs, or with another times file?)")
        }

        // The outcomes as the shards recorded them, in the selection's order.
        var outcomes: [ArtifactOutcome] = []
        for spec in specs {
            let (s, k) = owner[spec.qualifiedID]!
            do { outcomes.append(try ShardSummary.outcome(summaries[s].artifacts[k], spec: spec)) } catch let e as HarnessError { errors.append(e) }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        let dependencies = try recordedDependencies(of: specs, among: files, summaries)
        let goldens = try loadGoldens(specs, o)
        return try conclude(outcomes, dependencies: dependencies, goldens: goldens, o) { computed in
            // What merge derives must be what each shard recorded.
            for x in computed {
                let (s, k) = owner[x.spec.qualifiedID]!
                let artifact = try summaries[s].artifacts[k].object(allowed: ShardSummary.artifactKeys)
                let recorded = try artifact.required("report", "the artifact's record (as --json prints it)")
                let derived = try parseJSON(jsonItem(x), limits: .shardSummary)
                if let path = firstDifference(recorded.node, derived, path: recorded.path) {
                    throw HarnessError.invalidSpec(file: summaries[s].file, keyPath: path,
                                                   expected: "what merge derives from the recorded tables here (the summary was edited, or the goldens changed)",
                                                   found: nil, suggestion: nil)
                }
            }
        }
    }

    /// One summary of each shard 1...N, all of one run: the same N, commit,
    /// experiments and selection.
    private func checkBelongTogether(_ summaries: [ShardSummary]) throws {
        let first = summaries[0]
        var errors: [HarnessError] = []
        var seen: [Int: String] = [:]
        for s in summaries {
            func differs(_ key: String, _ value: String, _ expected: String) {
                errors.append(.invalidSpec(file: s.file, keyPath: key, expected: "\(expected), as in \(first.file)", found: value, suggestion: nil))
            }
            if s.shard.count != first.shard.count { differs("shards", "\(s.shard.count)", "\(first.shard.count) shards") }
            if s.commit != first.commit { differs("commit", s.commit ?? "null", "commit \(first.commit ?? "null")") }
            if s.experiments != first.experiments { differs("experiments", s.experiments, "experiments \(first.experiments)") }
            if s.papers != first.papers || s.only != first.only {
                differs("selection", "papers [\(s.papers.joined(separator: ", "))], only [\(s.only.joined(separator: ", "))]",
                        "papers [\(first.papers.joined(separator: ", "))], only [\(first.only.joined(separator: ", "))]")
            }
            if let other = seen[s.shard.index] {
                errors.append(.invalidSpec(file: s.file, keyPath: "shard", expected: "a shard not given twice", found: "\(s.shard.index), also the shard of \(other)", suggestion: nil))
            }
            seen[s.shard.index] = s.file
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        let absent = (1...first.shard.count).filter { seen[$0] == nil }
        if !absent.isEmpty {
            throw HarnessError.usage("merge needs the summaries of all \(first.shard.count) shards; missing: "
                                     + absent.prefix(10).map { "shard \($0) (.shards/\($0)-of-\(first.shard.count).json)" }.joined(separator: ", ")
                                     + (absent.count > 10 ? ", …" : ""))
        }
    }

    /// The specs outside the selection that claims reference, with the
    /// tables the shards recorded for them (one record each, or equal records).
    private func recordedDependencies(of specs: [Spec], among files: [SpecFile], _ summaries: [ShardSummary]) throws -> [ArtifactOutcome] {
        let needed = try referencedSpecs(of: specs, among: files)
        var recorded: [String: (table: Table?, where_: SpecReader)] = [:]
        for summary in summaries {
            for r in summary.dependencies {
                let id = try ShardSummary.dependencyID(r)
                // A spec of another shard: its own record is the table.
                if specs.contains(where: { $0.qualifiedID == id }) { continue }
                guard let spec = needed.first(where: { $0.qualifiedID == id }) else {
                    throw r.fail("a spec outside the selection that a claim references" + (needed.isEmpty ? " (there is none)" : ": " + needed.map(\.qualifiedID).joined(separator: ", ")), showFound: false)
                }
                let table = try ShardSummary.dependencyTable(r, spec: spec)
                if let other = recorded[id], other.table != table {
                    throw r.fail("the same table of \(id) as \(other.where_.file) \(other.where_.path)", showFound: false)
                }
                recorded[id] = recorded[id] ?? (table, r)
            }
        }
        return try needed.map { spec in
            guard let r = recorded[spec.qualifiedID] else {
                throw HarnessError.usage("no shard summary records the table of \(spec.qualifiedID), which claims of the selection reference")
            }
            var x = ArtifactOutcome(spec: spec)
            x.table = r.table
            return x
        }
    }
}
