// The mutations: what a case does to a copy of one spec, its golden and the
// folders around them. Every mutation is plain data, so a case can be
// replayed, and shrunk by dropping mutations, without the generator.

import Numerics
import Harness

/// The absolute path of the case's `outside` folder, substituted into spec
/// and golden text when the case is written (paths that try to escape).
let outsidePlaceholder = "@OUTSIDE@"

/// A change to the spec's JSON tree.
enum TreeMutation {
    case replace(JSONPath, JSONNode)
    case remove(JSONPath)
    case add(JSONPath, key: String, JSONNode)
    /// Adds a second member with an existing key (the serialised object repeats it).
    case duplicateKey(JSONPath, key: String, JSONNode)
    /// Repeats the array's elements until it has `count` of them.
    case grow(JSONPath, count: Int)
}

/// A change to the spec's serialised bytes.
enum ByteMutation {
    case truncate(fraction: Double)
    case insert(fraction: Double, [UInt8])
    case flip(fraction: Double, mask: UInt8)
    case byteOrderMark
    case windowsLineEnds
}

/// A change to the golden CSV's text.
enum GoldenMutation {
    case windowsLineEnds
    case byteOrderMark
    case truncate(fraction: Double)
    case dropColumn(Int)
    case duplicateHeader(Int)
    case setCell(row: Int, column: Int, String)
    case dropRows(Int)
    case repeatRows(Int)
    case replaceAll(String)
    case insertBytes(fraction: Double, [UInt8])
    case swapColumns(Int, Int)
}

/// A change to the files and folders of the case's project copy.
enum FileMutation: String, CaseIterable {
    case goldenIsFolder = "golden is a folder"
    case goldenMissing = "golden missing"
    case goldenLinksOutside = "golden is a link to a file outside"
    case goldenLinkDangling = "golden is a dangling link"
    case goldenLinkLoop = "golden is a link to itself"
    case goldenFolderLinksOutside = "golden/ is a link to a folder outside"
    case resultsPaperLinksOutside = "results/<paper> is a link to a folder outside"
    case resultsIsFile = "results is a file"
    case resultsPaperIsFile = "results/<paper> is a file"
    case resultCSVLinksOutside = "results/<paper>/<id>.csv is a link to a file outside"
    case resultSVGIsFolder = "results/<paper>/<id>.svg is a folder"
    case resultsLinksOutside = "results is a link to a folder outside"
    case specLinksOutside = "the spec is a link to a file outside"
    case paperFolderLinksOutside = "experiments/<paper> is a link to a folder outside"
    case staleTemporaryFiles = "stale staged outputs in results/<paper> and golden/"
    case goldenUnreadable = "golden has mode 000"
}

/// One mutation of a case.
enum Mutation: CustomStringConvertible {
    case tree(TreeMutation)
    case bytes(ByteMutation)
    case golden(GoldenMutation)
    case file(FileMutation)
    /// Only the selected spec is kept in its paper folder (a shrinking step).
    case dropOtherSpecs

    var category: String {
        switch self {
        case .tree: return "spec tree"
        case .bytes: return "spec bytes"
        case .golden: return "golden"
        case .file: return "files"
        case .dropOtherSpecs: return "files"
        }
    }

