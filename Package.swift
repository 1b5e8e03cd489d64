// swift-tools-version:6.0
// ModernRecSys: a literate tutorial and reference implementation of deep-learning
// recommender systems. Libraries live in Sources/, one executable per chapter in
// Chapters/NN-slug/, tests in Tests/. See README.md for the two set-up commands.

import Foundation
import PackageDescription

/// The chapters, found in Chapters/: each folder `NN-slug` holding a main.swift becomes the
/// executable `chapter-N`. A new chapter is a new folder (plus its tests); nothing here
/// changes.
let chapters: [(folder: String, number: Int)] = {
  let folder = Context.packageDirectory + "/Chapters"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  return names.sorted().compactMap { name in
    guard name.count > 3, name.dropFirst(2).first == "-", let number = Int(name.prefix(2)),
      FileManager.default.fileExists(atPath: "\(folder)/\(name)/main.swift")
    else { return nil }
    return (name, number)
  }
}()

/// What a chapter (or bench) imports: the umbrella `ModernRecSys`, and each module behind
/// it named directly. Through the umbrella alone, SwiftPM did not recompile a chapter when a
/// module it re-exports changed a type's stored layout, and the stale chapter crashed
/// ("malloc(): invalid size"); a direct dependency makes the chapter rebuild with it.
let everyModule: [Target.Dependency] = [
  "ModernRecSys", "Tensors", "NN", "Plot", "RecData", "RecEval", "RecModels", "Book",
  "Exercises", .product(name: "ArgumentParser", package: "swift-argument-parser"),
]

let package = Package(
  name: "ModernRecSys",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "ModernRecSys", targets: ["ModernRecSys"]),
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "book-text", targets: ["book-text"]),
    .executable(name: "course", targets: ["course"]),
  ] + chapters.map { .executable(name: "chapter-\($0.number)", targets: ["chapter-\($0.number)"]) },
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // MARK: - Libraries

    /// OpenBLAS's C interface: not used by the engine (whose results must not depend on
    /// the processor), only by `bench`, which measures the engine's product against it.
    .systemLibrary(
      name: "CBLAS",
      path: "Sources/CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
    ),
    .target(name: "Tensors", dependencies: ["CKernels"]),
    /// The engine's C inner loops (matrix product, exp/log/tanh, Adam's update), each in
    /// one version per vector width chosen at run time, all computing the same bits; and
    /// the allocator for tensor buffers.
    .target(name: "CKernels"),
    .target(name: "NN", dependencies: ["Tensors", "CKernels"]),
    /// A thin C API over gnuplot-iostream (C++), so Swift can drive gnuplot.
    .target(
      name: "CGnuplot",
      cxxSettings: [.unsafeFlags(["-Wno-deprecated-declarations"])],
      linkerSettings: [.linkedLibrary("boost_iostreams"), .linkedLibrary("boost_filesystem")]
    ),
    .target(name: "Plot", dependencies: ["CGnuplot"]),
    /// A thin C API over hnswlib (header-only C++, libhnswlib-dev): an approximate
    /// nearest-neighbour index with a fixed-order inner product and levels chosen by the caller.
    .target(name: "CHNSW", cxxSettings: [.unsafeFlags(["-Wno-unused-function"])]),
    .target(name: "RecData", dependencies: ["Tensors"]),
    .target(name: "RecEval", dependencies: ["RecData", "Tensors"]),
    .target(
      name: "RecModels", dependencies: ["Tensors", "NN", "RecData", "RecEval", "CHNSW"]),
    .target(
      name: "Book",
      dependencies: [
        "Plot", "RecData", "RecEval", "NN", "Tensors",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    /// Reference solutions of the chapters' exercises, marked `// BEGIN SOLUTION` … `// END SOLUTION`.
    .target(
      name: "Exercises", dependencies: ["Tensors", "NN", "Plot", "RecData", "RecEval", "RecModels"]),
    /// The umbrella: `import ModernRecSys` gives a chapter every module.
    .target(
      name: "ModernRecSys",
      dependencies: [
        "Tensors", "NN", "Plot", "RecData", "RecEval", "RecModels", "Book", "Exercises",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "bench",
      dependencies: everyModule + [.target(name: "CBLAS", condition: .when(platforms: [.linux]))]),
    /// Rewrites the numbers and tables each chapter text cites from its results.json (`make text`).
    .executableTarget(
      name: "book-text",
      dependencies: [
        "Book", "Plot", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    /// Course assignments: student copies without the solutions, grading one exercise per
    /// test process, Gradescope and JUnit reports (`make student`, `make grade`).
    .target(name: "Grading"),
    .executableTarget(
      name: "course",
      dependencies: [
        "Grading", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests

    /// What several test targets share (seeded random tensors, scratch folders).
    .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
    .testTarget(name: "TensorsTests", dependencies: ["TestSupport", "Tensors"]),
    .testTarget(name: "NNTests", dependencies: ["TestSupport", "NN", "Tensors"]),
    .testTarget(name: "PlotTests", dependencies: ["TestSupport", "Plot"]),
    .testTarget(name: "RecDataTests", dependencies: ["TestSupport", "RecData"]),
    .testTarget(name: "RecEvalTests", dependencies: ["RecEval", "RecData"]),
    .testTarget(
      name: "RecModelsTests", dependencies: ["TestSupport", "RecModels", "ModernRecSys"]),
    .testTarget(name: "BookTests", dependencies: ["TestSupport", "Book"]),
    .testTarget(name: "GradingTests", dependencies: ["Grading"]),
    .testTarget(
      name: "ExercisesTests", dependencies: ["TestSupport", "Exercises", "ModernRecSys"]),
    /// Runs each built chapter with `--quick` and compares its results.json with a golden file.
    .testTarget(name: "ChapterTests", dependencies: ["TestSupport", "Book", "RecData", "Tensors"]),
  ]
    // MARK: - Chapters
    + chapters.map {
      .executableTarget(
        name: "chapter-\($0.number)",
        dependencies: everyModule,
        path: "Chapters/\($0.folder)",
        exclude: ["README.md"])
    },
  cxxLanguageStandard: .cxx17
)

// Every Swift module is compiled without cross-module optimisation (CMO). With it, a
// module hands copies of its internal code to the modules that import it, and Swift
// 6.3's incremental release build did not recompile those importers when only internal
// code changed: after a stored property was added to the internal TensorNode class,
// `swift build` relinked `bench` without recompiling it, and the binary freed memory with
// the old object layout ("double free or corruption", in 3 of 5 runs). Without CMO each
// module keeps its internals to itself. The engine's hot loops live inside one module
// each, so `make bench` measures the same speed with or without it (113 µs a NeuMF step).
for target in package.targets where target.type != .system {
  target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-disable-cmo"])]
}
