import XCTest
import Harness
import Numerics
import StorableGoods
import StorableGoodsSolvers

/// Every parameter of every storable-goods kind, given one invalid value, is
/// reported at exactly its spec key path (model errors mapped by the solver layer).
final class StorableGoodsSolversTests: XCTestCase {
    let registry = Registry(storableGoodsSolvers)

    /// A valid parameter set per kind (JSON members).
    let valid: [String: [String: String]] = [
        "storable-goods.pricing-comparison": ["values": "[[1, 0], [0, 2]]", "epsilon": "0.8"],
        "storable-goods.announced-prices": ["values": "[[1, 0], [0, 2]]", "epsilon": "0.8", "prices": "[0.99, 1.78]"],
        "storable-goods.cp-reservation-prices": ["values": "[[1, 0], [0, 2]]", "epsilon": "0.8"],
        "storable-goods.construction-table": ["N": "3"],
        "storable-goods.construction-lemmas": ["N": "3"],
        "storable-goods.construction-cp": ["N": "3"],
        "storable-goods.construction-growth": ["N": "3"],
        "storable-goods.theorem-4-1": ["instances": "2", "seed": "1"],
        "storable-goods.strategy-profile-check": ["N": "3"],
        "storable-goods.strategy-profile-violations": ["N": "3"],
        "storable-goods.fixed-price-benchmark": ["values": "[[1, 0], [0, 2]]", "epsilon": "0.8"],
        "storable-goods.construction-benchmarks": ["N": "3"],
        "storable-goods.construction-sigma": ["N": "3"],
    ]

    /// (kind, parameter, invalid value, expected key path).
    let cases: [(String, String, String, String)] = [
        ("storable-goods.pricing-comparison", "values", "[[1, 0], [2]]", "parameters.values[1]"),
        ("storable-goods.pricing-comparison", "values", "[[1, -1]]", "parameters.values[0][1]"),
        ("storable-goods.pricing-comparison", "values", "[[]]", "parameters.values[0]"),
        ("storable-goods.pricing-comparison", "values", "[]", "parameters.values"),
        ("storable-goods.pricing-comparison", "epsilon", "-0.8", "parameters.epsilon"),
        ("storable-goods.pricing-comparison", "selection", "\"seller-favourable/earliest\"", "parameters.selection"),
        ("storable-goods.announced-prices", "values", "[[1, 0], [0]]", "parameters.values[1]"),
        ("storable-goods.announced-prices", "epsilon", "\"x\"", "parameters.epsilon"),
        ("storable-goods.announced-prices", "prices", "[1]", "parameters.prices"),
        ("storable-goods.announced-prices", "prices", "[1, -1]", "parameters.prices[1]"),
        ("storable-goods.announced-prices", "ties", "\"random\"", "parameters.ties"),
        ("storable-goods.announced-prices", "selection", "1", "parameters.selection"),
        ("storable-goods.cp-reservation-prices", "values", "[[1, 0], [0, 2, 3]]", "parameters.values[1]"),
        ("storable-goods.cp-reservation-prices", "epsilon", "-1", "parameters.epsilon"),
        ("storable-goods.cp-reservation-prices", "selection", "\"seller-adverse\"", "parameters.selection"),
        ("storable-goods.cp-reservation-prices", "period", "2", "parameters.period"),
        ("storable-goods.construction-table", "N", "1", "parameters.N"),
        ("storable-goods.construction-lemmas", "N", "2001", "parameters.N"),
        ("storable-goods.construction-cp", "N", "13", "parameters.N"),
        ("storable-goods.construction-cp", "selection", "\"none\"", "parameters.selection"),
        ("storable-goods.construction-cp", "selection", "\"stagewise-seller-best/earliest-sale\"", "parameters.selection"),
        ("storable-goods.construction-cp", "layout", "\"paper-t\"", "parameters.layout"),
        ("storable-goods.construction-growth", "N", "2000001", "parameters.N"),
        ("storable-goods.theorem-4-1", "instances", "0", "parameters.instances"),
        ("storable-goods.theorem-4-1", "seed", "-1", "parameters.seed"),
        ("storable-goods.theorem-4-1", "max_consumers", "5", "parameters.max_consumers"),
        ("storable-goods.theorem-4-1", "max_periods", "0", "parameters.max_periods"),
        ("storable-goods.theorem-4-1", "brute_force", "\"yes\"", "parameters.brute_force"),
        ("storable-goods.strategy-profile-check", "N", "11", "parameters.N"),
        ("storable-goods.strategy-profile-check", "consumer_rule", "\"lazy\"", "parameters.consumer_rule"),
        ("storable-goods.strategy-profile-check", "tie_break", "\"first\"", "parameters.tie_break"),
        ("storable-goods.strategy-profile-violations", "N", "7", "parameters.N"),
        ("storable-goods.strategy-profile-violations", "consumer_rule", "1", "parameters.consumer_rule"),
        ("storable-goods.strategy-profile-violations", "tie_break", "\"earliest\"", "parameters.tie_break"),
        ("storable-goods.fixed-price-benchmark", "values", "[[1, 0], [0]]", "parameters.values[1]"),
        ("storable-goods.fixed-price-benchmark", "epsilon", "-1", "parameters.epsilon"),
        ("storable-goods.construction-benchmarks", "N", "20001", "parameters.N"),
        ("storable-goods.construction-sigma", "N", "1", "parameters.N"),
    ]

    func testValidParametersDecode() {
        for kind in storableGoodsSolvers {
            XCTAssertNil(registry.inputError(kind.name, valid[kind.name] ?? [:]).map(\.message), kind.name)
        }
    }

    func testEveryParameterOfEveryKindIsCovered() {
        XCTAssertEqual(registry.parametersWithoutCase(cases.map { ($0.0, $0.3) }), [])
    }

    func testInvalidValueIsReportedAtItsKey() {
        for (kind, key, value, path) in cases {
            let error = registry.inputError(kind, valid[kind]!.merging([key: value]) { $1 })
            XCTAssertEqual(error?.keyPath, path, "\(kind) \(key) = \(value): \(error?.message ?? "no error")")
        }
    }
}
