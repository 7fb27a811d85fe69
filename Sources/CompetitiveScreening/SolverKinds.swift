// The solver kinds this module offers to experiment specs, one list per part
// of the paper (each defined next to the glue of that part).

import Harness

/// Every solver kind of the screening-under-competition paper.
public enum CompetitiveScreeningKinds {
    public static var all: [SolverKind] { conditionKinds + postedPriceKinds + menuKinds }
}
