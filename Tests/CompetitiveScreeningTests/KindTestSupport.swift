// Shared helpers for the tests that drive this module's solver kinds and
// check its model errors.

import XCTest
import Harness
import CompetitiveScreeningSolvers
import Distributions
@testable import CompetitiveScreening

/// The module's solver kind called `name`.
func screeningKind(_ name: String) throws -> SolverKind {
    try XCTUnwrap(screeningSolvers.first { $0.name == name }, "no solver kind \(name)")
}

/// The kind's parameter defaults overridden by `given`.
func kindValues(_ kind: SolverKind, _ given: [String: ParameterValue]) -> ParameterValues {
    var v: [String: ParameterValue] = [:]
    for p in kind.parameters { if let d = p.defaultValue { v[p.name] = d } }
    for (k, x) in given { v[k] = x }
    return ParameterValues(v)
}

/// Asserts that validating `values` (over the defaults) throws a spec input error naming `key`
/// (and, when given, whose message mentions `mentioning`).
func assertInputError(_ kind: SolverKind, _ values: [String: ParameterValue], key: String, mentioning: String? = nil,
                      file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try kind.validate(kindValues(kind, values)), file: file, line: line) { e in
        XCTAssertEqual((e as? SolverInputError)?.parameter, key, "\(e)", file: file, line: line)
        if let mentioning { XCTAssertTrue("\(e)".contains(mentioning), "\(e) does not mention \(mentioning)", file: file, line: line) }
    }
}

/// A model error in short form: the law argument with its index ("densities[1]"),
/// nested laws and entries as prefixes ("opponent[1].", "component[1].", "own."),
/// "syntax" for text that could not be read, else the case name.
func shortForm(_ e: Error) -> String {
    if let d = e as? DistributionError { return lawShortForm(d) }
    guard let m = e as? CompetitiveScreeningError else { return "other: \(e)" }
    switch m {
    case let .law(d): return lawShortForm(d)
    case let .inOpponentEntry(k, inner): return "opponent[\(k)]." + shortForm(inner)
    case let .inLaw(role, inner): return "\(roleName(role))." + shortForm(inner)
    case .syntax: return "syntax"
    case .infeasibleFamily: return "infeasibleFamily"
    default: return Mirror(reflecting: m).children.first?.label ?? String(describing: m)
    }
}

/// A distribution error in short form: the argument ("densities[1]"), "component[k]." prefixes, "syntax".
func lawShortForm(_ d: DistributionError) -> String {
    switch d {
    case let .argument(_, argument, index, _, _): return argument.rawValue + (index.map { "[\($0)]" } ?? "")
    case let .inMixtureComponent(k, inner): return "component[\(k)]." + lawShortForm(inner)
    case .syntax: return "syntax"
    }
}

/// A law's role in short form.
func roleName(_ role: LawRole) -> String {
    switch role {
    case .own: return "own"
    case let .opponent(j): return "opponent[\(j)]"
    case let .firm(k): return "firm[\(k)]"
    case .relativeBase: return "base"
    }
}

/// The short form of what `body` throws (nil when it does not throw).
func thrown(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return shortForm(error) }
}
