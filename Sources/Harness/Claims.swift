// Claims: each binds a sentence of the paper to a check on the computed
// table, and gets a verdict.

import Numerics

/// The verdict on one claim.
public enum Verdict: String, Sendable {
    /// The solver reproduces what the paper says (under every convention it is checked across).
    case reproduced
    /// The solver disagrees with the paper and the spec does not explain it (fails the run).
    case discrepancy
    /// The solver disagrees with the paper; the spec explains why (does not fail the run).
    case knownDiscrepancy = "known-discrepancy"
    /// The spec explains a discrepancy (or a dependence on convention) that no
    /// longer occurs (fails the run: update the spec).
    case staleExplanation = "stale-explanation"
    /// The paper's statement cannot be reproduced from what the paper states;
    /// the spec says why (does not fail the run).
    case notReproducible = "not-reproducible"
    /// The claim holds under some of the conventions it is checked across and
    /// not under others (fails the run unless the spec says why).
    case dependsOnConvention = "depends-on-convention"

    public var fails: Bool { self == .discrepancy || self == .staleExplanation }
}

/// The claim checked under one convention (a parameter assignment and/or a rounding rule).
public struct ConventionOutcome: Sendable {
    /// "selection=seller-best", "rounded", "selection=seller-best, truncated".
    public let label: String
    public let holds: Bool
    public let computed: String
}

/// A claim with its verdict.
public struct ClaimResult: Sendable {
    public let claim: Claim
    public let verdict: Verdict
    /// What the paper says, as a check ("2.067 (3 decimals, rounded)", "> 2").
    public let paperSays: String
    /// What the solver computes for it.
    public let computed: String
    /// The claim under each convention it is checked across (empty when it has none).
    public var conventions: [ConventionOutcome] = []
    /// Rows of the spec's own table where the check fails (empty when it holds,
    /// or when the claim is checked across conventions); the reports show them.
    public var failingRows: [Int] = []

    /// The conventions under which the claim holds.
    public var reproducedUnder: [String] { conventions.filter(\.holds).map(\.label) }

    /// Whether the verdict fails the run: an unexplained discrepancy, a stale
    /// explanation, or a dependence on convention the spec does not explain.
    public var fails: Bool { verdict.fails || (verdict == .dependsOnConvention && claim.conventionNote == nil) }

    /// The spec's explanation for a verdict other than reproduced, if any.
    public var explanation: String? {
        switch verdict {
        case .dependsOnConvention: return claim.conventionNote
        case .notReproducible: return claim.notReproducible
        default: return claim.knownDiscrepancy
        }
    }
}

/// Resolves a cross-artifact reference to the referenced cell.
public typealias ReferenceResolver = (ArtifactReference) throws -> TableValue

/// Evaluates every claim of `spec` on `table` (and, for a claim checked
/// `across` conventions, on the artifact recomputed under each, given in
/// `conventionTables`). Throws `HarnessError.invalidSpec` when a claim's row
/// selector does not pick exactly one row.
public func evaluateClaims(of spec: Spec, on table: Table, conventionTables: [ConventionValue: Table] = [:],
                           reference: ReferenceResolver = { r in throw HarnessError.invalidSpec(file: "", keyPath: r.keyPath, expected: "a resolvable reference", found: r.artifact, suggestion: nil) }) throws -> [ClaimResult] {
    do {
        return try evaluateClaimsOrSelectionError(of: spec, on: table, conventionTables: conventionTables, reference: reference)
    } catch let e as RowSelectionError {
        throw e.harnessError
    }
}

