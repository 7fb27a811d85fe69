import XCTest
import Numerics
@testable import StorableGoods

/// The flat-buffer stage choice (`ContingentSolver.choose`, writing every
/// solver's plays into flat buffers moved into the layers at the end) and the
/// pointer-based next-state-first enumeration against the per-state layer
/// writes they replaced, and the shared structure comparison against
/// single-shot simulated directly at every state (no play cache).
final class ChooseEquivalenceTests: XCTestCase {
    /// The replaced choice: every play written straight into `layers[g]`.
    private func referenceChoose<S>(_ layers: inout [ContingentLayer<S>], _ solvers: [ContingentSolver<S>], next: ContingentLayer<S>,
                                    _ setup: ContingentSolver<S>.PeriodSetup, _ profiles: ContingentSolver<S>.PeriodProfiles) throws {
        let lead = solvers[0]
        let t = layers[0].period
        let m = layers[0].active.count
        let kN = next.active.count
        let active = layers[0].active, stride = layers[0].stride, radix = layers[0].radix, count = layers[0].count
        func w(_ k: Int, _ idx: Int) -> S { setup.posN[k] < 0 ? .zero : next.consumer[idx * kN + setup.posN[k]] }
        func stocks(_ index: Int) -> [Int] {
            var s = [Int](repeating: 0, count: lead.market.consumerCount)
            for (k, i) in active.enumerated() { s[i] = (index / stride[k]) % radix[k] }
            return s
        }
        var buffers = ContingentSolver<S>.SelectionBuffers()
        for index in 0..<count {
            let feasible = (profiles.start[index]..<profiles.start[index + 1]).map { profiles.feasible[profiles.order[$0]] }
            try lead.prepareSelection(feasible, period: t, stocksOf: { stocks(index) }, buffers: &buffers)
            for g in solvers.indices {
                let (chosen, price) = try solvers[g].select(feasible, period: t, stocksOf: { stocks(index) }, buffers: &buffers, prepared: true)
                let f = feasible[chosen]
                var position = f.position
                layers[g].seller[index] = price.map { f.units > 0 ? f.vNext + $0.times(f.units) : f.vNext } ?? f.vNext
                layers[g].noSale[index] = price == nil
                layers[g].price[index] = price ?? .zero
                for k in 0..<m {
                    let s = (index / stride[k]) % radix[k]
                    let n = setup.optCount[k][s]
                    let o = setup.optStart[k][s] + position % n
                    position /= n
                    var c = setup.optImm[o] + w(k, f.nextIndex)
                    if let p = price, setup.optQ[o] > 0 { c = c - p.times(setup.optQ[o]) }
                    layers[g].consumer[index * m + k] = c
                    layers[g].choice[index * m + k] = Int32(setup.optSp[o] * 2 + setup.optX[o])
                }
            }
        }
    }

    /// Backward induction of `solvers` (one closedness) with both choices at every period; returns the states compared.
    private func checkChoose<S>(_ solvers: [ContingentSolver<S>], _ label: String) throws -> Int {
        let first = solvers[0]
        let market = first.market
        var next = ContingentLayer<S>(period: market.horizon + 1, active: [], remaining: [])
        var compared = 0
        for t in stride(from: market.horizon, through: 1, by: -1) {
            let active = (0..<market.consumerCount).filter { first.remaining($0, t) > 0 }
            let radixes = t == 1 ? active.map { _ in 0 } : active.map { first.remaining($0, t) }
            let template = ContingentLayer<S>(period: t, active: active, remaining: radixes)
            let setup = first.periodSetup(template, next: next)
            let profiles = first.feasibleProfiles(template, next: next, setup, closed: first.selection.consumers.isExtremal)
            var fast = solvers.map { _ in template }, slow = solvers.map { _ in template }
            let a = Result { try ContingentSolver<S>.choose(&fast, solvers, next: next, setup, profiles) }
            let b = Result { try referenceChoose(&slow, solvers, next: next, setup, profiles) }
            switch (a, b) {
            case (.success, .success):
                for (x, y) in zip(fast, slow) {
                    XCTAssertEqual(x.seller, y.seller, "\(label) t = \(t)")
                    XCTAssertEqual(x.price, y.price, "\(label) t = \(t)")
                    XCTAssertEqual(x.noSale, y.noSale, "\(label) t = \(t)")
                    XCTAssertEqual(x.consumer, y.consumer, "\(label) t = \(t)")
                    XCTAssertEqual(x.choice, y.choice, "\(label) t = \(t)")
                    compared += x.count
                }
            case let (.failure(e), .failure(f)):
                XCTAssertEqual(e as? StorableGoodsError, f as? StorableGoodsError, label)
                return compared
            default:
                XCTFail("\(label) t = \(t): fast \(a), reference \(b)")
                return compared
            }
            next = fast[0]
        }
        return compared
    }

