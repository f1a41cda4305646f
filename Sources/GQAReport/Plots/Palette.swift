import Foundation

/// Okabe–Ito, a palette readable with every common colour-vision deficiency, and the colours
/// of things that are not head configurations.
public enum Palette {
    public static let orange = Color(hex: 0xE69F00)
    public static let skyBlue = Color(hex: 0x56B4E9)
    public static let green = Color(hex: 0x009E73)
    public static let yellow = Color(hex: 0xF0E442)
    public static let blue = Color(hex: 0x0072B2)
    public static let vermillion = Color(hex: 0xD55E00)
    public static let purple = Color(hex: 0xCC79A7)
    /// Grey means no data, or a key (the "hollow: paper's figure" marker): never a series.
    public static let gray = Color(hex: 0x999999)
    public static let black = Color(hex: 0x000000)
    /// H = (1, 1): ΔE00 ≥ 21 from every Okabe–Ito colour in normal and simulated dichromat
    /// vision (it was grey, which read as "no data" and matched the digitized-marker key).
    public static let plum = Color(hex: 0x773355)

    /// The parts of a cost, in colours no head configuration has: what does not grow with the
    /// context (weights, 2N FLOPs) and what does (the KV cache, attention FLOPs).
    public static let timeInvariant = Color(hex: 0x44337A)
    public static let timeVariant = Color(hex: 0xDDCC77)

    /// The Llama-3 family (n_h = d/64), whatever its size.
    public static let llama = black

    /// Colours for series with no head configuration (the curves of loss against n_h, one per
    /// model shape), by their index: Paul Tol's muted scheme less its indigo and sand, which
    /// mean the parts of a cost, so no colour means both a shape and a head configuration.
    static let cycle = [0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xCC6677, 0x882255, 0xAA4499].map { Color(hex: $0) }

    public static func color(index: Int) -> Color { cycle[index % cycle.count] }

    /// Marker outlines in a fixed order, so series of one colour family still differ in shape.
    static let outlines: [MarkerShape.Outline] = [.circle, .square, .diamond, .triangle]
}

/// One build's head configurations, each with its colour and marker outline in every figure
/// and the explorer: the paper's seven and Llama-3's (32, 8) always keep theirs; every other
/// configuration of the build gets a colour of its own, in the order of (n_h, n_kv), so no two
/// share one (they did when the colour came from a hash: H = (4, 2) and (4, 4) were one red).
/// Outlines cycle over the build's configurations so colour is never the only difference.
public struct HeadPalette: Sendable {
    /// The paper's Figure 2 configurations, and Llama-3 GQA, in fixed colours.
    static let fixed: [HeadConfiguration: Color] = [
        HeadConfiguration(queryHeads: 8, kvHeads: 8): Palette.skyBlue,
        HeadConfiguration(queryHeads: 8, kvHeads: 4): Palette.blue,
        HeadConfiguration(queryHeads: 8, kvHeads: 2): Palette.green,
        HeadConfiguration(queryHeads: 8, kvHeads: 1): Palette.vermillion,
        HeadConfiguration(queryHeads: 4, kvHeads: 1): Palette.orange,
        HeadConfiguration(queryHeads: 2, kvHeads: 1): Palette.purple,
        HeadConfiguration(queryHeads: 1, kvHeads: 1): Palette.plum,
        HeadConfiguration(queryHeads: 32, kvHeads: 8): Palette.black,
    ]

    /// Colours for the other configurations, each chosen (greedily, from a grid of sRGB colours
    /// with contrast ≥ 3:1 on white and chroma ≥ 25) as far as it could be from every colour
    /// before it: every pair of the sixteen differs by CIEDE2000 ΔE ≥ 8 in normal vision and in
    /// simulated protanopia, deuteranopia and tritanopia (PaletteTests). Past them, hues a
    /// golden angle apart, which promise less; marker outlines stay the second cue.
    static let others = [Color(hex: 0x990000), Color(hex: 0x003399), Color(hex: 0x0000FF), Color(hex: 0x995577),
                         Color(hex: 0x7777FF), Color(hex: 0xBB3333), Color(hex: 0x997755), Color(hex: 0xBB3399)]

    public let configurations: [HeadConfiguration]
    private let colors: [HeadConfiguration: Color]
    private let shapes: [HeadConfiguration: MarkerShape]

    public init(_ configurations: some Sequence<HeadConfiguration>) {
        let all = Array(Set(configurations).union(Self.fixed.keys)).sorted()
        self.configurations = all
        var colors = Self.fixed
        for (rank, heads) in all.filter({ Self.fixed[$0] == nil }).enumerated() { colors[heads] = Self.other(rank) }
        self.colors = colors
        var shapes: [HeadConfiguration: MarkerShape] = [:]
        for (rank, heads) in all.enumerated() { shapes[heads] = MarkerShape(outline: Palette.outlines[rank % Palette.outlines.count]) }
        self.shapes = shapes
    }

    public func color(for heads: HeadConfiguration) -> Color {
        colors[heads] ?? Self.other(abs(heads.queryHeads &* 31 &+ heads.kvHeads &* 7))
    }

    public func shape(for heads: HeadConfiguration) -> MarkerShape {
        shapes[heads] ?? .circle
    }

    private static func other(_ rank: Int) -> Color {
        if rank < others.count { return others[rank] }
        // HSL with a hue a golden angle past the last, lightness 0.38, saturation 0.65.
        let hue = (Double(rank - others.count) * 137.507_764).truncatingRemainder(dividingBy: 360) / 60
        let chroma = (1 - abs(2 * 0.38 - 1)) * 0.65
        let x = chroma * (1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (chroma, x, 0)
        case 1: (x, chroma, 0)
        case 2: (0, chroma, x)
        case 3: (0, x, chroma)
        case 4: (x, 0, chroma)
        default: (chroma, 0, x)
        }
        let m = 0.38 - chroma / 2
        // Rounded to 8 bits, as any colour of a figure is, so the digest is exact.
        return Color(hex: (UInt32(((r + m) * 255).rounded()) << 16) | (UInt32(((g + m) * 255).rounded()) << 8) | UInt32(((b + m) * 255).rounded()))
    }
}

extension BuildContext {
    /// The head configurations of this build: runs, fitted series, and the cost-share figure's.
    public var palette: HeadPalette {
        HeadPalette(runs.map(\.model.heads) + fits.compactMap(\.selection.heads) + [
            HeadConfiguration(queryHeads: 32, kvHeads: 32),
        ])
    }
}
