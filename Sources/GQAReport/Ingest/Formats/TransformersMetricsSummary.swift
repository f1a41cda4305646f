/// `all_results.json`, `train_results.json`, `eval_results.json`: what `Trainer.save_metrics`
/// writes at the end of a run (the mean training loss, the last evaluation). A summary, never
/// a history: the run's history is its `trainer_state.json`, read with its output_dir.
enum TransformersMetricsSummary {
    static let fileNames: Set<String> = ["all_results.json", "train_results.json", "eval_results.json"]
    static let formatName = "Transformers metrics summary (Trainer.save_metrics)"
    static let advice = "a summary of the run, not its history: give report the run's output_dir (with --runs), whose trainer_state.json holds every logged and evaluated step"

    static func recognises(_ head: FileHead) -> Bool {
        fileNames.contains { head.name.hasSuffix($0) } && head.startsWithJSONObject
    }
}
