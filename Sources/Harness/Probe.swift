// `replicate probe`: where does a claim break? The engine evaluates a spec's
// claims over a region of one or two numeric parameters (the others as the
// spec sets them) and locates every change of verdict by bisection. In one
// dimension an end point is recovered exactly when the parameter is exact
// (integer or rational) and the claim compares exact cells: the simplest
// rational in the final bracket (Stern–Brocot descent, Numerics'
// `Rational.simplest(in:_:)`), verified by evaluating the claim at it and just
// beside it. Otherwise it is reported with its tolerance (the bracket's
// half-width). In two dimensions the verdicts form a grid map whose boundary
// is refined by the same bisection along every grid edge where they change.

import Numerics

/// A claim's verdict at one parameter point.
public enum PointVerdict: String, Sendable, Hashable {
    case holds
    case fails
    /// Holds under some of the conventions the claim is checked across only.
    case dependsOnConvention = "depends on convention"
    /// The claim's rows (its `row` or `where` selector) do not exist there.
    case noRows = "no rows"
    /// The solver failed there (no equilibrium, no convergence, ...).
    case solverError = "solver error"
}

/// One varied parameter and its range.
public struct ProbeAxis: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case integer, rational, real }
    public let name: String
    public let kind: Kind
    public let from: Rational
    public let to: Rational
    /// A scaled list parameter: the spec's list, each element multiplied by
    /// the axis value x (the probe varies the list's scale, e.g. a prior's
    /// spread). nil for a plain numeric parameter.
    public var scaledList: [ParameterValue]? = nil

    /// How the axis is named in reports: the parameter, or "scale of NAME".
    public var label: String { scaledList == nil ? name : "scale of \(name)" }

    /// The parameter value at x (integers are exact, reals the nearest double).
    func value(_ x: Rational) -> ParameterValue {
        if let base = scaledList {
            return .list(base.map { v in
                switch v {
                case let .rational(r): return .rational(r * x)
                case let .real(d): return .real(d * x.doubleValue)
                default: return v
                }
            })
        }
        switch kind {
        case .integer: return .integer(x.floor.intValue ?? 0)
        case .rational: return .rational(x)
        case .real: return .real(x.doubleValue)
        }
    }

    /// `count` evenly spaced values from `from` to `to` (distinct integers for an integer parameter).
    func grid(_ count: Int) -> [Rational] {
        let xs = (0..<count).map { from + (to - from) * Rational($0, count - 1) }
        guard kind == .integer else { return xs }
        var seen = Set<Rational>(), result: [Rational] = []
        for x in xs where seen.insert(Rational(x.floor)).inserted { result.append(Rational(x.floor)) }
        return result
    }
}

/// One end of an interval of verdicts.
public struct ProbeBound: Sendable, Equatable {
    public let value: Rational
    public let closed: Bool
    /// The end point is this exact rational (verified); otherwise it is known
    /// to within `tolerance`.
    public let exact: Bool
    public let tolerance: Rational
}

/// A change of a claim's verdict along one axis: `from` up to `leftEnd`, `to` from `rightStart`.
public struct ProbeSwitch: Sendable, Equatable {
    public let from: PointVerdict
    public let to: PointVerdict
    public let leftEnd: ProbeBound
    public let rightStart: ProbeBound
    /// The verdict at the (exact) end point itself when it is neither `from`
    /// nor `to`: typically a tie, where the claim holds under some conventions
    /// only. Both bounds are then open at that point.
    public var point: PointVerdict? = nil
}

/// An interval of one verdict.
public struct ProbeInterval: Sendable, Equatable {
    public let lower: ProbeBound
    public let upper: ProbeBound
    public let verdict: PointVerdict
}

/// Where a verdict changes on a grid edge of a two-parameter map.
public struct ProbeCrossing: Sendable, Equatable {
    /// The axis the edge runs along (0: the first varied parameter).
    public let along: Int
    /// The fixed coordinate of the edge (on the other axis).
    public let at: Rational
    public let change: ProbeSwitch
}

/// What a probe finds for one claim.
public struct ClaimProbe: Sendable {
    public let claim: Claim
    /// Whether end points can be exact (exact parameter and exact cells).
    public let exactCells: Bool
    /// One parameter: the intervals, in order.
    public var intervals: [ProbeInterval] = []
    /// Two parameters: verdicts[i][j] at (grid0[i], grid1[j]).
    public var verdicts: [[PointVerdict]] = []
    public var crossings: [ProbeCrossing] = []
}

/// The result of a probe.
public struct ProbeResult: Sendable {
    public let spec: Spec
    public let axes: [ProbeAxis]
    public var fixed: [(String, ParameterValue)]
    /// The spec's claims left out because they compare with another artifact.
    public var notProbed: [String] = []
    public let grids: [[Rational]]
    public let claims: [ClaimProbe]
    public let evaluations: Int
    public let bisectionSteps: Int
}

