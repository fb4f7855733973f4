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
  /// A kernel image the driver rejects (PTX that does not compile, a cubin
  /// for another GPU), or a kernel artifact that is not one (truncated,
  /// corrupted, of another format version).
  VORTEX_ERROR_INVALID_IMAGE = 5,
  /// No kernel, or no artifact function, of the given name.
  VORTEX_ERROR_NOT_FOUND = 6,
  /// A kernel launch that the driver refused or that failed while running.
  VORTEX_ERROR_LAUNCH_FAILED = 7,
  /// Arguments that do not match an artifact function's signature (number,
  /// element type, rank, static size, layout).
  VORTEX_ERROR_ARGUMENT_MISMATCH = 8,
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

/*===----------------------------------------------------------------------===*
 * Modules, kernels, launches, streams and events
 *===----------------------------------------------------------------------===*/

/// A loaded kernel image (a CUmodule).
typedef struct VortexModule_st *VortexModule;
/// A kernel of a loaded module (a CUfunction).
typedef struct VortexFunction_st *VortexFunction;
/// A CUDA stream (a CUstream): the runtime's own, or one of another library
/// on the same device, such as torch.cuda.Stream.cuda_stream. NULL is the
/// default (legacy NULL) stream.
typedef struct VortexStream_st *VortexStream;
/// A CUDA event (a CUevent) that records time.
typedef struct VortexEvent_st *VortexEvent;

/// Loads a kernel image: PTX text (JIT-compiled by the driver at
/// `ptxOptLevel` 0-4, or the driver's default when negative; a failure
/// returns VORTEX_ERROR_INVALID_IMAGE with the JIT log), a cubin or a fat
/// binary (told apart by their ELF and fatbin magic numbers).
VortexStatus vortexModuleLoadData(VortexModule *module, const void *image,
                                  size_t bytes, int ptxOptLevel);
VortexStatus vortexModuleUnload(VortexModule module);
/// VORTEX_ERROR_NOT_FOUND when the module has no kernel of that name.
VortexStatus vortexModuleGetFunction(VortexFunction *function,
                                     VortexModule module, const char *name);

/// Launches `function` on `stream`. `params` points to one pointer per
/// kernel parameter, each to the parameter's value (cuLaunchKernel's
/// convention). Dynamic shared memory above 48 KiB is opted into for the
/// kernel first. A grid with a zero dimension launches nothing (empty
/// tensors). Launches are timed by vortexProfilerStart/Stop.
VortexStatus vortexLaunchKernel(VortexFunction function, unsigned gridX,
                                unsigned gridY, unsigned gridZ,
                                unsigned blockX, unsigned blockY,
                                unsigned blockZ, unsigned sharedBytes,
                                VortexStream stream, void **params);

/// As vortexLaunchKernel, with thread-block clusters of clusterX x clusterY
/// x clusterZ blocks (sm_90 and later, through cuLaunchKernelEx); the grid
/// counts blocks and is a multiple of the cluster.
VortexStatus vortexLaunchClusterKernel(VortexFunction function,
                                       unsigned clusterX, unsigned clusterY,
                                       unsigned clusterZ, unsigned gridX,
                                       unsigned gridY, unsigned gridZ,
                                       unsigned blockX, unsigned blockY,
                                       unsigned blockZ, unsigned sharedBytes,
                                       VortexStream stream, void **params);

/// A stream that does not synchronize with the NULL stream.
VortexStatus vortexStreamCreate(VortexStream *stream);
VortexStatus vortexStreamDestroy(VortexStream stream);
VortexStatus vortexStreamSynchronize(VortexStream stream);

VortexStatus vortexEventCreate(VortexEvent *event);
VortexStatus vortexEventDestroy(VortexEvent event);
VortexStatus vortexEventRecord(VortexEvent event, VortexStream stream);
VortexStatus vortexEventSynchronize(VortexEvent event);
/// Milliseconds between two recorded events (waits for `end`).
VortexStatus vortexEventElapsedTime(float *milliseconds, VortexEvent start,
                                    VortexEvent end);

