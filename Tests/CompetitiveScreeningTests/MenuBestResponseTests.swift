import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

final class MenuBestResponseTests: XCTestCase {
    func environment(_ own: String, _ opponents: String, _ dependence: String = "independent", _ tie: TieBreaking = .weak) throws -> WinningProbability {
        try WinningProbability(own: TypeDistribution(parsing: own), opponents: opponents, dependence: dependence, tie: tie)
    }

    /// Theorem 3.1 (uniform own law is density-regular): the best response to a posted price is a
    /// posted price. The DP's menu is a real menu, so its exact revenue stays below the best posted
    /// revenue; the shortfall must shrink from (50 cells, 25 levels) to (200, 100) and be covered by
    /// the a-posteriori estimate (the change between the two levels).
    func testDPApproachesTheBestPostedPriceFromBelow() throws {
        let env = try environment("uniform", "posted(0.4)")
        let posted = try env.bestPostedPrice()
        let coarse = try env.menuBestResponse(LatticeSettings(cells: 50, allocationLevels: 25, utilityLevels: 101))
        let fine = try env.menuBestResponse(LatticeSettings(cells: 200, allocationLevels: 100, utilityLevels: 401))
        let shortCoarse = posted.revenue - coarse.revenue, shortFine = posted.revenue - fine.revenue
        XCTAssertGreaterThanOrEqual(shortCoarse, -1e-12)
        XCTAssertGreaterThanOrEqual(shortFine, -1e-12)
        XCTAssertLessThan(shortFine, shortCoarse)
        XCTAssertLessThanOrEqual(shortFine, abs(fine.revenue - coarse.revenue))
        XCTAssertLessThan(shortFine, 1e-5)
        XCTAssertLessThanOrEqual(fine.rebuildGap, coarse.rebuildGap + 1e-12)
        // Up to one cell, the menu is a posted price near p*.
        XCTAssertLessThanOrEqual(fine.evaluation.interiorMass, 0.005 + 1e-12)
        let top = fine.evaluation.contracts.last!
        XCTAssertEqual(top.allocation, 1)
        XCTAssertEqual(top.transfer, posted.price, accuracy: 0.01)
    }

    /// Against the exact finite-type optimum (Examples 3.1 and 5.3): the DP's menu is feasible, so it
    /// earns at most the optimum, and it comes within 0.002 of it.
    func testDPAgainstTheFiniteTypeOptimum() throws {
        let cases = [("atoms(values=[0.3, 0.7], masses=[0.5, 0.5])", "posted(0.4)", "independent"),
                     ("atoms(values=[0.4, 1], masses=[0.5, 0.5])", "posted(0.7)", "perfect")]
        for (own, opp, dep) in cases {
            for tie in [TieBreaking.weak, .strict] {
                let env = try environment(own, opp, dep, tie)
                let exact = try FiniteTypeProblem(environment: env).optimize().revenue.doubleValue
                let dp = try env.menuBestResponse(LatticeSettings(cells: 60, allocationLevels: 60, utilityLevels: 121))
                XCTAssertLessThanOrEqual(dp.revenue, exact + 1e-12, "\(own) \(tie)")
                XCTAssertGreaterThan(dp.revenue, exact - 0.01, "\(own) \(tie)")
                if tie == .weak { XCTAssertEqual(dp.revenue, exact, accuracy: 0.002) }
            }
        }
    }

