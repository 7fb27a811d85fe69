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
        let workspace = EliminationWorkspace<T>(size: m)
        workspace.load(matrix, rhs)
        guard eliminate(workspace, m: m, singularTolerance: singularTolerance) else { return nil }
        return Array(UnsafeBufferPointer(start: workspace.x, count: m))
    }

    /// The kernel of `solve` on the row-major m × m matrix in `workspace.a`
    /// with the right-hand side in `workspace.b[0..<m]`: the same
    /// pivot rule and the same operations in the same order as `solve`
    /// (which calls it), so floating results are bit-identical. Writes the
    /// solution to `workspace.x[0..<m]`; returns false when M is singular.
    /// `a` and `b` are overwritten. No allocation once the workspace holds m.
    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    ///
    /// `record(t, i, f)`, when given, is told every elimination step: at step
    /// t (the t-th column of `workspace.order`) row i −= f·(pivot row).
    static func eliminate<T: OrderedField>(_ workspace: EliminationWorkspace<T>, m: Int, singularTolerance: T,
                                          record: ((_ step: Int, _ row: Int, _ factor: T) -> Void)? = nil) -> Bool {
        precondition(m <= workspace.size, "LinearSystem.eliminate: workspace too small")
        @inline(__always) func isZero(_ v: T) -> Bool { T.isExact ? v == .zero : v.magnitude <= singularTolerance }
        let a = workspace.a, b = workspace.b, x = workspace.x, ints = workspace.ints
        let columnNonzeros = ints, order = ints + m, pivotRowOfColumn = ints + 2 * m
        let rowNonzeros = ints + 3 * m, nz = ints + 4 * m, used = ints + 5 * m  // used: 0 / 1
        // Column order: fewest nonzeros first (ties by index) — a strict
        // total order, so insertion sort gives the order `sorted` gives.
        for j in 0..<m { columnNonzeros[j] = 0 }
        for i in 0..<m {
            var count = 0
            for j in 0..<m where !isZero(a[i * m + j]) { columnNonzeros[j] += 1; count += 1 }
            rowNonzeros[i] = count
            used[i] = 0
            pivotRowOfColumn[i] = -1
        }
        for j in 0..<m {
            var l = j
            while l > 0 && columnNonzeros[order[l - 1]] > columnNonzeros[j] { order[l] = order[l - 1]; l -= 1 }
            order[l] = j
        }
        for t in 0..<m {
            let j = order[t]
            var p = -1
            for i in 0..<m where used[i] == 0 && !isZero(a[i * m + j]) {
                if p < 0 { p = i; continue }
                if T.isExact ? rowNonzeros[i] < rowNonzeros[p] : a[i * m + j].magnitude > a[p * m + j].magnitude { p = i }
            }
            if p < 0 { return false }
            used[p] = 1
            pivotRowOfColumn[j] = p
            let pivotRow = a + p * m
            var nzCount = 0
            for k in 0..<m where !isZero(pivotRow[k]) && k != j { nz[nzCount] = k; nzCount += 1 }
            for i in 0..<m where used[i] == 0 && !isZero(a[i * m + j]) {
                let row = a + i * m
                let f = row[j] / pivotRow[j]
                // Only entries in `nz` and column j change: the row's nonzero
                // count is updated from them instead of recounted.
                var count = rowNonzeros[i] - 1
                for s in 0..<nzCount {
                    let k = nz[s]
                    let before = isZero(row[k])
                    row[k] -= f * pivotRow[k]
                    let after = isZero(row[k])
                    if before != after { count += after ? -1 : 1 }
                }
                row[j] = .zero
                b[i] -= f * b[p]
                rowNonzeros[i] = count
                record?(t, i, f)
            }
        }
        // Back substitution in reverse elimination order.
        for j in 0..<m { x[j] = .zero }
        for t in stride(from: m - 1, through: 0, by: -1) {
            let j = order[t]
            let p = pivotRowOfColumn[j]
            let row = a + p * m
            var s = b[p]
            for k in 0..<m where k != j && !isZero(row[k]) { s -= row[k] * x[k] }
            x[j] = s / row[j]
        }
        return true
    }
}

