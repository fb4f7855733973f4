// RUN: vortex-opt %s --pass-pipeline="builtin.module(gpu.module(vx-ptx-carry-chains))" | FileCheck %s

// Wide additions become one add.cc/addc chain each, subtractions a
// sub.cc/subc chain whose borrow also answers the comparisons of the same
// operands, and 32-bit extended multiplications one mul.wide.u32.

gpu.module @kernels {
  // CHECK-LABEL: func.func @add
  // CHECK: llvm.inline_asm asm_dialect = att "add.cc.u32 $0, $3, $6;\0A\09addc.cc.u32 $1, $4, $7;\0A\09addc.u32 $2, $5, $8;\0A\09", "=r,=r,=r,r,r,r,r,r,r"
  // CHECK-NOT: arith.addi %{{.+}} : i96
  func.func @add(%a: i96, %b: i96) -> i96 {
    %r = arith.addi %a, %b : i96
    return %r : i96
  }

  // CHECK-LABEL: func.func @add_carry
  // CHECK: %[[ASM:.+]] = llvm.inline_asm {{.*}}"add.cc.u32 $0, $4, $7;\0A\09addc.cc.u32 $1, $5, $8;\0A\09addc.cc.u32 $2, $6, $9;\0A\09addc.u32 $3, 0, 0;", "=r,=r,=r,=r,r,r,r,r,r,r"
  // CHECK: %[[C:.+]] = llvm.extractvalue %[[ASM]][3]
  // CHECK: %[[B:.+]] = arith.trunci %[[C]] : i32 to i1
  // CHECK: return %{{.+}}, %[[B]] : i96, i1
  func.func @add_carry(%a: i96, %b: i96) -> (i96, i1) {
    %s, %o = arith.addui_extended %a, %b : i96, i1
    return %s, %o : i96, i1
  }

  // CHECK-LABEL: func.func @sub_compare
  // CHECK: %[[ASM:.+]] = llvm.inline_asm {{.*}}"sub.cc.u32 $0, $4, $7;\0A\09subc.cc.u32 $1, $5, $8;\0A\09subc.cc.u32 $2, $6, $9;\0A\09subc.u32 $3, 0, 0;"
  // CHECK: %[[W:.+]] = llvm.extractvalue %[[ASM]][3]
  // CHECK: %[[LT:.+]] = arith.trunci %[[W]] : i32 to i1
  // CHECK: %[[GE:.+]] = arith.xori %[[LT]], %{{.+}} : i1
  // CHECK-NOT: arith.cmpi
  // CHECK: return %{{.+}}, %[[LT]], %[[GE]] : i96, i1, i1
  func.func @sub_compare(%a: i96, %b: i96) -> (i96, i1, i1) {
    %lt = arith.cmpi ult, %a, %b : i96
    %d = arith.subi %a, %b : i96
    %ge = arith.cmpi uge, %a, %b : i96
    return %d, %lt, %ge : i96, i1, i1
  }

  // CHECK-LABEL: func.func @narrow
  // CHECK-NOT: llvm.inline_asm
  // CHECK: arith.addi %{{.+}} : i64
  func.func @narrow(%a: i64, %b: i64) -> i64 {
    %r = arith.addi %a, %b : i64
    return %r : i64
  }

  // CHECK-LABEL: func.func @mul_wide
  // CHECK: %[[P:.+]] = llvm.inline_asm {{.*}}"mul.wide.u32 $0, $1, $2;", "=l,r,r" %{{.+}}, %{{.+}} : (i32, i32) -> i64
  // CHECK: %[[LO:.+]] = arith.trunci %[[P]] : i64 to i32
  // CHECK: %[[SH:.+]] = arith.shrui %[[P]]
  // CHECK: %[[HI:.+]] = arith.trunci %[[SH]] : i64 to i32
  // CHECK: return %[[LO]], %[[HI]]
  func.func @mul_wide(%a: i32, %b: i32) -> (i32, i32) {
    %lo, %hi = arith.mului_extended %a, %b : i32
    return %lo, %hi : i32, i32
  }
}
