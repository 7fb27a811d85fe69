// Linear programming: a dense two-phase primal simplex method, generic over
// `OrderedField`, so the same code solves exactly in `Rational` and
// approximately in `Double`.
//
// References: Chvátal, "Linear Programming" (1983), ch. 2–3 (tableau, two
// phases) and ch. 10 (duals); Bland (1977), "New finite pivoting rules for
// the simplex method" (anti-cycling).
//
// Pivoting: Dantzig's rule (most negative reduced cost) while pivots make
// progress; after a degenerate pivot the solver switches to Bland's rule
// (smallest eligible index entering, smallest basic index leaving among
// ratio ties) until a non-degenerate pivot occurs. Any cycle would consist of
// degenerate pivots all chosen by Bland's rule, which cannot cycle, so the
// method terminates (in exact arithmetic; in floating point up to the
// tolerances, with an iteration cap as a guard).

/// The relation of a linear constraint a·x (relation) b.
public enum ConstraintRelation: String, Sendable, Hashable {
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case equal = "="
}

/// One constraint a·x (relation) rhs.
public struct LinearConstraint<T: OrderedField>: Sendable, Hashable {
    public var coefficients: [T]
    public var relation: ConstraintRelation
    public var rhs: T
    /// A name used in error messages and reports ("IC(2→1)").
    public var label: String

    public init(_ coefficients: [T], _ relation: ConstraintRelation, _ rhs: T, label: String = "") {
        self.coefficients = coefficients
        self.relation = relation
        self.rhs = rhs
        self.label = label
    }
}

/// maximise c·x subject to linear constraints, x_j ≥ 0 except for the free
/// variables listed in `freeVariables`.
public struct LinearProgram<T: OrderedField>: Sendable {
    public var objective: [T]
    public var constraints: [LinearConstraint<T>]
    public var freeVariables: Set<Int>

    public init(maximize objective: [T], constraints: [LinearConstraint<T>] = [], freeVariables: Set<Int> = []) {
        self.objective = objective
        self.constraints = constraints
        self.freeVariables = freeVariables
    }

    public var variableCount: Int { objective.count }

    /// Appends the constraint coefficients·x (relation) rhs.
    public mutating func add(_ coefficients: [T], _ relation: ConstraintRelation, _ rhs: T, label: String = "") {
        constraints.append(LinearConstraint(coefficients, relation, rhs, label: label))
    }
}

/// Tolerances and limits of the simplex method. In exact mode both
/// tolerances are zero; in floating mode the caller chooses them.
public struct SimplexOptions<T: OrderedField>: Sendable {
    /// A reduced cost counts as negative, a value as infeasible, and a slack
    /// as nonzero only beyond this magnitude.
    public var tolerance: T
    /// Entries of smaller magnitude are never used as pivots.
    public var pivotTolerance: T
    /// The solver throws `.noConvergence` after this many pivots.
    public var maxIterations: Int
    /// Exact mode only: first solve a floating-point copy, then certify its
    /// final basis exactly (primal and dual feasibility, in rationals). When
    /// the certificate holds, that basis is the answer (exact); otherwise the
    /// exact simplex runs from scratch. Results are exact either way.
    public var floatingWarmStart: Bool

    public init(tolerance: T, pivotTolerance: T, maxIterations: Int = 1_000_000, floatingWarmStart: Bool = true) {
        self.tolerance = tolerance
        self.pivotTolerance = pivotTolerance
        self.maxIterations = maxIterations
        self.floatingWarmStart = floatingWarmStart
    }
}

extension SimplexOptions where T == Rational {
    /// Exact arithmetic: zero tolerances.
    public static var exact: SimplexOptions<Rational> { SimplexOptions(tolerance: 0, pivotTolerance: 0) }
}

/// Outcome of a linear program.
public enum LPStatus: String, Sendable, Hashable {
    case optimal, infeasible, unbounded
}