    /// Rebuilt menus are menus: q non-decreasing, t ≥ 0, and every type's contract maximises its
    /// utility over the menu's contracts (IC), with U(θ) = ∫₀^θ q.
    func testRebuiltMenusAreMonotoneAndIncentiveCompatible() throws {
        let instances = [("mixture(0.5*truncnormal(mean=0.3, sd=0.03), 0.5*truncnormal(mean=0.7, sd=0.03))", "posted(0.4)", "independent"),
                         ("uniform", "tariff(c=1)", "perfect"),
                         ("beta(2, 3)", "menu([(0.3, 0.05), (0.7, 0.25), (1, 0.5)])", "independent"),
                         ("uniform", "posted(0.4)", "fgm(rho=0.9)"),
                         ("atoms(values=[0.4, 1], masses=[0.5, 0.5])", "posted(0.7)", "perfect")]
        for (own, opp, dep) in instances {
            let env = try environment(own, opp, dep)
            let br = try env.menuBestResponse(LatticeSettings(cells: 40, allocationLevels: 20, utilityLevels: 81))
            let pieces = br.menu.pieces
            for (a, b) in zip(pieces, pieces.dropFirst()) { XCTAssertLessThanOrEqual(a.allocation, b.allocation, own) }
            let contracts = pieces.map { (q: $0.allocation, t: $0.start * $0.allocation - br.menu.utility($0.start)) }
            for i in 0...200 {
                let theta = env.own.upper * Double(i) / 200
                let chosen = (q: br.menu.allocation(theta), t: br.menu.transfer(theta))
                let best = contracts.map { $0.q * theta - $0.t }.max()!
                XCTAssertEqual(chosen.q * theta - chosen.t, max(0, best), accuracy: 1e-12, "\(own) θ = \(theta)")
                XCTAssertEqual(br.menu.utility(theta), max(0, best), accuracy: 1e-12)
                XCTAssertGreaterThanOrEqual(chosen.t, -1e-12)
            }
        }
    }

    func testRefusesLatticesThatAreEmptyOrTooLarge() throws {
        let env = try environment("uniform", "posted(0.4)")
        func refusal(_ s: LatticeSettings) -> CompetitiveScreeningError? {
            do { _ = try env.menuBestResponse(s); return nil } catch { return error as? CompetitiveScreeningError }
        }
        let huge = refusal(LatticeSettings(cells: 100_000, allocationLevels: 1000, utilityLevels: 100_000))
        guard case let .latticeTooLarge(_, _, _, _, largest)? = huge else { return XCTFail("\(String(describing: huge))") }
        XCTAssertEqual(largest, .cells)
        XCTAssertTrue(huge?.found.contains("GiB") ?? false)
        XCTAssertTrue(huge?.found.contains("100000 cells") ?? false)
        func setting(_ e: CompetitiveScreeningError?) -> NumericalSetting? {
            if case let .setting(s, _, _)? = e { return s }
            return nil
        }
        XCTAssertEqual(setting(refusal(LatticeSettings(cells: 0, allocationLevels: 10, utilityLevels: 10))), .cells)
        XCTAssertEqual(setting(refusal(LatticeSettings(cells: 10, allocationLevels: 0, utilityLevels: 10))), .allocationLevels)
        XCTAssertEqual(setting(refusal(LatticeSettings(cells: 10, allocationLevels: 10, utilityLevels: 1))), .utilityLevels)
        XCTAssertEqual(setting(refusal(LatticeSettings(cells: 10, allocationLevels: 10, utilityLevels: 10, gaussNodes: 0))), .gaussNodes)
        // The estimate: cells × M × (L + 1) policy bytes plus three M × (L + 1) Double layers.
        XCTAssertEqual(LatticeSettings(cells: 400, allocationLevels: 200, utilityLevels: 400).estimatedBytes(cellCount: 400),
                       400.0 * 400 * 201 + 3 * 400 * 201 * 8)
        XCTAssertEqual(LatticeSettings(cells: 10, allocationLevels: 300, utilityLevels: 10).estimatedBytes(cellCount: 10),
                       10.0 * 10 * 301 * 2 + 3 * 10 * 301 * 8)
    }

