// Bounded maximisation of a function of two variables: a grid scan, then a
// Nelder–Mead polish from the best few grid local maxima (NelderMead.swift).

extension Optimize {
    // Bounded 2-D maximiser

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
}
