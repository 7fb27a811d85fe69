// Sec 4.2, Fig 4: the polytope P of IC-IR payment rules, its vertices with
// the markets that select each, the tie hyperplanes between optimal
// vertices, and (Fig 4 (a), two types) P as a polygon with each market
// drawn as a direction from its optimal face.

import Harness
import Numerics
import Segmentation

// MARK: segmentation.payment-polytope

struct PaymentPolytopeRow: SolverRow {
    var vertex: String
    var vertexCount: Int
    var selectedBy: String
    var cellDimension: Int

    static let columns: [RowColumn<Self>] = [
        .init("vertex", \.vertex, key: true, doc: "a vertex of P (payments per type, net)"),
        .init("vertex_count", \.vertexCount, doc: "number of vertices of P"),
        .init("selected_by", \.selectedBy, doc: "vertices of the set of markets for which this vertex is an optimal payment rule"),
        .init("cell_dimension", \.cellDimension, doc: "dimension of that set of markets (n − 1: uniquely optimal on an open set; −1: never optimal)"),
    ]
}

let paymentPolytopeKind = SolverKind(
    "segmentation.payment-polytope",
    summary: "vertices of the polytope P of IC-IR payment rules (Sec 4.2, Fig 4) and the markets that select each vertex",
    parameters: EnvironmentParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let poly = try PaymentPolytope(environment: try p.environment())
        let vertices = try poly.vertices()
        let cells = try poly.marketCells()
        return vertices.map { v in
            let cell = cells.cells.first { $0.vertex == v }
            return PaymentPolytopeRow(vertex: describeVector(v), vertexCount: vertices.count,
                                      selectedBy: cell.map { $0.marketVertices.map { describeVector($0) }.joined(separator: " – ") } ?? "no market",
                                      cellDimension: cell?.dimension ?? -1)
        }
    })

// MARK: segmentation.payment-polytope-ties

struct PaymentPolytopeTiesRow: SolverRow {
    var vertices: String
    var hyperplane: String
    var markets: String

    static let columns: [RowColumn<Self>] = [
        .init("vertices", \.vertices, key: true, doc: "the two tied vertices"),
        .init("hyperplane", \.hyperplane, doc: "Σ_t c_t f(t) = 0 with primitive integer c"),
        .init("markets", \.markets, doc: "the markets on the hyperplane where both are optimal"),
    ]
}

let paymentPolytopeTiesKind = SolverKind(
    "segmentation.payment-polytope-ties",
    summary: "tie hyperplanes between optimal vertices of the payment polytope (markets with several optimal payment rules)",
    parameters: EnvironmentParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let env = try p.environment()
        let cells = try PaymentPolytope(environment: env).marketCells()
        return cells.hyperplanes.map { h in
            let terms = h.coefficients.enumerated().filter { !$0.element.isZero }.map { i, c -> String in
                let name = "f(\(env.typeNames[i]))"
                let mag = c.magnitude == .one ? name : "\(c.magnitude)\(name)"
                return (c.isNegative ? "− " : "+ ") + mag
            }
            var eq = terms.joined(separator: " ")
            if eq.hasPrefix("+ ") { eq.removeFirst(2) } else if eq.hasPrefix("− ") { eq = "−" + eq.dropFirst(2) }
            return PaymentPolytopeTiesRow(vertices: describeVector(cells.cells[h.first].vertex) + " ~ " + describeVector(cells.cells[h.second].vertex),
                                          hyperplane: eq + " = 0", markets: h.sharedMarkets.map { describeVector($0) }.joined(separator: " – "))
        }
    })

// MARK: segmentation.payment-polytope-directions

// Figure 4 (a): P as a polygon (vertices in counter-clockwise order, each
// row's (x2, y2) the next vertex, i.e. P's edges) and each market f as an
// arrow from the centroid of its optimal face of P (the vertex it selects,
// or the midpoint of the edge it is orthogonal to) in the direction f
// (Sec 4.2: a payment rule is optimal for f iff it is maximal in P in the
// direction f).

