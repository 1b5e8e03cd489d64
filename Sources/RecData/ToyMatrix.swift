/// The seed's toy 4 x 5 user–item matrix: implicit feedback, 1 = the user interacted with
/// the item. It is Figure 1(a) of He et al., "Neural Collaborative Filtering" (WWW 2017),
/// the example that shows an inner product cannot place u4 correctly.
///
///     let toy = ToyMatrix.interactions
///     toy.jaccard(user: 1, 2)   // 2/3   (u2 and u3, 0-based 1 and 2)
///
/// ```
///        i1 i2 i3 i4 i5
///   u1 [  1  1  1  0  1 ]
///   u2 [  0  1  1  0  0 ]
///   u3 [  0  1  1  1  0 ]
///   u4 [  1  0  1  1  1 ]
/// ```
///
/// Jaccard similarities: s23 = 2/3 > s12 = 2/4 > s13 = 2/5, and s41 = 3/5 > s43 = 2/5 > s42 = 1/5.
public enum ToyMatrix {
  /// The matrix as dense rows (users u1...u4, items i1...i5).
  public static let rows: [[Int]] = [
    [1, 1, 1, 0, 1],
    [0, 1, 1, 0, 0],
    [0, 1, 1, 1, 0],
    [1, 0, 1, 1, 1],
  ]

  /// The matrix as a sparse `InteractionMatrix` (users 0...3, items 0...4).
  public static let interactions = InteractionMatrix(rows: rows)
}
