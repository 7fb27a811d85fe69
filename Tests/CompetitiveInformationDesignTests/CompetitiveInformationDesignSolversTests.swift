import XCTest
import Harness
import Numerics
import CompetitiveInformationDesign
import CompetitiveInformationDesignSolvers

/// Every parameter of every information-design kind, given one invalid value,
/// is reported at exactly its spec key path (model errors mapped by the solver layer).
final class CompetitiveInformationDesignSolversTests: XCTestCase {
    let registry = Registry(informationDesignSolvers)

    static let prior = ["atoms": "[-1, 1]", "probabilities": "[0.5, 0.5]", "v_bar": "1"]
    static let family = prior.merging(["b": "0.3", "B": "0.5"]) { a, _ in a }
    static let types = ["types": "[[1, 1], [1, 0], [4, 1], [4, 0]]", "type_probabilities": "[\"1/4\", \"1/4\", \"1/4\", \"1/4\"]"]

    /// A valid parameter set per kind (JSON members).
    let valid: [String: [String: String]] = [
        "information-design.hotelling-optimum": prior,
        "information-design.hotelling-family": family,
        "information-design.hotelling-b-curve": family,
        "information-design.hotelling-density": prior.merging(["r": "0.5"]) { a, _ in a },
        "information-design.uninformed-producers": prior,
        "information-design.theorem-1-property": ["instances": "2", "seed": "1"],
        "information-design.residual-table": types,
        "information-design.conditional-residuals": types,
        "information-design.theorem-1-welfare": types,
        "information-design.monopoly-consumer-information": ["values": "[1, 4]", "prior": "[\"1/2\", \"1/2\"]", "cost": "0", "information": "\"full\""],
        "information-design.monopoly-segmentation": ["values": "[1, 4]", "prior": "[\"1/2\", \"1/2\"]", "cost": "0"],
        "information-design.monopoly-surplus-set": ["values": "[1, 4]", "prior": "[\"1/2\", \"1/2\"]", "cost": "0"],
        "information-design.monopoly-consumer-optimal-signal": ["values": "[1, 4]", "prior": "[\"1/2\", \"1/2\"]", "cost": "0"],
        "information-design.hotelling-asymmetric": ["atoms": "[-1, 1]", "probabilities": "[0.3, 0.7]", "v_bar": "1", "cells": "10"],
    ]

    /// Invalid values of the prior's parameters, with their key paths.
    static let priorCases: [(String, String, String)] = [
        ("prior", "\"gaussian\"", "parameters.prior"),
        ("atoms", "[-1, 0.5]", "parameters.atoms"),
        ("atoms", "[-2, 2]", "parameters.atoms[0]"),
        ("atoms", "[]", "parameters.atoms"),
        ("probabilities", "[0.5, 0.6]", "parameters.probabilities"),
        ("probabilities", "[1]", "parameters.probabilities"),
        ("probabilities", "[0.5, -0.5]", "parameters.probabilities[1]"),
        ("v_bar", "0", "parameters.v_bar"),
        ("v_bar", "0.5", "parameters.atoms[0]"),
    ]

    /// Invalid values of the type marginal's parameters, with their key paths.
    static let typeCases: [(String, String, String)] = [
        ("types", "[[1, 1], [1, 0], [4], [4, 0]]", "parameters.types[2]"),
        ("types", "[[1, 1], [1, 0], [4, 1], [4, -1]]", "parameters.types"),
        ("type_probabilities", "[\"1/4\", \"1/4\", \"1/4\"]", "parameters.type_probabilities"),
        ("type_probabilities", "[\"1/4\", \"1/4\", \"1/4\", \"1/3\"]", "parameters.type_probabilities"),
        ("type_probabilities", "[\"1/4\", \"1/4\", \"3/4\", \"-1/4\"]", "parameters.type_probabilities[3]"),
        ("producers", "5", "parameters.producers"),
    ]

