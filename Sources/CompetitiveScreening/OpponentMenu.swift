// Sec 2: a menu M_j ⊆ [0, 1] × ℝ≥0 containing the walk-away contract (0, 0),
// and the indirect utility it induces, eq. (1): U_j(θ) = max_{(q,t) ∈ M_j} (qθ − t),
// convex and non-decreasing with U_j′ = q_j a.e. (2) (PiecewiseUtility.swift).
// The competing firms' menus: none, a posted price, a finite menu, or the
// quadratic tariff {(q, c q²/2)} of Example 5.2. Their text form is in
// MenuSyntax.swift.

import Foundation
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
            try require(p.signum >= 0, .negativePrice(p))
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
                try require(c.allocation.signum >= 0 && c.allocation <= 1, .contractAllocation(contract: k, allocation: c.allocation))
                try require(c.transfer.signum >= 0, .contractTransfer(contract: k, transfer: c.transfer))
            }
            let envelope = UpperEnvelope(contracts)
            utility = envelope.utility
            pieceContracts = envelope.chosen
        case let .tariff(c):
            try require(c.signum > 0, .tariffCost(c))
            let cd = c.doubleValue
            utility = PiecewiseUtility(starts: [0, cd], allocations: [0, 1], allocationSlopes: [1 / cd, 0])
            pieceContracts = [nil, nil]
        }
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

/// Fixed, platform-independent formatting of numbers in text columns.
package enum MenuFormat {
    /// Six decimals, trailing zeros removed ("0.25", "0.333333", "0").
    package static func number(_ x: Double) -> String {
        if x == 0 || abs(x) < 5e-7 { return "0" }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// An exact rational as a terminating decimal when it is one, else a/b.
    package static func exact(_ r: Rational) -> String { r.exactDecimalString(maxPlaces: 12) ?? r.description }
}
