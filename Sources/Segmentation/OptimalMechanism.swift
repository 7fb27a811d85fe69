// Section 3: optimal (revenue-maximising) IC-IR mechanisms and the selection
// rule among them.
//
// The program (on the market's support S, m = |S| types, k alternatives):
//   variables x(t, a) ≥ 0 for a = 1..k (x(t, 0) = 1 − Σ_a x(t, a) is the
//   slack of Σ_a x(t, a) ≤ 1) and net payments p(t) ≥ 0 (Section 3 defines
//   p : T → ℝ₊; footnote 7 says this is w.l.o.g.);
//   IR(t):     ṽ(t, x(t)) − p(t) ≥ 0,
//   IC(t→t'):  ṽ(t, x(t)) − p(t) ≥ ṽ(t, x(t')) − p(t'),
//   maximise Σ_t f(t) p(t).
// Every row is "≤" with a right-hand side 0 or 1, so the origin is feasible
// and the feasible set is bounded (p(t) ≤ max_a ṽ(t, a) by IR): the program
// always has an optimum. It is solved exactly in `Rational`.
//
// Selection (Section 3: "we fix a selection rule that specifies an optimal
// mechanism for each market ... if two markets have the same set of optimal
// mechanisms, then the same mechanism is selected"): a lexicographic LP over
// the optimal face. Every secondary objective is unweighted (it does not
// involve f), so the selected mechanism depends on the market only through
// its set of optimal mechanisms: the paper's consistency requirement holds.

import Numerics

/// A rule selecting one optimal mechanism from the optimal face.
///
/// Each rule is a lexicographic sequence of linear objectives maximised over
/// the set of revenue-maximising mechanisms, ending with a fixed order that
/// makes the choice unique: maximise p(t) for t in increasing index order,
/// then x(t, a) for (t, a) in increasing lexicographic order.
public enum SelectionRule: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Maximise total (unweighted) net welfare Σ_t ṽ(t, x(t)), then total
    /// consumer surplus Σ_t (ṽ(t, x(t)) − p(t)), then the fixed order. Selects
    /// the efficient mechanism whenever one is optimal (footnote 10's
    /// requirement for Proposition 1). This rule reproduces every tie-break the
    /// paper uses (Sec 3.1.1: q = 0.25 efficient, q = 0.75 in the intermediate
    /// interval; App A.4: closed-right intervals), so it is the default.
    case welfareFirst = "welfare-first"
    /// Maximise total consumer surplus, then total welfare, then the fixed order.
    case consumerFirst = "consumer-first"
    /// Minimise total consumer surplus, then minimise total welfare, then the
    /// fixed order (the rule worst for buyers; revenue is the same on the face).
    case buyerWorst = "buyer-worst"

    /// The default rule (welfare-first).
    public static let standard: SelectionRule = .welfareFirst

    /// The rule with spec name `name` ("welfare-first", "consumer-first", "buyer-worst").
    /// Throws `.unknownSelectionRule` for an unknown name. O(1).
    public init(name: String) throws {
        guard let rule = SelectionRule(rawValue: name) else {
            throw SegmentationError.unknownSelectionRule(name: name)
        }
        self = rule
    }

    public var description: String { rawValue }
}

/// The LP of Section 3 for one set of types (a market's support).
struct MechanismProgram: Sendable {
    let environment: Environment
    /// Environment indices of the program's types (increasing).
    let types: [Int]
    let k: Int
    var lp: LinearProgram<Rational>

    var m: Int { types.count }
    var variableCount: Int { m * k + m }
    func xIndex(_ i: Int, _ a: Int) -> Int { i * k + (a - 1) }
    func pIndex(_ i: Int) -> Int { m * k + i }

