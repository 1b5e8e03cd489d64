// The umbrella module: one `import ModernRecSys` gives a chapter every library, and
// ArgumentParser for its command line.
@_exported import Book
@_exported import Exercises
@_exported import NN
@_exported import Plot
@_exported import RecData
@_exported import RecEval
@_exported import RecModels
@_exported import Tensors
@_exported import ArgumentParser
