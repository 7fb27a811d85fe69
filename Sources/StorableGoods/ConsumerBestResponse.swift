// Section 2: a consumer's best response to announced prices (solver 1).
//
// Why each consumption period can be served independently. Any feasible plan
// (q_{i,t}, x_{i,t}, S_{i,t}) can be read as an assignment of every consumed
// unit to the period s ≤ t in which it was bought (e.g. first in, first out).
// Because units are identical, purchases are unlimited at the posted price and
// storage is linear (ε per unit per period), the plan's cost is
//     Σ_t p_t·q_{i,t} + ε·Σ_t S_{i,t} = Σ_{consumed units} (p_s + (t − s)·ε) + (cost of units never consumed),
// and the last term is ≥ 0 (prices and ε are non-negative), so unconsumed units
// are weakly dominated. Conversely any choice of a source s ≤ t for each
// consumption period t is feasible. Hence the consumer's problem separates:
// she consumes in period t iff u_{i,t} ≥ c_t, where
//     c_t = min_{s ≤ t} (p_s + (t − s)·ε) = t·ε + min_{s ≤ t} (p_s − s·ε)
// is the cheapest delivered cost (the same for every consumer), and she buys
// that unit in an arg-min period. Periods with u_{i,t} = 0 are never served
// (a purchase there would add a cost ≥ 0 and no value; it is revenue-neutral at
// best).
//
// Ties. Two choices are indifferent to the consumer but not to the seller:
// buying when u_{i,t} = c_t, and which of several equally cheap sources to use
// (the seller receives p_s = c_t − (t − s)·ε, the most for the latest s). The
// rule is explicit (`TieRule`): `sellerFavourable` buys when indifferent and
// uses the latest cheapest source; `sellerAdverse` abstains when indifferent
// and uses the earliest cheapest source. The paper's revenues are suprema
// (footnote 1: "ties can be broken in either direction by slightly modifying
// the price"): lowering every finite price p_s by δ·s for a small δ > 0 makes
// the seller-favourable choices strict, so the supremum over prices of the
// seller-adverse revenue equals the maximum of the seller-favourable revenue.

import Numerics

/// How a consumer breaks ties that matter only to the seller.
public enum TieRule: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Buy when indifferent (u_{i,t} = c_t) and use the latest of the equally
    /// cheap sources (the seller receives the most). Revenues under this rule
    /// are the suprema of Section 2 / footnote 1.
    case sellerFavourable
    /// Abstain when indifferent and use the earliest of the equally cheap
    /// sources (the seller receives the least).
    case sellerAdverse

    public var description: String { rawValue }
}

/// A consumer's optimal purchase and consumption plan against announced prices.
public struct ConsumerPlan: Sendable, Hashable {
    /// One consumed unit: bought in `purchasePeriod`, stored, consumed in `consumptionPeriod`.
    public struct Unit: Sendable, Hashable {
        /// t, the period of consumption.
        public let consumptionPeriod: Int
        /// s ≤ t, the period of purchase.
        public let purchasePeriod: Int
        /// p_s, paid to the seller.
        public let price: Rational
        /// (t − s)·ε, paid as storage.
        public let storageCost: Rational
        /// u_{i,t}.
        public let value: Rational
    }

    /// The consumer's index.
    public let consumer: Int
    /// The consumed units in increasing consumption period.
    public let units: [Unit]

    /// Σ prices paid: the seller's revenue from this consumer. O(units).
    public var payment: Rational { units.reduce(.zero) { $0 + $1.price } }

    /// Σ (value − price − storage): the consumer's net utility. O(units).
    public var surplus: Rational { units.reduce(.zero) { $0 + $1.value - $1.price - $1.storageCost } }

    /// q_{i,s}: the number of units bought in period s. O(units).
    public func unitsBought(in period: Int) -> Int { units.filter { $0.purchasePeriod == period }.count }

    /// True when some unit is stored (bought before its consumption period). O(units).
    public var stores: Bool { units.contains { $0.purchasePeriod < $0.consumptionPeriod } }
}

/// Consumers' best responses to a pre-announced schedule and the seller's revenue.
public struct PreAnnouncedOutcome: Sendable, Hashable {
    /// The announced schedule.
    public let schedule: PriceSchedule
    /// The tie rule the consumers used.
    public let ties: TieRule
    /// One plan per consumer (index order).
    public let plans: [ConsumerPlan]

    /// Σ_t p_t·q_t. O(units).
    public var revenue: Rational { plans.reduce(.zero) { $0 + $1.payment } }

    /// Total consumer surplus. O(units).
    public var consumerSurplus: Rational { plans.reduce(.zero) { $0 + $1.surplus } }

    /// q_t for every period with sales, in increasing period. O(units log units).
    public var unitsSoldByPeriod: [(period: Int, units: Int)] {
        var count: [Int: Int] = [:]
        for p in plans { for u in p.units { count[u.purchasePeriod, default: 0] += 1 } }
        return count.map { (period: $0.key, units: $0.value) }.sorted { $0.period < $1.period }
    }

