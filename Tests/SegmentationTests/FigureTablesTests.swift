import XCTest
import Harness
import SegmentationSolvers
import Numerics
@testable import Segmentation

/// The tables behind Fig 4 (a), the Sec 3.1.1 phase diagram in α and Fig 6,
/// against closed forms derived by hand and second methods.
final class FigureTablesTests: XCTestCase {
    let registry = Registry(segmentationSolvers)

    func compute(_ solver: String, _ parameters: String) throws -> Table {
        let spec = try registry.probe(solver, json: parameters)
        return try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(spec)
    }

    func column(_ t: Table, _ name: String) -> [TableValue] { t.rows.map { $0[t.columnIndex(name)!] } }

    // MARK: Fig 4 (a)

    func testOptimalFacesAgainstTheLinearProgram() throws {
        let env = try section311()
        let polytope = try PaymentPolytope(environment: env)
        let vertices = try polytope.vertices()
        // f¹ selects p¹ = (1, 1) alone; f² the edge p¹–p², f³ the edge p²–p³ (Sec 4.2).
        let f1 = try polytope.optimalFace(for: [r(9, 10), r(1, 10)], vertices: vertices)
        XCTAssertEqual(f1.vertices, [[1, 1]])
        XCTAssertEqual(f1.dimension, 0)
        XCTAssertEqual(f1.centroid, [1, 1])
        let f2 = try polytope.optimalFace(for: [r(3, 4), r(1, 4)], vertices: vertices)
        XCTAssertEqual(f2.vertices, [[r(3, 4), r(7, 4)], [1, 1]])
        XCTAssertEqual(f2.dimension, 1)
        XCTAssertEqual(f2.centroid, [r(7, 8), r(11, 8)])
        let f3 = try polytope.optimalFace(for: [1, 3], vertices: vertices)      // unnormalised (1/4, 3/4)
        XCTAssertEqual(f3.market, [r(1, 4), r(3, 4)])
        XCTAssertEqual(f3.vertices, [[0, 2], [r(3, 4), r(7, 4)]])
        for (face, market) in [(f1, [r(9, 10), r(1, 10)]), (f2, [r(3, 4), r(1, 4)]), (f3, [r(1, 4), r(3, 4)])] {
            // Second method: the exact mechanism LP's optimal revenue.
            XCTAssertEqual(face.revenue, try env.optimalRevenue(for: try Market(market)))
            // The market is orthogonal to its optimal face.
            for v in face.vertices.dropFirst() {
                XCTAssertEqual(zip(market, zip(v, face.vertices[0])).reduce(Rational.zero) { $0 + $1.0 * ($1.1.0 - $1.1.1) }, .zero)
            }
        }
        XCTAssertEqual(f2.revenue, 1)
        XCTAssertEqual(f3.revenue, r(3, 2))
        assertSegmentationError(try polytope.optimalFace(for: [0, 0], vertices: vertices), .invalidMarketDirection(weights: [0, 0], types: 2))
        assertSegmentationError(try polytope.optimalFace(for: [1], vertices: vertices), .invalidMarketDirection(weights: [1], types: 2))
    }

