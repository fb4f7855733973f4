// RUN: vortex-translate --vx-kernel-artifact %s --split-input-file | FileCheck %s
// RUN: vortex-translate --vx-kernel-artifact %s --split-input-file --vx-to-gpu-options='chip=sm_80 opt-level=2' | FileCheck %s --check-prefix=SM80

// The artifact of an elementwise function on dynamic shapes. Its plan reads
// the sizes of the arguments, allocates the result, flattens the memrefs
// (extract_strided_metadata + reinterpret_cast, as the host lowering
// expands them) and dispatches on the alignment of the pointers between a
// vectorized kernel with a scalar tail and a scalar kernel.
// CHECK: "format": "vortex-kernel-artifact",
// CHECK-NEXT: "version": 1,
// CHECK-NEXT: "target": {
// CHECK-NEXT: "chip": "sm_90a",
// CHECK-NEXT: "features": "+ptx80",
// CHECK-NEXT: "format": "isa",
// CHECK-NEXT: "opt-level": 3
// CHECK-LABEL: "name": "silu_mul",
// CHECK-NEXT: "arguments": [{"element":"f32","kind":"tensor","shape":[-1,-1]},{"element":"f32","kind":"tensor","shape":[-1,-1]}],
// CHECK-NEXT: "results": [{"element":"f32","kind":"tensor","shape":[-1,-1]}],
// CHECK-NEXT: "values":
// CHECK-NEXT: "plan": [
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C0:[0-9]+]]],"types":["index"],"value":0}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C1:[0-9]+]]],"types":["index"],"value":1}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C512:[0-9]+]]],"types":["index"],"value":512}
// CHECK: {"op":"memref.dim","results":{{\[}}[[ROWS:[0-9]+]]],"types":["index"],"operands":[0,[[C0]]]}
// CHECK-NEXT: {"op":"memref.dim","results":{{\[}}[[COLS:[0-9]+]]],"types":["index"],"operands":[0,[[C1]]]}
// CHECK-NEXT: {"op":"gpu.alloc","results":{{\[}}[[OUT:[0-9]+]]],"types":["memref<?x?xf32>"],"shape":[-1,-1],"operands":{{\[}}[[ROWS]],[[COLS]]]}
// CHECK-NEXT: {"op":"memref.extract_strided_metadata","results":{{\[}}[[BASE:[0-9]+]],{{[0-9]+}},[[S0:[0-9]+]],[[S1:[0-9]+]],{{[0-9]+}},{{[0-9]+}}],"types":["memref<f32>","index","index","index","index","index"],"operands":[0]}
// CHECK-NEXT: {"op":"arith.muli","results":{{\[}}[[N:[0-9]+]]],"types":["index"],"operands":{{\[}}[[S0]],[[S1]]]}
// CHECK-NEXT: {"op":"memref.reinterpret_cast","results":{{\[}}[[X:[0-9]+]]],"types":["memref<?xf32>"],"operands":[0,[[C0]],[[N]],[[C1]]]}
// CHECK: {"op":"memref.extract_aligned_pointer_as_index","results":{{\[}}[[PTR:[0-9]+]]],"types":["index"],"operands":{{\[}}[[BASE]]]}
// CHECK: "op": "scf.if",
// CHECK: "then": [
// CHECK: {"op":"gpu.launch_func","module":"silu_mul_kernel","kernel":"silu_mul_kernel","grid":{{\[}}[[G:[0-9]+]],[[C1]],[[C1]]],"block":{{\[}}[[C512]],[[C1]],[[C1]]],"operands":{{\[}}{{[0-9]+}},[[X]],{{[0-9]+}},{{[0-9]+}}]}
// CHECK: {"op":"scf.yield"}
// CHECK: "else": [
// CHECK: {"op":"gpu.launch_func","module":"silu_mul_kernel_1","kernel":"silu_mul_kernel","grid":
// CHECK: {"op":"func.return","operands":{{\[}}[[OUT]]]}
// Each kernel module holds its binary and the parameter layout of its
// kernels: a memref<?xf32> is passed as its descriptor (allocated and
// aligned pointers, offset, size, stride), as the NVVM lowering passes it.
// CHECK: "modules": [
// CHECK: "name": "silu_mul_kernel",
// CHECK-NEXT: "format": "ptx",
// CHECK-NEXT: "jit-opt-level": 3,
// CHECK-NEXT: "kernels": [
// CHECK-NEXT: {
// CHECK-NEXT: "name": "silu_mul_kernel",
// CHECK-NEXT: "arguments": ["index","memref<?xf32>","memref<?xf32>","memref<?xf32>"],
// CHECK-NEXT: "params": ["i64","ptr","ptr","i64","i64","i64","ptr","ptr","i64","i64","i64","ptr","ptr","i64","i64","i64"]
// CHECK: "encoding": "text",
// CHECK-NEXT: "binary": "{{.*}}.target sm_90a{{.*}}.entry silu_mul_kernel(
// SM80: "chip": "sm_80",
// SM80: "opt-level": 2
// SM80: "jit-opt-level": 2,
// SM80: "binary": "{{.*}}.target sm_80
func.func @silu_mul(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %s = vx_tensor.silu %x : tensor<?x?xf32>
  %r = vx_tensor.mul %s, %y : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// A row softmax with dynamic rows: the plan dispatches on the row length
// (nested scf.if) between single-pass row kernels of growing block sizes,
// each launched with one block per row (or per group of short rows), and a
// multi-kernel fallback with temporaries that it allocates and frees.
// CHECK-LABEL: "name": "softmax",
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C0:[0-9]+]]],"types":["index"],"value":0}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C1:[0-9]+]]],"types":["index"],"value":1}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C512:[0-9]+]]],"types":["index"],"value":512}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C1024:[0-9]+]]],"types":["index"],"value":1024}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C2048:[0-9]+]]],"types":["index"],"value":2048}
// CHECK-DAG: {"op":"arith.constant","results":{{\[}}[[C4096:[0-9]+]]],"types":["index"],"value":4096}
// CHECK: {"op":"memref.dim","results":{{\[}}[[ROWS:[0-9]+]]],"types":["index"],"operands":[0,[[C0]]]}
// CHECK-NEXT: {"op":"memref.dim","results":{{\[}}[[LEN:[0-9]+]]],"types":["index"],"operands":[0,[[C1]]]}
// CHECK-NEXT: {"op":"gpu.alloc","results":{{\[}}[[OUT:[0-9]+]]],"types":["memref<?x?xbf16>"],"shape":[-1,-1],"operands":{{\[}}[[ROWS]],[[LEN]]]}
// CHECK: {"op":"arith.cmpi","results":{{\[}}[[SHORT:[0-9]+]]],"types":["i1"],"predicate":"ule","operands":{{\[}}[[LEN]],[[C512]]]}
// CHECK: "op": "scf.if",
// CHECK: {"op":"gpu.launch_func","module":"softmax_kernel","kernel":"softmax_kernel","grid":
// CHECK-SAME: "operands":[0,[[OUT]]]}
// CHECK: "else": [
// CHECK-NEXT: {"op":"arith.cmpi","results":{{\[}}{{[0-9]+}}],"types":["i1"],"predicate":"ule","operands":{{\[}}[[LEN]],[[C1024]]]}
// CHECK: "else": [
// CHECK-NEXT: {"op":"arith.cmpi","results":{{\[}}{{[0-9]+}}],"types":["i1"],"predicate":"ule","operands":{{\[}}[[LEN]],[[C2048]]]}
// CHECK: "else": [
// CHECK-NEXT: {"op":"arith.cmpi","results":{{\[}}{{[0-9]+}}],"types":["i1"],"predicate":"ule","operands":{{\[}}[[LEN]],[[C4096]]]}
// CHECK: "op": "scf.if",
// CHECK: {"op":"gpu.launch_func","module":"softmax_kernel_3","kernel":"softmax_kernel","grid":{{\[}}[[ROWS]],[[C1]],[[C1]]],
// CHECK: {"op":"gpu.alloc","results":{{\[}}[[TMP:[0-9]+]]],"types":["memref<?xf32>"],"shape":[-1],"operands":{{\[}}[[ROWS]]]}
// CHECK: {"op":"gpu.dealloc","operands":{{\[}}[[TMP]]]}
// CHECK: {"op":"func.return","operands":{{\[}}[[OUT]]]}
// CHECK: "name": "softmax_kernel",
// CHECK: "arguments": ["memref<?x?xbf16>","memref<?x?xbf16>"],
// CHECK-NEXT: "params": ["ptr","ptr","i64","i64","i64","i64","i64","ptr","ptr","i64","i64","i64","i64","i64"]
func.func @softmax(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}

