// The `figure` section of a spec: what to draw from the artifact's own CSV.
//
//   "figure": {
//     "title": "...", "caption": "...", "x_label": "...", "y_label": "...",
//     "x_scale": "linear" | "log", "y_scale": ..., "x_range": [lo, hi], "y_range": [lo, hi],
//     "reference_lines": [{"axis": "x" | "y", "value": 0.75 | "column": "b_star", "label": "..."}],
//     "layers": [ { "kind": ..., ... }, ... ]
//   }
//
// A figure with one layer may put that layer's keys at the top level instead
// of "layers". Layer kinds and the columns each reads:
//   line, step, scatter, area   "x", "y": [columns]      one curve per y column (and per series value)
//   polygon                     "x", "y": [column]       the convex hull of the rows' points, vertices marked
//   band                        "x", "lower", "upper"    the region between two curves, shaded
//   segments                    "x", "y": [column], "x2", "y2"   an arrow from (x, y) to (x2, y2) per row
//                               (a plain segment with "arrowheads": false)
//   pieces                      "from", "to", "y": [columns]     a piecewise-constant function given by its
//                               exact pieces: a row with from < to is the open interval, one with
//                               from = to a single point (so open and closed ends are drawn right)
//   printed                     "shape": "polygon" | "line" | "scatter", "points": [[x, y], ...],
//                               "location": where the paper prints it. What the paper prints, not
//                               computed: literal exact points (numbers or strings such as "3/4"),
//                               drawn as a grey dashed overlay (a polygon in the given boundary
//                               order, unfilled); the legend reads "as printed in the paper
//                               (<location>)" unless "name" is given. "mark_unprinted": {"layer": i,
//                               "name": "..."} rings the points of layer i (a scatter, polygon,
//                               line or step layer with one exact y column) that are not among the
//                               printed points, comparing exact rationals; "name" is the rings'
//                               legend entry. A printed layer has no other keys.
// Every other layer may also have "series" (one curve per distinct value of that
// column, in order of first appearance; curves of equal series values share a
// colour across layers), "where" (a row filter, as in claims: {column: value |
// [values] | {">": v, ">=": v, "<": v, "<=": v, "==": v, "!=": v}}), "name" (the legend prefix),
// "dashed"; step layers "ends" ("leftClosed" or "rightClosed"); line layers
// "breaks": "jumps" (the curve is cut where it jumps, Plot's
// Series.jumpBreaks, so no sloped segment joins a discontinuity); scatter,
// polygon and segments layers "labels" (a column whose text is drawn next to
// each point).

import Numerics
import Plot

/// What to plot from the artifact's CSV (drawn by the figure stage).
public struct FigureSpec: Sendable {
    public let title: String
    public let caption: String?
    public let xLabel: String?
    public let yLabel: String?
    public let xScale: Scale
    public let yScale: Scale
    public let xRange: ClosedRange<Double>?
    public let yRange: ClosedRange<Double>?
    public let referenceLines: [FigureReferenceLine]
    public let layers: [FigureLayer]
}

/// A labelled reference line at a fixed value or at the value of a column
/// (which must be the same on every row).
public struct FigureReferenceLine: Sendable {
    public let axis: AxisName
    public let position: Position
    public let label: String
    /// The key path, for errors found when the table is read.
    public let key: String

    public enum Position: Sendable {
        case value(Double)
        case column(String)
    }
}

/// One layer of a figure: a kind of mark and the columns it reads.
public struct FigureLayer: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case line, step, scatter, area, band, polygon, segments, pieces, printed
    }

    /// The key path of the layer ("figure" or "figure.layers[i]"), for errors.
    public let key: String
    public let kind: Kind
    public let x: String?
    public let y: [String]
    public let series: String?
    /// The layer's `where` filter (the same as a claim's).
    public let filters: [RowCondition]
    public let name: String?
    public let dashed: Bool
    public let labels: String?
    /// Segments layers: an arrowhead at (x2, y2).
    public let arrowheads: Bool
    public let ends: StepEnds
    /// Line layers: cut each curve at its jumps (`"breaks": "jumps"`).
    public let breaksAtJumps: Bool
    public let lower: String?
    public let upper: String?
    public let x2: String?
    public let y2: String?
    public let from: String?
    public let to: String?
    /// Printed layers: what the paper prints (the layer reads no columns).
    public var printed: PrintedOverlay? = nil
}

