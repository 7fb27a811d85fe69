// Sec 2: a menu M_j ⊆ [0, 1] × ℝ≥0 containing the walk-away contract (0, 0),
// and the indirect utility it induces, eq. (1): U_j(θ) = max_{(q,t) ∈ M_j} (qθ − t),
// convex and non-decreasing with U_j′ = q_j a.e. (2). The winning probability
// of Sec 2 needs the generalised inverse U_j⁻¹(u) = sup{θ ∈ Θ_j : U_j(θ) ≤ u}.
//
// Every menu the paper uses induces a piecewise-quadratic U: posted prices
// and finite menus give piecewise-linear U (the upper envelope of the lines
// qθ − t), the quadratic tariff {(q, c q²/2)} of Example 5.2 gives θ²/(2c)
// then θ − c/2. `PiecewiseUtility` is that common representation; the own
// firm's allocation rules (MenuEvaluation.swift) use it too.
//
// Text forms (numbers are exact decimals, fractions or arithmetic in one
// variable x, e.g. "0.2 - x"): "none", "posted(0.4)", "menu([(0.5, 0.2), (1, 0.7)])",
// "tariff(c=1)" (or "tariff(1)").

import Foundation
import Harness
import Numerics

/// A contract (q, t): allocation q ∈ [0, 1] and transfer t ≥ 0, held exactly.
public struct Contract: Sendable, Hashable, CustomStringConvertible {
    public let allocation: Rational
    public let transfer: Rational
    /// The allocation as a Double.
    public let q: Double
    /// The transfer as a Double.
    public let t: Double

    public init(allocation: Rational, transfer: Rational) {
        self.allocation = allocation; self.transfer = transfer
        q = allocation.doubleValue; t = transfer.doubleValue
    }

    /// The agent's utility qθ − t.
    public func utility(_ theta: Double) -> Double { q * theta - t }

    public var description: String { "(\(MenuFormat.number(q)), \(MenuFormat.number(t)))" }
}

/// One piece of a piecewise-quadratic indirect utility:
/// U(θ) = value + slope·(θ − start) + curvature·(θ − start)²/2 on [start, next start).
struct UtilityPiece: Sendable, Equatable {
    var start: Double
    var value: Double
    var slope: Double
    var curvature: Double

    @inline(__always) func value(at theta: Double) -> Double {
        let s = theta - start
        return value + s * (slope + 0.5 * curvature * s)
    }

    /// The smallest s ≥ 0 with value + slope s + curvature s²/2 = u (u ≥ value,
    /// the piece not flat), in the cancellation-free form 2Δ/(g + √(g² + 2cΔ)).
    @inline(__always) func offset(reaching u: Double) -> Double {
        let delta = max(0, u - value)
        let disc = slope * slope + 2 * curvature * delta
        return 2 * delta / (slope + disc.squareRoot())
    }

    var isFlat: Bool { slope == 0 && curvature == 0 }
}

/// A continuous, convex, non-decreasing piecewise-quadratic function on [0, ∞)
/// with U(0) = 0: the indirect utility of a menu. The last piece extends to ∞;
/// below 0 the function is taken as 0.
struct PiecewiseUtility: Sendable, Equatable {
    let pieces: [UtilityPiece]

    /// Pieces given by their starts, allocations at the start and slopes of the
    /// allocation (q(θ) = allocation + slope·(θ − start)); values are integrated
    /// from U(0) = 0 so that U is continuous.
    init(starts: [Double], allocations: [Double], allocationSlopes: [Double]) {
        var out: [UtilityPiece] = []
        var value = 0.0
        for k in starts.indices {
            if k > 0 {
                let prev = out[k - 1]
                value = prev.value(at: starts[k])
            }
            out.append(UtilityPiece(start: starts[k], value: value, slope: allocations[k], curvature: allocationSlopes[k]))
        }
        pieces = out
    }

