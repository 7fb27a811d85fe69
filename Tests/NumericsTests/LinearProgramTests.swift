import XCTest
@testable import Numerics

private func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// Checks the optimality certificate of a maximisation: primal feasibility,
/// dual sign conditions, dual feasibility (Aᵀy ≥ c, = c on free columns),
/// complementary slackness and strong duality, all exactly.
func assertOptimalCertificate(_ lp: LinearProgram<Rational>, _ s: LPSolution<Rational>, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(s.status, .optimal, file: file, line: line)
    guard s.status == .optimal else { return }
    let n = lp.variableCount
    for j in 0..<n where !lp.freeVariables.contains(j) {
        XCTAssertGreaterThanOrEqual(s.x[j], 0, "x[\(j)] < 0", file: file, line: line)
    }
    var by = Rational.zero
    for (i, c) in lp.constraints.enumerated() {
        XCTAssertGreaterThanOrEqual(c.relation == .equal ? -s.slacks[i].magnitude : s.slacks[i], 0, "row \(i) violated", file: file, line: line)
        if c.relation == .equal { XCTAssertEqual(s.slacks[i], 0, file: file, line: line) }
        switch c.relation {
        case .lessOrEqual: XCTAssertGreaterThanOrEqual(s.duals[i], 0, "dual \(i) sign", file: file, line: line)
        case .greaterOrEqual: XCTAssertLessThanOrEqual(s.duals[i], 0, "dual \(i) sign", file: file, line: line)
        case .equal: break
        }
        XCTAssertEqual(s.slacks[i] * s.duals[i], 0, "complementary slackness row \(i)", file: file, line: line)
        by += c.rhs * s.duals[i]
    }
    for j in 0..<n {
        var aty = Rational.zero
        for (i, c) in lp.constraints.enumerated() { aty += c.coefficients[j] * s.duals[i] }
        if lp.freeVariables.contains(j) {
            XCTAssertEqual(aty, lp.objective[j], "dual equality column \(j)", file: file, line: line)
        } else {
            XCTAssertGreaterThanOrEqual(aty, lp.objective[j], "dual feasibility column \(j)", file: file, line: line)
            XCTAssertEqual((aty - lp.objective[j]) * s.x[j], 0, "reduced cost × x, column \(j)", file: file, line: line)
        }
    }
    XCTAssertEqual(by, s.objectiveValue, "strong duality", file: file, line: line)
}

final class LinearProgramTests: XCTestCase {
    func testChvatalTextbookExample() throws {
        // Chvátal (1983), ch. 2: max 5x1 + 4x2 + 3x3 → 13 at (2, 0, 1).
        var lp = LinearProgram<Rational>(maximize: [5, 4, 3])
        lp.add([2, 3, 1], .lessOrEqual, 5)
        lp.add([4, 1, 2], .lessOrEqual, 11)
        lp.add([3, 4, 2], .lessOrEqual, 8)
        let s = try lp.solve()
        XCTAssertEqual(s.x, [2, 0, 1])
        XCTAssertEqual(s.objectiveValue, 13)
        XCTAssertEqual(s.duals, [1, 0, 1])
        XCTAssertEqual(s.binding, [true, false, true])
        XCTAssertEqual(s.slacks, [0, 1, 0])
        assertOptimalCertificate(lp, s)
    }

    func testGreaterOrEqualRowsWithFractionalOptimum() throws {
        // min x + y s.t. x + 2y ≥ 3, 3x + y ≥ 5 → (7/5, 4/5), value 11/5.
        var lp = LinearProgram<Rational>(maximize: [-1, -1])
        lp.add([1, 2], .greaterOrEqual, 3)
        lp.add([3, 1], .greaterOrEqual, 5)
        let s = try lp.solve()
        XCTAssertEqual(s.x, [r(7, 5), r(4, 5)])
        XCTAssertEqual(s.objectiveValue, r(-11, 5))
        XCTAssertEqual(s.duals, [r(-2, 5), r(-1, 5)])
        assertOptimalCertificate(lp, s)
    }

    func testEqualityRowsFreeVariablesAndNegativeRightHandSides() throws {
        // max 2a + b, a free: a + b ≤ 4, a − b = −2 → a = 1, b = 3, value 5.
        var lp = LinearProgram<Rational>(maximize: [2, 1], freeVariables: [0])
        lp.add([1, 1], .lessOrEqual, 4)
        lp.add([1, -1], .equal, -2)
        let s = try lp.solve()
        XCTAssertEqual(s.x, [1, 3])
        XCTAssertEqual(s.objectiveValue, 5)
        assertOptimalCertificate(lp, s)
        // A free variable that ends negative: max −a s.t. a ≥ −5 → a = −5.
        var lp2 = LinearProgram<Rational>(maximize: [-1], freeVariables: [0])
        lp2.add([1], .greaterOrEqual, -5)
        let s2 = try lp2.solve()
        XCTAssertEqual(s2.x, [-5])
        XCTAssertEqual(s2.duals, [-1])
        assertOptimalCertificate(lp2, s2)
    }

