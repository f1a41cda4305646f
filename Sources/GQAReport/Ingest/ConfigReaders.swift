import Foundation

/// Reads the authors' `model_config.json` (their `GPTConfig`, dumped with sorted keys).
enum ModelConfigReader {
    /// Keys whose value shapes the costs: a near-miss of one of these is an error.
    static let readKeys = [
        "n_layer", "d_model", "n_head", "n_kv_head", "dim_k", "dim_v", "vocab_size", "tie_emb",
        "ffn_is_gated", "ffn_d_mid",
    ]
    /// Other `GPTConfig` fields, recognised and not used.
    static let otherKeys = [
        "max_len", "initializer_range", "use_cce_loss", "att_q_norm", "att_k_norm", "att_tie_kv",
        "att_window_size", "attn_bias", "attn_output_bias", "pos_emb_type", "rope_theta",
        "ffn_bias", "ffn_per_layer", "ffn_act_fn", "norm_eps", "dropout", "use_rope",
    ]

    static func read(_ data: Data, path: String) throws -> ModelConfig {
        try read(try JSONValue.parse(data, path: path), path: path)
    }

    static func read(_ value: JSONValue, path: String) throws -> ModelConfig {
        let fields = try JSONFields(value, path: path)
        try fields.rejectMisspellings(of: readKeys, recognised: readKeys + otherKeys)
        let config = ModelConfig(
            layers: try fields.requiredPositiveInteger("n_layer"),
            hiddenSize: try fields.requiredPositiveInteger("d_model"),
            queryHeads: try fields.requiredPositiveInteger("n_head"),
            kvHeads: try fields.requiredPositiveInteger("n_kv_head"),
            keyHeadSize: try fields.positiveInteger("dim_k") ?? 64,
            valueHeadSize: try fields.positiveInteger("dim_v") ?? 64,
            vocabularySize: try fields.requiredPositiveInteger("vocab_size"),
            tiedEmbeddings: try fields.flag("tie_emb") ?? false,
            gatedFFN: try fields.flag("ffn_is_gated") ?? true,
            ffnInnerSizeOverride: try fields.positiveInteger("ffn_d_mid")
        )
        try checkGrouping(config, path: path)
        return config
    }

    /// Grouped-query attention shares each KV head among a whole number of query heads.
    static func checkGrouping(_ config: ModelConfig, path: String, heads: String = "n_head", kvHeads: String = "n_kv_head") throws {
        guard config.queryHeads % config.kvHeads == 0 else {
            throw ReportError(
                path: path,
                "\(heads) (\(config.queryHeads)) must be a multiple of \(kvHeads) (\(config.kvHeads)): "
                    + "grouped-query attention shares each KV head among a whole number of query heads")
        }
    }
}

/// Reads the `args.json` that the authors' `train.py` writes (all training arguments).
enum TrainingConfigReader {
    static let readKeys = [
        "max_len", "batch_size", "grad_accum_steps", "n_train_steps", "n_gpus", "lr_scheduler",
        "lr", "min_lr", "n_warmup_steps", "n_drop_steps", "train_config", "model_config", "seed",
    ]
    static let otherKeys = [
        "pretrained_path", "resume_path", "resume_step", "model_name", "exp_group", "comment",
        "use_cu_seqlens", "tok_path", "output_dir", "eval_interval", "log_interval", "save_interval",
        "eval_iters", "eval_only", "always_save_checkpoint", "init_from", "report_to", "proj_name",
        "run_name", "n_workers", "data_name", "data_path", "validation_data_path",
        "validation_data_name", "n_eval_batches", "is_seq2seq", "weight_decay", "beta1", "beta2",
        "grad_clip", "backend", "device", "machine_rank", "n_machines", "master_ip", "master_port",
        "use_deepspeed", "use_cp", "use_ulysses_attn", "dtype", "compile", "grad_ckpt",
        "use_cce_loss", "shift_labels_in_model", "cce_loss_impl", "reproducibility",
    ]

    static func read(_ data: Data, path: String) throws -> TrainingConfig {
        try read(try JSONValue.parse(data, path: path), path: path)
    }

    static func read(_ value: JSONValue, path: String) throws -> TrainingConfig {
        let fields = try JSONFields(value, path: path)
        try fields.rejectMisspellings(of: readKeys, recognised: readKeys + otherKeys)
        return TrainingConfig(
            contextLength: try fields.requiredPositiveInteger("max_len"),
            batchSize: try fields.requiredPositiveInteger("batch_size"),
            gradientAccumulationSteps: try fields.positiveInteger("grad_accum_steps") ?? 1,
            trainSteps: try fields.requiredPositiveInteger("n_train_steps"),
            gpus: try fields.positiveInteger("n_gpus"),
            schedule: try fields.string("lr_scheduler"),
            learningRate: try fields.real("lr"),
            minimumLearningRate: try fields.real("min_lr"),
            warmupSteps: try fields.integer("n_warmup_steps"),
            decaySteps: try fields.integer("n_drop_steps"),
            trainConfigName: try fields.string("train_config"),
            modelConfigName: try fields.string("model_config"),
            seed: try fields.integer("seed")
        )
    }
}
