import Foundation
import XCTest
import ClassPricingSolvers
import CompetitiveInformationDesignSolvers
import CompetitiveScreeningSolvers
@testable import Harness
import Papers
import SegmentationSolvers
import StorableGoodsSolvers

/// The repository root (this file is Tests/PapersTests/NamingTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Each model module, the prefix of its solver kinds and its solver list.
let moduleSolvers: [(module: String, prefix: String, kinds: [SolverKind])] = [
    ("StorableGoods", "storable-goods", storableGoodsSolvers),
    ("Segmentation", "segmentation", segmentationSolvers),
    ("CompetitiveInformationDesign", "information-design", informationDesignSolvers),
    ("ClassPricing", "class-pricing", classPricingSolvers),
    ("CompetitiveScreening", "screening", screeningSolvers),
]

/// The README's naming scheme: a spec key is snake_case words of lowercase
/// letters and digits; a word may be a paper symbol: capitals, optionally
/// after one lowercase letter and before digits (N, r_over_B, v_low_aL, EL_K1).
func isSpecKey(_ key: String) -> Bool {
    key.range(of: #"^([a-z0-9]+|[a-z]?[A-Z]+[0-9]*)(_([a-z0-9]+|[a-z]?[A-Z]+[0-9]*))*$"#, options: .regularExpression) != nil
}

final class NamingTests: XCTestCase {
    func testTheSchemeItself() {
        for good in ["values", "epsilon", "pa_revenue", "N", "log_N", "r_over_B", "v_low_aL", "tau_1", "x_label", "EL_K1", "payoff_K2"] {
            XCTAssertTrue(isSpecKey(good), good)
        }
        for bad in ["costLow", "xLabel", "rOverB", "Pa_revenue", "pa__revenue", "_pa", "pa_", "exponentDeviations", "a-b", "", "Kx", "maxQuality"] {
            XCTAssertFalse(isSpecKey(bad), bad)
        }
    }

    /// Every solver kind is `<module prefix>.<kebab-name>`, in its module's list,
    /// and the registry holds exactly the modules' kinds.
    func testSolverNamesCarryTheirModulePrefix() {
        var count = 0
        for (module, prefix, kinds) in moduleSolvers {
            XCTAssertFalse(kinds.isEmpty, module)
            for k in kinds {
                count += 1
                XCTAssertNotNil(k.name.range(of: "^\(prefix)\\.[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression),
                                "\(k.name) (module \(module)) should be \(prefix).<kebab-name>")
            }
        }
        XCTAssertEqual(count, allSolverKinds.count)
        XCTAssertEqual(paperRegistry.names.count, count)
    }

    /// Every parameter and column of every kind follows the key scheme.
    func testParameterAndColumnKeysAreSnakeCase() {
        for k in allSolverKinds {
            for p in k.parameters { XCTAssertTrue(isSpecKey(p.name), "\(k.name): parameter \(p.name)") }
            for c in k.columns { XCTAssertTrue(isSpecKey(c.name), "\(k.name): column \(c.name)") }
        }
    }

    /// Every key of every spec file follows the scheme, except the comparison
    /// operators of `where` filters and checks ("<", ">=", …).
    func testEverySpecKeyIsSnakeCase() throws {
        let operators = Set(ClaimOperator.allCases.map(\.rawValue))
        let experiments = repositoryRoot.appendingPathComponent("experiments")
        var files = 0
        for paper in try FileManager.default.contentsOfDirectory(atPath: experiments.path).sorted() {
            let folder = experiments.appendingPathComponent(paper)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") {
                files += 1
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                var bad: [String] = []
                func walk(_ node: JSONNode, _ path: String) {
                    switch node.value {
                    case let .object(members):
                        for (key, value) in members {
                            if !isSpecKey(key) && !operators.contains(key) { bad.append("\(path).\(key)") }
                            walk(value, "\(path).\(key)")
                        }
                    case let .array(items):
                        for (i, item) in items.enumerated() { walk(item, "\(path)[\(i)]") }
                    default: break
                    }
                }
                walk(try parseJSON(text), "")
                XCTAssertEqual(bad, [], "\(paper)/\(name)")
            }
        }
        XCTAssertGreaterThan(files, 100)
    }

    /// Model modules are plain economics: none imports Harness, and no string
    /// literal in a model module is a spec key of its solver kinds (errors name
    /// model concepts; the solver layer maps them to keys).
    func testModelCodeNamesNoSpecKey() throws {
        let literal = try NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
        for (module, _, kinds) in moduleSolvers {
            let keys = Set(kinds.flatMap { $0.parameters.map(\.name) })
            let folder = repositoryRoot.appendingPathComponent("Sources/\(module)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            XCTAssertFalse(files.isEmpty, module)
            for file in files.sorted() {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                XCTAssertFalse(text.contains("import Harness"), "\(module)/\(file) imports Harness")
                let ns = text as NSString
                for m in literal.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    let s = ns.substring(with: m.range(at: 1))
                    XCTAssertFalse(keys.contains(s), "\(module)/\(file) names the spec key \"\(s)\"")
                }
            }
        }
    }
}
