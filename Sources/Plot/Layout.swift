// Validation, axis ranges, the page layout and the data-to-pixel mapping.
//
// Layout, top to bottom: the title (16 px bold, wrapped, 20 px lines, first
// baseline at 28), 22 px on which the labels of vertical reference lines
// sit, the plot area, x tick labels (baseline 20 px below the
// plot), the x-axis label (20 px lower), the legend (rows of 18 px), the
// caption (12 px, wrapped to the canvas width less 16 px margins, 16 px
// lines) and a 10 px bottom margin. Left to right: the rotated y-axis label,
// the y tick labels, the plot area, a 24 px right margin. Text widths are
// estimated as 0.55 × font size per character (no font metrics are
// available), so the layout depends on the text only and is deterministic.

import Foundation

/// The plot area of a laid-out figure and its data-to-pixel mapping. SVG
/// pixels: x grows to the right, y downwards.
public struct Frame: Sendable, Equatable {
    /// The plot area: left edge, top edge and size, in pixels.
    public let left: Double
    public let top: Double
    public let width: Double
    public let height: Double
    /// The data ranges shown, after padding. Never of zero length: a range
    /// of zero length at v is widened to v ± |v|/10 (−1 … 1 at 0) on a
    /// linear axis and to v/√10 … v·√10 on a log axis.
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let xScale: Scale
    public let yScale: Scale

    public var right: Double { left + width }
    public var bottom: Double { top + height }

    /// Where a data point is drawn: the lower-left corner of the ranges maps
    /// to (left, bottom), the upper-right to (right, top), linearly in the
    /// value or in its logarithm.
    public func pixel(_ p: Point) -> (x: Double, y: Double) {
        (left + Frame.fraction(p.x, xRange, xScale) * width, bottom - Frame.fraction(p.y, yRange, yScale) * height)
    }

    /// The position of `v` along `range`, 0 at the lower bound and 1 at the upper.
    static func fraction(_ v: Double, _ range: ClosedRange<Double>, _ scale: Scale) -> Double {
        switch scale {
        case .linear:
            return (v - range.lowerBound) / (range.upperBound - range.lowerBound)
        case .log:
            return (log10(v) - log10(range.lowerBound)) / (log10(range.upperBound) - log10(range.lowerBound))
        }
    }
}

/// Sizes of the layout, in pixels.
enum Metrics {
    static let titleFont = 16.0, titleLine = 20.0
    static let labelFont = 13.0
    static let tickFont = 11.0
    static let legendFont = 12.0, legendRow = 18.0, legendSwatch = 22.0
    static let captionFont = 12.0, captionLine = 16.0
    /// Average advance of a sans-serif glyph, as a fraction of the font size.
    static let charWidth = 0.55
    /// The same for bold text (the title).
    static let boldCharWidth = 0.64
    static let margin = 16.0
    static let tickLength = 5.0, minorTickLength = 3.0
    static let marker = 3.5
    /// The radius of a ring (`Style.rings`), clear of a marker and its outline.
    static let ring = 8.0
    /// The smallest plot-area width and height accepted.
    static let minPlot = 40.0
}

/// The estimated width of `text` in a font of size `font`.
func textWidth(_ text: String, font: Double) -> Double {
    Double(text.count) * font * Metrics.charWidth
}

/// Greedy word wrap to lines of at most `width` (estimated); a newline
/// starts a new line, a word longer than a line is cut.
func wrap(_ text: String, width: Double, font: Double, charWidth: Double = Metrics.charWidth) -> [String] {
    let maxChars = max(1, Int(width / (font * charWidth)))
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for piece in paragraph.split(separator: " ") {
            var word = String(piece)
            while word.count > maxChars {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(maxChars)))
                word = String(word.dropFirst(maxChars))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= maxChars {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
    }
    return lines
}

/// A legend entry: the swatch kind follows the style of its series.
struct LegendEntry {
    enum Swatch: Equatable { case line(dashed: Bool), marker, fill, ring }
    let name: String
    let swatch: Swatch
    let color: String
    /// Left edge of the swatch and baseline of the name.
    let x: Double
    let baseline: Double
}

