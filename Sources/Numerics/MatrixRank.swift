// The rank of a dense matrix by Gaussian elimination, generic over
// `OrderedField` (exact in `Rational`, floating in `Double` with a caller
// tolerance).
//
// Reference: Golub & Van Loan, "Matrix Computations", 3.2 and 5.4.1 (rank by
// elimination with pivoting; exact arithmetic makes the rank decision exact).
// Typical use: deciding whether a face of a polyhedron {x : rows·x = rhs} is a
// single point (full column rank), or which coordinates are constant on it
// (those where every null-space vector vanishes).

extension LinearSystem {
    /// The rank of an r × c matrix (rows of equal length c).
    ///
    /// Row reduction column by column; in exact mode any nonzero pivot is
    /// used (the rank is exact), in floating mode the entry of largest
    /// magnitude, and entries of magnitude ≤ `tolerance` count as zero.
    ///
    /// Complexity: O(r·c·min(r, c)) field operations.
    /// Throws `NumericsError.dimensionMismatch` for rows of different lengths
    /// and `.invalidArgument` for a negative tolerance. An empty matrix has rank 0.
    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    public static func rank<T: OrderedField>(_ matrix: [[T]], tolerance: T = .zero) throws -> Int {
        guard tolerance >= .zero else {
            throw NumericsError.invalidArgument(routine: "LinearSystem.rank", detail: "negative tolerance \(tolerance)")
        }
        guard let first = matrix.first else { return 0 }
        let c = first.count
        guard matrix.allSatisfy({ $0.count == c }) else {
            throw NumericsError.dimensionMismatch(routine: "LinearSystem.rank", detail: "rows of lengths \(Set(matrix.map(\.count)).sorted()); expected equal lengths")
        }
        var a = matrix
        let isZero: (T) -> Bool = { T.isExact ? $0 == .zero : $0.magnitude <= tolerance }
        var rank = 0
        for j in 0..<c where rank < a.count {
            guard let p = pivotRow(a, column: j, from: rank, isZero: isZero) else { continue }
            a.swapAt(rank, p)
            let pivot = a[rank][j]
            let nz = (j..<c).filter { !isZero(a[rank][$0]) }
            for i in (rank + 1)..<a.count where !isZero(a[i][j]) {
                let f = a[i][j] / pivot
                for k in nz { a[i][k] -= f * a[rank][k] }
                a[i][j] = .zero
            }
            rank += 1
        }
        return rank
    }

    /// A basis of the null space {d : matrix·d = 0} of an r × c matrix, as
    /// vectors of length c (empty when the columns are independent).
    ///
    /// Reduced row echelon form; one basis vector per free column, with a 1
    /// in that column. In floating mode entries of magnitude ≤ `tolerance`
    /// count as zero.
    ///
    /// Complexity: O(r·c·min(r, c)) field operations.
    /// Throws `.dimensionMismatch` for rows of different lengths and
    /// `.invalidArgument` for a negative tolerance or an empty matrix with no
    /// column count (pass `columns`).
    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    public static func nullSpace<T: OrderedField>(_ matrix: [[T]], columns: Int? = nil, tolerance: T = .zero) throws -> [[T]] {
        guard tolerance >= .zero else {
            throw NumericsError.invalidArgument(routine: "LinearSystem.nullSpace", detail: "negative tolerance \(tolerance)")
        }
        guard let c = columns ?? matrix.first?.count else {
            throw NumericsError.invalidArgument(routine: "LinearSystem.nullSpace", detail: "an empty matrix needs an explicit column count")
        }
        guard matrix.allSatisfy({ $0.count == c }) else {
            throw NumericsError.dimensionMismatch(routine: "LinearSystem.nullSpace", detail: "rows of lengths \(Set(matrix.map(\.count)).sorted()); expected \(c)")
        }
        var a = matrix
        let isZero: (T) -> Bool = { T.isExact ? $0 == .zero : $0.magnitude <= tolerance }
        var pivotColumns: [Int] = []
        var rank = 0
        for j in 0..<c where rank < a.count {
            guard let p = pivotRow(a, column: j, from: rank, isZero: isZero) else { continue }
            a.swapAt(rank, p)
            let pivot = a[rank][j]
            for k in j..<c where !isZero(a[rank][k]) { a[rank][k] /= pivot }
            a[rank][j] = T(1)
            let nz = (j..<c).filter { !isZero(a[rank][$0]) }
            for i in 0..<a.count where i != rank && !isZero(a[i][j]) {
                let f = a[i][j]
                for k in nz { a[i][k] -= f * a[rank][k] }
                a[i][j] = .zero
            }
            pivotColumns.append(j)
            rank += 1
        }
        let pivotSet = Set(pivotColumns)
        var basis: [[T]] = []
        for free in 0..<c where !pivotSet.contains(free) {
            var d = [T](repeating: .zero, count: c)
            d[free] = T(1)
            for (row, j) in pivotColumns.enumerated() { d[j] = -a[row][free] }
            basis.append(d)
        }
        return basis
    }

