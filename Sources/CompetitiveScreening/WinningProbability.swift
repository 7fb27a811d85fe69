// The probability that firm i wins the agent when it offers utility u to its
// own type θ (= θ_i), against fixed opponent menus:
//
// - Sec 2 (independent valuations): P(u) = Π_{j≠i} Pr(U_j(θ_j) ≤ u) =
//   Π F_j(U_j⁻¹(u)), U_j⁻¹ the generalised inverse sup{θ_j : U_j(θ_j) ≤ u};
// - Sec 5.1 (a duopoly linked by a copula): P(θ, u) = F_{2|1}(U₂⁻¹(u) | θ);
// - Sec 5.2 (perfect correlation θ_j = θ + c_j, here θ_j = θ_i + d_j with
//   d_j = c_j − c_i): P(θ, u) = Π_j 1{u ≥ U_j(θ + d_j)}.
//
// Tie-breaking between firms: `weak` (the agent picks firm i when
// indifferent: Pr(U_j ≤ u), the paper's definition) or `strict` (she picks the
// opponent: Pr(U_j < u)). With continuous own types the choice only matters
// on null sets, but Sec 5.2's examples (atoms, perfect correlation) hinge on
// it. Utilities within `tieTolerance` of each other count as ties.

import Foundation
import Distributions
import Numerics

/// How the agent breaks a tie between firm i and an opponent offering the same utility.
public enum TieBreaking: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Ties go to firm i (the paper's weak winning probability): against a
    /// posted price p_j, θ_j − p_j ≤ θ_i − p_i counts (F_j), and a
    /// zero-utility agent (θ_i = p_i) buys.
    case weak
    /// Ties go to the opponent: firm i sells only to agents who strictly
    /// prefer it (the left limit F_j(x⁻), `cdfLeft`), and not at θ_i = p_i.
    case strict

    public var description: String { rawValue }
}

/// One competing firm: its menu and (unless valuations are perfectly correlated) the law of its valuation θ_j.
public struct Opponent: Sendable, Equatable {
    public let menu: OpponentMenu
    public let valuation: TypeDistribution

    public init(menu: OpponentMenu, valuation: TypeDistribution = .uniform()) {
        self.menu = menu; self.valuation = valuation
    }

    /// Parses the opponent profile "MENU @ LAW; MENU @ LAW" (the law defaults
    /// to uniform; it is ignored under perfect correlation). A law's error is
    /// wrapped in `.inLaw`; with several entries, a menu's in `.inOpponentEntry`.
    public static func profile(parsing text: String, x: Rational? = nil) throws -> [Opponent] {
        let entries = text.split(separator: ";", omittingEmptySubsequences: false)
        return try entries.enumerated().map { k, entry in
            let parts = entry.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            let menu: OpponentMenu
            do {
                menu = try OpponentMenu(parsing: String(parts[0]), x: x)
            } catch let e as CompetitiveScreeningError where entries.count > 1 {
                throw CompetitiveScreeningError.inOpponentEntry(index: k, e)
            }
            var valuation = TypeDistribution.uniform()
            if parts.count == 2 {
                do {
                    valuation = try valuationLaw { try TypeDistribution(parsing: String(parts[1]).trimmingCharacters(in: .whitespaces)) }
                } catch let e as CompetitiveScreeningError {
                    throw CompetitiveScreeningError.inLaw(role: .opponent(index: k), e)
                }
            }
            return Opponent(menu: menu, valuation: valuation)
        }
    }
}

/// How the opponents' valuations depend on the own valuation θ_i.
public enum Dependence: Sendable, Equatable, CustomStringConvertible {
    /// Independent valuations (Sec 2).
    case independent
    /// A duopoly linked by a copula (Sec 5.1).
    case copula(Copula)
    /// Perfect correlation (Sec 5.2): θ_j = θ_i + offsets[j].
    case perfect(offsets: [Double])

    public var description: String {
        switch self {
        case .independent: return "independent"
        case let .copula(c): return c.description
        case let .perfect(d): return d.allSatisfy { $0 == 0 } ? "perfect" : "perfect(offsets=[" + d.map(MenuFormat.number).joined(separator: ", ") + "])"
        }
    }
}

