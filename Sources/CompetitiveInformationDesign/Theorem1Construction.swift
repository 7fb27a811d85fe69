// Theorem 1 of BBM (alignment paper) and its proof in App. A1: the
// information structure (public identity of the efficient producer, its cost,
// and a segment of the BBM uniform profit-preserving segmentation; private
// "alert" flags l_j for rivals that must randomise to break ties), the
// equilibrium prices, the welfare, and a brute-force equilibrium check.
import Numerics

/// Conversion from exact rationals into the field used for evaluation.
public protocol RationalConvertibleField: OrderedField {
    init(rational: Rational)
}
extension Rational: RationalConvertibleField {
    /// Identity. O(1).
    public init(rational r: Rational) { self = r } }
extension Double: RationalConvertibleField {
    /// Nearest Double. O(size of r).
    public init(rational r: Rational) { self = r.doubleValue } }

/// The public component of a signal in the construction of App. A1.
public enum PublicSignal: Sendable, Hashable, CustomStringConvertible {
    /// No trade is efficient (signal 0): everyone prices at cost.
    case noTrade
    /// Several producers are efficient (r_i = c_i): revealed, all price at cost.
    case tie
    /// Producer k is the unique efficient producer, with cost c_k, and the
    /// segmentation signal is segment `segment` of σ_k(· | c_k).
    case efficient(k: Int, cost: Rational, segment: Int)

    /// Readable form of the signal.
    public var description: String {
        switch self {
        case .noTrade: return "0"
        case .tie: return "tie"
        case let .efficient(k, c, s): return "(k=\(k), c_k=\(c), x=\(s))"
        }
    }
}

/// How a rival alerted by l_j = 1 randomises on [c_j, c_j + w].
public enum TieBreakingMixing: Sendable, Hashable {
    /// As printed in App. A1: P(p_j − c_j > ε) = (r − c_k)/(r − c_k + ε) for
    /// ε < (r̂ − r)/2 and an atom at c_j + (r̂ − r)/2 (r̂: second-lowest
    /// residual of the segment, r its lowest).
    case paper
    /// P(p_j − c_j > ε) = max(0, [(r − c_k)/(r − c_k + ε) − (1 − x_r)]/x_r)
    /// with x_r the segment's mass at r: it keeps the efficient producer's
    /// whole-segment profit flat on (r, r̂), not only the part earned from
    /// residual-r consumers. Coincides with `.paper` when x_r = 1.
    case corrected
}

/// A producer's (possibly mixed) pricing strategy at one signal.
public enum PricingStrategy: Sendable, Hashable {
    /// A pure price.
    case price(Rational)
    /// Randomise on [cost, cost + width]: survival S(ε) = P(p − cost > ε).
    case alertMixing(cost: Rational, lowest: Rational, efficientCost: Rational, lowestMass: Rational,
                     width: Rational, rule: TieBreakingMixing)

    /// P(p − cost > ε) and P(p − cost = ε) for the mixing strategies (pure: nil).
    func survivalAndAtom<T: RationalConvertibleField>(_ eps: T) -> (T, T)? {
        mixingData(T.self)?.survivalAndAtom(eps)
    }

    /// The mixing strategy's data converted to T once (nil for a pure price).
    func mixingData<T: RationalConvertibleField>(_: T.Type) -> MixingData<T>? {
        guard case let .alertMixing(_, r, ck, x, w, rule) = self else { return nil }
        return MixingData(margin: T(rational: r - ck), top: T(rational: w), lowestShare: T(rational: x), rule: rule)
    }

    /// A representative price in the support (used for the mixer's own sale
    /// probability, which is zero throughout the support).
    var representativePrice: Rational {
        switch self {
        case let .price(p): return p
        case let .alertMixing(c, _, _, _, w, _): return c + w / Rational(2)
        }
    }
}

/// A mixing strategy's survival and atom as functions of ε, with its data
/// (margin r − c_k, width w, lowest mass x) in the field T.
struct MixingData<T: RationalConvertibleField> {
    let margin: T
    let top: T
    let lowestShare: T
    let rule: TieBreakingMixing

    /// P(p − cost > ε) and P(p − cost = ε).
    func survivalAndAtom(_ eps: T) -> (T, T) {
        let one = T(1), zero = T(0)
        if eps < zero { return (one, zero) }
        let base = margin / (margin + eps)
        switch rule {
        case .paper:
            if eps < top { return (base, zero) }
            if eps == top { return (zero, margin / (margin + top)) }
            return (zero, zero)
        case .corrected:
            let s = (base - (one - lowestShare)) / lowestShare
            return (s > zero ? (s < one ? s : one) : zero, zero)
        }
    }
}

