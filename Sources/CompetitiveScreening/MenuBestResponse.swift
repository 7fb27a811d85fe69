// Sec 3.1–3.2: firm i's best response over ALL menus is the optimal-control
// problem (3): choose a non-decreasing q : Θ_i → [0, 1] (control) with
// U′ = q, U(0) = 0 (state) to maximise ∫ (θq − U) P(θ, U) dF. Theorem 3.1
// says a posted price solves it under density-regularity; Examples 3.1, 5.2
// and 5.3 show menus that beat posted prices without it.
//
// Discretisation (a lattice dynamic program). Cells [a_k, a_{k+1}) — a
// uniform grid merged with the own atoms, density kinks and (under perfect
// correlation) the rivals' kinks, so atoms sit at cell starts; an atom at θ̄
// gets a cell of width 0. On a cell q = ℓ/L is constant, so U(θ) = u_k +
// q(θ − a_k) and the transfer t = q a_k − u_k is constant too; the cell's
// revenue is R(k, u_k, ℓ) = t·∫_cell P(θ, u_k + q(θ − a_k)) dF(θ):
//   independent / copula: Gauss–Legendre nodes for the density (P tabulated
//     in u on a fine grid, exact at atoms);
//   perfect correlation: the cell wins where u_k + q(θ − a_k) ≥ τ(θ) =
//     max_j U_j(θ + d_j); τ is convex, so it is replaced by its chord (which
//     lies above it: a cell the DP counts as won is won), and F is linear
//     within the cell.
// Backward recursion over (cell k, utility level u_m on a uniform grid of M
// levels on [0, θ̄], previous allocation level ℓ):
//   V_k(m, ℓ) = max_{ℓ′ ≥ ℓ} [R(k, u_m, ℓ′) + V_{k+1}(u_m + q_{ℓ′} h_k, ℓ′)],
// V_{k+1} interpolated linearly in u; the max over ℓ′ ≥ ℓ is a suffix
// maximum, so a cell costs O(M·L·nodes). The policy argmax_{ℓ′ ≥ ℓ} is stored as
// one bit per state: whether ℓ is a record of the suffix maximum (the policy at
// ℓ is then the nearest record at or above ℓ).
// The menu is rebuilt forward with the exact U (policy at the nearest utility
// level) and evaluated EXACTLY (MenuEvaluation.swift): the reported revenue
// is that of a real feasible menu, a lower bound on the supremum. The DP
// value's distance to it (`rebuildGap`) is NOT a bound on the distance to
// the supremum: under perfect correlation PerfectCorrelationMenu.swift gives
// a certified upper bound.

import Foundation
import Numerics

/// Sizes of the lattice dynamic program.
public struct LatticeSettings: Sendable, Equatable {
    /// Number of uniform cells before merging atoms and kinks.
    public var cells: Int
    /// L: allocations q ∈ {0, 1/L, …, 1}.
    public var allocationLevels: Int
    /// M: utility levels u_m = m θ̄/(M − 1).
    public var utilityLevels: Int
    /// Gauss–Legendre nodes per cell for the density part.
    public var gaussNodes: Int

    /// Allocations above this are refused (bytes).
    public static let memoryLimit = 2 << 30

    public init(cells: Int, allocationLevels: Int, utilityLevels: Int, gaussNodes: Int = 4) {
        self.cells = cells; self.allocationLevels = allocationLevels; self.utilityLevels = utilityLevels; self.gaussNodes = gaussNodes
    }

    /// The settings of refinement level r: cells, L and M doubled r times.
    public func refined(_ r: Int) -> LatticeSettings {
        LatticeSettings(cells: cells << r, allocationLevels: allocationLevels << r, utilityLevels: (utilityLevels - 1) << r + 1, gaussNodes: gaussNodes)
    }

    /// Memory bound, kept as the limit was set: the policy counted at 1 or 2 bytes a state
    /// (cells × M × (L + 1); the DP now stores one bit a state, and only reachable levels) plus
    /// three value layers (M × (L + 1) Doubles). A conservative bound on what the DP allocates.
    public func estimatedBytes(cellCount: Int) -> Double {
        let states = Double(utilityLevels) * Double(allocationLevels + 1)
        return Double(cellCount) * states * (allocationLevels <= 255 ? 1 : 2) + 3 * states * 8
    }

    /// Refuses sizes that are zero or would exceed `memoryLimit` (with the estimate).
    public func validate(cellCount: Int) throws {
        try require(cells >= 1, .setting(.cells, value: "\(cells)", allowed: "at least 1 cell"))
        try require(allocationLevels >= 1, .setting(.allocationLevels, value: "\(allocationLevels)", allowed: "at least 1 allocation step (q ∈ {0, 1/L, …, 1})"))
        try require(allocationLevels <= 65_535, .setting(.allocationLevels, value: "\(allocationLevels)", allowed: "at most 65535 allocation steps"))
        try require(utilityLevels >= 2, .setting(.utilityLevels, value: "\(utilityLevels)", allowed: "at least 2 utility levels"))
        try require(gaussNodes >= 1 && gaussNodes <= 64, .setting(.gaussNodes, value: "\(gaussNodes)", allowed: "1 to 64 Gauss–Legendre nodes per cell"))
        let bytes = estimatedBytes(cellCount: cellCount)
        if bytes > Double(Self.memoryLimit) {
            let largest: NumericalSetting = Double(cellCount) >= Double(utilityLevels) && Double(cellCount) >= Double(allocationLevels) ? .cells
                : (utilityLevels >= allocationLevels ? .utilityLevels : .allocationLevels)
            throw CompetitiveScreeningError.latticeTooLarge(cells: cellCount, utilityLevels: utilityLevels, allocationLevels: allocationLevels,
                                                            gibibytes: bytes / Double(1 << 30), largest: largest)
        }
    }
}

