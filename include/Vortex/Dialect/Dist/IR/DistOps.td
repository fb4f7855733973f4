//===- DistOps.td - vx.dist operations ----------------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_DIST_IR_DISTOPS_TD
#define VORTEX_DIALECT_DIST_IR_DISTOPS_TD

include "Vortex/Dialect/Dist/IR/DistDialect.td"
include "mlir/Dialect/Shard/IR/ShardBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def VxDist_Buffer : AnyTypeOf<[AnyRankedTensor, AnyMemRef],
                              "ranked tensor or memref">;

// Collectives read `input` and write `init`. On tensors they return the new
// value of `init`; on memrefs they write it in place and return nothing.
class VxDist_CollectiveOp<string mnemonic, string doc, dag extraArgs,
                          string extraFormat>
    : VxDist_Op<mnemonic, [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = doc;
  let arguments = !con((ins VxDist_Buffer:$input, VxDist_Buffer:$init,
                            FlatSymbolRefAttr:$grid,
                            DefaultValuedAttr<Shard_GridAxesAttr, "{}">:$grid_axes),
                       extraArgs);
  let results = (outs Optional<AnyRankedTensor>:$result);
  let assemblyFormat = "$input `into` $init `on` $grid "
      "(`grid_axes` `=` $grid_axes^)? " # extraFormat #
      " attr-dict `:` type($input) `,` type($init) (`->` type($result)^)?";
  let hasVerifier = 1;
}

def VxDist_AllReduceOp : VxDist_CollectiveOp<"all_reduce",
    "reduce over a device group, result on every device",
    (ins DefaultValuedAttr<Shard_ReductionKindAttr,
                           "::mlir::shard::ReductionKind::Sum">:$reduction),
    "(`reduction` `=` $reduction^)?"> {
  let description = [{
    Reduces `input` elementwise over the devices of each group and writes the
    result, the same on every device, to `init`, which has the shape of
    `input`.

    ```mlir
    shard.grid @tp(shape = 8)
    %r = vx_dist.all_reduce %partial into %out on @tp reduction = sum
        : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
    vx_dist.all_reduce %a into %b on @tp : memref<1024xf32>, memref<1024xf32>
    ```
  }];
}

def VxDist_AllGatherOp : VxDist_CollectiveOp<"all_gather",
    "concatenate the inputs of a device group on every device",
    (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$gather_dim),
    "`gather_dim` `=` $gather_dim"> {
  let description = [{
    Concatenates the `input` of every device of the group, in rank order,
    along `gather_dim` and writes the result to `init` on every device:
    `init`'s size in that dimension is the group size times `input`'s.

    ```mlir
    %r = vx_dist.all_gather %x into %y on @tp gather_dim = 1
        : tensor<4x128xf32>, tensor<4x1024xf32> -> tensor<4x1024xf32>
    ```
  }];
}

def VxDist_ReduceScatterOp : VxDist_CollectiveOp<"reduce_scatter",
    "reduce over a device group, each device keeping one slice",
    (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$scatter_dim,
         DefaultValuedAttr<Shard_ReductionKindAttr,
                           "::mlir::shard::ReductionKind::Sum">:$reduction),
    "`scatter_dim` `=` $scatter_dim (`reduction` `=` $reduction^)?"> {
  let description = [{
    Reduces `input` elementwise over the group and writes to `init` the
    slice along `scatter_dim` that belongs to the device's rank: `input`'s
    size in that dimension is the group size times `init`'s.

    ```mlir
    %r = vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 0
        : tensor<1024xf32>, tensor<128xf32> -> tensor<128xf32>
    ```
  }];
}

def VxDist_BroadcastOp : VxDist_CollectiveOp<"broadcast",
    "copy the input of one device to every device of its group",
    (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$root),
    "`root` `=` $root"> {
  let description = [{
    Writes the `input` of the device of rank `root` to `init` on every
    device of the group. `input` and `init` have the same shape.

    ```mlir
    %r = vx_dist.broadcast %w into %w2 on @dp root = 0
        : tensor<4096xbf16>, tensor<4096xbf16> -> tensor<4096xbf16>
    ```
  }];
}

