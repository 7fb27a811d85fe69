// Errors of the harness. Invalid input (a malformed or inconsistent spec, a
// missing or malformed golden file, bad command-line arguments) makes the
// runner exit with status 2 before anything is written.

import Numerics

/// Invalid input: always names the file, the key path (or line) and what was expected.
public enum HarnessError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A spec value is missing, of the wrong type, unknown or out of its domain.
    case invalidSpec(file: String, keyPath: String, expected: String, found: String?, suggestion: String?)
    /// The spec is not valid JSON.
    case malformedJSON(file: String, line: Int, column: Int, message: String)
    /// The golden CSV file does not exist.
    case missingGolden(file: String, spec: String)
    /// The golden CSV file exists but cannot be read as the artifact's table.
    case invalidGolden(file: String, line: Int, message: String)
    /// Bad command-line arguments.
    case usage(String)
    /// A file could not be read or written.
    case io(file: String, message: String)

    public var description: String {
        switch self {
        case let .invalidSpec(file, keyPath, expected, found, suggestion):
            var s = "\(file): \(keyPath.isEmpty ? "(top level)" : keyPath): expected \(abridged(expected))"
            if let found { s += ", found \(abridged(found))" }
            if let suggestion { s += " (did you mean \"\(suggestion)\"?)" }
            return s
        case let .malformedJSON(file, line, column, message):
            return "\(file):\(line):\(column): malformed JSON: \(message)"
        case let .missingGolden(file, spec):
            return "\(file): golden file of spec \"\(spec)\" is missing (create it with `replicate --only \(spec) --bless` after checking the output)"
        case let .invalidGolden(file, line, message):
            return "\(file):\(line): malformed golden CSV: \(message)"
        case let .usage(message):
            return "usage error: \(message) (see `replicate --help`)"
        case let .io(file, message):
            return "\(file): \(message)"
        }
    }
}

/// `text` cut for a message when longer than `limit` characters (a long
/// quoted input would drown the message): the first 4/5 of the limit, then
/// "… (N characters)".
public func abridged(_ text: String, to limit: Int = 300) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit * 4 / 5)) + "… (\(text.count) characters)"
}

/// Thrown by a solver's parameter validation: `parameter` is a key path below
/// "parameters" (e.g. "values[1][0]"), `expected` says what a valid value is.
public struct SolverInputError: Error, CustomStringConvertible, Sendable {
    public let parameter: String
    public let expected: String
    public let found: String?

    public init(parameter: String, expected: String, found: String? = nil) {
        self.parameter = parameter
        self.expected = expected
        self.found = found
    }

    public var description: String {
        "parameters.\(parameter): expected \(expected)" + (found.map { ", found \($0)" } ?? "")
    }
}

/// Runs `body`, which builds or solves a model from a solver's parameters: a
/// model error of type `E` becomes the input error `map` names (a spec error,
/// exit status 2, nothing written); any other error passes through. The solver
/// layers use it to put the model's errors, which name model concepts, at the
/// spec keys they concern.
public func reportingModelErrors<E: Error, T>(_ type: E.Type, as map: (E) -> SolverInputError, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as E { throw map(e) }
}

/// Levenshtein distance, for "did you mean" suggestions. O(|a|·|b|).
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased()), y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}

/// The candidate closest to `word` when it is plausibly a typo of it.
func nearest(_ word: String, among candidates: [String]) -> String? {
    guard word.count <= InputLimits.suggestedNameCharacters else { return nil }
    let scored = candidates.map { ($0, editDistance(word, $0)) }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    guard let best = scored.first else { return nil }
    return best.1 <= max(2, word.count / 3) ? best.0 : nil
}
