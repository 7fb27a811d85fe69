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

/// How a printed number was rounded by the paper.
public enum PrintedRounding: String, Sendable, CaseIterable {
    case nearest, truncate
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
    /// exactly (`==` on a real column uses the column's tolerance). The text is
    /// kept for reports.
    case expression(ClaimOperator, ArithmeticExpression, String)
    /// Over the selected rows, grouped by the other key columns and ordered by
    /// the `along` column, the claim's column is monotone.
    case monotone(Monotonicity, along: String)
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
}
