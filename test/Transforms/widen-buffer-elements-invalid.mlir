// RUN: vortex-opt %s --vx-widen-buffer-elements --split-input-file -verify-diagnostics

// A linalg op on buffers of i384 would need its body rewritten: it must be
// lowered to loops first (as vx-to-cpu and vx-to-gpu do).
#id = affine_map<(d0) -> (d0)>
func.func @linalg(%x: memref<8xi384>, %y: memref<8xi384>) {
  // expected-error @below {{'linalg.generic' op on buffers of 'i384' elements is not supported: such buffers store their elements in 64-byte slots (LLVM lays an 'i384' out in different sizes in host code and in NVPTX kernels), and this operation cannot be rewritten for them}}
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<8xi384>) outs(%y : memref<8xi384>) {
  ^bb0(%a: i384, %b: i384):
    linalg.yield %a : i384
  }
  return
}

// -----

// Code compiled elsewhere reads the 48-byte layout.
// expected-error @below {{'func.func' op declares a function over buffers of wide integers that must be stored in wider slots; its code, compiled elsewhere, would read them in the narrower layout}}
func.func private @external(memref<?xi384>)

// -----

func.func @vector(%x: memref<8xi320>) -> vector<2xi320> {
  %c0 = arith.constant 0 : index
  // expected-error @below {{'vector.load' op on buffers of 'i320' elements is not supported: such buffers store their elements in 64-byte slots}}
  %v = vector.load %x[%c0] : memref<8xi320>, vector<2xi320>
  return %v : vector<2xi320>
}

// -----

// memref.view places elements by byte offsets into an i8 buffer.
func.func @view(%bytes: memref<96xi8>) {
  %c0 = arith.constant 0 : index
  // expected-error @below {{'memref.view' op on buffers of 'i384' elements is not supported}}
  %v = memref.view %bytes[%c0][] : memref<96xi8> to memref<2xi384>
  return
}

// -----

// expected-error @below {{'memref.global' op has an initial value that is not dense elements; its elements cannot be widened}}
memref.global "private" constant @blob : memref<2xi384> = dense_resource<blob>
{-#
  dialect_resources: {
    builtin: {
      blob: "0x0800000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    }
  }
#-}
