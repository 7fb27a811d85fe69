import Numerics

// A game form solved for every K, and the designer's choice of K at pricing
// cost r (Appendix: "the seller will ex ante prefer K = 2 if r < …").
//
// Timing of the choice of K (`ClassCountTiming`, GameFormConventions.swift):
//   ex ante  — she commits to one K before learning her types and maximises
//              E_t[payoff_t(K)] − K·r;
//   interim  — she learns her types t first (step 1 of the Sec. III.4
//              timeline) and then picks K_t maximising payoff_t(K) − K·r.
// In both, payoff_t(K) is the optimum for K classes given her types (the
// prices do not depend on r). The interim designer is weakly better off; she
// pays r per price only in the realisations where the extra price is worth
// it, so E[K] and the loss EL + E[K]·r can be lower or higher than ex ante.
// They coincide when every type ranks the K the same way as the average (e.g.
// one designer type, or r below every interim threshold or above all of them).

/// Both K = 1 and K = 2 (V = 2) solutions of a game form and the pricing-cost thresholds.
public struct GameFormAnalysis<T: OrderedField>: Sendable {
    /// The game form.
    public let form: GameForm
    /// Solutions for K = 1 ... V (index K − 1); each lists the designer's types in the same order.
    public let solutions: [GameFormSolution<T>]
    /// How the designer chooses K at ties (`chosenK`, `classCounts`).
    public let classCountTies: ClassCountTieBreaking
    /// Whether she chooses K before (ex ante) or after (interim) learning her types.
    public let timing: ClassCountTiming

    init(form: GameForm, solutions: [GameFormSolution<T>], classCountTies: ClassCountTieBreaking = .smallerK,
         timing: ClassCountTiming = .exAnte) {
        self.form = form; self.solutions = solutions; self.classCountTies = classCountTies; self.timing = timing
    }

    /// Ex ante threshold between K = 1 and K = 2: the designer (committing to K
    /// before learning her types) strictly prefers K = 2 iff r < this value
    /// (= E[payoff | K=2] − E[payoff | K=1], the extra price costing r).
    public var exAnteThreshold: T { solutions[1].designerPayoff - solutions[0].designerPayoff }
    /// Interim thresholds per own-type realisation (K chosen after learning types).
    public var interimThresholds: [T] {
        zip(solutions[1].byType, solutions[0].byType).map { $0.designerPayoff - $1.designerPayoff }
    }

    /// A maximiser over K = 1 … V of payoff(K) − K·r, the smallest or the largest by `classCountTies`.
    func bestK(r: T, payoff: (Int) -> T) -> Int {
        var best = 0
        for k in 1..<solutions.count {
            let gain = (payoff(k) - T(k + 1) * r) - (payoff(best) - T(best + 1) * r)
            if gain > .zero || (gain == .zero && classCountTies == .largerK) { best = k }
        }
        return best + 1
    }

    /// The designer's ex ante choice of K at pricing cost r: a maximiser of
    /// payoff(K) − K·r, the smallest or the largest by `classCountTies`
    /// (whatever `timing` says; see `classCounts` for the choice under `timing`).
    public func chosenK(r: T) -> Int { bestK(r: r) { solutions[$0].designerPayoff } }

    /// K chosen in each realisation of the designer's types (order of `byType`):
    /// the ex ante K in every realisation, or each type's own maximiser of
    /// payoff_t(K) − K·r (interim).
    public func classCounts(r: T) -> [Int] {
        switch timing {
        case .exAnte:
            return Array(repeating: chosenK(r: r), count: solutions[0].byType.count)
        case .interim:
            return solutions[0].byType.indices.map { t in bestK(r: r) { solutions[$0].byType[t].designerPayoff } }
        }
    }

    /// E[K]: the expected number of prices set at pricing cost r (= the chosen K ex ante).
    public func expectedK(r: T) -> T {
        zip(solutions[0].byType, classCounts(r: r)).reduce(.zero) { $0 + $1.0.probability * T($1.1) }
    }
    /// EL prior to pricing costs at the designer's chosen K (per type when interim).
    public func efficiencyLoss(r: T) -> T {
        classCounts(r: r).enumerated().reduce(.zero) { acc, e in
            let o = solutions[e.element - 1].byType[e.offset]
            return acc + o.probability * o.efficiencyLoss
        }
    }
    /// EL plus the pricing costs E[K]·r actually incurred.
    public func totalLoss(r: T) -> T { efficiencyLoss(r: r) + expectedK(r: r) * r }
    /// True when EL = 0 at the chosen K (first best in trade, prior to pricing costs).
    public func reachesFirstBest(r: T) -> Bool { efficiencyLoss(r: r) == .zero }
    /// The pricing costs r > 0 at which the choice of K may change: the
    /// crossings (payoff(k) − payoff(j))/(k − j) of the lines payoff(K) − K·r,
    /// of the ex ante payoffs or of every type's (interim).
    public var classCountBreakpoints: [T] {
        let payoffLists: [[T]] = timing == .exAnte
            ? [solutions.map(\.designerPayoff)]
            : solutions[0].byType.indices.map { t in solutions.map { $0.byType[t].designerPayoff } }
        var points: [T] = []
        for pay in payoffLists { for k in pay.indices { for j in 0..<k {
            let r = (pay[k] - pay[j]) / T(k - j)
            if r > .zero { points.append(r) }
        } } }
        return points
    }
}
