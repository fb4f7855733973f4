// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=big}))' -verify-diagnostics

// expected-error @+1 {{invalid config 'big': expected BMxBNsSTAGES[wWAVES][aROWS][p][c2], e.g. 128x256s4, 64x128s8w2, 64x64s16a16, 64x256s5p or 128x256s4c2}}
func.func @f() {
  return
}