    func testBealeCyclingExampleTerminates() throws {
        // Beale (1955): Dantzig's rule with naive ties cycles; the optimum is 5/4 at x = (1, 0, 1, 0).
        var lp = LinearProgram<Rational>(maximize: [r(3, 4), -20, r(1, 2), -6])
        lp.add([r(1, 4), -8, -1, 9], .lessOrEqual, 0)
        lp.add([r(1, 2), -12, r(-1, 2), 3], .lessOrEqual, 0)
        lp.add([0, 0, 1, 0], .lessOrEqual, 1)
        let s = try lp.solve()
        XCTAssertEqual(s.objectiveValue, r(5, 4))
        XCTAssertEqual(s.x, [1, 0, 1, 0])
        assertOptimalCertificate(lp, s)
        // The same in floating point.
        let f = LinearProgram<Double>(maximize: lp.objective.map(\.doubleValue),
                                      constraints: lp.constraints.map { LinearConstraint($0.coefficients.map(\.doubleValue), $0.relation, $0.rhs.doubleValue) })
        let sf = try f.solve(options: SimplexOptions(tolerance: 1e-12, pivotTolerance: 1e-12))
        XCTAssertEqual(sf.objectiveValue, 1.25, accuracy: 1e-12)
    }

    func testKleeMintyCube() throws {
        // max Σ 2^{n−j} x_j s.t. Σ_{j<i} 2^{i−j+1} x_j + x_i ≤ 5^i: optimum 5^n at x = (0, …, 0, 5^n).
        let n = 6
        var lp = LinearProgram<Rational>(maximize: (1...n).map { Rational(BigInt(2).power(n - $0)) })
        for i in 1...n {
            var row = [Rational](repeating: 0, count: n)
            for j in 1..<i { row[j - 1] = Rational(BigInt(2).power(i - j + 1)) }
            row[i - 1] = 1
            lp.add(row, .lessOrEqual, Rational(BigInt(5).power(i)))
        }
        let s = try lp.solve()
        XCTAssertEqual(s.objectiveValue, Rational(BigInt(5).power(n)))
        XCTAssertEqual(s.x.last, Rational(BigInt(5).power(n)))
        assertOptimalCertificate(lp, s)
    }

    func testInfeasibleAndUnbounded() throws {
        var infeasible = LinearProgram<Rational>(maximize: [1, 1])
        infeasible.add([1, 1], .lessOrEqual, 1)
        infeasible.add([1, 1], .greaterOrEqual, 2)
        XCTAssertEqual(try infeasible.solve().status, .infeasible)
        var unbounded = LinearProgram<Rational>(maximize: [1, 0])
        unbounded.add([1, -1], .lessOrEqual, 1)
        XCTAssertEqual(try unbounded.solve().status, .unbounded)
        // Floating mode reports the same.
        let fi = LinearProgram<Double>(maximize: [1, 1], constraints: [LinearConstraint([1, 1], .lessOrEqual, 1), LinearConstraint([1, 1], .greaterOrEqual, 2)])
        XCTAssertEqual(try fi.solve(options: SimplexOptions(tolerance: 1e-9, pivotTolerance: 1e-12)).status, .infeasible)
    }

    func testRedundantEqualityRows() throws {
        var lp = LinearProgram<Rational>(maximize: [1, 0])
        lp.add([1, 1], .equal, 1)
        lp.add([2, 2], .equal, 2)
        lp.add([3, 3], .equal, 3)
        let s = try lp.solve()
        XCTAssertEqual(s.x, [1, 0])
        XCTAssertEqual(s.objectiveValue, 1)
        assertOptimalCertificate(lp, s)
    }