func evaluateClaimsOrSelectionError(of spec: Spec, on table: Table, conventionTables: [ConventionValue: Table], reference: ReferenceResolver) throws -> [ClaimResult] {
    try spec.claims.enumerated().map { index, claim in
        if let reason = claim.notReproducible {
            return ClaimResult(claim: claim, verdict: .notReproducible, paperSays: claim.paperSaysText ?? "", computed: "not reproducible: \(reason)")
        }
        let says = describe(claim.check)
        var rules: [PrintedRounding?] = [nil]
        if case let .printed(_, rounding) = claim.check { rules = rounding.rules }
        var outcomes: [ConventionOutcome] = []
        var failingRows: [Int] = []
        // The row selector must fit the spec's own table (an input error
        // otherwise); under another convention a selector that picks no row
        // (or not exactly one) means the claim does not hold there.
        if !claim.across.isEmpty { _ = try evaluate(claim, claim.check, index: index, on: table, spec: spec, reference: reference) }
        for convention in claim.conventionValues {
            let t = convention.order.isEmpty ? table : conventionTables[convention]!
            for rule in rules {
                var c = claim.check
                if case let .printed(text, _) = claim.check, let rule { c = .printed(text, rule) }
                let (holds, computed): (Bool, String)
                do {
                    let r = try evaluate(claim, c, index: index, on: t, spec: spec, reference: reference)
                    (holds, computed) = (r.0, r.1)
                    if convention.order.isEmpty && rules.count == 1 { failingRows = r.2 }
                } catch let e as RowSelectionError where !convention.order.isEmpty {
                    (holds, computed) = (false, e.description)
                }
                let ruleLabel = (rules.count > 1 ? rule.map { $0 == .nearest ? "rounded" : "truncated" } : nil)
                let label = [convention.order.isEmpty ? nil : convention.label, ruleLabel].compactMap { $0 }.joined(separator: ", ")
                outcomes.append(ConventionOutcome(label: label, holds: holds, computed: computed))
            }
        }
        if outcomes.count == 1 {
            var result = ClaimResult(claim: claim, verdict: verdictFor(holds: outcomes[0].holds, explained: claim.knownDiscrepancy != nil),
                                     paperSays: says, computed: outcomes[0].computed)
            result.failingRows = failingRows
            return result
        }
        let holding = outcomes.filter(\.holds)
        let verdict: Verdict
        if holding.count == outcomes.count {
            verdict = claim.knownDiscrepancy != nil || claim.conventionNote != nil ? .staleExplanation : .reproduced
        } else if holding.isEmpty {
            verdict = verdictFor(holds: false, explained: claim.knownDiscrepancy != nil)
        } else {
            verdict = .dependsOnConvention
        }
        let computed: String
        if Set(outcomes.map(\.computed)).count == 1 {
            computed = outcomes[0].computed + " under each of " + outcomes.map(\.label).joined(separator: "; ")
        } else {
            computed = outcomes.map { "\($0.label): \($0.computed)" }.joined(separator: "; ")
        }
        var result = ClaimResult(claim: claim, verdict: verdict, paperSays: says, computed: computed)
        result.conventions = outcomes
        return result
    }
}

/// A claim's row selector that does not fit a table: an input error on the
/// spec's own table, a claim that does not hold on a convention's table.
struct RowSelectionError: Error, CustomStringConvertible {
    let keyPath: String, file: String, expected: String, found: String
    var description: String { "\(found) (\(expected))" }
    var harnessError: HarnessError { .invalidSpec(file: file, keyPath: keyPath, expected: expected, found: found, suggestion: nil) }
}

