// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x64s16a16p}))' -verify-diagnostics

// expected-error @+1 {{invalid config '64x64s16a16p': thin A stages (a) combine with neither ping-pong (p) nor clusters (c2)}}
func.func @f() {
  return
}
