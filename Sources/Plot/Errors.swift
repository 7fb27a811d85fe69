// Errors of figure rendering. Every case names what is wrong: the element
// (`series 1 "CS high type"`, `polygon 0 "payments"`, `reference line 2
// "q = 3/4"`), the point index, the axis and the offending value.

/// Why a figure cannot be drawn.
public enum PlotError: Error, CustomStringConvertible, Sendable {
    /// A series has no points.
    case emptySeries(element: String)
    /// A coordinate is NaN or infinite; `pointIndex` is nil for a reference line.
    case nonFiniteCoordinate(element: String, pointIndex: Int?, axis: AxisName, value: Double)
    /// The figure has neither series nor polygons.
    case nothingToPlot
    /// A value on a log axis is zero or negative.
    case nonPositiveOnLogAxis(axis: AxisName, element: String, pointIndex: Int?, value: Double)
    /// A polygon has fewer than three vertices.
    case tooFewVertices(element: String, count: Int)
    /// The x values of a step series do not strictly increase at `pointIndex`.
    case stepNotIncreasing(element: String, pointIndex: Int, previous: Double, value: Double)
    /// A fixed axis range has an infinite bound, or a non-positive one on a log axis.
    case invalidRange(axis: AxisName, lower: Double, upper: Double, reason: String)
    /// Columns of different lengths were given for one series.
    case mismatchedLengths(element: String, xCount: Int, yCount: Int)
    /// A pieces or arrows series has an odd number of points, or a piece
    /// whose two ends differ in y or run backwards.
    case malformedPairs(element: String, pointIndex: Int?, reason: String)
    /// A series has point labels, but not one per point.
    case labelCount(element: String, points: Int, labels: Int)
    /// The canvas is too small for the plot (or has a non-positive size).
    case canvasTooSmall(width: Int, height: Int, reason: String)

    public var description: String {
        func at(_ index: Int?) -> String { index.map { " at point \($0)" } ?? "" }
        switch self {
        case let .emptySeries(element):
            return "\(element): the series has no points"
        case let .nonFiniteCoordinate(element, index, axis, value):
            return "\(element): \(axis) coordinate\(at(index)) is \(value), expected a finite number"
        case .nothingToPlot:
            return "the figure has no series and no polygons: nothing to plot"
        case let .nonPositiveOnLogAxis(axis, element, index, value):
            return "\(axis) axis is logarithmic but \(element) has \(axis) = \(value)\(at(index)); a log axis needs positive values"
        case let .tooFewVertices(element, count):
            return "\(element): a polygon needs at least 3 vertices, found \(count)"
        case let .stepNotIncreasing(element, index, previous, value):
            return "\(element): step x values must strictly increase, but point \(index) has x = \(value) after x = \(previous)"
        case let .invalidRange(axis, lower, upper, reason):
            return "\(axis) axis range \(lower)...\(upper): \(reason)"
        case let .mismatchedLengths(element, xCount, yCount):
            return "\(element): \(xCount) x values but \(yCount) y values"
        case let .malformedPairs(element, index, reason):
            return "\(element)\(at(index)): \(reason)"
        case let .labelCount(element, points, labels):
            return "\(element): \(labels) point labels for \(points) points"
        case let .canvasTooSmall(width, height, reason):
            return "canvas \(width)×\(height): \(reason)"
        }
    }
}

/// How errors name a series.
func seriesName(_ index: Int, _ series: Series) -> String { "series \(index) \"\(series.name)\"" }
/// How errors name a polygon.
func polygonName(_ index: Int, _ polygon: Polygon) -> String { "polygon \(index) \"\(polygon.name)\"" }
/// How errors name a reference line.
func referenceLineName(_ index: Int, _ line: ReferenceLine) -> String { "reference line \(index) \"\(line.label)\"" }
