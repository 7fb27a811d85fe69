// Section 4: the constructive proof of Theorem 1.
//
// Step 1 (Sec 4.1.2, proof of Proposition 2, and Lemma 4 in App A.1): for an
// inefficient market f with selected optimal mechanism M = (x, p),
//   1. pick a type t with an inefficient allocation;
//   2. grow S from t along binding IC constraints (t_j indifferent between
//      truth and reporting t_{j+1}) until a type with zero surplus is added;
//      S̄ is the binding IC path from t to that type (breadth-first search, so
//      the path is a shortest one);
//   3. w.l.o.g. t is the only inefficiently served type on the path: restart
//      the path at its last inefficient type;
//   4. M¹: give t his efficient alternative ā(t) and raise p(t) by
//      ṽ(t, ā(t)) − ṽ(t, x(t)) (his surplus is unchanged); M¹ violates IC, so
//      some type t' ∉ S̄ strictly prefers to report t;
//   5. M² gives t' the allocation and payment of t in M¹; M* then gives t'
//      his efficient alternative and raises his payment to keep his surplus;
//   6. Lemma 4: on the path (t', t, s_1, ..., s_r) every IC constraint to the
//      next type binds and IR binds at the end, and M* is efficient, so M* is
//      the unique optimal mechanism of every full-support market on these
//      types whose cumulative weights F(t_j) = Σ_{j' ≤ j} f(t_{j'}) satisfy
//      F(t_{j−1}) < δ_j F(t_j), where δ_j is the largest ratio for which ā(t_j)
//      uniquely maximises ṽ(t_j, a) F(t_j) − ṽ(t_{j−1}, a) F(t_{j−1}):
//        δ_j = min over a with d_a = ṽ(t_{j−1}, ā(t_j)) − ṽ(t_{j−1}, a) > 0 of
//              (ṽ(t_j, ā(t_j)) − ṽ(t_j, a)) / d_a   (∞ if no such a).
//      We choose F(t_{j−1}) / F(t_j) = min(δ_j, 1)/2 and F(t_last) = 1.
// Step 2 (Sec 4.2, Lemma 2): if f has a unique optimal payment rule p, then
// f = ε f' + (1 − ε) f'' with f'' = (f − ε f')/(1 − ε) keeps p as the unique
// optimal payment rule of f'' for every ε in [0, ε̄), and f'' keeps the support
// of f for ε < min_t f(t)/f'(t). The largest safe weight is the supremum
// ε* = min(ε̄, min_t f(t)/f'(t)); ε̄ is found exactly by Dinkelbach-type
// iterations on the convex piecewise-linear function
// ε ↦ max_{p' ∈ P} (f − ε f')·p' − (f − ε f')·p (each iteration either
// certifies the current ε or jumps to the crossing of p with a better vertex).

import Numerics

/// Which inefficiently served type starts the procedure (step 1).
public enum StartTypeChoice: Sendable, Hashable {
    /// The lowest-index inefficient type (Sec 5: "start the process from type
    /// t_j who is the lowest type whose allocation ... is inefficient").
    case lowestIndex
    /// A given type, which must be inefficiently served.
    case type(Int)
}

/// Which IC violator of M¹ becomes t' (step 4).
public enum DeviatorChoice: String, Sendable, Hashable, CaseIterable {
    /// The lowest-index violator (in the linear environment of Sec 5 this is
    /// t_{j+1}, the type the paper adds).
    case lowestIndex = "lowest-index"
    /// The violator with the largest gain from reporting t (ties: lowest index).
    case largestGain = "largest-gain"
}

/// The output of the Pareto-dominating-market construction (Prop. 2, Lemma 4).
public struct DominatingMarketConstruction: Sendable {
    /// The original market's selected optimal mechanism M.
    public let original: OptimalMechanism
    /// The type chosen first (step 1).
    public let startType: Int
    /// S in breadth-first order (step 2).
    public let explored: [Int]
    /// The binding IC path from `startType` to a zero-surplus type (step 2).
    public let initialPath: [Int]
    /// S̄: the path from the last inefficient type on `initialPath` (step 3).
    public let bindingPath: [Int]
    /// t = bindingPath[0], the only inefficient type on S̄.
    public var inefficientType: Int { bindingPath[0] }
    /// Per type u ≠ t of the market, the gain of reporting t in M¹ over
    /// truth-telling in M¹ (positive = IC violation), nil for t and off-support types.
    public let deviationGain: [Rational?]
    /// t', the violator chosen (step 4).
    public let deviator: Int
    /// M* on S̄ ∪ {t'} (steps 4–5).
    public let constructedMechanism: Mechanism
    /// The path (t', t, s_1, ..., s_r) of Lemma 4.
    public let lemma4Path: [Int]
    /// δ_j for j = 2...|path| (index j − 2); nil = unbounded.
    public let ratioBounds: [Rational?]
    /// The chosen F(t_{j−1})/F(t_j) (index j − 2).
    public let ratios: [Rational]
    /// The efficient Pareto dominating market f'.
    public let dominatingMarket: Market
    /// f' solved independently by the LP (selected mechanism).
    public let dominatingOptimum: OptimalMechanism
    /// Whether the LP finds M* to be the unique optimal mechanism of f'.
    public let isUniqueOptimum: Bool
    /// CS(·, f') against CS(·, f).
    public let dominance: DominanceComparison

