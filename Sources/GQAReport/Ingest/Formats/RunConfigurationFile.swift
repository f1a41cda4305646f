/// A trainer's configuration file met on its own (`report inspect FILE`): not a log, but read
/// with the run folder that holds it, which `report inspect FOLDER` shows. Named so the
/// refusal says that, instead of listing log formats to export.
enum RunConfigurationFile {
    /// File name → what writes it.
    static let known: [String: String] = [
        "hparams.yaml": "Lightning's save_hyperparameters()",
        "meta.yaml": "MLflow's file store (a run's or an experiment's metadata)",
        "args.json": "the authors' train.py (training arguments)",
        "model_config.json": "the authors' train.py (the model)",
        "config.yaml": "W&B (a run's configuration)",
        "generation_config.json": "Transformers' save_pretrained (generation defaults)",
    ]

    static func recognises(_ head: FileHead) -> Bool { known[head.name] != nil }

    static func refusal(_ head: FileHead) -> LogFormatDetection {
        .refused(format: "run configuration file written by \(known[head.name] ?? "a trainer")",
                 advice: "it is read with the run folder that holds it: run report inspect on that folder")
    }
}
