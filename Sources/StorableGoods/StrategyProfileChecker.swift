// The work of `StrategyProfileCheck` (Section 3.2): the one-shot deviation
// check of single-shot / restricted-eager at every state of G(n), by price
// pieces (see StrategyProfileCheck.swift for the argument).
//
// Lacking sets are bit masks: consumer i (paper label) is bit i − 1.

import Numerics

/// The profile's play from a state: the seller's revenue and each consumer's payoff.
struct ProfileContinuation {
    var revenue: Rational
    /// Indexed by paper label − 1; 0 for consumers not lacking.
    var utility: [Rational]
}

/// `ProfileContinuation` on the lattice (1/D)·Z (see `ProfileChecker.violators`).
private struct LatticeContinuation {
    var revenue: Int
    var utility: [Int]
}

/// The prices of one piece and who buys there.
private struct PricePiece {
    let prices: PriceInterval
    /// The consumers who buy at every price of the piece (bit mask).
    let buyers: Int
}

/// One player's failure at one period: what `Violation` reports.
struct PeriodViolation {
    let prescribed: String
    let violatingPrices: [(prices: PriceInterval, betterReply: String)]
    let examplePrice: PostedPrice
    let gain: Rational
    let atPrescribedPrice: Bool
}

struct ProfileChecker {
    let g: ConstructionG
    let reading: ConstructionG.RestrictedEagerReading
    let tieBreak: ConstructionG.TargetTieBreak
    /// Continuations at index j·2^n + mask: the play from (τ_j, mask), mask ⊆ {1..j}
    /// (a flat table, (n + 1)·2^n ≤ 15·2¹⁴ entries for n ≤ `StrategyProfileCheck.maximumN`).
    private var memo: [ProfileContinuation?]
    /// Single-shot's play from (τ_j, mask), same indices (see `play`).
    private var plays: [ConstructionG.SingleShotPlay?]
    /// The continuations on the lattice (1/D)·Z, D = lcm(1, …, n)·n³, same
    /// indices (see `violators`).
    private var latticeMemo: [LatticeContinuation?]
    /// D, and 1/ε = n³ as a lattice step: ε = step/D.
    private let scale: Int
    private let step: Int

