import NN
import RecData
import RecEval
import Tensors

// The two-tower retrieval model: a user tower and an item tower, each mapping its side's
// features to one vector, and a score that is their inner product. Introduced in Chapter 6.

// MARK: - The towers' inputs

/// What the two towers read, for every user and every item of a dataset, encoded once with
/// Chapter 4's feature columns (`MovieLens.featureColumns()`), plus each user's history and
/// each movie's title words.
///
///     let inputs = try TwoTowerInputs(data: ml, features: try ml.featureColumns(), history: train)
///     inputs.history[0]   // the items user 0 interacted with in training
///
/// | side | input | from |
/// | --- | --- | --- |
/// | user | `age_group`, `gender`, `occupation` ids | Chapter 4's columns, one table with offsets |
/// | user | the items of the user's training history | `history` |
/// | item | `genres` ids | Chapter 4's multi-hot column |
/// | item | `year_scaled` | Chapter 4's dense column (1990 when unknown) |
/// | item | title words, hashed into `titleBuckets` ids | `TitleWords` |
public struct TwoTowerInputs: Sendable {
  /// Users and items described.
  public let userCount: Int, itemCount: Int
  /// Per user: the ids of `age_group`, `gender` and `occupation`, each offset so that the
  /// three columns share one table of `userFeatureSize` rows.
  public let userFeatureIDs: [[Int]]
  /// Rows of the shared user-feature table.
  public let userFeatureSize: Int
  /// Per user: the items of their training history, ascending.
  public let history: [[Int]]
  /// Per item: its genre ids, in `0..<genreCount`.
  public let genres: [[Int]]
  /// Genres in the vocabulary.
  public let genreCount: Int
  /// Per item: its hashed title words, in `0..<titleBuckets`, without repeats.
  public let titleWords: [[Int]]
  /// Hash buckets of the title words.
  public let titleBuckets: Int
  /// Per item: `year_scaled`, (year - 1990) / 10.
  public let year: [Float]

  /// The user columns the user tower reads (Chapter 4's names).
  public static let userColumns = ["age_group", "gender", "occupation"]

  /// Encodes every user and item of `data` through `features`; the history is `history`'s
  /// rows. Throws when a row does not fit a column (malformed data).
  public init(
    data: MovieLens, features: FeatureSet, history: InteractionMatrix, titleBuckets: Int = 1000
  ) throws {
    ensure(history.userCount == data.userCount, "TwoTowerInputs: history has other users")
    userCount = data.userCount
    itemCount = data.itemCount
    var offset = 0
    var perUser = [[Int]](repeating: [], count: data.userCount)
    for name in Self.userColumns {
      let column = try features.column(named: name)
      for u in 0..<data.userCount {
        perUser[u] += try column.ids(in: data.userFields(u)).map { $0 + offset }
      }
      offset += column.size
    }
    userFeatureIDs = perUser
    userFeatureSize = offset
    self.history = (0..<data.userCount).map { Array(history.items(of: $0)) }
    let genreColumn = try features.column(named: "genres")
    let yearColumn = try features.denseColumn("year_scaled")
    genreCount = genreColumn.size
    var genres: [[Int]] = []
    var years: [Float] = []
    for i in 0..<data.itemCount {
      let row = data.itemFields(i)
      genres.append(try genreColumn.ids(in: row))
      years.append(try yearColumn.values(in: row)[0])
    }
    self.genres = genres
    year = years
    self.titleBuckets = titleBuckets
    titleWords = data.items.map { TitleWords.ids(of: $0.title, buckets: titleBuckets) }
  }
}

