import FuzzTargets

// The libFuzzer target of the "wandb" parser; see FuzzTargets.main and Sources/Fuzz/run.sh.
@main
struct FuzzEntry {
    static func main() {
        FuzzTargets.main("wandb")
    }
}
