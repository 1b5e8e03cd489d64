import RecData
import Tensors

/// How alike two users are, from the items they interacted with: the user–user tables of
/// the user-based collaborative-filtering story.
///
///     let jaccard = UserSimilarity.jaccard.matrix(of: ToyMatrix.interactions)
///     jaccard[1][2]   // 2/3: u2 and u3 share 2 of the 3 items either has
///
/// ```
/// Jaccard(a, b) = |I(a) ∩ I(b)| / |I(a) ∪ I(b)|
/// cosine(a, b)  = |I(a) ∩ I(b)| / sqrt(|I(a)| |I(b)|)       (the cosine of the 0/1 rows)
/// ```
///
/// where I(u) is the set of items user u interacted with. Both are 0 when either set is
/// empty, and 1 on the diagonal for a user with at least one item.
/// Introduced in Chapter 2.
public enum UserSimilarity: String, Sendable, CaseIterable {
  /// Shared items over all items either user has.
  case jaccard
  /// Shared items over the geometric mean of the two users' counts.
  case cosine

  /// The similarity of users `a` and `b` in `matrix`.
  public func similarity(_ matrix: InteractionMatrix, _ a: Int, _ b: Int) -> Double {
    let overlap = UserSimilarity.overlap(matrix, a, b)
    let (na, nb) = (matrix.degree(ofUser: a), matrix.degree(ofUser: b))
    guard na > 0 && nb > 0 else { return 0 }
    switch self {
    case .jaccard: return Double(overlap) / Double(na + nb - overlap)
    case .cosine: return Double(overlap) / (Double(na) * Double(nb)).squareRoot()
    }
  }

  /// The whole user × user table, `table[a][b]`.
  ///
  /// - Shape: (users, items) -> (users, users)
  public func matrix(of matrix: InteractionMatrix) -> [[Double]] {
    (0..<matrix.userCount).map { a in
      (0..<matrix.userCount).map { b in similarity(matrix, a, b) }
    }
  }

  /// The Jaccard similarity as an exact fraction (shared, union), e.g. (2, 3) for u2 and u3.
  public static func jaccardFraction(_ matrix: InteractionMatrix, _ a: Int, _ b: Int) -> (
    shared: Int, union: Int
  ) {
    let overlap = overlap(matrix, a, b)
    return (overlap, matrix.degree(ofUser: a) + matrix.degree(ofUser: b) - overlap)
  }

  /// |I(a) ∩ I(b)|, by merging the two sorted rows.
  public static func overlap(_ matrix: InteractionMatrix, _ a: Int, _ b: Int) -> Int {
    matrix.sharedItemCount(user: a, b)
  }
}

/// The cosine of the angle between two vectors (learned user vectors, for instance):
///
/// ```
/// cos(x, y) = x . y / (|x| |y|)        (0 when either is the zero vector)
/// ```
/// Introduced in Chapter 2.
public func cosineSimilarity(_ x: [Float], _ y: [Float]) -> Double {
  ensure(x.count == y.count, "cosineSimilarity: lengths \(x.count) and \(y.count) differ")
  var dot = 0.0
  var xx = 0.0
  var yy = 0.0
  for (a, b) in zip(x, y) {
    dot += Double(a) * Double(b)
    xx += Double(a) * Double(a)
    yy += Double(b) * Double(b)
  }
  guard xx > 0 && yy > 0 else { return 0 }
  return dot / (xx * yy).squareRoot()
}
