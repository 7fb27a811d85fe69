// Sec. III.C of BBM (alignment paper): the prior F of the Hotelling residual
// r = v_1 − v_2 ∈ [−v̄, v̄], assumed symmetric (F(−r) = 1 − F(r⁻)). Everything
// the mean-preserving-contraction constraint of App. A3 needs is the
// stop-loss transform Ψ_F(r) = ∫_r^∞ [1 − F(x)] dx = E_F[(X − r)⁺], r ≥ 0.
import Foundation
import Numerics

/// A symmetric prior F of the residual r on [−v̄, v̄]: finitely many atoms,
/// the uniform distribution, or a density given on [0, v̄] (mirrored).
/// Floating point (Double); constructors validate to stated tolerances.
public struct SymmetricResidualPrior: Sendable {
    /// The kind of prior.
    public enum Kind: Sendable { case atoms, uniform, density }
    /// Its kind.
    public let kind: Kind
    /// v̄: the prior has support in [−v̄, v̄].
    public let vBar: Double
    /// For `.atoms`: the atoms on (0, v̄] in increasing order (mass at 0 omitted).
    public let positiveAtoms: [Double]
    /// For `.atoms`: their probabilities.
    public let positiveMasses: [Double]
    /// Suffix sums of mass and of mass × point (for O(log n) Ψ_F).
    let suffixMass: [Double]
    let suffixMoment: [Double]
    /// For `.density`: Ψ_F and the tail S(x) = P(X > x) tabulated on a grid of [0, v̄].
    let gridStep: Double
    let tableStopLoss: [Double]
    let tableTail: [Double]

    /// Tolerance used for Double probability sums and symmetry checks.
    public static let probabilityTolerance = 1e-12

    /// A discrete prior from all atoms on [−v̄, v̄] (both signs listed).
    /// - Throws: `CompetitiveInformationDesignError` `.invalidResidualBound`
    ///   for a bad v̄, `.atomCount` for mismatched lengths, `.atomOutsideSupport`
    ///   for non-finite points or mass outside [−v̄, v̄],
    ///   `.invalidAtomProbability` for a negative entry, `.atomProbabilitiesSum`
    ///   for a sum off 1 by more than 1e-12, and `.asymmetricMass` /
    ///   `.unmatchedAtom` when the atoms are not symmetric (mass at r and −r
    ///   differing by more than 1e-12). Complexity O(n log n).
    public init(atoms points: [Double], probabilities: [Double], vBar: Double) throws {
        guard vBar > 0, vBar.isFinite else { throw CompetitiveInformationDesignError.invalidResidualBound(vBar: vBar) }
        guard points.count == probabilities.count, !points.isEmpty else {
            throw CompetitiveInformationDesignError.atomCount(atoms: points.count, probabilities: probabilities.count)
        }
        var sum = 0.0
        for (k, (x, p)) in zip(points, probabilities).enumerated() {
            guard x.isFinite, abs(x) <= vBar else {
                throw CompetitiveInformationDesignError.atomOutsideSupport(index: k, atom: x, vBar: vBar)
            }
            guard p >= 0, p.isFinite else { throw CompetitiveInformationDesignError.invalidAtomProbability(index: k, probability: p) }
            sum += p
        }
        guard abs(sum - 1) <= Self.probabilityTolerance else {
            throw CompetitiveInformationDesignError.atomProbabilitiesSum(total: sum)
        }
        var mass: [Double: Double] = [:]
        for (x, p) in zip(points, probabilities) where p > 0 { mass[x == 0 ? 0 : x, default: 0] += p }
        for (x, p) in mass where x > 0 {
            guard abs((mass[-x] ?? 0) - p) <= Self.probabilityTolerance else {
                throw CompetitiveInformationDesignError.asymmetricMass(atom: x, mass: p, mirrorMass: mass[-x] ?? 0)
            }
        }
        for (x, _) in mass where x < 0 && mass[-x] == nil {
            throw CompetitiveInformationDesignError.unmatchedAtom(atom: x)
        }
        let pos = mass.keys.filter { $0 > 0 }.sorted()
        kind = .atoms
        self.vBar = vBar
        positiveAtoms = pos
        positiveMasses = pos.map { mass[$0]! }
        var sm = [Double](repeating: 0, count: pos.count + 1)
        var smom = [Double](repeating: 0, count: pos.count + 1)
        for k in stride(from: pos.count - 1, through: 0, by: -1) {
            sm[k] = sm[k + 1] + positiveMasses[k]
            smom[k] = smom[k + 1] + positiveMasses[k] * pos[k]
        }
        suffixMass = sm
        suffixMoment = smom
        gridStep = 0; tableStopLoss = []; tableTail = []
    }

