// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-matmul-tensorcore{config=128x128s4}))' | FileCheck %s

// A 256x384x512 bf16 matmul whose f32 accumulator is cast to bf16 by a
// flattened elementwise op (what vx_tensor.matmul becomes after
// vx-lower-to-buffers), in 128 x 128 tiles with 4 stages. On the host: the
// TMA checks, one descriptor per operand (K-major lhs in 128 x 64 boxes,
// N-contiguous rhs in 64 x 64 boxes), the split-K choice, the result's
// descriptor for TMA stores (when aligned and K is not split: the flat
// output viewed as M x N rows, 64 x 64 boxes), one launch of a producer and
// two consumer warpgroups with 4 x 32 KiB + 1 KiB of shared memory and two
// 8 KiB store chunks per consumer; the original ops stay as the fallback.
// CHECK-LABEL: func.func @static_nn
// CHECK-NOT:     linalg.
// CHECK:         memref.extract_aligned_pointer_as_index
// CHECK:         scf.if %{{.+}} {
// CHECK:           nvgpu.tma.create.descriptor {{.*}} box[%{{.+}}, %{{.+}}] : memref<*xbf16> -> <tensor = memref<128x64xbf16, #gpu.address_space<workgroup>>, swizzle = swizzle_128b, l2promo = l2promo_256b, oob = zero, interleave = none>
// CHECK:           nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16, #gpu.address_space<workgroup>>
// Split K (12 tiles would keep few of the 132 multiprocessors busy): zero
// the accumulator first.
// CHECK:           scf.if %[[SPLIT:.+]] {
// CHECK-NEXT:        linalg.fill
// CHECK:           %[[STOREMAP:.+]] = scf.if %{{.+}} -> (i64) {
// CHECK:             memref.reinterpret_cast %{{.+}} to offset: [%{{.+}}], sizes: [%{{.+}}, %{{.+}}], strides: [%{{.+}}, %{{.+}}] : memref<98304xbf16> to memref<?x?xbf16
// CHECK:             nvgpu.tma.create.descriptor {{.*}} -> <tensor = memref<64x64xbf16, #gpu.address_space<workgroup>>
// CHECK:           } else {
// CHECK:             arith.constant 0 : i64
// CHECK:           gpu.launch blocks({{.*}}) threads({{.*}}) in ({{.*}} = %c384{{.*}}) dynamic_shared_memory_size %c164864_i32
// Barriers: full (1 arrival: the producer's expect_tx) and empty (256: the consumers).
// CHECK:             %[[FULL:.+]] = nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 4>
// CHECK:             %[[EMPTY:.+]] = nvgpu.mbarrier.create
// CHECK:             nvgpu.mbarrier.init %[[FULL]][%{{.+}}], %c1{{(_[0-9]+)?}} :
// CHECK:             nvgpu.mbarrier.init %[[EMPTY]][%{{.+}}], %c256
// CHECK:             gpu.barrier
// Producer warpgroup: gives registers away, one thread streams stages.
// CHECK:             nvvm.setmaxregister  decrease 40
// CHECK:             scf.for
// CHECK:               scf.for
// CHECK:                 nvgpu.mbarrier.try_wait.parity %[[EMPTY]]
// CHECK:                 nvgpu.mbarrier.arrive.expect_tx %[[FULL]][%{{.+}}], %c32768
// CHECK-COUNT-3:         nvgpu.tma.async.load
// CHECK:             } else {
// Consumers: 4 wgmma of 64x128x16 per stage, rhs N-major (row layout).
// A unit with stages runs its first stage apart, the first wgmma with
// scale-d zero on an undefined accumulator (no register copies of a zero
// accumulator near the wgmmas), then the others; one without stages (an
// empty K chunk) has a zero accumulator. Two consumer warpgroups wait for
// their own group at the end of each stage (wait.group 0) and release the
// stage at once (its wgmmas are done).
// CHECK:             nvvm.setmaxregister  increase 232
// CHECK:             scf.for
// CHECK:               scf.if %{{.+}} -> (!llvm.struct<(f32, f32
// CHECK:                 llvm.mlir.undef : !llvm.struct<(f32, f32
// CHECK:                 nvgpu.mbarrier.try_wait.parity %[[FULL]]
// CHECK:                 nvvm.wgmma.fence.aligned
// CHECK:                 nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 16>, D[<f32>, <zero>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <row>]
// CHECK-COUNT-3:         nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 16>, D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <row>]
// CHECK:                 nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT:            nvvm.wgmma.wait.group.sync.aligned 0
// CHECK:                 scf.for
// CHECK:                   nvgpu.mbarrier.try_wait.parity %[[FULL]]
// CHECK:                   nvvm.wgmma.fence.aligned
// CHECK-COUNT-4:           nvvm.wgmma.mma_async {{.*}} <m = 64, n = 128, k = 16>, D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <row>]
// CHECK:                   nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT:              nvvm.wgmma.wait.group.sync.aligned 0
// CHECK:                   nvgpu.mbarrier.arrive %[[EMPTY]]
// CHECK:               } else {
// CHECK:                 llvm.mlir.zero : !llvm.struct<(f32, f32
// CHECK:               nvvm.wgmma.wait.group.sync.aligned 0
// CHECK-NOT:           nvgpu.mbarrier.arrive
// With split K the fragment is added into the accumulator; without, the
// epilogue's truncation is applied and the tile stored: through shared
// memory and TMA in two chunks of 64 x 64 when the tile lies inside the
// result and the descriptor exists (each chunk: wait until the chunk
// buffer's last store has read it, 16 pairs per thread in the swizzled
// chunk, proxy fence, one thread stores), otherwise at the linear index:
// pairs of columns at once in tiles inside the result, one by one, checked,
// in the others.
// CHECK:               memref.atomic_rmw addf
// CHECK:             } else {
// CHECK:               scf.if %{{.+}} {
// CHECK:                 nvvm.cp.async.bulk.wait_group 1 {read}
// CHECK-NEXT:          }
// CHECK-NEXT:          nvvm.barrier id = %{{.+}} number_of_threads = %c128_i32
// CHECK-COUNT-16:      vector.store %{{.+}} {alignment = 4 : i64} : memref<4096xbf16, 3>, vector<2xbf16>
// CHECK-NEXT:          nvvm.fence.proxy {kind = #nvvm.proxy_kind<async.shared>, space = #nvvm.shared_space<cta>}
// CHECK-NEXT:          nvvm.barrier id = %{{.+}} number_of_threads = %c128_i32
// CHECK:                 nvgpu.tma.async.store %{{.+}} to %{{.+}}[%{{.+}}, %{{.+}}] : memref<64x64xbf16, #gpu.address_space<workgroup>>
// CHECK-NEXT:            nvvm.cp.async.bulk.commit.group
// CHECK:                 nvgpu.tma.async.store
// CHECK-NOT:             nvgpu.tma.async.store
// CHECK:               } else {
// CHECK:               arith.truncf {{.*}} : f32 to bf16
// CHECK:               vector.store {{.*}} {alignment = 4 : i64} : memref<98304xbf16>, vector<2xbf16>
// CHECK:               arith.truncf {{.*}} : f32 to bf16
// CHECK:               memref.store {{.*}} : memref<98304xbf16>
// The block's last stores are done before it exits.
// CHECK:             nvvm.cp.async.bulk.wait_group 0
// CHECK:           {vx.matmul_config = "128x128s4w2"}
// With split K the epilogue runs after the kernel.
// CHECK:           scf.if %[[SPLIT]] {
// CHECK-NEXT:        linalg.generic
// CHECK:         } else {
// CHECK-NEXT:      linalg.fill
// CHECK-NEXT:      linalg.generic
// CHECK:           linalg.generic
// CHECK:         memref.dealloc
func.func @static_nn(%a: memref<256x512xbf16>, %b: memref<512x384xbf16>) -> memref<256x384xbf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %acc = memref.alloc() : memref<256x384xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<256x384xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : memref<256x512xbf16>, memref<512x384xbf16>) outs(%acc : memref<256x384xf32>) {
  ^bb0(%x: bf16, %y: bf16, %o: f32):
    %0 = arith.extf %x : bf16 to f32
    %1 = arith.extf %y : bf16 to f32
    %2 = arith.mulf %0, %1 : f32
    %3 = arith.addf %o, %2 : f32
    linalg.yield %3 : f32
  }
  %out = memref.alloc() : memref<256x384xbf16>
  %flat = memref.collapse_shape %acc [[0, 1]] : memref<256x384xf32> into memref<98304xf32>
  %flatOut = memref.collapse_shape %out [[0, 1]] : memref<256x384xbf16> into memref<98304xbf16>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%flat : memref<98304xf32>) outs(%flatOut : memref<98304xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %0 = arith.truncf %x : f32 to bf16
    linalg.yield %0 : bf16
  }
  memref.dealloc %acc : memref<256x384xf32>
  return %out : memref<256x384xbf16>
}
