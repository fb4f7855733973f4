//===- InitAll.h - register everything Vortex uses --------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_INITALL_H
#define VORTEX_INITALL_H

namespace mlir {
class DialectRegistry;
namespace vortex {

/// Adds the four vx dialects.
void registerVortexDialects(DialectRegistry &registry);

/// Adds the vx dialects, the upstream dialects Vortex lowers through, and
/// their external models (bufferization, conversion to LLVM, GPU targets,
/// translation to LLVM IR).
void registerAllDialects(DialectRegistry &registry);

/// Registers Vortex's passes and pipelines and the upstream pass groups that
/// its pipelines are built from.
void registerAllPasses();

} // namespace vortex
} // namespace mlir

#endif // VORTEX_INITALL_H
