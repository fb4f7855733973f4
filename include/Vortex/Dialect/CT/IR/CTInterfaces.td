//===- CTInterfaces.td - vx.ct secrecy interface ------------*- tablegen -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_DIALECT_CT_IR_CTINTERFACES_TD
#define VORTEX_DIALECT_CT_IR_CTINTERFACES_TD

include "mlir/IR/OpBase.td"

def VxCT_SecrecyOpInterface : OpInterface<"SecrecyOpInterface"> {
  let cppNamespace = "::mlir::vortex::vx_ct";
  let description = [{
    How an operation interacts with secrets, for the secrecy analysis and
    `vx-ct-verify`. An operation without this interface propagates secrecy
    from its operands (and, for memory it writes, into that memory) and
    leaks nothing through its timing. Operations of other dialects join
    through external models (`registerSecrecyExternalModels`), so that the
    analysis never names an operation.
  }];
  let methods = [
    InterfaceMethod<[{
        Appends the operands whose value, if secret, would make the
        operation's timing depend on it: branch conditions, loop bounds,
        memory indices and addresses, operands of variable-latency
        arithmetic.
      }],
      "void", "getTimingLeaks",
      (ins "::llvm::SmallVectorImpl<::mlir::vortex::vx_ct::TimingLeak> &":$leaks),
      [{}], /*defaultImplementation=*/[{ return; }]>,
    InterfaceMethod<[{
        Whether the results are secret when an operand is (the default),
        always public (declassification, shapes of buffers), or always
        secret (concealment).
      }],
      "::mlir::vortex::vx_ct::ResultSecrecy", "getResultSecrecy", (ins), [{}],
      /*defaultImplementation=*/[{
        return ::mlir::vortex::vx_ct::ResultSecrecy::FromOperands;
      }]>,
    InterfaceMethod<[{
        Appends the operands whose memory the results designate too (the
        source of a view, the base of a pointer offset or cast, the
        aggregate a pointer is extracted from), so that a write of a secret
        through a result makes their memory secret as well. By default, the
        source of a `ViewLikeOpInterface` op.
      }],
      "void", "getMemoryBases",
      (ins "::llvm::SmallVectorImpl<::mlir::Value> &":$bases), [{}],
      /*defaultImplementation=*/[{
        if (auto view = ::llvm::dyn_cast<::mlir::ViewLikeOpInterface>(
                $_op.getOperation()))
          bases.push_back(view.getViewSource());
      }]>,
  ];
}

#endif // VORTEX_DIALECT_CT_IR_CTINTERFACES_TD
