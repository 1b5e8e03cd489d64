import Foundation
import NN
import Testing

@testable import Tensors

@Test func mlpLearnsXOR() {
  var rng = SeededGenerator(seed: 42)
  let model = MLP(sizes: [2, 8, 1], activation: .tanh, using: &rng)
  let adam = Adam(model.parameters, learningRate: 0.05)
  let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
  let y = Tensor([0, 1, 1, 0], shape: [4, 1])
  for _ in 0..<500 {
    adam.zeroGrad()
    binaryCrossEntropyWithLogits(model(x), y).backward()
    adam.step()
  }
  let p = evaluating { model(x).sigmoid() }.scalars
  #expect(p[0] < 0.1 && p[1] > 0.9 && p[2] > 0.9 && p[3] < 0.1, "\(p)")
}

/// Trains a small NeuMF-like model for 100 Adam steps with dropout and returns every parameter.
func train100Steps(seed: UInt64) -> [[Float]] {
  var rng = SeededGenerator(seed: seed)
  let users = Embedding(20, 4, using: &rng)
  let items = Embedding(30, 4, using: &rng)
  let tower = MLP(sizes: [8, 6, 1], activation: .relu, dropout: 0.2, using: &rng)
  let adam = Adam(users.parameters + items.parameters + tower.parameters, learningRate: 0.01)
  for _ in 0..<100 {
    let u = (0..<16).map { _ in rng.int(below: 20) }
    let i = (0..<16).map { _ in rng.int(below: 30) }
    let labels = Tensor((0..<16).map { _ in Float(rng.int(below: 2)) }, shape: [16, 1])
    adam.zeroGrad()
    binaryCrossEntropyWithLogits(tower(Tensor.concatenate([users(u), items(i)])), labels).backward()
    adam.step()
  }
  return adam.parameters.map(\.scalars)
}

@Test func sameSeedGivesBitIdenticalParametersAfter100Steps() {
  let first = train100Steps(seed: 9)
  let second = train100Steps(seed: 9)
  #expect(first == second)
  #expect(first != train100Steps(seed: 10))
}

@Test func parametersHaveDottedNames() {
  var rng = SeededGenerator(seed: 1)
  let mlp = MLP(sizes: [3, 4, 2], using: &rng)
  #expect(
    mlp.namedParameters.map(\.0) == [
      "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
    ])
  #expect(mlp.namedParameters(prefixedBy: "tower").first?.0 == "tower.layers.0.weight")
  #expect(mlp.parameterCount == 3 * 4 + 4 + 4 * 2 + 2)
}

@Test func embeddingStartsSmallAsInNCF() {
  var rng = SeededGenerator(seed: 2)
  let table = Embedding(100, 50, using: &rng).table.scalars
  let std = (table.map { $0 * $0 }.reduce(0, +) / Float(table.count)).squareRoot()
  #expect(abs(std - 0.01) < 0.001)
}

@Test func initialisersHaveTheirVariance() {
  var rng = SeededGenerator(seed: 3)
  let he = Initializer.heNormal.tensor([200, 100], using: &rng).scalars
  let heStd = (he.map { $0 * $0 }.reduce(0, +) / Float(he.count)).squareRoot()
  #expect(abs(heStd - (2.0 / 200).squareRoot()) < 0.005)
  let xavier = Initializer.xavierUniform.tensor([200, 100], using: &rng).scalars
  let bound = (6.0 / 300).squareRoot()
  #expect(xavier.allSatisfy { abs($0) <= Float(bound) })
}

@Test func dropoutIsIdentityInEvaluation() {
  let drop = Dropout(0.5, seed: 1)
  let x = Tensor.ones([10, 10])
  #expect(evaluating { drop(x) }.scalars == x.scalars)
  let y = drop(x).scalars
  let dropped = y.filter { $0 == 0 }.count
  #expect(dropped > 30 && dropped < 70)
  #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
}

@Test func evaluatingRecordsNoGraph() {
  var rng = SeededGenerator(seed: 4)
  let layer = Linear(3, 2, using: &rng)
  #expect(!evaluating { layer(Tensor.ones([1, 3])) }.isRecorded)
  #expect(layer(Tensor.ones([1, 3])).isRecorded)
}

// MARK: - Saving and loading

func temporaryPath(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent(
    "mrs-\(name)-\(UInt64.random(in: 0...UInt64.max)).params"
  ).path
}

@Test func saveThenLoadRestoresEveryParameter() throws {
  var rng = SeededGenerator(seed: 5)
  let saved = MLP(sizes: [3, 4, 2], using: &rng)
  let other = MLP(sizes: [3, 4, 2], using: &rng)
  let path = temporaryPath("roundtrip")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try saved.saveParameters(to: path)
  #expect(saved.parameters.map(\.scalars) != other.parameters.map(\.scalars))
  try other.loadParameters(from: path)
  #expect(saved.parameters.map(\.scalars) == other.parameters.map(\.scalars))
}

@Test func loadingIntoADifferentModelThrowsANamedError() throws {
  var rng = SeededGenerator(seed: 6)
  let path = temporaryPath("mismatch")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try MLP(sizes: [3, 4, 2], using: &rng).saveParameters(to: path)
  #expect(
    throws: ParameterFileError.shapeMismatch(
      path: path, name: "layers.0.weight", expected: [3, 5], found: [3, 4])
  ) {
    try MLP(sizes: [3, 5, 2], using: &rng).loadParameters(from: path)
  }
  #expect(throws: ParameterFileError.missingParameter(path: path, name: "layers.2.weight")) {
    try MLP(sizes: [3, 4, 2, 2], using: &rng).loadParameters(from: path)
  }
  #expect(throws: ParameterFileError.unexpectedParameter(path: path, name: "layers.1.bias")) {
    try Linear(3, 4, using: &rng).namedParameters(prefixedBy: "layers.0").asLayer.loadParameters(
      from: path)
  }
  let error = #expect(throws: ParameterFileError.self) {
    try MLP(sizes: [3, 4, 2], using: &rng).loadParameters(from: path + ".missing")
  }
  guard case .cannotRead(let p, _)? = error else {
    Issue.record("expected cannotRead, got \(String(describing: error))")
    return
  }
  #expect(p == path + ".missing")
}

@Test func aFileThatIsNotParametersIsRejected() throws {
  let path = temporaryPath("garbage")
  defer { try? FileManager.default.removeItem(atPath: path) }
  try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
  var rng = SeededGenerator(seed: 7)
  #expect(throws: ParameterFileError.notAParameterFile(path: path)) {
    try Linear(2, 2, using: &rng).loadParameters(from: path)
  }
}

/// A list of named parameters seen as a layer.
struct NamedList: Layer { let namedParameters: [(String, Tensor)] }
extension Array where Element == (String, Tensor) {
  var asLayer: NamedList { NamedList(namedParameters: self) }
}
