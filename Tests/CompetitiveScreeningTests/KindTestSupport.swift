// Shared helpers for the tests that drive this module's solver kinds.

import XCTest
import Harness
@testable import CompetitiveScreening

/// The module's solver kind called `name`.
func screeningKind(_ name: String) throws -> SolverKind {
    try XCTUnwrap(CompetitiveScreeningKinds.all.first { $0.name == name }, "no solver kind \(name)")
}

/// The kind's parameter defaults overridden by `given`.
func kindValues(_ kind: SolverKind, _ given: [String: ParameterValue]) -> ParameterValues {
    var v: [String: ParameterValue] = [:]
    for p in kind.parameters { if let d = p.defaultValue { v[p.name] = d } }
    for (k, x) in given { v[k] = x }
    return ParameterValues(v)
}

/// Asserts that validating `values` (over the defaults) throws a spec input error naming `key`.
func assertInputError(_ kind: SolverKind, _ values: [String: ParameterValue], key: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try kind.validate(kindValues(kind, values)), file: file, line: line) { e in
        XCTAssertEqual((e as? SolverInputError)?.parameter, key, "\(e)", file: file, line: line)
    }
}
