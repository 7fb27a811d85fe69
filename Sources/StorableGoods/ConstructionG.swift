// Section 3: the lower-bound construction G(n) and its closed forms
// (Lemma 3.2, Theorem 3.3, Lemma 3.4) and the single-shot / restricted-eager
// strategies of Section 3.2 (Theorems 3.5–3.8).
//
// G(n) (Section 3): n consumers, consumer i ∈ 1...n values one unit at τ_i only,
// at 1/i; ε = 1/n³; ℓ_i = ⌊n³/(i(i+1))⌋ is the gap between the demand periods
// of consumers i+1 and i; τ_i = Σ_{k=i}^{n} ℓ_k.
//
// Layout. The paper's text defines τ_i = Σ_{k=i}^{n} ℓ_k and says τ_1 = T, but
// it also defines T = Σ_{i=1}^{n−1} ℓ_i, which is τ_1 − ℓ_n = τ_1 − (n − 1)
// (ℓ_n = ⌊n²/(n+1)⌋ = n − 1). The two disagree for every n ≥ 2. This type uses
// the layout the text defines — demand periods τ_i and horizon τ_1, periods
// 1...τ_1 — for the market and every solver (`horizon`), and reports the
// paper's formula separately (`paperHorizonFormula`, the T of Table 1). Only
// the trailing horizon differs: nothing happens after τ_1 anyway.
//
// The layout is a parameter (`Layout`): `.text` (above, the default) or
// `.paperT`, the paper's T read literally: τ_i = Σ_{k=i}^{n−1} ℓ_k on periods
// 0...T (τ_n = 0, τ_1 = T, the subgames G_t "at period time t ≥ 0" of §3.2),
// i.e. the market on periods 1...T + 1 with every demand n − 2 periods earlier
// than in `.text` (no empty periods before consumer n's demand). The paper says
// the results are unaffected by such a shift (§3, after the definition of τ_i);
// the contingent-pricing SPE values can differ (cp-equilibria).
//
// Consumer labels. Methods taking `i` use the paper's label i ∈ 1...n; in
// `market()` consumer i has index i − 1.

import Foundation
import Numerics

/// The construction G(n) of Section 3 (n ≥ 2).
public struct ConstructionG: Sendable, Hashable {
    /// n, the number of consumers.
    public let n: Int
    /// n³ = 1/ε.
    public let nCubed: Int
    /// ℓ_1, ..., ℓ_n (index i − 1).
    public let gaps: [Int]
    /// τ_1, ..., τ_n (index i − 1).
    public let demandPeriods: [Int]

    /// Where the demand periods sit (see the file comment).
    public enum Layout: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// τ_i = Σ_{k=i}^{n} ℓ_k, periods 1...τ_1 (τ_n = n − 1).
        case text = "text"
        /// Periods 0...T of the paper's T = Σ_{i=1}^{n−1} ℓ_i, numbered 1...T + 1 (τ_n at period 1).
        case paperT = "paper-T"

