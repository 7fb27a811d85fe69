// Arithmetic expressions over named variables: a paper's formula in a claim,
// written in terms of the artifact's columns ("1/2 - 3*gamma/4",
// "(5 - 12*gamma)/48"), evaluated exactly in rationals; a number of a menu's
// text form in the menu family's parameter ("0.2 - x"); a density or cdf
// written as a formula ("0.05 + exp(20*(t - 1))"), evaluated in Doubles.
//
// Grammar (usual precedence, left associative; ^ binds tightest):
//   expr    := term (("+" | "-") term)*
//   term    := unary (("*" | "/") unary)*
//   unary   := "-" unary | power
//   power   := primary ("^" ("-"? integer | primary))?
//   primary := number | name "(" expr ")" | variable | "(" expr ")"
// Numbers are decimals ("0.0001", "3"); variables are identifiers (letters,
// digits and "_", not starting with a digit). The exact grammar (claims,
// menus) stops there: integer exponents only. The real grammar (formulas of
// densities) adds the functions exp, log (natural), sqrt and abs, and any
// other exponent ("x^0.5", "x^(1/3)"): a real power, evaluated in Doubles. At most
// `maximumLength` characters and `maximumDepth` nested levels (an error, not
// a stack overflow).

import Foundation

/// A parsed arithmetic expression over named variables.
public indirect enum ArithmeticExpression: Sendable, Equatable, CustomStringConvertible {
    case number(Rational)
    case variable(String)
    case negate(ArithmeticExpression)
    case binary(Character, ArithmeticExpression, ArithmeticExpression)
    case power(ArithmeticExpression, Int)
    /// base^exponent with a non-integer exponent (real, x > 0).
    case realPower(ArithmeticExpression, ArithmeticExpression)
    /// One of `functions` applied to an argument.
    case call(String, ArithmeticExpression)

    /// The functions the grammar knows.
    public static let functions = ["exp", "log", "sqrt", "abs"]
    /// The longest text accepted.
    public static let maximumLength = 10_000
    /// The deepest nesting accepted (parentheses, unary minus, calls, powers).
    public static let maximumDepth = 200

    /// Which operations the text may use.
    public enum Grammar: Sendable {
        /// + − * / and integer powers: every value is rational (claims, menu numbers).
        case exact
        /// Also exp, log, sqrt, abs and real powers (formulas evaluated in Doubles).
        case real
    }

    /// Parses `text` in `grammar` (exact by default).
    /// - Throws: `ExpressionError` with the offending position.
    public init(parsing text: String, grammar: Grammar = .exact) throws {
        let chars = Array(text)
        guard chars.count <= Self.maximumLength else {
            throw ExpressionError(position: Self.maximumLength, expected: "an expression of at most \(Self.maximumLength) characters")
        }
        var p = ExpressionParser(chars, real: grammar == .real)
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
            case let .negate(a), let .power(a, _), let .call(_, a): walk(a)
            case let .binary(_, a, b), let .realPower(a, b): walk(a); walk(b)
            }
        }
        walk(self)
        return out
    }

    /// The exact value with variables bound by `value` (nil when a variable has
    /// no value, on division by zero, or where the value is not rational: a
    /// function call, a non-integer power).
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
        case .realPower, .call:
            return nil
        }
    }

    /// The value in Doubles with variables bound by `value` (nil when a variable has
    /// no value; NaN or ±∞ where the operations are undefined, e.g. log of a negative).
    public func evaluateReal(_ value: (String) -> Double?) -> Double? {
        switch self {
        case let .number(r): return r.doubleValue
        case let .variable(c): return value(c)
        case let .negate(a): return a.evaluateReal(value).map { -$0 }
        case let .power(a, n): return a.evaluateReal(value).map { Foundation.pow($0, Double(n)) }
        case let .realPower(a, b):
            guard let x = a.evaluateReal(value), let y = b.evaluateReal(value) else { return nil }
            return Foundation.pow(x, y)
        case let .binary(op, a, b):
            guard let x = a.evaluateReal(value), let y = b.evaluateReal(value) else { return nil }
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            default: return x / y
            }
        case let .call(f, a):
            guard let x = a.evaluateReal(value) else { return nil }
            switch f {
            case "exp": return Foundation.exp(x)
            case "log": return Foundation.log(x)
            case "sqrt": return x.squareRoot()
            default: return Swift.abs(x)
            }
        }
    }

    /// d/d`variable`, symbolically (the chain, product and quotient rules;
    /// d|u| = sign(u) u′ is written u′·u/|u|). Not simplified beyond dropping zeros.
    public func derivative(_ variable: String) -> ArithmeticExpression {
        let zero = ArithmeticExpression.number(.zero)
        func isZero(_ e: ArithmeticExpression) -> Bool { if case let .number(r) = e { return r.isZero }; return false }
        func add(_ a: ArithmeticExpression, _ b: ArithmeticExpression) -> ArithmeticExpression {
            isZero(a) ? b : (isZero(b) ? a : .binary("+", a, b))
        }
        func mul(_ a: ArithmeticExpression, _ b: ArithmeticExpression) -> ArithmeticExpression {
            if isZero(a) || isZero(b) { return zero }
            if case let .number(r) = a, r == .one { return b }
            if case let .number(r) = b, r == .one { return a }
            return .binary("*", a, b)
        }
        switch self {
        case .number: return zero
        case let .variable(c): return c == variable ? .number(.one) : zero
        case let .negate(a):
            let d = a.derivative(variable)
            return isZero(d) ? zero : .negate(d)
        case let .binary(op, a, b):
            let da = a.derivative(variable), db = b.derivative(variable)
            switch op {
            case "+": return add(da, db)
            case "-": return isZero(db) ? da : .binary("-", da, db)
            case "*": return add(mul(da, b), mul(a, db))
            default:
                // (a/b)′ = a′/b − a b′/b².
                let first = isZero(da) ? zero : ArithmeticExpression.binary("/", da, b)
                if isZero(db) { return first }
                let second = ArithmeticExpression.binary("/", mul(a, db), .power(b, 2))
                return isZero(first) ? .negate(second) : .binary("-", first, second)
            }
        case let .power(a, n):
            if n == 0 { return zero }
            return mul(mul(.number(Rational(n)), n == 1 ? .number(.one) : .power(a, n - 1)), a.derivative(variable))
        case let .realPower(a, b):
            // (a^b)′ = a^b (b′ log a + b a′/a).
            let inner = add(mul(b.derivative(variable), .call("log", a)), mul(b, .binary("/", a.derivative(variable), a)))
            return mul(self, inner)
        case let .call(f, a):
            let da = a.derivative(variable)
            if isZero(da) { return zero }
            switch f {
            case "exp": return mul(self, da)
            case "log": return .binary("/", da, a)
            case "sqrt": return .binary("/", da, mul(.number(Rational(2)), self))
            default: return mul(da, .binary("/", a, self))
            }
        }
    }

    /// The expression as a polynomial in `variable` with rational coefficients
    /// (index k: the coefficient of variable^k), or nil when it is not one
    /// (another variable, a function call, a non-integer or negative power of a
    /// non-constant, division by a non-constant). At most degree 64.
    public func polynomial(in variable: String) -> [Rational]? {
        func trim(_ p: [Rational]) -> [Rational] {
            var p = p
            while p.count > 1, p.last!.isZero { p.removeLast() }
            return p
        }
        func add(_ a: [Rational], _ b: [Rational], _ sign: Rational) -> [Rational] {
            (0..<max(a.count, b.count)).map { (($0 < a.count) ? a[$0] : .zero) + sign * (($0 < b.count) ? b[$0] : .zero) }
        }
        func mul(_ a: [Rational], _ b: [Rational]) -> [Rational]? {
            guard a.count + b.count - 1 <= 65 else { return nil }
            var out = [Rational](repeating: .zero, count: a.count + b.count - 1)
            for (i, x) in a.enumerated() where !x.isZero { for (j, y) in b.enumerated() { out[i + j] += x * y } }
            return out
        }
        switch self {
        case let .number(r): return [r]
        case let .variable(c): return c == variable ? [.zero, .one] : nil
        case let .negate(a): return a.polynomial(in: variable).map { $0.map { -$0 } }
        case let .binary(op, a, b):
            guard let x = a.polynomial(in: variable), let y = b.polynomial(in: variable) else { return nil }
            switch op {
            case "+": return trim(add(x, y, .one))
            case "-": return trim(add(x, y, -.one))
            case "*": return mul(x, y).map(trim)
            default:
                let y = trim(y)
                guard y.count == 1, !y[0].isZero else { return nil }
                return x.map { $0 / y[0] }
            }
        case let .power(a, n):
            guard let x = a.polynomial(in: variable).map(trim) else { return nil }
            if n < 0 {
                guard x.count == 1, !x[0].isZero else { return nil }
                return [Rational(1) / x[0].power(-n)]
            }
            var out: [Rational] = [.one]
            for _ in 0..<n { guard let next = mul(out, x) else { return nil }; out = next }
            return trim(out)
        case .realPower, .call:
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .number(r): return r.description
        case let .variable(c): return c
        case let .negate(a): return "-(\(a))"
        case let .binary(op, a, b): return "(\(a) \(op) \(b))"
        case let .power(a, n): return "(\(a))^\(n)"
        case let .realPower(a, b): return "(\(a))^(\(b))"
        case let .call(f, a): return "\(f)(\(a))"
        }
    }
}

