// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x64s16a12}))' -verify-diagnostics

// expected-error @+1 {{invalid config '64x64s16a12': ROWS of A (aROWS) must be 8, 16 or 32}}
func.func @f() {
  return
}
