// Sections 2 and 3.2: backward induction over the states of contingent
// pricing, t = T, ..., 1.
//
// At each state every consumer's options (x, S') are listed, and every
// purchase profile (one option per consumer, enumerated by an odometer) is
// checked against every unilateral deviation: since payoffs are affine in the
// price, the profile is a stage equilibrium exactly for prices in an interval
// (L, U] (see ContingentPricing.swift). The feasible profiles and their
// intervals go to the selection (ContingentStageSelection.swift), whose choice
// fills the state's seller value, price, consumer values and options.

import Numerics

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
        var lo: S?      // lower bound (nil = none): strict for the limit rules, inclusive for the extremal ones
        var hi: S?      // inclusive upper bound (nil = +∞)
        var units: Int
        var vNext: S
        var own: S      // Σ_i C_i(o_i)
        var position: Int
        var nextIndex: Int
    }

    /// One state's play: the seller's value, each active consumer's value,
    /// the price (nil: no sale) and each active consumer's option (S'·2 + x).
    struct StageOutcome {
        var seller: S
        var consumer: [S]
        var price: S?
        var choice: [Int32]
    }

    /// Solves period `layer.period` given the next layer. Without `everySPE`
    /// the selection's choice fills `layer`; with it, `layer` is left unfilled
    /// and `everySPE(index, outcomes)` receives, at every state, the SPE
    /// outcomes of the exact stage game (`speOutcomes`; the solver's selection
    /// must then be `stagewise-seller-worst`, which yields θ).
    func solvePeriod(_ layer: inout ContingentLayer<S>, next: ContingentLayer<S>,
                     everySPE: ((Int, [StageOutcome]) throws -> Void)? = nil) throws {
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
        // Each consumer's options (x, S') with q = S' − S + x and immediate payoff
        // x·u_{i,t} − ε·S', sorted by (q, x, S'). They depend on the state only
        // through the consumer's own stock S, so they are listed once per
        // (consumer, stock) for the period, not once per state, in flat tables:
        // consumer k with stock S has the options optStart[k][S] ..< + optCount[k][S].
        var sp0: [Int] = [], x0: [Int] = [], q0: [Int] = []
        var imm0: [S] = []
        var start0 = [[Int]](repeating: [], count: m)
        var count0 = [[Int]](repeating: [], count: m)
        for k in 0..<m {
            for s in 0..<layer.radix[k] {
                var opts: [(q: Int, x: Int, sp: Int)] = []
                for x in (u[k] > .zero ? [0, 1] : [0]) {
                    let low = max(0, s - x)
                    if low <= rNext[k] {
                        for sp in low...rNext[k] { opts.append((sp - s + x, x, sp)) }
                    }
                }
                opts.sort { ($0.q, $0.x, $0.sp) < ($1.q, $1.x, $1.sp) }
                start0[k].append(sp0.count)
                count0[k].append(opts.count)
                sp0.append(contentsOf: opts.map(\.sp))
                x0.append(contentsOf: opts.map(\.x))
                q0.append(contentsOf: opts.map(\.q))
                imm0.append(contentsOf: opts.map { (($0.x == 1) ? u[k] : .zero) - eps.times($0.sp) })
            }
        }
        let optSp = sp0, optX = x0, optQ = q0, optImm = imm0, optStart = start0, optCount = count0
        // The current state's first option and option count per consumer.
        var first = [Int](repeating: 0, count: m)
        var count = [Int](repeating: 0, count: m)
        // digits[k]: consumer k's option in the current profile (an index into the flat tables).
        var digits = [Int](repeating: 0, count: m)
        var feasible: [Feasible] = []
        var feasibleDigits: [Int] = []
        let closed = selection.consumers.isExtremal

        for index in 0..<layer.count {
            for k in 0..<m {
                let s = (index / layer.stride[k]) % layer.radix[k]
                first[k] = optStart[k][s]
                count[k] = optCount[k][s]
            }
            // Enumerate purchase profiles with an odometer.
            feasible.removeAll(keepingCapacity: true)
            feasibleDigits.removeAll(keepingCapacity: true)
            for k in 0..<m { digits[k] = first[k] }
            var nextIndex = 0
            var units = 0
            for k in 0..<m { nextIndex += optSp[first[k]] * strideN[k]; units += optQ[first[k]] }
            var position = 0
            while true {
                // Check the profile against every unilateral deviation.
                var lo: S? = nil
                var hi: S? = nil
                var own = S.zero
                var ok = true
                for k in 0..<m where ok {
                    let o = digits[k]
                    let c = optImm[o] + w(k, nextIndex)
                    own = own + c
                    if count[k] == 1 { continue }
                    let spO = optSp[o], qO = optQ[o], strideK = strideN[k]
                    for a in first[k]..<(first[k] + count[k]) where a != o {
                        let idx2 = nextIndex + (optSp[a] - spO) * strideK
                        let dc = c - (optImm[a] + w(k, idx2))
                        let dq = qO - optQ[a]
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
                        // Limit rules: the half-open interval (L, U] must be nonempty;
                        // extremal rules: the closed [L, U], so L = U (one exact price) counts.
                        if h <= .zero { ok = false } else if let l = lo, l > h || (l == h && !closed) { ok = false }
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
                    if o + 1 < first[k] + count[k] {
                        nextIndex += (optSp[o + 1] - optSp[o]) * strideN[k]
                        units += optQ[o + 1] - optQ[o]
                        digits[k] = o + 1
                        break
                    }
                    let f = first[k]
                    nextIndex += (optSp[f] - optSp[o]) * strideN[k]
                    units += optQ[f] - optQ[o]
                    digits[k] = f
                    k += 1
                }
                if k == m { break }
            }
            // `outcome` captures immutable copies: a nested function capturing the
            // loop's `var` buffers would box them and make every access in the
            // profile loop above go through dynamic exclusivity checks.
            let feasible = feasible, feasibleDigits = feasibleDigits
            func outcome(_ chosen: Int, _ price: S?) -> StageOutcome {
                let f = feasible[chosen]
                var value = f.vNext
                if let p = price, f.units > 0 { value = value + p.times(f.units) }
                var out = StageOutcome(seller: value, consumer: [], price: price, choice: [])
                out.consumer.reserveCapacity(m)
                out.choice.reserveCapacity(m)
                for k in 0..<m {
                    let o = feasibleDigits[chosen * m + k]
                    var c = optImm[o] + w(k, f.nextIndex)
                    if let p = price, optQ[o] > 0 { c = c - p.times(optQ[o]) }
                    out.consumer.append(c)
                    out.choice.append(Int32(optSp[o] * 2 + optX[o]))
                }
                return out
            }
            if let everySPE {
                let picks = try speOutcomes(feasible, period: t, stocksOf: { self.fullStocks(layer, index) })
                try everySPE(index, picks.map { outcome($0.0, $0.1) })
                continue
            }
            // Select.
            let (chosen, price) = try select(feasible, period: t, stocksOf: { self.fullStocks(layer, index) })
            write(outcome(chosen, price), to: &layer, at: index)
        }
    }

    /// Fills state `index` of `layer` with `o`. O(active).
    func write(_ o: StageOutcome, to layer: inout ContingentLayer<S>, at index: Int) {
        let m = layer.active.count
        layer.seller[index] = o.seller
        layer.noSale[index] = o.price == nil
        layer.price[index] = o.price ?? .zero
        for k in 0..<m {
            layer.consumer[index * m + k] = o.consumer[k]
            layer.choice[index * m + k] = o.choice[k]
        }
    }

    func fullStocks(_ layer: ContingentLayer<S>, _ index: Int) -> [Int] {
        var s = [Int](repeating: 0, count: market.consumerCount)
        for (k, i) in layer.active.enumerated() { s[i] = (index / layer.stride[k]) % layer.radix[k] }
        return s
    }
}