/// A line of text and its baseline.
struct TextLine {
    let text: String
    let baseline: Double
}

/// Everything the SVG writer places, computed from the figure alone.
struct Layout {
    /// The largest coordinate magnitude an axis range may reach.
    static let largestCoordinate = 1e300
    /// The smallest length of an axis range, relative to its magnitude and absolute.
    static let narrowestRelativeSpan = 1e-12
    static let narrowestSpan = 1e-290

    let frame: Frame
    let title: [TextLine]
    let xTicks: [Double], xMinorTicks: [Double]
    let yTicks: [Double], yMinorTicks: [Double]
    let xTickBaseline: Double
    let xLabelBaseline: Double
    /// The baseline (x coordinate, the text being rotated) of the y-axis label.
    let yLabelX: Double
    let legend: [LegendEntry]
    let caption: [TextLine]
}

extension Figure {
    /// The plot area and data-to-pixel mapping `svg()` uses. Throws what `svg()` throws.
    public func frame() throws -> Frame { try layout().frame }

    func axis(_ name: AxisName) -> Axis { name == .x ? xAxis : yAxis }

    /// Checks every input rule; throws the first violation.
    func validate() throws {
        guard width > 0, height > 0 else {
            throw PlotError.canvasTooSmall(width: width, height: height, reason: "width and height must be positive")
        }
        guard !series.isEmpty || !polygons.isEmpty else { throw PlotError.nothingToPlot }
        func checkFinite(_ points: [Point], _ element: String) throws {
            for (k, p) in points.enumerated() {
                if !p.x.isFinite { throw PlotError.nonFiniteCoordinate(element: element, pointIndex: k, axis: .x, value: p.x) }
                if !p.y.isFinite { throw PlotError.nonFiniteCoordinate(element: element, pointIndex: k, axis: .y, value: p.y) }
            }
        }
        for (i, s) in series.enumerated() {
            let element = seriesName(i, s)
            guard !s.points.isEmpty else { throw PlotError.emptySeries(element: element) }
            try checkFinite(s.points, element)
            if case .step = s.style {
                for k in s.points.indices.dropFirst() where !(s.points[k].x > s.points[k - 1].x) {
                    throw PlotError.stepNotIncreasing(element: element, pointIndex: k, previous: s.points[k - 1].x, value: s.points[k].x)
                }
            }
            if s.style == .pieces || s.style == .segments(arrowheads: true) || s.style == .segments(arrowheads: false) {
                guard s.points.count % 2 == 0 else {
                    throw PlotError.malformedPairs(element: element, pointIndex: nil, reason: "\(s.points.count) points; \(s.style.name) take them in pairs")
                }
                if s.style == .pieces {
                    for k in stride(from: 0, to: s.points.count, by: 2) {
                        let (a, b) = (s.points[k], s.points[k + 1])
                        guard a.y == b.y, a.x <= b.x else {
                            throw PlotError.malformedPairs(element: element, pointIndex: k, reason: "a piece runs from (\(a.x), \(a.y)) to (\(b.x), \(b.y)); it needs one y and from ≤ to")
                        }
                    }
                }
            }
            guard s.pointLabels.isEmpty || s.pointLabels.count == s.points.count else {
                throw PlotError.labelCount(element: element, points: s.points.count, labels: s.pointLabels.count)
            }
        }
        for (j, p) in polygons.enumerated() {
            guard p.vertices.count >= 3 else { throw PlotError.tooFewVertices(element: polygonName(j, p), count: p.vertices.count) }
            try checkFinite(p.vertices, polygonName(j, p))
        }
        for (i, r) in referenceLines.enumerated() where !r.value.isFinite {
            throw PlotError.nonFiniteCoordinate(element: referenceLineName(i, r), pointIndex: nil, axis: r.axis, value: r.value)
        }
        for name in [AxisName.x, .y] where axis(name).scale == .log {
            func coordinate(_ p: Point) -> Double { name == .x ? p.x : p.y }
            func checkPositive(_ points: [Point], _ element: String) throws {
                if let k = points.firstIndex(where: { coordinate($0) <= 0 }) {
                    throw PlotError.nonPositiveOnLogAxis(axis: name, element: element, pointIndex: k, value: coordinate(points[k]))
                }
            }
            for (i, s) in series.enumerated() { try checkPositive(s.points, seriesName(i, s)) }
            for (j, p) in polygons.enumerated() { try checkPositive(p.vertices, polygonName(j, p)) }
            for (i, r) in referenceLines.enumerated() where r.axis == name && r.value <= 0 {
                throw PlotError.nonPositiveOnLogAxis(axis: name, element: referenceLineName(i, r), pointIndex: nil, value: r.value)
            }
        }
    }