/// The result of `LinearProgram.solve`.
public struct LPSolution<T: OrderedField>: Sendable {
    public let status: LPStatus
    /// Primal values (one per variable); empty unless `status == .optimal`.
    public let x: [T]
    /// c·x at the optimum (zero unless optimal).
    public let objectiveValue: T
    /// Per constraint: b − a·x for "<=", a·x − b for ">=", b − a·x for "=".
    public let slacks: [T]
    /// Per constraint: the shadow price ∂(optimal value)/∂b_i. Nonnegative
    /// for "<=" rows and nonpositive for ">=" rows of a maximisation.
    public let duals: [T]
    /// Per constraint: whether it holds with equality (|slack| ≤ tolerance).
    public let binding: [Bool]
    /// Number of pivots over both phases.
    public let iterations: Int
}

extension LinearProgram {
    /// Solves the program by the two-phase simplex method.
    ///
    /// Complexity: O(m·(n + m)) per pivot on a dense tableau (m constraints,
    /// n variables); the number of pivots is exponential in the worst case
    /// and typically O(m + n).
    ///
    /// Throws `.dimensionMismatch` when a constraint has the wrong length or
    /// a free-variable index is out of range, `.nonFinite` for NaN or
    /// infinite data, and `.noConvergence` when `options.maxIterations`
    /// pivots do not suffice. Infeasible and unbounded programs are reported
    /// in the result's `status`, not thrown.
    @_specialize(where T == Double)
    @_specialize(where T == Rational)
    public func solve(options: SimplexOptions<T>) throws -> LPSolution<T> {
        try validate()
        if options.floatingWarmStart, T.isExact, options.tolerance == .zero,
           let exact = self as? LinearProgram<Rational>,
           let certified = exact.certifiedFloatingSolution(maxIterations: options.maxIterations) {
            return certified as! LPSolution<T>
        }
        var tableau = SimplexTableau(program: self, options: options)
        let result = try tableau.run()
        // A floating result is returned only when certified (LinearProgramCertificate.swift).
        if !T.isExact, let floating = self as? LinearProgram<Double>, let r = result as? LPSolution<Double> {
            return try floating.certified(r, maxIterations: options.maxIterations) as! LPSolution<T>
        }
        return result
    }

    func validate() throws {
        let n = objective.count
        for (i, c) in constraints.enumerated() where c.coefficients.count != n {
            throw NumericsError.dimensionMismatch(
                routine: "LinearProgram.solve",
                detail: "constraint \(i)\(c.label.isEmpty ? "" : " (\(c.label))") has \(c.coefficients.count) coefficients, the objective has \(n)")
        }
        if let bad = freeVariables.first(where: { $0 < 0 || $0 >= n }) {
            throw NumericsError.dimensionMismatch(routine: "LinearProgram.solve", detail: "free variable index \(bad) outside 0..<\(n)")
        }
        if !T.isExact {
            let finite: (T) -> Bool = { $0.doubleValue.isFinite }
            if let j = objective.firstIndex(where: { !finite($0) }) {
                throw NumericsError.nonFinite(routine: "LinearProgram.solve", detail: "objective coefficient \(j) is \(objective[j])")
            }
            for (i, c) in constraints.enumerated() {
                if !finite(c.rhs) || !c.coefficients.allSatisfy(finite) {
                    throw NumericsError.nonFinite(routine: "LinearProgram.solve", detail: "constraint \(i)\(c.label.isEmpty ? "" : " (\(c.label))") has a non-finite entry")
                }
            }
        }
    }
}

extension LinearProgram where T == Rational {
    /// Solves exactly (zero tolerances): `solve(options: .exact)` without
    /// its generic dispatch (the certified floating basis, else the exact
    /// simplex).
    public func solve() throws -> LPSolution<Rational> {
        try validate()
        let options = SimplexOptions<Rational>.exact
        if let certified = certifiedFloatingSolution(maxIterations: options.maxIterations) { return certified }
        var tableau = SimplexTableau(program: self, options: options)
        return try tableau.run()
    }
}