    func testLexicographicAndRangeOverAWholeOptimalFace() throws {
        // max x + y s.t. x + y ≤ 2, x ≤ 3/2, y ≤ 3/2: the optimal face is the
        // segment from (1/2, 3/2) to (3/2, 1/2).
        var lp = LinearProgram<Rational>(maximize: [1, 1])
        lp.add([1, 1], .lessOrEqual, 2)
        lp.add([1, 0], .lessOrEqual, r(3, 2))
        lp.add([0, 1], .lessOrEqual, r(3, 2))
        let lex = try lp.maximizeLexicographically([[1, 1], [1, 0]], options: .exact)
        XCTAssertEqual(lex.status, .optimal)
        XCTAssertEqual(lex.stageValues, [2, r(3, 2)])
        XCTAssertEqual(lex.solution.x, [r(3, 2), r(1, 2)])
        let lex2 = try lp.maximizeLexicographically([[1, 1], [0, 1], [1, 0]], options: .exact)
        XCTAssertEqual(lex2.solution.x, [r(1, 2), r(3, 2)])
        let range = try lp.rangeOverOptimalFace(of: [1, 2], options: .exact)
        XCTAssertEqual(range.optimum, 2)
        XCTAssertEqual(range.minimum, r(5, 2))
        XCTAssertEqual(range.maximum, r(7, 2))
        XCTAssertEqual(range.argmin!, [r(3, 2), r(1, 2)])
        // A function that is constant on the face has a one-point range.
        let constant = try lp.rangeOverOptimalFace(of: [3, 3], options: .exact)
        XCTAssertEqual(constant.minimum, 6)
        XCTAssertEqual(constant.maximum, 6)
        // Unbounded along the face: max y with x free and only x + y ≤ 2... y free too.
        var open = LinearProgram<Rational>(maximize: [1, 1], freeVariables: [0, 1])
        open.add([1, 1], .lessOrEqual, 2)
        let openRange = try open.rangeOverOptimalFace(of: [1, 0], options: .exact)
        XCTAssertNil(openRange.minimum)
        XCTAssertNil(openRange.maximum)
        // Floating mode with an explicit face tolerance.
        let f = LinearProgram<Double>(maximize: [1, 1], constraints: lp.constraints.map { LinearConstraint($0.coefficients.map(\.doubleValue), $0.relation, $0.rhs.doubleValue) })
        let fr = try f.rangeOverOptimalFace(of: [1, 2], options: SimplexOptions(tolerance: 1e-10, pivotTolerance: 1e-12), faceTolerance: 1e-9)
        XCTAssertEqual(fr.minimum!, 2.5, accuracy: 1e-8)
        XCTAssertEqual(fr.maximum!, 3.5, accuracy: 1e-8)
    }

    func testRandomProgramsAgainstCertificatesAndBruteForce() throws {
        var rng = SplitMix64(seed: 2026)
        var optimalCount = 0
        for trial in 0..<150 {
            let n = Int.random(in: 2...2 + trial % 4, using: &rng)
            let m = Int.random(in: 1...6, using: &rng)
            var lp = LinearProgram<Rational>(maximize: (0..<n).map { _ in Rational(Int.random(in: -5...9, using: &rng)) })
            for _ in 0..<m {
                let rel: ConstraintRelation = [.lessOrEqual, .lessOrEqual, .greaterOrEqual, .equal][Int.random(in: 0..<4, using: &rng)]
                lp.add((0..<n).map { _ in Rational(Int.random(in: -4...6, using: &rng)) }, rel, Rational(Int.random(in: -3...12, using: &rng)))
            }
            if trial % 3 == 0 { lp.freeVariables = [0] }
            // A bounding box keeps most instances bounded.
            lp.add([Rational](repeating: 1, count: n), .lessOrEqual, 20)
            if trial % 3 == 0 { lp.add([1] + [Rational](repeating: 0, count: n - 1), .greaterOrEqual, -20) }
            let s = try lp.solve()
            // The exact simplex without the floating warm start agrees.
            let cold = try lp.solve(options: SimplexOptions(tolerance: 0, pivotTolerance: 0, floatingWarmStart: false))
            XCTAssertEqual(cold.status, s.status, "trial \(trial)")
            if s.status == .optimal {
                optimalCount += 1
                assertOptimalCertificate(lp, s)
                assertOptimalCertificate(lp, cold)
                XCTAssertEqual(cold.objectiveValue, s.objectiveValue, "trial \(trial)")
                // Floating mode agrees.
                let f = LinearProgram<Double>(maximize: lp.objective.map(\.doubleValue),
                                              constraints: lp.constraints.map { LinearConstraint($0.coefficients.map(\.doubleValue), $0.relation, $0.rhs.doubleValue) },
                                              freeVariables: lp.freeVariables)
                let sf = try f.solve(options: SimplexOptions(tolerance: 1e-9, pivotTolerance: 1e-11))
                XCTAssertEqual(sf.status, .optimal, "trial \(trial)")
                XCTAssertEqual(sf.objectiveValue, s.objectiveValue.doubleValue, accuracy: 1e-7, "trial \(trial)")
            }
            if n == 2 && lp.freeVariables.isEmpty {
                // Brute force: the optimum of a bounded 2-D program is at a vertex,
                // an intersection of two of the constraint lines and the axes.
                var lines = lp.constraints.map { ($0.coefficients, $0.rhs) }
                lines.append(([1, 0], 0))
                lines.append(([0, 1], 0))
                var best: Rational? = nil
                for i in 0..<lines.count {
                    for k in (i + 1)..<lines.count {
                        let (a, b) = (lines[i], lines[k])
                        let det = a.0[0] * b.0[1] - a.0[1] * b.0[0]
                        if det == 0 { continue }
                        let x = (a.1 * b.0[1] - a.0[1] * b.1) / det
                        let y = (a.0[0] * b.1 - a.1 * b.0[0]) / det
                        if x < 0 || y < 0 { continue }
                        let feasible = lp.constraints.allSatisfy { c in
                            let v = c.coefficients[0] * x + c.coefficients[1] * y
                            switch c.relation {
                            case .lessOrEqual: return v <= c.rhs
                            case .greaterOrEqual: return v >= c.rhs
                            case .equal: return v == c.rhs
                            }
                        }
                        if feasible {
                            let z = lp.objective[0] * x + lp.objective[1] * y
                            if best == nil || z > best! { best = z }
                        }
                    }
                }
                if s.status == .optimal {
                    XCTAssertEqual(best, s.objectiveValue, "trial \(trial)")
                } else {
                    XCTAssertEqual(s.status, .infeasible, "bounded box: trial \(trial)")
                    XCTAssertNil(best, "trial \(trial)")
                }
            }
        }
        XCTAssertGreaterThan(optimalCount, 40)
    }

