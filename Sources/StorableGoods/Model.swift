// Section 2 of Berbeglia, Boodaghians & Vetta (2021), "Tight Bounds on the
// Relative Performances of Pricing Optimization Mechanisms in Storable Good
// Markets": the storable-goods market for an indivisible good.
//
// N consumers, periods t = 1, ..., T, consumer i values consuming one unit in
// period t at u_{i,t} ≥ 0 (at most one unit per period), a linear storage cost
// ε ≥ 0 per unit and per period paid by the consumer only, and a monopolist
// with zero production cost. Consumer i maximises
//     Σ_t (u_{i,t}·x_{i,t} − p_t·q_{i,t} − ε·S_{i,t}),  S_{i,t} = S_{i,t−1} + q_{i,t} − x_{i,t},  S_{i,0} = 0,
// so a unit bought in period s and consumed in period t ≥ s costs p_s + (t − s)·ε.
//
// Files and the paper's sections:
// * Model.swift — §2: the market, posted prices and schedules.
// * StorableGoodsError.swift — the module's errors, in the model's terms.
// * ConsumerBestResponse.swift — §2: a consumer's best response to announced prices (solver 1).
// * PreAnnouncedPricing.swift — §2's program and §3.1: optimal pre-announced pricing (DP) and a brute-force verifier.
// * EquilibriumSelection.swift, ContingentPricing.swift (the game; it lists the other Contingent*.swift
//   files: the equilibrium, the state table, backward induction, the stage selection) — §2 and §3.2:
//   contingent pricing by backward induction.
// * ConstructionG.swift — §3: G(n), Lemma 3.2, Theorem 3.3, Lemma 3.4, single-shot / restricted-eager (Theorems 3.5–3.8).
// * UpperBound.swift — §4: Π^F, Σu and Theorem 4.1's chain as a property check.
// * ExactScalars.swift — internal exact number representations (common-denominator lattice).
//
// Conventions of this module:
// * periods are numbered 1...T as in the paper;
// * consumers are indexed 0..<N (array positions); `ConstructionG` maps the
//   paper's consumer label i ∈ 1...n to index i − 1;
// * values are stored sparsely (only u_{i,t} > 0), so markets with a huge
//   horizon but few demands (the construction G(n) has τ_1 ≈ n³ periods and n
//   demands) cost memory proportional to the number of demands.

import Numerics

/// A storable-goods market (Section 2): N consumers, T periods, values
/// u_{i,t} ≥ 0 and storage cost ε ≥ 0.
public struct StorableGoodsMarket: Sendable, Hashable, CustomStringConvertible {
    /// One positive valuation: consumer values consuming a unit in `period` at `value` > 0.
    public struct Demand: Sendable, Hashable {
        /// The period t ∈ 1...T.
        public let period: Int
        /// u_{i,t} > 0.
        public let value: Rational

        /// A demand (validated by the market initialiser). O(1).
        public init(period: Int, value: Rational) {
            self.period = period
            self.value = value
        }
    }

    /// N, the number of consumers (≥ 1).
    public let consumerCount: Int
    /// T, the number of periods (≥ 1); periods are 1...T.
    public let horizon: Int
    /// ε ≥ 0, the storage cost per unit and per period.
    public let storageCost: Rational
    /// For each consumer (index 0..<N) her positive valuations sorted by
    /// period; every other u_{i,t} is 0.
    public let demands: [[Demand]]

    /// A market from a dense N×T value matrix: `values[i][t − 1]` = u_{i,t}.
    ///
    /// - Complexity: O(N·T).
    /// - Throws: `StorableGoodsError.noConsumers` for an empty matrix,
    ///   `.emptyHorizon` for an empty first row, `.raggedValues` when rows
    ///   differ in length, `.negativeValue`, or `.negativeStorageCost`.
    public init(values: [[Rational]], storageCost: Rational) throws {
        guard !values.isEmpty else {
            throw StorableGoodsError.noConsumers
        }
        let t = values[0].count
        guard t >= 1 else {
            throw StorableGoodsError.emptyHorizon(horizon: 0)
        }
        var demands: [[Demand]] = []
        for (i, row) in values.enumerated() {
            guard row.count == t else {
                throw StorableGoodsError.raggedValues(consumer: i, periods: row.count, expected: t)
            }
            var d: [Demand] = []
            for (k, v) in row.enumerated() {
                guard v.signum >= 0 else {
                    throw StorableGoodsError.negativeValue(consumer: i, period: k + 1, value: v)
                }
                if v.signum > 0 { d.append(Demand(period: k + 1, value: v)) }
            }
            demands.append(d)
        }
        try self.init(horizon: t, demands: demands, storageCost: storageCost)
    }

    /// A market from sparse demands: `demands[i]` lists consumer i's positive
    /// valuations (any order; zero values may be included and are dropped).
    ///
    /// - Complexity: O(D log D) for D demands.
    /// - Throws: `StorableGoodsError.noConsumers` when N = demands.count < 1,
    ///   `.emptyHorizon` for horizon < 1, `.negativeStorageCost`,
    ///   `.demandOutsideHorizon`, `.negativeValue` or `.duplicateDemand`.
    public init(horizon: Int, demands: [[Demand]], storageCost: Rational) throws {
        guard demands.count >= 1 else {
            throw StorableGoodsError.noConsumers
        }
        guard horizon >= 1 else {
            throw StorableGoodsError.emptyHorizon(horizon: horizon)
        }
        guard storageCost.signum >= 0 else {
            throw StorableGoodsError.negativeStorageCost(storageCost)
        }
        var cleaned: [[Demand]] = []
        for (i, list) in demands.enumerated() {
            var seen = Set<Int>()
            var kept: [Demand] = []
            for d in list {
                guard d.period >= 1 && d.period <= horizon else {
                    throw StorableGoodsError.demandOutsideHorizon(consumer: i, period: d.period, horizon: horizon)
                }
                guard d.value.signum >= 0 else {
                    throw StorableGoodsError.negativeValue(consumer: i, period: d.period, value: d.value)
                }
                guard seen.insert(d.period).inserted else {
                    throw StorableGoodsError.duplicateDemand(consumer: i, period: d.period)
                }
                if d.value.signum > 0 { kept.append(d) }
            }
            kept.sort { $0.period < $1.period }
            cleaned.append(kept)
        }
        consumerCount = demands.count
        self.horizon = horizon
        self.storageCost = storageCost
        self.demands = cleaned
    }