        public var description: String { rawValue }
    }

    /// The layout of the demand periods.
    public let layout: Layout

    /// The largest supported n (n³ must fit in a 64-bit integer).
    public static let maximumN = 2_000_000

    /// G(n).
    ///
    /// - Complexity: O(n) time and memory.
    /// - Throws: `StorableGoodsError.constructionSizeOutOfRange` for n < 2 or n > 2,000,000.
    public init(n: Int, layout: Layout = .text) throws {
        guard n >= 2 else {
            throw StorableGoodsError.constructionSizeOutOfRange(n: n)
        }
        guard n <= ConstructionG.maximumN else {
            throw StorableGoodsError.constructionSizeOutOfRange(n: n)
        }
        self.n = n
        nCubed = n * n * n
        var g: [Int] = []
        g.reserveCapacity(n)
        for i in 1...n { g.append(nCubed / (i * (i + 1))) }
        gaps = g
        var tau = [Int](repeating: 0, count: n)
        var acc = 0
        for i in stride(from: n, through: 1, by: -1) { acc += g[i - 1]; tau[i - 1] = acc }
        let shift = layout == .paperT ? n - 2 : 0
        demandPeriods = tau.map { $0 - shift }
        self.layout = layout
    }

    /// ε = 1/n³. O(1).
    public var storageCost: Rational { Rational(BigInt(1), BigInt(nCubed)) }

    /// ℓ_i = ⌊n³/(i(i+1))⌋ for i ∈ 1...n. O(1); traps outside 1...n.
    public func gap(_ i: Int) -> Int { gaps[i - 1] }

    /// τ_i = Σ_{k=i}^{n} ℓ_k, consumer i's demand period (text's definition; n − 2 less under `.paperT`). O(1); traps outside 1...n.
    public func demandPeriod(_ i: Int) -> Int { demandPeriods[i - 1] }

    /// 1/i, consumer i's value at τ_i. O(1).
    public func value(_ i: Int) -> Rational { Rational(1, i) }

    /// The horizon used by every solver: τ_1 (periods 1...τ_1, the layout
    /// the text defines). O(1).
    public var horizon: Int { demandPeriods[0] }

    /// The paper's formula T = Σ_{i=1}^{n−1} ℓ_i (Section 3 and Table 1's T);
    /// equals τ_1 − ℓ_n = τ_1 − (n − 1). O(n).
    public var paperHorizonFormula: Int { gaps.dropLast().reduce(0, +) }

    /// The market G(n) on periods 1...τ_1 (consumer i at index i − 1).
    ///
    /// - Complexity: O(n log n).
    /// - Throws: never for a constructed G(n).
    public func market() throws -> StorableGoodsMarket {
        try StorableGoodsMarket(
            horizon: horizon,
            demands: (1...n).map { [StorableGoodsMarket.Demand(period: demandPeriod($0), value: value($0))] },
            storageCost: storageCost)
    }

    // MARK: Lemma 3.2 and Theorem 3.3 (Section 3.1)

    /// Lemma 3.2's price p(τ_i) = 1/i − (n − i + 1)/n³. O(1).
    public func lemma32Price(_ i: Int) -> Rational {
        Rational(1, i) - Rational(BigInt(n - i + 1), BigInt(nCubed))
    }

    /// Lemma 3.2's schedule: p(τ_i) at τ_i, ∞ elsewhere (horizon τ_1).
    ///
    /// - Complexity: O(n log n).
    /// - Throws: never for a constructed G(n).
    public func lemma32Schedule() throws -> PriceSchedule {
        var prices: [Int: Rational] = [:]
        for i in 1...n { prices[demandPeriod(i)] = lemma32Price(i) }
        return try PriceSchedule(horizon: horizon, prices: prices)
    }

    /// Theorem 3.3's revenue Σ_{i=1}^{n} p(τ_i), exactly: by linearity it is
    /// H_n − (Σ_i (n − i + 1))/n³, with H_n from `HarmonicNumbers.exact`.
    ///
    /// - Complexity: O(n) plus H_n (fast to n ≈ 10⁴, slow beyond; use
    ///   `lemma32RevenueEstimate()` for large n).
    /// - Throws: never for a constructed G(n).
    public func lemma32Revenue() throws -> Rational {
        var s = 0
        for i in 1...n { s += n - i + 1 }
        return try HarmonicNumbers.exact(n) - Rational(BigInt(s), BigInt(nCubed))
    }

    /// Theorem 3.3's revenue in floating point with a rigorous error bound:
    /// H_n by compensated summation (`HarmonicNumbers.approximate`) minus
    /// fl(Σ_i(n − i + 1)/n³), plus the rounding of that term and of the
    /// final subtraction.
    ///
    /// - Complexity: O(n); ~10 ms for n = 10⁶. Never fails for a constructed G(n).
    public func lemma32RevenueEstimate() -> ApproximateValue {
        let h = try! HarmonicNumbers.approximate(n)
        var s = 0
        for i in 1...n { s += n - i + 1 }
        let c = Double(s) / Double(nCubed)   // each conversion and the division: ≤ 3 roundings
        let u = Double.ulpOfOne / 2
        let value = h.value - c
        let bound = h.absoluteErrorBound + 4 * u * c + u * (value.magnitude + h.absoluteErrorBound + c)
        return ApproximateValue(value: value, absoluteErrorBound: bound * (1 + 1e-6))
    }

    /// Theorem 3.3's revenue divided by ln n (the Θ(log N) ratio), with a
    /// rigorous bound that assumes Foundation's `log` is within 2 ulp of ln n
    /// (glibc's is within 1).
    ///
    /// - Complexity: O(n). Never fails for a constructed G(n).
    public func lemma32RevenueOverLogN() -> ApproximateValue {
        let a = lemma32RevenueEstimate()
        let l = Foundation.log(Double(n))
        let u = Double.ulpOfOne / 2
        let r = a.value / l
        let logError = 2 * l.ulp
        let bound = (a.absoluteErrorBound + a.value.magnitude * logError / l) / (l - logError) + 2 * u * r.magnitude
        return ApproximateValue(value: r, absoluteErrorBound: bound * (1 + 1e-6))
    }

    /// Theorem 3.3's closed form H_n − 1/n + n(n+1)/(2n³) − 1/n² with H_n
    /// replaced by its asymptotic value ln n + γ (γ = Euler's constant) —
    /// not the revenue of any schedule. It is provided because the Π^PA
    /// column of the paper's Table 1 agrees with it (to the printed three
    /// decimals for N = 5 and 50; N = 500 only after truncation), not with the
    /// exact revenue `lemma32Revenue()`.
    ///
    /// - Complexity: O(1). Never fails.
    public var theorem33ClosedFormWithLogApproximation: Double {
        let euler = 0.57721566490153286061
        let x = Double(n)
        return Foundation.log(x) + euler - 1 / x + x * (x + 1) / (2 * x * x * x) - 1 / (x * x)
    }

    /// The slack of inequality (1) of Lemma 3.2 for i ∈ 1...n−1:
    /// p(τ_{i+1}) + ε·ℓ_i − p(τ_i) (≥ 0 means consumer i does not gain by
    /// buying at τ_{i+1} and storing). O(1); traps outside 1...n−1.
    public func inequality1Slack(_ i: Int) -> Rational {
        precondition(i >= 1 && i < n)
        return lemma32Price(i + 1) + storageCost * Rational(gap(i)) - lemma32Price(i)
    }

    /// The minimum over i ∈ 1...n−1 of `inequality1Slack(i)` and its arg-min
    /// (the smallest such i). O(n) exact operations.
    public var minimumInequality1Slack: (i: Int, slack: Rational) {
        var best = (i: 1, slack: inequality1Slack(1))
        if n > 2 {
            for i in 2..<n {
                let s = inequality1Slack(i)
                if s < best.slack { best = (i, s) }
            }
        }
        return best
    }

    // MARK: Lemma 3.4

    /// σ_i = 1/i − 1/(i+1) − ε·ℓ_i (equation (3)), for i ∈ 1...n. O(1).
    public func sigma(_ i: Int) -> Rational {
        Rational(1, i) - Rational(1, i + 1) - storageCost * Rational(gap(i))
    }

    /// Equation (4)'s form of σ_i: (1/n³)·(n³/(i(i+1)) − ⌊n³/(i(i+1))⌋). O(1).
    public func sigmaFractionalForm(_ i: Int) -> Rational {
        let x = Rational(BigInt(nCubed), BigInt(i * (i + 1)))
        return (x - Rational(x.floor)) * storageCost
    }

    /// Lemma 3.4's bounds: min and max of σ_i over i ∈ 1...n−1, and whether
    /// 0 ≤ σ_i < ε for all of them. O(n) exact operations.
    public var lemma34Check: (minimum: Rational, maximum: Rational, holds: Bool) {
        var lo = sigma(1), hi = sigma(1)
        for i in 1..<n {
            let s = sigma(i)
            if s < lo { lo = s }
            if s > hi { hi = s }
        }
        return (lo, hi, lo.signum >= 0 && hi < storageCost)
    }

    // MARK: Section 3.2: single-shot against restricted-eager

    /// How single-shot breaks ties in j* = argmax_j β_j/j.
    public enum TargetTieBreak: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The smallest j: the latest target period and highest price.
        case latestTarget = "latest-target"
        /// The largest j: the earliest target period and lowest price.
        case earliestTarget = "earliest-target"
        public var description: String { rawValue }
    }

    /// The play of single-shot (seller) against restricted-eager (consumers)
    /// from a state of Section 3.2.
    public struct SingleShotPlay: Sendable, Hashable {
        /// The seller's revenue from the state on.
        public let revenue: Rational
        /// The price announced in the starting period (∞ unless it is τ_{j*}).
        public let priceNow: PostedPrice
        /// The consumers (paper labels) who buy in the starting period.
        public let buyersNow: [Int]
        /// Every sale: (period, price, buyers as paper labels).
        public let sales: [Sale]

        /// One sale of the simulated play.
        public struct Sale: Sendable, Hashable {
            /// The period τ_{j*}.
            public let period: Int
            /// The price 1/j*.
            public let price: Rational
            /// The buyers (paper labels).
            public let buyers: [Int]
        }
    }

    /// Simulates single-shot against restricted-eager from period `period`
    /// with the consumers `lacking` (paper labels; those still without a unit).
    /// Single-shot (Section 3.2): in the current state compute
    /// j* = argmax_{j: τ_j ≥ t} β_j/j with β_j = #{lacking i ≤ j} (ties by
    /// `tieBreak`); charge 1/j* if t = τ_{j*}, else ∞. Restricted-eager: a
    /// consumer buys at the first period t = τ_j (some j) at which buying gives
    /// non-negative net utility 1/i − ε(τ_i − t) − p_t ≥ 0. Both are Markov, so
    /// the simulation recomputes j* at every demand period (other periods
    /// have price ∞ and no purchases).
    ///
    /// - Complexity: O(n) per demand period reached: O(n²) from period 1.
    /// - Throws: `StorableGoodsError.periodOutOfRange` for a period outside
    ///   1...τ_1, `.lackingConsumerOutOfRange` for a lacking consumer outside
    ///   1...n or with τ_i < period.
    public func singleShot(period: Int, lacking: Set<Int>, tieBreak: TargetTieBreak) throws -> SingleShotPlay {
        guard period >= 1 && period <= horizon else {
            throw StorableGoodsError.periodOutOfRange(period: period, horizon: horizon)
        }
        for i in lacking {
            guard i >= 1 && i <= n, demandPeriod(i) >= period else {
                throw StorableGoodsError.lackingConsumerOutOfRange(label: i, period: period)
            }
        }
        var present = [Bool](repeating: false, count: n + 1)
        for i in lacking { present[i] = true }
        return singleShot(period: period, present: present, tieBreak: tieBreak)
    }

    /// `singleShot(period:lacking:tieBreak:)` with the lacking consumers given
    /// by `present[i]` (index 0 unused), already validated.
    func singleShot(period: Int, present: [Bool], tieBreak: TargetTieBreak) -> SingleShotPlay {
        var present = present
        var revenue = Rational.zero
        var sales: [SingleShotPlay.Sale] = []
        var priceNow = PostedPrice.noSale
        var buyersNow: [Int] = []
        // The demand periods ≥ period in increasing time: τ_j for j = jMax down to 1.
        var jMax = n
        while jMax >= 1 && demandPeriod(jMax) < period { jMax -= 1 }
        var j = jMax
        while j >= 1 {
            let t = demandPeriod(j)
            // j* over targets j' ≤ j (exactly those with τ_{j'} ≥ t).
            var beta = 0
            var best = 0, bestBeta = 0
            for k in 1...j {
                if present[k] { beta += 1 }
                guard beta > 0 else { continue }
                if best == 0 {
                    best = k; bestBeta = beta
                } else {
                    let lhs = beta * best, rhs = bestBeta * k   // compare β_k/k with β_best/best
                    if lhs > rhs || (lhs == rhs && tieBreak == .earliestTarget) { best = k; bestBeta = beta }
                }
            }
            if best == 0 { break }   // nobody left
            if best == j {
                let p = Rational(1, j)
                var buyers: [Int] = []
                for i in 1...j where present[i] && buysNow(i, price: j, at: t) { buyers.append(i) }
                for i in buyers { present[i] = false }
                revenue += p * Rational(buyers.count)
                sales.append(SingleShotPlay.Sale(period: t, price: p, buyers: buyers))
                if t == period { priceNow = .finite(p); buyersNow = buyers }
            }
            present[j] = false   // τ_j has passed
            j -= 1
        }
        return SingleShotPlay(revenue: revenue, priceNow: priceNow, buyersNow: buyersNow, sales: sales)
    }

    /// Restricted-eager's test (Section 3.2) for consumer i ≤ j present at
    /// t ≤ τ_i facing the price 1/j (single-shot uses t = τ_j):
    /// 1/i − ε(τ_i − t) − 1/j ≥ 0. Multiplied by i·j·n³ > 0 it is the integer
    /// inequality n³·(j − i) ≥ (τ_i − t)·i·j, both sides ≥ 0 and below 2¹²⁸ (n³ < 2⁶³,
    /// j − i < 2²¹, τ_i − t ≤ n³, i·j < 2⁴²), compared in 128-bit words:
    /// the same decision as the exact rational test, without allocation. O(1).
    func buysNow(_ i: Int, price j: Int, at t: Int) -> Bool {
        let lhs = UInt64(nCubed).multipliedFullWidth(by: UInt64(j - i))
        let rhs = UInt64(demandPeriod(i) - t).multipliedFullWidth(by: UInt64(i * j))
        return lhs.high != rhs.high ? lhs.high > rhs.high : lhs.low >= rhs.low
    }

    /// The paper labels of the consumers in a bit mask (label i is bit i − 1). O(bits).
    static func labels(_ mask: Int) -> Set<Int> {
        var out = Set<Int>()
        var m = mask
        while m != 0 {
            out.insert(m.trailingZeroBitCount + 1)
            m &= m - 1
        }
        return out
    }

    /// Theorem 3.8's equilibrium revenue from the start with every consumer
    /// present, obtained by running single-shot against restricted-eager.
    ///
    /// - Complexity: O(n²). Never fails for a constructed G(n).
    public func singleShotRevenue(tieBreak: TargetTieBreak) -> Rational {
        // Every consumer lacks her unit at period 1 ≤ τ_i (no set of n labels is built).
        var present = [Bool](repeating: true, count: n + 1)
        present[0] = false
        return singleShot(period: 1, present: present, tieBreak: tieBreak).revenue
    }

    /// The result of comparing a backward-induction equilibrium of G(n) with
    /// the single-shot / restricted-eager structure at every state.
    public struct StructureComparison: Sendable {
        /// The selection of the backward induction.
        public let selection: EquilibriumSelection
        /// Single-shot's tie rule.
        public let tieBreak: TargetTieBreak
        /// States compared.
        public let statesChecked: Int
        /// States whose seller values differ.
        public let valueMismatches: Int
        /// States whose effective prices differ (the announced price when a unit
        /// is sold, ∞ otherwise).
        public let priceMismatches: Int
        /// States whose sets of buyers in the current period differ.
        public let buyerMismatches: Int
        /// Up to 10 mismatches, described.
        public let examples: [String]
        /// True when values, prices and buyers agree at every state.
        public var agrees: Bool { valueMismatches == 0 && priceMismatches == 0 && buyerMismatches == 0 }
    }

    /// Compares `equilibrium` (backward induction on `market()`) with
    /// single-shot against restricted-eager at every state: the seller's value,
    /// the effective price, and the buyers now. A state (t, stocks) maps to
    /// the lacking set {i : stock 0 and τ_i ≥ t}.
    ///
    /// - Complexity: O(states · n²).
    /// - Throws: `StorableGoodsError.equilibriumOfAnotherMarket` when the
    ///   equilibrium is not of `market()`.
    public func compare(_ equilibrium: ContingentEquilibrium, with tieBreak: TargetTieBreak) throws -> StructureComparison {
        try compare([equilibrium], with: tieBreak)[0]
    }

    /// `compare(_:with:)` for several equilibria of `market()` (e.g. one per
    /// selection): equilibria with the same seller play at every state share
    /// one comparison, and single-shot's plays are simulated once for all.
    ///
    /// - Complexity: O(states · n²) per distinct seller play.
    /// - Throws: as `compare(_:with:)`.
    public func compare(_ equilibria: [ContingentEquilibrium], with tieBreak: TargetTieBreak) throws -> [StructureComparison] {
        let market = try market()
        var plays: [Int: SingleShotTarget] = [:]
        var out: [StructureComparison] = []
        for (k, e) in equilibria.enumerated() {
            guard e.market == market else {
                throw StorableGoodsError.equilibriumOfAnotherMarket(n: n)
            }
            if let j = (0..<k).first(where: { equilibria[$0].hasSameSellerPlay(as: e) }) {
                let c = out[j]
                out.append(StructureComparison(selection: e.selection, tieBreak: tieBreak, statesChecked: c.statesChecked,
                                               valueMismatches: c.valueMismatches, priceMismatches: c.priceMismatches,
                                               buyerMismatches: c.buyerMismatches, examples: c.examples))
            } else {
                out.append(try compare(e, with: tieBreak, plays: &plays))
            }
        }
        return out
    }

    /// Single-shot's play from τ_{j_max} with a lacking set, and its buyers there as a bit mask.
    struct SingleShotTarget {
        let play: SingleShotPlay
        let buyersNow: Int
    }

    /// The comparison of one equilibrium; `plays` caches single-shot's play
    /// from (τ_{j_max}, lacking) under key j_max·2^n + lacking mask.
    private func compare(_ equilibrium: ContingentEquilibrium, with tieBreak: TargetTieBreak,
                         plays: inout [Int: SingleShotTarget]) throws -> StructureComparison {
        var checked = 0, values = 0, prices = 0, buyers = 0
        var examples: [String] = []
        // Single-shot's play from (t, lacking) depends on t only through
        // j_max = max{j : τ_j ≥ t} (the demand periods still ahead) and whether
        // t = τ_{j_max} (then the first sale, if at τ_{j_max}, happens "now");
        // see `singleShot`. So it is simulated once per (j_max, lacking), from
        // τ_{j_max}, and shared by every state of the empty periods before it.
        // Lacking sets are bit masks (consumer i is bit i − 1): the backward
        // induction only solves G(n) with 2^n states per period below its
        // state limit, so n < 63.
        precondition(n < Int.bitWidth - 1, "G(\(n)) has too many states for backward induction")
        func mask(_ labels: [Int]) -> Int { labels.reduce(0) { $0 | 1 << ($1 - 1) } }
        try equilibrium.forEachSellerState { o in
            checked += 1
            var jMax = n
            while jMax >= 1 && demandPeriod(jMax) < o.period { jMax -= 1 }
            var lacking = 0
            if jMax >= 1 { for i in 1...jMax where o.stocks[i - 1] == 0 { lacking |= 1 << (i - 1) } }
            var biBuyers = 0
            for i in 0..<n where o.purchases[i] > 0 { biBuyers |= 1 << i }
            let ss: SingleShotPlay
            var ssBuyers = 0
            if jMax >= 1 {
                let key = jMax << n | lacking
                let play: SingleShotTarget
                if let known = plays[key] {
                    play = known
                } else {
                    let p = try singleShot(period: demandPeriod(jMax), lacking: Self.labels(lacking), tieBreak: tieBreak)
                    play = SingleShotTarget(play: p, buyersNow: mask(p.buyersNow))
                    plays[key] = play
                }
                if demandPeriod(jMax) == o.period {
                    ss = play.play
                    ssBuyers = play.buyersNow
                } else {
                    ss = SingleShotPlay(revenue: play.play.revenue, priceNow: .noSale, buyersNow: [], sales: play.play.sales)
                }
            } else {
                ss = try singleShot(period: o.period, lacking: [], tieBreak: tieBreak)
                ssBuyers = mask(ss.buyersNow)
            }
            let effective: PostedPrice = o.unitsSold > 0 ? o.price : .noSale
            let v = o.sellerValue != ss.revenue, p = effective != ss.priceNow, b = biBuyers != ssBuyers
            if v { values += 1 }
            if p { prices += 1 }
            if b { buyers += 1 }
            if (v || p || b) && examples.count < 10 {
                let biList = (1...n).filter { o.purchases[$0 - 1] > 0 }
                examples.append("t = \(o.period), lacking \(Self.labels(lacking).sorted()): backward induction value \(o.sellerValue), price \(effective), buyers \(biList); single-shot value \(ss.revenue), price \(ss.priceNow), buyers \(ss.buyersNow)")
            }
        }
        return StructureComparison(selection: equilibrium.selection, tieBreak: tieBreak, statesChecked: checked,
                                   valueMismatches: values, priceMismatches: prices, buyerMismatches: buyers, examples: examples)
    }
}
