// Section 2: the state space of contingent pricing and the solved tables.
//
// A state is (t, S_{t−1}): the period and every consumer's stock at its start.
// Only consumers with remaining demand, R_i(t) > 0, are part of the state, and
// their stocks range over 0...R_i(t) (see ContingentPricing.swift), so the
// states of period t are numbered by a mixed-radix index with digit S_i in
// radix R_i(t) + 1. A `ContingentLayer` holds one period's solved states
// (seller and consumer continuation values, price, chosen options); a
// `SolvedContingentTable` holds the layers of periods 1...T + 1 and reads
// outcomes and reservation prices back as rationals.

import Numerics

protocol ContingentTable: Sendable {
    var stateCount: Int { get }
    func stateCount(period: Int) -> Int
    func index(period: Int, stocks: [Int]) -> Int?
    func outcome(period: Int, index: Int) -> ContingentStateOutcome
    /// As `outcome(period:index:)`; with `consumerValues` false the consumers'
    /// continuation values are left out (empty), saving their N conversions
    /// to `Rational` per state for callers that read only the seller's side.
    func outcome(period: Int, index: Int, consumerValues: Bool) -> ContingentStateOutcome
    /// Calls `body` with the play at every state, period by period (increasing)
    /// and states in index order, as `outcome(period:index:consumerValues:)`
    /// would give it, without its per-state allocations.
    func forEachState(consumerValues: Bool, _ body: (ContingentStateOutcome) throws -> Void) rethrows
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
        outcome(period: period, index: index, consumerValues: true)
    }

    func outcome(period: Int, index: Int, consumerValues: Bool) -> ContingentStateOutcome {
        let layer = layers[period - 1]
        let n = market.consumerCount
        let st = stocks(layer, index)
        var values = [Rational](repeating: .zero, count: consumerValues ? n : 0)
        var purchases = [Int](repeating: 0, count: n)
        var consumes = [Bool](repeating: false, count: n)
        var next = [Int](repeating: 0, count: n)
        let k = layer.active.count
        for (pos, i) in layer.active.enumerated() {
            if consumerValues { values[i] = layer.consumer[index * k + pos].rational(scale: scale) }
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

    func forEachState(consumerValues: Bool, _ body: (ContingentStateOutcome) throws -> Void) rethrows {
        let n = market.consumerCount
        // The outcomes' arrays are rewritten in place: `body` sees each state's
        // values and, keeping no reference, leaves the buffers unique.
        var st = [Int](repeating: 0, count: n)
        var values = [Rational](repeating: .zero, count: consumerValues ? n : 0)
        var purchases = [Int](repeating: 0, count: n)
        var consumes = [Bool](repeating: false, count: n)
        var next = [Int](repeating: 0, count: n)
        // Few distinct values occur: each is converted to a fraction once.
        var rationals: [S: Rational] = [:]
        func rational(_ v: S) -> Rational {
            if let r = rationals[v] { return r }
            let r = v.rational(scale: scale)
            rationals[v] = r
            return r
        }
        for layer in layers.dropLast() {
            let k = layer.active.count
            for index in 0..<layer.count {
                for i in 0..<n { st[i] = 0; purchases[i] = 0; consumes[i] = false; next[i] = 0 }
                if consumerValues { for i in 0..<n { values[i] = .zero } }
                for (pos, i) in layer.active.enumerated() {
                    st[i] = (index / layer.stride[pos]) % layer.radix[pos]
                    if consumerValues { values[i] = rational(layer.consumer[index * k + pos]) }
                    let code = Int(layer.choice[index * k + pos])
                    let sp = code / 2, x = code % 2
                    next[i] = sp
                    consumes[i] = x == 1
                    purchases[i] = sp - st[i] + x
                }
                try body(ContingentStateOutcome(
                    period: layer.period, stocks: st, sellerValue: rational(layer.seller[index]), consumerValues: values,
                    price: layer.noSale[index] ? .noSale : .finite(rational(layer.price[index])),
                    purchases: purchases, consumes: consumes, nextStocks: next))
            }
        }
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
