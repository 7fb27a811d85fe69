// The command line of `replicate`: options and their parsing.

import Foundation

/// Command-line options of `replicate`.
public struct RunOptions: Sendable, Equatable {
    public var experiments = "experiments"
    public var results = "results"
    public var papers: [String] = []
    public var only: [String] = []
    public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var bless = false
    public var check = false
    public var json = false
    /// Where to write the run as JUnit XML (`--junit-xml FILE`), if anywhere.
    public var junitXML: String? = nil
    public var list = false
    public var listSolvers = false
    public var solverDocs = false
    public var help = false
    /// `--shard K/N`: compute the K-th of N parts of the selection (Sharding.swift).
    public var shard: ShardSpec? = nil
    /// Set by `replicate merge SUMMARY...`: the shard summaries to combine (Merge.swift).
    public var merge: [String]? = nil
    /// Set by `replicate probe ...` (ProbeCommand.swift).
    public var probe: ProbeOptions? = nil

    public init() {}

    /// True when every spec is selected (no --paper or --only).
    public var isFullRun: Bool { papers.isEmpty && only.isEmpty }

    public static let usage = """
    usage: replicate [options]
           replicate --shard K/N [options]      (one part of the run: see "Sharded runs")
           replicate merge SUMMARY... [--check] [--json] [--junit-xml FILE]
           replicate try SPEC [--set KEY=VALUE ...] [--all] [--figure FILE] [--json]
                             (one spec at changed parameters: replicate try --help)

    Recomputes every experiment spec under experiments/<paper>/*.json, writes
    results/<paper>/<id>.csv, diffs each against its golden CSV, checks every
    claim, prints a summary and writes results/REPORT.md (on unfiltered runs).

    options:
      --paper ID         only the specs of this paper (repeatable)
      --only PATTERN     only specs whose id or paper/id matches (glob: * ?; repeatable)
      --list             list the specs (one line each) and exit
      --list-solvers     list the solver kinds with their parameters and exit
      --solver-docs      print docs/SOLVERS.md (every kind, Markdown) and exit
      --jobs N           run up to N specs concurrently (default: number of cores)
      --check            compute, diff and check claims, but write nothing
      --bless            rewrite the goldens of the selected specs from the current
                         output (the only way goldens change); review the diff first
      --json             print a machine-readable summary on stdout
      --junit-xml FILE   also write the run as JUnit XML (one test case per
                         artifact and per claim; written even with --check)
      --shard K/N        compute the K-th of N parts of the selected specs (1 ≤ K ≤ N),
                         balanced by the times the last run recorded in
                         results/.shards/.times.json; write their CSVs and SVGs and
                         the summary results/.shards/K-of-N.json (with --check, the
                         summary only), not the reports
      --experiments DIR  where the specs are (default: experiments)
      --results DIR      where outputs go (default: results)
      --help             this text

    replicate merge SUMMARY...  combine the summaries of shards 1..N of one run
                         (same commit, experiments and selection; each selected
                         spec exactly once) into the results, reports, console
                         summary and exit status a single run gives; --check
                         writes nothing

    replicate probe SPEC --vary NAME=FROM..TO ...  where a spec's claims hold over
                         a parameter range (replicate probe --help)

    exit status: 0 everything matches, 1 a golden diff, an unexplained claim
    discrepancy or a solver failure, 2 invalid input (nothing is written),
    3 an output could not be written (the message lists what was), 130
    interrupted while writing (the writes were finished first).
    """

