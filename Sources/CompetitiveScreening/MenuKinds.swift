import Harness

extension CompetitiveScreeningKinds {
    static var menuKinds: [SolverKind] { [] }
}
