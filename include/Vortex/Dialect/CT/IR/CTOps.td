//===- CTOps.td - vx.ct operations --------------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTOPS_TD
#define VORTEX_DIALECT_CT_IR_CTOPS_TD

include "Vortex/Dialect/CT/IR/CTDialect.td"
include "Vortex/Dialect/CT/IR/CTInterfaces.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def VxCT_ConcealOp : VxCT_Op<"conceal", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<VxCT_SecrecyOpInterface, ["getResultSecrecy"]>]> {
  let summary = "make a value secret";
  let description = [{
    Returns its operand unchanged, from here on secret: every value computed
    from the result is secret too, until `vx_ct.declassify`.

    ```mlir
    %k = vx_ct.conceal %key : i64
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def VxCT_DeclassifyOp : VxCT_Op<"declassify", [Pure,
    SameOperandsAndResultType,
    DeclareOpInterfaceMethods<VxCT_SecrecyOpInterface, ["getResultSecrecy"]>]> {
  let summary = "make a secret value public";
  let description = [{
    Returns its operand unchanged, from here on public. This is the only way
    a secret becomes public, so every release of secret information is an
    operation that can be found and reviewed.

    ```mlir
    %ok = vx_ct.declassify %valid : i1
    ```
  }];
  let arguments = (ins AnyType:$input);
  let results = (outs AnyType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def VxCT_SelectOp : VxCT_Op<"select", [Pure,
    AllTypesMatch<["true_value", "false_value", "result"]>]> {
  let summary = "constant-time selection";
  let description = [{
    Returns `true_value` where `condition` is set and `false_value` elsewhere.
    Unlike `arith.select`, it is lowered to code that evaluates both values
    and combines them without a branch (masks on CPUs, a predicated select on
    GPUs), whatever later passes do. The condition is `i1`, or `i1` elements
    of the same shape as a tensor or vector operand.

    ```mlir
    %r = vx_ct.select %bit, %a, %b : !bn254_fr
    ```
  }];
  let arguments = (ins BoolLike:$condition, AnyType:$true_value,
                       AnyType:$false_value);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    custom<SelectConditionType>(type($condition), type($result))
  }];
  let hasVerifier = 1;
}

def VxCT_RegionOp : VxCT_Op<"region", [
    SingleBlockImplicitTerminator<"::mlir::vortex::vx_ct::YieldOp">,
    RecursiveMemoryEffects,
    DeclareOpInterfaceMethods<RegionBranchOpInterface>]> {
  let summary = "a region whose execution must be constant time";
  let description = [{
    Runs its single-block region once and returns the values it yields. The
    code inside must take time independent of every secret it computes on
    (`vx-ct-verify` checks it, as it checks `vx_ct.constant_time`
    functions); values from outside are used directly.

    ```mlir
    %r = vx_ct.region -> i64 {
      %m = arith.muli %k, %x : i64
      vx_ct.yield %m : i64
    }
    ```
  }];
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "(`->` type($results)^)? $body attr-dict";
  let hasVerifier = 1;
}

def VxCT_YieldOp : VxCT_Op<"yield", [Pure, Terminator, ReturnLike,
                                     HasParent<"RegionOp">]> {
  let summary = "return values from a vx_ct.region";
  let arguments = (ins Variadic<AnyType>:$values);
  let builders = [OpBuilder<(ins), [{ /* nothing to yield */ }]>];
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

#endif // VORTEX_DIALECT_CT_IR_CTOPS_TD