    init(g: ConstructionG, reading: ConstructionG.RestrictedEagerReading, tieBreak: ConstructionG.TargetTieBreak) {
        self.g = g
        self.reading = reading
        self.tieBreak = tieBreak
        memo = Array(repeating: nil, count: (g.n + 1) << g.n)
        plays = Array(repeating: nil, count: (g.n + 1) << g.n)
        latticeMemo = Array(repeating: nil, count: (g.n + 1) << g.n)
        // lcm(1, …, n) ≤ lcm(1, …, 14) = 360360 and n³ ≤ 2744 for n ≤ StrategyProfileCheck.maximumN:
        // every lattice value below is at most n·D < 2⁴⁰ in magnitude.
        var l = 1
        for i in 1...g.n { l = l / Self.gcd(l, i) * i }
        step = l
        scale = l * g.nCubed
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    private static func labels(_ mask: Int, upTo j: Int) -> [Int] {
        j < 1 ? [] : (1...j).filter { mask & (1 << ($0 - 1)) != 0 }
    }

    /// The profile's play from (τ_j, mask) (j = 0: the game is over).
    mutating func continuation(_ j: Int, _ mask: Int) throws -> ProfileContinuation {
        let key = j << g.n | mask
        if j >= 1, let c = memo[key] { return c }
        let zero = ProfileContinuation(revenue: .zero, utility: [Rational](repeating: .zero, count: g.n))
        guard j >= 1 else { return zero }
        let play = try self.play(at: g.demandPeriod(j), demandIndex: j, mask: mask)
        var c = zero
        c.revenue = play.revenue
        for sale in play.sales {
            for i in sale.buyers {
                c.utility[i - 1] = g.value(i) - g.storageCost * Rational(g.demandPeriod(i) - sale.period) - sale.price
            }
        }
        memo[key] = c
        return c
    }

    /// Single-shot's play from (t, mask) for t ∈ (τ_{j+1}, τ_j] and mask ⊆ {1..j}.
    /// It depends on t only through whether t = τ_j (then a sale at τ_j
    /// happens now: `priceNow`, `buyersNow`); earlier periods of the gap see
    /// the same future play with price ∞ now (see `ConstructionG.singleShot`).
    /// So it is simulated once per (j, mask), from τ_j.
    private mutating func play(at t: Int, demandIndex j: Int, mask: Int) throws -> ConstructionG.SingleShotPlay {
        let tau = g.demandPeriod(j)
        let key = j << g.n | mask
        let full: ConstructionG.SingleShotPlay
        if let known = plays[key] {
            full = known
        } else {
            full = try g.singleShot(period: tau, lacking: Set(Self.labels(mask, upTo: j)), tieBreak: tieBreak)
            plays[key] = full
        }
        if t == tau { return full }
        return ConstructionG.SingleShotPlay(revenue: full.revenue, priceNow: .noSale, buyersNow: [], sales: full.sales)
    }

    /// w_i(t) = 1/i − ε(τ_i − t): consumer i's net value of a unit bought at t, before the price.
    private func netValue(_ i: Int, _ t: Int) -> Rational {
        g.value(i) - g.storageCost * Rational(g.demandPeriod(i) - t)
    }

    /// Every player's profitable one-shot deviation at (t, mask), t ∈ (τ_{j+1}, τ_j].
    mutating func deviations(at t: Int, demandIndex j: Int, mask: Int) throws -> [StrategyProfileCheck.Player: PeriodViolation] {
        let isDemand = t == g.demandPeriod(j)
        let members = Self.labels(mask, upTo: j)
        let canBuy = isDemand || reading == .eager
        let leaving = isDemand ? 1 << (j - 1) : 0
        let nextJ = isDemand ? j - 1 : j
        let w = Dictionary(uniqueKeysWithValues: members.map { ($0, netValue($0, t)) })
        // The pieces of the price line [0, ∞) on which the buyers are constant.
        let cuts = canBuy ? Array(Set(w.values.filter { $0.signum >= 0 })).sorted() : []
        var pieces: [PricePiece] = []
        var lower = Rational.zero, lowerClosed = true
        for c in cuts {
            let buyers = members.filter { w[$0]! >= c }.reduce(0) { $0 | 1 << ($1 - 1) }
            pieces.append(PricePiece(prices: PriceInterval(lower: lower, lowerClosed: lowerClosed, upper: c, upperClosed: true), buyers: buyers))
            lower = c; lowerClosed = false
        }
        pieces.append(PricePiece(prices: PriceInterval(lower: lower, lowerClosed: lowerClosed, upper: nil, upperClosed: false), buyers: 0))

        // The profile's own price here and the seller's value of following it.
        let play = try self.play(at: t, demandIndex: j, mask: mask)
        let prescribedPrice = play.priceNow
        var out: [StrategyProfileCheck.Player: PeriodViolation] = [:]

        // The seller: the best price of each piece is its upper end; (c_m, ∞) is worth ∞.
        var best: (value: Rational, price: PostedPrice)? = nil
        for piece in pieces.reversed() {
            let remaining = mask & ~piece.buyers & ~leaving
            let sold = Rational(piece.buyers.nonzeroBitCount)
            let price: PostedPrice = piece.prices.upper.map { .finite($0) } ?? .noSale
            let value = (piece.prices.upper ?? .zero) * sold + (try continuation(nextJ, remaining)).revenue
            if best == nil || value > best!.value { best = (value, price) }
        }
        if let best, best.value > play.revenue {
            out[.seller] = PeriodViolation(prescribed: "post \(prescribedPrice)", violatingPrices: [], examplePrice: best.price,
                                           gain: best.value - play.revenue, atPrescribedPrice: true)
        }

        // Each lacking consumer, piece by piece: g(p) = w_i − p − W_i, z = w_i − W_i (indifference).
        for i in members {
            let bit = 1 << (i - 1)
            var found: [(prices: PriceInterval, betterReply: String)] = []
            var example: (price: Rational, gain: Rational)? = nil
            for piece in pieces {
                let others = piece.buyers & ~bit
                let waiting = (isDemand && i == j) ? Rational.zero : (try continuation(nextJ, mask & ~others & ~leaving)).utility[i - 1]
                let z = w[i]! - waiting
                let p = piece.prices
                if piece.buyers & bit != 0 {
                    // Prescribed: buy. Fails where p > z; g is smallest at the closed upper end.
                    let u = p.upper!
                    guard u > z else { continue }
                    let bad = z >= p.lower
                        ? PriceInterval(lower: z, lowerClosed: false, upper: u, upperClosed: true)
                        : PriceInterval(lower: p.lower, lowerClosed: p.lowerClosed, upper: u, upperClosed: true)
                    found.append((bad, "wait"))
                    if example == nil || u - z > example!.gain { example = (u, u - z) }
                } else {
                    // Prescribed: wait. Fails where p < z; g is largest at the lower end.
                    guard z > p.lower else { continue }
                    let bad: PriceInterval
                    if let u = p.upper, z > u {
                        bad = PriceInterval(lower: p.lower, lowerClosed: p.lowerClosed, upper: u, upperClosed: p.upperClosed)
                    } else {
                        bad = PriceInterval(lower: p.lower, lowerClosed: p.lowerClosed, upper: z, upperClosed: false)
                    }
                    found.append((bad, "buy"))
                    let at = bad.lowerClosed ? bad.lower : (bad.lower + bad.upper!) / 2
                    if example == nil || z - at > example!.gain { example = (at, z - at) }
                }
            }
            guard let example else { continue }
            let rule: String
            if !canBuy {
                rule = "never buy"
            } else {
                rule = "buy iff p ≤ \(w[i]!)"
            }
            let atPrescribed = prescribedPrice.amount.map { a in found.contains { $0.prices.contains(a) } } ?? false
            out[.consumer(i)] = PeriodViolation(prescribed: rule, violatingPrices: found, examplePrice: .finite(example.price),
                                                gain: example.gain, atPrescribedPrice: atPrescribed)
        }
        return out
    }

    /// The exact rational r·D as an integer (r is on the lattice (1/D)·Z).
    private func lattice(_ r: Rational) throws -> Int { try Int.fromRational(r, scale: BigInt(scale)) }

    /// `continuation(j, mask)` on the lattice.
    private mutating func latticeContinuation(_ j: Int, _ mask: Int) throws -> LatticeContinuation {
        guard j >= 1 else { return LatticeContinuation(revenue: 0, utility: [Int](repeating: 0, count: g.n)) }
        let key = j << g.n | mask
        if let c = latticeMemo[key] { return c }
        let c = try continuation(j, mask)
        let out = LatticeContinuation(revenue: try lattice(c.revenue), utility: try c.utility.map(lattice))
        latticeMemo[key] = out
        return out
    }

    /// The players with a profitable one-shot deviation at (t, mask), t ∈
    /// (τ_{j+1}, τ_j]: exactly the keys of `deviations(at:demandIndex:mask:)`,
    /// by the same piece-by-piece tests, with every quantity (net values,
    /// prices, continuations) an integer multiple of 1/D — on that lattice
    /// exact comparisons need no fractions. Used where only who violates
    /// matters (the search for each player's first violating period).
    ///
    /// - Complexity: O(|S|²) integer operations plus the continuations' first use.
    mutating func violators(at t: Int, demandIndex j: Int, mask: Int) throws -> (seller: Bool, consumers: Int) {
        let isDemand = t == g.demandPeriod(j)
        let canBuy = isDemand || reading == .eager
        let leaving = isDemand ? 1 << (j - 1) : 0
        let nextJ = isDemand ? j - 1 : j
        // w_i(t)·D = D/i − (τ_i − t)·(D/n³) for each lacking consumer i (bit i − 1).
        var w = [Int](repeating: 0, count: j + 1)
        var cuts: [Int] = []
        for i in 1...j where mask & (1 << (i - 1)) != 0 {
            w[i] = scale / i - (g.demandPeriod(i) - t) * step
            if canBuy && w[i] >= 0 { cuts.append(w[i]) }
        }
        cuts.sort()
        var distinct: [Int] = []
        for c in cuts where distinct.last != c { distinct.append(c) }
        // Pieces (lower, upper] (the first [0, upper], the last (lower, ∞) with no buyers).
        var lowers: [Int] = [], uppers: [Int?] = [], buyers: [Int] = []
        var lower = 0
        for c in distinct {
            var b = 0
            for i in 1...j where mask & (1 << (i - 1)) != 0 && w[i] >= c { b |= 1 << (i - 1) }
            lowers.append(lower); uppers.append(c); buyers.append(b)
            lower = c
        }
        lowers.append(lower); uppers.append(nil); buyers.append(0)
        let prescribed = try latticeContinuation(j, mask).revenue
        var seller = false
        for k in lowers.indices {
            let value = (uppers[k] ?? 0) * buyers[k].nonzeroBitCount + (try latticeContinuation(nextJ, mask & ~buyers[k] & ~leaving)).revenue
            if value > prescribed { seller = true }
        }
        var consumers = 0
        for i in 1...j where mask & (1 << (i - 1)) != 0 {
            let bit = 1 << (i - 1)
            for k in lowers.indices {
                let others = buyers[k] & ~bit
                let waiting = (isDemand && i == j) ? 0 : (try latticeContinuation(nextJ, mask & ~others & ~leaving)).utility[i - 1]
                let z = w[i] - waiting
                // Prescribed buy fails where p > z (checked at the upper end); wait fails where p < z.
                if buyers[k] & bit != 0 ? uppers[k]! > z : z > lowers[k] {
                    consumers |= bit
                    break
                }
            }
        }
        return (seller, consumers)
    }

    /// The lacking set on the profile's path at each class: index 2(n − j) for the
    /// gap before τ_j, 2(n − j) + 1 for τ_j (time order).
    private mutating func pathMasks() throws -> [Int] {
        var mask = (1 << g.n) - 1
        var out: [Int] = []
        for j in stride(from: g.n, through: 1, by: -1) {
            out.append(mask)   // the gap before τ_j: price ∞, nobody buys
            out.append(mask)   // τ_j, before its purchases
            let t = g.demandPeriod(j)
            let play = try g.singleShot(period: t, lacking: Set(Self.labels(mask, upTo: j)), tieBreak: tieBreak)
            for i in play.buyersNow { mask &= ~(1 << (i - 1)) }
            mask &= ~(1 << (j - 1))
        }
        return out
    }

    /// The number of states (t, S) of G(n): Σ_j (periods of class j)·2^j, nil on overflow.
    static func stateCount(_ g: ConstructionG) -> Int? {
        var total = 0
        for j in 1...g.n {
            let gapStart = j < g.n ? g.demandPeriod(j + 1) + 1 : 1
            let periods = g.demandPeriod(j) - gapStart + 1
            let (m, o1) = periods.multipliedReportingOverflow(by: 1 << j)
            let (s, o2) = total.addingReportingOverflow(m)
            if o1 || o2 { return nil }
            total = s
        }
        return total
    }

    mutating func run() throws -> StrategyProfileCheck {
        let n = g.n
        let path = try pathMasks()
        var violations: [StrategyProfileCheck.Violation] = []
        var violating = 0, consumerStates = 0, sellerStates = 0, onPath = 0
        for j in stride(from: n, through: 1, by: -1) {
            let gapStart = j < n ? g.demandPeriod(j + 1) + 1 : 1
            let tau = g.demandPeriod(j)
            for isDemand in [false, true] {
                let (a, b) = isDemand ? (tau, tau) : (gapStart, tau - 1)
                guard a <= b else { continue }
                let pathMask = path[2 * (n - j) + (isDemand ? 1 : 0)]
                for mask in 0..<(1 << j) {
                    // Who violates at a period is found on the lattice (`violators`), once per
                    // period: the players' searches below probe the same periods (all of
                    // them, when every player's first violation is the same). The full
                    // account (`deviations`) is computed only where a run is reported.
                    var who: [Int: (seller: Bool, consumers: Int)] = [:]
                    func violates(_ player: StrategyProfileCheck.Player, at t: Int) throws -> Bool {
                        let v: (seller: Bool, consumers: Int)
                        if let known = who[t] {
                            v = known
                        } else {
                            v = try violators(at: t, demandIndex: j, mask: mask)
                            who[t] = v
                        }
                        switch player {
                        case .seller: return v.seller
                        case let .consumer(i): return v.consumers & (1 << (i - 1)) != 0
                        }
                    }
                    var reported: [Int: [StrategyProfileCheck.Player: PeriodViolation]] = [:]
                    func deviations(at t: Int) throws -> [StrategyProfileCheck.Player: PeriodViolation] {
                        if let known = reported[t] { return known }
                        let d = try self.deviations(at: t, demandIndex: j, mask: mask)
                        reported[t] = d
                        return d
                    }
                    // A player violating at some period of [a, b] violates at b (monotone in t).
                    let atEnd = try violators(at: b, demandIndex: j, mask: mask)
                    who[b] = atEnd
                    var players: [StrategyProfileCheck.Player] = atEnd.seller ? [.seller] : []
                    for i in 1...j where atEnd.consumers & (1 << (i - 1)) != 0 { players.append(.consumer(i)) }
                    guard !players.isEmpty else { continue }
                    var first: [StrategyProfileCheck.Player: Int] = [:]
                    for player in players {
                        // The first violating period lies in [a, b] (b violates).
                        first[player] = try BinarySearch.firstIndex(in: a..<b) { try violates(player, at: $0) }
                    }
                    let from = first.values.min()!
                    violating += b - from + 1
                    if let c = first.filter({ $0.key != .seller }).values.min() { consumerStates += b - c + 1 }
                    if let s = first[.seller] { sellerStates += b - s + 1 }
                    if mask == pathMask { onPath += b - from + 1 }
                    for player in first.keys.sorted() {
                        let t0 = first[player]!
                        let v = try deviations(at: t0)[player]!
                        violations.append(StrategyProfileCheck.Violation(
                            firstPeriod: t0, lastPeriod: b, demandIndex: j, atDemandPeriod: isDemand,
                            lacking: Self.labels(mask, upTo: j), onPath: mask == pathMask, player: player,
                            prescribed: v.prescribed, violatingPrices: v.violatingPrices, examplePrice: v.examplePrice,
                            gain: v.gain, atPrescribedPrice: v.atPrescribedPrice))
                    }
                }
            }
        }
        let startRevenue = try g.singleShot(period: 1, lacking: Set(1...n), tieBreak: tieBreak).revenue
        return StrategyProfileCheck(
            n: n, reading: reading, tieBreak: tieBreak, states: Self.stateCount(g) ?? Int.max,
            violatingStates: violating, consumerViolatingStates: consumerStates, sellerViolatingStates: sellerStates,
            onPathViolatingStates: onPath, violations: violations, profileRevenue: startRevenue)
    }
}
