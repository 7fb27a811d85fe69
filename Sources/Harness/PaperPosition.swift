// Where an artifact sits in its paper, so the reports list artifacts in the
// order a reader meets them: front matter (abstract, introduction), the main
// text by section, artifacts whose section cannot be told, then the appendix.
//
// The position is derived from the spec's `artifact` text ("Section III.B,
// Example 3", "Example 5.3", "Appendix A.4, Figure 6 (c)", "Footnote 12,
// Appendix A.4") or from its optional `order` key, which names the place
// explicitly in the same words ("Section III.1") or as a section number (4.2).
//
// Rule (deterministic): the text is scanned for locators, a keyword followed
// by a number: sections ("Section", "Sec", "Appendix", "Introduction",
// "abstract") and items ("Example", "Figure", "Table", "Theorem",
// "Proposition", "Lemma", "Corollary", "Definition", "Remark", "Finding",
// "Case", "Footnote", plurals and short forms too). The section comes from the
// first locator that gives one: a section locator, or an item numbered within
// its section ("Example 5.3" is in Section 5, "Lemma A.2" in Appendix A). The
// item is the first item locator; its number (the part after its section),
// with a sub-part letter ("Figure 4 (b)", "Remark 1A"), orders artifacts within
// a section. Section numbers may be roman (III = 3) and sub-sections letters
// (III.B = 3.2; Appendix A.3 = 1.3). An artifact naming no section (only
// "Figure 2" or "Footnote 2") goes after the main text, before the appendix.

import Foundation

public struct PaperPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Part: Int, Sendable, Comparable {
        /// Abstract and introduction.
        case front = 0
        /// A numbered section of the main text.
        case main = 1
        /// No section could be told (after the main text).
        case unplaced = 2
        case appendix = 3
        /// No locator at all.
        case unknown = 4

