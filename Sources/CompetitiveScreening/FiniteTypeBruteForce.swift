// Examples 3.1 and 5.3 cross-check: the finite-type problem by brute force
// over a grid of allocations and utilities (every IC/IR/t ≥ 0 profile), with
// the winning probability evaluated in Double under the tie rule.

import Foundation
import Numerics

extension FiniteTypeProblem {
    /// Brute force over a grid: allocations i/N, utilities on multiples of θ_K/N,
    /// every IC/IR/t ≥ 0 profile, P evaluated in Double under the tie rule.
    public func bruteForce(grid N: Int) throws -> (revenue: Double, allocations: [Double], utilities: [Double]) {
        try require(N >= 1 && N <= 2000, .setting(.bruteForceSteps, value: "\(N)", allowed: "1 to 2000 grid steps"))
        let K = types.count
        let th = types.map(\.doubleValue), ms = masses.map(\.doubleValue)
        let top = th[K - 1]
        let tol = 1e-12
        var best = (revenue: -Double.infinity, allocations: [Double](), utilities: [Double]())
        var q = [Double](repeating: 1, count: K), u = [Double](repeating: 0, count: K)
        func gridU(_ i: Int) -> Double { Double(i) * top / Double(N) }
        // Every utility is a grid point gridU(i) ≤ θ_K + tol (u_k ≤ θ_k q_k + tol), so P(θ_j, u_j) is tabulated
        // once per type and grid point (the same calls, bit for bit) instead of at every profile.
        let gridCount = Int(((top + tol) / top * Double(N)).rounded(.up)) + 2
        var winning = [Double](repeating: 0, count: K * gridCount)
        for j in 0..<K {
            for i in 0..<gridCount { winning[j * gridCount + i] = environment.probability(theta: th[j], utility: gridU(i)) }
        }
        var uIndex = [Int](repeating: 0, count: K)
        func chooseU(_ k: Int) {
            if k == K {
                var r = 0.0
                for j in 0..<K { r += ms[j] * (th[j] * q[j] - u[j]) * winning[j * gridCount + uIndex[j]] }
                if r > best.revenue + 1e-15 { best = (r, q, u) }
                return
            }
            // Range of u_k: IR / downward IC from below; upward IC and t ≥ 0 from above.
            let lo = k == 0 ? 0 : u[k - 1] + q[k - 1] * (th[k] - th[k - 1])
            let hiIC = k == 0 ? Double.infinity : u[k - 1] + q[k] * (th[k] - th[k - 1])
            let hi = min(hiIC, th[k] * q[k])
            guard hi >= lo - tol else { return }
            var i = max(0, Int(((lo - tol) * Double(N) / top).rounded(.up)))
            while gridU(i) <= hi + tol {
                u[k] = gridU(i)
                uIndex[k] = i
                chooseU(k + 1)
                i += 1
            }
        }
        func chooseQ(_ k: Int, _ minimum: Int) {
            if k == K - 1 { q[k] = 1; chooseU(0); return }
            for i in minimum...N { q[k] = Double(i) / Double(N); chooseQ(k + 1, i) }
        }
        chooseQ(0, 0)
        return best
    }
}
