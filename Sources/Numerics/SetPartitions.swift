// Enumeration of all set partitions of {0, …, n−1} (Bell-number many).

/// Set-partition enumeration by restricted growth strings.
public enum SetPartitions {
    /// Calls `body(labels, blockCount)` once for every partition of
    /// {0, …, n−1}, where `labels[i]` is the block of element i and the labels
    /// form a restricted growth string (labels[0] = 0, labels[i] ≤ 1 + max of
    /// earlier labels). Order: lexicographic in the restricted growth string.
    ///
    /// - Complexity: Bell(n) calls, O(1) amortised work between calls
    ///   (Bell(10) = 115 975, Bell(12) = 4 213 597).
    /// - Throws: `NumericsError.invalidArgument` if n < 1 or n > 16; rethrows `body`.
    public static func forEach(n: Int, _ body: ([Int], Int) throws -> Void) throws {
        guard n >= 1, n <= 16 else {
            throw NumericsError.invalidArgument(routine: "SetPartitions.forEach",
                                                detail: "need 1 ≤ n ≤ 16, got \(n)")
        }
        var a = [Int](repeating: 0, count: n)
        var m = [Int](repeating: 0, count: n) // m[i] = max(a[0..<i]) (m[0] = 0 unused)
        while true {
            try body(a, (m[n - 1] < a[n - 1] ? a[n - 1] : m[n - 1]) + 1)
            // Find rightmost i ≥ 1 that can be incremented.
            var i = n - 1
            while i >= 1 && a[i] == m[i] + 1 { i -= 1 }
            if i == 0 { return }
            a[i] += 1
            let mi = max(m[i], a[i])
            var j = i + 1
            while j < n { a[j] = 0; m[j] = mi; j += 1 }
        }
    }

    /// The Bell number B(n) (number of partitions of an n-set), by the Bell triangle.
    /// - Complexity: O(n²). Throws `NumericsError.invalidArgument` if n < 0 or n > 25.
    public static func bell(_ n: Int) throws -> Int {
        guard n >= 0, n <= 25 else {
            throw NumericsError.invalidArgument(routine: "SetPartitions.bell", detail: "need 0 ≤ n ≤ 25, got \(n)")
        }
        if n == 0 { return 1 }
        var row = [1]
        for _ in 1..<n {
            var next = [row.last!]
            for x in row { next.append(next.last! + x) }
            row = next
        }
        return row.last!
    }
}
