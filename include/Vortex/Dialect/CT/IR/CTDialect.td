//===- CTDialect.td - vx.ct dialect definition --------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTDIALECT_TD
#define VORTEX_DIALECT_CT_IR_CTDIALECT_TD

include "mlir/IR/OpBase.td"

def VxCT_Dialect : Dialect {
  let name = "vx_ct";
  let cppNamespace = "::mlir::vortex::vx_ct";
  let summary = "Secrecy and constant-time execution";
  let description = [{
    The vx.ct dialect (namespace `vx_ct`) says which values are secret and
    which code must run in time independent of them.

    Secrecy is a property of values, tracked by analysis rather than carried
    in types, so that every operation of every dialect can compute on secrets
    without a wrapper type and its lowering stays unchanged. Secrets enter in
    two ways only, both visible in the IR:

    - the `vx_ct.secret` unit attribute on a function argument;
    - the result of `vx_ct.conceal`.

    They leave only through `vx_ct.declassify`. Code that must be constant
    time is marked with the `vx_ct.constant_time` unit attribute on a function
    or by a `vx_ct.region`. `vx_ct.select` is the selection that must stay
    branch-free down to the machine code.

    ```mlir
    func.func @mul(%a: !bn254_fr {vx_ct.secret}, %b: !bn254_fr)
        -> !bn254_fr attributes {vx_ct.constant_time} {
      %r = vx_field.mul %a, %b : !bn254_fr
      return %r : !bn254_fr
    }
    ```
  }];
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Unit attribute on a function argument that makes it secret.
    static constexpr ::llvm::StringLiteral kSecretAttrName = "vx_ct.secret";
    /// Unit attribute on a function whose body must be constant time.
    static constexpr ::llvm::StringLiteral kConstantTimeAttrName =
        "vx_ct.constant_time";
    /// Integer attribute on a loop: a public maximum of its trip count.
    static constexpr ::llvm::StringLiteral kMaxTripCountAttrName =
        "vx_ct.max_trip_count";
    /// Array of i1 on a function: which parameters of its lowered signature
    /// are secret (vx-ct-record-params).
    static constexpr ::llvm::StringLiteral kLoweredSecretParamsAttrName =
        "vx_ct.lowered_secret_params";
    /// Dictionary on a module: the secret parameters of its kernels, per
    /// gpu.module and kernel (vx-ct-verify-lowered).
    static constexpr ::llvm::StringLiteral kKernelSecretsAttrName =
        "vx_ct.kernel_secrets";
  }];
}

class VxCT_Op<string mnemonic, list<Trait> traits = []>
    : Op<VxCT_Dialect, mnemonic, traits>;

#endif // VORTEX_DIALECT_CT_IR_CTDIALECT_TD
