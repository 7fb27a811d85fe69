import Harness

extension CompetitiveScreeningKinds {
    static var postedPriceKinds: [SolverKind] { [] }
}