    /// Builds the constraints (no objective). O(m²·k) entries.
    init(environment: Environment, types: [Int]) {
        self.environment = environment
        self.types = types
        k = environment.alternativeCount
        let m = types.count
        let nv = m * k + m
        var lp = LinearProgram<Rational>(maximize: [Rational](repeating: .zero, count: nv))
        let names = environment.typeNames
        for i in 0..<m {
            var row = [Rational](repeating: .zero, count: nv)
            for a in 1...k { row[i * k + a - 1] = 1 }
            lp.add(row, .lessOrEqual, 1, label: "prob(\(names[types[i]]))")
        }
        for i in 0..<m {
            var row = [Rational](repeating: .zero, count: nv)
            for a in 1...k { row[i * k + a - 1] = -environment.netValuations[types[i]][a - 1] }
            row[m * k + i] = 1
            lp.add(row, .lessOrEqual, 0, label: "IR(\(names[types[i]]))")
        }
        for i in 0..<m {
            for j in 0..<m where j != i {
                var row = [Rational](repeating: .zero, count: nv)
                for a in 1...k {
                    let w = environment.netValuations[types[i]][a - 1]
                    row[i * k + a - 1] = -w
                    row[j * k + a - 1] = w
                }
                row[m * k + i] = 1
                row[m * k + j] = -1
                lp.add(row, .lessOrEqual, 0, label: "IC(\(names[types[i]])→\(names[types[j]]))")
            }
        }
        self.lp = lp
    }

    /// Σ_i g_i p(i) for a direction g over the program's types.
    func paymentObjective(_ g: [Rational]) -> [Rational] {
        var c = [Rational](repeating: .zero, count: variableCount)
        for i in 0..<m { c[pIndex(i)] = g[i] }
        return c
    }

    /// Σ_i ṽ(i, x(i)) (sign +1) or its negative.
    func welfareObjective(sign: Rational) -> [Rational] {
        var c = [Rational](repeating: .zero, count: variableCount)
        for i in 0..<m { for a in 1...k { c[xIndex(i, a)] = sign * environment.netValuations[types[i]][a - 1] } }
        return c
    }

    /// Σ_i (ṽ(i, x(i)) − p(i)) (sign +1) or its negative.
    func surplusObjective(sign: Rational) -> [Rational] {
        var c = welfareObjective(sign: sign)
        for i in 0..<m { c[pIndex(i)] = -sign }
        return c
    }

    /// The unit objective of variable v.
    func unit(_ v: Int) -> [Rational] {
        var c = [Rational](repeating: .zero, count: variableCount)
        c[v] = 1
        return c
    }

    /// The number of a selection rule's objectives after revenue: two
    /// surplus/welfare stages, then every p(i), then every x(i, a).
    var selectionObjectiveCount: Int { 2 + m + m * k }

    /// The rule's objectives after revenue (including the fixed final order).
    func selectionObjectives(_ rule: SelectionRule) -> [[Rational]] {
        (0..<selectionObjectiveCount).map { selectionObjective(rule, $0) }
    }

    /// The rule's objective number s after revenue, built alone (there are
    /// `selectionObjectiveCount` of them).
    func selectionObjective(_ rule: SelectionRule, _ s: Int) -> [Rational] {
        switch (rule, s) {
        case (.welfareFirst, 0): return welfareObjective(sign: 1)
        case (.welfareFirst, 1): return surplusObjective(sign: 1)
        case (.consumerFirst, 0): return surplusObjective(sign: 1)
        case (.consumerFirst, 1): return welfareObjective(sign: 1)
        case (.buyerWorst, 0): return surplusObjective(sign: -1)
        case (.buyerWorst, 1): return welfareObjective(sign: -1)
        default:
            // Then p(i) in index order, then x(i, a) in lexicographic order
            // (xIndex(i, a) = i·k + a − 1 enumerates them in that order).
            let t = s - 2
            return t < m ? unit(pIndex(t)) : unit(t - m)
        }
    }