/// A `printed` layer's data: points the paper prints, given literally in
/// the spec (like a claim's printed value), drawn as an overlay.
public struct PrintedOverlay: Sendable {
    public enum Shape: String, Sendable, CaseIterable {
        case polygon, line, scatter
    }

    public let shape: Shape
    /// The printed points, exact, in the order given.
    public let points: [(x: Rational, y: Rational)]
    /// Where the paper prints them ("Figure 4 (a)").
    public let location: String
    /// Ring the points of another layer that the paper does not print.
    public let markUnprinted: MarkUnprinted?

    public struct MarkUnprinted: Sendable {
        /// The index of the marked layer in `FigureSpec.layers`.
        public let layer: Int
        /// The rings' legend entry.
        public let name: String
        /// The key path, for errors found when the table is read.
        public let key: String
    }
}

extension Spec {
    static let figureKeys = ["title", "caption", "x_label", "y_label", "x_scale", "y_scale", "x_range", "y_range", "reference_lines", "layers"]
    /// The keys of layers drawn from the table's columns.
    static let columnLayerKeys = ["kind", "x", "y", "series", "where", "name", "dashed", "labels", "arrowheads", "ends", "breaks", "lower", "upper", "x2", "y2", "from", "to"]
    static let layerKeys = columnLayerKeys + ["shape", "points", "location", "mark_unprinted"]
    /// The keys of a printed layer (its only keys).
    static let printedKeys = ["kind", "shape", "points", "location", "name", "mark_unprinted"]
    /// The layer kinds whose points a printed layer can mark.
    static let markableKinds: [FigureLayer.Kind] = [.scatter, .polygon, .line, .step]

    static func decodeFigure(_ r: SpecReader, columns: [Column]) throws -> FigureSpec {
        let o = try r.object(allowed: figureKeys + layerKeys)
        let names = columns.map(\.name)
        func column(_ reader: SpecReader) throws -> String { try figureColumn(reader, names) }
        func scale(_ key: String) throws -> Scale {
            guard let v = o.optional(key) else { return .linear }
            let s = try v.string()
            guard let scale = Scale(rawValue: s) else { throw v.fail("\"linear\" or \"log\"", suggestion: nearest(s, among: ["linear", "log"])) }
            return scale
        }
        func range(_ key: String) throws -> ClosedRange<Double>? {
            guard let v = o.optional(key) else { return nil }
            let ends = try v.array()
            guard ends.count == 2 else { throw v.fail("[lower, upper]") }
            let (lo, hi) = (try ends[0].real(), try ends[1].real())
            guard lo < hi else { throw v.fail("a lower bound below the upper bound", showFound: false) }
            return lo...hi
        }
        let refs = try (o.optional("reference_lines")?.array() ?? []).map { lr -> FigureReferenceLine in
            let lo = try lr.object(allowed: ["axis", "value", "column", "label"])
            let axisReader = try lo.required("axis", "\"x\" or \"y\"")
            guard let axis = AxisName(rawValue: try axisReader.string()) else { throw axisReader.fail("\"x\" or \"y\"") }
            let position: FigureReferenceLine.Position
            switch (lo.optional("value"), lo.optional("column")) {
            case let (v?, nil): position = .value(try v.real())
            case let (nil, c?): position = .column(try column(c))
            default: throw lr.fail("exactly one of \"value\" (a number) and \"column\" (a column constant over the rows)", showFound: false)
            }
            return FigureReferenceLine(axis: axis, position: position, label: try lo.optional("label")?.string() ?? "", key: lr.path)
        }
        let layers: [FigureLayer]
        if let lr = o.optional("layers") {
            if let stray = o.keys.first(where: { layerKeys.contains($0) }) {
                throw o.optional(stray)!.fail("no layer keys beside \"layers\" (move \"\(stray)\" into a layer)", showFound: false)
            }
            let items = try lr.array()
            guard !items.isEmpty else { throw lr.fail("at least one layer") }
            layers = try items.map { try decodeLayer(try $0.object(allowed: layerKeys), columns: columns) }
            guard layers.contains(where: { $0.printed == nil }) else {
                throw lr.fail("at least one layer drawn from the table's columns (a printed layer only overlays them)", showFound: false)
            }
        } else {
            if let k = o.optional("kind"), (try? k.string()) == "printed" {
                throw k.fail("a layer drawn from the table's columns (a printed layer goes in \"layers\", beside the layers it overlays)")
            }
            layers = [try decodeLayer(o, columns: columns)]
        }
        for (i, layer) in layers.enumerated() {
            guard let mark = layer.printed?.markUnprinted else { continue }
            let expected = "the index of another layer (a " + markableKinds.map(\.rawValue).joined(separator: ", ") + " layer with one y column)"
            guard mark.layer >= 0, mark.layer < layers.count, mark.layer != i else {
                throw HarnessError.invalidSpec(file: r.file, keyPath: mark.key + ".layer", expected: expected, found: "\(mark.layer)", suggestion: nil)
            }
            let marked = layers[mark.layer]
            guard markableKinds.contains(marked.kind), marked.y.count == 1 else {
                throw HarnessError.invalidSpec(file: r.file, keyPath: mark.key + ".layer", expected: expected,
                                               found: "layer \(mark.layer), a \(marked.kind.rawValue) layer" + (marked.y.count > 1 ? " with \(marked.y.count) y columns" : ""),
                                               suggestion: nil)
            }
        }
        return FigureSpec(title: try o.required("title", "the figure title").nonEmptyString(),
                          caption: try o.optional("caption")?.string(),
                          xLabel: try o.optional("x_label")?.string(), yLabel: try o.optional("y_label")?.string(),
                          xScale: try scale("x_scale"), yScale: try scale("y_scale"),
                          xRange: try range("x_range"), yRange: try range("y_range"),
                          referenceLines: refs, layers: layers)
    }

