// The numbers of the menu text forms: exact arithmetic in one variable (the
// menu family's parameter x, e.g. "0.2 - x" in Example 5.2's menus),
// evaluated in rationals.
//
// Grammar (usual precedence, left associative; ^ binds tightest, integer exponents only):
//   expr    := term (("+" | "-") term)*
//   term    := unary (("*" | "/") unary)*
//   unary   := "-" unary | power
//   power   := primary ("^" "-"? integer)?
//   primary := number | variable | "(" expr ")"

import Numerics

/// A parsed arithmetic expression over named variables.
indirect enum MenuArithmetic: Sendable {
    case number(Rational)
    case variable(String)
    case negate(MenuArithmetic)
    case binary(Character, MenuArithmetic, MenuArithmetic)
    case power(MenuArithmetic, Int)

    /// Parses `text`; nil when it is not an expression.
    init?(parsing text: String) {
        var p = ArithmeticParser(Array(text))
        guard let e = p.expression() else { return nil }
        p.skipSpaces()
        guard p.index == p.chars.count else { return nil }
        self = e
    }

    /// The variable names the expression uses, in order of first appearance.
    var variables: [String] {
        var out: [String] = []
        func walk(_ e: MenuArithmetic) {
            switch e {
            case .number: break
            case let .variable(v): if !out.contains(v) { out.append(v) }
            case let .negate(a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            case let .power(a, _): walk(a)
            }
        }
        walk(self)
        return out
    }

    /// The exact value with variables bound by `value` (nil when a variable
    /// has no value, or on division by zero).
    func evaluate(_ value: (String) -> Rational?) -> Rational? {
        switch self {
        case let .number(r): return r
        case let .variable(v): return value(v)
        case let .negate(a): return a.evaluate(value).map { -$0 }
        case let .power(a, n):
            guard let x = a.evaluate(value), n >= 0 || !x.isZero else { return nil }
            return n >= 0 ? x.power(n) : Rational(1) / x.power(-n)
        case let .binary(op, a, b):
            guard let x = a.evaluate(value), let y = b.evaluate(value) else { return nil }
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return y.isZero ? nil : x / y
            }
        }
    }
}

private struct ArithmeticParser {
    let chars: [Character]
    var index = 0
    init(_ chars: [Character]) { self.chars = chars }

    mutating func skipSpaces() { while index < chars.count, chars[index] == " " { index += 1 } }

    mutating func peek() -> Character? { skipSpaces(); return index < chars.count ? chars[index] : nil }

    mutating func expression() -> MenuArithmetic? {
        guard var lhs = term() else { return nil }
        while let c = peek(), c == "+" || c == "-" {
            index += 1
            guard let rhs = term() else { return nil }
            lhs = .binary(c, lhs, rhs)
        }
        return lhs
    }

    mutating func term() -> MenuArithmetic? {
        guard var lhs = unary() else { return nil }
        while let c = peek(), c == "*" || c == "/" {
            index += 1
            guard let rhs = unary() else { return nil }
            lhs = .binary(c, lhs, rhs)
        }
        return lhs
    }

    mutating func unary() -> MenuArithmetic? {
        if peek() == "-" { index += 1; return unary().map { .negate($0) } }
        guard let base = primary() else { return nil }
        guard peek() == "^" else { return base }
        index += 1
        var sign = 1
        if peek() == "-" { index += 1; sign = -1 }
        skipSpaces()
        let start = index
        while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
        guard index > start, let n = Int(String(chars[start..<index])), n <= 64 else { return nil }
        return .power(base, sign * n)
    }

    mutating func primary() -> MenuArithmetic? {
        guard let c = peek() else { return nil }
        if c == "(" {
            index += 1
            guard let e = expression(), peek() == ")" else { return nil }
            index += 1
            return e
        }
        let start = index
        if c.isASCII, c.isNumber || c == "." {
            while index < chars.count, chars[index].isASCII, chars[index].isNumber || chars[index] == "." { index += 1 }
            return (try? Rational(parsing: String(chars[start..<index]))).map { .number($0) }
        }
        if c.isASCII, c.isLetter || c == "_" {
            while index < chars.count, chars[index].isASCII, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" { index += 1 }
            return .variable(String(chars[start..<index]))
        }
        return nil
    }
}
