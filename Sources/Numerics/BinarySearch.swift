// Binary search for the boundary of a monotone predicate over an integer
// range (the "partition point"): used for sorted breakpoints, schedules and
// the first period at which a monotone condition starts to hold.

/// Binary search over integer ranges.
public enum BinarySearch {
    /// The first index i in `range` where `predicate(i)` is true, for a
    /// predicate that is false then true along the range (monotone);
    /// `range.upperBound` when it is true nowhere.
    ///
    /// - Complexity: O(log range.count) evaluations of `predicate`.
    public static func firstIndex(in range: Range<Int>, where predicate: (Int) throws -> Bool) rethrows -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if try predicate(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
