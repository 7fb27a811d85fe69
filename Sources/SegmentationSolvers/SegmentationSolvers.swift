// The solver kinds of the Segmentation module (Haghpanah & Siegel 2022), as
// typed declarations: one file per section of the paper.
//
//   TwoTypeFamilySolvers.swift         Sec 3.1.1: the two-type family, its summary, one market
//   MarketSolvers.swift                Sec 4.1 and Sec 5: any market's mechanism and construction, the linear environment
//   PaymentPolytopeSolvers.swift       Sec 4.2, Fig 4: the payment polytope, its ties, markets as directions
//   BundlingSolvers.swift              App A.3.3: bundling
//   IncreasingAlternativesSolvers.swift App A.4, Fig 6: the environments E_k and their continuum limit
//   PropertyCheckSolvers.swift         Theorem 1 and Props 1–2 on random markets
//   DominanceSolvers.swift             Sec 3.1, 4.1.1: two-type markets dominating a market, their splits
//
// Shared parameters (EnvironmentParameters.swift), shared column groups
// (SharedColumns.swift) and the text renderings (Rendering.swift) are
// written once.

import Harness
import Segmentation

/// A selection rule is a choice parameter (its raw values are the names).
extension SelectionRule: ParameterChoice {}

/// Every solver kind of the Segmentation module.
public let segmentationSolvers: [SolverKind] = [
    marketKind, twoTypeFamilyKind, twoTypeSummaryKind, twoByTwoSummaryKind, twoTypeMarketKind,
    paymentPolytopeKind, paymentPolytopeTiesKind, linearEnvironmentKind, bundlingKind,
    increasingAlternativesKind, continuumLimitKind, propertyCheckKind,
    paymentPolytopeDirectionsKind, increasingAlternativesPiecesKind, twoTypeDominanceKind,
]
