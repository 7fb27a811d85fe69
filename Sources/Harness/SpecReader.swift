// Strict, path-tracking access to a parsed spec: every accessor knows the
// file and JSON key path it reads, so every error can name them.

import Foundation
import Numerics

/// A JSON value at a key path of a spec file.
public struct SpecReader: Sendable {
    public let node: JSONNode
    public let path: String
    public let file: String

    public init(node: JSONNode, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// Text shown as "found ..." in errors.
    var found: String {
        switch node.value {
        case let .number(n): return n
        case let .string(s): return "\"\(s)\""
        case let .bool(b): return String(b)
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public func fail(_ expected: String, suggestion: String? = nil, showFound: Bool = true) -> HarnessError {
        .invalidSpec(file: file, keyPath: path, expected: expected, found: showFound ? found : nil, suggestion: suggestion)
    }

    func child(_ node: JSONNode, key: String) -> SpecReader {
        SpecReader(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    /// The value as an object whose keys must all be in `allowed`.
    public func object(allowed: [String]) throws -> ObjectReader {
        guard case let .object(members) = node.value else { throw fail("an object") }
        for (key, value) in members where !allowed.contains(key) {
            let where_ = child(value, key: key)
            throw HarnessError.invalidSpec(
                file: file, keyPath: where_.path,
                expected: allowed.isEmpty ? "no keys here" : "one of the keys " + allowed.map { "\"\($0)\"" }.joined(separator: ", "),
                found: "unknown key \"\(key)\"", suggestion: nearest(key, among: allowed))
        }
        return ObjectReader(reader: self, members: members)
    }

    /// The value as an object with arbitrary keys, in source order.
    public func members() throws -> [(key: String, value: SpecReader)] {
        guard case let .object(members) = node.value else { throw fail("an object") }
        return members.map { ($0.key, child($0.value, key: $0.key)) }
    }

    public func array() throws -> [SpecReader] {
        guard case let .array(items) = node.value else { throw fail("an array") }
        return items.enumerated().map { SpecReader(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    public func string() throws -> String {
        guard case let .string(s) = node.value else { throw fail("a string") }
        return s
    }

    public func nonEmptyString() throws -> String {
        let s = try string()
        if s.trimmingCharacters(in: .whitespaces).isEmpty { throw fail("a non-empty string") }
        return s
    }

    public func bool() throws -> Bool {
        guard case let .bool(b) = node.value else { throw fail("true or false") }
        return b
    }

    /// An integer: a JSON number without fraction or exponent (or a string of one).
    public func integer() throws -> Int {
        let text: String
        switch node.value {
        case let .number(n): text = n
        case let .string(s): text = s
        default: throw fail("an integer")
        }
        if let limit = numberLimitViolation(text) { throw fail(limit, showFound: false) }
        guard let v = Int(text) else {
            if let r = try? Rational(parsing: text), r.isInteger, let v = r.numerator.intValue { return v }
            throw fail("an integer (within ±9.2e18)")
        }
        return v
    }

    /// An exact rational: a JSON number (read exactly as a decimal) or a
    /// string such as "3/4", "0.75", "1e-3".
    public func rational() throws -> Rational {
        let text: String
        switch node.value {
        case let .number(n): text = n
        case let .string(s): text = s
        default: throw fail("a number or a string such as \"3/4\"")
        }
        if let limit = numberLimitViolation(text) { throw fail(limit, showFound: false) }
        do {
            return try Rational(parsing: text)
        } catch {
            throw fail("a number or a string such as \"3/4\" (\(error))")
        }
    }

    /// A finite double: a JSON number or a string such as "1e-3" or "3/4".
    public func real() throws -> Double {
        let text: String
        switch node.value {
        case let .number(n): text = n
        case let .string(s): text = s
        default: throw fail("a finite number")
        }
        if let limit = numberLimitViolation(text) { throw fail(limit, showFound: false) }
        if let r = try? Rational(parsing: text) {
            let d = r.doubleValue
            guard d.isFinite else { throw fail("a finite number (this one overflows a double)") }
            return d
        }
        throw fail("a finite number")
    }
}

/// An object whose keys were checked against an allowed list.
public struct ObjectReader: Sendable {
    public let reader: SpecReader
    let members: [(key: String, value: JSONNode)]

    public var keys: [String] { members.map(\.key) }

    public func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    public func optional(_ key: String) -> SpecReader? {
        guard let m = members.first(where: { $0.key == key }) else { return nil }
        return reader.child(m.value, key: key)
    }

    public func required(_ key: String, _ expected: String) throws -> SpecReader {
        guard let r = optional(key) else {
            throw HarnessError.invalidSpec(
                file: reader.file, keyPath: reader.path.isEmpty ? key : "\(reader.path).\(key)",
                expected: expected + " (the key is required)", found: "nothing", suggestion: nil)
        }
        return r
    }
}
