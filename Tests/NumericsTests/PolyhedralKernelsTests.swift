import XCTest
import Numerics

/// Tests of the Numerics additions MatrixRank.swift, VertexEnumeration.swift
/// and NormalFan.swift, against hand-computed answers.
final class PolyhedralKernelsTests: XCTestCase {
    func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

    func testRowSpaceBasisMatchesRankOnSeededRandomMatrices() throws {
        // The incremental basis decides rank and membership exactly as a
        // fresh elimination does: rank(rows) and rank(rows + [v]) == rank(rows).
        var rng = SplitMix64(seed: 77)
        for trial in 0..<200 {
            let c = 1 + trial % 7
            let count = Int.random(in: 0...8, using: &rng)
            // Sparse small entries so that dependent rows and unit rows occur.
            func vector() -> [Rational] {
                (0..<c).map { _ in Int.random(in: 0...2, using: &rng) == 0 ? r(Int.random(in: -3...3, using: &rng), Int.random(in: 1...3, using: &rng)) : r(0) }
            }
            var rows: [[Rational]] = []
            var basis = RowSpaceBasis<Rational>(columns: c)
            for _ in 0..<count {
                let v = Int.random(in: 0...3, using: &rng) == 0 && !rows.isEmpty
                    ? zip(rows[0], rows[rows.count - 1]).map { $0 * 2 - $1 }   // a dependent row
                    : vector()
                let before = try LinearSystem.rank(rows)
                XCTAssertEqual(basis.contains(v), try LinearSystem.rank(rows + [v]) == before)
                rows.append(v)
                XCTAssertEqual(basis.insert(v), try LinearSystem.rank(rows) > before)
                XCTAssertEqual(basis.rank, try LinearSystem.rank(rows))
            }
            for _ in 0..<5 {
                let v = vector()
                XCTAssertEqual(basis.contains(v), try LinearSystem.rank(rows + [v]) == (try LinearSystem.rank(rows)))
            }
            // Full rank ⟺ trivial null space.
            XCTAssertEqual(basis.rank == c, try LinearSystem.nullSpace(rows, columns: c).isEmpty)
        }
    }

    func testRankExactAndFloating() throws {
        XCTAssertEqual(try LinearSystem.rank([[Rational]]()), 0)
        XCTAssertEqual(try LinearSystem.rank([[r(1), r(2)], [r(2), r(4)]]), 1)
        XCTAssertEqual(try LinearSystem.rank([[r(0), r(0)], [r(0), r(0)]]), 0)
        XCTAssertEqual(try LinearSystem.rank([[r(1), r(2), r(3)], [r(4), r(5), r(6)], [r(7), r(8), r(9)]]), 2)
        XCTAssertEqual(try LinearSystem.rank([[r(1), r(0), r(0)], [r(0), r(1), r(0)], [r(0), r(0), r(1)], [r(1), r(1), r(1)]]), 3)
        XCTAssertEqual(try LinearSystem.rank([[r(0), r(1)], [r(0), r(2)], [r(0), r(1, 3)]]), 1)
        XCTAssertEqual(try LinearSystem.rank([[1.0, 2.0], [2.0, 4.0 + 1e-14]], tolerance: 1e-9), 1)
        XCTAssertEqual(try LinearSystem.rank([[1.0, 2.0], [2.0, 5.0]], tolerance: 1e-9), 2)
        assertNumericsError(try LinearSystem.rank([[r(1)], [r(1), r(2)]])) { if case .dimensionMismatch = $0 { return true }; return false }
        assertNumericsError(try LinearSystem.rank([[1.0]], tolerance: -1)) { if case .invalidArgument = $0 { return true }; return false }
    }

