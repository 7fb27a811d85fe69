import XCTest
import Numerics

private func q(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// ½ xᵀQx + cᵀx + d, evaluated independently of the kernel.
private func quadraticValue(_ Q: [[Rational]], _ c: [Rational], _ d: Rational, _ x: [Rational]) -> Rational {
    var value = d
    for i in x.indices {
        value += c[i] * x[i]
        for j in x.indices { value += q(1, 2) * Q[i][j] * x[i] * x[j] }
    }
    return value
}

/// A x ≤ b exactly.
private func satisfies(_ A: [[Rational]], _ b: [Rational], _ x: [Rational]) -> Bool {
    zip(A, b).allSatisfy { row, bound in zip(row, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 } <= bound }
}

/// The rows of the box lo ≤ x ≤ hi as (A, b) with A x ≤ b.
private func box(_ lo: [Rational], _ hi: [Rational]) -> (A: [[Rational]], b: [Rational]) {
    var A: [[Rational]] = [], b: [Rational] = []
    for j in lo.indices {
        let unit = lo.indices.map { $0 == j ? q(1) : q(0) }
        A.append(unit.map { -$0 }); b.append(-lo[j])
        A.append(unit); b.append(hi[j])
    }
    return (A, b)
}

/// Tests of QuadraticProgram.swift: hand-solved concave, convex and
/// indefinite problems, brute-force grids, an independent exact 2-D reference
/// (vertices, edge stationary points, interior stationary point), equality
/// constraints, degeneracy, floating mode and every error path.
final class QuadraticProgramTests: XCTestCase {
    func testConcaveOneDimensional() throws {
        // −x² + 3x: unconstrained maximiser 3/2.
        let Q = [[q(-2)]], c = [q(3)]
        let clipped = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: [[q(1)], [q(-1)]], bounds: [q(1), q(0)])
        XCTAssertEqual(clipped.x, [q(1)])
        XCTAssertEqual(clipped.value, q(2))
        XCTAssertEqual(clipped.active, [0])
        XCTAssertEqual(clipped.maximisers, [[q(1)]])
        let interior = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: [[q(1)], [q(-1)]], bounds: [q(5), q(0)])
        XCTAssertEqual(interior.x, [q(3, 2)])
        XCTAssertEqual(interior.value, q(9, 4))
        XCTAssertEqual(interior.active, [])
        XCTAssertEqual(interior.maximisers, [[q(3, 2)]])
        // The constant term shifts the value only.
        let shifted = try QuadraticProgram.maximize(quadratic: Q, linear: c, constant: q(-1, 4), inequalities: [[q(1)], [q(-1)]], bounds: [q(5), q(0)])
        XCTAssertEqual(shifted.value, q(2))
        XCTAssertEqual(shifted.x, [q(3, 2)])
    }

    func testConvexObjectiveIsMaximisedAtVertices() throws {
        // x² − x: convex, so the interior stationary point 1/2 is a minimum.
        let Q = [[q(2)]], c = [q(-1)]
        let onZeroTwo = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: [[q(1)], [q(-1)]], bounds: [q(2), q(0)])
        XCTAssertEqual(onZeroTwo.x, [q(2)])
        XCTAssertEqual(onZeroTwo.value, q(2))
        XCTAssertEqual(onZeroTwo.maximisers, [[q(2)]])
        // On [−1, 1]: 2 at x = −1 beats 0 at x = 1.
        let symmetric = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: [[q(1)], [q(-1)]], bounds: [q(1), q(1)])
        XCTAssertEqual(symmetric.x, [q(-1)])
        XCTAssertEqual(symmetric.value, q(2))
        XCTAssertEqual(symmetric.active, [1])
        XCTAssertEqual(symmetric.maximisers, [[q(-1)]])
        // x² on [−1, 1]: a tie between both end points.
        let tie = try QuadraticProgram.maximize(quadratic: Q, linear: [q(0)], inequalities: [[q(1)], [q(-1)]], bounds: [q(1), q(1)])
        XCTAssertEqual(tie.value, q(1))
        XCTAssertEqual(tie.maximisers, [[q(-1)], [q(1)]])
        XCTAssertEqual(tie.x, [q(-1)])
        XCTAssertEqual(tie.active, [1])
    }

    func testIndefiniteBilinearAgainstGrid() throws {
        // x·y − x/2 − y/2 on [0, 1]²: Q = [[0, 1], [1, 0]] is indefinite; the
        // saddle (1/2, 1/2) has value −1/4, the vertices 0, −1/2, −1/2, 0.
        let Q = [[q(0), q(1)], [q(1), q(0)]], c = [q(-1, 2), q(-1, 2)]
        let (A, b) = box([q(0), q(0)], [q(1), q(1)])
        let result = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: A, bounds: b)
        XCTAssertEqual(result.value, q(0))
        XCTAssertEqual(result.maximisers, [[q(0), q(0)], [q(1), q(1)]])
        XCTAssertEqual(result.x, [q(0), q(0)])
        XCTAssertEqual(result.active, [0, 2])
        // 41 × 41 grid (step 1/40): nothing beats the kernel, and the grid's best is exactly 0 (at the two corners).
        var gridBest: Rational? = nil
        var gridArgmax: [[Rational]] = []
        for i in 0...40 {
            for j in 0...40 {
                let x = [q(i, 40), q(j, 40)]
                let v = quadraticValue(Q, c, 0, x)
                XCTAssertLessThanOrEqual(v, result.value, "grid point \(x)")
                if gridBest == nil || v > gridBest! { gridBest = v; gridArgmax = [x] } else if v == gridBest! { gridArgmax.append(x) }
            }
        }
        XCTAssertEqual(gridBest, result.value)
        XCTAssertEqual(gridArgmax, result.maximisers)
        // Only the symmetric part of Q matters: [[0, 2], [0, 0]] is the same objective.
        let lopsided = try QuadraticProgram.maximize(quadratic: [[q(0), q(2)], [q(0), q(0)]], linear: c, inequalities: A, bounds: b)
        XCTAssertEqual(lopsided, result)
    }

    func testOnlyTheSymmetricPartOfQMatters() throws {
        // −x² + xy − y² + x + y on [0, 2]², with the cross term written as 2·(½)·2xy in the upper corner only:
        // the symmetric part [[−2, 1], [1, −2]] is negative definite, stationary point (1, 1), value 1.
        let (A, b) = box([q(0), q(0)], [q(2), q(2)])
        let lopsided = try QuadraticProgram.maximize(quadratic: [[q(-2), q(2)], [q(0), q(-2)]], linear: [q(1), q(1)], inequalities: A, bounds: b)
        XCTAssertEqual(lopsided.x, [q(1), q(1)])
        XCTAssertEqual(lopsided.value, q(1))
        XCTAssertEqual(lopsided.active, [])
        let symmetric = try QuadraticProgram.maximize(quadratic: [[q(-2), q(1)], [q(1), q(-2)]], linear: [q(1), q(1)], inequalities: A, bounds: b)
        XCTAssertEqual(lopsided, symmetric)
    }

    // MARK: - The three-variable product example

    /// maximise ½(3q/10 − u)(u + 2/5) + ½(7/10 − v)(v + 2/5) over (q, u, v):
    /// 0 ≤ q ≤ 1, u ≥ 0, v ≥ u + 2q/5, v ≤ u + 2/5, 3q/10 − u ≥ 0, v ≤ 7/10.
    /// Expanded: −½u² − ½v² + (3/20)qu + (3/50)q − (1/5)u + (3/20)v + 7/50.
    private let productQ: [[Rational]] = [[q(0), q(3, 20), q(0)], [q(3, 20), q(-1), q(0)], [q(0), q(0), q(-1)]]
    private let productC: [Rational] = [q(3, 50), q(-1, 5), q(3, 20)]
    private let productD = q(7, 50)
    private let productA: [[Rational]] = [
        [q(-1), q(0), q(0)],          // q ≥ 0
        [q(1), q(0), q(0)],           // q ≤ 1
        [q(0), q(-1), q(0)],          // u ≥ 0
        [q(2, 5), q(1), q(-1)],       // v ≥ u + 2q/5
        [q(0), q(-1), q(1)],          // v ≤ u + 2/5
        [q(-3, 10), q(1), q(0)],      // 3q/10 − u ≥ 0
        [q(0), q(0), q(1)],           // v ≤ 7/10
    ]
    private let productB: [Rational] = [q(0), q(1), q(0), q(0), q(2, 5), q(0), q(7, 10)]

    private func productObjective(_ x: [Rational]) -> Rational {
        let (s, u, v) = (x[0], x[1], x[2])
        return q(1, 2) * (q(3, 10) * s - u) * (u + q(2, 5)) + q(1, 2) * (q(7, 10) - v) * (v + q(2, 5))
    }

    func testThreeVariableProductExampleExactly() throws {
        let result = try QuadraticProgram.maximize(quadratic: productQ, linear: productC, constant: productD,
                                                   inequalities: productA, bounds: productB)
        XCTAssertEqual(result.x, [q(3, 4), q(0), q(3, 10)])
        XCTAssertEqual(result.value, q(37, 200))
        XCTAssertEqual(result.active, [2, 3])
        XCTAssertEqual(result.maximisers, [[q(3, 4), q(0), q(3, 10)]])
        XCTAssertEqual(productObjective(result.x), q(37, 200))

        // Dense grid q = i/40, u = j/100, v = k/100, in exact integer arithmetic with the constraints as stated
        // (independently of the matrix A): 0 ≤ q ≤ 1, u ≥ 0 ⇐ ranges; v ≥ u + 2q/5 ⇔ k ≥ j + i;
        // v ≤ u + 2/5 ⇔ k ≤ j + 40; 3q/10 ≥ u ⇔ 3i ≥ 4j; v ≤ 7/10 ⇔ k ≤ 70. With 2000·(3q/10 − u) = 15i − 20j,
        // 2000·(u + 2/5) = 20j + 800, 2000·(7/10 − v) = 1400 − 20k, 2000·(v + 2/5) = 20k + 800, the objective is
        // f = [(15i − 20j)(20j + 800) + (1400 − 20k)(20k + 800)] / (2·2000²).
        var feasiblePoints = 0
        var gridBest: Int? = nil
        var gridArgmax: [Int] = []
        for i in 0...40 {
            for j in 0...30 where 3 * i >= 4 * j {
                for k in (i + j)...min(j + 40, 70) {
                    feasiblePoints += 1
                    let scaledValue = (15 * i - 20 * j) * (20 * j + 800) + (1400 - 20 * k) * (20 * k + 800)
                    if gridBest == nil || scaledValue > gridBest! { gridBest = scaledValue; gridArgmax = [i, j, k] }
                }
            }
        }
        XCTAssertGreaterThan(feasiblePoints, 1_000)
        // No grid point beats the kernel; the optimum lies on the grid, so the grid maximum equals it.
        XCTAssertEqual(q(gridBest ?? 0, 2 * 2000 * 2000), result.value)
        XCTAssertEqual(gridArgmax, [30, 0, 30])
        // The expansion ½xᵀQx + cᵀx + d and the constraint matrix agree with the product form on a grid sample.
        for i in stride(from: 0, through: 40, by: 5) {
            for j in stride(from: 0, through: 30, by: 5) {
                for k in stride(from: 0, through: 70, by: 7) {
                    let x = [q(i, 40), q(j, 100), q(k, 100)]
                    XCTAssertEqual(quadraticValue(productQ, productC, productD, x), productObjective(x), "expansion at \(x)")
                    XCTAssertEqual(satisfies(productA, productB, x), 3 * i >= 4 * j && k >= i + j && k <= j + 40 && k <= 70, "constraints at \(x)")
                }
            }
        }
    }

    func testDoubleInstantiationMatchesRationalOnProductExample() throws {
        let toDouble = { (rows: [[Rational]]) in rows.map { $0.map(\.doubleValue) } }
        let result = try QuadraticProgram.maximize(quadratic: toDouble(productQ), linear: productC.map(\.doubleValue),
                                                   constant: productD.doubleValue, inequalities: toDouble(productA),
                                                   bounds: productB.map(\.doubleValue))
        XCTAssertEqual(result.value, 0.185, accuracy: 1e-12)
        XCTAssertEqual(result.x[0], 0.75, accuracy: 1e-12)
        XCTAssertEqual(result.x[1], 0, accuracy: 1e-12)
        XCTAssertEqual(result.x[2], 0.3, accuracy: 1e-12)
        XCTAssertEqual(result.active, [2, 3])
        XCTAssertEqual(result.maximisers.count, 1)
    }

    // MARK: - Randomised 2-D problems

    /// The exact maximum of a quadratic over a bounded polygon, computed
    /// without face systems: the best of the vertices (`Polytope.vertices`),
    /// the stationary points of f along each edge, and the interior stationary
    /// point −Q⁻¹c when Q is nonsingular and that point is feasible.
    private func referenceMaximum(_ Q: [[Rational]], _ c: [Rational], _ A: [[Rational]], _ b: [Rational]) throws -> Rational {
        let constraints = zip(A, b).map { LinearConstraint($0, .lessOrEqual, $1) }
        let vertices = try Polytope.vertices(of: constraints, dimension: 2)
        var best = vertices.map { quadraticValue(Q, c, 0, $0) }.max()!
        for (row, bound) in zip(A, b) {
            let onEdge = vertices.filter { row[0] * $0[0] + row[1] * $0[1] == bound }
                .sorted { $0.lexicographicallyPrecedes($1) }
            guard let p = onEdge.first, let r = onEdge.last, p != r else { continue }
            // g(t) = f(p + t w) = f(p) + t ∇f(p)·w + ½ t² wᵀQw on [0, 1].
            let w = [r[0] - p[0], r[1] - p[1]]
            let gradient = (0..<2).map { i in c[i] + Q[i][0] * p[0] + Q[i][1] * p[1] }
            let slope = gradient[0] * w[0] + gradient[1] * w[1]
            let curvature = (0..<2).reduce(Rational.zero) { s, i in s + w[i] * (Q[i][0] * w[0] + Q[i][1] * w[1]) }
            if curvature < 0 {
                let t = -slope / curvature
                if t > 0 && t < 1 { best = max(best, quadraticValue(Q, c, 0, [p[0] + t * w[0], p[1] + t * w[1]])) }
            }
        }
        let determinant = Q[0][0] * Q[1][1] - Q[0][1] * Q[1][0]
        if determinant != 0 {
            let x = [(-c[0] * Q[1][1] + c[1] * Q[0][1]) / determinant, (-c[1] * Q[0][0] + c[0] * Q[1][0]) / determinant]
            if satisfies(A, b, x) { best = max(best, quadraticValue(Q, c, 0, x)) }
        }
        return best
    }

    func testRandomTwoDimensionalProblemsAgainstGridAndReference() throws {
        // The grid runs in exact integer arithmetic: with integer box ends, grid steps (hi − lo)/60 and cut
        // offsets in halves, every grid point is X/120 and every bound B/120 for integers X, B, and
        // 2·120²·f(X/120) = Σ Q_ij X_i X_j + 240·c·X.
        var rng = SplitMix64(seed: 0x5157_2024)
        var concave = 0, indefiniteOrConvex = 0, offVertex = 0
        for trial in 0..<50 {
            let q11 = rng.nextInt(in: -3...3), q22 = rng.nextInt(in: -3...3), q12 = rng.nextInt(in: -3...3)
            let intQ = [[q11, q12], [q12, q22]]
            let intC = [rng.nextInt(in: -3...3), rng.nextInt(in: -3...3)]
            let lo = [rng.nextInt(in: -3...0), rng.nextInt(in: -3...0)]
            let width = [rng.nextInt(in: 1...3), rng.nextInt(in: 1...3)]
            var intA: [[Int]] = [[-1, 0], [1, 0], [0, -1], [0, 1]]
            var scaledB = [-120 * lo[0], 120 * (lo[0] + width[0]), -120 * lo[1], 120 * (lo[1] + width[1])]
            // 1–2 cuts a·x ≤ a·p + s/2 through or beyond a random grid point p, so p stays feasible.
            let scaledP = (0..<2).map { 120 * lo[$0] + 2 * width[$0] * rng.nextInt(in: 0...60) }
            for _ in 0..<rng.nextInt(in: 1...2) {
                var cut = [0, 0]
                while cut == [0, 0] { cut = [rng.nextInt(in: -3...3), rng.nextInt(in: -3...3)] }
                intA.append(cut)
                scaledB.append(cut[0] * scaledP[0] + cut[1] * scaledP[1] + 60 * rng.nextInt(in: 0...2))
            }
            if q11 < 0 && q11 * q22 > q12 * q12 { concave += 1 } else { indefiniteOrConvex += 1 }
            let Q = intQ.map { $0.map { q($0) } }, c = intC.map { q($0) }
            let A = intA.map { $0.map { q($0) } }, b = scaledB.map { q($0, 120) }

            let result = try QuadraticProgram.maximize(quadratic: Q, linear: c, inequalities: A, bounds: b)
            XCTAssertTrue(satisfies(A, b, result.x), "trial \(trial): kernel point infeasible")
            XCTAssertEqual(quadraticValue(Q, c, 0, result.x), result.value, "trial \(trial)")
            XCTAssertEqual(result.x, result.maximisers.first, "trial \(trial)")
            for x in result.maximisers {
                XCTAssertTrue(satisfies(A, b, x), "trial \(trial): maximiser \(x) infeasible")
                XCTAssertEqual(quadraticValue(Q, c, 0, x), result.value, "trial \(trial): maximiser \(x)")
            }
            if result.active.count < 2 { offVertex += 1 }
            XCTAssertEqual(result.value, try referenceMaximum(Q, c, A, b), "trial \(trial)")

            // 61 × 61 grid over the box.
            var gridBest: Int? = nil
            for i in 0...60 {
                for j in 0...60 {
                    let X = [120 * lo[0] + 2 * width[0] * i, 120 * lo[1] + 2 * width[1] * j]
                    guard zip(intA, scaledB).allSatisfy({ $0[0] * X[0] + $0[1] * X[1] <= $1 }) else { continue }
                    let scaledValue = intQ[0][0] * X[0] * X[0] + 2 * intQ[0][1] * X[0] * X[1] + intQ[1][1] * X[1] * X[1]
                        + 240 * (intC[0] * X[0] + intC[1] * X[1])
                    gridBest = max(gridBest ?? scaledValue, scaledValue)
                }
            }
            XCTAssertNotNil(gridBest, "trial \(trial): the grid point p must be feasible")
            XCTAssertLessThanOrEqual(q(gridBest ?? 0, 2 * 120 * 120), result.value, "trial \(trial): a grid point beats the kernel")
        }
        // The sample covers concave and non-concave objectives and optima off the vertices.
        XCTAssertGreaterThan(concave, 0)
        XCTAssertGreaterThan(indefiniteOrConvex, 0)
        XCTAssertGreaterThan(offVertex, 0)
    }

    // MARK: - Equalities and degeneracy

    func testEqualityConstraintsIncludingRedundantRows() throws {
        let nonnegative: [[Rational]] = [[q(-1), q(0)], [q(0), q(-1)]]
        // x·y on the segment x + y = 1, x, y ≥ 0 (bounded by the equality): (1/2, 1/2), 1/4.
        let product = [[q(0), q(1)], [q(1), q(0)]]
        let single = try QuadraticProgram.maximize(quadratic: product, linear: [q(0), q(0)], inequalities: nonnegative,
                                                   bounds: [q(0), q(0)], equalities: [[q(1), q(1)]], values: [q(1)])
        XCTAssertEqual(single.x, [q(1, 2), q(1, 2)])
        XCTAssertEqual(single.value, q(1, 4))
        XCTAssertEqual(single.active, [])
        // Repeating the equality (scaled) changes nothing.
        let redundant = try QuadraticProgram.maximize(quadratic: product, linear: [q(0), q(0)], inequalities: nonnegative,
                                                      bounds: [q(0), q(0)], equalities: [[q(1), q(1)], [q(2), q(2)]], values: [q(1), q(2)])
        XCTAssertEqual(redundant, single)
        // x² + y² (convex) on the same segment: the two end points tie at 1.
        let convex = try QuadraticProgram.maximize(quadratic: [[q(2), q(0)], [q(0), q(2)]], linear: [q(0), q(0)], inequalities: nonnegative,
                                                   bounds: [q(0), q(0)], equalities: [[q(1), q(1)]], values: [q(1)])
        XCTAssertEqual(convex.value, q(1))
        XCTAssertEqual(convex.maximisers, [[q(0), q(1)], [q(1), q(0)]])
        XCTAssertEqual(convex.active, [0])
        // Inconsistent redundant equalities (x + y = 1, 2x + 2y = 3): empty.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: product, linear: [q(0), q(0)], inequalities: nonnegative, bounds: [q(0), q(0)],
                                                          equalities: [[q(1), q(1)], [q(2), q(2)]], values: [q(1), q(3)])) {
            if case let .invalidArgument(_, detail) = $0 { return detail.contains("empty") }
            return false
        }
    }

    func testDegenerateApexReportsEveryTightRow() throws {
        // Square pyramid z ≥ 0, z ≤ 1 ± x, z ≤ 1 ± y: the apex (0, 0, 1) has four tight facets (degenerate).
        let A: [[Rational]] = [[q(0), q(0), q(-1)], [q(1), q(0), q(1)], [q(-1), q(0), q(1)], [q(0), q(1), q(1)], [q(0), q(-1), q(1)]]
        let b: [Rational] = [q(0), q(1), q(1), q(1), q(1)]
        // z − x² − y²: maximum 1 at the apex.
        let apex = try QuadraticProgram.maximize(quadratic: [[q(-2), q(0), q(0)], [q(0), q(-2), q(0)], [q(0), q(0), q(0)]],
                                                 linear: [q(0), q(0), q(1)], inequalities: A, bounds: b)
        XCTAssertEqual(apex.x, [q(0), q(0), q(1)])
        XCTAssertEqual(apex.value, q(1))
        XCTAssertEqual(apex.active, [1, 2, 3, 4])
        // Linear objective x (Q = 0): x ≤ 1 − z, so the optimal set is the base edge {(1, y, 0) : |y| ≤ 1}, a
        // continuum; its end points, the optimal vertices (1, ±1, 0), are reported (face systems with Q = 0 and
        // fewer than three rows are singular).
        let zero = [[Rational]](repeating: [q(0), q(0), q(0)], count: 3)
        let edge = try QuadraticProgram.maximize(quadratic: zero, linear: [q(1), q(0), q(0)], inequalities: A, bounds: b)
        XCTAssertEqual(edge.value, q(1))
        XCTAssertEqual(edge.maximisers, [[q(1), q(-1), q(0)], [q(1), q(1), q(0)]])
    }

    // MARK: - Errors

    func testErrors() throws {
        let unitA: [[Rational]] = [[q(1)], [q(-1)]]
        let unitB: [Rational] = [q(1), q(0)]
        func isMismatch(_ error: NumericsError) -> Bool { if case .dimensionMismatch = error { return true }; return false }
        func invalid(_ phrase: String) -> (NumericsError) -> Bool {
            { if case let .invalidArgument(_, detail) = $0 { return detail.contains(phrase) }; return false }
        }
        // Q not n × n, rows of A or E of the wrong length, b or e of the wrong count.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1), q(0)]], linear: [q(0), q(0)], inequalities: [], bounds: []), matches: isMismatch)
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1)]], linear: [q(0), q(0)], inequalities: [], bounds: []), matches: isMismatch)
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1)]], linear: [q(0)], inequalities: [[q(1), q(0)]], bounds: [q(1)]), matches: isMismatch)
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1)]], linear: [q(0)], inequalities: unitA, bounds: [q(1)]), matches: isMismatch)
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1)]], linear: [q(0)], inequalities: unitA, bounds: unitB,
                                                          equalities: [[q(1)]], values: []), matches: isMismatch)
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(1)]], linear: [q(0)], inequalities: unitA, bounds: unitB,
                                                          equalities: [[q(1), q(1)]], values: [q(0)]), matches: isMismatch)
        // No variables.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[Rational]](), linear: [], inequalities: [], bounds: []), matches: invalid("no variables"))
        // Infeasible box x ≤ 0, x ≥ 1.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(-1)]], linear: [q(0)], inequalities: unitA, bounds: [q(0), q(-1)]),
                            matches: invalid("empty"))
        // Unbounded: x ≥ 0 alone (rank deficit in 2-D too), and the half-strip 0 ≤ x ≤ 1, y ≥ 0 (found by the Stiemke LP).
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(-1)]], linear: [q(0)], inequalities: [[q(-1)]], bounds: [q(0)]),
                            matches: invalid("unbounded"))
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(-1), q(0)], [q(0), q(-1)]], linear: [q(0), q(0)],
                                                          inequalities: [[q(-1), q(0)], [q(1), q(0)], [q(0), q(-1)]], bounds: [q(0), q(1), q(0)]),
                            matches: invalid("δ = [0, 1]"))
        // Too many face systems: the product example needs 1 + 7 + 21 + 35 = 64.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: productQ, linear: productC, inequalities: productA, bounds: productB,
                                                          maxFaceSystems: 63), matches: invalid("= 64 face systems"))
        XCTAssertNoThrow(try QuadraticProgram.maximize(quadratic: productQ, linear: productC, inequalities: productA, bounds: productB, maxFaceSystems: 64))
        // Floating mode: non-finite data; negative tolerance.
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[-1.0]], linear: [.nan], inequalities: [[1.0], [-1.0]], bounds: [1, 0])) {
            if case .nonFinite = $0 { return true }; return false
        }
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[-1.0]], linear: [0], inequalities: [[1.0], [-1.0]], bounds: [.infinity, 0])) {
            if case .nonFinite = $0 { return true }; return false
        }
        assertNumericsError(try QuadraticProgram.maximize(quadratic: [[q(-1)]], linear: [q(0)], inequalities: unitA, bounds: unitB, tolerance: q(-1)),
                            matches: invalid("negative tolerance"))
    }

    /// An empty polytope: `maximize` throws naming it, `maximizeIfNonempty`
    /// returns nil; a nonempty one gives the same optimum from both, and the
    /// other errors are thrown by both.
    func testMaximizeIfNonemptyReportsEmptinessWithoutThrowing() throws {
        let q: [[Rational]] = [[-1]]
        // x ≤ 1 and −x ≤ −2 (x ≥ 2): empty.
        XCTAssertNil(try QuadraticProgram.maximizeIfNonempty(quadratic: q, linear: [0], inequalities: [[1], [-1]], bounds: [1, -2]))
        XCTAssertThrowsError(try QuadraticProgram.maximize(quadratic: q, linear: [0], inequalities: [[1], [-1]], bounds: [1, -2])) { error in
            guard case let NumericsError.invalidArgument(_, detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("is empty"), detail)
        }
        XCTAssertNil(try QuadraticProgram.maximizeIfNonempty(quadratic: [[-1.0]], linear: [0.0], inequalities: [[1.0], [-1.0]], bounds: [1.0, -2.0]))
        // 0 ≤ x ≤ 3, maximise ½·(−1)·x² + 2x = −(x − 2)²/2 + 2: x = 2.
        let full = try QuadraticProgram.maximize(quadratic: q, linear: [2], inequalities: [[1], [-1]], bounds: [3, 0])
        let optional = try XCTUnwrap(try QuadraticProgram.maximizeIfNonempty(quadratic: q, linear: [2], inequalities: [[1], [-1]], bounds: [3, 0]))
        XCTAssertEqual(full.x, [2])
        XCTAssertEqual(optional.x, full.x)
        XCTAssertEqual(optional.value, full.value)
        XCTAssertEqual(optional.maximisers, full.maximisers)
        // Unbounded: still an error.
        XCTAssertThrowsError(try QuadraticProgram.maximizeIfNonempty(quadratic: q, linear: [0], inequalities: [[1]], bounds: [1]))
    }
}
