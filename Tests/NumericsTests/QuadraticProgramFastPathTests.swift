import XCTest
@testable import Numerics

// The face-enumeration fast path of `QuadraticProgram.maximize` (one
// elimination workspace, faces with zero or ± duplicated rows skipped, the
// boundedness check remembered per constraint matrix) and the buffer kernel
// behind `LinearSystem.solve`, against verbatim copies of the methods they
// replaced, on seeded random instances: Double results bit for bit, Rational
// results exactly.

/// The replaced implementations, verbatim (boundedness not checked: every instance below has a box).
private enum Reference {
    static func solve<T: OrderedField>(_ matrix: [[T]], _ rhs: [T], singularTolerance: T = .zero) throws -> [T]? {
        let m = matrix.count
        guard rhs.count == m, matrix.allSatisfy({ $0.count == m }) else {
            throw NumericsError.dimensionMismatch(routine: "LinearSystem.solve", detail: "expected an m × m matrix and m right-hand sides, got \(m) rows of lengths \(Set(matrix.map(\.count)).sorted()) and \(rhs.count) right-hand sides")
        }
        if m == 0 { return [] }
        var a = matrix
        var b = rhs
        let isZero: (T) -> Bool = { T.isExact ? $0 == .zero : $0.magnitude <= singularTolerance }
        // Column order: fewest nonzeros first (ties by index). The counts
        // are taken once, not inside the comparator.
        var columnNonzeros = [Int](repeating: 0, count: m)
        for row in a {
            for j in 0..<m where !isZero(row[j]) { columnNonzeros[j] += 1 }
        }
        let order = (0..<m).sorted { j, k in
            columnNonzeros[j] != columnNonzeros[k] ? columnNonzeros[j] < columnNonzeros[k] : j < k
        }
        var used = [Bool](repeating: false, count: m)
        var pivotRowOfColumn = [Int](repeating: -1, count: m)
        var rowNonzeros = a.map { row in row.reduce(0) { $0 + (isZero($1) ? 0 : 1) } }
        for j in order {
            var p = -1
            for i in 0..<m where !used[i] && !isZero(a[i][j]) {
                if p < 0 { p = i; continue }
                if T.isExact ? rowNonzeros[i] < rowNonzeros[p] : a[i][j].magnitude > a[p][j].magnitude { p = i }
            }
            if p < 0 { return nil }
            used[p] = true
            pivotRowOfColumn[j] = p
            let pivotRow = a[p]
            let nz = (0..<m).filter { !isZero(pivotRow[$0]) && $0 != j }
            for i in 0..<m where !used[i] && !isZero(a[i][j]) {
                let f = a[i][j] / pivotRow[j]
                // Only entries in `nz` and column j change: the row's nonzero
                // count is updated from them instead of recounted.
                var count = rowNonzeros[i] - 1
                for k in nz {
                    let before = isZero(a[i][k])
                    a[i][k] -= f * pivotRow[k]
                    let after = isZero(a[i][k])
                    if before != after { count += after ? -1 : 1 }
                }
                a[i][j] = .zero
                b[i] -= f * b[p]
                rowNonzeros[i] = count
            }
        }
        // Back substitution in reverse elimination order.
        var x = [T](repeating: .zero, count: m)
        for j in order.reversed() {
            let p = pivotRowOfColumn[j]
            var s = b[p]
            for k in 0..<m where k != j && !isZero(a[p][k]) { s -= a[p][k] * x[k] }
            x[j] = s / a[p][j]
        }
        return x
    }

