import Numerics

// Finding 1 and Corollaries 1–3: optimal classes are intervals in cost (index)
// order; with uniform F the profit-maximising K-partition minimises the
// within-class sum of squared cost deviations (SSD), eq. (7).
//
// Derivation used here (uniform F on [0,1]): class price p^k = (1 + c̄^k)/2 from (3),
// class profit |S^k|(1 − c̄^k)²/(4N), hence per-buyer profit
//   [Σ_n (1 − c_n)² − SSD(S)]/(4N) − K r/B,
// and the net advantage of K classes over K = N is (N − K) r/B − SSD(S)/(4N).
// (The paper's (6)–(7) omit the factor 1/4 that its own (5) carries.)

/// One row of the optimal-class-count schedule: K is optimal for r/B in [from, to)
/// (`to == nil` means unbounded). At a breakpoint the smaller K is reported.
public struct ClassCountInterval: Sendable, Equatable {
    /// The optimal number of classes on this interval.
    public let K: Int
    /// Lower end of the r/B interval.
    public let from: Rational
    /// Upper end (nil: +∞).
    public let to: Rational?
}

/// An optimal K-partition with its SSD and per-buyer profit.
public struct OptimalClasses<T: Sendable>: Sendable {
    /// The partition, in the caller's original version indices.
    public let partition: ClassPartition
    /// Within-class sum of squared cost deviations (7).
    public let ssd: T
    /// Class prices (1 + c̄^k)/2 in the order of `partition.classes`.
    public let prices: [T]
    /// Per-buyer expected profit before pricing costs, [Σ(1−c_n)² − SSD]/(4N).
    public let grossProfit: T
}

/// Exact solver for uniform F on [0, 1] with rational costs (Sec. III.1, Finding 1).
/// Costs are SORTED ascending on input (not rejected); results refer to the
/// caller's original indices via `sortedOrder`.
public struct UniformClassPricing: Sendable {
    /// Costs in ascending order.
    public let sortedCosts: [Rational]
    /// sortedOrder[i] = original index of the i-th smallest cost (stable).
    public let sortedOrder: [Int]
    private let prefix: [Rational]
    private let prefixSq: [Rational]

    /// - Throws: `.noVersions` if empty; `.costOutOfRange` if a cost is outside [0, 1].
    /// - Complexity: O(N log N).
    public init(costs: [Rational]) throws {
        try require(!costs.isEmpty, .noVersions)
        for (i, c) in costs.enumerated() { try require(c >= .zero && c <= .one, .costOutOfRange(version: i, cost: c)) }
        let order = costs.indices.sorted { costs[$0] < costs[$1] || (costs[$0] == costs[$1] && $0 < $1) }
        sortedOrder = order
        sortedCosts = order.map { costs[$0] }
        var p = [Rational.zero], q = [Rational.zero]
        for c in sortedCosts { p.append(p.last! + c); q.append(q.last! + c * c) }
        prefix = p; prefixSq = q
    }

    /// N.
    public var N: Int { sortedCosts.count }

    /// SSD of the sorted block [i, j): Σc² − (Σc)²/m. O(1).
    public func blockSSD(_ i: Int, _ j: Int) -> Rational {
        let s = prefix[j] - prefix[i]
        return (prefixSq[j] - prefixSq[i]) - s * s / Rational(j - i)
    }

    /// Within-class SSD of an arbitrary partition (original indices), eq. (7). O(N).
    public func ssd(_ partition: ClassPartition) -> Rational {
        var total = Rational.zero
        var orig = [Rational](repeating: .zero, count: N)
        for (i, o) in sortedOrder.enumerated() { orig[o] = sortedCosts[i] }
        for cls in partition.classes {
            let cs = cls.map { orig[$0] }
            let mean = cs.reduce(.zero, +) / Rational(cs.count)
            for c in cs { total += (c - mean) * (c - mean) }
        }
        return total
    }

    /// Σ_n (1 − c_n)².
    public var sumSquaredMargins: Rational { sortedCosts.reduce(.zero) { $0 + (1 - $1) * (1 - $1) } }

    /// Per-buyer profit of a partition (objective (4) with uniform F): [Σ(1−c)² − SSD]/(4N) − K r/B.
    /// - Throws: `.invalidPricingCost` if rOverB < 0.
    public func profit(_ partition: ClassPartition, rOverB: Rational) throws -> Rational {
        try require(rOverB >= .zero, .invalidPricingCost(rOverB.doubleValue))
        return (sumSquaredMargins - ssd(partition)) / Rational(4 * N) - Rational(partition.count) * rOverB
    }

