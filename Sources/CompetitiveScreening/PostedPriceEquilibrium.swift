// Sec 3.3 (Corollary 3.1, Proposition 3.1) and Appendix A.3 (Lemmas A.2,
// A.3): global best responses in the price-posting game, equilibria by
// best-response iteration from both ends of the price lattice, best-response
// curves and slopes, and the non-decreasing differences of ln ER_i.

import Foundation
import Numerics

/// BR_i(p_{−i}) = argmax_{p_i ∈ [0, θ̄_i]} ER_i(p_i, p_{−i}): every global maximiser.
public struct PostedPriceBestResponse: Sendable, Equatable {
    /// All global maximisers (revenue within `tieTolerance` of the best), sorted.
    public let maximizers: [Double]
    /// max ER_i.
    public let revenue: Double
    /// Every local maximum found, sorted by price.
    public let localMaxima: [RevenuePoint]
    /// `true` when BR_i is single-valued (one global maximiser).
    public var isUnique: Bool { maximizers.count == 1 }
}

/// A price and firm i's revenue there.
public struct RevenuePoint: Sendable, Equatable {
    public let price: Double
    public let revenue: Double
    public init(price: Double, revenue: Double) { self.price = price; self.revenue = revenue }
}

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

/// One point of a best-response curve BR_i(p_j) (other opponents' prices fixed).
public struct BestResponsePoint: Sendable, Equatable {
    public let opponentPrice: Double
    public let response: PostedPriceBestResponse
    /// ∂BR_i/∂p_j by central differences of the polished BR (a difference
    /// quotient across the jump where BR is not differentiable).
    public let slope: Double
    /// Σ_{j≠i} ∂BR_i/∂p_j: the central difference along p_{−i} + t·(1, …, 1) (Lemma A.3).
    public let slopeSum: Double
    /// BR_i is single-valued at this point and at the shifted profiles, and
    /// moves by at most 100 steps: the difference quotients estimate derivatives.
    public let isDifferentiable: Bool
    /// ∂ER_i/∂p_i at the (smallest) best response.
    public let focResidual: Double
}

/// Lemma A.2 on a grid: discrete mixed differences of ln ER_i in (p_i, p_j).
public struct LogRevenueDifferences: Sendable, Equatable {
    /// min over grid cells of [L(a+1,b+1) − L(a+1,b) − L(a,b+1) + L(a,b)]/(Δp_i Δp_j), L = ln ER_i.
    public let minimum: Double
    /// The cell's lower-left corner (p_i, p_j) where the minimum is attained.
    public let at: (ownPrice: Double, opponentPrice: Double)
    /// Cells with a difference below −`tolerance` (quadrature noise) in un-normalised units.
    public let negativeCells: Int
    /// Cells evaluated (those with ER_i > 0 at all four corners).
    public let cells: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.minimum == b.minimum && a.at == b.at && a.negativeCells == b.negativeCells && a.cells == b.cells
    }
}

extension PostedPriceMarket {

    // MARK: - Global best response

