// The character cursor the model's text forms share (valuation laws, menus,
// opponent profiles): whitespace, single characters, identifiers, and where
// the cursor stands for error messages.

/// A recursive-descent parser's position in its text.
protocol TextScanner {
    var chars: [Character] { get }
    var text: String { get }
    var i: Int { get set }
}

extension TextScanner {
    mutating func skipSpace() { while i < chars.count && chars[i].isWhitespace { i += 1 } }

    /// Consumes `c` (after whitespace) when it comes next.
    mutating func accept(_ c: Character) -> Bool {
        skipSpace()
        if i < chars.count && chars[i] == c { i += 1; return true }
        return false
    }

    /// The next identifier (letters, '_' and '-'), lowercased; empty when none.
    mutating func identifier() -> String {
        skipSpace()
        let start = i
        while i < chars.count && (chars[i].isLetter || chars[i] == "_" || chars[i] == "-") { i += 1 }
        return String(chars[start..<i]).lowercased()
    }

    var atEnd: Bool { i >= chars.count }

    /// Where the cursor stands, for an error.
    var position: TextPosition { TextPosition(text: text, offset: i) }
}
