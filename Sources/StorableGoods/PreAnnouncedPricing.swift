// Section 2 (the pre-announced program) and Section 3.1: optimal
// pre-announced (PA) pricing (solver 2) and a brute-force verifier.
//
// The program of Section 2 (from Berbeglia, Rayaprolu & Vetta 2019a, who show
// that at optimal pre-announced prices consumers need not store):
//     max Σ_t p_t·q_t   s.t.  p_t ≤ v_{q_t,t}  and  p_t ≤ p_{t'} + (t − t')·ε for every t' < t, if q_t > 0,
// with v_{q,t} the q-th highest value in period t.
//
// Dynamic programme. Without loss of generality prices in periods without sales
// are ∞, so the binding constraint at a selling period t is the cap
//     p_t ≤ b + t·ε,   b = min over earlier selling periods t' of (p_{t'} − t'·ε)   (b = +∞ before the first sale),
// and a sale at t resets b to p_t − t·ε (≤ b because p_t respects the cap).
// Given q_t it is optimal to charge the largest admissible price
// min(v_{q_t,t}, b + t·ε): it earns more now and leaves a larger b. So the
// admissible prices at t are the values u_{i,t} below the cap and the cap
// itself, and b only takes values in the finite set {u_{i,s} − s·ε} ∪ {+∞}.
// Only periods with a positive value matter (a sale at price 0 earns nothing
// and only lowers b), so the DP runs over the K demand periods with
// |B| ≤ (#positive values) + 1 bases — about 2.5·10⁵ (period, base) states for
// G(500), independent of its 1.25·10⁸ periods.
//
// Inner loop. Every listed value u at t resets b to the base u − t·ε, itself a
// member of the sorted base list, so the admissibility test u ≤ b + t·ε is the
// integer comparison index(u − t·ε) ≤ index(b), and the revenue of selling at
// u, u·n + value(index(u − t·ε)), does not depend on b. Per period the listed
// options are therefore evaluated once (a table of suffix maxima over the value
// list), and per (period, base) only the cap option costs arithmetic:
// O(K·|B| + D) exact additions and comparisons in all, no hashing.
//
// Ties and suprema: the constraints are weak inequalities, i.e. consumers
// break ties in the seller's favour (`TieRule.sellerFavourable`); the optimum
// is therefore the supremum of the revenue over prices under any tie rule
// (footnote 1 of the paper; see ConsumerBestResponse.swift). The reported
// revenue is that supremum, attained by the reported schedule when consumers
// break ties in the seller's favour.

import Numerics

/// One period's sales in an optimal pre-announced schedule.
public struct PreAnnouncedSale: Sendable, Hashable {
    /// t.
    public let period: Int
    /// p_t.
    public let price: Rational
    /// The consumers (indices) who buy and consume in period t.
    public let buyers: [Int]
}

/// The optimal pre-announced revenue Π^PA (a supremum; see `tieSemantics`),
/// a schedule attaining it under seller-favourable ties, and its sales.
public struct PreAnnouncedSolution: Sendable, Hashable {
    /// Π^PA = sup over schedules of the revenue (the maximum under
    /// seller-favourable ties).
    public let revenue: Rational
    /// An optimal schedule: finite prices in the selling periods, ∞ elsewhere.
    public let schedule: PriceSchedule
    /// The sales of the optimal schedule (consumers buy in the period they consume).
    public let sales: [PreAnnouncedSale]
    /// How the revenue treats consumer ties.
    public let tieSemantics: String

    static let supremumNote = "supremum: consumers break ties in the seller's favour (buy when indifferent, latest cheapest source); any tie rule attains it in the limit (paper, footnote 1)"
}

/// The result of the brute-force verifier.
public struct BruteForcePreAnnouncedResult: Sendable, Hashable {
    /// The best revenue found over all candidate price vectors (seller-favourable ties).
    public let revenue: Rational
    /// A schedule attaining it.
    public let schedule: PriceSchedule
    /// How many price vectors were evaluated.
    public let priceVectors: Int
}