/// Producer i's sale probability q_i(p) against fixed rival strategies, with
/// the price-independent data converted to T once, so that evaluating it at
/// many prices (the deviation check) does not convert again; each evaluation
/// performs the arithmetic of `Theorem1Construction.saleProbability`.
struct SaleProbability<T: RationalConvertibleField> {
    enum Rival {
        /// A rival at a pure price: its buyer utility v_j − p_j.
        case price(T)
        /// A mixing rival: v_j − c_j and its mixing data.
        case mixer(T, MixingData<T>)
    }
    let value: T
    let rivals: [Rival]   // j ≠ i in index order

    init(producer i: Int, values: [Rational], strategies: [PricingStrategy]) {
        value = T(rational: values[i])
        rivals = values.indices.filter { $0 != i }.map { j in
            switch strategies[j] {
            case let .price(pj): return .price(T(rational: values[j] - pj))
            case let .alertMixing(cj, _, _, _, _, _): return .mixer(T(rational: values[j] - cj), strategies[j].mixingData(T.self)!)
            }
        }
    }

    func callAsFunction(_ p: T) -> T {
        let ui = value - p
        guard ui >= T(0) else { return T(0) }
        var ties = 0
        var mixers: [(T, T)] = []
        for rival in rivals {
            switch rival {
            case let .price(uj):
                if uj > ui { return T(0) }
                if uj == ui { ties += 1 }
            case let .mixer(net, data):
                // u_j < u_i ⇔ p_j − c_j > v_j − c_j − u_i
                mixers.append(data.survivalAndAtom(net - ui))
            }
        }
        // enumerate win / tie outcomes of the mixers
        var total = T(0)
        func rec(_ m: Int, _ weight: T, _ tieCount: Int) {
            if m == mixers.count { total += weight / T(1 + tieCount); return }
            let (s, a) = mixers[m]
            if s > T(0) { rec(m + 1, weight * s, tieCount) }
            if a > T(0) { rec(m + 1, weight * a, tieCount + 1) }
        }
        rec(0, T(1), ties)
        return total
    }
}

/// One atom of the joint distribution φ(s, v, c) of App. A1.
public struct SignalOutcome: Sendable {
    /// Index of (v, c) in the environment.
    public let profileIndex: Int
    /// φ-probability of this (signal, profile).
    public let probability: Rational
    /// The public signal.
    public let publicSignal: PublicSignal
    /// The private alert flags l_j.
    public let alerts: [Bool]
    /// Equilibrium strategies of all producers at this signal.
    public let strategies: [PricingStrategy]
}

/// Welfare of the constructed equilibrium, exact.
public struct EquilibriumWelfare: Sendable, Equatable {
    /// PS_i for each producer.
    public let producerSurplus: [Rational]
    /// TS of the constructed equilibrium.
    public let totalSurplus: Rational
    /// CS = TS − Σ PS_i.
    public let consumerSurplus: Rational
}

/// Result of the brute-force equilibrium check.
public struct EquilibriumCheck: Sendable {
    /// Largest gain (unnormalised, ex ante) of any deviation found.
    public let maximalGain: Double
    /// Where it was found.
    public let worstDeviation: String
    /// Number of (information set, price) pairs evaluated.
    public let evaluations: Int
    /// maximalGain ≤ tolerance.
    public let passes: Bool
}

/// The information structure and equilibrium of Theorem 1 on a discrete
/// environment.
public struct Theorem1Construction: Sendable {
    /// The environment μ.
    public let environment: BertrandEnvironment
    /// σ_i(· | c_i) for each producer i (keyed by cost).
    public let segmentations: [[Rational: [Segment]]]
    /// The atoms of φ.
    public let outcomes: [SignalOutcome]
    /// The mixing rule used by alerted rivals.
    public let mixing: TieBreakingMixing

    /// Which segmentation of ν^i(· | c_i) to use.
    public enum SegmentationRule: Sendable { case bbmGreedy, proportionalPoolingWhenPossible }