/// A movie title as words: lower case, split at every character that is not a letter or a
/// digit, without the trailing "(1995)".
///
///     TitleWords.words(in: "Usual Suspects, The (1995)")   // ["usual", "suspects", "the"]
public enum TitleWords {
  /// The words of `title`.
  public static func words(in title: String) -> [String] {
    var text = Substring(title)
    // The release year in parentheses at the end is a feature of its own (year_scaled).
    if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
      text[text.index(after: open)..<text.index(before: text.endIndex)].allSatisfy(\.isNumber)
    {
      text = text[..<open]
    }
    return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  /// The distinct hash ids of `title`'s words (FNV-1a, modulo `buckets`), ascending.
  public static func ids(of title: String, buckets: Int) -> [Int] {
    Array(Set(words(in: title).map { Int(FeatureHash.fnv1a($0) % UInt64(buckets)) })).sorted()
  }
}

// MARK: - The model

/// Two towers and a dot product: the retrieval model of YouTube (Yi et al., 2019) and of
/// TensorFlow Recommenders.
///
///     let model = TwoTowerModel(inputs: inputs, configuration: .init(), using: &rng)
///     let loss = model.loss(TwoTowerBatch(users: [0, 1], items: [49, 171]))
///
/// ```
/// u(x) = normalise(MLP_u([e_user | sum of feature embeddings | mean of history embeddings]))
/// v(y) = normalise(MLP_v([e_item | sum of genre embeddings | mean of title-word embeddings | year]))
/// s(x, y) = <u(x), v(y)> / temperature
/// ```
/// With `usesFeatures: false` each tower is its id embedding alone (no MLP): matrix
/// factorisation, trained with a softmax. Item row `itemCount` of the id table stands for an
/// item the model has never seen (a new movie): the content towers score new items with it.
public final class TwoTowerModel: Layer {
  /// The model's shape and settings.
  public struct Configuration: Sendable, Equatable {
    /// Width of the id embeddings (and of the output, without features).
    public var idDimension = 32
    /// Whether the towers read the features (else: ids only, no MLP).
    public var usesFeatures = true
    /// Width of every feature embedding (user features, history, genres, title words).
    public var featureDimension = 16
    /// Hidden layers of each tower's MLP (ReLU).
    public var hiddenSizes: [Int] = [64]
    /// Width of each tower's output (the retrieval space).
    public var outputDimension = 32
    /// Whether each tower's output is scaled to unit length.
    public var normalizes = true
    /// The softmax temperature: scores are divided by it.
    public var temperature: Float = 0.1
    /// Embeddings start from U(-a, a) (Keras's default, a = 0.05).
    public var initialRange: Float = 0.05

    /// The defaults: content towers, normalised, temperature 0.1.
    public init() {}

    /// Id embeddings only, no normalisation, temperature 1: TensorFlow Recommenders' basic
    /// retrieval model.
    public static func idOnly(dimension: Int) -> Configuration {
      var c = Configuration()
      c.idDimension = dimension
      c.outputDimension = dimension
      c.usesFeatures = false
      c.normalizes = false
      c.temperature = 1
      return c
    }
  }

  /// The settings.
  public let configuration: Configuration
  /// What the towers read.
  public let inputs: TwoTowerInputs
  /// User id embeddings, (userCount, idDimension).
  public let userTable: Tensor
  /// Item id embeddings, (itemCount + 1, idDimension); the last row is the unseen item.
  public let itemTable: Tensor
  /// The user features' embeddings (age group, gender, occupation), or nil.
  public let userFeatureTable: Tensor?
  /// The history's item embeddings, or nil.
  public let historyTable: Tensor?
  /// The genres' embeddings, or nil.
  public let genreTable: Tensor?
  /// The title words' embeddings, or nil.
  public let titleTable: Tensor?
  /// The towers' MLPs, or nil.
  public let userMLP: MLP?, itemMLP: MLP?

  /// A model with fresh parameters.
  public init(
    inputs: TwoTowerInputs, configuration: Configuration, using rng: inout SeededGenerator
  ) {
    self.inputs = inputs
    self.configuration = configuration
    let c = configuration
    func table(_ rows: Int, _ width: Int) -> Tensor {
      Tensor.uniform([rows, width], low: -c.initialRange, high: c.initialRange, using: &rng)
        .requiringGrad()
    }
    userTable = table(inputs.userCount, c.idDimension)
    itemTable = table(inputs.itemCount + 1, c.idDimension)
    if c.usesFeatures {
      let f = c.featureDimension
      userFeatureTable = table(inputs.userFeatureSize, f)
      historyTable = table(inputs.itemCount, f)
      genreTable = table(inputs.genreCount, f)
      titleTable = table(inputs.titleBuckets, f)
      userMLP = MLP(
        sizes: [c.idDimension + 2 * f] + c.hiddenSizes + [c.outputDimension], using: &rng)
      itemMLP = MLP(
        sizes: [c.idDimension + 2 * f + 1] + c.hiddenSizes + [c.outputDimension], using: &rng)
    } else {
      ensure(c.idDimension == c.outputDimension, "TwoTowerModel: id-only needs equal widths")
      (userFeatureTable, historyTable, genreTable, titleTable) = (nil, nil, nil, nil)
      (userMLP, itemMLP) = (nil, nil)
    }
  }

  /// The id of the unseen item: the last row of `itemTable`.
  public var unseenItem: Int { inputs.itemCount }

