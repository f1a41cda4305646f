/// The W&B web UI's runs-table export (`"Name","State","Notes",…`, then config and summary
/// columns): one row per run, no history. Recognised so the refusal can say what to export.
enum WandbRunsTableExport {
    static let formatName = "W&B runs-table export (web UI, Runs → Export CSV)"
    static let advice = "it holds one summary row per run and no training curve. Export each run's history instead: a chart's 'Export CSV' (one column per run), run.history().to_csv(), or the run folder wandb/run-*/files/"

    static func recognises(_ head: FileHead) -> Bool {
        guard let header = head.csvHeader, header.count >= 2 else { return false }
        return header[0] == "Name" && header[1] == "State"
    }
}
