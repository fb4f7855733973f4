//===- Passes.td - vx.ct passes -----------------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_TRANSFORMS_PASSES_TD
#define VORTEX_DIALECT_CT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def VxCTVerifyPass : Pass<"vx-ct-verify"> {
  let summary = "Check that constant-time code does not leak secrets through timing";
  let description = [{
    Runs the secrecy analysis over the whole operation (usually the module):
    secrets enter through `vx_ct.secret` arguments and `vx_ct.conceal`,
    flow through every operation, region control flow, calls, memory
    (storing a secret makes the buffer secret, and the buffers it views and
    the call-site buffers it aliases) and kernel launches, and leave only
    through `vx_ct.declassify`. Thread and block ids are public; shuffles
    carry secrecy like any other operation.

    Then, in every function marked `vx_ct.constant_time`, every
    `vx_ct.region`, and every function or kernel they call or launch, it
    reports an error at each operation whose timing would depend on a
    secret, as declared by `SecrecyOpInterface`:

    - a branch condition or switch selector (`scf.if`, `cf.cond_br`, ...);
    - a loop bound, step or condition, or a kernel launch size;
    - a condition that may leave the function early;
    - a memory index or address, global or shared (bank conflicts);
    - an operand of variable-latency arithmetic (integer division and
      remainder, float division, square root, math functions).

    Inside GPU kernels, secret control flow is reported as warp divergence.
    A secret passed to an external function, or to an argument of a public
    function that does not mark it `vx_ct.secret` (whose callers the
    analysis cannot see), is an error too. Each error carries notes naming
    the secret's source and the operations it flowed through. `arith.select`
    and `vx_ct.select` on secrets are accepted: they are data flow, and the
    final code is checked again after lowering (`vx-ct-verify-lowered`, and
    the PTX check of `vortex-translate --vx-ct-check-ptx`).

    Secrecy is tracked for values and, separately, for the memory that
    memrefs and pointers designate: a buffer that holds secrets may be
    indexed by public indices; reading it gives secrets.
  }];
  let options = [
    Option<"checkExternalBuffers", "check-external-buffers", "bool", "true",
           "Report buffers that hold secrets passed to external functions">
  ];
}

def VxCTRecordParamsPass : Pass<"vx-ct-record-params", "::mlir::ModuleOp"> {
  let summary = "Record which parameters of constant-time functions are "
                "secret, for the checks after lowering";
  let description = [{
    Runs the secrecy analysis on buffers and kernels (after kernel
    outlining, before the conversion to the LLVM dialect) and, on every
    function and kernel of the constant-time code, records in
    `vx_ct.lowered_secret_params` (an `array<i1>`, one per parameter) which
    parameters will be secret once its signature is lowered by the LLVM
    type converter (memref descriptors expanded into pointers, offset, sizes
    and strides): the pointers of a buffer that holds secrets, and the
    parameters of a secret scalar. The record replaces the `vx_ct.secret`
    marks of the function's arguments. The conversion to the LLVM dialect
    drops argument attributes of arguments it expands (and would copy them
    onto the descriptor pointers of the C wrappers it generates), and kernel
    outlining does not carry `vx_ct.secret` to the kernel's arguments;
    `vx-ct-verify-lowered` turns the record back into `vx_ct.secret`
    arguments. Kernels launched from constant-time code are
    marked `vx_ct.constant_time`, so that `vx-ct-lower` and the later checks
    see them as constant-time code on their own.
  }];
}

def VxCTVerifyLoweredPass : Pass<"vx-ct-verify-lowered", "::mlir::ModuleOp"> {
  let summary = "Check constant-time code again after lowering to the "
                "LLVM and NVVM dialects";
  let description = [{
    The check of `vx-ct-verify`, on code lowered to the LLVM and NVVM
    dialects (host functions, and kernels in `gpu.module`s, before they
    become a `gpu.binary`): a branch or switch on a secret, a load, store,
    atomic or address computation (`getelementptr`) at a secret address, a
    division, remainder, square root or math intrinsic on a secret, as the
    external models of `SecrecyOpInterface` declare for the LLVM and NVVM
    operations. Secrets enter through the parameters recorded by
    `vx-ct-record-params` (made `vx_ct.secret` arguments here) and
    `vx_ct.secret` arguments, and reach kernel parameters through the
    operands of `gpu.launch_func`.

    Buffers that hold secrets may be passed to external functions here: in
    lowered code those are the GPU runtime's allocations and copies, which
    do not look at the data; `vx-ct-verify`, which runs before lowering,
    reports user code that passes them to external functions.

    Then it records, on the module, which kernel parameters are secret, in
    `vx_ct.kernel_secrets`, for the PTX check: for each `gpu.module` and
    kernel, the parameters whose value is secret (`values`) and the pointer
    parameters whose memory holds secrets (`memory`), by their position in
    the kernel's PTX parameter list. With `check=false` it only records
    (the PTX check can then catch what this check would have).
  }];
  let options = [
    Option<"check", "check", "bool", "true",
           "Report leaks (otherwise only record the secret kernel parameters)">
  ];
}

def VxCTLinearizePass : Pass<"vx-ct-linearize"> {
  let summary = "Rewrite secret-dependent control flow and table reads into constant-time code";
  let description = [{
    In the code `vx-ct-verify` checks, rewrites what can be made constant
    time:

    - an `scf.if` on a secret whose branches have no side effects becomes
      both branches, inlined, and a `vx_ct.select` per result;
    - a `memref.load` or `tensor.extract` at a secret index from a
      statically shaped one-dimensional table of at most `max-table-size`
      elements becomes a loop over every element that keeps the wanted one
      with `vx_ct.select`;
    - an `scf.for` with a secret upper bound and a public maximum trip
      count, declared by a `vx_ct.max_trip_count` integer attribute, whose
      body has no side effects, runs that many iterations and keeps the
      results of the iterations below the bound with `vx_ct.select`.

    Each candidate it cannot rewrite gets a warning that says why; the
    errors of `vx-ct-verify` then remain.
  }];
  let options = [
    Option<"maxTableSize", "max-table-size", "int64_t", "64",
           "Largest table read by a full scan">
  ];
  let dependentDialects = ["::mlir::vortex::vx_ct::VxCTDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def VxCTLowerPass : Pass<"vx-ct-lower"> {
  let summary = "Lower vx_ct operations, keeping vx_ct.select branch-free";
  let description = [{
    Removes `vx_ct.conceal` and `vx_ct.declassify` (they return their
    operand), inlines `vx_ct.region`, and lowers `vx_ct.select` on
    integers, indices and floats (scalars, vectors or tensors) into mask
    arithmetic, `f ^ ((t ^ f) & mask)` with `mask = -zext(c)`. LLVM would
    fold that pattern back into a `select`, which it may then turn into a
    branch; so on scalars the mask first goes through an empty inline-asm
    barrier that LLVM cannot see through (`target=cpu`), or the selection is
    done by PTX `selp` in inline asm, 32 or 64 bits at a time, which the
    NVPTX back end emits as is (`target=nvptx`).

    In constant-time code (functions marked `vx_ct.constant_time`,
    `vx_ct.region`s and what they call or launch), `arith.select` is lowered
    the same way: the vx_field lowering's conditional subtractions and
    selections are `arith.select`s, which LLVM may otherwise turn into
    branches.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"cpu\"",
           "Code the selections are lowered for: cpu or nvptx">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

#endif // VORTEX_DIALECT_CT_TRANSFORMS_PASSES_TD
