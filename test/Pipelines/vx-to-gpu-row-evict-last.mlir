// RUN: vortex-opt %s --vx-to-gpu="format=isa" | FileCheck %s --check-prefix=HINT
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx74 format=isa" | FileCheck %s --check-prefix=HINT
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx70 format=isa" | FileCheck %s --check-prefix=NONE
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_75 features=+ptx63 format=isa" | FileCheck %s --check-prefix=NONE

// f32 RMSNorm rows of 8193 to 16384 (512 threads, eight vectors each) load
// the row with an L2 evict-last policy where the target has cache policies
// (sm_80 and PTX ISA 7.4 or later); not on older chips or PTX versions.
// HINT: createpolicy.fractional.L2::evict_last.b64
// HINT: ld.global.L2::cache_hint.v4.b32
// NONE-NOT: cache_hint
// NONE-NOT: createpolicy
func.func @rms_norm(%x: tensor<?x?xf32>, %w: tensor<?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.rms_norm %x, %w eps 1.0e-05 : tensor<?x?xf32>, tensor<?xf32>
  return %r : tensor<?x?xf32>
}
