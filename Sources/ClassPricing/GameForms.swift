import Numerics

// Sec. III.4 and the Appendix: bilateral trade (one seller, one buyer) with V
// versions, independent discrete values and costs per version, pricing cost r
// per price. One player (the designer) learns her own types, partitions the
// versions into K classes and sets class prices; the other (the chooser)
// learns his types and picks the version to trade (or none).
//
// Designer's problem. For each realisation of her own types the designer
// maximises her expected payoff over a finite candidate set of price vectors.
// The chooser's payoff is piecewise linear in prices with kinks on the lines
// p_k = t_i (participation) and p_k − p_l = t_i − t_j (switching between
// versions i ∈ k, j ∈ l), t the chooser's possible types. Under designer-
// preferred tie-breaking the supremum is attained at a vertex of this
// arrangement, so the candidate class prices are
//   base_k = {t_i : i ∈ k, t a chooser type} ∪ {prohibitive},
//   S_k    = base_k ∪ {b + t_i − t_j : i ∈ k, j ∉ k, b ∈ base_{class(j)}},
// which contains every vertex when K ≤ 2 (exact for the paper's V = 2).
// "Prohibitive" is a price at which the chooser never trades: 1 (or max value + 1)
// for a seller-designer, 0 (or min cost − 1) for a buyer-designer.
//
// ε convention: see `TieBreaking`. The default, `.infinitesimalShading`,
// reproduces the Appendix's use of prices such as 1 − γ − ε and reports the
// ε → 0 limit exactly; `.shading(epsilon:)` evaluates a finite ε. The
// designer's own ties (between price vectors, and over K) are conventions too:
// see GameFormConventions.swift.

/// Who designs the classes and who chooses the version.
public enum GameForm: String, Sendable, CaseIterable {
    /// Seller designs classes and sets prices; buyer chooses (Sec. III.4, Cases 1 and 3).
    case sellerDesignBuyerChoice
    /// Buyer designs classes and sets prices; seller chooses (Cases 2 and 4).
    case buyerDesignSellerChoice
}

/// How the chooser resolves indifferences (the paper's ε convention: the
/// Appendix's Case 1 prices (1 − γ − ε, 1 − γ) and Case 4's (1/3, 1/3 + ε)
/// steer an indifferent chooser by an ε shift). In every rule the chooser
/// trades at exactly zero surplus (the Appendix's prices 1 − γ, 1/3 are
/// accepted by types whose value/cost equals them).
public enum TieBreaking<T: OrderedField>: Sendable {
    /// The paper's convention in the limit ε → 0 (default): the designer may
    /// shade any price by kε, k ∈ {−1, 0, 1} (zero surplus trades, so one step suffices), with ε a positive infinitesimal;
    /// the chooser compares surpluses lexicographically (real part, then ε
    /// part) and randomises uniformly between versions with identical surplus
    /// (so one class price cannot steer an indifferent chooser, as in the
    /// Appendix's K = 1 profit 3/8 − 3γ/4). Payoffs are reported at ε = 0.
    case infinitesimalShading
    /// The same rule with a finite ε > 0: prices are base + kε and payoffs include ε.
    case shading(epsilon: T)
    /// Every indifference (between versions) resolved in the designer's
    /// favour, no shading. Weakly better for the designer than the above.
    case designerPreferred
}

/// A finite distribution of one version's value or cost.
public struct DiscreteDistribution<T: OrderedField>: Sendable {
    /// Support points and probabilities.
    public let outcomes: [(value: T, probability: T)]
    /// - Throws: `.emptyDistribution`, `.negativeProbability`, or
    ///   `.probabilitiesDoNotSumToOne` (exactly for exact T, within 1e-12 otherwise).
    public init(_ outcomes: [(value: T, probability: T)]) throws {
        try require(!outcomes.isEmpty, .emptyDistribution)
        for (i, o) in outcomes.enumerated() {
            try require(o.probability >= .zero, .negativeProbability(outcome: i, probability: o.probability.doubleValue))
        }
        let s = outcomes.reduce(T.zero) { $0 + $1.probability }
        let ok = T.isExact ? s == T(1) : abs(s.doubleValue - 1) <= 1e-12
        try require(ok, .probabilitiesDoNotSumToOne(sum: s.doubleValue))
        self.outcomes = outcomes
    }
}

