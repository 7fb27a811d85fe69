// Derivative-free optimisation of Double functions of one and two variables:
// the result types and the `Optimize` namespace; each optimiser has its own
// file (BrentMinimizer, GoldenSection, GlobalMaximizer, Maximize2D, NelderMead).
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

    /// Returns sense·y, throwing on NaN and on the infinity that would be
    /// "good" for the optimisation (−∞ after applying the sense).
    static func checkedObjective(
        _ y: Double, at x: Double, sense: Double, routine: String
    ) throws -> Double {
        let g = sense * y
        if g.isNaN || g == -.infinity {
            throw NumericsError.nonFinite(routine: routine, detail: "f(\(x)) = \(y)")
        }
        return g
    }
}