    /// Optimal partitions for every K in 1...maxK (divide-and-conquer DP on the
    /// sorted costs; SSD satisfies the quadrangle inequality).
    /// - Complexity: O(maxK · N log N) exact rational operations.
    /// - Throws: `.classCountOutOfRange` unless 1 ≤ maxK ≤ N.
    public func optimalPartitions(maxK: Int) throws -> [OptimalClasses<Rational>] {
        try require(maxK >= 1 && maxK <= N, .classCountOutOfRange(K: maxK, versions: N))
        return try IntervalPartition.minimizeMonotone(n: N, maxBlocks: maxK, cost: blockSSD).map(optimalClasses)
    }

    /// The same DP one K at a time (`extend(to:)`, then `optimalClasses` of a
    /// layer): for callers that ask for K = 1, 2, … in turn.
    public func partitionLayers() -> IntervalPartition.MonotoneLayers<Rational> {
        try! IntervalPartition.MonotoneLayers(n: N) { [self] i, j in blockSSD(i, j) }   // N ≥ 1 (init)
    }

    /// The optimal classes of a DP layer (block starts in sorted order): the
    /// partition in original indices, class prices (1 + c̄)/2 and gross profit.
    public func optimalClasses(_ layer: IntervalPartitionResult<Rational>) -> OptimalClasses<Rational> {
        let bounds = layer.starts + [N]
        var classes: [[Int]] = [], prices: [Rational] = []
        for b in 0..<layer.starts.count {
            classes.append((bounds[b]..<bounds[b + 1]).map { sortedOrder[$0] })
            let mean = (prefix[bounds[b + 1]] - prefix[bounds[b]]) / Rational(bounds[b + 1] - bounds[b])
            prices.append((1 + mean) / 2)
        }
        return OptimalClasses(partition: ClassPartition(classes), ssd: layer.value, prices: prices,
                              grossProfit: (sumSquaredMargins - layer.value) / Rational(4 * N))
    }

    /// The optimal K-partition. Throws `.classCountOutOfRange` unless 1 ≤ K ≤ N. Complexity O(K N log N).
    public func optimalPartition(K: Int) throws -> OptimalClasses<Rational> {
        try optimalPartitions(maxK: K)[K - 1]
    }

    /// The profit-maximising number of classes for a given r/B (ties → smaller K),
    /// with its partition and net per-buyer profit.
    /// - Complexity: O(N² log N). Throws `.invalidPricingCost` if rOverB < 0.
    public func optimalK(rOverB: Rational) throws -> (K: Int, classes: OptimalClasses<Rational>, profit: Rational) {
        try require(rOverB >= .zero, .invalidPricingCost(rOverB.doubleValue))
        let all = try optimalPartitions(maxK: N)
        var best = 0
        var bestV = all[0].grossProfit - rOverB
        for k in 1..<all.count {
            let v = all[k].grossProfit - Rational(k + 1) * rOverB
            if v > bestV { best = k; bestV = v }
        }
        return (best + 1, all[best], bestV)
    }

    /// The exact optimal K as a step function of r/B ≥ 0 (upper envelope of the
    /// lines grossProfit_K − K·(r/B)); breakpoints are exact rationals. At a
    /// breakpoint the smaller K is optimal (weakly).
    /// - Complexity: O(N² log N) for the DP plus O(N²) for the envelope.
    public func classCountSchedule() throws -> [ClassCountInterval] {
        let all = try optimalPartitions(maxK: N)
        let g = all.map { $0.grossProfit }
        // At r/B = 0: largest gross profit, smallest K among ties.
        var k = 0
        for i in 1..<g.count where g[i] > g[k] { k = i }
        var from = Rational.zero
        var out: [ClassCountInterval] = []
        while true {
            // Next K' < K overtakes at ρ = (g_K − g_K')/(K − K'); take the smallest ρ, then smallest K'.
            var next: Int? = nil
            var rho = Rational.zero
            for j in 0..<k {
                let t = (g[k] - g[j]) / Rational(k - j)
                if next == nil || t < rho || (t == rho && j < next!) { next = j; rho = t }
            }
            guard let nk = next else { out.append(ClassCountInterval(K: k + 1, from: from, to: nil)); break }
            if rho > from || (rho == from && out.isEmpty && rho > .zero) {
                out.append(ClassCountInterval(K: k + 1, from: from, to: rho))
            }
            from = max(from, rho)
            k = nk
        }
        return out
    }
}