/// The probe engine: evaluates claims at parameter points (cached) and bisects.
final class ProbeEngine {
    let runner: Runner
    let spec: Spec
    let axes: [ProbeAxis]
    let claims: [Claim]
    private var cache: [[Rational]: [PointVerdict]] = [:]
    private var fixedSpecs: [Spec] = []

    /// Bisection halves the bracket until it is at most 2^-steps of the range.
    static let steps1D = 40
    static let steps2D = 24

    init(runner: Runner, spec: Spec, axes: [ProbeAxis], claims: [Claim]) {
        self.runner = runner
        self.spec = spec
        self.axes = axes
        self.claims = claims
    }

    var evaluations: Int { cache.count }

    /// The spec with the varied parameters set to `point` (their sweep axes removed).
    func specAt(_ point: [Rational]) -> Spec {
        var parameters = spec.parameters
        for (axis, x) in zip(axes, point) { parameters[axis.name] = axis.value(x) }
        let varied = Set(axes.map(\.name))
        var s = spec
        s.parameters = parameters
        s.sweep = spec.sweep.filter { !varied.contains($0.parameter) }
        s.claims = claims
        s.findings = []
        s.figure = nil
        return s
    }

    /// Every claim's verdict at `point`.
    func verdicts(_ point: [Rational]) -> [PointVerdict] {
        if let v = cache[point] { return v }
        let s = specAt(point)
        var result: [PointVerdict]
        do {
            let table = try runner.compute(s)
            var conventionTables: [ConventionValue: Table] = [:]
            for convention in s.conventions {
                conventionTables[convention] = try runner.compute(s, overriding: convention)
            }
            result = claims.map { claim in
                var one = s
                one.claims = [claim]
                do {
                    let r = try evaluateClaimsOrSelectionError(of: one, on: table, conventionTables: conventionTables,
                                                               reference: { _ in throw ComputeError(description: "a claim referring to another artifact cannot be probed") })[0]
                    switch r.verdict {
                    case .reproduced, .staleExplanation: return .holds
                    case .dependsOnConvention: return .dependsOnConvention
                    default: return .fails
                    }
                } catch is RowSelectionError {
                    return .noRows
                } catch {
                    return .solverError
                }
            }
        } catch {
            result = Array(repeating: .solverError, count: claims.count)
        }
        cache[point] = result
        return result
    }

    /// Locates every change of claim `c`'s verdict between `lo` (verdict `a`)
    /// and `hi` (verdict `b`) along axis `k`, the other coordinates as in `base`.
    func locate(claim c: Int, axis k: Int, base: [Rational], _ lo: Rational, _ a: PointVerdict, _ hi: Rational, _ b: PointVerdict,
                steps: Int, exact: Bool) -> [ProbeSwitch] {
        func at(_ x: Rational) -> PointVerdict {
            var p = base
            p[k] = x
            return verdicts(p)[c]
        }
        let axis = axes[k]
        let range = axis.to - axis.from
        let width = range / Rational(BigInt(2).power(steps))
        var work: [(Rational, PointVerdict, Rational, PointVerdict)] = [(lo, a, hi, b)]
        var found: [ProbeSwitch] = []
        while let (l, va, h, vb) = work.popLast() {
            let done = axis.kind == .integer ? h - l <= .one : h - l <= width
            if done {
                found.append(finish(l, va, h, vb, axis: axis, exact: exact, at: at))
                continue
            }
            let mid = axis.kind == .integer ? Rational(((l + h) / Rational(2)).floor) : (l + h) / Rational(2)
            let v = at(mid)
            // Work is a stack: push the right half first so switches come out in order.
            if v == va { work.append((mid, v, h, vb)) }
            else if v == vb { work.append((l, va, mid, v)) }
            else { work.append((mid, v, h, vb)); work.append((l, va, mid, v)) }
        }
        return found
    }