    /// (kind, parameter, invalid value, expected key path).
    var cases: [(String, String, String, String)] {
        var out: [(String, String, String, String)] = []
        for kind in ["hotelling-optimum", "hotelling-family", "hotelling-b-curve", "hotelling-density", "uninformed-producers"] {
            out += Self.priorCases.map { ("information-design." + kind, $0.0, $0.1, $0.2) }
        }
        for kind in ["hotelling-family", "hotelling-b-curve"] {
            out += [("information-design." + kind, "b", "0.5", "parameters.b"),   // b ≥ B = 0.5
                    ("information-design." + kind, "b", "0", "parameters.b"),
                    ("information-design." + kind, "B", "\"x\"", "parameters.B"),
                    ("information-design." + kind, "B", "-1", "parameters.B")]
        }
        out += [("information-design.hotelling-density", "r", "true", "parameters.r")]
        out += [("information-design.theorem-1-property", "instances", "0", "parameters.instances"),
                ("information-design.theorem-1-property", "instances", "2001", "parameters.instances"),
                ("information-design.theorem-1-property", "seed", "-1", "parameters.seed"),
                ("information-design.theorem-1-property", "mixing", "\"appendix\"", "parameters.mixing")]
        for kind in ["residual-table", "conditional-residuals", "theorem-1-welfare"] {
            out += Self.typeCases.map { ("information-design." + kind, $0.0, $0.1, $0.2) }
        }
        out += [("information-design.conditional-residuals", "segmentation", "\"greedy\"", "parameters.segmentation"),
                ("information-design.theorem-1-welfare", "types", "[]", "parameters.type_probabilities"),
                ("information-design.theorem-1-welfare", "profiles", "[[1, 4, 0]]", "parameters.profiles"),
                ("information-design.theorem-1-welfare", "profiles", "[[1, 4, 0, 1], [1, -4, 0, 1]]", "parameters.profiles[1]"),
                ("information-design.theorem-1-welfare", "profiles", "[[1, 4, 0, 1], [1, 4, 0, -1]]", "parameters.profiles[1]"),
                ("information-design.theorem-1-welfare", "profile_probabilities", "[\"1/2\"]", "parameters.profile_probabilities"),
                ("information-design.theorem-1-welfare", "profile_probabilities", "[\"1/2\", \"1/3\"]", "parameters.profile_probabilities"),
                ("information-design.theorem-1-welfare", "profile_probabilities", "[\"3/2\", \"-1/2\"]", "parameters.profile_probabilities[1]")]
        out += [("information-design.monopoly-consumer-information", "values", "[]", "parameters.values"),
                ("information-design.monopoly-consumer-information", "values", "[1, -4]", "parameters.values[1]"),
                ("information-design.monopoly-consumer-information", "prior", "[1]", "parameters.prior"),
                ("information-design.monopoly-consumer-information", "prior", "[\"1/2\", \"1/3\"]", "parameters.prior"),
                ("information-design.monopoly-consumer-information", "cost", "-1", "parameters.cost"),
                ("information-design.monopoly-consumer-information", "information", "\"partial\"", "parameters.information"),
                ("information-design.monopoly-consumer-information", "epsilon", "2", "parameters.epsilon")]
        for kind in ["information-design.monopoly-segmentation", "information-design.monopoly-surplus-set"] {
            out += [(kind, "values", "[]", "parameters.values"),
                    (kind, "values", "[4, 4]", "parameters.values[1]"),
                    (kind, "values", "[1, -4]", "parameters.values[1]"),
                    (kind, "values", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]", "parameters.values"),
                    (kind, "prior", "[1]", "parameters.prior"),
                    (kind, "prior", "[\"1/2\", \"1/3\"]", "parameters.prior"),
                    (kind, "prior", "[\"3/2\", \"-1/2\"]", "parameters.prior[1]"),
                    (kind, "cost", "-1", "parameters.cost")]
        }
        out += [("information-design.monopoly-segmentation", "price_ties", "\"highest\"", "parameters.price_ties")]
        let rs = "information-design.monopoly-consumer-optimal-signal"
        out += [(rs, "values", "[]", "parameters.values"),
                (rs, "values", "[4, 4]", "parameters.values[1]"),
                (rs, "values", "[1, -4]", "parameters.values[1]"),
                (rs, "prior", "[1]", "parameters.prior"),
                (rs, "prior", "[\"3/2\", \"-1/2\"]", "parameters.prior[1]"),
                (rs, "cost", "-1", "parameters.cost"),
                (rs, "cost", "4", "parameters.cost"),   // no value above the cost
                (rs, "price_ties", "\"lowest\"", "parameters.price_ties"),
                (rs, "points", "1", "parameters.points"),
                (rs, "points", "100000", "parameters.points")]
        let asym = "information-design.hotelling-asymmetric"
        out += [(asym, "atoms", "[]", "parameters.atoms"),
                (asym, "atoms", "[-1, 2]", "parameters.atoms[1]"),
                (asym, "probabilities", "[1]", "parameters.probabilities"),
                (asym, "probabilities", "[0.5, 0.6]", "parameters.probabilities"),
                (asym, "probabilities", "[1.5, -0.5]", "parameters.probabilities[1]"),
                (asym, "v_bar", "0", "parameters.v_bar"),
                (asym, "cells", "1", "parameters.cells"),
                (asym, "cells", "5000", "parameters.cells")]
        return out
    }

    func testValidParametersDecode() {
        for kind in informationDesignSolvers {
            XCTAssertNil(registry.inputError(kind.name, valid[kind.name] ?? [:]).map(\.message), kind.name)
        }
    }

    func testEveryParameterOfEveryKindIsCovered() {
        XCTAssertEqual(registry.parametersWithoutCase(cases.map { ($0.0, $0.3) }), [])
    }

    func testInvalidValueIsReportedAtItsKey() {
        for (kind, key, value, path) in cases {
            var parameters = valid[kind]!
            parameters[key] = value
            if key == "profile_probabilities" { parameters["profiles"] = "[[1, 4, 0, 1], [4, 1, 1, 0]]" }
            if key == "profiles" { parameters["profile_probabilities"] = "[\"1/2\", \"1/2\"]" }
            let error = registry.inputError(kind, parameters)
            XCTAssertEqual(error?.keyPath, path, "\(kind) \(key) = \(value): \(error?.message ?? "no error")")
        }
    }

    /// The b-curve's optimiser finds no b at B above the prior's support: an input error at B.
    func testBCurveWithoutFeasibleBNamesB() throws {
        var parameters = Self.family
        parameters["B"] = "1.25"
        let s = try registry.probe("information-design.hotelling-b-curve", parameters)
        let runner = Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false)
        XCTAssertThrowsError(try runner.compute(s)) { error in
            XCTAssertEqual((error as? SolverInputError)?.parameter, "B", "\(error)")
        }
    }
}