    /// A column name at `reader` that the table has.
    static func figureColumn(_ reader: SpecReader, _ columns: [String]) throws -> String {
        let name = try reader.string()
        guard columns.contains(name) else { throw reader.fail("an output column", suggestion: nearest(name, among: columns)) }
        return name
    }

    /// One layer from `o` (a layer object, or the figure itself in the one-layer form).
    static func decodeLayer(_ o: ObjectReader, columns: [Column]) throws -> FigureLayer {
        func column(_ reader: SpecReader) throws -> String { try figureColumn(reader, columns.map(\.name)) }
        let kindReader = o.optional("kind")
        let kindText = try kindReader?.string() ?? "line"
        guard let kind = FigureLayer.Kind(rawValue: kindText) else {
            let kinds = FigureLayer.Kind.allCases.map(\.rawValue)
            throw kindReader!.fail("one of " + kinds.joined(separator: ", "), suggestion: nearest(kindText, among: kinds))
        }
        if kind == .printed { return try decodePrinted(o) }
        // The keys each kind reads, besides kind, series, where, name and dashed.
        let needs: [String]
        var optional: [String] = []
        switch kind {
        case .line: needs = ["x", "y"]; optional = ["breaks"]
        case .area: needs = ["x", "y"]
        case .step: needs = ["x", "y"]; optional = ["ends"]
        case .scatter, .polygon: needs = ["x", "y"]; optional = ["labels"]
        case .band: needs = ["x", "lower", "upper"]
        case .segments: needs = ["x", "y", "x2", "y2"]; optional = ["labels", "arrowheads"]
        case .pieces: needs = ["from", "to", "y"]
        case .printed: needs = []
        }
        let general = ["kind", "series", "where", "name", "dashed"]
        if let stray = o.keys.first(where: { layerKeys.contains($0) && !columnLayerKeys.contains($0) }) {
            throw o.optional(stray)!.fail("\"\(stray)\" only in a printed layer (\"kind\": \"printed\")", showFound: false)
        }
        if let stray = o.keys.first(where: { layerKeys.contains($0) && !(needs + optional + general).contains($0) }) {
            throw o.optional(stray)!.fail("only " + (needs + optional + general).map { "\"\($0)\"" }.joined(separator: ", ") + " in a \(kind.rawValue) layer",
                                          showFound: false)
        }
        func one(_ key: String) throws -> String? {
            guard needs.contains(key) || optional.contains(key) else { return nil }
            guard let r = o.optional(key) else {
                if optional.contains(key) { return nil }
                _ = try o.required(key, "a column (a \(kind.rawValue) layer needs " + needs.map { "\"\($0)\"" }.joined(separator: ", ") + ")")
                return nil
            }
            return try column(r)
        }
        var ys: [String] = []
        if needs.contains("y") {
            let yReader = try o.required("y", "the y columns")
            ys = try yReader.array().map(column)
            guard !ys.isEmpty else { throw yReader.fail("at least one column") }
            if kind == .polygon || kind == .segments, ys.count != 1 { throw yReader.fail("exactly one column for a \(kind.rawValue) layer") }
        }
        var ends = StepEnds.leftClosed
        if let e = o.optional("ends") {
            switch try e.string() {
            case "leftClosed": ends = .leftClosed
            case "rightClosed": ends = .rightClosed
            default: throw e.fail("\"leftClosed\" (each value holds from its x to the next) or \"rightClosed\"")
            }
        }
        var breaksAtJumps = false
        if let b = o.optional("breaks") {
            guard try b.string() == "jumps" else { throw b.fail("\"jumps\" (cut the curve where it jumps)") }
            breaksAtJumps = true
        }
        let filters = try o.optional("where").map { try decodeRowFilter($0, columns: columns) } ?? []
        return FigureLayer(key: o.reader.path, kind: kind, x: try one("x"), y: ys, series: try o.optional("series").map(column),
                           filters: filters, name: try o.optional("name")?.nonEmptyString(), dashed: try o.optional("dashed")?.bool() ?? false,
                           labels: try one("labels"), arrowheads: try o.optional("arrowheads")?.bool() ?? true, ends: ends, breaksAtJumps: breaksAtJumps, lower: try one("lower"), upper: try one("upper"),
                           x2: try one("x2"), y2: try one("y2"), from: try one("from"), to: try one("to"))
    }

