// Brent's local minimiser: golden-section search safeguarding successive
// parabolic interpolation. Source: R. P. Brent (1973), Algorithms for
// Minimization without Derivatives, Prentice-Hall, ch. 5 ("localmin").
// Written from the published description.

extension Optimize {
    // Brent's local minimiser

    /// Minimises `f` on [`a`, `b`] by Brent's method.
    ///
    /// Algorithm: Brent (1973), *Algorithms for Minimization without
    /// Derivatives*, ch. 5 ("localmin"): a parabola through the three best
    /// points so far proposes the next point; the proposal is accepted only
    /// if it falls inside the current bracket and moves less than half the
    /// step before last, otherwise a golden-section step is taken.
    ///
    /// The result is a *local* minimiser: for a unimodal f it is the
    /// minimiser on [a, b]; for a multimodal f use `maximizeGlobal` (on −f).
    /// Like Brent's original, the method never evaluates f at `a` or `b`
    /// themselves; a minimum at an end point is approached to within the
    /// tolerance.
    ///
    /// Convergence: stops when the bracket around x satisfies
    /// max(x − lo, hi − x) ≤ 2·tol with tol = `tolerance` + 4ε|x| (ε = machine
    /// epsilon), so x is within about 2·tol of a local minimiser. Note that
    /// for smooth f the minimiser is only determined to about √ε·scale by the
    /// function values themselves; asking for less just costs a few
    /// golden-section steps.
    ///
    /// Complexity: one evaluation per iteration, at most `maxIterations + 1`
    /// evaluations. Near a smooth minimum the parabolic steps converge
    /// superlinearly (order ≈ 1.32); otherwise golden-section steps shrink the
    /// bracket by ≈ 0.618 per step, so for a unimodal f at most a few times
    /// log((b − a)/tol)/log(1.618) evaluations are needed.
    ///
    /// - Parameters:
    ///   - f: the objective; it may return +∞ to mark infeasible points.
    ///   - a: lower end, `a < b`, both finite.
    ///   - b: upper end.
    ///   - tolerance: absolute tolerance on x (> 0).
    ///   - maxIterations: iteration cap (≥ 0).
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if `a >= b`, `tolerance` is not
    ///     positive and finite, or `maxIterations < 0`;
    ///   - `NumericsError.nonFinite` if `a`, `b` is not finite, f returns NaN
    ///     or −∞, or f is +∞ at every point evaluated;
    ///   - `NumericsError.noConvergence` if the tolerance is not met within
    ///     `maxIterations` iterations;
    ///   - any error thrown by `f`.
    public static func minimizeBrent(
        _ f: (Double) throws -> Double,
        in a: Double, _ b: Double,
        tolerance: Double = 1e-10,
        maxIterations: Int = 500
    ) throws -> ScalarOptimum {
        try brentCore(f, sense: 1, in: a, b, tolerance: tolerance,
                      maxIterations: maxIterations, routine: "Optimize.minimizeBrent")
    }

    /// Maximises `f` on [`a`, `b`] by Brent's method (Brent 1973, ch. 5,
    /// applied to −f); `value` is f at the maximiser.
    ///
    /// Same algorithm, convergence criterion and complexity as
    /// `minimizeBrent` (at most `maxIterations + 1` evaluations); f may
    /// return −∞ to mark infeasible points.
    ///
    /// - Throws: `NumericsError.invalidArgument` (bad interval, tolerance or
    ///   iteration cap), `.nonFinite` (non-finite end points; f returns NaN or
    ///   +∞; f is −∞ everywhere evaluated), `.noConvergence` (iteration cap
    ///   reached), or any error thrown by `f`.
    public static func maximizeBrent(
        _ f: (Double) throws -> Double,
        in a: Double, _ b: Double,
        tolerance: Double = 1e-10,
        maxIterations: Int = 500
    ) throws -> ScalarOptimum {
        try brentCore(f, sense: -1, in: a, b, tolerance: tolerance,
                      maxIterations: maxIterations, routine: "Optimize.maximizeBrent")
    }

    /// Brent's localmin applied to g = sense·f (sense = 1 minimises f, −1 maximises it).
    static func brentCore(
        _ f: (Double) throws -> Double, sense: Double,
        in a: Double, _ b: Double,
        tolerance: Double, maxIterations: Int, routine: String,
        requireFiniteResult: Bool = true
    ) throws -> ScalarOptimum {
        try NumericsError.validateInterval(a, b, tolerance: tolerance, positiveTolerance: true, maxIterations: maxIterations, routine: routine)
        var evaluations = 0
        func g(_ x: Double) throws -> Double {
            let y = try f(x)
            evaluations += 1
            return try checkedObjective(y, at: x, sense: sense, routine: routine)
        }

        let c = goldenFraction
        var lo = a, hi = b
        // x: best point so far; w: second best; v: previous value of w.
        var x = lo + c * (hi - lo)
        var w = x, v = x
        var fx = try g(x)
        var fw = fx, fv = fx
        // d: the latest step; e: the step before it.
        var d = 0.0, e = 0.0
        var iterations = 0

        while true {
            let m = 0.5 * (lo + hi)
            let tol = tolerance + 4 * Double.ulpOfOne * abs(x)
            let t2 = 2 * tol
            if abs(x - m) <= t2 - 0.5 * (hi - lo) { break }
            guard iterations < maxIterations else {
                throw NumericsError.noConvergence(
                    routine: routine, iterations: iterations,
                    detail: "bracket [\(lo), \(hi)] around x = \(x) is still wider than 4·tol = \(2 * t2)")
            }
            iterations += 1

            var parabolic = false
            if abs(e) > tol && fx.isFinite && fw.isFinite && fv.isFinite {
                // Parabola through (v, fv), (w, fw), (x, fx): minimiser at x + p/q.
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p } else { q = -q }
                r = e
                e = d
                if abs(p) < abs(0.5 * q * r) && p > q * (lo - x) && p < q * (hi - x) {
                    d = p / q
                    let u = x + d
                    // Do not evaluate too close to the bracket ends.
                    if u - lo < t2 || hi - u < t2 { d = x < m ? tol : -tol }
                    parabolic = true
                }
            }
            if !parabolic {
                // Golden-section step into the larger of the two parts.
                e = (x < m ? hi : lo) - x
                d = c * e
            }
            // Never evaluate closer than tol to x.
            let u = x + (abs(d) >= tol ? d : (d >= 0 ? tol : -tol))
            let fu = try g(u)

            if fu <= fx {
                if u < x { hi = x } else { lo = x }
                v = w; fv = fw
                w = x; fw = fx
                x = u; fx = fu
            } else {
                if u < x { lo = u } else { hi = u }
                if fu <= fw || w == x {
                    v = w; fv = fw
                    w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        guard fx.isFinite || !requireFiniteResult else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "f is \(sense * fx) at every point evaluated in [\(a), \(b)]")
        }
        return ScalarOptimum(x: x, value: sense * fx, iterations: iterations, evaluations: evaluations)
    }
}
