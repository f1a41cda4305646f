import Foundation

/// `site/downloads/numbers.tex`: the computed numbers as LaTeX macros, so a paper's text takes
/// them from the data (`\input{numbers.tex}`, then `\GQAMemorySaved`) instead of copying them.
/// Per claim: its computed value, the paper's value and the verdict, written exactly as
/// claims.xml writes them; then headline numbers, rounded for prose. Each macro has a comment
/// naming the table and field it comes from.
public enum LaTeXNumbers {
    public static let fileName = "numbers.tex"

    public static func tex(_ claims: [ClaimResult]) throws -> String {
        var lines = [
            "% Numbers of the cost-optimal GQA re-analysis, written by `swift run report`.",
            "% Every value comes from Results/tables/claims.xml of the same build; a claim the data",
            "% cannot decide has \\GQA...Computed = n/a. Use: \\input{numbers.tex}.",
            "",
        ]
        var names: [String: String] = [:]
        func define(_ name: String, _ value: String, from source: String) throws {
            if let earlier = names[name] {
                throw ReportError(path: "Results/claims.xml", "claims '\(earlier)' and '\(source)' give the same LaTeX macro \\\(name); give them ids that differ in their letters or numbers")
            }
            names[name] = source
            lines.append("\\newcommand{\\\(name)}{\(value)} % \(source)")
        }
        for claim in claims {
            let id = claim.declaration.id, stem = "GQAClaim" + macroWord(id)
            let where_ = "Results/tables/claims.xml, claim \(id)"
            lines.append("% \(id): \(oneLine(claim.declaration.statement))")
            try define(stem + "Computed", claim.computed.value.map(NumberFormat.real) ?? "n/a", from: where_ + ", comparison/@computed")
            try define(stem + "Paper", NumberFormat.real(claim.declaration.expectation.value), from: where_ + ", comparison/@paper")
            try define(stem + "Unit", escape(claim.declaration.expectation.unit), from: where_ + ", comparison/@unit")
            try define(stem + "Verdict", claim.verdict.rawValue, from: where_ + ", @verdict")
        }
        lines += ["", "% Headline numbers, rounded for prose."]
        let counts: [(String, Int, String)] = [
            ("GQAClaimsCount", claims.count, "@count"), ("GQAClaimsHold", claims.filter { $0.verdict == .holds }.count, "@holds"),
            ("GQAClaimsFail", claims.filter { $0.verdict == .fails }.count, "@fails"),
            ("GQAClaimsCannotBeChecked", claims.filter { $0.verdict == .cannotBeChecked }.count, "@cannotBeChecked"),
        ]
        for (name, value, field) in counts { try define(name, String(value), from: "Results/tables/claims.xml, claims/\(field)") }
        // The headline savings: the first claim that computes each reduction at equal loss.
        let headlines: [(name: String, computation: String, quantity: String?)] = [
            ("GQAMemorySaved", ReductionAtEqualLoss.name, "memory"), ("GQAFlopsSaved", ReductionAtEqualLoss.name, "flops"),
            ("GQAZSaved", BaselineSuboptimal.name, nil),
        ]
        for headline in headlines {
            guard let claim = claims.first(where: {
                $0.declaration.computation.name == headline.computation
                    && (headline.quantity == nil || $0.declaration.computation.optionalString("quantity") == headline.quantity)
            }) else { continue }
            let value = claim.computed.value.map { String(format: "%.1f\\%%", $0) } ?? "n/a"
            try define(headline.name, value, from: "Results/tables/claims.xml, claim \(claim.declaration.id), comparison/@computed, to 0.1")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A claim id as letters only (TeX macro names cannot hold digits): "C12" → "CTwelve".
    static func macroWord(_ id: String) -> String {
        var out = "", digits = "", capitalise = true
        func flush() {
            guard !digits.isEmpty else { return }
            out += Int(digits).flatMap { $0 < 100 ? spelled($0) : nil } ?? digits.map { spelled(Int(String($0))!) }.joined()
            digits = ""
        }
        for character in id {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character.isASCII, character.isLetter {
                flush()
                out += capitalise ? character.uppercased() : String(character)
                capitalise = false
            } else {
                flush()
                capitalise = true
            }
        }
        flush()
        return out
    }

    private static func spelled(_ n: Int) -> String {
        let ones = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
                    "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"]
        let tens = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
        if n < 20 { return ones[n] }
        return tens[n / 10] + (n % 10 == 0 ? "" : ones[n % 10])
    }

    /// TeX's special characters in a unit ("%", "log2(n_h)", "R²" stays as it is for UTF-8 TeX).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "%", "$", "#", "&", "_", "{", "}": out += "\\\(character)"
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            default: out.append(character)
            }
        }
        return out
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
