/// `Results/tables/claims.xml`: every claim with the computed value, the paper's value, their
/// difference, the tolerance, the verdict, and the data and details behind it.
public enum ClaimsTable {
    public static let fileName = "claims.xml"
    public static let schemaName = "claims.xsd"

    public static func xml(_ claims: [ClaimResult], claimsFile: InputFile?) -> String {
        var x = XMLBuilder()
        x.open("claims", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "count": NumberFormat.integer(claims.count),
            "holds": NumberFormat.integer(claims.filter { $0.verdict == .holds }.count),
            "fails": NumberFormat.integer(claims.filter { $0.verdict == .fails }.count),
            "notDecided": NumberFormat.integer(claims.filter { $0.verdict == .notDecided }.count),
            "cannotBeChecked": NumberFormat.integer(claims.filter { $0.verdict == .cannotBeChecked }.count),
            "declaredIn": claimsFile?.path, "declarationsSha256": claimsFile?.sha256,
        ])
        for claim in claims {
            let d = claim.declaration, e = d.expectation
            x.open("claim", ["id": d.id, "verdict": claim.verdict.rawValue, "required": d.required ? "true" : "false",
                             "sourceSetting": claim.sourceChoice.rawValue, "decidedBy": claim.decidedBy?.rawValue,
                             "sweep": claim.sweep])
            x.text("statement", d.statement)
            x.text("source", d.source)
            x.empty("computation", ["name": d.computation.name, "basis": claim.computed.basis])
            x.empty("comparison", [
                "computed": claim.computed.value.map(NumberFormat.real),
                "paper": NumberFormat.real(e.value),
                "difference": claim.difference.map(NumberFormat.real),
                "relation": e.relation.rawValue,
                "tolerance": NumberFormat.real(e.tolerance),
                "unit": e.unit,
            ])
            let u = claim.uncertainty
            x.text("uncertainty", u.note, [
                "method": u.method.rawValue,
                "lower": u.interval.map { NumberFormat.real($0.lowerBound) }, "upper": u.interval.map { NumberFormat.real($0.upperBound) },
                "replicates": u.method == .none ? nil : NumberFormat.integer(u.replicates),
                "failedReplicates": u.method == .none ? nil : NumberFormat.integer(u.failedReplicates),
                "systematic": u.systematic?.label,
                "systematicLower": u.systematic.map { NumberFormat.real($0.range.lowerBound) },
                "systematicUpper": u.systematic.map { NumberFormat.real($0.range.upperBound) },
            ])
            x.text("verdictReason", claim.verdictReason)
            if let missing = claim.computed.missing { x.text("missing", missing) }
            if let other = claim.alternative {
                x.text("alternative", other.computed.missing ?? "", [
                    "source": other.source.rawValue, "computed": other.computed.value.map(NumberFormat.real),
                    "lower": other.uncertainty.interval.map { NumberFormat.real($0.lowerBound) },
                    "upper": other.uncertainty.interval.map { NumberFormat.real($0.upperBound) },
                    "verdict": other.verdict.rawValue, "basis": other.computed.basis,
                ])
            }
            for reading in claim.computed.readings {
                x.empty("reading", ["label": reading.label, "value": NumberFormat.real(reading.value), "convention": reading.convention])
            }
            for detail in claim.computed.details { x.text("detail", detail) }
            x.close()
        }
        x.close()
        return x.document
    }

}
