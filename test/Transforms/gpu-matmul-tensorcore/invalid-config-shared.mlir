// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x256s6}))' -verify-diagnostics

// Six stages of 128 x 64 and 64 x 256 tiles do not fit in shared memory.
// expected-error @+1 {{invalid config '128x256s6': needs at least 2 stages and at most 232448 bytes of shared memory (295936 asked)}}
func.func @f() {
  return
}
