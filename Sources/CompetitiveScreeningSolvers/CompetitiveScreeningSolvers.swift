// The solver kinds of the CompetitiveScreening module (ho-2026), one file per
// part of the paper:
//   DensityConditionSolvers.swift     Def 3.1, Secs 3.2–3.3 (one density)
//   CorrelatedConditionSolvers.swift  Sec 5.1, Defs 5.1–5.2, Example 5.1
//   RelativePreferenceSolvers.swift   Sec 4, Props 4.3–4.4
//   PostedPriceSolvers.swift          Sec 3.3, Lemmas A.2–A.3 (revenue, equilibrium, BR curves)
//   PostedPriceExistenceSolvers.swift Theorem 3.1 / Corollary 3.1 (ties, duopoly fixed points)
//   MenuSolvers.swift                 Secs 3.1, 5.1–5.2 (menu revenue, choices, thresholds)
//   MenuOptimisationSolvers.swift     Sec 3.1 problem (3), Sec 5.2 (one-dimensional), Examples 3.1, 5.3
// Model errors (CompetitiveScreeningError) are reported at the key path of
// the parameter they came from.

import CompetitiveScreening
import Harness
import Numerics

/// Every solver kind of the CompetitiveScreening module.
public let screeningSolvers: [SolverKind] = [
    densityConditions, densityConditionThreshold, correlatedConditions, correlationThreshold,
    relativePreference, relativePreferenceConditions,
    postedPriceEquilibrium, postedPriceBestResponse, postedPriceRevenue, postedPriceLogRevenueDifferences,
    postedPriceEqualMaxima, postedPriceDuopolyFixedPoints,
    menuRevenue, menuChoices, menuThreshold, postedAgainstMenus, menuBestResponse, perfectCorrelationMenu, finiteTypeMenu, twoTypePostedOpponent,
]

/// Runs `body`, reporting a model error at `key` (exit status 2, nothing written).
func at<T>(_ key: ParameterKey, _ body: () throws -> T) throws -> T {
    try reportingModelErrors(CompetitiveScreeningError.self, as: { inputError(key, $0) }, body)
}

/// A model error as an input error at `key`.
func inputError(_ key: ParameterKey, _ e: CompetitiveScreeningError) -> SolverInputError {
    SolverInputError(key, expected: e.expected, found: e.found)
}


extension TieBreaking: ParameterChoice {}
extension DensityCondition: ParameterChoice {}