    func testNullSpace() throws {
        // x + y + z = 0, x − y = 0: null space spanned by (−1, −1, 2)/2 scaled so the free column is 1.
        let basis = try LinearSystem.nullSpace([[r(1), r(1), r(1)], [r(1), r(-1), r(0)]])
        XCTAssertEqual(basis, [[r(-1, 2), r(-1, 2), r(1)]])
        XCTAssertEqual(try LinearSystem.nullSpace([[r(1), r(0)], [r(0), r(1)]]), [])
        XCTAssertEqual(try LinearSystem.nullSpace([[Rational]](), columns: 2), [[r(1), r(0)], [r(0), r(1)]])
        // Every basis vector solves the system; the dimension is c − rank.
        let m = [[r(1), r(2), r(3), r(4)], [r(2), r(4), r(6), r(8)], [r(0), r(1), r(1), r(0)]]
        let n = try LinearSystem.nullSpace(m)
        XCTAssertEqual(n.count, 4 - (try LinearSystem.rank(m)))
        for d in n { for row in m { XCTAssertEqual(zip(row, d).reduce(Rational.zero) { $0 + $1.0 * $1.1 }, 0) } }
        assertNumericsError(try LinearSystem.nullSpace([[Rational]]())) { if case .invalidArgument = $0 { return true }; return false }
        assertNumericsError(try LinearSystem.nullSpace([[r(1)], [r(1), r(2)]])) { if case .dimensionMismatch = $0 { return true }; return false }
    }

    func testVerticesOfSquareSimplexAndCube() throws {
        // Unit square 0 ≤ x, y ≤ 1.
        let square = [LinearConstraint([r(1), r(0)], .greaterOrEqual, r(0)), LinearConstraint([r(1), r(0)], .lessOrEqual, r(1)),
                      LinearConstraint([r(0), r(1)], .greaterOrEqual, r(0)), LinearConstraint([r(0), r(1)], .lessOrEqual, r(1))]
        XCTAssertEqual(Set(try Polytope.vertices(of: square, dimension: 2)), Set([[r(0), r(0)], [r(0), r(1)], [r(1), r(0)], [r(1), r(1)]]))
        // Standard 2-simplex in R^3 (an equality plus three inequalities).
        var simplex = (0..<3).map { i in LinearConstraint((0..<3).map { $0 == i ? r(1) : r(0) }, .greaterOrEqual, r(0)) }
        simplex.append(LinearConstraint([r(1), r(1), r(1)], .equal, r(1)))
        XCTAssertEqual(Set(try Polytope.vertices(of: simplex, dimension: 3)), Set([[r(1), r(0), r(0)], [r(0), r(1), r(0)], [r(0), r(0), r(1)]]))
        // A redundant (repeated) equality does not change the answer.
        XCTAssertEqual(try Polytope.vertices(of: simplex + [simplex[3]], dimension: 3).count, 3)
        // 3-cube: 8 vertices; a cut x + y + z ≤ 3/2 leaves 4 + 6 = ... hand count: vertices with sum ≤ 1 (4) plus the
        // 6 points where edges from sum-1 to sum-2 vertices cross the plane.
        var cube: [LinearConstraint<Rational>] = []
        for i in 0..<3 {
            let e = (0..<3).map { $0 == i ? r(1) : r(0) }
            cube.append(LinearConstraint(e, .greaterOrEqual, r(0)))
            cube.append(LinearConstraint(e, .lessOrEqual, r(1)))
        }
        XCTAssertEqual(try Polytope.vertices(of: cube, dimension: 3).count, 8)
        let cut = try Polytope.vertices(of: cube + [LinearConstraint([r(1), r(1), r(1)], .lessOrEqual, r(3, 2))], dimension: 3)
        XCTAssertEqual(cut.count, 10)
        XCTAssertTrue(cut.contains([r(1), r(1, 2), r(0)]))
        // Infeasible: x ≥ 1 and x ≤ 0.
        XCTAssertEqual(try Polytope.vertices(of: [LinearConstraint([r(1)], .greaterOrEqual, r(1)), LinearConstraint([r(1)], .lessOrEqual, r(0))], dimension: 1), [])
        assertNumericsError(try Polytope.vertices(of: square, dimension: 3)) { if case .dimensionMismatch = $0 { return true }; return false }
        assertNumericsError(try Polytope.vertices(of: cube, dimension: 3, maxCombinations: 5)) { if case .invalidArgument = $0 { return true }; return false }
    }

