// Section 3 ("Setup"): the environment, markets and mechanisms.
//
// An environment has a finite set T of n consumer types and k alternatives
// 1...k besides the outside option 0, whose value is 0 for every type. Type
// t's valuation for alternative a is v(t, a); valuations may be negative.
// Footnote 5: a production cost c(a) is accommodated by the net valuation
// ṽ(t, a) = v(t, a) − c(a); every solver works with net valuations and net
// payments (payment minus the expected cost of the allocation), and gross
// prices are reported separately (`Mechanism.grossPrice`). Each type must have
// a unique efficient alternative ā(t) (the unique maximiser of ṽ(t, ·) over
// A = {0, 1, ..., k}); footnote 6 lets ā(t) = 0 be removed w.l.o.g., and we
// accept such a type (it is always excluded at zero surplus).
//
// A market f ∈ Δ(T) is a distribution over types. Following the paper (the
// Pareto-domination definition compares "the set of types in market f'" with
// that of f; Proposition 2's proof restricts the environment to the types of
// the path; Lemma 4 speaks of "a market with full support over {t_1..t_n}"),
// the optimal mechanism of a market is computed in the environment restricted
// to the market's support: types of zero weight are not part of the market,
// have no allocation, and no IC constraint involves them.

import Numerics

/// The environment of Section 3: n types, k alternatives plus the outside
/// option 0, valuations v(t, a) and optional production costs c(a).
public struct Environment: Sendable, Hashable {
    /// Type labels (default "t1", "t2", ...).
    public let typeNames: [String]
    /// Labels of alternatives 1...k (default "a1", ...); the outside option is "0".
    public let alternativeNames: [String]
    /// Gross valuations v(t, a), n rows of k entries (alternative a at index a − 1).
    public let grossValuations: [[Rational]]
    /// Production costs c(a) of alternatives 1...k (zero when not given).
    public let costs: [Rational]
    /// Net valuations ṽ(t, a) = v(t, a) − c(a) (footnote 5), n × k.
    public let netValuations: [[Rational]]
    /// ā(t) ∈ {0, ..., k}: the unique efficient alternative of each type.
    public let efficientAlternative: [Int]

    /// n, the number of types.
    public var typeCount: Int { grossValuations.count }
    /// k, the number of alternatives excluding the outside option.
    public var alternativeCount: Int { costs.count }

    /// An environment from gross valuations (n rows of k entries) and optional
    /// costs (k entries, default zero).
    ///
    /// - Complexity: O(n·k).
    /// - Throws: `.noTypes`, `.noAlternatives`, `.raggedValuations` (rows of
    ///   different lengths), `.tiedEfficientAlternatives` when some type has
    ///   more than one efficient alternative (a tie for the maximum of
    ///   v(t, ·) − c(·) over A = {0, 1, ..., k}), `.costCountMismatch` when
    ///   the cost vector does not have k entries, and
    ///   `.typeNameCountMismatch` / `.alternativeNameCountMismatch` for wrong
    ///   label counts.
    public init(valuations: [[Rational]], costs: [Rational]? = nil,
                typeNames: [String]? = nil, alternativeNames: [String]? = nil) throws {
        guard let first = valuations.first else {
            throw SegmentationError.noTypes
        }
        let k = first.count
        guard k >= 1 else {
            throw SegmentationError.noAlternatives
        }
        if let bad = valuations.firstIndex(where: { $0.count != k }) {
            throw SegmentationError.raggedValuations(type: bad, alternatives: valuations[bad].count, expected: k)
        }
        let c = costs ?? [Rational](repeating: .zero, count: k)
        guard c.count == k else {
            throw SegmentationError.costCountMismatch(costs: c.count, alternatives: k)
        }
        let names = typeNames ?? (1...valuations.count).map { "t\($0)" }
        guard names.count == valuations.count else {
            throw SegmentationError.typeNameCountMismatch(names: names.count, types: valuations.count)
        }
        let altNames = alternativeNames ?? (1...k).map { "a\($0)" }
        guard altNames.count == k else {
            throw SegmentationError.alternativeNameCountMismatch(names: altNames.count, alternatives: k)
        }
        var net: [[Rational]] = []
        var efficient: [Int] = []
        for (t, row) in valuations.enumerated() {
            let w = zip(row, c).map { $0 - $1 }
            var best = 0
            var bestValue = Rational.zero
            var ties: [Int] = [0]
            for a in 1...k {
                if w[a - 1] > bestValue {
                    best = a; bestValue = w[a - 1]; ties = [a]
                } else if w[a - 1] == bestValue {
                    ties.append(a)
                }
            }
            guard ties.count == 1 else {
                throw SegmentationError.tiedEfficientAlternatives(type: t, alternatives: ties, netValue: bestValue)
            }
            net.append(w)
            efficient.append(best)
        }
        self.typeNames = names
        self.alternativeNames = altNames
        self.grossValuations = valuations
        self.costs = c
        self.netValuations = net
        self.efficientAlternative = efficient
    }

