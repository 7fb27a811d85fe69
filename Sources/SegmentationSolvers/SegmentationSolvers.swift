// The solver kinds of the Segmentation module (migration shim: the kinds still
// live in the model module until they move here as typed declarations).

import Harness
import Segmentation
import Numerics

/// Every solver kind of the Segmentation module.
public let segmentationSolvers: [SolverKind] = Environment.solverKinds
