// The figure stage: a spec's `figure` section drawn from the artifact's own
// table (so the golden diff on the CSV also guards the picture) with the Plot
// module, written next to the CSV as results/<paper>/<id>.svg.

import Plot

extension Spec {
    /// The figure as SVG text, or nil when the spec has no `figure` section.
    /// Errors (a non-numeric or non-finite plotted value, an empty series, a
    /// log axis over non-positive data, x values a step plot cannot use) are
    /// spec errors naming the file and the figure key.
    public func renderFigure(_ table: Table) throws -> String? {
        guard let f = figure else { return nil }
        func fail(_ key: String, _ expected: String, _ found: String) -> HarnessError {
            .invalidSpec(file: file, keyPath: key.isEmpty ? "figure" : "figure." + key, expected: expected, found: found, suggestion: nil)
        }
        func numbers(_ column: String, key: String) throws -> [Double] {
            let c = table.columnIndex(column)!
            return try table.rows.indices.map { i in
                guard let v = table.rows[i][c].doubleValue else {
                    throw fail(key, "a numeric column to plot", "\"\(table.rows[i][c])\" in column \(column), \(table.rowLabel(i))")
                }
                guard v.isFinite else { throw fail(key, "finite values to plot", "\(v) in column \(column), \(table.rowLabel(i))") }
                return v
            }
        }
        let xs = try numbers(f.x, key: "x")
        let ys = try f.y.enumerated().map { try numbers($0.element, key: "y[\($0.offset)]") }
        // Groups of rows by the series column, in order of first appearance.
        var groups: [(label: String?, rows: [Int])] = []
        if let s = f.series, let c = table.columnIndex(s) {
            for i in table.rows.indices {
                let label = table.rows[i][c].description
                if let g = groups.firstIndex(where: { $0.label == label }) { groups[g].rows.append(i) } else { groups.append((label, [i])) }
            }
        } else {
            groups = [(nil, Array(table.rows.indices))]
        }
        let style: Style = f.kind == "step" ? .step(.leftClosed) : (f.kind == "scatter" ? .scatter : .line)
        var series: [Series] = []
        for g in groups {
            // Lines and steps are drawn in x order (stable for equal x).
            let rows = f.kind == "scatter" ? g.rows : g.rows.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
            for (k, y) in f.y.enumerated() {
                var name = f.y.count > 1 ? y : ""
                if let label = g.label { name = "\(f.series!) = \(label)" + (name.isEmpty ? "" : ", " + name) }
                if name.isEmpty { name = y }
                series.append(Series(name: name, style: style, points: rows.map { Point(xs[$0], ys[k][$0]) }))
            }
        }
        let plot = Plot.Figure(
            title: f.title, caption: f.caption,
            xAxis: Axis(label: f.xLabel ?? f.x, scale: f.xScale == "log" ? .log : .linear),
            yAxis: Axis(label: f.yLabel ?? (f.y.count == 1 ? f.y[0] : nil), scale: f.yScale == "log" ? .log : .linear),
            series: series,
            referenceLines: f.referenceLines.map { Plot.ReferenceLine(axis: $0.axis == "x" ? .x : .y, value: $0.value, label: $0.label) })
        do {
            return try plot.svg()
        } catch let e as PlotError {
            throw fail("", "a figure the data can draw", e.description)
        }
    }
}
