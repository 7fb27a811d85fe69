import Harness

extension CompetitiveScreeningKinds {
    static var conditionKinds: [SolverKind] { [] }
}
