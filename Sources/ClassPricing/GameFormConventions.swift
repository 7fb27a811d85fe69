import Numerics

// The indifferences of Sec. III.4's game forms that the paper does not fully
// resolve, each a convention of the solver (defaults: the rules under which
// the Appendix's cases are read, see `GameFormConventions.init`):
//   (a) the chooser's, between versions and between trading and not
//       (`TieBreaking`, GameForms.swift): the Appendix shades prices by ε
//       ("(1 − γ − ε, 1 − γ)", Case 1; "(1/3, 1/3 + ε)", Case 4);
//   (b) the designer's, between price vectors with the same expected payoff
//       (`DesignerTieBreaking`): the Appendix's regimes meet at γ = 4/9, 7/15
//       and 10/21 in Case 3 (and γ = 0 in Case 2), where two price pairs earn
//       the same and the Appendix does not say which is set;
//   (c) the designer's ex ante choice of K when K·r exactly offsets the
//       payoff gain (`ClassCountTieBreaking`): the Appendix's "prefer K = 2 if
//       r < …" leaves r = threshold open;
//   (d) when K is chosen (`ClassCountTiming`): the Appendix compares the
//       designer's ex ante payoffs ("the seller will ex ante prefer K = 2"),
//       while Sec. III.4's timeline has her learn her types (step 1) before
//       she groups the versions (step 2).

/// How a designer indifferent between two price vectors (and partitions) with
/// the same expected payoff chooses; the remaining ties are broken by less
/// shading (Σ|k| over the ±ε shifts), then by the prices most favourable to the
/// designer (highest for a seller, lowest for a buyer), lexicographically.
/// Since the designer's payoff is equal, more total surplus is a better
/// outcome for the chooser.
public enum DesignerTieBreaking: Sendable, CaseIterable, Hashable {
    /// The price vector with the higher expected total surplus (the chooser's
    /// preferred among the designer's optima). Default: at γ = 7/15 in
    /// Case 3 the seller with costs (1/3, 1/3) then sets prices with EL = 0.
    case moreSurplus
    /// The price vector with the lower expected total surplus (the chooser's
    /// least preferred among the designer's optima). The Appendix's closed
    /// regime ends (Case 2 at γ = 0; Case 3 at γ = 4/9, 7/15, 10/21) are all
    /// this rule's choice.
    case lessSurplus
}

/// How a designer whose ex ante payoff net of pricing costs, payoff(K) − K·r,
/// is maximal at several K chooses among them (Appendix: "prefer K = 2 if r < …").
public enum ClassCountTieBreaking: Sendable, CaseIterable, Hashable {
    /// The smallest maximiser (default): at r equal to a threshold she keeps fewer prices.
    case smallerK
    /// The largest maximiser.
    case largerK
}

/// When the designer chooses the number of classes K (see GameFormAnalysis.swift).
public enum ClassCountTiming: Sendable, CaseIterable, Hashable {
    /// Before learning her types (default, the Appendix's reading): one K for
    /// all her types, maximising E[payoff(K)] − K·r.
    case exAnte
    /// After learning her types (the Sec. III.4 timeline): each type t picks
    /// K_t maximising payoff_t(K) − K·r; the loss counts E[K_t]·r.
    case interim
}

/// The four conventions of a solved game form together.
public struct GameFormConventions<T: OrderedField>: Sendable {
    /// The chooser's tie-breaking (and whether prices are shaded by ε).
    public var chooser: TieBreaking<T>
    /// The designer's choice among equally profitable price vectors.
    public var designer: DesignerTieBreaking
    /// The designer's choice of K at ties.
    public var classCount: ClassCountTieBreaking
    /// When she chooses K.
    public var classCountTiming: ClassCountTiming

    /// Defaults: the Appendix's ε convention (`.infinitesimalShading`),
    /// `.moreSurplus`, `.smallerK` and `.exAnte`.
    public init(chooser: TieBreaking<T> = .infinitesimalShading, designer: DesignerTieBreaking = .moreSurplus,
                classCount: ClassCountTieBreaking = .smallerK, classCountTiming: ClassCountTiming = .exAnte) {
        self.chooser = chooser; self.designer = designer; self.classCount = classCount
        self.classCountTiming = classCountTiming
    }
}