// MARK: - Lexicographic optimisation and ranges over the optimal face

/// The result of `maximizeLexicographically`.
public struct LexicographicSolution<T: OrderedField>: Sendable {
    public let status: LPStatus
    /// The optimal value of each objective in turn (as many as were solved).
    public let stageValues: [T]
    /// The solution of the last stage solved.
    public let solution: LPSolution<T>
}

/// The minimum and maximum of a linear function over the optimal face.
public struct OptimalFaceRange<T: OrderedField>: Sendable {
    public let status: LPStatus
    /// The optimal value of the program's own objective.
    public let optimum: T
    /// min f·x over optimal solutions (nil when unbounded below or not optimal).
    public let minimum: T?
    /// max f·x over optimal solutions (nil when unbounded above or not optimal).
    public let maximum: T?
    public let argmin: [T]?
    public let argmax: [T]?
}

extension LinearProgram {
    /// Maximises `objectives[0]`, then `objectives[1]` over the optimal face of
    /// the first, and so on (each optimum is pinned by c_k·x = z_k in exact
    /// mode, c_k·x ≥ z_k − faceTolerance·max(1, |z_k|) in floating mode).
    /// The program's own `objective` is ignored. Complexity: one `solve` per
    /// objective. Throws like `solve`.
    public func maximizeLexicographically(_ objectives: [[T]], options: SimplexOptions<T>, faceTolerance: T = .zero) throws -> LexicographicSolution<T> {
        precondition(!objectives.isEmpty, "maximizeLexicographically: no objectives")
        var program = self
        var values: [T] = []
        var last: LPSolution<T>? = nil
        for (k, c) in objectives.enumerated() {
            program.objective = c
            let solution = try program.solve(options: options)
            last = solution
            if solution.status != .optimal {
                return LexicographicSolution(status: solution.status, stageValues: values, solution: solution)
            }
            values.append(solution.objectiveValue)
            if k + 1 < objectives.count {
                program.constraints.append(pin(c, at: solution.objectiveValue, faceTolerance: faceTolerance, label: "lexicographic stage \(k)"))
            }
        }
        return LexicographicSolution(status: .optimal, stageValues: values, solution: last!)
    }

    /// min and max of f·x over the optimal solutions of this program (the
    /// optimal face). A single value (minimum == maximum) means f·x is the
    /// same at every optimum, e.g. a unique optimal payment. Complexity:
    /// three `solve`s. Throws like `solve`.
    public func rangeOverOptimalFace(of f: [T], options: SimplexOptions<T>, faceTolerance: T = .zero) throws -> OptimalFaceRange<T> {
        let base = try solve(options: options)
        guard base.status == .optimal else {
            return OptimalFaceRange(status: base.status, optimum: .zero, minimum: nil, maximum: nil, argmin: nil, argmax: nil)
        }
        var program = self
        program.constraints.append(pin(objective, at: base.objectiveValue, faceTolerance: faceTolerance, label: "optimal face"))
        program.objective = f
        let hi = try program.solve(options: options)
        program.objective = f.map { -$0 }
        let lo = try program.solve(options: options)
        return OptimalFaceRange(
            status: .optimal, optimum: base.objectiveValue,
            minimum: lo.status == .optimal ? -lo.objectiveValue : nil,
            maximum: hi.status == .optimal ? hi.objectiveValue : nil,
            argmin: lo.status == .optimal ? lo.x : nil,
            argmax: hi.status == .optimal ? hi.x : nil)
    }

    private func pin(_ c: [T], at value: T, faceTolerance: T, label: String) -> LinearConstraint<T> {
        if T.isExact || faceTolerance == .zero {
            return LinearConstraint(c, .equal, value, label: label)
        }
        let scale = max(T(1), value.magnitude)
        return LinearConstraint(c, .greaterOrEqual, value - faceTolerance * scale, label: label)
    }
}

// MARK: - The tableau

