/// One stage of the build. The pipeline is the list in `BuildPipeline.standard`: a reader sees
/// the whole build there, and each step can be run and tested alone.
public protocol BuildStep: Sendable {
    /// Shown in progress output.
    var name: String { get }
    func run(_ context: inout BuildContext) throws
}
