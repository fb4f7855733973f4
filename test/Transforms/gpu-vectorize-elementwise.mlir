// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise))' --split-input-file | FileCheck %s
// RUN: vortex-opt %s --pass-pipeline='builtin.module(func.func(vx-gpu-vectorize-elementwise{width=16 threads=128 vectors-per-thread=2}))' --split-input-file | FileCheck %s --check-prefix=TWO

// bf16: four elements per 8-byte access when every buffer is aligned, in a
// kernel of 512 threads with one vector each, then a scalar tail; the
// original op otherwise.
// CHECK-LABEL: func.func @bf16
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: memref<?xbf16>, %[[B:[a-z0-9_]+]]: memref<?xbf16>)
// CHECK-DAG: %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG: %[[N:.+]] = memref.dim %[[B]]
// CHECK-DAG: %[[C7:.+]] = arith.constant 7 : index
// CHECK: %[[PA:.+]] = memref.extract_aligned_pointer_as_index %[[A]]
// CHECK: arith.andi %[[PA]], %[[C7]]
// CHECK: %[[PB:.+]] = memref.extract_aligned_pointer_as_index %[[B]]
// CHECK: scf.if
// CHECK: %[[NV:.+]] = arith.divui %[[N]], %[[C4]]
// CHECK: %[[END:.+]] = arith.muli %[[NV]], %[[C4]]
// CHECK: %[[C512:.+]] = arith.constant 512 : index
// CHECK: %[[BLOCKS:.+]] = arith.ceildivui %[[NV]], %[[C512]]
// CHECK: gpu.launch blocks(%[[BX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[BLOCKS]], %{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}) threads(%[[TX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[C512]],
// CHECK: %[[BASE:.+]] = arith.muli %[[BX]], %[[C512]]
// CHECK: %[[J:.+]] = arith.addi %[[BASE]], %[[TX]]
// CHECK: %[[IN:.+]] = arith.cmpi ult, %[[J]], %[[NV]]
// CHECK: scf.if %[[IN]]
// CHECK: %[[I:.+]] = arith.muli %[[J]], %[[C4]]
// CHECK: %[[V:.+]] = vector.load %[[A]][%[[I]]] {alignment = 8 : i64} : memref<?xbf16>, vector<4xbf16>
// CHECK-COUNT-4: math.exp
// CHECK: %[[R:.+]] = vector.from_elements {{.*}} : vector<4xbf16>
// CHECK: vector.store %[[R]], %[[B]][%[[I]]] {alignment = 8 : i64} : memref<?xbf16>, vector<4xbf16>
// CHECK: gpu.terminator
// CHECK: memref.subview %[[A]][%[[END]]]
// CHECK: memref.subview %[[B]][%[[END]]]
// CHECK: linalg.generic
// CHECK: } else {
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]] : memref<?xbf16>) outs(%[[B]] : memref<?xbf16>)

// Two 16-byte vectors per thread, 128 vectors apart, in blocks of 128
// threads: a thread whose second vector is in range loads both before it
// computes; the others take the first alone.
// TWO-LABEL: func.func @bf16
// TWO: %[[NV:.+]] = arith.divui %{{.+}}, %[[C8:.+]] : index
// TWO: %[[C256:.+]] = arith.constant 256 : index
// TWO: arith.ceildivui %[[NV]], %[[C256]]
// TWO: %[[C128:.+]] = arith.constant 128 : index
// TWO: gpu.launch blocks(%[[BX:.+]], %{{.+}}, %{{.+}}) in ({{.+}}) threads(%[[TX:.+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %[[C128]],
// TWO: %[[BASE:.+]] = arith.muli %[[BX]], %[[C256]]
// TWO: %[[J0:.+]] = arith.addi %[[BASE]], %[[TX]]
// TWO: %[[J1:.+]] = arith.addi %[[J0]], %{{.+}} : index
// TWO: %[[FULL:.+]] = arith.cmpi ult, %[[J1]], %[[NV]]
// TWO: scf.if %[[FULL]] {
// TWO: %[[I0:.+]] = arith.muli %[[J0]], %[[C8]]
// TWO: vector.load %{{.+}}[%[[I0]]] {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// TWO: %[[I1:.+]] = arith.muli %[[J1]], %[[C8]]
// TWO: vector.load %{{.+}}[%[[I1]]] {alignment = 16 : i64} : memref<?xbf16>, vector<8xbf16>
// TWO-COUNT-8: math.exp
// TWO: vector.store %{{.+}}[%[[I0]]]
// TWO-COUNT-8: math.exp
// TWO: vector.store %{{.+}}[%[[I1]]]
// TWO: } else {
// TWO: %[[PART:.+]] = arith.cmpi ult, %[[J0]], %[[NV]]
// TWO: scf.if %[[PART]] {
// TWO: vector.load
// TWO-COUNT-8: math.exp
// TWO: vector.store
// TWO-NOT: vector.load
// TWO: gpu.terminator
func.func @bf16(%a: memref<?xbf16>, %b: memref<?xbf16>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xbf16>) outs(%b : memref<?xbf16>) {
  ^bb0(%x: bf16, %y: bf16):
    %w = arith.extf %x : bf16 to f32
    %e = math.exp %w : f32
    %n = arith.truncf %e : f32 to bf16
    linalg.yield %n : bf16
  }
  return
}

// -----

// The widest element sets the width: f32 in, bf16 out, two per access.
// CHECK-LABEL: func.func @mixed
// CHECK: vector.load %{{.+}} : memref<?xf32>, vector<2xf32>
// CHECK: vector.store %{{.+}} : memref<?xbf16>, vector<2xbf16>
func.func @mixed(%a: memref<?xf32>, %b: memref<?xbf16>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf32>) outs(%b : memref<?xbf16>) {
  ^bb0(%x: f32, %y: bf16):
    %n = arith.truncf %x : f32 to bf16
    linalg.yield %n : bf16
  }
  return
}

// -----

// Elements as wide as the access take one per access (and the kernel's
// block shape); wider ones are left alone.
// CHECK-LABEL: func.func @f64
// CHECK: gpu.launch
// CHECK: vector.load %{{.+}} : memref<?xf64>, vector<1xf64>
// CHECK: vector.store %{{.+}} : memref<?xf64>, vector<1xf64>
// CHECK-LABEL: func.func @i128
// CHECK-NOT: gpu.launch
// CHECK: linalg.generic
// CHECK-NOT: gpu.launch
func.func @f64(%a: memref<?xf64>, %b: memref<?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xf64>) outs(%b : memref<?xf64>) {
  ^bb0(%x: f64, %y: f64):
    %n = arith.negf %x : f64
    linalg.yield %n : f64
  }
  return
}
func.func @i128(%a: memref<?xi128>, %b: memref<?xi128>) {
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<?xi128>) outs(%b : memref<?xi128>) {
  ^bb0(%x: i128, %y: i128):
    %n = arith.addi %x, %x : i128
    linalg.yield %n : i128
  }
  return
}

// -----

// Reductions, multi-dimensional ops and bodies that read the output are
// left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.load
// CHECK-NOT: scf.if
func.func @left_alone(%a: memref<4x8xf32>, %b: memref<4xf32>, %c: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<4x8xf32>) outs(%b : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%c : memref<?xf32>) {
  ^bb0(%y: f32):
    %d = arith.addf %y, %y : f32
    linalg.yield %d : f32
  }
  return
}