    /// The backward recursion against brute force: on a lattice where every reachable utility is a
    /// utility level (uniform cells h, M = cells·L + 1 levels, so u_{k+1} = u_k + ℓh/L stays on the
    /// grid), the DP value must equal the best sum of cell revenues R(k, u_k, ℓ_k) over ALL
    /// non-decreasing level sequences, and the rebuilt sequence must attain it. Seeded random instances.
    func testDPEqualsBruteForceOnTinyLattices() throws {
        var rng = SplitMix64(seed: 20260307)
        let owns = ["uniform", "beta(2, 3)", "truncexp(rate=-1.5)", "linear(slope=-0.8)",
                    "atoms(values=[0.25, 0.5, 1], masses=[0.3, 0.3, 0.4])", "mixture(0.6*uniform, 0.4*atoms(values=[0.75], masses=[1]))"]
        let gridPrices = ["0.25", "0.5", "0.75"]
        for trial in 0..<24 {
            let own = owns[rng.nextInt(in: 0...(owns.count - 1))]
            let dependence = ["independent", "perfect", "fgm(rho=0.8)"][trial % 3]
            var opponents: String
            switch rng.nextInt(in: 0...3) {
            case 0: opponents = "posted(\(gridPrices[rng.nextInt(in: 0...2)]))"
            case 1: opponents = "tariff(c=1)"
            case 2: opponents = dependence == "perfect" ? "posted(0.5)" : "menu([(0.4, 0.05), (1, 0.45)])"
            default: opponents = dependence.hasPrefix("fgm") ? "posted(0.25)" : "posted(0.5); posted(\(gridPrices[rng.nextInt(in: 0...2)]))"
            }
            if dependence.hasPrefix("fgm") && own.contains("atoms") { continue }   // a copula needs continuous marginals
            let tie: TieBreaking = rng.nextInt(in: 0...1) == 0 ? .weak : .strict
            let env = try environment(own, opponents, dependence, tie)
            let cells = 4, L = 3
            let settings = LatticeSettings(cells: cells, allocationLevels: L, utilityLevels: cells * L + 1, gaussNodes: 3)
            let model = try LatticeModel(env, settings)
            XCTAssertTrue(zip(model.widths, model.widths.dropFirst()).allSatisfy { $0.1 == 0 || abs($0.0 - $0.1) < 1e-15 },
                          "the grid stays uniform: \(model.starts)")
            // Brute force over all non-decreasing sequences ℓ_0 ≤ … ≤ ℓ_{C−1} in 0…L.
            var best = -Double.infinity
            func search(_ k: Int, _ u: Double, _ minimum: Int, _ total: Double) {
                if k == model.cellCount { best = max(best, total); return }
                for l in minimum...L {
                    search(k + 1, u + Double(l) / Double(L) * model.widths[k], l, total + model.cellRevenue(k, u, l))
                }
            }
            search(0, 0, 0, 0)
            let br = try env.menuBestResponse(settings)
            XCTAssertEqual(br.dpValue, best, accuracy: 1e-12, "trial \(trial): \(own) vs \(opponents), \(dependence), \(tie)")
            var u = 0.0, rebuilt = 0.0
            for k in 0..<model.cellCount {
                rebuilt += model.cellRevenue(k, u, br.cellLevels[k])
                u += Double(br.cellLevels[k]) / Double(L) * model.widths[k]
            }
            XCTAssertEqual(rebuilt, best, accuracy: 1e-12, "trial \(trial): the rebuilt levels \(br.cellLevels)")
        }
    }

