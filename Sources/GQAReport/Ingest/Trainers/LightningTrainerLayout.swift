import Foundation
import Yams

/// PyTorch Lightning with its `CSVLogger` (or `TensorBoardLogger`): a run is a
/// `lightning_logs/version_<n>/` folder holding `hparams.yaml` (`save_hyperparameters()`)
/// beside `metrics.csv` or event files. Its name is `<parent>/version_<n>`, as versions repeat
/// across experiments. The model comes from `hparams.yaml` when it holds the authors' model
/// keys (n_layer, d_model, n_head, n_kv_head, vocab_size); Lightning fixes no names, so
/// otherwise the run is listed with its losses and no configuration.
public struct LightningTrainerLayout: TrainerLayout {
    static let hparamsFile = "hparams.yaml"

    public init() {}

    public var name: String { "Lightning" }

    /// `hparams.yaml` beside `metrics.csv` (CSVLogger); a `version_<n>` folder with
    /// `hparams.yaml` (TensorBoardLogger, whose event files lie beside it).
    public func isRun(_ folder: FolderContents) -> Bool {
        folder.files.contains(Self.hparamsFile)
            && (folder.files.contains(LightningMetricsCSVReader.fileName) || folder.url.lastPathComponent.hasPrefix("version_"))
    }

    public func runName(of folder: URL, layout: ProjectLayout) throws -> (name: String, data: Data) {
        (folder.deletingLastPathComponent().lastPathComponent + "/" + folder.lastPathComponent, Data())
    }

    public func configurationFiles(of folder: URL) -> [URL] {
        [folder.appendingPathComponent(Self.hparamsFile)]
    }

    public func configuration(of sources: RunSources, layout: ProjectLayout, provenance: inout [InputFile]) throws -> RunConfiguration {
        let (data, file) = try layout.read(sources.directory.appendingPathComponent(Self.hparamsFile))
        provenance.append(file)
        return try Self.configuration(hparams: data, file: file)
    }

    /// The run's configuration from the bytes of its `hparams.yaml`.
    static func configuration(hparams data: Data, file: InputFile) throws -> RunConfiguration {
        let loaded: Any?
        do {
            loaded = try YAMLDocument.load(String(decoding: data, as: UTF8.self))
        } catch {
            // save_hyperparameters() of a Python object writes `!!python/object:` tags, which a safe loader refuses.
            throw MissingConfiguration(reason: "\(file.path) is not plain YAML (\(String(describing: error).prefix(120))), so the model is unknown")
        }
        let values = (loaded as? [String: Any] ?? [:]).mapValues(JSONValue.init(yaml:))
        guard let (model, training) = try AuthorsKeys.configuration(values, path: file.path) else {
            throw MissingConfiguration(reason: "\(file.path) holds no model configuration (\(AuthorsKeys.listed)), so the model is unknown: pass them to save_hyperparameters(), or declare the run in a runs table")
        }
        return RunConfiguration(model: model, training: training, source: "\(file.path) (Lightning hyperparameters)")
    }
}

/// A run whose files hold its metrics and no model configuration: it is listed with its final
/// loss (`RunWithoutConfiguration`) and left out of costs, fits and claims.
public struct MissingConfiguration: Error, Sendable {
    public var reason: String
}