/// The winning probability P(θ, u) of firm i against fixed opponent menus.
public struct WinningProbability: Sendable {
    /// The own valuation's law F_i on [0, θ̄_i].
    public let own: TypeDistribution
    /// The competing firms (menus "none" are dropped: they never win).
    public let opponents: [Opponent]
    public let dependence: Dependence
    public let tie: TieBreaking
    /// Per opponent: whether its law has atoms (then utilities within `tieTolerance` of an atom's tie).
    let opponentHasAtoms: [Bool]
    /// `utilityLevels`, computed once (every menu evaluation splits its integrals there).
    let levels: [Double]
    /// The own law's breakpoints and quadrature hints, computed once (every menu evaluation cuts there).
    let ownCuts: [Double]

    /// Utilities closer than this count as a tie between firms.
    public static let tieTolerance = 1e-12

    /// Validates: a copula links exactly one opponent with continuous
    /// marginals; perfect correlation needs one offset per opponent.
    public init(own: TypeDistribution, opponents: [Opponent], dependence: Dependence = .independent, tie: TieBreaking = .weak) throws {
        var kept: [Opponent] = []
        var keptIndices: [Int] = []
        var offsets: [Double] = []
        var dep = dependence
        if case let .perfect(d) = dependence {
            try require(d.count == opponents.count, .offsetCount(offsets: d.count, opponents: opponents.count))
            for (k, x) in d.enumerated() { try require(x.isFinite, .nonFiniteOffset(opponent: k, value: x)) }
        }
        for (k, o) in opponents.enumerated() where !o.menu.isNone {
            kept.append(o)
            keptIndices.append(k)
            if case let .perfect(d) = dependence { offsets.append(d[k]) }
        }
        if case .perfect = dependence { dep = .perfect(offsets: offsets) }
        if case .copula = dependence {
            try require(kept.count == 1, .copulaOpponentCount(menus: kept.count))
            try require(own.isContinuous, .copulaNeedsContinuousLaw(role: .own, law: own.description))
            try require(kept[0].valuation.isContinuous,
                        .copulaNeedsContinuousLaw(role: .opponent(index: keptIndices[0]), law: kept[0].valuation.description))
        }
        self.own = own
        self.opponents = kept
        self.dependence = dep
        self.tie = tie
        opponentHasAtoms = kept.map { !$0.valuation.isContinuous }
        levels = Self.utilityLevels(kept, dep)
        ownCuts = own.breakpoints + quadratureHints(own)
    }

    /// Parses the opponent profile (`Opponent.profile(parsing:x:)`) and the
    /// dependence (`Dependence(parsing:opponents:)`), then validates.
    public init(own: TypeDistribution, opponents text: String, dependence dependenceText: String,
                tie: TieBreaking, x: Rational? = nil) throws {
        let list = try Opponent.profile(parsing: text, x: x)
        let dep = try Dependence(parsing: dependenceText, opponents: list.count)
        try self.init(own: own, opponents: list, dependence: dep, tie: tie)
    }

    /// P(θ, u) under the environment's tie-breaking rule.
    public func probability(theta: Double, utility u: Double) -> Double {
        probability(theta: theta, utility: u, tie: tie)
    }

    /// P(θ, u) under the given tie-breaking rule.
    public func probability(theta: Double, utility u: Double, tie: TieBreaking) -> Double {
        switch dependence {
        case .independent:
            var p = 1.0
            for j in opponents.indices {
                p *= below(j, u, tie: tie)
                if p == 0 { break }
            }
            return p
        case let .copula(c):
            let v = below(0, u, tie: tie)
            if v <= 0 { return 0 }
            if v >= 1 { return 1 }
            return min(1, max(0, c.conditional(v, given: own.cdf(theta))))
        case let .perfect(d):
            for j in opponents.indices {
                let rival = opponents[j].menu.utility.value(theta + d[j])
                switch tie {
                case .weak: if u < rival - Self.tieTolerance { return 0 }
                case .strict: if u <= rival + Self.tieTolerance { return 0 }
                }
            }
            return 1
        }
    }