  /// Every table and MLP, named.
  public var namedParameters: [(String, Tensor)] {
    var out: [(String, Tensor)] = [("users", userTable), ("items", itemTable)]
    for (name, t) in [
      ("userFeatures", userFeatureTable), ("history", historyTable), ("genres", genreTable),
      ("titleWords", titleTable),
    ] {
      if let t { out.append((name, t)) }
    }
    if let userMLP { out += userMLP.namedParameters(prefixedBy: "userMLP") }
    if let itemMLP { out += itemMLP.namedParameters(prefixedBy: "itemMLP") }
    return out
  }

  // MARK: Towers

  /// The user tower for a batch of users. With `excluding`, example r's history leaves out
  /// `excluding[r]` (its training target, which the tower must not be shown).
  ///
  /// - Shape: users (B) -> (B, outputDimension)
  public func userTower(_ users: [Int], excluding targets: [Int]? = nil) -> Tensor {
    let ids = userTable.gatherRows(users)
    guard let userFeatureTable, let historyTable, let userMLP else { return ids }
    var featureOffsets = [0]
    var featureIDs: [Int] = []
    var historyOffsets = [0]
    var historyIDs: [Int] = []
    var inverseCounts: [Float] = []
    for (r, u) in users.enumerated() {
      featureIDs += inputs.userFeatureIDs[u]
      featureOffsets.append(featureIDs.count)
      let before = historyIDs.count
      for item in inputs.history[u] where item != targets?[r] { historyIDs.append(item) }
      historyOffsets.append(historyIDs.count)
      inverseCounts.append(1 / Float(Swift.max(historyIDs.count - before, 1)))
    }
    let features = userFeatureTable.sumOfRows(offsets: featureOffsets, ids: featureIDs)
    let history =
      historyTable.sumOfRows(offsets: historyOffsets, ids: historyIDs)
      * Tensor(inverseCounts, shape: [users.count, 1])
    return finish(userMLP(Tensor.concatenate([ids, features, history])))
  }

  /// The item tower for a batch of item ids (`unseenItem` for a movie known by its content
  /// only); `contentOf[r]` is the movie whose features row r reads (by default the id).
  ///
  /// - Shape: items (B) -> (B, outputDimension)
  public func itemTower(_ items: [Int], contentOf movies: [Int]? = nil) -> Tensor {
    let ids = itemTable.gatherRows(items)
    guard let genreTable, let titleTable, let itemMLP else { return ids }
    let movies = movies ?? items
    var genreOffsets = [0]
    var genreIDs: [Int] = []
    var titleOffsets = [0]
    var titleIDs: [Int] = []
    var inverseTitleCounts: [Float] = []
    var years: [Float] = []
    for m in movies {
      genreIDs += inputs.genres[m]
      genreOffsets.append(genreIDs.count)
      titleIDs += inputs.titleWords[m]
      titleOffsets.append(titleIDs.count)
      inverseTitleCounts.append(1 / Float(Swift.max(inputs.titleWords[m].count, 1)))
      years.append(inputs.year[m])
    }
    let genres = genreTable.sumOfRows(offsets: genreOffsets, ids: genreIDs)
    let title =
      titleTable.sumOfRows(offsets: titleOffsets, ids: titleIDs)
      * Tensor(inverseTitleCounts, shape: [movies.count, 1])
    let year = Tensor(years, shape: [movies.count, 1])
    return finish(itemMLP(Tensor.concatenate([ids, genres, title, year])))
  }

  /// The tower's last step: unit length when the configuration says so.
  private func finish(_ x: Tensor) -> Tensor {
    configuration.normalizes ? l2Normalized(x) : x
  }

  // MARK: Training

  /// The in-batch softmax loss of a batch (Yi et al., 2019, Section 3): each user's own item
  /// against every other item of the batch (and the batch's extra negatives), with each
  /// column's logit corrected by minus the log of its sampling probability when given.
  ///
  /// ```
  /// z_ij = <u(x_i), v(y_j)> / temperature - logQ_j       j over the batch's items, then the extra ones
  /// L = reduce over i of  -log( e^(z_ii) / sum_j e^(z_ij) )
  /// ```
  /// - Shape: a batch of B pairs (and N extra negatives) -> ()
  public func loss(_ batch: TwoTowerBatch) -> Tensor {
    let u = userTower(batch.users, excluding: batch.positives)
    let candidates = batch.items + batch.negatives
    let v = itemTower(candidates, contentOf: batch.positives + batch.negatives)
    var logits = Tensor.matmul(u, v, transposeB: true)
    if configuration.temperature != 1 { logits = logits * (1 / configuration.temperature) }
    if let logQ = batch.logQ {
      ensure(logQ.count == candidates.count, "TwoTowerModel.loss: one logQ per candidate")
      logits = logits - Tensor(logQ, shape: [1, candidates.count])
    }
    return softmaxCrossEntropy(
      logits, labels: Array(0..<batch.users.count), reduction: batch.reduction)
  }

