// Pure golden-section search. Source: J. Kiefer (1953), Sequential minimax
// search for a maximum, Proc. AMS 4, 502–506; Brent (1973), §5.1.

extension Optimize {
    // Golden-section search

    /// Minimises `f` on [`a`, `b`] by pure golden-section search.
    ///
    /// Algorithm: Kiefer (1953), Sequential minimax search for a maximum,
    /// Proc. AMS 4, 502–506 (see also Brent 1973, §5.1). Two interior points
    /// divide the bracket in the golden ratio; the part beyond the worse one
    /// is discarded, and the surviving interior point is reused, so each
    /// iteration costs one evaluation and shrinks the bracket by 0.618.
    /// Slower than `minimizeBrent` on smooth functions but with a fixed,
    /// predictable cost; mainly useful as an independent check.
    ///
    /// The result is a local minimiser (the minimiser for unimodal f). End
    /// points are never evaluated.
    ///
    /// Convergence: stops when the bracket width is ≤ 2·tol with
    /// tol = `tolerance` + 4ε·|midpoint|; returns the better interior point.
    ///
    /// Complexity: 2 + ⌈log((b − a)/(2·tol)) / log(1.618…)⌉ evaluations,
    /// at most `maxIterations + 2`.
    ///
    /// - Throws: `NumericsError.invalidArgument` if `a >= b`, `tolerance` is
    ///   not positive and finite, or `maxIterations < 0`; `.nonFinite` if an
    ///   end point is not finite, f returns NaN or −∞, or f is +∞ at every
    ///   point evaluated; `.noConvergence` if `maxIterations` does not
    ///   suffice; any error thrown by `f`.
    public static func goldenSection(
        _ f: (Double) throws -> Double,
        in a: Double, _ b: Double,
        tolerance: Double = 1e-10,
        maxIterations: Int = 500
    ) throws -> ScalarOptimum {
        let routine = "Optimize.goldenSection"
        try NumericsError.validateInterval(a, b, tolerance: tolerance, positiveTolerance: true, maxIterations: maxIterations, routine: routine)
        var evaluations = 0
        func g(_ x: Double) throws -> Double {
            let y = try f(x)
            evaluations += 1
            return try checkedObjective(y, at: x, sense: 1, routine: routine)
        }
        let c = goldenFraction
        var lo = a, hi = b
        var x1 = lo + c * (hi - lo), x2 = hi - c * (hi - lo)
        var f1 = try g(x1), f2 = try g(x2)
        var iterations = 0
        while true {
            let tol = tolerance + 4 * Double.ulpOfOne * abs(0.5 * (lo + hi))
            if hi - lo <= 2 * tol { break }
            guard iterations < maxIterations else {
                throw NumericsError.noConvergence(
                    routine: routine, iterations: iterations,
                    detail: "bracket [\(lo), \(hi)] is still wider than 2·tol = \(2 * tol)")
            }
            iterations += 1
            if f1 <= f2 {
                // Minimum in [lo, x2].
                hi = x2
                x2 = x1; f2 = f1
                x1 = lo + c * (hi - lo)
                f1 = try g(x1)
            } else {
                // Minimum in [x1, hi].
                lo = x1
                x1 = x2; f1 = f2
                x2 = hi - c * (hi - lo)
                f2 = try g(x2)
            }
        }
        let (x, fx) = f1 <= f2 ? (x1, f1) : (x2, f2)
        guard fx.isFinite else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "f is \(fx) at every point evaluated in [\(a), \(b)]")
        }
        return ScalarOptimum(x: x, value: fx, iterations: iterations, evaluations: evaluations)
    }
}
