// Section 4: the upper bound (Theorem 4.1) and its chain of inequalities.
//
// The proof of Theorem 4.1 shows
//     Π^F ≤ Π^CP,   Π^F ≤ Π^PA ≤ Σ_{i,t} u_{i,t} ≤ (H_T + H_N)·Π^F,
// where Π^F is the best revenue of one fixed price in every period. The last
// step orders the ℓ valuations v_1 ≥ ... ≥ v_ℓ, scales so that Π^F = max_k k·v_k
// = 1, so v_k ≤ 1/k and Σ_k v_k ≤ H_ℓ·Π^F, and then uses H_ℓ ≤ H_T + H_N.
// The paper writes "given that n·T ≤ ℓ"; the step needs the opposite
// inequality ℓ ≤ N·T (true: there are at most N·T valuations, exactly N·T if
// zeros are counted) together with H_{NT} ≤ H_N + H_T (true: split 1..NT into
// T blocks of N terms; block m ≥ 2 sums to at most N/((m−1)N) = 1/(m−1)).
// `Theorem41Check` verifies every link exactly on random instances.

import Foundation
import Numerics

extension StorableGoodsMarket {
    /// Π^F = max_p p·#{(i, t) : u_{i,t} ≥ p}, the best revenue from one fixed
    /// price posted in every period (at a fixed price nobody gains by storing,
    /// so exactly the valuations ≥ p are sold; ties favour the seller), and a
    /// maximising price (nil when every value is 0, where Π^F = 0).
    ///
    /// - Complexity: O(D log D) for D positive values.
    public var fixedPriceOptimum: (revenue: Rational, price: Rational?) {
        let sorted = positiveValues.sorted(by: >)
        var best = Rational.zero
        var price: Rational? = nil
        var k = 0
        while k < sorted.count {
            var j = k
            while j + 1 < sorted.count && sorted[j + 1] == sorted[k] { j += 1 }
            let r = sorted[k] * Rational(j + 1)
            if r > best { best = r; price = sorted[k] }
            k = j + 1
        }
        return (best, price)
    }
}

/// A property check of Theorem 4.1's chain on seeded random small instances.
public struct Theorem41Check: Sendable {
    /// Instances drawn.
    public let instances: Int
    /// Instances skipped because some selection found no pure stage equilibrium.
    public let skippedNoPureEquilibrium: Int
    /// The skipped instances and the solver's error message.
    public let skipped: [String]
    /// Instances where Π^PA was also confirmed by brute force.
    public let bruteForceConfirmed: Int
    /// Descriptions of every violated inequality (empty when the chain holds).
    public let violations: [String]
    /// The selections used for Π^CP.
    public let selections: [EquilibriumSelection]
    /// The largest Π^PA/Π^CP seen over instances and selections (instances
    /// with Π^CP = 0 are excluded; Π^CP = 0 forces Π^PA = 0), and where.
    public let maxPAOverCP: (ratio: Double, exact: Rational, instance: String, selection: String)
    /// The largest Π^CP/Π^PA seen, and where.
    public let maxCPOverPA: (ratio: Double, exact: Rational, instance: String, selection: String)
    /// The largest Π^PA/Π^CP divided by H_N + H_T (≤ 1 when the bound holds with constant 1).
    public let maxNormalisedRatio: Double

    /// True when no inequality was violated.
    public var holds: Bool { violations.isEmpty }

