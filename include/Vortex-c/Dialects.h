/*===- Dialects.h - C API of the vx dialects ----------------------*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef VORTEX_C_DIALECTS_H
#define VORTEX_C_DIALECTS_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(VxTensor, vx_tensor);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(VxField, vx_field);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(VxCT, vx_ct);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(VxDist, vx_dist);

/// Adds the vx dialects, the upstream dialects Vortex lowers through and
/// their external models to `registry`, as vortex-opt does.
MLIR_CAPI_EXPORTED void vortexRegisterAllDialects(MlirDialectRegistry registry);

/// Registers Vortex's passes and pipelines (vx-to-gpu, vx-to-cpu, ...) and
/// the upstream passes they are made of, for mlirParsePassPipeline.
MLIR_CAPI_EXPORTED void vortexRegisterAllPasses(void);

//===----------------------------------------------------------------------===//
// vx_field types
//===----------------------------------------------------------------------===//

/// Whether `type` is a vx_field prime-field type.
MLIR_CAPI_EXPORTED bool vortexTypeIsAPrimeField(MlirType type);

/// The prime field called `name` (bn254_fr, babybear, ...), in canonical
/// representation; a null type when the name is unknown.
MLIR_CAPI_EXPORTED MlirType vortexPrimeFieldTypeGetNamed(MlirContext ctx,
                                                         MlirStringRef name);

/// The prime field of the decimal modulus `modulus`; a null type (with a
/// diagnostic) when the modulus is not an odd integer greater than 2.
MLIR_CAPI_EXPORTED MlirType vortexPrimeFieldTypeGet(MlirContext ctx,
                                                    MlirStringRef modulus,
                                                    bool montgomery);

/// Number of bits of the modulus of a prime-field type.
MLIR_CAPI_EXPORTED unsigned vortexPrimeFieldTypeGetModulusBitWidth(MlirType type);

#ifdef __cplusplus
}
#endif

#endif // VORTEX_C_DIALECTS_H