    /// The data range of an axis: the fixed range or the padded extent of
    /// the data, widened when of zero length.
    func range(_ name: AxisName) throws -> ClosedRange<Double> {
        let axis = axis(name)
        var lo: Double, hi: Double
        if let fixed = axis.range {
            (lo, hi) = (fixed.lowerBound, fixed.upperBound)
            guard lo.isFinite, hi.isFinite else {
                throw PlotError.invalidRange(axis: name, lower: lo, upper: hi, reason: "bounds must be finite")
            }
            guard axis.scale == .linear || lo > 0 else {
                throw PlotError.invalidRange(axis: name, lower: lo, upper: hi, reason: "a log axis needs a positive lower bound")
            }
        } else {
            func coordinate(_ p: Point) -> Double { name == .x ? p.x : p.y }
            var values = series.flatMap { $0.points.map(coordinate) } + polygons.flatMap { $0.vertices.map(coordinate) }
            values += referenceLines.filter { $0.axis == name }.map(\.value)
            if name == .y, axis.scale == .linear, series.contains(where: { $0.style == .area }) { values.append(0) }
            (lo, hi) = (values.min()!, values.max()!)
            if lo < hi {
                switch axis.scale {
                case .linear:
                    let pad = 0.05 * (hi - lo)
                    (lo, hi) = (lo - pad, hi + pad)
                case .log:
                    let pad = 0.05 * (log10(hi) - log10(lo))
                    (lo, hi) = (pow(10, log10(lo) - pad), pow(10, log10(hi) + pad))
                }
            }
        }
        if lo == hi {
            switch axis.scale {
            case .linear:
                let pad = lo == 0 ? 1 : lo.magnitude / 10
                (lo, hi) = (lo - pad, hi + pad)
            case .log:
                (lo, hi) = (lo / 10.0.squareRoot(), hi * 10.0.squareRoot())
            }
        }
        // A range too wide for doubles (its length overflows) or too narrow
        // to tell its ends apart cannot be drawn or ticked.
        let magnitude = max(lo.magnitude, hi.magnitude)
        guard (hi - lo).isFinite, magnitude <= Layout.largestCoordinate else {
            throw PlotError.invalidRange(axis: name, lower: lo, upper: hi, reason: "too wide to draw (coordinates of magnitude at most 1e300)")
        }
        if !(lo < hi) || (hi - lo) < Layout.narrowestRelativeSpan * magnitude || (hi - lo) < Layout.narrowestSpan {
            throw PlotError.invalidRange(axis: name, lower: lo, upper: hi,
                                         reason: "too narrow to draw (the ends must differ by at least 1e-12 of their magnitude and 1e-290)")
        }
        return lo...hi
    }