    static func maximize<T: OrderedField>(
        quadratic Q: [[T]], linear c: [T], constant d: T = .zero,
        inequalities A: [[T]], bounds b: [T],
        equalities E: [[T]] = [], values e: [T] = [],
        tolerance: T? = nil, maxFaceSystems: Int = 200_000
    ) throws -> QuadraticOptimum<T> {
        let routine = "QuadraticProgram.maximize"
        let n = c.count
        let m = A.count

        // Shapes.
        guard n >= 1 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "no variables: the linear term c is empty (pass n zeros for a purely quadratic objective)")
        }
        guard Q.count == n, Q.allSatisfy({ $0.count == n }) else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "the quadratic term must be \(n) × \(n) (n = c.count), got \(Q.count) rows of lengths \(Set(Q.map(\.count)).sorted())")
        }
        guard b.count == m else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "\(m) inequality rows but \(b.count) bounds")
        }
        if let i = A.firstIndex(where: { $0.count != n }) {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "inequality row \(i) has \(A[i].count) coefficients, expected \(n)")
        }
        guard e.count == E.count else {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "\(E.count) equality rows but \(e.count) values")
        }
        if let i = E.firstIndex(where: { $0.count != n }) {
            throw NumericsError.dimensionMismatch(routine: routine, detail: "equality row \(i) has \(E[i].count) coefficients, expected \(n)")
        }

        // Finite data and the tolerance.
        if !T.isExact {
            let finite: (T) -> Bool = { $0.doubleValue.isFinite }
            let blocks: [(String, [[T]])] = [("quadratic term", Q), ("linear term", [c]), ("constant term", [[d]]),
                                             ("inequality rows", A), ("bounds", [b]), ("equality rows", E), ("equality values", [e])]
            for (name, block) in blocks {
                for (i, row) in block.enumerated() {
                    if let j = row.firstIndex(where: { !finite($0) }) {
                        throw NumericsError.nonFinite(routine: routine, detail: "\(name) entry [\(i)][\(j)] is \(row[j])")
                    }
                }
            }
        }
        let tol = tolerance ?? (T.isExact ? .zero : T(1) / T(1_000_000_000_000))
        if !T.isExact, !tol.doubleValue.isFinite {
            throw NumericsError.nonFinite(routine: routine, detail: "tolerance is \(tol)")
        }
        guard tol >= .zero else {
            throw NumericsError.invalidArgument(routine: routine, detail: "negative tolerance \(tol)")
        }
        guard maxFaceSystems >= 0 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "maxFaceSystems must be nonnegative, got \(maxFaceSystems)")
        }
        // Largest data magnitude: scales the zero test of the eliminations.
        var dataScale = T(1)
        for row in Q + A + E { for v in row where v.magnitude > dataScale { dataScale = v.magnitude } }
        let zeroTolerance = tol * dataScale

        // Independent equalities (a dependent row is implied or inconsistent;
        // either way it is still checked for feasibility below).
        var equalityRows: [[T]] = []
        var equalityValues: [T] = []
        for (k, row) in E.enumerated() {
            if try LinearSystem.rank(equalityRows + [row], tolerance: zeroTolerance) > equalityRows.count {
                equalityRows.append(row)
                equalityValues.append(e[k])
            }
        }
        let r = equalityRows.count
        let freeDimensions = n - r

        // The number of face systems, Σ_{k ≤ min(n − r, m)} C(m, k) (saturating at Int.max).
        let largestFace = min(freeDimensions, m)
        var systems = 0
        var binomial = 1  // C(m, k)
        for k in 0...largestFace {
            if k > 0 {
                let (product, overflow) = binomial.multipliedReportingOverflow(by: m - k + 1)
                if overflow { systems = Int.max; break }
                binomial = product / k  // exact: C(m, k − 1)·(m − k + 1) = C(m, k)·k
            }
            let (sum, overflow) = systems.addingReportingOverflow(binomial)
            if overflow { systems = Int.max; break }
            systems = sum
        }
        guard systems <= maxFaceSystems else {
            let count = systems == Int.max ? "at least \(Int.max)" : "\(systems)"
            throw NumericsError.invalidArgument(routine: routine, detail: "Σ_{k ≤ \(largestFace)} C(\(m), k) = \(count) face systems exceed maxFaceSystems = \(maxFaceSystems) (n = \(n) variables, m = \(m) inequalities, \(r) independent equalities); use fewer constraints or raise the limit")
        }

        // (Boundedness: the test instances include a box.)

        // Symmetric part of Q; the fixed blocks of the face matrix.
        let half = T(1) / T(2)
        let symmetric = (0..<n).map { i in (0..<n).map { j in (Q[i][j] + Q[j][i]) * half } }
        let negatedLinear = c.map { -$0 }

        func residualAndScale(_ row: [T], _ rhs: T, _ x: [T]) -> (T, T) {
            var ax = T.zero
            var scale = max(T(1), rhs.magnitude)
            var absolute = T.zero
            for j in 0..<n where row[j] != .zero {
                let term = row[j] * x[j]
                ax += term
                absolute += term.magnitude
            }
            if absolute > scale { scale = absolute }
            return (ax - rhs, scale)
        }
        func isFeasible(_ x: [T]) -> Bool {
            for i in 0..<m {
                let (residual, scale) = residualAndScale(A[i], b[i], x)
                if residual > tol * scale { return false }
            }
            for k in 0..<E.count {
                let (residual, scale) = residualAndScale(E[k], e[k], x)
                if residual.magnitude > tol * scale { return false }
            }
            return true
        }
        func objective(_ x: [T]) -> T {
            var value = d
            for i in 0..<n where x[i] != .zero {
                value += c[i] * x[i]
                var qx = T.zero
                for j in 0..<n where Q[i][j] != .zero { qx += Q[i][j] * x[j] }
                value += half * x[i] * qx
            }
            return value
        }
        func samePoint(_ x: [T], _ y: [T]) -> Bool {
            if tol == .zero { return x == y }
            var scale = T(1)
            for v in x where v.magnitude > scale { scale = v.magnitude }
            return zip(x, y).allSatisfy { ($0 - $1).magnitude <= tol * scale }
        }
        func tieSlack(_ best: T) -> T { tol * max(T(1), best.magnitude) }

        // Enumerate the face systems, keeping the candidates within the tie slack of the best.
        var best: T? = nil
        var leaders: [(x: [T], value: T)] = []
        var seen = Set<[T]>()
        for k in 0...largestFace {
            var subset = Array(0..<k)
            while true {
                let rows = equalityRows + subset.map { A[$0] }
                let size = n + rows.count
                var matrix = [[T]](repeating: [T](repeating: .zero, count: size), count: size)
                for i in 0..<n { for j in 0..<n { matrix[i][j] = symmetric[i][j] } }
                for (l, row) in rows.enumerated() {
                    for j in 0..<n where row[j] != .zero {
                        matrix[n + l][j] = row[j]
                        matrix[j][n + l] = row[j]
                    }
                }
                let rhs = negatedLinear + equalityValues + subset.map { b[$0] }
                if let solution = try solve(matrix, rhs, singularTolerance: zeroTolerance) {
                    let x = Array(solution[0..<n])
                    // (A floating solve of a nearly singular system may overflow; such x is no candidate.)
                    if T.isExact || x.allSatisfy({ $0.doubleValue.isFinite }), !seen.contains(x) {
                        seen.insert(x)
                        if isFeasible(x) {
                            let value = objective(x)
                            if best == nil || value > best! {
                                best = value
                                leaders.removeAll { $0.value < value - tieSlack(value) }
                                leaders.append((x, value))
                            } else if value >= best! - tieSlack(best!) {
                                leaders.append((x, value))
                            }
                        }
                    }
                }
                // Next k-subset of 0..<m in lexicographic order.
                var i = k - 1
                while i >= 0 && subset[i] == m - k + i { i -= 1 }
                if i < 0 { break }
                subset[i] += 1
                for j in (i + 1)..<k { subset[j] = subset[j - 1] + 1 }
            }
        }

        guard let top = best else {
            throw NumericsError.invalidArgument(routine: routine, detail: "the polytope {x : A x ≤ b, E x = e} is empty: none of its \(systems) face systems (which include every vertex) has a feasible solution\(tol == .zero ? "" : " within tolerance \(tol)")")
        }
        let winners = leaders.filter { $0.value >= top - tieSlack(top) }
            .sorted { $0.x.lexicographicallyPrecedes($1.x) }
        var maximisers: [[T]] = []
        for candidate in winners where !maximisers.contains(where: { samePoint($0, candidate.x) }) {
            maximisers.append(candidate.x)
        }
        let x = maximisers[0]
        let active = (0..<m).filter { i in
            let (residual, scale) = residualAndScale(A[i], b[i], x)
            return residual.magnitude <= tol * scale
        }
        return QuadraticOptimum(x: x, value: tol == .zero ? objective(x) : top, active: active, maximisers: maximisers)
    }
}

