// The SVG writer.
//
// Output: an SVG 1.1 document, one element per line, indented by two spaces
// per level, attributes in a fixed order. Coordinates are written with at
// most two decimals (trailing zeros dropped, "-0" never written); tick
// labels use `Ticks.label`. Text is escaped for XML, and characters XML 1.0
// forbids are replaced by U+FFFD. Element classes, for readers of the SVG:
// `plot-area` (the plot rectangle), `series <style>` groups with
// `data-series` (the index) and `data-name`, in which `point` (scatter
// markers), `step-open` / `step-closed` (step-function end points),
// `step-jump`, `line-pieces` and `line-point` (a line broken at jumps, a piece of one point), `area-fill`, `piece` / `piece-open` / `piece-point`,
// `segment`, `arrow` / `arrow-head`, `point-label`, `ring`; `polygon` groups with `data-polygon`, `vertex`
// markers (an overlay polygon: the group's class is `polygon overlay`, its
// outline `overlay-outline`, its markers `overlay-vertex`); `reference-line` with `data-axis`, `reference-labels`; `x-ticks` / `y-ticks`,
// `legend`, `caption`.

/// Escapes text for XML content and attribute values (also used for the
/// runner's JUnit XML): the five special characters, line ends and tabs as
/// character references, characters XML 1.0 cannot carry as U+FFFD.
public func escapeXML(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\r", "\t": out += "&#\(scalar.value);"
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// A pixel coordinate with at most two decimals: 12, 12.5, 12.25, -3.07.
/// Values beyond ±10⁶ px (far outside any canvas) are clamped.
func coordinate(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let hundredths = Int((min(max(v, -1e6), 1e6) * 100).rounded())
    let magnitude = hundredths.magnitude, whole = magnitude / 100, fraction = magnitude % 100
    let sign = hundredths < 0 ? "-" : ""
    if fraction == 0 { return sign + "\(whole)" }
    if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
    return sign + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

/// Builds the document line by line.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    private mutating func line(_ s: String) {
        text += String(repeating: "  ", count: depth) + s + "\n"
    }

    private func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escapeXML($0.1))\"" }.joined()
    }

    mutating func open(_ name: String, _ pairs: [(String, String)] = []) {
        line("<\(name)\(attributes(pairs))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func empty(_ name: String, _ pairs: [(String, String)]) {
        line("<\(name)\(attributes(pairs))/>")
    }

    mutating func element(_ name: String, _ pairs: [(String, String)], _ content: String) {
        line("<\(name)\(attributes(pairs))>\(escapeXML(content))</\(name)>")
    }

    mutating func segment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ extra: [(String, String)] = []) {
        empty("line", extra + [("x1", coordinate(a.x)), ("y1", coordinate(a.y)), ("x2", coordinate(b.x)), ("y2", coordinate(b.y))])
    }

    mutating func circle(_ c: (x: Double, y: Double), class name: String, fill: String, stroke: String? = nil) {
        var pairs = [("class", name), ("cx", coordinate(c.x)), ("cy", coordinate(c.y)), ("r", coordinate(Metrics.marker)), ("fill", fill)]
        if let stroke { pairs += [("stroke", stroke), ("stroke-width", "1.5")] }
        empty("circle", pairs)
    }

    mutating func label(_ text: String, at p: (x: Double, y: Double), size: Double, anchor: String, _ extra: [(String, String)] = []) {
        element("text", [("x", coordinate(p.x)), ("y", coordinate(p.y)), ("font-size", coordinate(size)), ("text-anchor", anchor)] + extra, text)
    }
}

/// "x1,y1 x2,y2 …" for `points` and `polygon` attributes.
func pointList(_ pixels: [(x: Double, y: Double)]) -> String {
    pixels.map { "\(coordinate($0.x)),\(coordinate($0.y))" }.joined(separator: " ")
}

extension Style {
    /// The style's name in the `class` of its series group.
    var name: String {
        switch self {
        case .line: return "line"
        case .scatter: return "scatter"
        case .area: return "area"
        case .step: return "step"
        case .pieces: return "pieces"
        case .segments: return "segments"
        case .rings: return "rings"
        }
    }
}