/// The bilateral-trade environment of Sec. III.4.
public struct BilateralTrade<T: OrderedField>: Sendable {
    /// Buyer's value distribution per version (independent across versions).
    public let values: [DiscreteDistribution<T>]
    /// Seller's cost distribution per version (independent across versions, and of values).
    public let costs: [DiscreteDistribution<T>]
    /// Numerical tie tolerance (0 for exact types, 1e-12 for Double).
    public let tolerance: T

    /// - Throws: `.unsupportedVersionCount` if the two lists differ in length, are empty, or V > 6.
    public init(values: [DiscreteDistribution<T>], costs: [DiscreteDistribution<T>]) throws {
        try require(!values.isEmpty && values.count == costs.count && values.count <= 6,
                    .unsupportedVersionCount(values: values.count, costs: costs.count))
        self.values = values; self.costs = costs
        self.tolerance = T.isExact ? .zero : T(1) / T(1_000_000_000_000)
    }

    /// V.
    public var versionCount: Int { values.count }

    /// All joint type vectors of a list of independent per-version distributions, with probabilities.
    static func joint(_ ds: [DiscreteDistribution<T>]) -> [(types: [T], probability: T)] {
        var out: [([T], T)] = [([], T(1))]
        for d in ds {
            var next: [([T], T)] = []
            for (t, p) in out { for o in d.outcomes { next.append((t + [o.value], p * o.probability)) } }
            out = next
        }
        return out.map { (types: $0.0, probability: $0.1) }
    }
}

/// The designer's optimum for one realisation of her own types.
public struct DesignerOptimum<T: OrderedField>: Sendable {
    /// The designer's own types (costs for a seller, values for a buyer), per version.
    public let ownTypes: [T]
    /// Probability of this realisation.
    public let probability: T
    /// The chosen partition of versions into classes.
    public let partition: ClassPartition
    /// Price of each version (class price), per version.
    public let prices: [T]
    /// Shading multiple k per version: the price is `prices[i]` + k·ε (ε → 0 in
    /// the infinitesimal convention; already included in `prices` for a finite ε).
    public let shading: [Int]
    /// For each version, whether its price is the "prohibitive" (no-trade) price.
    public let prohibitive: [Bool]
    /// Designer's expected payoff (Eπ or EU) prior to pricing costs, conditional on own types.
    public let designerPayoff: T
    /// Chooser's expected payoff, conditional on the designer's types.
    public let chooserPayoff: T
    /// Expected first-best surplus minus realised surplus (EL), conditional on own types.
    public let efficiencyLoss: T
}

/// A game form solved for a fixed K.
public struct GameFormSolution<T: OrderedField>: Sendable {
    /// The game form.
    public let form: GameForm
    /// Number of classes.
    public let K: Int
    /// The designer's optimum for every realisation of her types.
    public let byType: [DesignerOptimum<T>]
    /// Ex ante expected designer payoff (prior to pricing costs).
    public let designerPayoff: T
    /// Ex ante expected chooser payoff.
    public let chooserPayoff: T
    /// Ex ante expected efficiency loss EL (prior to pricing costs).
    public let efficiencyLoss: T

    /// The expectations are summed once here (in `byType` order), not on
    /// every read: the choice of K at each pricing cost reads them repeatedly.
    init(form: GameForm, K: Int, byType: [DesignerOptimum<T>]) {
        self.form = form; self.K = K; self.byType = byType
        designerPayoff = byType.reduce(.zero) { $0 + $1.probability * $1.designerPayoff }
        chooserPayoff = byType.reduce(.zero) { $0 + $1.probability * $1.chooserPayoff }
        efficiencyLoss = byType.reduce(.zero) { $0 + $1.probability * $1.efficiencyLoss }
    }
}