// -----

// The SIMT matmul: the result is zeroed by one kernel and accumulated by
// another. The PTX entry takes the 21 parameters that the three rank-2
// descriptors expand to.
// CHECK-LABEL: "name": "matmul",
// CHECK-NEXT: "arguments": [{"element":"f32","kind":"tensor","shape":[-1,64]},{"element":"f32","kind":"tensor","shape":[64,-1]}],
// CHECK: {"op":"memref.dim","results":{{\[}}[[M:[0-9]+]]],"types":["index"],"operands":[0,{{[0-9]+}}]}
// CHECK-NEXT: {"op":"memref.dim","results":{{\[}}[[N:[0-9]+]]],"types":["index"],"operands":[1,{{[0-9]+}}]}
// CHECK-NEXT: {"op":"gpu.alloc","results":{{\[}}[[C:[0-9]+]]],"types":["memref<?x?xf32>"],"shape":[-1,-1],"operands":{{\[}}[[M]],[[N]]]}
// CHECK: {"op":"gpu.launch_func","module":"matmul_kernel","kernel":"matmul_kernel",{{.*}}"operands":{{\[}}{{[0-9]+}},[[N]],[[C]]]}
// CHECK-NEXT: {"op":"gpu.launch_func","module":"matmul_kernel_0","kernel":"matmul_kernel",{{.*}}"operands":[1,0,[[C]]]}
// CHECK-NEXT: {"op":"func.return","operands":{{\[}}[[C]]]}
// CHECK: "name": "matmul_kernel_0",
// CHECK: "params": ["ptr","ptr","i64","i64","i64","i64","i64","ptr","ptr","i64","i64","i64","i64","i64","ptr","ptr","i64","i64","i64","i64","i64"]
// CHECK: "binary": "{{.*}}.entry matmul_kernel(
// CHECK-SAME: .param .u64 matmul_kernel_param_20\n)
func.func @matmul(%a: tensor<?x64xf32>, %b: tensor<64x?xf32>) -> tensor<?x?xf32> {
  %c = vx_tensor.matmul %a, %b : tensor<?x64xf32>, tensor<64x?xf32>
  return %c : tensor<?x?xf32>
}

