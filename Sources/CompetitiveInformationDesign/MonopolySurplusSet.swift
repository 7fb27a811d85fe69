// The set of (consumer surplus, producer surplus) pairs that segmentations of a
// monopoly market can achieve (BBM 2015, Fig. 1: the triangle with vertices
// (0, π*), (0, w*) and (w* − π*, π*), w* the efficient surplus). It is the
// projection of the segmentation polytope onto (CS, PS), a convex polygon,
// computed exactly by LPs: start from the extreme points in the four axis
// directions, then for every edge (p, q) found so far maximise its outward
// normal; a point beyond the edge is a new vertex (refine both halves),
// otherwise the edge is an edge of the polygon.
import Numerics

/// A welfare pair.
public struct SurplusPoint: Sendable, Hashable {
    public let consumerSurplus: Rational
    public let producerSurplus: Rational
    public init(consumerSurplus: Rational, producerSurplus: Rational) {
        self.consumerSurplus = consumerSurplus
        self.producerSurplus = producerSurplus
    }
    public var totalSurplus: Rational { consumerSurplus + producerSurplus }
}

extension MonopolySegmentationProgram {
    /// The extreme point maximising a·CS + b·PS, ties broken by a2·CS + b2·PS
    /// (a vertex of the polygon when the two directions are independent).
    func extremePoint(_ a: Rational, _ b: Rational, _ a2: Rational, _ b2: Rational) throws -> SurplusPoint {
        let o = try maximize(consumer: a, producer: b, thenConsumer: a2, thenProducer: b2)
        return SurplusPoint(consumerSurplus: o.consumerSurplus, producerSurplus: o.producerSurplus)
    }

    /// The vertices of the achievable (CS, PS) set, counter-clockwise from the
    /// consumer-surplus maximum (the highest PS among maximisers). Exact.
    /// - Throws: as `maximize`. Complexity: 2·(4 + 2·vertices) exact LP solves.
    public func surplusSetVertices() throws -> [SurplusPoint] {
        let one = Rational.one, zero = Rational.zero
        let start = [try extremePoint(one, zero, zero, one),     // max CS, then max PS
                     try extremePoint(zero, one, -one, zero),    // max PS, then min CS
                     try extremePoint(-one, zero, zero, -one),   // min CS, then min PS
                     try extremePoint(zero, -one, one, zero)]    // min PS, then max CS
        var corners: [SurplusPoint] = []
        for p in start where !corners.contains(p) { corners.append(p) }
        guard corners.count > 1 else { return corners }
        var vertices: [SurplusPoint] = []
        for (k, p) in corners.enumerated() {
            vertices.append(p)
            vertices += try between(p, corners[(k + 1) % corners.count])
        }
        return vertices
    }

    /// Vertices strictly between p and q (counter-clockwise), by the outward normal of the edge p → q.
    private func between(_ p: SurplusPoint, _ q: SurplusPoint) throws -> [SurplusPoint] {
        let nx = q.producerSurplus - p.producerSurplus, ny = p.consumerSurplus - q.consumerSurplus
        let r = try extremePoint(nx, ny, q.consumerSurplus - p.consumerSurplus, q.producerSurplus - p.producerSurplus)
        guard nx * r.consumerSurplus + ny * r.producerSurplus > nx * p.consumerSurplus + ny * p.producerSurplus else { return [] }
        return try between(p, r) + [r] + between(r, q)
    }
}