extension StorableGoodsMarket {
    /// Π^PA by the dynamic programme over (demand period, base b) described
    /// in the file comment; also returns an optimal schedule and its sales.
    /// Ties among equally good choices prefer, in order: no sale, a listed
    /// value (highest first), the cap.
    ///
    /// - Complexity: O(K·|B| + D) exact additions and comparisons (K demand
    ///   periods, |B| ≤ D + 1 bases for D positive values), O(D log D) for
    ///   the sorted bases; memory O(K·|B|). Arithmetic runs on the common-denominator lattice
    ///   (machine integers when they provably suffice, else `BigInt`).
    /// - Throws: never for a valid market (the error type is kept for
    ///   arithmetic-representation failures, which indicate a bug).
    public func optimalPreAnnouncedPricing() throws -> PreAnnouncedSolution {
        let values = positiveValues
        let maxV = values.max() ?? .zero
        let bound = Rational(values.count + 4) * (maxV + Rational(2 * horizon) * storageCost + 1)
        switch ScalarChoice.lattice(values: values + [storageCost], bound: bound) {
        case let .machineLattice(d): return try preAnnouncedDP(Int.self, scale: d)
        case let .bigLattice(d): return try preAnnouncedDP(BigInt.self, scale: d)
        case .rational: return try preAnnouncedDP(Rational.self, scale: .one)
        }
    }

