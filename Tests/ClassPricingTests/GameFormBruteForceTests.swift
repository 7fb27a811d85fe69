import XCTest
import Numerics
@testable import ClassPricing

/// Second method for the general game forms: an independent brute force over
/// the designer's strategies (one price for both versions, or any pair, on an
/// exact grid of step 1/24 from −1/24 to 25/24, which contains every vertex
/// price when all types are multiples of 1/24, and prices at which no chooser
/// type trades) and the chooser's best responses, then her choice of K ex ante
/// and interim by enumeration. Non-default instances: costs δ ≠ 1/3 and
/// probabilities ≠ ½.
final class GameFormBruteForceTests: XCTestCase {
    typealias Q = Rational

    /// How the brute-force chooser breaks exact ties between versions.
    enum ChooserRule { case designerPreferred, uniform }

    /// Designer payoff and realised surplus of one chooser type facing `prices`
    /// (zero surplus trades; ties between versions by `rule`).
    static func respond(sellerDesigns: Bool, prices: [Q], own: [Q], opp: [Q], rule: ChooserRule) -> (w: Q, s: Q) {
        var options: [(u: Q, w: Q)] = []
        for i in 0..<2 {
            let u = sellerDesigns ? opp[i] - prices[i] : prices[i] - opp[i]
            let w = sellerDesigns ? prices[i] - own[i] : own[i] - prices[i]
            if u >= .zero { options.append((u, w)) }
        }
        guard let bestU = options.map(\.u).max() else { return (.zero, .zero) }
        let tied = options.filter { $0.u == bestU }
        switch rule {
        case .designerPreferred:
            let w = tied.map(\.w).max()!
            return (w, w + bestU)
        case .uniform:
            let w = tied.reduce(Q.zero) { $0 + $1.w } / Q(tied.count)
            return (w, w + bestU)
        }
    }

    /// Per designer type (in `BilateralTrade.joint` order) and K = 1, 2: her best
    /// payoff on the grid and the EL of the best price pair with the largest surplus.
    static func bruteForce(_ env: BilateralTrade<Q>, _ form: GameForm, rule: ChooserRule)
        -> [(probability: Q, payoff: [Q], loss: [Q])] {
        let sellerDesigns = form == .sellerDesignBuyerChoice
        let own = BilateralTrade<Q>.joint(sellerDesigns ? env.costs : env.values)
        let opp = BilateralTrade<Q>.joint(sellerDesigns ? env.values : env.costs)
        let grid = (-1...25).map { Q($0, 24) }
        return own.map { o in
            var payoff: [Q] = [], loss: [Q] = []
            var firstBest = Q.zero
            for t in opp {
                let v = sellerDesigns ? t.types : o.types, c = sellerDesigns ? o.types : t.types
                firstBest += t.probability * max(.zero, v[0] - c[0], v[1] - c[1])
            }
            for K in 1...2 {
                var best: (w: Q, s: Q)? = nil
                for p1 in grid { for p2 in (K == 1 ? [p1] : grid) {
                    var w = Q.zero, s = Q.zero
                    for t in opp {
                        let x = respond(sellerDesigns: sellerDesigns, prices: [p1, p2], own: o.types, opp: t.types, rule: rule)
                        w += t.probability * x.w; s += t.probability * x.s
                    }
                    if best == nil || w > best!.w || (w == best!.w && s > best!.s) { best = (w, s) }
                } }
                payoff.append(best!.w); loss.append(firstBest - best!.s)
            }
            return (o.probability, payoff, loss)
        }
    }

    /// Total loss at r from per-type (payoff, EL) by K: ex ante one K for all
    /// types, interim each type's own (ties to the smaller K).
    static func totalLoss(_ types: [(probability: Q, payoff: [Q], loss: [Q])], r: Q, interim: Bool) -> Q {
        func pick(_ pay: [Q]) -> Int { pay[1] - 2 * r > pay[0] - r ? 1 : 0 }
        let exAnte = pick([0, 1].map { k in types.reduce(Q.zero) { $0 + $1.probability * $1.payoff[k] } })
        return types.reduce(Q.zero) { acc, t in
            let k = interim ? pick(t.payoff) : exAnte
            return acc + t.probability * (t.loss[k] + Q(k + 1) * r)
        }
    }

