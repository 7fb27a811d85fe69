// Sec. III.C of BBM (alignment paper), the remark after Theorem 3: "while we
// assumed that the distribution of residuals was symmetric, this was not
// essential to our argument". The consumer-optimal interim distribution G of
// r = v_1 − v_2 for a discrete prior F that need not be symmetric, as one
// linear program over G supported on a grid of [−v̄, v̄] (plus F's atoms):
//
//   max  v̄/2 + ½·E_G|r| − π_1 − π_2                       (eq. (3): TS − PS)
//   s.t. Σ g = 1, E_G[r] = E_F[r], Ψ_G(x) ≤ Ψ_F(x) at every point (MPC),
//        x·G(r ≥ x) ≤ π_1 for x > 0, |x|·G(r ≤ x) ≤ π_2 for x < 0,
//
// where π_i bounds producer i's revenue when it is the efficient producer and
// the rival prices at cost (App. A3's pricing constraints, one per side).
// Ψ_G and Ψ_F are piecewise linear between consecutive points, so the MPC at
// the points is the MPC everywhere, and for grid-supported G the prices at
// the points are all prices: the LP is exactly the problem over grid-supported
// G (CS ≤ TS − PS for every G), whose value increases to the optimum as the
// grid is refined. The realised equilibrium of the LP's G (each efficient
// producer at its lowest optimal price, the rival at cost) is computed
// separately, so whether the bound is attained is checked, not assumed.
import Foundation
import Numerics

/// A discrete prior of the residual r on [−v̄, v̄]; symmetry not required.
public struct DiscreteResidualPrior: Sendable, Equatable {
    public let atoms: [Double]
    public let probabilities: [Double]
    public let vBar: Double

    /// - Throws: `.invalidResidualBound`, `.atomCount`, `.atomOutsideSupport`,
    ///   `.invalidAtomProbability`, `.atomProbabilitiesSum` (off 1 by more than 1e-12), as for the symmetric prior.
    public init(atoms: [Double], probabilities: [Double], vBar: Double) throws {
        guard vBar > 0, vBar.isFinite else { throw CompetitiveInformationDesignError.invalidResidualBound(vBar: vBar) }
        guard atoms.count == probabilities.count, !atoms.isEmpty else {
            throw CompetitiveInformationDesignError.atomCount(atoms: atoms.count, probabilities: probabilities.count)
        }
        for (k, (x, p)) in zip(atoms, probabilities).enumerated() {
            guard x.isFinite, abs(x) <= vBar else { throw CompetitiveInformationDesignError.atomOutsideSupport(index: k, atom: x, vBar: vBar) }
            guard p >= 0, p.isFinite else { throw CompetitiveInformationDesignError.invalidAtomProbability(index: k, probability: p) }
        }
        let sum = probabilities.reduce(0, +)
        guard abs(sum - 1) <= SymmetricResidualPrior.probabilityTolerance else {
            throw CompetitiveInformationDesignError.atomProbabilitiesSum(total: sum)
        }
        self.atoms = atoms; self.probabilities = probabilities; self.vBar = vBar
    }

    /// E_F[r].
    public var mean: Double { zip(atoms, probabilities).reduce(0) { $0 + $1.0 * $1.1 } }
    /// Ψ_F(x) = E_F[(r − x)⁺].
    public func stopLoss(_ x: Double) -> Double { zip(atoms, probabilities).reduce(0) { $0 + $1.1 * max(0, $1.0 - x) } }
    /// Efficient surplus v̄/2 + ½·E_F|r|.
    public var efficientSurplus: Double { vBar / 2 + 0.5 * zip(atoms, probabilities).reduce(0) { $0 + $1.1 * abs($1.0) } }
    /// The mirror image r ↦ −r (producers relabelled).
    public var mirrored: DiscreteResidualPrior { try! DiscreteResidualPrior(atoms: atoms.map { -$0 }, probabilities: probabilities, vBar: vBar) }
}

/// The consumer-optimal grid-supported interim distribution and its equilibrium.
public struct AsymmetricHotellingOptimum: Sendable {
    /// Support points and masses of G (masses below 1e-12 dropped).
    public let support: [Double]
    public let masses: [Double]
    /// The LP value: v̄/2 + ½E_G|r| − π_1 − π_2.
    public let consumerSurplusBound: Double
    /// Producer i's revenue bound π_i (i = 0: producer 1, efficient when r > 0).
    public let revenueBounds: [Double]
    /// Each efficient producer's lowest optimal price against G (nil: G has no mass on its side).
    public let prices: [Double?]
    /// Realised welfare of the equilibrium at those prices (rival at cost, ties to the efficient producer).
    public let consumerSurplus: Double
    public let producerSurplus: Double
    public var totalSurplus: Double { consumerSurplus + producerSurplus }
    /// v̄/2 + ½E_F|r|.
    public let efficientSurplus: Double
    /// G's mass on r > 0, r = 0 and r < 0.
    public let sideMasses: (positive: Double, zero: Double, negative: Double)
    /// Each efficient producer's price is its side's lowest support point (trade is interim efficient).
    public let pricesAtLowestSupport: Bool
    /// Grid cells used on [−v̄, v̄].
    public let cells: Int
}

