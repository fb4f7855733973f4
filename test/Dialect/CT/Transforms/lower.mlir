// RUN: vortex-opt %s -vx-ct-lower | FileCheck %s --check-prefixes=CHECK,CPU
// RUN: vortex-opt %s -vx-ct-lower=target=nvptx | FileCheck %s --check-prefixes=CHECK,PTX

// CHECK-LABEL: func.func @ops
// CHECK-NOT: vx_ct.
func.func @ops(%k: i64, %x: i64) -> i64 {
  %s = vx_ct.conceal %k : i64
  %r = vx_ct.region -> i64 {
    %m = arith.muli %s, %x : i64
    vx_ct.yield %m : i64
  }
  %p = vx_ct.declassify %r : i64
  // CHECK: %[[M:.+]] = arith.muli %{{.+}}, %{{.+}} : i64
  // CHECK: return %[[M]]
  return %p : i64
}

// CHECK-LABEL: func.func @select_i64
func.func @select_i64(%c: i1, %a: i64, %b: i64) -> i64 {
  // CPU: %[[W:.+]] = arith.extui %{{.+}} : i1 to i64
  // CPU: %[[MASK:.+]] = arith.subi %{{.+}}, %[[W]] : i64
  // CPU: %[[HIDDEN:.+]] = llvm.inline_asm asm_dialect = att "", "=r,0" %[[MASK]] : (i64) -> i64
  // CPU: %[[D:.+]] = arith.xori %[[A:.+]], %[[B:.+]] : i64
  // CPU: %[[K:.+]] = arith.andi %[[D]], %[[HIDDEN]] : i64
  // CPU: arith.xori %[[B]], %[[K]] : i64
  // PTX: llvm.inline_asm asm_dialect = att "selp.b64 $0, $1, $2, $3;", "=l,l,l,b" %{{.+}}, %{{.+}}, %{{.+}} : (i64, i64, i1) -> i64
  // CHECK-NOT: arith.select
  %r = vx_ct.select %c, %a, %b : i64
  return %r : i64
}

// CHECK-LABEL: func.func @select_i256
func.func @select_i256(%c: i1, %a: i256, %b: i256) -> i256 {
  // CPU: llvm.inline_asm asm_dialect = att "", "=r,0" %{{.+}} : (i64) -> i64
  // CPU: arith.extsi %{{.+}} : i64 to i256
  // PTX-COUNT-8: llvm.inline_asm asm_dialect = att "selp.b32 $0, $1, $2, $3;", "=r,r,r,b"
  %r = vx_ct.select %c, %a, %b : i256
  return %r : i256
}

// CHECK-LABEL: func.func @select_f32
func.func @select_f32(%c: i1, %a: f32, %b: f32) -> f32 {
  // CHECK: arith.bitcast %{{.+}} : f32 to i32
  // CHECK: arith.bitcast %{{.+}} : i32 to f32
  %r = vx_ct.select %c, %a, %b : f32
  return %r : f32
}

// CHECK-LABEL: func.func @select_vector
func.func @select_vector(%c: vector<4xi1>, %a: vector<4xi32>, %b: vector<4xi32>) -> vector<4xi32> {
  // CHECK: arith.extui %{{.+}} : vector<4xi1> to vector<4xi32>
  // CHECK: arith.andi
  %r = vx_ct.select %c, %a, %b : vector<4xi1>, vector<4xi32>
  return %r : vector<4xi32>
}

// In constant-time code, arith.select is lowered as vx_ct.select; elsewhere
// it stays.
// CHECK-LABEL: func.func @arith_select_ct
func.func @arith_select_ct(%c: i1, %a: i32, %b: i32) -> i32 attributes {vx_ct.constant_time} {
  // CPU: llvm.inline_asm asm_dialect = att "", "=r,0"
  // PTX: llvm.inline_asm asm_dialect = att "selp.b32 $0, $1, $2, $3;", "=r,r,r,b"
  // CHECK-NOT: arith.select
  %r = arith.select %c, %a, %b : i32
  return %r : i32
}

// CHECK-LABEL: func.func @arith_select_public
func.func @arith_select_public(%c: i1, %a: i32, %b: i32) -> i32 {
  // CHECK: arith.select
  %r = arith.select %c, %a, %b : i32
  return %r : i32
}
