// The solver kinds of the CompetitiveInformationDesign module (migration shim: the kinds still
// live in the model module until they move here as typed declarations).

import Harness
import CompetitiveInformationDesign
import Numerics

/// Every solver kind of the CompetitiveInformationDesign module.
public let informationDesignSolvers: [SolverKind] = BertrandEnvironment.solverKinds