    /// Lexicographic maximisation of `objectives` over the program's
    /// feasible set: stage s maximises objectives[s] over the optimal face of
    /// the previous stages. Stage 0 solves the full program; the later stages
    /// solve the face written exactly by complementary slackness (zero
    /// variables dropped, tight rows as equalities), a smaller program than
    /// the full one with the earlier optima pinned (the former method, kept
    /// as the reference of LexicographicFaceTests).
    /// The lexicographic optimum is unique in the coordinates the callers
    /// read (the objectives end with every unit, or every payment unit for
    /// `paymentVertex`), so both methods return the same x.
    ///
    /// Stages that cannot change the solution are skipped. After each solve,
    /// complementary slackness gives equalities valid on that stage's optimal
    /// face (variables with positive reduced cost are zero, rows with nonzero
    /// dual are tight); the faces are nested, so the equalities of all stages
    /// so far hold on the current face. An objective in their span (i.e.
    /// orthogonal to their null space) is constant on the face and its stage
    /// is skipped; when they have full rank the face is a single point and the
    /// loop ends. The span is kept incrementally (`RowSpaceBasis`). Both tests
    /// are sufficient conditions, so the result is exactly the lexicographic
    /// optimum. Returns the solution, the values of the stages actually solved
    /// and the first stage's solution. Throws `.linearProgramFailed` on failure.
    func lexicographic(_ objectives: [[Rational]], context: @autoclosure () -> String) throws -> (x: [Rational], stageValues: [Rational], first: LPSolution<Rational>, firstFaceSpan: RowSpaceBasis<Rational>?) {
        try lexicographic(count: objectives.count, objective: { objectives[$0] }, context: context())
    }

    /// As `lexicographic(_:context:)`, with objective s built on demand by
    /// `objective(s)` (the stages after the face becomes a point are never
    /// built). Also returns the span of the first stage's complementary-
    /// slackness equalities (`determinedVariables` of that solution; nil
    /// when there is a single objective).
    func lexicographic(count: Int, objective: (Int) -> [Rational], context: @autoclosure () -> String) throws -> (x: [Rational], stageValues: [Rational], first: LPSolution<Rational>, firstFaceSpan: RowSpaceBasis<Rational>?) {
        let n = variableCount
        let first = objective(0)
        // Stage 0 on the full program (its solution is returned as `first`,
        // duals included, so it is solved exactly as before).
        var program = lp
        program.objective = first
        let base = program
        let firstSolution = try SegmentationError.solving(context()) { try base.solve() }
        var values = [firstSolution.objectiveValue]
        var x = firstSolution.x
        if count == 1 { return (x, values, firstSolution, nil) }
        // The optimal face of the stages so far, F = {x feasible : x_j = 0
        // for j ∈ zero, row i tight for i ∈ tightRows} (complementary
        // slackness with each stage's optimal duals: a feasible point is
        // optimal iff it satisfies these equalities, so F is exactly the
        // nested optimal face; Chvátal ch. 5). Later stages maximise over F
        // written as a smaller program: the zero variables are dropped and
        // the tight rows become equalities, so no pinning rows are needed.
        var zero = [Bool](repeating: false, count: n)
        var tight = [Bool](repeating: false, count: lp.constraints.count)
        // The span of the equalities so far: an objective in it is constant
        // on the face (orthogonal to the equalities' null space); full rank
        // means the face is a point.
        var equalities = RowSpaceBasis<Rational>(columns: n)
        func record(_ current: LinearProgram<Rational>, _ solution: LPSolution<Rational>, rows rowMap: [Int], columns kept: [Int], objective c: [Rational]?) {
            // Units first: they reduce the later rows sparsely (the span,
            // hence every membership and rank test, does not depend on the
            // order of insertion).
            if let face = MechanismProgram.optimalFaceEqualityIndices(current, solution) {
                for j in face.zeroVariables where !zero[kept[j]] {
                    zero[kept[j]] = true
                    equalities.insert(unit(kept[j]))
                }
                for r in face.rows where !tight[rowMap[r]] {
                    tight[rowMap[r]] = true
                    equalities.insert(lp.constraints[rowMap[r]].coefficients)
                }
            }
            // c·x equals the stage's optimum on every later face.
            if let c { equalities.insert(c) }
        }
        record(base, firstSolution, rows: Array(0..<lp.constraints.count), columns: Array(0..<n), objective: nil)
        let firstFaceSpan = equalities
        equalities.insert(first)
        for s in 1..<count {
            if equalities.rank == n { break }
            let c = objective(s)
            if equalities.contains(c) { continue }
            let kept = (0..<n).filter { !zero[$0] }
            var reduced = LinearProgram<Rational>(maximize: kept.map { c[$0] })
            var rowMap: [Int] = []
            for (i, constraint) in lp.constraints.enumerated() {
                let coefficients = kept.map { constraint.coefficients[$0] }
                // A row without kept variables holds on F (F is nonempty).
                if coefficients.allSatisfy({ $0 == .zero }) { continue }
                reduced.add(coefficients, tight[i] ? .equal : constraint.relation, constraint.rhs, label: constraint.label)
                rowMap.append(i)
            }
            let current = reduced
            let solution = try SegmentationError.solving(context()) { try current.solve() }
            values.append(solution.objectiveValue)
            x = [Rational](repeating: .zero, count: n)
            for (column, j) in kept.enumerated() { x[j] = solution.x[column] }
            if s + 1 == count { break }
            record(current, solution, rows: rowMap, columns: kept, objective: c)
        }
        return (x, values, firstSolution, firstFaceSpan)
    }

