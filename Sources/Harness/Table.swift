// Output tables: typed columns, cells, deterministic CSV text and CSV parsing.

import Foundation
import Numerics

/// The type of an output column; decides formatting and how it is diffed.
public enum ColumnType: String, Sendable, Hashable {
    /// Arbitrary-precision integer; compared exactly.
    case integer
    /// Exact rational printed as a/b; compared exactly unless the spec gives a tolerance.
    case rational
    /// Double printed in shortest round-trip form; compared with tolerances.
    case real
    /// true/false; compared exactly.
    case boolean
    /// Free text; compared exactly.
    case text
}

/// An output column a solver kind produces.
public struct Column: Sendable, Hashable {
    public let name: String
    public let type: ColumnType
    /// Key columns identify a row (e.g. N in Table 1).
    public let isKey: Bool
    public let doc: String

    public init(_ name: String, _ type: ColumnType, key: Bool = false, doc: String) {
        self.name = name
        self.type = type
        self.isKey = key
        self.doc = doc
    }
}

/// One value of a table.
public enum TableValue: Sendable, Hashable, CustomStringConvertible {
    case integer(BigInt)
    case rational(Rational)
    case real(Double)
    case boolean(Bool)
    case text(String)

    public static func int(_ v: Int) -> TableValue { .integer(BigInt(v)) }

    public var type: ColumnType {
        switch self {
        case .integer: return .integer
        case .rational: return .rational
        case .real: return .real
        case .boolean: return .boolean
        case .text: return .text
        }
    }

    /// The CSV text: integers in decimal, rationals as a/b, doubles in
    /// Swift's shortest round-trip form, booleans as true/false.
    public var description: String {
        switch self {
        case let .integer(v): return v.description
        case let .rational(v): return v.description
        case let .real(v): return v.description
        case let .boolean(v): return v ? "true" : "false"
        case let .text(v): return v
        }
    }

    /// A numeric value as an exact rational (nil for booleans and text).
    public var rationalValue: Rational? {
        switch self {
        case let .integer(v): return Rational(v)
        case let .rational(v): return v
        case let .real(v): return Rational(exactly: v)
        default: return nil
        }
    }

    /// A numeric value as a double (nil for booleans and text).
    public var doubleValue: Double? {
        switch self {
        case let .integer(v): return v.doubleValue
        case let .rational(v): return v.doubleValue
        case let .real(v): return v
        default: return nil
        }
    }

    /// True unless the cell is a NaN or infinite double.
    public var isFinite: Bool {
        if case let .real(v) = self { return v.isFinite }
        return true
    }

    /// Parses CSV text as a cell of the given type; nil when malformed.
    public static func parse(_ text: String, as type: ColumnType) -> TableValue? {
        switch type {
        case .integer: return BigInt(text).map(TableValue.integer)
        case .rational: return Rational(text).map(TableValue.rational)
        case .real:
            guard let d = Double(text), d.isFinite, !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else { return nil }
            return .real(d)
        case .boolean:
            if text == "true" { return .boolean(true) }
            if text == "false" { return .boolean(false) }
            return nil
        case .text: return .text(text)
        }
    }
}

/// A computed table: named typed columns and rows in a stable order.
public struct Table: Sendable, Hashable {
    public var columns: [Column]
    public var rows: [[TableValue]]

    public init(columns: [Column], rows: [[TableValue]]) {
        self.columns = columns
        self.rows = rows
    }

    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The row's identity: its key columns' values ("N=5"), or "row k" (1-based) without keys.
    public func rowLabel(_ i: Int) -> String {
        let keys = columns.indices.filter { columns[$0].isKey }
        if keys.isEmpty { return "row \(i + 1)" }
        return keys.map { "\(columns[$0].name)=\(rows[i][$0])" }.joined(separator: ", ")
    }

    /// Deterministic CSV (RFC 4180 quoting, "\n" line ends, trailing newline).
    public var csv: String {
        var out = columns.map { csvField($0.name) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { csvField($0.description) }.joined(separator: ",") + "\n"
        }
        return out
    }
}

func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// Parses RFC 4180 CSV into records of fields, with the 1-based line of each
/// record. Lines may end in LF or CRLF (a Windows checkout) and the text may
/// start with a UTF-8 byte-order mark; a CRLF inside a quoted field is read
/// as LF. Works on Unicode scalars, so "\r\n" (one Swift Character) is seen
/// as two. Throws a message on unbalanced quotes.
func parseCSV(_ text: String) throws -> [(line: Int, fields: [String])] {
    var records: [(Int, [String])] = []
    var field = String.UnicodeScalarView()
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    if chars.last != "\n" { chars.append("\n") }
    var i = 0
    var fieldStarted = false
    while i < chars.count {
        let c = chars[i]
        if inQuotes {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
            } else if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" {
                // CRLF inside quotes: the LF that follows is kept.
            } else {
                if c == "\n" { line += 1 }
                field.append(c)
            }
        } else {
            switch c {
            case "\"":
                if !field.isEmpty { throw CSVError(line: line, message: "a quote inside an unquoted field") }
                inQuotes = true
                fieldStarted = true
            case ",":
                fields.append(String(field)); field = String.UnicodeScalarView(); fieldStarted = true
            case "\r":
                guard i + 1 < chars.count, chars[i + 1] == "\n" else {
                    throw CSVError(line: line, message: "a carriage return not followed by a line feed")
                }
            case "\n":
                if fieldStarted || !field.isEmpty || !fields.isEmpty {
                    fields.append(String(field))
                    records.append((recordLine, fields))
                }
                fields = []; field = String.UnicodeScalarView(); fieldStarted = false
                line += 1
                recordLine = line
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        i += 1
    }
    if inQuotes { throw CSVError(line: recordLine, message: "unterminated quoted field") }
    return records
}

struct CSVError: Error {
    let line: Int
    let message: String
}

/// A golden table read from CSV: header names and raw text cells.
public struct GoldenTable: Sendable {
    public let file: String
    public let header: [String]
    /// Raw text rows with the CSV line each came from.
    public let rows: [(line: Int, fields: [String])]

    /// Reads and checks the shape of a golden CSV file. Throws
    /// `HarnessError.invalidGolden` for an empty file, ragged rows or bad quoting.
    public init(file: String, text: String) throws {
        self.file = file
        guard text.utf8.count <= InputLimits.goldenBytes else {
            throw HarnessError.invalidGolden(file: file, line: 1, message: "larger than \(InputLimits.goldenBytes) bytes")
        }
        let records: [(line: Int, fields: [String])]
        do {
            records = try parseCSV(text)
        } catch let e as CSVError {
            throw HarnessError.invalidGolden(file: file, line: e.line, message: e.message)
        }
        guard let first = records.first else {
            throw HarnessError.invalidGolden(file: file, line: 1, message: "empty file (expected a header row)")
        }
        header = first.fields
        if Set(header).count != header.count {
            throw HarnessError.invalidGolden(file: file, line: first.line, message: "duplicate column names in the header")
        }
        for r in records.dropFirst() where r.fields.count != header.count {
            throw HarnessError.invalidGolden(file: file, line: r.line, message: "\(r.fields.count) fields, the header has \(header.count)")
        }
        for r in records {
            if let k = r.fields.firstIndex(where: { $0.utf8.count > InputLimits.goldenCellCharacters }) {
                throw HarnessError.invalidGolden(file: file, line: r.line, message: "field \(k + 1) is longer than \(InputLimits.goldenCellCharacters) characters")
            }
        }
        rows = Array(records.dropFirst())
    }
}
