// Section 2 (the equilibrium notion: pure strong-Markov SPE, footnote 3):
// the selections `seller-best` and `seller-worst`, the SPE of greatest and
// least Π^CP over ALL pure strong-Markov SPE, by a global search.
//
// Why a global search. In a strong-Markov SPE the play at a state depends only
// on the state (and, for consumers, the price), so an SPE is one outcome per
// state, and a state's SPE outcomes depend on the outcomes chosen at the next
// period's states (through the consumers' continuation payoffs W_i, which fix
// the stage game). Choosing state by state (stagewise-seller-best/-worst,
// ContingentExtremalSelection.swift) is not the global optimum: a seller-worse
// outcome at a later (possibly off-path) state can lower a consumer's deviation
// payoff and raise what she pays earlier.
//
// The search. Period by period from T down to 1, it keeps every distinct
// continuation table (seller value and every consumer's payoff at every state
// of the period) that some SPE of the remaining periods produces. For each
// table of period t + 1 and each state of period t, the state's SPE outcomes
// given that continuation are listed (below); every combination of one outcome
// per state is a table of period t (a continuation that leaves some price
// without a pure stage equilibrium is dropped). Tables with equal payoffs are
// merged (earlier periods see only payoffs). At period 1 (one state) the
// largest (seller-best) or least (seller-worst) Π^CP is chosen, the first in
// enumeration order among equal ones, and the SPE is read back through the
// tables' parents.
//
// A state's SPE outcomes given the continuation (as in
// ContingentExtremalSelection.swift). Profile j is a stage equilibrium exactly
// on a closed price interval [L_j, U_j]; the seller's value of (p, j) is
// p·Q_j + V_j. (p, j) is the outcome of some SPE iff j is an equilibrium at p
// and p·Q_j + V_j ≥ θ, θ = the largest over price pieces and breakpoints of the
// least equilibrium value there (an open piece valued at its right end). Then
// the SPE is genuine: the consumers react at every other price by the least
// valuable equilibrium there, worth at most θ, so the price attains the
// seller's maximum given the reactions. So j is an outcome at every price in
// [max(L_j, (θ − V_j)/Q_j), U_j] (j without purchases: no sale, if V_j ≥ θ).
//
// Finite price set. On this interval all payoffs are affine in p, so at one
// state the seller's value is largest at the right end U_j and least at the
// left end; a single-price equilibrium (L_j = U_j, a breakpoint) is one of
// them. The search tries both ends of every profile's admissible interval
// (the left end only when positive). This makes it exact over SPE whose price
// at every state is such an end. Interior prices matter to earlier periods
// only through the buyers' payoffs, which are affine in p; the test brute force
// (BruteForceSPETests.swift, an independent enumeration that also tries the
// midpoints, and in one test every multiple of 1/24 inside every interval)
// agrees on every market tested, but an interior optimum is not excluded by a
// proof here (when lowering a later price raises what several
// buyers pay earlier, the optimum of the resulting linear programme could be
// at a crossing of two deviation bounds).
//
// Cost: exponential. The product of the states' outcome counts is enumerated
// for every surviving table. Work (tables built plus states solved) is capped
// by `maxWork` (`StorableGoodsError.searchTooLarge`); all G(n) with n ≤ 5 and
// markets with N ≤ 4, T ≤ 6 of the tests are well within 10⁶.

import Numerics

public enum ContingentGlobalSearch {
    /// The default work budget of the search (tables built plus states solved).
    public static let defaultMaxWork = 1_000_000
    typealias Layer = ContingentLayer<Rational>

