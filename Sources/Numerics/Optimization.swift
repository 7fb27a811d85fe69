// Derivative-free optimisation of Double functions of one and two variables.
//
// - `Optimize.minimizeBrent` / `maximizeBrent`: Brent's local minimiser
//   (golden-section search safeguarding successive parabolic interpolation).
//   Source: R. P. Brent (1973), Algorithms for Minimization without
//   Derivatives, Prentice-Hall, ch. 5 ("localmin").
// - `Optimize.goldenSection`: pure golden-section search. Source: J. Kiefer
//   (1953), Sequential minimax search for a maximum, Proc. AMS 4, 502–506;
//   see also Brent (1973), §5.1.
// - `Optimize.maximizeGlobal`: grid scan + Brent refinement of every grid
//   local maximum, returning all (tied) global maximisers.
// - `Optimize.maximize2D`: grid scan + Nelder–Mead polish (with projection
//   onto the box and restarts) from the best few grid local maxima. Sources:
//   J. A. Nelder and R. Mead (1965), A simplex method for function
//   minimization, Computer Journal 7, 308–313; the variant and tie-breaking
//   rules of J. C. Lagarias, J. A. Reeds, M. H. Wright and P. E. Wright
//   (1998), Convergence properties of the Nelder–Mead simplex method in low
//   dimensions, SIAM J. Optim. 9, 112–147; restarts against stagnation as in
//   C. T. Kelley (1999), Detection and remediation of stagnation in the
//   Nelder–Mead algorithm using a sufficient decrease condition, SIAM J.
//   Optim. 10, 43–55.
//
// All code was written from the published descriptions. Every failure is
// reported by throwing a `NumericsError`; no routine returns NaN.
//
// Infinite values: an objective may return the "bad" infinity (+∞ when
// minimising, −∞ when maximising) to mark infeasible points; such points are
// simply never chosen. NaN, or the "good" infinity (which would make the
// problem unbounded), throws `NumericsError.nonFinite`.

/// The result of a one-dimensional local optimisation.
public struct ScalarOptimum: Sendable, Equatable {
    /// The approximate optimiser.
    public let x: Double
    /// f(`x`) (the value of the caller's function, also for maximisation).
    public let value: Double
    /// Number of iterations (each costs one evaluation of f).
    public let iterations: Int
    /// Total number of evaluations of f.
    public let evaluations: Int
}

/// The result of `Optimize.maximizeGlobal`.
public struct GlobalMaximum: Sendable, Equatable {
    /// A refined local maximum.
    public struct Candidate: Sendable, Equatable {
        /// Location of the local maximum.
        public let x: Double
        /// f(`x`).
        public let value: Double
    }
    /// All global maximisers (values within the tie tolerance of the best),
    /// de-duplicated and sorted increasingly. Never empty.
    public let maximizers: [Double]
    /// The best value found, max f.
    public let value: Double
    /// Every refined local maximum (one per grid local maximum, merged when
    /// they coincide), sorted by x.
    public let candidates: [Candidate]
    /// Total number of evaluations of f.
    public let evaluations: Int
}

/// The result of `Optimize.maximize2D`.
public struct Optimum2D: Sendable, Equatable {
    /// First coordinate of the maximiser.
    public let x: Double
    /// Second coordinate of the maximiser.
    public let y: Double
    /// f(`x`, `y`).
    public let value: Double
    /// Total number of Nelder–Mead iterations over all polished starts
    /// (restarts count as one iteration each).
    public let iterations: Int
    /// Total number of evaluations of f (grid plus polish).
    public let evaluations: Int
    /// `true` if every polished start met the tolerance. The returned point
    /// itself always met it (otherwise `maximize2D` throws); `false` means a
    /// lower-ranked start ran out of iterations while still below `value`.
    public let converged: Bool
}

/// Namespace for derivative-free optimisers.
public enum Optimize {

    /// (3 − √5)/2 ≈ 0.381966, the golden-section fraction.
    static let goldenFraction = 0.5 * (3.0 - 5.0.squareRoot())

