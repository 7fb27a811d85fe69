// Sections 2 and 3.2: the result of contingent pricing, a pure strong-Markov
// subgame-perfect equilibrium selected by an `EquilibriumSelection`, with the
// seller's and the consumers' play at every state (period, stocks). Values are
// suprema (footnote 1; see ContingentPricing.swift).

import Numerics

/// The selected equilibrium's play at one state.
public struct ContingentStateOutcome: Sendable, Hashable {
    /// t.
    public let period: Int
    /// Stocks at the start of t, S_{i,t−1} (one entry per consumer; 0 for
    /// consumers with no remaining demand).
    public let stocks: [Int]
    /// The seller's equilibrium revenue from this state on (a supremum).
    public let sellerValue: Rational
    /// Each consumer's equilibrium payoff from this state on (0 for consumers
    /// with no remaining demand).
    public let consumerValues: [Rational]
    /// The announced price (for the limit selections the limit from below of
    /// the supremum; for stagewise-seller-best and stagewise-seller-worst the exact price), or no sale.
    public let price: PostedPrice
    /// q_{i,t}: units each consumer buys.
    public let purchases: [Int]
    /// x_{i,t}: whether each consumer consumes a unit now.
    public let consumes: [Bool]
    /// Stocks at the end of t.
    public let nextStocks: [Int]

    /// Σ_i q_{i,t}. O(N).
    public var unitsSold: Int { purchases.reduce(0, +) }

    /// p_t·Σ_i q_{i,t} (0 without sales). O(N).
    public var revenueNow: Rational {
        guard let p = price.amount else { return .zero }
        return p * Rational(unitsSold)
    }

    /// Total consumer payoff from this state on. O(N).
    public var consumerSurplus: Rational { consumerValues.reduce(.zero, +) }
}

/// A pure strong-Markov subgame-perfect equilibrium of contingent pricing,
/// selected by `selection`, with the play at every state.
public struct ContingentEquilibrium: Sendable {
    /// The market solved.
    public let market: StorableGoodsMarket
    /// The equilibrium selection used (outputs should carry `selection.name`).
    public let selection: EquilibriumSelection
    let table: any ContingentTable

    /// The number of states (period, stocks) solved. O(1).
    public var stateCount: Int { table.stateCount }

    /// Π^CP: the seller's equilibrium revenue from period 1 with empty stocks
    /// (a supremum; see ContingentPricing.swift). O(N).
    public var revenue: Rational { initialOutcome.sellerValue }

    /// The play at the initial state (period 1, all stocks 0). O(N).
    public var initialOutcome: ContingentStateOutcome { table.outcome(period: 1, index: 0) }

    /// The play at (period, stocks).
    ///
    /// - Complexity: O(N).
    /// - Throws: `StorableGoodsError.periodOutOfRange` when the period is
    ///   outside 1...T, `.stockCountMismatch` when `stocks` has the wrong
    ///   length, `.stocksOutOfRange` when a stock is outside 0...R_i(t) (the
    ///   consumer's remaining positive-value periods).
    public func outcome(period: Int, stocks: [Int]) throws -> ContingentStateOutcome {
        guard period >= 1 && period <= market.horizon else {
            throw StorableGoodsError.periodOutOfRange(period: period, horizon: market.horizon)
        }
        guard stocks.count == market.consumerCount else {
            throw StorableGoodsError.stockCountMismatch(count: stocks.count, consumers: market.consumerCount)
        }
        guard let index = table.index(period: period, stocks: stocks) else {
            throw StorableGoodsError.stocksOutOfRange(period: period, stocks: stocks)
        }
        return table.outcome(period: period, index: index)
    }

    /// The equilibrium path from the initial state: one outcome per period 1...T.
    /// O(T·N).
    public var path: [ContingentStateOutcome] {
        var out: [ContingentStateOutcome] = []
        var stocks = [Int](repeating: 0, count: market.consumerCount)
        for t in 1...market.horizon {
            let o = table.outcome(period: t, index: table.index(period: t, stocks: stocks)!)
            out.append(o)
            stocks = o.nextStocks
        }
        return out
    }

    /// Calls `body` with the play at every state, period by period (increasing)
    /// and states in index order. O(states·N).
    public func forEachState(_ body: (ContingentStateOutcome) throws -> Void) rethrows {
        try forEachState(consumerValues: true, body)
    }

    /// As `forEachState`, without the consumers' continuation values
    /// (`consumerValues` is empty): for callers reading only the seller's
    /// value, the price and the purchases. O(states·N), no Rational per consumer.
    func forEachSellerState(_ body: (ContingentStateOutcome) throws -> Void) rethrows {
        try forEachState(consumerValues: false, body)
    }

    /// True when `other` is an equilibrium of the same market whose seller
    /// value, price and purchases agree with this one's at every state (then
    /// anything computed from `forEachSellerState` agrees). Compares the
    /// machine-lattice tables directly; false for other representations.
    /// O(states·N).
    func hasSameSellerPlay(as other: ContingentEquilibrium) -> Bool {
        guard market == other.market, let a = table as? SolvedContingentTable<Int>,
              let b = other.table as? SolvedContingentTable<Int>, a.scale == b.scale else { return false }
        return a.layers.count == b.layers.count && zip(a.layers, b.layers).allSatisfy { x, y in
            x.seller == y.seller && x.noSale == y.noSale && x.price == y.price && x.choice == y.choice
        }
    }

    private func forEachState(consumerValues: Bool, _ body: (ContingentStateOutcome) throws -> Void) rethrows {
        // The machine-lattice table (single-demand markets) is scanned by its
        // specialised code rather than through the existential.
        if let t = table as? SolvedContingentTable<Int> {
            try t.forEachState(consumerValues: consumerValues, body)
        } else {
            try table.forEachState(consumerValues: consumerValues, body)
        }
    }

    /// Consumer `consumer`'s reservation price at (period, stocks): the highest
    /// price at which some purchase (q ≥ 1) is at least as good for her as her
    /// best option without purchase, when every other consumer buys nothing
    /// (consuming from stock where she has a unit and a positive value), using
    /// the continuation payoffs of this equilibrium — e.g. 2 − ε = 1.2 for
    /// consumer II in period 1 of the paper's introductory example.
    /// Returns nil when she has no purchase option (no remaining demand).
    ///
    /// - Complexity: O(N + options).
    /// - Throws: as `outcome(period:stocks:)`, and `.consumerOutOfRange` for
    ///   a consumer index outside 0..<N.
    public func reservationPrice(consumer: Int, period: Int, stocks: [Int]) throws -> Rational? {
        _ = try outcome(period: period, stocks: stocks)
        guard consumer >= 0 && consumer < market.consumerCount else {
            throw StorableGoodsError.consumerOutOfRange(consumer: consumer, consumers: market.consumerCount)
        }
        return table.reservationPrice(consumer: consumer, period: period, stocks: stocks)
    }
}
