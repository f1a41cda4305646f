/// Which data decides a claim (and the curves `report recommend` searches): set per claim in
/// `Results/claims.xml` (`source="…"`) or for a whole build with `--source`.
public enum SourceChoice: String, Sendable, CaseIterable, Codable {
    /// The runs when they cover what the claim needs, otherwise the digitized points.
    case auto
    /// The user's runs (examples excepted), whatever they cover.
    case runs
    /// The points digitized from the paper's figures.
    case digitized
}
