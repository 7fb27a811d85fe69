// Richardson extrapolation of a sequence computed at steps h, h/2, h/4, …
// whose error is c·h^p + o(h^p): the limit estimate (2^p·V_n − V_{n−1})/(2^p − 1)
// on the two finest steps, and an a-posteriori error (how much the estimate
// moved from the one on the previous pair).

/// Richardson extrapolation to a zero step.
public enum Extrapolation {
    /// The extrapolated limit of `values` (at steps h, h/2, h/4, …; at least
    /// three) for an error of order `order` in h, and the change from the
    /// extrapolation of the previous pair of steps (an a-posteriori error).
    ///
    /// - Complexity: O(1).
    /// - Precondition: `values.count >= 3`, `order >= 1`.
    public static func richardson(_ values: [Double], order: Int = 1) -> (limit: Double, error: Double) {
        precondition(values.count >= 3 && order >= 1, "Richardson extrapolation needs three values and a positive order")
        let factor = Double(1 << order)
        func pair(_ fine: Double, _ coarse: Double) -> Double { (factor * fine - coarse) / (factor - 1) }
        let n = values.count
        let limit = pair(values[n - 1], values[n - 2])
        return (limit, abs(limit - pair(values[n - 2], values[n - 3])))
    }
}
