/// Okabe–Ito, a palette readable with every common colour-vision deficiency. A head
/// configuration gets the same colour in every figure.
public enum Palette {
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let green = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let purple = Color(hex: 0xCC79A7)
    public static let gray = Color(hex: 0x999999)
    public static let black = Color(hex: 0x000000)

    /// The paper's Figure 2 configurations, and Llama-3 GQA, in fixed colours.
    private static let fixed: [HeadConfiguration: Color] = [
        HeadConfiguration(queryHeads: 8, kvHeads: 8): skyBlue,
        HeadConfiguration(queryHeads: 8, kvHeads: 4): blue,
        HeadConfiguration(queryHeads: 8, kvHeads: 2): green,
        HeadConfiguration(queryHeads: 8, kvHeads: 1): vermillion,
        HeadConfiguration(queryHeads: 4, kvHeads: 1): orange,
        HeadConfiguration(queryHeads: 2, kvHeads: 1): purple,
        HeadConfiguration(queryHeads: 1, kvHeads: 1): gray,
        HeadConfiguration(queryHeads: 32, kvHeads: 8): black,
    ]

    private static let cycle = [skyBlue, blue, green, vermillion, orange, purple, gray, yellow]
    /// Colours no fixed configuration uses, for the others (dark, distinct from Okabe–Ito's).
    private static let others = [Color(hex: 0x8C510A), Color(hex: 0x35978F), Color(hex: 0x762A83), Color(hex: 0x7F7F00),
                                 Color(hex: 0x1B3A6B), Color(hex: 0xB2182B), yellow]

    public static func color(for heads: HeadConfiguration) -> Color {
        if let color = fixed[heads] { return color }
        // A stable choice from the configuration itself, never from drawing order.
        let index = (heads.queryHeads &* 31 &+ heads.kvHeads &* 7) % others.count
        return others[(index + others.count) % others.count]
    }

    /// The Llama-3 family (n_h = d/64), whatever its size.
    public static let llama = black

    /// Colours for series with no head configuration (runs in a training-curve plot).
    public static func color(index: Int) -> Color { cycle[index % cycle.count] }
}
