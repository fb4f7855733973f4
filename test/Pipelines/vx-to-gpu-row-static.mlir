// RUN: vortex-opt %s --vx-to-gpu="format=isa" | FileCheck %s

// A static row length gives the streaming loop a known trip count; it stays
// a loop of four vector loads per iteration (marked not to unroll) rather
// than straight-line code that holds more of the row than 32 registers
// allow. bf16 rows of 65536: eight steps of 1024 threads, four per
// iteration, so one loop whose body loads four vectors.
// CHECK-LABEL: gpu.binary @row_sum_bf16_kernel
// CHECK-SAME: $L__BB0_1:\0A\09.pragma \22nounroll\22;
// CHECK-SAME: ld.global.v4.b32
// CHECK-SAME: ld.global.v4.b32
// CHECK-SAME: ld.global.v4.b32
// CHECK-SAME: ld.global.v4.b32
// CHECK-NOT: ld.global
// CHECK-SAME: bra \09$L__BB0_1;
// CHECK-NOT: ld.global
// CHECK-SAME: ret;
func.func @row_sum_bf16(%x: tensor<64x65536xbf16>) -> tensor<64xbf16> {
  %r = vx_tensor.reduce_sum %x dims [1] : tensor<64x65536xbf16>
  return %r : tensor<64xbf16>
}