/// Buffers for `LinearSystem.eliminate` of systems up to `size` × `size`
/// (allocated once, reused across solves; not shared between threads).
final class EliminationWorkspace<T: OrderedField> {
    let size: Int
    let a: UnsafeMutablePointer<T>     // size × size, row-major with row length m of the current solve
    let b: UnsafeMutablePointer<T>
    let x: UnsafeMutablePointer<T>
    let ints: UnsafeMutablePointer<Int>  // 6 × size scratch integers

    /// Copies an m × m matrix (row-major) and its right-hand side in, m ≤ size.
    func load(_ matrix: [[T]], _ rhs: [T]) {
        let m = rhs.count
        for i in 0..<m { for j in 0..<m { a[i * m + j] = matrix[i][j] } }
        for i in 0..<m { b[i] = rhs[i] }
    }

    /// After `eliminate`: the column eliminated at step t, and the row that pivoted on column j.
    func column(atStep t: Int, m: Int) -> Int { ints[m + t] }
    func pivotRow(ofColumn j: Int, m: Int) -> Int { ints[2 * m + j] }

    init(size: Int) {
        self.size = size
        a = .allocate(capacity: max(1, size * size)); a.initialize(repeating: .zero, count: size * size)
        b = .allocate(capacity: max(1, size)); b.initialize(repeating: .zero, count: size)
        x = .allocate(capacity: max(1, size)); x.initialize(repeating: .zero, count: size)
        ints = .allocate(capacity: max(1, 6 * size)); ints.initialize(repeating: 0, count: 6 * size)
    }

    deinit {
        a.deinitialize(count: size * size); a.deallocate()
        b.deinitialize(count: size); b.deallocate()
        x.deinitialize(count: size); x.deallocate()
        ints.deallocate()
    }
}

extension LinearSystem {
    /// Solves M·x = b and Mᵀ·y = c for a square matrix M with one
    /// elimination (Golub & Van Loan 3.2: with E·M = U, E the product of the
    /// elimination steps and U triangular in pivot order, x comes from
    /// E·b and back substitution in U, and y = Eᵀ·z with Uᵀ·z = c by forward
    /// substitution), by `solve`'s kernel (`eliminate`, with its pivoting). Returns nil when
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
        let workspace = EliminationWorkspace<T>(size: m)
        workspace.load(matrix, rhs)
        let a = workspace.a
        // The elimination steps: at step t, row i −= f·(pivot row of step t).
        var multipliers = [[(row: Int, factor: T)]](repeating: [], count: m)
        guard eliminate(workspace, m: m, singularTolerance: .zero, record: { t, i, f in multipliers[t].append((i, f)) })
        else { return nil }
        let x = Array(UnsafeBufferPointer(start: workspace.x, count: m))
        // y: Uᵀ·z = c forward in elimination order (U's row p_t is zero in
        // the columns eliminated before step t), then y = Eᵀ·z, applying the
        // transposed steps last to first (z_{p_t} −= Σ_i f_i z_i).
        var z = [T](repeating: .zero, count: m)
        for u in 0..<m {
            let j = workspace.column(atStep: u, m: m)
            var s = transposedRhs[j]
            for t in 0..<u {
                let p = workspace.pivotRow(ofColumn: workspace.column(atStep: t, m: m), m: m)
                let e = a[p * m + j]
                if e != .zero { s -= e * z[p] }
            }
            let p = workspace.pivotRow(ofColumn: j, m: m)
            z[p] = s / a[p * m + j]
        }
        for t in stride(from: m - 1, through: 0, by: -1) {
            let p = workspace.pivotRow(ofColumn: workspace.column(atStep: t, m: m), m: m)
            var s = z[p]
            for (i, f) in multipliers[t] where z[i] != .zero { s -= f * z[i] }
            z[p] = s
        }
        return (x, z)
    }
}