/// A syntax error in an expression.
public struct ExpressionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 0-based character offset.
    public let position: Int
    /// What was expected there.
    public let expected: String
    public var description: String { "expected \(expected) at character \(position + 1)" }
}

struct ExpressionParser {
    let chars: [Character]
    var index = 0
    /// Nesting depth of the recursion (parentheses, unary minus, calls, powers).
    var depth = 0
    /// The real grammar (function calls and real powers).
    let real: Bool
    init(_ chars: [Character], real: Bool) { self.chars = chars; self.real = real }

    func error(_ expected: String) -> ExpressionError { ExpressionError(position: index, expected: expected) }

    mutating func skipSpaces() { while index < chars.count, chars[index] == " " { index += 1 } }

    mutating func peek() -> Character? { skipSpaces(); return index < chars.count ? chars[index] : nil }

    /// Runs `body` one level deeper; an error beyond `maximumDepth`.
    mutating func nested<T>(_ body: (inout ExpressionParser) throws -> T) throws -> T {
        guard depth < ArithmeticExpression.maximumDepth else {
            throw error("at most \(ArithmeticExpression.maximumDepth) nested levels")
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

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
        if peek() == "-" { index += 1; return .negate(try nested { try $0.unary() }) }
        let base = try primary()
        guard peek() == "^" else { return base }
        index += 1
        let save = index
        var sign = 1
        if peek() == "-" { index += 1; sign = -1 }
        skipSpaces()
        let start = index
        while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
        let integerEnd = index < chars.count && chars[index] == "."
        if index > start, !integerEnd || !real {
            guard let n = Int(String(chars[start..<index])), n <= 64, !integerEnd else {
                index = start
                throw error(real ? "an integer exponent (at most 64) or a real exponent" : "an integer exponent (at most 64)")
            }
            return .power(base, sign * n)
        }
        guard real else { index = start; throw error("an integer exponent (at most 64)") }
        // A real exponent: a primary, optionally negated.
        index = save
        let exponent = try nested { p -> ArithmeticExpression in
            if p.peek() == "-" { p.index += 1; return .negate(try p.primary()) }
            return try p.primary()
        }
        return .realPower(base, exponent)
    }

    mutating func primary() throws -> ArithmeticExpression {
        guard let c = peek() else { throw error("a number, a name or \"(\"") }
        if c == "(" {
            index += 1
            let e = try nested { try $0.expression() }
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
            let name = String(chars[start..<index])
            if real, peek() == "(" {
                guard ArithmeticExpression.functions.contains(name) else {
                    index = start
                    throw error("a function: " + ArithmeticExpression.functions.joined(separator: ", "))
                }
                index += 1
                let argument = try nested { try $0.expression() }
                guard peek() == ")" else { throw error("\")\" closing \(name)(…)") }
                index += 1
                return .call(name, argument)
            }
            return .variable(name)
        }
        throw error("a number, a name or \"(\"")
    }
}

/// An expression in one variable compiled once into a flat postfix program, so
/// that a density written as a formula is evaluated without walking the tree
/// or converting its rational constants on every call. `evaluate(x)` performs
/// exactly the Double operations of `evaluateReal` with the variable bound to
/// x (the same constants, functions and operation order), so the two agree bit
/// for bit.
public struct CompiledRealExpression: Sendable {
    enum Operation: Sendable {
        case constant(Double)
        case variable
        case negate
        case add, subtract, multiply, divide
        /// An integer power n, applied as pow(x, Double(n)).
        case power(Double)
        case realPower
        case exp, log, sqrt, abs
    }

