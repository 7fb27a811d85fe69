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
// maximum, so a cell costs O(M·L·nodes). The policy is stored as UInt8/UInt16.
// The menu is rebuilt forward with the exact U (policy at the nearest utility
// level) and evaluated EXACTLY (MenuEvaluation.swift): the reported revenue
// is that of a real feasible menu, a lower bound on the supremum; the DP
// value's distance to it is the discretisation error estimate.

import Foundation
import Harness
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

    /// Memory of the policy (cells × M × (L + 1) × 1 or 2 bytes) plus three value layers (M × (L + 1) Doubles).
    public func estimatedBytes(cellCount: Int) -> Double {
        let states = Double(utilityLevels) * Double(allocationLevels + 1)
        return Double(cellCount) * states * (allocationLevels <= 255 ? 1 : 2) + 3 * states * 8
    }

    /// Refuses sizes that are zero or would exceed `memoryLimit` (with the estimate).
    func validate(cellCount: Int) throws {
        try require(cells >= 1, "cells", "at least 1 cell", "\(cells)")
        try require(allocationLevels >= 1, "allocation_levels", "at least 1 allocation step (q ∈ {0, 1/L, …, 1})", "\(allocationLevels)")
        try require(allocationLevels <= 65_535, "allocation_levels", "at most 65535 allocation steps", "\(allocationLevels)")
        try require(utilityLevels >= 2, "utility_levels", "at least 2 utility levels", "\(utilityLevels)")
        try require(gaussNodes >= 1 && gaussNodes <= 64, "gauss_nodes", "1 to 64 Gauss–Legendre nodes per cell", "\(gaussNodes)")
        let bytes = estimatedBytes(cellCount: cellCount)
        if bytes > Double(Self.memoryLimit) {
            let shown = String(format: "%.2f GiB", bytes / Double(1 << 30))
            let key = Double(cellCount) >= Double(utilityLevels) && Double(cellCount) >= Double(allocationLevels) ? "cells"
                : (utilityLevels >= allocationLevels ? "utility_levels" : "allocation_levels")
            throw CompetitiveScreeningError(
                parameter: key, expectation: "a lattice within \(Self.memoryLimit >> 30) GiB (cells × utility levels × (allocation levels + 1) × policy bytes)",
                received: "\(cellCount) cells × \(utilityLevels) utility levels × \(allocationLevels + 1) allocation levels ≈ \(shown)")
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
    /// The exact revenue of the reconstructed menu (a lower bound on the supremum).
    public var revenue: Double { evaluation.revenue }
    /// |DP value − exact revenue|.
    public var errorEstimate: Double { abs(dpValue - evaluation.revenue) }
}

extension WinningProbability {
    /// The cell starts: a uniform grid on [0, θ̄] merged with own atoms and
    /// breakpoints and (perfect correlation) the types where a rival's menu has a kink;
    /// a point within a quarter cell of a grid point replaces it. An atom at
    /// θ̄ adds a final cell of width 0. Returns starts and widths.
    func latticeCells(_ n: Int) -> (starts: [Double], widths: [Double]) {
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
        try require(settings.cells >= 1, "cells", "at least 1 cell", "\(settings.cells)")
        let (starts, widths) = latticeCells(settings.cells)
        let C = starts.count
        try settings.validate(cellCount: C)
        let L = settings.allocationLevels, M = settings.utilityLevels, G = settings.gaussNodes
        let L1 = L + 1
        let upper = own.upper
        let du = upper / Double(M - 1)
        let invL = 1 / Double(L)
        let rule = try Quadrature.gaussLegendreRule(order: G)

        // Winning-probability kernel.
        enum Kernel { case table, fgm(Double), perfect }
        var kernel = Kernel.table
        switch dependence {
        case .independent: kernel = .table
        case let .copula(c):
            if case let .fgm(rho) = c { kernel = .fgm(rho) } else { kernel = .table }
        case .perfect: kernel = opponents.isEmpty ? .table : .perfect
        }
        // Tabulated P(u) (independent) or F₂(U₂⁻¹(u)) (copula) on [0, θ̄]; entry 0 holds the limit u → 0⁺.
        let tableSize = max(4096, 4 * M)
        let tableStep = upper / Double(tableSize)
        var table = [Double](repeating: 1, count: tableSize + 2)
        switch kernel {
        case .table:
            if case .perfect = dependence {} else {
                for i in 0...tableSize + 1 {
                    let u = i == 0 ? min(1e-9, 0.5 * tableStep) : Double(i) * tableStep
                    if case .copula = dependence { table[i] = below(0, u, tie: tie) } else { table[i] = probability(theta: 0, utility: u) }
                }
            }
        case .fgm:
            for i in 0...tableSize + 1 {
                table[i] = below(0, i == 0 ? min(1e-9, 0.5 * tableStep) : Double(i) * tableStep, tie: tie)
            }
        case .perfect: break
        }
        let invTableStep = 1 / tableStep

        // Reachable utility levels at each cell start: U(a_k) ≤ a_k.
        func mTop(_ k: Int) -> Int { k >= C ? M - 1 : min(M - 1, Int((starts[k] / du).rounded(.up)) + 2) }

        var vNext = [Double](repeating: 0, count: M * L1)
        var vCur = [Double](repeating: 0, count: M * L1)
        var w = [Double](repeating: 0, count: L1)
        let compact = L <= 255
        var policy8 = [UInt8](repeating: 0, count: compact ? C * M * L1 : 0)
        var policy16 = [UInt16](repeating: 0, count: compact ? 0 : C * M * L1)
        var shiftIndex = [Int](repeating: 0, count: L1)
        var shiftFraction = [Double](repeating: 0, count: L1)
        var nodeOffset = [Double](repeating: 0, count: G)
        var nodeWeight = [Double](repeating: 0, count: G)
        var nodeCDF = [Double](repeating: 0, count: G)
        var atomProbability = [Double](repeating: 0, count: M)
        let atoms = own.atoms
        let hasDensity = own.continuousMass > 1e-15

        for k in stride(from: C - 1, through: 0, by: -1) {
            let a = starts[k], h = widths[k]
            let top = mTop(k), topNext = mTop(k + 1)
            for l in 0...L {
                let s = Double(l) * invL * h / du
                let j = Int(s)
                shiftIndex[l] = j; shiftFraction[l] = s - Double(j)
            }
            // Density part of the cell.
            var cellMass = 0.0
            if hasDensity && h > 0 {
                for g in 0..<G {
                    let x = a + 0.5 * h * (1 + rule.nodes[g])
                    nodeOffset[g] = x - a
                    nodeWeight[g] = 0.5 * h * rule.weights[g] * own.pdf(x)
                    nodeCDF[g] = own.cdf(x)
                }
                cellMass = max(0, own.cdfLeft(a + h) - own.cdf(a))
            } else {
                for g in 0..<G { nodeOffset[g] = 0; nodeWeight[g] = 0; nodeCDF[g] = 0 }
            }
            // Atom at the cell start: exact P at every utility level.
            let atomMass = atoms.first(where: { $0.value == a })?.mass ?? 0
            if atomMass > 0 {
                for m in 0...top { atomProbability[m] = probability(theta: a, utility: Double(m) * du) }
            }
            // Perfect correlation: the rival utility's chord on the cell.
            var tauA = 0.0, chordSlope = 0.0
            if case .perfect = kernel {
                tauA = rivalUtility(theta: a) ?? 0
                let tauB = rivalUtility(theta: a + h) ?? 0
                chordSlope = h > 0 ? (tauB - tauA) / h : 0
            }
            let weak = tie == .weak
            let tol = Self.tieTolerance

            vNext.withUnsafeBufferPointer { vn in
            vCur.withUnsafeMutableBufferPointer { vc in
            table.withUnsafeBufferPointer { tb in
            w.withUnsafeMutableBufferPointer { wb in
                @inline(__always) func tabulated(_ u: Double) -> Double {
                    let x = u * invTableStep
                    let i = Int(x)
                    if i >= tableSize { return tb[tableSize] }
                    let f = x - Double(i)
                    return tb[i] + f * (tb[i + 1] - tb[i])
                }
                for m in 0...top {
                    let u = Double(m) * du
                    let atomTerm = atomMass > 0 ? atomMass * atomProbability[m] : 0
                    for l in 0...L {
                        let q = Double(l) * invL
                        let t = q * a - u
                        var s = atomTerm
                        if cellMass > 0 {
                            switch kernel {
                            case .table:
                                for g in 0..<G { s += nodeWeight[g] * tabulated(u + q * nodeOffset[g]) }
                            case let .fgm(rho):
                                for g in 0..<G {
                                    let v = tabulated(u + q * nodeOffset[g])
                                    s += nodeWeight[g] * v * (1 + rho * (1 - 2 * nodeCDF[g]) * (1 - v))
                                }
                            case .perfect:
                                // Win where (u − τ_a) + (q − σ)(θ − a) ≥ 0 (σ the chord's slope).
                                let A = u - tauA, B = q - chordSlope
                                var fraction: Double
                                if abs(B) <= 1e-15 {
                                    fraction = (weak ? A >= -tol : A > tol) ? 1 : 0
                                } else {
                                    let root = -A / B
                                    fraction = B > 0 ? 1 - root / h : root / h
                                    fraction = min(1, max(0, fraction))
                                }
                                s += cellMass * fraction
                            }
                        }
                        let i0 = min(m + shiftIndex[l], topNext), i1 = min(m + shiftIndex[l] + 1, topNext)
                        let fr = shiftFraction[l]
                        wb[l] = t * s + (1 - fr) * vn[i0 * L1 + l] + fr * vn[i1 * L1 + l]
                    }
                    // Suffix maximum over ℓ′ ≥ ℓ.
                    var best = wb[L], arg = L
                    let row = m * L1
                    let policyRow = (k * M + m) * L1
                    vc[row + L] = best
                    if compact { policy8[policyRow + L] = UInt8(L) } else { policy16[policyRow + L] = UInt16(L) }
                    var l = L - 1
                    while l >= 0 {
                        if wb[l] > best { best = wb[l]; arg = l }
                        vc[row + l] = best
                        if compact { policy8[policyRow + l] = UInt8(arg) } else { policy16[policyRow + l] = UInt16(arg) }
                        l -= 1
                    }
                }
            }
            }
            }
            }
            swap(&vNext, &vCur)
        }
        let dpValue = vNext[0]

        // Forward reconstruction with the exact utility.
        var allocations = [Double](repeating: 0, count: C)
        var u = 0.0, previous = 0
        for k in 0..<C {
            let m = min(max(Int((u / du).rounded()), 0), mTop(k))
            let idx = (k * M + m) * L1 + previous
            let l = compact ? Int(policy8[idx]) : Int(policy16[idx])
            allocations[k] = Double(l) * invL
            u += allocations[k] * widths[k]
            previous = l
        }
        let menu = AllocationRule(cellStarts: starts, allocations: allocations)
        let evaluation = try evaluate(menu)
        return MenuBestResponse(settings: settings, cellCount: C, menu: menu, evaluation: evaluation, dpValue: dpValue)
    }
}
