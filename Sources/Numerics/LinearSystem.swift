// Dense linear systems by Gaussian elimination, generic over `OrderedField`
// (exact in `Rational`, floating in `Double`).
//
// Reference: Golub & Van Loan, "Matrix Computations", 3.2 (Gaussian
// elimination) and 3.4 (pivoting). Columns are eliminated in order of
// increasing nonzero count, so unit columns (slacks, identity blocks) cost
// O(1) and a matrix with k non-unit columns costs about O(k³ + m·k).

/// Namespace for dense linear solves (`solve`).
public enum LinearSystem {
    /// Solves M·x = rhs for a square matrix M (rows of equal length m).
    ///
    /// Pivoting: in exact mode the pivot is a nonzero entry in the row with
    /// the fewest nonzeros (limits fill-in); in floating mode the entry of
    /// largest magnitude in the column (partial pivoting), and entries of
    /// magnitude ≤ `singularTolerance` count as zero.
    ///
    /// Complexity: O(m³) worst case, O(k³ + m·k) with m − k unit columns.
    /// Returns nil when M is singular. Throws `.dimensionMismatch` when M is
    /// not square or rhs has the wrong length.
    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    public static func solve<T: OrderedField>(_ matrix: [[T]], _ rhs: [T], singularTolerance: T = .zero) throws -> [T]? {
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
}

extension LinearSystem {
    /// Solves M·x = b and Mᵀ·y = c for a square matrix M with one
    /// elimination (Golub & Van Loan 3.2: with E·M = U, E the product of the
    /// elimination steps and U triangular in pivot order, x comes from
    /// E·b and back substitution in U, and y = Eᵀ·z with Uᵀ·z = c by forward
    /// substitution). Same pivoting as `solve` (exact mode). Returns nil when
    /// M is singular. The solutions are unique, so they equal those of two
    /// separate `solve` calls.
    ///
    /// Complexity: one elimination, O(k³ + m·k) with m − k unit columns, plus
    /// O(m²) for the substitutions.
    /// Throws `.dimensionMismatch` for a non-square M or wrong lengths.
    @_specialize(where T == Rational)
    public static func solveWithTranspose<T: OrderedField>(_ matrix: [[T]], _ rhs: [T], transposedRhs: [T]) throws -> (x: [T], y: [T])? {
        let m = matrix.count
        guard rhs.count == m, transposedRhs.count == m, matrix.allSatisfy({ $0.count == m }) else {
            throw NumericsError.dimensionMismatch(routine: "LinearSystem.solveWithTranspose", detail: "expected an m × m matrix and m right-hand sides each, got \(m) rows of lengths \(Set(matrix.map(\.count)).sorted()) and \(rhs.count), \(transposedRhs.count) right-hand sides")
        }
        if m == 0 { return ([], []) }
        var a = matrix
        var b = rhs
        var columnNonzeros = [Int](repeating: 0, count: m)
        for row in a {
            for j in 0..<m where row[j] != .zero { columnNonzeros[j] += 1 }
        }
        let order = (0..<m).sorted { j, k in
            columnNonzeros[j] != columnNonzeros[k] ? columnNonzeros[j] < columnNonzeros[k] : j < k
        }
        var used = [Bool](repeating: false, count: m)
        var pivotRowOfColumn = [Int](repeating: -1, count: m)
        var rowNonzeros = a.map { row in row.reduce(0) { $0 + ($1 == .zero ? 0 : 1) } }
        // The elimination steps: at step t, row i −= f·(pivot row of step t).
        var multipliers: [[(row: Int, factor: T)]] = []
        multipliers.reserveCapacity(m)
        for j in order {
            var p = -1
            for i in 0..<m where !used[i] && a[i][j] != .zero {
                if p < 0 || rowNonzeros[i] < rowNonzeros[p] { p = i }
            }
            if p < 0 { return nil }
            used[p] = true
            pivotRowOfColumn[j] = p
            let pivotRow = a[p]
            let nz = (0..<m).filter { pivotRow[$0] != .zero && $0 != j }
            var step: [(row: Int, factor: T)] = []
            for i in 0..<m where !used[i] && a[i][j] != .zero {
                let f = a[i][j] / pivotRow[j]
                var count = rowNonzeros[i] - 1
                for k in nz {
                    let before = a[i][k] == .zero
                    a[i][k] -= f * pivotRow[k]
                    let after = a[i][k] == .zero
                    if before != after { count += after ? -1 : 1 }
                }
                a[i][j] = .zero
                b[i] -= f * b[p]
                rowNonzeros[i] = count
                step.append((i, f))
            }
            multipliers.append(step)
        }
        // x: back substitution in reverse elimination order.
        var x = [T](repeating: .zero, count: m)
        for j in order.reversed() {
            let p = pivotRowOfColumn[j]
            var s = b[p]
            for k in 0..<m where k != j && a[p][k] != .zero { s -= a[p][k] * x[k] }
            x[j] = s / a[p][j]
        }
        // y: Uᵀ·z = c forward in elimination order (U's row p_t is zero in
        // the columns eliminated before step t), then y = Eᵀ·z, applying the
        // transposed steps last to first (z_{p_t} −= Σ_i f_i z_i).
        var z = [T](repeating: .zero, count: m)
        for (u, j) in order.enumerated() {
            var s = transposedRhs[j]
            for t in 0..<u {
                let p = pivotRowOfColumn[order[t]]
                let e = a[p][j]
                if e != .zero { s -= e * z[p] }
            }
            let p = pivotRowOfColumn[j]
            z[p] = s / a[p][j]
        }
        for (t, j) in order.enumerated().reversed() {
            let p = pivotRowOfColumn[j]
            var s = z[p]
            for (i, f) in multipliers[t] where z[i] != .zero { s -= f * z[i] }
            z[p] = s
        }
        return (x, z)
    }
}
