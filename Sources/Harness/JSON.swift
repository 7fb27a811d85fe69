// A small strict JSON reader for experiment specs.
//
// Foundation's JSONSerialization loses what a strict spec reader needs: the
// order of keys, duplicate keys, the exact text of numbers (0.8 must stay the
// exact decimal 4/5, not a binary double) and the line and column of every
// value for error messages. This parser keeps all of them (RFC 8259 grammar).

/// A parsed JSON value with its source position.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number's literal text, e.g. "0.75" or "-1e-3".
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in source order.
        case object([(key: String, value: JSONNode)])
    }

    public let value: Value
    public let line: Int
    public let column: Int

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON syntax error at a line and column (1-based).
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Parses one JSON document. Rejects duplicate keys in an object, trailing
/// content, and anything RFC 8259 does not allow (comments, trailing commas,
/// NaN). O(n) in the text length.
public func parseJSON(_ text: String, limits: JSONLimits = .spec) throws -> JSONNode {
    guard text.utf8.count <= limits.documentBytes else {
        throw JSONSyntaxError(line: 1, column: 1, message: "a document larger than \(limits.documentBytes) bytes")
    }
    var parser = JSONParser(bytes: Array(text.utf8), limits: limits)
    parser.skipWhitespace()
    let node = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.index < parser.bytes.count {
        throw parser.error("unexpected content after the JSON document")
    }
    return node
}

/// The size limits of a JSON document (InputLimits.swift): a spec's, or a
/// shard summary's (which holds whole tables).
public struct JSONLimits: Sendable {
    public let documentBytes: Int
    public let stringBytes: Int
    public let arrayElements: Int

    public static let spec = JSONLimits(documentBytes: InputLimits.specBytes, stringBytes: InputLimits.stringBytes, arrayElements: InputLimits.arrayElements)
    public static let shardSummary = JSONLimits(documentBytes: InputLimits.shardSummaryBytes, stringBytes: InputLimits.shardSummaryStringBytes,
                                                arrayElements: InputLimits.shardSummaryArrayElements)
}

struct JSONParser {
    let bytes: [UInt8]
    let limits: JSONLimits
    var index = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], limits: JSONLimits = .spec) { self.bytes = bytes; self.limits = limits }

    var column: Int { index - lineStart + 1 }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, message: message)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: index += 1; line += 1; lineStart = index
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws -> JSONNode {
        guard depth < 200 else { throw error("nesting deeper than 200 levels") }
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        let (l, c) = (line, column)
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONNode)] = []
            var seen = Set<String>()
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return JSONNode(value: .object(members), line: l, column: c)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyLine = line, keyColumn = column
                let key = try parseString()
                if key.utf8.count > InputLimits.keyBytes {
                    throw JSONSyntaxError(line: keyLine, column: keyColumn, message: "a key longer than \(InputLimits.keyBytes) bytes")
                }
                if seen.contains(key) {
                    throw JSONSyntaxError(line: keyLine, column: keyColumn, message: "duplicate key \"\(key)\"")
                }
                seen.insert(key)
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected \":\" after key \"\(key)\"") }
                index += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input inside an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw error("expected \",\" or \"}\" in an object")
            }
            return JSONNode(value: .object(members), line: l, column: c)
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return JSONNode(value: .array(items), line: l, column: c)
            }
            while true {
                skipWhitespace()
                guard items.count < limits.arrayElements else { throw error("an array of more than \(limits.arrayElements) elements") }
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                throw error("expected \",\" or \"]\" in an array")
            }
            return JSONNode(value: .array(items), line: l, column: c)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), line: l, column: c)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(value: .bool(true), line: l, column: c)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(value: .bool(false), line: l, column: c)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(value: .null, line: l, column: c)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .number(try parseNumber()), line: l, column: c)
        default:
            throw error("unexpected character \"\(Character(Unicode.Scalar(bytes[index])))\", expected a value")
        }
    }

    mutating func expectLiteral(_ word: String) throws {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error("invalid literal, expected \(word)")
        }
        index += w.count
    }

    mutating func parseNumber() throws -> String {
        let start = index
        func digits() -> Int {
            let s = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - s
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw error("incomplete number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("invalid number")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("expected digits after the decimal point") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw error("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseString() throws -> String {
        index += 1 // opening quote
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; break }
            if out.count >= limits.stringBytes { throw error("a string longer than \(limits.stringBytes) bytes") }
            if b < 0x20 { throw error("control character in a string (escape it)") }
            if b == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw error("unterminated escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error("invalid escape \\\(Character(Unicode.Scalar(e)))")
                }
            } else {
                out.append(b)
                index += 1
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
        return s
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            index += 1
        }
        return v
    }
}