extension Figure {
    /// The figure as an SVG 1.1 document: the same figure always gives the
    /// same bytes. Throws `PlotError` when the input is invalid (see the
    /// cases) or the canvas is too small for the text.
    public func svg() throws -> String {
        let layout = try layout()
        let frame = layout.frame
        var w = SVGWriter()
        let clip = [("clip-path", "url(#plot-clip)")]
        w.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("width", "\(width)"), ("height", "\(height)"),
                       ("viewBox", "0 0 \(width) \(height)"), ("role", "img"), ("aria-labelledby", "plot-title plot-desc"),
                       ("font-family", "Helvetica, Arial, sans-serif")])
        w.element("title", [("id", "plot-title")], title)
        w.element("desc", [("id", "plot-desc")], summary(frame))
        // Markers on the edge of the plot stay whole: the clip extends past it by a marker radius plus 1.5 px.
        let slack = Metrics.marker + 1.5
        w.open("defs")
        w.open("clipPath", [("id", "plot-clip")])
        w.empty("rect", [("x", coordinate(frame.left - slack)), ("y", coordinate(frame.top - slack)),
                         ("width", coordinate(frame.width + 2 * slack)), ("height", coordinate(frame.height + 2 * slack))])
        w.close("clipPath")
        w.close("defs")
        w.empty("rect", [("class", "background"), ("x", "0"), ("y", "0"), ("width", "\(width)"), ("height", "\(height)"), ("fill", "#FFFFFF")])
        w.empty("rect", [("class", "plot-area"), ("x", coordinate(frame.left)), ("y", coordinate(frame.top)),
                         ("width", coordinate(frame.width)), ("height", coordinate(frame.height)), ("fill", "none"), ("stroke", "#BBBBBB")])
        writeGrid(&w, layout)
        writePolygons(&w, frame, clip)
        writeReferenceLines(&w, frame)
        for (i, s) in series.enumerated() {
            w.open("g", [("class", "series \(s.style.name)"), ("data-series", "\(i)"), ("data-name", s.name)] + clip)
            writeSeries(&w, s, color: color(ofSeries: i), frame)
            w.close("g")
        }
        writeReferenceLabels(&w, frame)
        writeAxes(&w, layout)
        for line in layout.title {
            w.label(line.text, at: (Double(width) / 2, line.baseline), size: Metrics.titleFont, anchor: "middle",
                    [("font-weight", "bold"), ("class", "title")])
        }
        writeLegend(&w, layout.legend)
        if !layout.caption.isEmpty {
            w.open("g", [("class", "caption"), ("fill", "#333333")])
            for line in layout.caption {
                w.label(line.text, at: (Metrics.margin, line.baseline), size: Metrics.captionFont, anchor: "start")
            }
            w.close("g")
        }
        w.close("svg")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + w.text
    }

    /// The `<desc>`: the caption, the axes with their ranges, and what is drawn.
    func summary(_ frame: Frame) -> String {
        func axisText(_ name: AxisName, _ axis: Axis, _ r: ClosedRange<Double>) -> String {
            "\(name) axis \(axis.label.map { "\"\($0)\"" } ?? "(unlabelled)"), \(axis.scale.rawValue), \(Ticks.label(r.lowerBound)) to \(Ticks.label(r.upperBound))"
        }
        var parts = caption.map { [$0] } ?? []
        parts.append(axisText(.x, xAxis, frame.xRange) + "; " + axisText(.y, yAxis, frame.yRange) + ".")
        let drawn = series.map { s -> String in
            let pieces = s.style == .line ? s.pieces(s.points.count).count : 1
            return "\(s.overlay ? "overlay " : "")\(s.style.name) \"\(s.name)\" (\(s.points.count) points\(pieces > 1 ? " in \(pieces) pieces" : ""))"
        }
            + polygons.map { "\($0.overlay ? "overlay " : "")polygon \"\($0.name)\" (\($0.vertices.count) vertices)" }
            + referenceLines.map { "reference line \($0.axis) = \(Ticks.label($0.value)) \"\($0.label)\"" }
        parts.append("Drawn: " + drawn.joined(separator: "; ") + ".")
        return parts.joined(separator: " ")
    }

    func writeGrid(_ w: inout SVGWriter, _ layout: Layout) {
        let f = layout.frame
        w.open("g", [("class", "grid"), ("stroke", "#E5E5E5"), ("stroke-width", "1")])
        for t in layout.xTicks {
            let x = f.pixel(Point(t, f.yRange.lowerBound)).x
            w.segment((x, f.top), (x, f.bottom))
        }
        for t in layout.yTicks {
            let y = f.pixel(Point(f.xRange.lowerBound, t)).y
            w.segment((f.left, y), (f.right, y))
        }
        w.close("g")
    }

    func writeAxes(_ w: inout SVGWriter, _ layout: Layout) {
        let f = layout.frame
        w.open("g", [("class", "axes"), ("stroke", "#000000"), ("stroke-width", "1")])
        w.segment((f.left, f.bottom), (f.right, f.bottom))
        w.segment((f.left, f.top), (f.left, f.bottom))
        w.close("g")
        w.open("g", [("class", "x-ticks"), ("stroke", "#000000")])
        for t in layout.xMinorTicks {
            let x = f.pixel(Point(t, f.yRange.lowerBound)).x
            w.segment((x, f.bottom), (x, f.bottom + Metrics.minorTickLength), [("class", "minor")])
        }
        for t in layout.xTicks {
            let x = f.pixel(Point(t, f.yRange.lowerBound)).x
            w.segment((x, f.bottom), (x, f.bottom + Metrics.tickLength))
            w.label(Ticks.label(t), at: (x, layout.xTickBaseline), size: Metrics.tickFont, anchor: "middle", [("stroke", "none")])
        }
        w.close("g")
        w.open("g", [("class", "y-ticks"), ("stroke", "#000000")])
        for t in layout.yMinorTicks {
            let y = f.pixel(Point(f.xRange.lowerBound, t)).y
            w.segment((f.left - Metrics.minorTickLength, y), (f.left, y), [("class", "minor")])
        }
        for t in layout.yTicks {
            let y = f.pixel(Point(f.xRange.lowerBound, t)).y
            w.segment((f.left - Metrics.tickLength, y), (f.left, y))
            w.label(Ticks.label(t), at: (f.left - Metrics.tickLength - 3, y + 4), size: Metrics.tickFont, anchor: "end", [("stroke", "none")])
        }
        w.close("g")
        if let label = xAxis.label {
            w.label(label, at: ((f.left + f.right) / 2, layout.xLabelBaseline), size: Metrics.labelFont, anchor: "middle", [("class", "x-label")])
        }
        if let label = yAxis.label {
            let at = (x: layout.yLabelX, y: (f.top + f.bottom) / 2)
            w.label(label, at: at, size: Metrics.labelFont, anchor: "middle",
                    [("class", "y-label"), ("transform", "rotate(-90 \(coordinate(at.x)) \(coordinate(at.y)))")])
        }
    }

    func writePolygons(_ w: inout SVGWriter, _ f: Frame, _ clip: [(String, String)]) {
        for (j, p) in polygons.enumerated() {
            let color = color(ofPolygon: j)
            let pixels = p.vertices.map(f.pixel)
            w.open("g", [("class", p.overlay ? "polygon overlay" : "polygon"), ("data-polygon", "\(j)"), ("data-name", p.name)] + clip)
            if p.overlay {
                w.empty("polygon", [("class", "overlay-outline"), ("points", pointList(pixels)), ("fill", "none"), ("stroke", color),
                                    ("stroke-width", "2"), ("stroke-dasharray", "7 4")])
            } else {
                w.empty("polygon", [("points", pointList(pixels)), ("fill", color), ("fill-opacity", "0.2"), ("stroke", color), ("stroke-width", "1.5")])
            }
            if p.showVertices {
                for v in pixels {
                    if p.overlay { w.circle(v, class: "overlay-vertex", fill: "none", stroke: color) } else { w.circle(v, class: "vertex", fill: color) }
                }
            }
            w.close("g")
        }
    }

    /// Dashed lines across the plot; lines outside the range are skipped.
    func writeReferenceLines(_ w: inout SVGWriter, _ f: Frame) {
        let shown = referenceLines.filter { ($0.axis == .x ? f.xRange : f.yRange).contains($0.value) }
        guard !shown.isEmpty else { return }
        w.open("g", [("class", "reference-lines"), ("stroke", "#555555"), ("stroke-width", "1.25"), ("stroke-dasharray", "6 4")])
        for r in shown {
            let attributes = [("class", "reference-line"), ("data-axis", r.axis.rawValue)]
            if r.axis == .x {
                let x = f.pixel(Point(r.value, f.yRange.lowerBound)).x
                w.segment((x, f.top), (x, f.bottom), attributes)
            } else {
                let y = f.pixel(Point(f.xRange.lowerBound, r.value)).y
                w.segment((f.left, y), (f.right, y), attributes)
            }
        }
        w.close("g")
    }

    /// The labels of the reference lines, drawn over the series: above the
    /// plot at a vertical line (starting at the line, or ending there when
    /// the label would pass the plot's right edge), above the right end of
    /// a horizontal line (below it at the top of the plot).
    func writeReferenceLabels(_ w: inout SVGWriter, _ f: Frame) {
        let shown = referenceLines.filter { !$0.label.isEmpty && ($0.axis == .x ? f.xRange : f.yRange).contains($0.value) }
        guard !shown.isEmpty else { return }
        w.open("g", [("class", "reference-labels"), ("fill", "#333333")])
        for r in shown {
            if r.axis == .x {
                let x = f.pixel(Point(r.value, f.yRange.lowerBound)).x
                let fits = x + textWidth(r.label, font: Metrics.tickFont) <= f.right
                w.label(r.label, at: (x, f.top - 4), size: Metrics.tickFont, anchor: fits ? "start" : "end")
            } else {
                let y = f.pixel(Point(f.xRange.lowerBound, r.value)).y
                w.label(r.label, at: (f.right - 4, y - 4 - Metrics.tickFont >= f.top ? y - 4 : y + 4 + Metrics.tickFont),
                        size: Metrics.tickFont, anchor: "end")
            }
        }
        w.close("g")
    }

    func writeSeries(_ w: inout SVGWriter, _ s: Series, color: String, _ f: Frame) {
        let pixels = s.points.map(f.pixel)
        let dash = s.dashed ? [("stroke-dasharray", "7 4")] : []
        let stroke = [("fill", "none"), ("stroke", color), ("stroke-width", "2"), ("stroke-linejoin", "round")] + dash
        defer {
            for (p, text) in zip(pixels, s.pointLabels) where !text.isEmpty {
                w.label(text, at: (p.x + 6, p.y - 6), size: Metrics.tickFont, anchor: "start", [("class", "point-label"), ("fill", "#333333")])
            }
        }
        switch s.style {
        case .line where s.breaks.contains(where: { $0 > 0 && $0 < pixels.count }):
            // One path, "M" starting each piece; pieces of one point as dots.
            let pieces = s.pieces(pixels.count)
            let path = pieces.filter { $0.count > 1 }.map { piece in
                "M" + piece.map { "\(coordinate(pixels[$0].x)),\(coordinate(pixels[$0].y))" }.joined(separator: "L")
            }.joined()
            if !path.isEmpty { w.empty("path", [("class", "line-pieces"), ("d", path)] + stroke) }
            for piece in pieces where piece.count == 1 { w.circle(pixels[piece.lowerBound], class: "line-point", fill: color) }
        case .line:
            w.empty("polyline", [("points", pointList(pixels))] + stroke)
        case .scatter:
            for p in pixels { w.circle(p, class: s.overlay ? "overlay-point" : "point", fill: s.overlay ? "none" : color, stroke: s.overlay ? color : nil) }
        case .rings:
            for p in pixels {
                w.empty("circle", [("class", "ring"), ("cx", coordinate(p.x)), ("cy", coordinate(p.y)), ("r", coordinate(Metrics.ring)),
                                   ("fill", "none"), ("stroke", color), ("stroke-width", "2")])
            }
        case .area:
            let zero = f.yScale == .log ? f.yRange.lowerBound : min(max(0, f.yRange.lowerBound), f.yRange.upperBound)
            let base = f.pixel(Point(f.xRange.lowerBound, zero)).y
            let outline = [(pixels[0].x, base)] + pixels + [(pixels[pixels.count - 1].x, base)]
            w.empty("polygon", [("class", "area-fill"), ("points", pointList(outline)), ("fill", color), ("fill-opacity", "0.25"), ("stroke", "none")])
            w.empty("polyline", [("points", pointList(pixels))] + stroke)
        case let .step(ends):
            writeStep(&w, s.points, ends, color: color, dash: dash, f)
        case .pieces:
            // Intervals first, then their open ends, then the points over them.
            let pairs = stride(from: 0, to: pixels.count, by: 2).map { (pixels[$0], pixels[$0 + 1], s.points[$0].x < s.points[$0 + 1].x) }
            for (a, b, open) in pairs where open { w.segment(a, b, [("class", "piece")] + stroke) }
            for (a, b, open) in pairs where open {
                w.circle(a, class: "piece-open", fill: "#FFFFFF", stroke: color)
                w.circle(b, class: "piece-open", fill: "#FFFFFF", stroke: color)
            }
            for (a, _, open) in pairs where !open { w.circle(a, class: "piece-point", fill: color) }
        case let .segments(arrowheads):
            for k in stride(from: 0, to: pixels.count, by: 2) {
                if arrowheads {
                    writeArrow(&w, from: pixels[k], to: pixels[k + 1], color: color, stroke: stroke)
                } else {
                    w.segment(pixels[k], pixels[k + 1], [("class", "segment")] + stroke)
                }
            }
        }
    }

    /// A shaft from `tail` to `head` and a filled triangular head (10 px
    /// long, 7 px wide) ending at `head`; a zero-length arrow draws a dot.
    func writeArrow(_ w: inout SVGWriter, from tail: (x: Double, y: Double), to head: (x: Double, y: Double),
                    color: String, stroke: [(String, String)]) {
        let (dx, dy) = (head.x - tail.x, head.y - tail.y)
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return w.circle(head, class: "point", fill: color) }
        let (ux, uy) = (dx / length, dy / length)
        let headLength = min(10, length), halfWidth = 3.5
        let base = (x: head.x - ux * headLength, y: head.y - uy * headLength)
        w.segment(tail, base, [("class", "arrow")] + stroke)
        w.empty("polygon", [("class", "arrow-head"), ("fill", color), ("stroke", "none"),
                            ("points", pointList([head, (base.x - uy * halfWidth, base.y + ux * halfWidth), (base.x + uy * halfWidth, base.y - ux * halfWidth)]))])
    }

    /// Horizontal pieces (one path, equal neighbours merged), then at each
    /// jump a dashed vertical, the open circle at the excluded end and the
    /// filled circle at the included one.
    func writeStep(_ w: inout SVGWriter, _ points: [Point], _ ends: StepEnds, color: String, dash: [(String, String)], _ f: Frame) {
        guard points.count > 1 else {
            w.circle(f.pixel(points[0]), class: "step-closed", fill: color)
            return
        }
        var path = ""
        var current: (x0: Double, x1: Double, y: Double)?
        func flush() {
            guard let c = current else { return }
            let a = f.pixel(Point(c.x0, c.y)), b = f.pixel(Point(c.x1, c.y))
            path += "M\(coordinate(a.x)),\(coordinate(a.y))H\(coordinate(b.x))"
        }
        var jumps: [(x: Double, excluded: Double, included: Double)] = []
        for k in points.indices.dropFirst() {
            let (previous, next) = (points[k - 1], points[k])
            let y = ends == .leftClosed ? previous.y : next.y
            if let c = current, c.y == y {
                current = (c.x0, next.x, y)
            } else {
                flush()
                current = (previous.x, next.x, y)
            }
            if previous.y != next.y {
                jumps.append(ends == .leftClosed ? (next.x, previous.y, next.y) : (previous.x, next.y, previous.y))
            }
        }
        flush()
        w.empty("path", [("d", path)] + [("fill", "none"), ("stroke", color), ("stroke-width", "2")] + dash)
        for j in jumps {
            w.segment(f.pixel(Point(j.x, j.excluded)), f.pixel(Point(j.x, j.included)),
                      [("class", "step-jump"), ("stroke", color), ("stroke-width", "1"), ("stroke-dasharray", "4 3")])
        }
        for j in jumps {
            w.circle(f.pixel(Point(j.x, j.excluded)), class: "step-open", fill: "#FFFFFF", stroke: color)
            w.circle(f.pixel(Point(j.x, j.included)), class: "step-closed", fill: color)
        }
    }

    func writeLegend(_ w: inout SVGWriter, _ entries: [LegendEntry]) {
        guard !entries.isEmpty else { return }
        w.open("g", [("class", "legend")])
        for e in entries {
            let mid = e.baseline - 4
            switch e.swatch {
            case let .line(dashed):
                w.segment((e.x, mid), (e.x + Metrics.legendSwatch, mid), [("stroke", e.color), ("stroke-width", "2")] + (dashed ? [("stroke-dasharray", "7 4")] : []))
            case .marker:
                w.circle((e.x + Metrics.legendSwatch / 2, mid), class: "legend-marker", fill: e.color)
            case .ring:
                w.empty("circle", [("class", "legend-ring"), ("cx", coordinate(e.x + Metrics.legendSwatch / 2)), ("cy", coordinate(mid)),
                                   ("r", coordinate(Metrics.ring)), ("fill", "none"), ("stroke", e.color), ("stroke-width", "2")])
            case .fill:
                w.empty("rect", [("x", coordinate(e.x)), ("y", coordinate(mid - 5)), ("width", coordinate(Metrics.legendSwatch)), ("height", "10"),
                                 ("fill", e.color), ("fill-opacity", "0.25"), ("stroke", e.color), ("stroke-width", "1.5")])
            }
            w.label(e.name, at: (e.x + Metrics.legendSwatch + 6, e.baseline), size: Metrics.legendFont, anchor: "start")
        }
        w.close("g")
    }
}
