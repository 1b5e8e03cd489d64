import CKernels

// Where tensor buffers come from, and how many have been allocated (for the bench).

/// Room for `count` floats (at least one), 64-byte aligned, from the engine's allocator
/// (`ck_buffer_allocate` in CKernels/Memory.c): recycled buffers carved from memory the
/// kernel backs with 2 MiB pages. A training step frees its buffers at its end and asks
/// for the same sizes again; recycling them keeps their addresses, and so the step's
/// speed, the same from step to step (the README's "How fast" tells what `malloc` did).
func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
  let n = max(count, 1)
  guard let raw = ck_buffer_allocate(n * MemoryLayout<Float>.stride) else {
    fatalError("Tensor: out of memory for \(n) floats")
  }
  return raw.bindMemory(to: Float.self, capacity: n)
}

/// Gives a buffer from `allocateFloats(count)` back for reuse.
func freeFloats(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
  ck_buffer_free(buffer, max(count, 1) * MemoryLayout<Float>.stride)
}

// MARK: - Counting buffers

#if canImport(Synchronization) && os(Linux)
  import Synchronization

  /// The value and gradient buffers allocated so far, by every tensor.
  let bufferAllocations = Atomic<Int>(0)
  @inline(__always) func countBufferAllocation() {
    bufferAllocations.wrappingAdd(1, ordering: .relaxed)
  }
#else
  @inline(__always) func countBufferAllocation() {}
#endif

extension Tensor {
  /// How many value and gradient buffers tensors have allocated so far (the bench divides
  /// the change over some training steps by their number), or `nil` where not counted.
  package static var bufferAllocationCount: Int? {
    #if canImport(Synchronization) && os(Linux)
      return bufferAllocations.load(ordering: .relaxed)
    #else
      return nil
    #endif
  }
}
