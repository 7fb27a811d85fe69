import XCTest
import Numerics
@testable import StorableGoods

/// An independent, deliberately naive implementation of the same game and
/// selection semantics, used to cross-check the backward induction (in
/// particular its price-interval bookkeeping and the seller-adverse sweep).
///
/// Differences from the solver: plain `Rational` arithmetic, breakpoints
/// collected from every consumer, every profile of the others and every pair
/// of options, and stage equilibria checked directly (best response at the
/// midpoint of each piece between consecutive breakpoints) rather than via
/// per-profile price intervals.
private struct NaiveContingent {
    struct Option { let q: Int; let x: Int; let sp: Int; let imm: Rational }
    struct Result { let seller: Rational; let consumers: [Rational]; let price: PostedPrice }

    let market: StorableGoodsMarket
    let selection: EquilibriumSelection
    var memo: [[Int]: Result] = [:]   // key: [t] + stocks

    func remaining(_ i: Int, _ t: Int) -> Int { market.demands[i].filter { $0.period >= t }.count }

    mutating func solve(_ t: Int, _ stocks: [Int]) throws -> Result {
        let n = market.consumerCount
        if t > market.horizon { return Result(seller: 0, consumers: [Rational](repeating: 0, count: n), price: .noSale) }
        if let r = memo[[t] + stocks] { return r }
        let eps = market.storageCost
        // Options of each consumer (single forced option when inactive).
        var options: [[Option]] = []
        for i in 0..<n {
            let u = market.value(consumer: i, period: t)
            let r1 = remaining(i, t + 1)
            if remaining(i, t) == 0 { options.append([Option(q: 0, x: 0, sp: 0, imm: 0)]); continue }
            var o: [Option] = []
            for x in (u.signum > 0 ? [0, 1] : [0]) where max(0, stocks[i] - x) <= r1 {
                for sp in max(0, stocks[i] - x)...r1 {
                    o.append(Option(q: sp - stocks[i] + x, x: x, sp: sp, imm: (x == 1 ? u : 0) - eps * Rational(sp)))
                }
            }
            o.sort { ($0.q, $0.x, $0.sp) < ($1.q, $1.x, $1.sp) }
            options.append(o)
        }
        // All profiles in the solver's enumeration order (consumer 0 fastest).
        var profiles: [[Int]] = [[]]
        for i in 0..<n {
            var next: [[Int]] = []
            for o in 0..<options[i].count { for p in profiles { next.append(p + [o]) } }
            profiles = next
        }
        profiles.sort { a, b in
            for i in stride(from: n - 1, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] }
            return false
        }
        // Continuations.
        var cont: [[Int]: Result] = [:]
        func continuation(_ p: [Int]) throws -> Result {
            let ns = (0..<n).map { options[$0][p[$0]].sp }
            if let c = cont[ns] { return c }
            let c = try solve(t + 1, ns)
            cont[ns] = c
            return c
        }
        func c(_ i: Int, _ p: [Int]) throws -> Rational { options[i][p[i]].imm + (try continuation(p)).consumers[i] }
        // Breakpoints ΔC/Δq over every consumer, profile of others and option pair.
        var breaks = Set<Rational>()
        for p in profiles {
            for i in 0..<n {
                for a in options[i].indices where a > p[i] {
                    var alt = p; alt[i] = a
                    let dq = options[i][p[i]].q - options[i][a].q
                    if dq != 0 {
                        let b = (try c(i, p) - c(i, alt)) / Rational(dq)
                        if b.signum > 0 { breaks.insert(b) }
                    }
                }
            }
        }
        let ends = breaks.sorted()
        struct Candidate { let value: Rational; let surplus: Rational; let units: Int; let price: Rational?; let position: Int; let consumers: [Rational] }
        func secondary(_ a: Candidate, _ b: Candidate) -> Bool? {
            switch selection.tieBreak {
            case .maxConsumerSurplus: return a.surplus == b.surplus ? nil : a.surplus > b.surplus
            case .minConsumerSurplus: return a.surplus == b.surplus ? nil : a.surplus < b.surplus
            case .earliestSale: return a.units == b.units ? nil : a.units > b.units
            case .latestSale: return a.units == b.units ? nil : a.units < b.units
            }
        }
        var best: Candidate? = nil
        for k in 0...ends.count {
            let left = k == 0 ? Rational.zero : ends[k - 1]
            let right: Rational? = k < ends.count ? ends[k] : nil
            let mid = right.map { (left + $0) / 2 } ?? left + 1
            var pieceCandidates: [Candidate] = []
            for (position, p) in profiles.enumerated() {
                // Nash check at the midpoint (strict preferences between options
                // with different units; ties only between equal-unit options).
                var isEquilibrium = true
                for i in 0..<n where isEquilibrium {
                    let mine = try c(i, p) - mid * Rational(options[i][p[i]].q)
                    for a in options[i].indices where a != p[i] {
                        var alt = p; alt[i] = a
                        if try c(i, alt) - mid * Rational(options[i][a].q) > mine { isEquilibrium = false; break }
                    }
                }
                guard isEquilibrium else { continue }
                let units = (0..<n).reduce(0) { $0 + options[$1][p[$1]].q }
                if right == nil { XCTAssertEqual(units, 0, "a purchase at arbitrarily high prices") }
                let price = units > 0 ? right : (selection.consumers == .sellerFavourable ? nil : right)
                let paid = price.map { $0 * Rational(units) } ?? 0
                let next = try continuation(p)
                let consumers = (0..<n).map { i -> Rational in
                    let q = options[i][p[i]].q
                    return try! c(i, p) - (q > 0 ? price! * Rational(q) : 0)
                }
                pieceCandidates.append(Candidate(value: paid + next.seller, surplus: consumers.reduce(0, +), units: units,
                                                 price: price, position: position, consumers: consumers))
            }
            if pieceCandidates.isEmpty {
                throw StorableGoodsError.noPureStageEquilibrium(period: t, stocks: stocks, prices: "naive")
            }
            func sellerBetter(_ a: Candidate, _ b: Candidate) -> Bool {
                if a.value != b.value { return a.value > b.value }
                if let s = secondary(a, b) { return s }
                if a.price != b.price {
                    guard let x = a.price else { return true }
                    guard let y = b.price else { return false }
                    return x > y
                }
                return a.position < b.position
            }
            let chosenHere: [Candidate]
            switch selection.consumers {
            case .sellerBest, .sellerWorst, .sellerBestOverall, .sellerWorstOverall:
                preconditionFailure("the naive reference covers the limit selections only (BruteForceSPETests covers the extremal ones)")
            case .sellerFavourable:
                chosenHere = pieceCandidates
            case .sellerAdverse:
                var worst = pieceCandidates[0]
                for x in pieceCandidates.dropFirst() {
                    if x.value != worst.value { if x.value < worst.value { worst = x }; continue }
                    if let s = secondary(x, worst) { if s { worst = x }; continue }
                    if x.position < worst.position { worst = x }
                }
                chosenHere = [worst]
            }
            for x in chosenHere where best == nil || sellerBetter(x, best!) { best = x }
        }
        let b = best!
        let result = Result(seller: b.value, consumers: b.consumers, price: b.price.map { .finite($0) } ?? .noSale)
        memo[[t] + stocks] = result
        return result
    }
}

