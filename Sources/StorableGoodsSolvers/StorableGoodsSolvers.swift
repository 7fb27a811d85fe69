// The solver kinds of Berbeglia, Boodaghians & Vetta (2021), "Tight Bounds on
// the Relative Performances of Pricing Optimization Mechanisms in Storable
// Good Markets", as typed declarations over the StorableGoods model:
// * MarketParameters.swift — parameters the market-level kinds share;
// * MarketKinds.swift — Sections 1–2 on any market: Π^PA against Π^CP, announced prices, reservation prices;
// * ConstructionKinds.swift — Section 3: the construction G(n);
// * Theorem41Kind.swift — Section 4: Theorem 4.1's chain on random markets;
// * StrategyProfileKinds.swift — Section 3.2: single-shot / restricted-eager checked as a strategy profile;
// * BenchmarkKinds.swift — Section 4's Π^F and Σv on their own, and G(n)'s σ_i.

import Harness

/// Every solver kind of the StorableGoods module.
public let storableGoodsSolvers: [SolverKind] = [
    pricingComparison, announcedPrices, reservationPrices,
    constructionTable, constructionLemmas, constructionCP, constructionGrowth,
    theorem41,
    strategyProfileCheck, strategyProfileViolations,
    fixedPriceBenchmark, constructionBenchmarks, constructionSigma,
]
