// Deterministic text renderings of the model's objects for table cells.

import Numerics
import Segmentation

/// An allocation as the alternative it gives, or the lottery over alternatives.
func describe(_ x: [Rational], _ env: Environment) -> String {
    let names = ["0"] + env.alternativeNames
    let support = x.indices.filter { x[$0] != .zero }
    if support.count == 1 { return names[support[0]] }
    return "{" + support.map { "\(names[$0]): \(x[$0])" }.joined(separator: ", ") + "}"
}

/// "t_L: a_L at 3/4; t_H: a_H at 7/4" (gross prices).
func describeMechanism(_ m: Mechanism) -> String {
    m.support.map { t in "\(m.environment.typeNames[t]): \(describe(m.allocation[t]!, m.environment)) at \(m.grossPrice(t)!)" }.joined(separator: "; ")
}

/// "(1/2, -, 3)" (nil as "-").
func describeVector(_ v: [Rational?]) -> String {
    "(" + v.map { $0?.description ?? "-" }.joined(separator: ", ") + ")"
}

/// Type names, or "none".
func describeTypes(_ ts: [Int], _ env: Environment) -> String {
    ts.isEmpty ? "none" : ts.map { env.typeNames[$0] }.joined(separator: ", ")
}

/// "1/2 × (1/4, 3/4) + 1/2 × (3/4, 1/4)".
func describeSegmentation(_ s: MarketSegmentation) -> String {
    s.segments.map { "\($0.weight) × \($0.market)" }.joined(separator: " + ")
}

/// Interval notation for the pieces of a class: "[0, 1/4] ∪ {1}".
func describeIntervals(_ intervals: [(lower: Rational, upper: Rational, lowerClosed: Bool, upperClosed: Bool, marketClass: MarketClass)], _ c: MarketClass) -> String {
    let parts = intervals.filter { $0.marketClass == c }.map { i -> String in
        if i.lower == i.upper { return "{\(i.lower)}" }
        return (i.lowerClosed ? "[" : "(") + "\(i.lower), \(i.upper)" + (i.upperClosed ? "]" : ")")
    }
    return parts.isEmpty ? "none" : parts.joined(separator: " ∪ ")
}