/// The best menu found by the lattice DP, evaluated exactly.
public struct MenuBestResponse: Sendable {
    public let settings: LatticeSettings
    /// Cells after merging atoms and kinks into the grid.
    public let cellCount: Int
    /// The reconstructed menu.
    public let menu: AllocationRule
    /// Its exact evaluation.
    public let evaluation: MenuEvaluation
    /// The DP value V_0(0, 0).
    public let dpValue: Double
    /// The cells' starts and the allocation level ℓ (q = ℓ/L) the rebuilt menu uses on each.
    public let cellStarts: [Double]
    public let cellLevels: [Int]
    /// The exact revenue of the reconstructed menu (a lower bound on the supremum).
    public var revenue: Double { evaluation.revenue }
    /// |DP value − exact revenue|: how far the DP's own value is from the rebuilt
    /// menu's exact revenue (not a bound on the distance to the supremum).
    public var rebuildGap: Double { abs(dpValue - evaluation.revenue) }
}

extension WinningProbability {
    /// The cell starts: a uniform grid on [0, θ̄] merged with own atoms and
    /// breakpoints and (perfect correlation) the types where a rival's menu has a kink;
    /// a point within a quarter cell of a grid point replaces it. An atom at
    /// θ̄ adds a final cell of width 0. Returns starts and widths.
    package func latticeCells(_ n: Int) -> (starts: [Double], widths: [Double]) {
        let upper = own.upper
        let h = upper / Double(n)
        var grid = (0...n).map { upper * Double($0) / Double(n) }
        var special = own.atoms.map(\.value) + own.breakpoints
        if case let .perfect(d) = dependence {
            for (j, o) in opponents.enumerated() { special += o.menu.kinks.map { $0 - d[j] } }
        }
        for s in Set(special) where s > 0 && s < upper {
            let k = Int((s / h).rounded())
            if k > 0 && k < n && abs(grid[k] - s) < 0.25 * h { grid[k] = s } else { grid.append(s) }
        }
        grid = Array(Set(grid)).sorted()
        var starts = Array(grid.dropLast())
        var widths = (0..<(grid.count - 1)).map { grid[$0 + 1] - grid[$0] }
        if own.atoms.contains(where: { $0.value == upper }) { starts.append(upper); widths.append(0) }
        return (starts, widths)
    }

    /// The lattice DP best response over all menus (see the file header).
    public func menuBestResponse(_ settings: LatticeSettings) throws -> MenuBestResponse {
        let model = try LatticeModel(self, settings)
        // The backward pass is a function of the key's inputs alone when the tie rule is not read
        // (`LatticeModel.tieFreeKey`): the weak and strict environments of a sweep then share one pass.
        let pass = if let key = model.tieFreeKey {
            LatticePassMemo.shared.value(for: key) { backwardPass(model) }
        } else {
            backwardPass(model)
        }
        let C = model.cellCount, invL = model.invL, du = model.du
        let starts = model.starts, widths = model.widths
        let policy = pass.policy, rowOffset = pass.rowOffset, wordsPerRow = pass.wordsPerRow
        let dpValue = pass.value

        // Forward reconstruction with the exact utility.
        var allocations = [Double](repeating: 0, count: C)
        var levels = [Int](repeating: 0, count: C)
        var u = 0.0, previous = 0
        for k in 0..<C {
            let m = min(max(Int((u / du).rounded()), 0), model.mTop(k))
            // The nearest record at or above the previous level (ℓ = L is one).
            let row = (rowOffset[k] + m) * wordsPerRow
            var l = previous
            while true {
                let bits = policy[row + (l >> 6)] >> UInt64(l & 63)
                if bits != 0 { l += bits.trailingZeroBitCount; break }
                l = ((l >> 6) + 1) << 6
            }
            allocations[k] = Double(l) * invL
            levels[k] = l
            u += allocations[k] * widths[k]
            previous = l
        }
        let menu = AllocationRule(cellStarts: starts, allocations: allocations)
        let evaluation = try evaluate(menu)
        return MenuBestResponse(settings: settings, cellCount: C, menu: menu, evaluation: evaluation, dpValue: dpValue,
                                cellStarts: starts, cellLevels: levels)
    }

