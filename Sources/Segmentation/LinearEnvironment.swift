// Section 5: the linear (Mussa–Rosen) environment, Myerson virtual values
// and ironing.
//
// Types 0 < t_1 < ... < t_n, qualities 0 < a_1 < ... < a_k, valuation
// v(t, a) = t·a, cost c(a) ≥ 0 increasing and convex with c(0) = 0 (footnote
// 24 keeps costs explicit). For a market f (restricted to its support
// t_1 < ... < t_m), the virtual value of Sec 5 (Myerson 1981; Vohra 2011) is
//   φ_i = t_i − (t_{i+1} − t_i) · Σ_{i' > i} f(t_{i'}) / f(t_i)   (φ_m = t_m).
// Revenue of any IC-IR mechanism is at most Σ_i f(t_i)(φ_i q_i − c(q_i)) for
// the expected qualities q_i (IR of t_1 and the downward adjacent IC bind at
// the optimum), subject to monotone q. Ironing (pool adjacent violators with
// weights f, i.e. the slopes of the lower convex hull of the cumulative
// weighted virtual values) gives nondecreasing φ̄ with
// Σ f φ q ≤ Σ f φ̄ q for monotone q (equality when q is constant on pools), so
// the optimum maximises φ̄_i a − c(a) pointwise over a ∈ {0, a_1, ..., a_k};
// convexity of c makes the maximisers monotone in φ̄. Net payments follow
// from the envelope formula U_1 = 0, U_i = U_{i−1} + (t_i − t_{i−1}) q_{i−1}.
// Because random allocations only matter through expected quality and cost,
// and c is convex, this solution is optimal among all (random) IC-IR
// mechanisms: the exact LP of Section 3 must reach the same revenue, which the
// tests and `crossCheck` verify.

import Numerics

/// The linear environment of Section 5.
public struct LinearEnvironment: Sendable, Hashable {
    /// Types t_1 < ... < t_n (positive).
    public let types: [Rational]
    /// Qualities a_1 < ... < a_k (positive).
    public let qualities: [Rational]
    /// c(a_1), ..., c(a_k).
    public let costs: [Rational]
    /// The general environment (v(t, a) = t·a, costs c).
    public let environment: Environment

    /// Validates and builds the environment.
    ///
    /// - Complexity: O(n·k).
    /// - Throws: `.typesNotIncreasing` / `.qualitiesNotIncreasing` (not
    ///   positive and strictly increasing), `.costCountMismatch`,
    ///   `.costsNotIncreasing` (negative or decreasing), `.costsNotConvex` (on
    ///   {0, a_1, ..., a_k} with c(0) = 0), or `.tiedEfficientAlternatives`
    ///   (some type has two efficient qualities).
    public init(types: [Rational], qualities: [Rational], costs: [Rational]) throws {
        if let bad = firstNotPositiveIncreasing(types) {
            throw SegmentationError.typesNotIncreasing(types: types, index: bad)
        }
        if let bad = firstNotPositiveIncreasing(qualities) {
            throw SegmentationError.qualitiesNotIncreasing(qualities: qualities, index: bad)
        }
        guard costs.count == qualities.count else {
            throw SegmentationError.costCountMismatch(costs: costs.count, alternatives: qualities.count)
        }
        let a = [Rational.zero] + qualities
        let c = [Rational.zero] + costs
        // c(0) = 0, so a negative cost is a decrease from the outside option.
        if let bad = costs.indices.first(where: { c[$0 + 1] < c[$0] }) {
            throw SegmentationError.costsNotIncreasing(costs: costs, index: bad)
        }
        for j in 1..<(a.count - 1) {
            let left = (c[j] - c[j - 1]) / (a[j] - a[j - 1])
            let right = (c[j + 1] - c[j]) / (a[j + 1] - a[j])
            guard left <= right else {
                throw SegmentationError.costsNotConvex(index: j - 1, quality: a[j], leftSlope: left, rightSlope: right)
            }
        }
        self.types = types
        self.qualities = qualities
        self.costs = costs
        self.environment = try Environment(valuations: types.map { t in qualities.map { t * $0 } }, costs: costs,
                                           typeNames: types.map { "t=\($0)" }, alternativeNames: qualities.map { "a=\($0)" })
    }

    /// Quality of alternative index a (0 = outside option, quality 0).
    public func quality(_ a: Int) -> Rational { a == 0 ? .zero : qualities[a - 1] }
    /// Cost of alternative index a.
    public func cost(_ a: Int) -> Rational { a == 0 ? .zero : costs[a - 1] }