/// Whether one claim's check holds on `table`, how the computed value is
/// shown, and the rows where it fails.
func evaluate(_ claim: Claim, _ checkToDo: ClaimCheck, index: Int, on table: Table, spec: Spec, reference: ReferenceResolver) throws -> (Bool, String, [Int]) {
    let column = table.columnIndex(claim.column)!
    let rows: [Int]
    switch claim.rows {
    case .all:
        rows = Array(table.rows.indices)
    case .only:
        guard table.rows.count == 1 else {
            throw RowSelectionError(keyPath: "claims[\(index)].row", file: spec.file, expected: "a row selector (the table has \(rowCount(table.rows.count)))", found: "nothing")
        }
        rows = [0]
    case let .matching(selectors):
        rows = table.rows(matching: selectors)
        guard rows.count == 1 else {
            throw RowSelectionError(keyPath: "claims[\(index)].row", file: spec.file, expected: "a selector matching exactly one row", found: "\(rows.count) matching \(rows.count == 1 ? "row" : "rows")")
        }
    case let .filter(conditions):
        rows = table.rows.indices.filter { i in
            conditions.allSatisfy { c in c.admits(table.rows[i][table.columnIndex(c.column)!]) }
        }
        guard !rows.isEmpty else {
            throw RowSelectionError(keyPath: "claims[\(index)].where", file: spec.file, expected: "a filter matching at least one row", found: "no matching rows")
        }
    }
    if case let .monotone(direction, along) = checkToDo {
        let (ok, shown, failing) = checkMonotone(direction, column: column, along: along, rows: rows, table: table)
        return (ok, shown, failing)
    }
    var referenced: TableValue? = nil
    if case let .compareReference(_, ref) = checkToDo {
        let cell = try reference(ref)
        guard cell.rationalValue != nil, cell.isFinite else { return (false, "\(ref.label) = \(cell) (not a finite number)", []) }
        referenced = cell
    }
    var failures: [(Int, String)] = []
    var computed: [String] = []
    for i in rows {
        let cell = table.rows[i][column]
        let (ok, shown) = check(checkToDo, cell: cell, column: table.columns[column], row: table.rows[i], table: table, spec: spec, referenced: referenced)
        computed.append(shown)
        if !ok { failures.append((i, shown)) }
    }
    let failing = failures.map(\.0)
    if rows.count == 1 { return (failures.isEmpty, computed[0], failing) }
    if failures.isEmpty { return (true, "holds in all \(rowCount(rows.count))", []) }
    return (false, "fails in \(failures.count) of \(rowCount(rows.count)), first [\(table.rowLabel(failures[0].0))]: \(failures[0].1)", failing)
}

func verdictFor(holds: Bool, explained: Bool) -> Verdict {
    switch (holds, explained) {
    case (true, false): return .reproduced
    case (true, true): return .staleExplanation
    case (false, false): return .discrepancy
    case (false, true): return .knownDiscrepancy
    }
}

extension Table {
    /// The rows whose columns equal every selector's value (see `rowSatisfies`).
    func rows(matching selectors: [(column: String, value: String)]) -> [Int] {
        rows.indices.filter { i in
            selectors.allSatisfy { sel in rowSatisfies(rows[i][columnIndex(sel.column)!], .equal, sel.value) }
        }
    }
}

/// Whether a cell satisfies `cell (op) value` for a row selector or filter.
/// A real cell equals the double nearest to the selector's decimal; numeric
/// cells compare exactly; text and booleans compare as printed.
func rowSatisfies(_ cell: TableValue, _ op: ClaimOperator, _ value: String) -> Bool {
    guard let wanted = try? Rational(parsing: value), let v = cell.rationalValue else {
        return op == .equal ? cell.description == value : (op == .notEqual && cell.description != value)
    }
    if case let .real(d) = cell, op == .equal || op == .notEqual { return (d == wanted.doubleValue) == (op == .equal) }
    return op.holds(Rational.compare(v, wanted))
}

