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

    /// The distinct positive ends of the profiles' price intervals, increasing:
    /// the breakpoints that cut the price line into pieces.
    func priceBreakpoints(_ feasible: [Feasible]) -> [S] {
        var endpoints: [S] = []
        for f in feasible {
            if let l = f.lo, l > .zero { endpoints.append(l) }
            if let h = f.hi { endpoints.append(h) }
        }
        endpoints.sort()
        var unique: [S] = []
        for e in endpoints where unique.last != e { unique.append(e) }
        return unique
    }

    /// Picks (feasible index, announced price or nil for no sale).
    func select(_ feasible: [Feasible], period: Int, stocksOf: () -> [Int]) throws -> (Int, S?) {
        if selection.consumers.isExtremal { return try selectExtremal(feasible, period: period, stocksOf: stocksOf) }
        let unique = priceBreakpoints(feasible)
        let pieces = unique.count + 1   // piece k = (left(k), right(k)]; the last is (·, ∞)
        func pieceIndex(_ v: S) -> Int { BinarySearch.firstIndex(in: unique.indices) { unique[$0] >= v } }
        // Active piece range of each feasible profile.
        var first = [Int](repeating: 0, count: feasible.count)
        var last = [Int](repeating: 0, count: feasible.count)
        for (j, f) in feasible.enumerated() {
            if let l = f.lo, l > .zero { first[j] = pieceIndex(l) + 1 } else { first[j] = 0 }
            last[j] = f.hi.map(pieceIndex) ?? (pieces - 1)
        }
        // Existence: every piece must hold some stage equilibrium.
        var covered = [Bool](repeating: false, count: pieces)
        var uncovered = UnvisitedIndices(count: pieces)
        for j in feasible.indices {
            uncovered.visit(first[j], through: last[j]) { covered[$0] = true }
        }
        if let gap = covered.firstIndex(of: false) {
            throw StorableGoodsError.noPureStageEquilibrium(
                period: period, stocks: stocksOf(),
                prices: describe(gap == 0 ? nil : unique[gap - 1], gap < unique.count ? unique[gap] : nil))
        }


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
                var unassigned = UnvisitedIndices(count: pieces)
                for j in members {
                    unassigned.visit(first[j], through: last[j]) { perPiece[$0].append(j) }
                }
            }
            var best = -1
            var bestPrice: S? = nil
            for k in 0..<pieces {
                let price: S? = k < unique.count ? unique[k] : nil
                var worst = -1
                for j in perPiece[k] where worst < 0 || consumersPrefer(feasible[j], feasible[worst], price) { worst = j }
                if best < 0 || prefers(feasible[worst], price, feasible[best], bestPrice, higherValue: true) { best = worst; bestPrice = price }
            }
            return (best, bestPrice)
        }
    }
}