    /// BR_i(p_{−i}): all global maximisers of ER_i(·, p_{−i}) over [0, θ̄_i]
    /// (`Optimize.maximizeGlobal` on a `gridPoints` grid, each local maximum
    /// then polished by Brent's root finder on the analytic FOC where ER_i is
    /// smooth), plus the prices where ER_i can jump (own atoms, and ties of own
    /// atoms with opponents' atoms) and their left neighbours. `prices[i]` is ignored.
    public func bestResponse(firm i: Int, prices: [Double], gridPoints: Int = 401,
                             tieTolerance: Double = 1e-9) throws -> PostedPriceBestResponse {
        try checkFirm(i)
        var p = prices
        if i < p.count { p[i] = 0 }
        try checkPrices(p)
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, "grid_points", "between 3 and 10⁶ grid points", "\(gridPoints)")
        return try bestResponseUnchecked(firm: i, prices: p, gridPoints: gridPoints, tieTolerance: tieTolerance)
    }

    func bestResponseUnchecked(firm i: Int, prices: [Double], gridPoints: Int, tieTolerance: Double = 1e-9) throws -> PostedPriceBestResponse {
        var p = prices
        let top = valuations[i].upper
        func er(_ x: Double) throws -> Double { p[i] = x; return try revenueUnchecked(firm: i, prices: p) }
        var candidates = try smoothLocalMaxima(firm: i, prices: prices, in: 0, top, gridPoints: gridPoints)
        // Jump points: own atoms a (the revenue drops just above a) and prices
        // where an own atom ties with an opponent's atom b (p_i = a − b + p_j).
        var special: [Double] = []
        for a in valuations[i].atoms {
            special.append(a.value)
            for j in 0..<firmCount where j != i {
                for b in valuations[j].atoms { special.append(a.value - b.value + p[j]) }
            }
        }
        for x in special where x > 0 && x <= top {
            for y in [x, x - 1e-12 * max(1, x)] where y > 0 {
                candidates.append(RevenuePoint(price: y, revenue: try er(y)))
            }
        }
        candidates.sort { $0.price < $1.price }
        var merged: [RevenuePoint] = []
        for c in candidates {
            if let last = merged.last, c.price - last.price < 1e-10 {
                if c.revenue > last.revenue { merged[merged.count - 1] = c }
            } else {
                merged.append(c)
            }
        }
        let best = merged.map(\.revenue).max() ?? 0
        let threshold = best - tieTolerance * max(1, abs(best))
        let maximizers = merged.filter { $0.revenue >= threshold }.map(\.price)
        return PostedPriceBestResponse(maximizers: maximizers, revenue: best, localMaxima: merged)
    }

    /// Local maxima of ER_i(·, p_{−i}) on [lo, hi]: `Optimize.maximizeGlobal`
    /// on a `gridPoints` grid, each refined by Brent's root finder on the
    /// analytic FOC where it changes sign from + to − within one grid step.
    func smoothLocalMaxima(firm i: Int, prices: [Double], in lo: Double, _ hi: Double, gridPoints: Int) throws -> [RevenuePoint] {
        var p = prices
        func er(_ x: Double) throws -> Double { p[i] = x; return try revenueUnchecked(firm: i, prices: p) }
        func slope(_ x: Double) throws -> Double { p[i] = x; return try slopeUnchecked(firm: i, prices: p).revenueSlope }
        let global = try Optimize.maximizeGlobal(er, in: lo, hi, gridPoints: gridPoints, tolerance: 1e-11, tieTolerance: 0)
        let spacing = (hi - lo) / Double(gridPoints - 1)
        return try global.candidates.map { c in
            let a = max(lo, c.x - spacing), b = min(hi, c.x + spacing)
            if a < b, let sa = try? slope(a), let sb = try? slope(b), sa > 0, sb < 0,
               let root = try? Roots.brent(slope, in: a, b, absoluteTolerance: 1e-15, relativeTolerance: 0) {
                let v = try er(root.root)
                if v >= c.value - 1e-13 { return RevenuePoint(price: root.root, revenue: v) }
            }
            return RevenuePoint(price: c.x, revenue: c.value)
        }
    }

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
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, "grid_points", "between 3 and 10⁶ grid points", "\(gridPoints)")
        let coarse = min(gridPoints, roundGridPoints ?? max(51, gridPoints / 4))
        try require(coarse >= 3, "round_grid_points", "at least 3 grid points", "\(coarse)")
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

        let demands = try (0..<n).map { try demandUnchecked(firm: $0, prices: lowP) }
        let revenues = zip(lowP, demands).map { $0 * $1 }
        let residual = try focVector(lowP).map(abs).max()!
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
        try require(isSymmetric, "distributions", "identical distributions for a symmetric FOC root", valuations.map(\.description).joined(separator: "; "))
        try require(lo >= 0 && lo < hi && hi <= valuations[0].upper, "bracket", "0 ≤ lo < hi ≤ θ̄", "[\(lo), \(hi)]")
        let n = firmCount
        let r = try Roots.brent({ x in try self.slopeUnchecked(firm: 0, prices: [Double](repeating: x, count: n)).revenueSlope },
                                in: lo, hi, absoluteTolerance: 1e-15, relativeTolerance: 0)
        let p = [Double](repeating: r.root, count: n)
        let v = try revenueUnchecked(firm: 0, prices: p)
        let br = try bestResponseUnchecked(firm: 0, prices: p, gridPoints: gridPoints)
        return (r.root, v, max(0, br.revenue - v))
    }

    // MARK: - Best-response curves (Lemma A.3)

    /// BR_i at `prices` with p_j replaced by `opponentPrice`, its slope
    /// ∂BR_i/∂p_j by central differences (step `step`; second-order one-sided at
    /// the ends of [0, θ̄_j]) and Σ_j ∂BR_i/∂p_j along p_{−i} + t·(1, …, 1). At each shifted
    /// profile the maximiser nearest to the (smallest) BR is used; when BR
    /// jumps (several maximisers, or the nearest one is farther than 100·step)
    /// `isDifferentiable` is false.
    public func bestResponsePoint(firm i: Int, opponent j: Int, prices: [Double], opponentPrice: Double,
                                  gridPoints: Int = 401, step: Double = 1e-4) throws -> BestResponsePoint {
        try checkFirm(i)
        try checkFirm(j, key: "opponent")
        try require(j != i, "opponent", "an opponent other than the firm itself", "\(j + 1)")
        var p = prices
        if i < p.count { p[i] = 0 }
        if j < p.count { p[j] = opponentPrice }
        try checkPrices(p)
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, "grid_points", "between 3 and 10⁶ grid points", "\(gridPoints)")
        try require(step > 0 && step < 0.1, "step", "a difference step in (0, 0.1)", "\(step)")
        let center = try bestResponseUnchecked(firm: i, prices: p, gridPoints: gridPoints)
        let x0 = center.maximizers[0]
        var smooth = center.isUnique

        func shiftedResponse(_ shift: Double, all: Bool) throws -> Double? {
            var q = p
            for k in 0..<firmCount where k != i && (all || k == j) {
                q[k] += shift
                if q[k] < 0 || q[k] > valuations[k].upper { return nil }
            }
            let br = try bestResponseUnchecked(firm: i, prices: q, gridPoints: gridPoints)
            let nearest = br.maximizers.min { abs($0 - x0) < abs($1 - x0) }!
            if !br.isUnique || abs(nearest - x0) > 100 * abs(shift) { smooth = false }
            return nearest
        }
        func derivative(all: Bool) throws -> Double {
            let up = try shiftedResponse(step, all: all), down = try shiftedResponse(-step, all: all)
            switch (up, down) {
            case let (u?, d?): return (u - d) / (2 * step)
            case let (u?, nil):   // second-order one-sided: (−3f₀ + 4f₁ − f₂)/(2h)
                guard let u2 = try shiftedResponse(2 * step, all: all) else { return (u - x0) / step }
                return (-3 * x0 + 4 * u - u2) / (2 * step)
            case let (nil, d?):
                guard let d2 = try shiftedResponse(-2 * step, all: all) else { return (x0 - d) / step }
                return (3 * x0 - 4 * d + d2) / (2 * step)
            default: return 0   // no room to move any opponent's price (θ̄ = 0 cannot occur: θ̄ > 0)
            }
        }
        let slope = try derivative(all: false)
        let slopeSum = try derivative(all: true)
        var atResponse = p
        atResponse[i] = x0
        return BestResponsePoint(opponentPrice: opponentPrice, response: center,
                                 slope: slope, slopeSum: slopeSum, isDifferentiable: smooth,
                                 focResidual: try slopeUnchecked(firm: i, prices: atResponse).revenueSlope)
    }

    // MARK: - Lemma A.2 on a grid

    /// Discrete mixed differences of ln ER_i over a `gridPoints` × `gridPoints`
    /// grid of p_i ∈ (0, θ̄_i) (interior points) and p_j ∈ [0, θ̄_j], the other
    /// prices as in `prices`. Non-decreasing differences (Lemma A.2) means every
    /// cell's difference is ≥ 0; cells where ER_i = 0 at a corner are skipped.
    /// A difference below −1e-9 counts as negative (quadrature noise is ~1e-12).
    public func logRevenueDifferences(firm i: Int, opponent j: Int, prices: [Double],
                                      gridPoints: Int = 41) throws -> LogRevenueDifferences {
        try checkFirm(i)
        try checkFirm(j, key: "opponent")
        try require(j != i, "opponent", "an opponent other than the firm itself", "\(j + 1)")
        var p = prices
        if i < p.count { p[i] = 0 }
        if j < p.count { p[j] = 0 }
        try checkPrices(p)
        try require(gridPoints >= 2 && gridPoints <= 2000, "grid_points", "between 2 and 2000 grid points per axis", "\(gridPoints)")
        let m = gridPoints
        let ownStep = valuations[i].upper / Double(m + 1)
        let oppStep = valuations[j].upper / Double(m - 1)
        let own = (1...m).map { Double($0) * ownStep }
        let opp = (0..<m).map { $0 == m - 1 ? valuations[j].upper : Double($0) * oppStep }
        var logs = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in 0..<m {
                p[i] = own[a]; p[j] = opp[b]
                let v = try revenueUnchecked(firm: i, prices: p)
                logs[a][b] = v > 0 ? log(v) : -.infinity
            }
        }
        var minimum = Double.infinity, at = (ownPrice: Double.nan, opponentPrice: Double.nan)
        var negative = 0, cells = 0
        for a in 0..<(m - 1) {
            for b in 0..<(m - 1) {
                let corners = [logs[a][b], logs[a + 1][b], logs[a][b + 1], logs[a + 1][b + 1]]
                guard corners.allSatisfy(\.isFinite) else { continue }
                cells += 1
                let d = logs[a + 1][b + 1] - logs[a + 1][b] - logs[a][b + 1] + logs[a][b]
                if d < -1e-9 { negative += 1 }
                let scaled = d / (ownStep * oppStep)
                if scaled < minimum { minimum = scaled; at = (own[a], opp[b]) }
            }
        }
        return LogRevenueDifferences(minimum: minimum, at: at, negativeCells: negative, cells: cells)
    }
}