        public static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
    }

    public var part: Part
    /// Section numbers, outermost first (Appendix A.3.3 = [1, 3, 3]).
    public var section: [Int]
    /// The item's number within its section, with a sub-part letter as a further number.
    public var item: [Int]
    /// The item's kind (examples before figures before tables ...), a tie-break.
    public var kind: Int

    public init(part: Part, section: [Int] = [], item: [Int] = [], kind: Int = 0) {
        self.part = part
        self.section = section
        self.item = item
        self.kind = kind
    }

    public static func < (a: PaperPosition, b: PaperPosition) -> Bool {
        if a.part != b.part { return a.part < b.part }
        if a.section != b.section { return a.section.lexicographicallyPrecedes(b.section) }
        if a.item != b.item { return a.item.lexicographicallyPrecedes(b.item) }
        return a.kind < b.kind
    }

    public var description: String {
        "\(part) " + section.map(String.init).joined(separator: ".") + " / " + item.map(String.init).joined(separator: ".") + " #\(kind)"
    }

    /// The position an `artifact` text names (`.unknown` when it names none).
    public static func derive(from artifact: String) -> PaperPosition {
        let locators = scanLocators(artifact)
        guard let first = locators.first else { return PaperPosition(part: .unknown) }
        let item = locators.first { $0.kind != nil }
        var p: PaperPosition
        if let placed = (first.placement != nil ? first : locators.first { $0.placement != nil }), let place = placed.placement {
            p = PaperPosition(part: place.part, section: place.section)
        } else {
            p = PaperPosition(part: .unplaced)
        }
        if let item, let kind = item.kind {
            p.item = item.itemNumber
            p.kind = kind
        }
        return p
    }

    /// The position an explicit `order` value names: a text in the words of
    /// `artifact` that names a section, or a section number ("4.2"). An item
    /// the order does not name is taken from `artifact`. Nil when the value
    /// names no section.
    public static func explicit(_ order: String, artifact: String) -> PaperPosition? {
        let text = order.allSatisfy({ $0.isNumber || $0 == "." }) && order.first?.isNumber == true && order.last?.isNumber == true
            ? "Section \(order)" : order
        let locators = scanLocators(text)
        guard let placed = locators.first(where: { $0.placement != nil })?.placement else { return nil }
        let named = derive(from: text)
        var p = PaperPosition(part: placed.part, section: placed.section)
        if locators.contains(where: { $0.kind != nil }) {
            p.item = named.item
            p.kind = named.kind
        } else {
            let fromArtifact = derive(from: artifact)
            p.item = fromArtifact.item
            p.kind = fromArtifact.kind
        }
        return p
    }

    // MARK: - Scanning

    /// Item keywords in kind order (the kind is the index of the first form that matches).
    static let itemKinds: [[String]] = [
        ["example", "examples", "ex"],
        ["figure", "figures", "fig", "figs"],
        ["table", "tables"],
        ["definition", "definitions", "def", "defs"],
        ["theorem", "theorems", "thm"],
        ["proposition", "propositions", "prop", "props"],
        ["lemma", "lemmas", "lemmata"],
        ["corollary", "corollaries", "cor"],
        ["remark", "remarks"],
        ["finding", "findings"],
        ["case", "cases"],
        ["footnote", "footnotes", "fn"],
    ]
    static let sectionWords = ["section", "sections", "sec", "secs"]

    struct Locator {
        /// Part and section this locator places the artifact in, if any.
        var placement: (part: Part, section: [Int])?
        /// The item kind (nil for a section locator).
        var kind: Int?
        var itemNumber: [Int] = []
    }

    static func scanLocators(_ text: String) -> [Locator] {
        let words = tokens(text)
        var result: [Locator] = []
        var i = 0
        while i < words.count {
            let w = words[i].lowercased()
            let next = i + 1 < words.count ? words[i + 1] : nil
            if w == "introduction" || w == "abstract" {
                result.append(Locator(placement: (.front, [])))
            } else if w == "appendix" || w == "appendices" {
                if let next, let s = appendixNumber(next) {
                    result.append(Locator(placement: (.appendix, s)))
                    i += 1
                } else {
                    result.append(Locator(placement: (.appendix, [])))
                }
            } else if sectionWords.contains(w), let next, let s = sectionNumber(next) {
                result.append(Locator(placement: (.main, s)))
                i += 1
            } else if let kind = itemKinds.firstIndex(where: { $0.contains(w) }), let next, let n = itemNumber(next) {
                var number = n.number
                // A figure's sub-part: "Figure 4 (b)".
                if i + 2 < words.count, words[i + 2].count == 3, words[i + 2].first == "(", words[i + 2].last == ")",
                   let letter = words[i + 2].dropFirst().first, letter.isLetter, letter.isLowercase {
                    number.append(letterOrdinal(letter))
                }
                result.append(Locator(placement: n.section, kind: kind, itemNumber: number))
                i += 1
            }
            i += 1
        }
        return result
    }

    /// Words: runs of letters, digits and "." (a trailing "." dropped), and parenthesised single letters "(a)".
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        var k = 0
        func flush() {
            while current.hasSuffix(".") { current.removeLast() }
            if !current.isEmpty { out.append(current) }
            current = ""
        }
        while k < chars.count {
            let c = chars[k]
            if c == "(", k + 2 < chars.count, chars[k + 2] == ")", chars[k + 1].isLetter {
                flush()
                out.append(String(chars[k...k + 2]))
                k += 3
                continue
            }
            if c.isLetter || c.isNumber || c == "." { current.append(c) } else { flush() }
            k += 1
        }
        flush()
        return out
    }

    /// "3.2" → [3, 2]; "III.B" → [3, 2]; "IV" → [4]; nil for a word that is no section number.
    static func sectionNumber(_ s: String) -> [Int]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        var out: [Int] = []
        if let n = Int(first), first.allSatisfy(\.isASCII) { out.append(n) } else if let r = roman(first) { out.append(r) } else { return nil }
        for p in parts.dropFirst() {
            guard let c = component(p) else { return nil }
            out += c
        }
        return out
    }

    /// "A.3.3" → [1, 3, 3]; "A1" → [1, 1]; "B" → [2].
    static func appendixNumber(_ s: String) -> [Int]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var out: [Int] = []
        for (k, p) in parts.enumerated() {
            guard let c = component(p) else { return nil }
            if k == 0, let first = p.first, !first.isUppercase { return nil }
            out += c
        }
        return out.isEmpty ? nil : out
    }

    /// An item number: "5.3" (section 5, item 3), "A.2" (Appendix A, item 2), "4", "1A".
    static func itemNumber(_ s: String) -> (number: [Int], section: (part: Part, section: [Int])?)? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.first?.isNumber == true || (first.first?.isUppercase == true && parts.count > 1) else { return nil }
        var comps: [[Int]] = []
        for p in parts {
            guard let c = component(p) else { return nil }
            comps.append(c)
        }
        if comps.count == 1 { return (comps[0], nil) }
        let section = comps.dropLast().flatMap { $0 }
        let part: Part = first.first!.isLetter ? .appendix : .main
        return (comps.last!, (part, section))
    }

    /// One dotted component: digits, a capital letter, or both ("1A", "A1").
    static func component(_ p: String) -> [Int]? {
        guard !p.isEmpty, p.count <= 6, p.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else { return nil }
        let letters = p.filter(\.isLetter), digits = p.filter(\.isNumber)
        guard letters.count <= 1 else { return nil }
        if letters.isEmpty { return [Int(digits)!] }
        if digits.isEmpty { return [letterOrdinal(letters.first!)] }
        // "1A": item 1, part A; "A1": appendix A, section 1.
        return p.first!.isNumber ? [Int(digits)!, letterOrdinal(letters.first!)] : [letterOrdinal(letters.first!), Int(digits)!]
    }

    static func letterOrdinal(_ c: Character) -> Int {
        Int(c.uppercased().unicodeScalars.first!.value) - 64
    }

    /// A roman numeral I … XXXIX (uppercase), nil otherwise.
    static func roman(_ s: String) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10]
        guard !s.isEmpty, s.count <= 6, s.allSatisfy({ values[$0] != nil }) else { return nil }
        let v = s.map { values[$0]! }
        var total = 0
        for k in v.indices { total += (k + 1 < v.count && v[k] < v[k + 1]) ? -v[k] : v[k] }
        return total > 0 ? total : nil
    }
}
