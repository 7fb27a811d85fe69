// Section 4.2 (Figure 4, Lemmas 1–3): the polytope P of payment rules that
// are part of IC-IR mechanisms.
//
// P is the projection onto the payments of the polytope of IC-IR mechanisms
// (Sec 4.2.1), so it is only available through linear optimisation: for a
// direction g, max g·p over P is one exact LP (`Environment.paymentVertex`,
// with a lexicographic tie-break so that the answer is a vertex of P). The
// vertices, and which market directions select each of them, are computed
// by `OracleNormalFan` (Numerics): over the boundary of the cube [−1, 1]^m for
// all vertices, over the simplex of markets for the market cells. A market
// on a tie hyperplane Σ_t f(t)(p(t) − p'(t)) = 0 between two adjacent cells has
// several optimal payment rules (the non-generic markets of Lemma 3).
//
// A brute-force reference (`referenceVertices`) enumerates the vertices of
// the lifted mechanism polytope and keeps the extreme points of their
// projections; it is exponential and used to cross-check.

import Numerics

/// The payment polytope P of an environment restricted to a set of types.
public struct PaymentPolytope: Sendable {
    /// The environment.
    public let environment: Environment
    /// The types (environment indices, increasing); coordinates of p follow this order.
    public let types: [Int]

    /// P for `types` (default: all types of the environment).
    /// Throws `.invalidTypeSubset` for an empty, unsorted or out-of-range list.
    public init(environment: Environment, types: [Int]? = nil) throws {
        let list = types ?? Array(0..<environment.typeCount)
        guard !list.isEmpty, list == list.sorted(), Set(list).count == list.count,
              list.allSatisfy({ $0 >= 0 && $0 < environment.typeCount }) else {
            throw SegmentationError.invalidTypeSubset(types: list, typeCount: environment.typeCount)
        }
        self.environment = environment
        self.types = list
    }

    /// A vertex of P maximising g·p (lexicographic tie-break). 1 + m exact solves.
    public func vertex(maximizing g: [Rational]) throws -> [Rational] {
        guard g.count == types.count else {
            throw SegmentationError.directionSizeMismatch(entries: g.count, types: types.count)
        }
        return try environment.paymentVertex(types: types, direction: g)
    }