    /// The backward recursion of the file header over every reachable state: the value V_0(0, 0)
    /// and the one-bit policy.
    func backwardPass(_ model: LatticeModel) -> LatticePass {
        let C = model.cellCount, L = model.L, M = model.M, G = model.G
        let L1 = L + 1
        let starts = model.starts, widths = model.widths
        let du = model.du, invL = model.invL
        let tableSize = model.tableSize, invTableStep = model.invTableStep
        let weak = tie == .weak
        let tol = Self.tieTolerance
        // The policy is stored for the reachable levels only: cell k's rows start at rowOffset[k]. A row
        // holds one bit per allocation level ℓ, set where W(ℓ) beats every W(ℓ′), ℓ′ > ℓ (a record of the
        // suffix maximum; ℓ = L always is): argmax_{ℓ′ ≥ ℓ} W is the nearest record at or above ℓ.
        var rowOffset = [Int](repeating: 0, count: C + 1)
        for k in 0..<C { rowOffset[k + 1] = rowOffset[k] + model.mTop(k) + 1 }
        let wordsPerRow = L / 64 + 1
        let policySize = rowOffset[C] * wordsPerRow
        // Every word is written by the backward pass before it is read, so no zero fill is needed.
        var policy = [UInt64](unsafeUninitializedCapacity: policySize) { _, n in n = policySize }

        // Scratch buffers of the backward pass: two value layers V_{k+1}, V_k (M × (L + 1)), and per cell the
        // quantities of each allocation level ℓ that do not depend on the utility level: the interpolation
        // row shift and weights of u + q h, q a_k, q·(θ_g − a_k) and the perfect-correlation slope term.
        var vNext = UnsafeMutableBufferPointer<Double>.allocate(capacity: M * L1)
        var vCur = UnsafeMutableBufferPointer<Double>.allocate(capacity: M * L1)
        vNext.initialize(repeating: 0)
        vCur.initialize(repeating: 0)
        let shiftIndex = UnsafeMutableBufferPointer<Int>.allocate(capacity: L1)
        let columnOffset = UnsafeMutableBufferPointer<Int>.allocate(capacity: L1)
        let shiftFraction = UnsafeMutableBufferPointer<Double>.allocate(capacity: L1)
        let keepFraction = UnsafeMutableBufferPointer<Double>.allocate(capacity: L1)
        let allocationTimesStart = UnsafeMutableBufferPointer<Double>.allocate(capacity: L1)
        let levelSteps = UnsafeMutableBufferPointer<LevelStep>.allocate(capacity: L1)
        let perfectScale = UnsafeMutableBufferPointer<Double>.allocate(capacity: L1)
        let nodeShift = UnsafeMutableBufferPointer<Double>.allocate(capacity: L1 * G)
        let fgmFactor = UnsafeMutableBufferPointer<Double>.allocate(capacity: G)
        let atomProbability = UnsafeMutableBufferPointer<Double>.allocate(capacity: M)
        defer {
            vNext.deallocate(); vCur.deallocate()
            for b in [shiftFraction, keepFraction, allocationTimesStart, perfectScale, nodeShift, fgmFactor, atomProbability] { b.deallocate() }
            shiftIndex.deallocate(); columnOffset.deallocate(); levelSteps.deallocate()
        }
        let kernelCode: Int, rho: Double
        switch model.kernel {
        case .table: kernelCode = 0; rho = 0
        case let .fgm(r): kernelCode = 1; rho = r
        case .perfect: kernelCode = 2; rho = 0
        }

        // The table as pairs (P_i, P_{i+1} − P_i), so that `tabulated` reads one pair and needs no
        // branch: beyond i = tableSize (the arguments reach u + q(θ_g − a_k) ≤ (M − 1)du + h) the pairs
        // are (P_tableSize, −0), and P + f·(−0) = P bit for bit (f ≥ 0), as LatticeModel.tabulated returns.
        let maxWidth = widths.max() ?? 0
        let pairCount = max(tableSize + 1, Int((Double(M - 1) * du + maxWidth) * invTableStep) + 4)
        var pairs = [Double](repeating: 0, count: 2 * pairCount)
        model.table.withUnsafeBufferPointer { tb in
            for i in 0..<pairCount {
                if i < tableSize {
                    pairs[2 * i] = tb[i]; pairs[2 * i + 1] = tb[i + 1] - tb[i]
                } else {
                    pairs[2 * i] = tb[tableSize]; pairs[2 * i + 1] = -0.0
                }
            }
        }

        // The top plateau: from pair `plateauIndex` on, every pair is (plateau, ±0), so the
        // interpolation returns `plateau` bit for bit (not for a plateau of −0, where −0 + 0 = +0).
        var plateauIndex = tableSize
        let plateau = pairs[2 * tableSize]
        while plateauIndex > 0 && pairs[2 * (plateauIndex - 1)].bitPattern == plateau.bitPattern { plateauIndex -= 1 }
        let plateauStart = plateau.bitPattern == (-0.0).bitPattern ? Double.infinity : Double(plateauIndex)

        pairs.withUnsafeBufferPointer { tp in
        model.nodeOffset.withUnsafeBufferPointer { off in
        model.nodeWeight.withUnsafeBufferPointer { wt in
        model.nodeCDF.withUnsafeBufferPointer { ncdf in
        policy.withUnsafeMutableBufferPointer { records in
            // P(u) interpolated in the table, as LatticeModel.tabulated (tb[i] + f·(tb[i+1] − tb[i])).
            @inline(__always) func tabulated(_ u: Double) -> Double {
                let x = u * invTableStep
                // i = Int(x), f = x − Double(i) (0 ≤ x < pairCount, far below 2⁵¹).
                let (i, whole) = x.uncheckedTruncation()
                let f = x - whole
                return tp[i &<< 1] + f * tp[(i &<< 1) &+ 1]
            }
            // Whether V_{k+1} is +0 on every row the cell reads (V_C = 0). A cell without mass after such a
            // layer has W(ℓ) = (q_ℓ a_k − u)·0 + (1 − φ_ℓ)·0 + φ_ℓ·0 = +0 for every state (±0 + +0 = +0),
            // so V_k is +0 again and ℓ = L is the only record of each row: it is written as such.
            var nextIsZero = true
            for k in stride(from: C - 1, through: 0, by: -1) {
                let a = starts[k], h = widths[k]
                let top = model.mTop(k), topNext = model.mTop(k + 1)
                let base = k * G
                if nextIsZero && model.atomMass[k] == 0 && model.cellMass[k] == 0 {
                    let lastWord = L >> 6, lastBit = UInt64(1) &<< UInt64(L & 63)
                    for m in 0...top {
                        for l in 0...L { vCur[m &* L1 &+ l] = 0 }
                        let row = (rowOffset[k] &+ m) &* wordsPerRow
                        for w in 0..<wordsPerRow { records[row &+ w] = w == lastWord ? lastBit : 0 }
                    }
                    swap(&vNext, &vCur)
                    continue
                }
                nextIsZero = false
                for l in 0...L {
                    let q = Double(l) * invL
                    let s = q * h / du
                    let j = Int(s)
                    shiftIndex[l] = j; shiftFraction[l] = s - Double(j)
                    keepFraction[l] = 1 - shiftFraction[l]
                    allocationTimesStart[l] = q * a
                    for g in 0..<G { nodeShift[l * G + g] = q * off[base + g] }
                }
                // FGM: ∂C/∂u = v(1 + ρ(1 − 2F(θ_g))(1 − v)); the factor ρ(1 − 2F(θ_g)) per node.
                for g in 0..<G { fgmFactor[g] = rho * (1 - 2 * ncdf[base + g]) }
                let cellMass = model.cellMass[k]
                let hasCell = cellMass > 0
                let atomMass = model.atomMass[k]
                if atomMass > 0 {
                    for m in 0...top { atomProbability[m] = model.atomProbability(k, Double(m) * du) }
                }
                let tauA = model.tauStart[k], chordSlope = model.chordSlope[k]
                let invH = h > 0 ? 1 / h : 0
                // Perfect correlation: the cell is won where (u − τ_a) + (q − σ)(θ − a) ≥ 0 (σ the
                // chord's slope); with F linear on the cell the won fraction is 1 + A·c (B > 0) or
                // −A·c (B < 0), A = u − τ_a, B = q − σ, c = 1/(B h) (c = 0 flags B = 0).
                if kernelCode == 2 {
                    for l in 0...L {
                        let B = Double(l) * invL - chordSlope
                        perfectScale[l] = abs(B) <= 1e-15 ? 0 : invH / B
                    }
                }
                let policyBase = rowOffset[k]
                let vn = UnsafeBufferPointer(vNext), vc = vCur

                // One backward step for every reachable (m, ℓ), ℓ from L down to 0:
                // W(ℓ) = R(k, u_m, ℓ) + V_{k+1} interpolated at u_m + q_ℓ h, and the running
                // suffix maximum over ℓ′ ≥ ℓ with its argument (the policy).
                // `addCell(s, u, ℓ)` adds the cell's density part to s (node by node, in order).
                // Below `unclamped` the interpolation rows m + j_ℓ and m + j_ℓ + 1 never pass topNext
                // (j_ℓ is largest at ℓ = L), so their entries sit at m(L + 1) + columnOffset[ℓ] and L + 1 further.
                let unclamped = topNext - 1 - shiftIndex[L]
                for l in 0...L {
                    columnOffset[l] = shiftIndex[l] &* L1 &+ l
                    levelSteps[l] = LevelStep(allocationTimesStart: allocationTimesStart[l], keep: keepFraction[l],
                                              shift: shiftFraction[l], column: columnOffset[l])
                }
                // The perfect-correlation kernel (the won fraction above), which `sweep` evaluates itself.
                let perfectKernel = kernelCode == 2
                @inline(__always) func perfectCell(_ s: Double, _ u: Double, _ l: Int) -> Double {
                    let A = u - tauA, c = perfectScale[l]
                    if c == 0 { return (weak ? A >= -tol : A > tol) ? s + cellMass : s }
                    return s + cellMass * min(1, max(0, c > 0 ? 1 + A * c : -A * c))
                }
                // `addCells` does the same for two utilities at once (each sum still in node order).
                @inline(__always) func sweep(_ addCell: (_ s: Double, _ u: Double, _ l: Int) -> Double,
                                             _ addCells: (_ s0: Double, _ s1: Double, _ u0: Double, _ u1: Double, _ l: Int) -> (Double, Double)) {
                    // Four unclamped rows m, …, m + 3 at a time (independent chains for the processor to
                    // overlap: where the cell's revenue is cheap, as without a density part or under perfect
                    // correlation, the suffix maxima are the critical path; row m + 1's first interpolation
                    // entry is row m's second), then pairs, then single rows.
                    var m = 0
                    while m + 3 <= min(top, unclamped) {
                        let u0 = Double(m) * du, u1 = Double(m + 1) * du, u2 = Double(m + 2) * du, u3 = Double(m + 3) * du
                        let atom0 = atomMass > 0 ? atomMass * atomProbability[m] : 0
                        let atom1 = atomMass > 0 ? atomMass * atomProbability[m + 1] : 0
                        let atom2 = atomMass > 0 ? atomMass * atomProbability[m + 2] : 0
                        let atom3 = atomMass > 0 ? atomMass * atomProbability[m + 3] : 0
                        let row0 = m &* L1, row1 = row0 &+ L1, row2 = row1 &+ L1, row3 = row2 &+ L1
                        let policy0 = (policyBase &+ m) &* wordsPerRow, policy1 = policy0 &+ wordsPerRow
                        let policy2 = policy1 &+ wordsPerRow, policy3 = policy2 &+ wordsPerRow
                        var word0: UInt64 = 0, word1: UInt64 = 0, word2: UInt64 = 0, word3: UInt64 = 0
                        var best0 = 0.0, best1 = 0.0, best2 = 0.0, best3 = 0.0
                        var l = L
                        while l >= 0 {
                            var s0 = atom0, s1 = atom1, s2 = atom2, s3 = atom3
                            if hasCell {
                                if perfectKernel {
                                    s0 = perfectCell(s0, u0, l); s1 = perfectCell(s1, u1, l)
                                    s2 = perfectCell(s2, u2, l); s3 = perfectCell(s3, u3, l)
                                } else {
                                    (s0, s1) = addCells(s0, s1, u0, u1, l)
                                    (s2, s3) = addCells(s2, s3, u2, u3, l)
                                }
                            }
                            let step = levelSteps[l]
                            let index = row0 &+ step.column
                            let va = vn[index], vb = vn[index &+ L1], vc2 = vn[index &+ 2 &* L1]
                            let vd = vn[index &+ 3 &* L1], ve = vn[index &+ 4 &* L1]
                            let w0 = (step.allocationTimesStart - u0) * s0 + step.keep * va + step.shift * vb
                            let w1 = (step.allocationTimesStart - u1) * s1 + step.keep * vb + step.shift * vc2
                            let w2 = (step.allocationTimesStart - u2) * s2 + step.keep * vc2 + step.shift * vd
                            let w3 = (step.allocationTimesStart - u3) * s3 + step.keep * vd + step.shift * ve
                            let record0 = l == L || w0 > best0, record1 = l == L || w1 > best1
                            let record2 = l == L || w2 > best2, record3 = l == L || w3 > best3
                            if record0 { best0 = w0 }
                            if record1 { best1 = w1 }
                            if record2 { best2 = w2 }
                            if record3 { best3 = w3 }
                            vc[row0 &+ l] = best0
                            vc[row1 &+ l] = best1
                            vc[row2 &+ l] = best2
                            vc[row3 &+ l] = best3
                            word0 = word0 &<< 1 | UInt64(record0 ? 1 : 0)
                            word1 = word1 &<< 1 | UInt64(record1 ? 1 : 0)
                            word2 = word2 &<< 1 | UInt64(record2 ? 1 : 0)
                            word3 = word3 &<< 1 | UInt64(record3 ? 1 : 0)
                            if l & 63 == 0 {
                                records[policy0 &+ (l >> 6)] = word0; word0 = 0
                                records[policy1 &+ (l >> 6)] = word1; word1 = 0
                                records[policy2 &+ (l >> 6)] = word2; word2 = 0
                                records[policy3 &+ (l >> 6)] = word3; word3 = 0
                            }
                            l &-= 1
                        }
                        m += 4
                    }
                    while m + 1 <= min(top, unclamped) {
                        let u0 = Double(m) * du, u1 = Double(m + 1) * du
                        let atom0 = atomMass > 0 ? atomMass * atomProbability[m] : 0
                        let atom1 = atomMass > 0 ? atomMass * atomProbability[m + 1] : 0
                        let row0 = m &* L1, row1 = row0 &+ L1
                        let policy0 = (policyBase &+ m) &* wordsPerRow, policy1 = policy0 &+ wordsPerRow
                        var word0: UInt64 = 0, word1: UInt64 = 0
                        var best0 = 0.0, best1 = 0.0
                        var l = L
                        while l >= 0 {
                            var s0 = atom0, s1 = atom1
                            if hasCell {
                                if perfectKernel { s0 = perfectCell(s0, u0, l); s1 = perfectCell(s1, u1, l) } else { (s0, s1) = addCells(s0, s1, u0, u1, l) }
                            }
                            let step = levelSteps[l]
                            let index = row0 &+ step.column
                            let va = vn[index], vb = vn[index &+ L1], vc1 = vn[index &+ 2 &* L1]
                            let w0 = (step.allocationTimesStart - u0) * s0 + step.keep * va + step.shift * vb
                            let w1 = (step.allocationTimesStart - u1) * s1 + step.keep * vb + step.shift * vc1
                            let record0 = l == L || w0 > best0, record1 = l == L || w1 > best1
                            if record0 { best0 = w0 }
                            if record1 { best1 = w1 }
                            vc[row0 &+ l] = best0
                            vc[row1 &+ l] = best1
                            // Bits enter at the bottom, ℓ descending: ℓ's bit ends at position ℓ mod 64.
                            word0 = word0 &<< 1 | UInt64(record0 ? 1 : 0)
                            word1 = word1 &<< 1 | UInt64(record1 ? 1 : 0)
                            if l & 63 == 0 {
                                records[policy0 &+ (l >> 6)] = word0; word0 = 0
                                records[policy1 &+ (l >> 6)] = word1; word1 = 0
                            }
                            l &-= 1
                        }
                        m += 2
                    }
                    while m <= top {
                        let u = Double(m) * du
                        let atomTerm = atomMass > 0 ? atomMass * atomProbability[m] : 0
                        let row = m &* L1
                        let policyRow = (policyBase &+ m) &* wordsPerRow
                        var word: UInt64 = 0
                        let clamp = m > unclamped
                        var best = 0.0
                        var l = L
                        while l >= 0 {
                            var s = atomTerm
                            if hasCell { s = perfectKernel ? perfectCell(s, u, l) : addCell(s, u, l) }
                            let v0: Double, v1: Double
                            if clamp {
                                let j = m &+ shiftIndex[l]
                                v0 = vn[min(j, topNext) &* L1 &+ l]; v1 = vn[min(j &+ 1, topNext) &* L1 &+ l]
                            } else {
                                let index = row &+ columnOffset[l]
                                v0 = vn[index]; v1 = vn[index &+ L1]
                            }
                            let w = (allocationTimesStart[l] - u) * s + keepFraction[l] * v0 + shiftFraction[l] * v1
                            let record = l == L || w > best
                            if record { best = w }
                            vc[row &+ l] = best
                            word = word &<< 1 | UInt64(record ? 1 : 0)
                            if l & 63 == 0 { records[policyRow &+ (l >> 6)] = word; word = 0 }
                            l &-= 1
                        }
                        m += 1
                    }
                }
                // Four nodes (the specs' setting) unrolled, the sums still in node order.
                let w0 = G == 4 ? wt[base] : 0, w1 = G == 4 ? wt[base &+ 1] : 0
                let w2 = G == 4 ? wt[base &+ 2] : 0, w3 = G == 4 ? wt[base &+ 3] : 0
                let f0 = G == 4 ? fgmFactor[0] : 0, f1 = G == 4 ? fgmFactor[1] : 0
                let f2 = G == 4 ? fgmFactor[2] : 0, f3 = G == 4 ? fgmFactor[3] : 0
                let shifts = nodeShift.baseAddress!
                // On the table's top plateau (every node argument at or above `plateauStart`) each node's
                // P is `plateau` exactly, so its term is the cell constant p_g computed below with the
                // same operations; the node with the smallest offset decides (q(θ_g − a_k) ≥ 0 grows with
                // θ_g, and rounding is monotone).
                var gMin = 0
                if G == 4 { for g in 1..<4 where off[base &+ g] < off[base &+ gMin] { gMin = g } }
                @inline(__always) func term(_ w: Double, _ f: Double, _ v: Double) -> Double { w * v * (1 + f * (1 - v)) }
                let p0 = kernelCode == 1 ? term(w0, f0, plateau) : w0 * plateau
                let p1 = kernelCode == 1 ? term(w1, f1, plateau) : w1 * plateau
                let p2 = kernelCode == 1 ? term(w2, f2, plateau) : w2 * plateau
                let p3 = kernelCode == 1 ? term(w3, f3, plateau) : w3 * plateau
                @inline(__always) func onPlateau(_ u: Double, _ ns: UnsafeMutablePointer<Double>) -> Bool {
                    (u + ns[gMin]) * invTableStep >= plateauStart
                }
                switch kernelCode {
                case 0 where G == 4:
                    sweep({ s0, u, l in
                        let ns = shifts + (l &<< 2)
                        var s = s0
                        if onPlateau(u, ns) { s += p0; s += p1; s += p2; s += p3; return s }
                        s += w0 * tabulated(u + ns[0])
                        s += w1 * tabulated(u + ns[1])
                        s += w2 * tabulated(u + ns[2])
                        s += w3 * tabulated(u + ns[3])
                        return s
                    }, { s0, s1, u0, u1, l in
                        let ns = shifts + (l &<< 2)
                        var a = s0, b = s1
                        if onPlateau(u0, ns) {   // (then also u1 > u0)
                            a += p0; b += p0; a += p1; b += p1; a += p2; b += p2; a += p3; b += p3
                            return (a, b)
                        }
                        let n0 = ns[0], n1 = ns[1], n2 = ns[2], n3 = ns[3]
                        a += w0 * tabulated(u0 + n0); b += w0 * tabulated(u1 + n0)
                        a += w1 * tabulated(u0 + n1); b += w1 * tabulated(u1 + n1)
                        a += w2 * tabulated(u0 + n2); b += w2 * tabulated(u1 + n2)
                        a += w3 * tabulated(u0 + n3); b += w3 * tabulated(u1 + n3)
                        return (a, b)
                    })
                case 1 where G == 4:
                    // The FGM node term w_g·v·(1 + ρ(1 − 2F(θ_g))(1 − v)), as `fgmTerm` below.
                    sweep({ s0, u, l in
                        let ns = shifts + (l &<< 2)
                        var s = s0
                        if onPlateau(u, ns) { s += p0; s += p1; s += p2; s += p3; return s }
                        s += term(w0, f0, tabulated(u + ns[0]))
                        s += term(w1, f1, tabulated(u + ns[1]))
                        s += term(w2, f2, tabulated(u + ns[2]))
                        s += term(w3, f3, tabulated(u + ns[3]))
                        return s
                    }, { s0, s1, u0, u1, l in
                        let ns = shifts + (l &<< 2)
                        var a = s0, b = s1
                        if onPlateau(u0, ns) {
                            a += p0; b += p0; a += p1; b += p1; a += p2; b += p2; a += p3; b += p3
                            return (a, b)
                        }
                        let n0 = ns[0], n1 = ns[1], n2 = ns[2], n3 = ns[3]
                        a += term(w0, f0, tabulated(u0 + n0)); b += term(w0, f0, tabulated(u1 + n0))
                        a += term(w1, f1, tabulated(u0 + n1)); b += term(w1, f1, tabulated(u1 + n1))
                        a += term(w2, f2, tabulated(u0 + n2)); b += term(w2, f2, tabulated(u1 + n2))
                        a += term(w3, f3, tabulated(u0 + n3)); b += term(w3, f3, tabulated(u1 + n3))
                        return (a, b)
                    })
                case 0:
                    sweep({ s0, u, l in
                        var s = s0
                        for g in 0..<G { s += wt[base &+ g] * tabulated(u + nodeShift[l &* G &+ g]) }
                        return s
                    }, { s0, s1, u0, u1, l in
                        var a = s0, b = s1
                        for g in 0..<G {
                            let weight = wt[base &+ g], shift = nodeShift[l &* G &+ g]
                            a += weight * tabulated(u0 + shift)
                            b += weight * tabulated(u1 + shift)
                        }
                        return (a, b)
                    })
                case 1:
                    @inline(__always) func fgmTerm(_ g: Int, _ u: Double, _ l: Int) -> Double {
                        let v = tabulated(u + nodeShift[l &* G &+ g])
                        return wt[base &+ g] * v * (1 + fgmFactor[g] * (1 - v))
                    }
                    sweep({ s0, u, l in
                        var s = s0
                        for g in 0..<G { s += fgmTerm(g, u, l) }
                        return s
                    }, { s0, s1, u0, u1, l in
                        var a = s0, b = s1
                        for g in 0..<G { a += fgmTerm(g, u0, l); b += fgmTerm(g, u1, l) }
                        return (a, b)
                    })
                default:
                    // (`sweep` evaluates this kernel itself, `perfectCell`: no closure call per state.)
                    sweep({ s, _, _ in s }, { s0, s1, _, _, _ in (s0, s1) })
                }
                swap(&vNext, &vCur)
            }
        }
        }
        }
        }
        }
        return LatticePass(value: vNext[0], policy: policy, rowOffset: rowOffset, wordsPerRow: wordsPerRow)
    }
}

