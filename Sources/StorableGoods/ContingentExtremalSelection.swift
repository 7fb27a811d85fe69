// Section 2 (the equilibrium notion: pure strong-Markov subgame-perfect
// equilibria, footnote 3) and Section 3.2: the extremal selections
// `stagewise-seller-best` and `stagewise-seller-worst`, with exact stage equilibria.
//
// Exact stage equilibria. At a state, a purchase profile is a stage Nash
// equilibrium for the prices of a CLOSED interval [L, U] (all payoffs are
// affine in the price; see ContingentPricing.swift), possibly a single price
// L = U at which some consumer is exactly indifferent. The limit rules
// (`seller-favourable/…`, `seller-adverse/…`) read prices as limits from below
// on half-open pieces (L, U], so a single-price equilibrium is never available
// to them; on G(2) (σ_1 = 0, an exact tie) the seller's best SPE sells to
// consumer 2 at exactly 1/2 while consumer 1 is indifferent and waits, for
// Π^CP = 3/2, which seller-favourable misses (it reports 1).
//
// The price line (0, ∞) is cut by the breakpoints b_1 < … < b_K (every
// positive L and U) into "slots": the open pieces (b_{k−1}, b_k) and the
// points b_k, alternating; profile j is a stage equilibrium exactly on a
// contiguous range of slots. A Markov SPE needs a stage equilibrium at every
// price, i.e. every slot covered (otherwise
// `StorableGoodsError.noPureStageEquilibrium`). The seller's payoff of profile j
// at price p is p·Q_j + V_j (Q_j units sold now, V_j the seller's continuation).
//
// SPE outcomes at a state, given the continuation. The consumers' reaction may
// be any stage equilibrium at each price, and the seller's price must attain
// his maximum. So (p*, j) is the outcome of some SPE at the state iff j is a
// stage equilibrium at p* and p*·Q_j + V_j ≥ θ, where
//     θ = max over slots of (the least value of the slot's equilibria),
// an open piece being valued at its right end (its supremum; the profile
// attaining it there is an equilibrium at b_k too, intervals being closed).
// * stagewise-seller-best: the outcome of largest value, max_j (U_j·Q_j + V_j) (no sale
//   for Q_j = 0), ties broken towards the least total consumer payoff, then the
//   higher price, then enumeration order;
// * stagewise-seller-worst: an outcome of value θ, the least possible: the reaction is
//   the stagewise-seller-worst equilibrium at every price except at the slot attaining θ;
//   among the slots' worst profiles of value θ, ties broken towards the greatest
//   total consumer payoff, then the higher price, then enumeration order.
//
// Definition implemented (what "stagewise-seller-best SPE" means here). In a strong-Markov
// SPE the continuation from a state is the same whatever the history, so an SPE
// is one choice of outcome per state, and the consumers' stage best responses
// at a state depend on the continuation payoffs W_i chosen at the next states
// (which differ across continuation SPE). The two rules choose by backward
// induction: at every state the stagewise-seller-best (stagewise-seller-worst) SPE outcome given the
// continuation already chosen by the same rule, with the tie-breaks above — the
// SPE that is stagewise-seller-best (worst) in every subgame given its own continuation.
// It is a genuine pure strong-Markov SPE (when one exists at every state).
// Whether it is the supremum (infimum) of Π^CP over ALL such SPE is checked by
// the brute force of the tests (BruteForceSPETests.swift), which enumerates
// every strong-Markov SPE of small markets:
// * G(n), n = 2…5 in both layouts, and a seeded batch of 80 random
//   single-demand markets (N ≤ 4, T ≤ 6, many exact ties): equal to the
//   brute-force max and min;
// * in general NOT always — a seller-worse outcome at a later state
//   can lower a consumer's deviation payoff there and raise what she pays
//   earlier, so the supremum over all SPE can be larger (9 against 8 on a
//   two-consumer market with ε = 0), and the two rules can even be inverted
//   (stagewise-seller-worst 19/2 above stagewise-seller-best 17/2); even on a three-consumer
//   single-demand market the tie-break among equal seller values decides
//   (stagewise-seller-best 7/2, stagewise-seller-worst 4 = the maximum over SPE). There the rules
//   are two SPE inside the brute-force range, not its ends. The exact
//   supremum over all strong-Markov SPE is a global choice of one outcome per
//   state (not a per-state one): the selections `seller-best` / `seller-worst`
//   (ContingentGlobalSearch.swift) search for it on small markets.

import Numerics

extension ContingentSolver {
    /// Picks (feasible index, announced price or nil for no sale) under
    /// `stagewise-seller-best` or `stagewise-seller-worst`, with closed price intervals (`lo`
    /// inclusive), from the slots `prepareSelection` left in `b` (it checks
    /// that every slot holds a stage equilibrium).
    ///
    /// - Complexity: O(P log P + P·α + K·g) for P feasible profiles, K
    ///   breakpoints and g distinct unit counts.
    func selectExtremal(_ feasible: [Feasible], buffers b: inout SelectionBuffers) -> (Int, S?) {
        // b holds the slots (see `prepareSelection`): slot 2m is the open piece
        // (b_{m−1}, b_m) (b_{−1} = 0, b_k = ∞), slot 2m + 1 the point b_m.
        let points = b.points
        let k = points.count
        let slots = 2 * k + 1
        /// The price at which a slot is valued: the right end of an open piece, the point itself; nil (no sale) for the last piece.
        func slotPrice(_ s: Int) -> S? { s / 2 < k ? points[s / 2] : nil }

        if selection.consumers == .sellerBest {
            var best = -1
            var bestPrice: S? = nil
            for (j, f) in feasible.enumerated() {
                // A profile with purchases has a finite U (every consumer can buy nothing).
                assert(f.units == 0 || f.hi != nil)
                let price: S? = f.hi   // nil (no sale) only for a profile without purchases
                if best < 0 || prefers(f, price, feasible[best], bestPrice, higherValue: true) { best = j; bestPrice = price }
            }
            return (best, bestPrice)
        }

        // stagewise-seller-worst: each slot's worst equilibrium. Within a group of equal
        // units the order by (V, consumer payoff, position) does not depend on
        // the price, so each slot's worst member per group is found by painting
        // slots in that order.
        paintLeast(pieces: slots, feasible, &b, groupOrder: { fa, fb in
            if fa.vNext != fb.vNext { return fa.vNext < fb.vNext }
            if fa.own != fb.own { return fa.own > fb.own }   // greatest consumer payoff first (the rule's tie-break)
            return fa.position < fb.position
        }, isLess: { x, y, s in prefers(feasible[x], slotPrice(s), feasible[y], slotPrice(s), higherValue: false) })
        var chosen = -1
        var chosenPrice: S? = nil
        var theta: S? = nil
        for s in 0..<slots {
            let v = outcomeValue(feasible[b.worst[s]], slotPrice(s))
            if theta == nil || v > theta! { theta = v }
        }
        for s in 0..<slots {
            let price = slotPrice(s)
            let w = b.worst[s]
            guard outcomeValue(feasible[w], price) == theta! else { continue }
            // Among the outcomes of value θ the seller is indifferent: the rule's tie-break decides.
            if chosen < 0 || prefers(feasible[w], price, feasible[chosen], chosenPrice, higherValue: true) { chosen = w; chosenPrice = price }
        }
        return (chosen, chosenPrice)
    }
}
