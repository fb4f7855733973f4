// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x128s8w99}))' -verify-diagnostics

// expected-error @+1 {{invalid config '64x128s8w99': WAVES must be between 0 (no split K) and 64}}
func.func @f() {
  return
}