    /// Lays the figure out; throws when the input is invalid or the canvas
    /// leaves less than 40 × 40 px for the plot.
    func layout() throws -> Layout {
        try validate()
        let xRange = try range(.x), yRange = try range(.y)
        func ticks(_ r: ClosedRange<Double>, _ scale: Scale) -> (major: [Double], minor: [Double]) {
            scale == .linear ? (Ticks.linear(r.lowerBound, r.upperBound), [])
                : (Ticks.log(r.lowerBound, r.upperBound), Ticks.logMinor(r.lowerBound, r.upperBound))
        }
        let (xTicks, xMinor) = ticks(xRange, xAxis.scale), (yTicks, yMinor) = ticks(yRange, yAxis.scale)
        let canvasWidth = Double(width), canvasHeight = Double(height)

        // Horizontal: y-axis label, y tick labels, plot, right margin.
        let yLabelX = Metrics.margin + Metrics.labelFont
        let yTickLabelWidth = yTicks.map { textWidth(Ticks.label($0), font: Metrics.tickFont) }.max() ?? 0
        let left = (yAxis.label == nil ? Metrics.margin : yLabelX + 8) + yTickLabelWidth + Metrics.tickLength + 4
        let right = canvasWidth - 24

        // Title lines from the top.
        let titleLines = wrap(title, width: canvasWidth - 2 * Metrics.margin, font: Metrics.titleFont, charWidth: Metrics.boldCharWidth)
        let titleText = titleLines.enumerated().map { TextLine(text: $1, baseline: 12 + Metrics.titleFont + Double($0) * Metrics.titleLine) }
        let top = titleText.last.map { $0.baseline + 22 } ?? 20

        // Legend rows, flowed left to right within the plot width; offsets below the plot.
        var entries: [(name: String, swatch: LegendEntry.Swatch, color: String)] = []
        for (i, s) in series.enumerated() where !s.name.isEmpty {
            let swatch: LegendEntry.Swatch = s.style == .scatter ? .marker : s.style == .rings ? .ring : (s.style == .area ? .fill : .line(dashed: s.dashed))
            entries.append((s.name, swatch, color(ofSeries: i)))
        }
        for (j, p) in polygons.enumerated() where !p.name.isEmpty {
            entries.append((p.name, p.overlay ? .line(dashed: true) : .fill, color(ofPolygon: j)))
        }
        if entries.count < 2 { entries = [] }
        var placed: [(entry: Int, x: Double, row: Int)] = []
        var x = left, row = 0
        for (k, e) in entries.enumerated() {
            let w = Metrics.legendSwatch + 6 + textWidth(e.name, font: Metrics.legendFont) + 18
            if x > left && x + w > right { x = left; row += 1 }
            placed.append((k, x, row))
            x += w
        }
        var offset = Metrics.tickLength + 4 + Metrics.tickFont  // x tick label baseline
        let xTickOffset = offset
        if xAxis.label != nil { offset += 20 }
        let xLabelOffset = offset
        let legendOffset = offset + 22
        if !placed.isEmpty { offset = legendOffset + Double(row) * Metrics.legendRow }
        let captionLines = wrap(caption ?? "", width: canvasWidth - 2 * Metrics.margin, font: Metrics.captionFont)
        let captionOffset = offset + 22
        if !captionLines.isEmpty { offset = captionOffset + Double(captionLines.count - 1) * Metrics.captionLine }
        let bottom = canvasHeight - offset - 10

        guard right - left >= Metrics.minPlot, bottom - top >= Metrics.minPlot else {
            throw PlotError.canvasTooSmall(width: width, height: height, reason:
                "the title, labels, legend and caption leave \(Int(right - left))×\(Int(bottom - top)) px for the plot, at least 40×40 needed")
        }
        let frame = Frame(left: left, top: top, width: right - left, height: bottom - top,
                          xRange: xRange, yRange: yRange, xScale: xAxis.scale, yScale: yAxis.scale)
        return Layout(
            frame: frame, title: titleText,
            xTicks: xTicks, xMinorTicks: xMinor, yTicks: yTicks, yMinorTicks: yMinor,
            xTickBaseline: bottom + xTickOffset, xLabelBaseline: bottom + xLabelOffset, yLabelX: yLabelX,
            legend: placed.map { p in
                let e = entries[p.entry]
                return LegendEntry(name: e.name, swatch: e.swatch, color: e.color, x: p.x,
                                   baseline: bottom + legendOffset + Double(p.row) * Metrics.legendRow)
            },
            caption: captionLines.enumerated().map { TextLine(text: $1, baseline: bottom + captionOffset + Double($0) * Metrics.captionLine) })
    }
}
