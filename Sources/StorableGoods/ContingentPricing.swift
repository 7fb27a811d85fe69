// Sections 2 and 3.2: contingent pricing (CP), solver 3.
//
// The game. At the start of period t the seller announces p_t, knowing the
// payoff-relevant state: the period and every consumer's stock S_{i,t−1}.
// Consumers then simultaneously choose how many units to buy, q_{i,t} ≥ 0, and
// whether to consume, x_{i,t} ∈ {0, 1}, ending with S_{i,t} = S_{i,t−1} + q − x;
// consumer i's period payoff is u_{i,t}·x − p_t·q − ε·S_{i,t}, the seller's is
// p_t·Σ_i q_{i,t}. We compute pure strong-Markov subgame-perfect equilibria
// (strategies depend only on the period, the stocks and, for consumers, the
// current price) by backward induction over all states, t = T, ..., 1.
//
// State space. A stock above the number R_i(t) of consumer i's remaining
// positive-value periods is never useful (the excess is never consumed and
// costs storage), so stocks range over 0...R_i(t) and only consumers with
// R_i(t) > 0 are part of the state. In a single-demand market such as G(n)
// a consumer is then either still lacking her unit (stock 0) or done (stock 1,
// held until consumption): the state is the period and the set of consumers
// still lacking a unit, and "done" consumers have a single, forced option.
//
// The stage game at a state. Each consumer's options are (x, S') with
// S' ≤ R_i(t+1), q = S' − S + x ≥ 0 (x = 1 only if u_{i,t} > 0). Given the
// other consumers' options, option o is worth C(o) − p·q(o) with
// C(o) = u·x − ε·S' + W_i(t+1, next stocks), where W_i is consumer i's
// continuation payoff in the selected equilibrium of the next state. All
// payoffs are affine in p, so a purchase profile is a stage equilibrium exactly
// for prices in an interval (L, U]: comparing the chosen option with each
// alternative gives U ≤ ΔC/Δq when Δq > 0 and L > ΔC/Δq when Δq < 0 (ΔC ≥ 0
// is required when Δq = 0). The breakpoints ΔC/Δq — prices at which some
// consumer is indifferent, i.e. differences of continuation payoffs — cut the
// price line into pieces on which the set of stage equilibria is constant.
//
// Supremum semantics (paper, footnote 1). Prices are positive or "no sale".
// Announcing a price p slightly below a breakpoint b, consumers strictly prefer
// the option with more units whenever they are indifferent at b; the seller's
// payoff p·Q + V(next) increases in p on each piece, so the seller's
// supremum over prices is attained in the limit p ↑ b at a breakpoint b (or by
// not selling). We evaluate every piece at its right end b "from below": the
// reported prices are these limits, and the reported values are suprema.
//
// Selection (`EquilibriumSelection`). The SPE is not unique. On each price
// piece the consumers coordinate on the stage equilibrium that is best
// (`sellerFavourable`) or worst (`sellerAdverse`) for the seller, ties broken
// by the secondary rule; the seller then picks the best piece, ties broken by
// the same secondary rule, then by the higher price (no sale highest), then by
// enumeration order. If some price piece has no pure stage equilibrium the
// consumers have no pure strategy there, no pure SPE exists, and the solver
// throws `StorableGoodsError.noPureStageEquilibrium`.
//
// Reachability. S_{i,0} = 0, so period 1 has the single state of empty
// stocks; from period 2 on every stock profile 0...R_i(t) can be reached (a
// consumer may buy any number of units), and subgame perfection requires an
// equilibrium there too.
//
// Cost. 1 + Σ_{t≥2} Π_i (R_i(t) + 1) states; at each state every purchase profile
// (Π_i options) is checked against every unilateral deviation. For G(n) that is
// Σ_j ℓ_j·3^j·j elementary steps (about 2·10⁸ for n = 12). Arithmetic is exact:
// on the common-denominator lattice with machine integers for single-demand
// markets (where every Δq is ±1), and `Rational` otherwise.

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
    /// The announced price (the limit from below of the supremum), or no sale.
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
    /// (a supremum; see the file comment). O(N).
    public var revenue: Rational { initialOutcome.sellerValue }

    /// The play at the initial state (period 1, all stocks 0). O(N).
    public var initialOutcome: ContingentStateOutcome { table.outcome(period: 1, index: 0) }

    /// The play at (period, stocks).
    ///
    /// - Complexity: O(N).
    /// - Throws: `StorableGoodsError.invalidParameter` when the period is
    ///   outside 1...T, `stocks` has the wrong length, or a stock is outside
    ///   0...R_i(t) (the consumer's remaining positive-value periods).
    public func outcome(period: Int, stocks: [Int]) throws -> ContingentStateOutcome {
        guard period >= 1 && period <= market.horizon else {
            throw StorableGoodsError.invalidParameter(parameter: "period", value: "\(period)", expected: "a period in 1...\(market.horizon)")
        }
        guard stocks.count == market.consumerCount else {
            throw StorableGoodsError.invalidParameter(parameter: "stocks", value: "\(stocks.count) entries", expected: "one stock per consumer (N = \(market.consumerCount))")
        }
        guard let index = table.index(period: period, stocks: stocks) else {
            throw StorableGoodsError.invalidParameter(parameter: "stocks", value: "\(stocks)", expected: "each stock in 0...R_i(t), the consumer's remaining positive-value periods")
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
        for t in 1...market.horizon {
            for k in 0..<table.stateCount(period: t) { try body(table.outcome(period: t, index: k)) }
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
    /// - Throws: as `outcome(period:stocks:)`, and for a consumer index outside 0..<N.
    public func reservationPrice(consumer: Int, period: Int, stocks: [Int]) throws -> Rational? {
        _ = try outcome(period: period, stocks: stocks)
        guard consumer >= 0 && consumer < market.consumerCount else {
            throw StorableGoodsError.invalidParameter(parameter: "consumer", value: "\(consumer)", expected: "an index in 0..<\(market.consumerCount)")
        }
        return table.reservationPrice(consumer: consumer, period: period, stocks: stocks)
    }
}

extension StorableGoodsMarket {
    /// 1 + Σ_{t ≥ 2} Π_i (R_i(t) + 1): the number of states the
    /// contingent-pricing backward induction visits (period 1 has only the
    /// empty-stock state; later periods every stock profile reachable by some
    /// purchase history), or nil if it overflows `Int`.
    ///
    /// - Complexity: O(K·N) for K demand periods (constant stretches between
    ///   demand periods are counted in one step).
    public var contingentStateCount: Int? {
        let periods = demandPeriods
        var total = 0
        var previous = 0
        for p in periods {
            var product = 1
            for list in demands {
                let r = list.filter { $0.period >= p }.count
                let (m, o) = product.multipliedReportingOverflow(by: r + 1)
                if o { return nil }
                product = m
            }
            // Period 1 has the single state of empty stocks.
            let (a0, o1) = product.multipliedReportingOverflow(by: p - previous - (previous == 0 ? 1 : 0))
            let (a, o3) = a0.addingReportingOverflow(previous == 0 ? 1 : 0)
            let (b, o2) = total.addingReportingOverflow(a)
            if o3 { return nil }
            if o1 || o2 { return nil }
            total = b
            previous = p
        }
        let (c, o) = total.addingReportingOverflow(horizon - previous)
        return o ? nil : c
    }

    /// A pure strong-Markov subgame-perfect equilibrium of contingent pricing
    /// under `selection`, by backward induction over every state (see the file
    /// comment for the game, the supremum semantics and the selection).
    ///
    /// - Complexity: O(Σ_states Π_i m_i · Σ_i m_i) exact operations, m_i the
    ///   number of options of consumer i at the state (2 for a consumer lacking
    ///   her single unit in G(n)); memory O(states·N).
    /// - Throws: `StorableGoodsError.instanceTooLarge` when the state count
    ///   exceeds `maxStates`; `StorableGoodsError.noPureStageEquilibrium` when
    ///   some state and price interval admit no pure stage equilibrium.
    public func contingentEquilibrium(selection: EquilibriumSelection, maxStates: Int = 20_000_000) throws -> ContingentEquilibrium {
        guard let states = contingentStateCount, states <= maxStates else {
            throw StorableGoodsError.instanceTooLarge(
                parameter: "contingent-pricing states", value: contingentStateCount.map(String.init) ?? "> Int.max",
                limit: "maxStates = \(maxStates)")
        }
        let values = positiveValues
        let maxV = values.max() ?? .zero
        let bound = Rational(8 * (consumerCount + 2)) * (maxV + Rational(horizon) * storageCost + 1)
        let table: any ContingentTable
        if isSingleDemand, case let .machineLattice(d) = ScalarChoice.lattice(values: values + [storageCost], bound: bound) {
            table = try ContingentSolver<Int>(market: self, selection: selection, scale: d).solve()
        } else {
            table = try ContingentSolver<Rational>(market: self, selection: selection, scale: .one).solve()
        }
        return ContingentEquilibrium(market: self, selection: selection, table: table)
    }
}

// MARK: - Internal: solved tables

protocol ContingentTable: Sendable {
    var stateCount: Int { get }
    func stateCount(period: Int) -> Int
    func index(period: Int, stocks: [Int]) -> Int?
    func outcome(period: Int, index: Int) -> ContingentStateOutcome
    func reservationPrice(consumer: Int, period: Int, stocks: [Int]) -> Rational?
}

/// One period's solved states.
struct ContingentLayer<S: ExactScalar>: Sendable {
    let period: Int
    /// Consumers with R_i(t) > 0, and their radix R_i(t) + 1 and stride.
    let active: [Int]
    let radix: [Int]
    let stride: [Int]
    let count: Int
    var seller: [S]
    /// count × active.count continuation payoffs.
    var consumer: [S]
    var price: [S]
    var noSale: [Bool]
    /// count × active.count chosen options, encoded S'·2 + x.
    var choice: [Int32]

    init(period: Int, active: [Int], remaining: [Int]) {
        self.period = period
        self.active = active
        radix = remaining.map { $0 + 1 }
        var s: [Int] = []
        var c = 1
        for r in radix { s.append(c); c *= r }
        stride = s
        count = c
        seller = [S](repeating: .zero, count: c)
        consumer = [S](repeating: .zero, count: c * active.count)
        price = [S](repeating: .zero, count: c)
        noSale = [Bool](repeating: true, count: c)
        choice = [Int32](repeating: 0, count: c * active.count)
    }
}

struct SolvedContingentTable<S: ExactScalar>: ContingentTable {
    let market: StorableGoodsMarket
    let scale: BigInt
    let eps: S
    /// layers[t − 1] for t = 1...T + 1.
    let layers: [ContingentLayer<S>]
    let values: [[Int: S]]

    var stateCount: Int { layers.dropLast().reduce(0) { $0 + $1.count } }
    func stateCount(period: Int) -> Int { layers[period - 1].count }

    func index(period: Int, stocks: [Int]) -> Int? {
        let layer = layers[period - 1]
        var idx = 0
        var pos = 0
        for i in 0..<market.consumerCount {
            if pos < layer.active.count && layer.active[pos] == i {
                guard stocks[i] >= 0 && stocks[i] < layer.radix[pos] else { return nil }
                idx += stocks[i] * layer.stride[pos]
                pos += 1
            } else if stocks[i] != 0 {
                return nil
            }
        }
        return idx
    }

    func stocks(_ layer: ContingentLayer<S>, _ index: Int) -> [Int] {
        var s = [Int](repeating: 0, count: market.consumerCount)
        for (k, i) in layer.active.enumerated() { s[i] = (index / layer.stride[k]) % layer.radix[k] }
        return s
    }

    func outcome(period: Int, index: Int) -> ContingentStateOutcome {
        let layer = layers[period - 1]
        let n = market.consumerCount
        let st = stocks(layer, index)
        var values = [Rational](repeating: .zero, count: n)
        var purchases = [Int](repeating: 0, count: n)
        var consumes = [Bool](repeating: false, count: n)
        var next = [Int](repeating: 0, count: n)
        let k = layer.active.count
        for (pos, i) in layer.active.enumerated() {
            values[i] = layer.consumer[index * k + pos].rational(scale: scale)
            let code = Int(layer.choice[index * k + pos])
            let sp = code / 2, x = code % 2
            next[i] = sp
            consumes[i] = x == 1
            purchases[i] = sp - st[i] + x
        }
        return ContingentStateOutcome(
            period: period, stocks: st, sellerValue: layer.seller[index].rational(scale: scale),
            consumerValues: values,
            price: layer.noSale[index] ? .noSale : .finite(layer.price[index].rational(scale: scale)),
            purchases: purchases, consumes: consumes, nextStocks: next)
    }

    func reservationPrice(consumer: Int, period t: Int, stocks: [Int]) -> Rational? {
        let layer = layers[t - 1]
        guard layer.active.contains(consumer) else { return nil }
        let next = layers[t]
        // Others buy nothing: keep their stock, consuming a unit if they have
        // one and a positive value (or must, when the stock exceeds R_i(t+1)).
        var nextStocks = [Int](repeating: 0, count: market.consumerCount)
        for i in layer.active where i != consumer {
            let r1 = next.active.firstIndex(of: i).map { next.radix[$0] - 1 } ?? 0
            let consume = stocks[i] > 0 && (values[i][t] != nil || stocks[i] > r1)
            nextStocks[i] = min(stocks[i] - (consume ? 1 : 0), r1)
        }
        let u = values[consumer][t] ?? .zero
        let r1 = next.active.firstIndex(of: consumer).map { next.radix[$0] - 1 } ?? 0
        let s = stocks[consumer]
        func payoff(_ x: Int, _ sp: Int) -> S {
            var ns = nextStocks
            ns[consumer] = sp
            let w: S
            if let pos = next.active.firstIndex(of: consumer) {
                let idx = index(period: t + 1, stocks: ns)!
                w = next.consumer[idx * next.active.count + pos]
            } else {
                w = .zero
            }
            return (x == 1 ? u : .zero) - eps.times(sp) + w
        }
        var bestNoBuy: S? = nil
        var buys: [(S, Int)] = []
        for x in (u > .zero ? [0, 1] : [0]) {
            for sp in max(0, s - x)...max(0, r1) where sp <= r1 {
                let q = sp - s + x
                let c = payoff(x, sp)
                if q == 0 { if bestNoBuy == nil || c > bestNoBuy! { bestNoBuy = c } } else { buys.append((c, q)) }
            }
        }
        guard let base = bestNoBuy, !buys.isEmpty else { return nil }
        return buys.map { ($0.0 - base).rational(scale: scale) / Rational($0.1) }.max()
    }
}

// MARK: - Internal: the backward induction

struct ContingentSolver<S: ExactScalar> {
    let market: StorableGoodsMarket
    let selection: EquilibriumSelection
    let scale: BigInt
    let eps: S
    /// values[i][t] = u_{i,t} > 0 on the lattice.
    let values: [[Int: S]]

    init(market: StorableGoodsMarket, selection: EquilibriumSelection, scale: BigInt) throws {
        self.market = market
        self.selection = selection
        self.scale = scale
        eps = try S.fromRational(market.storageCost, scale: scale)
        values = try market.demands.map { list in
            var d: [Int: S] = [:]
            for x in list { d[x.period] = try S.fromRational(x.value, scale: scale) }
            return d
        }
    }

    func remaining(_ i: Int, _ t: Int) -> Int { market.demands[i].filter { $0.period >= t }.count }

    func solve() throws -> SolvedContingentTable<S> {
        let n = market.consumerCount
        let horizon = market.horizon
        var next = ContingentLayer<S>(period: horizon + 1, active: [], remaining: [])
        var reversed: [ContingentLayer<S>] = [next]
        reversed.reserveCapacity(horizon + 1)
        for t in stride(from: horizon, through: 1, by: -1) {
            let active = (0..<n).filter { remaining($0, t) > 0 }
            // Stocks at the start of period 1 are S_{i,0} = 0: only that state exists.
            let radixes = t == 1 ? active.map { _ in 0 } : active.map { remaining($0, t) }
            var layer = ContingentLayer<S>(period: t, active: active, remaining: radixes)
            try solvePeriod(&layer, next: next)
            reversed.append(layer)
            next = layer
        }
        return SolvedContingentTable(market: market, scale: scale, eps: eps, layers: reversed.reversed(), values: values)
    }

    struct Feasible {
        var lo: S?      // strict lower bound (nil = none)
        var hi: S?      // inclusive upper bound (nil = +∞)
        var units: Int
        var vNext: S
        var own: S      // Σ_i C_i(o_i)
        var position: Int
        var nextIndex: Int
    }

    func solvePeriod(_ layer: inout ContingentLayer<S>, next: ContingentLayer<S>) throws {
        let t = layer.period
        let m = layer.active.count
        let kN = next.active.count
        // Per active consumer: value now, R_i(t+1), position and stride in the next layer.
        var u = [S](repeating: .zero, count: m)
        var rNext = [Int](repeating: 0, count: m)
        var posN = [Int](repeating: -1, count: m)
        var strideN = [Int](repeating: 0, count: m)
        for (k, i) in layer.active.enumerated() {
            u[k] = values[i][t] ?? .zero
            if let p = next.active.firstIndex(of: i) {
                posN[k] = p
                strideN[k] = next.stride[p]
                rNext[k] = next.radix[p] - 1
            }
        }
        let nextSeller = next.seller
        let nextConsumer = next.consumer
        @inline(__always) func w(_ k: Int, _ idx: Int) -> S {
            let p = posN[k]
            return p < 0 ? .zero : nextConsumer[idx * kN + p]
        }
        // Option buffers.
        var optSp = [[Int]](repeating: [], count: m)
        var optX = [[Int]](repeating: [], count: m)
        var optQ = [[Int]](repeating: [], count: m)
        var optImm = [[S]](repeating: [], count: m)
        var digits = [Int](repeating: 0, count: m)
        var feasible: [Feasible] = []
        var feasibleDigits: [Int] = []
        var stocks = [Int](repeating: 0, count: m)

        for index in 0..<layer.count {
            for k in 0..<m { stocks[k] = (index / layer.stride[k]) % layer.radix[k] }
            // Options (x, S'), sorted by (q, x, S').
            for k in 0..<m {
                var opts: [(q: Int, x: Int, sp: Int)] = []
                let s = stocks[k]
                for x in (u[k] > .zero ? [0, 1] : [0]) {
                    let low = max(0, s - x)
                    if low <= rNext[k] {
                        for sp in low...rNext[k] { opts.append((sp - s + x, x, sp)) }
                    }
                }
                opts.sort { ($0.q, $0.x, $0.sp) < ($1.q, $1.x, $1.sp) }
                optSp[k] = opts.map(\.sp)
                optX[k] = opts.map(\.x)
                optQ[k] = opts.map(\.q)
                optImm[k] = opts.map { (($0.x == 1) ? u[k] : .zero) - eps.times($0.sp) }
            }
            // Enumerate purchase profiles with an odometer.
            feasible.removeAll(keepingCapacity: true)
            feasibleDigits.removeAll(keepingCapacity: true)
            for k in 0..<m { digits[k] = 0 }
            var nextIndex = 0
            var units = 0
            for k in 0..<m { nextIndex += optSp[k][0] * strideN[k]; units += optQ[k][0] }
            var position = 0
            while true {
                // Check the profile against every unilateral deviation.
                var lo: S? = nil
                var hi: S? = nil
                var own = S.zero
                var ok = true
                for k in 0..<m where ok {
                    let o = digits[k]
                    let c = optImm[k][o] + w(k, nextIndex)
                    own = own + c
                    let count = optSp[k].count
                    if count == 1 { continue }
                    for a in 0..<count where a != o {
                        let idx2 = nextIndex + (optSp[k][a] - optSp[k][o]) * strideN[k]
                        let dc = c - (optImm[k][a] + w(k, idx2))
                        let dq = optQ[k][o] - optQ[k][a]
                        if dq == 0 {
                            if dc < .zero { ok = false; break }
                        } else if dq > 0 {
                            let b = dc.divided(by: dq)
                            if hi == nil || b < hi! { hi = b }
                        } else {
                            let b = dc.divided(by: dq)
                            if lo == nil || b > lo! { lo = b }
                        }
                    }
                    if ok, let h = hi {
                        if h <= .zero { ok = false } else if let l = lo, l >= h { ok = false }
                    }
                }
                if ok {
                    feasible.append(Feasible(lo: lo, hi: hi, units: units, vNext: nextSeller[nextIndex], own: own, position: position, nextIndex: nextIndex))
                    feasibleDigits.append(contentsOf: digits)
                }
                position += 1
                // Advance the odometer.
                var k = 0
                while k < m {
                    let o = digits[k]
                    if o + 1 < optSp[k].count {
                        nextIndex += (optSp[k][o + 1] - optSp[k][o]) * strideN[k]
                        units += optQ[k][o + 1] - optQ[k][o]
                        digits[k] = o + 1
                        break
                    }
                    nextIndex += (optSp[k][0] - optSp[k][o]) * strideN[k]
                    units += optQ[k][0] - optQ[k][o]
                    digits[k] = 0
                    k += 1
                }
                if k == m { break }
            }
            // Select.
            let (chosen, price) = try select(feasible, period: t, stocksOf: { self.fullStocks(layer, index) })
            let f = feasible[chosen]
            var value = f.vNext
            if let p = price, f.units > 0 { value = value + p.times(f.units) }
            layer.seller[index] = value
            layer.noSale[index] = price == nil
            layer.price[index] = price ?? .zero
            for k in 0..<m {
                let o = feasibleDigits[chosen * m + k]
                var c = optImm[k][o] + w(k, f.nextIndex)
                if let p = price, optQ[k][o] > 0 { c = c - p.times(optQ[k][o]) }
                layer.consumer[index * m + k] = c
                layer.choice[index * m + k] = Int32(optSp[k][o] * 2 + optX[k][o])
            }
        }
    }

    func fullStocks(_ layer: ContingentLayer<S>, _ index: Int) -> [Int] {
        var s = [Int](repeating: 0, count: market.consumerCount)
        for (k, i) in layer.active.enumerated() { s[i] = (index / layer.stride[k]) % layer.radix[k] }
        return s
    }

    /// The secondary comparison: true when a is preferred to b (strictly).
    func secondaryPrefers(aUnits: Int, aSurplus: S, bUnits: Int, bSurplus: S) -> Bool? {
        switch selection.tieBreak {
        case .maxConsumerSurplus: return aSurplus == bSurplus ? nil : aSurplus > bSurplus
        case .minConsumerSurplus: return aSurplus == bSurplus ? nil : aSurplus < bSurplus
        case .earliestSale: return aUnits == bUnits ? nil : aUnits > bUnits
        case .latestSale: return aUnits == bUnits ? nil : aUnits < bUnits
        }
    }

    func describe(_ a: S?, _ b: S?) -> String {
        "(\(a.map { $0.rational(scale: scale).description } ?? "0"), \(b.map { $0.rational(scale: scale).description } ?? "∞"))"
    }

    /// Picks (feasible index, announced price or nil for no sale).
    func select(_ feasible: [Feasible], period: Int, stocksOf: () -> [Int]) throws -> (Int, S?) {
        // Endpoints of the price pieces.
        var endpoints: [S] = []
        for f in feasible {
            if let l = f.lo, l > .zero { endpoints.append(l) }
            if let h = f.hi { endpoints.append(h) }
        }
        endpoints.sort()
        var unique: [S] = []
        for e in endpoints where unique.last != e { unique.append(e) }
        let pieces = unique.count + 1   // piece k = (left(k), right(k)]; the last is (·, ∞)
        func pieceIndex(_ v: S) -> Int {
            var lo = 0, hi = unique.count
            while lo < hi { let mid = (lo + hi) / 2; if unique[mid] < v { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        // Active piece range of each feasible profile.
        var first = [Int](repeating: 0, count: feasible.count)
        var last = [Int](repeating: 0, count: feasible.count)
        for (j, f) in feasible.enumerated() {
            if let l = f.lo, l > .zero { first[j] = pieceIndex(l) + 1 } else { first[j] = 0 }
            last[j] = f.hi.map(pieceIndex) ?? (pieces - 1)
        }
        // Existence: every piece must hold some stage equilibrium.
        var covered = [Bool](repeating: false, count: pieces)
        var coverNext = Array(0...pieces)   // union-find "next uncovered piece"
        func findCover(_ k: Int) -> Int {
            var r = k
            while coverNext[r] != r { r = coverNext[r] }
            var x = k
            while coverNext[x] != r { let y = coverNext[x]; coverNext[x] = r; x = y }
            return r
        }
        for j in feasible.indices {
            var k = findCover(first[j])
            while k <= last[j] { covered[k] = true; coverNext[k] = k + 1; k = findCover(k + 1) }
        }
        if let gap = covered.firstIndex(of: false) {
            throw StorableGoodsError.noPureStageEquilibrium(
                period: period, stocks: stocksOf(),
                prices: describe(gap == 0 ? nil : unique[gap - 1], gap < unique.count ? unique[gap] : nil))
        }

        func surplus(_ f: Feasible, _ price: S?) -> S {
            guard let p = price, f.units > 0 else { return f.own }
            return f.own - p.times(f.units)
        }
        func sellerValue(_ f: Feasible, _ price: S?) -> S {
            guard let p = price, f.units > 0 else { return f.vNext }
            return f.vNext + p.times(f.units)
        }
        /// Seller's preference between (a at price pa) and (b at pb): true if a is better.
        func sellerPrefers(_ a: Feasible, _ pa: S?, _ b: Feasible, _ pb: S?) -> Bool {
            let va = sellerValue(a, pa), vb = sellerValue(b, pb)
            if va != vb { return va > vb }
            if let s = secondaryPrefers(aUnits: a.units, aSurplus: surplus(a, pa), bUnits: b.units, bSurplus: surplus(b, pb)) { return s }
            if pa != pb {
                guard let x = pa else { return true }
                guard let y = pb else { return false }
                return x > y
            }
            return a.position < b.position
        }

        switch selection.consumers {
        case .sellerFavourable:
            var best = -1
            var bestPrice: S? = nil
            for (j, f) in feasible.enumerated() {
                // Every consumer has a no-purchase option, so a profile with
                // purchases has a finite upper price bound.
                assert(f.units == 0 || f.hi != nil)
                let price: S? = f.units > 0 ? f.hi : nil
                if best < 0 || sellerPrefers(f, price, feasible[best], bestPrice) { best = j; bestPrice = price }
            }
            return (best, bestPrice)
        case .sellerAdverse:
            // On each piece the consumers play the seller-worst stage equilibrium
            // (ties: secondary rule, then enumeration order).
            func consumersPrefer(_ a: Feasible, _ b: Feasible, _ price: S?) -> Bool {
                let va = sellerValue(a, price), vb = sellerValue(b, price)
                if va != vb { return va < vb }
                if let s = secondaryPrefers(aUnits: a.units, aSurplus: surplus(a, price), bUnits: b.units, bSurplus: surplus(b, price)) { return s }
                return a.position < b.position
            }
            // Group profiles by units sold; within a group the order by
            // (vNext, own, position) is price-independent, so each piece's
            // worst profile per group is found by painting pieces in that order.
            var groups: [Int: [Int]] = [:]
            for j in feasible.indices { groups[feasible[j].units, default: []].append(j) }
            var perPiece = [[Int]](repeating: [], count: pieces)
            for (_, var members) in groups {
                members.sort { a, b in
                    let fa = feasible[a], fb = feasible[b]
                    if fa.vNext != fb.vNext { return fa.vNext < fb.vNext }
                    switch selection.tieBreak {
                    case .maxConsumerSurplus: if fa.own != fb.own { return fa.own > fb.own }
                    case .minConsumerSurplus: if fa.own != fb.own { return fa.own < fb.own }
                    default: break
                    }
                    return fa.position < fb.position
                }
                var nextFree = Array(0...pieces)
                func find(_ k: Int) -> Int {
                    var r = k
                    while nextFree[r] != r { r = nextFree[r] }
                    var x = k
                    while nextFree[x] != r { let y = nextFree[x]; nextFree[x] = r; x = y }
                    return r
                }
                for j in members {
                    var k = find(first[j])
                    while k <= last[j] { perPiece[k].append(j); nextFree[k] = k + 1; k = find(k + 1) }
                }
            }
            var best = -1
            var bestPrice: S? = nil
            for k in 0..<pieces {
                let price: S? = k < unique.count ? unique[k] : nil
                var worst = -1
                for j in perPiece[k] where worst < 0 || consumersPrefer(feasible[j], feasible[worst], price) { worst = j }
                if best < 0 || sellerPrefers(feasible[worst], price, feasible[best], bestPrice) { best = worst; bestPrice = price }
            }
            return (best, bestPrice)
        }
    }
}
