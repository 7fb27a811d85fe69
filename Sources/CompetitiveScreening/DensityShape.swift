// Properties of a density the paper's statements use besides Def 3.1: a
// non-decreasing density, 0 < f < ∞ on the support (Sec 2's assumption), and
// the weighted virtual value v·f = θf − (1 − F) (Sec 3.2).

import Foundation
import Distributions
import Numerics

/// Facts about a density that the paper's statements around Def 3.1 refer to.
public struct DensityShape: Sendable, Equatable {
    /// min f′ over the support (grid + Brent, one-sided at kinks).
    public let minimumSlope: Double
    /// f′ ≥ 0 everywhere ("a non-decreasing density").
    public var isNonDecreasing: Bool { minimumSlope >= 0 }
    /// f > 0 and finite on all of [0, θ̄] (the model's assumption, Sec 2).
    public let isPositiveAndBounded: Bool
    /// The density-weighted virtual value v·f = θf − (1 − F) is strictly
    /// increasing on the grid (computed from f and F only, not f′).
    public let weightedVirtualValueIncreasing: Bool
    /// The number of sign changes of v·f on the grid (single crossing: 1).
    public let weightedVirtualValueSignChanges: Int

    /// nil for distributions with atoms.
    public init?(_ d: TypeDistribution, gridPoints: Int = 401) {
        guard d.atoms.isEmpty, let checker = try? DensityConditionChecker(gridPoints: gridPoints) else { return nil }
        let local = DensityForms(d)
        let slope = checker.minimise(pieces: local.pieces, exact: false) { x, side in
            let s = local.fPrime(x, side)
            return (s, abs(s))
        }
        minimumSlope = slope.value
        let n = gridPoints
        let xs = (0..<n).map { $0 == n - 1 ? d.upper : d.upper * Double($0) / Double(n - 1) }
        let fs = xs.map(d.pdf)
        isPositiveAndBounded = (local.lowerOrder ?? 1) == 0 && (local.upperOrder ?? 1) == 0
            && fs.allSatisfy { $0 > 0 && $0.isFinite }
        let vf = zip(xs, fs).map { x, f in x == 0 ? -1 : x * f - (1 - d.cdf(x)) }
        weightedVirtualValueIncreasing = (1..<n).allSatisfy { vf[$0] > vf[$0 - 1] }
        var changes = 0
        var sign = 0
        for v in vf where v != 0 {
            let s = v > 0 ? 1 : -1
            if sign != 0 && s != sign { changes += 1 }
            sign = s
        }
        weightedVirtualValueSignChanges = changes
    }
}
