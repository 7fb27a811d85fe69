// The figure model: what to draw, in data coordinates. Axis ranges, the
// page layout and the data-to-pixel mapping are in Layout.swift; the SVG
// writer is in SVG.swift; tick positions and labels in Ticks.swift.

/// A point in data coordinates.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }
}

/// How an axis maps data values to pixels.
public enum Scale: String, Sendable {
    /// Equal data differences get equal lengths.
    case linear
    /// Equal data ratios get equal lengths; every value on the axis must be positive.
    case log
}

/// One of the two axes (of a reference line, or named in an error).
public enum AxisName: String, Sendable {
    case x, y
}

/// An axis: its label, its scale and, optionally, a fixed range.
public struct Axis: Sendable {
    /// Drawn under the x axis, or rotated left of the y axis; nil draws none.
    public var label: String?
    public var scale: Scale
    /// The data range shown. nil: the range of the data on this axis (every
    /// series point, polygon vertex and reference line on this axis), padded
    /// by 5% on each side (of the decades, on a log axis). A range of zero
    /// length, given or from the data, is widened (see `Frame`).
    public var range: ClosedRange<Double>?

    public init(label: String? = nil, scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}

/// Which end of each constant piece of a step function belongs to it. Either
/// way every given point (x_k, y_k) lies on the graph: f(x_k) = y_k.
public enum StepEnds: Sendable, Equatable {
    /// y = y_k on [x_k, x_{k+1}): each value holds from its point to the
    /// right (the last point is the value at the right end of the domain).
    case leftClosed
    /// y = y_k on (x_{k-1}, x_k]: each value holds from its point to the
    /// left (the first point is the value at the left end of the domain).
    case rightClosed
}

/// How a series is drawn.
public enum Style: Sendable, Equatable {
    /// A polyline through the points, in the order given, broken before each
    /// index in the series' `breaks` (see `Series.breaks`).
    case line
    /// A filled circle at each point.
    case scatter
    /// A polyline with the region between it and y = 0 filled (on a linear y
    /// axis, whose automatic range then includes 0), or between it and the
    /// bottom of the plot on a log y axis. A baseline outside a fixed range
    /// is moved to the nearer edge of the plot.
    case area
    /// A piecewise-constant function: horizontal pieces, a dashed vertical
    /// at each jump, and at each jump an open circle at the excluded end and
    /// a filled circle at the included one. The x values must increase.
    case step(StepEnds)
    /// A piecewise-constant function given by its exact pieces: the points
    /// come in pairs (from, y), (to, y) with equal y and from ≤ to. A pair
    /// with from < to is the open interval (from, to), drawn with an open
    /// circle at each end; a pair with from = to is a single point, drawn
    /// as a filled circle (so a closed end is an interval plus a point).
    case pieces
    /// Line segments: the points come in pairs (tail, head), one segment
    /// per pair, with an arrowhead at the head when `arrowheads` is set.
    case segments(arrowheads: Bool)
    /// An open ring around each point, larger than a marker, drawn over
    /// the other marks: it singles out points another series or polygon
    /// draws (e.g. the computed vertices a paper's printed figure lacks).
    case rings
}

/// A named sequence of points drawn in one style and one palette colour.
public struct Series: Sendable {
    /// The legend entry; an empty name gets none.
    public var name: String
    public var style: Style
    public var points: [Point]
    /// Lines (line, area outline, step and pieces, arrows) drawn dashed.
    public var dashed: Bool
    /// The palette colour to use instead of the series' index (series that
    /// belong together, e.g. one parameter value in two layers, share one).
    public var colorIndex: Int?
    /// Text drawn next to each point (empty entries draw nothing); either
    /// empty or one per point.
    public var pointLabels: [String]
    /// Line series: the indices k (0 < k < points.count, increasing) at
    /// which a new piece starts, so no segment joins point k − 1 to point k:
    /// a discontinuous function is not drawn with false slopes across its
    /// jumps (see `jumpBreaks`). A piece of one point is drawn as a dot.
    public var breaks: [Int]
    /// Drawn as an overlay from outside the data (e.g. what a paper prints):
    /// in `Figure.overlayColor` instead of a palette colour, lines dashed.
    public var overlay: Bool

