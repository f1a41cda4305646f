import CCairo
import CFontconfig
import CZlib
import Foundation

/// The libraries and font files that turn a figure's model into bytes. Two machines with the
/// same fingerprint draw the same bytes; with another one (Cairo 1.18's rewritten SVG surface,
/// another zlib's deflate, another DejaVu release) the bytes differ while the figure shows the
/// same thing, so figures are then compared by `FigureContent` instead.
public struct RendererFingerprint: Sendable, Equatable {
    /// Library name → version, in the order shown: cairo, freetype, fontconfig, zlib.
    public var libraries: [(name: String, version: String)]
    /// Font file name → SHA-256 of its bytes.
    public var fonts: [(file: String, sha256: String)]

    public init(libraries: [(name: String, version: String)], fonts: [(file: String, sha256: String)]) {
        self.libraries = libraries
        self.fonts = fonts
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.libraries.elementsEqual(b.libraries, by: { $0 == $1 }) && a.fonts.elementsEqual(b.fonts, by: { $0 == $1 })
    }

    /// "Cairo 1.16.0, FreeType 2.12.1, …": the libraries as a person reads them.
    public var summary: String {
        libraries.map { "\(Self.displayName($0.name)) \($0.version)" }.joined(separator: ", ")
    }

    /// What differs from `other`, this side's first: "Cairo 1.18.4" against "Cairo 1.16.0"; a
    /// font file whose bytes differ is named with its digest's start.
    public func differences(from other: RendererFingerprint) -> (here: [String], there: [String]) {
        var here: [String] = [], there: [String] = []
        let theirs = Dictionary(other.libraries.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
        for (name, version) in libraries where theirs[name] != version {
            here.append("\(Self.displayName(name)) \(version)")
            there.append("\(Self.displayName(name)) \(theirs[name] ?? "(not recorded)")")
        }
        let theirFonts = Dictionary(other.fonts.map { ($0.file, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for (file, sha256) in fonts where theirFonts[file] != sha256 {
            here.append("\(file) \(sha256.prefix(12))")
            there.append("\(file) \(theirFonts[file].map { String($0.prefix(12)) } ?? "(not recorded)")")
        }
        return (here, there)
    }

    static func displayName(_ library: String) -> String {
        ["cairo": "Cairo", "freetype": "FreeType", "fontconfig": "fontconfig", "zlib": "zlib"][library] ?? library
    }

    /// This process's renderer: the versions of the libraries loaded (not those compiled
    /// against; `LD_LIBRARY_PATH` or another Homebrew keg changes them) and the font files'
    /// digests. Computed once.
    public static let local: RendererFingerprint = {
        var libraries = [("cairo", String(cString: cairo_version_string()))]
        libraries.append(("freetype", freeTypeVersion() ?? "unknown"))
        let fc = FcGetVersion()
        libraries.append(("fontconfig", "\(fc / 10000).\(fc / 100 % 100).\(fc % 100)"))
        // zlib compresses the PNGs (PNGEncoder) and Cairo's PDF streams: the copy loaded.
        libraries.append(("zlib", String(cString: zlibVersion())))
        let fonts = FigureFonts.files.map { file -> (String, String) in
            let data = FigureFonts.folder.flatMap { FileManager.default.contents(atPath: $0 + "/" + file) }
            return (file, data.map(FileDigest.sha256Hex) ?? "missing")
        }
        return RendererFingerprint(libraries: libraries, fonts: fonts)
    }()

    private static func freeTypeVersion() -> String? {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        defer { FT_Done_FreeType(library) }
        var major: FT_Int = 0, minor: FT_Int = 0, patch: FT_Int = 0
        FT_Library_Version(library, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
