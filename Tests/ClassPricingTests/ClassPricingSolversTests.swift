import XCTest
import Harness
import Numerics
import ClassPricingSolvers

/// Every parameter of every class-pricing kind, given one invalid value (out of
/// its domain, of the wrong type, or violating a check across parameters that
/// the kind makes), is reported at exactly its key path.
final class ClassPricingSolversTests: XCTestCase {
    let registry = Registry(classPricingSolvers)

    /// One kind's valid parameters (JSON values by key) and its invalid cases:
    /// (overrides of the valid parameters, the expected key path).
    struct KindCases {
        let kind: String
        let valid: [String: String]
        let invalid: [([String: String], String)]
    }

    static let randomCostCases: [([String: String], String)] = [
        (["seed": "-1"], "parameters.seed"),
        (["seed": "\"one\""], "parameters.seed"),
        (["sizes": "[]"], "parameters.sizes"),
        (["sizes": "[4, 11]"], "parameters.sizes[1]"),
        (["cost_denominator": "0"], "parameters.cost_denominator"),
        (["cost_low": "-0.1"], "parameters.cost_low"),
        (["cost_low": "0.6", "cost_high": "0.4"], "parameters.cost_low"),
        (["cost_high": "1.5"], "parameters.cost_high"),
    ]

    static let randomExponentCases: [([String: String], String)] = [
        (["exponent_low": "0"], "parameters.exponent_low"),
        (["exponent_low": "2", "exponent_high": "1"], "parameters.exponent_low"),
        (["exponent_high": "-1"], "parameters.exponent_high"),
    ]

    /// The game forms' tie conventions (chooser_ties, designer_ties; k_ties where K is chosen).
    static let priceTieCases: [([String: String], String)] = [
        (["chooser_ties": "\"designer\""], "parameters.chooser_ties"),
        (["chooser_ties": "1"], "parameters.chooser_ties"),
        (["designer_ties": "\"most-surplus\""], "parameters.designer_ties"),
        (["designer_ties": "true"], "parameters.designer_ties"),
    ]
    static let classCountTieCases: [([String: String], String)] = [
        (["k_ties": "\"smaller\""], "parameters.k_ties"),
        (["k_ties": "2"], "parameters.k_ties"),
        (["k_timing": "\"ex-post\""], "parameters.k_timing"),
        (["k_timing": "1"], "parameters.k_timing"),
    ]
    /// The binomial environment beyond γ: costs δ or 1 − δ and the probabilities of the high types.
    static let tradeCases: [([String: String], String)] = [
        (["delta": "\"3/5\""], "parameters.delta"),
        (["delta": "-0.1"], "parameters.delta"),
        (["high_value_probability": "0"], "parameters.high_value_probability"),
        (["high_value_probability": "1"], "parameters.high_value_probability"),
        (["high_cost_probability": "\"3/2\""], "parameters.high_cost_probability"),
        (["high_cost_probability": "\"x\""], "parameters.high_cost_probability"),
        (["value_midpoint": "\"3/2\""], "parameters.value_midpoint"),
        (["cost_midpoint": "-1"], "parameters.cost_midpoint"),
    ]