    /// Index of the piece containing θ (the last piece starting at or before θ; 0 below the first start).
    @inline(__always) func pieceIndex(_ theta: Double) -> Int {
        var lo = 0, hi = pieces.count - 1
        if theta >= pieces[hi].start { return hi }
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if pieces[mid].start <= theta { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// U(θ) (0 for θ ≤ 0).
    @inline(__always) func value(_ theta: Double) -> Double {
        if theta <= 0 { return 0 }
        return pieces[pieceIndex(theta)].value(at: theta)
    }

    /// The right derivative U′(θ⁺) = q(θ) (ties inside a menu go to the higher allocation, Sec 2).
    func allocation(_ theta: Double) -> Double {
        let p = pieces[pieceIndex(max(0, theta))]
        return p.slope + p.curvature * (max(0, theta) - p.start)
    }

    /// sup{θ ≥ 0 : U(θ) ≤ u}: −∞ for u < 0, +∞ when U never exceeds u.
    func supInverse(_ u: Double) -> Double {
        if u < 0 { return -.infinity }
        // Last piece whose starting value is ≤ u.
        var lo = 0, hi = pieces.count - 1
        if pieces[hi].value <= u {
            lo = hi
        } else {
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if pieces[mid].value <= u { lo = mid } else { hi = mid }
            }
        }
        let p = pieces[lo]
        if p.isFlat { return lo == pieces.count - 1 ? .infinity : pieces[lo + 1].start }
        let theta = p.start + p.offset(reaching: u)
        return lo + 1 < pieces.count ? min(theta, pieces[lo + 1].start) : theta
    }

    /// inf{θ ≥ 0 : U(θ) ≥ u}: 0 for u ≤ 0, +∞ when U never reaches u.
    func infInverse(_ u: Double) -> Double {
        if u <= 0 { return 0 }
        // Last piece whose starting value is < u.
        var lo = 0, hi = pieces.count - 1
        if pieces[hi].value < u {
            lo = hi
        } else {
            while hi - lo > 1 {
                let mid = (lo + hi) >> 1
                if pieces[mid].value < u { lo = mid } else { hi = mid }
            }
        }
        let p = pieces[lo]
        if p.isFlat { return lo == pieces.count - 1 ? .infinity : pieces[lo + 1].start }
        let theta = p.start + p.offset(reaching: u)
        return lo + 1 < pieces.count ? min(theta, pieces[lo + 1].start) : theta
    }

    /// The points where U is not smooth (piece starts after 0).
    var kinks: [Double] { pieces.dropFirst().map(\.start) }

    /// Points of [lo, hi] where U(θ) − other(θ + shift) changes sign (or
    /// touches zero): on each stretch where both are single quadratics the
    /// difference is a quadratic in θ, solved in closed form.
    func crossings(with other: PiecewiseUtility, shift: Double, in lo: Double, _ hi: Double) -> [Double] {
        guard hi > lo else { return [] }
        var cuts = [lo, hi]
        cuts += kinks.filter { $0 > lo && $0 < hi }
        cuts += other.kinks.map { $0 - shift }.filter { $0 > lo && $0 < hi }
        if -shift > lo && -shift < hi { cuts.append(-shift) }   // the other function's argument crosses 0
        cuts = Array(Set(cuts)).sorted()
        var roots: [Double] = []
        for k in 0..<(cuts.count - 1) {
            let a = cuts[k], b = cuts[k + 1]
            let mid = 0.5 * (a + b)
            // Quadratic coefficients of d(θ) = U(θ) − V(θ + shift) about θ = a.
            let mine = pieces[pieceIndex(mid)]
            let c2Mine = mine.curvature / 2
            var v0 = mine.value(at: max(a, 0)), v1 = mine.slope + mine.curvature * (max(a, 0) - mine.start), v2 = c2Mine
            if a < 0 { v0 = 0; v1 = 0; v2 = 0 }   // U ≡ 0 below 0 (own support starts at 0)
            var w0 = 0.0, w1 = 0.0, w2 = 0.0
            if mid + shift > 0 {
                let theirs = other.pieces[other.pieceIndex(mid + shift)]
                let x = a + shift
                w0 = theirs.value(at: x); w1 = theirs.slope + theirs.curvature * (x - theirs.start); w2 = theirs.curvature / 2
            }
            let c0 = v0 - w0, c1 = v1 - w1, c2 = v2 - w2
            for s in Self.quadraticRoots(c2, c1, c0) where s > 0 && a + s < b {
                roots.append(a + s)
            }
        }
        return roots
    }

    /// Real roots of c2 s² + c1 s + c0 = 0 (numerically stable; a degenerate
    /// quadratic is solved as linear; an identically zero one has no isolated roots).
    static func quadraticRoots(_ c2: Double, _ c1: Double, _ c0: Double) -> [Double] {
        let scale = max(abs(c2), abs(c1), abs(c0))
        if scale == 0 { return [] }
        if abs(c2) <= 1e-15 * scale {
            if abs(c1) <= 1e-15 * scale { return [] }
            return [-c0 / c1]
        }
        let disc = c1 * c1 - 4 * c2 * c0
        if disc < 0 { return [] }
        let sq = disc.squareRoot()
        let qq = -0.5 * (c1 + (c1 >= 0 ? sq : -sq))
        if qq == 0 { return [0] }
        return [qq / c2, c0 / qq]
    }
}

/// A competing firm's menu (Sec 2), with the indirect utility it induces.
public struct OpponentMenu: Sendable, Equatable, CustomStringConvertible {
    /// The menu's form.
    public enum Form: Sendable, Equatable {
        /// No such firm (monopoly): it never wins.
        case none
        /// The posted-price menu {(0, 0), (1, p)}: U = (θ − p)₊.
        case posted(price: Rational)
        /// A finite menu {(0, 0), (q_k, t_k)}: U = max(0, max_k q_kθ − t_k).
        case finite(contracts: [Contract])
        /// The continuous tariff {(q, c q²/2) : q ∈ [0, 1]}: U = θ²/(2c) for θ ≤ c, θ − c/2 beyond.
        case tariff(cost: Rational)
    }

