// The command line of `replicate try`: one spec, parameters overridden with
// `--set key=value`, and how a `--set` value is read as spec JSON.

import Foundation

/// Options of `replicate try SPEC [--set key=value ...] [--all] [--figure FILE] [--json]`.
public struct TryOptions: Sendable, Equatable {
    /// The spec: an id, "paper/id", or a path to a spec file.
    public var spec = ""
    /// The `--set` overrides in command-line order: (key, value text as typed).
    public var settings: [Setting] = []
    public var allRows = false
    public var figure: String? = nil
    public var json = false
    public var experiments = "experiments"
    public var help = false

    public struct Setting: Sendable, Equatable {
        public let key: String
        public let value: String
    }

    public init() {}

    /// Rows printed without `--all`.
    public static let shownRows = 20

    public static let usage = """
    usage: replicate try SPEC [--set KEY=VALUE ...] [--all] [--figure FILE] [--json]

    Runs one spec with some parameters changed and says whether each of its
    claims still holds. SPEC is a spec id (e.g. intro-example), paper/id, or
    the path of a spec file. Nothing is diffed against a golden and nothing is
    written except the figure asked for with --figure (no results/, no lock).

    options:
      --set KEY=VALUE    set the spec's parameter KEY (repeatable). VALUE is read
                         as in a spec: JSON text (0.8, true, [1, 2], "seller-best"),
                         and a bare token that is not JSON is a string, so
                         --set epsilon=1/2 means "1/2" and --set prices=[1,9/5]
                         means [1, "9/5"]. Setting a swept parameter replaces its
                         sweep by that one value (its key column stays).
      --all              print every row of the table (default: the first \(shownRows))
      --figure FILE      draw the spec's figure at these parameters into FILE
                         (refused inside the experiments folder or over the spec)
      --json             print a machine-readable result on stdout
      --experiments DIR  where the specs are (default: experiments); artifacts
                         that claims refer to are computed from there, unchanged
      --help             this text

    A claim "holds" when its check holds under every convention it is checked
    across; "n/a" when its rows do not exist at these parameters (not a
    failure); claims the spec marks not reproducible are not checked.

    exit status: 0 every checked claim holds, 1 some claim fails (or the solver
    fails), 2 invalid input (unknown spec or key, a value out of its domain,
    a refused --figure path): nothing is written, 3 the figure could not be
    written.
    """

    /// Parses the arguments after `try`.
    public static func parse(_ arguments: [String]) throws -> TryOptions {
        var o = TryOptions()
        var i = 0
        func value(_ flag: String) throws -> String { try optionValue(arguments, &i, flag) { TryUsageError("\($0) needs a value") } }
        var specs: [String] = []
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--set":
                let v = try value(a)
                guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                    throw TryUsageError("--set needs KEY=VALUE, got \(abridged(v))")
                }
                let key = String(v[..<eq])
                guard !o.settings.contains(where: { $0.key == key }) else { throw TryUsageError("--set \(key) is given twice") }
                o.settings.append(Setting(key: key, value: String(v[v.index(after: eq)...])))
            case "--all": o.allRows = true
            case "--figure": o.figure = try value(a)
            case "--json": o.json = true
            case "--experiments": o.experiments = try value(a)
            case "--help", "-h": o.help = true
            default:
                if a.hasPrefix("-") {
                    let known = ["--set", "--all", "--figure", "--json", "--experiments", "--help"]
                    throw TryUsageError("unknown option \(a)" + (nearest(a, among: known).map { " (did you mean \($0)?)" } ?? ""))
                }
                specs.append(a)
            }
            i += 1
        }
        if o.help { return o }
        guard specs.count == 1 else {
            throw TryUsageError(specs.isEmpty ? "a spec is needed (an id, paper/id or a spec file)" : "one spec at a time, got \(specs.count): " + specs.joined(separator: " "))
        }
        o.spec = specs[0]
        if o.figure?.isEmpty == true { throw TryUsageError("--figure needs a file name") }
        return o
    }
}

/// Bad `replicate try` arguments (exit status 2).
struct TryUsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { "usage error: try: \(message) (see `replicate try --help`)" }
}

/// The JSON a `--set` value stands for. Text that is valid JSON is taken as
/// is. Otherwise a value that does not open an array or object is one string
/// (`1/2` → `"1/2"`, `seller-best` → `"seller-best"`, a formula with spaces),
/// as specs write rationals and choices; in an array or object, each bare
/// token that is not a JSON number or literal becomes a string
/// (`[1,9/5]` → `[1,"9/5"]`). Returns the JSON text to parse.
func commandLineJSON(_ text: String) -> String {
    if (try? parseJSON(text)) != nil { return text }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("[") || trimmed.hasPrefix("{") else { return jsonQuoted(text) }
    var out = ""
    var token = ""
    var inString = false, escaped = false
    func flush() {
        guard !token.isEmpty else { return }
        let isJSONScalar: Bool
        if let node = try? parseJSON(token) {
            switch node.value {
            case .number, .bool, .null: isJSONScalar = true
            default: isJSONScalar = false
            }
        } else {
            isJSONScalar = false
        }
        out += isJSONScalar ? token : jsonQuoted(token)
        token = ""
    }
    for ch in text {
        if inString {
            out.append(ch)
            if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
            continue
        }
        switch ch {
        case "\"":
            flush()
            inString = true
            out.append(ch)
        case "[", "]", "{", "}", ",", ":", " ", "\t", "\n", "\r":
            flush()
            out.append(ch)
        default:
            token.append(ch)
        }
    }
    flush()
    return out
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
public func jsonQuoted(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
    var r = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": r += "\\\""
        case "\\": r += "\\\\"
        case "\n": r += "\\n"
        case "\r": r += "\\r"
        case "\t": r += "\\t"
        default:
            if ch.value < 0x20 { r += String(format: "\\u%04x", ch.value) } else { r.unicodeScalars.append(ch) }
        }
    }
    return r + "\""
}
