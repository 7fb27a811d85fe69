// Sec 3.3 (Corollary 3.1, Proposition 3.1): the posted-price equilibrium by
// best-response iteration from both ends of the price lattice, each limit
// polished on the FOC system and checked to be a global best response; and
// the symmetric FOC root.

import Foundation
import Numerics

/// A posted-price equilibrium found from both ends of the price lattice.
public struct PostedPriceEquilibrium: Sendable, Equatable {
    /// The equilibrium reached from all p = 0 (the smallest one when BR is monotone).
    public let prices: [Double]
    /// ER_i at `prices`.
    public let revenues: [Double]
    /// Q_i at `prices`.
    public let demands: [Double]
    /// The limit of the iteration from all p = θ̄ (the largest equilibrium when BR is monotone).
    public let pricesFromAbove: [Double]
    /// Best-response rounds from below and from above.
    public let iterationsFromBelow: Int
    public let iterationsFromAbove: Int
    /// Both iterations settled (moves ≤ the tolerance) within the round cap;
    /// false when the rounds cycle (then `prices` is the last round's profile).
    public let converged: Bool
    /// Both converged and end at the same prices (within 1e-7): the uniqueness probe.
    public let startsAgree: Bool
    /// max_i |∂ER_i/∂p_i| at `prices`.
    public let focResidual: Double
    /// The FOC root finder refined the iteration's limits.
    public let polished: Bool
    /// For each firm, max_{p_i} ER_i(p_i, p*_{−i}) − ER_i(p*) ≥ 0 (global best-response check).
    public let bestResponseGaps: [Double]
    /// The game was solved in its symmetric reduction (all firms identical).
    public let symmetric: Bool

    /// Σ_i Q_i.
    public var totalDemand: Double { demands.reduce(0, +) }
    /// Every price is a global best response (gap ≤ 1e-9 · max(1, revenue)).
    public var isGlobalBestResponse: Bool {
        zip(bestResponseGaps, revenues).allSatisfy { $0.0 <= 1e-9 * max(1, abs($0.1)) }
    }
}

extension PostedPriceMarket {
    // MARK: - Equilibrium