// MARK: - Theorem 3.1 / Corollary 3.1: is the best response single-valued?

/// The one parameter a tie search tunes.
public enum TieSearchParameter: Sendable, Equatable {
    /// The posted price p_j of opponent j (0-based).
    case opponentPrice(opponent: Int)
    /// The weight w of firm k's valuation distribution w·low + (1 − w)·high.
    case mixtureWeight(firm: Int, low: TypeDistribution, high: TypeDistribution)
}

/// A parameter value at which firm 1's revenue has two global maximisers.
public struct EqualRevenueMaxima: Sendable, Equatable {
    /// The tuned parameter's value.
    public let parameter: Double
    /// The valuation distributions at that value (firm 1 first).
    public let valuations: [TypeDistribution]
    /// The price profile at that value (firm 1's entry is 0).
    public let prices: [Double]
    /// The best price below the split and its revenue.
    public let low: RevenuePoint
    /// The best price above the split and its revenue.
    public let high: RevenuePoint
    /// The full global best response of firm 1 there (401-point grid and polish).
    public let response: PostedPriceBestResponse
    /// For each firm, min over [0, θ̄] of 2f(θ) + θ f′(θ) (Def 3.1, by
    /// `DensityConditionChecker`; −∞ when not applicable): evidence that it holds.
    public let densityRegularityMinima: [Double]
}