    /// All vertices of P (exact), sorted lexicographically.
    ///
    /// - Complexity: one `OracleNormalFan` per facet of the cube [−1, 1]^m
    ///   (2m facets); polynomial in the number of vertices for fixed m.
    /// - Throws: `.linearProgramFailed` (Numerics errors are wrapped as
    ///   `.linearProgramFailed`).
    public func vertices() throws -> [[Rational]] {
        let m = types.count
        var all = Set<[Rational]>()
        let identity = (0..<m).map { i in (0..<m).map { $0 == i ? Rational(1) : Rational(0) } }
        for axis in 0..<m {
            for sign in [Rational(1), Rational(-1)] {
                var domain: [LinearConstraint<Rational>] = []
                for j in 0..<m {
                    if j == axis {
                        domain.append(LinearConstraint(identity[j], .equal, sign))
                    } else {
                        domain.append(LinearConstraint(identity[j], .lessOrEqual, 1))
                        domain.append(LinearConstraint(identity[j], .greaterOrEqual, -1))
                    }
                }
                let fan = try wrap { try OracleNormalFan(domain: domain, parameterDimension: m, offset: [Rational](repeating: .zero, count: m), linear: identity) { try self.vertex(maximizing: $0) } }
                for cell in fan.cells { all.insert(cell.vertex) }
            }
        }
        return all.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The market cells: for each vertex of P that is optimal for some market
    /// f ∈ Δ(types) (directions f ≥ 0, Σ f = 1), the set of such markets
    /// (vertices of the cell in market coordinates), and the tie hyperplanes
    /// between adjacent cells.
    ///
    /// - Complexity: one `OracleNormalFan` over the (m − 1)-simplex.
    /// - Throws: `.linearProgramFailed`.
    public func marketCells() throws -> MarketCells {
        let m = types.count
        let identity = (0..<m).map { i in (0..<m).map { $0 == i ? Rational(1) : Rational(0) } }
        var domain = identity.map { LinearConstraint($0, .greaterOrEqual, Rational.zero) }
        domain.append(LinearConstraint([Rational](repeating: 1, count: m), .equal, 1))
        let fan = try wrap { try OracleNormalFan(domain: domain, parameterDimension: m, offset: [Rational](repeating: .zero, count: m), linear: identity) { try self.vertex(maximizing: $0) } }
        return MarketCells(polytope: self, fan: fan)
    }

    /// Brute-force reference: vertices of the lifted polytope of IC-IR
    /// mechanisms (variables x(t, a), a = 1..k, and p(t)) by `Polytope.vertices`,
    /// projected to payments, keeping the extreme points. Sorted lexicographically.
    ///
    /// - Complexity: C(#constraints, m·(k + 1)) square solves — exponential;
    ///   use only for tiny environments (e.g. m = 2, k ≤ 2).
    /// - Throws: `.linearProgramFailed` wrapping Numerics errors (including
    ///   the active-set cap).
    public func referenceVertices() throws -> [[Rational]] {
        let program = MechanismProgram(environment: environment, types: types)
        var constraints = program.lp.constraints
        for v in 0..<program.variableCount { constraints.append(LinearConstraint(program.unit(v), .greaterOrEqual, Rational.zero)) }
        let lifted = try wrap { try Polytope.vertices(of: constraints, dimension: program.variableCount) }
        let projected = lifted.map { x in (0..<types.count).map { x[program.pIndex($0)] } }
        let extreme = try wrap { try Polytope.extremePoints(of: projected) }
        return extreme.map { projected[$0] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as NumericsError {
            throw SegmentationError.linearProgramFailed(context: "payment polytope", detail: error.description)
        }
    }
}

/// Which markets select which vertex of P (the market part of P's normal fan).
public struct MarketCells: Sendable {
    /// One vertex of P and the markets for which it is an optimal payment rule.
    public struct Cell: Sendable {
        /// The vertex p (payments in the polytope's type order).
        public let vertex: [Rational]
        /// The vertices of the set of markets selecting p (each a market in
        /// the polytope's type order).
        public let marketVertices: [[Rational]]
        /// The dimension of that set (m − 1 = full).
        public let dimension: Int
    }
    /// A tie hyperplane Σ_t coefficients[t]·f(t) = 0 between two adjacent cells.
    public struct TieHyperplane: Sendable {
        /// Indices into `cells`.
        public let first: Int
        /// Index into `cells`.
        public let second: Int
        /// The primitive integer normal of p_first − p_second (first nonzero
        /// entry positive): revenue of p_first ≥ p_second iff coefficients·f ≥ 0
        /// when `orientation` is +1 (≤ 0 when −1).
        public let coefficients: [BigInt]
        /// +1 when coefficients is a positive multiple of p_first − p_second, −1 otherwise.
        public let orientation: Int
        /// The markets on the shared facet (vertices).
        public let sharedMarkets: [[Rational]]
    }
    /// The cells, in discovery order.
    public let cells: [Cell]
    /// The tie hyperplanes between adjacent cells.
    public let hyperplanes: [TieHyperplane]

    init(polytope: PaymentPolytope, fan: OracleNormalFan) {
        cells = fan.cells.map { Cell(vertex: $0.vertex, marketVertices: $0.regionVertices, dimension: $0.dimension) }
        hyperplanes = fan.adjacencies.map { adjacency in
            let (coefficients, orientation) = MarketCells.primitive(adjacency.normal)
            return TieHyperplane(first: adjacency.first, second: adjacency.second, coefficients: coefficients,
                                 orientation: orientation, sharedMarkets: adjacency.sharedVertices)
        }
    }

    /// The primitive integer vector parallel to v with its first nonzero entry
    /// positive, and the sign relating it to v. O(m) gcds.
    public static func primitive(_ v: [Rational]) -> ([BigInt], Int) {
        let d = Rational.commonDenominator(of: v)
        var ints = v.map { ($0 * Rational(d, BigInt.one)).numerator }
        var g = BigInt.zero
        for x in ints where !x.isZero { g = g.isZero ? x.magnitude : BigInt.gcd(g, x) }
        if !g.isZero { ints = ints.map { $0 / g } }
        var sign = 1
        if let firstNonzero = ints.first(where: { !$0.isZero }), firstNonzero.isNegative {
            ints = ints.map { -$0 }
            sign = -1
        }
        return (ints, sign)
    }
}

// MARK: - Figure 4 (a): the polygon P and the markets as directions

/// The face of P on which f·p is maximal for a market f (Sec 4.2: "A
/// mechanism is optimal for a market if and only if its payment rule is
/// maximal in P in the direction specified by the market").
public struct OptimalPaymentFace: Sendable {
    /// The market (in the polytope's type order).
    public let market: [Rational]
    /// max over P of f·p, the optimal revenue of the market.
    public let revenue: Rational
    /// The vertices of P attaining it (lexicographic order): one vertex when
    /// the market is not orthogonal to a face of P (a unique optimal payment
    /// rule), more when it is.
    public let vertices: [[Rational]]
    /// The centroid of `vertices` (the vertex itself, or the midpoint of an edge).
    public var centroid: [Rational] {
        (0..<market.count).map { i in vertices.reduce(Rational.zero) { $0 + $1[i] } / Rational(vertices.count) }
    }
    /// The dimension of the face: the rank of its vertices' differences
    /// (0: a vertex, the unique optimal payment rule; 1: an edge; ...).
    public let dimension: Int
}

extension PaymentPolytope {
    /// The face of P maximising market·p, from P's vertices (`vertices`, or
    /// computed when nil). A polytope's maximisers in a direction are the
    /// convex hull of the maximising vertices, so this is exact.
    ///
    /// - Complexity: O(V·m) after the vertices.
    /// - Throws: `.invalidMarketDirection` for a wrong length, a
    ///   negative weight or zero total weight; the errors of `vertices()`.
    public func optimalFace(for market: [Rational], vertices given: [[Rational]]? = nil) throws -> OptimalPaymentFace {
        guard market.count == types.count, market.allSatisfy({ $0 >= .zero }), market.contains(where: { $0 > .zero }) else {
            throw SegmentationError.invalidMarketDirection(weights: market, types: types.count)
        }
        let total = market.reduce(Rational.zero, +)
        let f = market.map { $0 / total }
        let all = try given ?? vertices()
        let values = all.map { v in zip(f, v).reduce(Rational.zero) { $0 + $1.0 * $1.1 } }
        let best = values.max()!
        let face = all.indices.filter { values[$0] == best }.map { all[$0] }
        let differences = face.dropFirst().map { v in zip(v, face[0]).map { $0 - $1 } }
        let dimension = try wrap { try LinearSystem.rank(differences) }
        return OptimalPaymentFace(market: f, revenue: best, vertices: face, dimension: dimension)
    }

    /// For two types: the vertices of the polygon P in counter-clockwise
    /// order, starting at the lowest of the leftmost vertices (`ConvexHull`).
    ///
    /// - Complexity: O(V log V) after the vertices.
    /// - Throws: `.notTwoTypes` unless P is 2-dimensional
    ///   (two types); the errors of `vertices()`.
    public func counterClockwiseVertices(_ given: [[Rational]]? = nil) throws -> [[Rational]] {
        guard types.count == 2 else {
            throw SegmentationError.notTwoTypes(found: types.count)
        }
        let all = try given ?? vertices()
        return try wrap { try ConvexHull(points: all.map { PlanePoint($0[0], $0[1]) }) }.vertices.map { [$0.x, $0.y] }
    }
}