    /// Whether the LP's optimal mechanism for f' equals M* exactly.
    public var lpMatchesConstruction: Bool {
        dominatingOptimum.mechanism.allocation == constructedMechanism.allocation
            && dominatingOptimum.mechanism.payment == constructedMechanism.payment
    }
}

/// Theorem 1's two-segment split f = ε f' + (1 − ε) f''.
public struct ParetoImprovingSplit: Sendable {
    /// Step 1.
    public let construction: DominatingMarketConstruction
    /// min_t f(t)/f'(t) over supp f' (f'' keeps the support of f below it).
    public let supportBound: Rational
    /// ε̄: p stays the unique optimal payment rule of f − ε f' for ε < ε̄
    /// (ε̄ ≥ supportBound is reported as supportBound).
    public let stabilityBound: Rational
    /// ε* = min(supportBound, stabilityBound): every ε in (0, ε*) is safe.
    public let safeWeightSupremum: Rational
    /// The weight used, ε = fraction · ε*.
    public let weight: Rational
    /// f''.
    public let remainder: Market
    /// The segmentation {ε: f', 1 − ε: f''}.
    public let segmentation: MarketSegmentation
    /// The independent verification of the segmentation.
    public let verification: SegmentationVerification
}

extension Environment {
    /// Step 1 of Theorem 1: an efficient market that Pareto dominates the
    /// inefficient `market` and has a unique optimal mechanism (Prop. 2),
    /// built as described in the header of this file, then re-solved by the
    /// LP and compared with `market`.
    ///
    /// - Complexity: a few selected optimal mechanisms plus O(n²·k) work, and
    ///   one uniqueness check of f' (at most 1 + 2·m·(k + 1) exact solves).
    /// - Throws: `.efficientMarket` when the market is efficient,
    ///   `.typeServedEfficiently` when the chosen start type is not
    ///   inefficiently served, `.constructionFailed` if a step the paper
    ///   proves possible fails (which would indicate a solver error);
    ///   `.marketSizeMismatch`; `.linearProgramFailed`.
    public func dominatingMarket(for market: Market, selection: SelectionRule = .standard,
                                 start: StartTypeChoice = .lowestIndex,
                                 deviator deviatorChoice: DeviatorChoice = .lowestIndex) throws -> DominatingMarketConstruction {
        let original = try optimalMechanism(for: market, selection: selection)
        return try dominatingMarket(from: original, start: start, deviator: deviatorChoice)
    }