    func testPolygonOrderIsCounterClockwise() throws {
        let polytope = try PaymentPolytope(environment: try section311())
        let cycle = try polytope.counterClockwiseVertices()
        XCTAssertEqual(cycle, [[0, 0], [r(1, 2), 0], [r(3, 4), r(1, 4)], [1, 1], [r(3, 4), r(7, 4)], [0, 2]])
        XCTAssertEqual(Set(cycle), Set(try polytope.vertices()))
        // Every turn is to the left, and the shoelace area is the hand-computed 25/16.
        var area = Rational.zero
        for i in cycle.indices {
            let a = cycle[i], b = cycle[(i + 1) % cycle.count], c = cycle[(i + 2) % cycle.count]
            XCTAssertGreaterThan((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]), .zero)
            area += (a[0] * b[1] - b[0] * a[1]) / 2
        }
        XCTAssertEqual(area, r(25, 16))
        let three = try PaymentPolytope(environment: try Environment(valuations: [[1], [2], [3]]))
        assertSegmentationError(try three.counterClockwiseVertices(), .notTwoTypes(found: 3))
    }

    func testPolytopeDirectionsKind() throws {
        let t = try compute("segmentation.payment-polytope-directions",
                            "{\"valuations\": [[\"3/4\", 1], [1, 2]], \"markets\": [[\"9/10\", \"1/10\"], [\"3/4\", \"1/4\"]], \"market_names\": [\"f1\", \"f2\"]}")
        XCTAssertEqual(column(t, "part").filter { $0 == .text("vertex") }.count, 6)
        let f2 = t.rows.first { $0[t.columnIndex("label")!] == .text("f2") }!
        // Base: midpoint of p¹ and p²; head: base + (1/2)(3/4, 1/4).
        XCTAssertEqual(["x", "y", "x2", "y2"].map { f2[t.columnIndex($0)!] }, [.rational(r(7, 8)), .rational(r(11, 8)), .rational(r(5, 4)), .rational(r(3, 2))])
        let p1 = t.rows.first { $0[t.columnIndex("label")!] == .text("(1, 1)") }!
        XCTAssertEqual(p1[t.columnIndex("optimal")!], .text("f1, f2"))
        XCTAssertThrowsError(try compute("segmentation.payment-polytope-directions", "{\"valuations\": [[\"3/4\", 1], [1, 2]], \"markets\": [[1, 2, 3]]}"))
        XCTAssertThrowsError(try compute("segmentation.payment-polytope-directions", "{\"valuations\": [[\"3/4\", 1], [1, 2]], \"markets\": [[1, 2]], \"market_names\": [\"a\", \"b\"]}"))
    }

    // MARK: Sec 3.1.1 in α

    /// By hand, for v = [[α, 1], [1, 2]]: the payment vertices p¹ = (1, 1), p² = (α, 1 + α), p³ = (0, 2)
    /// tie at q = 1 − α (p¹ ~ p²) and q = α (p² ~ p³); for α ≤ 1/2, p² is never optimal and p¹ ~ p³ at q = 1/2.
    func testPhaseDiagramColumnsAgainstTheClosedForm() throws {
        for (alpha, lower, upper, count, notImprovable) in [(r(3, 5), r(2, 5), r(3, 5), 1, r(3, 5)), (r(3, 4), r(1, 4), r(3, 4), 1, r(3, 4)),
                                                            (r(2, 5), r(1, 2), r(1, 2), 0, r(0)), (r(1, 2), r(1, 2), r(1, 2), 0, r(0))] {
            let t = try compute("segmentation.two-by-two-summary", "{\"v_low_aL\": \"\(alpha)\", \"v_low_aH\": 1, \"v_high_aL\": 1, \"v_high_aH\": 2}")
            let row = t.rows[0]
            func cell(_ n: String) -> TableValue { row[t.columnIndex(n)!] }
            XCTAssertEqual(cell("lower_breakpoint"), .rational(lower), "α = \(alpha)")
            XCTAssertEqual(cell("upper_breakpoint"), .rational(upper), "α = \(alpha)")
            XCTAssertEqual(cell("breakpoint_count"), .int(lower == upper ? 1 : 2), "α = \(alpha)")
            XCTAssertEqual(cell("efficient_up_to"), .rational(lower), "α = \(alpha)")
            XCTAssertEqual(cell("not_improvable_count"), .int(count), "α = \(alpha)")
            XCTAssertEqual(cell("first_not_improvable"), .rational(notImprovable), "α = \(alpha)")
        }
    }

    // MARK: Fig 6

    /// By hand for E_k: τ_i = (2i + 1)/(2k + 2i + 1) and CS^k(t_2, ·) = (k − i)/k on (τ_{i−1}, τ_i] (τ_{−1} = 0, and [0, τ_0]).
    func testFigure6PiecesAgainstTheClosedForm() throws {
        for k in [1, 2, 4, 8] {
            let env = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: k, maxQuality: 1, curvature: 1)
            let s = try env.environment.analyze(.twoType).surplusPieces(of: 1)
            let tau = (0..<k).map { r(2 * $0 + 1, 2 * k + 2 * $0 + 1) }
            let level = (0...k).map { r(k - $0, k) }
            var expected: [SurplusPieces.Piece] = []
            let ends = [Rational.zero] + tau + [1]
            for (j, e) in ends.enumerated() {
                let atPoint = j == 0 ? level[0] : level[j - 1]            // closed on the right; CS(t_2, 0) from market 0's menu
                expected.append(.init(lower: e, upper: e, surplus: atPoint, averageAtLower: e * atPoint, averageAtUpper: e * atPoint))
                if j + 1 < ends.count {
                    expected.append(.init(lower: e, upper: ends[j + 1], surplus: level[j], averageAtLower: e * level[j], averageAtUpper: ends[j + 1] * level[j]))
                }
            }
            XCTAssertEqual(s.pieces, expected, "k = \(k)")
            // Fig 6 (c): the concavification over [0, τ_{k−1}] has every threshold as a vertex, attained there.
            XCTAssertEqual(s.concavificationUpToLastBreakpoint, [PlanePoint(0, 0)] + tau.indices.map { PlanePoint(tau[$0], tau[$0] * level[$0]) })
            XCTAssertEqual(s.concavificationVertexAttained, Array(repeating: true, count: k + 1))
            // Over [0, 1]: the same points plus (1, 0), concavified by a second route (the general envelope of all
            // piece ends = Numerics' envelope of the closed-form corner points).
            let corners = [PlanePoint<Rational>(0, 0)] + tau.indices.map { PlanePoint(tau[$0], tau[$0] * level[$0]) } + [PlanePoint(1, 0)]
            XCTAssertEqual(s.concavification, try ConcaveEnvelope(points: corners).vertices, "k = \(k)")
        }
        // For k = 8 the chord to (1, 0) cuts the thresholds 11/27, 13/29, 15/31 off the envelope over [0, 1].
        let e8 = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: 8, maxQuality: 1, curvature: 1)
        XCTAssertEqual(try e8.environment.analyze(.twoType).surplusPieces(of: 1).concavification.map(\.x), [0, r(1, 17), r(3, 19), r(5, 21), r(7, 23), r(9, 25), 1])
    }

    /// The continuum limit by hand: φ_1 = 1 − q/(1 − q), quality(t_1) = clamp(φ_1, 0, 1), CS(t_2) = quality(t_1).
    func testContinuumMenuSurplus() throws {
        let c = try ContinuumQuadraticEnvironment(types: [1, 2], maxQuality: 1, curvature: 1)
        for q in [r(0), r(1, 10), r(1, 3), r(49, 100), r(1, 2), r(3, 4), r(1)] {
            let expected = q < r(1, 2) ? (1 - 2 * q) / (1 - q) : .zero
            XCTAssertEqual(try c.menuSurplus(of: 1, in: try Market.twoType(q: q)), expected, "q = \(q)")
        }
        // On the support the menu surplus is the type's own surplus; t_1 never gains.
        XCTAssertEqual(try c.menuSurplus(of: 0, in: try Market.twoType(q: r(1, 4))), 0)
        assertSegmentationError(try c.menuSurplus(of: 2, in: try Market.twoType(q: r(1, 4))), .typeOutOfRange(type: 2, types: 2))
    }

    /// The continuum-limit kind with other types and curvature, by hand: φ_1 = t_1 − (t_2 − t_1)q/(1 − q),
    /// quality(t_1) = clamp(φ_1/κ, 0, 1), CS(t_2) = (t_2 − t_1)·quality(t_1), t_1 excluded from q = t_1/t_2 on.
    func testContinuumLimitKindParameters() throws {
        // Types 1 and 3, κ = 2: at q = 1/4, φ_1 = 1 − 2·(1/3) = 1/3, quality 1/6, CS(t_2) = 1/3; threshold 1/3.
        let t = try compute("segmentation.continuum-limit", "{\"q\": \"1/4\", \"types\": [1, 3], \"curvature\": 2}")
        XCTAssertEqual(column(t, "quality_t1"), [.rational(r(1, 6))])
        XCTAssertEqual(column(t, "cs_t2"), [.rational(r(1, 3))])
        XCTAssertEqual(column(t, "cs_t2_menu"), [.rational(r(1, 3))])
        XCTAssertEqual(column(t, "exclusion_threshold"), [.rational(r(1, 3))])
        // q = 0: t_2 is not in the market (cs_t2 = 0); facing market 0's menu (quality φ_1/κ = 1/2 at price 1/2) it gets 3/2 − 1/2 = 1.
        let zero = try compute("segmentation.continuum-limit", "{\"q\": 0, \"types\": [1, 3], \"curvature\": 2}")
        XCTAssertEqual(column(zero, "cs_t2"), [.rational(0)])
        XCTAssertEqual(column(zero, "cs_t2_menu"), [.rational(1)])
        // Defaults: CS(t_2, q) = (1 − 2q)/(1 − q) below 1/2 (the paper's curve), and 1 at q = 0 facing the menu.
        for q in [r(0), r(1, 5), r(9, 20), r(1, 2), r(3, 4)] {
            let d = try compute("segmentation.continuum-limit", "{\"q\": \"\(q)\"}")
            XCTAssertEqual(column(d, "cs_t2_menu"), [.rational(q < r(1, 2) ? (1 - 2 * q) / (1 - q) : .zero)], "q = \(q)")
        }
    }

    /// E_1 by hand: alternatives {0, 1} at cost κ/2; selling to both types earns t_1 − κ/2, only to t_2 earns
    /// q(t_2 − κ/2), so the one threshold is τ_0 = (t_1 − κ/2)/(t_2 − κ/2): 1/3 for the defaults, 1/5 for types 1, 3.
    func testIncreasingAlternativesKindParameters() throws {
        let d = try compute("segmentation.increasing-alternatives", "{\"k\": 1}")
        XCTAssertEqual(column(d, "thresholds"), [.text("1/3")])
        let t = try compute("segmentation.increasing-alternatives", "{\"k\": 1, \"types\": [1, 3]}")
        XCTAssertEqual(column(t, "thresholds"), [.text("1/5")])
        // κ = 1/2: (1 − 1/4)/(2 − 1/4) = 3/7.
        let c = try compute("segmentation.increasing-alternatives", "{\"k\": 1, \"curvature\": \"1/2\"}")
        XCTAssertEqual(column(c, "thresholds"), [.text("3/7")])
        // The cutoff only narrows the markets over which the gains are taken: a smaller cutoff never finds more.
        for k in [2, 4] {
            let wide = try compute("segmentation.increasing-alternatives", "{\"k\": \(k)}")
            let narrow = try compute("segmentation.increasing-alternatives", "{\"k\": \(k), \"cutoff\": \"1/4\"}")
            guard case let .rational(a) = column(wide, "largest_average_gain")[0], case let .rational(b) = column(narrow, "largest_average_gain")[0] else {
                return XCTFail("rational gains expected")
            }
            XCTAssertLessThanOrEqual(b, a, "k = \(k)")
        }
    }

    func testFigure6Kind() throws {
        let t = try compute("segmentation.increasing-alternatives-pieces", "{\"grid_sizes\": [2], \"limit_samples\": 4}")
        let parts = column(t, "part").map(\.description), ks = column(t, "k").map(\.description)
        XCTAssertEqual(zip(ks, parts).filter { $0 == ("2", "cs") }.count, 7)
        XCTAssertEqual(zip(ks, parts).filter { $0 == ("2", "concavification") }.count, 3)
        XCTAssertEqual(zip(ks, parts).filter { $0 == ("limit", "cs") }.count, 5)
        let limitCS = t.rows.filter { $0[0] == .text("limit") && $0[1] == .text("cs") }.map { $0[t.columnIndex("value")!] }
        XCTAssertEqual(limitCS, [1, r(2, 3), 0, 0, 0].map(TableValue.rational))
        XCTAssertThrowsError(try compute("segmentation.increasing-alternatives-pieces", "{\"grid_sizes\": [2], \"types\": [1, 2, 3]}"))
        XCTAssertThrowsError(try compute("segmentation.increasing-alternatives-pieces", "{\"grid_sizes\": [0]}"))
    }
}
