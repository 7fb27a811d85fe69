// Sections 2 and 3.2 (and footnote 1): the seller's price and the consumers'
// stage equilibrium at one state of contingent pricing.
//
// The breakpoints of the feasible profiles' price intervals cut the price line
// into pieces on which the set of stage equilibria is constant. If some piece
// holds no pure stage equilibrium, no pure strong-Markov SPE exists
// (`StorableGoodsError.noPureStageEquilibrium`). Otherwise, under the
// selection, the consumers coordinate on each piece on the stagewise-seller-best or
// stagewise-seller-worst stage equilibrium, and the seller picks the best piece (the
// supremum at its right end), ties broken by the selection's secondary rule,
// then the higher price, then enumeration order.

import Numerics

extension ContingentSolver {
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

    /// The seller's value of profile f at the announced price (nil: no sale):
    /// p·(units sold now) + his continuation.
    func outcomeValue(_ f: Feasible, _ price: S?) -> S {
        guard let p = price, f.units > 0 else { return f.vNext }
        return f.vNext + p.times(f.units)
    }

    /// The consumers' total payoff of profile f at the announced price.
    func outcomeSurplus(_ f: Feasible, _ price: S?) -> S {
        guard let p = price, f.units > 0 else { return f.own }
        return f.own - p.times(f.units)
    }

    /// Whether (a at price pa) is preferred to (b at pb): the higher (or, with
    /// `higherValue` false, lower) seller value, then the secondary tie-break,
    /// then the higher price (no sale highest), then enumeration order.
    func prefers(_ a: Feasible, _ pa: S?, _ b: Feasible, _ pb: S?, higherValue: Bool) -> Bool {
        let va = outcomeValue(a, pa), vb = outcomeValue(b, pb)
        if va != vb { return higherValue ? va > vb : va < vb }
        if let s = secondaryPrefers(aUnits: a.units, aSurplus: outcomeSurplus(a, pa), bUnits: b.units, bSurplus: outcomeSurplus(b, pb)) { return s }
        if pa != pb {
            guard let x = pa else { return true }
            guard let y = pb else { return false }
            return x > y
        }
        return a.position < b.position
    }

    /// Buffers the stage selection reuses from state to state (it runs at
    /// every state, on a handful of profiles, so fresh arrays would cost more
    /// than the selection itself). A value passed `inout`, so its accesses
    /// are checked statically.
    struct SelectionBuffers {
        /// The breakpoints (see `priceBreakpoints`).
        var points: [S] = []
        /// Each profile's first and last piece (or slot).
        var first: [Int] = []
        var last: [Int] = []
        /// Coverage counts of the pieces (a difference array, then its prefix sums).
        var cover: [Int] = []
        /// Profile indices in the painting order.
        var order: [Int] = []
        /// Each piece's (slot's) least profile for the seller.
        var worst: [Int] = []
        /// The pieces not yet painted in `paintLeast` (its storage kept between states; nil while in use).
        var unvisited: UnvisitedIndices? = nil
    }

    /// The distinct positive ends of the profiles' price intervals, increasing,
    /// in `points`: the breakpoints that cut the price line into pieces.
    func priceBreakpoints(_ feasible: [Feasible], into points: inout [S]) {
        points.removeAll(keepingCapacity: true)
        for f in feasible {
            if let l = f.lo, l > .zero { points.append(l) }
            if let h = f.hi { points.append(h) }
        }
        points.sort()
        var kept = 0
        for r in points.indices where kept == 0 || points[kept - 1] != points[r] {
            points[kept] = points[r]
            kept += 1
        }
        points.removeLast(points.count - kept)
    }

