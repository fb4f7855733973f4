//===- Internal.h - what the runtime's sources share ------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_RUNTIME_INTERNAL_H
#define VORTEX_RUNTIME_INTERNAL_H

#include "Vortex/Runtime/Runtime.h"

namespace vortex::runtime {

/// Records a failure (vortexRuntimeLastError/FirstError; the first one since
/// the last clear is also printed to stderr) and returns `status`.
__attribute__((visibility("hidden"), format(printf, 2, 3))) VortexStatus
fail(VortexStatus status, const char *format, ...);

} // namespace vortex::runtime

#endif // VORTEX_RUNTIME_INTERNAL_H