    /// As `dominatingMarket(for:...)`, from an already solved market.
    public func dominatingMarket(from original: OptimalMechanism, start: StartTypeChoice = .lowestIndex,
                                 deviator deviatorChoice: DeviatorChoice = .lowestIndex) throws -> DominatingMarketConstruction {
        let m = original.mechanism
        let names = typeNames
        let inefficient = m.inefficientTypes
        guard !inefficient.isEmpty else {
            throw SegmentationError.efficientMarket(original.market)
        }
        let t0: Int
        switch start {
        case .lowestIndex: t0 = inefficient[0]
        case .type(let t):
            guard inefficient.contains(t) else {
                throw SegmentationError.typeServedEfficiently(type: t, market: original.market)
            }
            t0 = t
        }
        // Step 2: breadth-first search along binding IC constraints.
        var parent: [Int: Int] = [:]
        var order = [t0]
        var visited: Set<Int> = [t0]
        var found: Int? = m.surplus(t0) == .zero ? t0 : nil
        var head = 0
        while found == nil && head < order.count {
            let u = order[head]; head += 1
            for v in m.support where v != u && !visited.contains(v) && m.icSlack(from: u, to: v) == .zero {
                visited.insert(v); parent[v] = u; order.append(v)
                if m.surplus(v) == .zero { found = v; break }
            }
        }
        guard let end = found else {
            throw SegmentationError.constructionFailed(reason: "no binding IC path from \(names[t0]) reaches a zero-surplus type (impossible for an optimal mechanism)")
        }
        var path = [end]
        while let p = parent[path[0]] { path.insert(p, at: 0) }
        // Step 3: restart at the last inefficient type on the path.
        let lastInefficient = path.lastIndex { m.isEfficient($0) == false }!
        let sBar = Array(path[lastInefficient...])
        let t = sBar[0]
        // Step 4: M¹ and its IC violators.
        let xt = m.allocation[t]!
        let aT = efficientAlternative[t]
        let p1 = m.payment[t]! + net(t, aT) - net(t, xt)
        var gain = [Rational?](repeating: nil, count: typeCount)
        for u in m.support where u != t { gain[u] = net(u, aT) - p1 - m.surplus(u)! }
        let violators = m.support.filter { gain[$0] != nil && gain[$0]! > .zero }
        guard !violators.isEmpty else {
            throw SegmentationError.constructionFailed(reason: "M¹ (\(names[t]) served efficiently) is IC, contradicting optimality of the selected mechanism")
        }
        let tPrime: Int
        switch deviatorChoice {
        case .lowestIndex: tPrime = violators[0]
        case .largestGain: tPrime = violators.max { gain[$0]! < gain[$1]! || (gain[$0]! == gain[$1]! && $0 > $1) }!
        }
        guard !sBar.contains(tPrime) else {
            throw SegmentationError.constructionFailed(reason: "the violator \(names[tPrime]) lies on the binding path (the paper proves this impossible)")
        }
        // Step 5: M* on S̄ ∪ {t'}.
        var allocation = [[Rational]?](repeating: nil, count: typeCount)
        var payment = [Rational?](repeating: nil, count: typeCount)
        for s in sBar.dropFirst() { allocation[s] = m.allocation[s]; payment[s] = m.payment[s] }
        allocation[t] = deterministic(aT); payment[t] = p1
        let aPrime = efficientAlternative[tPrime]
        allocation[tPrime] = deterministic(aPrime)
        payment[tPrime] = p1 + net(tPrime, aPrime) - net(tPrime, aT)
        let mStar = Mechanism(environment: self, allocation: allocation, payment: payment)
        // Step 6: Lemma 4's market on the path (t', t, s_1, ..., s_r).
        let lemmaPath = [tPrime] + sBar
        var bounds: [Rational?] = []
        var ratios: [Rational] = []
        for j in 1..<lemmaPath.count {
            let cur = lemmaPath[j], prev = lemmaPath[j - 1]
            let best = efficientAlternative[cur]
            var delta: Rational? = nil
            for a in 0...alternativeCount where a != best {
                let d = net(prev, best) - net(prev, a)
                if d > .zero {
                    let r = (net(cur, best) - net(cur, a)) / d
                    if delta == nil || r < delta! { delta = r }
                }
            }
            bounds.append(delta)
            ratios.append(min(delta ?? 1, 1) / 2)
        }
        // F(t_last) = 1, F(t_{j−1}) = ratio_j F(t_j).
        var cumulative = [Rational](repeating: 1, count: lemmaPath.count)
        for j in stride(from: lemmaPath.count - 1, through: 1, by: -1) { cumulative[j - 1] = ratios[j - 1] * cumulative[j] }
        var weights = [Rational](repeating: .zero, count: typeCount)
        for j in 0..<lemmaPath.count { weights[lemmaPath[j]] = cumulative[j] - (j > 0 ? cumulative[j - 1] : .zero) }
        let fPrime = try Market(weights)
        let solved = try optimalMechanism(for: fPrime, selection: original.selection)
        let unique = try hasUniqueOptimalMechanism(for: fPrime, revenueSolution: solved.revenueSolution, revenueFaceSpan: solved.revenueFaceSpan)
        return DominatingMarketConstruction(
            original: original, startType: t0, explored: order, initialPath: path, bindingPath: sBar,
            deviationGain: gain, deviator: tPrime, constructedMechanism: mStar, lemma4Path: lemmaPath,
            ratioBounds: bounds, ratios: ratios, dominatingMarket: fPrime, dominatingOptimum: solved,
            isUniqueOptimum: unique, dominance: DominanceComparison(candidate: solved, original: original))
    }

