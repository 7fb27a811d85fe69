// JSON as the mutator sees it: a tree that keeps member order, duplicate
// keys and the exact text of numbers, so a mutation can write what no JSON
// library would (1e400, a 300,000-digit integer, a key given twice, text
// spliced in verbatim). The corpus itself is read by the harness's parser.

import Harness

/// One step from a node to a child.
enum PathStep: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    var description: String {
        switch self {
        case .key(let k): return "." + abridged(k, to: 40)
        case .index(let i): return "[\(i)]"
        }
    }
}

typealias JSONPath = [PathStep]

func describe(_ path: JSONPath) -> String { path.isEmpty ? "(root)" : path.map(\.description).joined() }

/// A JSON value with order-preserving objects and verbatim number text.
indirect enum JSONNode: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written.
    case number(String)
    case string(String)
    case array([JSONNode])
    /// Members in order; a key may repeat.
    case object([Member])
    /// Text emitted verbatim (not necessarily valid JSON).
    case raw(String)

    struct Member: Equatable, Sendable {
        var key: String
        var value: JSONNode
    }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .raw: return "raw"
        }
    }

    /// The child at `step`, if any (the first member with that key).
    subscript(step: PathStep) -> JSONNode? {
        switch (self, step) {
        case (.object(let ms), .key(let k)): return ms.first { $0.key == k }?.value
        case (.array(let xs), .index(let i)): return xs.indices.contains(i) ? xs[i] : nil
        default: return nil
        }
    }

    func value(at path: JSONPath) -> JSONNode? {
        var node: JSONNode? = self
        for s in path { node = node?[s] }
        return node
    }

    /// Applies `change` to the node at `path`; false when the path does not exist.
    @discardableResult
    mutating func modify(at path: JSONPath, _ change: (inout JSONNode) -> Void) -> Bool {
        guard let first = path.first else { change(&self); return true }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var ms), .key(let k)):
            guard let i = ms.firstIndex(where: { $0.key == k }) else { return false }
            let ok = ms[i].value.modify(at: rest, change)
            self = .object(ms)
            return ok
        case (.array(var xs), .index(let i)):
            guard xs.indices.contains(i) else { return false }
            let ok = xs[i].modify(at: rest, change)
            self = .array(xs)
            return ok
        default:
            return false
        }
    }

    /// Every path in the tree, parents before children, up to `limit` paths.
    func allPaths(limit: Int = 5000) -> [JSONPath] {
        var out: [JSONPath] = []
        func walk(_ node: JSONNode, _ prefix: JSONPath) {
            guard out.count < limit else { return }
            out.append(prefix)
            switch node {
            case .object(let ms): for m in ms { walk(m.value, prefix + [.key(m.key)]) }
            case .array(let xs): for (i, x) in xs.enumerated() { walk(x, prefix + [.index(i)]) }
            default: break
            }
        }
        walk(self, [])
        return out
    }

    /// The JSON text, indented by two spaces per level, cut off after about
    /// `limit` bytes. Grown arrays share storage, so a tree that is small in
    /// memory can stand for terabytes of text (an array of 100,000 copies of
    /// an array of 100,000 elements); `replicate` refuses any spec over 1 MiB,
    /// so text past a few MiB tests nothing more.
    func serialized(limit: Int = 4 << 20) -> String {
        var s = ""
        write(into: &s, indent: 0, limit: limit)
        s += "\n"
        return s
    }

    private func write(into s: inout String, indent: Int, limit: Int) {
        guard s.utf8.count <= limit else { return }
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .null: s += "null"
        case .bool(let b): s += b ? "true" : "false"
        case .number(let t): s += t
        case .string(let t): s += quoted(t)
        case .raw(let t): s += t
        case .array(let xs):
            if xs.isEmpty { s += "[]"; return }
            s += "[\n"
            for (i, x) in xs.enumerated() {
                guard s.utf8.count <= limit else { return }
                s += pad
                x.write(into: &s, indent: indent + 1, limit: limit)
                s += i + 1 < xs.count ? ",\n" : "\n"
            }
            s += close + "]"
        case .object(let ms):
            if ms.isEmpty { s += "{}"; return }
            s += "{\n"
            for (i, m) in ms.enumerated() {
                guard s.utf8.count <= limit else { return }
                s += pad + quoted(m.key) + ": "
                m.value.write(into: &s, indent: indent + 1, limit: limit)
                s += i + 1 < ms.count ? ",\n" : "\n"
            }
            s += close + "}"
        }
    }
}

/// A JSON string literal for `t` (the harness's escaping).
func quoted(_ t: String) -> String { jsonQuoted(t) }


/// The corpus's own specs as mutable trees, read by the harness's strict
/// JSON reader (order and number text kept); nil when the text is not JSON.
func parseTree(_ text: String) -> JSONNode? {
    guard let node = try? parseJSON(text) else { return nil }
    return JSONNode(node)
}

extension JSONNode {
    /// The tree of a node read by `Harness.parseJSON`.
    init(_ node: Harness.JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let t): self = .number(t)
        case .string(let t): self = .string(t)
        case .array(let xs): self = .array(xs.map(JSONNode.init))
        case .object(let ms): self = .object(ms.map { Member(key: $0.key, value: JSONNode($0.value)) })
        }
    }
}