/// `monotone` over the selected rows: grouped by the key columns other than
/// `along` and the claim's column, ordered by `along` within each group.
func checkMonotone(_ direction: Monotonicity, column: Int, along: String, rows: [Int], table: Table) -> (Bool, String, [Int]) {
    let a = table.columnIndex(along)!
    let groupColumns = table.columns.indices.filter { table.columns[$0].isKey && $0 != a && $0 != column }
    var groups: [[TableValue]: [Int]] = [:]
    var order: [[TableValue]] = []
    for i in rows {
        let key = groupColumns.map { table.rows[i][$0] }
        if groups[key] == nil { order.append(key) }
        groups[key, default: []].append(i)
    }
    for key in order {
        let members = groups[key]!
        var points: [(x: Rational, y: Rational, row: Int)] = []
        for i in members {
            guard let x = table.rows[i][a].rationalValue, let y = table.rows[i][column].rationalValue,
                  table.rows[i][column].isFinite else { return (false, "non-numeric value in [\(table.rowLabel(i))]", [i]) }
            points.append((x, y, i))
        }
        points.sort { $0.x < $1.x }
        for (p, q) in zip(points, points.dropFirst()) where !direction.holds(Rational.compare(p.y, q.y)) {
            return (false, "fails: \(table.columns[column].name) = \(table.rows[p.row][column].shortDescription) at [\(table.rowLabel(p.row))], "
                    + "\(table.rows[q.row][column].shortDescription) at [\(table.rowLabel(q.row))]", [p.row, q.row])
        }
    }
    return (true, "\(direction.rawValue) along \(along) in all \(order.count) group\(order.count == 1 ? "" : "s") (\(rowCount(rows.count)))", [])
}

func describe(_ check: ClaimCheck) -> String {
    switch check {
    case let .printed(text, rounding):
        let places = decimalPlaces(text)
        let rule = rounding == .nearest ? "rounded" : rounding == .truncate ? "truncated" : "rounding unstated: rounded or truncated"
        return "\(text) (\(places) decimal\(places == 1 ? "" : "s"), \(rule))"
    case let .equals(cell): return "= \(cell)"
    case let .approximately(v, tol):
        // The value as the spec gives it (a decimal of up to 20 places), not re-rounded.
        return "≈ \(v.exactDecimalString(maxPlaces: 20) ?? v.decimalDescription) (±\(tol.decimalDescription))"
    case let .compare(op, v): return "\(op.rawValue) \(v.decimalDescription)"
    case let .compareColumn(op, other): return "\(op.rawValue) column \(other)"
    case let .expression(op, _, text, abs):
        return "\(op == .equal ? "=" : op.rawValue) \(text)" + (abs.map { " (±\($0.decimalDescription))" } ?? "")
    case let .monotone(direction, along): return "\(direction.rawValue) in \(along)"
    case let .compareReference(op, ref): return "\(op.rawValue) \(ref.label)"
    }
}

func decimalPlaces(_ text: String) -> Int {
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    return text.distance(from: text.index(after: dot), to: text.endIndex)
}