    /// Pr(U_j(θ_j) ≤ u) (weak) or Pr(U_j(θ_j) < u) (strict) for opponent j's own law of θ_j.
    /// Utilities within `tieTolerance` of 0 count as 0; against an opponent
    /// law with atoms, within `tieTolerance` of an atom's utility as a tie.
    func below(_ j: Int, _ u: Double, tie: TieBreaking) -> Double {
        // (opponents[j]'s members are read in place: copying an Opponent retains all its arrays.)
        let tol = Self.tieTolerance
        let jumps = opponentHasAtoms[j]
        switch tie {
        case .weak:
            if u < -tol { return 0 }
            let x = opponents[j].menu.utility.supInverse(jumps ? u + tol : max(u, 0))
            return x >= opponents[j].valuation.upper ? 1 : opponents[j].valuation.cdf(x)
        case .strict:
            if u <= tol { return 0 }
            let x = opponents[j].menu.utility.infInverse(jumps ? u - tol : u)
            return x > opponents[j].valuation.upper ? 1 : opponents[j].valuation.cdfLeft(x)
        }
    }

    /// Under perfect correlation, the best utility a rival offers type θ:
    /// max_j U_j(θ + d_j) (−∞ without rivals); nil otherwise.
    public func rivalUtility(theta: Double) -> Double? {
        guard case let .perfect(d) = dependence else { return nil }
        var best = -Double.infinity
        for j in opponents.indices { best = max(best, opponents[j].menu.utility.value(theta + d[j])) }
        return best
    }

    /// Utility levels u ≥ 0 at which P(θ, ·) is not smooth (independent and
    /// copula cases): 0, the opponents' utilities at their kinks, at the
    /// breakpoints and atoms of their laws, and at the top of their supports.
    var utilityLevels: [Double] { levels }

    private static func utilityLevels(_ opponents: [Opponent], _ dependence: Dependence) -> [Double] {
        if case .perfect = dependence { return [] }
        var levels: Set<Double> = [0]
        for o in opponents {
            let upper = o.valuation.upper
            let points = o.menu.kinks.filter { $0 < upper } + o.valuation.breakpoints + quadratureHints(o.valuation) + [upper]
            for x in points { levels.insert(o.menu.utility.value(x)) }
        }
        return levels.filter { $0.isFinite && $0 >= 0 }.sorted()
    }

    /// Own types in (lo, hi) where θ ↦ P(θ, U(θ)) may fail to be smooth for
    /// the own indirect utility U: where U crosses a utility level (independent,
    /// copula) or a rival's utility U_j(θ + d_j), and the rivals' kinks (perfect).
    func typeBreakpoints(_ ownUtility: PiecewiseUtility, in lo: Double, _ hi: Double) -> [Double] {
        var out: [Double] = []
        switch dependence {
        case .independent, .copula:
            for level in utilityLevels {
                out.append(ownUtility.infInverse(level))
                out.append(ownUtility.supInverse(level))
            }
        case let .perfect(d):
            for (j, o) in opponents.enumerated() {
                out += ownUtility.crossings(with: o.menu.utility, shift: d[j], in: lo, hi)
                out += o.menu.kinks.map { $0 - d[j] }
                out.append(-d[j])
            }
        }
        return out.filter { $0.isFinite && $0 > lo && $0 < hi }
    }
}

/// Extra quadrature breakpoints for sharply peaked densities, so that an
/// adaptive rule cannot step over a narrow peak: a truncated normal's mean ±
/// {0, ½, 1, 2, 3, 5, 8} standard deviations (recursively for mixtures).
func quadratureHints(_ d: TypeDistribution) -> [Double] {
    var out: [Double] = []
    switch d.family {
    case let .truncatedNormal(mean, sd):
        for k in [0.0, 0.5, 1, 2, 3, 5, 8] { out.append(mean - k * sd); out.append(mean + k * sd) }
    case let .mixture(_, cs):
        for c in cs { out += quadratureHints(c) }
    default:
        break
    }
    return Array(Set(out.filter { $0 > 0 && $0 < d.upper })).sorted()
}
