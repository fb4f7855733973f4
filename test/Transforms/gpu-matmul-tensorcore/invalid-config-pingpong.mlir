// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x256s4p}))' -verify-diagnostics

// expected-error @+1 {{invalid config '128x256s4p': ping-pong (p) needs BM = 64 (each consumer warpgroup owns a tile)}}
func.func @f() {
  return
}