    /// Theorem 1: the two-segment Pareto-improving split of an inefficient
    /// market with a unique optimal payment rule, with the largest safe
    /// weight ε* and the weight used ε = `weightFraction`·ε*, verified
    /// independently (`verifyParetoImprovement`).
    ///
    /// - Parameter weightFraction: in (0, 1); default 1/2 (ε* itself is a
    ///   supremum, not a safe weight).
    /// - Complexity: the construction, a payment-uniqueness check, one exact
    ///   solve per Dinkelbach iteration (at most one per vertex of P), and the
    ///   verification (three selected mechanisms).
    /// - Throws: `.efficientMarket` for efficient markets,
    ///   `.severalOptimalPaymentRules` when the optimal payment rule is not
    ///   unique (Theorem 1's generic case does not apply);
    ///   `.weightFractionOutOfRange`; others as
    ///   `dominatingMarket`.
    public func paretoImprovingSplit(of market: Market, selection: SelectionRule = .standard,
                                     start: StartTypeChoice = .lowestIndex,
                                     deviator: DeviatorChoice = .lowestIndex,
                                     weightFraction: Rational = Rational(1, 2)) throws -> ParetoImprovingSplit {
        guard weightFraction > .zero, weightFraction < 1 else {
            throw SegmentationError.weightFractionOutOfRange(weightFraction)
        }
        let construction = try dominatingMarket(for: market, selection: selection, start: start, deviator: deviator)
        return try paretoImprovingSplit(of: market, construction: construction, paymentRanges: try optimalPaymentRanges(for: market, revenueSolution: construction.original.revenueSolution, revenueFaceSpan: construction.original.revenueFaceSpan),
                                        weightFraction: weightFraction)
    }

    /// As `paretoImprovingSplit(of:selection:start:deviator:weightFraction:)`,
    /// from the already built step 1 (`construction`, whose original is
    /// `market`'s selected mechanism) and `market`'s optimal payment ranges,
    /// so a caller that has them does not solve them again. The verification
    /// reuses the selected mechanisms of f and f' from `construction` (the
    /// same deterministic solves it would repeat).
    func paretoImprovingSplit(of market: Market, construction: DominatingMarketConstruction, paymentRanges ranges: [PaymentRange],
                              weightFraction: Rational = Rational(1, 2)) throws -> ParetoImprovingSplit {
        guard weightFraction > .zero, weightFraction < 1 else {
            throw SegmentationError.weightFractionOutOfRange(weightFraction)
        }
        let selection = construction.original.selection
        guard ranges.allSatisfy(\.isUnique) else {
            throw SegmentationError.severalOptimalPaymentRules(market)
        }
        let fPrime = construction.dominatingMarket
        let types = market.support
        let p = ranges.map(\.minimum)
        var supportBound: Rational? = nil
        for t in fPrime.support {
            let r = market[t] / fPrime[t]
            if supportBound == nil || r < supportBound! { supportBound = r }
        }
        let bound = supportBound!
        let f = types.map { market[$0] }
        let g = types.map { fPrime[$0] }
        func dot(_ a: [Rational], _ b: [Rational]) -> Rational { zip(a, b).reduce(Rational.zero) { $0 + $1.0 * $1.1 } }
        var epsilon = bound
        while true {
            let direction = zip(f, g).map { $0 - epsilon * $1 }
            let best = try maximizePayments(types: types, direction: direction)
            if best.value == dot(direction, p) { break }
            let diff = zip(p, best.payments).map { $0 - $1 }
            let next = dot(f, diff) / dot(g, diff)
            guard next < epsilon, next >= .zero else {
                throw SegmentationError.constructionFailed(reason: "stability search did not decrease (ε = \(epsilon), next = \(next))")
            }
            epsilon = next
        }
        let stability = epsilon
        let supremum = min(stability, bound)
        guard supremum > .zero else {
            throw SegmentationError.constructionFailed(reason: "no positive safe weight")
        }
        let eps = weightFraction * supremum
        let remainderWeights = (0..<typeCount).map { (market[$0] - eps * fPrime[$0]) / (1 - eps) }
        let remainder = try Market(remainderWeights)
        let segmentation = try MarketSegmentation([Segment(weight: eps, market: fPrime), Segment(weight: 1 - eps, market: remainder)])
        let verification = try verifyParetoImprovement(of: market, by: segmentation, selection: selection,
                                                       solved: [construction.original, construction.dominatingOptimum])
        return ParetoImprovingSplit(construction: construction, supportBound: bound, stabilityBound: stability,
                                    safeWeightSupremum: supremum, weight: eps, remainder: remainder,
                                    segmentation: segmentation, verification: verification)
    }
}
