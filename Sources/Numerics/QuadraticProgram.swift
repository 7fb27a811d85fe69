// Global maximisation of a quadratic function — concave or not — over a small
// bounded polytope, generic over `OrderedField` (exact in `Rational`), by
// enumerating the stationarity (KKT) systems of the polytope's faces.
//
// References: Nocedal & Wright, "Numerical Optimization", 2nd ed. (2006),
// §16.1 (the KKT matrix [G Aᵀ; A 0] of an equality-constrained QP and its
// nonsingularity when A has full row rank and the reduced Hessian ZᵀGZ is
// nonsingular);
// Stiemke (1915), "Über positive Lösungen homogener linearer Gleichungen",
// Math. Ann. 76 (the theorem of the alternative behind the boundedness test).
//
// Why enumerating faces is exact (the active-set argument). Let P = {x :
// A x ≤ b, E x = e} be nonempty and bounded, f(x) = ½ xᵀQx + cᵀx + d. P is
// compact, so f attains its maximum. Among the maximisers pick x* whose
// minimal face F (the face with x* in its relative interior) has the least
// dimension. Let S be a set of inequalities tight on F whose rows, together
// with the independent equalities, form a basis of the rows tight on F; then
// aff F = {x : A_S x = b_S, E x = e}, x* is interior to F within aff F, and
// ∇f(x*) = Qx* + c is orthogonal to the direction space N of aff F: Qx* +
// Aᵀ_S μ + Eᵀλ = −c for some multipliers (of any sign — x* is interior to F,
// so no complementarity sign condition arises). If some w ≠ 0 in N had
// Qw ⊥ N (a null vector of the reduced Hessian ZᵀQZ), then wᵀQw = 0 and
// f(x* + tw) = f(x*) + t·∇f(x*)·w + ½t²·wᵀQw = f(x*) for every t; moving
// along w to the relative boundary of F (P is bounded) would give a maximiser
// on a smaller face, contradicting the choice of x*. So ZᵀQZ is nonsingular,
// the rows of A_S and E are independent, hence the KKT matrix of S is
// nonsingular and x* is the unique solution of its face system. (When F is a
// vertex, N = {0} and any n − r independent tight rows will do.)
//
// Hence solving every face system (all |S| ≤ n − r, r = rank E), keeping the
// feasible solutions and taking the best finds the global maximum. Singular
// systems are skipped: by the argument above, a face whose system is singular
// never carries the *only* maximisers. Every candidate is evaluated as f(x)
// directly, so the reported value is always attained at the reported point.

/// The result of `QuadraticProgram.maximize`.
public struct QuadraticOptimum<T: OrderedField>: Sendable, Equatable {
    /// A global maximiser: the lexicographically first of `maximisers`.
    public let x: [T]
    /// The maximum value ½ xᵀQx + cᵀx + d (exact for exact `T`; in floating
    /// mode the largest value among `maximisers`).
    public let value: T
    /// Indices (into the inequality rows A) of the inequalities tight at `x`,
    /// increasing (exactly tight for exact `T`, within the tolerance otherwise).
    public let active: [Int]
    /// Every distinct optimal point found, sorted lexicographically: each is
    /// the unique solution of some face system. When the optimal set is
    /// finite this is all of it; when it is infinite (f constant along part
    /// of an optimal face) it holds finitely many optimal points, among them
    /// the polytope vertices that are optimal.
    public let maximisers: [[T]]
}