    static let cases: [KindCases] = [
        KindCases(kind: "class-pricing.optimal-k-schedule", valid: ["costs": "[0.1, 0.5, 0.9]"], invalid: [
            (["costs": "[" + Array(repeating: "0.5", count: 101).joined(separator: ", ") + "]"], "parameters.costs"),
            (["costs": "[]"], "parameters.costs"),
            (["costs": "[0.5, 2]"], "parameters.costs[1]"),
        ]),
        KindCases(kind: "class-pricing.game-forms", valid: ["gamma": "\"7/15\"", "r": "\"1/240\""], invalid: [
            (["gamma": "-0.1"], "parameters.gamma"),
            (["gamma": "0.7"], "parameters.gamma"),
            (["gamma": "\"1/2 + 1/100\""], "parameters.gamma"),
            (["r": "-1"], "parameters.r"),
            (["r": "\"-1/240\""], "parameters.r"),
        ] + tradeCases + priceTieCases + classCountTieCases),
        KindCases(kind: "class-pricing.game-form-ties", valid: ["gamma": "\"12/25\""], invalid: [
            (["gamma": "\"51/100\""], "parameters.gamma"),
            (["gamma": "-1"], "parameters.gamma"),
            (["gamma": "\"x\""], "parameters.gamma"),
        ] + tradeCases + priceTieCases + classCountTieCases),
        KindCases(kind: "class-pricing.game-form-map", valid: ["gamma": "\"1/4\"", "delta": "\"1/6\""], invalid: [
            (["gamma": "\"3/4\""], "parameters.gamma"),
            (["gamma": "\"-1/4\""], "parameters.gamma"),
        ] + tradeCases + priceTieCases + classCountTieCases),
        KindCases(kind: "class-pricing.equally-spaced-loss", valid: ["N": "10", "K": "3"], invalid: [
            (["N": "0"], "parameters.N"),
            (["N": "99", "step": "0.02"], "parameters.step"),
            (["step": "0"], "parameters.step"),
            (["K": "0"], "parameters.K"),
            (["K": "11"], "parameters.K"),
        ]),
        KindCases(kind: "class-pricing.equally-spaced-optimal-k", valid: ["N": "10", "r": "0.001", "B": "100"], invalid: [
            (["N": "0"], "parameters.N"),
            (["N": "200"], "parameters.step"),
            (["step": "-0.01"], "parameters.step"),
            (["r": "0"], "parameters.r"),
            (["B": "0.5"], "parameters.B"),
        ]),
        KindCases(kind: "class-pricing.game-form-cases", valid: ["gamma": "\"1/5\"", "form": "\"seller-design-buyer-choice\""], invalid: [
            (["gamma": "\"3/5\""], "parameters.gamma"),
            (["gamma": "2"], "parameters.gamma"),
            (["form": "\"seller-design\""], "parameters.form"),
        ] + tradeCases + priceTieCases),
        KindCases(kind: "class-pricing.game-form-summary", valid: ["gamma": "\"1/5\""], invalid: [
            (["gamma": "0.6"], "parameters.gamma"),
            (["gamma": "true"], "parameters.gamma"),
        ] + tradeCases + priceTieCases),
        KindCases(kind: "class-pricing.finding-1-uniform", valid: ["seed": "1", "sizes": "[4, 5]"], invalid: randomCostCases),
        KindCases(kind: "class-pricing.min-ssd-vs-optimum", valid: ["seed": "1", "sizes": "[4]"],
                  invalid: randomCostCases + randomExponentCases),
        KindCases(kind: "class-pricing.min-ssd-vs-optimum-summary", valid: ["seed": "1", "sizes": "[4]"],
                  invalid: randomCostCases + randomExponentCases),
        KindCases(kind: "class-pricing.no-interlacing", valid: ["seed": "1", "sizes": "[4]", "hypothesis": "\"identical-costs-mlr\""],
                  invalid: randomCostCases + randomExponentCases + [
            (["hypothesis": "\"identical\""], "parameters.hypothesis"),
            (["exponent": "0"], "parameters.exponent"),
            (["sizes": "[8]", "hypothesis": "\"identical-uniform\"", "cost_denominator": "5"], "parameters.cost_denominator"),
            (["exponent_low": "1", "exponent_high": "1.02"], "parameters.exponent_low"),
            (["grid": "2"], "parameters.grid"),
            (["max_draws": "0"], "parameters.max_draws"),
            (["sizes": "[8]", "hypothesis": "\"msc-lr\"", "max_draws": "1"], "parameters.max_draws"),
        ]),
        KindCases(kind: "class-pricing.two-type-values", valid: ["rho": "\"1/2\"", "cost": "0"], invalid: [
            (["rho": "1"], "parameters.rho"),
            (["cost": "2"], "parameters.cost"),
            (["high": "0"], "parameters.high"),
            (["low": "6"], "parameters.low"),
            (["r_over_B": "-0.001"], "parameters.r_over_B"),
        ]),
        KindCases(kind: "class-pricing.optimal-classes", valid: ["costs": "[0.2, 0.4, 0.8]", "r": "1", "B": "100"], invalid: [
            (["costs": "[0.2, -0.4]"], "parameters.costs[1]"),
            // At most 60 versions (the exact DP's rationals grow with N; the fuzzer found N = 100 over 20 s).
            (["costs": "[" + Array(repeating: "0.5", count: 61).joined(separator: ", ") + "]"], "parameters.costs"),
            (["costs": "[0, 1]", "cost_spread": "2"], "parameters.cost_spread"),
            (["cost_spread": "-1"], "parameters.cost_spread"),
            (["r": "-1"], "parameters.r"),
            (["B": "0"], "parameters.B"),
            (["K": "-1"], "parameters.K"),
            (["K": "0"], "parameters.K"),   // leave K out to have it chosen
            (["K": "4"], "parameters.K"),
            (["K": "1.5"], "parameters.K"),
        ]),
        KindCases(kind: "class-pricing.optimal-classes-power",
                  valid: ["costs": "[0.2, 0.4, 0.8]", "exponent_deviations": "[-0.5, 0, 0.5]", "r": "1", "B": "100"], invalid: [
            (["costs": "[0.2, -0.4, 0.5]"], "parameters.costs[1]"),
            (["costs": "[0, 0.5, 1]", "cost_spread": "2"], "parameters.cost_spread"),
            (["cost_spread": "-1"], "parameters.cost_spread"),
            (["exponent_deviations": "[]"], "parameters.exponent_deviations"),
            (["exponent_deviations": "[1]"], "parameters.exponent_deviations"),
            (["costs": "[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]", "exponent_deviations": "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"],
             "parameters.exponent_deviations"),
            (["exponent_deviations": "[1, \"a\", 1]"], "parameters.exponent_deviations[1]"),
            (["exponent_deviations": "[-1, 0, 1]", "demand_spread": "2"], "parameters.demand_spread"),
            (["demand_spread": "-1"], "parameters.demand_spread"),
            (["r": "-1"], "parameters.r"),
            (["B": "0"], "parameters.B"),
            (["K": "-1"], "parameters.K"),
            (["K": "4"], "parameters.K"),
        ]),
        KindCases(kind: "class-pricing.optimal-classes-spaced", valid: ["N": "5", "cost_low": "0", "cost_high": "1", "r": "1", "B": "100"], invalid: [
            (["N": "61"], "parameters.N"),
            (["cost_low": "0.8", "cost_high": "0.2"], "parameters.cost_low"),
            (["cost_low": "-1"], "parameters.cost_low"),
            (["cost_high": "2"], "parameters.cost_high"),
            (["r": "-1"], "parameters.r"),
            (["B": "0"], "parameters.B"),
            (["K": "-1"], "parameters.K"),
            (["N": "3", "K": "4"], "parameters.K"),
        ]),
        KindCases(kind: "class-pricing.optimal-classes-distribution",
                  valid: ["costs": "[0.2, 0.4, 0.8]", "distribution": "\"polynomial(coefficients=[2, -2])\"", "r": "1", "B": "100"], invalid: [
            (["costs": "[0.2, -0.4]"], "parameters.costs[1]"),
            (["costs": "[" + Array(repeating: "0.5", count: 61).joined(separator: ", ") + "]"], "parameters.costs"),
            (["costs": "[0, 1]", "cost_spread": "2"], "parameters.cost_spread"),
            (["cost_spread": "-1"], "parameters.cost_spread"),
            (["distribution": "\"polynomial(coefficients=[2, -3])\""], "parameters.distribution"),
            (["distribution": "\"uniform(upper=2)\""], "parameters.distribution"),
            (["distribution": "\"atoms(values=[0.5], masses=[1])\""], "parameters.distribution"),
            (["distribution": "\"unform\""], "parameters.distribution"),
            (["distribution": "3"], "parameters.distribution"),
            (["distribution": "\"uniform\"", "distributions": "[\"uniform\", \"uniform\"]"], "parameters.distributions"),
            (["distribution": "\"uniform\"", "distributions": "[\"uniform\", \"beta(a=-1, b=1)\", \"uniform\"]"], "parameters.distributions[1]"),
            (["distribution": "\"uniform\"", "distributions": "[\"uniform\", \"uniform\", \"atoms(values=[0.5], masses=[1])\"]"], "parameters.distributions[2]"),
            (["distributions": "[\"uniform\", \"uniform\", \"uniform\"]", "distribution": "\"beta(2, 1)\""], "parameters.distributions"),
            (["distribution": "\"uniform\"", "distributions": "[1, 2, 3]"], "parameters.distributions[0]"),
            (["r": "-1"], "parameters.r"),
            (["B": "0"], "parameters.B"),
            (["K": "-1"], "parameters.K"),
            (["K": "4"], "parameters.K"),
        ]),
    ]

    func testEveryInvalidParameterIsReportedAtItsKey() {
        for c in Self.cases {
            XCTAssertNil(registry.inputError(c.kind, c.valid).map(\.message), "\(c.kind): the valid parameters")
            for (overrides, path) in c.invalid {
                let error = registry.inputError(c.kind, c.valid.merging(overrides) { $1 })
                XCTAssertEqual(error?.keyPath, path, "\(c.kind) \(overrides): \(error?.message ?? "no error")")
            }
        }
    }

    /// The cases above cover every kind and every parameter it declares.
    func testCasesCoverEveryKindAndParameter() {
        XCTAssertEqual(Set(Self.cases.map(\.kind)), Set(classPricingSolvers.map(\.name)))
        XCTAssertEqual(classPricingSolvers.count, 17)
        XCTAssertEqual(registry.parametersWithoutCase(Self.cases.flatMap { c in c.invalid.map { (c.kind, $0.1) } }), [])
    }
}
