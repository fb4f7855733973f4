// RUN: vortex-opt %s --pass-pipeline='builtin.module(gpu.module(vx-gpu-fast-exp2))' | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(gpu.module(vx-gpu-fast-exp2,convert-gpu-to-nvvm),gpu-module-to-binary{format=isa})' | FileCheck %s --check-prefix=PTX

// f32 exp2 with `afn` becomes ex2.approx.ftz; without `afn`, on f64 or on the
// host it stays math.exp2 (libdevice's __nv_exp2f on the GPU, which keeps
// subnormal results: ex2.approx.f32 without .ftz).
// CHECK-LABEL: gpu.func @k
// CHECK: %[[A:.+]] = llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f32"(%{{.+}}) : (f32) -> f32
// CHECK: memref.store %[[A]]
// CHECK: math.exp2 %{{.+}} : f32
// CHECK: math.exp2 %{{.+}} fastmath<afn> : f64
// CHECK-LABEL: func.func @host
// CHECK: math.exp2 %{{.+}} fastmath<afn> : f32
// PTX: ex2.approx.ftz.f32
// PTX-SAME: ex2.approx.f32
module attributes {gpu.container_module} {
  gpu.module @m [#nvvm.target<chip = "sm_90a">] {
    gpu.func @k(%x: f32, %y: f64, %out: memref<3xf32>, %out64: memref<1xf64>) kernel {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %a = math.exp2 %x fastmath<afn> : f32
      memref.store %a, %out[%c0] : memref<3xf32>
      %b = math.exp2 %x : f32
      memref.store %b, %out[%c1] : memref<3xf32>
      %c = math.exp2 %y fastmath<afn> : f64
      memref.store %c, %out64[%c0] : memref<1xf64>
      gpu.return
    }
  }
  func.func @host(%x: f32) -> f32 {
    %a = math.exp2 %x fastmath<afn> : f32
    return %a : f32
  }
}
