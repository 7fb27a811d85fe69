// Summaries: the console table, the JSON summary and results/REPORT.md.
// REPORT.md is deterministic (no timings, stable order) so an unchanged run
// leaves the working tree clean.

import Foundation
import Numerics

func formatSeconds(_ s: Double) -> String { String(format: "%.2f s", s) }

func formatError(_ e: Double) -> String { e == 0 ? "0" : String(format: "%.2e", e) }

func goldenStatus(_ o: ArtifactOutcome) -> String {
    if o.error != nil { return "ERROR" }
    if o.blessed { return "blessed" }
    guard let d = o.diff else { return "not compared" }
    return d.passed ? "match" : "\(d.failureCount) DIFF"
}

/// (reproduced, unexplained: discrepancies and dependences on convention,
/// explained: known discrepancies, not-reproducible claims and explained dependences on convention).
func claimCounts(_ o: ArtifactOutcome) -> (reproduced: Int, discrepant: Int, known: Int) {
    (o.claims.filter { $0.verdict == .reproduced }.count,
     o.claims.filter { $0.fails }.count,
     o.claims.filter { !$0.fails && $0.verdict != .reproduced }.count)
}

/// A JSON number, or null for nil and non-finite values (JSON has no infinity).
func jsonNumber(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "null" }
    return "\(x)"
}

/// "1 row", "2 rows", "0 rows".
func rowCount(_ n: Int) -> String { plural(n, "row") }

