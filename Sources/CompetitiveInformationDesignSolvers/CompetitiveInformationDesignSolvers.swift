// The solver kinds of Bergemann, Brooks & Morris, "On the Alignment of
// Consumer Surplus and Total Surplus under Competitive Price Discrimination",
// as typed declarations over the CompetitiveInformationDesign model:
// * HotellingParameters.swift, HotellingKinds.swift — Sec. IV: the Hotelling model (Theorem 3, Example 4, Figure 2);
// * BertrandParameters.swift, DiscreteKinds.swift — Sec. I–III: discrete Bertrand environments (Example 1, Theorem 1);
// * MonopolyKind.swift — Example 3: monopoly with consumer information.

import Harness

/// Every solver kind of the CompetitiveInformationDesign module.
public let informationDesignSolvers: [SolverKind] = [
    hotellingOptimum, hotellingFamily, hotellingBCurve, hotellingDensity, uninformedProducers, theorem1Property,
    residualTable, conditionalResiduals, theorem1Welfare, monopolyConsumerInformation,
]
