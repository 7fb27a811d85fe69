// Optimal partition of an ordered sequence 0..<n into contiguous blocks
// (1-D clustering / k-means on sorted data, optimal quantisation).

/// The result of an optimal interval partition with exactly `k` blocks.
public struct IntervalPartitionResult<T: Sendable>: Sendable {
    /// Start index of each block (ascending, first is 0); block b is
    /// `starts[b] ..< (b + 1 < starts.count ? starts[b + 1] : n)`.
    public let starts: [Int]
    /// The minimised total cost Σ cost(block).
    public let value: T
}

/// Dynamic programmes that split the ordered items 0..<n into k contiguous
/// blocks minimising Σ cost(i, j) over blocks [i, j) (half-open).
public enum IntervalPartition {
    /// Divide-and-conquer optimisation of the layered DP
    /// D_k(j) = min_{i<j} D_{k-1}(i) + cost(i, j).
    ///
    /// Correct when the optimal split point is monotone in j, which holds when
    /// `cost` satisfies the quadrangle (Monge) inequality
    /// cost(a, c) + cost(b, d) ≤ cost(a, d) + cost(b, c) for a ≤ b ≤ c ≤ d
    /// (true for the within-block sum of squared deviations of sorted data).
    /// Ties are broken towards the smallest split index.
    ///
    /// - Returns: for every k in 1...maxBlocks, the optimal partition into
    ///   exactly k blocks (index k − 1).
    /// - Complexity: O(maxBlocks · n · log n) calls of `cost`, O(maxBlocks · n) memory.
    /// - Throws: `NumericsError.invalidArgument` unless 1 ≤ maxBlocks ≤ n.
    @inlinable
    public static func minimizeMonotone<T: Comparable & AdditiveArithmetic & Sendable>(
        n: Int, maxBlocks: Int, cost: (Int, Int) -> T
    ) throws -> [IntervalPartitionResult<T>] {
        guard n >= 1, maxBlocks >= 1, maxBlocks <= n else {
            throw NumericsError.invalidArgument(
                routine: "IntervalPartition.minimizeMonotone",
                detail: "need 1 ≤ maxBlocks ≤ n, got n = \(n), maxBlocks = \(maxBlocks)")
        }
        // prev[j] = D_{k-1}(j) for prefix length j; arg[k][j] = best split.
        var prev = [T](repeating: .zero, count: n + 1)
        for j in 1...n { prev[j] = cost(0, j) }
        var args: [[Int32]] = [[Int32](repeating: 0, count: n + 1)]
        var results: [IntervalPartitionResult<T>] = [reconstruct(n: n, k: 1, args: args, value: prev[n])]
        if maxBlocks == 1 { return results }
        var cur = prev
        var curArg = [Int32](repeating: 0, count: n + 1)
        for k in 2...maxBlocks {
            monotoneLayer(k, n: n, prev: prev, cur: &cur, curArg: &curArg, cost: cost)
            args.append(curArg)
            results.append(reconstruct(n: n, k: k, args: args, value: cur[n]))
            swap(&prev, &cur)
        }
        return results
    }

    /// One layer of `minimizeMonotone`: D_k(j) for j ≥ k into `cur`, its best
    /// splits into `curArg`, from D_{k-1} in `prev` (divide and conquer over j).
    @inlinable
    static func monotoneLayer<T: Comparable & AdditiveArithmetic>(
        _ k: Int, n: Int, prev: [T], cur: inout [T], curArg: inout [Int32], cost: (Int, Int) -> T
    ) {
        // D_k(j) defined for j ≥ k; split i ranges over k-1 ..< j.
        func solve(_ lo: Int, _ hi: Int, _ optLo: Int, _ optHi: Int) {
            if lo > hi { return }
            let mid = (lo + hi) >> 1
            var bestI = -1
            var best = T.zero
            let upper = min(mid - 1, optHi)
            var i = max(optLo, k - 1)
            while i <= upper {
                let v = prev[i] + cost(i, mid)
                if bestI < 0 || v < best { best = v; bestI = i }
                i += 1
            }
            cur[mid] = best
            curArg[mid] = Int32(bestI)
            solve(lo, mid - 1, optLo, bestI)
            solve(mid + 1, hi, bestI, optHi)
        }
        solve(k, n, k - 1, n - 1)
    }

    /// `minimizeMonotone` one layer at a time: the optimal partitions into
    /// 1, 2, … blocks, extended on demand (`extend(to:)`) without recomputing
    /// the layers already found, so that callers asking for k blocks one k at
    /// a time (a sweep over k) pay for max k layers, not for Σ k. Same results
    /// and ties as `minimizeMonotone`.
    public struct MonotoneLayers<T: Comparable & AdditiveArithmetic & Sendable>: Sendable {
        /// n.
        public let n: Int
        private let cost: @Sendable (Int, Int) -> T
        private var last: [T]
        private var args: [[Int32]]
        /// The optimal partitions found so far: index k − 1 has k blocks.
        public private(set) var results: [IntervalPartitionResult<T>]

