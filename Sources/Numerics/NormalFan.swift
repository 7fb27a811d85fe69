// The normal fan of a polytope known only through a linear optimisation
// oracle, restricted to a polytopal domain of directions (exact, Rational).
//
// Setting: P ⊂ ℝ^n is a polytope; `oracle(g)` returns a vertex of P
// maximising g·p. Directions are parametrised affinely, g(s) = c + L·s for s
// in a polytope D ⊂ ℝ^d. For each vertex v of P that is optimal somewhere in
// D, its cell C_v = {s ∈ D : g(s)·v ≥ g(s)·u for all u ∈ P} is a polytope.
//
// Algorithm (cell refinement by oracle, in the spirit of the "inner
// approximation" methods for projections, e.g. Lassez & Lassez 1992,
// "Quantifier elimination for conjunctions of linear constraints via a
// convex hull algorithm"): start from the vertex optimal at the centroid of
// D. For a discovered vertex v, let R = D ∩ {g(s)·(v − u) ≥ 0 for every
// discovered u ≠ v}; R ⊇ C_v. Query the oracle at every vertex of R (found
// by `Polytope.vertices`). If some vertex s has a better oracle vertex w,
// w is new (R already excludes every discovered vertex better than v): add
// it and recompute R. Otherwise the convex function s ↦ max_P g(s)·p −
// g(s)·v vanishes at every vertex of R, hence on R, so R = C_v exactly.
// Every vertex found is processed in turn. A facet of C_v interior to D lies
// on a tie hyperplane with some discovered u that is optimal there, so the
// adjacent cell is reached: by connectivity every cell of full dimension in
// D is found (cells of lower dimension are reported when met).

/// The cells of the normal fan of an oracle polytope over a domain of directions.
public struct OracleNormalFan: Sendable {
    /// The cell of one vertex of P.
    public struct Cell: Sendable {
        /// The vertex v of P.
        public let vertex: [Rational]
        /// The vertices of C_v in parameter space (s ∈ ℝ^d).
        public let regionVertices: [[Rational]]
        /// The constraints describing C_v in parameter space (the domain's
        /// and one "≥" tie constraint per other discovered vertex).
        public let constraints: [LinearConstraint<Rational>]
        /// The affine dimension of C_v.
        public let dimension: Int
    }

    /// Two cells sharing a facet (a set of dimension dim D − 1).
    public struct Adjacency: Sendable {
        /// Indices into `cells`.
        public let first: Int
        /// Index into `cells` (first < second).
        public let second: Int
        /// v_first − v_second: the tie hyperplane is {g : g·normal = 0}.
        public let normal: [Rational]
        /// The vertices (in parameter space) of the shared facet.
        public let sharedVertices: [[Rational]]
    }

    /// The cells, in discovery order.
    public let cells: [Cell]
    /// Facet adjacencies between cells (i < j).
    public let adjacencies: [Adjacency]
    /// The affine dimension of the domain D.
    public let domainDimension: Int
    /// Number of oracle calls made.
    public let oracleCalls: Int

