// Sections 2 and 3.2: backward induction over the states of contingent
// pricing, t = T, ..., 1.
//
// At each state every consumer's options (x, S') are listed, and every
// purchase profile (one option per consumer) is checked against every
// unilateral deviation: since payoffs are affine in the price, the profile is
// a stage equilibrium exactly for prices in an interval (L, U] (see
// ContingentPricing.swift). The feasible profiles and their intervals go to
// the selection (ContingentStageSelection.swift), whose choice fills the
// state's seller value, price, consumer values and options.
//
// The feasible profiles of a period depend on the selection only through the
// next layer's values (and whether intervals are closed), so several
// selections solved together (`solve(_:)`) share them wherever their next
// layers agree — on G(n) the ten selections have two or three distinct
// layers per period.

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

    func solve() throws -> SolvedContingentTable<S> { try Self.solve([self])[0].get() }

    /// Backward induction for several solvers of the same market and lattice
    /// (one per selection) at once: each result is what the solver's own
    /// `solve()` returns or throws. At every period the solvers whose next
    /// layers hold the same values and whose selections read the same
    /// intervals (closed or not) share one enumeration of the feasible
    /// profiles; each then selects at every state by its own rule.
    ///
    /// - Complexity: as `solve()` per distinct (next layer, closedness) per
    ///   period, plus the selections.
    static func solve(_ solvers: [ContingentSolver<S>]) -> [Result<SolvedContingentTable<S>, Error>] {
        guard let first = solvers.first else { return [] }
        precondition(solvers.allSatisfy { $0.market == first.market && $0.scale == first.scale }, "one market and lattice")
        let market = first.market
        let n = market.consumerCount
        let horizon = market.horizon
        var next = [ContingentLayer<S>](repeating: ContingentLayer<S>(period: horizon + 1, active: [], remaining: []), count: solvers.count)
        var reversed = next.map { [$0] }
        var failure = [Error?](repeating: nil, count: solvers.count)
        for t in stride(from: horizon, through: 1, by: -1) {
            let active = (0..<n).filter { first.remaining($0, t) > 0 }
            // Stocks at the start of period 1 are S_{i,0} = 0: only that state exists.
            let radixes = t == 1 ? active.map { _ in 0 } : active.map { first.remaining($0, t) }
            let template = ContingentLayer<S>(period: t, active: active, remaining: radixes)
            var alive = solvers.indices.filter { failure[$0] == nil }
            guard let some = alive.first else { break }
            let setup = first.periodSetup(template, next: next[some])
            while let lead = alive.first {
                let closed = solvers[lead].selection.consumers.isExtremal
                let group = alive.filter {
                    solvers[$0].selection.consumers.isExtremal == closed
                        && next[$0].seller == next[lead].seller && next[$0].consumer == next[lead].consumer
                }
                alive.removeAll { group.contains($0) }
                let profiles = first.feasibleProfiles(template, next: next[lead], setup, closed: closed)
                var layers = group.map { _ in ContingentLayer<S>(period: t, active: active, remaining: radixes) }
                do {
                    try Self.choose(&layers, group.map { solvers[$0] }, next: next[lead], setup, profiles)
                    for (g, i) in group.enumerated() {
                        reversed[i].append(layers[g])
                        next[i] = layers[g]
                    }
                } catch {
                    for i in group { failure[i] = error }
                }
            }
        }
        return solvers.indices.map { i in
            if let e = failure[i] { return .failure(e) }
            let s = solvers[i]
            return .success(SolvedContingentTable(market: market, scale: s.scale, eps: s.eps, layers: reversed[i].reversed(), values: s.values))
        }
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
        let setup = periodSetup(layer, next: next)
        let profiles = feasibleProfiles(layer, next: next, setup, closed: selection.consumers.isExtremal)
        if let everySPE {
            try choose(layer, next: next, setup, profiles, everySPE: everySPE)
            return
        }
        var layers = [layer]
        try Self.choose(&layers, [self], next: next, setup, profiles)
        layer = layers[0]
    }

    /// What a period's states share, independent of the selection: per active
    /// consumer her value now, R_i(t+1), position and stride in the next
    /// layer, and her options (x, S') at each stock.
    struct PeriodSetup {
        let rNext: [Int]
        let posN: [Int]
        let strideN: [Int]
        /// Flat option tables: consumer k with stock S has the options
        /// start[k][S] ..< start[k][S] + count[k][S].
        let optSp: [Int], optX: [Int], optQ: [Int]
        let optImm: [S]
        let optStart: [[Int]], optCount: [[Int]]
    }

    /// The period's consumers and options (see `PeriodSetup`). O(Σ_k options_k).
    func periodSetup(_ layer: ContingentLayer<S>, next: ContingentLayer<S>) -> PeriodSetup {
        let t = layer.period
        let m = layer.active.count
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
        // Each consumer's options (x, S') with q = S' − S + x and immediate payoff
        // x·u_{i,t} − ε·S', sorted by (q, x, S'). They depend on the state only
        // through the consumer's own stock S, so they are listed once per
        // (consumer, stock) for the period, not once per state.
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
        return PeriodSetup(rNext: rNext, posN: posN, strideN: strideN, optSp: sp0, optX: x0, optQ: q0, optImm: imm0,
                           optStart: start0, optCount: count0)
    }

    /// Every SPE outcome at every state of `layer` from the period's feasible
    /// profiles, passed to `everySPE` (see `solvePeriod`).
    func choose(_ layer: ContingentLayer<S>, next: ContingentLayer<S>, _ setup: PeriodSetup, _ profiles: PeriodProfiles,
                everySPE: (Int, [StageOutcome]) throws -> Void) throws {
        let m = layer.active.count
        let kN = next.active.count
        let posN = setup.posN, optSp = setup.optSp, optX = setup.optX, optQ = setup.optQ, optImm = setup.optImm
        let nextConsumer = next.consumer
        @inline(__always) func w(_ k: Int, _ idx: Int) -> S {
            let p = posN[k]
            return p < 0 ? .zero : nextConsumer[idx * kN + p]
        }
        var buffers = SelectionBuffers()
        for index in 0..<layer.count {
            let feasible = (profiles.start[index]..<profiles.start[index + 1]).map { profiles.feasible[profiles.order[$0]] }
            func outcome(_ chosen: Int, _ price: S?) -> StageOutcome {
                let f = feasible[chosen]
                let options = self.options(of: f, state: index, layer, setup)
                var value = f.vNext
                if let p = price, f.units > 0 { value = value + p.times(f.units) }
                var out = StageOutcome(seller: value, consumer: [], price: price, choice: [])
                out.consumer.reserveCapacity(m)
                out.choice.reserveCapacity(m)
                for k in 0..<m {
                    let o = options[k]
                    var c = optImm[o] + w(k, f.nextIndex)
                    if let p = price, optQ[o] > 0 { c = c - p.times(optQ[o]) }
                    out.consumer.append(c)
                    out.choice.append(Int32(optSp[o] * 2 + optX[o]))
                }
                return out
            }
            let picks = try speOutcomes(feasible, period: layer.period, stocksOf: { self.fullStocks(layer, index) }, buffers: &buffers)
            try everySPE(index, picks.map { outcome($0.0, $0.1) })
        }
    }

    /// The selection of each of `solvers` at every state of its layer (`layers[g]`
    /// for `solvers[g]`: one market, one closedness, next layers of equal
    /// values) from the period's shared feasible profiles. The price line of a
    /// state is prepared once for all of them (`prepareSelection`); a state
    /// without a pure stage equilibrium fails them all (the error each would throw).
    static func choose(_ layers: inout [ContingentLayer<S>], _ solvers: [ContingentSolver<S>], next: ContingentLayer<S>,
                       _ setup: PeriodSetup, _ profiles: PeriodProfiles) throws {
        let lead = solvers[0]
        let t = layers[0].period
        let m = layers[0].active.count
        let kN = next.active.count
        let active = layers[0].active, stride = layers[0].stride, radix = layers[0].radix, count = layers[0].count
        let posN = setup.posN, optSp = setup.optSp, optX = setup.optX, optQ = setup.optQ, optImm = setup.optImm
        let nextConsumer = next.consumer
        @inline(__always) func w(_ k: Int, _ idx: Int) -> S {
            let p = posN[k]
            return p < 0 ? .zero : nextConsumer[idx * kN + p]
        }
        func stocks(_ index: Int) -> [Int] {
            var s = [Int](repeating: 0, count: lead.market.consumerCount)
            for (k, i) in active.enumerated() { s[i] = (index / stride[k]) % radix[k] }
            return s
        }
        var feasible: [Feasible] = []
        var buffers = SelectionBuffers()
        // The plays are written to flat buffers (solver g's state i at g·count + i,
        // its consumers' entries at (g·count + i)·m + k) held outside the loop and
        // moved into the layers at the end: every state of every layer is written.
        let groups = solvers.count
        var sellerOut = [S](repeating: .zero, count: groups * count), priceOut = [S](repeating: .zero, count: groups * count)
        var noSaleOut = [Bool](repeating: true, count: groups * count)
        var consumerOut = [S](repeating: .zero, count: groups * count * m)
        var choiceOut = [Int32](repeating: 0, count: groups * count * m)
        // The current state's options per consumer: optStart[k][s] and optCount[k][s] at her stock s.
        var first = [Int](repeating: 0, count: m), radixOf = [Int](repeating: 0, count: m)
        for index in 0..<count {
            feasible.removeAll(keepingCapacity: true)
            for r in profiles.start[index]..<profiles.start[index + 1] { feasible.append(profiles.feasible[profiles.order[r]]) }
            try lead.prepareSelection(feasible, period: t, stocksOf: { stocks(index) }, buffers: &buffers)
            for k in 0..<m {
                let s = (index / stride[k]) % radix[k]
                first[k] = setup.optStart[k][s]
                radixOf[k] = setup.optCount[k][s]
            }
            for g in 0..<groups {
                // Select, and write the chosen play (as `write(outcome(chosen, price), …)`).
                let (chosen, price) = try solvers[g].select(feasible, period: t, stocksOf: { stocks(index) }, buffers: &buffers, prepared: true)
                let f = feasible[chosen]
                var position = f.position
                let at = g * count + index
                sellerOut[at] = price.map { f.units > 0 ? f.vNext + $0.times(f.units) : f.vNext } ?? f.vNext
                noSaleOut[at] = price == nil
                priceOut[at] = price ?? .zero
                for k in 0..<m {
                    // Consumer k's option: digit k of the position (as `options(of:state:)`).
                    let n = radixOf[k]
                    let o = first[k] + position % n
                    position /= n
                    var c = optImm[o] + w(k, f.nextIndex)
                    if let p = price, optQ[o] > 0 { c = c - p.times(optQ[o]) }
                    consumerOut[at * m + k] = c
                    choiceOut[at * m + k] = Int32(optSp[o] * 2 + optX[o])
                }
            }
        }
        for g in 0..<groups {
            layers[g].seller = Array(sellerOut[(g * count)..<((g + 1) * count)])
            layers[g].price = Array(priceOut[(g * count)..<((g + 1) * count)])
            layers[g].noSale = Array(noSaleOut[(g * count)..<((g + 1) * count)])
            layers[g].consumer = Array(consumerOut[(g * count * m)..<((g + 1) * count * m)])
            layers[g].choice = Array(choiceOut[(g * count * m)..<((g + 1) * count * m)])
        }
    }

    /// Each active consumer's option (a flat option index) in profile `f` of
    /// state `index`: the digits of its position in the state's odometer
    /// (consumer 0 fastest, consumer k's digit in radix of her option count). O(m).
    func options(of f: Feasible, state index: Int, _ layer: ContingentLayer<S>, _ setup: PeriodSetup) -> [Int] {
        var position = f.position
        return (0..<layer.active.count).map { k in
            let s = (index / layer.stride[k]) % layer.radix[k]
            let count = setup.optCount[k][s]
            defer { position /= count }
            return setup.optStart[k][s] + position % count
        }
    }

    /// The stage equilibria of one period: every state's feasible purchase
    /// profiles with their price intervals, listed by state, each state's in
    /// enumeration order (`position`).
    struct PeriodProfiles {
        /// Every feasible profile of the period, in the order found.
        var feasible: [Feasible] = []
        /// Indices into `feasible`, grouped by state (index order), each group by position.
        var order: [Int] = []
        /// State s owns order[start[s] ..< start[s + 1]].
        var start: [Int] = []
    }

    /// Every feasible purchase profile of every state of `layer`'s period
    /// (Sections 2 and 3.2: a profile is a stage equilibrium for the prices of
    /// an interval (L, U], or [L, U] when `closed`; see ContingentPricing.swift).
    ///
    /// Consumer k's constraint — her continuation C_k(o) = imm(o) + W_k(next)
    /// and the bounds ΔC/Δq against each alternative o′ at the same stock —
    /// depends on the profile only through her own option o and the next
    /// state's stocks (the others' S′ fix every coordinate but hers, and o
    /// fixes hers). So the profiles are enumerated next state first: for each
    /// next state N, every consumer's options leading to her coordinate of N
    /// (from any of her current stocks) are evaluated once, and the product of
    /// these lists is searched depth first, cutting a branch as soon as its
    /// partial interval is empty (L only rises and U only falls as consumers
    /// are added, so no completion can be feasible). A leaf fixes every
    /// consumer's option, hence the current state and the profile's position
    /// in that state's odometer order (consumer 0 fastest), which sorts each
    /// state's list as the per-state odometer would list it.
    ///
    /// - Complexity: O(Σ_k options_k · |next layer| · alternatives) constraint
    ///   evaluations plus O(m) per search node; memory O(feasible · m).
    func feasibleProfiles(_ layer: ContingentLayer<S>, next: ContingentLayer<S>, _ setup: PeriodSetup, closed: Bool) -> PeriodProfiles {
        let m = layer.active.count
        let kN = next.active.count
        let posN = setup.posN, strideN = setup.strideN, rNext = setup.rNext
        let optSp = setup.optSp, optQ = setup.optQ, optImm = setup.optImm, optStart = setup.optStart, optCount = setup.optCount
        let nextConsumer = next.consumer
        let nextSeller = next.seller
        let layerStride = layer.stride
        // The stock each flat option belongs to, and each consumer's options by S′
        // (from every stock of the layer), flat: consumer k's options with S′ = s
        // are bySp[spStart[k] + s] ..< bySp[spStart[k] + s + 1].
        // Per option also its rank among the options at its stock and their number
        // (its digit and radix in the state's odometer; the options at its stock
        // are o − rank ..< o − rank + radix).
        let optionCount = optSp.count
        var optStock = [Int](repeating: 0, count: optionCount)
        var optRank = [Int](repeating: 0, count: optionCount), optRadix = [Int](repeating: 0, count: optionCount)
        var spStart = [Int](repeating: 0, count: m + 1)
        for k in 0..<m { spStart[k + 1] = spStart[k] + rNext[k] + 2 }
        var spBound = [Int](repeating: 0, count: spStart[m] + 1)
        for k in 0..<m {
            for s in 0..<layer.radix[k] {
                for o in optStart[k][s]..<(optStart[k][s] + optCount[k][s]) {
                    optStock[o] = s
                    optRank[o] = o - optStart[k][s]
                    optRadix[o] = optCount[k][s]
                    spBound[spStart[k] + optSp[o] + 1] += 1
                }
            }
        }
        for r in 0..<spStart[m] { spBound[r + 1] += spBound[r] }
        var bySp = [Int](repeating: 0, count: optionCount)
        do {
            var fill = spBound
            for k in 0..<m {
                for s in 0..<layer.radix[k] {
                    for o in optStart[k][s]..<(optStart[k][s] + optCount[k][s]) {
                        bySp[fill[spStart[k] + optSp[o]]] = o
                        fill[spStart[k] + optSp[o]] += 1
                    }
                }
            }
        }
        /// The interval [lo, hi] (lo exclusive unless `closed`) is nonempty and hi > 0, or unbounded above.
        @inline(__always) func admissible(_ lo: S?, _ hi: S?) -> Bool {
            guard let h = hi else { return true }
            if h <= .zero { return false }
            if let l = lo, l > h || (l == h && !closed) { return false }
            return true
        }
        // Per next state: each consumer's admissible options and their constraints (flat, consumer k at candStart[k]..<candEnd[k]).
        // At most every option is a candidate once per next state.
        var candOpt = [Int](repeating: 0, count: optionCount), candLo = [S?](repeating: nil, count: optionCount)
        var candHi = [S?](repeating: nil, count: optionCount), candC = [S](repeating: .zero, count: optionCount)
        var candStart = [Int](repeating: 0, count: m), candEnd = [Int](repeating: 0, count: m)
        // Depth-first search state: the candidate tried at each depth and the running interval, Σ C and Σ q before it.
        var pick = [Int](repeating: 0, count: m)
        var accLo = [S?](repeating: nil, count: m + 1), accHi = [S?](repeating: nil, count: m + 1)
        var accOwn = [S](repeating: .zero, count: m + 1), accUnits = [Int](repeating: 0, count: m + 1)
        // The state index, the position and the product of the option counts so far.
        var accState = [Int](repeating: 0, count: m + 1), accPosition = [Int](repeating: 0, count: m + 1)
        var accRadix = [Int](repeating: 1, count: m + 1)
        var out = PeriodProfiles()
        var stateOf: [Int] = [], positionOf: [Int] = []

        // The loops below read and write buffers held outside them through
        // pointers (no uniqueness checks or reference counting per access).
        optSp.withUnsafeBufferPointer { optSp in
        optQ.withUnsafeBufferPointer { optQ in
        optImm.withUnsafeBufferPointer { optImm in
        nextConsumer.withUnsafeBufferPointer { nextConsumer in
        optStock.withUnsafeBufferPointer { optStock in
        optRank.withUnsafeBufferPointer { optRank in
        optRadix.withUnsafeBufferPointer { optRadix in
        bySp.withUnsafeBufferPointer { bySp in
        spBound.withUnsafeBufferPointer { spBound in
        candOpt.withUnsafeMutableBufferPointer { candOpt in
        candLo.withUnsafeMutableBufferPointer { candLo in
        candHi.withUnsafeMutableBufferPointer { candHi in
        candC.withUnsafeMutableBufferPointer { candC in
        candStart.withUnsafeMutableBufferPointer { candStart in
        candEnd.withUnsafeMutableBufferPointer { candEnd in
        pick.withUnsafeMutableBufferPointer { pick in
        accLo.withUnsafeMutableBufferPointer { accLo in
        accHi.withUnsafeMutableBufferPointer { accHi in
        accOwn.withUnsafeMutableBufferPointer { accOwn in
        accUnits.withUnsafeMutableBufferPointer { accUnits in
        accState.withUnsafeMutableBufferPointer { accState in
        accPosition.withUnsafeMutableBufferPointer { accPosition in
        accRadix.withUnsafeMutableBufferPointer { accRadix in
        for nIdx in 0..<next.count {
            var cands = 0
            var dead = false
            for k in 0..<m {
                candStart[k] = cands
                let p = posN[k], strideK = strideN[k]
                // W_k at next state idx (0 for a consumer absent next period).
                @inline(__always) func w(_ idx: Int) -> S { p < 0 ? .zero : nextConsumer[idx * kN + p] }
                let spK = p < 0 ? 0 : (nIdx / strideK) % (rNext[k] + 1)
                let wHere = w(nIdx)
                for r in spBound[spStart[k] + spK]..<spBound[spStart[k] + spK + 1] {
                    let o = bySp[r]
                    // Consumer k's option o against each alternative at her stock (as in the text above).
                    let c = optImm[o] + wHere
                    let first = o - optRank[o], count = optRadix[o]
                    var lo: S? = nil, hi: S? = nil
                    var ok = true
                    let qO = optQ[o]
                    for a in first..<(first + count) where a != o {
                        let idx2 = nIdx + (optSp[a] - spK) * strideK
                        let dc = c - (optImm[a] + w(idx2))
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
                    guard ok, admissible(lo, hi) else { continue }
                    candOpt[cands] = o; candLo[cands] = lo; candHi[cands] = hi; candC[cands] = c
                    cands += 1
                }
                candEnd[k] = cands
                if candEnd[k] == candStart[k] { dead = true; break }
            }
            if dead { continue }
            if m == 0 {
                out.feasible.append(Feasible(lo: nil, hi: nil, units: 0, vNext: nextSeller[nIdx], own: .zero, position: 0, nextIndex: nIdx))
                stateOf.append(0); positionOf.append(0)
                continue
            }
            var depth = 0
            pick[0] = candStart[0]
            while depth >= 0 {
                let c = pick[depth]
                if c == candEnd[depth] {
                    depth -= 1
                    if depth >= 0 { pick[depth] += 1 }
                    continue
                }
                var lo = accLo[depth], hi = accHi[depth]
                if let l = candLo[c], lo == nil || l > lo! { lo = l }
                if let h = candHi[c], hi == nil || h < hi! { hi = h }
                guard admissible(lo, hi) else { pick[depth] += 1; continue }
                accLo[depth + 1] = lo
                accHi[depth + 1] = hi
                accOwn[depth + 1] = accOwn[depth] + candC[c]
                let o = candOpt[c]
                accUnits[depth + 1] = accUnits[depth] + optQ[o]
                accState[depth + 1] = accState[depth] + optStock[o] * layerStride[depth]
                accPosition[depth + 1] = accPosition[depth] + optRank[o] * accRadix[depth]
                accRadix[depth + 1] = accRadix[depth] * optRadix[o]
                if depth + 1 < m {
                    depth += 1
                    pick[depth] = candStart[depth]
                    continue
                }
                // A leaf: every consumer's option is fixed, hence the state and the position.
                out.feasible.append(Feasible(lo: lo, hi: hi, units: accUnits[m], vNext: nextSeller[nIdx], own: accOwn[m],
                                             position: accPosition[m], nextIndex: nIdx))
                stateOf.append(accState[m]); positionOf.append(accPosition[m])
                pick[depth] += 1
            }
        }
        }}}}}}}}}}}}}}}}}}}}}}}
        // Group by state (counting sort), then each state's profiles by position.
        out.start = [Int](repeating: 0, count: layer.count + 1)
        for s in stateOf { out.start[s + 1] += 1 }
        for s in 0..<layer.count { out.start[s + 1] += out.start[s] }
        var fill = out.start
        out.order = [Int](repeating: 0, count: stateOf.count)
        for (j, s) in stateOf.enumerated() { out.order[fill[s]] = j; fill[s] += 1 }
        for s in 0..<layer.count where out.start[s + 1] - out.start[s] > 1 {
            out.order[out.start[s]..<out.start[s + 1]].sort { positionOf[$0] < positionOf[$1] }
        }
        return out
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
