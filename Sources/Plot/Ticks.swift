// Tick positions and tick labels.
//
// Tick values are built from decimal strings ("12e-1"), so they are the
// doubles nearest to round decimals (0.6, not 0.6000000000000001) and equal
// the corresponding Swift literals.

import Foundation

/// Tick positions for linear and log axes, and the one number format of tick labels.
public enum Ticks {
    /// "Nice" ticks covering [lo, hi]: the multiples of a step 1, 2 or 5 ×
    /// 10^e that lie in the range, the step chosen so that the number of
    /// ticks is closest to `target` (ties: the larger step). [0, 1] gives
    /// 0, 0.2, …, 1; [−3.7, 12.2] gives −2, 0, …, 12. Returns [lo] when
    /// lo == hi and [] when the range is empty or not finite.
    public static func linear(_ lo: Double, _ hi: Double, target: Int = 6) -> [Double] {
        guard lo.isFinite, hi.isFinite, lo <= hi else { return [] }
        guard lo < hi else { return [lo] }
        let target = max(target, 2)
        let span = (hi - lo) / Double(target)
        // An overflowing or vanishing span has no decimal step: the ends only.
        guard span.isFinite, span > 0, span.isNormal else { return [lo, hi] }
        let e0 = Int(Foundation.log10(span).rounded(.down))
        var best: (mantissa: Int, exponent: Int, first: Int, count: Int)?
        // Candidate steps in increasing order, so `<=` prefers the larger step on a tie.
        for e in (e0 - 1)...(e0 + 1) {
            for m in [1, 2, 5] {
                let step = decimal(m, e)
                let first = (lo / step - tolerance(lo / step)).rounded(.up), last = (hi / step + tolerance(hi / step)).rounded(.down)
                guard first.magnitude < 1e15, last.magnitude < 1e15, last > first else { continue }
                let count = Int(last - first) + 1
                if best == nil || abs(count - target) <= abs(best!.count - target) {
                    best = (m, e, Int(first), count)
                }
            }
        }
        guard let best else { return [lo, hi] }
        return (0..<best.count).map { decimal((best.first + $0) * best.mantissa, best.exponent) }
    }

    /// Major ticks of a log axis over [lo, hi] (lo > 0): the powers of 10 in
    /// the range; when it spans under 2 decades also 2·10^k and 5·10^k; when
    /// it has more than 10 powers, only every k-th (exponents divisible by
    /// k, at most 10 ticks). 5 … 10⁶ gives 10, 100, …, 10⁶. When that leaves
    /// fewer than 2 ticks (e.g. 1.1 … 1.9) the linear ticks of the range.
    public static func log(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi.isFinite, lo <= hi else { return [] }
        let a = Int((Foundation.log10(lo) - 1e-9).rounded(.up)), b = Int((Foundation.log10(hi) + 1e-9).rounded(.down))
        let ticks: [Double]
        if Foundation.log10(hi) - Foundation.log10(lo) < 2 {
            ticks = a - 1 <= b ? ((a - 1)...b).flatMap { k in [1, 2, 5].map { decimal($0, k) } }.filter { inside($0, lo, hi) } : []
        } else {
            let stride = max(1, (b - a + 1 + 9) / 10)
            ticks = (a...b).filter { $0 % stride == 0 }.map { decimal(1, $0) }
        }
        return ticks.count >= 2 ? ticks : linear(lo, hi).filter { $0 > 0 }
    }

    /// Minor (unlabelled) ticks of a log axis: the values d·10^k, d = 2…9,
    /// in [lo, hi] that `log(lo, hi)` does not return; none when the range
    /// spans more than 10 decades.
    public static func logMinor(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi.isFinite, lo < hi else { return [] }
        let a = Int(Foundation.log10(lo).rounded(.down)), b = Int(Foundation.log10(hi).rounded(.down))
        guard b - a <= 10 else { return [] }
        let major = Set(log(lo, hi))
        return (a...b).flatMap { k in (2...9).map { decimal($0, k) } }.filter { inside($0, lo, hi) && !major.contains($0) }
    }

    /// The tick-label form of a number, rounded to 12 significant digits and
    /// written in its shortest form: plain decimals for 0.001 ≤ |v| < 10⁴
    /// ("0.25", "-3", "1000"), otherwise m×10ⁿ with a superscript exponent,
    /// the mantissa omitted when it is 1 ("10⁴", "2.5×10⁻⁶", "10⁻⁶").
    public static func label(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        guard v != 0 else { return "0" }
        // "%.11e" is locale-independent here (no locale given): "-1.23400000000e+05".
        let formatted = String(format: "%.11e", v.magnitude)
        let parts = formatted.split(separator: "e")
        let exponent = Int(parts[1])!
        var digits = parts[0].filter { $0 != "." }
        while digits.count > 1 && digits.last == "0" { digits.removeLast() }
        let sign = v < 0 ? "-" : ""
        if (-3...3).contains(exponent) {
            if exponent < 0 { return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits }
            let whole = String(digits.prefix(exponent + 1)).padding(toLength: exponent + 1, withPad: "0", startingAt: 0)
            let fraction = digits.dropFirst(exponent + 1)
            return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
        }
        let mantissa = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        return sign + (mantissa == "1" ? "" : mantissa + "×") + "10" + superscript(exponent)
    }

    /// m·10^e as the double nearest to that decimal.
    static func decimal(_ m: Int, _ e: Int) -> Double { Double("\(m)e\(e)")! }

    /// Slack for rounding a quotient to a whole number of steps: a bound
    /// within a billionth of a step (plus relative rounding) of a multiple
    /// of the step counts as that multiple.
    static func tolerance(_ quotient: Double) -> Double { 1e-9 + quotient.magnitude * 1e-12 }

    /// Whether v lies in [lo, hi], allowing for rounding of the bounds.
    static func inside(_ v: Double, _ lo: Double, _ hi: Double) -> Bool {
        v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(n.magnitude).map { digits[Int(String($0))!] })
    }
}