/// Per allocation level ℓ of a cell, what the paired rows of the backward pass read together:
/// q_ℓ a_k, the interpolation weights 1 − φ_ℓ and φ_ℓ of u + q_ℓ h, and the entry offset j_ℓ(L + 1) + ℓ.
struct LevelStep {
    var allocationTimesStart: Double
    var keep: Double
    var shift: Double
    var column: Int
}

/// What the backward pass leaves for the forward rebuild: V_0(0, 0) and the policy bits (cell k's
/// rows start at rowOffset[k], `wordsPerRow` words a row).
final class LatticePass: Sendable {
    let value: Double
    let policy: [UInt64]
    let rowOffset: [Int]
    let wordsPerRow: Int

    init(value: Double, policy: [UInt64], rowOffset: [Int], wordsPerRow: Int) {
        self.value = value; self.policy = policy; self.rowOffset = rowOffset; self.wordsPerRow = wordsPerRow
    }
}

/// The memo of tie-free backward passes (Numerics `Memo`; bounded: a pass of the finest lattices
/// holds some megabytes of policy bits, and only the other tie rule of the same sweep reuses one).
enum LatticePassMemo {
    static let shared = Memo<LatticePassKey, LatticePass>(capacity: 8)
}

/// Everything the backward pass reads under the perfect-correlation kernel without atoms, bit for bit.
struct LatticePassKey: Hashable, Sendable {
    let bits: [UInt64]
}