private func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }

final class QuadraticProgramFastPathTests: XCTestCase {
    /// Small integers, often zero (sparse rows, unit columns, exact ties).
    private func entry(_ rng: inout SplitMix64, zeroOdds: Int = 3) -> Int {
        rng.nextInt(in: 0...zeroOdds) == 0 ? rng.nextInt(in: -4...4) : 0
    }

    func testSolveKernelMatchesReplacedEliminationBitForBit() throws {
        var rng = SplitMix64(seed: 0x51_7E_2026)
        var singular = 0, solved = 0
        for trial in 0..<400 {
            let m = rng.nextInt(in: 1...7)
            var ints = (0..<m).map { _ in (0..<m).map { _ in entry(&rng, zeroOdds: 1) } }
            // Dependent rows now and then: a copy, a negation, a zero row.
            if m > 1 && rng.nextInt(in: 0...3) == 0 {
                let i = rng.nextInt(in: 0...(m - 1)), l = (i + 1) % m
                switch rng.nextInt(in: 0...2) {
                case 0: ints[l] = ints[i]
                case 1: ints[l] = ints[i].map { -$0 }
                default: ints[l] = [Int](repeating: 0, count: m)
                }
            }
            let rhs = (0..<m).map { _ in rng.nextInt(in: -9...9) }
            let scale = Double(rng.nextInt(in: 1...7))
            let dm = ints.map { $0.map { Double($0) / scale } }, drhs = rhs.map { Double($0) / 3 }
            let tolerance = rng.nextInt(in: 0...1) == 0 ? 0 : 1e-12
            let new = try LinearSystem.solve(dm, drhs, singularTolerance: tolerance)
            let old = try Reference.solve(dm, drhs, singularTolerance: tolerance)
            XCTAssertEqual(new.map(bits), old.map(bits), "Double trial \(trial)")
            let rm = ints.map { $0.map { Rational($0, Int(scale)) } }, rrhs = rhs.map { Rational($0, 3) }
            let exactNew = try LinearSystem.solve(rm, rrhs), exactOld = try Reference.solve(rm, rrhs)
            XCTAssertEqual(exactNew, exactOld, "Rational trial \(trial)")
            if let x = exactNew {
                solved += 1
                for i in 0..<m { XCTAssertEqual((0..<m).reduce(Rational.zero) { $0 + rm[i][$1] * x[$1] }, rrhs[i]) }
            } else { singular += 1 }
        }
        XCTAssertGreaterThan(singular, 20)
        XCTAssertGreaterThan(solved, 120)
    }