    /// The posted-price equilibrium by best-response iteration (simultaneous
    /// rounds p ← BR(p)) from both ends of the price lattice, all p = 0 (taking
    /// the smallest maximiser) and all p = θ̄ (the largest), each limit polished
    /// by a root finder on the FOC system: Brent on p ↦ ∂ER_1/∂p_1(p, …, p)
    /// when every firm is identical (the symmetric reduction: from a symmetric
    /// start the rounds stay symmetric, and when BR is monotone the extremal
    /// equilibria that the two starts reach are symmetric), Newton with a
    /// finite-difference Jacobian otherwise. Finally each price is checked to
    /// be a GLOBAL best response (`maximizeGlobal` on `gridPoints`), not only a
    /// FOC root.
    ///
    /// Speed: the rounds use a grid of `roundGridPoints` (default a quarter of
    /// `gridPoints`, at least 51) for their global best responses — the FOC
    /// polish fixes the precision, the grid only locates the global maximum.
    /// If the final check on the full grid finds a better price than the one
    /// reached, the whole solve is repeated with full-grid rounds.
    ///
    /// - Parameters:
    ///   - gridPoints: grid of the final global best-response check.
    ///   - roundGridPoints: grid of the best responses inside the rounds.
    ///   - iterationTolerance: the rounds stop when no price moves by more
    ///     (the polish then solves the FOC to rounding level).
    ///   - maxIterations: cap on rounds per start (a cycle is reported as `converged == false`).
    public func equilibrium(gridPoints: Int = 401, roundGridPoints: Int? = nil, iterationTolerance: Double = 1e-5,
                            maxIterations: Int = 200) throws -> PostedPriceEquilibrium {
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, .setting(.bestResponseGrid, value: "\(gridPoints)", allowed: "between 3 and 10⁶ grid points"))
        let coarse = min(gridPoints, roundGridPoints ?? max(51, gridPoints / 4))
        try require(coarse >= 3, .setting(.roundGrid, value: "\(coarse)", allowed: "at least 3 grid points"))
        let first = try equilibrium(gridPoints: gridPoints, roundGrid: coarse, iterationTolerance: iterationTolerance,
                                    maxIterations: maxIterations)
        if first.isGlobalBestResponse || coarse == gridPoints { return first }
        return try equilibrium(gridPoints: gridPoints, roundGrid: gridPoints, iterationTolerance: iterationTolerance,
                               maxIterations: maxIterations)
    }

    func equilibrium(gridPoints: Int, roundGrid: Int, iterationTolerance: Double, maxIterations: Int) throws -> PostedPriceEquilibrium {
        let symmetric = isSymmetric
        let n = firmCount
        let top = upperPrices

        func round(_ p: [Double], preferLargest: Bool) throws -> [Double] {
            if symmetric {
                let br = try bestResponseUnchecked(firm: 0, prices: p, gridPoints: roundGrid)
                let x = preferLargest ? br.maximizers.last! : br.maximizers.first!
                return [Double](repeating: x, count: n)
            }
            return try (0..<n).map { i in
                let br = try bestResponseUnchecked(firm: i, prices: p, gridPoints: roundGrid)
                return preferLargest ? br.maximizers.last! : br.maximizers.first!
            }
        }
        func iterate(from start: [Double], preferLargest: Bool) throws -> (prices: [Double], rounds: Int, converged: Bool) {
            var p = start
            for k in 1...maxIterations {
                let next = try round(p, preferLargest: preferLargest)
                let moved = zip(next, p).map { abs($0 - $1) }.max()!
                p = next
                if moved <= iterationTolerance { return (p, k, true) }
            }
            return (p, maxIterations, false)   // a cycle: reported, and the gap check shows p is no equilibrium
        }
        func focVector(_ p: [Double]) throws -> [Double] {
            try (0..<n).map { try slopeUnchecked(firm: $0, prices: p).revenueSlope }
        }
        /// Refines an iteration limit on the FOC system; nil when the root finder
        /// fails or lands farther than 1e-4 away (ER not smooth there).
        func polish(_ p: [Double]) -> [Double]? {
            if symmetric {
                let g = { (x: Double) throws -> Double in
                    try self.slopeUnchecked(firm: 0, prices: [Double](repeating: x, count: n)).revenueSlope
                }
                let x0 = p[0]
                var delta = 1e-6
                while delta < 1e-3 {
                    let lo = max(0, x0 - delta), hi = min(top[0], x0 + delta)
                    if lo < hi, let gl = try? g(lo), let gh = try? g(hi), gl * gh <= 0,
                       let r = try? Roots.brent(g, in: lo, hi, absoluteTolerance: 1e-15, relativeTolerance: 0) {
                        return [Double](repeating: r.root, count: n)
                    }
                    delta *= 4
                }
                return nil
            }
            guard let r = try? NonlinearSystem.newton(focVector, initial: p, lower: [Double](repeating: 0, count: n), upper: top,
                                                     tolerance: 1e-13, typicalSize: 0.01, maxIterations: 30),
                  zip(r.x, p).allSatisfy({ abs($0 - $1) <= 1e-4 }) else { return nil }
            return r.x
        }

        let below = try iterate(from: [Double](repeating: 0, count: n), preferLargest: false)
        let above = try iterate(from: top, preferLargest: true)
        let polishedBelow = below.converged ? polish(below.prices) : nil
        let polishedAbove = above.converged ? polish(above.prices) : nil
        let lowP = polishedBelow ?? below.prices
        let highP = polishedAbove ?? above.prices
        let agree = zip(lowP, highP).allSatisfy { abs($0 - $1) <= 1e-7 }

        // Each firm's Lemma A.3 pieces at p* once: Q_i (the same integral `demandUnchecked` gives) and ∂ER_i/∂p_i.
        let slopes = try (0..<n).map { try slopeUnchecked(firm: $0, prices: lowP) }
        let demands = slopes.map(\.demand)
        let revenues = zip(lowP, demands).map { $0 * $1 }
        let residual = slopes.map { abs($0.revenueSlope) }.max()!
        let checked = symmetric ? [0] : Array(0..<n)
        var gaps = [Double](repeating: 0, count: n)
        for i in checked {
            let br = try bestResponseUnchecked(firm: i, prices: lowP, gridPoints: gridPoints)
            gaps[i] = max(0, br.revenue - revenues[i])
        }
        if symmetric { for i in 1..<n { gaps[i] = gaps[0] } }
        return PostedPriceEquilibrium(prices: lowP, revenues: revenues, demands: demands, pricesFromAbove: highP,
                                      iterationsFromBelow: below.rounds, iterationsFromAbove: above.rounds,
                                      converged: below.converged && above.converged,
                                      startsAgree: agree && below.converged && above.converged, focResidual: residual,
                                      polished: polishedBelow != nil && polishedAbove != nil,
                                      bestResponseGaps: gaps, symmetric: symmetric)
    }

    /// The symmetric FOC root: p with ∂ER_1/∂p_1(p, …, p) = 0 in [lo, hi] by
    /// Brent (requires a sign change), and whether p is a global best response to itself.
    public func symmetricFOCRoot(in lo: Double, _ hi: Double, gridPoints: Int = 401)
        throws -> (price: Double, revenue: Double, bestResponseGap: Double) {
        try require(isSymmetric, .asymmetricMarket(laws: valuations.map(\.description)))
        try require(lo >= 0 && lo < hi && hi <= valuations[0].upper, .rootBracket(lo: lo, hi: hi, upper: valuations[0].upper))
        let n = firmCount
        let r = try Roots.brent({ x in try self.slopeUnchecked(firm: 0, prices: [Double](repeating: x, count: n)).revenueSlope },
                                in: lo, hi, absoluteTolerance: 1e-15, relativeTolerance: 0)
        let p = [Double](repeating: r.root, count: n)
        let v = try revenueUnchecked(firm: 0, prices: p)
        let br = try bestResponseUnchecked(firm: 0, prices: p, gridPoints: gridPoints)
        return (r.root, v, max(0, br.revenue - v))
    }
}
