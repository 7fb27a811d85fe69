// Visiting each index of 0..<n at most once across many overlapping ranges:
// a "next unvisited index" union-find with path compression (Tarjan 1975),
// so a sequence of ranges costs O((n + ranges) α(n)) in all instead of the
// sum of their lengths.

/// The indices 0..<count not visited yet.
public struct UnvisitedIndices: Sendable {
    /// next[k] leads (through a chain) to the first unvisited index ≥ k;
    /// next[count] = count is the sentinel.
    @usableFromInline var next: [Int]

    /// All of 0..<count unvisited. O(count).
    public init(count: Int) {
        next = Array(0...max(count, 0))
    }

    /// Makes all of 0..<count unvisited again, as `init(count:)`, reusing
    /// the storage. O(count).
    @inlinable
    public mutating func reset(count: Int) {
        next.removeAll(keepingCapacity: true)
        next.append(contentsOf: 0...max(count, 0))
    }

    /// Calls `body` on every not yet visited index of `lower...upper` (in
    /// increasing order; indices outside 0..<count are ignored) and marks
    /// them visited. Amortised O(α(count)) per call plus O(1) per index visited.
    @inlinable
    public mutating func visit(_ lower: Int, through upper: Int, _ body: (Int) throws -> Void) rethrows {
        var k = firstUnvisited(from: max(lower, 0))
        while k <= upper && k < next.count - 1 {
            try body(k)
            next[k] = k + 1
            k = firstUnvisited(from: k + 1)
        }
    }

    /// The first unvisited index ≥ k (count when none), compressing the path.
    @inlinable
    public mutating func firstUnvisited(from k: Int) -> Int {
        let start = min(k, next.count - 1)
        var r = start
        while next[r] != r { r = next[r] }
        var x = start
        while next[x] != r { let y = next[x]; next[x] = r; x = y }
        return r
    }
}
