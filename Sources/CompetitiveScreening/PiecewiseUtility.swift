// Sec 2: the indirect utility U(θ) = max_{(q,t) ∈ M} (qθ − t) of a menu, eq. (1),
// as a continuous, convex, non-decreasing piecewise-quadratic function with
// U′ = q a.e. (2), and its generalised inverses (the winning probability of
// Sec 2 needs U_j⁻¹(u) = sup{θ : U_j(θ) ≤ u}). Posted prices and finite menus
// give piecewise-linear U (the upper envelope of the lines qθ − t), the
// quadratic tariff of Example 5.2 gives θ²/(2c) then θ − c/2; the own
// firm's allocation rules (MenuEvaluation.swift) use the same representation.

import Foundation
import Numerics

/// One piece of a piecewise-quadratic indirect utility:
/// U(θ) = value + slope·(θ − start) + curvature·(θ − start)²/2 on [start, next start).
struct UtilityPiece: Sendable, Equatable {
    var start: Double
    var value: Double
    var slope: Double
    var curvature: Double

    @inline(__always) func value(at theta: Double) -> Double {
        let s = theta - start
        return value + s * (slope + 0.5 * curvature * s)
    }

    /// The smallest s ≥ 0 with value + slope s + curvature s²/2 = u (u ≥ value,
    /// the piece not flat), in the cancellation-free form 2Δ/(g + √(g² + 2cΔ)).
    @inline(__always) func offset(reaching u: Double) -> Double {
        let delta = max(0, u - value)
        let disc = slope * slope + 2 * curvature * delta
        return 2 * delta / (slope + disc.squareRoot())
    }

    var isFlat: Bool { slope == 0 && curvature == 0 }
}

/// A continuous, convex, non-decreasing piecewise-quadratic function on [0, ∞)
/// with U(0) = 0: the indirect utility of a menu. The last piece extends to ∞;
/// below 0 the function is taken as 0.
struct PiecewiseUtility: Sendable, Equatable {
    let pieces: [UtilityPiece]

    /// Pieces given by their starts, allocations at the start and slopes of the
    /// allocation (q(θ) = allocation + slope·(θ − start)); values are integrated
    /// from U(0) = 0 so that U is continuous.
    init(starts: [Double], allocations: [Double], allocationSlopes: [Double]) {
        var out: [UtilityPiece] = []
        var value = 0.0
        for k in starts.indices {
            if k > 0 {
                let prev = out[k - 1]
                value = prev.value(at: starts[k])
            }
            out.append(UtilityPiece(start: starts[k], value: value, slope: allocations[k], curvature: allocationSlopes[k]))
        }
        pieces = out
    }

    /// Index of the piece containing θ (the last piece starting at or before θ; 0 below the first start).
    @inline(__always) func pieceIndex(_ theta: Double) -> Int {
        var lo = 0, hi = pieces.count - 1
        if theta >= pieces[hi].start { return hi }
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if pieces[mid].start <= theta { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// U(θ) (0 for θ ≤ 0).
    @inline(__always) func value(_ theta: Double) -> Double {
        if theta <= 0 { return 0 }
        return pieces[pieceIndex(theta)].value(at: theta)
    }

    /// The right derivative U′(θ⁺) = q(θ) (ties inside a menu go to the higher allocation, Sec 2).
    func allocation(_ theta: Double) -> Double {
        let p = pieces[pieceIndex(max(0, theta))]
        return p.slope + p.curvature * (max(0, theta) - p.start)
    }

    /// sup{θ ≥ 0 : U(θ) ≤ u}: −∞ for u < 0, +∞ when U never exceeds u.
    func supInverse(_ u: Double) -> Double {
        if u < 0 { return -.infinity }
        // Last piece whose starting value is ≤ u.
        var lo = 0, hi = pieces.count - 1
        if pieces[hi].value <= u {
            lo = hi
        } else {
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if pieces[mid].value <= u { lo = mid } else { hi = mid }
            }
        }
        let p = pieces[lo]
        if p.isFlat { return lo == pieces.count - 1 ? .infinity : pieces[lo + 1].start }
        let theta = p.start + p.offset(reaching: u)
        return lo + 1 < pieces.count ? min(theta, pieces[lo + 1].start) : theta
    }

    /// inf{θ ≥ 0 : U(θ) ≥ u}: 0 for u ≤ 0, +∞ when U never reaches u.
    func infInverse(_ u: Double) -> Double {
        if u <= 0 { return 0 }
        // Last piece whose starting value is < u.
        var lo = 0, hi = pieces.count - 1
        if pieces[hi].value < u {
            lo = hi
        } else {
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if pieces[mid].value < u { lo = mid } else { hi = mid }
            }
        }
        let p = pieces[lo]
        if p.isFlat { return lo == pieces.count - 1 ? .infinity : pieces[lo + 1].start }
        let theta = p.start + p.offset(reaching: u)
        return lo + 1 < pieces.count ? min(theta, pieces[lo + 1].start) : theta
    }