extension PostedPriceMarket {
    /// Tunes one parameter t (an opponent's price, or the weight of a mixture)
    /// by Brent's root finder on t ↦ max_{p ≤ split} ER_1 − max_{p ≥ split} ER_1
    /// over `range` until firm 1's two local revenue maxima are equal: at the
    /// root BR_1 has two global maximisers (Theorem 3.1 and Corollary 3.1 say it
    /// is single-valued under density-regularity). Both maxima must be interior
    /// to their sides (farther than two grid steps from the split), else the
    /// revenue is single-peaked there and the error names "split"; errors name
    /// "range" when the difference does not change sign on it.
    public static func equalRevenueMaxima(valuations: [TypeDistribution], prices: [Double], tuning: TieSearchParameter,
                                          range: ClosedRange<Double>, split: Double, copula: Copula = .independent,
                                          tieBreaking: TieBreaking = .weak, gridPoints: Int = 401) throws -> EqualRevenueMaxima {
        try require(valuations.count >= 2, "firms", "at least two firms", "\(valuations.count)")
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, "grid_points", "between 3 and 10⁶ grid points", "\(gridPoints)")
        try require(split > 0 && split < valuations[0].upper, "split", "a price inside (0, θ̄_1)", "\(split)")
        try require(range.lowerBound < range.upperBound, "range", "a non-degenerate interval", "\(range)")
        switch tuning {
        case let .opponentPrice(j):
            try require(j >= 1 && j < valuations.count, "opponent", "an opponent 2…\(valuations.count)", "\(j + 1)")
            try require(range.lowerBound >= 0 && range.upperBound <= valuations[j].upper, "range",
                        "prices inside [0, θ̄_\(j + 1)]", "\(range)")
        case let .mixtureWeight(k, low, high):
            try require(k >= 0 && k < valuations.count, "firm", "a firm 1…\(valuations.count)", "\(k + 1)")
            try require(high.upper == low.upper, "high", "the same θ̄ as low (\(TypeDistribution.number(low.upper)))",
                        TypeDistribution.number(high.upper))
            try require(range.lowerBound >= 0 && range.upperBound <= 1, "range", "weights inside [0, 1]", "\(range)")
        }
        func instance(_ t: Double) throws -> (market: PostedPriceMarket, prices: [Double]) {
            var ds = valuations, ps = prices
            ps[0] = 0
            switch tuning {
            case let .opponentPrice(j): ps[j] = t
            case let .mixtureWeight(k, low, high):
                ds[k] = try TypeDistribution(.mixture(weights: [t, 1 - t], components: [low, high]), upper: low.upper)
            }
            let m = try PostedPriceMarket(valuations: ds, copula: copula, tieBreaking: tieBreaking)
            try m.checkPrices(ps)
            return (m, ps)
        }
        let spacing = valuations[0].upper / Double(gridPoints - 1)
        func sides(_ t: Double) throws -> (low: RevenuePoint, high: RevenuePoint) {
            let (m, ps) = try instance(t)
            let l = try m.smoothLocalMaxima(firm: 0, prices: ps, in: 0, split, gridPoints: gridPoints).max { $0.revenue < $1.revenue }!
            let h = try m.smoothLocalMaxima(firm: 0, prices: ps, in: split, m.valuations[0].upper, gridPoints: gridPoints)
                .max { $0.revenue < $1.revenue }!
            return (l, h)
        }
        let a = try sides(range.lowerBound), b = try sides(range.upperBound)
        let da = a.low.revenue - a.high.revenue, db = b.low.revenue - b.high.revenue
        try require(da * db < 0, "range", "an interval on which firm 1's two local revenue maxima swap order",
                    "differences \(da) and \(db) at its ends")
        let root = try Roots.brent({ t in let s = try sides(t); return s.low.revenue - s.high.revenue },
                                   in: range.lowerBound, range.upperBound, absoluteTolerance: 1e-15, relativeTolerance: 0)
        let (m, ps) = try instance(root.root)
        let s = try sides(root.root)
        try require(split - s.low.price > 2 * spacing && s.high.price - split > 2 * spacing, "split",
                    "a split between two interior local maxima of ER_1 (revenue single-peaked across it)",
                    "maxima at \(s.low.price) and \(s.high.price)")
        let checker = try DensityConditionChecker()
        let margins = m.valuations.map { checker.check(.densityRegularity, $0).raw?.margin ?? -.infinity }
        return EqualRevenueMaxima(parameter: root.root, valuations: m.valuations, prices: ps, low: s.low, high: s.high,
                                  response: try m.bestResponseUnchecked(firm: 0, prices: ps, gridPoints: gridPoints),
                                  densityRegularityMinima: margins)
    }
}