    var description: String {
        func v(_ n: JSONNode) -> String { abridged(n.serialized().trimmingNewline, to: 80) }
        switch self {
        case .tree(let t):
            switch t {
            case .replace(let p, let n): return "replace \(describe(p)) by \(v(n))"
            case .remove(let p): return "remove \(describe(p))"
            case .add(let p, let k, let n): return "add \(describe(p)).\(abridged(k, to: 40)) = \(v(n))"
            case .duplicateKey(let p, let k, let n): return "repeat key \(describe(p)).\(abridged(k, to: 40)) = \(v(n))"
            case .grow(let p, let c): return "grow array \(describe(p)) to \(c) elements"
            }
        case .bytes(let b):
            switch b {
            case .truncate(let f): return "truncate the spec at \(Int(f * 100))%"
            case .insert(let f, let bs): return "insert bytes \(hex(bs)) into the spec at \(Int(f * 100))%"
            case .flip(let f, let m): return "xor a spec byte at \(Int(f * 100))% with \(hex([m]))"
            case .byteOrderMark: return "prefix the spec with a UTF-8 byte order mark"
            case .windowsLineEnds: return "spec with CRLF line ends"
            }
        case .golden(let g):
            switch g {
            case .windowsLineEnds: return "golden with CRLF line ends"
            case .byteOrderMark: return "golden with a byte order mark"
            case .truncate(let f): return "truncate the golden at \(Int(f * 100))%"
            case .dropColumn(let c): return "drop golden column \(c)"
            case .duplicateHeader(let c): return "golden header repeats column \(c)"
            case .setCell(let r, let c, let t): return "golden cell (\(r), \(c)) = \(abridged(t, to: 60))"
            case .dropRows(let n): return "drop \(n) golden rows"
            case .repeatRows(let n): return "repeat golden rows \(n) times"
            case .replaceAll(let t): return "golden replaced by \(abridged(t.debugDescription, to: 60))"
            case .insertBytes(let f, let bs): return "insert bytes \(hex(bs)) into the golden at \(Int(f * 100))%"
            case .swapColumns(let a, let b): return "swap golden columns \(a) and \(b)"
            }
        case .file(let f): return f.rawValue
        case .dropOtherSpecs: return "only the selected spec in its paper folder"
        }
    }
}

private func hex(_ bs: [UInt8]) -> String {
    let shown = bs.prefix(8).map { b -> String in let h = String(b, radix: 16); return h.count == 1 ? "0" + h : h }
    return shown.joined(separator: " ") + (bs.count > 8 ? " …(\(bs.count) bytes)" : "")
}

extension String {
    var trimmingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}

/// How a case runs `replicate`.
enum RunMode: String, CaseIterable {
    case check, write, bless
    /// `replicate try SPEC --set KEY=VALUE …` (writes nothing).
    case tryout = "try"

    var flags: [String] {
        switch self {
        case .check: return ["--check"]
        case .write, .tryout: return []
        case .bless: return ["--bless"]
        }
    }
}

/// Draws mutations for a spec of the corpus.
struct Mutator {
    var rng: Xoshiro256StarStar
    let corpus: Corpus

    init(seed: UInt64, corpus: Corpus) {
        rng = Xoshiro256StarStar(seed: seed)
        self.corpus = corpus
    }

