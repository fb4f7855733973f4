// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{cache=%S}))' -verify-diagnostics

// A cache that exists but cannot be read (here a directory) is an error; a
// missing one is an empty cache (cache.mlir).
// expected-error-re @+1 {{vx-gpu-matmul-tensorcore: bad tuning cache: cannot read '{{.*}}': Is a directory}}
func.func @f() {
  return
}