    private func preAnnouncedDP<S: ExactScalar>(_: S.Type, scale: BigInt) throws -> PreAnnouncedSolution {
        let eps = try S.fromRational(storageCost, scale: scale)
        // Demand periods with their values sorted in decreasing order (with buyers).
        var byPeriod: [Int: [(value: S, consumer: Int)]] = [:]
        for (i, list) in demands.enumerated() {
            for d in list { byPeriod[d.period, default: []].append((try S.fromRational(d.value, scale: scale), i)) }
        }
        let periods = byPeriod.keys.sorted()
        let k = periods.count
        let sortedValues: [[S]] = periods.map { t in byPeriod[t]!.map(\.value).sorted(by: >) }
        // Distinct values per period (decreasing) with the number of values ≥ each.
        let distinct: [[(value: S, count: Int)]] = sortedValues.map { vs in
            var out: [(value: S, count: Int)] = []
            for (idx, v) in vs.enumerated() {
                if let last = out.last, last.value == v { out[out.count - 1].count = idx + 1 } else { out.append((v, idx + 1)) }
            }
            return out
        }
        // Base candidates b = u − t·ε, indexed; index `none` stands for b = +∞.
        var baseSet = Set<S>()
        for (j, t) in periods.enumerated() { for (v, _) in distinct[j] { baseSet.insert(v - eps.times(t)) } }
        let bases = baseSet.sorted()
        var baseIndex: [S: Int] = [:]
        for (idx, b) in bases.enumerated() { baseIndex[b] = idx }
        let none = bases.count
        let width = bases.count + 1

        // The base each listed value resets b to: β_{j,i} = index(u_{i,t} − t·ε)
        // (strictly decreasing in i, the values being distinct and decreasing),
        // and u_{i,t}·n_{i,t} (revenue of selling at u_{i,t} now). Both are
        // independent of b, so the hashing and the products happen once per
        // value, not once per (period, base).
        var resetBase: [[Int]] = []
        var saleRevenue: [[S]] = []
        resetBase.reserveCapacity(k)
        saleRevenue.reserveCapacity(k)
        for (j, t) in periods.enumerated() {
            let tEps = eps.times(t)
            resetBase.append(distinct[j].map { baseIndex[$0.value - tEps]! })
            saleRevenue.append(distinct[j].map { $0.count == 1 ? $0.value : $0.value.times($0.count) })
        }

        // Reachability: going forward from b = +∞, a base is only ever set by a
        // sale at a listed value, so at period j the base is +∞ or β_{j',i} for
        // some j' < j. value[j][b] is read only at such b (no sale and the cap
        // keep b; a listed sale at j moves to β_{j,i}, reachable at j + 1), so
        // it is computed only there: firstSetter[b] = the first period whose
        // listed values include base b.
        var firstSetter = [Int](repeating: k, count: width)
        for j in stride(from: k - 1, through: 0, by: -1) {
            for beta in resetBase[j] { firstSetter[beta] = j }
        }
        firstSetter[none] = -1

        // value[j][b] = best revenue from demand periods j..<k given base b.
        // decision: -1 no sale, 0..<m sell at distinct value index, m = sell at the cap.
        //
        // Integer form of the admissibility tests (bases are sorted and
        // distinct, the cap is bases[b] + t·ε):
        //   u_{i,t} ≤ cap  ⇔  u_{i,t} − t·ε ≤ bases[b]  ⇔  β_{j,i} ≤ b   (b = none: always),
        //   #values ≥ cap = n_{i*} for the largest i* with β_{j,i*} ≥ b (none: no value reaches the cap).
        // Since β decreases in i, the admissible listed values at b form a
        // suffix i ≥ s(b) of the value list, and the listed-value option is the
        // first maximiser over that suffix of u_i·n_i + next[β_i] — a table of
        // suffix maxima, built once per period.
        var next = [S](repeating: .zero, count: width)
        var decisions = [[Int]](repeating: [], count: k)
        for j in stride(from: k - 1, through: 0, by: -1) {
            let tEps = eps.times(periods[j])
            let negTEps = S.zero - tEps
            let beta = resetBase[j]
            let m = beta.count
            // suffixBest[s] = (max over i ≥ s of u_i·n_i + next[β_i], its smallest
            // maximiser) — the smallest index wins ties, as the scan order
            // "highest value first, strict improvement" of the plain DP prefers.
            var suffixValue = [S](repeating: .zero, count: m)
            var suffixChoice = [Int](repeating: -1, count: m)
            for i in stride(from: m - 1, through: 0, by: -1) {
                let r = saleRevenue[j][i] + next[beta[i]]
                if i == m - 1 || r >= suffixValue[i + 1] {
                    suffixValue[i] = r
                    suffixChoice[i] = i
                } else {
                    suffixValue[i] = suffixValue[i + 1]
                    suffixChoice[i] = suffixChoice[i + 1]
                }
            }
            // value[j] overwrites value[j + 1] in place: the listed options read
            // value[j + 1] only through the suffix table above, and each base b
            // reads only its own entry before writing it.
            var decision = [Int](repeating: -1, count: width)
            var s = m          // first admissible listed value at b (m: none)
            var reach = m - 1  // largest i with β_i ≥ b (−1: the cap exceeds every value)
            for b in 0..<width where firstSetter[b] < j {
                while s > 0 && beta[s - 1] <= b { s -= 1 }
                // The cap bases[b] + t·ε, when positive (bases[b] > −t·ε), sold to the n values ≥ it.
                var capBuyers = 0
                if b != none {
                    while reach >= 0 && beta[reach] < b { reach -= 1 }
                    if reach >= 0 && bases[b] > negTEps { capBuyers = distinct[j][reach].count }
                }
                if !(s < m && suffixValue[s] > next[b]) {
                    // No listed sale beats no sale. The cap earns n·(bases[b] + t·ε) > 0
                    // more than no sale, so it wins whenever admissible: its revenue
                    // accumulates into next[b] in place (no temporary).
                    if capBuyers == 1 {
                        next[b] += bases[b]
                        next[b] += tEps
                        decision[b] = m
                    } else if capBuyers > 1 {
                        next[b] += (bases[b] + tEps).times(capBuyers)
                        decision[b] = m
                    }
                    continue
                }
                var best = suffixValue[s]
                var choice = suffixChoice[s]
                if capBuyers > 0 {
                    var r: S
                    if capBuyers == 1 {
                        r = bases[b] + next[b]   // a fresh value: the next sum reuses its storage
                        r += tEps
                    } else {
                        r = (bases[b] + tEps).times(capBuyers) + next[b]
                    }
                    if r > best { best = r; choice = m }
                }
                next[b] = best
                decision[b] = choice
            }
            decisions[j] = decision
        }
        // Reconstruct from b = +∞.
        var b = none
        var prices: [Int: Rational] = [:]
        var sales: [PreAnnouncedSale] = []
        for j in 0..<k {
            let t = periods[j]
            let choice = decisions[j][b]
            if choice < 0 { continue }
            let m = distinct[j].count
            let price: S = choice < m ? distinct[j][choice].value : bases[b] + eps.times(t)
            if choice < m { b = baseIndex[price - eps.times(t)]! }
            let buyers = byPeriod[t]!.filter { $0.value >= price }.map(\.consumer).sorted()
            let p = price.rational(scale: scale)
            prices[t] = p
            sales.append(PreAnnouncedSale(period: t, price: p, buyers: buyers))
        }
        return PreAnnouncedSolution(
            revenue: next[none].rational(scale: scale),
            schedule: try PriceSchedule(horizon: horizon, prices: prices),
            sales: sales,
            tieSemantics: PreAnnouncedSolution.supremumNote)
    }

