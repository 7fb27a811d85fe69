import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Plot

/// An SVG document parsed with Foundation's XMLParser: every element with
/// its attributes, text and the attributes of its enclosing elements.
struct SVGDocument {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        /// The attributes of the enclosing elements, outermost first.
        let ancestors: [[String: String]]

        /// The `data-series` of the nearest enclosing series group.
        var series: Int? { ancestors.reversed().lazy.compactMap { $0["data-series"].flatMap(Int.init) }.first }
        /// The `class` of the nearest enclosing group that has one.
        var groupClass: String? { ancestors.reversed().lazy.compactMap { $0["class"] }.first }

        func number(_ key: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
            guard let text = attributes[key], let v = Double(text) else {
                XCTFail("\(name) has no numeric \(key): \(attributes)", file: file, line: line)
                return .nan
            }
            return v
        }
    }

    let elements: [Element]

    /// Parses `svg`; throws with the parser's message when it is not well-formed XML.
    init(_ svg: String) throws {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw NSError(domain: "SVGDocument", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"])
        }
        elements = collector.elements
    }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    /// The plot rectangle as drawn.
    var plotArea: (left: Double, top: Double, width: Double, height: Double) {
        let r = all("rect", class: "plot-area")[0]
        return (r.number("x"), r.number("y"), r.number("width"), r.number("height"))
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, text: "", ancestors: open.map { elements[$0].attributes }))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }
    }
}

/// The data coordinates of a circle's centre, recovered from the frame.
func dataPoint(_ e: SVGDocument.Element, _ f: Frame) -> (x: Double, y: Double) {
    (f.xRange.lowerBound + (e.number("cx") - f.left) / f.width * (f.xRange.upperBound - f.xRange.lowerBound),
     f.yRange.lowerBound + (f.bottom - e.number("cy")) / f.height * (f.yRange.upperBound - f.yRange.lowerBound))
}

func assertPoints(_ actual: [(x: Double, y: Double)], _ expected: [(Double, Double)], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(actual)", file: file, line: line)
    for (a, e) in zip(actual, expected) {
        // 0.01 px is under 0.001 data units on these ranges.
        XCTAssertEqual(a.x, e.0, accuracy: 1e-3, file: file, line: line)
        XCTAssertEqual(a.y, e.1, accuracy: 1e-3, file: file, line: line)
    }
}
