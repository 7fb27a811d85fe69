// The composition root: the solver kinds of every model module. Adding a
// paper adds its module's list here; the harness and runner never change.

import ClassPricing
import CompetitiveInformationDesign
import CompetitiveScreening
import Harness
import Numerics
import Segmentation
import StorableGoods

/// Every solver kind of every paper's model module.
public let allSolverKinds: [SolverKind] = StorableGoodsMarket.solverKinds + Environment.solverKinds
    + BertrandEnvironment.solverKinds + UniformClassPricing.solverKinds
    + BilateralTrade<Rational>.solverKinds + SellerProblem.solverKinds
    + CompetitiveScreeningKinds.all

/// The registry `replicate` and the benchmarks use.
public let paperRegistry = Registry(allSolverKinds)
