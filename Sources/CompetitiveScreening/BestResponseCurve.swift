// Appendix A.3 (Lemma A.3): the best response BR_i as a function of one
// opponent's price p_j, its slope ∂BR_i/∂p_j and the slope sum
// Σ_j ∂BR_i/∂p_j (< 1 under density-regularity), by central differences of
// the polished global best response.

import Foundation
import Numerics

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

extension PostedPriceMarket {
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
        try checkFirm(j)
        try require(j != i, .opponentIsFirm(j))
        var p = prices
        if i < p.count { p[i] = 0 }
        if j < p.count { p[j] = opponentPrice }
        try checkPrices(p)
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, .setting(.bestResponseGrid, value: "\(gridPoints)", allowed: "between 3 and 10⁶ grid points"))
        try require(step > 0 && step < 0.1, .setting(.differenceStep, value: "\(step)", allowed: "a difference step in (0, 0.1)"))
        // BR_i at every profile computed so far: shifting "all opponents" is the
        // same profile as shifting p_j alone in a duopoly, so the slope sum reuses
        // the slope's best responses (the same computation, hence the same value).
        var computed: [(prices: [Double], response: PostedPriceBestResponse)] = []
        func response(_ q: [Double]) throws -> PostedPriceBestResponse {
            if let known = computed.first(where: { $0.prices == q }) { return known.response }
            let br = try bestResponseUnchecked(firm: i, prices: q, gridPoints: gridPoints)
            computed.append((q, br))
            return br
        }
        let center = try response(p)
        let x0 = center.maximizers[0]
        var smooth = center.isUnique

        func shiftedResponse(_ shift: Double, all: Bool) throws -> Double? {
            var q = p
            for k in 0..<firmCount where k != i && (all || k == j) {
                q[k] += shift
                if q[k] < 0 || q[k] > valuations[k].upper { return nil }
            }
            let br = try response(q)
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
}
