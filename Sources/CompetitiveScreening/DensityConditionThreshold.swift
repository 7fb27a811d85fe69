// Def 3.1 and Secs 3.2–3.3 along a one-parameter family of densities: where
// a condition switches between holding and failing (bisection on the
// exact-sign predicate).

import Foundation
import Distributions
import Numerics

extension DensityConditionChecker {
    /// The point of [`a`, `b`] where `condition` switches between holding and
    /// failing along the one-parameter family `family(x)` (e.g. the truncated
    /// exponential's rate), by bisection (`Roots.bisect`) to `tolerance` on
    /// the predicate "the deciding form's margin is > 0 (strict) or ≥ 0
    /// (weak)", with the exact sign (no zero tolerance).
    ///
    /// - Throws: `.interval` for an empty interval, `.sameStatusAtBothEnds`
    ///   when the condition has the same status at both ends,
    ///   `.setting(.bisectionTolerance, …)`, and whatever `family` throws.
    public func threshold(_ condition: DensityCondition, from a: Double, to b: Double, tolerance: Double = 1e-12,
                          family: (Double) throws -> TypeDistribution) throws -> ThresholdResult {
        try require(a.isFinite && b.isFinite && a < b, .interval(from: a, to: b))
        try require(tolerance.isFinite && tolerance > 0, .setting(.bisectionTolerance, value: "\(tolerance)", allowed: "a bisection tolerance > 0"))
        let exact = try DensityConditionChecker(gridPoints: gridPoints, zeroTolerance: 0)
        func holds(_ x: Double) throws -> Bool { exact.check(condition, try family(x)).holds }
        let (ha, hb) = (try holds(a), try holds(b))
        try require(ha != hb, .sameStatusAtBothEnds(condition: condition.rawValue, holds: ha, from: a, to: b))
        return try Roots.bisect(in: a, b, tolerance: tolerance, predicate: holds)
    }
}