    /// The backward pass as first written (before the per-cell tables, the unclamped rows and the
    /// one-bit policy): every state's W(ℓ) from `cellRevenue`'s pieces in the same order, the suffix
    /// maximum and a full Int policy, then the same forward rebuild. Reference for
    /// `testDPMatchesTheReferenceRecursionBitForBit`.
    func referenceDP(_ env: WinningProbability, _ settings: LatticeSettings) throws -> (value: Double, levels: [Int]) {
        let model = try LatticeModel(env, settings)
        let C = model.cellCount, L = model.L, M = model.M, G = model.G, L1 = L + 1
        let du = model.du, invL = model.invL, tol = WinningProbability.tieTolerance
        var vNext = [Double](repeating: 0, count: M * L1), vCur = vNext
        var policy = [[Int]](repeating: [], count: C)
        var w = [Double](repeating: 0, count: L1)
        for k in stride(from: C - 1, through: 0, by: -1) {
            let a = model.starts[k], h = model.widths[k]
            let top = model.mTop(k), topNext = model.mTop(k + 1)
            policy[k] = [Int](repeating: 0, count: (top + 1) * L1)
            for m in 0...top {
                let u = Double(m) * du
                let atomTerm = model.atomMass[k] > 0 ? model.atomMass[k] * model.atomProbability(k, u) : 0
                for l in 0...L {
                    let q = Double(l) * invL
                    var s = atomTerm
                    if model.cellMass[k] > 0 {
                        switch model.kernel {
                        case .table:
                            for g in 0..<G { s += model.nodeWeight[k * G + g] * model.tabulated(u + q * model.nodeOffset[k * G + g]) }
                        case let .fgm(rho):
                            for g in 0..<G {
                                let v = model.tabulated(u + q * model.nodeOffset[k * G + g])
                                s += model.nodeWeight[k * G + g] * v * (1 + rho * (1 - 2 * model.nodeCDF[k * G + g]) * (1 - v))
                            }
                        case .perfect:
                            let B = Double(l) * invL - model.chordSlope[k]
                            let c = abs(B) <= 1e-15 ? 0 : (h > 0 ? 1 / h : 0) / B
                            let A = u - model.tauStart[k]
                            if c == 0 {
                                if env.tie == .weak ? A >= -tol : A > tol { s += model.cellMass[k] }
                            } else {
                                s += model.cellMass[k] * min(1, max(0, c > 0 ? 1 + A * c : -A * c))
                            }
                        }
                    }
                    let shift = Double(l) * invL * h / du
                    let j = m + Int(shift), fr = shift - Double(Int(shift))
                    let i0 = min(j, topNext), i1 = min(j + 1, topNext)
                    w[l] = (q * a - u) * s + (1 - fr) * vNext[i0 * L1 + l] + fr * vNext[i1 * L1 + l]
                }
                var best = w[L], arg = L
                for l in stride(from: L, through: 0, by: -1) {
                    if w[l] > best { best = w[l]; arg = l }
                    vCur[m * L1 + l] = best
                    policy[k][m * L1 + l] = arg
                }
            }
            swap(&vNext, &vCur)
        }
        var levels: [Int] = [], u = 0.0, previous = 0
        for k in 0..<C {
            let m = min(max(Int((u / du).rounded()), 0), model.mTop(k))
            let l = policy[k][m * L1 + previous]
            levels.append(l)
            u += Double(l) * invL * model.widths[k]
            previous = l
        }
        return (vNext[0], levels)
    }

    /// The DP's fast backward pass against `referenceDP` on seeded random instances (every kernel,
    /// own laws with atoms and densities, both tie rules, L on both sides of 64 so that the policy
    /// bits span several words): the same value bit for bit and the same rebuilt levels.
    func testDPMatchesTheReferenceRecursionBitForBit() throws {
        var rng = SplitMix64(seed: 20261207)
        let owns = ["uniform", "beta(2, 3)", "mixture(0.5*truncnormal(mean=0.3, sd=0.05), 0.5*truncnormal(mean=0.7, sd=0.05))",
                    "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])", "mixture(0.6*uniform, 0.4*atoms(values=[0.75], masses=[1]))",
                    "atoms(values=[0.4, 1], masses=[0.5, 0.5])"]
        for trial in 0..<18 {
            let own = owns[rng.nextInt(in: 0...(owns.count - 1))]
            var dependence = ["independent", "perfect", "fgm(rho=0.7)"][trial % 3]
            if dependence.hasPrefix("fgm") && own.contains("atoms") { dependence = "independent" }
            let opponents = dependence == "perfect" ? ["tariff(c=1)", "posted(0.5)"][rng.nextInt(in: 0...1)]
                : ["posted(0.4)", "menu([(0.3, 0.05), (0.7, 0.25), (1, 0.5)])", "posted(0.6) @ beta(2, 2)"][rng.nextInt(in: 0...2)]
            let tie: TieBreaking = rng.nextInt(in: 0...1) == 0 ? .weak : .strict
            let env = try environment(own, opponents, dependence, tie)
            let settings = LatticeSettings(cells: rng.nextInt(in: 5...30), allocationLevels: [7, 63, 64, 65, 130][rng.nextInt(in: 0...4)],
                                           utilityLevels: rng.nextInt(in: 11...70), gaussNodes: rng.nextInt(in: 1...4))
            let reference = try referenceDP(env, settings)
            let br = try env.menuBestResponse(settings)
            let label = "trial \(trial): \(own) vs \(opponents), \(dependence), \(tie), \(settings)"
            XCTAssertEqual(br.dpValue.bitPattern, reference.value.bitPattern, label)
            XCTAssertEqual(br.cellLevels, reference.levels, label)
        }
    }