/// Dense simplex tableau in standard form: every row is made to have b ≥ 0;
/// each free variable x_j is split as x_j⁺ − x_j⁻; "<=" rows get a slack,
/// ">=" rows a surplus and an artificial, "=" rows an artificial.
struct SimplexTableau<T: OrderedField> {
    let program: LinearProgram<T>
    let options: SimplexOptions<T>
    let m: Int                    // rows
    let nStructural: Int          // structural columns after splitting
    let width: Int                // total columns + 1 (the last holds b)
    var a: [T]                    // m × width, row-major
    var d: [T]                    // reduced costs d_j = c_B B⁻¹A_j − c_j, last = objective
    var basis: [Int]
    var isArtificial: [Bool]
    /// Per original row: its identity column (slack or artificial) and whether it was negated.
    var identityColumn: [Int]
    var negated: [Bool]
    /// Structural column → (original variable, sign).
    var columnVariable: [(Int, Bool)]
    /// Per column: the row of a slack, surplus or artificial column (its only
    /// nonzero entry, +1 except −1 for a surplus); −1 for structural columns.
    var auxiliaryRow: [Int]
    var isSurplus: [Bool]
    var iterations = 0
    /// Reused by `pivot` for the nonzero pattern of the pivot row.
    var nonzeroScratch: [Int] = []

    init(program: LinearProgram<T>, options: SimplexOptions<T>) {
        self.program = program
        self.options = options
        let n = program.variableCount
        m = program.constraints.count
        var cols: [(Int, Bool)] = []
        for j in 0..<n {
            cols.append((j, true))
            if program.freeVariables.contains(j) { cols.append((j, false)) }
        }
        columnVariable = cols
        nStructural = cols.count
        // Count slack/surplus and artificial columns.
        var relations: [ConstraintRelation] = []
        var neg: [Bool] = []
        for c in program.constraints {
            let flip = c.rhs < .zero
            neg.append(flip)
            var r = c.relation
            if flip {
                if r == .lessOrEqual { r = .greaterOrEqual } else if r == .greaterOrEqual { r = .lessOrEqual }
            }
            relations.append(r)
        }
        negated = neg
        let slackCount = relations.filter { $0 != .equal }.count
        let artificialCount = relations.filter { $0 != .lessOrEqual }.count
        let total = nStructural + slackCount + artificialCount
        width = total + 1
        a = [T](repeating: .zero, count: m * width)
        d = [T](repeating: .zero, count: width)
        basis = [Int](repeating: 0, count: m)
        isArtificial = [Bool](repeating: false, count: total)
        identityColumn = [Int](repeating: 0, count: m)
        auxiliaryRow = [Int](repeating: -1, count: total)
        isSurplus = [Bool](repeating: false, count: total)
        var nextSlack = nStructural
        var nextArtificial = nStructural + slackCount
        for (i, c) in program.constraints.enumerated() {
            let sign: T = neg[i] ? -1 : 1
            for (k, (j, positive)) in cols.enumerated() {
                let v = c.coefficients[j]
                if v != .zero { a[i * width + k] = positive ? sign * v : -(sign * v) }
            }
            a[i * width + total] = sign * c.rhs
            switch relations[i] {
            case .lessOrEqual:
                a[i * width + nextSlack] = 1
                auxiliaryRow[nextSlack] = i
                basis[i] = nextSlack
                identityColumn[i] = nextSlack
                nextSlack += 1
            case .greaterOrEqual:
                a[i * width + nextSlack] = -1
                auxiliaryRow[nextSlack] = i
                isSurplus[nextSlack] = true
                nextSlack += 1
                a[i * width + nextArtificial] = 1
                auxiliaryRow[nextArtificial] = i
                isArtificial[nextArtificial] = true
                basis[i] = nextArtificial
                identityColumn[i] = nextArtificial
                nextArtificial += 1
            case .equal:
                a[i * width + nextArtificial] = 1
                auxiliaryRow[nextArtificial] = i
                isArtificial[nextArtificial] = true
                basis[i] = nextArtificial
                identityColumn[i] = nextArtificial
                nextArtificial += 1
            }
        }
    }

