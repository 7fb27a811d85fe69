import Harness

/// Invalid input to a competitive-screening solver. `parameter` is a key path
/// ("own", "own.densities[2]", "rho", "cells", …) and `expectation` states
/// what was required.
public struct CompetitiveScreeningError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The offending parameter (a key path inside the spec's parameters).
    public let parameter: String
    /// What the parameter must satisfy.
    public let expectation: String
    /// The value received (rendered as text).
    public let received: String

    public init(parameter: String, expectation: String, received: String) {
        self.parameter = parameter; self.expectation = expectation; self.received = received
    }

    public var description: String { "invalid \(parameter): expected \(expectation), got \(received)" }

    /// The same error with its key path under `prefix` ("own" + "masses[1]" → "own.masses[1]").
    func under(_ prefix: String) -> CompetitiveScreeningError {
        CompetitiveScreeningError(parameter: parameter.isEmpty ? prefix : prefix + "." + parameter,
                                  expectation: expectation, received: received)
    }

    /// The error as a spec input error (exit status 2) naming the parameter.
    public var inputError: SolverInputError { SolverInputError(parameter: parameter, expected: expectation, found: received) }
}

@inline(__always)
func require(_ condition: Bool, _ parameter: String, _ expectation: String, _ received: @autoclosure () -> String) throws {
    if !condition { throw CompetitiveScreeningError(parameter: parameter, expectation: expectation, received: received()) }
}

/// Runs `body`, turning a CompetitiveScreeningError into a spec input error (exit 2).
func asInput<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as CompetitiveScreeningError { throw e.inputError }
}
