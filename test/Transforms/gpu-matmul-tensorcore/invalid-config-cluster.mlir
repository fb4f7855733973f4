// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x64s4c2}))' -verify-diagnostics

// expected-error @+1 {{invalid config '128x64s4c2': clusters (c2) split the B tile in 64-column halves: BN must be 128 or 256}}
func.func @f() {
  return
}
