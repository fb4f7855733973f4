// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=256x128s2}))' -verify-diagnostics

// expected-error @+1 {{invalid config '256x128s2': BM must be 64 or 128 (one or two consumer warpgroups)}}
func.func @f() {
  return
}
