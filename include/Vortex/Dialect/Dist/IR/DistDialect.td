//===- DistDialect.td - vx.dist dialect definition ----------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_DIST_IR_DISTDIALECT_TD
#define VORTEX_DIALECT_DIST_IR_DISTDIALECT_TD

include "mlir/IR/OpBase.td"

def VxDist_Dialect : Dialect {
  let name = "vx_dist";
  let cppNamespace = "::mlir::vortex::vx_dist";
  let summary = "Multi-GPU collectives and pipeline stages";
  let description = [{
    The vx.dist dialect (namespace `vx_dist`) distributes work over the
    devices of a grid declared with upstream `shard.grid`. It adds what the
    upstream `shard` dialect does not have:

    - collectives in destination-passing style, on tensors (with a result) or
      on memrefs (in place, no result), shaped like the NCCL calls they lower
      to: `all_reduce`, `all_gather`, `reduce_scatter`, `broadcast`, and the
      point-to-point `send` and `recv`;
    - pipeline parallelism: `vx_dist.stage` runs a region on the devices at
      one coordinate of a grid axis, and `vx_dist.transfer` moves a value
      from one stage to another.

    Collectives act within the groups of devices that share every grid
    coordinate except those of `grid_axes` (all axes when the list is empty),
    as in `shard`. Ranks inside a group (a `root`, a `peer`) are linear
    indices over `grid_axes` in row-major order.
  }];
  let dependentDialects = ["::mlir::shard::ShardDialect"];
}

class VxDist_Op<string mnemonic, list<Trait> traits = []>
    : Op<VxDist_Dialect, mnemonic, traits>;

#endif // VORTEX_DIALECT_DIST_IR_DISTDIALECT_TD
