// RUN: vortex-opt %s --vx-to-cpu | FileCheck %s

// On the CPU, vx_ct.select and the selections of the vx_field lowering in
// constant-time functions become mask arithmetic behind an asm barrier, and
// the code is checked before and after lowering (ct-cpu-leak.mlir).

// CHECK-LABEL: llvm.func @select
// CHECK: llvm.inline_asm asm_dialect = att "", "=r,0"
// CHECK-NOT: llvm.select
// CHECK: llvm.return
func.func @select(%c: i1 {vx_ct.secret}, %a: i64, %b: i64) -> i64 attributes {vx_ct.constant_time} {
  %r = vx_ct.select %c, %a, %b : i64
  return %r : i64
}

// CHECK-LABEL: llvm.func @goldilocks_mul
// CHECK: llvm.inline_asm asm_dialect = att "", "=r,0"
// CHECK-NOT: llvm.select
// CHECK: llvm.return
func.func @goldilocks_mul(%a: !vx_field.pf<goldilocks> {vx_ct.secret}, %b: !vx_field.pf<goldilocks>) -> !vx_field.pf<goldilocks> attributes {vx_ct.constant_time} {
  %r = vx_field.mul %a, %b : !vx_field.pf<goldilocks>
  return %r : !vx_field.pf<goldilocks>
}

// Outside constant-time code, selections stay.
// CHECK-LABEL: llvm.func @public
// CHECK: llvm.select
func.func @public(%c: i1, %a: i64, %b: i64) -> i64 {
  %r = arith.select %c, %a, %b : i64
  return %r : i64
}