        /// Layer 1 (one block). Throws `invalidArgument` unless n ≥ 1.
        public init(n: Int, cost: @escaping @Sendable (Int, Int) -> T) throws {
            guard n >= 1 else {
                throw NumericsError.invalidArgument(routine: "IntervalPartition.MonotoneLayers", detail: "need n ≥ 1, got n = \(n)")
            }
            self.n = n
            self.cost = cost
            last = [T](repeating: .zero, count: n + 1)
            for j in 1...n { last[j] = cost(0, j) }
            args = [[Int32](repeating: 0, count: n + 1)]
            results = [IntervalPartition.reconstruct(n: n, k: 1, args: args, value: last[n])]
        }

        /// Computes the layers up to `maxBlocks` (nothing when already there).
        /// Throws `invalidArgument` unless 1 ≤ maxBlocks ≤ n.
        public mutating func extend(to maxBlocks: Int) throws {
            guard maxBlocks >= 1, maxBlocks <= n else {
                throw NumericsError.invalidArgument(
                    routine: "IntervalPartition.MonotoneLayers.extend",
                    detail: "need 1 ≤ maxBlocks ≤ n, got n = \(n), maxBlocks = \(maxBlocks)")
            }
            var cur = last
            var curArg = [Int32](repeating: 0, count: n + 1)
            while results.count < maxBlocks {
                let k = results.count + 1
                IntervalPartition.monotoneLayer(k, n: n, prev: last, cur: &cur, curArg: &curArg, cost: cost)
                args.append(curArg)
                results.append(IntervalPartition.reconstruct(n: n, k: k, args: args, value: cur[n]))
                swap(&last, &cur)
            }
        }
    }

    /// Plain O(maxBlocks · n²) layered DP for an arbitrary block cost (no
    /// monotonicity assumed). Ties are broken towards the smallest split index.
    ///
    /// - Returns: for every k in 1...maxBlocks, the optimal partition into exactly k blocks.
    /// - Complexity: O(maxBlocks · n²) calls of `cost`.
    /// - Throws: `NumericsError.invalidArgument` unless 1 ≤ maxBlocks ≤ n; rethrows `cost`.
    public static func minimizeGeneral<T: Comparable & AdditiveArithmetic & Sendable>(
        n: Int, maxBlocks: Int, cost: (Int, Int) throws -> T
    ) throws -> [IntervalPartitionResult<T>] {
        guard n >= 1, maxBlocks >= 1, maxBlocks <= n else {
            throw NumericsError.invalidArgument(
                routine: "IntervalPartition.minimizeGeneral",
                detail: "need 1 ≤ maxBlocks ≤ n, got n = \(n), maxBlocks = \(maxBlocks)")
        }
        // Cache block costs: n(n+1)/2 evaluations.
        var table = [[T]](repeating: [], count: n + 1)
        for i in 0..<n { table[i] = try (i + 1...n).map { try cost(i, $0) } }
        func c(_ i: Int, _ j: Int) -> T { table[i][j - i - 1] }
        var prev = [T](repeating: .zero, count: n + 1)
        for j in 1...n { prev[j] = c(0, j) }
        var args: [[Int32]] = [[Int32](repeating: 0, count: n + 1)]
        var results = [reconstruct(n: n, k: 1, args: args, value: prev[n])]
        if maxBlocks == 1 { return results }
        for k in 2...maxBlocks {
            var cur = [T](repeating: .zero, count: n + 1)
            var arg = [Int32](repeating: 0, count: n + 1)
            for j in k...n {
                var bestI = -1
                var best = T.zero
                for i in (k - 1)..<j {
                    let v = prev[i] + c(i, j)
                    if bestI < 0 || v < best { best = v; bestI = i }
                }
                cur[j] = best; arg[j] = Int32(bestI)
            }
            args.append(arg)
            results.append(reconstruct(n: n, k: k, args: args, value: cur[n]))
            prev = cur
        }
        return results
    }

    @usableFromInline
    static func reconstruct<T>(n: Int, k: Int, args: [[Int32]], value: T) -> IntervalPartitionResult<T> {
        var starts = [Int](repeating: 0, count: k)
        var j = n
        var layer = k
        while layer > 1 {
            let i = Int(args[layer - 1][j])
            starts[layer - 1] = i
            j = i
            layer -= 1
        }
        starts[0] = 0
        return IntervalPartitionResult(starts: starts, value: value)
    }
}