    /// ṽ(t, a) for a ∈ {0, ..., k} (0 for the outside option). O(1).
    @inlinable
    public func net(_ t: Int, _ a: Int) -> Rational {
        a == 0 ? .zero : netValuations[t][a - 1]
    }

    /// ṽ(t, x) = Σ_a x(a) ṽ(t, a) for a random alternative x (k + 1
    /// probabilities, index 0 the outside option). O(k).
    public func net(_ t: Int, _ x: [Rational]) -> Rational {
        var s = Rational.zero
        for a in 1..<x.count where x[a] != .zero { s += x[a] * netValuations[t][a - 1] }
        return s
    }

    /// Expected production cost Σ_a x(a) c(a) of a random alternative. O(k).
    public func expectedCost(_ x: [Rational]) -> Rational {
        var s = Rational.zero
        for a in 1..<x.count where x[a] != .zero { s += x[a] * costs[a - 1] }
        return s
    }

    /// The degenerate random alternative that gives `a` for sure (k + 1 entries). O(k).
    public func deterministic(_ a: Int) -> [Rational] {
        var x = [Rational](repeating: .zero, count: alternativeCount + 1)
        x[a] = 1
        return x
    }

    /// Checks that `market` has one weight per type of this environment.
    /// Throws `.marketSizeMismatch` otherwise. O(1).
    public func validate(_ market: Market) throws {
        guard market.weights.count == typeCount else {
            throw SegmentationError.marketSizeMismatch(weights: market.weights.count, types: typeCount)
        }
    }
}

/// A market f ∈ Δ(T): nonnegative weights normalised to sum to one.
public struct Market: Sendable, Hashable, CustomStringConvertible {
    /// f(t), summing to one.
    public let weights: [Rational]

    /// Normalises `weights` (any positive scale) to a distribution.
    ///
    /// - Complexity: O(n).
    /// - Throws: `.emptyMarket`, `.negativeWeight` or `.zeroMarket`.
    public init(_ weights: [Rational]) throws {
        guard !weights.isEmpty else {
            throw SegmentationError.emptyMarket
        }
        if let bad = weights.firstIndex(where: { $0 < .zero }) {
            throw SegmentationError.negativeWeight(type: bad, weight: weights[bad])
        }
        let total = weights.reduce(Rational.zero, +)
        guard total > .zero else {
            throw SegmentationError.zeroMarket
        }
        self.weights = total == 1 ? weights : weights.map { $0 / total }
    }

    /// Convenience: integer weights, normalised.
    public init(_ weights: [Int]) throws {
        try self.init(weights.map { Rational($0) })
    }

    /// The two-type market (1 − q, q) of Section 3.1.1 (q = the fraction of the
    /// second type). Throws `.shareOutOfRange` unless 0 ≤ q ≤ 1.
    public static func twoType(q: Rational) throws -> Market {
        guard q >= .zero, q <= 1 else {
            throw SegmentationError.shareOutOfRange(q: q)
        }
        return try Market([1 - q, q])
    }

    /// The types with positive weight, in increasing index order. O(n).
    public var support: [Int] { weights.indices.filter { weights[$0] > .zero } }

    /// f(t). O(1).
    public subscript(t: Int) -> Rational { weights[t] }

    public var description: String { "(" + weights.map(\.description).joined(separator: ", ") + ")" }
}

/// A direct mechanism M = (x, p) on a market's support (Section 3): for each
/// type in `support`, a random alternative x(t) ∈ Δ(A) and a nonnegative net
/// payment p(t). Types outside the support have no allocation (nil).
public struct Mechanism: Sendable, Hashable {
    /// The environment the mechanism is defined in.
    public let environment: Environment
    /// The types the mechanism is defined on (increasing).
    public let support: [Int]
    /// x(t) as k + 1 probabilities (index 0 = outside option); nil off the support.
    public let allocation: [[Rational]?]
    /// p(t), the net payment (gross price minus expected cost); nil off the support.
    public let payment: [Rational?]