/// Whether a cell satisfies the check, and how to show the computed value.
/// `referenced` is the resolved cell of a `compareReference` check.
func check(_ check: ClaimCheck, cell: TableValue, column: Column, row: [TableValue], table: Table, spec: Spec, referenced: TableValue? = nil) -> (Bool, String) {
    guard cell.isFinite else { return (false, cell.description) }
    switch check {
    case let .printed(text, rounding):
        guard let value = cell.rationalValue, let printed = try? Rational(parsing: text) else { return (false, cell.description) }
        let places = decimalPlaces(text)
        // A real cell carries its column's tolerance: a value within it of a
        // truncation boundary (0.35 stored as 0.34999…) truncates as the
        // boundary does.
        var cutValue = value
        if cell.type == .real {
            let t = spec.tolerance(for: column)
            let slack = max(t.absolute, t.relative * value.magnitude)
            cutValue = value.numerator.isNegative ? value - slack : value + slack
        }
        let rounded = value.decimalString(places: places), cut = truncated(cutValue, places: places)
        // `unstated` is split into its two rules by the caller.
        let shown = rounding == .truncate ? cut : rounded
        let ok = (try? Rational(parsing: shown)) == printed
        // Say what the other rule gives when it differs, so a reader sees
        // whether the digits match only under the stated rule.
        let other = rounding == .truncate ? (rounded, "rounding") : (cut, "truncation")
        let note = other.0 == shown ? "" : "; \(other.1) gives \(other.0)"
        return (ok, "\(shown) (from \(cell.shortDescription))\(note)")
    case let .equals(expected):
        if let a = cell.rationalValue, let b = expected.rationalValue {
            let tolerance = cell.type == .real ? spec.tolerance(for: column) : .exact
            return (tolerance.accepts(a, golden: b), cell.shortDescription)
        }
        return (cell == expected, cell.description)
    case let .approximately(v, tol):
        guard let a = cell.rationalValue else { return (false, cell.description) }
        return ((a - v).magnitude <= tol, cell.shortDescription)
    case let .compare(op, v):
        guard let a = cell.rationalValue else { return (false, cell.description) }
        return (op.holds(Rational.compare(a, v)), cell.shortDescription)
    case let .compareColumn(op, other):
        let o = row[table.columnIndex(other)!]
        guard let a = cell.rationalValue, let b = o.rationalValue, o.isFinite else { return (false, cell.description) }
        return (op.holds(Rational.compare(a, b)), "\(cell.shortDescription) vs \(other) = \(o.shortDescription)")
    case let .expression(op, expression, _, abs):
        // Exact where the expression is rational; a real column's formula with
        // exp, log, sqrt, abs or a real power is evaluated in Doubles.
        let value = expression.evaluate { name in
            let c = row[table.columnIndex(name)!]
            return c.isFinite ? c.rationalValue : nil
        } ?? (cell.type == .real ? expression.evaluateReal { name in
            let c = row[table.columnIndex(name)!]
            return c.isFinite ? c.rationalValue?.doubleValue : nil
        }.flatMap { Rational(exactly: $0) } : nil)
        guard let a = cell.rationalValue, let b = value else { return (false, "\(cell.description) (expression undefined on this row)") }
        if op == .equal, let abs {
            return ((a - b).magnitude <= abs, "\(cell.shortDescription) vs \(TableValue.rational(b).shortDescription)")
        }
        if op == .equal {
            let tolerance = cell.type == .real ? spec.tolerance(for: column) : .exact
            return (tolerance.accepts(a, golden: b), "\(cell.shortDescription) vs \(TableValue.rational(b).shortDescription)")
        }
        return (op.holds(Rational.compare(a, b)), "\(cell.shortDescription) vs \(TableValue.rational(b).shortDescription)")
    case let .compareReference(op, ref):
        guard let a = cell.rationalValue, let b = referenced?.rationalValue else { return (false, cell.description) }
        let shown = "\(cell.shortDescription) vs \(ref.label) = \(referenced!.shortDescription)"
        // Equality of real cells holds within the claim column's tolerance, as for `equals`.
        if (op == .equal || op == .notEqual) && (cell.type == .real || referenced!.type == .real) {
            return (spec.tolerance(for: column).accepts(a, golden: b) == (op == .equal), shown)
        }
        return (op.holds(Rational.compare(a, b)), shown)
    case .monotone:
        return (false, "monotone is checked over rows")
    }
}

/// Truncation toward zero to `places` decimals.
func truncated(_ x: Rational, places: Int) -> String {
    let scale = Rational(BigInt(10).power(places))
    let scaled = x * scale
    let t = scaled.numerator.isNegative ? scaled.ceiling : scaled.floor
    return (Rational(t) / scale).decimalString(places: places)
}

extension Rational {
    /// A decimal rendering for reports: exact when the value has a short
    /// terminating expansion, else 10 significant decimals with "≈".
    var decimalDescription: String {
        if isInteger { return description }
        return exactDecimalString(maxPlaces: 12) ?? "≈" + decimalString(places: 10)
    }
}

extension TableValue {
    /// The cell for reports: rationals with a decimal approximation.
    var shortDescription: String {
        switch self {
        case let .rational(r):
            if r.isInteger { return r.description }
            let d = r.decimalDescription
            return r.description.count > 24 ? d : "\(r) (\(d))"
        default: return description
        }
    }
}