    /// The first of `count` pieces covered by no profile (profile j covers
    /// first[j]...last[j]), or nil when every piece holds a stage equilibrium.
    /// O(P + pieces).
    func firstUncovered(count: Int, _ b: inout SelectionBuffers) -> Int? {
        b.cover.removeAll(keepingCapacity: true)
        b.cover.append(contentsOf: repeatElement(0, count: count + 1))
        for j in b.first.indices where b.first[j] <= b.last[j] {
            b.cover[b.first[j]] += 1
            b.cover[b.last[j] + 1] -= 1
        }
        var running = 0
        for k in 0..<count {
            running += b.cover[k]
            if running == 0 { return k }
        }
        return nil
    }

    /// Fills b.worst[k] for each piece (slot) k with its least profile for the
    /// seller, `isLess(a, b, k)` a strict total order at piece k. Within a group
    /// of equal units the order `groupOrder` (price-independent) agrees with
    /// `isLess` at every price, so each piece's least member per group is found
    /// by painting the pieces in that order; the piece's least profile is the
    /// least of these.
    func paintLeast(pieces: Int, _ feasible: [Feasible], _ b: inout SelectionBuffers,
                    groupOrder: (Feasible, Feasible) -> Bool, isLess: (Int, Int, Int) -> Bool) {
        b.order.removeAll(keepingCapacity: true)
        b.order.append(contentsOf: feasible.indices)
        b.order.sort { x, y in
            let fx = feasible[x], fy = feasible[y]
            return fx.units != fy.units ? fx.units < fy.units : groupOrder(fx, fy)
        }
        b.worst.removeAll(keepingCapacity: true)
        b.worst.append(contentsOf: repeatElement(-1, count: pieces))
        // The pieces' union-find is reused from state to state: taken out of
        // `b` (leaving it the only reference) and put back at the end.
        var unassigned = b.unvisited ?? UnvisitedIndices(count: pieces)
        b.unvisited = nil
        defer { b.unvisited = unassigned }
        var runStart = 0
        while runStart < b.order.count {
            let units = feasible[b.order[runStart]].units
            var runEnd = runStart
            while runEnd < b.order.count && feasible[b.order[runEnd]].units == units { runEnd += 1 }
            unassigned.reset(count: pieces)
            for r in runStart..<runEnd {
                let j = b.order[r]
                unassigned.visit(b.first[j], through: b.last[j]) { k in
                    if b.worst[k] < 0 || isLess(j, b.worst[k], k) { b.worst[k] = j }
                }
            }
            runStart = runEnd
        }
    }

    /// The breakpoints of the state's profiles and each profile's range of
    /// pieces (limit rules: (L, U] pieces; extremal rules: slots, see
    /// `selectExtremal`) in `b`, after checking that every piece holds a stage
    /// equilibrium. It depends on the selection only through its closedness,
    /// so selections solved together prepare once per state.
    ///
    /// - Throws: `StorableGoodsError.noPureStageEquilibrium` at a piece without one.
    func prepareSelection(_ feasible: [Feasible], period: Int, stocksOf: () -> [Int], buffers b: inout SelectionBuffers) throws {
        priceBreakpoints(feasible, into: &b.points)
        let points = b.points
        let k = points.count
        func pointIndex(_ v: S) -> Int { BinarySearch.firstIndex(in: points.indices) { points[$0] >= v } }
        b.first.removeAll(keepingCapacity: true)
        b.last.removeAll(keepingCapacity: true)
        if selection.consumers.isExtremal {
            // Slots 0...2k: slot 2m is the open piece (b_{m−1}, b_m) (b_{−1} = 0,
            // b_k = ∞), slot 2m + 1 the point b_m.
            let slots = 2 * k + 1
            for f in feasible {
                if let l = f.lo, l > .zero { b.first.append(2 * pointIndex(l) + 1) } else { b.first.append(0) }
                b.last.append(f.hi.map { 2 * pointIndex($0) + 1 } ?? (slots - 1))
            }
            if let gap = firstUncovered(count: slots, &b) {
                let m = gap / 2
                let range = gap % 2 == 1 ? "[\(points[m].rational(scale: scale))]" : describe(m == 0 ? nil : points[m - 1], m < k ? points[m] : nil)
                throw StorableGoodsError.noPureStageEquilibrium(period: period, stocks: stocksOf(), prices: range)
            }
            return
        }
        let pieces = k + 1   // piece m = (left(m), right(m)]; the last is (·, ∞)
        // Active piece range of each feasible profile.
        for f in feasible {
            if let l = f.lo, l > .zero { b.first.append(pointIndex(l) + 1) } else { b.first.append(0) }
            b.last.append(f.hi.map(pointIndex) ?? (pieces - 1))
        }
        // Existence: every piece must hold some stage equilibrium.
        if let gap = firstUncovered(count: pieces, &b) {
            throw StorableGoodsError.noPureStageEquilibrium(
                period: period, stocks: stocksOf(),
                prices: describe(gap == 0 ? nil : points[gap - 1], gap < points.count ? points[gap] : nil))
        }
    }

