// All global maximisers of a possibly multimodal function of one variable:
// a grid scan, then Brent refinement of every grid local maximum.

extension Optimize {
    // Global 1-D maximiser

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
        try maximizeGlobalCore(f, screen: nil, in: a, b, gridPoints: gridPoints, tolerance: tolerance, tieTolerance: tieTolerance)
    }

    /// `maximizeGlobal` with a screened grid: the same result (every
    /// maximiser, value and candidate bit for bit) when f is expensive and a
    /// cheap estimate with an error bound is available.
    ///
    /// `screen(x)` returns an estimate s of f(x) and a bound e with
    /// |f(x) − s| ≤ e. The grid is scanned with the screen; f itself is
    /// evaluated only at the grid points whose comparison with a neighbour the
    /// screen cannot decide (|s_k − s_{k+1}| ≤ e_k + e_{k+1}: near-ties and
    /// plateaus), at the grid local maxima that remain, and wherever the
    /// estimate or its bound is not finite. Where the screen decides, the
    /// order of two neighbours is the order of their f values, so the grid
    /// local maxima (runs of equal values with strictly lower neighbours)
    /// are those of the plain scan, and steps 3–5 see the same f values.
    /// The result equals the plain `maximizeGlobal` whenever the bounds hold;
    /// `evaluations` counts the evaluations of f only. An error f would throw
    /// at a grid point the screen decides is not raised.
    public static func maximizeGlobal(
        _ f: (Double) throws -> Double,
        screen: (Double) throws -> (estimate: Double, bound: Double),
        in a: Double, _ b: Double,
        gridPoints: Int = 401,
        tolerance: Double = 1e-10,
        tieTolerance: Double = 1e-9
    ) throws -> GlobalMaximum {
        try withoutActuallyEscaping(screen) { screen in
            try maximizeGlobalCore(f, screen: screen, in: a, b, gridPoints: gridPoints, tolerance: tolerance, tieTolerance: tieTolerance)
        }
    }

    private static func maximizeGlobalCore(
        _ f: (Double) throws -> Double,
        screen: ((Double) throws -> (estimate: Double, bound: Double))?,
        in a: Double, _ b: Double,
        gridPoints: Int,
        tolerance: Double,
        tieTolerance: Double
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
        for i in 0..<n { xs[i] = i == n - 1 ? b : a + Double(i) * step }
        // checkedObjective returns −f for sense −1 (after rejecting NaN, +∞).
        func exact(_ i: Int) throws -> Double { -(try checkedObjective(countedF(xs[i]), at: xs[i], sense: -1, routine: routine)) }
        if let screen {
            try screenedGrid(xs, &fs, screen: screen, exact: exact)
        } else {
            for i in 0..<n { fs[i] = try exact(i) }
        }
        guard fs.contains(where: { $0.isFinite }) else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "f is −∞ at every one of the \(n) grid points in [\(a), \(b)]")
        }

        // 2.–3. Grid local maxima (runs of equal values) and their refinement.
        var candidates: [GlobalMaximum.Candidate] = []
        for run in gridLocalMaxima(fs) where fs[run.lowerBound].isFinite {
            let (i, j) = (run.lowerBound, run.upperBound)
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

    /// Step 2's grid local maxima: the maximal runs i…j of equal values whose
    /// neighbours are strictly lower (an end point needs only its inner one).
    private static func gridLocalMaxima(_ fs: [Double]) -> [ClosedRange<Int>] {
        let n = fs.count
        var runs: [ClosedRange<Int>] = []
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && fs[j + 1] == fs[i] { j += 1 }
            let leftLower = i == 0 || fs[i - 1] < fs[i]
            let rightLower = j == n - 1 || fs[j + 1] < fs[i]
            if leftLower && rightLower { runs.append(i...j) }
            i = j + 1
        }
        return runs
    }

    /// Fills `fs` for the screened scan: screen estimates where the screen
    /// decides every comparison a grid point takes part in, f (`exact`)
    /// elsewhere, and f at every grid local maximum of the result.
    ///
    /// Replacing an estimate s_k by f(x_k) keeps every decided order: when
    /// s_k − s_{k+1} > e_k + e_{k+1}, f(x_k) ≥ s_k − e_k > s_{k+1} + e_{k+1} ≥ f(x_{k+1}),
    /// and the same holds with either side replaced. So the mixed array has the
    /// runs and strict comparisons of the all-f scan.
    private static func screenedGrid(
        _ xs: [Double], _ fs: inout [Double],
        screen: (Double) throws -> (estimate: Double, bound: Double),
        exact: (Int) throws -> Double
    ) throws {
        let n = xs.count
        var bounds = [Double](repeating: 0, count: n)
        var known = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let s = try screen(xs[i])
            if s.estimate.isFinite && s.bound.isFinite && s.bound >= 0 {
                fs[i] = s.estimate
                bounds[i] = s.bound
            } else {
                fs[i] = try exact(i)
                known[i] = true
            }
        }
        // Comparisons the screen cannot decide (a known value has bound 0).
        var undecided = [Bool](repeating: false, count: n)
        for i in 0..<(n - 1) where !(known[i] && known[i + 1]) {
            let gap = (fs[i] - fs[i + 1]).magnitude
            if !(gap > bounds[i] + bounds[i + 1]) { undecided[i] = true; undecided[i + 1] = true }
        }
        for i in 0..<n where undecided[i] && !known[i] {
            fs[i] = try exact(i); bounds[i] = 0; known[i] = true
        }
        // f at the grid local maxima (the runs of step 2; a run of two or more
        // points consists of known values, since equal neighbours are undecided).
        for run in gridLocalMaxima(fs) {
            for k in run where !known[k] { fs[k] = try exact(k); known[k] = true }
        }
    }
}