    /// Draws `instances` random markets (seeded by SplitMix64(seed)) with
    /// N ∈ 1...maxConsumers, T ∈ 1...maxPeriods, each u_{i,t} = 0 with
    /// probability 1/2 and otherwise k/2 for k uniform in 1...6, and
    /// ε = k/4 for k uniform in 0...6; computes Π^F, Π^PA (DP), Σu and Π^CP
    /// under each selection, and checks exactly:
    /// Π^F ≤ Π^CP, Π^F ≤ Π^PA ≤ Σu, Σu ≤ H_ℓ·Π^F (ℓ = #positive values),
    /// H_ℓ ≤ H_{NT} ≤ H_N + H_T, and Π^PA ≤ (H_N + H_T)·Π^CP.
    /// With `bruteForce` true, Π^PA is also confirmed by
    /// `bruteForcePreAnnouncedPricing()` when it has at most 200,000 price vectors.
    ///
    /// - Complexity: per instance one DP, one backward induction per
    ///   selection (at most Π(R_i+1) states per period) and optionally one
    ///   brute force.
    /// - Throws: `StorableGoodsError.noInstances` for instances < 1,
    ///   `.sampledConsumersOutOfRange` / `.sampledPeriodsOutOfRange` for
    ///   maxConsumers or maxPeriods outside 1...4, `.noSelections`.
    public static func run(instances: Int, seed: UInt64, maxConsumers: Int = 3, maxPeriods: Int = 4,
                           selections: [EquilibriumSelection], bruteForce: Bool = false) throws -> Theorem41Check {
        guard instances >= 1 else {
            throw StorableGoodsError.noInstances(instances: instances)
        }
        guard (1...4).contains(maxConsumers) else {
            throw StorableGoodsError.sampledConsumersOutOfRange(maxConsumers: maxConsumers)
        }
        guard (1...4).contains(maxPeriods) else {
            throw StorableGoodsError.sampledPeriodsOutOfRange(maxPeriods: maxPeriods)
        }
        guard !selections.isEmpty else {
            throw StorableGoodsError.noSelections
        }
        var rng = SplitMix64(seed: seed)
        var violations: [String] = []
        var skipped = 0, confirmed = 0
        var skippedList: [String] = []
        var maxPA = (ratio: 0.0, exact: Rational.zero, instance: "", selection: "")
        var maxCP = (ratio: 0.0, exact: Rational.zero, instance: "", selection: "")
        var maxNorm = 0.0
        for k in 0..<instances {
            let n = rng.nextInt(in: 1...maxConsumers)
            let t = rng.nextInt(in: 1...maxPeriods)
            var values: [[Rational]] = []
            for _ in 0..<n {
                values.append((0..<t).map { _ in rng.nextInt(in: 0...1) == 0 ? Rational.zero : Rational(rng.nextInt(in: 1...6), 2) })
            }
            let eps = Rational(rng.nextInt(in: 0...6), 4)
            let market = try StorableGoodsMarket(values: values, storageCost: eps)
            let label = "#\(k) values \(values.map { $0.map(\.description) }) ε = \(eps)"
            var cps: [Rational] = []
            do {
                // One backward induction for all selections (shared enumeration);
                // the first failing selection's error, as solving them in turn.
                for r in market.contingentEquilibria(selections: selections) { cps.append(try r.get().revenue) }
            } catch let e as StorableGoodsError {
                guard case .noPureStageEquilibrium = e else { throw e }
                skipped += 1
                skippedList.append("\(label): \(e)")
                continue
            }
            let pa = try market.optimalPreAnnouncedPricing().revenue
            let f = market.fixedPriceOptimum.revenue
            let total = market.totalValue
            let ell = market.positiveValues.count
            let hEll = try HarmonicNumbers.exact(ell)
            let hNT = try HarmonicNumbers.exact(n * t)
            let hSum = try HarmonicNumbers.exact(n) + HarmonicNumbers.exact(t)
            func check(_ ok: Bool, _ what: String) { if !ok { violations.append("\(label): \(what)") } }
            check(f <= pa, "Π^F = \(f) > Π^PA = \(pa)")
            check(pa <= total, "Π^PA = \(pa) > Σu = \(total)")
            check(total <= hEll * f, "Σu = \(total) > H_ℓ·Π^F = \(hEll * f)")
            check(hEll <= hNT && hNT <= hSum, "H_ℓ ≤ H_NT ≤ H_N + H_T fails")
            if bruteForce {
                if let bf = try? market.bruteForcePreAnnouncedPricing(maxPriceVectors: 200_000) {
                    confirmed += 1
                    check(bf.revenue == pa, "brute force Π^PA = \(bf.revenue) ≠ DP \(pa)")
                }
            }
            for (s, cp) in zip(selections, cps) {
                check(f <= cp, "Π^F = \(f) > Π^CP = \(cp) (\(s.name))")
                check(pa <= hSum * cp, "Π^PA = \(pa) > (H_N + H_T)·Π^CP = \(hSum * cp) (\(s.name))")
                if cp.signum > 0 && pa.signum > 0 {
                    let r = pa / cp
                    if r.doubleValue > maxPA.ratio { maxPA = (r.doubleValue, r, label, s.name) }
                    let q = cp / pa
                    if q.doubleValue > maxCP.ratio { maxCP = (q.doubleValue, q, label, s.name) }
                    maxNorm = max(maxNorm, (r / hSum).doubleValue)
                } else {
                    check(cp.signum == 0 && pa.signum == 0, "exactly one of Π^PA = \(pa), Π^CP = \(cp) is 0 (\(s.name))")
                }
            }
        }
        return Theorem41Check(instances: instances, skippedNoPureEquilibrium: skipped, skipped: skippedList, bruteForceConfirmed: confirmed,
                              violations: violations, selections: selections,
                              maxPAOverCP: maxPA, maxCPOverPA: maxCP, maxNormalisedRatio: maxNorm)
    }
}
