// The conventions of the game forms (GameFormConventions.swift in the model)
// as spec parameters, so that a claim can be checked across them (`across`).
// Defaults: the rules the Appendix's cases are read under.

import ClassPricing
import Harness
import Numerics

/// The chooser's tie-breaking (the model's `TieBreaking` without a finite ε).
enum ChooserTies: String, CaseIterable, Hashable, ParameterChoice {
    /// The Appendix's ε convention in the limit ε → 0: prices shaded by ±ε, an
    /// exactly indifferent chooser picks each tied version with equal odds.
    case shading
    /// No shading; every indifference between versions goes the designer's way.
    case designerPreferred = "designer-preferred"

    var model: TieBreaking<Rational> {
        switch self {
        case .shading: return .infinitesimalShading
        case .designerPreferred: return .designerPreferred
        }
    }
}

extension DesignerTieBreaking: ParameterChoice {
    public static var choices: [DesignerTieBreaking] { allCases }
    /// The rule's name in a spec.
    public var choiceName: String {
        switch self {
        case .moreSurplus: return "more-surplus"
        case .lessSurplus: return "less-surplus"
        }
    }
}

extension ClassCountTieBreaking: ParameterChoice {
    public static var choices: [ClassCountTieBreaking] { allCases }
    /// The rule's name in a spec.
    public var choiceName: String {
        switch self {
        case .smallerK: return "smaller-K"
        case .largerK: return "larger-K"
        }
    }
}

/// How the chooser and the designer break ties over prices.
struct GameFormTieParameters: SolverParameters {
    @Parameter("chooser_ties", doc: "the chooser's indifferences: shading (the Appendix's ε → 0 convention: prices shaded by ±ε, an exactly indifferent chooser takes each tied version with equal odds) or designer-preferred (no shading, ties go the designer's way)",
               default: ChooserTies.shading, convention: "how an indifferent chooser picks a version (the Appendix's ε-shading or designer-preferred)")
    var chooser: ChooserTies
    @Parameter("designer_ties", doc: "a designer indifferent between price vectors takes the one with more-surplus (the chooser's favourite) or less-surplus (his least favourite); then less shading, then her most favourable prices",
               default: DesignerTieBreaking.moreSurplus, convention: "which price vector an indifferent designer takes")
    var designer: DesignerTieBreaking

    /// The model's conventions, with the designer's rule and timing for K.
    func conventions(classCount: ClassCountTieBreaking, timing: ClassCountTiming = .exAnte) -> GameFormConventions<Rational> {
        GameFormConventions(chooser: chooser.model, designer: designer, classCount: classCount, classCountTiming: timing)
    }
}

/// How the designer chooses K when payoff(K) − K·r ties.
struct ClassCountTieParameter: SolverParameters {
    @Parameter("k_ties", doc: "a designer indifferent between numbers of classes (r exactly at a threshold) takes the smaller-K or the larger-K",
               default: ClassCountTieBreaking.smallerK, convention: "which number of classes a designer takes when r is exactly at a threshold")
    var rule: ClassCountTieBreaking
}

extension ClassCountTiming: ParameterChoice {
    public static var choices: [ClassCountTiming] { allCases }
    /// The timing's name in a spec.
    public var choiceName: String {
        switch self {
        case .exAnte: return "ex-ante"
        case .interim: return "interim"
        }
    }
}

/// When the designer chooses K (GameFormAnalysis.swift): ex ante, one K before
/// she learns her types (the Appendix's "will ex ante prefer K = 2 if r < …"),
/// or interim, each of her types its own K after learning them (the Sec. III.4
/// timeline lists "learns his costs" before "groups the 2 versions").
struct ClassCountTimingParameter: SolverParameters {
    @Parameter("k_timing", doc: "when the designer chooses K: ex-ante (one K before she learns her types, maximising E[payoff(K)] − K·r; the Appendix's reading) or interim (each of her types picks its own K after learning them; the loss counts E[K]·r)",
               default: ClassCountTiming.exAnte,
               convention: "whether the designer chooses the number of classes before (ex-ante) or after (interim) learning her types")
    var rule: ClassCountTiming
}

extension NumericDomain {
    /// 0 < x < 1.
    static let openUnitInterval = NumericDomain(minimum: 0, minimumInclusive: false, maximum: 1, maximumInclusive: false)
}
