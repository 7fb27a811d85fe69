// Sec 3.3 (Corollary 3.1): the global best response BR_i(p_{−i}) of the
// price-posting game: every global maximiser of ER_i(·, p_{−i}) over
// [0, θ̄_i], located on a grid and polished on the analytic FOC (Lemma A.3's
// ∂ER_i/∂p_i), with the prices where ER_i can jump (atoms) added.

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
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, .setting(.bestResponseGrid, value: "\(gridPoints)", allowed: "between 3 and 10⁶ grid points"))
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
    /// `screened: false` scans every grid point with the adaptive revenue (the
    /// reference the tests compare the screened scan with).
    func smoothLocalMaxima(firm i: Int, prices: [Double], in lo: Double, _ hi: Double, gridPoints: Int,
                           screened: Bool = true) throws -> [RevenuePoint] {
        var p = prices
        func er(_ x: Double) throws -> Double { p[i] = x; return try revenueUnchecked(firm: i, prices: p) }
        func slope(_ x: Double) throws -> Double { p[i] = x; return try slopeUnchecked(firm: i, prices: p).revenueSlope }
        // The grid is screened by loose-tolerance quadratures (`revenueScreen`); the
        // adaptive 1e-12 revenue is computed only where the screen cannot order
        // two neighbours and at the grid's local maxima (same result as an
        // all-adaptive scan).
        func screen(_ x: Double) -> (estimate: Double, bound: Double) { p[i] = x; return revenueScreen(firm: i, prices: p) }
        let global = screened
            ? try Optimize.maximizeGlobal(er, screen: screen, in: lo, hi, gridPoints: gridPoints, tolerance: 1e-11, tieTolerance: 0)
            : try Optimize.maximizeGlobal(er, in: lo, hi, gridPoints: gridPoints, tolerance: 1e-11, tieTolerance: 0)
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
}
