// Exact vertex enumeration of a polytope given by linear constraints, and
// the extreme points of a finite point set.
//
// * `Polytope.vertices`: brute force over active sets (a vertex of
//   {x ∈ ℝ^d : constraints} is a feasible point where d linearly independent
//   constraints are tight; see e.g. Schrijver, "Theory of Linear and Integer
//   Programming" (1986), §8.5). Every equality is always tight; every choice of
//   d − r inequalities (r = rank of the equalities) gives a square system,
//   solved exactly by `LinearSystem.solve`; feasible solutions are kept and
//   de-duplicated. Exponential in d; meant for small polytopes and as a
//   brute-force reference.
// * `Polytope.extremePoints`: point i of a finite set is extreme iff it is not
//   a convex combination of the other (distinct) points, decided exactly by
//   one feasibility LP per point.
// * `Polytope.affineDimension`: the dimension of the affine hull of a point
//   set (rank of the differences to the first point).

/// Namespace for exact polytope computations in `Rational`.
public enum Polytope {
    /// The vertices of {x ∈ ℝ^d : constraints} (exact), in the order found
    /// (lexicographic order of active sets), without duplicates.
    ///
    /// - Parameters:
    ///   - constraints: rows a·x (≤, ≥ or =) b with d coefficients each.
    ///   - dimension: d.
    ///   - maxCombinations: refuse (throw) when more active sets would be tried.
    /// - Complexity: C(m_ineq, d − r) square solves of size d, each O(d³),
    ///   plus an O(m·d) feasibility check per solution.
    /// - Throws: `NumericsError.dimensionMismatch` for rows of the wrong
    ///   length; `.invalidArgument` when d < 1 or the number of active sets
    ///   exceeds `maxCombinations`. An empty or unbounded-without-vertices set
    ///   returns []; an unbounded polyhedron returns its vertices only.
    public static func vertices(of constraints: [LinearConstraint<Rational>], dimension d: Int,
                                maxCombinations: Int = 5_000_000) throws -> [[Rational]] {
        guard d >= 1 else {
            throw NumericsError.invalidArgument(routine: "Polytope.vertices", detail: "dimension \(d) < 1")
        }
        for (i, c) in constraints.enumerated() where c.coefficients.count != d {
            throw NumericsError.dimensionMismatch(routine: "Polytope.vertices", detail: "constraint \(i) has \(c.coefficients.count) coefficients, expected \(d)")
        }
        // Independent equalities.
        var equalities: [LinearConstraint<Rational>] = []
        var rank = 0
        for c in constraints where c.relation == .equal {
            let r = try LinearSystem.rank((equalities + [c]).map(\.coefficients))
            if r > rank { equalities.append(c); rank = r }
        }
        let inequalities = constraints.filter { $0.relation != .equal }
        let choose = d - rank
        if choose < 0 { return [] }
        let m = inequalities.count
        if choose > m { return [] }
        // Number of combinations C(m, choose), capped.
        var count = 1.0
        for i in 0..<choose { count = count * Double(m - i) / Double(i + 1) }
        guard count <= Double(maxCombinations) else {
            throw NumericsError.invalidArgument(routine: "Polytope.vertices", detail: "C(\(m), \(choose)) ≈ \(count) active sets exceed maxCombinations = \(maxCombinations)")
        }
        var found: [[Rational]] = []
        var seen = Set<[Rational]>()
        var index = Array(0..<choose)
        while true {
            let rows = equalities.map(\.coefficients) + index.map { inequalities[$0].coefficients }
            let rhs = equalities.map(\.rhs) + index.map { inequalities[$0].rhs }
            if let x = try LinearSystem.solve(rows, rhs), isFeasible(x, constraints), !seen.contains(x) {
                seen.insert(x)
                found.append(x)
            }
            // Next combination.
            var i = choose - 1
            while i >= 0 && index[i] == m - choose + i { i -= 1 }
            if i < 0 { break }
            index[i] += 1
            for j in (i + 1)..<choose { index[j] = index[j - 1] + 1 }
        }
        return found
    }

    /// Whether x satisfies every constraint exactly. O(m·d).
    public static func isFeasible(_ x: [Rational], _ constraints: [LinearConstraint<Rational>]) -> Bool {
        for c in constraints {
            var ax = Rational.zero
            for j in 0..<x.count where c.coefficients[j] != .zero { ax += c.coefficients[j] * x[j] }
            switch c.relation {
            case .lessOrEqual: if ax > c.rhs { return false }
            case .greaterOrEqual: if ax < c.rhs { return false }
            case .equal: if ax != c.rhs { return false }
            }
        }
        return true
    }

    /// Indices of the extreme points of a finite point set (the vertices of
    /// its convex hull); of repeated points only the first is reported.
    ///
    /// - Complexity: one feasibility LP with (number of distinct points − 1)
    ///   variables and d + 1 equality rows per point.
    /// - Throws: `.dimensionMismatch` for points of different lengths;
    ///   `.noConvergence` if an LP does not finish.
    public static func extremePoints(of points: [[Rational]]) throws -> [Int] {
        guard let first = points.first else { return [] }
        let d = first.count
        guard points.allSatisfy({ $0.count == d }) else {
            throw NumericsError.dimensionMismatch(routine: "Polytope.extremePoints", detail: "points of different lengths")
        }
        var distinct: [Int] = []
        var seen = Set<[Rational]>()
        for (i, p) in points.enumerated() where !seen.contains(p) { seen.insert(p); distinct.append(i) }
        if distinct.count == 1 { return distinct }
        var extreme: [Int] = []
        for i in distinct {
            let others = distinct.filter { $0 != i }
            var lp = LinearProgram<Rational>(maximize: [Rational](repeating: .zero, count: others.count))
            lp.add([Rational](repeating: 1, count: others.count), .equal, 1)
            for k in 0..<d { lp.add(others.map { points[$0][k] }, .equal, points[i][k]) }
            let s = try lp.solve()
            if s.status == .infeasible { extreme.append(i) }
        }
        return extreme
    }

    /// The dimension of the affine hull of a nonempty point set (−1 for an
    /// empty set). O(p·d·min(p, d)).
    public static func affineDimension(of points: [[Rational]]) throws -> Int {
        guard let first = points.first else { return -1 }
        let differences = points.dropFirst().map { p in zip(p, first).map { $0 - $1 } }
        return try LinearSystem.rank(Array(differences))
    }
}
