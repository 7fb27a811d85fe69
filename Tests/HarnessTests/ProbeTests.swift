import Foundation
import XCTest
@testable import Harness
import Numerics

/// The toy spec probed: rows k = 1..n with value a·k (exact) and root √(a·k) (real).
let probeToySpec = """
{
  "id": "probe-toy",
  "paper": "toy-paper",
  "artifact": "Table 9",
  "title": "Multiples of a, probed",
  "solver": "toy.multiples",
  "parameters": {"a": "1/7", "n": 4},
  "claims": [
    {"id": "third-small", "quote": "3a is at most 1", "location": "Sec 1", "row": {"k": 3}, "column": "value", "check": {"op": "<=", "value": 1}},
    {"id": "fourth-below", "quote": "4a is below 7/5", "location": "Sec 1", "row": {"k": 4}, "column": "value", "check": {"op": "<", "value": "7/5"}},
    {"id": "root-below-one", "quote": "sqrt(4a) is below 1", "location": "Sec 2", "row": {"k": 4}, "column": "root", "check": {"op": "<", "value": 1}},
    {"id": "all-small", "quote": "every multiple is at most 1", "location": "Sec 3", "rows": "all", "column": "value", "check": {"op": "<=", "value": 1}}
  ]
}
"""

/// The error `body` throws, as text ("" when it throws none).
func catching<T>(_ body: () throws -> T) -> String {
    do { _ = try body(); return "" } catch { return "\(error)" }
}

final class ProbeTests: XCTestCase {
    func scratch() throws -> Scratch {
        let s = try Scratch()
        try s.write("experiments/toy-paper/probe-toy.json", probeToySpec)
        return s
    }

    func probe(_ s: Scratch, _ args: [String]) throws -> ProbeResult {
        let options = try RunOptions.parse(["probe"] + args)
        let runner = Runner(registry: toyRegistry, out: { _ in }, err: { _ in }, showProgress: false)
        let spec = try runner.loadProbeSpec(options.probe!.spec!, experiments: s.experiments)
        let claims = try ProbeRequest.selectClaims(spec, ids: options.probe!.claims) { e, _ in .usage(e) }
        let vary = try options.probe!.vary.map { v in (name: v.name, key: v.name, from: try Rational(parsing: v.from), to: try Rational(parsing: v.to)) }
        let fixed = try options.probe!.set.map { v in (name: v.name, key: v.name, value: try parseValue(v.from, for: spec.solver.parameter(v.name)!) { HarnessError.usage($0) }) }
        let request = try ProbeRequest.make(spec: spec, vary: vary, fixed: fixed, claims: claims, points: options.probe!.points) { k, e, _ in .usage("\(k): \(e)") }
        return runner.runProbe(request)
    }

    /// 3a ≤ 1 exactly when a ≤ 1/3: the exact, closed end point 1/3 (not on the grid).
    func testExactRationalEndPointOfANonStrictComparison() throws {
        let s = try scratch()
        let r = try probe(s, ["\(s.experiments)/toy-paper/probe-toy.json", "--vary", "a=0..1", "--claim", "third-small"])
        let intervals = r.claims[0].intervals
        XCTAssertEqual(intervals.map(\.verdict), [.holds, .fails])
        XCTAssertEqual(intervals[0].upper, ProbeBound(value: Rational(1, 3), closed: true, exact: true, tolerance: .zero))
        XCTAssertEqual(intervals[1].lower, ProbeBound(value: Rational(1, 3), closed: false, exact: true, tolerance: .zero))
        XCTAssertEqual(intervals.map(\.text), ["[0, 1/3]", "(1/3, 1]"])
    }

