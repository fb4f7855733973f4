// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=64x256s5w0p}))' | FileCheck %s

// The ping-pong schedule: 64 x 256 tiles (40 KiB stages, 5 of them), a
// producer and two consumer warpgroups that take the block's tiles in turn.
// Each stage is released by the one consumer that read it (128 arrivals);
// two more barriers order the mainloops: before its tile, a consumer waits
// until the other has issued the previous tile's wgmmas, and announces its
// own once they are issued, before waiting for them and storing the tile.
// CHECK-LABEL: func.func @pingpong
// CHECK:         gpu.launch blocks({{.*}}) threads({{.*}}) in ({{.*}} = %c384{{.*}}) dynamic_shared_memory_size %c205824_i32
// CHECK:           %[[FULL:.+]] = nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 5>
// CHECK:           %[[EMPTY:.+]] = nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 5>
// CHECK:           %[[ORDER:.+]] = nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 2>
// CHECK:           nvgpu.mbarrier.init %[[FULL]][%{{.+}}], %c1{{(_[0-9]+)?}} :
// CHECK:           nvgpu.mbarrier.init %[[EMPTY]][%{{.+}}], %c128
// CHECK:           nvgpu.mbarrier.init %[[ORDER]][%c0{{(_[0-9]+)?}}], %c128
// CHECK:           nvgpu.mbarrier.init %[[ORDER]][%c1{{(_[0-9]+)?}}], %c128
// CHECK:           gpu.barrier
// CHECK:           nvvm.setmaxregister  decrease 40
// CHECK:           nvgpu.mbarrier.arrive.expect_tx %[[FULL]][%{{.+}}], %c40960
// CHECK:         } else {
// CHECK:           nvvm.setmaxregister  increase 232
// CHECK:           %[[CONSUMER:.+]] = arith.subi %{{.+}}, %c1
// The unit loop carries the ring position and the unit's index in the block.
// CHECK:           scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[START:.+]] = %{{.+}}, %[[INDEX:.+]] = %{{.+}}) -> (index, index)
// CHECK:             %[[PARITY:.+]] = arith.remui %[[INDEX]], %c2
// CHECK:             %[[MINE:.+]] = arith.cmpi eq, %[[PARITY]], %[[CONSUMER]]
// CHECK:             scf.if %[[MINE]] {
// CHECK:               %[[LATER:.+]] = arith.cmpi ult, %c0{{(_[0-9]+)?}}, %[[INDEX]]
// CHECK:               scf.if %[[LATER]] {
// CHECK:                 %[[OTHER:.+]] = arith.subi %c1{{(_[0-9]+)?}}, %[[CONSUMER]]
// CHECK:                 nvgpu.mbarrier.try_wait.parity %[[ORDER]][%[[OTHER]]]
// CHECK:               }
// CHECK:               scf.for
// CHECK:                 nvgpu.mbarrier.try_wait.parity %[[FULL]]
// CHECK:                 nvvm.wgmma.mma_async {{.*}} <m = 64, n = 256, k = 16>
// CHECK:                 nvgpu.mbarrier.arrive %[[EMPTY]]
// CHECK:               nvgpu.mbarrier.arrive %[[ORDER]][%[[CONSUMER]]]
// CHECK-NEXT:          nvvm.wgmma.wait.group.sync.aligned 0
// CHECK:               vector.store
// CHECK:             }
// CHECK:             scf.yield %{{.+}}, %{{.+}} : index, index
// CHECK:         {vx.matmul_config = "64x256s5w0p"}
func.func @pingpong(%a: memref<512x512xbf16>, %b: memref<512x512xbf16>) -> memref<512x512xbf16> {
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
  %out = memref.alloc() : memref<512x512xbf16>
  %flat = memref.collapse_shape %acc [[0, 1]] : memref<512x512xf32> into memref<262144xf32>
  %flatOut = memref.collapse_shape %out [[0, 1]] : memref<512x512xbf16> into memref<262144xbf16>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%flat : memref<262144xf32>) outs(%flatOut : memref<262144xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %0 = arith.truncf %x : f32 to bf16
    linalg.yield %0 : bf16
  }
  memref.dealloc %acc : memref<512x512xf32>
  return %out : memref<512x512xbf16>
}
