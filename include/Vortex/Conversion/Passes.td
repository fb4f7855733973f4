//===- Passes.td - Vortex conversion passes -----------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_CONVERSION_PASSES_TD
#define VORTEX_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertVxTensorToLinalgPass : Pass<"convert-vx-tensor-to-linalg"> {
  let summary = "Lower vx.tensor operations to linalg on tensors";
  let description = [{
    Rewrites vx.tensor operations into `linalg` on tensors, sized from the
    operands (`tensor.dim` for dynamic sizes):

    - elementwise arithmetic, math, activations and casts become one
      `linalg.generic` each, with identity maps and parallel iterators (math
      on 16-bit floats runs in `f32` and rounds once);
    - `broadcast` and `transpose` become generics that read through projected
      or permuted maps; `reshape` becomes `tensor.reshape`;
    - reductions become a `linalg.generic` with reduction iterators into a
      `linalg.fill`ed accumulator (`f32` for 16-bit floats); `keepdims`
      writes through a map with constant 0 for the reduced dimensions, and
      `reduce_mean` divides by the element count;
    - `softmax` is a max, a sum of `exp(x - max)` and a normalization;
      `rms_norm` and `layer_norm` reduce over the last dimension (LayerNorm
      centers on the mean first) and scale by `rsqrt(var + eps)` and the
      weight;
    - `matmul` becomes one generic over batch, M, N (parallel) and K
      (reduction), with the transposes in its maps, a shared 2-D weight
      broadcast over the batch, and `f32` accumulation for 16-bit floats.

    `attention` has no lowering here and is reported as an error at its
    location.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertVxFieldToArithPass : Pass<"convert-vx-field-to-arith"> {
  let summary = "Lower vx.field arithmetic to integer limbs in arith";
  let description = [{
    Stores every field element as one unsigned integer of the modulus width
    rounded up to 32 bits (`i32` for BabyBear and Mersenne31, `i64` for
    Goldilocks, `i256` for the BN254 fields and BLS12-381 Fr, `i384` for
    BLS12-381 Fq), holding the canonical value `a` or the Montgomery form
    `a * 2^w mod p` (`w` that storage width) as the type says. Tensors of
    field elements become tensors of those integers; elementwise operations
    on them become one `linalg.generic` each, computing the scalar lowering.

    Multiplication splits the integers into limbs of `limb-width` bits and
    multiplies with `arith.mului_extended` and `arith.addui_extended`:

    - Montgomery multiplication (CIOS) for the general case, accumulating
      in one integer a limb or two wider than the storage, so that each
      accumulation of a row of limb products is one carry chain (a single
      `add.cc`/`addc` chain after `vx-ptx-carry-chains`); when p leaves a
      spare bit, one extra limb suffices. Canonical elements of these
      fields are multiplied by `R^2 mod p` with a second Montgomery
      multiplication;
    - the special reductions of canonical Goldilocks (`2^64 = 2^32 - 1`,
      `2^96 = -1`), Mersenne31 (`2^31 = 1`), and Barrett reduction for the
      other primes below 2^31 (BabyBear).

    Addition, subtraction and negation work on the whole storage integer.
    Every final subtraction of the modulus is an `arith.select`, never a
    branch; inversion is `a^(p-2)` over the public exponent, and `pow_ct` a
    Montgomery ladder over every bit of its exponent type, so the lowered
    code has no data-dependent branch or loop.

    `batch_inv` becomes an `scf.forall` over chunks: chunk `t` of `T =
    ceil(n / batch-inv-chunk)` takes the elements `t, t + T, ...` and runs
    Montgomery's trick on them (running products, one inversion, a backward
    pass, in place in its slice of the result). One chunk (the default) is
    the fewest multiplications; GPU kernels run the chunks in parallel.
  }];
  let options = [
    Option<"limbWidth", "limb-width", "unsigned", "64",
           "Width of the limbs of multiplications: 32 (GPUs) or 64 (CPUs)">,
    Option<"batchInvChunk", "batch-inv-chunk", "unsigned", "0",
           "Elements per independently inverted chunk of batch_inv "
           "(0: one chunk); chunks are the parallel work of GPU kernels">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def VxPtxCarryChainsPass
    : Pass<"vx-ptx-carry-chains", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Turn wide integer additions in kernels into PTX carry chains";
  let description = [{
    LLVM's NVPTX back end legalizes an addition of integers wider than 64
    bits into 32- or 64-bit additions whose carries it recomputes with
    comparisons and selects; it does not use PTX's carry flag. This pass
    rewrites, in the kernels of a `gpu.module`, every `arith.addi` and
    `arith.addui_extended` on integers wider than 64 bits (a multiple of 32)
    into one `llvm.inline_asm` holding the whole chain (`add.cc.u32`,
    `addc.cc.u32`, ..., `addc.u32`, and the carry out), and every
    `arith.subi` into a `sub.cc`/`subc` chain, which also answers the
    `arith.cmpi ult`/`uge` of the same operands from its borrow. One asm
    statement per chain, because the carry flag does not survive between
    separate asm statements. It also writes each `arith.mului_extended` of
    32-bit limbs as one `mul.wide.u32`: LLVM folds the zero extensions of
    loaded limbs into 64-bit loads and then multiplies in 64 bits.

    The field lowering (`convert-vx-field-to-arith`) accumulates Montgomery
    products in such wide integers, so with this pass each row of a
    multiplication costs its multiplies plus carry chains.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // VORTEX_CONVERSION_PASSES_TD
