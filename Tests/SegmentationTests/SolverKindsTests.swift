import XCTest
import Harness
import Numerics
@testable import Segmentation

/// Spec-facing validation: bad environments and markets are spec errors naming the key.
final class SolverKindsTests: XCTestCase {
    let registry = Registry(Environment.solverKinds)

    func decode(_ solver: String, _ parameters: String) throws -> Spec {
        try Spec.decode(text: "{\"id\": \"s\", \"paper\": \"p\", \"artifact\": \"A\", \"title\": \"T\", \"solver\": \"\(solver)\", \"parameters\": \(parameters)}",
                        file: "experiments/p/s.json", paperFolder: "p", fileStem: "s", registry: registry)
    }

    func testBadInputNamesTheKey() {
        let checks: [(String, String, String)] = [
            ("{\"valuations\": [[1, 2], [3]], \"market\": [1, 1]}", "parameters.valuations", "ragged"),
            ("{\"valuations\": [[1, 1], [1, 2]], \"market\": [1, 1]}", "parameters.valuations", "efficient"),
            ("{\"valuations\": [[1, 2], [1, 3]], \"market\": [1, -1]}", "parameters.market[1]", "≥ 0"),
            ("{\"valuations\": [[1, 2], [1, 3]], \"market\": [0, 0]}", "parameters.market", "positive"),
            ("{\"valuations\": [[1, 2], [1, 3]], \"market\": [1, 1], \"selection\": \"welfare\"}", "parameters.selection", "one of"),
        ]
        for (params, path, word) in checks {
            XCTAssertThrowsError(try decode("segmentation.market", params), params) { error in
                guard case let HarnessError.invalidSpec(_, keyPath, expected, found, _) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(keyPath.hasPrefix(path), "\(keyPath) for \(params): \(error)")
                XCTAssertTrue((expected + (found ?? "")).lowercased().contains(word.lowercased()), "\(error)")
            }
        }
        XCTAssertThrowsError(try decode("segmentation.two-type-summary", "{\"valuations\": [[1, 2], [1, 3], [2, 4]]}")) { error in
            XCTAssertTrue("\(error)".contains("two rows"), "\(error)")
        }
    }

    func testSection311ThroughTheHarness() throws {
        let s = try decode("segmentation.two-type-summary", "{\"valuations\": [[\"3/4\", 1], [1, 2]]}")
        let table = try Runner(registry: registry, out: { _ in }, err: { _ in }, showProgress: false).compute(s)
        XCTAssertEqual(table.rows[0][table.columnIndex("not_improvable_markets")!], .text("{3/4}"))
        XCTAssertEqual(table.rows[0][table.columnIndex("breakpoints")!], .text("1/4, 3/4"))
    }
}