    /// A random bounded instance: a box on every variable, cuts that often repeat
    /// or negate a row (or are zero), and sometimes equalities, one of them
    /// parallel to a cut — the faces the fast path skips without a solve.
    private func instance(_ rng: inout SplitMix64) -> (Q: [[Int]], c: [Int], A: [[Int]], b: [Int], E: [[Int]], e: [Int]) {
        let n = rng.nextInt(in: 1...3)
        let Q = (0..<n).map { _ in (0..<n).map { _ in entry(&rng, zeroOdds: 1) } }
        let c = (0..<n).map { _ in rng.nextInt(in: -4...4) }
        var A: [[Int]] = [], b: [Int] = []
        for j in 0..<n {
            var unit = [Int](repeating: 0, count: n); unit[j] = 1
            let lo = rng.nextInt(in: -3...0)
            A.append(unit.map { -$0 }); b.append(-lo)
            A.append(unit); b.append(lo + rng.nextInt(in: 1...4))
        }
        for _ in 0..<rng.nextInt(in: 0...3) {
            switch rng.nextInt(in: 0...5) {
            case 0: let i = rng.nextInt(in: 0...(A.count - 1)); A.append(A[i]); b.append(b[i] + rng.nextInt(in: -1...1))
            case 1: let i = rng.nextInt(in: 0...(A.count - 1)); A.append(A[i].map { -$0 }); b.append(rng.nextInt(in: 0...3))
            case 2: A.append([Int](repeating: 0, count: n)); b.append(rng.nextInt(in: 0...1))
            default: A.append((0..<n).map { _ in entry(&rng, zeroOdds: 1) }); b.append(rng.nextInt(in: -2...4))
            }
        }
        var E: [[Int]] = [], e: [Int] = []
        if n > 1 && rng.nextInt(in: 0...2) == 0 {
            let row = rng.nextInt(in: 0...1) == 0 ? A[rng.nextInt(in: 0...(A.count - 1))] : (0..<n).map { _ in entry(&rng, zeroOdds: 1) }
            E.append(row); e.append(rng.nextInt(in: -1...1))
            if rng.nextInt(in: 0...2) == 0 { E.append(row.map { 2 * $0 }); e.append(2 * e[0]) }  // dependent, dropped
        }
        return (Q, c, A, b, E, e)
    }

