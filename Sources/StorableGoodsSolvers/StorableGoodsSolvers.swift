// The solver kinds of the StorableGoods module (migration shim: the kinds still
// live in the model module until they move here as typed declarations).

import Harness
import StorableGoods
import Numerics

/// Every solver kind of the StorableGoods module.
public let storableGoodsSolvers: [SolverKind] = StorableGoodsMarket.solverKinds
