// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x256s4a16}))' -verify-diagnostics

// expected-error @+1 {{invalid config '128x256s4a16': thin A stages (a) need BM = 64}}
func.func @f() {
  return
}
