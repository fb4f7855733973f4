// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s --check-prefix=STAGED
// RUN: vortex-opt %s --vx-to-gpu="row-stage-bytes=0" | FileCheck %s --check-prefix=NONE
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_75 features=+ptx63" | FileCheck %s --check-prefix=NONE

// Rows past the registers that the softmax reads three times are staged in
// shared memory with cp.async on sm_80 and later (on sm_90a, up to 226 KiB
// per block): the kernel opts in to its dynamic shared memory at launch.
// Not with row-stage-bytes=0, nor before sm_80.
// STAGED: gpu.launch_func {{.+}} dynamic_shared_memory_size
// STAGED: cp.async.cg.shared.global
// STAGED: cp.async.wait_group
// NONE-NOT: cp.async
func.func @softmax(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
