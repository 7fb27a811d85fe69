// Decoding a spec's claims and row filters, strictly.

import Foundation
import Numerics

extension Spec {
    static func decodeClaim(_ r: SpecReader, columns: [Column], solver: SolverKind, swept: Set<String>) throws -> Claim {
        let o = try r.object(allowed: ["id", "quote", "location", "row", "rows", "where", "column", "check", "discrepancy", "not_reproducible", "paper_says",
                                       "across", "depends_on_convention"])
        let id = try o.required("id", "a claim id").nonEmptyString()
        let quote = try o.required("quote", "the paper's sentence, quoted").nonEmptyString()
        let location = try o.required("location", "where the quote is (section, page, table)").nonEmptyString()
        if let nr = o.optional("not_reproducible") {
            let reason = try nr.nonEmptyString()
            try rejectExtra(o, allowed: ["id", "quote", "location", "not_reproducible", "paper_says"], r, what: "a not-reproducible claim")
            let says = try o.required("paper_says", "what the paper states (the number or statement that cannot be reproduced)").nonEmptyString()
            return Claim(id: id, quote: quote, location: location, rows: .only, column: "", check: .equals(.text("")),
                         knownDiscrepancy: nil, notReproducible: reason, paperSaysText: says)
        }
        if let ps = o.optional("paper_says") {
            throw ps.fail("\"paper_says\" only together with \"not_reproducible\"", showFound: false)
        }
        let columnReader = try o.required("column", "the output column the claim is about")
        let columnName = try columnReader.string()
        guard let column = columns.first(where: { $0.name == columnName }) else {
            throw columnReader.fail("an output column: " + columns.map(\.name).joined(separator: ", "), suggestion: nearest(columnName, among: columns.map(\.name)))
        }
        var rows = ClaimRows.only
        let selectorKeys = ["row", "rows", "where"].filter { o.has($0) }
        if selectorKeys.count > 1 {
            throw o.optional(selectorKeys[1])!.fail("only one of \"row\", \"rows\", \"where\"", showFound: false)
        }
        if let whereReader = o.optional("where") {
            let conditions = try decodeRowFilter(whereReader, columns: columns)
            rows = .filter(conditions)
        } else if let rowReader = o.optional("row") {
            var selectors: [(column: String, value: String)] = []
            for (name, v) in try rowReader.members() {
                guard columns.contains(where: { $0.name == name }) else {
                    throw HarnessError.invalidSpec(file: r.file, keyPath: v.path, expected: "an output column", found: "\"\(name)\"", suggestion: nearest(name, among: columns.map(\.name)))
                }
                selectors.append((name, try selectorValue(v)))
            }
            guard !selectors.isEmpty else { throw rowReader.fail("at least one column value", showFound: false) }
            rows = .matching(selectors)
        } else if let rowsReader = o.optional("rows") {
            guard try rowsReader.string() == "all" else { throw rowsReader.fail("\"all\"") }
            rows = .all
        }
        let checkReader = try o.required("check", "what to check (printed, equals, approximately, or op)")
        let c = try checkReader.object(allowed: ["printed", "rounding", "equals", "approximately", "abs", "op", "value", "column", "reference", "expression", "monotone", "along"])
        let check: ClaimCheck
        if let p = c.optional("printed") {
            let text = try p.string()
            guard (try? Rational(parsing: text)) != nil, !text.contains("e"), !text.contains("E"), !text.contains("/") else {
                throw p.fail("a decimal as the paper prints it, e.g. \"2.067\"")
            }
            guard column.type != .boolean, column.type != .text else { throw p.fail("a numeric column for \"printed\"", showFound: false) }
            // The rounding rule is stated, never defaulted: "nearest" for digits
            // the paper rounds (the reading of "≈"), "truncate" for digits it
            // cuts off, "unstated" to check both as conventions.
            let rr = try c.required("rounding", "the rule the paper's digits follow: \"nearest\", \"truncate\" or \"unstated\" (checked under both)")
            let roundingText = try rr.string()
            guard let rounding = PrintedRounding(rawValue: roundingText) else {
                throw rr.fail("\"nearest\", \"truncate\" or \"unstated\"", suggestion: nearest(roundingText, among: PrintedRounding.allCases.map(\.rawValue)))
            }
            try rejectExtra(c, allowed: ["printed", "rounding"], checkReader)
            check = .printed(text, rounding)
        } else if let e = c.optional("equals") {
            try rejectExtra(c, allowed: ["equals"], checkReader)
            let cell: TableValue?
            switch e.node.value {
            case let .number(n): cell = TableValue.parse(n, as: column.type == .integer || column.type == .real ? column.type : .rational)
            case let .string(s): cell = TableValue.parse(s, as: column.type)
            case let .bool(b): cell = column.type == .boolean ? .boolean(b) : nil
            default: cell = nil
            }
            guard let cell else { throw e.fail("a value of the \(column.type.rawValue) column \"\(column.name)\"") }
            check = .equals(cell)
        } else if let a = c.optional("approximately") {
            try rejectExtra(c, allowed: ["approximately", "abs"], checkReader)
            let absReader = try c.required("abs", "the allowed absolute difference")
            let tol = try absReader.rational()
            guard tol >= 0 else { throw absReader.fail("a tolerance ≥ 0") }
            check = .approximately(try a.rational(), abs: tol)
        } else if let m = c.optional("monotone") {
            try rejectExtra(c, allowed: ["monotone", "along"], checkReader)
            let s = try m.string()
            guard let direction = Monotonicity(rawValue: s) else {
                throw m.fail("one of " + Monotonicity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), suggestion: nearest(s, among: Monotonicity.allCases.map(\.rawValue)))
            }
            let alongReader = try c.required("along", "the numeric column that orders the rows")
            let along = try alongReader.string()
            guard let a = columns.first(where: { $0.name == along }), a.type != .text, a.type != .boolean, along != columnName else {
                throw alongReader.fail("a numeric output column other than \"\(columnName)\"", suggestion: nearest(along, among: columns.map(\.name)))
            }
            guard column.type != .text, column.type != .boolean else { throw m.fail("a numeric column for \"monotone\"", showFound: false) }
            if case .only = rows { throw m.fail("\"rows\": \"all\" or a \"where\" filter with \"monotone\"", showFound: false) }
            if case .matching = rows { throw m.fail("\"rows\": \"all\" or a \"where\" filter with \"monotone\"", showFound: false) }
            check = .monotone(direction, along: along)
        } else if let e = c.optional("expression") {
            try rejectExtra(c, allowed: ["expression", "op", "abs"], checkReader)
            var oper = ClaimOperator.equal
            if let op = c.optional("op") {
                let s = try op.string()
                guard let o = ClaimOperator(rawValue: s) else { throw op.fail("one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) }
                oper = o
            }
            let text = try e.nonEmptyString()
            let expression: ArithmeticExpression
            // On a real column the expression may use exp, log, sqrt, abs and real
            // powers (evaluated in Doubles); on exact columns it stays rational.
            let grammar: ArithmeticExpression.Grammar = column.type == .real ? .real : .exact
            do { expression = try ArithmeticExpression(parsing: text, grammar: grammar) } catch let error as ExpressionError {
                throw e.fail("an arithmetic expression in numeric columns" + (grammar == .real ? " (exp, log, sqrt, abs allowed on a real column)" : "") + " (\(error))")
            }
            for name in expression.variables {
                guard let col = columns.first(where: { $0.name == name }), col.type != .text, col.type != .boolean else {
                    throw e.fail("an expression whose names are numeric output columns (\"\(name)\" is not one)", suggestion: nearest(name, among: columns.map(\.name)))
                }
            }
            guard column.type != .text, column.type != .boolean else { throw e.fail("a numeric column for \"expression\"", showFound: false) }
            var abs: Rational? = nil
            if let a = c.optional("abs") {
                guard column.type == .real, oper == .equal else {
                    throw a.fail("\"abs\" only with an equality (no \"op\") on a real column", showFound: false)
                }
                let value = try a.rational()
                guard value > .zero else { throw a.fail("a positive tolerance") }
                abs = value
            }
            check = .expression(oper, expression, text, abs: abs)
        } else if let op = c.optional("op") {
            let s = try op.string()
            guard let oper = ClaimOperator(rawValue: s) else { throw op.fail("one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) }
            if let v = c.optional("value") {
                try rejectExtra(c, allowed: ["op", "value"], checkReader)
                check = .compare(oper, try v.rational())
            } else if let ref = c.optional("reference") {
                try rejectExtra(c, allowed: ["op", "reference"], checkReader)
                check = .compareReference(oper, try decodeReference(ref))
            } else if let other = c.optional("column") {
                try rejectExtra(c, allowed: ["op", "column"], checkReader)
                let name = try other.string()
                guard columns.contains(where: { $0.name == name }) else { throw other.fail("an output column", suggestion: nearest(name, among: columns.map(\.name))) }
                check = .compareColumn(oper, name)
            } else {
                throw checkReader.fail("\"value\", \"column\" or \"reference\" with \"op\"", showFound: false)
            }
            guard column.type != .boolean, column.type != .text else { throw op.fail("a numeric column for a comparison", showFound: false) }
        } else {
            throw checkReader.fail("one of \"printed\", \"equals\", \"approximately\", \"op\", \"expression\", \"monotone\"", showFound: false)
        }
        let discrepancy = try o.optional("discrepancy")?.nonEmptyString()
        var claim = Claim(id: id, quote: quote, location: location, rows: rows, column: columnName, check: check, knownDiscrepancy: discrepancy,
                          notReproducible: nil, paperSaysText: nil)
        if let a = o.optional("across") { claim.across = try decodeAcross(a, solver: solver, swept: swept) }
        if let n = o.optional("depends_on_convention") {
            let hasRoundingConvention: Bool
            if case .printed(_, .unstated) = check { hasRoundingConvention = true } else { hasRoundingConvention = false }
            guard !claim.across.isEmpty || hasRoundingConvention else {
                throw n.fail("\"depends_on_convention\" only on a claim with \"across\" or a printed check with \"rounding\": \"unstated\"", showFound: false)
            }
            claim.conventionNote = try n.nonEmptyString()
        }
        return claim
    }

    /// `"across": {"<parameter>": [v1, v2, ...], ...}`: one or two parameters of
    /// the solver, not swept, each with at least two distinct values.
    static func decodeAcross(_ r: SpecReader, solver: SolverKind, swept: Set<String>) throws -> [SweepAxis] {
        let members = try r.members()
        guard (1...2).contains(members.count) else { throw r.fail("an object with one or two convention parameters, each with a list of values") }
        var axes: [SweepAxis] = []
        for (name, valuesReader) in members {
            guard let p = solver.parameter(name) else {
                throw HarnessError.invalidSpec(file: r.file, keyPath: valuesReader.path, expected: "a parameter of \(solver.name): " + solver.parameters.map(\.name).joined(separator: ", "),
                                               found: "unknown parameter \"\(name)\"", suggestion: nearest(name, among: solver.parameters.map(\.name)))
            }
            guard !swept.contains(name) else { throw valuesReader.fail("a parameter that is not swept (\"\(name)\" is)", showFound: false) }
            let items = try valuesReader.array()
            var values: [ParameterValue] = []
            for item in items {
                let v = try p.decode(item)
                guard !values.contains(v) else { throw item.fail("each value once") }
                values.append(v)
            }
            guard values.count >= 2 else { throw valuesReader.fail("at least two values (a convention with one value is the spec's parameter)", showFound: false) }
            axes.append(SweepAxis(parameter: name, values: values))
        }
        return axes
    }

    /// `"reference": {"artifact": "<id>", "row": {...}, "column": "<name>"}`; the
    /// artifact and column are resolved when every spec is known.
    static func decodeReference(_ r: SpecReader) throws -> ArtifactReference {
        let o = try r.object(allowed: ["artifact", "row", "column"])
        let artifactReader = try o.required("artifact", "the id of another artifact of the same paper")
        let artifact = try artifactReader.nonEmptyString()
        var row: [(column: String, value: String)] = []
        if let rowReader = o.optional("row") {
            for (name, v) in try rowReader.members() { row.append((name, try selectorValue(v))) }
            guard !row.isEmpty else { throw rowReader.fail("at least one column value", showFound: false) }
        }
        let column = try o.required("column", "a numeric column of that artifact").nonEmptyString()
        return ArtifactReference(keyPath: r.path, artifact: artifact, row: row, column: column)
    }

    /// A row selector's value as text: a number as written, a string, or a boolean.
    /// A `where` filter: {column: value | [values] | {"<": v, "<=": v, ">": v,
    /// ">=": v, "==": v, "!=": v}, ...}, every condition to hold. A list
    /// admits a row equal to any of its values; text and boolean columns take
    /// equality only.
    static func decodeRowFilter(_ whereReader: SpecReader, columns: [Column]) throws -> [RowCondition] {
        var conditions: [RowCondition] = []
        for (name, v) in try whereReader.members() {
            guard let col = columns.first(where: { $0.name == name }) else {
                throw HarnessError.invalidSpec(file: whereReader.file, keyPath: v.path, expected: "an output column", found: "\"\(name)\"", suggestion: nearest(name, among: columns.map(\.name)))
            }
            switch v.node.value {
            case .object:
                guard col.type != .text, col.type != .boolean else { throw v.fail("a value (text and boolean columns take equality only)", showFound: false) }
                let members = try v.members()
                guard !members.isEmpty else { throw v.fail("at least one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), showFound: false) }
                for (opText, bound) in members {
                    guard let op = ClaimOperator(rawValue: opText) else {
                        throw HarnessError.invalidSpec(file: whereReader.file, keyPath: bound.path, expected: "a comparison: one of " + ClaimOperator.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), found: "\"\(opText)\"", suggestion: nil)
                    }
                    conditions.append(RowCondition(column: name, op: op, values: [try bound.rational().description]))
                }
            case .array:
                let items = try v.array()
                guard !items.isEmpty else { throw v.fail("at least one value", showFound: false) }
                conditions.append(RowCondition(column: name, op: .equal, values: try items.map(selectorValue)))
            default:
                conditions.append(RowCondition(column: name, op: .equal, values: [try selectorValue(v)]))
            }
        }
        guard !conditions.isEmpty else { throw whereReader.fail("at least one column condition", showFound: false) }
        return conditions
    }

    static func selectorValue(_ v: SpecReader) throws -> String {
        switch v.node.value {
        case let .number(n): return n
        case let .string(s): return s
        case let .bool(b): return b ? "true" : "false"
        default: throw v.fail("a number, string or boolean identifying the row")
        }
    }

    static func rejectExtra(_ o: ObjectReader, allowed: [String], _ r: SpecReader, what: String = "this kind of check") throws {
        if let extra = o.keys.first(where: { !allowed.contains($0) }) {
            throw HarnessError.invalidSpec(file: r.file, keyPath: "\(r.path).\(extra)", expected: "only " + allowed.map { "\"\($0)\"" }.joined(separator: ", ") + " in \(what)",
                                           found: "\"\(extra)\"", suggestion: nil)
        }
    }
}
