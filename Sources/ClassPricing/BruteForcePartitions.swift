import Numerics

// Brute force over all Bell(N) set partitions: the check on Finding 1 and
// Propositions 1–3 (no interlacing) that does not assume the interval structure.

/// The best partitions found by exhaustive enumeration.
public struct BruteForceResult<T: Sendable>: Sendable {
    /// For each K = 1...N: an optimal partition with exactly K classes (first found in enumeration order).
    public let bestByK: [ClassPartition]
    /// The optimal value for each K.
    public let valueByK: [T]
    /// For each K, every partition attaining the optimum within `tolerance`.
    public let allOptimaByK: [[ClassPartition]]
    /// Number of partitions enumerated (Bell(N)).
    public let count: Int
}

/// Exhaustive search over set partitions with a class-additive objective.
public enum BruteForcePartitions {
    /// Maximises Σ_k value(S^k) over all partitions of {0..<n}, separately for
    /// each K. `value` is called once per nonempty subset (bitmask), i.e.
    /// 2ⁿ − 1 times, then each partition costs K table look-ups.
    /// Optima within `tolerance` are all recorded (use 0 for exact types).
    ///
    /// - Complexity: O(2ⁿ · cost(value) + Bell(n) · n).
    /// - Throws: `.tooManyVersionsForBruteForce` unless 1 ≤ n ≤ 12; rethrows `value`.
    public static func maximize<T: Comparable & AdditiveArithmetic & Sendable>(
        n: Int, tolerance: T = .zero, value: ([Int]) throws -> T
    ) throws -> BruteForceResult<T> {
        try require(n >= 1 && n <= 12, .tooManyVersionsForBruteForce(versions: n))
        var table = [T](repeating: .zero, count: 1 << n)
        for mask in 1..<(1 << n) {
            table[mask] = try value((0..<n).filter { mask & (1 << $0) != 0 })
        }
        var best = [T?](repeating: nil, count: n)
        var bestLabels = [[[Int]]](repeating: [], count: n)
        var masks = [Int](repeating: 0, count: n)
        var count = 0
        try SetPartitions.forEach(n: n) { labels, k in
            count += 1
            for b in 0..<k { masks[b] = 0 }
            for i in 0..<n { masks[labels[i]] |= 1 << i }
            var v = T.zero
            for b in 0..<k { v += table[masks[b]] }
            if let cur = best[k - 1] {
                if v > cur + tolerance { best[k - 1] = v; bestLabels[k - 1] = [labels] }
                else if !(v + tolerance < cur) { bestLabels[k - 1].append(labels) }
            } else { best[k - 1] = v; bestLabels[k - 1] = [labels] }
        }
        func part(_ labels: [Int]) -> ClassPartition {
            let k = (labels.max() ?? 0) + 1
            var cls = [[Int]](repeating: [], count: k)
            for (i, l) in labels.enumerated() { cls[l].append(i) }
            return ClassPartition(cls)
        }
        // Keep only true optima (entries appended before a better value arrived were cleared above).
        let all = bestLabels.map { $0.map(part) }
        return BruteForceResult(bestByK: all.map { $0[0] }, valueByK: best.map { $0! }, allOptimaByK: all, count: count)
    }

    /// Brute force of the seller's problem with general F_n: class values are
    /// `problem.classPrice(S).profit` (root finding). Tolerance 1e-12.
    public static func seller(_ problem: SellerProblem) throws -> BruteForceResult<Double> {
        try maximize(n: problem.N, tolerance: 1e-12) { try problem.classPrice($0).profit }
    }

    /// Exact brute force for uniform F: class value |S|(1 − c̄)²/(4N) (gross profit).
    /// - Throws: `.costOutOfRange` for a cost outside [0, 1]; as `maximize`.
    public static func uniform(costs: [Rational]) throws -> BruteForceResult<Rational> {
        for (i, c) in costs.enumerated() { try require(c >= .zero && c <= .one, .costOutOfRange(version: i, cost: c)) }
        let n = costs.count
        return try maximize(n: n) { s in
            let sum = s.reduce(Rational.zero) { $0 + costs[$1] }
            let m = Rational(s.count)
            let d = m - sum
            return d * d / (m * Rational(4 * n))
        }
    }

    /// Exact brute-force minimum within-class SSD for each K (negated SSD is maximised).
    /// - Throws: `.costOutOfRange` for a cost outside [0, 1]; as `maximize`.
    public static func minimumSSD(costs: [Rational]) throws -> BruteForceResult<Rational> {
        for (i, c) in costs.enumerated() { try require(c >= .zero && c <= .one, .costOutOfRange(version: i, cost: c)) }
        return try maximize(n: costs.count) { s in
            let mean = s.reduce(Rational.zero) { $0 + costs[$1] } / Rational(s.count)
            return -s.reduce(Rational.zero) { $0 + (costs[$1] - mean) * (costs[$1] - mean) }
        }
    }
}
