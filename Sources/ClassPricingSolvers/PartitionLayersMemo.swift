import Foundation
import Numerics
import ClassPricing

/// The exact min-SSD DP layers (Finding 1, eq. (7)) computed so far in this
/// process, per cost list. Sweeps ask the same DP again at every point:
/// footnote-2-cubic-figure solves N = 99 for every r, footnote-2-loss asks
/// K = 1, …, 10 in turn for each N. A layer is a pure function of the costs,
/// so the DP runs once per cost list and is extended one layer at a time
/// (`IntervalPartition.MonotoneLayers`); a request waits only for its own
/// cost list.
final class PartitionLayersMemo: Sendable {
    static let shared = PartitionLayersMemo()

    init() {}

    /// One cost list's DP, extended under its own lock.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var layers: IntervalPartition.MonotoneLayers<Rational>
        var classes: [OptimalClasses<Rational>] = []
        init(_ layers: IntervalPartition.MonotoneLayers<Rational>) { self.layers = layers }
    }

    /// A cost list as given: sorted costs and the original index of each.
    private struct Key: Hashable, Sendable { let sortedCosts: [Rational]; let sortedOrder: [Int] }

    private let entries = Memo<Key, Entry>()

    /// The optimal classes of `model` for K = 1, …, maxK (as
    /// `model.optimalPartitions(maxK:)`). Throws `.classCountOutOfRange`
    /// unless 1 ≤ maxK ≤ N.
    func optimalPartitions(_ model: UniformClassPricing, maxK: Int) throws -> [OptimalClasses<Rational>] {
        guard maxK >= 1 && maxK <= model.N else { throw ClassPricingError.classCountOutOfRange(K: maxK, versions: model.N) }
        let key = Key(sortedCosts: model.sortedCosts, sortedOrder: model.sortedOrder)
        let entry = entries.value(for: key) { Entry(model.partitionLayers()) }
        entry.lock.lock()
        defer { entry.lock.unlock() }
        try entry.layers.extend(to: maxK)
        while entry.classes.count < maxK { entry.classes.append(model.optimalClasses(entry.layers.results[entry.classes.count])) }
        return Array(entry.classes.prefix(maxK))
    }
}