  // MARK: Serving

  /// Every user's vector, (userCount, outputDimension), with their whole training history:
  /// what a server computes per request.
  public func userVectors() -> [Float] {
    evaluating {
      withNoGrad {
        stride(from: 0, to: inputs.userCount, by: 1024).flatMap { start in
          userTower(Array(start..<Swift.min(start + 1024, inputs.userCount))).scalars
        }
      }
    }
  }

  /// The vectors of `movies`, (movies.count, outputDimension): what an index stores. With
  /// `asUnseen`, each is computed as for a movie the model never saw (the unseen id, its
  /// own content).
  public func itemVectors(_ movies: [Int], asUnseen: Bool = false) -> [Float] {
    evaluating {
      withNoGrad {
        stride(from: 0, to: movies.count, by: 1024).flatMap { start in
          let part = Array(movies[start..<Swift.min(start + 1024, movies.count)])
          let ids = asUnseen ? part.map { _ in unseenItem } : part
          return itemTower(ids, contentOf: part).scalars
        }
      }
    }
  }
}

/// One mini-batch of (user, item) pairs for the in-batch softmax.
public struct TwoTowerBatch: Sendable {
  /// The users, one per pair.
  public var users: [Int]
  /// The item ids the item tower looks up (an item, or the unseen item's id).
  public var items: [Int]
  /// The movies of the pairs (whose content the item tower reads, and which each user's
  /// history must leave out).
  public var positives: [Int]
  /// Extra candidates besides the batch's own items (mixed negatives), scored by every user.
  public var negatives: [Int]
  /// Per candidate (the batch's items, then `negatives`): the log of its sampling
  /// probability, subtracted from its logits; nil for none.
  public var logQ: [Float]?
  /// Mean or sum over the pairs.
  public var reduction: LossReduction

  /// A batch; `items` defaults to the pairs' own movies.
  public init(
    users: [Int], items: [Int], ids: [Int]? = nil, negatives: [Int] = [], logQ: [Float]? = nil,
    reduction: LossReduction = .mean
  ) {
    ensure(users.count == items.count, "TwoTowerBatch: \(users.count) users, \(items.count) items")
    self.users = users
    self.positives = items
    self.items = ids ?? items
    self.negatives = negatives
    self.logQ = logQ
    self.reduction = reduction
  }

  /// The number of pairs.
  public var count: Int { users.count }
}

// MARK: - Normalisation

/// Each row scaled to unit length, composed from the engine's ops (its own exp and log, so
/// the same bits everywhere):
///
/// ```
/// y_r = x_r / sqrt(|x_r|^2 + 1e-12) = x_r * exp(-1/2 log(|x_r|^2 + 1e-12))
/// ```
/// - Shape: (B, d) -> (B, d)
public func l2Normalized(_ x: Tensor) -> Tensor {
  let squaredNorms = (x * x).sum(axis: -1, keepDims: true) + 1e-12
  return x * (squaredNorms.log() * -0.5).exp()
}

// MARK: - Scoring from stored vectors

/// Scores from stored user and item vectors: what a two-tower model serves, and an
/// `ItemScorer` for the evaluation protocols.
///
///     let scorer = EmbeddingScorer(users: model.userVectors(),
///                                  items: model.itemVectors(Array(0..<n)), dimension: 32)
///
/// ```
/// score(u, i) = sum over f of U[u, f] V[i, f]      (one chain of fused multiply-adds, in order)
/// ```
public struct EmbeddingScorer: ItemScorer, Sendable {
  /// User vectors, row-major (users, dimension).
  public let users: [Float]
  /// Item vectors, row-major (items, dimension).
  public let items: [Float]
  /// The vectors' width.
  public let dimension: Int

  /// A scorer over these vectors.
  public init(users: [Float], items: [Float], dimension: Int) {
    ensure(
      users.count % dimension == 0 && items.count % dimension == 0,
      "EmbeddingScorer: sizes are not multiples of \(dimension)")
    self.users = users
    self.items = items
    self.dimension = dimension
  }

  public func scores(user: Int, items ids: [Int]) -> [Float] {
    let d = dimension
    return users.withUnsafeBufferPointer { p in
      items.withUnsafeBufferPointer { q in
        ids.map { i in
          var s: Float = 0
          for f in 0..<d { s = s.addingProduct(p[user * d + f], q[i * d + f]) }
          return s
        }
      }
    }
  }
}
