// Invalid input to the competitive-screening models. Each case names the
// model concept at fault (a valuation law's argument, a contract of a menu,
// a firm of a market, a numerical setting of a solver) and carries the
// offending facts; `expected` and `found` render them. Spec keys are the
// solver layer's business (CompetitiveScreeningSolvers maps every case to
// the key path of the parameter it came from).

import Distributions
import Foundation
import Numerics

/// The text forms of the model's objects.
public enum TextForm: Sendable, Equatable, CustomStringConvertible {
    /// A valuation law (Distributions/DistributionSyntax.swift).
    case valuationLaw
    /// A competing firm's menu (OpponentMenuSyntax.swift).
    case opponentMenu
    /// Firm i's own menu or allocation rule (MenuEvaluation.swift).
    case ownMenu
    /// The dependence of the valuations (WinningProbability.swift).
    case dependence
    /// The law of Δ = θ₁ − θ₂ (NonExclusiveDuopoly.swift).
    case relativePreference

    public var description: String {
        switch self {
        case .valuationLaw: return "valuation law"
        case .opponentMenu: return "opponent menu"
        case .ownMenu: return "own menu"
        case .dependence: return "dependence between the valuations"
        case .relativePreference: return "relative-preference law"
        }
    }
}

/// A valuation law's role in a model (whose law an error is about).
public enum LawRole: Sendable, Equatable, CustomStringConvertible {
    /// Firm i's own valuation θ_i (firm 1 of a duopoly).
    case own
    /// The competitor's valuation θ_j (firm 2 of a duopoly; the opponent `index` of a menu environment).
    case opponent(index: Int)
    /// Firm k of a posted-price market (0-based).
    case firm(Int)
    /// The base law X of a shifted relative preference Δ = Δ_lo + X.
    case relativeBase

    public var description: String {
        switch self {
        case .own: return "the own valuation law"
        case let .opponent(j): return "the valuation law of opponent \(j + 1)"
        case let .firm(k): return "firm \(k + 1)'s valuation law"
        case .relativeBase: return "the base law of Δ"
        }
    }
}

/// A numerical setting of a solver (grid sizes, tolerances, steps).
public enum NumericalSetting: Sendable, Equatable, CustomStringConvertible {
    /// Grid points of the one-dimensional density-condition checks.
    case conditionGrid
    /// Grid points per axis of the two-dimensional (θ, v) checks of Defs 5.1–5.2.
    case pairGrid
    /// Grid points over the support of Δ (Props 4.3–4.4).
    case relativeGrid
    /// Zero tolerance of a margin's verdict.
    case zeroTolerance
    /// Bracket width at which a bisection stops.
    case bisectionTolerance
    /// The smallest opponent valuation (a fraction of its support) at which the raw Def 5.2 form is checked.
    case rawFloor
    /// Grid of each global best response (posted prices).
    case bestResponseGrid
    /// Grid of the best responses inside best-response rounds.
    case roundGrid
    /// Grid points per axis of Lemma A.2's mixed differences.
    case differenceGrid
    /// Step of the best-response slopes' difference quotients.
    case differenceStep
    /// Prices scanned by the duopoly fixed-point scan.
    case scanPoints
    /// Uniform cells of the lattice DP.
    case cells
    /// L, allocation steps of the lattice DP.
    case allocationLevels
    /// M, utility levels of the lattice DP.
    case utilityLevels
    /// Gauss–Legendre nodes per cell of the lattice DP.
    case gaussNodes
    /// Grid steps of the finite-type brute force.
    case bruteForceSteps
    /// Cells of the perfect-correlation dual bound.
    case boundCells

    public var description: String {
        switch self {
        case .conditionGrid: return "grid of the density-condition check"
        case .pairGrid: return "grid per axis of the (θ, v) check"
        case .relativeGrid: return "grid over the support of Δ"
        case .zeroTolerance: return "zero tolerance"
        case .bisectionTolerance: return "bisection tolerance"
        case .rawFloor: return "smallest θ₂ of the raw-form check"
        case .bestResponseGrid: return "grid of the global best response"
        case .roundGrid: return "grid of the best-response rounds"
        case .differenceGrid: return "grid per axis of the mixed differences"
        case .differenceStep: return "difference step"
        case .scanPoints: return "scan points"
        case .cells: return "lattice cells"
        case .allocationLevels: return "allocation levels"
        case .utilityLevels: return "utility levels"
        case .gaussNodes: return "Gauss–Legendre nodes"
        case .bruteForceSteps: return "brute-force grid steps"
        case .boundCells: return "cells of the dual bound"
        }
    }
}

