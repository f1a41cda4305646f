import Foundation
import FuzzTargets

// libFuzzer target for the "lm-eval" parser. Built for fuzzing with
//   swift build -c release --product fuzz-lm-eval -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
//     -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
// (Sources/Fuzz/run.sh does it), it hands the parser to libFuzzer's driver; built normally it
// replays the files or folders given as arguments.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
struct FuzzEntry {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { bytes, count in
            FuzzTargets.all["lm-eval"]!(bytes.map { Data(bytes: $0, count: count) } ?? Data())
            return 0
        })
        #else
        exit(FuzzTargets.replay("lm-eval", paths: Array(CommandLine.arguments.dropFirst())))
        #endif
    }
}
