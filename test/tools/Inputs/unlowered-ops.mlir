func.func @f(%a: index) -> index {
  %r = gpu.thread_id x
  return %r : index
}