    public static func == (a: PreAnnouncedOutcome, b: PreAnnouncedOutcome) -> Bool {
        a.schedule == b.schedule && a.ties == b.ties && a.plans == b.plans
    }

    public func hash(into h: inout Hasher) {
        h.combine(schedule); h.combine(ties); h.combine(plans)
    }
}

/// Prefix minima of p_s − s·ε over the posted prices of a schedule: the
/// cheapest delivered cost c_t = t·ε + min_{s ≤ t}(p_s − s·ε) and its source,
/// for both tie rules. Shared by all consumers.
struct DeliveredCostTable {
    let periods: [Int]
    let prices: [Rational]
    let epsilon: Rational
    /// best base and latest / earliest arg-min index among posted[0...k].
    var base: [Rational] = []
    var latest: [Int] = []
    var earliest: [Int] = []

    init(schedule: PriceSchedule, epsilon: Rational) {
        periods = schedule.postedPrices.map(\.period)
        prices = schedule.postedPrices.map(\.price)
        self.epsilon = epsilon
        for k in periods.indices {
            let b = prices[k] - Rational(periods[k]) * epsilon
            if k == 0 || b < base[k - 1] {
                base.append(b); latest.append(k); earliest.append(k)
            } else if b == base[k - 1] {
                base.append(b); latest.append(k); earliest.append(earliest[k - 1])
            } else {
                base.append(base[k - 1]); latest.append(latest[k - 1]); earliest.append(earliest[k - 1])
            }
        }
    }

    /// (cost c_t, source period, price paid) or nil when nothing is on sale up to t.
    func cheapest(at t: Int, ties: TieRule) -> (cost: Rational, source: Int, price: Rational)? {
        let k = BinarySearch.firstIndex(in: periods.indices) { periods[$0] > t } - 1
        guard k >= 0 else { return nil }
        let src = ties == .sellerFavourable ? latest[k] : earliest[k]
        return (base[k] + Rational(t) * epsilon, periods[src], prices[src])
    }
}

extension StorableGoodsMarket {
    /// Consumer `consumer`'s best response to the pre-announced `schedule`:
    /// for every period t with u_{i,t} > 0 she consumes iff u_{i,t} ≥ c_t
    /// (`sellerFavourable`) or u_{i,t} > c_t (`sellerAdverse`), buying the
    /// unit in the latest (resp. earliest) period s ≤ t minimising
    /// p_s + (t − s)·ε. See the file comment for why periods separate.
    ///
    /// - Complexity: O(P + D_i log P) for P posted prices and D_i demands.
    /// - Throws: `StorableGoodsError.consumerOutOfRange` when the consumer
    ///   index is outside 0..<N, `.scheduleHorizonMismatch` when the
    ///   schedule's horizon differs from T.
    public func bestResponse(consumer: Int, to schedule: PriceSchedule, ties: TieRule = .sellerFavourable) throws -> ConsumerPlan {
        try checkSchedule(schedule)
        guard consumer >= 0 && consumer < consumerCount else {
            throw StorableGoodsError.consumerOutOfRange(consumer: consumer, consumers: consumerCount)
        }
        return plan(consumer: consumer, table: DeliveredCostTable(schedule: schedule, epsilon: storageCost), ties: ties)
    }

    /// Every consumer's best response to `schedule` and the resulting revenue
    /// Σ_t p_t·q_t (solver 1 applied to all consumers).
    ///
    /// - Complexity: O(P + D log P) for P posted prices and D demands.
    /// - Throws: `StorableGoodsError.scheduleHorizonMismatch` when the
    ///   schedule's horizon differs from T.
    public func outcome(of schedule: PriceSchedule, ties: TieRule = .sellerFavourable) throws -> PreAnnouncedOutcome {
        try checkSchedule(schedule)
        let table = DeliveredCostTable(schedule: schedule, epsilon: storageCost)
        let plans = (0..<consumerCount).map { plan(consumer: $0, table: table, ties: ties) }
        return PreAnnouncedOutcome(schedule: schedule, ties: ties, plans: plans)
    }

    func checkSchedule(_ schedule: PriceSchedule) throws {
        guard schedule.horizon == horizon else {
            throw StorableGoodsError.scheduleHorizonMismatch(schedule: schedule.horizon, market: horizon)
        }
    }

    func plan(consumer i: Int, table: DeliveredCostTable, ties: TieRule) -> ConsumerPlan {
        var units: [ConsumerPlan.Unit] = []
        for d in demands[i] {
            guard let c = table.cheapest(at: d.period, ties: ties) else { continue }
            let buys = ties == .sellerFavourable ? d.value >= c.cost : d.value > c.cost
            if buys {
                units.append(ConsumerPlan.Unit(
                    consumptionPeriod: d.period, purchasePeriod: c.source, price: c.price,
                    storageCost: Rational(d.period - c.source) * storageCost, value: d.value))
            }
        }
        return ConsumerPlan(consumer: i, units: units)
    }
}