    /// The equalities that complementary slackness imposes on every optimal
    /// solution of `program` (x ≥ 0, rows "≤" or "="), given the dual
    /// solution in `solution`: rows with a nonzero dual (and all equality
    /// rows) are tight, and variables with a positive reduced cost are zero.
    /// The optimal face is exactly the feasible set intersected with these
    /// equalities. Returns nil when the duals are not a valid certificate
    /// (never expected). O(rows·vars). Returned by index: the tight
    /// constraint rows and the variables fixed at zero (rows e_j).
    static func optimalFaceEqualityIndices(_ program: LinearProgram<Rational>, _ solution: LPSolution<Rational>) -> (rows: [Int], zeroVariables: [Int])? {
        let n = program.variableCount
        var reduced = program.objective.map { -$0 }
        var rows: [Int] = []
        for (i, constraint) in program.constraints.enumerated() {
            let y = solution.duals[i]
            if constraint.relation == .lessOrEqual && y < .zero { return nil }
            if constraint.relation == .greaterOrEqual { return nil }   // the mechanism programs have none
            if y != .zero {
                for j in 0..<n where constraint.coefficients[j] != .zero { reduced[j] += y * constraint.coefficients[j] }
            }
            if constraint.relation == .equal || y != .zero { rows.append(i) }
        }
        if reduced.contains(where: { $0 < .zero }) { return nil }
        return (rows, (0..<n).filter { reduced[$0] > .zero })
    }

    /// Variables whose value is the same at every optimum of `program`
    /// according to the complementary-slackness equalities (variable j is
    /// determined when e_j lies in their row space). A sufficient test:
    /// variables not listed may still be constant on the face.
    /// `knownSpan`, when given, is the span of these equalities already
    /// built (`lexicographic`'s `firstFaceSpan` for the same solution).
    static func determinedVariables(_ program: LinearProgram<Rational>, _ solution: LPSolution<Rational>, among candidates: [Int],
                                    knownSpan: RowSpaceBasis<Rational>? = nil) throws -> Set<Int> {
        let n = program.variableCount
        var span: RowSpaceBasis<Rational>
        if let knownSpan {
            span = knownSpan
        } else {
            guard let tight = optimalFaceEqualityIndices(program, solution) else { return [] }
            // e_j lies in the row space ⟺ appending it leaves the rank unchanged.
            // Units first (sparse reduction; the span does not depend on the order).
            span = RowSpaceBasis<Rational>(columns: n)
            for j in tight.zeroVariables {
                var e = [Rational](repeating: .zero, count: n)
                e[j] = 1
                span.insert(e)
            }
            for i in tight.rows { span.insert(program.constraints[i].coefficients) }
        }
        if span.rank == n { return Set(candidates) }
        var out = Set<Int>()
        for j in candidates {
            var e = [Rational](repeating: .zero, count: n)
            e[j] = 1
            if span.contains(e) { out.insert(j) }
        }
        return out
    }

