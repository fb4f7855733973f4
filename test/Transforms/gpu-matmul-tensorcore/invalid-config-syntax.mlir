// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=big}))' -verify-diagnostics

// expected-error @+1 {{invalid config 'big': expected BMxBNsSTAGES[wWAVES][p], e.g. 128x256s4, 64x128s8w2 or 64x256s5p}}
func.func @f() {
  return
}