    mutating func chance(_ p: Double) -> Bool { rng.nextDouble() < p }
    mutating func int(_ r: ClosedRange<Int>) -> Int { rng.nextInt(in: r) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...xs.count - 1)] }

    /// A case: the spec, how it is run and its mutations (at least one).
    mutating func makeCase(index: Int) -> FuzzCase {
        let spec = corpus.specs[int(0...corpus.specs.count - 1)]
        let mode: RunMode = pick([.check, .check, .write, .write, .bless, .tryout])
        var ms: [Mutation] = []
        let roll = rng.nextDouble()
        if roll < 0.55 {
            var tree = spec.tree
            for _ in 0..<int(1...3) {
                let m = treeMutation(of: tree)
                ms.append(.tree(m))
                tree = apply(m, to: tree)
            }
            if chance(0.1) { ms.append(.bytes(byteMutation())) }
        } else if roll < 0.67 {
            ms.append(.bytes(byteMutation()))
        } else if roll < 0.87 {
            for _ in 0..<int(1...2) { ms.append(.golden(goldenMutation())) }
        } else {
            ms.append(.file(pick(FileMutation.allCases)))
            if chance(0.3) { ms.append(.tree(treeMutation(of: spec.tree))) }
        }
        var c = FuzzCase(index: index, spec: spec, mode: mode, json: chance(0.15), mutations: ms)
        if mode == .tryout { c.settings = settings(for: spec) }
        return c
    }

    /// One to three `--set KEY=VALUE` arguments for `replicate try`: a parameter
    /// of the spec (or another key) at an extreme value, as JSON or a bare token.
    mutating func settings(for spec: CorpusSpec) -> [String] {
        var keys: [String] = []
        if case .object(let ms)? = spec.tree[.key("parameters")] { keys = ms.map(\.key) }
        var out: [String] = []
        for _ in 0..<int(1...3) {
            let key = keys.isEmpty || chance(0.15) ? newKey() : pick(keys)
            let current = spec.tree.value(at: [.key("parameters"), .key(key)]) ?? .number("1")
            var value = extremeValue(like: current).serialized(limit: 100_000).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            if chance(0.3), value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            // An argument is at most 128 KiB on Linux.
            if value.utf8.count > 60_000 { value = "1e400" }
            let argument = chance(0.05) ? value : key + "=" + value
            out.append(argument.utf8.count > 120_000 ? String(repeating: "k", count: 60_000) + "=1" : argument)
        }
        return out
    }

    // MARK: Tree mutations

    mutating func treeMutation(of tree: JSONNode) -> TreeMutation {
        let paths = tree.allPaths()
        // Solver parameters get four in ten mutations: the solvers' domains are where the depth is.
        let parameterPaths = paths.filter { $0.first == .key("parameters") && $0.count > 1 }
        let path = !parameterPaths.isEmpty && chance(0.4) ? pick(parameterPaths) : pick(paths)
        let node = tree.value(at: path) ?? .null
        let roll = int(0...99)
        switch roll {
        case 0..<30:
            // A value of the kind the key expects, pushed to an extreme.
            return .replace(path, extremeValue(like: node))
        case 30..<42:
            return .replace(path, otherType(than: node))
        case 42..<50:
            return path.isEmpty ? .replace(path, otherType(than: node)) : .remove(path)
        case 50..<60:
            let objects = paths.filter { if case .object = tree.value(at: $0) { return true }; return false }
            let target = objects.isEmpty ? [] : pick(objects)
            return .add(target, key: newKey(), randomValue())
        case 60..<66:
            let objects = paths.compactMap { p -> (JSONPath, [JSONNode.Member])? in
                if case .object(let ms) = tree.value(at: p), !ms.isEmpty { return (p, ms) }
                return nil
            }
            guard !objects.isEmpty else { return .replace(path, randomValue()) }
            let (p, members) = pick(objects)
            let m = pick(members)
            return .duplicateKey(p, key: m.key, chance(0.5) ? m.value : extremeValue(like: m.value))
        case 66..<72:
            let arrays = paths.filter { if case .array(let xs) = tree.value(at: $0) { return !xs.isEmpty }; return false }
            guard !arrays.isEmpty else { return .replace(path, extremeValue(like: node)) }
            return .grow(pick(arrays), count: pick([2, 3, 100, 1001, 10_001, 20_001, 100_000]))
        case 72..<80:
            // A subtree of another spec: plausible structure in the wrong place.
            let donor = corpus.specs[int(0...corpus.specs.count - 1)].tree
            let dp = pick(donor.allPaths())
            return .replace(path, donor.value(at: dp) ?? .null)
        case 80..<88:
            return .replace(path, .string(pathLikeString()))
        case 88..<94:
            return .replace(path, nested())
        default:
            return .replace(path, .string(weirdString()))
        }
    }

    /// Numbers and numeric text at and beyond every limit.
    mutating func extremeValue(like node: JSONNode) -> JSONNode {
        switch node {
        case .number(let t):
            switch int(0...5) {
            case 0: return .number(pick(extremeNumbers))
            case 1: return .number(scaled(t))
            case 2: return .number(String(repeating: "9", count: pick([20, 400, 5000, 300_000])))
            case 3: return .string(t)
            case 4: return .number("-" + t.replacingOccurrences(of: "-", with: ""))
            default: return .number(pick(["0", "1", "2", "-1", "3", "0.5", "1e-9", "64", "65", "1000", "20001", "20002"]))
            }
        case .string(let t):
            if isNumericText(t) {
                switch int(0...3) {
                case 0: return .string(pick(numericStrings))
                case 1: return .string(scaled(t))
                case 2: return .number(pick(extremeNumbers))
                default: return .string(String(repeating: "7", count: pick([30, 5000, 300_000])) + "/" + String(repeating: "3", count: pick([1, 30, 5000])))
                }
            }
            return chance(0.5) ? .string(weirdString()) : .string(pick(numericStrings))
        case .array(let xs):
            if xs.isEmpty { return .array([.number(pick(extremeNumbers))]) }
            var ys = xs
            let i = int(0...ys.count - 1)
            ys[i] = extremeValue(like: ys[i])
            return chance(0.2) ? .array([]) : .array(ys)
        case .object(let ms):
            guard !ms.isEmpty else { return .object([JSONNode.Member(key: newKey(), value: randomValue())]) }
            var ns = ms
            let i = int(0...ns.count - 1)
            ns[i].value = extremeValue(like: ns[i].value)
            return .object(ns)
        case .bool(let b): return chance(0.5) ? .bool(!b) : .string(b ? "true" : "false")
        case .null, .raw: return randomValue()
        }
    }

    /// The number text multiplied by a power of ten, negated, or nudged.
    mutating func scaled(_ t: String) -> String {
        switch int(0...4) {
        case 0: return t + "e" + String(pick([-400, -300, -20, 20, 300, 400]))
        case 1: return t.hasPrefix("-") ? String(t.dropFirst()) : "-" + t
        case 2: return t + "000000000000"
        case 3: return "0." + String(repeating: "0", count: pick([10, 400, 5000])) + "1"
        default: return t.contains("/") ? t.replacingOccurrences(of: "/", with: "/0*") : t + "/0"
        }
    }

    let extremeNumbers = [
        "1e308", "-1e308", "1.7976931348623157e308", "1e309", "-1e400", "1e400", "5e-324", "1e-400", "-0", "0.0",
        "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e18", "1E5", "0.1e-5", "123456789012345678901234567890", "1.5", "-2.5", "4294967296",
    ]

    let numericStrings = [
        "1/3", "1/0", "0/0", "-1/2", "1e999", "-1e999", "nan", "NaN", "inf", "-inf", "Infinity", " 1/2 ", "1/2\r\n",
        "½", "1//2", "", "0x10", "1_000", "+1", "1e", "e5", ".", "-", "1/-2", "3/4/5", "0.3e-400", "1e-99999",
        "99999999999999999999/1", "1.5/2.5", "1 / 2", "−1", "١", "1\u{0}",
    ]

    func isNumericText(_ t: String) -> Bool {
        !t.isEmpty && t.count < 60 && t.allSatisfy { "0123456789./-+eE ".contains($0) }
    }

    /// Strings a path-taking key might be given.
    mutating func pathLikeString() -> String {
        pick([
            "../x.csv", "../../../../outside-escape.csv", "\(outsidePlaceholder)/absolute.csv", "\(outsidePlaceholder)",
            "~/x.csv", "C:\\x.csv", "file:///\(outsidePlaceholder)/url.csv", " golden.csv", "golden/../../x.csv",
            "golden/./x.csv", "golden/../golden/x.csv", "a\u{0}b.csv", "results/x.csv", "..", ".", "", "golden/",
            "../../../outside/escape.csv", "golden/x.csv/", "//x.csv", "golden//x.csv", "golden\\x.csv",
            "../../results/x.csv", "golden/" + String(repeating: "a", count: 300) + ".csv", "x.json", "README.md",
            "golden/.x.csv.tmp-1", "CON", "golden/x.csv\n", "experiments/x.csv",
        ])
    }

    /// Long, odd or malicious text.
    mutating func weirdString() -> String {
        switch int(0...9) {
        case 0: return String(repeating: "a", count: pick([1_000, 20_001, 100_000, 1_100_000]))
        case 1: return String(repeating: "(", count: pick([200, 201, 50_000])) + "1" + String(repeating: ")", count: pick([200, 201, 50_000]))
        case 2: return String(repeating: "-", count: pick([199, 200, 100_000])) + "1"
        case 3: return Array(repeating: "1", count: pick([100, 10_000])).joined(separator: "+")
        case 4: return pick(["\u{202E}abc", "🙂", "e\u{301}", "\u{FEFF}x", "\u{0}", "\u{7}", "a\tb", "line\nbreak", "\u{FFFF}", "\u{10FFFF}"])
        case 5: return pick(["x", "p", "q", "r", "gamma", "delta", "K", "N", "value", "cost"])
        case 6: return pick(["2^1000000", "x^x^x^x^x^x", "1/(x-x)", "sqrt(-1)", "log(0)", "exp(1000)", "0^0", "(-8)^(1/3)", "1e308*10", "x/0"])
        case 7: return pick(["density(" + String(repeating: "x*", count: 5000) + "1)", "cdf(v^2)", "cdf(2*v)", "cdf(1 - v)", "uniform", "mixture()", "beta(0, 0)", "power(-1)", "density(1/v)"])
        case 8: return pick(["*", "?", "[", "**/*", "example-*", "*-*-*-*-*-*-*-*-*-*-*-*"])
        default: return String(repeating: "é", count: pick([10, 30_000]))
        }
    }

    mutating func otherType(than node: JSONNode) -> JSONNode {
        let options: [JSONNode] = [.null, .bool(true), .number("1"), .string("1"), .array([]), .object([]), .array([.number("1"), .string("a")]),
                                   .object([.init(key: "a", value: .number("1"))])]
        let others = options.filter { $0.typeName != node.typeName }
        return pick(others)
    }

    mutating func randomValue() -> JSONNode {
        switch int(0...4) {
        case 0: return .number(pick(extremeNumbers))
        case 1: return .string(pick(numericStrings))
        case 2: return otherType(than: .raw(""))
        case 3: return .string(weirdString())
        default: return nested()
        }
    }

    /// Deep nesting, written as raw text (the mutator never recurses over it).
    mutating func nested() -> JSONNode {
        let depth = pick([50, 100, 101, 513, 10_000, 100_000])
        if chance(0.5) {
            return .raw(String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth))
        }
        return .raw(String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth))
    }

    mutating func newKey() -> String {
        switch int(0...5) {
        case 0, 1: return pick(corpus.keys)
        case 2:
            var k = Array(pick(corpus.keys))
            if k.count >= 2 { let i = int(0...k.count - 2); k.swapAt(i, i + 1) }
            return String(k)
        case 3: return pick(["", "__proto__", "constructor", "unknown_key", "Parameters", "golden ", "\u{0}", "id\n"])
        case 4: return String(repeating: "k", count: pick([65, 1_000, 300_000]))
        default: return pick(["parameters", "claims", "figure", "sweep", "golden", "tolerance", "solver", "id", "paper", "across", "columns"])
        }
    }

    // MARK: Byte and golden mutations

    mutating func byteMutation() -> ByteMutation {
        switch int(0...5) {
        case 0: return .truncate(fraction: rng.nextDouble())
        case 1: return .insert(fraction: rng.nextDouble(), pick(invalidUTF8))
        case 2: return .flip(fraction: rng.nextDouble(), mask: UInt8(truncatingIfNeeded: int(1...255)))
        case 3: return .byteOrderMark
        case 4: return .windowsLineEnds
        default: return .insert(fraction: rng.nextDouble(), pick([[0x00], [0x22], [0x5C], [0x2C], [0x7D], [0x5D], [0x0A, 0x7B]]))
        }
    }

    let invalidUTF8: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFE, 0xFF]]

    mutating func goldenMutation() -> GoldenMutation {
        switch int(0...12) {
        case 0: return .windowsLineEnds
        case 1: return .byteOrderMark
        case 2: return .truncate(fraction: rng.nextDouble())
        case 3: return .dropColumn(int(0...6))
        case 4: return .duplicateHeader(int(0...6))
        case 5, 6, 7:
            let cell = pick(["nan", "NaN", "inf", "-inf", "1e400", "-1e400", "", "1/0", "0/0", String(repeating: "1", count: pick([400, 20_001, 250_000])),
                             "\"unbalanced", "\"a,b\"", "1e-400", "0x1p3", " 1 ", "-0", "true", "1/3", "99999999999999999999999/7", "\u{0}", "é", "1,2"])
            return .setCell(row: int(0...5), column: int(0...6), cell)
        case 8: return .dropRows(int(1...5))
        case 9: return .repeatRows(pick([2, 10, 1_000]))
        case 10: return .replaceAll(pick(["", "\n", "a", "a,a\n1,2\n", "\u{FEFF}", String(repeating: "x", count: 100_000), String(repeating: "1,", count: 50_000) + "1\n"]))
        case 11: return .insertBytes(fraction: rng.nextDouble(), pick(invalidUTF8 + [[0x00], [0x22], [0x0D]]))
        default: return .swapColumns(int(0...4), int(0...4))
        }
    }
}

