import Numerics

// Exact scoring of the designer's candidate prices on a lattice (Sec. III.4,
// the candidate search of `BilateralTrade.solve`).
//
// Every candidate price is t + t' − t'' or a prohibitive price, shaded by
// kε: with D the common denominator of the types, the prohibitive price and
// a finite ε, every price and surplus lies on (1/D)·Z. The chooser's
// randomisation divides a sum of tied payoffs by the number m ≤ V of tied
// versions; scaling by L = lcm(1, …, V) as well keeps that division exact. So
// on the lattice (1/(D·L))·Z, with probabilities as integers over their common
// denominator Q, the search runs on machine integers: the payoffs it compares
// are the exact ones times Q·D·L, ties are exact, and the winner's payoffs
// convert back to the same rationals. When an a-priori bound on the
// intermediate magnitudes does not fit 62 bits, `solve` scores in T instead.
// (The search is generic over `OrderedRing`: `Int` here, T otherwise.)

/// The lattice of one `solve` call: prices and payoffs as integers over D·L,
/// probabilities as integers over Q.
struct ScoringLattice<T: OrderedField> {
    /// D·L.
    let valueScale: BigInt
    /// Q.
    let probabilityScale: BigInt

    /// The lattice for `values` (every type, the prohibitive price, ε) and the
    /// chooser's type probabilities; nil unless T is `Rational` and the bound
    /// 2·C·Q·10·V·A on every intermediate (A = max |x|·D·L, C chooser types)
    /// fits 62 bits. (Prices are b + t − t' ± ε, so |price| ≤ 4A; surpluses
    /// ≤ 5A; a tied sum of w + u ≤ 10·V·A; the expectation over C types
    /// with weights ≤ Q; differences double it.)
    init?(values: [T], probabilities: [T], versions V: Int, chooserTypes C: Int) {
        guard T.self == Rational.self else { return nil }
        let exact = values.map { $0 as! Rational }, weights = probabilities.map { $0 as! Rational }
        let L = (1...max(V, 1)).reduce(BigInt.one) { BigInt.lcm($0, BigInt($1)) }
        valueScale = Rational.commonDenominator(of: exact) * L
        probabilityScale = Rational.commonDenominator(of: weights)
        let A = exact.map { ($0.magnitude * Rational(valueScale)).ceiling }.max() ?? .zero
        let bound = BigInt(20 * V * max(C, 1)) * probabilityScale * A
        guard bound.magnitudeBitWidth <= 62 else { return nil }
    }

    /// x·D·L (an integer for every price, type and ε of the search).
    func value(_ x: T) -> Int { Self.scaled(x, valueScale) }
    /// p·Q.
    func probability(_ p: T) -> Int { Self.scaled(p, probabilityScale) }
    /// The payoff W/(Q·D·L) a scored expectation W stands for.
    func payoff(_ w: Int) -> T { Rational(BigInt(w), probabilityScale * valueScale) as! T }

    private static func scaled(_ x: T, _ scale: BigInt) -> Int {
        let n = try! (x as! Rational).scaledNumerator(commonDenominator: scale)
        return n.intValue!
    }
}