    /// u_{i,t} (0 outside the consumer's demands). O(log D_i).
    /// Traps on a consumer index outside 0..<N.
    public func value(consumer i: Int, period t: Int) -> Rational {
        let list = demands[i]
        let lo = BinarySearch.firstIndex(in: list.indices) { list[$0].period >= t }
        return lo < list.count && list[lo].period == t ? list[lo].value : .zero
    }

    /// The distinct periods in which some consumer has a positive value, in
    /// increasing order. O(D log D).
    public var demandPeriods: [Int] {
        Array(Set(demands.flatMap { $0.map(\.period) })).sorted()
    }

    /// All positive valuations u_{i,t} > 0 (consumer-major order). O(D).
    public var positiveValues: [Rational] { demands.flatMap { $0.map(\.value) } }

    /// Σ_{i,t} u_{i,t}: the revenue of perfect price discrimination, an upper
    /// bound on Π^PA (proof of Theorem 4.1). O(D) additions.
    public var totalValue: Rational { positiveValues.reduce(.zero, +) }

    /// True when every consumer has at most one period of positive value (as
    /// in the construction G(n)). O(N).
    public var isSingleDemand: Bool { demands.allSatisfy { $0.count <= 1 } }

    public var description: String {
        "StorableGoodsMarket(N = \(consumerCount), T = \(horizon), ε = \(storageCost), \(demands.reduce(0) { $0 + $1.count }) positive values)"
    }
}

/// The price posted in one period: a finite price, or no sale (an
/// arbitrarily high price, the paper's "∞").
public enum PostedPrice: Sendable, Hashable, CustomStringConvertible {
    case finite(Rational)
    case noSale

    /// The finite price, or nil for no sale. O(1).
    public var amount: Rational? {
        if case let .finite(p) = self { return p }
        return nil
    }

    public var description: String {
        switch self {
        case let .finite(p): return p.description
        case .noSale: return "∞"
        }
    }
}

/// A pre-announced price schedule p_1, ..., p_T, stored sparsely: the
/// periods with a finite price; every other period is "no sale" (∞).
public struct PriceSchedule: Sendable, Hashable, CustomStringConvertible {
    /// T.
    public let horizon: Int
    /// (period, price) pairs with finite prices, sorted by period.
    public let postedPrices: [(period: Int, price: Rational)]

    /// A schedule from the finite prices by period.
    ///
    /// - Complexity: O(P log P) for P finite prices.
    /// - Throws: `StorableGoodsError.emptyHorizon` for horizon < 1,
    ///   `.pricePeriodOutsideHorizon`, or `.negativePrice`.
    public init(horizon: Int, prices: [Int: Rational]) throws {
        guard horizon >= 1 else {
            throw StorableGoodsError.emptyHorizon(horizon: horizon)
        }
        for (t, p) in prices {
            guard t >= 1 && t <= horizon else {
                throw StorableGoodsError.pricePeriodOutsideHorizon(period: t, horizon: horizon)
            }
            guard p.signum >= 0 else {
                throw StorableGoodsError.negativePrice(period: t, price: p)
            }
        }
        self.horizon = horizon
        postedPrices = prices.map { (period: $0.key, price: $0.value) }.sorted { $0.period < $1.period }
    }

    /// A schedule from one posted price per period (`prices[t − 1]` = p_t).
    ///
    /// - Complexity: O(T).
    /// - Throws: `StorableGoodsError.emptyHorizon` for an empty array or
    ///   `.negativePrice`.
    public init(prices: [PostedPrice]) throws {
        var dict: [Int: Rational] = [:]
        for (k, p) in prices.enumerated() {
            if case let .finite(x) = p { dict[k + 1] = x }
        }
        try self.init(horizon: prices.count, prices: dict)
    }

    /// p_t. O(log P).
    public func price(at t: Int) -> PostedPrice {
        let lo = BinarySearch.firstIndex(in: postedPrices.indices) { postedPrices[$0].period >= t }
        return lo < postedPrices.count && postedPrices[lo].period == t ? .finite(postedPrices[lo].price) : .noSale
    }

    public static func == (a: PriceSchedule, b: PriceSchedule) -> Bool {
        a.horizon == b.horizon && a.postedPrices.elementsEqual(b.postedPrices) { $0.period == $1.period && $0.price == $1.price }
    }

    public func hash(into h: inout Hasher) {
        h.combine(horizon)
        for e in postedPrices { h.combine(e.period); h.combine(e.price) }
    }

    public var description: String {
        let body = postedPrices.map { "p_\($0.period) = \($0.price)" }.joined(separator: ", ")
        return "PriceSchedule(T = \(horizon); \(body.isEmpty ? "no sales" : body); ∞ elsewhere)"
    }
}