/// Fast floating-point optimal 1-D partition of sorted costs (uniform F), for
/// large N (e.g. 100 000 costs into 50 classes).
public enum UniformCostPartitioner {
    /// Optimal K-partition of `costs` minimising the within-class SSD.
    /// Costs are sorted ascending internally (unsorted input is accepted);
    /// returned `starts` index the sorted order. SSD is computed from prefix
    /// sums of mean-centred costs (relative error ~1e-12 · N for costs in [0,1]).
    ///
    /// - Returns: class start indices (sorted order), the SSD, and the per-buyer
    ///   gross profit [Σ(1−c)² − SSD]/(4N).
    /// - Complexity: O(N log N + K · N log N).
    /// - Throws: `.noVersions` if empty; `.realCostOutOfRange` for a cost outside [0, 1]
    ///   or not finite; `.classCountOutOfRange` unless 1 ≤ K ≤ N.
    public static func optimalPartition(costs: [Double], K: Int) throws -> (starts: [Int], ssd: Double, grossProfit: Double) {
        try require(!costs.isEmpty, .noVersions)
        for (i, c) in costs.enumerated() { try require(c >= 0 && c <= 1, .realCostOutOfRange(version: i, cost: c)) }
        try require(K >= 1 && K <= costs.count, .classCountOutOfRange(K: K, versions: costs.count))
        var sorted = costs
        var isSorted = true
        for i in 1..<max(sorted.count, 1) where sorted[i] < sorted[i - 1] { isSorted = false; break }
        if !isSorted { sorted.sort() }
        let n = sorted.count
        let mean = sorted.reduce(0, +) / Double(n)
        var p = [Double](repeating: 0, count: n + 1), q = p
        for i in 0..<n { let d = sorted[i] - mean; p[i + 1] = p[i] + d; q[i + 1] = q[i] + d * d }
        let res = try p.withUnsafeBufferPointer { pp in
            try q.withUnsafeBufferPointer { qq in
                try IntervalPartition.minimizeMonotone(n: n, maxBlocks: K) { (i: Int, j: Int) -> Double in
                    let s = pp[j] - pp[i]
                    return max(0, (qq[j] - qq[i]) - s * s / Double(j - i))
                }
            }
        }
        let best = res[K - 1]
        let margins = sorted.reduce(0) { $0 + (1 - $1) * (1 - $1) }
        return (best.starts, best.value, (margins - best.value) / Double(4 * n))
    }
}

extension SellerProblem {
    /// Optimal partitions for K = 1...maxK for general F_n, by the O(maxK · N²)
    /// interval DP in the given version order (Propositions 1–3 justify
    /// intervals when the order satisfies MLR / MSC+LR; otherwise this is the
    /// best interval partition only — compare with `BruteForcePartitions`).
    /// Each of the N(N+1)/2 interval profits is computed by `classPrice`.
    ///
    /// - Returns: (partition, gross per-buyer profit Σ π_k) for each K.
    /// - Throws: `.classCountOutOfRange` unless 1 ≤ maxK ≤ N.
    public func optimalIntervalPartitions(maxK: Int) throws -> [(partition: ClassPartition, grossProfit: Double)] {
        try require(maxK >= 1 && maxK <= N, .classCountOutOfRange(K: maxK, versions: N))
        let layers = try IntervalPartition.minimizeGeneral(n: N, maxBlocks: maxK) { i, j in
            -(try classPrice(Array(i..<j)).profit)
        }
        return layers.map { l in
            let b = l.starts + [N]
            return (ClassPartition((0..<l.starts.count).map { Array(b[$0]..<b[$0 + 1]) }), -l.value)
        }
    }

    /// The profit-maximising K (ties within 1e-12 → smaller K, `optimalClassCount`) with its interval partition and
    /// net per-buyer profit Σ π_k − K r/B. Complexity O(N³) class evaluations at most.
    public func optimalK() throws -> (K: Int, partition: ClassPartition, profit: Double) {
        let all = try optimalIntervalPartitions(maxK: N)
        let K = try optimalClassCount(grossByK: all.map(\.grossProfit), rOverB: r / B)
        return (K, all[K - 1].partition, all[K - 1].grossProfit - Double(K) * r / B)
    }
}