    /// The raw virtual values φ_i on the market's support (nil off the support).
    /// O(n). Throws `.marketSizeMismatch` for a wrong length.
    public func virtualValues(for market: Market) throws -> [Rational?] {
        try environment.validate(market)
        let support = market.support
        var phi = [Rational?](repeating: nil, count: types.count)
        var above = Rational.zero
        for (position, i) in support.enumerated().reversed() {
            if position == support.count - 1 {
                phi[i] = types[i]
            } else {
                let next = support[position + 1]
                phi[i] = types[i] - (types[next] - types[i]) * above / market[i]
            }
            above += market[i]
        }
        return phi
    }

    /// Myerson's optimal mechanism with ironing.
    ///
    /// - Complexity: O(n·k).
    /// - Throws: `.marketSizeMismatch` for a wrong length.
    public func myersonSolution(for market: Market) throws -> MyersonSolution {
        let phi = try virtualValues(for: market)
        let support = market.support
        // Pool adjacent violators on (weight f, value φ).
        var blocks: [(members: [Int], weight: Rational, value: Rational)] = []
        for i in support {
            blocks.append(([i], market[i], phi[i]!))
            while blocks.count >= 2 && blocks[blocks.count - 2].value > blocks[blocks.count - 1].value {
                let b = blocks.removeLast(), a = blocks.removeLast()
                let w = a.weight + b.weight
                blocks.append((a.members + b.members, w, (a.weight * a.value + b.weight * b.value) / w))
            }
        }
        var ironed = [Rational?](repeating: nil, count: types.count)
        for b in blocks { for i in b.members { ironed[i] = b.value } }
        // Pointwise virtual-surplus maximisers over {0, a_1, ..., a_k}.
        var maximizers = [[Int]?](repeating: nil, count: types.count)
        var revenue = Rational.zero
        for i in support {
            let value = ironed[i]!
            var best: Rational? = nil
            var set: [Int] = []
            for a in 0...qualities.count {
                let s = value * quality(a) - cost(a)
                if best == nil || s > best! { best = s; set = [a] } else if s == best! { set.append(a) }
            }
            maximizers[i] = set
            revenue += market[i] * best!
        }
        // The mechanism with the highest maximiser for every type, payments by the envelope formula.
        var allocation = [[Rational]?](repeating: nil, count: types.count)
        var payment = [Rational?](repeating: nil, count: types.count)
        var surplus = Rational.zero
        var previous: Int? = nil
        for i in support {
            let a = maximizers[i]!.max()!
            if let p = previous { surplus += (types[i] - types[p]) * quality(maximizers[p]!.max()!) }
            allocation[i] = environment.deterministic(a)
            payment[i] = types[i] * quality(a) - cost(a) - surplus
            previous = i
        }
        return MyersonSolution(virtualValues: phi, ironedVirtualValues: ironed, pools: blocks.map(\.members),
                               maximizers: maximizers, revenue: revenue,
                               mechanism: Mechanism(environment: environment, allocation: allocation, payment: payment))
    }
}

/// Myerson's solution for a market of a linear environment.
public struct MyersonSolution: Sendable {
    /// φ_i (nil off the support).
    public let virtualValues: [Rational?]
    /// φ̄_i after ironing (nil off the support).
    public let ironedVirtualValues: [Rational?]
    /// The pools (maximal runs of types sharing an ironed value), as type indices.
    public let pools: [[Int]]
    /// Per type, the alternatives (0...k) maximising φ̄_i a − c(a) (nil off the support).
    public let maximizers: [[Int]?]
    /// Σ_i f_i max_a (φ̄_i a − c(a)), the optimal revenue.
    public let revenue: Rational
    /// The mechanism giving every type its highest virtual-surplus maximiser,
    /// with envelope payments (IR of the lowest type binds).
    public let mechanism: Mechanism
    /// Whether ironing changed any virtual value.
    public var isIroned: Bool { zip(virtualValues, ironedVirtualValues).contains { $0 != $1 } }
    /// Whether every type has a unique virtual-surplus maximiser (the generic
    /// case of Sec 5, in which the optimal mechanism is unique).
    public var hasUniqueMaximizers: Bool { maximizers.allSatisfy { $0 == nil || $0!.count == 1 } }
}

/// The limit of Appendix A.4: a linear environment with the continuum of
/// qualities [0, maxQuality] and cost c(a) = curvature·a²/2. The
/// virtual-surplus maximiser of φ̄ a − curvature·a²/2 is
/// clamp(φ̄/curvature, 0, maxQuality), so everything stays rational.
public struct ContinuumQuadraticEnvironment: Sendable, Hashable {
    /// Types t_1 < ... < t_n (positive).
    public let types: [Rational]
    /// The largest quality.
    public let maxQuality: Rational
    /// The cost curvature κ in c(a) = κ a²/2.
    public let curvature: Rational

