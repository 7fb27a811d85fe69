import XCTest
import Numerics
@testable import StorableGoods

/// BRUTE FORCE, independent of the solver's stage-equilibrium code (it shares
/// only the market type): every pure strong-Markov SPE of contingent pricing
/// (Section 2, footnote 3) on a small market, by enumerating, period by period
/// from T down to 1, every table of continuation payoffs (seller value and every
/// consumer's payoff at every state) that some SPE of the remaining periods
/// produces.
///
/// At a state, given a continuation table, every purchase profile is checked
/// against every unilateral deviation; a profile is a stage equilibrium on a
/// closed price interval [L, U] (prices > 0). The stage-equilibrium sets are
/// evaluated at every interval endpoint and at an interior point of every piece
/// between endpoints; if one is empty the continuation admits no SPE. The
/// seller's threshold θ is the largest, over pieces and endpoints, of the least
/// equilibrium value (a piece valued at its right end, its supremum). (p, a) is
/// an SPE outcome iff a is an equilibrium at p and p·Q_a + V_a ≥ θ; the outcomes
/// enumerated use p ∈ {U_a, the least admissible price, their midpoint}.
struct BruteForceSPE {
    struct Continuation: Hashable {
        let seller: Rational
        let consumers: [Rational]
    }
    struct Option {
        let q: Int
        let sp: Int
        let immediate: Rational
    }
    struct Profile {
        let lower: Rational        // 0: no positive lower bound
        let upper: Rational?       // nil: none
        let units: Int
        let sellerNext: Rational
        let payoffs: [Rational]    // C_i: immediate + continuation, before paying
        let q: [Int]
    }

    let market: StorableGoodsMarket
    let cap: Int
    /// When positive, also every multiple of 1/grid inside each admissible price interval.
    var grid: Int = 0

    var n: Int { market.consumerCount }

    func remaining(_ i: Int, _ t: Int) -> Int { market.demands[i].filter { $0.period >= t }.count }

    func states(_ t: Int) -> [[Int]] {
        if t == 1 { return [[Int](repeating: 0, count: n)] }
        var out: [[Int]] = [[]]
        for i in 0..<n {
            out = out.flatMap { prefix in (0...remaining(i, t)).map { prefix + [$0] } }
        }
        return out
    }

    func options(_ i: Int, _ t: Int, _ stock: Int) -> [Option] {
        let u = market.value(consumer: i, period: t)
        let r1 = remaining(i, t + 1)
        var out: [Option] = []
        for x in (u.signum > 0 ? [0, 1] : [0]) where max(0, stock - x) <= r1 {
            for sp in max(0, stock - x)...r1 {
                out.append(Option(q: sp - stock + x, sp: sp, immediate: (x == 1 ? u : 0) - market.storageCost * Rational(sp)))
            }
        }
        return out
    }

    func profiles(_ t: Int, _ stocks: [Int], _ next: [[Int]: Continuation]) -> [Profile] {
        let opts = (0..<n).map { options($0, t, stocks[$0]) }
        var choices: [[Int]] = [[]]
        for i in 0..<n { choices = choices.flatMap { c in opts[i].indices.map { c + [$0] } } }
        var out: [Profile] = []
        for c in choices {
            let ns = (0..<n).map { opts[$0][c[$0]].sp }
            let cont = next[ns]!
            let payoffs = (0..<n).map { opts[$0][c[$0]].immediate + cont.consumers[$0] }
            var lower = Rational.zero
            var upper: Rational? = nil
            var ok = true
            for i in 0..<n {
                for a in opts[i].indices where a != c[i] {
                    var alt = ns
                    alt[i] = opts[i][a].sp
                    let dc = payoffs[i] - (opts[i][a].immediate + next[alt]!.consumers[i])
                    let dq = opts[i][c[i]].q - opts[i][a].q
                    if dq == 0 {
                        if dc.signum < 0 { ok = false }
                    } else if dq > 0 {
                        let b = dc / Rational(dq)
                        if upper == nil || b < upper! { upper = b }
                    } else {
                        lower = max(lower, dc / Rational(dq))
                    }
                }
            }
            if !ok { continue }
            if let u = upper, u < lower || u.signum <= 0 { continue }
            out.append(Profile(lower: lower, upper: upper, units: c.indices.reduce(0) { $0 + opts[$1][c[$1]].q },
                               sellerNext: cont.seller, payoffs: payoffs, q: (0..<n).map { opts[$0][c[$0]].q }))
        }
        return out
    }

