// Limits on untrusted input: what no real spec or golden needs, so that no
// input can make the runner hang, exhaust memory or take quadratic time on
// a single number. Every limit gives an error naming the file and key path
// (or line); the README's "Untrusted input" lists them.

/// The limits, in one place.
public enum InputLimits {
    /// A spec file (the largest real one is about 26 KB).
    public static let specBytes = 1 << 20
    /// A JSON string value (a quote, a note).
    public static let stringBytes = 20_000
    /// A JSON object key.
    public static let keyBytes = 100
    /// Elements of one JSON array.
    public static let arrayElements = 10_000
    /// Elements of a list parameter (at every nesting level), unless its
    /// declaration sets a smaller `maximumCount`.
    public static let listElements = 1_000
    /// Characters of a number written in a spec (JSON number or "a/b" string).
    public static let numberCharacters = 100
    /// The decimal exponent of a number written in a spec ("1e-300" is allowed).
    public static let numberExponent = 400
    /// Points of a figure's printed layer (what the paper prints).
    public static let printedPoints = 1_000
    /// Rows of a sweep (the product of its axes).
    public static let sweepRows = 20_000
    /// A golden CSV file.
    public static let goldenBytes = 16 << 20
    /// One cell of a golden CSV file (the longest real exact value has about 440 digits).
    public static let goldenCellCharacters = 20_000
    /// A shard summary (`replicate merge`): it holds its specs' whole tables.
    public static let shardSummaryBytes = 256 << 20
    /// A string of a shard summary (a table cell, an error message).
    public static let shardSummaryStringBytes = 1 << 20
    /// Elements of one array of a shard summary (the rows of a table).
    public static let shardSummaryArrayElements = 1_000_000
    /// A number cell of a shard summary's table (reading one costs time
    /// quadratic in its length).
    public static let shardSummaryNumberCharacters = 100_000
    /// Names longer than this get no "did you mean" suggestion.
    public static let suggestedNameCharacters = 64
}

/// Checks a number written in a spec against the limits: at most
/// `numberCharacters` characters and a decimal exponent of at most
/// `numberExponent`. Returns nil when it is within them, else what is expected.
func numberLimitViolation(_ text: String) -> String? {
    if text.utf8.count > InputLimits.numberCharacters {
        return "a number of at most \(InputLimits.numberCharacters) characters"
    }
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        let digits = text[text.index(after: e)...].drop { $0 == "+" || $0 == "-" }
        if let v = Int(digits), v > InputLimits.numberExponent {
            return "a number with a decimal exponent of at most \(InputLimits.numberExponent)"
        }
    }
    return nil
}