    /// Builds φ and the strategies (App. A1). Profiles with no efficient trade
    /// get signal 0, ties are revealed (everyone prices at cost, as in
    /// Example 1), and otherwise the efficient producer k, c_k and a segment x
    /// drawn with probability σ(x)·x(r_k)/ν(r_k | c_k) are made public; k
    /// prices at min supp x; a rival j is alerted (l_j = 1) when r_k = min supp x
    /// > c_k and v_k − v_j + c_j = r_k, and then randomises (`mixing`);
    /// everyone else prices at cost.
    /// - Throws: segmentation errors. Complexity O(|μ|·(N + segments)) exact
    ///   operations plus the segmentations.
    public init(environment env: BertrandEnvironment, mixing: TieBreakingMixing = .corrected,
                segmentation: SegmentationRule = .bbmGreedy) throws {
        self.environment = env
        self.mixing = mixing
        var segs: [[Rational: [Segment]]] = []
        var conds: [[Rational: ConditionalResidual]] = []
        for i in 0..<env.producerCount {
            var byCost: [Rational: [Segment]] = [:]
            var cr: [Rational: ConditionalResidual] = [:]
            for c in try env.conditionalResiduals(producer: i) {
                cr[c.cost] = c
                switch segmentation {
                case .bbmGreedy: byCost[c.cost] = try ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
                case .proportionalPoolingWhenPossible:
                    byCost[c.cost] = try ExtremalSegmentation.proportionalPooling(c.distribution, cost: c.cost)
                        ?? ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
                }
            }
            segs.append(byCost); conds.append(cr)
        }
        segmentations = segs
        let bigWidth = env.profiles.flatMap { $0.values }.max()! + Rational(1)
        var out: [SignalOutcome] = []
        for (idx, (prof, q)) in zip(env.profiles, env.probabilities).enumerated() where q > .zero {
            let eff = prof.efficientProducers()
            let atCost = prof.costs.map { PricingStrategy.price($0) }
            let noAlerts = [Bool](repeating: false, count: env.producerCount)
            if eff.isEmpty {
                out.append(SignalOutcome(profileIndex: idx, probability: q, publicSignal: .noTrade, alerts: noAlerts, strategies: atCost))
                continue
            }
            if eff.count > 1 {
                out.append(SignalOutcome(profileIndex: idx, probability: q, publicSignal: .tie, alerts: noAlerts, strategies: atCost))
                continue
            }
            let k = eff[0], ck = prof.costs[k], rk = prof.residual(of: k)
            let nuMass = conds[k][ck]!.distribution.mass(at: rk)
            for (s, seg) in segs[k][ck]!.enumerated() {
                let xr = seg.distribution.mass(at: rk)
                guard xr > .zero else { continue }
                let pr = q * seg.probability * xr / nuMass
                let low = seg.price
                var alerts = noAlerts
                var strategies = atCost
                strategies[k] = .price(low)
                if rk == low && low > ck {
                    let sup = seg.distribution.support
                    let width = sup.count > 1 ? (sup[1] - low) / Rational(2) : bigWidth
                    let fullWidth = sup.count > 1 ? sup[1] - low : bigWidth
                    for j in 0..<env.producerCount where j != k && prof.values[k] - prof.values[j] + prof.costs[j] == low {
                        alerts[j] = true
                        strategies[j] = .alertMixing(cost: prof.costs[j], lowest: low, efficientCost: ck,
                                                     lowestMass: seg.distribution.probabilities[0],
                                                     width: mixing == .paper ? width : fullWidth, rule: mixing)
                    }
                }
                out.append(SignalOutcome(profileIndex: idx, probability: pr,
                                         publicSignal: .efficient(k: k, cost: ck, segment: s), alerts: alerts, strategies: strategies))
            }
        }
        outcomes = out
    }

    /// Producer i's probability of making the sale at price p when the others
    /// follow `strategies` (q_i of Sec. I with uniform tie-breaking; ties with
    /// an atom of a mixing rival are split exactly). O(N + 3^m), m mixers.
    public static func saleProbability<T: RationalConvertibleField>(
        producer i: Int, price p: T, values: [Rational], strategies: [PricingStrategy]
    ) -> T {
        SaleProbability<T>(producer: i, values: values, strategies: strategies)(p)
    }

    /// Exact welfare of the constructed equilibrium: PS_i, TS and CS = TS − PS.
    /// (Alerted rivals never sell anywhere in their support, so their sale
    /// probability is evaluated at one representative support price.)
    /// Complexity O(|φ|·N²).
    public func welfare() -> EquilibriumWelfare {
        let n = environment.producerCount
        var ps = [Rational](repeating: .zero, count: n)
        var ts = Rational.zero
        for o in outcomes {
            let prof = environment.profiles[o.profileIndex]
            for i in 0..<n {
                let p = o.strategies[i].representativePrice
                let share: Rational = Self.saleProbability(producer: i, price: p, values: prof.values, strategies: o.strategies)
                ps[i] += o.probability * (p - prof.costs[i]) * share
                ts += o.probability * (prof.values[i] - prof.costs[i]) * share
            }
        }
        let total = ps.reduce(Rational.zero, +)
        return EquilibriumWelfare(producerSurplus: ps, totalSurplus: ts, consumerSurplus: ts - total)
    }