extension BilateralTrade {
    /// Chooser's response to prices base + k·ε. Returns designer payoff,
    /// chooser payoff and realised surplus (expected over the chooser's
    /// randomisation between exactly tied versions), all at the real prices
    /// (`epsilonValue` = 0 for the infinitesimal limit).
    ///
    /// Generic over the scoring arithmetic S (T itself, or exact lattice
    /// integers: see GameFormLattice.swift); `tol` is the tie tolerance in S.
    static func chooserResponse<S: OrderedRing>(designer: GameForm, base: [S], shade: [Int], epsilonValue: S, rule: TieBreaking<T>,
                                                  own: [S], opp: [S], tol: S) -> (w: S, u: S, s: S) {
        let V = base.count
        let sellerDesigns = designer == .sellerDesignBuyerChoice
        let designerPreferred: Bool
        if case .designerPreferred = rule { designerPreferred = true } else { designerPreferred = false }
        let infinitesimal: Bool
        if case .infinitesimalShading = rule { infinitesimal = true } else { infinitesimal = false }
        // The tied versions' payoffs are summed as they are found (in index
        // order, restarting at each new best), with no list of them.
        // (`fresh` is 0 + x, which for Double turns −0 into +0 as the old
        // summation from zero did; exact types need no addition.)
        func fresh(_ x: S) -> S { S.isExact ? x : S.zero + x }
        var tiedCount = 0, tiedW = S.zero, tiedU = S.zero
        var bestReal = S.zero, bestEps = 0
        var bestW = S.zero
        for i in 0..<V {
            let p = base[i] + (infinitesimal ? .zero : S(shade[i]) * epsilonValue)
            let uReal = sellerDesigns ? opp[i] - p : p - opp[i]
            let uEps = infinitesimal ? (sellerDesigns ? -shade[i] : shade[i]) : 0
            let w = sellerDesigns ? p - own[i] : own[i] - p
            // Participation: lexicographic surplus ≥ 0 (zero surplus trades).
            if uReal < -tol || (abs(uReal) <= tol && uEps < 0) { continue }
            if tiedCount == 0 || uReal > bestReal + tol || (abs(uReal - bestReal) <= tol && uEps > bestEps) {
                tiedCount = 1; tiedW = fresh(w); tiedU = fresh(uReal); bestReal = uReal; bestEps = uEps; bestW = w
            } else if abs(uReal - bestReal) <= tol && uEps == bestEps {
                if designerPreferred {
                    if w > bestW + tol { tiedCount = 1; tiedW = fresh(w); tiedU = fresh(uReal); bestW = w }
                } else { tiedCount += 1; tiedW += w; tiedU += uReal }
            }
        }
        if tiedCount == 0 { return (.zero, .zero, .zero) }
        let w = tiedW, u = tiedU
        if tiedCount == 1 { return (w, u, w + u) }  // x / 1 = x exactly
        return (w.exactlyDivided(by: tiedCount), u.exactlyDivided(by: tiedCount), (w + u).exactlyDivided(by: tiedCount))
    }

    /// Solves a game form for a fixed number of classes K (1 ≤ K ≤ V): for each
    /// realisation of the designer's types, the optimal partition (all
    /// partitions with K classes are tried) and class prices over the finite
    /// candidate set described at the top of this file (vertex prices, clamped
    /// to the prohibitive price when no chooser type could trade, each shaded
    /// by kε, k ∈ {−1, 0, 1}, unless `.designerPreferred`); the chooser best-responds.
    /// Designer ties (exact for Rational, 1e-12 for Double): higher expected
    /// total surplus (`.moreSurplus`, default) or lower (`.lessSurplus`), then
    /// less shading (Σ|k|), then prices most favourable to the designer
    /// (highest for a seller, lowest for a buyer), lexicographically.
    ///
    /// - Complexity: (#own types) × Σ_partitions Π_k |S_k| × (#chooser types) × V.
    /// - Throws: `.classCountOutOfRange` unless 1 ≤ K ≤ V; `.nonPositiveShading` if a finite ε ≤ 0.
    @_specialize(where T == Rational)
    @_specialize(where T == Double)
    public func solve(_ form: GameForm, K: Int, tieBreaking: TieBreaking<T> = .infinitesimalShading,
                      designerTies: DesignerTieBreaking = .moreSurplus) throws -> GameFormSolution<T> {
        try solve(form, K: K, tieBreaking: tieBreaking, designerTies: designerTies, latticeScoring: true)
    }

