import XCTest
import Foundation
import Numerics
@testable import CompetitiveInformationDesign

/// The asymmetric Hotelling LP against the symmetric solver (its special
/// case), closed forms, and a brute-force search over the paper's per-side
/// truncated Pareto family.
final class AsymmetricHotellingTests: XCTestCase {
    func binary(_ q: Double) throws -> DiscreteResidualPrior {
        try DiscreteResidualPrior(atoms: [-1, 1], probabilities: [1 - q, q], vBar: 1)
    }

    /// The memoised optimum is bit-for-bit the fresh solve, on repeated calls,
    /// and priors differing only in the sign of a zero atom are kept apart.
    func testMemoisedOptimumEqualsFreshSolve() throws {
        func same(_ a: AsymmetricHotellingOptimum, _ b: AsymmetricHotellingOptimum) {
            XCTAssertEqual(a.support.map(\.bitPattern), b.support.map(\.bitPattern))
            XCTAssertEqual(a.masses.map(\.bitPattern), b.masses.map(\.bitPattern))
            XCTAssertEqual(a.consumerSurplusBound.bitPattern, b.consumerSurplusBound.bitPattern)
            XCTAssertEqual(a.revenueBounds.map(\.bitPattern), b.revenueBounds.map(\.bitPattern))
            XCTAssertEqual(a.consumerSurplus.bitPattern, b.consumerSurplus.bitPattern)
            XCTAssertEqual(a.producerSurplus.bitPattern, b.producerSurplus.bitPattern)
        }
        for (q, cells) in [(0.5, 30), (0.8, 31)] {
            let fresh = try AsymmetricHotelling.solveConsumerOptimum(prior: try binary(q), cells: cells)
            for _ in 0..<2 { same(try AsymmetricHotelling.consumerOptimum(prior: try binary(q), cells: cells), fresh) }
        }
        let plus = try DiscreteResidualPrior(atoms: [0, 1], probabilities: [0.5, 0.5], vBar: 1)
        let minus = try DiscreteResidualPrior(atoms: [-0.0, 1], probabilities: [0.5, 0.5], vBar: 1)
        XCTAssertNotEqual(AsymmetricHotellingMemo.Key(prior: plus, cells: 20), AsymmetricHotellingMemo.Key(prior: minus, cells: 20))
    }

    /// Symmetric prior: the LP value increases with nested grids, stays below
    /// Theorem 3's optimum over G_b^B (the symmetric solver) and converges to it
    /// (error ≈ 0.4/cells); the equilibrium of the LP's G never beats the LP value.
    func testSymmetricSpecialCase() throws {
        let exact = try Hotelling.maximizeConsumerSurplus(prior: SymmetricResidualPrior(atoms: [-1, 1], probabilities: [0.5, 0.5], vBar: 1))
        var last = -Double.infinity
        for cells in [40, 80, 160] {
            let o = try AsymmetricHotelling.consumerOptimum(prior: try binary(0.5), cells: cells)
            XCTAssertGreaterThanOrEqual(o.consumerSurplusBound, last - 1e-12)
            XCTAssertLessThanOrEqual(o.consumerSurplusBound, exact.consumerSurplus + 1e-9)
            XCTAssertLessThanOrEqual(o.consumerSurplus, o.consumerSurplusBound + 1e-9)
            last = o.consumerSurplusBound
        }
        XCTAssertEqual(last, exact.consumerSurplus, accuracy: 4e-3)
    }

    /// Per-side construction in closed form: with r = ±1, Ψ_F is affine on
    /// [−1, 1], so the MPC is only E_G[r] = 2q − 1. Pricing at b on both sides
    /// with side masses m, 1 − m gives E|r| = b(1 + ln(1/b)) whatever m, and m
    /// absorbs the mean as long as |2q − 1| ≤ E_G|r|: the optimum does not
    /// depend on q there (at b = e⁻², for |2q − 1| ≤ 3e⁻² ≈ 0.406; on a coarse grid
    /// E_G|r| is a little smaller). The LP must give the symmetric value on every
    /// grid for q = 0.6, 0.65.
    func testModerateAsymmetryLeavesTheOptimumUnchanged() throws {
        for cells in [40, 80] {
            let sym = try AsymmetricHotelling.consumerOptimum(prior: try binary(0.5), cells: cells)
            for q in [0.6, 0.65] {
                let o = try AsymmetricHotelling.consumerOptimum(prior: try binary(q), cells: cells)
                XCTAssertEqual(o.consumerSurplusBound, sym.consumerSurplusBound, accuracy: 1e-9, "q = \(q), cells = \(cells)")
            }
        }
    }

