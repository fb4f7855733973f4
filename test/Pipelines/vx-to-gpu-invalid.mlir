// RUN: vortex-opt %s --vx-to-gpu="block-size=0" -verify-diagnostics
// RUN: not vortex-opt %s --vx-to-gpu="block-size=2048" 2>&1 | FileCheck %s --check-prefix=BIG
// RUN: not vortex-opt %s --vx-to-gpu="format=cubin" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not vortex-opt %s --vx-to-gpu="chip=sm_42" 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not vortex-opt %s --vx-to-gpu="chip=sm_90a features=+ptx60" 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not vortex-opt %s --vx-map-to-gpu="block-size=-1" 2>&1 | FileCheck %s --check-prefix=MAP
// RUN: not vortex-opt %s --vx-to-gpu="field-batch-inv-chunk=0" 2>&1 | FileCheck %s --check-prefix=CHUNK
// RUN: not vortex-opt %s --vx-to-gpu="row-cluster=16" 2>&1 | FileCheck %s --check-prefix=CLUSTER
// RUN: not vortex-opt %s --vx-map-to-gpu="row-cluster=0" 2>&1 | FileCheck %s --check-prefix=MAPCLUSTER
// RUN: not vortex-opt %s --vx-to-gpu="row-stage-bytes=-2" 2>&1 | FileCheck %s --check-prefix=STAGE
// RUN: not vortex-opt %s --vx-map-to-gpu="row-stage-bytes=-3" 2>&1 | FileCheck %s --check-prefix=MAPSTAGE
// RUN: not vortex-opt %s --vx-to-gpu="elementwise-threads=0" 2>&1 | FileCheck %s --check-prefix=EWTHREADS
// RUN: not vortex-opt %s --vx-map-to-gpu="elementwise-vectors=17" 2>&1 | FileCheck %s --check-prefix=EWVECTORS
// RUN: not vortex-opt %s --vx-to-gpu="elementwise-bytes=12" 2>&1 | FileCheck %s --check-prefix=EWBYTES

// BIG: error: block-size must be between 1 and 1024, got 2048
// FORMAT: for the --format option: Cannot find option named 'cubin'!
// CHIP: error: unknown GPU architecture 'sm_42'
// PTX: error: PTX ISA 6.0 does not support sm_90a; it needs +ptx80 or later
// MAP: error: block-size must be between 1 and 1024, got -1
// CHUNK: error: field-batch-inv-chunk must be at least 1 on the GPU
// CLUSTER: error: row-cluster must be 1, 2, 4 or 8, got 16
// MAPCLUSTER: error: row-cluster must be 1, 2, 4 or 8, got 0
// STAGE: error: row-stage-bytes must be -1 (what the chip allows) or at least 0, got -2
// MAPSTAGE: error: row-stage-bytes must be -1 (what the chip allows) or at least 0, got -3
// EWTHREADS: error: elementwise-threads must be between 1 and 1024, got 0
// EWVECTORS: error: elementwise-vectors must be between 1 and 16, got 17
// EWBYTES: error: elementwise-bytes must be 1, 2, 4, 8 or 16, got 12

// expected-error @+1 {{block-size must be between 1 and 1024, got 0}}
module {
  func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
    %r = vx_tensor.exp %x : tensor<?xf32>
    return %r : tensor<?xf32>
  }
}
