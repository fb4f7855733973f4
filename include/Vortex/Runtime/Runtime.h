/*===- Runtime.h - Vortex GPU runtime, C API ----------------------*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
/*
 * The Vortex runtime runs what `vortex-opt --vx-to-gpu` compiles. It loads
 * the CUDA driver (libcuda.so.1) with dlopen, so it builds and links on
 * machines without CUDA; every failure is an error code with a message, never
 * an abort.
 *
 * It implements the `mgpu*` functions that MLIR's gpu-to-llvm host code calls
 * (module loading, launches, streams, allocation), so a whole host+device
 * program compiles ahead of time (vortex-translate --mlir-to-llvmir, llc,
 * link against libvortex_runtime.so) and runs on a GPU machine without MLIR.
 */

#ifndef VORTEX_RUNTIME_RUNTIME_H
#define VORTEX_RUNTIME_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum VortexStatus {
  VORTEX_SUCCESS = 0,
  /// libcuda.so.1 could not be loaded, or lacks a needed entry point.
  VORTEX_ERROR_NO_DRIVER = 1,
  /// The driver loaded but reports no usable GPU.
  VORTEX_ERROR_NO_DEVICE = 2,
  /// A CUDA driver call failed (bad module, launch failure, out of memory...).
  VORTEX_ERROR_CUDA = 3,
  /// A null pointer or an impossible size was passed.
  VORTEX_ERROR_INVALID_ARGUMENT = 4,
} VortexStatus;

/// Loads the driver and makes device 0's primary context current on the
/// calling thread. Safe to call many times; the runtime calls it itself.
VortexStatus vortexRuntimeInit(void);

/// The message of the latest failure on any thread ("" when none).
const char *vortexRuntimeLastError(void);

/// The first error since the last vortexRuntimeClearError(), so that code
/// calling void mgpu* entry points can check once at the end.
VortexStatus vortexRuntimeFirstError(void);
void vortexRuntimeClearError(void);

/// Device memory. Freed blocks are cached and reused by later allocations
/// of the same size (as framework allocators do); vortexEmptyCache() waits
/// for the device and returns the cached blocks to the driver.
VortexStatus vortexMalloc(void **ptr, size_t bytes);
VortexStatus vortexFree(void *ptr);
VortexStatus vortexEmptyCache(void);
VortexStatus vortexMemcpyHostToDevice(void *device, const void *host,
                                      size_t bytes);
VortexStatus vortexMemcpyDeviceToHost(void *host, const void *device,
                                      size_t bytes);
VortexStatus vortexMemcpyDeviceToDevice(void *dst, const void *src,
                                        size_t bytes);
/// Waits for all work on the device.
VortexStatus vortexSynchronize(void);

/// Kernel timing with CUDA events. vortexProfilerStart() starts recording
/// an event pair around every kernel launch (forgetting earlier records);
/// vortexProfilerStop() stops, waits for the recorded launches and returns
/// the sum of their GPU times and their number. Host work between launches
/// (argument set-up, allocation, synchronization) is not counted.
VortexStatus vortexProfilerStart(void);
VortexStatus vortexProfilerStop(double *milliseconds, uint64_t *launches);

/// The name of the device ("" before a successful init).
const char *vortexDeviceName(void);

#ifdef __cplusplus
}
#endif

#endif /* VORTEX_RUNTIME_RUNTIME_H */