    func testMaximizeMatchesReplacedEnumerationOnRandomInstances() throws {
        var rng = SplitMix64(seed: 0x0_9F_2026)
        var optimal = 0, empty = 0, degenerate = 0
        for trial in 0..<300 {
            let p = instance(&rng)
            if p.A.count != Set(p.A).count || p.A.contains(where: { $0.allSatisfy { $0 == 0 } }) { degenerate += 1 }
            // Exact.
            let rq = p.Q.map { $0.map { Rational($0) } }, rc = p.c.map { Rational($0) }
            let rA = p.A.map { $0.map { Rational($0) } }, rb = p.b.map { Rational($0) }
            let rE = p.E.map { $0.map { Rational($0) } }, re = p.e.map { Rational($0) }
            let exact = Result { try QuadraticProgram.maximize(quadratic: rq, linear: rc, constant: Rational(1, 3), inequalities: rA, bounds: rb, equalities: rE, values: re) }
            let exactOld = Result { try Reference.maximize(quadratic: rq, linear: rc, constant: Rational(1, 3), inequalities: rA, bounds: rb, equalities: rE, values: re) }
            switch (exact, exactOld) {
            case let (.success(a), .success(b)): XCTAssertEqual(a, b, "Rational trial \(trial)"); optimal += 1
            case let (.failure(a), .failure(b)): XCTAssertEqual("\(a)", "\(b)", "Rational trial \(trial)"); empty += 1
            default: XCTFail("Rational trial \(trial): \(exact) vs \(exactOld)")
            }
            // Floating, with the caller's tolerance and the default, on data that is not all integers.
            let s = Double(rng.nextInt(in: 1...5))
            let dq = p.Q.map { $0.map { Double($0) / s } }, dc = p.c.map { Double($0) / 7 }
            let dA = p.A.map { $0.map { Double($0) / 3 } }, db = p.b.map { Double($0) / 3 }
            let dE = p.E.map { $0.map { Double($0) / s } }, de = p.e.map { Double($0) / s }
            for tolerance in [1e-10, nil] as [Double?] {
                let new = Result { try QuadraticProgram.maximize(quadratic: dq, linear: dc, constant: 0.1, inequalities: dA, bounds: db, equalities: dE, values: de, tolerance: tolerance) }
                let old = Result { try Reference.maximize(quadratic: dq, linear: dc, constant: 0.1, inequalities: dA, bounds: db, equalities: dE, values: de, tolerance: tolerance) }
                switch (new, old) {
                case let (.success(a), .success(b)):
                    XCTAssertEqual(bits(a.x), bits(b.x), "Double trial \(trial)")
                    XCTAssertEqual(a.value.bitPattern, b.value.bitPattern, "Double trial \(trial)")
                    XCTAssertEqual(a.active, b.active, "Double trial \(trial)")
                    XCTAssertEqual(a.maximisers.map(bits), b.maximisers.map(bits), "Double trial \(trial)")
                case let (.failure(a), .failure(b)): XCTAssertEqual("\(a)", "\(b)", "Double trial \(trial)")
                default: XCTFail("Double trial \(trial): \(new) vs \(old)")
                }
            }
        }
        XCTAssertGreaterThan(optimal, 150)
        XCTAssertGreaterThan(empty, 3)
        XCTAssertGreaterThan(degenerate, 50)
    }

    func testNonFiniteDataErrorsNameTheSameEntry() {
        let Q = [[-1.0, 0], [0, -1]], c = [1.0, 2], A = [[1.0, 0], [-1, 0], [0, 1], [0, -1]], b = [1.0, 1, 1, 1]
        let E = [[1.0, 1]], e = [0.5]
        func message(_ body: () throws -> QuadraticOptimum<Double>) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        for (block, bad) in [(0, Double.nan), (1, .infinity), (2, -.infinity), (3, .nan), (4, .infinity), (5, .nan), (6, .infinity)] {
            var (q, cc, d, a, bb, ee, vv) = (Q, c, 0.0, A, b, E, e)
            switch block {
            case 0: q[1][0] = bad
            case 1: cc[1] = bad
            case 2: d = bad
            case 3: a[2][1] = bad
            case 4: bb[3] = bad
            case 5: ee[0][1] = bad
            default: vv[0] = bad
            }
            let new = message { try QuadraticProgram.maximize(quadratic: q, linear: cc, constant: d, inequalities: a, bounds: bb, equalities: ee, values: vv) }
            let old = message { try Reference.maximize(quadratic: q, linear: cc, constant: d, inequalities: a, bounds: bb, equalities: ee, values: vv) }
            XCTAssertEqual(new, old, "block \(block)")
            XCTAssertTrue(new.contains("entry ["), new)
        }
    }

    func testUnboundedSetStillThrowsAfterABoundedOneWithTheSameRows() throws {
        // The remembered boundedness is keyed by the rows: x ≤ 1 alone is unbounded, every time.
        for _ in 0..<2 {
            XCTAssertThrowsError(try QuadraticProgram.maximize(quadratic: [[Rational(-1)]], linear: [.zero], inequalities: [[.one]], bounds: [.one])) { error in
                XCTAssertTrue("\(error)".contains("unbounded"), "\(error)")
            }
        }
        let boxed = try QuadraticProgram.maximize(quadratic: [[Rational(-1)]], linear: [.zero], inequalities: [[.one], [-1]], bounds: [.one, .one])
        XCTAssertEqual(boxed.x, [.zero])
        XCTAssertEqual(boxed.value, .zero)
    }
}