    public let form: Form
    /// U_j as a piecewise quadratic (U ≡ 0 for `none`).
    let utility: PiecewiseUtility
    /// For finite menus: the contract chosen on each piece of `utility` (nil: the walk-away contract).
    let pieceContracts: [Contract?]

    /// Validates the menu: prices ≥ 0, allocations in [0, 1], transfers ≥ 0, tariff cost c > 0.
    public init(_ form: Form) throws {
        self.form = form
        switch form {
        case .none:
            utility = PiecewiseUtility(starts: [0], allocations: [0], allocationSlopes: [0])
            pieceContracts = [nil]
        case let .posted(p):
            try require(p.signum >= 0, "price", "a posted price p ≥ 0", p.description)
            let pd = p.doubleValue
            let one = Contract(allocation: 1, transfer: p)
            if p.isZero {
                utility = PiecewiseUtility(starts: [0], allocations: [1], allocationSlopes: [0])
                pieceContracts = [one]
            } else {
                utility = PiecewiseUtility(starts: [0, pd], allocations: [0, 1], allocationSlopes: [0, 0])
                pieceContracts = [nil, one]
            }
        case let .finite(contracts):
            for (k, c) in contracts.enumerated() {
                try require(c.allocation.signum >= 0 && c.allocation <= 1, "contracts[\(k)].q", "an allocation q ∈ [0, 1]", c.allocation.description)
                try require(c.transfer.signum >= 0, "contracts[\(k)].t", "a transfer t ≥ 0 (contracts are in [0, 1] × ℝ≥0)", c.transfer.description)
            }
            let envelope = UpperEnvelope(contracts)
            utility = envelope.utility
            pieceContracts = envelope.chosen
        case let .tariff(c):
            try require(c.signum > 0, "c", "a tariff cost c > 0 (transfers c q²/2)", c.description)
            let cd = c.doubleValue
            utility = PiecewiseUtility(starts: [0, cd], allocations: [0, 1], allocationSlopes: [1 / cd, 0])
            pieceContracts = [nil, nil]
        }
    }

    /// Parses the text form ("none", "posted(0.4)", "menu([(0.5, 0.2), (1, 0.7)])",
    /// "tariff(c=1)"); numbers may use the variable x when `x` is given.
    /// Errors name `parameter` (plus the inner key).
    public init(parsing text: String, parameter: String, x: Rational? = nil) throws {
        var parser = MenuTextParser(text: text, parameter: parameter, x: x)
        let form = try parser.opponentForm()
        try parser.expectEnd()
        do { try self.init(form) } catch let e as CompetitiveScreeningError { throw e.under(parameter) }
    }

    /// Whether this is the `none` menu (no competitor).
    public var isNone: Bool { if case .none = form { return true }; return false }

    /// U_j(θ) (eq. (1)).
    public func utility(at theta: Double) -> Double { utility.value(theta) }