    /// `solve` with `latticeScoring` (internal, for tests): false scores in T
    /// even when the lattice fits, the second method the lattice is checked against.
    @_specialize(where T == Rational)
    @_specialize(where T == Double)
    func solve(_ form: GameForm, K: Int, tieBreaking: TieBreaking<T>, designerTies: DesignerTieBreaking,
               latticeScoring: Bool) throws -> GameFormSolution<T> {
        let V = versionCount
        try require(K >= 1 && K <= V, .classCountOutOfRange(K: K, versions: V))
        var shifts: [Int] = [-1, 0, 1]
        var epsValue = T.zero
        switch tieBreaking {
        case .designerPreferred: shifts = [0]
        case .infinitesimalShading: break
        case .shading(let eps):
            try require(eps > .zero, .nonPositiveShading(eps.doubleValue))
            epsValue = eps
        }
        let sellerDesigns = form == .sellerDesignBuyerChoice
        let ownDists = sellerDesigns ? costs : values
        let oppDists = sellerDesigns ? values : costs
        let ownJoint = Self.joint(ownDists), oppJoint = Self.joint(oppDists)
        // Prohibitive price: no chooser type ever trades at it.
        let allOpp = oppDists.flatMap { $0.outcomes.map { $0.value } }
        let maxOpp = allOpp.max()!, minOpp = allOpp.min()!
        let prohibitive: T = sellerDesigns
            ? (maxOpp < T(1) ? T(1) : maxOpp + T(1))
            : (minOpp > .zero ? .zero : minOpp - T(1))
        func clamp(_ p: T) -> T { sellerDesigns ? (p > maxOpp ? prohibitive : p) : (p < minOpp ? prohibitive : p) }
        var partitions: [ClassPartition] = []
        try SetPartitions.forEach(n: V) { labels, k in
            guard k == K else { return }
            var cls = [[Int]](repeating: [], count: k)
            for (i, l) in labels.enumerated() { cls[l].append(i) }
            partitions.append(ClassPartition(cls))
        }
        let oppValuesPerVersion = (0..<V).map { i in Array(Set(oppDists[i].outcomes.map { $0.value })) }
        // Scoring arithmetic: exact integers on a lattice when T is exact and
        // every intermediate fits a machine word (GameFormLattice.swift), else T.
        let lattice = !latticeScoring ? nil : ScoringLattice(values: ownJoint.flatMap(\.types) + oppJoint.flatMap(\.types) + [prohibitive, epsValue],
                                     probabilities: oppJoint.map(\.probability), versions: V, chooserTypes: oppJoint.count)
        // The candidates depend on the partition and the chooser's types only:
        // built once, searched for every realisation of the designer's types.
        var searches: [PriceSearch<T>] = []
        for part in partitions {
            let cls = part.classes
            var classOf = [Int](repeating: 0, count: V)
            for (k, m) in cls.enumerated() { for i in m { classOf[i] = k } }
            let base: [[T]] = cls.map { m in Array(Set(m.flatMap { oppValuesPerVersion[$0] } + [prohibitive])) }
            var cand: [[PriceCandidate<T>]] = []
            for (k, m) in cls.enumerated() {
                var s = Set(base[k])
                for i in m { for j in 0..<V where classOf[j] != k {
                    for t in oppJoint { for b in base[classOf[j]] { s.insert(clamp(b + t.types[i] - t.types[j])) } }
                } }
                var list: [PriceCandidate<T>] = []
                for x in s.sorted() {
                    if x == prohibitive { list.append(PriceCandidate(base: x, shade: 0)); continue }
                    for d in shifts { list.append(PriceCandidate(base: x, shade: d)) }
                }
                cand.append(list)
            }
            searches.append(PriceSearch(partition: part, candidates: cand))
        }
        let owns = ownJoint.map(\.types)
        let bests: [(w: T, s: T, base: [T], shade: [Int], part: ClassPartition)]
        if let lattice {
            bests = bestPriceVectors(searches, owns: owns, oppJoint: oppJoint, form: form, tieBreaking: tieBreaking,
                                     designerTies: designerTies, epsilonValue: epsValue, tol: 0,
                                     value: lattice.value, probability: lattice.probability)
                .map { (lattice.payoff($0.w), lattice.payoff($0.s), $0.base, $0.shade, $0.part) }
        } else {
            bests = bestPriceVectors(searches, owns: owns, oppJoint: oppJoint, form: form, tieBreaking: tieBreaking,
                                     designerTies: designerTies, epsilonValue: epsValue, tol: tolerance,
                                     value: { $0 }, probability: { $0 })
        }
        var byType: [DesignerOptimum<T>] = []
        for ((own, pOwn), b) in zip(ownJoint, bests) {
            var fb = T.zero, u = T.zero
            for (opp, pOpp) in oppJoint {
                var m = T.zero
                for i in 0..<V {
                    let sur = sellerDesigns ? opp[i] - own[i] : own[i] - opp[i]
                    if sur > m { m = sur }
                }
                fb += pOpp * m
                u += pOpp * Self.chooserResponse(designer: form, base: b.base, shade: b.shade, epsilonValue: epsValue,
                                                 rule: tieBreaking, own: own, opp: opp, tol: tolerance).u
            }
            let shownPrices = b.base.indices.map { b.base[$0] + T(b.shade[$0]) * epsValue }
            byType.append(DesignerOptimum(ownTypes: own, probability: pOwn, partition: b.part, prices: shownPrices,
                                          shading: b.shade,
                                          prohibitive: b.base.map { $0 == prohibitive },
                                          designerPayoff: b.w, chooserPayoff: u, efficiencyLoss: fb - b.s))
        }
        return GameFormSolution(form: form, K: K, byType: byType)
    }

