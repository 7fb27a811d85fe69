// Scalar root finding and threshold search on Double.
//
// - `Roots.brent`: Brent's bracketing zero finder ("zeroin"), combining
//   inverse quadratic interpolation, the secant step and bisection.
//   Source: R. P. Brent (1973), Algorithms for Minimization without
//   Derivatives, Prentice-Hall, ch. 4.
// - `Roots.bisect` / `Roots.largestSatisfying`: bisection on a Boolean
//   predicate, i.e. locating the point where a monotone condition switches
//   from holding to failing (classical bisection, Bolzano's method; see e.g.
//   Brent 1973, §4.2, or Press et al., Numerical Recipes, 3rd ed., §9.1).
//
// The implementations were written from the textbook descriptions. Every
// failure is reported by throwing a `NumericsError`; no routine returns NaN.

/// The result of `Roots.brent`.
public struct RootResult: Sendable, Equatable {
    /// The approximate zero: the end of the final bracket with the smaller |f|.
    public let root: Double
    /// f(`root`).
    public let value: Double
    /// Number of iterations (each iteration costs one evaluation of f).
    public let iterations: Int
    /// Total number of evaluations of f, including the two at the initial end points.
    public let evaluations: Int
    /// The final bracket: f changes sign on it (or `root` is an exact zero),
    /// and it contains `root`. A degenerate range `r...r` means f(r) == 0
    /// was hit at an initial end point.
    public let bracket: ClosedRange<Double>
}

/// The result of `Roots.bisect`: two points, at most `tolerance` apart, on
/// either side of the point where the predicate changes value.
public struct ThresholdResult: Sendable, Equatable {
    /// The point of the final bracket at which the predicate is `true`.
    public let holds: Double
    /// The point of the final bracket at which the predicate is `false`.
    public let fails: Double
    /// Number of bisection steps (each costs one predicate evaluation).
    public let iterations: Int
    /// Total number of predicate evaluations, including the two end points.
    public let evaluations: Int
    /// |`fails` − `holds`|, the width of the final bracket.
    public var width: Double { abs(fails - holds) }
}

/// Namespace for scalar root finders.
public enum Roots {

    // MARK: - Brent's method

