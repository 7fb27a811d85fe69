// How a probe's result is shown: a short Markdown section (the intervals of
// each claim's verdict, or the crossings of a two-parameter map's grid
// edges) and, for two parameters, an SVG grid map per claim drawn with the
// Plot module. Deterministic: fixed number formats, stable order.

import Foundation
import Numerics
import Plot

extension ProbeBound {
    /// "1/3" when exact, "≈0.3333333333 (± 4.5e-13)" otherwise.
    var text: String {
        if exact { return value.description }
        return "≈" + value.decimalString(places: 10) + " (± " + String(format: "%.1e", tolerance.doubleValue) + ")"
    }
}

extension ProbeSwitch {
    /// "1/3", or "7–8" when the verdict changes between two consecutive integers.
    var text: String { leftEnd.value == rightStart.value ? leftEnd.text : "\(leftEnd.text)–\(rightStart.text)" }
}

extension ProbeInterval {
    /// "[0, 1/3)", or "{1/3}" for a single point.
    var text: String {
        if lower.exact && upper.exact && lower.value == upper.value { return "{\(lower.text)}" }
        return (lower.closed ? "[" : "(") + lower.text + ", " + upper.text + (upper.closed ? "]" : ")")
    }
}

extension ProbeResult {
    /// The Markdown section. `figures` names the SVG file of each claim (two parameters, when written).
    public func markdown(title: String? = nil, figures: [String: String] = [:]) -> String {
        var lines: [String] = []
        let region = axes.map { "\($0.label) ∈ [\($0.from), \($0.to)]" }.joined(separator: " × ")
        lines.append("## Probe of `\(spec.qualifiedID)` over \(region)")
        lines.append("")
        if let title { lines.append(title); lines.append("") }
        var setup = "Spec \(spec.artifact) (`\(spec.solver.name)`)"
        if !fixed.isEmpty { setup += ", with " + fixed.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") }
        setup += ". "
        if axes.count == 1 {
            setup += "\(grids[0].count) grid points; each change of verdict is located by bisection to 2^-\(bisectionSteps) of the range. "
                + "An exact end point is the simplest rational in the final bracket, checked by evaluating the claim at it and 2^-20 of the bracket either side; "
                + "otherwise the end point is given with its tolerance."
        } else {
            setup += "A \(grids[0].count) × \(grids[1].count) grid; on every grid edge where a verdict changes, the change is located by bisection to 2^-\(bisectionSteps) of the range "
                + "(exact rationals where the parameter and the claim's cells are exact and the check at the rational passes)."
        }
        setup += " A region narrower than a grid step, between two grid points of one verdict, can be missed. \(evaluations) evaluations of the spec."
        if !notProbed.isEmpty {
            setup += " Not probed: " + notProbed.map { "`\($0)`" }.joined(separator: ", ")
                + " (compare\(notProbed.count == 1 ? "s" : "") with another artifact, which is not recomputed at the probe's parameters)."
        }
        lines.append(setup)
        for probe in claims {
            lines.append("")
            let c = probe.claim
            lines.append("### Claim `\(c.id)`: \(c.column) \(describe(c.check))\(rowsDescription(c.rows))")
            lines.append("")
            lines.append("> \(c.quote) (\(c.location))")
            lines.append("")
            if axes.count == 1 {
                lines.append("| \(axes[0].label) | verdict |")
                lines.append("|---|---|")
                for i in probe.intervals { lines.append("| \(i.text) | \(i.verdict.rawValue) |") }
                // One end point per change (an isolated point {q} ends two intervals at q).
                var ends: [ProbeBound] = []
                for (a, _) in zip(probe.intervals, probe.intervals.dropFirst()) where ends.last.map({ !($0.exact && a.upper.exact && $0.value == a.upper.value) }) ?? true {
                    ends.append(a.upper)
                }
                lines.append("")
                if ends.isEmpty {
                    lines.append("No change of verdict at the grid points.")
                } else {
                    let exactCount = ends.filter(\.exact).count
                    lines.append("End points: " + ends.map(\.text).joined(separator: ", ")
                                 + " (\(exactCount) of \(ends.count) exact" + (probe.exactCells ? ")." : "; a real parameter or a claim on real values: end points carry tolerances)."))
                }
            } else {
                var counts: [PointVerdict: Int] = [:]
                for row in probe.verdicts { for v in row { counts[v, default: 0] += 1 } }
                let order: [PointVerdict] = [.holds, .fails, .dependsOnConvention, .noRows, .solverError]
                lines.append("Grid: " + order.compactMap { v in counts[v].map { "\(v.rawValue) at \($0)" } }.joined(separator: ", ")
                             + " of \(grids[0].count * grids[1].count) points; \(probe.crossings.count) grid edge\(probe.crossings.count == 1 ? "" : "s") cross the boundary"
                             + " (\(probe.crossings.filter { $0.change.leftEnd.exact }.count) located exactly).")
                for along in 0..<2 {
                    let fixedAxis = axes[1 - along], moving = axes[along]
                    let crossings = probe.crossings.filter { $0.along == along }
                    guard !crossings.isEmpty else { continue }
                    lines.append("")
                    lines.append("| \(fixedAxis.label) | \(moving.label) where the verdict changes |")
                    lines.append("|---|---|")
                    var atValues: [Rational] = []
                    for x in crossings where !atValues.contains(x.at) { atValues.append(x.at) }
                    for at in atValues {
                        let changes = crossings.filter { $0.at == at }.map { x -> String in
                            let at = x.change.point.map { "; \($0.rawValue) at the point itself" } ?? ""
                            return "\(x.change.text) (\(x.change.from.rawValue) → \(x.change.to.rawValue)\(at))"
                        }
                        lines.append("| \(at) | " + changes.joined(separator: "; ") + " |")
                    }
                }
                if let f = figures[c.id] { lines.append(""); lines.append("Map: [\(f)](\(f))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The grid map of one claim (two parameters): grid points coloured by
    /// verdict, with the located boundary points.
    public func svg(for probe: ClaimProbe) throws -> String {
        precondition(axes.count == 2)
        let colours: [PointVerdict: Int] = [.holds: 2, .fails: 1, .dependsOnConvention: 4, .noRows: 5, .solverError: 6]
        var series: [Series] = []
        for v in [PointVerdict.holds, .fails, .dependsOnConvention, .noRows, .solverError] {
            var points: [Point] = []
            for (i, x) in grids[0].enumerated() {
                for (j, y) in grids[1].enumerated() where probe.verdicts[i][j] == v { points.append(Point(x.doubleValue, y.doubleValue)) }
            }
            if !points.isEmpty { series.append(Series(name: v.rawValue, style: .scatter, points: points, colorIndex: colours[v])) }
        }
        let boundary = probe.crossings.map { c in
            c.along == 0 ? Point(c.change.leftEnd.value.doubleValue, c.at.doubleValue) : Point(c.at.doubleValue, c.change.leftEnd.value.doubleValue)
        }
        if !boundary.isEmpty { series.append(Series(name: "boundary (bisection on grid edges)", style: .scatter, points: boundary, colorIndex: 0)) }
        let figure = Figure(title: "Where claim \(probe.claim.id) of \(spec.qualifiedID) holds",
                            caption: "\(probe.claim.column) \(describe(probe.claim.check))\(rowsDescription(probe.claim.rows)) on a \(grids[0].count) × \(grids[1].count) grid"
                                + (fixed.isEmpty ? "" : " (" + fixed.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + ")") + ".",
                            xAxis: Axis(label: axes[0].label, range: axes[0].from.doubleValue...axes[0].to.doubleValue),
                            yAxis: Axis(label: axes[1].label, range: axes[1].from.doubleValue...axes[1].to.doubleValue),
                            series: series)
        return try figure.svg()
    }
}

extension ProbeResult {
    /// The SVG file name of each claim's map, "<stem>-<claim>.svg": a claim id
    /// is untrusted text, so anything but ASCII letters, digits, "-" and "_"
    /// becomes "-" (at most 80 characters), and a name already taken gets the
    /// claim's position appended.
    func mapFileNames(stem: String) -> [String] {
        var names: [String] = []
        for (k, c) in claims.enumerated() {
            let safe = String(c.claim.id.prefix(80).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
            var name = "\(stem)-\(safe).svg"
            if names.contains(name) { name = "\(stem)-\(safe)-\(k + 1).svg" }
            names.append(name)
        }
        return names
    }
}

/// " (rows where gamma < 1/3)" for a report heading.
func rowsDescription(_ rows: ClaimRows) -> String {
    switch rows {
    case .all: return " (every row)"
    case .only: return ""
    case let .matching(selectors): return " (row " + selectors.map { "\($0.column) = \($0.value)" }.joined(separator: ", ") + ")"
    case let .filter(conditions):
        return " (rows where " + conditions.map { "\($0.column) \($0.op.rawValue) \($0.values.joined(separator: " or "))" }.joined(separator: ", ") + ")"
    }
}
