import Foundation
import XCTest

@testable import GQAReport

/// Colour that survives every reader: every pair of head-configuration colours that may be drawn
/// together differs by a CIEDE2000 ΔE of at least `minimumDifference` in normal vision and in
/// protanopia, deuteranopia and tritanopia as Machado, Oliveira & Fernandes (2009) simulate them
/// (severity 1), and grey, which means "no data" or a key, is no series' colour.
final class PaletteTests: XCTestCase {
    static let minimumDifference = 8.0

    enum Vision: String, CaseIterable {
        case normal, protanopia, deuteranopia, tritanopia

        /// Machado et al. 2009, Table 1 at severity 1.0, applied to linear RGB.
        var matrix: [[Double]]? {
            switch self {
            case .normal: return nil
            case .protanopia: return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
            case .deuteranopia: return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
            case .tritanopia: return [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
            }
        }
    }

    /// CIELAB (D65) of a colour as seen with `vision`.
    static func lab(_ color: Color, _ vision: Vision) -> (l: Double, a: Double, b: Double) {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        var rgb = [linear(color.red), linear(color.green), linear(color.blue)]
        if let m = vision.matrix {
            rgb = (0..<3).map { i in min(1, max(0, (0..<3).reduce(0) { $0 + m[i][$1] * rgb[$1] })) }
        }
        let x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]
        let y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2]
        let z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]
        func f(_ t: Double) -> Double { t > 216 / 24389 ? cbrt(t) : (24389 / 27 * t + 16) / 116 }
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883))
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    /// CIEDE2000 (Sharma, Wu & Dalal 2005).
    static func deltaE(_ p: (l: Double, a: Double, b: Double), _ q: (l: Double, a: Double, b: Double)) -> Double {
        let radians = Double.pi / 180
        let c1 = hypot(p.a, p.b), c2 = hypot(q.a, q.b), cMean = (c1 + c2) / 2
        let g = 0.5 * (1 - sqrt(pow(cMean, 7) / (pow(cMean, 7) + pow(25, 7))))
        let a1 = (1 + g) * p.a, a2 = (1 + g) * q.a
        let c1p = hypot(a1, p.b), c2p = hypot(a2, q.b)
        func hue(_ b: Double, _ a: Double) -> Double { (b == 0 && a == 0) ? 0 : (atan2(b, a) / radians + 360).truncatingRemainder(dividingBy: 360) }
        let h1 = hue(p.b, a1), h2 = hue(q.b, a2)
        let dL = q.l - p.l, dC = c2p - c1p
        var dh = 0.0
        if c1p * c2p != 0 { dh = h2 - h1; if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 } }
        let dH = 2 * sqrt(c1p * c2p) * sin(dh / 2 * radians)
        let lMean = (p.l + q.l) / 2, cpMean = (c1p + c2p) / 2
        var hMean = h1 + h2
        if c1p * c2p != 0 {
            hMean = abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : (h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2)
        }
        let t = 1 - 0.17 * cos((hMean - 30) * radians) + 0.24 * cos(2 * hMean * radians) + 0.32 * cos((3 * hMean + 6) * radians) - 0.20 * cos((4 * hMean - 63) * radians)
        let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
        let rC = 2 * sqrt(pow(cpMean, 7) / (pow(cpMean, 7) + pow(25, 7)))
        let sL = 1 + 0.015 * pow(lMean - 50, 2) / sqrt(20 + pow(lMean - 50, 2)), sC = 1 + 0.045 * cpMean, sH = 1 + 0.015 * cpMean * t
        let rT = -sin(2 * dTheta * radians) * rC
        return sqrt(pow(dL / sL, 2) + pow(dC / sC, 2) + pow(dH / sH, 2) + rT * (dC / sC) * (dH / sH))
    }

    func testCIEDE2000MatchesSharmasTestData() {
        // Pairs 1, 7 and 17 of Sharma, Wu & Dalal's table.
        XCTAssertEqual(Self.deltaE((50, 2.6772, -79.7751), (50, 0, -82.7485)), 2.0425, accuracy: 1e-4)
        XCTAssertEqual(Self.deltaE((50, 0, 0), (50, -1, 2)), 2.3669, accuracy: 1e-4)
        XCTAssertEqual(Self.deltaE((50, 2.5, 0), (73, 25, -18)), 27.1492, accuracy: 1e-4)
    }

    func testTheSimulationsKeepNeutralsAndMergeWhatEachDeficiencyMerges() {
        for vision in Vision.allCases {
            XCTAssertLessThan(Self.deltaE(Self.lab(.white, vision), Self.lab(.white, .normal)), 0.5, vision.rawValue)
        }
        // Red and green, far apart to a trichromat, near for a deuteranope.
        let red = Color(hex: 0xCC3333), green = Color(hex: 0x669900)
        XCTAssertGreaterThan(Self.deltaE(Self.lab(red, .normal), Self.lab(green, .normal)), 40)
        XCTAssertLessThan(Self.deltaE(Self.lab(red, .deuteranopia), Self.lab(green, .deuteranopia)), 15)
    }

    func testEveryPairOfHeadColoursDiffersInEveryVision() {
        let others = (0..<HeadPalette.others.count).map { HeadConfiguration(queryHeads: 64, kvHeads: 1 << $0) }
        let palette = HeadPalette(others)
        let colors = palette.configurations.map { ($0, palette.color(for: $0)) }
        XCTAssertEqual(colors.count, 16, "the paper's seven, Llama-3's and eight others")
        var worst = (difference: Double.infinity, pair: "")
        for (i, first) in colors.enumerated() {
            for second in colors[(i + 1)...] {
                for vision in Vision.allCases {
                    let difference = Self.deltaE(Self.lab(first.1, vision), Self.lab(second.1, vision))
                    if difference < worst.difference { worst = (difference, "\(first.0) and \(second.0), \(vision.rawValue)") }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(worst.difference, Self.minimumDifference, worst.pair)
    }

    func testGreyIsNoSeriesAndTheCostPartsAreNoConfiguration() {
        let palette = HeadPalette([HeadConfiguration(queryHeads: 4, kvHeads: 4), HeadConfiguration(queryHeads: 4, kvHeads: 2)])
        let series = palette.configurations.map(palette.color(for:))
        XCTAssertFalse(series.contains(Palette.gray), "grey is the no-data and key colour")
        for part in [Palette.timeInvariant, Palette.timeVariant] {
            XCTAssertFalse(series.contains(part))
            XCTAssertFalse(HeadPalette.others.contains(part))
        }
        // The digitized-points key (a grey hollow circle) is told from every series by colour.
        for color in series {
            XCTAssertGreaterThan(Self.deltaE(Self.lab(color, .normal), Self.lab(Palette.gray, .normal)), 10, color.hex)
        }
    }

    func testTheColoursOfModelShapesMeanNothingElse() {
        let heads = HeadPalette(HeadPalette.others.indices.map { HeadConfiguration(queryHeads: 64, kvHeads: 1 << $0) })
        let taken = Set(heads.configurations.map(heads.color(for:)) + [Palette.timeInvariant, Palette.timeVariant, Palette.gray])
        for (i, first) in Palette.cycle.enumerated() {
            XCTAssertFalse(taken.contains(first), first.hex)
            for second in Palette.cycle[(i + 1)...] {
                for vision in Vision.allCases {
                    XCTAssertGreaterThanOrEqual(Self.deltaE(Self.lab(first, vision), Self.lab(second, vision)), Self.minimumDifference,
                                                "\(first.hex) and \(second.hex), \(vision.rawValue)")
                }
            }
        }
    }
}
