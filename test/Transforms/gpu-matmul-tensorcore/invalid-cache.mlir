// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{cache=%S/Inputs/bad-cache.txt}))' -verify-diagnostics

// A line without a valid configuration names the file and line.
// expected-error-re @+1 {{vx-gpu-matmul-tensorcore: bad tuning cache: {{.*}}bad-cache.txt:1: expected 'ARCH CLASS BMxBNsSTAGES[wWAVES][aROWS][p][c2]' (expected BMxBNsSTAGES[wWAVES][aROWS][p][c2], e.g. 128x256s4, 64x128s8w2, 64x64s16a16, 64x256s5p or 128x256s4c2)}}
func.func @f() {
  return
}
