// The solver kinds of Bergemann, Brooks & Morris, "On the Alignment of
// Consumer Surplus and Total Surplus under Competitive Price Discrimination",
// as typed declarations over the CompetitiveInformationDesign model:
// * HotellingParameters.swift, HotellingKinds.swift — Sec. IV: the Hotelling model (Theorem 3, Example 4, Figure 2);
// * AsymmetricHotellingKind.swift — the Hotelling model with an asymmetric prior (the remark after Theorem 3);
// * BertrandParameters.swift, DiscreteKinds.swift — Sec. I–III: discrete Bertrand environments (Example 1, Theorem 1);
// * MonopolyKind.swift — Example 3: monopoly with consumer information;
// * MonopolySegmentationKinds.swift — the monopoly benchmark (BBM 2015): consumer-optimal segmentation, (CS, PS) set.
// * BuyerOptimalSignalKind.swift — Sec. III.B: the buyer-optimal consumer information (Roesler–Szentes 2017).

import Harness

/// Every solver kind of the CompetitiveInformationDesign module.
public let informationDesignSolvers: [SolverKind] = [
    hotellingOptimum, hotellingFamily, hotellingBCurve, hotellingDensity, uninformedProducers, theorem1Property,
    residualTable, conditionalResiduals, theorem1Welfare, monopolyConsumerInformation,
    monopolySegmentation, monopolySurplusSet, hotellingAsymmetric, monopolyBuyerOptimalSignal,
]