/// The discretised problem of the lattice DP: cells, quadrature nodes, the
/// tabulated winning probability and the rival-utility chords. `cellRevenue`
/// is the reference form of the cell revenue R(k, u, ℓ) that the DP's inner
/// loop evaluates in unrolled form (the tests compare the two by brute force).
struct LatticeModel {
    enum Kernel { case table, fgm(Double), perfect }

    let environment: WinningProbability
    let starts: [Double]
    let widths: [Double]
    var cellCount: Int { starts.count }
    let L: Int, M: Int, G: Int
    let du: Double, invL: Double
    let kernel: Kernel
    /// P(u) (independent) or F₂(U₂⁻¹(u)) (copula) at u = i·θ̄/tableSize; entry 0 is the limit u → 0⁺.
    let table: [Double]
    let tableSize: Int
    let invTableStep: Double
    /// Per cell (flattened k·G + g): node offset θ_g − a_k, weight w_g h/2 f(θ_g), F(θ_g).
    let nodeOffset: [Double], nodeWeight: [Double], nodeCDF: [Double]
    /// Per cell: continuous mass, atom mass at the start, rival utility at the start and its chord's slope.
    let cellMass: [Double], atomMass: [Double], tauStart: [Double], chordSlope: [Double]

    init(_ env: WinningProbability, _ settings: LatticeSettings) throws {
        try require(settings.cells >= 1, .setting(.cells, value: "\(settings.cells)", allowed: "at least 1 cell"))
        let (starts, widths) = env.latticeCells(settings.cells)
        try settings.validate(cellCount: starts.count)
        environment = env
        self.starts = starts; self.widths = widths
        L = settings.allocationLevels; M = settings.utilityLevels; G = settings.gaussNodes
        let upper = env.own.upper
        du = upper / Double(M - 1)
        invL = 1 / Double(L)
        switch env.dependence {
        case .independent: kernel = .table
        case let .copula(c):
            if case let .fgm(rho) = c { kernel = .fgm(rho) } else { kernel = .table }
        case .perfect: kernel = env.opponents.isEmpty ? .table : .perfect
        }
        tableSize = max(4096, 4 * M)
        let tableStep = upper / Double(tableSize)
        invTableStep = 1 / tableStep
        var table = [Double](repeating: 1, count: tableSize + 2)
        let copula: Bool = { if case .copula = env.dependence { return true }; return false }()
        let perfect: Bool = { if case .perfect = env.dependence { return true }; return false }()
        // (Read only by cells with a density part: an own law of atoms alone needs no table.)
        if !perfect && env.own.continuousMass > 1e-15 {
            for i in 0...tableSize + 1 {
                let u = i == 0 ? min(1e-9, 0.5 * tableStep) : Double(i) * tableStep
                table[i] = copula ? env.below(0, u, tie: env.tie) : env.probability(theta: 0, utility: u)
            }
        }
        self.table = table
        let rule = try Quadrature.gaussLegendreRule(order: G)
        let C = starts.count
        var off = [Double](repeating: 0, count: C * G), wt = off, cdf = off
        var mass = [Double](repeating: 0, count: C), atom = mass, tau = mass, slope = mass
        let own = env.own
        let hasDensity = own.continuousMass > 1e-15
        for k in 0..<C {
            let a = starts[k], h = widths[k]
            if hasDensity && h > 0 {
                for g in 0..<G {
                    let x = a + 0.5 * h * (1 + rule.nodes[g])
                    off[k * G + g] = x - a
                    wt[k * G + g] = 0.5 * h * rule.weights[g] * own.pdf(x)
                    cdf[k * G + g] = own.cdf(x)
                }
                mass[k] = max(0, own.cdfLeft(a + h) - own.cdf(a))
            }
            atom[k] = own.atoms.first(where: { $0.value == a })?.mass ?? 0
            if case .perfect = kernel {
                tau[k] = env.rivalUtility(theta: a) ?? 0
                slope[k] = h > 0 ? ((env.rivalUtility(theta: a + h) ?? 0) - tau[k]) / h : 0
            }
        }
        nodeOffset = off; nodeWeight = wt; nodeCDF = cdf
        cellMass = mass; atomMass = atom; tauStart = tau; chordSlope = slope
    }

