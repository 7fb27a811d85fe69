// The figure stage: a spec's `figure` section (FigureSpec.swift) drawn from
// the artifact's own table (so the golden diff on the CSV also guards the
// picture) with the Plot module, written next to the CSV as
// results/<paper>/<id>.svg.

import Numerics
import Plot

extension Spec {
    /// The figure as SVG text, or nil when the spec has no `figure` section.
    /// Errors (a non-numeric or non-finite plotted value, a layer or filter
    /// leaving no rows, a log axis over non-positive data, x values a step
    /// plot cannot use, a reference column that is not constant, a printed
    /// layer marking points of a column that is not exact) are spec errors
    /// naming the file and the figure key.
    public func renderFigure(_ table: Table) throws -> String? {
        guard let f = figure else { return nil }
        func fail(_ key: String, _ expected: String, _ found: String) -> HarnessError {
            .invalidSpec(file: file, keyPath: key, expected: expected, found: found, suggestion: nil)
        }
        func number(_ column: String, _ i: Int, key: String) throws -> Double {
            let cell = table.rows[i][table.columnIndex(column)!]
            guard let v = cell.doubleValue else {
                throw fail(key, "a numeric column to plot", "\"\(cell)\" in column \(column), \(table.rowLabel(i))")
            }
            guard v.isFinite else { throw fail(key, "finite values to plot", "\(v) in column \(column), \(table.rowLabel(i))") }
            return v
        }
        // Palette slots by colour key, in order of first use: curves of one
        // series value share a colour across layers.
        var colours: [String: Int] = [:]
        func colour(_ key: String) -> Int {
            if let c = colours[key] { return c }
            colours[key] = colours.count
            return colours[key]!
        }
        /// The rows a (column) layer draws: those its filter admits.
        func layerRows(_ layer: FigureLayer) throws -> [Int] {
            let rows = table.rows.indices.filter { i in layer.filters.allSatisfy { $0.admits(table.rows[i][table.columnIndex($0.column)!]) } }
            guard !rows.isEmpty else {
                throw layer.filters.isEmpty ? fail(layer.key, "rows to plot", "an empty table") : fail(layer.key + ".where", "a filter some rows pass", "no row passes")
            }
            return rows
        }
        var series: [Series] = [], polygons: [Plot.Polygon] = []
        for layer in f.layers {
            if let printed = layer.printed {
                // What the paper prints: an overlay, never a palette colour of the data.
                let points = printed.points.map { Point($0.x.doubleValue, $0.y.doubleValue) }
                switch printed.shape {
                case .polygon: polygons.append(Plot.Polygon(name: layer.name ?? "", vertices: points, showVertices: true, overlay: true))
                case .line: series.append(Series(name: layer.name ?? "", style: .line, points: points, overlay: true))
                case .scatter: series.append(Series(name: layer.name ?? "", style: .scatter, points: points, overlay: true))
                }
                continue
            }
            let k = layer.key
            let rows = try layerRows(layer)
            // Groups of rows by the series column, in order of first appearance.
            var groups: [(label: String?, rows: [Int])] = []
            if let s = layer.series, let c = table.columnIndex(s) {
                for i in rows {
                    let label = table.rows[i][c].description
                    if let g = groups.firstIndex(where: { $0.label == label }) { groups[g].rows.append(i) } else { groups.append((label, [i])) }
                }
            } else {
                groups = [(nil, rows)]
            }
            func xs(_ rows: [Int]) throws -> [Double] { try rows.map { try number(layer.x!, $0, key: k + ".x") } }
            func ys(_ column: String, _ rows: [Int], key: String) throws -> [Double] { try rows.map { try number(column, $0, key: k + "." + key) } }
            func labels(_ rows: [Int]) -> [String] {
                guard let l = layer.labels, let c = table.columnIndex(l) else { return [] }
                return rows.map { table.rows[$0][c].description }
            }
            for g in groups {
                /// The legend name: the layer's name, the y column (when several), the series value.
                func name(_ y: String?) -> String {
                    var parts = [layer.name, layer.y.count > 1 ? y : nil].compactMap { $0 }
                    if let label = g.label { parts.append("\(layer.series!) = \(label)") }
                    return parts.isEmpty ? (y ?? "") : parts.joined(separator: ", ")
                }
                func colourKey(_ y: String?) -> String { g.label.map { "\(layer.series!)=\($0)" } ?? "\(k):\(y ?? "")" }
                // Curves are drawn in x order (stable for equal x); marks in table order.
                let ordered = [.line, .step, .area, .band].contains(layer.kind)
                    ? try zip(g.rows, xs(g.rows)).sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0) : g.rows
                switch layer.kind {
                case .line, .step, .scatter, .area:
                    let style: Style = layer.kind == .step ? .step(layer.ends) : layer.kind == .scatter ? .scatter : layer.kind == .area ? .area : .line
                    let x = try xs(ordered)
                    for (j, y) in layer.y.enumerated() {
                        let points = zip(x, try ys(y, ordered, key: "y[\(j)]")).map { Point($0, $1) }
                        series.append(Series(name: name(y), style: style, points: points, dashed: layer.dashed,
                                             colorIndex: colour(colourKey(y)), pointLabels: labels(ordered),
                                             breaks: layer.breaksAtJumps ? Series.jumpBreaks(points) : []))
                    }
                case .polygon:
                    let points = zip(try xs(ordered), try ys(layer.y[0], ordered, key: "y[0]")).map { Point($0, $1) }
                    let c = colour(colourKey(nil))
                    polygons.append(Plot.Polygon(name: name(nil), vertices: try ConvexHull(points: points.map { PlanePoint($0.x, $0.y) }).vertices.map { Point($0.x, $0.y) }, showVertices: true, colorIndex: c))
                    if layer.labels != nil { series.append(Series(name: "", style: .scatter, points: points, colorIndex: c, pointLabels: labels(ordered))) }
                case .band:
                    let x = try xs(ordered)
                    let lower = zip(x, try ys(layer.lower!, ordered, key: "lower")).map { Point($0, $1) }
                    let upper = zip(x, try ys(layer.upper!, ordered, key: "upper")).map { Point($0, $1) }
                    polygons.append(Plot.Polygon(name: name(nil), vertices: lower + upper.reversed(), showVertices: false, colorIndex: colour(colourKey(nil))))
                case .segments:
                    let tails = zip(try xs(ordered), try ys(layer.y[0], ordered, key: "y[0]"))
                    let heads = zip(try ys(layer.x2!, ordered, key: "x2"), try ys(layer.y2!, ordered, key: "y2"))
                    let points = zip(tails, heads).flatMap { [Point($0.0, $0.1), Point($1.0, $1.1)] }
                    let text = labels(ordered).flatMap { ["", $0] }
                    series.append(Series(name: name(layer.y[0]), style: .segments(arrowheads: layer.arrowheads), points: points, dashed: layer.dashed,
                                         colorIndex: colour(colourKey(nil)), pointLabels: text))
                case .pieces:
                    let from = try ys(layer.from!, ordered, key: "from"), to = try ys(layer.to!, ordered, key: "to")
                    for (j, y) in layer.y.enumerated() {
                        let values = try ys(y, ordered, key: "y[\(j)]")
                        let points = values.indices.flatMap { [Point(from[$0], values[$0]), Point(to[$0], values[$0])] }
                        series.append(Series(name: name(y), style: .pieces, points: points, dashed: layer.dashed, colorIndex: colour(colourKey(y))))
                    }
                case .printed:
                    break  // drawn above, from the spec's points
                }
            }
        }
        // Rings, drawn over everything else, around the marked layers' points that the paper does not print.
        for layer in f.layers {
            guard let printed = layer.printed, let mark = printed.markUnprinted else { continue }
            let marked = f.layers[mark.layer]
            func exact(_ column: String, _ i: Int) throws -> Rational {
                let cell = table.rows[i][table.columnIndex(column)!]
                let expected = "exact (integer or rational) coordinates in layer \(mark.layer) to compare with the printed points"
                if case .real = cell { throw fail(mark.key + ".layer", expected, "the real \(cell) in column \(column), \(table.rowLabel(i))") }
                guard let v = cell.rationalValue else { throw fail(mark.key + ".layer", expected, "\"\(cell)\" in column \(column), \(table.rowLabel(i))") }
                return v
            }
            var unprinted: [(x: Rational, y: Rational)] = []
            for i in try layerRows(marked) {
                let p = (x: try exact(marked.x!, i), y: try exact(marked.y[0], i))
                let isPrinted = printed.points.contains { $0.x == p.x && $0.y == p.y }
                if !isPrinted, !unprinted.contains(where: { $0.x == p.x && $0.y == p.y }) { unprinted.append(p) }
            }
            guard !unprinted.isEmpty else { continue }
            series.append(Series(name: mark.name, style: .rings, points: unprinted.map { Point($0.x.doubleValue, $0.y.doubleValue) },
                                 colorIndex: colour("\(mark.key):unprinted")))
        }
        let references = try f.referenceLines.map { r -> Plot.ReferenceLine in
            switch r.position {
            case let .value(v):
                return Plot.ReferenceLine(axis: r.axis, value: v, label: r.label)
            case let .column(c):
                let values = try table.rows.indices.map { try number(c, $0, key: r.key + ".column") }
                guard let v = values.first, values.allSatisfy({ $0 == v }) else {
                    throw fail(r.key + ".column", "a column with one value on every row", values.isEmpty ? "no rows" : "values from \(values.min()!) to \(values.max()!)")
                }
                return Plot.ReferenceLine(axis: r.axis, value: v, label: r.label)
            }
        }
        // Default axis labels come from the layers drawn from columns (a spec has at least one).
        let drawn = f.layers.filter { $0.printed == nil }
        let plot = Plot.Figure(
            title: f.title, caption: f.caption,
            xAxis: Axis(label: f.xLabel ?? drawn[0].x ?? drawn[0].from, scale: f.xScale, range: f.xRange),
            yAxis: Axis(label: f.yLabel ?? (drawn.count == 1 && drawn[0].y.count == 1 ? drawn[0].y[0] : nil), scale: f.yScale, range: f.yRange),
            series: series, referenceLines: references, polygons: polygons)
        do {
            return try plot.svg()
        } catch let e as PlotError {
            if case let .invalidRange(axis, _, _, _) = e {
                let key = axis == .x ? "x_range" : "y_range"
                if (axis == .x ? f.xRange : f.yRange) != nil { throw fail("figure.\(key)", "an axis range that can be drawn", e.description) }
                throw fail("figure", "data whose \(axis) extent can be drawn (or a \"\(key)\")", e.description)
            }
            throw fail("figure", "a figure the data can draw", e.description)
        }
    }
}
