import CFontconfig
import Foundation

/// The one font of every figure, DejaVu Sans, loaded from its files into a fontconfig
/// configuration built here and made current before Cairo draws any text. The system's and the
/// person's fontconfig files (`/etc/fonts`, `~/.config/fontconfig`, `XDG_CONFIG_HOME`) are never
/// read, so no alias, hinting or subpixel rule of theirs changes a glyph; Cairo's font options
/// (`CairoRenderer.setFontOptions`) fix the rest.
enum FigureFonts {
    /// The font files, regular and bold.
    static let files = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]

    /// Where DejaVu is installed: Debian and Ubuntu (fonts-dejavu-core), Fedora, Arch, Homebrew
    /// (font-dejavu) and macOS's font folders. `GQA_FONT_DIR` names another.
    static var searched: [String] {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        return [ProcessInfo.processInfo.environment["GQA_FONT_DIR"]].compactMap { $0 } + [
            "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
            "/usr/share/fonts/dejavu-sans-fonts", "/opt/homebrew/share/fonts", "/usr/local/share/fonts",
            "\(home)/Library/Fonts", "/Library/Fonts",
        ]
    }

    /// The first searched folder that holds both files.
    static let folder: String? = searched.first { folder in files.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) } }

    /// Done once a process, before the first text: nil, or why the fonts could not be set up.
    private static let setup: ReportError? = {
        guard let folder else {
            return ReportError("DejaVu Sans (\(files.joined(separator: ", "))) was not found in \(searched.joined(separator: ", ")): install it (Debian/Ubuntu: apt-get install fonts-dejavu-core; macOS: brew install --cask font-dejavu), or name its folder in GQA_FONT_DIR")
        }
        // An empty configuration (no config files read) holding only these fonts.
        guard let config = FcConfigCreate() else { return ReportError("fontconfig could not create a configuration") }
        for file in files where FcConfigAppFontAddFile(config, folder + "/" + file) == FcFalse {
            FcConfigDestroy(config)
            return ReportError(path: folder + "/" + file, "fontconfig cannot read this font file")
        }
        guard FcConfigSetCurrent(config) == FcTrue else { return ReportError("fontconfig could not use the figures' configuration") }
        return nil
    }()

    /// Makes the figures' configuration current (once); an error says which font is missing.
    static func ensure() throws {
        if let setup { throw setup }
    }
}