    /// The generalised inverse U_j⁻¹(u) = sup{θ ∈ [0, upper] : U_j(θ) ≤ u} (−∞ when empty, i.e. u < 0).
    public func inverseUtility(_ u: Double, upper: Double) -> Double {
        min(utility.supInverse(u), upper)
    }

    /// The contract a type θ chooses (ties to the highest transfer, Sec 2).
    public func chosenContract(at theta: Double) -> (q: Double, t: Double) {
        switch form {
        case .none: return (0, 0)
        case let .tariff(c):
            let q = min(max(theta, 0) / c.doubleValue, 1)
            return (q, c.doubleValue * q * q / 2)
        default:
            if let c = pieceContracts[utility.pieceIndex(max(theta, 0))] { return (c.q, c.t) }
            return (0, 0)
        }
    }

    /// Points where U_j is not smooth.
    public var kinks: [Double] { utility.kinks }

    public var description: String {
        switch form {
        case .none: return "none"
        case let .posted(p): return "posted(\(MenuFormat.exact(p)))"
        case let .finite(cs): return "menu([" + cs.map { "(\(MenuFormat.exact($0.allocation)), \(MenuFormat.exact($0.transfer)))" }.joined(separator: ", ") + "])"
        case let .tariff(c): return "tariff(c=\(MenuFormat.exact(c)))"
        }
    }

    // MARK: - Exact evaluation (finite-type optimiser)

    /// U_j(θ) exactly, for posted prices, finite menus and tariffs.
    func exactUtility(_ theta: Rational) -> Rational {
        let zero = Rational.zero
        switch form {
        case .none: return zero
        case let .posted(p): return max(zero, theta - p)
        case let .finite(cs): return cs.reduce(zero) { max($0, $1.allocation * theta - $1.transfer) }
        case let .tariff(c):
            if theta.signum <= 0 { return zero }
            return theta <= c ? theta * theta / (2 * c) : theta - c / 2
        }
    }

    /// sup{θ ≥ 0 : U_j(θ) ≤ u} exactly for u ≥ 0: a value, +∞, or unsupported
    /// (the tariff's inverse is not rational).
    func exactSupInverse(_ u: Rational) -> ExactInverse {
        switch form {
        case .none: return .infinite
        case let .posted(p): return .value(u + p)
        case let .finite(cs):
            // Every line qθ − t must stay ≤ u: θ ≤ (u + t)/q for q > 0.
            guard let m = cs.filter({ $0.allocation.signum > 0 }).map({ (u + $0.transfer) / $0.allocation }).min() else { return .infinite }
            return .value(m)
        case .tariff: return .unsupported
        }
    }
}

/// An exact generalised inverse.
enum ExactInverse: Equatable {
    case value(Rational)
    case infinite
    case unsupported
}

/// The upper envelope max(0, max_k q_kθ − t_k) on [0, ∞) of a finite menu,
/// with the contract chosen on each piece (ties at a breakpoint go to the
/// higher allocation, which is the higher transfer there: Sec 2's rule).
struct UpperEnvelope {
    let utility: PiecewiseUtility
    let chosen: [Contract?]
    /// The (start, contract) pieces.
    let starts: [Double]

    init(_ contracts: [Contract]) {
        // Current line: among lines attaining the maximum 0 at θ = 0 (t = 0), the highest allocation.
        var current: Contract? = nil
        for c in contracts where c.transfer.isZero && c.allocation.signum > 0 {
            if current == nil || c.allocation > current!.allocation { current = c }
        }
        var starts = [0.0]
        var chosen: [Contract?] = [current]
        var position = Rational.zero
        while true {
            let qCur = current?.allocation ?? .zero, tCur = current?.transfer ?? .zero
            var next: (theta: Rational, c: Contract)? = nil
            for c in contracts where c.allocation > qCur {
                // Where line c meets the current line: (t_c − t_cur)/(q_c − q_cur).
                let theta = max(position, (c.transfer - tCur) / (c.allocation - qCur))
                if next == nil || theta < next!.theta || (theta == next!.theta && c.allocation > next!.c.allocation) {
                    next = (theta, c)
                }
            }
            guard let n = next else { break }
            if n.theta == position {
                chosen[chosen.count - 1] = n.c
            } else {
                starts.append(n.theta.doubleValue)
                chosen.append(n.c)
            }
            position = n.theta
            current = n.c
        }
        self.starts = starts
        self.chosen = chosen
        utility = PiecewiseUtility(starts: starts, allocations: chosen.map { $0?.q ?? 0 }, allocationSlopes: starts.map { _ in 0 })
    }
}

/// Fixed, platform-independent formatting of numbers in text columns.
enum MenuFormat {
    /// Six decimals, trailing zeros removed ("0.25", "0.333333", "0").
    static func number(_ x: Double) -> String {
        if x == 0 || abs(x) < 5e-7 { return "0" }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// An exact rational as a terminating decimal when it is one, else a/b.
    static func exact(_ r: Rational) -> String { r.exactDecimalString(maxPlaces: 12) ?? r.description }
}

/// A small recursive-descent parser for menu text forms. Numbers are
/// arithmetic expressions (Harness `Expression`) in the optional variable x,
/// evaluated exactly.
struct MenuTextParser: TextScanner {
    let chars: [Character]
    var i = 0
    let text: String
    private let parameter: String
    private let x: Rational?

