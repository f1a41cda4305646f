/// A run's configuration from a flat list of logged values that uses the authors' key names
/// (`model_config.json`'s n_layer, d_model, n_head, n_kv_head, vocab_size, …, and `args.json`'s
/// max_len, batch_size, n_train_steps, n_gpus): what a Lightning `hparams.yaml` or MLflow's
/// `params/` hold when a trainer logged them. Such a trainer is not the authors': a missing GPU
/// count stays unknown.
enum AuthorsKeys {
    static let model = ["n_layer", "d_model", "n_head", "n_kv_head", "vocab_size"]

    /// nil when a model key is missing; `path` names the values in errors.
    static func configuration(_ values: [String: JSONValue], path: String) throws -> (model: ModelConfig, training: TrainingConfig)? {
        guard model.allSatisfy({ values[$0] != nil }) else { return nil }
        let modelConfig = try ModelConfigReader.read(.object(values.filter { (ModelConfigReader.readKeys + ModelConfigReader.otherKeys).contains($0.key) }), path: path)
        let fields = try JSONFields(.object(values), path: path)
        var training = TrainingConfig(contextLength: try fields.positiveInteger("max_len"), batchSize: try fields.positiveInteger("batch_size"),
                                      trainSteps: try fields.positiveInteger("n_train_steps"), gpus: try fields.positiveInteger("n_gpus"))
        training.authorsSetup = false
        return (modelConfig, training)
    }

    /// "n_layer, d_model, n_head, n_kv_head, vocab_size", for messages.
    static var listed: String { model.joined(separator: ", ") }
}
