import FuzzTargets

// The libFuzzer target of the "lm-eval" parser; see FuzzTargets.main and Sources/Fuzz/run.sh.
@main
struct FuzzEntry {
    static func main() {
        FuzzTargets.main("lm-eval")
    }
}
