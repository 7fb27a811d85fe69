// What a claim is: the paper's sentence, the rows it is about and the check
// (printed value, comparison, threshold, monotonicity, expression).

import Numerics

/// Comparison operators of claims.
public enum ClaimOperator: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    func holds(_ c: Int) -> Bool {
        switch self {
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        case .equal: return c == 0
        case .notEqual: return c != 0
        }
    }
}

/// How a printed number was rounded by the paper: the rule its digits are
/// read under. `unstated` (the paper does not say) checks the digits under
/// both rules, as two conventions: reproduced when both give the paper's
/// digits, `depends-on-convention` when only one does.
public enum PrintedRounding: String, Sendable, CaseIterable {
    case nearest, truncate, unstated

    /// The rules the digits are checked under.
    var rules: [PrintedRounding] { self == .unstated ? [.nearest, .truncate] : [self] }
}

/// What a claim checks about a computed cell.
public enum ClaimCheck: Sendable {
    /// The paper prints this decimal; the computed value, rounded the same way
    /// to the same number of decimals, must print identically.
    case printed(String, PrintedRounding)
    /// Equality: exact for integer, rational, boolean and text columns; within
    /// the column's tolerance for real columns.
    case equals(TableValue)
    /// |computed − value| ≤ abs.
    case approximately(Rational, abs: Rational)
    /// computed (op) value.
    case compare(ClaimOperator, Rational)
    /// computed (op) another column of the same row.
    case compareColumn(ClaimOperator, String)
    /// computed (op) an expression in the row's numeric columns, evaluated
    /// exactly (`==` on a real column uses the column's tolerance, or `abs`
    /// when given; a real column's expression may use exp, log, sqrt, abs,
    /// evaluated in Doubles). The text is kept for reports.
    case expression(ClaimOperator, ArithmeticExpression, String, abs: Rational? = nil)
    /// Over the selected rows, grouped by the other key columns and ordered by
    /// the `along` column, the claim's column is monotone.
    case monotone(Monotonicity, along: String)
    /// computed (op) a cell of another artifact's table (of the same paper).
    case compareReference(ClaimOperator, ArtifactReference)
}

/// A cell of another artifact's output: the artifact id (same paper), the
/// row (the only row when `row` is empty) and the column.
public struct ArtifactReference: Sendable {
    /// The spec key path of the reference, for errors.
    public let keyPath: String
    public let artifact: String
    public let row: [(column: String, value: String)]
    public let column: String

    /// "example-4-optimum: consumer_surplus" (with the row when one is named).
    public var label: String {
        artifact + (row.isEmpty ? "" : "[" + row.map { "\($0.column)=\($0.value)" }.joined(separator: ", ") + "]") + ": " + column
    }
}

/// One value of a convention a claim is checked across: a parameter
/// assignment (`"across"`) and/or a rounding rule (a `printed` check with
/// `"rounding": "unstated"`).
public struct ConventionValue: Sendable, Hashable {
    /// Parameter overrides, in the order the spec lists them.
    public let parameters: [String: ParameterValue]
    public let order: [String]

    public init(_ pairs: [(String, ParameterValue)]) {
        parameters = Dictionary(uniqueKeysWithValues: pairs)
        order = pairs.map(\.0)
    }

    /// "selection=seller-best, n=3".
    public var label: String { order.map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ") }
}

/// A direction of monotonicity.
public enum Monotonicity: String, Sendable, CaseIterable {
    case nondecreasing, nonincreasing, increasing, decreasing

    func holds(_ c: Int) -> Bool {
        switch self {
        case .nondecreasing: return c <= 0
        case .nonincreasing: return c >= 0
        case .increasing: return c < 0
        case .decreasing: return c > 0
        }
    }
}

/// One condition of a `where` filter (of a claim or a figure layer): column
/// (op) value, the value as written in the spec (a number, "1/3", text or a
/// boolean). An equality may list alternatives: the row passes when the
/// column equals one of them.
public struct RowCondition: Sendable {
    public let column: String
    public let op: ClaimOperator
    public let values: [String]

    /// Whether `cell` passes (see `rowSatisfies`).
    public func admits(_ cell: TableValue) -> Bool {
        values.contains { rowSatisfies(cell, op, $0) }
    }
}

/// Which rows a claim is about.
public enum ClaimRows: Sendable {
    /// The single row whose columns have these values (text as printed in the CSV, or numbers).
    case matching([(column: String, value: String)])
    /// Every row (the check must hold for all).
    case all
    /// The only row of a one-row table.
    case only
    /// Every row satisfying all conditions (at least one row must).
    case filter([RowCondition])
}

/// A sentence of the paper bound to a check on the output.
public struct Claim: Sendable {
    public let id: String
    public let quote: String
    public let location: String
    public let rows: ClaimRows
    public let column: String
    public let check: ClaimCheck
    /// Set when the spec documents a known discrepancy (paper vs solver).
    public let knownDiscrepancy: String?
    /// Set when the claim cannot be reproduced from what the paper states:
    /// the reason. Such a claim has no check; `column` and `check` are unused.
    public let notReproducible: String?
    /// What the paper says, for a not-reproducible claim.
    public let paperSaysText: String?
    /// Convention parameters the claim is checked across (`"across"`): the
    /// claim is evaluated on the artifact recomputed at every combination.
    public var across: [SweepAxis] = []
    /// Set when the spec expects the claim to hold under some conventions
    /// only: why (`"depends_on_convention"`).
    public var conventionNote: String? = nil

    /// Every parameter assignment of `across` (one empty assignment when there is none).
    public var conventionValues: [ConventionValue] {
        var result: [[(String, ParameterValue)]] = [[]]
        for axis in across {
            result = result.flatMap { prefix in axis.values.map { prefix + [(axis.parameter, $0)] } }
        }
        return result.map(ConventionValue.init)
    }
}
