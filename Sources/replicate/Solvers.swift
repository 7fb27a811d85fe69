// The composition root: the solver kinds of all model modules. Adding a paper
// adds its module's list here; the runner itself never changes.

import Harness

let allSolverKinds: [SolverKind] = []