    // MARK: - Brent's local minimiser

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
    private static func brentCore(
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

    // MARK: - Golden-section search

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

    // MARK: - Global 1-D maximiser

    /// Finds *all* global maximisers of a possibly multimodal `f` on [`a`, `b`].
    ///
    /// Method (grid search + local refinement):
    /// 1. Evaluate f on the uniform grid xᵢ = a + i·(b − a)/(gridPoints − 1),
    ///    i = 0…gridPoints − 1 (both end points included exactly).
    /// 2. Find every grid local maximum: a maximal run of equal values
    ///    (a single point, or a plateau) whose neighbours on both sides are
    ///    strictly lower; an end point needs only its inner neighbour lower.
    /// 3. Refine each by Brent's maximisation (Brent 1973, ch. 5) on the
    ///    bracket formed by the neighbouring grid points of the run. The
    ///    candidate is the refined point, or the best grid point of the run
    ///    if that is at least as good (this is how maxima at a or b are
    ///    returned exactly: Brent's method never evaluates its end points).
    /// 4. Merge candidates closer than 10·`tolerance` (keeping the higher).
    /// 5. Return every candidate whose value is ≥ best − `tieTolerance`·max(1, |best|)
    ///    (an absolute tolerance for |best| ≤ 1, relative above), sorted by x.
    ///
    /// Reliability: a local maximum is found when some grid point on its hump
    /// is a grid local maximum; a peak narrower than about two grid spacings,
    /// (b − a)/(gridPoints − 1), can fall between grid points and be missed.
    /// Increase `gridPoints` for narrow peaks. A flat plateau yields one
    /// representative point, not the whole interval.
    ///
    /// Complexity: `gridPoints` evaluations, plus for each grid local maximum
    /// one Brent refinement of at most 501 evaluations (typically 10–40).
    ///
    /// f may return −∞ to mark infeasible points.
    ///
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if `a >= b`, `b − a` overflows,
    ///     `gridPoints < 3`, `tolerance` is not positive and finite, or
    ///     `tieTolerance` is negative or NaN;
    ///   - `NumericsError.nonFinite` if an end point is not finite, f returns
    ///     NaN or +∞, or f is −∞ at every grid point;
    ///   - `NumericsError.noConvergence` if a refinement exceeds 500 iterations
    ///     (only possible for extreme tolerances);
    ///   - any error thrown by `f`.
    public static func maximizeGlobal(
        _ f: (Double) throws -> Double,
        in a: Double, _ b: Double,
        gridPoints: Int = 401,
        tolerance: Double = 1e-10,
        tieTolerance: Double = 1e-9
    ) throws -> GlobalMaximum {
        let routine = "Optimize.maximizeGlobal"
        try NumericsError.validateInterval(a, b, tolerance: tolerance, positiveTolerance: true, maxIterations: 0, routine: routine)
        guard (b - a).isFinite else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "the interval [\(a), \(b)] is too wide: b − a overflows")
        }
        guard gridPoints >= 3 else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "gridPoints must be at least 3, got \(gridPoints)")
        }
        guard tieTolerance >= 0 else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "tieTolerance must be nonnegative, got \(tieTolerance)")
        }

        var evaluations = 0
        func countedF(_ x: Double) throws -> Double {
            let y = try f(x)
            evaluations += 1
            return y
        }

        // 1. Grid.
        let n = gridPoints
        let step = (b - a) / Double(n - 1)
        var xs = [Double](repeating: 0, count: n)
        var fs = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let x = i == n - 1 ? b : a + Double(i) * step
            xs[i] = x
            // checkedObjective returns −f for sense −1 (after rejecting NaN, +∞).
            fs[i] = -(try checkedObjective(countedF(x), at: x, sense: -1, routine: routine))
        }
        guard fs.contains(where: { $0.isFinite }) else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "f is −∞ at every one of the \(n) grid points in [\(a), \(b)]")
        }

        // 2.–3. Grid local maxima (runs of equal values) and their refinement.
        var candidates: [GlobalMaximum.Candidate] = []
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && fs[j + 1] == fs[i] { j += 1 }
            let leftLower = i == 0 || fs[i - 1] < fs[i]
            let rightLower = j == n - 1 || fs[j + 1] < fs[i]
            if leftLower && rightLower && fs[i].isFinite {
                let lo = xs[max(i - 1, 0)], hi = xs[min(j + 1, n - 1)]
                // The best grid point of the run: all values are equal; prefer the
                // end point if the run touches one, else the middle of the run.
                let gridX = i == 0 ? xs[0] : (j == n - 1 ? xs[n - 1] : xs[(i + j) / 2])
                // (lo < hi fails only for intervals a few ulps wide.)
                let refined = lo < hi
                    ? try brentCore(countedF, sense: -1, in: lo, hi, tolerance: tolerance,
                                    maxIterations: 500, routine: routine, requireFiniteResult: false)
                    : nil
                if let refined, refined.value > fs[i] {
                    candidates.append(.init(x: refined.x, value: refined.value))
                } else {
                    candidates.append(.init(x: gridX, value: fs[i]))
                }
            }
            i = j + 1
        }
        // brentCore's evaluations were counted by countedF.

        // 4. Sort and merge near-duplicates.
        candidates.sort { $0.x < $1.x }
        var merged: [GlobalMaximum.Candidate] = []
        let mergeDistance = 10 * tolerance
        for cand in candidates {
            if let last = merged.last, cand.x - last.x < mergeDistance {
                if cand.value > last.value { merged[merged.count - 1] = cand }
            } else {
                merged.append(cand)
            }
        }

        // 5. Ties.
        let best = merged.map(\.value).max()!
        let threshold = best - tieTolerance * max(1, abs(best))
        let maximizers = merged.filter { $0.value >= threshold }.map(\.x)
        return GlobalMaximum(maximizers: maximizers, value: best, candidates: merged, evaluations: evaluations)
    }

    // MARK: - Bounded 2-D maximiser

    /// Maximises `f(x, y)` over the box `x` × `y`.
    ///
    /// Method:
    /// 1. Evaluate f on a uniform `gridPoints` × `gridPoints` grid of the box
    ///    (edges included).
    /// 2. Select up to 5 starting points: grid local maxima (no strictly
    ///    higher point among the 8 neighbours), best first, skipping any point
    ///    adjacent to an already selected one.
    /// 3. Polish each start by the Nelder–Mead simplex method (Nelder & Mead
    ///    1965, with the coefficients 1, 2, ½, ½ and the tie-breaking rules of
    ///    Lagarias et al. 1998), maximising f. Trial points outside the box
    ///    are projected onto it (clamped). The initial simplex is the start
    ///    plus one grid step along each axis (pointing into the box). When the
    ///    simplex has shrunk below the tolerance, the method is restarted from
    ///    the best vertex with a fresh grid-sized simplex (Kelley 1999), which
    ///    repairs simplices that collapsed, e.g. onto an edge of the box; the
    ///    polish has converged when a restart no longer moves the best vertex
    ///    by more than the tolerance (or improves f only at rounding level).
    /// 4. Return the best polished point.
    ///
    /// The polish never decreases f, so the result is at least as good as the
    /// best grid point. As with any grid method, peaks narrower than about two
    /// grid cells may be missed.
    ///
    /// Tolerance: per coordinate, tol = `tolerance` + 4ε·|coordinate|; a
    /// simplex has shrunk when every vertex is within tol of the best one.
    ///
    /// Complexity: `gridPoints²` evaluations for the grid; each start then
    /// costs 2 evaluations for its initial simplex plus at most 4 per
    /// Nelder–Mead iteration (a restart counts as one iteration costing 2),
    /// with at most `maxIterations` iterations per start and 5 starts: at
    /// most `gridPoints² + 5·(2 + 4·maxIterations)` evaluations in all
    /// (typically 100–300 per start for the polish).
    ///
    /// f may return −∞ to mark infeasible points.
    ///
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if a range is empty
    ///     (lowerBound == upperBound) or its width overflows, `gridPoints < 3`,
    ///     `tolerance` is not positive and finite, or `maxIterations < 1`;
    ///   - `NumericsError.nonFinite` if a range bound is not finite, f returns
    ///     NaN or +∞, or f is −∞ at every grid point;
    ///   - `NumericsError.noConvergence` if the polish of the best start does
    ///     not meet the tolerance within `maxIterations` iterations;
    ///   - any error thrown by `f`.
    public static func maximize2D(
        _ f: (Double, Double) throws -> Double,
        x: ClosedRange<Double>,
        y: ClosedRange<Double>,
        gridPoints: Int = 41,
        tolerance: Double = 1e-9,
        maxIterations: Int = 10_000
    ) throws -> Optimum2D {
        let routine = "Optimize.maximize2D"
        for (name, r) in [("x", x), ("y", y)] {
            guard r.lowerBound.isFinite, r.upperBound.isFinite else {
                throw NumericsError.nonFinite(
                    routine: routine, detail: "the \(name) range \(r) must have finite bounds")
            }
            guard r.lowerBound < r.upperBound, (r.upperBound - r.lowerBound).isFinite else {
                throw NumericsError.invalidArgument(
                    routine: routine,
                    detail: "the \(name) range \(r) must have positive, finite width")
            }
        }
        guard gridPoints >= 3 else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "gridPoints must be at least 3, got \(gridPoints)")
        }
        guard tolerance > 0, tolerance.isFinite else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "tolerance must be positive and finite, got \(tolerance)")
        }
        guard maxIterations >= 1 else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "maxIterations must be at least 1, got \(maxIterations)")
        }

        var evaluations = 0
        // h = −f, minimised; +∞ marks infeasible points.
        func h(_ p: Point2) throws -> Double {
            let v = try f(p.x, p.y)
            evaluations += 1
            if v.isNaN || v == .infinity {
                throw NumericsError.nonFinite(routine: routine, detail: "f(\(p.x), \(p.y)) = \(v)")
            }
            return -v
        }

        // 1. Grid.
        let n = gridPoints
        let hx = (x.upperBound - x.lowerBound) / Double(n - 1)
        let hy = (y.upperBound - y.lowerBound) / Double(n - 1)
        func gridX(_ i: Int) -> Double { i == n - 1 ? x.upperBound : x.lowerBound + Double(i) * hx }
        func gridY(_ j: Int) -> Double { j == n - 1 ? y.upperBound : y.lowerBound + Double(j) * hy }
        var grid = [Double](repeating: 0, count: n * n)  // grid[i * n + j] = h(xᵢ, yⱼ)
        for i in 0..<n {
            for j in 0..<n {
                grid[i * n + j] = try h(Point2(x: gridX(i), y: gridY(j)))
            }
        }
        guard grid.contains(where: { $0.isFinite }) else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "f is −∞ at every one of the \(n * n) grid points")
        }

        // 2. Starting points: grid local maxima of f (minima of h), best first.
        var localMaxima: [(i: Int, j: Int, h: Double)] = []
        for i in 0..<n {
            for j in 0..<n {
                let v = grid[i * n + j]
                guard v.isFinite else { continue }
                var isLocal = true
                for di in -1...1 where isLocal {
                    for dj in -1...1 where !(di == 0 && dj == 0) {
                        let ii = i + di, jj = j + dj
                        if ii >= 0, ii < n, jj >= 0, jj < n, grid[ii * n + jj] < v {
                            isLocal = false
                            break
                        }
                    }
                }
                if isLocal { localMaxima.append((i, j, v)) }
            }
        }
        // Stable order: by value, then grid order.
        localMaxima = localMaxima.enumerated()
            .sorted { ($0.element.h, $0.offset) < ($1.element.h, $1.offset) }
            .map(\.element)
        let maxStarts = 5
        var starts: [(i: Int, j: Int, h: Double)] = []
        for cand in localMaxima where starts.count < maxStarts {
            if !starts.contains(where: { abs($0.i - cand.i) <= 1 && abs($0.j - cand.j) <= 1 }) {
                starts.append(cand)
            }
        }

        // 3. Polish.
        let box = Box(x: x, y: y)
        var best: (p: Point2, h: Double, converged: Bool)? = nil
        var totalIterations = 0
        var allConverged = true
        for s in starts {
            let result = try nelderMead(
                h, start: Point2(x: gridX(s.i), y: gridY(s.j)), startValue: s.h,
                step: Point2(x: hx, y: hy), box: box, tolerance: tolerance,
                maxIterations: maxIterations)
            totalIterations += result.iterations
            if !result.converged { allConverged = false }
            if best == nil || result.h < best!.h {
                best = (result.p, result.h, result.converged)
            }
        }
        let winner = best!
        guard winner.converged else {
            throw NumericsError.noConvergence(
                routine: routine, iterations: maxIterations,
                detail: "the Nelder–Mead polish of the best start, now at (\(winner.p.x), \(winner.p.y)) with f = \(-winner.h), did not shrink below tolerance \(tolerance)")
        }
        return Optimum2D(
            x: winner.p.x, y: winner.p.y, value: -winner.h, iterations: totalIterations,
            evaluations: evaluations, converged: allConverged)
    }

    // MARK: - Nelder–Mead internals

    struct Point2: Equatable {
        var x: Double
        var y: Double
        static func + (l: Point2, r: Point2) -> Point2 { Point2(x: l.x + r.x, y: l.y + r.y) }
        static func - (l: Point2, r: Point2) -> Point2 { Point2(x: l.x - r.x, y: l.y - r.y) }
        static func * (s: Double, p: Point2) -> Point2 { Point2(x: s * p.x, y: s * p.y) }
    }

    struct Box {
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        func clamp(_ p: Point2) -> Point2 {
            Point2(x: min(max(p.x, x.lowerBound), x.upperBound),
                   y: min(max(p.y, y.lowerBound), y.upperBound))
        }
    }

    /// Nelder–Mead minimisation of `h` in the box, with restarts.
    /// Each iteration costs at most 4 evaluations; each restart 2.
    static func nelderMead(
        _ h: (Point2) throws -> Double,
        start: Point2, startValue: Double, step: Point2, box: Box,
        tolerance: Double, maxIterations: Int
    ) throws -> (p: Point2, h: Double, iterations: Int, converged: Bool) {
        // Simplex vertices, kept sorted by h (best first). Ties: an older
        // vertex stays ahead of a newer one (Lagarias et al. 1998).
        var v = [start, start, start]
        var hv = [startValue, startValue, startValue]
        var iterations = 0
        var restarts = 0
        var anchor = start, anchorValue = startValue  // best vertex at the last (re)start

        func insertLast() {
            // Move vertex 2 forward past strictly worse vertices.
            var k = 2
            while k > 0 && hv[k] < hv[k - 1] {
                v.swapAt(k, k - 1); hv.swapAt(k, k - 1)
                k -= 1
            }
        }
        func buildSimplex() throws {
            let p0 = v[0]
            let sx = p0.x + step.x <= box.x.upperBound ? step.x : -step.x
            let sy = p0.y + step.y <= box.y.upperBound ? step.y : -step.y
            let p1 = box.clamp(Point2(x: p0.x + sx, y: p0.y))
            let p2 = box.clamp(Point2(x: p0.x, y: p0.y + sy))
            v[1] = p1; hv[1] = try h(p1)
            v[2] = p2; hv[2] = try h(p2)
            // Sort, keeping p0 first on ties.
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
            if hv[1] < hv[0] { v.swapAt(0, 1); hv.swapAt(0, 1) }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
        }
        func shrunk() -> Bool {
            let tx = tolerance + 4 * Double.ulpOfOne * abs(v[0].x)
            let ty = tolerance + 4 * Double.ulpOfOne * abs(v[0].y)
            for k in 1...2 where abs(v[k].x - v[0].x) > tx || abs(v[k].y - v[0].y) > ty {
                return false
            }
            return true
        }

        try buildSimplex()
        while iterations < maxIterations {
            if shrunk() {
                if restarts > 0 {
                    let tx = tolerance + 4 * Double.ulpOfOne * abs(v[0].x)
                    let ty = tolerance + 4 * Double.ulpOfOne * abs(v[0].y)
                    let moved = abs(v[0].x - anchor.x) > tx || abs(v[0].y - anchor.y) > ty
                    let gain = anchorValue - hv[0]
                    let roundingLevel = 8 * Double.ulpOfOne * abs(hv[0])
                    if !moved || gain <= roundingLevel {
                        return (v[0], hv[0], iterations, true)
                    }
                }
                // Restart from the best vertex (one iteration, 2 evaluations).
                restarts += 1
                iterations += 1
                anchor = v[0]; anchorValue = hv[0]
                try buildSimplex()
                continue
            }
            iterations += 1

            let centroid = 0.5 * (v[0] + v[1])
            let xr = box.clamp(centroid + (centroid - v[2]))
            let hr = try h(xr)
            if hr < hv[0] {
                // Expansion.
                let xe = box.clamp(centroid + 2 * (centroid - v[2]))
                let he = try h(xe)
                if he < hr { v[2] = xe; hv[2] = he } else { v[2] = xr; hv[2] = hr }
                insertLast()
                continue
            }
            if hr < hv[1] {
                // Reflection accepted.
                v[2] = xr; hv[2] = hr
                insertLast()
                continue
            }
            if hr < hv[2] {
                // Outside contraction.
                let xc = centroid + 0.5 * (xr - centroid)
                let hc = try h(xc)
                if hc <= hr {
                    v[2] = xc; hv[2] = hc
                    insertLast()
                    continue
                }
            } else {
                // Inside contraction.
                let xcc = centroid - 0.5 * (centroid - v[2])
                let hcc = try h(xcc)
                if hcc < hv[2] {
                    v[2] = xcc; hv[2] = hcc
                    insertLast()
                    continue
                }
            }
            // Shrink towards the best vertex.
            for k in 1...2 {
                v[k] = v[0] + 0.5 * (v[k] - v[0])
                hv[k] = try h(v[k])
            }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
            if hv[1] < hv[0] { v.swapAt(0, 1); hv.swapAt(0, 1) }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
        }
        return (v[0], hv[0], iterations, false)
    }


    /// Returns sense·y, throwing on NaN and on the infinity that would be
    /// "good" for the optimisation (−∞ after applying the sense).
    private static func checkedObjective(
        _ y: Double, at x: Double, sense: Double, routine: String
    ) throws -> Double {
        let g = sense * y
        if g.isNaN || g == -.infinity {
            throw NumericsError.nonFinite(routine: routine, detail: "f(\(x)) = \(y)")
        }
        return g
    }
}