    func testInputErrors() {
        var lp = LinearProgram<Rational>(maximize: [1, 1])
        lp.add([1], .lessOrEqual, 1, label: "short row")
        XCTAssertThrowsError(try lp.solve()) { error in
            guard case let NumericsError.dimensionMismatch(_, detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("short row"))
        }
        let nan = LinearProgram<Double>(maximize: [1, .nan], constraints: [LinearConstraint([1, 1], .lessOrEqual, 1)])
        XCTAssertThrowsError(try nan.solve(options: SimplexOptions(tolerance: 1e-9, pivotTolerance: 1e-12))) { error in
            guard case NumericsError.nonFinite = error else { return XCTFail("\(error)") }
        }
        var capped = LinearProgram<Rational>(maximize: [5, 4, 3])
        capped.add([2, 3, 1], .lessOrEqual, 5)
        capped.add([4, 1, 2], .lessOrEqual, 11)
        XCTAssertThrowsError(try capped.solve(options: SimplexOptions(tolerance: 0, pivotTolerance: 0, maxIterations: 0))) { error in
            guard case NumericsError.noConvergence = error else { return XCTFail("\(error)") }
        }
    }
}

final class LinearSystemTests: XCTestCase {
    func testExactSolveAndSingularity() throws {
        let m: [[Rational]] = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]
        let x = try LinearSystem.solve(m, [3, 5, 5])!
        XCTAssertEqual(x, [1, 1, 1])
        // Hilbert matrix H_6 times (1,…,1): exact recovery.
        let h = (0..<6).map { i in (0..<6).map { j in Rational(1, i + j + 1) } }
        let rhs = h.map { $0.reduce(Rational.zero, +) }
        XCTAssertEqual(try LinearSystem.solve(h, rhs)!, [Rational](repeating: 1, count: 6))
        XCTAssertNil(try LinearSystem.solve([[1, 2], [2, 4]] as [[Rational]], [1, 2]))
        XCTAssertThrowsError(try LinearSystem.solve([[1, 2]] as [[Rational]], [1]))
        let xd = try LinearSystem.solve([[1e-20, 1], [1, 1]], [1, 2], singularTolerance: 1e-300)!
        XCTAssertEqual(xd[0], 1, accuracy: 1e-12)   // partial pivoting avoids the tiny pivot
        XCTAssertEqual(xd[1], 1, accuracy: 1e-12)
    }

    func testWarmStartedExactLPMatchesColdOnDenseProgram() throws {
        var rng = SplitMix64(seed: 5)
        var lp = LinearProgram<Rational>(maximize: (0..<20).map { _ in Rational(Int.random(in: 1...9, using: &rng)) })
        for _ in 0..<30 { lp.add((0..<20).map { _ in Rational(Int.random(in: 0...9, using: &rng)) }, .lessOrEqual, Rational(Int.random(in: 50...100, using: &rng))) }
        let warm = try lp.solve()
        let cold = try lp.solve(options: SimplexOptions(tolerance: 0, pivotTolerance: 0, floatingWarmStart: false))
        XCTAssertEqual(warm.objectiveValue, cold.objectiveValue)
        XCTAssertNotEqual(warm.objectiveValue.denominator, 1)   // a genuinely fractional optimum
        assertOptimalCertificate(lp, warm)
        assertOptimalCertificate(lp, cold)
    }
}
