import XCTest
@testable import Harness
import Numerics

/// A kind with an optional parameter: `cap` absent means "no cap".
private struct CappedParameters: SolverParameters {
    @Parameter("n", doc: "number of rows", default: 4, domain: .between(1, 100))
    var n: Int
    @Parameter("cap", doc: "largest row to output (absent: all rows)", domain: .atLeast(1))
    var cap: Int?
    @Parameter("scale", doc: "a factor (absent: 1)", domain: .positive)
    var scale: Rational?
}

private struct CappedRow: SolverRow {
    var k: Int
    var value: Rational
    static let columns: [RowColumn<CappedRow>] = [
        .init("k", \.k, key: true, doc: "row"),
        .init("value", \.value, doc: "k times the scale"),
    ]
}

private let cappedKind = SolverKind(
    "toy.capped", summary: "rows 1..min(n, cap)", parameters: CappedParameters.self,
    run: { p, _ in
        (1...min(p.n, p.cap ?? p.n)).map { CappedRow(k: $0, value: Rational($0) * (p.scale ?? 1)) }
    })

final class OptionalParameterTests: XCTestCase {
    private let registry = Registry([cappedKind])

    private func decode(_ parameters: String, sweep: String = "") throws -> Spec {
        let text = """
        {"id": "capped", "paper": "toy-paper", "artifact": "Example 1", "title": "Capped rows", "solver": "toy.capped",
         "parameters": \(parameters), \(sweep) "claims": []}
        """
        return try Spec.decode(text: text, file: "experiments/toy-paper/capped.json", paperFolder: "toy-paper", fileStem: "capped", registry: registry)
    }

    func testDeclarationsMarkOptionalParameters() {
        let d = CappedParameters.declarations
        XCTAssertEqual(d.map(\.name), ["n", "cap", "scale"])
        XCTAssertEqual(d.map(\.isOptional), [false, true, true])
        XCTAssertNil(d[1].defaultValue)
        XCTAssertEqual(d.map(\.absenceDescription), ["default 4", "optional", "optional"])
        // The wrapped type's spec type and domain apply to a given value.
        XCTAssertEqual(d[1].type.description, ParameterType.integer.description)
        XCTAssertEqual(d[2].type.description, ParameterType.rational.description)
    }

    func testAbsentOptionalParametersReadNil() throws {
        let spec = try decode("{}")
        XCTAssertNil(spec.parameters["cap"])
        let p = CappedParameters.decoded(spec.parameters)
        XCTAssertNil(p.cap)
        XCTAssertNil(p.scale)
        XCTAssertEqual(p.n, 4)
    }

    func testGivenOptionalParametersAreDecodedAndValidated() throws {
        let p = CappedParameters.decoded(try decode(#"{"cap": 2, "scale": "3/2"}"#).parameters)
        XCTAssertEqual(p.cap, 2)
        XCTAssertEqual(p.scale, Rational(3, 2))
        assertSpecError(try decode(#"{"cap": 0}"#), "parameters.cap", "≥ 1")
        assertSpecError(try decode(#"{"cap": "two"}"#), "parameters.cap", "an integer")
        assertSpecError(try decode(#"{"scale": 0}"#), "parameters.scale", "> 0")
    }

    func testAnOptionalParameterCanBeSwept() throws {
        let spec = try decode("{}", sweep: #""sweep": {"cap": {"values": [1, 3]}},"#)
        XCTAssertEqual(spec.sweep.first?.values, [.integer(1), .integer(3)])
        XCTAssertEqual(spec.parameters["cap"], .integer(1))
    }

    func testTheListingSaysOptional() {
        XCTAssertTrue(registry.markdownReference().contains("| `cap` | an integer | ≥ 1 | optional (absent: see meaning) |"))
    }
}