    /// The mechanism encoded by a solution vector.
    func mechanism(from x: [Rational]) -> Mechanism {
        let n = environment.typeCount
        var allocation = [[Rational]?](repeating: nil, count: n)
        var payment = [Rational?](repeating: nil, count: n)
        for (i, t) in types.enumerated() {
            var probabilities = [Rational](repeating: .zero, count: k + 1)
            var total = Rational.zero
            for a in 1...k { probabilities[a] = x[xIndex(i, a)]; total += probabilities[a] }
            probabilities[0] = 1 - total
            allocation[t] = probabilities
            payment[t] = x[pIndex(i)]
        }
        return Mechanism(environment: environment, allocation: allocation, payment: payment)
    }
}

/// The selected optimal mechanism of a market and its diagnostics.
public struct OptimalMechanism: Sendable {
    /// The environment.
    public let environment: Environment
    /// The market (its support is the set of types the mechanism is defined on).
    public let market: Market
    /// The selection rule used.
    public let selection: SelectionRule
    /// The selected optimal mechanism.
    public let mechanism: Mechanism
    /// The optimal revenue Σ_t f(t) p(t) (net of costs).
    public let revenue: Rational
    /// The solution of the revenue LP on the support (the first stage of the
    /// selection), reused by the optimal-face range checks of the same market.
    let revenueSolution: LPSolution<Rational>
    /// The span of that solution's complementary-slackness equalities
    /// (`MechanismProgram.determinedVariables`), built by the selection.
    let revenueFaceSpan: RowSpaceBasis<Rational>?

    /// CS(t, f) for types in the support, nil otherwise.
    public var consumerSurplus: [Rational?] { (0..<environment.typeCount).map { mechanism.surplus($0) } }
    /// Whether every type in the market is allocated efficiently.
    public var isEfficient: Bool { mechanism.isEfficient }
    /// Types with an inefficient allocation.
    public var inefficientTypes: [Int] { mechanism.inefficientTypes }
    /// Binding IC constraints (exact zero slack).
    public var bindingIC: [ICConstraint] { mechanism.bindingIC }
    /// Types with binding IR (zero surplus).
    public var bindingIR: [Int] { mechanism.bindingIR }
    /// Σ_t f(t) CS(t, f), the average consumer surplus.
    public var averageConsumerSurplus: Rational {
        market.support.reduce(Rational.zero) { $0 + market[$1] * mechanism.surplus($1)! }
    }
}

/// The range of an optimal payment p(t) over all optimal mechanisms.
public struct PaymentRange: Sendable, Hashable {
    /// The type.
    public let type: Int
    /// min p(t) over optimal mechanisms.
    public let minimum: Rational
    /// max p(t) over optimal mechanisms.
    public let maximum: Rational
    /// Whether p(t) is the same in every optimal mechanism.
    public var isUnique: Bool { minimum == maximum }
}

extension Environment {
    /// The support of `market` after validating its length.
    func supportTypes(of market: Market) throws -> [Int] {
        try validate(market)
        return market.support
    }

    /// The selected optimal mechanism of `market` (Section 3).
    ///
    /// Solves the exact LP on the market's support, then maximises the
    /// selection rule's objectives lexicographically over the optimal face.
    ///
    /// - Complexity: one exact simplex solve per stage: 1 + 2 + m + m·k
    ///   solves of an (m + m²) × (m·k + m) program (m = support size).
    /// - Throws: `.marketSizeMismatch` for a market of the wrong
    ///   length; `.linearProgramFailed` if the simplex does not finish.
    public func optimalMechanism(for market: Market, selection: SelectionRule = .standard) throws -> OptimalMechanism {
        let types = try supportTypes(of: market)
        let program = MechanismProgram(environment: self, types: types)
        let revenue = program.paymentObjective(types.map { market[$0] })
        let solution = try program.lexicographic(count: 1 + program.selectionObjectiveCount,
                                                 objective: { $0 == 0 ? revenue : program.selectionObjective(selection, $0 - 1) },
                                                 context: "optimal mechanism for market \(market)")
        let mechanism = program.mechanism(from: solution.x)
        return OptimalMechanism(environment: self, market: market, selection: selection,
                                mechanism: mechanism, revenue: solution.stageValues[0], revenueSolution: solution.first,
                                revenueFaceSpan: solution.firstFaceSpan)
    }

