// Golden diff: compares a computed table with its golden CSV cell by cell,
// with the spec's tolerances. Missing or extra rows and columns and
// non-finite values are failures, never skipped.

import Numerics

/// One cell that differs from its golden value.
public struct CellDifference: Sendable {
    public let row: String
    public let column: String
    public let golden: String
    public let computed: String
    /// |computed − golden| for numeric columns.
    public let absoluteError: Double?
    /// |computed − golden| / |golden| (infinite when golden is 0).
    public let relativeError: Double?

    public var description: String {
        var s = "row [\(row)], column \(column): golden \(golden), computed \(computed)"
        if let a = absoluteError { s += ", abs error \(a)" }
        if let r = relativeError { s += ", rel error \(r)" }
        return s
    }
}

/// The outcome of diffing one artifact against its golden.
public struct DiffResult: Sendable {
    /// Structural failures: missing/extra rows or columns.
    public var structural: [String] = []
    public var cells: [CellDifference] = []
    /// Largest |computed − golden| over numeric cells that were compared.
    public var maxAbsoluteError: Double = 0
    public var comparedCells = 0

    public var passed: Bool { structural.isEmpty && cells.isEmpty }

    /// What moved in one column: how many cells differ and the largest
    /// absolute and relative change among them (nil where not numeric).
    public struct ColumnMovement: Sendable, Equatable {
        public let column: String
        public let changed: Int
        public let largestAbsolute: Double?
        public let largestRelative: Double?
    }

    /// Per column, in the order columns first differ: the summary printed
    /// before the cell-by-cell list (in the spirit of `dvc metrics diff`).
    public var movement: [ColumnMovement] {
        var order: [String] = []
        var groups: [String: [CellDifference]] = [:]
        for c in cells {
            if groups[c.column] == nil { order.append(c.column) }
            groups[c.column, default: []].append(c)
        }
        return order.map { name in
            let g = groups[name]!
            return ColumnMovement(column: name, changed: g.count,
                                  largestAbsolute: g.compactMap(\.absoluteError).max(),
                                  largestRelative: g.compactMap(\.relativeError).max())
        }
    }
    public var failureCount: Int { structural.count + cells.count }
}

/// Diffs `table` (computed for `spec`) against `golden`. Throws
/// `HarnessError.invalidGolden` when a golden cell cannot be read as its
/// column's type or two golden rows have the same key.
public func diff(_ table: Table, against golden: GoldenTable, spec: Spec) throws -> DiffResult {
    var result = DiffResult()
    let goldenIndex = Dictionary(uniqueKeysWithValues: golden.header.enumerated().map { ($1, $0) })
    for c in table.columns where goldenIndex[c.name] == nil {
        result.structural.append("column \(c.name) is missing from the golden file")
    }
    for name in golden.header where table.columnIndex(name) == nil {
        result.structural.append("golden column \(name) is not in the output (removed or renamed?)")
    }
    let common = table.columns.enumerated().filter { goldenIndex[$0.element.name] != nil }
    // Parse golden cells of the common columns.
    var parsed: [[TableValue]] = []
    for r in golden.rows {
        var row: [TableValue] = []
        for (_, c) in common {
            let text = r.fields[goldenIndex[c.name]!]
            guard let cell = TableValue.parse(text, as: c.type) else {
                throw HarnessError.invalidGolden(file: golden.file, line: r.line, message: "column \(c.name): \"\(text)\" is not a valid \(c.type.rawValue)\(c.type == .real ? " (finite double)" : "")")
            }
            row.append(cell)
        }
        parsed.append(row)
    }
    // Row identity by key columns (or by position without keys).
    let keyPositions = common.indices.filter { common[$0].element.isKey }
    func key(_ cells: [TableValue]) -> String { keyPositions.map { cells[$0].description }.joined(separator: "\u{1F}") }
    var goldenByKey: [String: Int] = [:]
    for (i, row) in parsed.enumerated() {
        let k = keyPositions.isEmpty ? String(i) : key(row)
        if goldenByKey[k] != nil {
            throw HarnessError.invalidGolden(file: golden.file, line: golden.rows[i].line, message: "duplicate row key \(keyPositions.map { "\(common[$0].element.name)=\(row[$0])" }.joined(separator: ", "))")
        }
        goldenByKey[k] = i
    }
    var matched = Set<Int>()
    for (i, full) in table.rows.enumerated() {
        let cells = common.map { full[$0.offset] }
        let k = keyPositions.isEmpty ? String(i) : key(cells)
        guard let g = goldenByKey[k] else {
            result.structural.append("row [\(table.rowLabel(i))] is missing from the golden file")
            continue
        }
        matched.insert(g)
        for (j, (_, column)) in common.enumerated() {
            let c = cells[j], gv = parsed[g][j]
            result.comparedCells += 1
            if !c.isFinite {
                result.cells.append(CellDifference(row: table.rowLabel(i), column: column.name, golden: gv.description, computed: c.description, absoluteError: nil, relativeError: nil))
                continue
            }
            switch column.type {
            case .integer, .boolean, .text:
                if c != gv {
                    var absErr: Double? = nil
                    if let a = c.rationalValue, let b = gv.rationalValue { absErr = (a - b).magnitude.doubleValue }
                    result.cells.append(CellDifference(row: table.rowLabel(i), column: column.name, golden: gv.description, computed: c.description,
                                                       absoluteError: absErr, relativeError: nil))
                }
            case .rational, .real:
                let a = c.rationalValue!, b = gv.rationalValue!
                let err = (a - b).magnitude
                let absErr = err.doubleValue
                result.maxAbsoluteError = max(result.maxAbsoluteError, absErr)
                if !spec.tolerance(for: column).accepts(a, golden: b) {
                    let rel = b.isZero ? Double.infinity : (err / b.magnitude).doubleValue
                    result.cells.append(CellDifference(row: table.rowLabel(i), column: column.name, golden: gv.description, computed: c.description,
                                                       absoluteError: absErr, relativeError: rel))
                }
            }
        }
    }
    for (i, row) in parsed.enumerated() where !matched.contains(i) {
        let label = keyPositions.isEmpty ? "row \(i + 1)" : keyPositions.map { "\(common[$0].element.name)=\(row[$0])" }.joined(separator: ", ")
        result.structural.append("golden row [\(label)] (line \(golden.rows[i].line)) is not in the output")
    }
    return result
}