    /// Parses command-line arguments (without the program name).
    public static func parse(_ arguments: [String]) throws -> RunOptions {
        if arguments.first == "probe" { return try ProbeOptions.parseCommand(Array(arguments.dropFirst())) }
        if arguments.first == "merge" { return try parseMerge(Array(arguments.dropFirst())) }
        var o = RunOptions()
        var i = 0
        func value(_ flag: String) throws -> String { try optionValue(arguments, &i, flag) { HarnessError.usage("\($0) needs a value") } }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--paper": o.papers.append(try value(a))
            case "--only": o.only.append(try value(a))
            case "--jobs":
                let v = try value(a)
                guard let n = Int(v), n >= 1, n <= 256 else { throw HarnessError.usage("--jobs needs an integer from 1 to 256, got \(v)") }
                o.jobs = n
            case "--experiments": o.experiments = try value(a)
            case "--results": o.results = try value(a)
            case "--bless": o.bless = true
            case "--check": o.check = true
            case "--json": o.json = true
            case "--junit-xml": o.junitXML = try value(a)
            case "--shard":
                guard o.shard == nil else { throw HarnessError.usage("--shard given twice") }
                o.shard = try ShardSpec.parse(try value(a))
            case "--list": o.list = true
            case "--list-solvers": o.listSolvers = true
            case "--solver-docs": o.solverDocs = true
            case "--help", "-h": o.help = true
            default:
                let known = ["--paper", "--only", "--jobs", "--experiments", "--results", "--bless", "--check", "--json", "--junit-xml", "--shard", "--list", "--list-solvers", "--solver-docs", "--help"]
                throw HarnessError.usage("unknown option \(a)" + (nearest(a, among: known).map { " (did you mean \($0)?)" } ?? ""))
            }
            i += 1
        }
        if o.bless && o.check { throw HarnessError.usage("--bless writes goldens and --check writes nothing: choose one") }
        if o.shard != nil && o.bless { throw HarnessError.usage("--bless rewrites goldens: run it without --shard") }
        if o.shard != nil && (o.listSolvers || o.solverDocs) { throw HarnessError.usage("--shard selects specs to run: it does not apply to \(o.listSolvers ? "--list-solvers" : "--solver-docs")") }
        let listing = [(o.list, "--list"), (o.listSolvers, "--list-solvers"), (o.solverDocs, "--solver-docs")].filter(\.0).map(\.1)
        if listing.count > 1 { throw HarnessError.usage("\(listing.joined(separator: " and ")) each print a listing: choose one") }
        if let l = listing.first {
            for (set, flag) in [(o.bless, "--bless"), (o.check, "--check"), (o.json, "--json"), (o.junitXML != nil, "--junit-xml")] where set {
                throw HarnessError.usage("\(l) prints a listing and runs nothing: \(flag) does not apply")
            }
        }
        return o
    }

    /// `replicate merge SUMMARY... [--experiments DIR] [--results DIR] [--check] [--json] [--junit-xml FILE]`.
    static func parseMerge(_ arguments: [String]) throws -> RunOptions {
        var o = RunOptions()
        var summaries: [String] = []
        var i = 0
        func value(_ flag: String) throws -> String { try optionValue(arguments, &i, flag) { HarnessError.usage("\($0) needs a value") } }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--experiments": o.experiments = try value(a)
            case "--results": o.results = try value(a)
            case "--check": o.check = true
            case "--json": o.json = true
            case "--junit-xml": o.junitXML = try value(a)
            case "--help", "-h": o.help = true
            default:
                if a.hasPrefix("-") {
                    let known = ["--experiments", "--results", "--check", "--json", "--junit-xml", "--help"]
                    let hint = ["--paper", "--only", "--shard", "--bless"].contains(a) ? " (merge takes the selection from the shard summaries and blesses nothing)" : ""
                    throw HarnessError.usage("merge: unknown option \(a)" + hint + (hint.isEmpty ? nearest(a, among: known).map { " (did you mean \($0)?)" } ?? "" : ""))
                }
                summaries.append(a)
            }
            i += 1
        }
        if summaries.isEmpty && !o.help { throw HarnessError.usage("merge needs the shard summaries, e.g. replicate merge results/.shards/*.json") }
        if summaries.count > ShardSpec.maximumCount { throw HarnessError.usage("merge takes at most \(ShardSpec.maximumCount) summaries") }
        o.merge = summaries
        return o
    }
}

/// The value of option `flag`, the argument after position `i` (which
/// advances to it); a missing one (the end, or another option) throws
/// `error(flag)`. Shared by the run, merge, probe and try parsers.
func optionValue(_ arguments: [String], _ i: inout Int, _ flag: String, error: (String) -> Error) throws -> String {
    i += 1
    guard i < arguments.count, !arguments[i].hasPrefix("--") else { throw error(flag) }
    return arguments[i]
}