    /// The optimal revenue of `market` (no selection). One exact solve.
    /// Throws like `optimalMechanism`.
    public func optimalRevenue(for market: Market) throws -> Rational {
        let types = try supportTypes(of: market)
        var program = MechanismProgram(environment: self, types: types)
        program.lp.objective = program.paymentObjective(types.map { market[$0] })
        let lp = program.lp
        return try SegmentationError.solving("optimal revenue for market \(market)") { try lp.solve() }.objectiveValue
    }

    /// For each type of the support, min and max of p(t) over all optimal
    /// mechanisms of `market` (the range over the optimal face; footnote 14:
    /// the payment rule is unique when every range is a point).
    ///
    /// - Complexity: one exact solve; payments not already pinned by the
    ///   complementary-slackness equalities of that solve cost two more
    ///   solves each (at most 1 + 2m solves).
    /// - Throws like `optimalMechanism`.
    public func optimalPaymentRanges(for market: Market) throws -> [PaymentRange] {
        try optimalPaymentRanges(for: market, revenueSolution: nil)
    }

    /// As `optimalPaymentRanges(for:)`, with the revenue LP's solution when
    /// already known (`OptimalMechanism.revenueSolution` of this market: the
    /// same program, so the same solution) instead of solving it again.
    func optimalPaymentRanges(for market: Market, revenueSolution: LPSolution<Rational>?, revenueFaceSpan: RowSpaceBasis<Rational>? = nil) throws -> [PaymentRange] {
        let (types, ranges) = try optimalFaceRanges(for: market, context: "the optimal payment range", stopWhenNotUnique: false,
                                                    revenueSolution: revenueSolution, revenueFaceSpan: revenueFaceSpan) { program in
            program.types.indices.map { program.pIndex($0) }
        }
        return types.indices.map { i in PaymentRange(type: types[i], minimum: ranges[i].minimum, maximum: ranges[i].maximum) }
    }

    /// Whether `market` has a unique optimal payment rule (footnote 14).
    /// Complexity and failures as `optimalPaymentRanges`.
    public func hasUniqueOptimalPaymentRule(for market: Market) throws -> Bool {
        try optimalPaymentRanges(for: market).allSatisfy(\.isUnique)
    }

    /// Whether `market` has a unique optimal mechanism (every allocation
    /// probability and payment is constant over the optimal face).
    ///
    /// - Complexity: at most 1 + 2·m·(k + 1) exact solves (variables pinned
    ///   by complementary slackness are not re-solved).
    /// - Throws like `optimalMechanism`.
    public func hasUniqueOptimalMechanism(for market: Market) throws -> Bool {
        try hasUniqueOptimalMechanism(for: market, revenueSolution: nil)
    }

    /// As `hasUniqueOptimalMechanism(for:)`, with the revenue LP's solution
    /// when already known (see `optimalPaymentRanges(for:revenueSolution:)`).
    func hasUniqueOptimalMechanism(for market: Market, revenueSolution: LPSolution<Rational>?, revenueFaceSpan: RowSpaceBasis<Rational>? = nil) throws -> Bool {
        let (_, ranges) = try optimalFaceRanges(for: market, context: "uniqueness of the optimal mechanism", stopWhenNotUnique: true,
                                                revenueSolution: revenueSolution, revenueFaceSpan: revenueFaceSpan) { program in
            Array(0..<program.variableCount)
        }
        return ranges.allSatisfy { $0.minimum == $0.maximum }
    }