    /// (γ, δ, q_v, q_c, m_v, m_c); the last: values 1/2 or 1, costs 0 or 1/2 (trade always efficient).
    static let instances: [(gamma: Q, delta: Q, qv: Q, qc: Q, mv: Q, mc: Q)] = [
        (Q(1, 8), Q(1, 4), Q(1, 3), Q(2, 3), Q(1, 2), Q(1, 2)),
        (Q(1, 3), Q(1, 6), Q(1, 2), Q(1, 4), Q(1, 2), Q(1, 2)),
        (0, Q(5, 12), Q(3, 4), Q(1, 2), Q(1, 2), Q(1, 2)),
        (Q(1, 4), Q(1, 4), Q(1, 3), Q(1, 2), Q(3, 4), Q(1, 4)),
    ]

    /// Designer-preferred chooser ties: the solver's per-type payoffs and ELs
    /// equal the brute force exactly, and so do both forms' total losses at
    /// several r, ex ante and interim.
    func testSolverEqualsBruteForceWithDesignerPreferredTies() throws {
        for i in Self.instances {
            let env = try BilateralTrade<Q>.symmetricLevels(gamma: i.gamma, delta: i.delta, highValueProbability: i.qv,
                                                            highCostProbability: i.qc, valueMidpoint: i.mv, costMidpoint: i.mc)
            for form in GameForm.allCases {
                let brute = Self.bruteForce(env, form, rule: .designerPreferred)
                for timing in ClassCountTiming.allCases {
                    let a = try env.analyse(form, conventions: GameFormConventions(chooser: .designerPreferred, classCountTiming: timing))
                    for K in 0..<2 {
                        XCTAssertEqual(a.solutions[K].byType.map(\.designerPayoff), brute.map { $0.payoff[K] }, "\(i) \(form) K=\(K + 1)")
                        XCTAssertEqual(a.solutions[K].byType.map(\.efficiencyLoss), brute.map { $0.loss[K] }, "\(i) \(form) K=\(K + 1)")
                    }
                    for r in [Q(0), Q(1, 300), Q(1, 60), Q(1, 12), Q(1, 2)] {
                        XCTAssertEqual(a.totalLoss(r: r), Self.totalLoss(brute, r: r, interim: timing == .interim),
                                       "\(i) \(form) \(timing) r=\(r)")
                    }
                }
            }
        }
    }

    /// The ε → 0 convention (default) lies between the brute force with uniform
    /// ties and no shading (shading can only help the designer) and with
    /// designer-preferred ties (which no shading can beat), type by type.
    func testShadingLimitIsBracketedByTheBruteForces() throws {
        for i in Self.instances {
            let env = try BilateralTrade<Q>.symmetricLevels(gamma: i.gamma, delta: i.delta, highValueProbability: i.qv,
                                                            highCostProbability: i.qc, valueMidpoint: i.mv, costMidpoint: i.mc)
            for form in GameForm.allCases {
                let low = Self.bruteForce(env, form, rule: .uniform), high = Self.bruteForce(env, form, rule: .designerPreferred)
                let a = try env.analyse(form)
                for K in 0..<2 { for (t, o) in a.solutions[K].byType.enumerated() {
                    XCTAssertLessThanOrEqual(low[t].payoff[K], o.designerPayoff, "\(i) \(form) K=\(K + 1) type \(t)")
                    XCTAssertLessThanOrEqual(o.designerPayoff, high[t].payoff[K], "\(i) \(form) K=\(K + 1) type \(t)")
                } }
            }
        }
    }
}