    /// The uniform prior on [−v̄, v̄]: Ψ_F(r) = (v̄ − r)²/(4v̄).
    /// - Throws: `.invalidResidualBound` if v̄ is not positive and finite.
    public static func uniform(vBar: Double) throws -> SymmetricResidualPrior {
        guard vBar > 0, vBar.isFinite else { throw CompetitiveInformationDesignError.invalidResidualBound(vBar: vBar) }
        return SymmetricResidualPrior(kind: .uniform, vBar: vBar)
    }

    private init(kind: Kind, vBar: Double) {
        self.kind = kind; self.vBar = vBar
        positiveAtoms = []; positiveMasses = []; suffixMass = [0]; suffixMoment = [0]
        gridStep = 0; tableStopLoss = []; tableTail = []
    }

    /// A prior with density f(|r|) on [−v̄, v̄] given on [0, v̄] (mirrored), so
    /// ∫_0^v̄ f = 1/2 is required. Ψ_F and the tail are tabulated on `gridCells`
    /// cells by adaptive quadrature (Quadrature.integrate, tolerance 1e-13)
    /// and Ψ_F is interpolated by cubic Hermite with Ψ_F' = −S (error
    /// O(h⁴·max|f'|)).
    /// - Throws: `.invalidResidualBound` for a bad v̄, `.tooFewGridCells`,
    ///   `.negativeDensity`, or `.densityHalfMass` for ∫_0^v̄ f off 1/2 by
    ///   more than 1e-9; quadrature errors propagate.
    /// Complexity: `gridCells` adaptive quadratures.
    public init(halfDensity f: (Double) -> Double, vBar: Double, gridCells: Int = 1024) throws {
        guard vBar > 0, vBar.isFinite else { throw CompetitiveInformationDesignError.invalidResidualBound(vBar: vBar) }
        guard gridCells >= 2 else { throw CompetitiveInformationDesignError.tooFewGridCells(gridCells) }
        let h = vBar / Double(gridCells)
        var tail = [Double](repeating: 0, count: gridCells + 1)
        var psi = [Double](repeating: 0, count: gridCells + 1)
        for k in stride(from: gridCells - 1, through: 0, by: -1) {
            let a = Double(k) * h, b = Double(k + 1) * h
            var negative = false
            let m = try Quadrature.integrate({ x in let v = f(x); if v < 0 { negative = true }; return v },
                                             from: a, to: b, absoluteTolerance: 1e-15, relativeTolerance: 1e-13).value
            guard !negative else { throw CompetitiveInformationDesignError.negativeDensity(from: a, to: b) }
            let mom = try Quadrature.integrate({ x in (x - a) * f(x) }, from: a, to: b, absoluteTolerance: 1e-15, relativeTolerance: 1e-13).value
            tail[k] = tail[k + 1] + m
            psi[k] = psi[k + 1] + tail[k + 1] * h + mom
        }
        guard abs(tail[0] - 0.5) <= 1e-9 else {
            throw CompetitiveInformationDesignError.densityHalfMass(tail[0])
        }
        kind = .density; self.vBar = vBar
        positiveAtoms = []; positiveMasses = []; suffixMass = [0]; suffixMoment = [0]
        gridStep = h; tableStopLoss = psi; tableTail = tail
    }

    /// Stop-loss transform Ψ_F(r) = E_F[(X − r)⁺] for r ≥ 0 (so that the
    /// MPC constraint of App. A3 reads Ψ_G(r) ≤ Ψ_F(r)). O(log n) for atoms,
    /// O(1) otherwise.
    public func stopLoss(_ r: Double) -> Double {
        if r >= vBar { return 0 }
        let x = max(r, 0)
        switch kind {
        case .atoms:
            // first atom strictly above x
            let lo = BinarySearch.firstIndex(in: positiveAtoms.indices) { positiveAtoms[$0] > x }
            return max(0, suffixMoment[lo] - x * suffixMass[lo])
        case .uniform:
            return (vBar - x) * (vBar - x) / (4 * vBar)
        case .density:
            let k = min(Int(x / gridStep), tableStopLoss.count - 2)
            let t = (x - Double(k) * gridStep) / gridStep
            let y0 = tableStopLoss[k], y1 = tableStopLoss[k + 1]
            let d0 = -tableTail[k] * gridStep, d1 = -tableTail[k + 1] * gridStep
            let t2 = t * t, t3 = t2 * t
            return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * d0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * d1
        }
    }

    /// E_F|r| = 2Ψ_F(0): twice the expected positive residual.
    public var meanAbsoluteResidual: Double { 2 * stopLoss(0) }

    /// The points where Ψ_F fails to be smooth in (0, v̄) (the positive atoms);
    /// between them Ψ_F is affine for a discrete prior.
    public var kinks: [Double] { kind == .atoms ? positiveAtoms : [] }

    /// Largest point of the support (v̄ for continuous priors).
    public var supportMaximum: Double { kind == .atoms ? (positiveAtoms.last ?? 0) : vBar }
}