    /// The finite candidate prices the brute-force verifier tries in period s:
    /// {u_{i,t} + (s − t)·ε : all i, t} ∪ {(s − s₀)·ε : s₀ ∈ 1...T}, restricted
    /// to [0, max u] (a higher price sells nothing, like ∞), sorted.
    ///
    /// Why this set suffices: fix which units each consumer buys and where.
    /// The prices inducing that behaviour (seller-favourable ties, prices ≥ 0)
    /// form a polyhedron cut out by bounds p_s ≤ u − (t − s)ε, p_s ≥ u − (t − s)ε,
    /// p_s ≥ 0 and differences p_s − p_{s'} ≤ (s − s')ε; revenue is linear with
    /// positive weights on the selling periods, so it is maximised at a vertex,
    /// where every price is linked by tight differences to a tight bound, i.e.
    /// p_s = u_{i,t} + (s − t)ε or p_s = (s − s₀)ε. At a limit point the
    /// favourable tie rule pays at least as much, so maximising over this grid
    /// (and ∞) gives Π^PA without assuming consumers do not store.
    ///
    /// - Complexity: O(N·T + T) per period. Traps for s outside 1...T.
    public func bruteForceCandidatePrices(period s: Int) -> [Rational] {
        precondition(s >= 1 && s <= horizon)
        let maxV = positiveValues.max() ?? .zero
        var set = Set<Rational>()
        for list in demands {
            for d in list { set.insert(d.value + Rational(s - d.period) * storageCost) }
        }
        for s0 in 1...horizon { set.insert(Rational(s - s0) * storageCost) }
        set.insert(.zero)
        return set.filter { $0.signum >= 0 && $0 <= maxV }.sorted()
    }

    /// Brute-force Π^PA for tiny instances: enumerates every price vector in
    /// Π_s (candidates(s) ∪ {∞}) and evaluates it with the consumers' best
    /// responses (solver 1, seller-favourable ties, storage allowed). Used to
    /// confirm `optimalPreAnnouncedPricing()`.
    ///
    /// - Complexity: O(Π_s (|C_s| + 1) · (T + D log T)).
    /// - Throws: `StorableGoodsError.tooManyPriceVectors` when the number of
    ///   price vectors exceeds `maxPriceVectors`.
    public func bruteForcePreAnnouncedPricing(maxPriceVectors: Int = 2_000_000) throws -> BruteForcePreAnnouncedResult {
        let candidates: [[PostedPrice]] = (1...horizon).map { s in
            bruteForceCandidatePrices(period: s).map { PostedPrice.finite($0) } + [.noSale]
        }
        var total = 1
        for c in candidates {
            let (p, o) = total.multipliedReportingOverflow(by: c.count)
            guard !o, p <= maxPriceVectors else {
                throw StorableGoodsError.tooManyPriceVectors(maxPriceVectors: maxPriceVectors)
            }
            total = p
        }
        if let r = try latticeBruteForce(candidates, total: total) { return r }
        return try scheduleBruteForce(candidates, total: total)
    }