    /// The SPE outcomes at a state given the continuation, or nil when some price has no stage equilibrium.
    func outcomes(_ t: Int, _ stocks: [Int], _ next: [[Int]: Continuation]) -> Set<Continuation>? {
        let all = profiles(t, stocks, next)
        var ends = Set<Rational>()
        for f in all {
            if f.lower.signum > 0 { ends.insert(f.lower) }
            if let u = f.upper { ends.insert(u) }
        }
        let edges = [Rational.zero] + ends.sorted()
        func equilibria(at p: Rational) -> [Profile] {
            all.filter { $0.lower <= p && ($0.upper.map { p <= $0 } ?? true) }
        }
        func value(_ f: Profile, _ p: Rational) -> Rational { p * Rational(f.units) + f.sellerNext }
        var theta: Rational? = nil
        for k in edges.indices {
            let lo = edges[k]
            let hi: Rational? = k + 1 < edges.count ? edges[k + 1] : nil
            let inside = equilibria(at: hi.map { (lo + $0) / 2 } ?? lo + 1)
            if inside.isEmpty { return nil }
            let v = inside.map { f in hi.map { value(f, $0) } ?? f.sellerNext }.min()!
            theta = max(theta ?? v, v)
            if k > 0 {
                let at = equilibria(at: lo)
                if at.isEmpty { return nil }
                theta = max(theta!, at.map { value($0, lo) }.min()!)
            }
        }
        var out = Set<Continuation>()
        for f in all {
            if f.units == 0 {
                if f.sellerNext >= theta! { out.insert(Continuation(seller: f.sellerNext, consumers: f.payoffs)) }
                continue
            }
            let least = max(f.lower, (theta! - f.sellerNext) / Rational(f.units))
            guard let u = f.upper, least <= u else { continue }
            var prices = Set([u, least, (u + least) / 2])
            if grid > 0 {
                var k = (least * Rational(grid)).floor.intValue!
                while Rational(k, grid) <= u { if Rational(k, grid) >= least { prices.insert(Rational(k, grid)) }; k += 1 }
            }
            for p in prices where p.signum > 0 {
                out.insert(Continuation(seller: value(f, p), consumers: (0..<n).map { f.payoffs[$0] - p * Rational(f.q[$0]) }))
            }
        }
        return out
    }

    enum Failure: Error { case tooManyTables }

    /// (min, max) of Π^CP over every SPE found, nil when there is none.
    func revenueRange() throws -> (min: Rational, max: Rational)? {
        let last = states(market.horizon + 1)
        var tables: Set<[Continuation]> = [last.map { _ in Continuation(seller: 0, consumers: [Rational](repeating: 0, count: n)) }]
        var tableStates = last
        for t in stride(from: market.horizon, through: 1, by: -1) {
            let here = states(t)
            var fresh = Set<[Continuation]>()
            for table in tables {
                let next = Dictionary(uniqueKeysWithValues: zip(tableStates, table))
                var per: [[Continuation]] = []
                var dead = false
                for s in here {
                    guard let o = outcomes(t, s, next), !o.isEmpty else { dead = true; break }
                    per.append(Array(o))
                }
                if dead { continue }
                // Saturating product (the grid makes the counts large).
                if per.reduce(1, { $0 > cap ? $0 : $0 * $1.count }) + fresh.count > cap { throw Failure.tooManyTables }
                var combos: [[Continuation]] = [[]]
                for options in per { combos = combos.flatMap { c in options.map { c + [$0] } } }
                fresh.formUnion(combos)
            }
            if fresh.isEmpty { return nil }
            tables = fresh
            tableStates = here
        }
        let values = tables.map { $0[0].seller }
        return (values.min()!, values.max()!)
    }
}