    /// Computes the fan.
    ///
    /// - Parameters:
    ///   - domain: constraints on s ∈ ℝ^d describing a nonempty polytope D.
    ///   - parameterDimension: d.
    ///   - offset: c ∈ ℝ^n.
    ///   - linear: L as n rows of d entries.
    ///   - maxOracleCalls: safety cap.
    ///   - oracle: returns a vertex of P maximising g·p (n entries).
    /// - Complexity: O(V²) region computations (V = vertices found), each a
    ///   `Polytope.vertices` call, plus one oracle call per region vertex
    ///   examined (results are cached per parameter point).
    /// - Throws: `.dimensionMismatch` for inconsistent shapes; `.invalidArgument`
    ///   for an empty domain; `.noConvergence` when `maxOracleCalls` is reached;
    ///   anything the oracle throws.
    public init(domain: [LinearConstraint<Rational>], parameterDimension d: Int,
                offset: [Rational], linear: [[Rational]], maxOracleCalls: Int = 100_000,
                oracle: ([Rational]) throws -> [Rational]) throws {
        let n = offset.count
        guard linear.count == n, linear.allSatisfy({ $0.count == d }) else {
            throw NumericsError.dimensionMismatch(routine: "OracleNormalFan", detail: "linear map must be \(n) × \(d)")
        }
        let domainVertices = try Polytope.vertices(of: domain, dimension: d)
        guard !domainVertices.isEmpty else {
            throw NumericsError.invalidArgument(routine: "OracleNormalFan", detail: "the domain of directions is empty (or has no vertex)")
        }
        domainDimension = try Polytope.affineDimension(of: domainVertices)
        func direction(_ s: [Rational]) -> [Rational] {
            (0..<n).map { i in
                var g = offset[i]
                for j in 0..<d where linear[i][j] != .zero { g += linear[i][j] * s[j] }
                return g
            }
        }
        func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
            var s = Rational.zero
            for i in 0..<a.count where a[i] != .zero && b[i] != .zero { s += a[i] * b[i] }
            return s
        }
        var cache: [[Rational]: [Rational]] = [:]
        var calls = 0
        func query(_ s: [Rational]) throws -> [Rational] {
            if let w = cache[s] { return w }
            guard calls < maxOracleCalls else {
                throw NumericsError.noConvergence(routine: "OracleNormalFan", iterations: calls, detail: "oracle call limit reached")
            }
            calls += 1
            let w = try oracle(direction(s))
            guard w.count == n else {
                throw NumericsError.dimensionMismatch(routine: "OracleNormalFan", detail: "oracle returned \(w.count) entries, expected \(n)")
            }
            cache[s] = w
            return w
        }
        /// The constraint g(s)·(v − u) ≥ 0 in parameter space.
        func tie(_ v: [Rational], _ u: [Rational]) -> LinearConstraint<Rational> {
            let diff = zip(v, u).map { $0 - $1 }
            let coefficients = (0..<d).map { j in (0..<n).reduce(Rational.zero) { $0 + linear[$1][j] * diff[$1] } }
            return LinearConstraint(coefficients, .greaterOrEqual, -dot(offset, diff))
        }
        let centroid = (0..<d).map { j in domainVertices.reduce(Rational.zero) { $0 + $1[j] } / Rational(domainVertices.count) }
        var discovered: [[Rational]] = [try query(centroid)]
        var index: [[Rational]: Int] = [discovered[0]: 0]
        var queue = [0]
        var finished: [Int: Cell] = [:]
        var head = 0
        while head < queue.count {
            let vi = queue[head]; head += 1
            let v = discovered[vi]
            while true {
                let constraints = domain + discovered.indices.filter { $0 != vi }.map { tie(v, discovered[$0]) }
                let region = try Polytope.vertices(of: constraints, dimension: d)
                var improved = false
                for s in region {
                    let w = try query(s)
                    let g = direction(s)
                    if dot(g, w) > dot(g, v) {
                        if index[w] == nil {
                            index[w] = discovered.count
                            queue.append(discovered.count)
                            discovered.append(w)
                        }
                        improved = true
                        break
                    }
                }
                if !improved {
                    finished[vi] = Cell(vertex: v, regionVertices: region, constraints: constraints,
                                        dimension: try Polytope.affineDimension(of: region))
                    break
                }
            }
        }
        // Every cell was computed against the vertices discovered by then;
        // later vertices are never better inside a finished cell (shown
        // above), so the recorded constraints remain a description of C_v.
        var cells: [Cell] = []
        for i in discovered.indices { cells.append(finished[i]!) }
        var adjacencies: [Adjacency] = []
        for i in cells.indices {
            for j in cells.indices where j > i {
                var eq = tie(cells[i].vertex, cells[j].vertex)
                eq.relation = .equal
                let shared = try Polytope.vertices(of: cells[i].constraints + [eq], dimension: d)
                if !shared.isEmpty, try Polytope.affineDimension(of: shared) == domainDimension - 1 {
                    adjacencies.append(Adjacency(first: i, second: j,
                                                 normal: zip(cells[i].vertex, cells[j].vertex).map { $0 - $1 },
                                                 sharedVertices: shared))
                }
            }
        }
        self.cells = cells
        self.adjacencies = adjacencies
        self.oracleCalls = calls
    }
}
