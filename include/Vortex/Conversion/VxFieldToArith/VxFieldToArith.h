//===- VxFieldToArith.h - vx.field to arith ---------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_CONVERSION_VXFIELDTOARITH_VXFIELDTOARITH_H
#define VORTEX_CONVERSION_VXFIELDTOARITH_VXFIELDTOARITH_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
class TypeConverter;
namespace vortex {

#define GEN_PASS_DECL_CONVERTVXFIELDTOARITHPASS
#define GEN_PASS_DECL_VXPTXCARRYCHAINSPASS
#include "Vortex/Conversion/Passes.h.inc"

/// Adds to `converter` the storage of field elements: `!vx_field.pf<p>`
/// becomes the integer of `PrimeFieldType::getStorageBitWidth()` bits, and
/// tensors of field elements tensors of those integers.
void populateVxFieldToArithTypeConversion(TypeConverter &converter);

/// Adds the patterns that lower vx.field operations to arith (scalars) and
/// to `linalg.generic` over arith (tensors), computing on limbs of
/// `limbWidth` bits (32 or 64). `batch_inv` splits its tensor into chunks
/// of `batchInvChunk` elements inverted independently (one chunk when 0).
void populateVxFieldToArithConversionPatterns(TypeConverter &converter,
                                              RewritePatternSet &patterns,
                                              unsigned limbWidth,
                                              unsigned batchInvChunk = 0);

} // namespace vortex
} // namespace mlir

#endif // VORTEX_CONVERSION_VXFIELDTOARITH_VXFIELDTOARITH_H
