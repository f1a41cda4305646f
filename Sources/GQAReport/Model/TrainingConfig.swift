/// The training arguments of a run, from the `args.json` the authors' `train.py` writes, or
/// what another trainer's files say of them. nil where a trainer's files do not say (a
/// Transformers `Trainer` records no sequence length): unknown, never guessed.
public struct TrainingConfig: Equatable, Sendable, Codable {
    /// `max_len`: training context length in tokens.
    public var contextLength: Int?
    /// `batch_size`: sequences per GPU per micro-step.
    public var batchSize: Int?
    /// `grad_accum_steps`: micro-steps per optimiser step (default 1).
    public var gradientAccumulationSteps: Int
    /// `n_train_steps`: optimiser steps planned.
    public var trainSteps: Int?
    /// `n_gpus`: data-parallel processes, when the file records it.
    public var gpus: Int?
    /// `lr_scheduler`, e.g. "wsd".
    public var schedule: String?
    /// `lr`, `min_lr`: maximum and final learning rate.
    public var learningRate: Double?
    public var minimumLearningRate: Double?
    /// `n_warmup_steps`, `n_drop_steps`: the WSD schedule's warm-up and decay lengths.
    public var warmupSteps: Int?
    public var decaySteps: Int?
    /// `train_config`, `model_config`: the config files the run was started with.
    public var trainConfigName: String?
    public var modelConfigName: String?
    /// `seed`
    public var seed: Int?

    /// GPUs assumed when `args.json` does not say: the authors trained on 8 (spec §4).
    public static let assumedGPUs = 8
    /// Whether a missing GPU count may be taken as the authors' 8: true for the authors' own
    /// trainer, false for any other (their GPU count is unknown, never guessed).
    public var authorsSetup = true

    /// The data-parallel processes: as recorded, else the authors' 8 for their own trainer.
    public var effectiveGPUs: Int? { gpus ?? (authorsSetup ? Self.assumedGPUs : nil) }

    public init(
        contextLength: Int?, batchSize: Int?, gradientAccumulationSteps: Int = 1, trainSteps: Int?,
        gpus: Int? = nil, schedule: String? = nil, learningRate: Double? = nil,
        minimumLearningRate: Double? = nil, warmupSteps: Int? = nil, decaySteps: Int? = nil,
        trainConfigName: String? = nil, modelConfigName: String? = nil, seed: Int? = nil
    ) {
        self.contextLength = contextLength
        self.batchSize = batchSize
        self.gradientAccumulationSteps = gradientAccumulationSteps
        self.trainSteps = trainSteps
        self.gpus = gpus
        self.schedule = schedule
        self.learningRate = learningRate
        self.minimumLearningRate = minimumLearningRate
        self.warmupSteps = warmupSteps
        self.decaySteps = decaySteps
        self.trainConfigName = trainConfigName
        self.modelConfigName = modelConfigName
        self.seed = seed
    }

    /// Tokens per optimiser step: GPUs × accumulation × batch × context (524,288 in the study);
    /// nil when the batch or the context is unknown.
    public var tokensPerStep: Int? {
        guard let batchSize, let contextLength, let gpus = effectiveGPUs else { return nil }
        return gpus * gradientAccumulationSteps * batchSize * contextLength
    }

    /// Tokens the configuration plans to train on; nil when any factor is unknown.
    public var plannedTokens: Int? {
        guard let tokensPerStep, let trainSteps else { return nil }
        return tokensPerStep * trainSteps
    }
}