final class NaiveContingentReferenceTests: XCTestCase {
    func testBackwardInductionMatchesNaiveReferenceEverywhere() throws {
        var rng = SplitMix64(seed: 99)
        var compared = 0, statesCompared = 0, noEquilibrium = 0
        for k in 0..<90 {
            let m = try randomMarket(&rng, maxN: k < 60 ? 2 : 3, maxT: k < 60 ? 3 : 2, zeroOdds: k % 2)
            for (j, s) in EquilibriumSelection.all.enumerated() where (k + j) % 3 == 0 || k < 12 {
                var naive = NaiveContingent(market: m, selection: s)
                let eq: ContingentEquilibrium
                do {
                    eq = try m.contingentEquilibrium(selection: s)
                } catch StorableGoodsError.noPureStageEquilibrium {
                    XCTAssertThrowsError(try naive.solve(1, [Int](repeating: 0, count: m.consumerCount)))
                    noEquilibrium += 1
                    continue
                }
                compared += 1
                try eq.forEachState { o in
                    statesCompared += 1
                    let ref = try naive.solve(o.period, o.stocks)
                    XCTAssertEqual(o.sellerValue, ref.seller, "\(m.demands) \(s) t = \(o.period) \(o.stocks)")
                    XCTAssertEqual(o.consumerValues, ref.consumers, "\(m.demands) \(s) t = \(o.period) \(o.stocks)")
                    XCTAssertEqual(o.price, ref.price, "\(m.demands) \(s) t = \(o.period) \(o.stocks)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 150)
        XCTAssertGreaterThan(statesCompared, 1000)
        print("compared \(compared) equilibria, \(statesCompared) states; \(noEquilibrium) without pure equilibrium")
    }

    func testNaiveReferenceAlsoFindsNoPureEquilibrium() throws {
        let m = try StorableGoodsMarket(
            values: [[0, r("1/2"), r("5/2"), 1], [0, 1, 0, r("5/2")], [0, 0, r("1/2"), 2]], storageCost: r("3/4"))
        var naive = NaiveContingent(market: m, selection: EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale))
        XCTAssertThrowsError(try naive.solve(3, [0, 0, 1])) { error in
            guard case StorableGoodsError.noPureStageEquilibrium = error else { return XCTFail("\(error)") }
        }
        XCTAssertNoThrow(try naive.solve(4, [0, 0, 1]))
    }

    func testGSmallAgreesWithNaiveReference() throws {
        for n in 2...3 {
            let m = try ConstructionG(n: n).market()
            for s in EquilibriumSelection.all {
                var naive = NaiveContingent(market: m, selection: s)
                let eq = try m.contingentEquilibrium(selection: s)
                try eq.forEachState { o in
                    let ref = try naive.solve(o.period, o.stocks)
                    XCTAssertEqual(o.sellerValue, ref.seller)
                    XCTAssertEqual(o.price, ref.price)
                }
            }
        }
    }
}