/// The tree with `m` applied (a mutation whose path no longer exists does nothing).
func apply(_ m: TreeMutation, to tree: JSONNode) -> JSONNode {
    var t = tree
    switch m {
    case .replace(let p, let n):
        t.modify(at: p) { $0 = n }
    case .remove(let p):
        guard let last = p.last else { return t }
        t.modify(at: Array(p.dropLast())) { parent in
            switch (parent, last) {
            case (.object(var ms), .key(let k)):
                if let i = ms.firstIndex(where: { $0.key == k }) { ms.remove(at: i) }
                parent = .object(ms)
            case (.array(var xs), .index(let i)):
                if xs.indices.contains(i) { xs.remove(at: i) }
                parent = .array(xs)
            default: break
            }
        }
    case .add(let p, let k, let n), .duplicateKey(let p, let k, let n):
        t.modify(at: p) { node in
            if case .object(var ms) = node {
                if case .add = m, let i = ms.firstIndex(where: { $0.key == k }) { ms[i].value = n } else { ms.append(.init(key: k, value: n)) }
                node = .object(ms)
            }
        }
    case .grow(let p, let count):
        t.modify(at: p) { node in
            if case .array(let xs) = node, !xs.isEmpty {
                node = .array((0..<count).map { xs[$0 % xs.count] })
            }
        }
    }
    return t
}

