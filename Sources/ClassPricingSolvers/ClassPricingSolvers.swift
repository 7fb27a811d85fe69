// The solver kinds of the class-pricing paper (Wernerfelt 2008), one file per
// section: footnote 2 (Footnote2Solvers), Sec. III.4 and the Appendix
// (GameFormSolvers), Finding 1 (Finding1Solvers), Propositions 1–3
// (PropositionSolvers), Remark 1B (Remark1BSolvers) and Sec. IV's comparative
// statics (OptimalClassesSolvers; any common demand F: DemandClassSolvers). Glue only: every number comes from the
// ClassPricing model called with the spec's parameters; model errors are
// mapped here to the spec keys that supplied the offending values.

import ClassPricing
import Harness
import Numerics

/// Every solver kind of the ClassPricing module.
public let classPricingSolvers: [SolverKind] = [
    optimalKSchedule, gameForms, equallySpacedLoss, equallySpacedOptimalK,
    gameFormCases, gameFormSummary, gameFormTies, gameFormMap,
    finding1Uniform, minSSDVsOptimum, minSSDVsOptimumSummary, noInterlacing, twoTypeValues,
    optimalClasses, optimalClassesPower, optimalClassesSpaced, optimalClassesDistribution,
]

/// A short decimal rendering of an exact number (up to 6 places when exact, else a/b).
func show(_ x: Rational) -> String { x.exactDecimalString(maxPlaces: 6) ?? x.description }

/// "(x_1, x_2, …)" with `show` for each.
func show(_ xs: [Rational]) -> String { "(" + xs.map { show($0) }.joined(separator: ", ") + ")" }

/// A seller problem with uniform F (exponent 1) or power-family F = x^a per version, r = 0, B = 1.
func powerProblem(costs: [Rational], exponents: [Rational]) throws -> SellerProblem {
    let versions = try zip(costs, exponents).map { c, a in
        try Version(cost: c, distribution: a == .one ? .uniform : .power(a.doubleValue))
    }
    return try SellerProblem(versions: versions, r: 0, B: 1)
}
