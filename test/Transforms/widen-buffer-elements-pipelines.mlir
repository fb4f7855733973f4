// RUN: vortex-opt %s --vx-to-outlined-gpu | FileCheck %s --check-prefix=GPU
// RUN: vortex-opt %s --vx-to-cpu | FileCheck %s --check-prefix=CPU

// BLS12-381 Fq elements (i384) travel in 64-byte slots (i512) on both
// pipelines: the host function, the kernel and the CPU code take the same
// buffers. The arithmetic stays on 384 bits.
// GPU-LABEL: func.func @add(
// GPU-SAME: %{{.+}}: memref<?xi512>, %{{.+}}: memref<?xi512>) -> memref<?xi512>
// GPU: gpu.alloc async [%{{.+}}] (%{{.+}}) : memref<?xi512>
// GPU: gpu.launch_func {{.+}} args(%{{.+}} : memref<?xi512>, %{{.+}} : memref<?xi512>, %{{.+}} : memref<?xi512>)
// GPU: gpu.func @add_kernel(%{{.+}}: memref<?xi512>, %{{.+}}: memref<?xi512>, %{{.+}}: memref<?xi512>)
// GPU: %[[A:.+]] = memref.load %{{.+}} : memref<?xi512>
// GPU: arith.trunci %[[A]] : i512 to i384
// GPU: %[[R:.+]] = arith.extui %{{.+}} : i384 to i512
// GPU: memref.store %[[R]], %{{.+}} : memref<?xi512>

// CPU-LABEL: llvm.func @add(
// CPU: llvm.getelementptr %{{.+}}[%{{.+}}] : (!llvm.ptr, i64) -> !llvm.ptr, i512
// CPU: %[[A:.+]] = llvm.load %{{.+}} : !llvm.ptr -> i512
// CPU: llvm.trunc %[[A]] : i512 to i384
// CPU: %[[R:.+]] = llvm.zext %{{.+}} : i384 to i512
// CPU: llvm.store %[[R]], %{{.+}} : i512, !llvm.ptr
!fq = !vx_field.pf<bls12_381_fq, montgomery>
func.func @add(%a: tensor<?xi384>, %b: tensor<?xi384>) -> tensor<?xi384> {
  %x = vx_field.bitcast %a : tensor<?xi384> to tensor<?x!fq>
  %y = vx_field.bitcast %b : tensor<?xi384> to tensor<?x!fq>
  %r = vx_field.add %x, %y : tensor<?x!fq>
  %o = vx_field.bitcast %r : tensor<?x!fq> to tensor<?xi384>
  return %o : tensor<?xi384>
}
