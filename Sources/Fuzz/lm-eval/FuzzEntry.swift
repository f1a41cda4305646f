import Foundation
import FuzzTargets

// libFuzzer target for the "lm-eval" parser. Built for fuzzing with
//   swift build -c release --product fuzz-lm-eval -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
// (Fuzz/run.sh does it); built normally it replays the files or folders given as arguments.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzTargets.all["lm-eval"]!(Data(bytes: start, count: count))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() {
        exit(FuzzTargets.replay("lm-eval", paths: Array(CommandLine.arguments.dropFirst())))
    }
}
#endif