// -----

// Long rows are split over thread-block clusters on sm_90 and later: the
// launch names the cluster's size and the dynamic shared memory where the
// blocks' partial results meet.
// CHECK-LABEL: "name": "softmax_f32",
// CHECK: {"op":"gpu.launch_func","module":"softmax_f32_kernel_{{[0-9]+}}","kernel":"softmax_f32_kernel","grid":{{\[}}{{[0-9]+}},[[C1:[0-9]+]],[[C1]]],"block":{{\[}}{{[0-9]+}},[[C1]],[[C1]]],"cluster":{{\[}}{{[0-9]+}},[[C1]],[[C1]]],"shared":{{[0-9]+}},"operands":
// SM80-LABEL: "name": "softmax_f32",
// SM80-NOT: "cluster"
// SM80: "modules"
func.func @softmax_f32(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// The tensor-core matmul reads its operands through TMA descriptors, which
// the host code creates: the plan creates them as convert-nvgpu-to-nvvm's
// host code does (CUtensorMapDataType 9 for bf16, 128-byte swizzle, 256-byte
// L2 promotion) and passes their device addresses to the kernel as i64s.
// CHECK-LABEL: "name": "mm_bf16",
// CHECK: {"op":"nvgpu.tma.create.descriptor","results":{{\[}}[[A:[0-9]+]]],"types":["i64"],"data_type":9,"interleave":0,"swizzle":3,"l2promo":3,"oob":0,"operands":[0,[[BOX:[0-9]+]],[[BOX]]]}
// CHECK-NEXT: {"op":"nvgpu.tma.create.descriptor","results":{{\[}}[[B:[0-9]+]]],"types":["i64"],"data_type":9,"interleave":0,"swizzle":3,"l2promo":3,"oob":0,"operands":[1,[[BOX]],[[BOX]]]}
// CHECK: {"op":"gpu.launch_func","module":"mm_bf16_kernel_{{[0-9]+}}","kernel":"mm_bf16_kernel",{{.*}}"shared":{{[0-9]+}},"operands":{{\[}}{{[0-9]+}},[[A]],[[B]],
// SM80-LABEL: "name": "mm_bf16",
// SM80-NOT: nvgpu.tma.create.descriptor
// SM80: "modules"
func.func @mm_bf16(%a: tensor<?x4096xbf16>, %b: tensor<4096x4096xbf16>) -> tensor<?x4096xbf16> {
  %c = vx_tensor.matmul %a, %b : tensor<?x4096xbf16>, tensor<4096x4096xbf16>
  return %c : tensor<?x4096xbf16>
}