    /// A mechanism from per-type allocations and payments (nil off the support).
    /// No IC/IR check is made here (see `violations`).
    public init(environment: Environment, allocation: [[Rational]?], payment: [Rational?]) {
        self.environment = environment
        self.allocation = allocation
        self.payment = payment
        self.support = allocation.indices.filter { allocation[$0] != nil }
    }

    /// Type t's surplus ṽ(t, x(t)) − p(t); nil off the support. O(k).
    public func surplus(_ t: Int) -> Rational? {
        guard let x = allocation[t], let p = payment[t] else { return nil }
        return environment.net(t, x) - p
    }

    /// Type t's surplus from reporting t' (both in the support). O(k).
    public func surplus(_ t: Int, reporting other: Int) -> Rational? {
        guard let x = allocation[other], let p = payment[other] else { return nil }
        return environment.net(t, x) - p
    }

    /// The gross price p(t) + Σ_a x(t, a) c(a) paid by type t; nil off the support. O(k).
    public func grossPrice(_ t: Int) -> Rational? {
        guard let x = allocation[t], let p = payment[t] else { return nil }
        return p + environment.expectedCost(x)
    }

    /// Whether x(t) is the efficient alternative ā(t) for sure; nil off the support. O(1).
    public func isEfficient(_ t: Int) -> Bool? {
        guard let x = allocation[t] else { return nil }
        return x[environment.efficientAlternative[t]] == 1
    }

    /// Whether every type in the support is allocated efficiently. O(n).
    public var isEfficient: Bool { support.allSatisfy { isEfficient($0) == true } }

    /// Types of the support with an inefficient allocation, increasing. O(n).
    public var inefficientTypes: [Int] { support.filter { isEfficient($0) == false } }

    /// Σ_t f(t) p(t) over the support (types outside the support must have
    /// zero weight). O(n).
    public func revenue(in market: Market) -> Rational {
        var r = Rational.zero
        for t in support where market[t] != .zero { r += market[t] * payment[t]! }
        return r
    }

    /// Σ_t ṽ(t, x(t)) over the support (unweighted total welfare). O(n·k).
    public var totalWelfare: Rational {
        support.reduce(Rational.zero) { $0 + environment.net($1, allocation[$1]!) }
    }

    /// IC slack of t → t' (surplus of truth-telling minus surplus of reporting t'). O(k).
    public func icSlack(from t: Int, to other: Int) -> Rational? {
        guard let own = surplus(t), let mimic = surplus(t, reporting: other) else { return nil }
        return own - mimic
    }

    /// Binding IC constraints t → t' (t ≠ t', both in the support, exact zero
    /// slack), in (t, t') lexicographic order. O(n²·k).
    public var bindingIC: [ICConstraint] {
        var edges: [ICConstraint] = []
        for t in support { for u in support where u != t && icSlack(from: t, to: u) == .zero { edges.append(ICConstraint(from: t, to: u)) } }
        return edges
    }

    /// Types whose IR constraint binds (zero surplus), increasing. O(n·k).
    public var bindingIR: [Int] { support.filter { surplus($0) == .zero } }

    /// Human-readable violations of IC, IR, p ≥ 0 and probability
    /// constraints (empty for a valid IC-IR mechanism). O(n²·k).
    public var violations: [String] {
        var out: [String] = []
        let names = environment.typeNames
        for t in support {
            let x = allocation[t]!
            if x.count != environment.alternativeCount + 1 || x.contains(where: { $0 < .zero }) || x.reduce(Rational.zero, +) != 1 {
                out.append("x(\(names[t])) is not a probability vector over A")
            }
            if payment[t]! < .zero { out.append("p(\(names[t])) < 0") }
            if surplus(t)! < .zero { out.append("IR(\(names[t])) violated") }
            for u in support where u != t && icSlack(from: t, to: u)! < .zero {
                out.append("IC(\(names[t]) → \(names[u])) violated")
            }
        }
        return out
    }
}

/// An incentive-compatibility constraint "type `from` does not gain by reporting `to`".
public struct ICConstraint: Sendable, Hashable, CustomStringConvertible {
    /// The type considering a misreport.
    public let from: Int
    /// The type it would report.
    public let to: Int
    /// The constraint IC(from → to). O(1).
    public init(from: Int, to: Int) { self.from = from; self.to = to }
    public var description: String { "IC(\(from)→\(to))" }
}