    /// The memo key of the backward pass when it does not read the tie rule: the perfect-correlation
    /// kernel (which reads the settings, θ̄, the cells, their masses and the rival chords only), no own
    /// atom (whose P(a_k, u) depends on the rule) and no allocation level on a chord's slope in a cell
    /// with mass (where the tie decides whether the cell is won). Nil otherwise.
    var tieFreeKey: LatticePassKey? {
        guard case .perfect = kernel, atomMass.allSatisfy({ $0 == 0 }) else { return nil }
        for k in 0..<cellCount where cellMass[k] > 0 {
            for l in 0...L where abs(Double(l) * invL - chordSlope[k]) <= 1e-15 { return nil }
        }
        var bits: [UInt64] = [UInt64(L), UInt64(M), UInt64(G), UInt64(cellCount), environment.own.upper.bitPattern]
        for array in [starts, widths, cellMass, tauStart, chordSlope] { bits += array.map(\.bitPattern) }
        return LatticePassKey(bits: bits)
    }

    /// Highest reachable utility level at the start of cell k (U(a_k) ≤ a_k), plus slack for interpolation.
    func mTop(_ k: Int) -> Int { k >= cellCount ? M - 1 : min(M - 1, Int((starts[k] / du).rounded(.up)) + 2) }

    func tabulated(_ u: Double) -> Double {
        let x = u * invTableStep
        let i = Int(x)
        if i >= tableSize { return table[tableSize] }
        let f = x - Double(i)
        return table[i] + f * (table[i + 1] - table[i])
    }