    /// Picks (feasible index, announced price or nil for no sale). With
    /// `prepared`, `b` already holds `prepareSelection`'s result for `feasible`.
    func select(_ feasible: [Feasible], period: Int, stocksOf: () -> [Int], buffers b: inout SelectionBuffers,
                prepared: Bool = false) throws -> (Int, S?) {
        if !prepared { try prepareSelection(feasible, period: period, stocksOf: stocksOf, buffers: &b) }
        if selection.consumers.isExtremal { return selectExtremal(feasible, buffers: &b) }
        let unique = b.points
        let pieces = unique.count + 1   // piece k = (left(k), right(k)]; the last is (·, ∞)

        switch selection.consumers {
        case .sellerBest, .sellerWorst, .sellerBestOverall, .sellerWorstOverall:
            preconditionFailure("extremal selections are handled by selectExtremal, global ones by ContingentGlobalSearch")
        case .sellerFavourable:
            var best = -1
            var bestPrice: S? = nil
            for (j, f) in feasible.enumerated() {
                // Every consumer has a no-purchase option, so a profile with
                // purchases has a finite upper price bound.
                assert(f.units == 0 || f.hi != nil)
                let price: S? = f.units > 0 ? f.hi : nil
                if best < 0 || prefers(f, price, feasible[best], bestPrice, higherValue: true) { best = j; bestPrice = price }
            }
            return (best, bestPrice)
        case .sellerAdverse:
            // On each piece the consumers play the stagewise-seller-worst stage equilibrium
            // (ties: secondary rule, then enumeration order).
            func consumersPrefer(_ a: Feasible, _ b: Feasible, _ price: S?) -> Bool {
                let va = outcomeValue(a, price), vb = outcomeValue(b, price)
                if va != vb { return va < vb }
                if let s = secondaryPrefers(aUnits: a.units, aSurplus: outcomeSurplus(a, price), bUnits: b.units, bSurplus: outcomeSurplus(b, price)) { return s }
                return a.position < b.position
            }
            // Within a group of equal units the order by (vNext, own, position) is price-independent.
            let tieBreak = selection.tieBreak
            paintLeast(pieces: pieces, feasible, &b, groupOrder: { fa, fb in
                if fa.vNext != fb.vNext { return fa.vNext < fb.vNext }
                switch tieBreak {
                case .maxConsumerSurplus: if fa.own != fb.own { return fa.own > fb.own }
                case .minConsumerSurplus: if fa.own != fb.own { return fa.own < fb.own }
                default: break
                }
                return fa.position < fb.position
            }, isLess: { x, y, k in consumersPrefer(feasible[x], feasible[y], k < unique.count ? unique[k] : nil) })
            var best = -1
            var bestPrice: S? = nil
            for k in 0..<pieces {
                let price: S? = k < unique.count ? unique[k] : nil
                let worst = b.worst[k]
                if best < 0 || prefers(feasible[worst], price, feasible[best], bestPrice, higherValue: true) { best = worst; bestPrice = price }
            }
            return (best, bestPrice)
        }
    }
}
