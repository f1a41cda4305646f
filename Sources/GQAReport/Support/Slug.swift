/// Identifiers for ids and file names made from untrusted labels: lower-case letters, digits
/// and single dashes only ("H=(8,1)" → "h-8-1").
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "x" : out
    }
}