/// Namespace for global quadratic maximisation over a polytope (`maximize`).
public enum QuadraticProgram {
    /// Maximises ½ xᵀQx + cᵀx + d subject to A x ≤ b and E x = e over a
    /// **bounded** polytope, globally, for any symmetric or non-symmetric Q
    /// (only the symmetric part (Q + Qᵀ)/2 matters; it may be indefinite or
    /// convex).
    ///
    /// Method: active-set enumeration (see the file header for the proof).
    /// Redundant equalities are dropped (r = rank E remain); for every set S
    /// of at most n − r inequalities the face system
    ///
    ///     [ Q_sym  Eᵀ  A_Sᵀ ] [x]   [−c ]
    ///     [ E      0   0    ] [λ] = [ e ]
    ///     [ A_S    0   0    ] [μ]   [b_S]
    ///
    /// is solved by `LinearSystem.solve`'s elimination (exactly for exact `T`;
    /// in one reused workspace); singular systems are skipped, feasible
    /// solutions x are evaluated, and the best are returned. All vertices
    /// (|S| = n − r with independent rows) are among the systems, so a
    /// nonempty polytope always yields a candidate. Two shortcuts give the
    /// same result: a system containing a zero row or two rows equal up to
    /// sign is singular and is not solved; and for exact `T` a vertex system
    /// is replaced by the square [E; A_S] x = (e; b_S) (nonsingular exactly
    /// when the face system is, with the same x).
    ///
    /// Boundedness is checked up front by one LP: the recession cone
    /// {δ : Aδ ≤ 0, Eδ = 0} is {0} iff rank [A; E] = n and Aᵀy + Eᵀz = 0 has a
    /// solution with y ≥ 1 (Stiemke's theorem applied on the null space of E).
    /// The answer depends on A and E only and is remembered (for `Double` and
    /// `Rational`) per constraint matrix when it is "bounded".
    ///
    /// - Parameters:
    ///   - Q: the n × n quadratic term (n = `c.count` variables).
    ///   - c: the linear term.
    ///   - d: the constant term.
    ///   - A, b: inequality rows (n coefficients each) and their bounds.
    ///   - E, e: equality rows (n coefficients each) and their values.
    ///   - tolerance: nil for the default — 0 for exact `T` (every comparison
    ///     exact), 10⁻¹² for floating `T`. A row holds when a·x − b ≤
    ///     tolerance·max(1, |b|, Σ|a_j x_j|) (|a·x − e| for equalities); values
    ///     within tolerance·max(1, |best|) of the best tie; points within
    ///     tolerance·max(1, ‖x‖∞) in every coordinate are the same point;
    ///     floating `LinearSystem.solve`/`rank` treat entries of magnitude ≤
    ///     tolerance·(largest data entry) as zero.
    ///   - maxFaceSystems: refuse (throw) when more face systems would be solved.
    /// - Complexity: Σ_{k=0}^{min(n−r, m)} C(m, k) dense solves of size
    ///   n + r + k (O((n + r + k)³) each, fewer with unit columns) plus an
    ///   O((m + r)·n) feasibility check per solution; one LP for boundedness.
    ///   Exponential in n: meant for small polytopes (a few variables, tens of
    ///   constraints).
    /// - Throws: `NumericsError.dimensionMismatch` when Q is not n × n, a row
    ///   of A or E does not have n entries, or b, e do not match the row
    ///   counts; `.nonFinite` for NaN or infinite floating data or tolerance;
    ///   `.invalidArgument` when n = 0, the tolerance or `maxFaceSystems` is
    ///   negative, the number of face systems exceeds `maxFaceSystems`, the
    ///   constraint set is unbounded (it has a recession direction, which is
    ///   reported), or the polytope is empty (no face system has a feasible
    ///   solution); `.noConvergence` if the boundedness LP does not finish.
    public static func maximize<T: OrderedField>(
        quadratic Q: [[T]], linear c: [T], constant d: T = .zero,
        inequalities A: [[T]], bounds b: [T],
        equalities E: [[T]] = [], values e: [T] = [],
        tolerance: T? = nil, maxFaceSystems: Int = 200_000
    ) throws -> QuadraticOptimum<T> {
        switch try solve(quadratic: Q, linear: c, constant: d, inequalities: A, bounds: b, equalities: E, values: e,
                         tolerance: tolerance, maxFaceSystems: maxFaceSystems) {
        case let .optimum(optimum): return optimum
        case let .empty(detail): throw NumericsError.invalidArgument(routine: "QuadraticProgram.maximize", detail: detail)
        }
    }

    /// `maximize`, returning nil where the polytope is empty instead of
    /// throwing (for callers that expect empty pieces); every other error as
    /// `maximize`.
    public static func maximizeIfNonempty<T: OrderedField>(
        quadratic Q: [[T]], linear c: [T], constant d: T = .zero,
        inequalities A: [[T]], bounds b: [T],
        equalities E: [[T]] = [], values e: [T] = [],
        tolerance: T? = nil, maxFaceSystems: Int = 200_000
    ) throws -> QuadraticOptimum<T>? {
        switch try solve(quadratic: Q, linear: c, constant: d, inequalities: A, bounds: b, equalities: E, values: e,
                         tolerance: tolerance, maxFaceSystems: maxFaceSystems) {
        case let .optimum(optimum): return optimum
        case .empty: return nil
        }
    }