    /// The four-node kernels (unrolled, the table read as pairs, the table's top plateau as per-cell
    /// constants) against `referenceDP` on seeded random instances: opponents whose P reaches 1 early
    /// (posted(0.8): P = 1 from u = 0.2, so most states sit on the plateau) or late, every own law
    /// kind, both tie rules, L on both sides of 64: the same value bit for bit and the same levels.
    func testFourNodeKernelsMatchTheReferenceRecursionBitForBit() throws {
        var rng = SplitMix64(seed: 20261208)
        let owns = ["uniform", "beta(2, 3)", "truncexp(rate=1)", "linear(slope=0.5)",
                    "mixture(0.5*truncnormal(mean=0.3, sd=0.05), 0.5*truncnormal(mean=0.7, sd=0.05))",
                    "mixture(0.6*uniform, 0.4*atoms(values=[0.75], masses=[1]))"]
        let opponentChoices = ["posted(0.4)", "posted(0.8)", "posted(0.6) @ beta(2, 2)", "menu([(0.3, 0.05), (0.7, 0.25), (1, 0.5)])",
                               "tariff(c=1)", "posted(0.5); posted(0.6)"]
        for trial in 0..<24 {
            let own = owns[rng.nextInt(in: 0...(owns.count - 1))]
            var dependence = trial % 2 == 0 ? "independent" : "fgm(rho=\([-0.5, 0.6, 1][rng.nextInt(in: 0...2)]))"
            if own.contains("atoms") { dependence = "independent" }
            var opponents = opponentChoices[rng.nextInt(in: 0...(opponentChoices.count - 1))]
            if dependence.hasPrefix("fgm") && opponents.contains(";") { opponents = "posted(0.8)" }   // a copula links one opponent
            let tie: TieBreaking = rng.nextInt(in: 0...1) == 0 ? .weak : .strict
            let env = try environment(own, opponents, dependence, tie)
            let settings = LatticeSettings(cells: rng.nextInt(in: 5...40), allocationLevels: [7, 12, 63, 64, 65, 100][rng.nextInt(in: 0...5)],
                                           utilityLevels: rng.nextInt(in: 11...90), gaussNodes: 4)
            let reference = try referenceDP(env, settings)
            let br = try env.menuBestResponse(settings)
            let label = "trial \(trial): \(own) vs \(opponents), \(dependence), \(tie), \(settings)"
            XCTAssertEqual(br.dpValue.bitPattern, reference.value.bitPattern, label)
            XCTAssertEqual(br.cellLevels, reference.levels, label)
        }
    }

