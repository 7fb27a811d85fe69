// The solver kinds of the ClassPricing module (migration shim: the kinds still
// live in the model module until they move here as typed declarations).

import Harness
import ClassPricing
import Numerics

/// Every solver kind of the ClassPricing module.
public let classPricingSolvers: [SolverKind] = UniformClassPricing.solverKinds + BilateralTrade<Rational>.solverKinds + SellerProblem.solverKinds
