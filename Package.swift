// swift-tools-version:6.0
import PackageDescription

// Layers, arrows pointing one way: roster (executable) -> RosterServer -> RosterSite -> RosterTemplates -> RosterCore.
// RosterCore knows records, the store, validation and changes, and uses Foundation only.
let package = Package(
    name: "roster",
    // Linux only: the code calls Glibc (posix_spawn, inotify, O_NOFOLLOW reads) directly, and
    // no other platform is built or tested. SwiftPM has no way to declare a minimum Linux.
    products: [
        .executable(name: "roster", targets: ["roster"]),
        .executable(name: "roster-synth", targets: ["roster-synth"]),
        .library(name: "RosterCore", targets: ["RosterCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Already in the graph through Hummingbird; the preview server reads the raw request
        // target (absolute-form) in a channel handler before Hummingbird converts it.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        // Already in the graph through HummingbirdTesting; the SCIM client of `roster sync`.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(name: "Ccmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(name: "RosterCore"),
        // The logic-less Mustache subset that renders the portal's pages and the e-mails.
        .target(name: "RosterTemplates", dependencies: ["RosterCore"]),
        .target(name: "RosterSite", dependencies: ["RosterCore", "RosterTemplates", "Ccmark"]),
        .target(name: "RosterSynth", dependencies: ["RosterCore"]),
        // The SCIM client of `roster sync`: AsyncHTTPClient. FoundationNetworking's URLSession
        // (libcurl under libdispatch) spun a core while it waited for the server: a second sync
        // of 1,000 orgs x 10 members against a local scim2-server took 16-25 s of roster CPU and
        // 24-36 s wall; with AsyncHTTPClient 0.7 s CPU and 14.8 s wall (first sync 26 -> 6.5 s CPU).
        // The price: it adds ~290 s CPU (BoringSSL, NIOSSL, NIOHTTP2) to a clean release build of
        // roster that took 425 s.
        .target(
            name: "RosterSync",
            dependencies: [
                "RosterCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .target(
            name: "RosterServer",
            dependencies: [
                "RosterSite", "RosterTemplates", "RosterCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "roster",
            dependencies: [
                "RosterCore", "RosterSite", "RosterServer", "RosterSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked in: every command starts without resolving
            // some 19,000 symbols across 20 shared libraries (hooks and CI call roster often).
            // mimalloc (Debian's libmimalloc-dev) in place of glibc's malloc, for every
            // allocation of the process (it comes before libc, so its malloc and free are the
            // ones found): a build allocates and frees millions of small strings and arrays on
            // every core. One-org rebuild at 10,000 orgs 0.227 -> 0.200 s, warm full build
            // 0.616 -> 0.568 s, one-org rebuild at 100,000 orgs 2.27 -> 1.95 s, and lower peaks
            // (medians of alternating runs; jemalloc and tcmalloc gained less).
            linkerSettings: [
                .linkedLibrary("mimalloc"),
                .unsafeFlags([
                    "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationInternationalization",
                    "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCollections",
                    "-l_FoundationCShims", "-Xlinker", "--end-group",
                ]),
            ]
        ),
        // Writes Sources/RosterSite/Scaffold/DefaultTemplates+Generated.swift from site-templates/.
        .executableTarget(name: "embed-templates"),
        .executableTarget(
            name: "roster-synth",
            dependencies: [
                "RosterSynth", "RosterSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RosterCoreTests", dependencies: ["RosterCore", "RosterSite", "RosterSynth"],
            exclude: ["Fixtures"]),
        .testTarget(name: "RosterEndToEndTests", dependencies: ["RosterCore", "RosterSynth"], exclude: ["Support/smtp_sink.py", "Support/scim"]),
        .testTarget(
            name: "RosterSiteTests", dependencies: ["RosterSite", "RosterTemplates", "RosterCore", "RosterSynth"],
            exclude: ["Golden", "Fixtures", "Support/static_host.py", "Support/browser.py"]),
        .testTarget(
            name: "RosterServerTests",
            dependencies: [
                "RosterServer", "RosterCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)

// Warnings are errors in the project's own code (not in its dependencies): a warning left
// today hides the one that matters tomorrow.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
}
