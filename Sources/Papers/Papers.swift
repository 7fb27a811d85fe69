// The composition root: the solver kinds of every model module. Adding a
// paper adds its module's solver list here; the harness and runner never change.

import ClassPricingSolvers
import CompetitiveInformationDesignSolvers
import CompetitiveScreeningSolvers
import Harness
import SegmentationSolvers
import StorableGoodsSolvers

/// Every solver kind of every paper's model module.
public let allSolverKinds: [SolverKind] = storableGoodsSolvers + segmentationSolvers + informationDesignSolvers
    + classPricingSolvers + screeningSolvers

/// The registry `replicate` and the benchmarks use.
public let paperRegistry = Registry(allSolverKinds)