def VxDist_SendOp : VxDist_Op<"send",
    [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "send a value to one device of the group";
  let description = [{
    Sends `input` to the device of rank `peer` in the group, which receives it
    with a matching `vx_dist.recv`.

    ```mlir
    vx_dist.send %act to 1 on @pp : tensor<16x4096xbf16>
    ```
  }];
  let arguments = (ins VxDist_Buffer:$input,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$peer,
                       FlatSymbolRefAttr:$grid,
                       DefaultValuedAttr<Shard_GridAxesAttr, "{}">:$grid_axes);
  let assemblyFormat = [{
    $input `to` $peer `on` $grid (`grid_axes` `=` $grid_axes^)? attr-dict
    `:` type($input)
  }];
}

def VxDist_RecvOp : VxDist_Op<"recv",
    [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "receive a value from one device of the group";
  let description = [{
    Receives into `init` what the device of rank `peer` sends with
    `vx_dist.send`. On tensors it returns the received value.

    ```mlir
    %a = vx_dist.recv from 0 into %buf on @pp
        : tensor<16x4096xbf16> -> tensor<16x4096xbf16>
    ```
  }];
  let arguments = (ins VxDist_Buffer:$init,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$peer,
                       FlatSymbolRefAttr:$grid,
                       DefaultValuedAttr<Shard_GridAxesAttr, "{}">:$grid_axes);
  let results = (outs Optional<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    `from` $peer `into` $init `on` $grid (`grid_axes` `=` $grid_axes^)? attr-dict
    `:` type($init) (`->` type($result)^)?
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Pipeline parallelism
//===----------------------------------------------------------------------===//

def VxDist_StageOp : VxDist_Op<"stage", [IsolatedFromAbove,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
    SingleBlockImplicitTerminator<"::mlir::vortex::vx_dist::YieldOp">,
    RecursiveMemoryEffects]> {
  let summary = "a pipeline stage: code that runs on one slice of the grid";
  let description = [{
    Runs its region on the devices whose coordinate along grid axis `axis` is
    `index`. The region is isolated from above: its block arguments receive
    the operands, and it yields the stage's results. Values cross from one
    stage to the next through `vx_dist.transfer`.

    ```mlir
    shard.grid @pp(shape = 4)
    %h = vx_dist.stage 0 on @pp axis = 0 (%x) : (tensor<16x4096xbf16>) -> tensor<16x4096xbf16> {
    ^bb0(%in: tensor<16x4096xbf16>):
      %y = vx_tensor.relu %in : tensor<16x4096xbf16>
      vx_dist.yield %y : tensor<16x4096xbf16>
    }
    %t = vx_dist.transfer %h from 0 to 1 on @pp axis = 0 : tensor<16x4096xbf16>
    ```
  }];
  let arguments = (ins ConfinedAttr<I64Attr, [IntNonNegative]>:$index,
                       FlatSymbolRefAttr:$grid,
                       DefaultValuedAttr<ConfinedAttr<I64Attr, [IntNonNegative]>,
                                         "0">:$axis,
                       Variadic<AnyType>:$operands);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $index `on` $grid `axis` `=` $axis ` ` `(` $operands `)` attr-dict `:`
    functional-type($operands, $results) $body
  }];
  let hasRegionVerifier = 1;
}

def VxDist_YieldOp : VxDist_Op<"yield", [Pure, Terminator, ReturnLike,
                                         HasParent<"StageOp">]> {
  let summary = "return values from a vx_dist.stage";
  let arguments = (ins Variadic<AnyType>:$values);
  let builders = [OpBuilder<(ins), [{ /* nothing to yield */ }]>];
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def VxDist_TransferOp : VxDist_Op<"transfer", [SameOperandsAndResultType,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "move a value from one pipeline stage to another";
  let description = [{
    Moves `input`, produced on the devices of stage `source`, to the devices
    of stage `dest` along grid axis `axis`. Each device of the source stage
    sends to the device of the destination stage with the same coordinates on
    the other axes.

    ```mlir
    %t = vx_dist.transfer %h from 0 to 1 on @pp axis = 0 : tensor<16x4096xbf16>
    ```
  }];
  let arguments = (ins AnyType:$input,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$source,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$dest,
                       FlatSymbolRefAttr:$grid,
                       DefaultValuedAttr<ConfinedAttr<I64Attr, [IntNonNegative]>,
                                         "0">:$axis);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $input `from` $source `to` $dest `on` $grid `axis` `=` $axis attr-dict
    `:` type($input)
  }];
  let hasVerifier = 1;
}

#endif // VORTEX_DIALECT_DIST_IR_DISTOPS_TD