    public init(name: String, style: Style = .line, points: [Point], dashed: Bool = false,
                colorIndex: Int? = nil, pointLabels: [String] = [], breaks: [Int] = [], overlay: Bool = false) {
        self.name = name
        self.style = style
        self.points = points
        self.dashed = dashed || overlay
        self.colorIndex = colorIndex
        self.pointLabels = pointLabels
        self.breaks = breaks
        self.overlay = overlay
    }

    /// A series from parallel columns. Throws `PlotError.mismatchedLengths`
    /// when `x` and `y` have different lengths.
    public init(name: String, style: Style = .line, x: [Double], y: [Double]) throws {
        guard x.count == y.count else {
            throw PlotError.mismatchedLengths(element: "series \"\(name)\"", xCount: x.count, yCount: y.count)
        }
        self.init(name: name, style: style, points: zip(x, y).map { Point($0, $1) })
    }
}

/// A dashed line across the whole plot at a fixed x (vertical) or y
/// (horizontal) value, with a label next to it.
public struct ReferenceLine: Sendable {
    /// The axis whose value is fixed: `.x` draws a vertical line.
    public var axis: AxisName
    public var value: Double
    /// Drawn at the top of a vertical line, at the right end of a horizontal one.
    public var label: String

    public init(axis: AxisName, value: Double, label: String = "") {
        self.axis = axis
        self.value = value
        self.label = label
    }
}

/// A filled, outlined polygon (e.g. a payment polytope), optionally with a
/// marker at each vertex. Drawn beneath the series.
public struct Polygon: Sendable {
    /// The legend entry; an empty name gets none.
    public var name: String
    /// At least three vertices, in boundary order.
    public var vertices: [Point]
    public var showVertices: Bool
    /// The palette colour to use instead of the default (see `Figure.polygons`).
    public var colorIndex: Int?
    /// Drawn as an overlay from outside the data (e.g. the polygon a paper
    /// prints): a dashed outline in `Figure.overlayColor`, unfilled, with
    /// open vertex markers, so the computed polygon beneath stays visible.
    public var overlay: Bool

    public init(name: String, vertices: [Point], showVertices: Bool = true, colorIndex: Int? = nil, overlay: Bool = false) {
        self.name = name
        self.vertices = vertices
        self.showVertices = showVertices
        self.colorIndex = colorIndex
        self.overlay = overlay
    }
}

/// A two-dimensional figure, rendered to SVG by `svg()`.
public struct Figure: Sendable {
    /// Drawn centred above the plot (wrapped when long), and the SVG `<title>`.
    public var title: String
    /// The paper's caption, or the claim the figure is about: drawn under
    /// the plot, wrapped to the width, and part of the SVG `<desc>`.
    public var caption: String?
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order, after the polygons and reference lines; series `i`
    /// gets palette colour `i` (cycling) unless it names its own.
    public var series: [Series]
    public var referenceLines: [ReferenceLine]
    /// Drawn first; polygon `j` gets palette colour `series.count + j`
    /// unless it names its own.
    public var polygons: [Polygon]
    /// The canvas size in pixels (the SVG width, height and viewBox).
    public var width: Int
    public var height: Int

    /// The Okabe–Ito colour-blind-safe palette, reordered so that the first
    /// colours contrast most on white; yellow, the faintest, comes last.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    /// The colour of overlays (`Series.overlay`, `Polygon.overlay`): a grey
    /// that no palette colour is.
    public static let overlayColor = "#666666"

    public init(title: String, caption: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(),
                series: [Series] = [], referenceLines: [ReferenceLine] = [], polygons: [Polygon] = [],
                width: Int = 720, height: Int = 450) {
        self.title = title
        self.caption = caption
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.referenceLines = referenceLines
        self.polygons = polygons
        self.width = width
        self.height = height
    }
}

extension Figure {
    /// The colour of series `i`.
    func color(ofSeries i: Int) -> String {
        if series[i].overlay { return Figure.overlayColor }
        return Figure.palette[(series[i].colorIndex ?? i) % Figure.palette.count]
    }

    /// The colour of polygon `j`.
    func color(ofPolygon j: Int) -> String {
        if polygons[j].overlay { return Figure.overlayColor }
        return Figure.palette[(polygons[j].colorIndex ?? series.count + j) % Figure.palette.count]
    }
}
