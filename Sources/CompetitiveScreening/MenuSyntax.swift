// The text forms of menus and of the dependence between valuations (numbers
// are exact decimals, fractions or arithmetic in the menu family's variable
// x, e.g. "0.2 - x", see Numerics.ArithmeticExpression):
//   opponent menus   "none", "posted(0.4)", "menu([(0.5, 0.2), (1, 0.7)])", "tariff(c=1)" (or "tariff(1)");
//   own menus        the same but tariff, plus "binding([q_1, …, q_K])" and
//                    "rule(knots=[…], values=[…], slopes=[…])" (MenuEvaluation.swift);
//   dependence       "independent", "fgm(rho=ρ)" / "fgm(ρ)", "perfect", "perfect(offsets=[d_1, …])".
// Errors are `.syntax` (the position in the text and what was expected) or
// the menu's own validation errors.

import Foundation
import Distributions
import Numerics

/// The keywords of the menu forms.
enum MenuKeyword: String {
    case nothing = "none"
    case posted, menu, tariff, binding, rule
}

/// The keywords of the dependence forms.
enum DependenceKeyword: String {
    case independent, fgm, perfect
}

/// Argument labels of the menu and dependence forms.
enum SyntaxLabel: String {
    case p, c, q, knots, values, slopes, rho, offsets
}

/// The one variable menu numbers may use: the menu family's parameter.
enum MenuVariable: String {
    case x
}

extension OpponentMenu {
    /// Parses the text form ("none", "posted(0.4)", "menu([(0.5, 0.2), (1, 0.7)])",
    /// "tariff(c=1)"); numbers may use the variable x when `x` is given.
    public init(parsing text: String, x: Rational? = nil) throws {
        var parser = MenuTextParser(text: text, form: .opponentMenu, x: x)
        let form = try parser.opponentForm()
        try parser.expectEnd()
        try self.init(form)
    }
}

extension Dependence {
    /// Parses "independent", "fgm(rho=ρ)" / "fgm(ρ)", "perfect" (all offsets 0
    /// for `opponents` opponents) or "perfect(offsets=[d_1, …])".
    public init(parsing text: String, opponents: Int) throws {
        var p = MenuTextParser(text: text, form: .dependence, x: nil)
        let save = p
        let name = p.identifier()
        switch DependenceKeyword(rawValue: name) {
        case .independent?: self = .independent
        case .fgm?:
            let what = "the FGM parameter ρ"
            try p.expect("(", what)
            p.optionalLabel(.rho)
            let rho = try p.number(what)
            try p.expect(")", what)
            self = .copula(try Copula.fgmChecked(rho: rho.doubleValue))
        case .perfect?:
            if p.accept("(") {
                let what = "the offsets d_j"
                p.optionalLabel(.offsets)
                let d = try p.numberList(what)
                try p.expect(")", what)
                self = .perfect(offsets: d.map(\.doubleValue))
            } else {
                self = .perfect(offsets: Array(repeating: 0, count: opponents))
            }
        case nil:
            p = save
            throw p.fail("", "independent, fgm(rho=ρ), perfect or perfect(offsets=[…])")
        }
        try p.expectEnd()
    }
}

/// A small recursive-descent parser for the menu and dependence text forms.
/// Numbers are arithmetic expressions in the optional variable x, evaluated exactly.
struct MenuTextParser: TextScanner {
    let chars: [Character]
    var i = 0
    let text: String
    private let form: TextForm
    private let x: Rational?

    init(text: String, form: TextForm, x: Rational?) {
        self.text = text; chars = Array(text); self.form = form; self.x = x
    }

    /// A syntax error at the cursor; `context` names the part being read.
    func fail(_ context: String, _ expectation: String) -> CompetitiveScreeningError {
        .syntax(form: form, position: position, expected: context.isEmpty ? expectation : "\(expectation) for \(context)")
    }

    mutating func expect(_ c: Character, _ context: String) throws {
        guard accept(c) else { throw fail(context, "'\(c)'") }
    }

    mutating func expectEnd() throws {
        skipSpace()
        if i < chars.count { throw fail("", "the end of the \(form)") }
    }

    /// An arithmetic expression up to the next top-level ',', ')' or ']' (or ';', '@').
    mutating func number(_ context: String) throws -> Rational {
        skipSpace()
        let start = i
        var depth = 0
        while i < chars.count {
            let c = chars[i]
            if c == "(" { depth += 1 } else if c == ")" { if depth == 0 { break }; depth -= 1 }
            else if depth == 0 && (c == "," || c == "]" || c == ";" || c == "@") { break }
            i += 1
        }
        let token = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
        let variable = MenuVariable.x.rawValue
        guard !token.isEmpty, let e = try? ArithmeticExpression(parsing: token) else {
            i = start
            throw fail(context, "a number or an arithmetic expression in \(variable) (e.g. 0.2 - \(variable))")
        }
        if let bad = e.variables.first(where: { $0 != variable }) {
            i = start
            throw fail(context, "numbers in the single variable \(variable) (found \(bad))")
        }
        if e.variables.contains(variable) && x == nil {
            i = start
            throw fail(context, "a number (\(variable) is used but no value for \(variable) is given)")
        }
        guard let v = e.evaluate({ $0 == variable ? x : nil }) else {
            i = start
            throw fail(context, "an expression with a defined value (division by zero?)")
        }
        return v
    }

    /// "[e, e, ...]".
    mutating func numberList(_ context: String) throws -> [Rational] {
        try expect("[", context)
        var xs: [Rational] = []
        if accept("]") { return xs }
        repeat { xs.append(try number("element \(xs.count + 1) of \(context)")) } while accept(",")
        try expect("]", context)
        return xs
    }

    /// "[(q, t), (q, t)]".
    mutating func contractList() throws -> [Contract] {
        let context = "the contracts"
        try expect("[", context)
        var cs: [Contract] = []
        if accept("]") { return cs }
        repeat {
            let k = "contract \(cs.count + 1)"
            try expect("(", k)
            let q = try number("the allocation q of \(k)")
            try expect(",", k)
            let t = try number("the transfer t of \(k)")
            try expect(")", k)
            cs.append(Contract(allocation: q, transfer: t))
        } while accept(",")
        try expect("]", context)
        return cs
    }

    /// An optional "label=" prefix (consumed when it matches `label`).
    mutating func optionalLabel(_ label: SyntaxLabel) {
        skipSpace()
        let save = i
        let id = identifier()
        if id == label.rawValue && accept("=") { return }
        i = save
    }

    /// The opponent forms.
    mutating func opponentForm() throws -> OpponentMenu.Form {
        let save = i
        let name = identifier()
        switch MenuKeyword(rawValue: name) {
        case .nothing?: return .none
        case .posted?:
            let what = "the posted price p"
            try expect("(", what)
            optionalLabel(.p)
            let p = try number(what)
            try expect(")", what)
            return .posted(price: p)
        case .menu?:
            let what = "the contracts"
            try expect("(", what)
            let cs = try contractList()
            try expect(")", what)
            return .finite(contracts: cs)
        case .tariff?:
            let what = "the tariff cost c"
            try expect("(", what)
            optionalLabel(.c)
            let c = try number(what)
            try expect(")", what)
            return .tariff(cost: c)
        default:
            i = save
            throw fail("", "a menu: none, posted(p), menu([(q, t), ...]) or tariff(c=...)")
        }
    }
}
