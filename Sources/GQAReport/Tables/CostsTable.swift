/// `Results/tables/costs.xml`: one row a run × context length, with memory and FLOPs split
/// into time-invariant and time-variant parts under each cost convention, and Z.
public enum CostsTable {
    public static let fileName = "costs.xml"
    public static let schemaName = "costs.xsd"

    public static func xml(runs: [Run], costs: [RunCosts], options: BuildOptions) -> String {
        var x = XMLBuilder()
        x.open("costs", [
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "../schemas/\(schemaName)",
            "parameterConvention": options.parameterConvention.rawValue,
            "bytesPerValue": NumberFormat.real(options.bytesPerValue),
        ])
        x.open("conventions")
        for convention in options.conventions {
            x.empty("convention", [
                "id": convention.id, "memoryUnit": convention.memoryUnit,
                "flopsUnit": convention.flopsUnit, "summary": convention.summary,
            ])
        }
        x.close()
        let h = options.hardwareCost
        x.empty("hardwareCost", [
            "lambda": NumberFormat.real(h.lambda), "alpha": NumberFormat.real(h.alpha),
            "beta": NumberFormat.real(h.beta), "convention": options.zConvention.id,
        ])
        for (run, cost) in zip(runs, costs) {
            for row in cost.contexts {
                x.open("row", [
                    "run": run.name,
                    "queryHeads": NumberFormat.integer(run.model.queryHeads),
                    "kvHeads": NumberFormat.integer(run.model.kvHeads),
                    "n": NumberFormat.real(cost.n),
                    "context": NumberFormat.integer(row.context),
                    "z": NumberFormat.real(row.z),
                ])
                for (convention, c) in row.byConvention {
                    x.empty("cost", [
                        "convention": convention.id,
                        "memoryInvariant": NumberFormat.real(c.memoryInvariant),
                        "memoryVariant": NumberFormat.real(c.memoryVariant),
                        "flopsInvariant": NumberFormat.real(c.flopsInvariant),
                        "flopsVariant": NumberFormat.real(c.flopsVariant),
                    ])
                }
                x.close()
            }
        }
        x.close()
        return x.document
    }
}