struct PaymentPolytopeDirectionsParameters: SolverParameters {
    var environment = EnvironmentParameters()
    @Parameter("markets", doc: "markets f drawn as directions (type weights, normalised)", domain: .nonNegative, minimumCount: 1)
    var markets: [[Rational]]
    @Parameter("market_names", doc: "labels of the markets (empty: their weights)", default: [])
    var marketNames: [String]
    @Parameter("arrow_scale", doc: "length factor: the arrow of f ends at base + arrow_scale·f", default: Rational(1, 2), domain: .positive)
    var arrowScale: Rational
}

struct PaymentPolytopeDirectionsRow: SolverRow {
    var part: String
    var label: String
    var x: Rational
    var y: Rational
    var x2: Rational
    var y2: Rational
    var faceDimension: Int
    var optimal: String
    var revenue: Rational

    static let columns: [RowColumn<Self>] = [
        .init("part", \.part, key: true, doc: "vertex (a vertex of P) or market (a market's direction)"),
        .init("label", \.label, key: true, doc: "the vertex (p(t_1), p(t_2)) or the market's name"),
        .init("x", \.x, doc: "vertex: p(first type); market: the arrow's base (centroid of the optimal face), first coordinate"),
        .init("y", \.y, doc: "vertex: p(second type); market: the arrow's base, second coordinate"),
        .init("x2", \.x2, doc: "vertex: the next vertex counter-clockwise (the edge of P from this vertex); market: the arrow's head, base + arrow_scale·f"),
        .init("y2", \.y2, doc: "second coordinate of x2's point"),
        .init("face_dimension", \.faceDimension, doc: "vertex: 0; market: dimension of the set of optimal payment rules (0: unique, 1: the market is orthogonal to an edge of P)"),
        .init("optimal", \.optimal, doc: "vertex: the listed markets for which it is an optimal payment rule; market: the vertices of P that are optimal for it"),
        .init("revenue", \.revenue, doc: "vertex: 0; market: max over P of f·p, the optimal revenue (net payments, so net of costs)"),
    ]
}

let paymentPolytopeDirectionsKind = SolverKind(
    "segmentation.payment-polytope-directions",
    summary: "Fig 4 (a) for two types: the polygon P of IC-IR payment rules and each market as a direction drawn from its optimal face of P",
    parameters: PaymentPolytopeDirectionsParameters.self,
    validate: { p in
        _ = try p.environment.twoTypeEnvironment()
        if let i = p.markets.firstIndex(where: { $0.count != 2 || $0.allSatisfy { $0 == .zero } }) {
            throw SolverInputError(p.$markets[i], expected: "each market two nonnegative weights, not both 0", found: describeVector(p.markets[i]))
        }
        if !p.marketNames.isEmpty && p.marketNames.count != p.markets.count {
            throw SolverInputError(p.$marketNames, expected: "one name per market (\(p.markets.count)) or none", found: "\(p.marketNames.count) names")
        }
    },
    run: { p, _ in
        let poly = try PaymentPolytope(environment: try p.environment.environment())
        let vertices = try poly.vertices()
        let cycle = try poly.counterClockwiseVertices(vertices)
        let markets = p.markets
        let names = p.marketNames.isEmpty ? markets.map { describeVector($0) } : p.marketNames
        let faces = try markets.map { try poly.optimalFace(for: $0, vertices: vertices) }
        let scale = p.arrowScale
        var rows: [PaymentPolytopeDirectionsRow] = []
        for (i, v) in cycle.enumerated() {
            let next = cycle[(i + 1) % cycle.count]
            let selecting = markets.indices.filter { faces[$0].vertices.contains(v) }.map { names[$0] }
            rows.append(PaymentPolytopeDirectionsRow(part: "vertex", label: describeVector(v), x: v[0], y: v[1], x2: next[0], y2: next[1], faceDimension: 0,
                                                     optimal: selecting.isEmpty ? "none" : selecting.joined(separator: ", "), revenue: .zero))
        }
        for (i, face) in faces.enumerated() {
            let base = face.centroid
            rows.append(PaymentPolytopeDirectionsRow(part: "market", label: names[i], x: base[0], y: base[1],
                                                     x2: base[0] + scale * face.market[0], y2: base[1] + scale * face.market[1],
                                                     faceDimension: face.dimension,
                                                     optimal: face.vertices.map { describeVector($0) }.joined(separator: ", "), revenue: face.revenue))
        }
        return rows
    })
