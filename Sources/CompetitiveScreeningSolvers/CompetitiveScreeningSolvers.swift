// The solver kinds of the CompetitiveScreening module (migration shim: the kinds still
// live in the model module until they move here as typed declarations).

import Harness
import CompetitiveScreening
import Numerics

/// Every solver kind of the CompetitiveScreening module.
public let screeningSolvers: [SolverKind] = CompetitiveScreeningKinds.all