/// Invalid input to a competitive-screening model.
public indirect enum CompetitiveScreeningError: Error, CustomStringConvertible, Equatable, Sendable {
    // MARK: Text forms

    /// A text form could not be read: `expected` at `position`.
    case syntax(form: TextForm, position: TextPosition, expected: String)
    /// An error inside entry `index` (0-based) of an opponent profile "MENU @ LAW; …".
    case inOpponentEntry(index: Int, CompetitiveScreeningError)
    /// An error inside one law of a composite object (the laws of Δ, an opponent's law).
    case inLaw(role: LawRole, CompetitiveScreeningError)

    // MARK: Valuation laws (Sec 2)

    /// A valuation law that could not be read or whose family's argument is outside its domain
    /// (the shared Distributions module's error: the argument, the mixture component, the position).
    case law(DistributionError)
    /// A law with atoms where a density is needed (`purpose` says what needs it).
    case lawHasAtoms(role: LawRole, law: String, purpose: String)
    /// A law whose density is unbounded at an end of its support (Def 5.2 needs f₁ continuous).
    case unboundedDensity(role: LawRole, law: String)
    /// 2f + θf′ is not finite on [0, θ̄] (Def 5.2).
    case infiniteDensityRegularity(role: LawRole, margin: Double)
    /// Def 5.2 fails at ρ = 0 (the law is not density-regular), so no ρ threshold exists.
    case notDensityRegular(role: LawRole, margin: Double, at: Double)

    // MARK: Dependence (Sec 5)

    /// An FGM dependence parameter outside [−1, 1].
    case fgmParameter(rho: Double)
    /// A copula links exactly two firms: `firms` were given.
    case copulaNeedsDuopoly(firms: Int)
    /// A copula needs atomless marginals.
    case copulaNeedsContinuousLaw(role: LawRole, law: String)
    /// Perfect correlation: one offset per opponent.
    case offsetCount(offsets: Int, opponents: Int)
    /// Perfect correlation: a non-finite offset.
    case nonFiniteOffset(opponent: Int, value: Double)

    // MARK: Posted-price markets (Sec 3.3)

    /// Fewer than two firms.
    case tooFewFirms(Int)
    /// A duopoly computation (the fixed-point scan) on `firms` firms.
    case notDuopoly(firms: Int)
    /// A firm index (0-based) outside 0..<firms.
    case noSuchFirm(Int, firms: Int)
    /// The opponent is the responding firm itself (0-based).
    case opponentIsFirm(Int)
    /// A price profile without one price per firm.
    case priceCount(prices: Int, firms: Int)
    /// A price outside [0, θ̄_k] of firm k (0-based).
    case priceOutsideSupport(firm: Int, price: Double, upper: Double)
    /// A symmetric computation on firms with different laws.
    case asymmetricMarket(laws: [String])
    /// A root bracket [lo, hi] outside [0, θ̄].
    case rootBracket(lo: Double, hi: Double, upper: Double)

    // MARK: Tie search (Theorem 3.1)

    /// The tuned opponent (0-based) is not an opponent of firm 1.
    case tunedOpponent(Int, firms: Int)
    /// The mixture's two components have different supports.
    case mixtureSupports(low: Double, high: Double)
    /// The tuned parameter's interval is empty or outside its domain.
    case tuningInterval(lower: Double, upper: Double, allowed: String)
    /// Firm 1's two local revenue maxima do not swap order on the interval.
    case maximaDoNotSwap(differenceAtLower: Double, differenceAtUpper: Double)
    /// The split price is outside (0, θ̄_1).
    case splitOutsideSupport(split: Double, upper: Double)
    /// The split does not separate two interior local maxima of ER_1.
    case splitNotBetweenMaxima(split: Double, low: Double, high: Double)
    /// Without a split: ER_1 has fewer than two local maxima at every tuned
    /// value tried (`found` at `parameter`, the value with the fewest).
    case fewerThanTwoLocalMaxima(parameter: Double, found: Int)

    // MARK: Menus (Secs 2, 3.1)

    /// A contract (0-based) whose allocation is outside [0, 1].
    case contractAllocation(contract: Int, allocation: Rational)
    /// A contract (0-based) with a negative transfer.
    case contractTransfer(contract: Int, transfer: Rational)
    /// A negative posted price.
    case negativePrice(Rational)
    /// A tariff cost c ≤ 0.
    case tariffCost(Rational)
    /// A tariff given as firm i's own menu.
    case tariffAsOwnMenu(text: String)
    /// A binding menu needs a finite own law with one allocation per atom.
    case bindingAllocationCount(allocations: Int, atoms: Int)
    /// A binding menu's allocation (0-based) outside [0, 1] or below the previous one.
    case bindingAllocation(index: Int, allocation: Rational)
    /// An allocation rule whose knots, values and slopes differ in number (or are empty).
    case ruleShape(knots: Int, values: Int, slopes: Int)
    /// An allocation rule whose first knot is not 0.
    case ruleFirstKnot(Double)
    /// An allocation rule whose knots do not increase.
    case ruleKnotOrder(index: Int, knot: Double, previous: Double)
    /// An allocation rule piece (0-based) with a negative or non-finite slope.
    case ruleSlope(piece: Int, slope: Double)
    /// An allocation rule piece whose allocations leave [0, 1].
    case ruleAllocationRange(piece: Int, from: Double, to: Double)
    /// An allocation rule that decreases at the start of a piece.
    case ruleDecreasing(piece: Int, allocation: Double, previous: Double)
    /// A copula links exactly one competing menu (`menus` were given).
    case copulaOpponentCount(menus: Int)

    // MARK: Finite-type optimiser (Examples 3.1, 5.3)

    /// The exact optimiser takes 1 to 3 types, each with one mass.
    case finiteTypeCount(types: Int, masses: Int)
    /// Types must be ≥ 0 and increasing.
    case typeOrder(index: Int, type: Rational)
    /// Masses must be positive.
    case typeMass(index: Int, mass: Rational)
    /// Masses must sum to 1.
    case massSum(Rational)
    /// The own law must be finite (atoms only).
    case ownLawNotFinite(law: String)
    /// The exact optimiser needs independent or perfectly correlated valuations.
    case copulaInExactOptimiser(dependence: String)
    /// The one-dimensional perfect-correlation method does not apply.
    case perfectCorrelationBound(reason: String)
    /// The exact optimiser needs opponents whose inverse utility is rational (no tariff).
    case tariffInExactOptimiser(menu: String)
    /// The exact optimiser needs uniform or finite opponent laws.
    case opponentLawInExactOptimiser(law: String)
    /// The winning probability is not piecewise linear in u.
    case nonlinearWinningProbability(type: Rational, from: Rational, to: String)
    /// The excluded type (0-based) of a posted-price family is out of range.
    case excludedType(Int, types: Int)
    /// No menu of the family is feasible.
    case infeasibleFamily
    /// A two-type computation on a problem with another number of types.
    case notTwoTypes(Int)
    /// θ_H ≤ θ_L in a two-type problem.
    case typesNotIncreasing(low: Rational, high: Rational)

    // MARK: Lattice DP (Sec 3.1)

    /// The lattice would exceed the memory limit; `largest` is its largest dimension.
    case latticeTooLarge(cells: Int, utilityLevels: Int, allocationLevels: Int, gibibytes: Double, largest: NumericalSetting)

    // MARK: Conditions along a family (Def 3.1)

    /// The interval [from, to] is not finite and increasing.
    case interval(from: Double, to: Double)
    /// The condition has the same status at both ends of the interval.
    case sameStatusAtBothEnds(condition: String, holds: Bool, from: Double, to: Double)
    /// A non-finite shift Δ_lo.
    case nonFiniteShift(Double)

    // MARK: Numerical settings

    /// A numerical setting outside its range.
    case setting(NumericalSetting, value: String, allowed: String)


    /// What was required.
    public var expected: String { parts.expected }
    /// What was received.
    public var found: String { parts.found }

    public var description: String { "expected \(expected), found \(found)" }

    private var parts: (expected: String, found: String) {
        let n = TypeDistribution.number
        switch self {
        case let .syntax(form, position, expected):
            return ("\(expected) in the \(form)", position.description)
        case let .inOpponentEntry(index, inner):
            return ("\(inner.expected) (opponent \(index + 1))", inner.found)
        case let .inLaw(role, inner):
            return ("\(inner.expected) (\(role))", inner.found)
        case let .law(.syntax(position, expected)):
            return ("\(expected) in the \(TextForm.valuationLaw)", position.description)
        case let .law(e):
            return (e.expected, e.found)
        case let .lawHasAtoms(role, law, purpose):
            return ("\(role) with a density (no atoms): \(purpose)", law)
        case let .unboundedDensity(role, law):
            return ("\(role) with a bounded density on [0, θ̄] (Def 5.2 needs f₁ continuous)", law)
        case let .infiniteDensityRegularity(role, margin):
            return ("\(role) with finite 2f + θf′ on [0, θ̄] (Def 5.2)", "min 2f + θf′ = \(margin)")
        case let .notDensityRegular(role, margin, at):
            return ("\(role) (weakly) density-regular: otherwise Def 5.2 fails at every ρ (at θ₂ = θ̄₂ it is (2f₁ + θf₁′)/2 whatever ρ) and there is no threshold",
                    "min 2f + θf′ = \(conditionText(margin)) at θ = \(conditionText(at))")
        case let .fgmParameter(rho):
            return ("an FGM dependence parameter ρ ∈ [−1, 1]", "\(rho)")
        case let .copulaNeedsDuopoly(firms):
            return ("a copula only for a duopoly (two firms)", "\(firms) firms")
        case let .copulaNeedsContinuousLaw(role, law):
            return ("\(role) atomless when valuations are linked by a copula", law)
        case let .offsetCount(offsets, opponents):
            return ("one offset per opponent (\(opponents))", "\(offsets) offsets")
        case let .nonFiniteOffset(opponent, value):
            return ("a finite offset for opponent \(opponent + 1)", "\(value)")
        case let .tooFewFirms(k):
            return ("at least two firms", "\(k)")
        case let .notDuopoly(firms):
            return ("a duopoly for the fixed-point scan", "\(firms)")
        case let .noSuchFirm(i, firms):
            return ("a firm 1…\(firms)", "\(i + 1)")
        case let .opponentIsFirm(j):
            return ("an opponent other than the firm itself", "\(j + 1)")
        case let .priceCount(prices, firms):
            return ("one price per firm (\(firms))", "\(prices) prices")
        case let .priceOutsideSupport(firm, price, upper):
            return ("a price of firm \(firm + 1) in [0, θ̄] = [0, \(n(upper))]", "\(price)")
        case let .asymmetricMarket(laws):
            return ("identical valuation laws for a symmetric computation", laws.joined(separator: "; "))
        case let .rootBracket(lo, hi, upper):
            return ("a bracket with 0 ≤ lo < hi ≤ θ̄ = \(n(upper))", "[\(lo), \(hi)]")
        case let .tunedOpponent(j, firms):
            return ("an opponent of firm 1 (2…\(firms))", "\(j + 1)")
        case let .mixtureSupports(low, high):
            return ("the same θ̄ as the low component (\(n(low)))", n(high))
        case let .tuningInterval(lower, upper, allowed):
            return ("an interval \(allowed)", "[\(lower), \(upper)]")
        case let .maximaDoNotSwap(a, b):
            return ("an interval on which firm 1's two local revenue maxima swap order", "differences \(a) and \(b) at its ends")
        case let .splitOutsideSupport(split, upper):
            return ("a split price inside (0, θ̄_1) = (0, \(n(upper)))", "\(split)")
        case let .splitNotBetweenMaxima(_, low, high):
            return ("a split between two interior local maxima of ER_1 (revenue single-peaked across it)", "maxima at \(low) and \(high)")
        case let .fewerThanTwoLocalMaxima(t, found):
            return ("an interval on which firm 1's revenue has two local maxima at some tuned value", "at most \(found) local maximum (e.g. at \(t))")
        case let .contractAllocation(k, q):
            return ("an allocation q ∈ [0, 1] in contract \(k + 1)", q.description)
        case let .contractTransfer(k, t):
            return ("a transfer t ≥ 0 in contract \(k + 1) (contracts are in [0, 1] × ℝ≥0)", t.description)
        case let .negativePrice(p):
            return ("a posted price p ≥ 0", p.description)
        case let .tariffCost(c):
            return ("a tariff cost c > 0 (transfers c q²/2)", c.description)
        case let .tariffAsOwnMenu(text):
            return ("an own menu: posted(p), menu([…]), binding([…]) or rule(…)", text)
        case let .bindingAllocationCount(allocations, atoms):
            return ("one allocation per atom of a finite own law (\(atoms) atoms)", "\(allocations) allocations")
        case let .bindingAllocation(k, q):
            return ("non-decreasing allocations in [0, 1] (allocation \(k + 1))", q.description)
        case let .ruleShape(knots, values, slopes):
            return ("as many knots, values and slopes (at least one)", "\(knots), \(values), \(slopes)")
        case let .ruleFirstKnot(x):
            return ("the first knot at 0", "\(x)")
        case let .ruleKnotOrder(k, knot, previous):
            return ("strictly increasing knots (knot \(k + 1))", "\(knot) after \(previous)")
        case let .ruleSlope(k, s):
            return ("a non-negative slope on piece \(k + 1) (q non-decreasing)", "\(s)")
        case let .ruleAllocationRange(k, from, to):
            return ("allocations in [0, 1] on piece \(k + 1)", "q from \(from) to \(to)")
        case let .ruleDecreasing(k, q, previous):
            return ("a non-decreasing allocation rule (piece \(k + 1))", "\(q) after \(previous)")
        case let .copulaOpponentCount(menus):
            return ("exactly one competing menu when valuations are linked by a copula (a duopoly, Sec 5.1)", "\(menus)")
        case let .finiteTypeCount(types, masses):
            return ("1 to 3 atoms with one mass each (the finite-type optimiser)", "\(types) types, \(masses) masses")
        case let .typeOrder(k, t):
            return ("increasing types ≥ 0 (type \(k + 1))", t.description)
        case let .typeMass(k, m):
            return ("a positive mass of type \(k + 1)", m.description)
        case let .massSum(s):
            return ("masses summing to 1", s.description)
        case let .ownLawNotFinite(law):
            return ("a finite own law (atoms only)", law)
        case let .copulaInExactOptimiser(dependence):
            return ("independent or perfect correlation for the exact finite-type optimiser (a copula makes P nonlinear in u)", dependence)
        case let .perfectCorrelationBound(reason):
            return ("perfect correlation, an atomless own law and no rival utility at type 0 (the one-dimensional method)", reason)
        case let .tariffInExactOptimiser(menu):
            return ("posted prices or finite menus against independent valuations (the tariff's inverse is not piecewise linear)", menu)
        case let .opponentLawInExactOptimiser(law):
            return ("uniform or finitely-supported opponent valuations for the exact finite-type optimiser", law)
        case let .nonlinearWinningProbability(_, from, to):
            return ("a winning probability piecewise linear in u (one opponent with uniform or finite valuations, or perfect correlation)",
                    "P not linear on (\(from), \(to))")
        case let .excludedType(k, types):
            return ("0 to \(types - 1) excluded types", "\(k)")
        case .infeasibleFamily:
            return ("a feasible menu in the family", "none")
        case let .notTwoTypes(k):
            return ("two types", "\(k)")
        case let .typesNotIncreasing(low, high):
            return ("θ_H > θ_L = \(low)", high.description)
        case let .latticeTooLarge(cells, m, l, gib, _):
            return ("a lattice within \(LatticeSettings.memoryLimit >> 30) GiB (cells × utility levels × (allocation levels + 1) × policy bytes)",
                    "\(cells) cells × \(m) utility levels × \(l + 1) allocation levels ≈ \(String(format: "%.2f GiB", gib))")
        case let .interval(from, to):
            return ("a finite interval from < to", "[\(from), \(to)]")
        case let .sameStatusAtBothEnds(condition, holds, from, to):
            return ("an interval on whose ends \(condition) differs", "\(holds ? "satisfied" : "violated") at both \(from) and \(to)")
        case let .nonFiniteShift(x):
            return ("a finite shift Δ_lo", "\(x)")
        case let .setting(s, value, allowed):
            return ("\(allowed) (\(s))", value)
        }
    }
}

/// A margin or argmin as text: ten significant digits, "inf"/"-inf" for the
/// one-sided limits at singular support ends.
public func conditionText(_ x: Double) -> String {
    if x == .infinity { return "inf" }
    if x == -.infinity { return "-inf" }
    if x == 0 { return "0" }
    return String(format: "%.10g", x)
}

@inline(__always)
func require(_ condition: Bool, _ error: @autoclosure () -> CompetitiveScreeningError) throws {
    if !condition { throw error() }
}

/// Runs `body` (which builds or parses a distribution), reporting a
/// distribution error as a valuation-law error.
public func valuationLaw<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as DistributionError { throw CompetitiveScreeningError.law(e) }
}
