// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x256s4pc2}))' -verify-diagnostics

// expected-error @+1 {{invalid config '64x256s4pc2': ping-pong (p) and clusters (c2) do not combine}}
func.func @f() {
  return
}