    /// min and max of each selected variable of the revenue LP over its
    /// optimal face. Variables pinned by the complementary-slackness
    /// equalities of the first solve are not re-solved; the others cost two
    /// solves each. With `stopWhenNotUnique`, stops after the first variable
    /// whose range is not a point.
    private func optimalFaceRanges(for market: Market, context: String, stopWhenNotUnique: Bool, revenueSolution: LPSolution<Rational>?,
                                   revenueFaceSpan: RowSpaceBasis<Rational>?,
                                   variables: (MechanismProgram) -> [Int]) throws -> (types: [Int], ranges: [(minimum: Rational, maximum: Rational)]) {
        let types = try supportTypes(of: market)
        var program = MechanismProgram(environment: self, types: types)
        let revenueObjective = program.paymentObjective(types.map { market[$0] })
        program.lp.objective = revenueObjective
        let base = program.lp
        let solution = try revenueSolution ?? SegmentationError.solving("optimal revenue for market \(market)") { try base.solve() }
        let selected = variables(program)
        // The span built by the selection applies only to the same solution.
        let determined = try MechanismProgram.determinedVariables(base, solution, among: selected,
                                                                  knownSpan: revenueSolution == nil ? nil : revenueFaceSpan)
        program.lp.add(revenueObjective, .equal, solution.objectiveValue, label: "optimal face")
        var ranges: [(minimum: Rational, maximum: Rational)] = []
        for v in selected {
            if determined.contains(v) {
                ranges.append((solution.x[v], solution.x[v]))
                continue
            }
            var up = program.lp
            up.objective = program.unit(v)
            let hi = try SegmentationError.solving(context) { try up.solve() }.objectiveValue
            var down = program.lp
            down.objective = up.objective.map { -$0 }
            let lo = try SegmentationError.solving(context) { try down.solve() }.objectiveValue
            ranges.append((-lo, hi))
            if stopWhenNotUnique && hi != -lo { break }
        }
        return (types, ranges)
    }

    /// The selected mechanism among IC-IR mechanisms on `types` whose payment
    /// rule equals `payments` (one entry per listed type): the optimal set of
    /// every market whose unique optimal payment rule is `payments`.
    ///
    /// - Complexity: 1 + 2 + m + m·k exact solves.
    /// - Throws `.linearProgramFailed` if no IC-IR mechanism has these payments
    ///   (status infeasible) or the simplex does not finish.
    public func selectedMechanism(types: [Int], payments: [Rational], selection: SelectionRule = .standard) throws -> Mechanism {
        var program = MechanismProgram(environment: self, types: types)
        for i in 0..<types.count { program.lp.add(program.unit(program.pIndex(i)), .equal, payments[i], label: "pinned payment") }
        let solution = try program.lexicographic(program.selectionObjectives(selection), context: "selection with pinned payments")
        return program.mechanism(from: solution.x)
    }

    /// A vertex of the payment polytope P of `types` maximising g·p, made
    /// unique by then maximising p(t) in index order (so the result is a
    /// vertex of P even when the g-face is not a point).
    ///
    /// - Complexity: 1 + m exact solves.
    /// - Throws `.linearProgramFailed` if the simplex does not finish.
    public func paymentVertex(types: [Int], direction g: [Rational]) throws -> [Rational] {
        let program = MechanismProgram(environment: self, types: types)
        let objectives = [program.paymentObjective(g)] + (0..<types.count).map { program.unit(program.pIndex($0)) }
        let solution = try program.lexicographic(objectives, context: "payment polytope vertex in direction \(g)")
        return (0..<types.count).map { solution.x[program.pIndex($0)] }
    }

    /// max g·p over the payment polytope P of `types` and one maximiser (not
    /// necessarily a vertex of P). One exact solve. Throws `.linearProgramFailed`.
    func maximizePayments(types: [Int], direction g: [Rational]) throws -> (value: Rational, payments: [Rational]) {
        var program = MechanismProgram(environment: self, types: types)
        program.lp.objective = program.paymentObjective(g)
        let lp = program.lp
        let s = try SegmentationError.solving("max g·p over the payment polytope") { try lp.solve() }
        return (s.objectiveValue, (0..<types.count).map { s.x[program.pIndex($0)] })
    }
}