    /// The memo of tie-free backward passes: under perfect correlation with an atomless own law and no
    /// allocation level on a rival chord's slope (uniform cells, L an odd multiple of their number), the weak and strict environments have the same key,
    /// and each result (served from the memo the second time) equals `referenceDP` for its own rule;
    /// an own atom or a level on a chord's slope (posted(0.5): slopes 0 and 1) gives no key.
    func testTieFreePassesAreSharedAndMatchTheReference() throws {
        var rng = SplitMix64(seed: 20261209)
        for trial in 0..<6 {
            let own = ["uniform", "beta(2, 3)", "linear(slope=0.5)"][trial % 3]
            // L an odd multiple of the cells: the chords' slopes a_k + h/2 = (k + ½)/C of θ²/2 fall between levels.
            let cells = rng.nextInt(in: 5...30)
            let settings = LatticeSettings(cells: cells, allocationLevels: cells * [1, 3][rng.nextInt(in: 0...1)],
                                           utilityLevels: rng.nextInt(in: 11...90))
            let weak = try environment(own, "tariff(c=1)", "perfect", .weak)
            let strict = try environment(own, "tariff(c=1)", "perfect", .strict)
            let keyWeak = try LatticeModel(weak, settings).tieFreeKey, keyStrict = try LatticeModel(strict, settings).tieFreeKey
            XCTAssertNotNil(keyWeak, "trial \(trial)")
            XCTAssertEqual(keyWeak, keyStrict, "trial \(trial)")
            for env in [weak, strict, weak] {
                let reference = try referenceDP(env, settings)
                let br = try env.menuBestResponse(settings)
                let label = "trial \(trial): \(own), \(env.tie), \(settings)"
                XCTAssertEqual(br.dpValue.bitPattern, reference.value.bitPattern, label)
                XCTAssertEqual(br.cellLevels, reference.levels, label)
            }
        }
        let settings = LatticeSettings(cells: 20, allocationLevels: 10, utilityLevels: 41)
        XCTAssertNil(try LatticeModel(environment("mixture(0.6*uniform, 0.4*atoms(values=[0.75], masses=[1]))", "tariff(c=1)", "perfect"),
                                      settings).tieFreeKey)
        XCTAssertNil(try LatticeModel(environment("uniform", "posted(0.5)", "perfect"), settings).tieFreeKey)
        XCTAssertNil(try LatticeModel(environment("uniform", "posted(0.4)"), settings).tieFreeKey)
    }

    /// Own laws whose last atom lies below θ̄ end in cells without mass after a zero layer, which the
    /// backward pass writes directly (V = +0, ℓ = L the only record): against `referenceDP` on seeded
    /// instances (independent and perfect correlation, both tie rules, L on both sides of 64), the
    /// same value bit for bit and the same rebuilt levels.
    func testTrailingCellsWithoutMassMatchTheReference() throws {
        var rng = SplitMix64(seed: 20261210)
        let owns = ["atoms(values=[0.3, 0.7], masses=[0.5, 0.5])", "atoms(values=[0.2, 0.5], masses=[0.4, 0.6])",
                    "atoms(values=[0.1, 0.35, 0.6], masses=[0.3, 0.3, 0.4])"]
        for trial in 0..<18 {
            let own = owns[trial % 3]
            let dependence = trial % 2 == 0 ? "independent" : "perfect"
            let opponents = dependence == "perfect" ? ["posted(0.5)", "tariff(c=1)"][rng.nextInt(in: 0...1)]
                : ["posted(0.4)", "posted(0.6) @ beta(2, 2)", "menu([(0.3, 0.05), (0.7, 0.25), (1, 0.5)])"][rng.nextInt(in: 0...2)]
            let tie: TieBreaking = rng.nextInt(in: 0...1) == 0 ? .weak : .strict
            let env = try environment(own, opponents, dependence, tie)
            let settings = LatticeSettings(cells: rng.nextInt(in: 8...40), allocationLevels: [7, 63, 64, 65, 100][rng.nextInt(in: 0...4)],
                                           utilityLevels: rng.nextInt(in: 11...90))
            let reference = try referenceDP(env, settings)
            let br = try env.menuBestResponse(settings)
            let label = "trial \(trial): \(own) vs \(opponents), \(dependence), \(tie), \(settings)"
            XCTAssertEqual(br.dpValue.bitPattern, reference.value.bitPattern, label)
            XCTAssertEqual(br.cellLevels, reference.levels, label)
            XCTAssertGreaterThan(br.dpValue, 0, label)
        }
    }
}