final class BruteForceSPETests: XCTestCase {
    /// G(2): ε = 1/8, consumer 2 values 1/2 at period 1, consumer 1 values 1 at
    /// period 5 (ℓ_1 = 4, σ_1 = 0: an exact tie). By hand: at period 1 and price
    /// 1/2, consumer 1 is exactly indifferent (1 − 4/8 − 1/2 = 0, her payoff if
    /// she waits and pays 1 at period 5), so "consumer 2 buys, consumer 1 waits"
    /// is a stage equilibrium at that single price: Π^CP = 1/2 + 1 = 3/2. The
    /// limit rules read 1/2 from below (consumer 1 strictly prefers buying) and
    /// report 1.
    func testG2SellerBestUsesTheSinglePriceEquilibrium() throws {
        let m = try ConstructionG(n: 2).market()
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerBest).revenue, Rational(3, 2))
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerWorst).revenue, 1)
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerFavourableEarliestSale).revenue, 1)
        let first = try m.contingentEquilibrium(selection: .sellerBest).path[0]
        XCTAssertEqual(first.price, .finite(Rational(1, 2)))
        XCTAssertEqual(first.purchases, [0, 1])
    }

    /// stagewise-seller-best and stagewise-seller-worst equal the brute-force max and min of Π^CP
    /// over all SPE on G(n), n = 2, …, 5, in both layouts (n = 2 and 4 have exact
    /// ties: 2 | n³).
    func testConstructionExtremalSelectionsEqualBruteForce() throws {
        for n in 2...5 {
            for layout in ConstructionG.Layout.allCases {
                let m = try ConstructionG(n: n, layout: layout).market()
                let range = try XCTUnwrap(try BruteForceSPE(market: m, cap: 200_000).revenueRange())
                XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerBest).revenue, range.max, "G(\(n)) \(layout)")
                XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerWorst).revenue, range.min, "G(\(n)) \(layout)")
            }
        }
    }

    /// The brute force on the paper's introductory market: Π^CP = 2 in every SPE (Section 1).
    func testIntroductoryMarketHasOneRevenue() throws {
        let range = try XCTUnwrap(try BruteForceSPE(market: try introMarket(r("0.8")), cap: 10_000).revenueRange())
        XCTAssertEqual(range.min, 2)
        XCTAssertEqual(range.max, 2)
    }

    /// A fixed-seed batch of single-demand markets (each consumer values one
    /// period, as in G(n); N ≤ 4, T ≤ 6, values k/2, ε = k/4, many exact ties):
    /// stagewise-seller-best and stagewise-seller-worst equal the brute-force max and min of Π^CP.
    func testRandomSingleDemandMarketsMatchBruteForce() throws {
        var rng = SplitMix64(seed: 16)
        var compared = 0
        var mismatches: [String] = []
        for _ in 0..<80 {
            let n = rng.nextInt(in: 1...4), t = rng.nextInt(in: 1...6)
            let demands = (0..<n).map { _ in [StorableGoodsMarket.Demand(period: rng.nextInt(in: 1...t), value: Rational(rng.nextInt(in: 1...6), 2))] }
            let m = try StorableGoodsMarket(horizon: t, demands: demands, storageCost: Rational(rng.nextInt(in: 0...6), 4))
            guard let range = try? BruteForceSPE(market: m, cap: 20_000).revenueRange() else { continue }
            let best = try m.contingentEquilibrium(selection: .sellerBest).revenue
            let worst = try m.contingentEquilibrium(selection: .sellerWorst).revenue
            compared += 1
            if best != range.max || worst != range.min {
                mismatches.append("\(m.demands) ε = \(m.storageCost): brute [\(range.min), \(range.max)], selections [\(worst), \(best)]")
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 60)
        XCTAssertEqual(mismatches, [], "\(compared) compared")
    }

    /// Multi-demand markets (N ≤ 3, T ≤ 4): the two selections are genuine SPE,
    /// so their revenues lie within the brute-force [min, max] — but they are
    /// backward-induction choices and need not be its ends (see below).
    func testRandomMultiDemandMarketsAreWithinBruteForceRange() throws {
        var rng = SplitMix64(seed: 16)
        var compared = 0
        for _ in 0..<30 {
            let m = try randomMarket(&rng, maxN: 3, maxT: 4)
            guard let range = try? BruteForceSPE(market: m, cap: 20_000).revenueRange() else { continue }
            guard let best = try? m.contingentEquilibrium(selection: .sellerBest).revenue,
                  let worst = try? m.contingentEquilibrium(selection: .sellerWorst).revenue else { continue }
            compared += 1
            for v in [best, worst] {
                XCTAssertLessThanOrEqual(range.min, v, "\(m.demands)")
                XCTAssertLessThanOrEqual(v, range.max, "\(m.demands)")
            }
            // The global selections are the ends (ContingentGlobalSearch.swift);
            // the stagewise ones differ here on one market (13/2 and 6, inverted).
            XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerBestOverall).revenue, range.max, "\(m.demands)")
            XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerWorstOverall).revenue, range.min, "\(m.demands)")
        }
        XCTAssertGreaterThanOrEqual(compared, 15)
    }

    /// On a multi-demand market the backward-induction stagewise-seller-worst SPE can even
    /// earn more than the stagewise-seller-best one (their continuations differ): brute
    /// force [17/2, 19/2], stagewise-seller-best 17/2, stagewise-seller-worst 19/2.
    func testMultiDemandSellerWorstCanExceedSellerBest() throws {
        let m = try StorableGoodsMarket(values: [[3, 0, r("1/2"), 0], [r("1/2"), 2, 0, r("3/2")], [0, 1, r("1/2"), 2]], storageCost: 0)
        let range = try XCTUnwrap(try BruteForceSPE(market: m, cap: 200_000).revenueRange())
        XCTAssertEqual(range.min, r("17/2"))
        XCTAssertEqual(range.max, r("19/2"))
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerBest).revenue, r("17/2"))
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerWorst).revenue, r("19/2"))
    }

    /// Even on a single-demand market the tie-break among outcomes of equal
    /// seller value can miss the supremum: ε = 1, consumer 0 values 1 at period
    /// 1, consumers 1 and 2 value 3/2 and 3 at period 2. At period 2 with both
    /// lacking, prices 3 and 3/2 both earn 3; stagewise-seller-best leaves consumer 2
    /// nothing (price 3), so at period 1 she buys early at any price ≤ 3 − 1 = 2
    /// and the seller earns 2 + 3/2 = 7/2; leaving her 3/2 (price 3/2, as
    /// stagewise-seller-worst does) keeps her waiting at price 1, and the seller earns
    /// 1 + 3 = 4, the brute-force maximum.
    func testSingleDemandTieBreakCanMissTheSupremum() throws {
        let m = try StorableGoodsMarket(values: [[1, 0], [0, r("3/2")], [0, 3]], storageCost: 1)
        let range = try XCTUnwrap(try BruteForceSPE(market: m, cap: 10_000).revenueRange())
        XCTAssertEqual(range.min, r("7/2"))
        XCTAssertEqual(range.max, 4)
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerBest).revenue, r("7/2"))
        XCTAssertEqual(try m.contingentEquilibrium(selection: .sellerWorst).revenue, 4)
    }

    /// The selections are backward-induction choices, not a global optimisation:
    /// on this market (ε = 0, N = 2, T = 6) some SPE earns 9 while stagewise-seller-best
    /// (the stagewise-seller-best outcome at every state given its own continuation) earns
    /// less: choosing a seller-worse outcome at a later state lowers a consumer's
    /// deviation payoff and raises what she pays earlier.
    func testSupremumOverAllSPECanExceedSellerBest() throws {
        let m = try StorableGoodsMarket(values: [[0, 0, 1, 0, 3, 1], [0, 0, 0, 2, 0, 2]], storageCost: 0)
        let range = try XCTUnwrap(try BruteForceSPE(market: m, cap: 200_000).revenueRange())
        XCTAssertEqual(range.max, 9)
        let best = try m.contingentEquilibrium(selection: .sellerBest).revenue
        XCTAssertLessThan(best, range.max)
        XCTAssertGreaterThanOrEqual(best, range.min)
    }
}
