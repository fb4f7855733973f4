// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x100s4}))' -verify-diagnostics

// expected-error @+1 {{vx-gpu-matmul-tensorcore: invalid config '128x100s4': BN must be 64, 128, 192 or 256}}
func.func @f() {
  return
}