    /// Brute-force check that no producer gains by deviating at any
    /// information set (public signal, own alert flag, own cost) to any price
    /// ≥ own cost among: a uniform grid of `gridPoints` prices on
    /// [0, max value], every value, cost, residual and v_i − v_j + c_j, and
    /// each of these minus `offset`. Evaluated in Double; a gain above
    /// `tolerance` fails. Complexity O(infoSets·prices·|φ|·N).
    public func checkEquilibrium(gridPoints: Int = 400, offset: Double = 1e-7, tolerance: Double = 1e-10) -> EquilibriumCheck {
        let env = environment
        let n = env.producerCount
        let maxV = env.profiles.flatMap { $0.values }.max()!.doubleValue
        var base: Set<Double> = []
        for prof in env.profiles {
            for i in 0..<n {
                base.insert(prof.values[i].doubleValue); base.insert(prof.costs[i].doubleValue)
                base.insert(prof.residual(of: i).doubleValue)
                for j in 0..<n where j != i { base.insert((prof.values[i] - prof.values[j] + prof.costs[j]).doubleValue) }
            }
        }
        for k in 0..<gridPoints { base.insert(maxV * Double(k) / Double(max(1, gridPoints - 1))) }
        var cands = base
        for b in base { cands.insert(b - offset); cands.insert(b + offset) }
        let prices = cands.sorted()
        struct Key: Hashable { let i: Int; let sig: PublicSignal; let alert: Bool; let cost: Rational }
        var groups: [Key: [Int]] = [:]
        for (oi, o) in outcomes.enumerated() {
            let prof = env.profiles[o.profileIndex]
            for i in 0..<n { groups[Key(i: i, sig: o.publicSignal, alert: o.alerts[i], cost: prof.costs[i]), default: []].append(oi) }
        }
        var worst = -Double.infinity, worstText = "", evals = 0
        for (key, members) in groups {
            let i = key.i, ci = key.cost.doubleValue
            // Per member outcome: its probability and i's sale probability,
            // converted to Double once for all prices.
            let terms = members.map { oi in
                (probability: outcomes[oi].probability.doubleValue,
                 sale: SaleProbability<Double>(producer: i, values: env.profiles[outcomes[oi].profileIndex].values, strategies: outcomes[oi].strategies))
            }
            func profit(_ p: Double) -> Double {
                var s = 0.0
                for term in terms {
                    let share = term.sale(p)
                    s += term.probability * (p - ci) * share
                }
                return s
            }
            let eq = profit(outcomes[members[0]].strategies[i].representativePrice.doubleValue)
            for p in prices where p >= ci {
                evals += 1
                let gain = profit(p) - eq
                if gain > worst { worst = gain; worstText = "producer \(i) at signal \(key.sig), l=\(key.alert), c=\(key.cost): price \(p) gains \(gain)" }
            }
        }
        return EquilibriumCheck(maximalGain: worst, worstDeviation: worstText, evaluations: evals, passes: worst <= tolerance)
    }

    /// A seeded random discrete environment for property checks: N producers,
    /// 3–6 profiles with values in {0,…,5}, costs in {0,1,2} and probabilities
    /// proportional to integers in 1…5.
    public static func randomEnvironment(producers n: Int, generator: inout SplitMix64) throws -> BertrandEnvironment {
        let count = 3 + Int(generator.next() % 4)
        var profiles: [BertrandProfile] = []
        var weights: [Int] = []
        for _ in 0..<count {
            let v = (0..<n).map { _ in Rational(Int(generator.next() % 6)) }
            let c = (0..<n).map { _ in Rational(Int(generator.next() % 3)) }
            profiles.append(BertrandProfile(values: v, costs: c))
            weights.append(1 + Int(generator.next() % 5))
        }
        let total = weights.reduce(0, +)
        return try BertrandEnvironment(profiles: profiles, probabilities: weights.map { Rational($0, total) })
    }
}

