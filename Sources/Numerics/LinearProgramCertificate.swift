// Certified floating-point linear programs. The Double simplex works with
// absolute tolerances, so on badly scaled data (entries from 1 to 10⁷) it
// can report a wrong status or optimum. Every Double result is therefore
// checked against the data before it is returned:
//
//   optimal:  x is primal feasible, the duals y are dual feasible (sign
//             conditions and y·A_j ≥ c_j, equality for free variables), and
//             the duality gap c·x − y·b vanishes, each relative to the
//             magnitudes of the terms involved;
//   otherwise (infeasible or unbounded): not certified.
//
// A result that is not certified is recomputed exactly: the Double data
// converted to rationals without rounding (every double is a rational), the
// exact simplex, and the exact answer rounded to Double. So the Double LP
// never returns an uncertified status or objective.

extension LinearProgram where T == Double {
    /// The relative tolerance of the optimality certificate.
    public static var certificateTolerance: Double { 1e-8 }

    /// Whether `s` is a certified optimum of this program: primal and dual
    /// feasible with a vanishing gap, each up to `tolerance` relative to the
    /// magnitudes of the terms in the inequality checked.
    public func certifies(_ s: LPSolution<Double>, tolerance: Double = certificateTolerance) -> Bool {
        guard s.status == .optimal, s.x.count == objective.count, s.duals.count == constraints.count,
              s.x.allSatisfy(\.isFinite), s.duals.allSatisfy(\.isFinite) else { return false }
        let n = objective.count
        let xScale = s.x.map(\.magnitude).max() ?? 0
        // x ≥ 0 for bounded variables.
        for j in 0..<n where !freeVariables.contains(j) && s.x[j] < -tolerance * max(xScale, 1e-300) { return false }
        // Rows, and the sign of each dual (the shadow price of a maximisation).
        var gap = 0.0, gapScale = 0.0
        var yA = [Double](repeating: 0, count: n), yAScale = [Double](repeating: 0, count: n)
        for (i, c) in constraints.enumerated() {
            var ax = 0.0, scale = c.rhs.magnitude
            for j in 0..<n where c.coefficients[j] != 0 {
                let t = c.coefficients[j] * s.x[j]
                ax += t
                scale += t.magnitude
            }
            let slack = tolerance * max(scale, 1e-300)
            let y = s.duals[i]
            switch c.relation {
            case .lessOrEqual: if ax > c.rhs + slack || y < 0 { return false }
            case .greaterOrEqual: if ax < c.rhs - slack || y > 0 { return false }
            case .equal: if (ax - c.rhs).magnitude > slack { return false }
            }
            if y != 0 {
                for j in 0..<n where c.coefficients[j] != 0 {
                    let t = y * c.coefficients[j]
                    yA[j] += t
                    yAScale[j] += t.magnitude
                }
                gap -= y * c.rhs
                gapScale += (y * c.rhs).magnitude
            }
        }
        // Dual feasibility: y·A_j ≥ c_j (= for free variables).
        for j in 0..<n {
            let reduced = yA[j] - objective[j], scale = tolerance * max(yAScale[j] + objective[j].magnitude, 1e-300)
            if freeVariables.contains(j) ? reduced.magnitude > scale : reduced < -scale { return false }
        }
        // Gap: c·x = y·b.
        for j in 0..<n {
            gap += objective[j] * s.x[j]
            gapScale += (objective[j] * s.x[j]).magnitude
        }
        return gap.magnitude <= tolerance * max(gapScale, 1e-300)
    }

    /// The program with its data read exactly as rationals.
    var exactCopy: LinearProgram<Rational> {
        LinearProgram<Rational>(
            maximize: objective.map { Rational(exactly: $0)! },
            constraints: constraints.map { c in
                LinearConstraint(c.coefficients.map { Rational(exactly: $0)! }, c.relation, Rational(exactly: c.rhs)!, label: c.label)
            },
            freeVariables: freeVariables)
    }

    /// `floating` when certified, else the exact solution rounded to Double.
    func certified(_ floating: LPSolution<Double>, maxIterations: Int) throws -> LPSolution<Double> {
        if certifies(floating) { return floating }
        var options = SimplexOptions<Rational>.exact
        options.maxIterations = maxIterations
        let exact = try exactCopy.solve(options: options)
        return LPSolution(status: exact.status, x: exact.x.map(\.doubleValue), objectiveValue: exact.objectiveValue.doubleValue,
                          slacks: exact.slacks.map(\.doubleValue), duals: exact.duals.map(\.doubleValue), binding: exact.binding,
                          iterations: floating.iterations + exact.iterations)
    }
}