// MARK: - Corollary 3.1 for duopolies: does a pure posted-price equilibrium exist?

/// A scan of the composite best response p_2 ↦ BR_2(BR_1(p_2)) of a duopoly.
public struct DuopolyFixedPointScan: Sendable, Equatable {
    /// Equilibria found (p_1, p_2): refined sign changes of h(p_2) = BR_2(BR_1(p_2)) − p_2
    /// where the composite is continuous, each verified as a pair of global best responses.
    public let equilibria: [[Double]]
    /// min over the scan of |h| (0 at an equilibrium).
    public let minimumGap: Double
    /// Sign changes of h across a jump of the composite (no fixed point there).
    public let jumps: Int
    /// At each jump, |h| on both sides of the jump located to 1e-12 (the smaller
    /// of the two; > 0 means the jump skips over the diagonal).
    public let jumpGaps: [Double]
}

extension PostedPriceMarket {
    /// Scans p_2 over `scanPoints` equally spaced prices in [0, θ̄_2] and
    /// evaluates h(p_2) = BR_2(BR_1(p_2)) − p_2 with the smallest global
    /// maximisers. A pure equilibrium is exactly a zero of h (for some selection
    /// of the maximisers): each sign change between neighbouring scan points is
    /// bisected (to 1e-12); where the composite is continuous this converges to
    /// an equilibrium (then verified: both prices are global best responses),
    /// where it jumps the gap on both sides of the jump is reported — at the
    /// jump the other maximiser (the BR is two-valued there) is evaluated too.
    public func duopolyFixedPoints(scanPoints: Int = 201, gridPoints: Int = 401) throws -> DuopolyFixedPointScan {
        try require(firmCount == 2, "firms", "a duopoly for the fixed-point scan", "\(firmCount)")
        try require(scanPoints >= 3 && scanPoints <= 100_000, "scan_points", "between 3 and 100000 scan points", "\(scanPoints)")
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, "grid_points", "between 3 and 10⁶ grid points", "\(gridPoints)")
        let top2 = valuations[1].upper
        /// All values of BR_2(BR_1(p_2)) over every selection of maximisers.
        func composite(_ p2: Double) throws -> [(p1: Double, p2: Double)] {
            let r1 = try bestResponseUnchecked(firm: 0, prices: [0, p2], gridPoints: gridPoints)
            return try r1.maximizers.flatMap { p1 in
                try bestResponseUnchecked(firm: 1, prices: [p1, 0], gridPoints: gridPoints).maximizers.map { (p1, $0) }
            }
        }
        func h(_ p2: Double) throws -> Double { try composite(p2)[0].p2 - p2 }
        let xs = (0..<scanPoints).map { $0 == scanPoints - 1 ? top2 : top2 * Double($0) / Double(scanPoints - 1) }
        let hs = try xs.map(h)
        var minimum = hs.map(abs).min()!
        var equilibria: [[Double]] = []
        var jumps = 0
        var jumpGaps: [Double] = []
        for k in 0..<(scanPoints - 1) where hs[k] == 0 || hs[k] * hs[k + 1] < 0 {
            if hs[k] == 0 { equilibria.append([try composite(xs[k])[0].p1, xs[k]]); continue }
            // Bisection on the sign of h.
            var a = xs[k], b = xs[k + 1], ha = hs[k]
            for _ in 0..<60 where b - a > 1e-12 {
                let m = 0.5 * (a + b)
                let hm = try h(m)
                if hm == 0 { a = m; b = m; break }
                if (hm < 0) == (ha < 0) { a = m; ha = hm } else { b = m }
            }
            // Every selection at both ends of the final bracket.
            let candidates = try (composite(a) + composite(b)).map { (pair: $0, gap: abs($0.p2 - (abs($0.p2 - a) < abs($0.p2 - b) ? a : b))) }
            let best = candidates.min { $0.gap < $1.gap }!
            let p2 = abs(best.pair.p2 - a) < abs(best.pair.p2 - b) ? a : b
            minimum = min(minimum, best.gap)
            if best.gap <= 1e-8 {
                // Verify: p_1 is a global BR to p_2 and p_2 to p_1 (composite built that way), revenues unchanged.
                equilibria.append([best.pair.p1, p2])
            } else {
                jumps += 1
                jumpGaps.append(best.gap)
            }
        }
        return DuopolyFixedPointScan(equilibria: equilibria, minimumGap: minimum, jumps: jumps, jumpGaps: jumpGaps)
    }
}
