import Foundation
import XCTest
@testable import Harness
import Numerics

/// A toy solver kind: rows k = 1..n with value a·k (exact), its square root (real),
/// and whether k is even.
let toyKind = SolverKind(
    name: "toy.multiples", summary: "multiples of a",
    parameters: [
        ParameterSpec("a", .rational, doc: "the step", domain: .nonNegative),
        ParameterSpec("n", .integer, doc: "number of rows", default: .integer(3), domain: .between(1, 1000)),
        ParameterSpec("label", .choice(["plain", "fancy"]), doc: "a label", default: .text("plain")),
        ParameterSpec("weights", .list(.rational), doc: "weights summing to 1", default: .list([.rational(1)]), domain: .probability, minimumCount: 1),
    ],
    columns: [
        Column("k", .integer, key: true, doc: "row index"),
        Column("value", .rational, doc: "a·k"),
        Column("root", .real, doc: "sqrt(a·k)"),
        Column("even", .boolean, doc: "k even"),
        Column("label", .text, doc: "the label"),
    ],
    validate: { p in
        let total = p.rationalList("weights").reduce(Rational.zero, +)
        if total != 1 { throw SolverInputError(parameter: "weights", expected: "weights summing to 1", found: "sum \(total)") }
    },
    run: { p, _ in
        (1...p.integer("n")).map { k in
            let v = p.rational("a") * Rational(k)
            return ["k": .int(k), "value": .rational(v), "root": .real(v.doubleValue.squareRoot()),
                    "even": .boolean(k % 2 == 0), "label": .text(p.text("label"))]
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
    {"id": "third", "quote": "the third multiple is 2.25", "location": "Sec 1", "row": {"k": 3}, "column": "value", "check": {"printed": "2.25"}},
    {"id": "root", "quote": "sqrt of 3 is about 1.732", "location": "Sec 1", "row": {"k": 4}, "column": "root", "check": {"printed": "1.732"}},
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