    func testFlatBufferChooseEqualsLayerWrites() throws {
        var rng = SplitMix64(seed: 90210)
        var compared = 0
        for k in 0..<40 {
            let m = try randomMarket(&rng, maxN: 3, maxT: 4, zeroOdds: k % 2)
            let limit = try EquilibriumSelection.all.map { try ContingentSolver<Rational>(market: m, selection: $0, scale: .one) }
            let extremal = try EquilibriumSelection.extremal.map { try ContingentSolver<Rational>(market: m, selection: $0, scale: .one) }
            compared += try checkChoose(limit, "\(m.demands) limit")
            compared += try checkChoose(extremal, "\(m.demands) extremal")
        }
        for n in 2...5 {
            let m = try ConstructionG(n: n, layout: n % 2 == 0 ? .text : .paperT).market()
            let d = Rational.commonDenominator(of: m.positiveValues + [m.storageCost])
            let limit = try EquilibriumSelection.all.map { try ContingentSolver<Int>(market: m, selection: $0, scale: d) }
            let extremal = try EquilibriumSelection.extremal.map { try ContingentSolver<Int>(market: m, selection: $0, scale: d) }
            compared += try checkChoose(limit, "G(\(n)) limit")
            compared += try checkChoose(extremal, "G(\(n)) extremal")
        }
        XCTAssertGreaterThan(compared, 5_000)
    }

    /// Mismatch counts of `equilibrium` against single-shot run afresh at every
    /// state (t, stocks) from its lacking set {i : stock 0 and τ_i ≥ t}.
    private func directComparison(_ g: ConstructionG, _ equilibrium: ContingentEquilibrium,
                                  _ tie: ConstructionG.TargetTieBreak) throws -> [Int] {
        var checked = 0, values = 0, prices = 0, buyers = 0
        var failure: Error? = nil
        equilibrium.forEachSellerState { o in
            guard failure == nil else { return }
            checked += 1
            let lacking = Set((1...g.n).filter { o.stocks[$0 - 1] == 0 && g.demandPeriod($0) >= o.period })
            do {
                let ss = try g.singleShot(period: o.period, lacking: lacking, tieBreak: tie)
                let effective: PostedPrice = o.unitsSold > 0 ? o.price : .noSale
                if o.sellerValue != ss.revenue { values += 1 }
                if effective != ss.priceNow { prices += 1 }
                if Set((1...g.n).filter { o.purchases[$0 - 1] > 0 }) != Set(ss.buyersNow) { buyers += 1 }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return [checked, values, prices, buyers]
    }

    func testStructureComparisonsEqualDirectSingleShot() throws {
        var compared = 0
        for n in 2...5 {
            let g = try ConstructionG(n: n)
            let m = try g.market()
            let equilibria = try (EquilibriumSelection.all + EquilibriumSelection.extremal).map { try m.contingentEquilibrium(selection: $0) }
            for tie in ConstructionG.TargetTieBreak.allCases {
                let shared = try g.compare(equilibria, with: tie)
                for (e, c) in zip(equilibria, shared) {
                    let direct = try directComparison(g, e, tie)
                    XCTAssertEqual([c.statesChecked, c.valueMismatches, c.priceMismatches, c.buyerMismatches], direct,
                                   "G(\(n)) \(e.selection) \(tie)")
                    XCTAssertGreaterThan(direct[0], 0)
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 50)
    }
}
