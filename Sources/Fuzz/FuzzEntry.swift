import FuzzTargets

// The one libFuzzer binary: GQA_FUZZ_TARGET names the parser; see FuzzTargets.main and Sources/Fuzz/run.sh.
@main
struct FuzzEntry {
    static func main() {
        FuzzTargets.main()
    }
}