    /// The pivot row for column j among rows from `start` on: the first
    /// nonzero entry in exact mode, the largest magnitude in floating mode.
    private static func pivotRow<T: OrderedField>(_ a: [[T]], column j: Int, from start: Int, isZero: (T) -> Bool) -> Int? {
        var p: Int? = nil
        for i in start..<a.count where !isZero(a[i][j]) {
            guard let q = p else {
                p = i
                if T.isExact { break } else { continue }
            }
            if a[i][j].magnitude > a[q][j].magnitude { p = i }
        }
        return p
    }
}

/// A basis of the row space of a growing set of vectors, kept in row
/// echelon form so that membership costs one reduction instead of a fresh
/// elimination (Golub & Van Loan 3.2: each stored row has a pivot column
/// where every later row is zero). Exact arithmetic only (`Rational`): the
/// zero tests are exact, so rank and membership are decided exactly.
///
/// `contains(v)` ⟺ v ∈ span of the inserted vectors ⟺ v is orthogonal to
/// the null space of the matrix of inserted rows (what `nullSpace` would
/// test vector by vector); `rank == columns` ⟺ that null space is {0}.
/// The methods are inlinable so that callers get code specialised to their
/// field (the generic version pays a witness-table call per operation).
public struct RowSpaceBasis<T: OrderedField>: Sendable {
    /// The length of every vector.
    public let columns: Int
    /// Echelon rows; `pivots[r]` is row r's pivot column (entry 1 there,
    /// and every later row is zero in that column).
    @usableFromInline var rows: [[T]] = []
    @usableFromInline var pivots: [Int] = []
    /// Per row, its nonzero columns in increasing order (the reduction
    /// visits only these; unit rows cost O(1)).
    @usableFromInline var supports: [[Int]] = []

    /// An empty basis of vectors of length `columns`.
    @inlinable public init(columns: Int) { self.columns = columns }

    /// The dimension of the span.
    @inlinable public var rank: Int { rows.count }

    /// v minus its combination of the stored rows, eliminated in insertion
    /// order (zero ⟺ v lies in the span). O(rank·columns), O(Σ row
    /// nonzeros) field operations.
    @inlinable func remainder(_ v: [T]) -> [T] {
        precondition(v.count == columns, "RowSpaceBasis: vector of length \(v.count), expected \(columns)")
        var v = v
        for (r, p) in pivots.enumerated() {
            let f = v[p]
            if f == .zero { continue }
            let row = rows[r]
            for j in supports[r] { v[j] -= f * row[j] }
            v[p] = .zero
        }
        return v
    }

    /// Whether v lies in the span of the inserted vectors.
    @inlinable public func contains(_ v: [T]) -> Bool {
        remainder(v).allSatisfy { $0 == .zero }
    }

    /// Adds v to the span; returns whether the rank grew. O(rank·columns).
    @inlinable @discardableResult
    public mutating func insert(_ v: [T]) -> Bool {
        var r = remainder(v)
        guard let p = r.firstIndex(where: { $0 != .zero }) else { return false }
        let pivot = r[p]
        if pivot != T(1) {
            for j in p..<columns where r[j] != .zero { r[j] /= pivot }
        }
        supports.append((p..<columns).filter { r[$0] != .zero })
        rows.append(r)
        pivots.append(p)
        return true
    }
}
