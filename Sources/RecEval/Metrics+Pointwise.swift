import Tensors

// MARK: - Classification: AUC and log loss

extension Metrics {
  /// Area under the ROC curve: the probability that a random positive scores above a random
  /// negative, ties counting 1/2 (the Mann–Whitney statistic, with mid-ranks for ties):
  ///
  /// ```
  /// AUC = ( sum of the positives' ranks (ascending, ties get their mean rank) - P (P + 1) / 2 ) / (P N)
  ///     = (1 / (P N)) * sum over pairs (p, n) of [ s_p > s_n ] + 1/2 [ s_p == s_n ]
  /// ```
  ///
  /// Returns NaN when there are no positives or no negatives. NaN scores count as -infinity.
  public static func auc(scores: [Float], labels: [Bool]) -> Double {
    ensure(
      scores.count == labels.count, "Metrics.auc: \(scores.count) scores but \(labels.count) labels"
    )
    let order = scores.indices.sorted { orderable(scores[$0]) < orderable(scores[$1]) }
    var positiveRankSum = 0.0
    var positives = 0
    var start = 0
    while start < order.count {
      var end = start
      let value = orderable(scores[order[start]])
      while end + 1 < order.count && orderable(scores[order[end + 1]]) == value { end += 1 }
      let meanRank = Double(start + end) / 2 + 1  // ranks start..end are 1-based start+1 ... end+1
      for k in start...end where labels[order[k]] {
        positiveRankSum += meanRank
        positives += 1
      }
      start = end + 1
    }
    let negatives = scores.count - positives
    guard positives > 0 && negatives > 0 else { return .nan }
    let p = Double(positives)
    return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
  }

  /// Mean binary cross-entropy of predicted probabilities, clamped to [eps, 1 - eps]:
  ///
  /// ```
  /// logloss = -(1/n) * sum_i [ y_i log p_i + (1 - y_i) log(1 - p_i) ]
  /// ```
  public static func logLoss(probabilities: [Float], labels: [Float], epsilon: Double = 1e-7)
    -> Double
  {
    ensure(
      probabilities.count == labels.count,
      "Metrics.logLoss: \(probabilities.count) probabilities but \(labels.count) labels")
    guard !labels.isEmpty else { return .nan }
    var sum = 0.0
    for (p, y) in zip(probabilities, labels) {
      let q = min(max(Double(p), epsilon), 1 - epsilon)
      sum += Double(y) * Elementary.log(q) + (1 - Double(y)) * Elementary.log(1 - q)
    }
    return -sum / Double(labels.count)
  }
}

// MARK: - Regression: RMSE and MAE

extension Metrics {
  /// Root mean squared error:
  ///
  /// ```
  /// RMSE = sqrt( (1/n) * sum_i (prediction_i - target_i)^2 )
  /// ```
  public static func rmse(predictions: [Float], targets: [Float]) -> Double {
    ensure(
      predictions.count == targets.count,
      "Metrics.rmse: \(predictions.count) predictions but \(targets.count) targets")
    guard !targets.isEmpty else { return .nan }
    var sum = 0.0
    for (p, t) in zip(predictions, targets) {
      sum += (Double(p) - Double(t)) * (Double(p) - Double(t))
    }
    return (sum / Double(targets.count)).squareRoot()
  }

  /// Mean absolute error:
  ///
  /// ```
  /// MAE = (1/n) * sum_i |prediction_i - target_i|
  /// ```
  public static func mae(predictions: [Float], targets: [Float]) -> Double {
    ensure(
      predictions.count == targets.count,
      "Metrics.mae: \(predictions.count) predictions but \(targets.count) targets")
    guard !targets.isEmpty else { return .nan }
    var sum = 0.0
    for (p, t) in zip(predictions, targets) { sum += abs(Double(p) - Double(t)) }
    return sum / Double(targets.count)
  }
}