    /// The designer's best price vector for each of her types in `owns`:
    /// every candidate vector of every partition in `searches` (in order),
    /// scored in the arithmetic S (`value` and `probability` convert T into
    /// it, once), with the tie rules of `solve`. Returns each winner's payoffs
    /// in S and its prices in T.
    func bestPriceVectors<S: OrderedRing>(_ searches: [PriceSearch<T>], owns: [[T]], oppJoint: [(types: [T], probability: T)],
                                          form: GameForm, tieBreaking: TieBreaking<T>, designerTies: DesignerTieBreaking,
                                          epsilonValue: T, tol: S, value: (T) -> S, probability: (T) -> S)
        -> [(w: S, s: S, base: [T], shade: [Int], part: ClassPartition)] {
        let eps = value(epsilonValue)
        let opps = oppJoint.map { (types: $0.types.map(value), probability: probability($0.probability)) }
        let candidates = searches.map { $0.candidates.map { $0.map { (base: value($0.base), shade: $0.shade) } } }
        return owns.map { own in
            bestPriceVector(searches, candidates, own: own.map(value), opps: opps, form: form, tieBreaking: tieBreaking,
                            designerTies: designerTies, epsilonValue: eps, tol: tol)
        }
    }

    /// `bestPriceVectors` for one realisation `own` of the designer's types (in S).
    private func bestPriceVector<S: OrderedRing>(_ searches: [PriceSearch<T>], _ candidates: [[[(base: S, shade: Int)]]], own ownS: [S],
                                                 opps: [(types: [S], probability: S)], form: GameForm, tieBreaking: TieBreaking<T>,
                                                 designerTies: DesignerTieBreaking, epsilonValue eps: S, tol: S)
        -> (w: S, s: S, base: [T], shade: [Int], part: ClassPartition) {
        let V = versionCount
        let sellerDesigns = form == .sellerDesignBuyerChoice
        var best: (w: S, s: S, prices: [S], shade: [Int], search: Int, idx: [Int])? = nil
        for (n, search) in searches.enumerated() {
            let cls = search.partition.classes, K = cls.count
            let cand = candidates[n]
            var idx = [Int](repeating: 0, count: K)
            var prices = [S](repeating: .zero, count: V)
            var shade = [Int](repeating: 0, count: V)
            while true {
                for (k, m) in cls.enumerated() { for i in m { prices[i] = cand[k][idx[k]].base; shade[i] = cand[k][idx[k]].shade } }
                var w = S.zero, s = S.zero
                for (opp, pOpp) in opps {
                    let r = Self.chooserResponse(designer: form, base: prices, shade: shade, epsilonValue: eps,
                                                 rule: tieBreaking, own: ownS, opp: opp, tol: tol)
                    w += pOpp * r.w; s += pOpp * r.s
                }
                var better = false
                if let b = best {
                    if w > b.w + tol { better = true }
                    else if abs(w - b.w) <= tol {
                        if abs(s - b.s) > tol { better = (s > b.s) == (designerTies == .moreSurplus) }
                        else {
                            let sh = shade.reduce(0) { $0 + abs($1) }, bsh = b.shade.reduce(0) { $0 + abs($1) }
                            if sh != bsh { better = sh < bsh }
                            else {
                                for (x, y) in zip(prices, b.prices) where x != y { better = sellerDesigns ? x > y : x < y; break }
                            }
                        }
                    }
                } else { better = true }
                if better { best = (w, s, prices, shade, n, idx) }
                var k = K - 1
                while k >= 0 { idx[k] += 1; if idx[k] < cand[k].count { break }; idx[k] = 0; k -= 1 }
                if k < 0 { break }
            }
        }
        let b = best!
        let search = searches[b.search]
        var prices = [T](repeating: .zero, count: V)
        for (k, m) in search.partition.classes.enumerated() { for i in m { prices[i] = search.candidates[k][b.idx[k]].base } }
        return (b.w, b.s, prices, b.shade, search.partition)
    }

