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
      // Tell the table which rows change, so zeroGrad() clears only those.
      table.accumulateGrad(rows: ids) { gt in
        let (pg, pt) = (g.baseAddress!, gt.baseAddress!)
        for (r, id) in ids.enumerated() {
          VectorKernels.add(pg + r &* d, into: pt + id &* d, count: d)
        }
      }
    }
  }
}

// MARK: - Sum of rows (a sparse multi-hot product)

extension Tensor {
  /// For each example, the sum of the rows of this table at its ids: a linear model on a
  /// sparse 0/1 vector (one row of weights per id), computed without building the vector.
  /// Wide & Deep's wide part (Chapter 4) is this op. Like `gatherRows`, it reads rows by id;
  /// its backward scatter-adds into them.
  ///
  /// ```
  /// y[r, :] = sum over j in ids(r) of W[j, :]        dW[j, :] += g[r, :] for every r with j in ids(r)
  /// ```
  /// Example r's ids are `ids[offsets[r] ..< offsets[r + 1]]`. It equals `x.matmul(W)` for
  /// the 0/1 matrix x with ones at those ids (a test holds them equal), at a cost
  /// proportional to the ones instead of to the whole width.
  /// - Shape: table (n, d), rows of ids -> (offsets.count - 1, d)
  public func sumOfRows(offsets: [Int], ids: [Int]) -> Tensor {
    ensure(rank == 2, "sumOfRows: the table must be a matrix, shape is \(shape)")
    ensure(
      offsets.first == 0 && offsets.last == ids.count,
      "sumOfRows: offsets must run from 0 to ids.count (\(ids.count))")
    let (n, d) = (shape[0], shape[1])
    let rows = offsets.count - 1
    let table = self
    let out = table.withUnsafeBufferPointer { w in
      Tensor(shape: [rows, d]) { y in
        for r in 0..<rows {
          for c in 0..<d { y[r * d + c] = 0 }
          for k in offsets[r]..<offsets[r + 1] {
            let j = ids[k]
            ensure(j >= 0 && j < n, "sumOfRows: id \(j) out of range 0..<\(n)")
            for c in 0..<d { y[r * d + c] += w[j * d + c] }
          }
        }
      }
    }
    return out.recording("sumOfRows", inputs: [table]) { g, _ in
      table.accumulateGrad(rows: ids) { gw in
        for r in 0..<rows {
          for k in offsets[r]..<offsets[r + 1] {
            let j = ids[k]
            for c in 0..<d { gw[j * d + c] += g[r * d + c] }
          }
        }
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
