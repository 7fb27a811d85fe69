// Invalid distributions: text that could not be read, or a family's argument
// outside its domain. Models that use the distributions (ho-2026's valuation
// laws, wernerfelt-2008's demand) wrap these in their own error types; spec
// keys are their solver layers' business.

/// Where a text form failed: the text and the 0-based character offset.
public struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let offset: Int

    public init(text: String, offset: Int) { self.text = text; self.offset = offset }

    public var description: String {
        let chars = Array(text)
        return offset < chars.count ? "'\(String(chars[offset...]).prefix(24))' at character \(offset + 1) of \"\(text)\"" : "the end of \"\(text)\""
    }
}

/// The arguments of the distribution families (their names in the text form).
public enum LawArgument: String, Sendable, CaseIterable {
    case upper, slope, a, b, rate, mean, sd, coefficients, knots, densities, values, masses, weights, components, expression
}

/// An invalid distribution.
public indirect enum DistributionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The text form could not be read: `expected` at `position`.
    case syntax(position: TextPosition, expected: String)
    /// An argument of a family outside its domain (`index`: the element of a list argument).
    case argument(family: String, argument: LawArgument, index: Int?, requirement: String, found: String)
    /// An error inside component `index` (0-based) of a mixture.
    case inMixtureComponent(index: Int, DistributionError)

    /// What was required.
    public var expected: String {
        switch self {
        case let .syntax(_, expected): return "\(expected) in the distribution"
        case let .argument(family, argument, index, requirement, _):
            return "\(requirement) (argument \(argument.rawValue)\(index.map { "[\($0)]" } ?? "") of \(family))"
        case let .inMixtureComponent(index, inner): return "\(inner.expected) (component \(index + 1) of the mixture)"
        }
    }

    /// What was received.
    public var found: String {
        switch self {
        case let .syntax(position, _): return position.description
        case let .argument(_, _, _, _, found): return found
        case let .inMixtureComponent(_, inner): return inner.found
        }
    }

    public var description: String { "expected \(expected), found \(found)" }
}

@inline(__always)
func require(_ condition: Bool, _ error: @autoclosure () -> DistributionError) throws {
    if !condition { throw error() }
}
