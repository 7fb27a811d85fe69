import XCTest
import Numerics
@testable import StorableGoods

/// The fast paths of the solvers against the direct methods they replace, on
/// seeded random instances: exact equality of everything they produce.
final class SpeedPathEquivalenceTests: XCTestCase {
    /// The per-state enumeration the next-state-first search replaced: every
    /// purchase profile of the state in odometer order (consumer 0 fastest),
    /// checked against every unilateral deviation.
    private func directFeasible<S>(_ solver: ContingentSolver<S>, _ layer: ContingentLayer<S>, next: ContingentLayer<S>,
                                   _ setup: ContingentSolver<S>.PeriodSetup, closed: Bool,
                                   state index: Int) -> [(ContingentSolver<S>.Feasible, [Int])] {
        let m = layer.active.count
        let kN = next.active.count
        func w(_ k: Int, _ idx: Int) -> S { setup.posN[k] < 0 ? .zero : next.consumer[idx * kN + setup.posN[k]] }
        var first = [Int](repeating: 0, count: m), count = [Int](repeating: 0, count: m)
        for k in 0..<m {
            let s = (index / layer.stride[k]) % layer.radix[k]
            first[k] = setup.optStart[k][s]
            count[k] = setup.optCount[k][s]
        }
        var out: [(ContingentSolver<S>.Feasible, [Int])] = []
        var digits = first
        var position = 0
        while true {
            var nextIndex = 0, units = 0
            for k in 0..<m { nextIndex += setup.optSp[digits[k]] * setup.strideN[k]; units += setup.optQ[digits[k]] }
            var lo: S? = nil, hi: S? = nil, own = S.zero, ok = true
            for k in 0..<m where ok {
                let o = digits[k]
                let c = setup.optImm[o] + w(k, nextIndex)
                own = own + c
                for a in first[k]..<(first[k] + count[k]) where a != o {
                    let idx2 = nextIndex + (setup.optSp[a] - setup.optSp[o]) * setup.strideN[k]
                    let dc = c - (setup.optImm[a] + w(k, idx2))
                    let dq = setup.optQ[o] - setup.optQ[a]
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
                if ok, let h = hi {
                    if h <= .zero { ok = false } else if let l = lo, l > h || (l == h && !closed) { ok = false }
                }
            }
            if ok {
                out.append((ContingentSolver<S>.Feasible(lo: lo, hi: hi, units: units, vNext: next.seller[nextIndex], own: own,
                                                        position: position, nextIndex: nextIndex), digits))
            }
            position += 1
            var k = 0
            while k < m {
                if digits[k] + 1 < first[k] + count[k] { digits[k] += 1; break }
                digits[k] = first[k]
                k += 1
            }
            if k == m { break }
        }
        return out
    }

    /// Backward induction with the direct enumeration checked at every period.
    private func checkEnumeration<S>(_ solver: ContingentSolver<S>, _ label: String) throws -> Int {
        let market = solver.market
        var next = ContingentLayer<S>(period: market.horizon + 1, active: [], remaining: [])
        var checked = 0
        for t in stride(from: market.horizon, through: 1, by: -1) {
            let active = (0..<market.consumerCount).filter { solver.remaining($0, t) > 0 }
            var layer = ContingentLayer<S>(period: t, active: active,
                                           remaining: t == 1 ? active.map { _ in 0 } : active.map { solver.remaining($0, t) })
            let setup = solver.periodSetup(layer, next: next)
            for closed in [false, true] {
                let profiles = solver.feasibleProfiles(layer, next: next, setup, closed: closed)
                for index in 0..<layer.count {
                    let direct = directFeasible(solver, layer, next: next, setup, closed: closed, state: index)
                    let fast = (profiles.start[index]..<profiles.start[index + 1]).map { r -> (ContingentSolver<S>.Feasible, [Int]) in
                        let j = profiles.order[r]
                        return (profiles.feasible[j], solver.options(of: profiles.feasible[j], state: index, layer, setup))
                    }
                    XCTAssertEqual(fast.count, direct.count, "\(label) t = \(t) state \(index) closed \(closed)")
                    for (a, b) in zip(fast, direct) {
                        XCTAssert(a.0.lo == b.0.lo && a.0.hi == b.0.hi && a.0.units == b.0.units && a.0.vNext == b.0.vNext
                                  && a.0.own == b.0.own && a.0.position == b.0.position && a.0.nextIndex == b.0.nextIndex && a.1 == b.1,
                                  "\(label) t = \(t) state \(index) closed \(closed)")
                    }
                    checked += 1
                }
            }
            do {
                try solver.solvePeriod(&layer, next: next)
            } catch StorableGoodsError.noPureStageEquilibrium {
                return checked
            }
            next = layer
        }
        return checked
    }

    func testNextStateFirstEnumerationMatchesPerStateOdometer() throws {
        var rng = SplitMix64(seed: 2026)
        var states = 0
        for k in 0..<60 {
            let m = try randomMarket(&rng, maxN: 3, maxT: 4, zeroOdds: k % 2)
            let selection = k % 3 == 0 ? EquilibriumSelection.sellerWorst : EquilibriumSelection.all[k % 8]
            states += try checkEnumeration(try ContingentSolver<Rational>(market: m, selection: selection, scale: .one), "\(m.demands)")
        }
        for n in 2...4 {
            let m = try ConstructionG(n: n).market()
            let d = Rational.commonDenominator(of: m.positiveValues + [m.storageCost])
            states += try checkEnumeration(try ContingentSolver<Int>(market: m, selection: .sellerFavourableEarliestSale, scale: d), "G(\(n))")
        }
        XCTAssertGreaterThan(states, 2000)
    }

    func testSelectionsSolvedTogetherEqualSolvedAlone() throws {
        var rng = SplitMix64(seed: 7)
        let selections = EquilibriumSelection.all + EquilibriumSelection.extremal
        var markets = try (0..<25).map { k in try randomMarket(&rng, maxN: 3, maxT: 3, zeroOdds: k % 2) }
        markets += try (2...5).map { try ConstructionG(n: $0, layout: $0 % 2 == 0 ? .text : .paperT).market() }
        var compared = 0
        for m in markets {
            let together = m.contingentEquilibria(selections: selections)
            for (s, r) in zip(selections, together) {
                let alone = Result { try m.contingentEquilibrium(selection: s) }
                switch (r, alone) {
                case let (.success(a), .success(b)):
                    var outcomes: [ContingentStateOutcome] = []
                    b.forEachState { outcomes.append($0) }
                    var k = 0
                    a.forEachState { o in
                        XCTAssertEqual(o, outcomes[k], "\(m.demands) \(s)")
                        k += 1
                    }
                    XCTAssertEqual(k, outcomes.count)
                    compared += 1
                case let (.failure(a), .failure(b)):
                    XCTAssertEqual(a as? StorableGoodsError, b as? StorableGoodsError)
                default:
                    XCTFail("\(m.demands) \(s): together \(r), alone \(alone)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 200)
    }

    func testStateScanEqualsOutcomeByIndex() throws {
        for m in [try ConstructionG(n: 4).market(), try StorableGoodsMarket(values: [[1, 0, 2], [0, 2, 1]], storageCost: r("1/4"))] {
            let e = try m.contingentEquilibrium(selection: .sellerWorst)
            var expected: [ContingentStateOutcome] = []
            for t in 1...m.horizon {
                for k in 0..<e.table.stateCount(period: t) { expected.append(e.table.outcome(period: t, index: k)) }
            }
            var k = 0
            e.forEachState { o in
                XCTAssertEqual(o, expected[k])
                k += 1
            }
            XCTAssertEqual(k, expected.count)
        }
    }

    func testSharedStructureComparisonsEqualSeparateOnes() throws {
        for n in 2...5 {
            let g = try ConstructionG(n: n)
            let m = try g.market()
            let equilibria = try (EquilibriumSelection.all + EquilibriumSelection.extremal).map { try m.contingentEquilibrium(selection: $0) }
            for tie in ConstructionG.TargetTieBreak.allCases {
                let shared = try g.compare(equilibria, with: tie)
                for (e, c) in zip(equilibria, shared) {
                    let alone = try g.compare(e, with: tie)
                    XCTAssertEqual(c.selection, e.selection)
                    XCTAssertEqual([c.statesChecked, c.valueMismatches, c.priceMismatches, c.buyerMismatches],
                                   [alone.statesChecked, alone.valueMismatches, alone.priceMismatches, alone.buyerMismatches])
                    XCTAssertEqual(c.examples, alone.examples)
                }
            }
        }
    }

    func testLatticeViolatorsAreTheDeviationsFound() throws {
        var checked = 0
        for n in 2...6 {
            let g = try ConstructionG(n: n)
            for reading in ConstructionG.RestrictedEagerReading.allCases {
                for tie in ConstructionG.TargetTieBreak.allCases {
                    var checker = ProfileChecker(g: g, reading: reading, tieBreak: tie)
                    for j in 1...n {
                        let start = j < n ? g.demandPeriod(j + 1) + 1 : 1
                        for t in start...g.demandPeriod(j) {
                            for mask in 0..<(1 << j) {
                                let full = try checker.deviations(at: t, demandIndex: j, mask: mask)
                                let fast = try checker.violators(at: t, demandIndex: j, mask: mask)
                                XCTAssertEqual(fast.seller, full[.seller] != nil, "G(\(n)) \(reading) \(tie) t = \(t) mask \(mask)")
                                var consumers = 0
                                for case let .consumer(i) in full.keys { consumers |= 1 << (i - 1) }
                                XCTAssertEqual(fast.consumers, consumers, "G(\(n)) \(reading) \(tie) t = \(t) mask \(mask)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 5_000)
    }

    func testLatticeBruteForceEqualsScheduleBruteForce() throws {
        var rng = SplitMix64(seed: 41)
        var compared = 0
        for k in 0..<120 {
            let m = try randomMarket(&rng, maxN: 3, maxT: 3, zeroOdds: k % 2)
            let candidates: [[PostedPrice]] = (1...m.horizon).map { s in
                m.bruteForceCandidatePrices(period: s).map { PostedPrice.finite($0) } + [.noSale]
            }
            let total = candidates.reduce(1) { $0 * $1.count }
            guard total <= 20_000 else { continue }
            let fast = try XCTUnwrap(try m.latticeBruteForce(candidates, total: total))
            let direct = try m.scheduleBruteForce(candidates, total: total)
            XCTAssertEqual(fast, direct, "\(m.demands)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 80)
    }
}