    /// The outcome of the face enumeration: an optimum, or an empty polytope
    /// (with the message `maximize` throws).
    private enum Outcome<T: OrderedField> {
        case optimum(QuadraticOptimum<T>)
        case empty(String)
    }

    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    private static func solve<T: OrderedField>(
        quadratic Q: [[T]], linear c: [T], constant d: T,
        inequalities A: [[T]], bounds b: [T],
        equalities E: [[T]], values e: [T],
        tolerance: T?, maxFaceSystems: Int
    ) throws -> Outcome<T> {
        let routine = "QuadraticProgram.maximize"
        let n = c.count
        let m = A.count

        // Shapes.
        guard n >= 1 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "no variables: the linear term c is empty (pass n zeros for a purely quadratic objective)")
        }
        guard Q.count == n, Q.allSatisfy({ $0.count == n }) else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "the quadratic term must be \(n) × \(n) (n = c.count), got \(Q.count) rows of lengths \(Set(Q.map(\.count)).sorted())")
        }
        guard b.count == m else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "\(m) inequality rows but \(b.count) bounds")
        }
        if let i = A.firstIndex(where: { $0.count != n }) {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "inequality row \(i) has \(A[i].count) coefficients, expected \(n)")
        }
        guard e.count == E.count else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "\(E.count) equality rows but \(e.count) values")
        }
        if let i = E.firstIndex(where: { $0.count != n }) {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "equality row \(i) has \(E[i].count) coefficients, expected \(n)")
        }

        // Finite data and the tolerance.
        if !T.isExact {
            // (Block by block, in this order; no array of named blocks built per call.)
            func requireFinite(_ name: String, _ block: [[T]]) throws {
                for (i, row) in block.enumerated() {
                    if let j = row.firstIndex(where: { !$0.doubleValue.isFinite }) {
                        throw NumericsError.nonFinite(routine: routine, detail: "\(name) entry [\(i)][\(j)] is \(row[j])")
                    }
                }
            }
            func requireFinite(_ name: String, _ row: [T]) throws {
                if let j = row.firstIndex(where: { !$0.doubleValue.isFinite }) {
                    throw NumericsError.nonFinite(routine: routine, detail: "\(name) entry [0][\(j)] is \(row[j])")
                }
            }
            try requireFinite("quadratic term", Q)
            try requireFinite("linear term", c)
            if !d.doubleValue.isFinite { throw NumericsError.nonFinite(routine: routine, detail: "constant term entry [0][0] is \(d)") }
            try requireFinite("inequality rows", A)
            try requireFinite("bounds", b)
            try requireFinite("equality rows", E)
            try requireFinite("equality values", e)
        }
        let tol = tolerance ?? (T.isExact ? .zero : T(1) / T(1_000_000_000_000))
        if !T.isExact, !tol.doubleValue.isFinite {
            throw NumericsError.nonFinite(routine: routine, detail: "tolerance is \(tol)")
        }
        guard tol >= .zero else {
            throw NumericsError.invalidArgument(routine: routine, detail: "negative tolerance \(tol)")
        }
        guard maxFaceSystems >= 0 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "maxFaceSystems must be nonnegative, got \(maxFaceSystems)")
        }
        // Largest data magnitude: scales the zero test of the eliminations.
        var dataScale = T(1)
        for block in [Q, A, E] { for row in block { for v in row where v.magnitude > dataScale { dataScale = v.magnitude } } }
        let zeroTolerance = tol * dataScale

        // Independent equalities (a dependent row is implied or inconsistent;
        // either way it is still checked for feasibility below).
        var equalityRows: [[T]] = []
        var equalityValues: [T] = []
        for (k, row) in E.enumerated() {
            if try LinearSystem.rank(equalityRows + [row], tolerance: zeroTolerance) > equalityRows.count {
                equalityRows.append(row)
                equalityValues.append(e[k])
            }
        }
        let r = equalityRows.count
        let freeDimensions = n - r

        // The number of face systems, Σ_{k ≤ min(n − r, m)} C(m, k) (saturating at Int.max).
        let largestFace = min(freeDimensions, m)
        var systems = 0
        var binomial = 1  // C(m, k)
        for k in 0...largestFace {
            if k > 0 {
                let (product, overflow) = binomial.multipliedReportingOverflow(by: m - k + 1)
                if overflow { systems = Int.max; break }
                binomial = product / k  // exact: C(m, k − 1)·(m − k + 1) = C(m, k)·k
            }
            let (sum, overflow) = systems.addingReportingOverflow(binomial)
            if overflow { systems = Int.max; break }
            systems = sum
        }
        guard systems <= maxFaceSystems else {
            let count = systems == Int.max ? "at least \(Int.max)" : "\(systems)"
            throw NumericsError.invalidArgument(routine: routine, detail: "Σ_{k ≤ \(largestFace)} C(\(m), k) = \(count) face systems exceed maxFaceSystems = \(maxFaceSystems) (n = \(n) variables, m = \(m) inequalities, \(r) independent equalities); use fewer constraints or raise the limit")
        }

        try requireBoundedMemoised(A, equalityRows, n: n, zeroTolerance: zeroTolerance, routine: routine)

        // Symmetric part of Q; the fixed blocks of the face matrix.
        let half = T(1) / T(2)
        let symmetric = (0..<n).map { i in (0..<n).map { j in (Q[i][j] + Q[j][i]) * half } }
        let negatedLinear = c.map { -$0 }

        func residualAndScale(_ row: [T], _ rhs: T, _ x: [T]) -> (T, T) {
            var ax = T.zero
            var scale = max(T(1), rhs.magnitude)
            var absolute = T.zero
            for j in 0..<n where row[j] != .zero {
                let term = row[j] * x[j]
                ax += term
                absolute += term.magnitude
            }
            if absolute > scale { scale = absolute }
            return (ax - rhs, scale)
        }
        var inFace = [Bool](repeating: false, count: m)  // the rows of the current face system
        func isFeasible(_ x: [T]) -> Bool {
            if T.isExact && tol == .zero {
                // The same test without the scales: tol·scale = 0 in exact arithmetic;
                // the face's own rows hold with equality (x solves them exactly).
                func residual(_ row: [T], _ rhs: T) -> T {
                    var ax = T.zero
                    for j in 0..<n where row[j] != .zero { ax += row[j] * x[j] }
                    return ax - rhs
                }
                for i in 0..<m where !inFace[i] && residual(A[i], b[i]) > .zero { return false }
                for k in 0..<E.count where residual(E[k], e[k]) != .zero { return false }
                return true
            }
            for i in 0..<m {
                let (residual, scale) = residualAndScale(A[i], b[i], x)
                if residual > tol * scale { return false }
            }
            for k in 0..<E.count {
                let (residual, scale) = residualAndScale(E[k], e[k], x)
                if residual.magnitude > tol * scale { return false }
            }
            return true
        }
        func objective(_ x: [T]) -> T {
            var value = d
            for i in 0..<n where x[i] != .zero {
                value += c[i] * x[i]
                var qx = T.zero
                for j in 0..<n where Q[i][j] != .zero { qx += Q[i][j] * x[j] }
                value += half * x[i] * qx
            }
            return value
        }
        func samePoint(_ x: [T], _ y: [T]) -> Bool {
            if tol == .zero { return x == y }
            var scale = T(1)
            for v in x where v.magnitude > scale { scale = v.magnitude }
            return zip(x, y).allSatisfy { ($0 - $1).magnitude <= tol * scale }
        }
        func tieSlack(_ best: T) -> T { tol * max(T(1), best.magnitude) }

        // Faces that are singular by inspection: a face system whose rows (the
        // equalities and A_S) include a zero row or two rows equal up to sign
        // has two dependent rows, so its matrix is singular and `solve` returns
        // nil — exactly, and in floating point too, since elimination keeps
        // such rows exact negatives or copies of each other (IEEE negation and
        // multiplication by ±1 are exact) until one is a pivot and the other
        // becomes exactly zero. They are skipped without a solve.
        func sameUpToSign(_ u: [T], _ v: [T]) -> Bool {
            (0..<n).allSatisfy { u[$0] == v[$0] } || (0..<n).allSatisfy { u[$0] == -v[$0] }
        }
        let deadRow: [Bool] = A.map { row in
            row.allSatisfy { $0 == .zero } || equalityRows.contains { sameUpToSign(row, $0) }
        }
        var clash = [Bool](repeating: false, count: m * m)
        for i in 0..<m { for l in (i + 1)..<max(i + 1, m) where sameUpToSign(A[i], A[l]) { clash[i * m + l] = true; clash[l * m + i] = true } }

        // One workspace for every face system (row-major, row length = the face's size).
        let workspace = EliminationWorkspace<T>(size: n + r + largestFace)
        let matrix = workspace.a, rightSide = workspace.b

        // Enumerate the face systems, keeping the candidates within the tie slack of the best.
        var best: T? = nil
        var leaders: [(x: [T], value: T)] = []
        var seen: [[T]] = []  // distinct solutions so far (few: a linear search beats hashing)
        for k in 0...largestFace {
            var subset = Array(0..<k)
            while true {
                var singular = false
                for s in 0..<k where !singular {
                    if deadRow[subset[s]] { singular = true }
                    for t in 0..<s where clash[subset[t] * m + subset[s]] { singular = true }
                }
                // Exact vertices (r + k = n rows): the face system is nonsingular iff the
                // square C = [E; A_S] is (det [Q Cᵀ; C 0] = ±det(C)², and a null vector y of
                // Cᵀ gives the null vector (0, y)), and then x = C⁻¹(e; b_S) whatever Q is —
                // the same x from an n × n solve instead of a 2n × 2n one. (Floating solves
                // keep the full system: a different elimination rounds differently.)
                let vertexOnly = T.isExact && r + k == n
                let size = vertexOnly ? n : n + r + k
                if !singular && vertexOnly {
                    for l in 0..<n {
                        let row = l < r ? equalityRows[l] : A[subset[l - r]]
                        for j in 0..<n { matrix[l * n + j] = row[j] }
                        rightSide[l] = l < r ? equalityValues[l] : b[subset[l - r]]
                    }
                } else if !singular {
                    for i in 0..<(size * size) { matrix[i] = .zero }
                    for i in 0..<n { for j in 0..<n { matrix[i * size + j] = symmetric[i][j] } }
                    for l in 0..<(r + k) {
                        let row = l < r ? equalityRows[l] : A[subset[l - r]]
                        for j in 0..<n where row[j] != .zero {
                            matrix[(n + l) * size + j] = row[j]
                            matrix[j * size + n + l] = row[j]
                        }
                    }
                    for i in 0..<n { rightSide[i] = negatedLinear[i] }
                    for l in 0..<r { rightSide[n + l] = equalityValues[l] }
                    for t in 0..<k { rightSide[n + r + t] = b[subset[t]] }
                }
                if !singular, LinearSystem.eliminate(workspace, m: size, singularTolerance: zeroTolerance) {
                    let solution = UnsafeBufferPointer(start: workspace.x, count: n)
                    // (A floating solve of a nearly singular system may overflow; such x is no candidate.)
                    if T.isExact || solution.allSatisfy({ $0.doubleValue.isFinite }),
                       !seen.contains(where: { $0.elementsEqual(solution) }) {
                        let x = Array(solution)
                        seen.append(x)
                        for t in 0..<k { inFace[subset[t]] = true }
                        defer { for t in 0..<k { inFace[subset[t]] = false } }
                        if isFeasible(x) {
                            let value = objective(x)
                            if best == nil || value > best! {
                                best = value
                                leaders.removeAll { $0.value < value - tieSlack(value) }
                                leaders.append((x, value))
                            } else if value >= best! - tieSlack(best!) {
                                leaders.append((x, value))
                            }
                        }
                    }
                }
                // Next k-subset of 0..<m in lexicographic order.
                var i = k - 1
                while i >= 0 && subset[i] == m - k + i { i -= 1 }
                if i < 0 { break }
                subset[i] += 1
                for j in (i + 1)..<k { subset[j] = subset[j - 1] + 1 }
            }
        }

        guard let top = best else {
            return .empty("the polytope {x : A x ≤ b, E x = e} is empty: none of its \(systems) face systems (which include every vertex) has a feasible solution\(tol == .zero ? "" : " within tolerance \(tol)")")
        }
        let winners = leaders.filter { $0.value >= top - tieSlack(top) }
            .sorted { $0.x.lexicographicallyPrecedes($1.x) }
        var maximisers: [[T]] = []
        for candidate in winners where !maximisers.contains(where: { samePoint($0, candidate.x) }) {
            maximisers.append(candidate.x)
        }
        let x = maximisers[0]
        let active = (0..<m).filter { i in
            let (residual, scale) = residualAndScale(A[i], b[i], x)
            return residual.magnitude <= tol * scale
        }
        return .optimum(QuadraticOptimum(x: x, value: tol == .zero ? objective(x) : top, active: active, maximisers: maximisers))
    }

    /// `requireBounded`, remembered per constraint matrix for `Double` and
    /// `Rational` (the recession cone depends on A and E only, not on b, e or
    /// the objective; a caller solving many pieces over the same rows checks
    /// them once). Only successes are stored, so an unbounded set still throws
    /// its own error every time.
    private static func requireBoundedMemoised<T: OrderedField>(_ A: [[T]], _ equalities: [[T]], n: Int, zeroTolerance: T, routine: String) throws {
        let check = { () throws -> Bool in
            try requireBounded(A, equalities, n: n, zeroTolerance: zeroTolerance, routine: routine)
            return true
        }
        if T.self == Double.self {
            let key = BoundednessKey(A: A as! [[Double]], equalities: equalities as! [[Double]], n: n, zeroTolerance: zeroTolerance as! Double)
            _ = try boundedDouble.value(for: key, compute: check)
        } else if T.self == Rational.self {
            let key = BoundednessKey(A: A as! [[Rational]], equalities: equalities as! [[Rational]], n: n, zeroTolerance: zeroTolerance as! Rational)
            _ = try boundedRational.value(for: key, compute: check)
        } else {
            _ = try check()
        }
    }

    /// Throws `.invalidArgument`, naming a recession direction δ ≠ 0 with
    /// Aδ ≤ 0 and Eδ = 0, unless the recession cone of {A x ≤ b, E x = e} is
    /// {0} (`equalities` must be linearly independent).
    ///
    /// Test: on the null space of E, Stiemke's theorem says there is no δ with
    /// Aδ ≤ 0, Aδ ≠ 0 iff some y > 0 has Aᵀy ∈ row space of E; together with
    /// ker [A; E] = {0} (rank n) that is a trivial cone. One rank computation
    /// and one feasibility LP {y ≥ 1, z free : Aᵀy + Eᵀz = 0}; a direction is
    /// found (one more LP or a null-space vector) only on failure.
    private static func requireBounded<T: OrderedField>(_ A: [[T]], _ equalities: [[T]], n: Int, zeroTolerance: T, routine: String) throws {
        let m = A.count, r = equalities.count
        func unbounded(_ direction: [T]) -> NumericsError {
            .invalidArgument(routine: routine, detail: "the constraint set is unbounded (or empty with an unbounded direction): x + t·δ stays feasible for all t ≥ 0 along δ = \(direction); the polytope must be bounded — add bounds on the variables")
        }
        let stacked = A + equalities
        if try LinearSystem.rank(stacked, tolerance: zeroTolerance) < n {
            let line = try LinearSystem.nullSpace(stacked, columns: n, tolerance: zeroTolerance)
            throw unbounded(line.first ?? [])
        }
        let lpTolerance: T = T.isExact ? .zero : T(1) / T(1_000_000_000)
        let options = SimplexOptions(tolerance: lpTolerance, pivotTolerance: lpTolerance)
        // y = 1 + y', y' ≥ 0:  Aᵀy' + Eᵀz = −Aᵀ1.
        var stiemke = LinearProgram<T>(maximize: [T](repeating: .zero, count: m + r), freeVariables: Set(m..<(m + r)))
        for j in 0..<n {
            let column = A.map { $0[j] } + equalities.map { $0[j] }
            stiemke.add(column, .equal, -A.reduce(T.zero) { $0 + $1[j] })
        }
        if try stiemke.solve(options: options).status == .optimal { return }
        // A direction: maximise −1ᵀAδ subject to −1 ≤ Aδ ≤ 0, Eδ = 0, δ free.
        var ray = LinearProgram<T>(maximize: (0..<n).map { j in -A.reduce(T.zero) { $0 + $1[j] } }, freeVariables: Set(0..<n))
        for row in A {
            ray.add(row, .lessOrEqual, .zero)
            ray.add(row, .greaterOrEqual, T(-1))
        }
        for row in equalities { ray.add(row, .equal, .zero) }
        let solution = try ray.solve(options: options)
        throw unbounded(solution.status == .optimal ? solution.x : [])
    }
}

/// A constraint matrix whose recession cone was found trivial (`requireBoundedMemoised`).
private struct BoundednessKey<T: OrderedField>: Hashable, Sendable {
    let A: [[T]]
    let equalities: [[T]]
    let n: Int
    let zeroTolerance: T
}
private let boundedDouble = Memo<BoundednessKey<Double>, Bool>(capacity: 4096)
private let boundedRational = Memo<BoundednessKey<Rational>, Bool>(capacity: 4096)
