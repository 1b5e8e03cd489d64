// Ops that pick values by index or by condition.

// MARK: - Gather rows (embedding lookup)

extension Tensor {
  /// The rows `ids` of a matrix, in order (repeats allowed): an embedding lookup.
  /// Backward scatter-adds each gradient row into the row it came from, so only the
  /// looked-up rows of the table's gradient change.
  ///
  /// ```
  /// y[r, :] = table[ids[r], :]      dtable[ids[r], :] += g[r, :]
  /// ```
  /// - Shape: (rows, d) gathered by `ids.count` ids -> (ids.count, d)
  public func gatherRows(_ ids: [Int]) -> Tensor {
    ensure(rank == 2, "gatherRows: the table must be a matrix, shape is \(shape)")
    let (n, d) = (shape[0], shape[1])
    let table = self
    let pt = node.data
    for id in ids { ensure(id >= 0 && id < n, "gatherRows: id \(id) out of range 0..<\(n)") }
    let out = Tensor(shape: [ids.count, d]) { y in
      let py = y.baseAddress!
      for (r, id) in ids.enumerated() {
        VectorKernels.copy(pt + id &* d, to: py + r &* d, count: d)
      }
    }
    return out.recording("gatherRows", inputs: [table]) { g, _ in
      guard table.requiresGrad else { return }
      // Tell the table which rows change, so zeroGrad() clears only those.
      let gt = table.node.gradBuffer(forRows: ids)
      let pg = g.baseAddress!
      for (r, id) in ids.enumerated() {
        VectorKernels.add(pg + r &* d, into: gt + id &* d, count: d)
      }
    }
  }
}

// MARK: - Select

extension Tensor {
  /// Element-wise choice: `a` where `condition` is non-zero, `b` elsewhere. The condition is
  /// data (a 0/1 mask), not differentiated; all three shapes must be equal.
  ///
  /// ```
  /// y = c ? a : b          da += g where c,  db += g where not c
  /// ```
  public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
    ensure(
      condition.shape == a.shape && a.shape == b.shape,
      "select: shapes differ: condition \(condition.shape), a \(a.shape), b \(b.shape)")
    let (pc, pa, pb) = (condition.node.data, a.node.data, b.node.data)
    let out = Tensor(shape: a.shape) { y in for i in y.indices { y[i] = pc[i] != 0 ? pa[i] : pb[i] }
    }
    return out.recording("select", inputs: [a, b]) { g, _ in
      let pc = condition.node.data  // capture the condition itself, so it stays alive
      a.accumulateGrad { ga in for i in ga.indices { ga[i] += pc[i] != 0 ? g[i] : 0 } }
      b.accumulateGrad { gb in for i in gb.indices { gb[i] += pc[i] != 0 ? 0 : g[i] } }
    }
  }

  /// A 0/1 mask: 1 where this tensor's value is greater than `threshold`. Not differentiated.
  public func isGreater(than threshold: Float) -> Tensor {
    map { $0 > threshold ? 1 : 0 }
  }
}