    /// The points where U is not smooth (piece starts after 0).
    var kinks: [Double] { pieces.dropFirst().map(\.start) }

    /// Points of [lo, hi] where U(θ) − other(θ + shift) changes sign (or
    /// touches zero): on each stretch where both are single quadratics the
    /// difference is a quadratic in θ, solved in closed form.
    func crossings(with other: PiecewiseUtility, shift: Double, in lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo else { return [] }
        var cuts = [lo, hi]
        cuts += kinks.filter { $0 > lo && $0 < hi }
        cuts += other.kinks.map { $0 - shift }.filter { $0 > lo && $0 < hi }
        if -shift > lo && -shift < hi { cuts.append(-shift) }   // the other function's argument crosses 0
        cuts = Array(Set(cuts)).sorted()
        var roots: [Double] = []
        for k in 0..<(cuts.count - 1) {
            let a = cuts[k], b = cuts[k + 1]
            let mid = 0.5 * (a + b)
            // Quadratic coefficients of d(θ) = U(θ) − V(θ + shift) about θ = a.
            let mine = pieces[pieceIndex(mid)]
            let c2Mine = mine.curvature / 2
            var v0 = mine.value(at: max(a, 0)), v1 = mine.slope + mine.curvature * (max(a, 0) - mine.start), v2 = c2Mine
            if a < 0 { v0 = 0; v1 = 0; v2 = 0 }   // U ≡ 0 below 0 (own support starts at 0)
            var w0 = 0.0, w1 = 0.0, w2 = 0.0
            if mid + shift > 0 {
                let theirs = other.pieces[other.pieceIndex(mid + shift)]
                let x = a + shift
                w0 = theirs.value(at: x); w1 = theirs.slope + theirs.curvature * (x - theirs.start); w2 = theirs.curvature / 2
            }
            let c0 = v0 - w0, c1 = v1 - w1, c2 = v2 - w2
            for s in Self.quadraticRoots(c2, c1, c0) where s > 0 && a + s < b {
                roots.append(a + s)
            }
        }
        return roots
    }

    /// Real roots of c2 s² + c1 s + c0 = 0 (numerically stable; a degenerate
    /// quadratic is solved as linear; an identically zero one has no isolated roots).
    static func quadraticRoots(_ c2: Double, _ c1: Double, _ c0: Double) -> [Double] {
        let scale = max(abs(c2), abs(c1), abs(c0))
        if scale == 0 { return [] }
        if abs(c2) <= 1e-15 * scale {
            if abs(c1) <= 1e-15 * scale { return [] }
            return [-c0 / c1]
        }
        let disc = c1 * c1 - 4 * c2 * c0
        if disc < 0 { return [] }
        let sq = disc.squareRoot()
        let qq = -0.5 * (c1 + (c1 >= 0 ? sq : -sq))
        if qq == 0 { return [0] }
        return [qq / c2, c0 / qq]
    }
}

/// The upper envelope max(0, max_k q_kθ − t_k) on [0, ∞) of a finite menu,
/// with the contract chosen on each piece (ties at a breakpoint go to the
/// higher allocation, which is the higher transfer there: Sec 2's rule).
struct UpperEnvelope {
    let utility: PiecewiseUtility
    let chosen: [Contract?]
    /// The (start, contract) pieces.
    let starts: [Double]

    init(_ contracts: [Contract]) {
        // Current line: among lines attaining the maximum 0 at θ = 0 (t = 0), the highest allocation.
        var current: Contract? = nil
        for c in contracts where c.transfer.isZero && c.allocation.signum > 0 {
            if current == nil || c.allocation > current!.allocation { current = c }
        }
        var starts = [0.0]
        var chosen: [Contract?] = [current]
        var position = Rational.zero
        while true {
            let qCur = current?.allocation ?? .zero, tCur = current?.transfer ?? .zero
            var next: (theta: Rational, c: Contract)? = nil
            for c in contracts where c.allocation > qCur {
                // Where line c meets the current line: (t_c − t_cur)/(q_c − q_cur).
                let theta = max(position, (c.transfer - tCur) / (c.allocation - qCur))
                if next == nil || theta < next!.theta || (theta == next!.theta && c.allocation > next!.c.allocation) {
                    next = (theta, c)
                }
            }
            guard let n = next else { break }
            if n.theta == position {
                chosen[chosen.count - 1] = n.c
            } else {
                starts.append(n.theta.doubleValue)
                chosen.append(n.c)
            }
            position = n.theta
            current = n.c
        }
        self.starts = starts
        self.chosen = chosen
        utility = PiecewiseUtility(starts: starts, allocations: chosen.map { $0?.q ?? 0 }, allocationSlopes: starts.map { _ in 0 })
    }
}