/// Stream-ordered device memory, as cudaMallocAsync: a block freed on a
/// stream is reused by later allocations on that stream at once, and by
/// other streams once the work queued before the free has finished. A block
/// from vortexMallocAsync is for work queued on `stream` after it; either
/// free function releases it (vortexFree waits for the device).
VortexStatus vortexMallocAsync(void **ptr, size_t bytes, VortexStream stream);
VortexStatus vortexFreeAsync(void *ptr, VortexStream stream);
/// Copies between device (or pinned host) memory, queued on `stream`.
VortexStatus vortexMemcpyAsync(void *dst, const void *src, size_t bytes,
                               VortexStream stream);
/// Fills `count` 32-bit (16-bit) words with `value`, queued on `stream`.
VortexStatus vortexMemsetD32Async(void *dst, uint32_t value, size_t count,
                                  VortexStream stream);
VortexStatus vortexMemsetD16Async(void *dst, uint16_t value, size_t count,
                                  VortexStream stream);

/*===----------------------------------------------------------------------===*
 * Kernel artifacts (vortex-translate --vx-kernel-artifact)
 *===----------------------------------------------------------------------===*/

/// A loaded kernel artifact: the signatures and launch plans of its
/// functions and the kernel images they launch (loaded on first use).
typedef struct VortexArtifact_st *VortexArtifact;

/// The largest rank of an array a VortexValue describes.
#define VORTEX_MAX_RANK 8

/// An argument or result of an artifact function.
typedef struct VortexValue {
  /// The element type as signatures name it: "f32", "bf16", "i32", "index".
  /// Set by the caller for arguments (checked), by the runtime for results.
  const char *element;
  /// The rank of an array, or -1 for a scalar.
  int32_t rank;
  /// Arrays: the device address of the first element.
  void *data;
  /// Results: the block to release with vortexFree or vortexFreeAsync (the
  /// runtime's allocator). Ignored in arguments.
  void *allocation;
  /// Arrays: sizes and strides in elements. Arguments must be C-contiguous
  /// (dimensions of size 1 may have any stride).
  int64_t sizes[VORTEX_MAX_RANK];
  int64_t strides[VORTEX_MAX_RANK];
  /// Scalars: integers (index, iN) and floats (f32, f64).
  int64_t intValue;
  double floatValue;
} VortexValue;

/// Reads an artifact from a file or from memory and checks all of it (a
/// truncated or corrupted one is VORTEX_ERROR_INVALID_IMAGE, never a
/// crash). Needs no GPU: kernel images load on the first call.
VortexStatus vortexArtifactLoad(VortexArtifact *artifact, const char *path);
VortexStatus vortexArtifactLoadData(VortexArtifact *artifact, const void *data,
                                    size_t bytes);
/// Unloads the artifact's modules and frees it.
VortexStatus vortexArtifactDestroy(VortexArtifact artifact);

/// The artifact's functions: their number, and by index their names and
/// signatures, as the JSON object {"name": ..., "arguments": [...],
/// "results": [...]} of `vortex-translate --vx-kernel-signatures`. NULL for
/// an index out of range. The strings live as long as the artifact.
size_t vortexArtifactFunctionCount(VortexArtifact artifact);
const char *vortexArtifactFunctionName(VortexArtifact artifact, size_t index);
const char *vortexArtifactFunctionSignature(VortexArtifact artifact,
                                            size_t index);

/// Calls function `name`: checks `args` against its signature
/// (VORTEX_ERROR_ARGUMENT_MISMATCH names the argument and the mismatch),
/// then runs its launch plan on `stream`: allocations from the runtime's
/// allocator (stream-ordered), copies and launches queued on `stream`, with
/// no synchronization. Fills `results` (their number must be the
/// function's); the caller owns the result blocks. On failure every block
/// the call allocated is released and `results` are zeroed.
VortexStatus vortexArtifactCall(VortexArtifact artifact, const char *name,
                                const VortexValue *args, size_t numArgs,
                                VortexValue *results, size_t numResults,
                                VortexStream stream);

#ifdef __cplusplus
}
#endif

#endif /* VORTEX_RUNTIME_RUNTIME_H */