    /// The end point of a switch in the final bracket [lo, hi].
    private func finish(_ lo: Rational, _ a: PointVerdict, _ hi: Rational, _ b: PointVerdict, axis: ProbeAxis, exact: Bool,
                        at: (Rational) -> PointVerdict) -> ProbeSwitch {
        if axis.kind == .integer {
            return ProbeSwitch(from: a, to: b, leftEnd: ProbeBound(value: lo, closed: true, exact: true, tolerance: .zero),
                               rightStart: ProbeBound(value: hi, closed: true, exact: true, tolerance: .zero))
        }
        if exact && axis.kind == .rational {
            // The simplest rational in the bracket, verified: the verdict at it
            // is a or b, and it is a just left of it and b just right of it.
            let q = Rational.simplest(in: lo, hi)
            let delta = (hi - lo) / Rational(1 << 20)
            let vq = at(q)
            let leftOK = q == lo || at(q - delta) == a
            let rightOK = q == hi || at(q + delta) == b
            if leftOK && rightOK {
                return ProbeSwitch(from: a, to: b, leftEnd: ProbeBound(value: q, closed: vq == a, exact: true, tolerance: .zero),
                                   rightStart: ProbeBound(value: q, closed: vq == b, exact: true, tolerance: .zero),
                                   point: vq == a || vq == b ? nil : vq)
            }
        }
        let mid = (lo + hi) / Rational(2), tolerance = (hi - lo) / Rational(2)
        return ProbeSwitch(from: a, to: b, leftEnd: ProbeBound(value: mid, closed: false, exact: false, tolerance: tolerance),
                           rightStart: ProbeBound(value: mid, closed: false, exact: false, tolerance: tolerance))
    }

    /// Whether claim `claim`'s end points can be exact: an exact parameter and
    /// a check comparing exact cells (no real column involved).
    func exactCells(_ claim: Claim) -> Bool {
        guard axes.allSatisfy({ $0.kind != .real }) else { return false }
        var names = [claim.column]
        switch claim.check {
        case let .compareColumn(_, other): names.append(other)
        case let .expression(_, _, text, _):
            names += spec.columns.map(\.name).filter { text.contains($0) }
        case .compareReference: return false
        default: break
        }
        return names.allSatisfy { n in spec.columns.first { $0.name == n }.map { $0.type != .real } ?? true }
    }

    /// Runs the probe over `points` grid points per axis.
    func run(points: Int) -> ProbeResult {
        let grids = axes.map { $0.grid(points) }
        var results: [ClaimProbe] = []
        if axes.count == 1 {
            let grid = grids[0]
            let gridVerdicts = grid.map { verdicts([$0]) }
            for (c, claim) in claims.enumerated() {
                let exact = exactCells(claim)
                var probe = ClaimProbe(claim: claim, exactCells: exact)
                var start = ProbeBound(value: grid[0], closed: true, exact: true, tolerance: .zero)
                for i in 0..<(grid.count - 1) where gridVerdicts[i][c] != gridVerdicts[i + 1][c] {
                    for s in locate(claim: c, axis: 0, base: [grid[i]], grid[i], gridVerdicts[i][c], grid[i + 1], gridVerdicts[i + 1][c],
                                    steps: Self.steps1D, exact: exact) {
                        probe.intervals.append(ProbeInterval(lower: start, upper: s.leftEnd, verdict: s.from))
                        if let p = s.point {
                            let at = ProbeBound(value: s.leftEnd.value, closed: true, exact: true, tolerance: .zero)
                            probe.intervals.append(ProbeInterval(lower: at, upper: at, verdict: p))
                        }
                        start = s.rightStart
                    }
                }
                probe.intervals.append(ProbeInterval(lower: start, upper: ProbeBound(value: grid[grid.count - 1], closed: true, exact: true, tolerance: .zero),
                                                     verdict: gridVerdicts[grid.count - 1][c]))
                results.append(probe)
            }
        } else {
            let (gx, gy) = (grids[0], grids[1])
            let table = gx.map { x in gy.map { y in verdicts([x, y]) } }
            for (c, claim) in claims.enumerated() {
                let exact = exactCells(claim)
                var probe = ClaimProbe(claim: claim, exactCells: exact)
                probe.verdicts = table.map { $0.map { $0[c] } }
                // Edges along x at each grid y, then along y at each grid x.
                for (j, y) in gy.enumerated() {
                    for i in 0..<(gx.count - 1) where probe.verdicts[i][j] != probe.verdicts[i + 1][j] {
                        for s in locate(claim: c, axis: 0, base: [gx[i], y], gx[i], probe.verdicts[i][j], gx[i + 1], probe.verdicts[i + 1][j],
                                        steps: Self.steps2D, exact: exact) {
                            probe.crossings.append(ProbeCrossing(along: 0, at: y, change: s))
                        }
                    }
                }
                for (i, x) in gx.enumerated() {
                    for j in 0..<(gy.count - 1) where probe.verdicts[i][j] != probe.verdicts[i][j + 1] {
                        for s in locate(claim: c, axis: 1, base: [x, gy[j]], gy[j], probe.verdicts[i][j], gy[j + 1], probe.verdicts[i][j + 1],
                                        steps: Self.steps2D, exact: exact) {
                            probe.crossings.append(ProbeCrossing(along: 1, at: x, change: s))
                        }
                    }
                }
                results.append(probe)
            }
        }
        return ProbeResult(spec: spec, axes: axes, fixed: [], grids: grids, claims: results, evaluations: evaluations,
                           bisectionSteps: axes.count == 1 ? Self.steps1D : Self.steps2D)
    }
}