    /// A point-mass prior r = 1 leaves no room for information: G = F, producer 1
    /// charges 1, CS = 0 (monopoly over the whole residual); and relabelling the
    /// producers (mirroring F) leaves CS unchanged.
    func testPointMassAndMirror() throws {
        let point = try AsymmetricHotelling.consumerOptimum(prior: DiscreteResidualPrior(atoms: [1], probabilities: [1], vBar: 1), cells: 10)
        XCTAssertEqual(point.consumerSurplus, 0, accuracy: 1e-12)
        XCTAssertEqual(point.prices[0] ?? -1, 1, accuracy: 1e-12)
        let f = try DiscreteResidualPrior(atoms: [-1, -0.2, 0.6, 1], probabilities: [0.2, 0.3, 0.1, 0.4], vBar: 1)
        let a = try AsymmetricHotelling.consumerOptimum(prior: f, cells: 40)
        let b = try AsymmetricHotelling.consumerOptimum(prior: f.mirrored, cells: 40)
        XCTAssertEqual(a.consumerSurplusBound, b.consumerSurplusBound, accuracy: 1e-9)
    }

    /// Second method for a strongly asymmetric prior (r = 1 w.p. q = 0.9, −1 otherwise): the
    /// paper's construction side by side — producer i's side has mass m_i and a
    /// truncated Pareto tail G(|r| ≥ x) = m_i b_i / x on [b_i, B_i] with an atom
    /// at B_i — searched by brute force. For this F, Ψ_F is affine on [−1, 1],
    /// so the MPC reduces to supp G ⊂ [−1, 1] and E_G[r] = 2q − 1; B_1 is solved
    /// from the mean. CS = ½ + ½(E₊ + E₋) − m b_1 − (1 − m) b_2.
    func testAsymmetricAgainstPerSideParetoSearch() throws {
        let q = 0.9
        func sideMean(_ mass: Double, _ b: Double, _ B: Double) -> Double { mass * b * (1 + log(B / b)) }
        var best = -Double.infinity
        let coarse = 20, fine = 400   // m, b_2, B_2 on a coarse grid (m = 1 included), b_1 on a fine one
        for im in 1...coarse {
            let m = Double(im) / Double(coarse)
            for ib2 in 1...coarse {
                let b2 = Double(ib2) / Double(coarse)
                for iB2 in ib2...coarse {
                    let B2 = Double(iB2) / Double(coarse)
                    let eMinus = m < 1 ? sideMean(1 - m, b2, B2) : 0
                    let ePlus = 2 * q - 1 + eMinus
                    for ib1 in 1...fine {
                        let b1 = Double(ib1) / Double(fine)
                        let B1 = b1 * exp(ePlus / (m * b1) - 1)   // from E₊ = m b_1 (1 + ln(B_1/b_1))
                        guard B1 >= b1, B1 <= 1 else { continue }
                        best = max(best, 0.5 + 0.5 * (ePlus + eMinus) - m * b1 - (m < 1 ? (1 - m) * b2 : 0))
                    }
                }
            }
        }
        let lp = try AsymmetricHotelling.consumerOptimum(prior: try binary(q), cells: 160)
        XCTAssertLessThanOrEqual(lp.consumerSurplus, lp.consumerSurplusBound + 1e-9)
        XCTAssertEqual(lp.consumerSurplusBound, best, accuracy: 5e-3, "LP \(lp.consumerSurplusBound) vs per-side search \(best)")
        XCTAssertEqual(lp.consumerSurplus, best, accuracy: 1e-2, "equilibrium \(lp.consumerSurplus) vs per-side search \(best)")
        XCTAssertLessThan(best, 0.5 * (1 + exp(-2)) - 0.05)   // beyond |2q − 1| ≈ 0.406 the asymmetry costs the consumer
        // Closed form of the m = 1 regime: all of G on r > 0, E_G[r] = b(1 − ln b) = 2q − 1, CS = q − b.
        let b = try Roots.brent({ $0 * (1 - log($0)) - (2 * q - 1) }, in: exp(-2), 1).root
        XCTAssertEqual(best, q - b, accuracy: 3e-3)
        XCTAssertLessThanOrEqual(lp.consumerSurplusBound, q - b + 1e-9)
    }
}