    /// Exact P at the atom starting cell k.
    func atomProbability(_ k: Int, _ u: Double) -> Double { environment.probability(theta: starts[k], utility: u) }

    /// ∫_cell P(θ, u + q(θ − a_k)) dF over the density part (the DP's approximation).
    func cellIntegral(_ k: Int, _ u: Double, _ q: Double) -> Double {
        guard cellMass[k] > 0 else { return 0 }
        switch kernel {
        case .table:
            return (0..<G).reduce(0.0) { $0 + nodeWeight[k * G + $1] * tabulated(u + q * nodeOffset[k * G + $1]) }
        case let .fgm(rho):
            return (0..<G).reduce(0.0) { s, g in
                let v = tabulated(u + q * nodeOffset[k * G + g])
                return s + nodeWeight[k * G + g] * v * (1 + rho * (1 - 2 * nodeCDF[k * G + g]) * (1 - v))
            }
        case .perfect:
            let A = u - tauStart[k], B = q - chordSlope[k]
            if abs(B) <= 1e-15 {
                let wins = environment.tie == .weak ? A >= -WinningProbability.tieTolerance : A > WinningProbability.tieTolerance
                return wins ? cellMass[k] : 0
            }
            let root = -A / B / widths[k]
            return cellMass[k] * min(1, max(0, B > 0 ? 1 - root : root))
        }
    }

    /// R(k, u, ℓ) = t·[atom·P(a_k, u) + ∫_cell P dF] with t = q a_k − u, q = ℓ/L.
    func cellRevenue(_ k: Int, _ u: Double, _ level: Int) -> Double {
        let q = Double(level) * invL
        let atomTerm = atomMass[k] > 0 ? atomMass[k] * atomProbability(k, u) : 0
        return (q * starts[k] - u) * (atomTerm + cellIntegral(k, u, q))
    }
}
