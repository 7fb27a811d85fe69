import Numerics

/// Invalid input to a class-pricing solver. `parameter` names the offending
/// key ("costs", "K", "r", "B", "gamma", "distribution", "epsilon", …) and
/// `expectation` states what was required.
public struct ClassPricingError: Error, CustomStringConvertible, Equatable {
    /// The offending parameter name.
    public let parameter: String
    /// What the parameter must satisfy.
    public let expectation: String
    /// The value received (rendered as text).
    public let received: String

    /// Creates an error naming `parameter`.
    public init(parameter: String, expectation: String, received: String) {
        self.parameter = parameter; self.expectation = expectation; self.received = received
    }

    public var description: String {
        "invalid \(parameter): expected \(expectation), got \(received)"
    }
}

@inline(__always)
func require(_ condition: Bool, _ parameter: String, _ expectation: String, _ received: @autoclosure () -> String) throws {
    if !condition { throw ClassPricingError(parameter: parameter, expectation: expectation, received: received()) }
}
