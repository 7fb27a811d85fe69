import XCTest
import Numerics

/// Runs `body`, requiring it to throw a `NumericsError` accepted by `matches`.
func assertNumericsError<T>(
    _ body: @autoclosure () throws -> T,
    _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line,
    matches: (NumericsError) -> Bool
) {
    do {
        let value = try body()
        XCTFail("expected a NumericsError, got \(value). \(message)", file: file, line: line)
    } catch let error as NumericsError {
        XCTAssertTrue(matches(error), "unexpected error: \(error). \(message)", file: file, line: line)
    } catch {
        XCTFail("expected a NumericsError, got \(error). \(message)", file: file, line: line)
    }
}
