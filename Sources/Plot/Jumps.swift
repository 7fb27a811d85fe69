// Where a sampled curve jumps: the rule behind a figure layer's
// "breaks": "jumps", so that a discontinuous function (a loss that jumps at
// a regime boundary) is drawn as separate pieces rather than joined across
// the jump by a sloped segment the function never takes.

extension Series {
    /// How many times steeper than its neighbouring steps a step must be to
    /// count as a jump.
    public static let jumpSlopeRatio = 4.0
    /// The smallest jump, as a fraction of the curve's y extent.
    public static let jumpMinimumFraction = 0.01

    /// The break indices (see `breaks`) of the curve through `points` (x
    /// increasing): the step from point k − 1 to point k is a jump when its
    /// |Δy| exceeds 1% of the curve's y extent and its slope is more than 4
    /// times as steep as each neighbouring step's (the one before and the
    /// one after that move, where they exist; a repeated point is no step), or
    /// when Δx = 0 and Δy ≠ 0. Two adjacent
    /// steps that are each that much steeper than the steps around the pair,
    /// in opposite directions, are both jumps: the point between them is a
    /// value of its own (drawn as a dot). Within a piece the sampled curve
    /// changes at a rate its neighbours share, so a kink (one slope, then
    /// another) is never a jump; a continuous curve that changes within one
    /// grid step much faster than on the steps around it is indistinguishable
    /// from a jump on that grid, and is broken too.
    public static func jumpBreaks(_ points: [Point]) -> [Int] {
        let n = points.count
        guard n >= 2 else { return [] }
        let ys = points.map(\.y)
        let extent = ys.max()! - ys.min()!
        guard extent > 0 else { return [] }
        // slope[k]: the step from point k to point k + 1.
        let dy = (0..<n - 1).map { ys[$0 + 1] - ys[$0] }
        let slope = (0..<n - 1).map { k -> Double in
            let dx = points[k + 1].x - points[k].x
            return dx > 0 ? abs(dy[k]) / dx : (dy[k] == 0 ? 0 : .infinity)
        }
        // Steps that move (a repeated point is no step): neighbours are taken among these.
        let moving = (0..<n - 1).filter { points[$0 + 1].x != points[$0].x || dy[$0] != 0 }
        func large(_ k: Int) -> Bool { abs(dy[k]) > jumpMinimumFraction * extent }
        func steeper(_ k: Int, than others: [Int]) -> Bool {
            guard slope[k].isFinite else { return true }
            let around = others.filter { $0 >= 0 && $0 < moving.count }.map { slope[moving[$0]] }
            return slope[k] > jumpSlopeRatio * (around.max() ?? .infinity)
        }
        var jumps = Set<Int>()
        for (i, k) in moving.enumerated() where large(k) && steeper(k, than: [i - 1, i + 1]) { jumps.insert(k) }
        // An isolated point: up then down (or down then up), both steep.
        for i in moving.indices.dropLast() {
            let (k, l) = (moving[i], moving[i + 1])
            if l == k + 1, large(k), large(l), (dy[k] > 0) != (dy[l] > 0), steeper(k, than: [i - 1, i + 2]), steeper(l, than: [i - 1, i + 2]) {
                jumps.insert(k)
                jumps.insert(l)
            }
        }
        return jumps.sorted().map { $0 + 1 }
    }
}

extension Series {
    /// The index ranges of the pieces of a line of `count` points cut at
    /// `breaks` (out-of-range and repeated breaks ignored).
    func pieces(_ count: Int) -> [Range<Int>] {
        var starts = Set(breaks.filter { $0 > 0 && $0 < count }).sorted()
        starts.insert(0, at: 0)
        return starts.indices.map { starts[$0]..<($0 + 1 < starts.count ? starts[$0 + 1] : count) }
    }
}
