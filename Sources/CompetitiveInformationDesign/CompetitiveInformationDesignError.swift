// Errors raised by the solvers of Bergemann, Brooks and Morris, "On the
// Alignment of Consumer Surplus and Total Surplus under Competitive Price
// Discrimination" (AEJ: Micro).

/// Invalid input to a competitive-information-design solver. The message
/// names the offending parameter (e.g. "profiles", "probabilities", "costs",
/// "b", "B", "prior") and states what was expected.
public struct CompetitiveInformationDesignError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The offending parameter.
    public let parameter: String
    /// What was wrong and what was expected.
    public let detail: String

    /// Creates the error for `parameter` with an explanation. O(1).
    public init(parameter: String, _ detail: String) {
        self.parameter = parameter
        self.detail = detail
    }

    /// "invalid <parameter>: <detail>".
    public var description: String { "invalid \(parameter): \(detail)" }
}