    /// The SPE of greatest (`best`) or least Π^CP over the searched strong-Markov SPE.
    ///
    /// - Complexity: exponential; at most `maxWork` tables plus state solves.
    /// - Throws: `StorableGoodsError.searchTooLarge` beyond the budget,
    ///   `.noPureStageEquilibrium` when no continuation admits an SPE.
    static func run(market: StorableGoodsMarket, selection: EquilibriumSelection, maxWork: Int) throws -> ContingentEquilibrium {
        let best = selection.consumers == .sellerBestOverall
        // stagewise-seller-worst's stage choice gives θ (see speOutcomes).
        let solver = try ContingentSolver<Rational>(market: market, selection: .sellerWorst, scale: .one)
        let n = market.consumerCount
        var work = 0
        func spend(_ k: Int) throws {
            let (s, o) = work.addingReportingOverflow(k)
            guard !o, s <= maxWork else { throw StorableGoodsError.searchTooLarge(maxWork: maxWork) }
            work = s
        }
        // levels[0] = period T + 1, …, levels[T] = period 1: (table, parent index in the level before).
        var levels: [[(layer: Layer, parent: Int)]] = [[(Layer(period: market.horizon + 1, active: [], remaining: []), -1)]]
        for t in stride(from: market.horizon, through: 1, by: -1) {
            let active = (0..<n).filter { solver.remaining($0, t) > 0 }
            let radixes = t == 1 ? active.map { _ in 0 } : active.map { solver.remaining($0, t) }
            var fresh: [(layer: Layer, parent: Int)] = []
            var seen = Set<[Rational]>()
            var firstFailure: Error? = nil
            for (parent, entry) in levels[levels.count - 1].enumerated() {
                var template = Layer(period: t, active: active, remaining: radixes)
                try spend(template.count)
                var perState = [[ContingentSolver<Rational>.StageOutcome]](repeating: [], count: template.count)
                do {
                    try solver.solvePeriod(&template, next: entry.layer) { index, outcomes in
                        var keys = Set<[Rational]>()
                        perState[index] = outcomes.filter { keys.insert([$0.seller] + $0.consumer).inserted }
                    }
                } catch let e as StorableGoodsError {
                    guard case .noPureStageEquilibrium = e else { throw e }
                    if firstFailure == nil { firstFailure = e }
                    continue
                }
                if perState.contains(where: \.isEmpty) { continue }
                var product = 1
                for o in perState {
                    let (p, overflow) = product.multipliedReportingOverflow(by: o.count)
                    guard !overflow else { throw StorableGoodsError.searchTooLarge(maxWork: maxWork) }
                    product = p
                }
                try spend(product)
                var digits = [Int](repeating: 0, count: perState.count)
                while true {
                    var layer = template
                    for (index, d) in digits.enumerated() { solver.write(perState[index][d], to: &layer, at: index) }
                    if seen.insert(layer.seller + layer.consumer).inserted { fresh.append((layer, parent)) }
                    var k = 0
                    while k < digits.count {
                        if digits[k] + 1 < perState[k].count { digits[k] += 1; break }
                        digits[k] = 0
                        k += 1
                    }
                    if k == digits.count { break }
                }
            }
            if fresh.isEmpty {
                throw firstFailure ?? StorableGoodsError.noPureStageEquilibrium(period: t, stocks: [Int](repeating: 0, count: n), prices: "(0, ∞)")
            }
            levels.append(fresh)
        }
        let roots = levels[levels.count - 1]
        var chosen = 0
        for (i, r) in roots.enumerated() {
            let v = r.layer.seller[0], c = roots[chosen].layer.seller[0]
            if best ? v > c : v < c { chosen = i }
        }
        var layers: [Layer] = []
        var index = chosen
        for level in levels.reversed() {
            layers.append(level[index].layer)
            index = level[index].parent
        }
        let table = SolvedContingentTable(market: market, scale: .one, eps: solver.eps, layers: layers, values: solver.values)
        return ContingentEquilibrium(market: market, selection: selection, table: table)
    }
}

extension ContingentSolver {
    /// Every SPE outcome (profile index, price or nil for no sale) at a state
    /// given the continuation: both ends of each profile's admissible price
    /// interval [max(L_j, (θ − V_j)/Q_j), U_j] (the left end when positive),
    /// or no sale for a profile without purchases with V_j ≥ θ. The solver's
    /// selection must be stagewise-seller-worst, whose stage choice is worth θ.
    ///
    /// - Complexity: as `selectExtremal`, plus O(P).
    /// - Throws: `StorableGoodsError.noPureStageEquilibrium` as `prepareSelection`.
    func speOutcomes(_ feasible: [Feasible], period: Int, stocksOf: () -> [Int], buffers: inout SelectionBuffers) throws -> [(Int, S?)] {
        precondition(selection.consumers == .sellerWorst, "θ is the stagewise-seller-worst stage value")
        try prepareSelection(feasible, period: period, stocksOf: stocksOf, buffers: &buffers)
        let (w, wp) = selectExtremal(feasible, buffers: &buffers)
        var theta = feasible[w].vNext
        if let p = wp, feasible[w].units > 0 { theta = theta + p.times(feasible[w].units) }
        var out: [(Int, S?)] = []
        for (j, f) in feasible.enumerated() {
            if f.units == 0 {
                if f.vNext >= theta { out.append((j, nil)) }
                continue
            }
            guard let u = f.hi else { continue }
            var least = (theta - f.vNext).divided(by: f.units)
            if let l = f.lo, l > least { least = l }
            guard least <= u, u > .zero else { continue }
            out.append((j, u))
            if least > .zero && least < u { out.append((j, least)) }
        }
        return out
    }
}