    func testExtremePointsAndAffineDimension() throws {
        let points = [[r(0), r(0)], [r(2), r(0)], [r(0), r(2)], [r(1), r(1)], [r(1, 2), r(1, 2)], [r(2), r(0)]]
        XCTAssertEqual(try Polytope.extremePoints(of: points), [0, 1, 2])
        XCTAssertEqual(try Polytope.extremePoints(of: [[r(3)]]), [0])
        XCTAssertEqual(try Polytope.extremePoints(of: [[r(0)], [r(1)], [r(1, 2)]]), [0, 1])
        XCTAssertEqual(try Polytope.affineDimension(of: points), 2)
        XCTAssertEqual(try Polytope.affineDimension(of: [[r(0), r(0)], [r(1), r(1)], [r(2), r(2)]]), 1)
        XCTAssertEqual(try Polytope.affineDimension(of: [[r(5), r(1)]]), 0)
        XCTAssertEqual(try Polytope.affineDimension(of: []), -1)
    }

    /// The normal fan of the square [0, 2] × [0, 1] over the directions
    /// (1 − s, s), s ∈ [0, 1]: vertex (2, 1) is optimal everywhere; over the
    /// directions (1 − 2s, 2s − 1)... checked on a triangle with a known fan.
    func testNormalFanOfTriangleOverMarketDirections() throws {
        // P = conv{(0, 0), (3, 1), (1, 3)}: for g = (1 − s, s), (3, 1) wins for s < 1/2, (1, 3) for s > 1/2.
        let vertices = [[r(0), r(0)], [r(3), r(1)], [r(1), r(3)]]
        var calls = 0
        let oracle: ([Rational]) throws -> [Rational] = { g in
            calls += 1
            // Lexicographic tie-break on the first coordinate.
            return vertices.max { a, b in
                let va = g[0] * a[0] + g[1] * a[1], vb = g[0] * b[0] + g[1] * b[1]
                return va != vb ? va < vb : a[0] < b[0]
            }!
        }
        let domain = [LinearConstraint([r(1)], .greaterOrEqual, r(0)), LinearConstraint([r(1)], .lessOrEqual, r(1))]
        let fan = try OracleNormalFan(domain: domain, parameterDimension: 1, offset: [r(1), r(0)], linear: [[r(-1)], [r(1)]], oracle: oracle)
        XCTAssertEqual(fan.domainDimension, 1)
        XCTAssertEqual(fan.cells.count, 2)
        let byVertex = Dictionary(uniqueKeysWithValues: fan.cells.map { ($0.vertex, Set($0.regionVertices.map { $0[0] })) })
        XCTAssertEqual(byVertex[[r(3), r(1)]], Set([r(0), r(1, 2)]))
        XCTAssertEqual(byVertex[[r(1), r(3)]], Set([r(1, 2), r(1)]))
        XCTAssertEqual(fan.adjacencies.count, 1)
        XCTAssertEqual(fan.adjacencies[0].sharedVertices, [[r(1, 2)]])
        XCTAssertEqual(Set([fan.adjacencies[0].normal, fan.adjacencies[0].normal.map { -$0 }]), Set([[r(2), r(-2)], [r(-2), r(2)]]))
        XCTAssertLessThanOrEqual(fan.oracleCalls, calls)

        // All directions on the boundary of the square [−1, 1]²: every vertex of P appears.
        var found = Set<[Rational]>()
        for axis in 0..<2 {
            for sign in [r(1), r(-1)] {
                var dom: [LinearConstraint<Rational>] = []
                for j in 0..<2 {
                    let e = (0..<2).map { $0 == j ? r(1) : r(0) }
                    if j == axis { dom.append(LinearConstraint(e, .equal, sign)) } else {
                        dom.append(LinearConstraint(e, .lessOrEqual, r(1))); dom.append(LinearConstraint(e, .greaterOrEqual, r(-1)))
                    }
                }
                let f = try OracleNormalFan(domain: dom, parameterDimension: 2, offset: [r(0), r(0)], linear: [[r(1), r(0)], [r(0), r(1)]], oracle: oracle)
                for c in f.cells { found.insert(c.vertex) }
            }
        }
        XCTAssertEqual(found, Set(vertices))
    }

    func testNormalFanRejectsEmptyDomain() {
        let domain = [LinearConstraint([r(1)], .greaterOrEqual, r(2)), LinearConstraint([r(1)], .lessOrEqual, r(1))]
        assertNumericsError(try OracleNormalFan(domain: domain, parameterDimension: 1, offset: [r(0)], linear: [[r(1)]]) { _ in [r(0)] }) {
            if case .invalidArgument = $0 { return true }; return false
        }
    }
}