    /// 4a < 7/5 exactly when a < 7/20: an open end at 7/20; the Markdown shows it.
    func testStrictComparisonGivesAnOpenEndAndMarkdown() throws {
        let s = try scratch()
        let (status, out, _) = try s.run(["probe", "toy-paper/probe-toy", "--vary", "a=0..1", "--claim", "fourth-below"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("| [0, 7/20) | holds |"), out)
        XCTAssertTrue(out.contains("| [7/20, 1] | fails |"), out)
        XCTAssertTrue(out.contains("End points: 7/20 (1 of 1 exact)."), out)
        XCTAssertFalse(s.exists("results"), "nothing is written without --out")
    }

    /// A claim on a real column: the end point (1/4 for √(4a) < 1) comes with a tolerance.
    func testRealColumnGivesAnEndPointWithItsTolerance() throws {
        let s = try scratch()
        let r = try probe(s, ["toy-paper/probe-toy", "--vary", "a=0..1", "--claim", "root-below-one"])
        XCTAssertFalse(r.claims[0].exactCells)
        let end = r.claims[0].intervals[0].upper
        XCTAssertFalse(end.exact)
        XCTAssertGreaterThan(end.tolerance, .zero)
        XCTAssertLessThanOrEqual(end.tolerance, Rational(1, 1 << 40))
        XCTAssertLessThanOrEqual((end.value - Rational(1, 4)).magnitude, end.tolerance)
    }

    /// An integer parameter: n·(1/7) ≤ 1 exactly for n ≤ 7; and the claim on row 3 has no rows for n < 3.
    func testIntegerParameterAndNoRows() throws {
        let s = try scratch()
        let r = try probe(s, ["toy-paper/probe-toy", "--vary", "n=1..20", "--claim", "all-small", "--claim", "third-small"])
        XCTAssertEqual(r.claims[0].intervals.map(\.text), ["[1, 7]", "[8, 20]"])
        XCTAssertEqual(r.claims[0].intervals.map(\.verdict), [.holds, .fails])
        XCTAssertEqual(r.claims[1].intervals.map(\.text), ["[1, 2]", "[3, 20]"])
        XCTAssertEqual(r.claims[1].intervals.map(\.verdict), [.noRows, .holds])
    }

    /// Two parameters: n·a ≤ 1, so along a at each n ≥ 2 the boundary is exactly a = 1/n; the map is drawn.
    func testTwoParameterMapBoundary() throws {
        let s = try scratch()
        let r = try probe(s, ["toy-paper/probe-toy", "--vary", "a=0..1", "--vary", "n=1..10", "--claim", "all-small", "--points", "10"])
        let probe = r.claims[0]
        let alongA = probe.crossings.filter { $0.along == 0 }
        XCTAssertEqual(alongA.map(\.at), (2...10).map { Rational($0) })
        for c in alongA {
            XCTAssertEqual(c.change.leftEnd, ProbeBound(value: Rational(1) / c.at, closed: true, exact: true, tolerance: .zero))
            XCTAssertEqual(c.change.from, .holds)
            XCTAssertEqual(c.change.to, .fails)
        }
        // Grid verdicts agree with n·a ≤ 1 at every grid point.
        for (i, a) in r.grids[0].enumerated() {
            for (j, n) in r.grids[1].enumerated() {
                XCTAssertEqual(probe.verdicts[i][j], n * a <= 1 ? .holds : .fails)
            }
        }
        let svg = try r.svg(for: probe)
        XCTAssertTrue(svg.hasPrefix("<svg") || svg.contains("<svg"))
        XCTAssertTrue(svg.contains("boundary"))
    }

    func testOutWritesMarkdownAndMaps() throws {
        let s = try scratch()
        let dir = s.root.appendingPathComponent("probe-out").path
        let (status, out, _) = try s.run(["probe", "toy-paper/probe-toy", "--vary", "a=0..1", "--vary", "n=1..4", "--claim", "all-small", "--points", "5", "--out", dir])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(s.read("probe-out/probe-toy-probe.md"), out)
        XCTAssertTrue(s.read("probe-out/probe-toy-probe-all-small.svg")?.contains("<svg") ?? false)
    }

    /// Bad input: exit status 2, the message names the key, nothing written.
    func testBadInputNamesTheKeyAndWritesNothing() throws {
        let s = try scratch()
        let dir = s.root.appendingPathComponent("probe-out").path
        let cases: [([String], String)] = [
            (["--vary", "b=0..1"], "--vary b: expected a parameter of toy.multiples"),
            (["--vary", "a=-1..1"], "--vary a: expected a range inside the domain of a: ≥ 0"),
            (["--vary", "label=0..1"], "--vary label: expected a numeric parameter"),
            (["--vary", "a=x..1"], "--vary a: expected numeric end points"),
            (["--vary", "a=1..0"], "--vary a: expected a range FROM..TO with FROM < TO"),
            (["--vary", "n=0..5"], "--vary n: expected a range inside the domain of n"),
            (["--vary", "n=1..5/2"], "--vary n: expected integer end points"),
            (["--vary", "a=0..1", "--claim", "nope"], "--claim: expected a claim of toy-paper/probe-toy"),
            (["--vary", "a=0..1", "--set", "n=abc"], "--set n: expected an integer"),
            (["--vary", "a=0..1", "--set", "zz=1"], "--set zz: expected a parameter of toy.multiples"),
            (["--vary", "a"], "--vary a: expected NAME=FROM..TO"),
            ([], "probe needs one or two --vary"),
        ]
        for (extra, message) in cases {
            // A command-line error thrown by the parser exits 2 in main.swift.
            let (status, _, err) = (try? s.run(["probe", "toy-paper/probe-toy"] + extra + ["--out", dir]))
                ?? (2, "", (try? RunOptions.parse(["probe", "toy-paper/probe-toy"] + extra)).map { _ in "" } ?? "\(catching { try RunOptions.parse(["probe", "toy-paper/probe-toy"] + extra) })")
            XCTAssertEqual(status, 2, "\(extra)")
            XCTAssertTrue(err.contains(message), "\(extra): \(err)")
            XCTAssertFalse(s.exists("probe-out"), "\(extra)")
        }
        let (status, _, err) = try s.run(["probe", "toy-paper/missing", "--vary", "a=0..1"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("no spec toy-paper/missing"), err)
    }

    /// Declared probes: written under results/<paper>/probes/, then checked; a drifted file fails the check.
    func testDeclaredProbeWritesAndChecks() throws {
        let s = try scratch()
        try s.write("experiments/toy-paper/probes/third.json", """
        {"id": "third", "spec": "probe-toy", "title": "Where 3a ≤ 1", "vary": {"a": {"from": 0, "to": 1}}, "points": 9,
         "claims": ["third-small", {"id": "own", "quote": "2a ≤ 1", "location": "Sec 4", "row": {"k": 2}, "column": "value", "check": {"op": "<=", "value": 1}}]}
        """)
        var (status, out, err) = try s.run(["probe", "--declared", "--check"])
        XCTAssertEqual(status, 1, out + err)
        XCTAssertFalse(s.exists("results/toy-paper/probes/third.md"))
        (status, out, err) = try s.run(["probe", "--declared"])
        XCTAssertEqual(status, 0, err)
        let md = s.read("results/toy-paper/probes/third.md") ?? ""
        XCTAssertTrue(md.contains("| [0, 1/3] | holds |"), md)
        XCTAssertTrue(md.contains("| [0, 1/2] | holds |"), md)
        (status, out, err) = try s.run(["probe", "--declared", "--check"])
        XCTAssertEqual(status, 0, err)
        try s.write("results/toy-paper/probes/third.md", md + "edited\n")
        (status, out, err) = try s.run(["probe", "--declared", "--check"])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("third.md"), err)
        // A bad declaration: exit 2 naming file and key, nothing written.
        try s.write("experiments/toy-paper/probes/bad.json", """
        {"id": "bad", "spec": "probe-toy", "title": "t", "vary": {"a": {"from": 0, "to": 2}, "label": {"from": 0, "to": 1}}}
        """)
        (status, out, err) = try s.run(["probe", "--declared"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("bad.json: vary.label: expected a numeric parameter"), err)
        XCTAssertEqual(s.read("results/toy-paper/probes/third.md"), md + "edited\n")
    }

    /// A claim id is untrusted: its map's file name stays inside the probes folder.
    func testClaimIdsCannotLeaveTheProbesFolder() throws {
        let s = try scratch()
        try s.write("experiments/toy-paper/probes/map.json", """
        {"id": "map", "spec": "probe-toy", "title": "t", "vary": {"a": {"from": 0, "to": 1}, "n": {"from": 1, "to": 3}}, "points": 3,
         "claims": [{"id": "../../../escape", "quote": "q", "location": "l", "rows": "all", "column": "value", "check": {"op": "<=", "value": 1}},
                    {"id": "../../..-escape", "quote": "q", "location": "l", "rows": "all", "column": "value", "check": {"op": "<=", "value": 1}}]}
        """)
        let (status, _, err) = try s.run(["probe", "--declared"])
        XCTAssertEqual(status, 0, err)
        let files = try FileManager.default.contentsOfDirectory(atPath: s.root.appendingPathComponent("results/toy-paper/probes").path).sorted()
        XCTAssertEqual(files, ["map----------escape-2.svg", "map----------escape.svg", "map.md"])
        XCTAssertFalse(s.exists("escape.svg"))
        XCTAssertEqual(catching { try RunOptions.parse(["probe", "x", "--vary", "a=0..1", "--vary", "a=0..2"]) },
                       HarnessError.usage("probe --vary a given twice").description)
    }
}

/// A toy kind with a tie at x = 1/2: the row's side is "left" below 1/2,
/// "right" above, and at 1/2 the `tie` option decides.
enum ToyTie: String, CaseIterable, ParameterChoice { case left, right }

struct ToyTieParameters: SolverParameters {
    @Parameter("x", doc: "the point", domain: .nonNegative)
    var x: Rational
    @Parameter("tie", doc: "the side at x = 1/2", default: .left)
    var tie: ToyTie
}

struct ToyTieRow: SolverRow {
    var side: String
    static let columns: [RowColumn<ToyTieRow>] = [.init("side", \.side, doc: "the side of 1/2")]
}

let toyTieKind = SolverKind(
    "toy.tie", summary: "which side of 1/2", parameters: ToyTieParameters.self,
    run: { p, _ in
        let half = Rational(1, 2)
        return [ToyTieRow(side: p.x < half ? "left" : p.x > half ? "right" : p.tie.rawValue)]
    })

final class ProbeTiePointTests: XCTestCase {
    /// A claim checked across the tie rule: it fails left of 1/2, holds right
    /// of it, and at exactly 1/2 holds under one rule only. The probe reports
    /// the isolated point {1/2} with its own verdict, both neighbours open.
    func testIsolatedPointWhereTheVerdictDependsOnTheConvention() throws {
        let s = try Scratch()
        try s.write("experiments/toy-paper/tie.json", """
        {"id": "tie", "paper": "toy-paper", "artifact": "Table 1", "title": "A tie", "solver": "toy.tie",
         "parameters": {"x": "1/5"},
         "claims": [{"id": "right", "quote": "x is right of the middle", "location": "Sec 1", "rows": "all",
                     "column": "side", "check": {"equals": "right"}, "across": {"tie": ["left", "right"]}}]}
        """)
        let runner = Runner(registry: Registry([toyTieKind]), out: { _ in }, err: { _ in }, showProgress: false)
        let spec = try runner.loadProbeSpec("toy-paper/tie", experiments: s.experiments)
        let claims = try ProbeRequest.selectClaims(spec, ids: []) { e, _ in .usage(e) }
        let request = try ProbeRequest.make(spec: spec, vary: [(name: "x", key: "x", from: Rational(0), to: Rational(3, 2))], fixed: [],
                                            claims: claims, points: 33) { k, e, _ in .usage("\(k): \(e)") }
        let r = runner.runProbe(request)
        let intervals = r.claims[0].intervals
        XCTAssertEqual(intervals.map(\.text), ["[0, 1/2)", "{1/2}", "(1/2, 3/2]"])
        XCTAssertEqual(intervals.map(\.verdict), [.fails, .dependsOnConvention, .holds])
        let md = r.markdown()
        XCTAssertTrue(md.contains("| {1/2} | depends on convention |"), md)
        XCTAssertTrue(md.contains("End points: 1/2 (1 of 1 exact)."), md)
    }
}

/// A toy kind with a list parameter: one row with the largest atom.
struct ToySpreadParameters: SolverParameters {
    @Parameter("atoms", doc: "the atoms", domain: .between(-10, 10), minimumCount: 1)
    var atoms: [Rational]
}

struct ToySpreadRow: SolverRow {
    var largest: Rational
    static let columns: [RowColumn<ToySpreadRow>] = [.init("largest", \.largest, doc: "the largest atom")]
}

let toySpreadKind = SolverKind(
    "toy.spread", summary: "the largest atom", parameters: ToySpreadParameters.self,
    run: { p, _ in [ToySpreadRow(largest: p.atoms.max()!)] })

final class ProbeScaleTests: XCTestCase {
    func request(_ s: Scratch, from: Rational, to: Rational) throws -> ProbeRequest {
        try s.write("experiments/toy-paper/spread.json", """
        {"id": "spread", "paper": "toy-paper", "artifact": "Table 1", "title": "Atoms", "solver": "toy.spread",
         "parameters": {"atoms": ["-1/3", "1/2"]},
         "claims": [{"id": "small", "quote": "the atoms are at most 1", "location": "Sec 1", "rows": "all",
                     "column": "largest", "check": {"op": "<=", "value": 1}}]}
        """)
        let runner = Runner(registry: Registry([toySpreadKind]), out: { _ in }, err: { _ in }, showProgress: false)
        let spec = try runner.loadProbeSpec("toy-paper/spread", experiments: s.experiments)
        let claims = try ProbeRequest.selectClaims(spec, ids: []) { e, _ in .usage(e) }
        return try ProbeRequest.make(spec: spec, vary: [(name: "atoms", key: "--scale atoms", from: from, to: to)], scaled: ["atoms"], fixed: [],
                                     claims: claims, points: 9) { k, e, f in .usage("\(k): \(e)" + (f.map { ", found \($0)" } ?? "")) }
    }

    /// Scaling the list [−1/3, 1/2] by s: its largest atom s/2 is at most 1
    /// exactly for s ≤ 2, an exact closed end point; the report names the scale.
    func testScaledListParameterHasAnExactEndPoint() throws {
        let s = try Scratch()
        let r = Runner(registry: Registry([toySpreadKind]), out: { _ in }, err: { _ in }, showProgress: false).runProbe(try request(s, from: Rational(1, 4), to: 3))
        XCTAssertEqual(r.claims[0].intervals.map(\.text), ["[1/4, 2]", "(2, 3]"])
        XCTAssertEqual(r.claims[0].intervals.map(\.verdict), [.holds, .fails])
        let md = r.markdown()
        XCTAssertTrue(md.contains("over scale of atoms ∈ [1/4, 3]"), md)
        XCTAssertTrue(md.contains("| scale of atoms | verdict |"), md)
    }

    /// A scale taking an atom out of its domain at a corner is an input error
    /// naming the option and the scaled value.
    func testScaleOutOfTheDomainIsAnInputError() throws {
        let s = try Scratch()
        let message = catching { try request(s, from: 1, to: 30) }
        XCTAssertTrue(message.contains("--scale atoms"), message)
        XCTAssertTrue(message.contains("scale of atoms = 30"), message)
        // Only lists of numbers scale; the command line rejects a scale of a number.
        let toy = try Scratch()
        try toy.write("experiments/toy-paper/probe-toy.json", probeToySpec)
        let (status, _, err) = try toy.run(["probe", "toy-paper/probe-toy", "--scale", "a=1..2"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("a list parameter of numbers to scale"), err)
    }
}

final class ProbeReferenceTests: XCTestCase {
    /// A claim comparing with another artifact's cell is never probed (that
    /// artifact is not recomputed at the probe's parameters): asked for by id it
    /// is an input error naming it; by default it is left out and named.
    func testClaimsReferringToAnotherArtifactAreRefusedOrLeftOut() throws {
        let s = try Scratch()
        try s.write("experiments/toy-paper/probe-toy.json", probeToySpec)
        try s.write("experiments/toy-paper/with-reference.json", """
        {"id": "with-reference", "paper": "toy-paper", "artifact": "Table 2", "title": "Against another table", "solver": "toy.multiples",
         "parameters": {"a": "1/7", "n": 2},
         "claims": [
           {"id": "below-other", "quote": "2a is below the other table's 3rd value", "location": "Sec 2", "row": {"k": 2}, "column": "value",
            "check": {"op": "<", "reference": {"artifact": "probe-toy", "row": {"k": 3}, "column": "value"}}},
           {"id": "small", "quote": "2a is at most 1", "location": "Sec 2", "row": {"k": 2}, "column": "value", "check": {"op": "<=", "value": 1}}
         ]}
        """)
        let (status, _, err) = try s.run(["probe", "toy-paper/with-reference", "--vary", "a=0..1", "--claim", "below-other"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("below-other compares with"), err)
        XCTAssertTrue(err.contains("not recompute"), err)
        let (ok, out, _) = try s.run(["probe", "toy-paper/with-reference", "--vary", "a=0..1"])
        XCTAssertEqual(ok, 0)
        XCTAssertTrue(out.contains("| [0, 1/2] | holds |"), out)
        XCTAssertTrue(out.contains("Not probed: `below-other`"), out)
        XCTAssertFalse(out.contains("### Claim `below-other`"), out)
    }
}
