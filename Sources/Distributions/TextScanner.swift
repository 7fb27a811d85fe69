// The character cursor the text forms share (distributions here; menus and
// opponent profiles in CompetitiveScreening): whitespace, single characters,
// identifiers, and where the cursor stands for error messages.

/// A recursive-descent parser's position in its text.
public protocol TextScanner {
    var chars: [Character] { get }
    var text: String { get }
    var i: Int { get set }
}

extension TextScanner {
    public mutating func skipSpace() { while i < chars.count && chars[i].isWhitespace { i += 1 } }

    /// Consumes `c` (after whitespace) when it comes next.
    public mutating func accept(_ c: Character) -> Bool {
        skipSpace()
        if i < chars.count && chars[i] == c { i += 1; return true }
        return false
    }

    /// The next identifier (letters, '_' and '-'), lowercased; empty when none.
    public mutating func identifier() -> String {
        skipSpace()
        let start = i
        while i < chars.count && (chars[i].isLetter || chars[i] == "_" || chars[i] == "-") { i += 1 }
        return String(chars[start..<i]).lowercased()
    }

    public var atEnd: Bool { i >= chars.count }

    /// Where the cursor stands, for an error.
    public var position: TextPosition { TextPosition(text: text, offset: i) }
}
