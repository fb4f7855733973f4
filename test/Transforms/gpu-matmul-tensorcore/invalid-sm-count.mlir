// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{sm-count=0}))' -verify-diagnostics

// expected-error @+1 {{vx-gpu-matmul-tensorcore: sm-count must be positive, got 0}}
func.func @f() {
  return
}