    /// Solves a game form for every K = 1...V under `conventions`.
    /// - Throws: as `solve`.
    public func analyse(_ form: GameForm, conventions: GameFormConventions<T> = GameFormConventions()) throws -> GameFormAnalysis<T> {
        GameFormAnalysis(form: form, solutions: try (1...versionCount).map {
            try solve(form, K: $0, tieBreaking: conventions.chooser, designerTies: conventions.designer)
        }, classCountTies: conventions.classCount, timing: conventions.classCountTiming)
    }
}

/// One point of the γ × r efficiency sweep (exact for `Rational`).
public struct EfficiencySweepPoint<T: OrderedField>: Sendable {
    /// γ.
    public let gamma: T
    /// r.
    public let r: T
    /// Chosen K and total loss (EL + K r) under Seller-Design-Buyer-Choice.
    public let sellerDesignK: Int, sellerDesignLoss: T, sellerDesignEL: T
    /// Chosen K and total loss (EL + K r) under Buyer-Design-Seller-Choice.
    public let buyerDesignK: Int, buyerDesignLoss: T, buyerDesignEL: T
}

public enum GameFormSweep {
    /// The Appendix example swept over γ ∈ `gammas` and r ∈ `rs` (the ε → 0
    /// convention `.infinitesimalShading`; exact for `Rational`, tolerance
    /// 1e-12 for `Double`). The designer chooses K ex ante (`sellerDesignK`,
    /// `buyerDesignK` are her single K).
    /// - Complexity: O(|gammas| · solve + |gammas| · |rs|).
    /// - Throws: `.gammaOutOfRange` for γ ∉ [0, ½]; `.invalidPricingCost` for r < 0.
    public static func appendixExample<T: OrderedField>(gammas: [T], rs: [T]) throws -> [EfficiencySweepPoint<T>] {
        for r in rs { try require(r >= .zero, .invalidPricingCost(r.doubleValue)) }
        var out: [EfficiencySweepPoint<T>] = []
        out.reserveCapacity(gammas.count * rs.count)
        for g in gammas {
            let env = try BilateralTrade<T>.appendixExample(gamma: g)
            let sd = try env.analyse(.sellerDesignBuyerChoice), bd = try env.analyse(.buyerDesignSellerChoice)
            for r in rs {
                out.append(EfficiencySweepPoint(gamma: g, r: r,
                    sellerDesignK: sd.chosenK(r: r), sellerDesignLoss: sd.totalLoss(r: r), sellerDesignEL: sd.efficiencyLoss(r: r),
                    buyerDesignK: bd.chosenK(r: r), buyerDesignLoss: bd.totalLoss(r: r), buyerDesignEL: bd.efficiencyLoss(r: r)))
            }
        }
        return out
    }
}

/// A candidate price base + shade·ε.
struct PriceCandidate<T: OrderedField> { var base: T; var shade: Int }

/// One partition's candidate class prices (per class, in the order searched).
struct PriceSearch<T: OrderedField> { let partition: ClassPartition; let candidates: [[PriceCandidate<T>]] }