/// Summary of the Theorem 1 / Proposition 1 property check (artifact 6).
public struct Theorem1PropertyReport: Sendable {
    /// Number of random instances checked.
    public let instances: Int
    /// Instances where the construction passed the equilibrium check.
    public let equilibria: Int
    /// Instances where PS_i equals the lower bound for every i (exact).
    public let producerSurplusAtBound: Int
    /// Instances where TS equals the efficient surplus (exact).
    public let efficient: Int
    /// Instances where CS = TS̄ − Σ PS_i (exact).
    public let consumerSurplusAtBound: Int
    /// Largest deviation gain over all instances.
    public let maximalGain: Double
    /// Mean over instances of Σ_i PS_i's lower bound (Prop. 1; what the construction gives).
    public let meanProducerSurplusBound: Rational
    /// Mean over instances of Σ_i PS_i under complete information (the efficient producer earns its marginal contribution).
    public let meanCompleteInformationProducerSurplus: Rational
    /// Instances where the bound is strictly below the complete-information PS (producers lose from the construction).
    public let boundBelowCompleteInformation: Int
    /// Seeds/descriptions of failing instances.
    public let failures: [String]
}

extension Theorem1Construction {
    /// Runs the construction and all checks on `instances` seeded random
    /// environments (`randomEnvironment`, producers alternating 2, 3), seed
    /// `seed`. Complexity: `instances` × (construction + equilibrium check).
    /// - Throws: construction errors.
    public static func propertyCheck(instances: Int, seed: UInt64, mixing: TieBreakingMixing = .corrected,
                                     gridPoints: Int = 200) throws -> Theorem1PropertyReport {
        var gen = SplitMix64(seed: seed)
        var eqOK = 0, psOK = 0, effOK = 0, csOK = 0, worst = -Double.infinity
        var failures: [String] = []
        var boundSum = Rational.zero, completeSum = Rational.zero, belowComplete = 0
        for t in 0..<instances {
            let env = try randomEnvironment(producers: 2 + t % 2, generator: &gen)
            let con = try Theorem1Construction(environment: env, mixing: mixing)
            let w = con.welfare()
            var psAll = true
            for i in 0..<env.producerCount where w.producerSurplus[i] != (try env.producerSurplusLowerBound(producer: i)) { psAll = false }
            var bound = Rational.zero, complete = Rational.zero
            for i in 0..<env.producerCount {
                bound += try env.producerSurplusLowerBound(producer: i)
                complete += try env.completeInformationProducerSurplus(producer: i)
            }
            boundSum += bound; completeSum += complete
            if bound < complete { belowComplete += 1 }
            let eff = w.totalSurplus == env.expectedEfficientSurplus
            let cs = w.consumerSurplus == (try env.consumerSurplusBound())
            let eq = con.checkEquilibrium(gridPoints: gridPoints)
            worst = max(worst, eq.maximalGain)
            if eq.passes { eqOK += 1 }
            if psAll { psOK += 1 }
            if eff { effOK += 1 }
            if cs { csOK += 1 }
            if !(eq.passes && psAll && eff && cs) { failures.append("instance \(t): \(eq.worstDeviation)") }
        }
        return Theorem1PropertyReport(instances: instances, equilibria: eqOK, producerSurplusAtBound: psOK, efficient: effOK,
                                      consumerSurplusAtBound: csOK, maximalGain: worst,
                                      meanProducerSurplusBound: instances > 0 ? boundSum / Rational(instances) : .zero,
                                      meanCompleteInformationProducerSurplus: instances > 0 ? completeSum / Rational(instances) : .zero,
                                      boundBelowCompleteInformation: belowComplete, failures: failures)
    }
}

extension Theorem1Construction {
    /// Producer i's ex ante expected profit (unnormalised: summed over the φ
    /// mass of the information set) from charging `price` at the information
    /// set (public signal, own alert flag, own cost), rivals following the
    /// constructed strategies. Exact when T = Rational. O(|φ|·(N + 3^m)).
    public func informationSetProfit<T: RationalConvertibleField>(
        producer i: Int, signal: PublicSignal, alert: Bool, cost: Rational, price: T
    ) -> T {
        var s = T(0)
        for o in outcomes where o.publicSignal == signal && o.alerts[i] == alert {
            let prof = environment.profiles[o.profileIndex]
            guard prof.costs[i] == cost else { continue }
            let share: T = Self.saleProbability(producer: i, price: price, values: prof.values, strategies: o.strategies)
            s += T(rational: o.probability) * (price - T(rational: cost)) * share
        }
        return s
    }
}
