// Sections 2 and 3.2: contingent pricing (CP), solver 3: the game and its
// entry point `contingentEquilibrium(selection:)`.
//
// Files of contingent pricing, one concept each:
// * ContingentPricing.swift — the game (this comment), the state count and the entry point;
// * ContingentEquilibrium.swift — the result: the selected SPE and its play at every state;
// * ContingentStateTable.swift — the state space (period, stocks) and the solved tables;
// * ContingentBackwardInduction.swift — backward induction over the states and the stage game's pure equilibria;
// * ContingentStageSelection.swift — existence of a pure stage equilibrium on every price piece and the selection among them;
// * ContingentExtremalSelection.swift — stagewise-seller-best / stagewise-seller-worst: exact (closed-interval) stage equilibria;
// * ContingentGlobalSearch.swift — seller-best / seller-worst: the extremes of Π^CP over all strong-Markov SPE (global search);
// * EquilibriumSelection.swift — the selection rules.
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
// (The extremal selections stagewise-seller-best and stagewise-seller-worst instead use the exact
// closed intervals [L, U], single prices included: ContingentExtremalSelection.swift.)
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
// Cost. 1 + Σ_{t≥2} Π_i (R_i(t) + 1) states. Each consumer's deviation bounds
// depend only on her own option and the next state, so they are evaluated
// once per (option, next state) and the purchase profiles are searched next
// state first, cutting a branch as soon as its price interval is empty
// (ContingentBackwardInduction.swift): the work is about the number of
// feasible profiles rather than Σ_j ℓ_j·3^j·j checks for G(n) (about 2·10⁸
// for n = 12), and selections solved together share it. Arithmetic is exact:
// on the common-denominator lattice with machine integers for single-demand
// markets (where every Δq is ±1), and `Rational` otherwise.

import Numerics

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
    /// comment above for the game, the supremum semantics and the selection).
    ///
    /// - Complexity: O(Σ_states Π_i m_i · Σ_i m_i) exact operations, m_i the
    ///   number of options of consumer i at the state (2 for a consumer lacking
    ///   her single unit in G(n)); memory O(states·N).
    /// - Throws: `StorableGoodsError.tooManyStates` when the state count
    ///   exceeds `maxStates`; `StorableGoodsError.noPureStageEquilibrium` when
    ///   some state and price interval admit no pure stage equilibrium.
    ///
    /// The global selections `seller-best` / `seller-worst` run the exponential
    /// search of ContingentGlobalSearch.swift instead, within `maxSearchWork`
    /// steps (continuation tables built plus states solved; default 10⁶,
    /// enough for G(n), n ≤ 5, and markets with N ≤ 4, T ≤ 6 of the tests):
    /// beyond it `StorableGoodsError.searchTooLarge`.
    public func contingentEquilibrium(selection: EquilibriumSelection, maxStates: Int = 20_000_000,
                                      maxSearchWork: Int = ContingentGlobalSearch.defaultMaxWork) throws -> ContingentEquilibrium {
        guard let states = contingentStateCount, states <= maxStates else {
            throw StorableGoodsError.tooManyStates(states: contingentStateCount, maxStates: maxStates)
        }
        if selection.consumers.isGlobal {
            return try ContingentGlobalSearch.run(market: self, selection: selection, maxWork: maxSearchWork)
        }
        return try contingentEquilibria(selections: [selection], maxStates: maxStates)[0].get()
    }

    /// `contingentEquilibrium(selection:)` for several selections at once:
    /// result k is what `contingentEquilibrium(selection: selections[k])`
    /// returns or throws. The limit and stagewise selections are solved by one
    /// backward induction that enumerates each period's feasible profiles once
    /// per distinct continuation (ContingentBackwardInduction.swift); the
    /// global ones each run their own search.
    ///
    /// - Complexity: at most that of the separate calls.
    public func contingentEquilibria(selections: [EquilibriumSelection], maxStates: Int = 20_000_000,
                                     maxSearchWork: Int = ContingentGlobalSearch.defaultMaxWork) -> [Result<ContingentEquilibrium, Error>] {
        guard let states = contingentStateCount, states <= maxStates else {
            let e = StorableGoodsError.tooManyStates(states: contingentStateCount, maxStates: maxStates)
            return selections.map { _ in .failure(e) }
        }
        var results = [Result<ContingentEquilibrium, Error>?](repeating: nil, count: selections.count)
        for (k, s) in selections.enumerated() where s.consumers.isGlobal {
            results[k] = Result { try ContingentGlobalSearch.run(market: self, selection: s, maxWork: maxSearchWork) }
        }
        let batch = selections.indices.filter { results[$0] == nil }
        if !batch.isEmpty {
            let values = positiveValues
            let maxV = values.max() ?? .zero
            let bound = Rational(8 * (consumerCount + 2)) * (maxV + Rational(horizon) * storageCost + 1)
            func run<S: ExactScalar>(_: S.Type, scale: BigInt) {
                do {
                    let solvers = try batch.map { try ContingentSolver<S>(market: self, selection: selections[$0], scale: scale) }
                    for (k, table) in zip(batch, ContingentSolver<S>.solve(solvers)) {
                        results[k] = table.map { ContingentEquilibrium(market: self, selection: selections[k], table: $0) }
                    }
                } catch {
                    for k in batch { results[k] = .failure(error) }
                }
            }
            if isSingleDemand, case let .machineLattice(d) = ScalarChoice.lattice(values: values + [storageCost], bound: bound) {
                run(Int.self, scale: d)
            } else {
                run(Rational.self, scale: .one)
            }
        }
        return results.map { $0! }
    }
}
