// `fuzz`: runs the fuzzer (Sources/Fuzzing) against a built `replicate`;
// `make fuzz N=… SEED=…` and the seeded batch of `make test` call it.

import Foundation
import Fuzzing

do {
    let options = try FuzzOptions.parse(Array(CommandLine.arguments.dropFirst()))
    guard FileManager.default.isExecutableFile(atPath: options.replicate) else { throw FuzzError(message: "no executable at --replicate \(options.replicate)") }
    exit(try Fuzzer(options).run())
} catch {
    FileHandle.standardError.write("fuzz: error: \(error)\n\(FuzzOptions.usage)\n".data(using: .utf8)!)
    exit(2)
}