    /// Cost of column j in phase 2.
    func cost(_ j: Int) -> T {
        guard j < nStructural else { return .zero }
        let (v, positive) = columnVariable[j]
        let c = program.objective[v]
        return positive ? c : -c
    }

    /// Sets d from costs: d_j = Σ_i c_{B(i)} a_ij − c_j.
    mutating func price(_ c: (Int) -> T) {
        for j in 0..<width { d[j] = j < width - 1 ? -c(j) : .zero }
        for i in 0..<m {
            let cb = c(basis[i])
            if cb == .zero { continue }
            for j in 0..<width {
                let v = a[i * width + j]
                if v != .zero { d[j] += cb * v }
            }
        }
    }

    /// Pivots on a_rk: divides row r by a_rk and eliminates column k from
    /// every other row and from d (row_i −= a_ik·row_r, d −= d_k·row_r).
    /// Only the nonzero entries of row r are visited, and rows with a_ik = 0
    /// are skipped; the arithmetic is the same as the dense update (a zero
    /// term leaves an entry unchanged), so the result is identical.
    mutating func pivot(row r: Int, column k: Int) {
        let w = width, rows = m
        // Work on local arrays (moved out of self, so uniquely referenced) to
        // use buffer pointers without overlapping accesses to self.
        var table = a, reduced = d, nonzero = nonzeroScratch
        a = []; d = []; nonzeroScratch = []
        nonzero.removeAll(keepingCapacity: true)
        table.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let pivotRow = base + r * w
            let p = pivotRow[k]
            if p != 1 {
                for j in 0..<w where pivotRow[j] != .zero { pivotRow[j] /= p }
            }
            // Nonzero pattern of the pivot row, to skip zero entries.
            for j in 0..<w where pivotRow[j] != .zero { nonzero.append(j) }
            nonzero.withUnsafeBufferPointer { nz in
                for i in 0..<rows where i != r {
                    let row = base + i * w
                    let f = row[k]
                    if f == .zero { continue }
                    for j in nz { row[j] -= f * pivotRow[j] }
                    row[k] = .zero
                }
                let f = reduced[k]
                if f != .zero {
                    reduced.withUnsafeMutableBufferPointer { dBuffer in
                        for j in nz { dBuffer[j] -= f * pivotRow[j] }
                        dBuffer[k] = .zero
                    }
                }
            }
        }
        a = table; d = reduced; nonzeroScratch = nonzero
        basis[r] = k
        iterations += 1
    }

    /// Runs pivots until optimal or unbounded. Returns false when unbounded.
    mutating func iterate(allowArtificialEntering: Bool) throws -> Bool {
        let tol = options.tolerance
        let ptol = options.pivotTolerance
        let rhs = width - 1
        let w = width
        var bland = false
        while true {
            // Entering column.
            var k = -1
            var best: T = .zero
            for j in 0..<(width - 1) {
                if !allowArtificialEntering && isArtificial[j] { continue }
                let dj = d[j]
                if dj < -tol {
                    if bland { k = j; break }
                    if k < 0 || dj < best { k = j; best = dj }
                }
            }
            if k < 0 { return true }
            // Ratio test.
            var r = -1
            var bestRatio: T = .zero
            a.withUnsafeBufferPointer { buffer in
                for i in 0..<m {
                    let aik = buffer[i * w + k]
                    if aik > ptol {
                        let ratio = buffer[i * w + rhs] / aik
                        if r < 0 || ratio < bestRatio {
                            r = i
                            bestRatio = ratio
                        } else if ratio == bestRatio {
                            if bland ? basis[i] < basis[r] : aik > buffer[r * w + k] { r = i }
                        }
                    }
                }
            }
            if r < 0 { return false }
            if iterations >= options.maxIterations {
                throw NumericsError.noConvergence(
                    routine: "LinearProgram.solve", iterations: iterations,
                    detail: "simplex pivot limit reached on a \(m) × \(program.variableCount) program")
            }
            bland = bestRatio <= tol
            pivot(row: r, column: k)
        }
    }

    mutating func run() throws -> LPSolution<T> {
        let tol = options.tolerance
        let rhs = width - 1
        // Phase 1: maximise −Σ artificials.
        if isArtificial.contains(true) {
            let artificial = isArtificial
            price { artificial[$0] ? -1 : .zero }
            _ = try iterate(allowArtificialEntering: false)
            if d[rhs] < -tol {
                return infeasibleOrUnbounded(.infeasible)
            }
            // Drive artificials out of the basis where a structural or slack
            // column can replace them (degenerate pivots); otherwise the row is
            // redundant and its artificial stays basic at zero.
            for i in 0..<m where isArtificial[basis[i]] {
                if let k = (0..<(width - 1)).first(where: { !isArtificial[$0] && a[i * width + $0].magnitude > options.pivotTolerance }) {
                    pivot(row: i, column: k)
                }
            }
        }
        // Phase 2.
        let costs = (0..<(width - 1)).map { cost($0) }
        price { costs[$0] }
        if try !iterate(allowArtificialEntering: false) {
            return infeasibleOrUnbounded(.unbounded)
        }
        var column = [T](repeating: .zero, count: width - 1)
        for i in 0..<m { column[basis[i]] = a[i * width + rhs] }
        return makeSolution(columnValues: column, rowDuals: (0..<m).map { d[identityColumn[$0]] })
    }

    /// Builds the solution from the values of all standard-form columns and
    /// the duals y of the standard-form rows (y_i = reduced cost of row i's
    /// identity column), undoing the variable split and row negations.
    func makeSolution(columnValues column: [T], rowDuals: [T]) -> LPSolution<T> {
        SimplexTableau.solution(of: program, columnVariable: columnVariable, negated: negated, columnValues: column,
                                rowDuals: rowDuals, iterations: iterations, tolerance: options.tolerance)
    }

    /// `rowSlacks`, when given, are the slacks already known (the values of
    /// the rows' slack and surplus columns, see `certifiedFloatingSolution`);
    /// otherwise they are computed from x.
    static func solution(of program: LinearProgram<T>, columnVariable: [(Int, Bool)], negated: [Bool], columnValues column: [T],
                         rowDuals: [T], iterations: Int, tolerance tol: T = .zero, rowSlacks: [T]? = nil) -> LPSolution<T> {
        var x = [T](repeating: .zero, count: program.variableCount)
        for (k, (j, positive)) in columnVariable.enumerated() {
            x[j] += positive ? column[k] : -column[k]
        }
        // Only the variables with x_j ≠ 0 contribute to c·x and a·x (adding a
        // zero term leaves a sum unchanged, also in floating point: a sum
        // that starts at +0 is never −0), so the sums run over them.
        let support = (0..<x.count).filter { x[$0] != .zero }
        var objectiveValue: T = .zero
        for j in support where program.objective[j] != .zero { objectiveValue += program.objective[j] * x[j] }
        var slacks: [T] = []
        var binding: [Bool] = []
        var duals: [T] = []
        slacks.reserveCapacity(program.constraints.count)
        binding.reserveCapacity(program.constraints.count)
        duals.reserveCapacity(program.constraints.count)
        for (i, c) in program.constraints.enumerated() {
            let s: T
            if let rowSlacks {
                s = rowSlacks[i]
            } else {
                var ax: T = .zero
                for j in support where c.coefficients[j] != .zero { ax += c.coefficients[j] * x[j] }
                s = c.relation == .greaterOrEqual ? ax - c.rhs : c.rhs - ax
            }
            slacks.append(s)
            binding.append(c.relation == .equal || s.magnitude <= tol)
            duals.append(negated[i] ? -rowDuals[i] : rowDuals[i])
        }
        return LPSolution(status: .optimal, x: x, objectiveValue: objectiveValue, slacks: slacks,
                          duals: duals, binding: binding, iterations: iterations)
    }

    func infeasibleOrUnbounded(_ status: LPStatus) -> LPSolution<T> {
        LPSolution(status: status, x: [], objectiveValue: .zero, slacks: [], duals: [], binding: [], iterations: iterations)
    }
}

