// The upper concave envelope (concavification) of a finite set of points:
// the smallest concave function on [min x, max x] lying weakly above every
// point. Used e.g. for concavifying a value function over beliefs.
//
// Algorithm: Andrew's monotone chain (Andrew 1979), upper hull only, after
// sorting by x; generic over `OrderedField`, hence exact on `Rational`.

/// A point (x, y) of the plane.
public struct PlanePoint<T: OrderedField>: Sendable, Hashable {
    public var x: T
    public var y: T
    public init(_ x: T, _ y: T) { self.x = x; self.y = y }
}

/// The upper concave envelope of a finite point set, as the list of its
/// vertices (strictly concave corners plus the two end points).
public struct ConcaveEnvelope<T: OrderedField>: Sendable {
    /// Vertices sorted by increasing x; consecutive slopes strictly decrease.
    public let vertices: [PlanePoint<T>]

    /// Builds the envelope of `points` in O(n log n).
    ///
    /// Points with equal x keep the largest y. A middle point counts as on a
    /// chord (and is dropped) when the cross product is ≥ −tolerance; use 0
    /// for exact input. Throws `.invalidArgument` for an empty set or a
    /// negative tolerance and `.nonFinite` for NaN or infinite coordinates.
    public init(points: [PlanePoint<T>], tolerance: T = .zero) throws {
        guard !points.isEmpty else {
            throw NumericsError.invalidArgument(routine: "ConcaveEnvelope", detail: "no points")
        }
        guard tolerance >= .zero else {
            throw NumericsError.invalidArgument(routine: "ConcaveEnvelope", detail: "negative tolerance \(tolerance)")
        }
        if !T.isExact, let bad = points.first(where: { !$0.x.doubleValue.isFinite || !$0.y.doubleValue.isFinite }) {
            throw NumericsError.nonFinite(routine: "ConcaveEnvelope", detail: "point (\(bad.x), \(bad.y))")
        }
        let sorted = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y > $1.y }
        var hull: [PlanePoint<T>] = []
        for p in sorted {
            if let last = hull.last, last.x == p.x { continue }   // a higher point with this x is already in
            while hull.count >= 2 {
                let o = hull[hull.count - 2], a = hull[hull.count - 1]
                // a is dropped when it lies on or below the chord from o to p.
                let cross = (a.x - o.x) * (p.y - o.y) - (a.y - o.y) * (p.x - o.x)
                if cross >= -tolerance { hull.removeLast() } else { break }
            }
            hull.append(p)
        }
        vertices = hull
    }

    /// Convenience: the envelope of the graph {(x_i, y_i)}.
    public init(x: [T], y: [T], tolerance: T = .zero) throws {
        guard x.count == y.count else {
            throw NumericsError.dimensionMismatch(routine: "ConcaveEnvelope", detail: "\(x.count) x values, \(y.count) y values")
        }
        try self.init(points: zip(x, y).map { PlanePoint($0, $1) }, tolerance: tolerance)
    }

    /// The x coordinates of the vertices (the envelope's kinks and ends).
    public var breakpoints: [T] { vertices.map(\.x) }

    /// The envelope at x by linear interpolation between vertices, O(log n).
    /// Throws `.invalidArgument` when x lies outside [first x, last x].
    public func value(at x: T) throws -> T {
        guard let first = vertices.first, let last = vertices.last, x >= first.x, x <= last.x else {
            throw NumericsError.invalidArgument(routine: "ConcaveEnvelope.value", detail: "x = \(x) outside the envelope's domain [\(vertices.first!.x), \(vertices.last!.x)]")
        }
        var lo = 0, hi = vertices.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if vertices[mid].x <= x { lo = mid } else { hi = mid }
        }
        let a = vertices[lo], b = vertices[hi]
        if a.x == x || lo == hi { return a.y }
        return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
    }
}

/// The convex hull of a finite plane point set, as its vertices in
/// counter-clockwise order starting at the lowest of the leftmost points:
/// the lower hull left to right (the upper envelope of the points reflected
/// in the x axis), then the upper hull right to left. Points on an edge are
/// not vertices. Exact on `Rational`.
public struct ConvexHull<T: OrderedField>: Sendable {
    /// Counter-clockwise; one or two points for a degenerate set.
    public let vertices: [PlanePoint<T>]

    /// Builds the hull of `points` in O(n log n). Throws what
    /// `ConcaveEnvelope` throws (an empty set, non-finite coordinates).
    public init(points: [PlanePoint<T>]) throws {
        let upper = try ConcaveEnvelope(points: points).vertices
        let lower = try ConcaveEnvelope(points: points.map { PlanePoint($0.x, -$0.y) }).vertices.map { PlanePoint($0.x, -$0.y) }
        var cycle = lower
        for p in upper.reversed() where !cycle.contains(p) { cycle.append(p) }
        vertices = cycle
    }
}
