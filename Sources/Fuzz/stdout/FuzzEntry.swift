import Foundation
import FuzzTargets

// libFuzzer target for the "stdout" parser. Built for fuzzing with
//   swift build -c release --product fuzz-stdout -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
// (Fuzz/run.sh does it); built normally it replays the files or folders given as arguments.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzTargets.all["stdout"]!(Data(bytes: start, count: count))
    return 0
}

#if !FUZZING
@main
struct Replay {
    static func main() {
        exit(FuzzTargets.replay("stdout", paths: Array(CommandLine.arguments.dropFirst())))
    }
}
#endif