// MARK: - Exact certification of a floating-point basis

extension LinearProgram where T == Rational {
    /// Solves a `Double` copy of the program, then checks its final basis B
    /// exactly: x_B = B⁻¹b ≥ 0 (artificials at zero) and reduced costs
    /// y·A_j − c_j ≥ 0 with yB = c_B for every column allowed to enter. When
    /// both hold, the basis is optimal and the exact solution is returned;
    /// otherwise nil (the caller runs the exact simplex). Cost: one floating
    /// solve plus two exact k × k solves (k basic structural columns; the
    /// slack and artificial columns are eliminated in closed form), O(m·k)
    /// back substitution and O(m·n) pricing. The exact standard form is
    /// never built: its entries are read from the constraints.
    func certifiedFloatingSolution(maxIterations: Int) -> LPSolution<Rational>? {
        let floating = LinearProgram<Double>(
            maximize: objective.map(\.doubleValue),
            constraints: constraints.map { LinearConstraint($0.coefficients.map(\.doubleValue), $0.relation, $0.rhs.doubleValue, label: $0.label) },
            freeVariables: freeVariables)
        guard floating.objective.allSatisfy(\.isFinite),
              floating.constraints.allSatisfy({ $0.rhs.isFinite && $0.coefficients.allSatisfy(\.isFinite) }) else { return nil }
        var approx = SimplexTableau(program: floating, options: SimplexOptions(tolerance: 1e-9, pivotTolerance: 1e-9, maxIterations: maxIterations))
        guard let result = try? approx.run(), result.status == .optimal else { return nil }
        let m = approx.m, w = approx.width
        // The exact standard form has the layout of the floating one when the
        // row negations (b_i < 0) agree; its entries are read from the
        // constraints directly: a structural column (v, ±) has ±s_i·a_iv in
        // row i (s_i = −1 for a negated row), a slack/surplus/artificial
        // column its single ±1.
        let sign = constraints.map { $0.rhs < .zero }
        guard sign == approx.negated, Set(approx.basis).count == m else { return nil }
        let basis = approx.basis
        func entry(_ i: Int, _ j: Int) -> Rational {
            if j < approx.nStructural {
                let (v, positive) = approx.columnVariable[j]
                let c = constraints[i].coefficients[v]
                return positive != sign[i] ? c : -c
            }
            guard approx.auxiliaryRow[j] == i else { return .zero }
            return approx.isSurplus[j] ? -1 : 1
        }
        func cost(_ j: Int) -> Rational {
            guard j < approx.nStructural else { return .zero }
            let (v, positive) = approx.columnVariable[j]
            return positive ? objective[v] : -objective[v]
        }
        // B splits into its basic auxiliary columns (a single ±1 in row
        // ρ(j), cost 0) and its basic structural columns S. With R the rows
        // not covered by an auxiliary column (|R| = |S| when B is
        // nonsingular; two auxiliaries in one row make B singular), B is
        // block triangular and det B = ±det B_RS, so
        //   x_S solves B_RS·x_S = b_R, and an auxiliary's value is
        //   ±(b_ρ − Σ_S a_ρS x_S);
        //   y_ρ = 0 for covered rows (its column gives ±y_ρ = 0), and y_R
        //   solves B_RSᵀ·y_R = c_S.
        // The same unique solution as the full m × m systems, from k × k ones.
        var coveredBy = [Int](repeating: -1, count: m)   // row → basic auxiliary column
        var structural: [Int] = []                       // positions k of S in `basis`
        for (k, j) in basis.enumerated() {
            if j < approx.nStructural { structural.append(k); continue }
            let i = approx.auxiliaryRow[j]
            if coveredBy[i] >= 0 { return nil }
            coveredBy[i] = j
        }
        let free = (0..<m).filter { coveredBy[$0] < 0 }
        guard free.count == structural.count else { return nil }
        let size = free.count
        var bMatrix = [[Rational]](repeating: [Rational](repeating: .zero, count: size), count: size)
        for (c, k) in structural.enumerated() {
            for (r, i) in free.enumerated() {
                let e = entry(i, basis[k])
                if e != .zero { bMatrix[r][c] = e }
            }
        }
        let b = (0..<m).map { sign[$0] ? -constraints[$0].rhs : constraints[$0].rhs }
        // One elimination gives both x_S and y_R (B_RS·x_S = b_R, B_RSᵀ·y_R = c_S).
        guard let (xS, yR) = try? LinearSystem.solveWithTranspose(bMatrix, free.map { b[$0] },
                                                                   transposedRhs: structural.map { cost(basis[$0]) }) else { return nil }
        var xB = [Rational](repeating: .zero, count: m)
        for (c, k) in structural.enumerated() { xB[k] = xS[c] }
        for (k, j) in basis.enumerated() where j >= approx.nStructural {
            let i = approx.auxiliaryRow[j]
            var value = b[i]
            for k2 in structural {
                let e = entry(i, basis[k2])
                if e != .zero { value -= e * xB[k2] }
            }
            xB[k] = approx.isSurplus[j] ? -value : value
        }
        for (k, j) in basis.enumerated() {
            if xB[k] < .zero || (approx.isArtificial[j] && xB[k] != .zero) { return nil }
        }
        var y = [Rational](repeating: .zero, count: m)
        for (r, i) in free.enumerated() { y[i] = yR[r] }
        var inBasis = [Bool](repeating: false, count: w)
        for j in basis { inBasis[j] = true }
        // Reduced costs d_j = y·A_j − c_j ≥ 0 for every nonbasic column
        // allowed to enter. For structural columns y·A_(v,±) = ±Σ_i s_i y_i a_iv.
        let n = objective.count
        var yA = [Rational](repeating: .zero, count: n)
        for i in 0..<m where y[i] != .zero {
            let yi = sign[i] ? -y[i] : y[i]
            let row = constraints[i].coefficients
            for v in 0..<n where row[v] != .zero { yA[v] += yi * row[v] }
        }
        for j in 0..<(w - 1) where !inBasis[j] && !approx.isArtificial[j] {
            let dj: Rational
            if j < approx.nStructural {
                let (v, positive) = approx.columnVariable[j]
                dj = positive ? yA[v] - objective[v] : objective[v] - yA[v]
            } else {
                let yi = y[approx.auxiliaryRow[j]]
                dj = approx.isSurplus[j] ? -yi : yi
            }
            if dj < .zero { return nil }
        }
        var column = [Rational](repeating: .zero, count: w - 1)
        for (k, j) in basis.enumerated() { column[j] = xB[k] }
        // The slacks are the values of the slack/surplus columns: row i of
        // the standard form is s_i·(a_i·x) ± z = s_i·b_i, so a slack column
        // holds s_i(b_i − a_i·x) and a surplus column s_i(a_i·x − b_i), and
        // a negated row swaps "<=" and ">=": either way the column holds
        // b_i − a_i·x for an original "<=" row and a_i·x − b_i for ">=".
        // An "=" row has no such column; its slack is 0 (its artificial is
        // zero, checked above). Exact arithmetic, so the same values as
        // b − a·x computed from x.
        var rowSlacks = [Rational](repeating: .zero, count: m)
        for j in approx.nStructural..<(w - 1) where !approx.isArtificial[j] {
            rowSlacks[approx.auxiliaryRow[j]] = column[j]
        }
        return SimplexTableau.solution(of: self, columnVariable: approx.columnVariable, negated: sign,
                                       columnValues: column, rowDuals: y, iterations: approx.iterations, rowSlacks: rowSlacks)
    }
}