/// The bytes with `m` applied.
func apply(_ m: ByteMutation, to bytes: [UInt8]) -> [UInt8] {
    var b = bytes
    func at(_ f: Double) -> Int { min(b.count, max(0, Int(Double(b.count) * f))) }
    switch m {
    case .truncate(let f): b = Array(b[0..<at(f)])
    case .insert(let f, let bs): b.insert(contentsOf: bs, at: at(f))
    case .flip(let f, let mask): if !b.isEmpty { b[min(b.count - 1, at(f))] ^= mask }
    case .byteOrderMark: b = [0xEF, 0xBB, 0xBF] + b
    case .windowsLineEnds: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }
    return b
}

/// The golden text with `m` applied (cells split naively on commas: the
/// corpus's goldens quote nothing).
func apply(_ m: GoldenMutation, to text: [UInt8]) -> [UInt8] {
    let s = String(decoding: text, as: UTF8.self)
    var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    func joined() -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }
    func editCells(_ f: (inout [String]) -> Void) -> [UInt8] {
        lines = lines.map { line in var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init); f(&cells); return cells.joined(separator: ",") }
        return joined()
    }
    switch m {
    case .windowsLineEnds: return Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    case .byteOrderMark: return [0xEF, 0xBB, 0xBF] + text
    case .truncate(let f): return Array(text[0..<min(text.count, Int(Double(text.count) * f))])
    case .dropColumn(let c): return editCells { if $0.indices.contains(c) { $0.remove(at: c) } }
    case .duplicateHeader(let c):
        guard var header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init), header.count > 1 else { return text }
        let c = c % header.count
        header[(c + 1) % header.count] = header[c]
        lines[0] = header.joined(separator: ",")
        return joined()
    case .setCell(let r, let c, let value):
        guard !lines.isEmpty else { return text }
        let r = r % lines.count
        var cells = lines[r].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[c % cells.count] = value
        lines[r] = cells.joined(separator: ",")
        return joined()
    case .dropRows(let n):
        if lines.count > 1 { lines.removeLast(min(n, lines.count - 1)) }
        return joined()
    case .repeatRows(let n):
        guard lines.count > 1 else { return text }
        lines = [lines[0]] + Array(Array(repeating: Array(lines.dropFirst()), count: n).joined())
        return joined()
    case .replaceAll(let t): return Array(t.utf8)
    case .insertBytes(let f, let bs):
        var b = text
        b.insert(contentsOf: bs, at: min(b.count, Int(Double(b.count) * f)))
        return b
    case .swapColumns(let a, let b): return editCells { if $0.indices.contains(a), $0.indices.contains(b) { $0.swapAt(a, b) } }
    }
}
