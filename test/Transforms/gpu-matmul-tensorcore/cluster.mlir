// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x256s4w0c2}))' | FileCheck %s

// Clusters of two blocks: the launch asks for (2, 1, 1) clusters, B's
// descriptor boxes stay 64 x 64 (N innermost), each block loads its own A
// tile and multicasts half of B (two of the four boxes) into both blocks of
// the cluster. The "empty" barriers live after the stages (4 x 48 KiB) and
// the store chunks (2 x 2 x 8 KiB) in dynamic shared memory and expect one
// arrival per consumer warp of both blocks (2 x 8); the consumers' first
// lanes arrive on both blocks' copies through mapa, with CTA scope (a
// cluster-scope release costs a GPU-wide memory barrier per arrival).
// Cluster barriers follow the initialization and end the kernel.
// CHECK-LABEL: func.func @clustered
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<128x64xbf16
// CHECK:         nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16
// CHECK:         gpu.launch clusters({{.*}}) in ({{.*}} = %c2{{(_[0-9]+)?}}, {{.*}} = %c1{{(_[0-9]+)?}}, {{.*}} = %c1{{(_[0-9]+)?}}) blocks({{.*}}) threads({{.*}}) in ({{.*}} = %c384{{.*}}) dynamic_shared_memory_size %c230432_i32
// CHECK:           %[[FULL:.+]] = nvgpu.mbarrier.create
// CHECK:           nvgpu.mbarrier.init %[[FULL]][%{{.+}}], %c1{{(_[0-9]+)?}} :
// CHECK:           nvvm.mbarrier.init %{{.+}}, %c16_i32 : !llvm.ptr<3>, i32
// CHECK:           nvvm.fence.mbarrier.init
// CHECK:           gpu.barrier
// CHECK-NEXT:      nvvm.cluster.arrive {aligned}
// CHECK-NEXT:      nvvm.cluster.wait {aligned}
// Producer: waits on its own block's empty barrier, expects the whole
// stage, loads A alone and multicasts its two boxes of B.
// CHECK:           nvvm.setmaxregister  decrease 40
// CHECK:             nvvm.mbarrier.try_wait.parity %{{.+}}, %{{.+}}, %c10000000_i32 : !llvm.ptr<3>, i32, i32
// CHECK:             nvgpu.mbarrier.arrive.expect_tx %[[FULL]][%{{.+}}], %c49152
// CHECK:             nvgpu.tma.async.load {{.*}} to %{{[^ ]+}} :
// CHECK-COUNT-2:     nvgpu.tma.async.load {{.*}} multicast_mask = %c3_i16
// CHECK-NOT:         nvgpu.tma.async.load
// CHECK:           nvvm.setmaxregister  increase 232
// CHECK:             nvgpu.mbarrier.try_wait.parity %[[FULL]]
// CHECK:             nvvm.wgmma.mma_async {{.*}} <m = 64, n = 256, k = 16>
// CHECK:             nvvm.wgmma.wait.group.sync.aligned 0
// CHECK:             %[[P0:.+]] = nvvm.mapa %{{.+}}, %c0_i32 : !llvm.ptr<3> -> !llvm.ptr<7>
// CHECK:             nvvm.mbarrier.arrive %[[P0]] : !llvm.ptr<7>
// CHECK:             %[[P1:.+]] = nvvm.mapa %{{.+}}, %c1_i32 : !llvm.ptr<3> -> !llvm.ptr<7>
// CHECK:             nvvm.mbarrier.arrive %[[P1]] : !llvm.ptr<7>
// CHECK:           nvvm.cluster.arrive {aligned}
// CHECK-NEXT:      nvvm.cluster.wait {aligned}
// CHECK-NEXT:      gpu.terminator
// CHECK:         {vx.matmul_config = "128x256s4w0c2"}
func.func @clustered(%a: memref<512x512xbf16>, %b: memref<512x512xbf16>) -> memref<512x512xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %acc = memref.alloc() : memref<512x512xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<512x512xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<512x512xbf16>, memref<512x512xbf16>) outs(%acc : memref<512x512xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.extf %y : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  return %acc : memref<512x512xf32>
}
