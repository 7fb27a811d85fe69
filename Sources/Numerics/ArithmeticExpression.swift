// Exact arithmetic expressions over named variables, evaluated in rationals:
// a paper's formula in a claim, written in terms of the artifact's columns
// ("1/2 - 3*gamma/4", "(5 - 12*gamma)/48"), or a number of a menu's text
// form in the menu family's parameter ("0.2 - x").
//
// Grammar (usual precedence, left associative; ^ binds tightest, integer exponents only):
//   expr    := term (("+" | "-") term)*
//   term    := unary (("*" | "/") unary)*
//   unary   := "-" unary | power
//   power   := primary ("^" "-"? integer)?
//   primary := number | variable | "(" expr ")"
// Numbers are decimals ("0.0001", "3"); variables are identifiers (letters,
// digits and "_", not starting with a digit).

/// A parsed arithmetic expression over named variables.
public indirect enum ArithmeticExpression: Sendable, CustomStringConvertible {
    case number(Rational)
    case variable(String)
    case negate(ArithmeticExpression)
    case binary(Character, ArithmeticExpression, ArithmeticExpression)
    case power(ArithmeticExpression, Int)

    /// Parses `text`.
    /// - Throws: `ExpressionError` with the offending position.
    public init(parsing text: String) throws {
        var p = ExpressionParser(Array(text))
        self = try p.expression()
        p.skipSpaces()
        guard p.index == p.chars.count else { throw p.error("an operator or the end of the expression") }
    }

    /// The variable names the expression uses, in order of first appearance.
    public var variables: [String] {
        var out: [String] = []
        func walk(_ e: ArithmeticExpression) {
            switch e {
            case .number: break
            case let .variable(c): if !out.contains(c) { out.append(c) }
            case let .negate(a): walk(a)
            case let .binary(_, a, b): walk(a); walk(b)
            case let .power(a, _): walk(a)
            }
        }
        walk(self)
        return out
    }

    /// The exact value with variables bound by `value` (nil when a variable has
    /// no value, or on division by zero).
    public func evaluate(_ value: (String) -> Rational?) -> Rational? {
        switch self {
        case let .number(r): return r
        case let .variable(c): return value(c)
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

    public var description: String {
        switch self {
        case let .number(r): return r.description
        case let .variable(c): return c
        case let .negate(a): return "-(\(a))"
        case let .binary(op, a, b): return "(\(a) \(op) \(b))"
        case let .power(a, n): return "(\(a))^\(n)"
        }
    }
}

/// A syntax error in an expression.
public struct ExpressionError: Error, CustomStringConvertible, Sendable {
    /// 0-based character offset.
    public let position: Int
    /// What was expected there.
    public let expected: String
    public var description: String { "expected \(expected) at character \(position + 1)" }
}

struct ExpressionParser {
    let chars: [Character]
    var index = 0
    init(_ chars: [Character]) { self.chars = chars }

    func error(_ expected: String) -> ExpressionError { ExpressionError(position: index, expected: expected) }

    mutating func skipSpaces() { while index < chars.count, chars[index] == " " { index += 1 } }

    mutating func peek() -> Character? { skipSpaces(); return index < chars.count ? chars[index] : nil }

    mutating func expression() throws -> ArithmeticExpression {
        var lhs = try term()
        while let c = peek(), c == "+" || c == "-" { index += 1; lhs = .binary(c, lhs, try term()) }
        return lhs
    }

    mutating func term() throws -> ArithmeticExpression {
        var lhs = try unary()
        while let c = peek(), c == "*" || c == "/" { index += 1; lhs = .binary(c, lhs, try unary()) }
        return lhs
    }

    mutating func unary() throws -> ArithmeticExpression {
        if peek() == "-" { index += 1; return .negate(try unary()) }
        let base = try primary()
        guard peek() == "^" else { return base }
        index += 1
        var sign = 1
        if peek() == "-" { index += 1; sign = -1 }
        skipSpaces()
        let start = index
        while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
        guard index > start, let n = Int(String(chars[start..<index])), n <= 64 else { index = start; throw error("an integer exponent (at most 64)") }
        return .power(base, sign * n)
    }

    mutating func primary() throws -> ArithmeticExpression {
        guard let c = peek() else { throw error("a number, a name or \"(\"") }
        if c == "(" {
            index += 1
            let e = try expression()
            guard peek() == ")" else { throw error("\")\"") }
            index += 1
            return e
        }
        let start = index
        if c.isASCII, c.isNumber || c == "." {
            while index < chars.count, chars[index].isASCII, chars[index].isNumber || chars[index] == "." { index += 1 }
            guard let r = try? Rational(parsing: String(chars[start..<index])) else { index = start; throw error("a decimal number") }
            return .number(r)
        }
        if c.isASCII, c.isLetter || c == "_" {
            while index < chars.count, chars[index].isASCII, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" { index += 1 }
            return .variable(String(chars[start..<index]))
        }
        throw error("a number, a name or \"(\"")
    }
}
