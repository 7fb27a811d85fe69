import Foundation
import XCTest
@testable import Harness
import Numerics

/// A label option of the toy kind (a choice parameter from a String enum).
enum ToyLabel: String, CaseIterable, ParameterChoice {
    case plain, fancy
}

/// The toy kind's parameters, declared once.
struct ToyParameters: SolverParameters {
    @Parameter("a", doc: "the step", domain: .nonNegative)
    var a: Rational
    @Parameter("n", doc: "number of rows", default: 3, domain: .between(1, 1000))
    var n: Int
    @Parameter("label", doc: "a label", default: .plain)
    var label: ToyLabel
    @Parameter("weights", doc: "weights summing to 1", default: [1], domain: .probability, minimumCount: 1)
    var weights: [Rational]
}

/// One row of the toy kind.
struct ToyRow: SolverRow {
    var k: Int
    var value: Rational
    var root: Double
    var even: Bool
    var label: String

    static let columns: [RowColumn<ToyRow>] = [
        .init("k", \.k, key: true, doc: "row index"),
        .init("value", \.value, doc: "a·k"),
        .init("root", \.root, doc: "sqrt(a·k)"),
        .init("even", \.even, doc: "k even"),
        .init("label", \.label, doc: "the label"),
    ]
}

/// A toy solver kind: rows k = 1..n with value a·k (exact), its square root (real),
/// and whether k is even.
let toyKind = SolverKind(
    "toy.multiples", summary: "multiples of a", parameters: ToyParameters.self,
    validate: { p in
        let total = p.weights.reduce(Rational.zero, +)
        if total != 1 { throw SolverInputError(p.$weights, expected: "weights summing to 1", found: "sum \(total)") }
    },
    run: { p, _ in
        (1...p.n).map { k in
            let v = p.a * Rational(k)
            return ToyRow(k: k, value: v, root: v.doubleValue.squareRoot(), even: k % 2 == 0, label: p.label.rawValue)
        }
    })

let toyRegistry = Registry([toyKind])

/// A scratch project folder with experiments/ and results/.
final class Scratch {
    let root: URL
    var experiments: String { root.appendingPathComponent("experiments").path }
    var results: String { root.appendingPathComponent("results").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("harness-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("experiments/toy-paper/golden").path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) }

    /// Runs the runner; returns (status, stdout, stderr).
    func run(_ args: [String]) throws -> (Int32, String, String) {
        var options = try RunOptions.parse(args)
        options.experiments = experiments
        options.results = results
        let out = Lines(), err = Lines()
        let runner = Runner(registry: toyRegistry, out: { out.append($0) }, err: { err.append($0) }, showProgress: false)
        let status = runner.run(options)
        return (status, out.text, err.text)
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}

let toySpec = """
{
  "id": "multiples",
  "paper": "toy-paper",
  "artifact": "Table 9",
  "title": "Multiples of a",
  "solver": "toy.multiples",
  "parameters": {"a": "3/4", "n": 4},
  "tolerances": {"default": {"abs": 1e-12}},
  "claims": [
    {"id": "third", "quote": "the third multiple is 2.25", "location": "Sec 1", "row": {"k": 3}, "column": "value", "check": {"printed": "2.25", "rounding": "nearest"}},
    {"id": "root", "quote": "sqrt of 3 is about 1.732", "location": "Sec 1", "row": {"k": 4}, "column": "root", "check": {"printed": "1.732", "rounding": "nearest"}},
    {"id": "positive", "quote": "all positive", "location": "Sec 2", "rows": "all", "column": "value", "check": {"op": ">", "value": 0}}
  ]
}
"""

let toyGolden = """
k,value,root,even,label
1,3/4,0.8660254037844386,false,plain
2,3/2,1.224744871391589,true,plain
3,9/4,1.5,false,plain
4,3,1.7320508075688772,true,plain

"""