    /// A printed layer: the paper's points, given literally.
    static func decodePrinted(_ o: ObjectReader) throws -> FigureLayer {
        if let stray = o.keys.first(where: { !printedKeys.contains($0) }) {
            throw o.optional(stray)!.fail("only " + printedKeys.map { "\"\($0)\"" }.joined(separator: ", ") + " in a printed layer (it reads no columns)",
                                          showFound: false)
        }
        let shapes = PrintedOverlay.Shape.allCases.map(\.rawValue)
        let shapeReader = try o.required("shape", "one of " + shapes.joined(separator: ", "))
        let shapeText = try shapeReader.string()
        guard let shape = PrintedOverlay.Shape(rawValue: shapeText) else {
            throw shapeReader.fail("one of " + shapes.joined(separator: ", "), suggestion: nearest(shapeText, among: shapes))
        }
        let pointsReader = try o.required("points", "the printed points, [[x, y], ...]")
        let items = try pointsReader.array()
        let least = shape == .polygon ? 3 : shape == .line ? 2 : 1
        guard items.count >= least else { throw pointsReader.fail("at least \(least) point\(least > 1 ? "s" : "") for a \(shape.rawValue)") }
        guard items.count <= InputLimits.printedPoints else { throw pointsReader.fail("at most \(InputLimits.printedPoints) printed points", showFound: false) }
        let points = try items.map { item -> (x: Rational, y: Rational) in
            let xy = try item.array()
            guard xy.count == 2 else { throw item.fail("a point [x, y]") }
            let x = try xy[0].rational(), y = try xy[1].rational()
            for (v, reader) in [(x, xy[0]), (y, xy[1])] where !v.doubleValue.isFinite {
                throw reader.fail("a coordinate that is finite as a double")
            }
            return (x, y)
        }
        let location = try o.required("location", "where the paper prints these points (\"Figure 4 (a)\")").nonEmptyString()
        var mark: PrintedOverlay.MarkUnprinted?
        if let m = o.optional("mark_unprinted") {
            let mo = try m.object(allowed: ["layer", "name"])
            mark = PrintedOverlay.MarkUnprinted(layer: try mo.required("layer", "the index of the layer whose unprinted points to mark").integer(),
                                                name: try mo.required("name", "the legend entry of the marks (\"missed by the paper\")").nonEmptyString(),
                                                key: m.path)
        }
        var layer = FigureLayer(key: o.reader.path, kind: .printed, x: nil, y: [], series: nil, filters: [],
                                name: try o.optional("name")?.nonEmptyString() ?? "as printed in the paper (\(location))",
                                dashed: true, labels: nil, arrowheads: false, ends: .leftClosed, breaksAtJumps: false,
                                lower: nil, upper: nil, x2: nil, y2: nil, from: nil, to: nil)
        layer.printed = PrintedOverlay(shape: shape, points: points, location: location, markUnprinted: mark)
        return layer
    }
}
