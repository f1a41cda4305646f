// swift-tools-version:6.0
import PackageDescription

// gqa-report: logs of a GQA scaling study in, validated XML tables and a static site out.
// The pipeline lives in GQAReport; `report` is a thin executable over ReportCLI.
let package = Package(
    name: "gqa-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "report", targets: ["report"]),
        .library(name: "GQAReport", targets: ["GQAReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
        // W&B saves a run's configuration as YAML (files/config.yaml).
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `report serve`: a small HTTP server on Swift concurrency with no dependencies of its own.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // The site's guides are Markdown (Templates/guides/); Ink renders them, with no dependencies.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // Native libraries, found with pkg-config; the providers name the Debian packages.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        // The figures' fonts come from a fontconfig configuration the tool builds itself, so a
        // person's ~/.config/fontconfig cannot change a glyph (Plots/FigureFonts.swift).
        .systemLibrary(
            name: "CFontconfig",
            pkgConfig: "fontconfig",
            providers: [.apt(["libfontconfig-dev"]), .brew(["fontconfig"])]
        ),
        // zlib compresses the figures' PNGs (Plots/PNGEncoder.swift): Cairo's own PNG writer
        // spent most of a build's figure time in libpng's filters and zlib's default level.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // MINPACK's Levenberg–Marquardt (what scipy's curve_fit runs) and NLopt's L-BFGS.
        .systemLibrary(
            name: "CMinpack",
            pkgConfig: "cminpack",
            providers: [.apt(["libcminpack-dev"]), .brew(["cminpack"])]
        ),
        .systemLibrary(
            name: "CNLopt",
            pkgConfig: "nlopt",
            providers: [.apt(["libnlopt-dev"]), .brew(["nlopt"])]
        ),
        // libxml2's headers clash with Foundation's ICU when a Swift module sees both
        // (shared/PLATFORM.md), so only this C target includes them; its header is plain C.
        .target(
            name: "XMLSupport",
            dependencies: ["CLibXML2"]
        ),
        // CRC-32C with the CPU's instruction (SSE 4.2, ARMv8 CRC), checked at run time; the
        // event reader checks two a record.
        .target(name: "CRC32CHardware"),
        .target(
            name: "GQAReport",
            dependencies: [
                "XMLSupport",
                "CRC32CHardware",
                "CCairo",
                "CFontconfig",
                "CZlib",
                "CMinpack",
                "CNLopt",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Ink", package: "Ink"),
            ],
            // The .proto and its generator script; event.pb.swift, generated from them, is built.
            exclude: ["Ingest/TensorBoard/event.proto", "Ingest/TensorBoard/generate.sh"]
        ),
        // `report serve`: site/ over HTTP, rebuilt and reloaded when the inputs change.
        .target(
            name: "SitePreview",
            dependencies: [
                "GQAReport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "ReportCLI",
            dependencies: [
                "GQAReport",
                "SitePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "report",
            dependencies: ["ReportCLI"]
        ),
        // Prints timings: swift run -c release report-benchmarks [pipeline | sweep]
        .executableTarget(
            name: "report-benchmarks",
            dependencies: ["GQAReport", "SitePreview", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/Benchmarks",
            exclude: ["python", "README.md"]
        ),
        // Parsers of untrusted input as functions of bytes, and one libFuzzer target for each.
        .target(
            name: "FuzzTargets",
            dependencies: ["GQAReport"]
        ),
        // One libFuzzer binary for every target, named by GQA_FUZZ_TARGET: one sanitizer build in CI.
        .executableTarget(
            name: "fuzz",
            dependencies: ["FuzzTargets"],
            path: "Sources/Fuzz",
            exclude: ["run.sh", "lsan-suppressions.txt"]
        ),
    ] + [
        .testTarget(
            name: "GQAReportTests",
            dependencies: ["GQAReport", "ReportCLI", "SitePreview", "XMLSupport", "FuzzTargets", "CCairo", "CZlib"],
            // Read from the source tree by path (see TestProject.swift), not bundled.
            exclude: ["Fixtures"]
        ),
    ]
)