    /// Finds a zero of `f` in the bracket [`a`, `b`] by Brent's method.
    ///
    /// Algorithm: Brent (1973), *Algorithms for Minimization without
    /// Derivatives*, ch. 4 ("zeroin"). The method keeps a bracket [b, c] on
    /// which f changes sign, with b the end of smaller |f|. Each step tries
    /// inverse quadratic interpolation through the last three points (or the
    /// secant step when only two are distinct) and falls back to bisection
    /// whenever the interpolated point is not safely inside the bracket or
    /// the previous steps did not shrink it fast enough.
    ///
    /// Convergence: the iteration stops when the half-width of the bracket is
    /// at most `tol = (absoluteTolerance + relativeTolerance·|b|) / 2`, i.e.
    /// the final bracket has width ≤ `absoluteTolerance + relativeTolerance·|root|`,
    /// when f(b) == 0 exactly, or when no double lies strictly between the
    /// bracket ends (so both tolerances may be 0, meaning "to full precision").
    ///
    /// Complexity: one evaluation of f per iteration, i.e. at most
    /// `maxIterations + 2` evaluations. For a simple zero of a smooth f the
    /// convergence is superlinear (order ≈ 1.84 for inverse quadratic
    /// interpolation); in the worst case Brent shows the method needs at most
    /// on the order of k² evaluations, where k ≈ log₂((b − a)/tol) is the
    /// number bisection would need, so it never fails to converge.
    ///
    /// If f(a) == 0 (or else f(b) == 0) that end point is returned at once.
    ///
    /// - Parameters:
    ///   - f: the function; it must return finite values on [a, b].
    ///   - a: lower end of the bracket.
    ///   - b: upper end of the bracket, `a < b`.
    ///   - absoluteTolerance: absolute part of the bracket-width tolerance (≥ 0).
    ///   - relativeTolerance: relative part of the bracket-width tolerance (≥ 0).
    ///   - maxIterations: maximum number of iterations (≥ 0).
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if `a >= b`, a tolerance is negative
    ///     or NaN, or `maxIterations < 0`;
    ///   - `NumericsError.nonFinite` if `a` or `b` is not finite or f returns
    ///     NaN or ±∞;
    ///   - `NumericsError.noSignChange` if f(a) and f(b) are nonzero with the
    ///     same sign;
    ///   - `NumericsError.noConvergence` if the tolerance is not met within
    ///     `maxIterations` iterations;
    ///   - any error thrown by `f`.
    public static func brent(
        _ f: (Double) throws -> Double,
        in a: Double, _ b: Double,
        absoluteTolerance: Double = 1e-14,
        relativeTolerance: Double = 4 * .ulpOfOne,
        maxIterations: Int = 200
    ) throws -> RootResult {
        let routine = "Roots.brent"
        guard a.isFinite, b.isFinite else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "bracket end points must be finite, got [\(a), \(b)]")
        }
        guard a < b else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "the bracket [\(a), \(b)] must satisfy a < b")
        }
        guard absoluteTolerance >= 0, relativeTolerance >= 0 else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "tolerances must be nonnegative, got absoluteTolerance = \(absoluteTolerance), relativeTolerance = \(relativeTolerance)")
        }
        guard maxIterations >= 0 else {
            throw NumericsError.invalidArgument(
                routine: routine, detail: "maxIterations must be nonnegative, got \(maxIterations)")
        }

        var evaluations = 0
        func eval(_ x: Double) throws -> Double {
            let y = try f(x)
            evaluations += 1
            guard y.isFinite else {
                throw NumericsError.nonFinite(routine: routine, detail: "f(\(x)) = \(y)")
            }
            return y
        }

        // Initial end points.
        var fa = try eval(a)
        if fa == 0 {
            return RootResult(root: a, value: fa, iterations: 0, evaluations: evaluations, bracket: a...a)
        }
        var fb = try eval(b)
        if fb == 0 {
            return RootResult(root: b, value: fb, iterations: 0, evaluations: evaluations, bracket: b...b)
        }
        if (fa > 0) == (fb > 0) {
            throw NumericsError.noSignChange(routine: routine, a: a, b: b, fa: fa, fb: fb)
        }

        // Brent's notation: `xb` is the current best estimate, `xc` the
        // contrapoint (f(xb), f(xc) of opposite signs), `xa` the previous `xb`.
        // `d` is the latest step and `e` the one before it.
        var xa = a, xb = b
        var xc = a, fc = fa
        var d = b - a, e = d
        var iterations = 0

        while true {
            if (fb > 0) == (fc > 0) {
                // The sign change is now between xa and xb: restart the contrapoint.
                xc = xa; fc = fa
                d = xb - xa; e = d
            }
            if abs(fc) < abs(fb) {
                // Keep |f(xb)| <= |f(xc)|.
                xa = xb; xb = xc; xc = xa
                fa = fb; fb = fc; fc = fa
            }

            let tol = 0.5 * (absoluteTolerance + relativeTolerance * abs(xb))
            let m = 0.5 * (xc - xb)
            let mid = xb + m
            if abs(m) <= tol || fb == 0 || mid == xb || mid == xc {
                return RootResult(
                    root: xb, value: fb, iterations: iterations, evaluations: evaluations,
                    bracket: min(xb, xc)...max(xb, xc))
            }
            guard iterations < maxIterations else {
                throw NumericsError.noConvergence(
                    routine: routine, iterations: iterations,
                    detail: "bracket [\(min(xb, xc)), \(max(xb, xc))] still has width \(abs(xc - xb)) > \(2 * tol); best estimate \(xb) with f = \(fb)")
            }
            iterations += 1

            if abs(e) < tol || abs(fa) <= abs(fb) {
                // The previous step was too small or did not reduce |f|: bisect.
                d = m; e = m
            } else {
                var p: Double, q: Double
                let s = fb / fa
                if xa == xc {
                    // Only two distinct points: secant (linear interpolation).
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    // Inverse quadratic interpolation through (xa, fa), (xb, fb), (xc, fc).
                    let qa = fa / fc
                    let r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (xb - xa) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                // Accept the interpolated step p/q only if it lands well inside
                // the bracket and is less than half the step before last.
                if 2 * p < 3 * m * q - abs(tol * q) && p < abs(0.5 * e * q) {
                    e = d
                    d = p / q
                } else {
                    d = m; e = m
                }
            }

            xa = xb; fa = fb
            var next = xb + (abs(d) > tol ? d : (m > 0 ? tol : -tol))
            if next == xb {
                // The minimal step is below the spacing of doubles at xb.
                next = m > 0 ? xb.nextUp : xb.nextDown
            }
            xb = next
            fb = try eval(xb)
        }
    }

    // MARK: - Bisection on a predicate

    /// Locates, by bisection, the point in [`a`, `b`] where `predicate`
    /// changes value.
    ///
    /// Typical use: "the largest ρ for which a condition holds". If the
    /// condition holds for all ρ below some threshold ρ* and fails above it
    /// (a monotone predicate), call `bisect(in: lo, hi, ...)` with the
    /// condition true at `lo` and false at `hi`; then `holds` is a point
    /// where the condition is verified to hold, `fails` a point where it is
    /// verified to fail, and ρ* lies between them. The orientation is free:
    /// the predicate may be true at `b` and false at `a` instead.
    ///
    /// If the predicate is not monotone, the result still brackets *a* point
    /// where it changes value (not necessarily the first or the last).
    ///
    /// Algorithm: classical bisection (Bolzano); see e.g. Brent (1973),
    /// *Algorithms for Minimization without Derivatives*, §4.2.
    ///
    /// Convergence: stops when |`fails` − `holds`| < `tolerance`, or when no
    /// double lies strictly between the two (so `tolerance` = 0 means "to
    /// full precision").
    ///
    /// Complexity: exactly 2 + ⌈log₂((b − a)/tolerance)⌉ predicate evaluations
    /// (up to rounding), at most `maxIterations + 2`.
    ///
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if `a >= b`, `tolerance` is negative
    ///     or NaN, `maxIterations < 0`, or `predicate(a) == predicate(b)`
    ///     (the predicate does not change on [a, b]);
    ///   - `NumericsError.nonFinite` if `a` or `b` is not finite;
    ///   - `NumericsError.noConvergence` if the width is still ≥ `tolerance`
    ///     after `maxIterations` bisection steps;
    ///   - any error thrown by `predicate`.
    public static func bisect(
        in a: Double, _ b: Double,
        tolerance: Double,
        maxIterations: Int = 2000,
        predicate: (Double) throws -> Bool
    ) throws -> ThresholdResult {
        let routine = "Roots.bisect"
        try NumericsError.validateInterval(a, b, tolerance: tolerance, positiveTolerance: false, maxIterations: maxIterations, routine: routine)
        let pa = try predicate(a)
        let pb = try predicate(b)
        guard pa != pb else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "the predicate does not change on [\(a), \(b)]: it is \(pa) at both ends")
        }
        return try bisectCore(
            holds: pa ? a : b, fails: pa ? b : a, tolerance: tolerance,
            maxIterations: maxIterations, routine: routine, predicate: predicate)
    }

    /// The largest point of [`a`, `b`] at which `predicate` holds, up to
    /// `tolerance`, for a predicate that is true at `a` and false at `b`.
    ///
    /// This is `bisect` specialised to "the largest ρ for which a condition
    /// holds": for a monotone predicate (true on [a, ρ*), false on (ρ*, b])
    /// it returns a point ρ with `predicate(ρ) == true` and ρ* − ρ < tolerance
    /// (the returned point itself has been verified to satisfy the predicate).
    ///
    /// Algorithm: bisection (see `bisect`). Complexity: 2 + ⌈log₂((b − a)/tolerance)⌉
    /// predicate evaluations, at most `maxIterations + 2`.
    ///
    /// - Throws:
    ///   - `NumericsError.invalidArgument` if `predicate(a)` is false (no point
    ///     of the interval is known to satisfy it), if `predicate(b)` is true
    ///     (the condition still holds at the upper end: widen the interval),
    ///     or for the argument errors listed at `bisect`;
    ///   - `NumericsError.nonFinite` if `a` or `b` is not finite;
    ///   - `NumericsError.noConvergence` if `maxIterations` steps do not suffice;
    ///   - any error thrown by `predicate`.
    public static func largestSatisfying(
        in a: Double, _ b: Double,
        tolerance: Double,
        maxIterations: Int = 2000,
        predicate: (Double) throws -> Bool
    ) throws -> Double {
        let routine = "Roots.largestSatisfying"
        try NumericsError.validateInterval(a, b, tolerance: tolerance, positiveTolerance: false, maxIterations: maxIterations, routine: routine)
        guard try predicate(a) else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "the predicate is false at the lower end a = \(a), so no point of [\(a), \(b)] is known to satisfy it")
        }
        guard try !predicate(b) else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "the predicate still holds at the upper end b = \(b); widen the interval so that it fails at b")
        }
        return try bisectCore(
            holds: a, fails: b, tolerance: tolerance, maxIterations: maxIterations,
            routine: routine, predicate: predicate
        ).holds
    }


    /// Bisection with the end values already known (2 evaluations done).
    private static func bisectCore(
        holds start: Double, fails end: Double, tolerance: Double, maxIterations: Int,
        routine: String, predicate: (Double) throws -> Bool
    ) throws -> ThresholdResult {
        var holds = start, fails = end
        var iterations = 0
        while !(abs(fails - holds) < tolerance) {
            let mid = midpoint(holds, fails)
            if mid == holds || mid == fails { break }  // adjacent doubles
            guard iterations < maxIterations else {
                throw NumericsError.noConvergence(
                    routine: routine, iterations: iterations,
                    detail: "the bracket (holds at \(holds), fails at \(fails)) still has width \(abs(fails - holds)) >= \(tolerance)")
            }
            iterations += 1
            if try predicate(mid) { holds = mid } else { fails = mid }
        }
        return ThresholdResult(holds: holds, fails: fails, iterations: iterations, evaluations: iterations + 2)
    }

    /// The midpoint of two finite doubles, without overflow.
    static func midpoint(_ x: Double, _ y: Double) -> Double {
        let d = y - x
        return d.isFinite ? x + 0.5 * d : 0.5 * x + 0.5 * y
    }
}