/// "1 claim", "3 claims": a count and a noun that takes an "s".
func plural(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

extension Runner {
    /// The console summary: one line per artifact, failures spelled out, totals.
    func textSummary(_ outcomes: [ArtifactOutcome], _ o: RunOptions) -> String {
        let w = max(20, outcomes.map { $0.spec.qualifiedID.count }.max() ?? 0) + 2
        var lines = [pad("artifact", w) + pad("rows", 7) + pad("max abs err", 13) + pad("claims ok/disc/known", 22) + pad("golden", 14) + "time"]
        for x in outcomes {
            let c = claimCounts(x)
            lines.append(pad(x.spec.qualifiedID, w) + pad(x.table.map { String($0.rows.count) } ?? "-", 7)
                         + pad(x.diff.map { formatError($0.maxAbsoluteError) } ?? "-", 13)
                         + pad("\(c.reproduced)/\(c.discrepant)/\(c.known)", 22) + pad(goldenStatus(x), 14) + formatSeconds(x.seconds))
        }
        var details: [String] = []
        for x in outcomes where x.failed {
            details.append("\(x.spec.qualifiedID) (\(x.spec.file)):")
            if let e = x.error { details.append("  solver failed: \(e)") }
            if let d = x.diff {
                for s in d.structural { details.append("  \(s)") }
                details += movementLines(d).map { "  " + $0 }
                for c in d.cells.prefix(20) { details.append("  \(c.description)") }
                if d.cells.count > 20 { details.append("  ... and \(plural(d.cells.count - 20, "more differing cell"))") }
            }
            for c in x.claims where c.fails {
                if c.verdict == .discrepancy {
                    details.append("  claim \(c.claim.id): DISCREPANCY: paper says \(c.paperSays), solver computes \(c.computed) (\(c.claim.location))")
                } else if c.verdict == .dependsOnConvention {
                    details.append("  claim \(c.claim.id): DEPENDS ON CONVENTION: reproduced under \(c.reproducedUnder.joined(separator: "; ")) only; "
                                   + "paper says \(c.paperSays), solver computes \(c.computed) (\(c.claim.location)); say why with \"depends_on_convention\"")
                } else if c.claim.conventionNote != nil && c.claim.knownDiscrepancy == nil {
                    details.append("  claim \(c.claim.id): reproduced under every convention although the spec says it depends on one; remove its \"depends_on_convention\" note")
                } else {
                    details.append("  claim \(c.claim.id): reproduced although the spec explains a discrepancy; remove its \"discrepancy\" note")
                }
            }
        }
        let failed = outcomes.filter(\.failed).count
        let totals = outcomes.reduce((0, 0, 0)) { acc, x in let c = claimCounts(x); return (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2) }
        var tail = "\(plural(outcomes.count, "artifact")), \(failed) failed; claims: \(totals.0) reproduced, \(totals.1) unexplained, \(totals.2) explained (known discrepancies, not reproducible, depends on convention)"
        if let shard = o.shard {
            tail += " (shard \(shard.index)/\(shard.count): " + (o.check ? "nothing written but the summary " : "outputs and the summary ")
                + "\(o.results)/.shards/\(shard.label).json; `replicate merge` writes the reports)"
        } else if o.check {
            tail += o.junitXML.map { " (check only: nothing written but \($0))" } ?? " (check only: nothing written)"
        } else if !o.isFullRun {
            tail += " (filtered run: results/REPORT.md not updated)"
        }
        return (lines + (details.isEmpty ? [] : [""] + details) + ["", tail]).joined(separator: "\n")
    }

    /// What moved: changed cells per column with the largest absolute and
    /// relative change, before the cell-by-cell list.
    func movementLines(_ d: DiffResult) -> [String] {
        let moved = d.movement
        guard !moved.isEmpty else { return [] }
        let w = max(8, moved.map(\.column.count).max()!) + 2
        var lines = ["what moved: \(d.cells.count) of \(d.comparedCells) cell\(d.comparedCells == 1 ? "" : "s") in \(moved.count) column\(moved.count == 1 ? "" : "s")",
                     "  " + pad("column", w) + pad("changed", 9) + pad("largest abs", 13) + "largest rel"]
        for m in moved {
            lines.append("  " + pad(m.column, w) + pad(String(m.changed), 9) + pad(m.largestAbsolute.map(formatError) ?? "-", 13)
                         + (m.largestRelative.map(formatError) ?? "-"))
        }
        return lines
    }

    /// The machine-readable summary printed by --json.
    func jsonSummary(_ outcomes: [ArtifactOutcome], status: Int32) -> String {
        "{\"exitStatus\":\(status),\"artifacts\":[\n" + outcomes.map(jsonItem).joined(separator: ",\n") + "\n]}"
    }

    /// One artifact of the --json summary (also each artifact's "report" in a shard summary).
    func jsonItem(_ x: ArtifactOutcome) -> String {
        let q = jsonQuoted
        let claims = x.claims.map { c in
            let conventions = c.conventions.map { "{\"convention\":\(q($0.label)),\"holds\":\($0.holds),\"computed\":\(q($0.computed))}" }
            return "{\"id\":\(q(c.claim.id)),\"verdict\":\(q(c.verdict.rawValue)),\"fails\":\(c.fails),\"paperSays\":\(q(c.paperSays)),\"computed\":\(q(c.computed))"
                + (conventions.isEmpty ? "" : ",\"conventions\":[\(conventions.joined(separator: ","))]") + "}"
        }
        var failures: [String] = []
        if let e = x.error { failures.append(e) }
        if let d = x.diff { failures += d.structural + d.cells.map(\.description) }
        let moved = (x.diff?.movement ?? []).map { m in
            "{\"column\":\(q(m.column)),\"changed\":\(m.changed),\"largestAbsolute\":\(jsonNumber(m.largestAbsolute)),\"largestRelative\":\(jsonNumber(m.largestRelative))}"
        }
        return "{\"id\":\(q(x.spec.id)),\"paper\":\(q(x.spec.paper)),\"artifact\":\(q(x.spec.artifact)),\"rows\":\(x.table?.rows.count ?? 0),"
            + "\"maxAbsError\":\(x.diff?.maxAbsoluteError ?? 0),\"golden\":\(q(goldenStatus(x))),\"failed\":\(x.failed),\"seconds\":\(x.seconds),"
            + "\"moved\":[\(moved.joined(separator: ","))],"
            + "\"failures\":[\(failures.map(q).joined(separator: ","))],\"claims\":[\(claims.joined(separator: ","))]}"
    }
}