    init(text: String, parameter: String, x: Rational?) {
        self.text = text; chars = Array(text); self.parameter = parameter; self.x = x
    }

    func fail(_ key: String, _ expectation: String) -> CompetitiveScreeningError {
        CompetitiveScreeningError(parameter: key.isEmpty ? parameter : parameter + "." + key, expectation: expectation, received: shownPosition)
    }

    mutating func expect(_ c: Character, _ key: String) throws {
        guard accept(c) else { throw fail(key, "'\(c)'") }
    }

    mutating func expectEnd() throws {
        skipSpace()
        if i < chars.count { throw fail("", "the end of the menu") }
    }

    /// An arithmetic expression up to the next top-level ',', ')' or ']' (or ';', '@').
    mutating func number(_ key: String) throws -> Rational {
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
        guard !token.isEmpty, let e = try? Expression(parsing: token) else {
            i = start
            throw fail(key, "a number or an arithmetic expression in x (e.g. 0.2 - x)")
        }
        if let bad = e.columns.first(where: { $0 != "x" }) {
            i = start
            throw fail(key, "numbers in the single variable x (found \(bad))")
        }
        if e.columns.contains("x") && x == nil {
            i = start
            throw fail(key, "a number (x is used but the kind gives no value for x)")
        }
        guard let v = e.evaluate({ $0 == "x" ? x : nil }) else {
            i = start
            throw fail(key, "an expression with a defined value (division by zero?)")
        }
        return v
    }

    /// "[e, e, ...]".
    mutating func numberList(_ key: String) throws -> [Rational] {
        try expect("[", key)
        var xs: [Rational] = []
        if accept("]") { return xs }
        repeat { xs.append(try number("\(key)[\(xs.count)]")) } while accept(",")
        try expect("]", key)
        return xs
    }

    /// "[(q, t), (q, t)]".
    mutating func contractList(_ key: String) throws -> [Contract] {
        try expect("[", key)
        var cs: [Contract] = []
        if accept("]") { return cs }
        repeat {
            let k = "\(key)[\(cs.count)]"
            try expect("(", k)
            let q = try number(k + ".q")
            try expect(",", k)
            let t = try number(k + ".t")
            try expect(")", k)
            cs.append(Contract(allocation: q, transfer: t))
        } while accept(",")
        try expect("]", key)
        return cs
    }

    /// An optional "name=" prefix (consumed when it matches `name`).
    mutating func optionalLabel(_ name: String) {
        skipSpace()
        let save = i
        let id = identifier()
        if id == name && accept("=") { return }
        i = save
    }

    /// The opponent forms.
    mutating func opponentForm() throws -> OpponentMenu.Form {
        let save = i
        let name = identifier()
        switch name {
        case "none": return .none
        case "posted":
            try expect("(", "price")
            optionalLabel("p")
            let p = try number("price")
            try expect(")", "price")
            return .posted(price: p)
        case "menu":
            try expect("(", "contracts")
            let cs = try contractList("contracts")
            try expect(")", "contracts")
            return .finite(contracts: cs)
        case "tariff":
            try expect("(", "c")
            optionalLabel("c")
            let c = try number("c")
            try expect(")", "c")
            return .tariff(cost: c)
        default:
            i = save
            throw fail("", "a menu: none, posted(p), menu([(q, t), ...]) or tariff(c=...)")
        }
    }
}