    /// Throws `.typesNotIncreasing`, `.nonPositiveMaxQuality` or `.nonPositiveCurvature`.
    public init(types: [Rational], maxQuality: Rational, curvature: Rational) throws {
        if let bad = firstNotPositiveIncreasing(types) {
            throw SegmentationError.typesNotIncreasing(types: types, index: bad)
        }
        guard maxQuality > .zero else {
            throw SegmentationError.nonPositiveMaxQuality(maxQuality)
        }
        guard curvature > .zero else {
            throw SegmentationError.nonPositiveCurvature(curvature)
        }
        self.types = types
        self.maxQuality = maxQuality
        self.curvature = curvature
    }

    /// For two types: the market q = f(t_2) from which on type t_1 is
    /// excluded (φ_1 = t_1 − (t_2 − t_1) q/(1 − q) ≤ 0), i.e. q = t_1/t_2.
    /// Throws `.notTwoTypes` unless there are two types. O(1).
    public func exclusionThreshold() throws -> Rational {
        guard types.count == 2 else {
            throw SegmentationError.notTwoTypes(found: types.count)
        }
        return types[0] / types[1]
    }

    /// Per type of the market's support: the optimal quality q_i and the
    /// surplus U_i (nil off the support). O(n).
    /// Throws `.marketSizeMismatch` for a wrong length.
    public func optimum(for market: Market) throws -> (quality: [Rational?], surplus: [Rational?]) {
        guard market.weights.count == types.count else {
            throw SegmentationError.marketSizeMismatch(weights: market.weights.count, types: types.count)
        }
        let support = market.support
        var blocks: [(members: [Int], weight: Rational, value: Rational)] = []
        var above = market.weights.reduce(Rational.zero, +)
        for (position, i) in support.enumerated() {
            above -= market[i]
            let phi = position == support.count - 1 ? types[i] : types[i] - (types[support[position + 1]] - types[i]) * above / market[i]
            blocks.append(([i], market[i], phi))
            while blocks.count >= 2 && blocks[blocks.count - 2].value > blocks[blocks.count - 1].value {
                let b = blocks.removeLast(), a = blocks.removeLast()
                let w = a.weight + b.weight
                blocks.append((a.members + b.members, w, (a.weight * a.value + b.weight * b.value) / w))
            }
        }
        var quality = [Rational?](repeating: nil, count: types.count)
        for b in blocks { for i in b.members { quality[i] = min(max(b.value / curvature, .zero), maxQuality) } }
        var surplus = [Rational?](repeating: nil, count: types.count)
        var u = Rational.zero
        var previous: Int? = nil
        for i in support {
            if let p = previous { u += (types[i] - types[p]) * quality[p]! }
            surplus[i] = u
            previous = i
        }
        return (quality, surplus)
    }
}

extension Environment {
    /// A mechanism from a menu of (alternative, gross price) items (Sec 3:
    /// "every mechanism can be represented by a menu ...; if a type is
    /// indifferent between two or more pairs, he chooses the one with a higher
    /// price and chooses any one of the pairs if the prices are the same" —
    /// we take the first listed). The outside option at price 0 is always
    /// available. Defined on `types` (default: all).
    ///
    /// - Complexity: O(n·menu).
    /// - Throws: `.menuAlternativeOutOfRange` for an alternative index
    ///   outside 1...k.
    public func mechanism(menu: [(alternative: Int, price: Rational)], types: [Int]? = nil) throws -> Mechanism {
        if let bad = menu.first(where: { $0.alternative < 1 || $0.alternative > alternativeCount }) {
            throw SegmentationError.menuAlternativeOutOfRange(alternative: bad.alternative, alternatives: alternativeCount)
        }
        let list = types ?? Array(0..<typeCount)
        var allocation = [[Rational]?](repeating: nil, count: typeCount)
        var payment = [Rational?](repeating: nil, count: typeCount)
        for t in list {
            var bestAlternative = 0
            var bestPrice = Rational.zero
            var bestUtility = Rational.zero
            for item in menu {
                let u = grossValuations[t][item.alternative - 1] - item.price
                if u > bestUtility || (u == bestUtility && item.price > bestPrice) {
                    bestAlternative = item.alternative; bestPrice = item.price; bestUtility = u
                }
            }
            allocation[t] = deterministic(bestAlternative)
            payment[t] = bestPrice - (bestAlternative == 0 ? .zero : costs[bestAlternative - 1])
        }
        return Mechanism(environment: self, allocation: allocation, payment: payment)
    }
}

/// The first position at which `xs` is not positive and strictly increasing
/// (0 for an empty list), or nil when it is. O(n).
func firstNotPositiveIncreasing(_ xs: [Rational]) -> Int? {
    guard let first = xs.first else { return 0 }
    if first <= .zero { return 0 }
    return xs.indices.dropFirst().first { xs[$0] <= xs[$0 - 1] }
}
