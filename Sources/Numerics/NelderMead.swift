// The Nelder–Mead simplex in a box, with restarts against stagnation.
// Sources: Nelder and Mead (1965), Computer Journal 7, 308–313; the
// tie-breaking rules of Lagarias, Reeds, Wright and Wright (1998), SIAM J.
// Optim. 9, 112–147; restarts as in Kelley (1999), SIAM J. Optim. 10, 43–55.

extension Optimize {
    // Nelder–Mead internals

    struct Point2: Equatable {
        var x: Double
        var y: Double
        static func + (l: Point2, r: Point2) -> Point2 { Point2(x: l.x + r.x, y: l.y + r.y) }
        static func - (l: Point2, r: Point2) -> Point2 { Point2(x: l.x - r.x, y: l.y - r.y) }
        static func * (s: Double, p: Point2) -> Point2 { Point2(x: s * p.x, y: s * p.y) }
    }

    struct Box {
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        func clamp(_ p: Point2) -> Point2 {
            Point2(x: min(max(p.x, x.lowerBound), x.upperBound),
                   y: min(max(p.y, y.lowerBound), y.upperBound))
        }
    }

    /// Nelder–Mead minimisation of `h` in the box, with restarts.
    /// Each iteration costs at most 4 evaluations; each restart 2.
    static func nelderMead(
        _ h: (Point2) throws -> Double,
        start: Point2, startValue: Double, step: Point2, box: Box,
        tolerance: Double, maxIterations: Int
    ) throws -> (p: Point2, h: Double, iterations: Int, converged: Bool) {
        // Simplex vertices, kept sorted by h (best first). Ties: an older
        // vertex stays ahead of a newer one (Lagarias et al. 1998).
        var v = [start, start, start]
        var hv = [startValue, startValue, startValue]
        var iterations = 0
        var restarts = 0
        var anchor = start, anchorValue = startValue  // best vertex at the last (re)start

        func insertLast() {
            // Move vertex 2 forward past strictly worse vertices.
            var k = 2
            while k > 0 && hv[k] < hv[k - 1] {
                v.swapAt(k, k - 1); hv.swapAt(k, k - 1)
                k -= 1
            }
        }
        func buildSimplex() throws {
            let p0 = v[0]
            let sx = p0.x + step.x <= box.x.upperBound ? step.x : -step.x
            let sy = p0.y + step.y <= box.y.upperBound ? step.y : -step.y
            let p1 = box.clamp(Point2(x: p0.x + sx, y: p0.y))
            let p2 = box.clamp(Point2(x: p0.x, y: p0.y + sy))
            v[1] = p1; hv[1] = try h(p1)
            v[2] = p2; hv[2] = try h(p2)
            // Sort, keeping p0 first on ties.
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
            if hv[1] < hv[0] { v.swapAt(0, 1); hv.swapAt(0, 1) }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
        }
        func shrunk() -> Bool {
            let tx = tolerance + 4 * Double.ulpOfOne * abs(v[0].x)
            let ty = tolerance + 4 * Double.ulpOfOne * abs(v[0].y)
            for k in 1...2 where abs(v[k].x - v[0].x) > tx || abs(v[k].y - v[0].y) > ty {
                return false
            }
            return true
        }

        try buildSimplex()
        while iterations < maxIterations {
            if shrunk() {
                if restarts > 0 {
                    let tx = tolerance + 4 * Double.ulpOfOne * abs(v[0].x)
                    let ty = tolerance + 4 * Double.ulpOfOne * abs(v[0].y)
                    let moved = abs(v[0].x - anchor.x) > tx || abs(v[0].y - anchor.y) > ty
                    let gain = anchorValue - hv[0]
                    let roundingLevel = 8 * Double.ulpOfOne * abs(hv[0])
                    if !moved || gain <= roundingLevel {
                        return (v[0], hv[0], iterations, true)
                    }
                }
                // Restart from the best vertex (one iteration, 2 evaluations).
                restarts += 1
                iterations += 1
                anchor = v[0]; anchorValue = hv[0]
                try buildSimplex()
                continue
            }
            iterations += 1

            let centroid = 0.5 * (v[0] + v[1])
            let xr = box.clamp(centroid + (centroid - v[2]))
            let hr = try h(xr)
            if hr < hv[0] {
                // Expansion.
                let xe = box.clamp(centroid + 2 * (centroid - v[2]))
                let he = try h(xe)
                if he < hr { v[2] = xe; hv[2] = he } else { v[2] = xr; hv[2] = hr }
                insertLast()
                continue
            }
            if hr < hv[1] {
                // Reflection accepted.
                v[2] = xr; hv[2] = hr
                insertLast()
                continue
            }
            if hr < hv[2] {
                // Outside contraction.
                let xc = centroid + 0.5 * (xr - centroid)
                let hc = try h(xc)
                if hc <= hr {
                    v[2] = xc; hv[2] = hc
                    insertLast()
                    continue
                }
            } else {
                // Inside contraction.
                let xcc = centroid - 0.5 * (centroid - v[2])
                let hcc = try h(xcc)
                if hcc < hv[2] {
                    v[2] = xcc; hv[2] = hcc
                    insertLast()
                    continue
                }
            }
            // Shrink towards the best vertex.
            for k in 1...2 {
                v[k] = v[0] + 0.5 * (v[k] - v[0])
                hv[k] = try h(v[k])
            }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
            if hv[1] < hv[0] { v.swapAt(0, 1); hv.swapAt(0, 1) }
            if hv[2] < hv[1] { v.swapAt(1, 2); hv.swapAt(1, 2) }
        }
        return (v[0], hv[0], iterations, false)
    }
}