    /// The next price vector of the brute force's odometer (the last period fastest).
    private static func advance(_ index: inout [Int], _ candidates: [[PostedPrice]]) {
        var s = index.count - 1
        while s >= 0 {
            index[s] += 1
            if index[s] < candidates[s].count { break }
            index[s] = 0
            s -= 1
        }
    }

    /// The brute force evaluating each price vector as a `PriceSchedule` with
    /// the consumers' best responses (`outcome(of:ties:)`).
    func scheduleBruteForce(_ candidates: [[PostedPrice]], total: Int) throws -> BruteForcePreAnnouncedResult {
        var index = [Int](repeating: 0, count: horizon)
        var best: Rational? = nil
        var bestSchedule = try PriceSchedule(horizon: horizon, prices: [:])
        for _ in 0..<total {
            let schedule = try PriceSchedule(prices: (0..<horizon).map { candidates[$0][index[$0]] })
            let r = try outcome(of: schedule, ties: .sellerFavourable).revenue
            if best == nil || r > best! { best = r; bestSchedule = schedule }
            Self.advance(&index, candidates)
        }
        return BruteForcePreAnnouncedResult(revenue: best ?? .zero, schedule: bestSchedule, priceVectors: total)
    }

    /// The same search with the same order and ties, each vector's revenue
    /// computed on the common-denominator lattice in machine integers: the
    /// seller-favourable best response of ConsumerBestResponse.swift — in
    /// period order, the running minimum of the bases p_s − s·ε with the
    /// latest source among equal bases; a demand u at t buys iff u ≥ base + t·ε
    /// and pays that source's price. Nil when the prices do not fit machine
    /// integers (then `scheduleBruteForce`).
    func latticeBruteForce(_ candidates: [[PostedPrice]], total: Int) throws -> BruteForcePreAnnouncedResult? {
        let values = positiveValues
        let maxV = values.max() ?? .zero
        let bound = Rational(values.count + 4) * (maxV + Rational(2 * horizon) * storageCost + 1)
        guard case let .machineLattice(d) = ScalarChoice.lattice(values: values + [storageCost], bound: bound) else { return nil }
        // prices[s][k]: candidate k of period s + 1 on the lattice (nil: no sale).
        var prices: [[Int?]] = []
        for c in candidates {
            var row: [Int?] = []
            for p in c {
                guard let x = p.amount else { row.append(nil); continue }
                guard let v = try? Int.fromRational(x, scale: d) else { return nil }
                row.append(v)
            }
            prices.append(row)
        }
        let eps = try Int.fromRational(storageCost, scale: d)
        var demandValues = [[Int]](repeating: [], count: horizon)
        for list in demands { for x in list { demandValues[x.period - 1].append(try Int.fromRational(x.value, scale: d)) } }
        var index = [Int](repeating: 0, count: horizon)
        var best: Int? = nil
        var bestIndex = index
        for _ in 0..<total {
            var revenue = 0
            var minBase: Int? = nil
            var paid = 0
            for s in 0..<horizon {
                let t = s + 1
                if let p = prices[s][index[s]] {
                    let b = p - t * eps
                    if minBase == nil || b <= minBase! { minBase = b; paid = p }
                }
                guard let base = minBase else { continue }
                let cost = base + t * eps
                for u in demandValues[s] where u >= cost { revenue += paid }
            }
            if best == nil || revenue > best! { best = revenue; bestIndex = index }
            Self.advance(&index, candidates)
        }
        let schedule = try PriceSchedule(prices: (0..<horizon).map { candidates[$0][bestIndex[$0]] })
        return BruteForcePreAnnouncedResult(revenue: (best ?? 0).rational(scale: d), schedule: schedule, priceVectors: total)
    }
}