public enum AsymmetricHotelling {
    /// The consumer-optimal interim distribution over G supported on
    /// {−v̄ + 2v̄k/cells} ∪ atoms ∪ {0} (see the file comment), by the floating
    /// simplex. - Throws: `.tooFewGridCells` for cells < 2; `.gridLinearProgram`
    /// if the LP does not end optimal. Complexity: one dense simplex with
    /// ≈ cells + n + 3 variables and ≈ 2·cells rows.
    ///
    /// The optimum is a deterministic function of (prior, cells), so it is
    /// memoised (`AsymmetricHotellingMemo`): specs that share a grid LP (the
    /// convergence study's 400-cell rows are sweep points) solve it once.
    public static func consumerOptimum(prior: DiscreteResidualPrior, cells: Int) throws -> AsymmetricHotellingOptimum {
        guard cells >= 2 else { throw CompetitiveInformationDesignError.tooFewGridCells(cells) }
        let key = AsymmetricHotellingMemo.Key(prior: prior, cells: cells)
        return try AsymmetricHotellingMemo.shared.value(for: key) { try solveConsumerOptimum(prior: prior, cells: cells) }
    }

    /// `consumerOptimum` without the memo (cells ≥ 2).
    static func solveConsumerOptimum(prior: DiscreteResidualPrior, cells: Int) throws -> AsymmetricHotellingOptimum {
        let v = prior.vBar
        var raw = (0...cells).map { -v + 2 * v * Double($0) / Double(cells) } + prior.atoms + [0]
        raw.sort()
        var x: [Double] = []
        for p in raw where x.last.map({ p - $0 > 1e-12 * v }) ?? true { x.append(p) }
        let m = x.count
        var objective = x.map { 0.5 * abs($0) }
        objective += [-1, -1]
        var lp = LinearProgram<Double>(maximize: objective)
        lp.add([Double](repeating: 1, count: m) + [0, 0], .equal, 1, label: "mass")
        lp.add(x + [0, 0], .equal, prior.mean, label: "mean")
        for k in 0..<m {
            lp.add(x.map { max(0, $0 - x[k]) } + [0, 0], .lessOrEqual, prior.stopLoss(x[k]), label: "mpc \(x[k])")
            if x[k] > 0 {
                lp.add(x.map { $0 >= x[k] ? x[k] : 0 } + [-1, 0], .lessOrEqual, 0, label: "price \(x[k])")
            } else if x[k] < 0 {
                lp.add(x.map { $0 <= x[k] ? -x[k] : 0 } + [0, -1], .lessOrEqual, 0, label: "price \(x[k])")
            }
        }
        let sol = try lp.solve(options: SimplexOptions(tolerance: 1e-11, pivotTolerance: 1e-11))
        guard sol.status == .optimal else {
            throw CompetitiveInformationDesignError.gridLinearProgram(status: "\(sol.status)", b: .nan)
        }
        let keep = (0..<m).filter { sol.x[$0] > 1e-12 }
        let support = keep.map { x[$0] }, masses = keep.map { sol.x[$0] }
        return equilibrium(support: support, masses: masses, vBar: v, bound: v / 2 + sol.objectiveValue,
                           revenueBounds: [sol.x[m], sol.x[m + 1]], efficientSurplus: prior.efficientSurplus, cells: cells)
    }

    /// The equilibrium of Theorem 3's information (producers learn the sign of
    /// r; the inefficient one prices at cost 0) against a discrete G: each
    /// efficient producer's lowest revenue-maximising price (relative tolerance
    /// 1e-9), and the realised CS and PS. The consumer with r > 0 buys from
    /// producer 1 iff r ≥ p_1, getting (v̄ − r)/2 + (r − p_1)⁺; symmetrically
    /// for r < 0. O(n²).
    static func equilibrium(support: [Double], masses: [Double], vBar: Double, bound: Double, revenueBounds: [Double],
                            efficientSurplus: Double, cells: Int) -> AsymmetricHotellingOptimum {
        func price(_ side: Double) -> Double? {
            let pts = support.indices.filter { support[$0] * side > 0 }
            guard !pts.isEmpty else { return nil }
            let revenue = pts.map { k in abs(support[k]) * pts.filter { abs(support[$0]) >= abs(support[k]) }.reduce(0) { $0 + masses[$1] } }
            let best = revenue.max()!
            return pts.indices.filter { revenue[$0] >= best * (1 - 1e-9) }.map { abs(support[pts[$0]]) }.min()
        }
        let prices = [price(1), price(-1)]
        var cs = 0.0, ps = 0.0, pos = 0.0, zero = 0.0, neg = 0.0
        var lowest = true
        for (r, g) in zip(support, masses) {
            let p = r > 0 ? prices[0] : (r < 0 ? prices[1] : nil)
            if r > 0 { pos += g } else if r < 0 { neg += g } else { zero += g }
            guard let p else { cs += g * vBar / 2; continue }
            if abs(r) >= p { cs += g * ((vBar - abs(r)) / 2 + abs(r) - p); ps += g * p } else { cs += g * (vBar - abs(r)) / 2; lowest = false }
        }
        return AsymmetricHotellingOptimum(support: support, masses: masses, consumerSurplusBound: bound, revenueBounds: revenueBounds,
                                          prices: prices, consumerSurplus: cs, producerSurplus: ps, efficientSurplus: efficientSurplus,
                                          sideMasses: (pos, zero, neg), pricesAtLowestSupport: lowest, cells: cells)
    }
}

/// Thread-safe memo of `AsymmetricHotelling.consumerOptimum` by (prior,
/// cells), keyed by the exact bit patterns of the prior's data (so 0 and −0
/// are different keys) (Numerics `Memo`; bounded).
enum AsymmetricHotellingMemo {
    static let shared = Memo<Key, AsymmetricHotellingOptimum>(capacity: 64)

    struct Key: Hashable, Sendable {
        let atoms: [UInt64]
        let probabilities: [UInt64]
        let vBar: UInt64
        let cells: Int

        init(prior: DiscreteResidualPrior, cells: Int) {
            atoms = prior.atoms.map(\.bitPattern)
            probabilities = prior.probabilities.map(\.bitPattern)
            vBar = prior.vBar.bitPattern
            self.cells = cells
        }
    }
}