    let program: [Operation]
    /// The deepest the evaluation stack gets.
    let stackDepth: Int

    /// Compiles `expression` with `variable` as its argument; nil when it uses another variable.
    public init?(_ expression: ArithmeticExpression, variable: String) {
        var program: [Operation] = []
        var depth = 0, maximum = 0
        func push(_ op: Operation, pops: Int) {
            program.append(op)
            depth += 1 - pops
            maximum = Swift.max(maximum, depth)
        }
        func emit(_ e: ArithmeticExpression) -> Bool {
            switch e {
            case let .number(r): push(.constant(r.doubleValue), pops: 0)
            case let .variable(name):
                guard name == variable else { return false }
                push(.variable, pops: 0)
            case let .negate(a):
                guard emit(a) else { return false }
                push(.negate, pops: 1)
            case let .power(a, n):
                guard emit(a) else { return false }
                push(.power(Double(n)), pops: 1)
            case let .realPower(a, b):
                guard emit(a), emit(b) else { return false }
                push(.realPower, pops: 2)
            case let .binary(op, a, b):
                guard emit(a), emit(b) else { return false }
                switch op {
                case "+": push(.add, pops: 2)
                case "-": push(.subtract, pops: 2)
                case "*": push(.multiply, pops: 2)
                default: push(.divide, pops: 2)
                }
            case let .call(f, a):
                guard emit(a) else { return false }
                switch f {
                case "exp": push(.exp, pops: 1)
                case "log": push(.log, pops: 1)
                case "sqrt": push(.sqrt, pops: 1)
                default: push(.abs, pops: 1)
                }
            }
            return true
        }
        guard emit(expression) else { return nil }
        self.program = program
        stackDepth = maximum
    }

    /// The value at x (NaN or ±∞ where the operations are undefined, as `evaluateReal`).
    public func evaluate(_ x: Double) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: stackDepth) { stack in
            var top = -1
            for op in program {
                switch op {
                case let .constant(c): top += 1; stack[top] = c
                case .variable: top += 1; stack[top] = x
                case .negate: stack[top] = -stack[top]
                case .add: top -= 1; stack[top] = stack[top] + stack[top + 1]
                case .subtract: top -= 1; stack[top] = stack[top] - stack[top + 1]
                case .multiply: top -= 1; stack[top] = stack[top] * stack[top + 1]
                case .divide: top -= 1; stack[top] = stack[top] / stack[top + 1]
                case let .power(n): stack[top] = Foundation.pow(stack[top], n)
                case .realPower: top -= 1; stack[top] = Foundation.pow(stack[top], stack[top + 1])
                case .exp: stack[top] = Foundation.exp(stack[top])
                case .log: stack[top] = Foundation.log(stack[top])
                case .sqrt: stack[top] = stack[top].squareRoot()
                case .abs: stack[top] = Swift.abs(stack[top])
                }
            }
            return stack[0]
        }
    }
}
