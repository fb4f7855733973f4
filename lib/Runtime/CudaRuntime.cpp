//===- CudaRuntime.cpp - Vortex GPU runtime over the CUDA driver ----------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Loads libcuda.so.1 with dlopen and implements the C API of
// Vortex/Runtime/Runtime.h and the mgpu* entry points that MLIR's gpu-to-llvm
// host code calls. No CUDA header or library is needed to build it: the few
// driver types and entry points used are declared here.
//
// The mgpu* functions return nothing (or a handle), as MLIR's host code
// expects; a failure is recorded (vortexRuntimeFirstError/LastError), printed
// once to stderr, and the call degrades to a no-op instead of aborting.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Runtime/Runtime.h"
#include "Internal.h"

#include <dlfcn.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

//===----------------------------------------------------------------------===//
// The CUDA driver API, as far as the runtime uses it
//===----------------------------------------------------------------------===//

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st *;
using CUmodule = struct CUmod_st *;
using CUfunction = struct CUfunc_st *;
using CUstream = struct CUstream_st *;
using CUevent = struct CUevent_st *;
constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_DEINITIALIZED = 4;
constexpr int CU_JIT_ERROR_LOG_BUFFER = 5;
constexpr int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
constexpr int CU_JIT_OPTIMIZATION_LEVEL = 7;
constexpr unsigned CU_STREAM_NON_BLOCKING = 1;
constexpr unsigned CU_EVENT_DISABLE_TIMING = 2;
constexpr unsigned CU_EVENT_DEFAULT = 0;
constexpr unsigned CU_MEM_ATTACH_GLOBAL = 1;
constexpr int CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION = 4;

// cuLaunchKernelEx's configuration, as cuda.h lays it out (CUDA 12).
struct CUlaunchAttribute {
  int id;
  char pad[4];
  union {
    char bytes[64];
    struct {
      unsigned x, y, z;
    } clusterDim;
  } value;
};
struct CUlaunchConfig {
  unsigned gridDimX, gridDimY, gridDimZ;
  unsigned blockDimX, blockDimY, blockDimZ;
  unsigned sharedMemBytes;
  CUstream hStream;
  CUlaunchAttribute *attrs;
  unsigned numAttrs;
};

struct Driver {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuCtxSynchronize)();
  CUresult (*cuGetErrorString)(CUresult, const char **);
  CUresult (*cuModuleLoadData)(CUmodule *, const void *);
  CUresult (*cuModuleLoadDataEx)(CUmodule *, const void *, unsigned, int *,
                                 void **);
  CUresult (*cuModuleUnload)(CUmodule);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, unsigned, CUstream,
                             void **, void **);
  // Optional: drivers before CUDA 12 lack it; only cluster launches need it.
  CUresult (*cuLaunchKernelEx)(const CUlaunchConfig *, CUfunction, void **,
                               void **);
  CUresult (*cuStreamCreate)(CUstream *, unsigned);
  CUresult (*cuStreamDestroy)(CUstream);
  CUresult (*cuStreamSynchronize)(CUstream);
  CUresult (*cuStreamWaitEvent)(CUstream, CUevent, unsigned);
  CUresult (*cuEventCreate)(CUevent *, unsigned);
  CUresult (*cuEventDestroy)(CUevent);
  CUresult (*cuEventRecord)(CUevent, CUstream);
  CUresult (*cuEventSynchronize)(CUevent);
  CUresult (*cuEventElapsedTime)(float *, CUevent, CUevent);
  CUresult (*cuEventQuery)(CUevent);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemAllocManaged)(CUdeviceptr *, size_t, unsigned);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*cuMemcpyDtoD)(CUdeviceptr, CUdeviceptr, size_t);
  CUresult (*cuMemcpyAsync)(CUdeviceptr, CUdeviceptr, size_t, CUstream);
  CUresult (*cuMemsetD32Async)(CUdeviceptr, unsigned, size_t, CUstream);
  CUresult (*cuMemsetD16Async)(CUdeviceptr, unsigned short, size_t, CUstream);
};

//===----------------------------------------------------------------------===//
// State and errors
//===----------------------------------------------------------------------===//

struct State {
  std::mutex mutex;
  bool initialized = false;
  VortexStatus initStatus = VORTEX_SUCCESS;
  void *library = nullptr;
  Driver driver{};
  CUcontext context = nullptr;
  char deviceName[256] = "";
  std::string lastError;
  VortexStatus firstError = VORTEX_SUCCESS;

  // Device memory is expensive to allocate and free (cuMemAlloc
  // synchronizes); freed blocks are kept by size and reused, as framework
  // allocators do, until vortexEmptyCache() or an allocation that fails.
  std::mutex poolMutex;
  std::unordered_map<CUdeviceptr, size_t> liveBlocks;
  std::multimap<size_t, CUdeviceptr> freeBlocks;
  std::vector<CUstream> freeStreams;
  // Blocks freed with vortexFreeAsync: reusable at once on their stream,
  // elsewhere once their event has completed.
  struct AsyncBlock {
    CUdeviceptr ptr;
    size_t size;
    CUstream stream;
    CUevent freed;
  };
  std::vector<AsyncBlock> asyncBlocks;
  std::vector<CUevent> syncEvents;

  // Kernel timing (vortexProfilerStart/Stop): an event pair around each
  // launch while enabled.
  std::mutex profileMutex;
  bool profiling = false;
  std::vector<std::pair<CUevent, CUevent>> launches;
  std::vector<CUevent> timingEvents;
};

State &state() {
  static State s;
  return s;
}

} // namespace

VortexStatus vortex::runtime::fail(VortexStatus status, const char *format,
                                   ...) {
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof(buffer), format, args);
  va_end(args);
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.lastError = buffer;
  if (s.firstError == VORTEX_SUCCESS) {
    s.firstError = status;
    std::fprintf(stderr, "vortex runtime: %s\n", buffer);
  }
  return status;
}

namespace {

using vortex::runtime::fail;

/// Checks a driver call's result; `what` names the call in the message,
/// `status` is what a failure returns.
VortexStatus check(CUresult result, const char *what,
                   VortexStatus status = VORTEX_ERROR_CUDA) {
  if (result == CUDA_SUCCESS)
    return VORTEX_SUCCESS;
  const char *message = "unknown error";
  if (state().driver.cuGetErrorString)
    state().driver.cuGetErrorString(result, &message);
  return fail(status, "%s failed: %s (CUDA error %d)", what, message, result);
}

template <typename Fn>
bool resolve(void *library, const char *name, Fn &fn) {
  fn = reinterpret_cast<Fn>(dlsym(library, name));
  return fn != nullptr;
}

VortexStatus loadDriver(State &s) {
  s.library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!s.library) {
    const char *why = dlerror();
    return fail(VORTEX_ERROR_NO_DRIVER,
                "no CUDA driver found (libcuda.so.1: %s)", why ? why : "?");
  }
  Driver &d = s.driver;
  const char *missing = nullptr;
#define VX_RESOLVE(field, symbol)                                              \
  if (!missing && !resolve(s.library, symbol, d.field))                        \
    missing = symbol;
  VX_RESOLVE(cuInit, "cuInit")
  VX_RESOLVE(cuDeviceGetCount, "cuDeviceGetCount")
  VX_RESOLVE(cuDeviceGet, "cuDeviceGet")
  VX_RESOLVE(cuDeviceGetName, "cuDeviceGetName")
  VX_RESOLVE(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain")
  VX_RESOLVE(cuCtxSetCurrent, "cuCtxSetCurrent")
  VX_RESOLVE(cuCtxSynchronize, "cuCtxSynchronize")
  VX_RESOLVE(cuGetErrorString, "cuGetErrorString")
  VX_RESOLVE(cuModuleLoadData, "cuModuleLoadData")
  VX_RESOLVE(cuModuleLoadDataEx, "cuModuleLoadDataEx")
  VX_RESOLVE(cuModuleUnload, "cuModuleUnload")
  VX_RESOLVE(cuModuleGetFunction, "cuModuleGetFunction")
  VX_RESOLVE(cuLaunchKernel, "cuLaunchKernel")
  VX_RESOLVE(cuStreamCreate, "cuStreamCreate")
  VX_RESOLVE(cuStreamDestroy, "cuStreamDestroy_v2")
  VX_RESOLVE(cuStreamSynchronize, "cuStreamSynchronize")
  VX_RESOLVE(cuStreamWaitEvent, "cuStreamWaitEvent")
  VX_RESOLVE(cuEventCreate, "cuEventCreate")
  VX_RESOLVE(cuEventDestroy, "cuEventDestroy_v2")
  VX_RESOLVE(cuEventRecord, "cuEventRecord")
  VX_RESOLVE(cuEventSynchronize, "cuEventSynchronize")
  VX_RESOLVE(cuFuncSetAttribute, "cuFuncSetAttribute")
  VX_RESOLVE(cuEventElapsedTime, "cuEventElapsedTime_v2")
  VX_RESOLVE(cuEventQuery, "cuEventQuery")
  VX_RESOLVE(cuMemAlloc, "cuMemAlloc_v2")
  VX_RESOLVE(cuMemAllocManaged, "cuMemAllocManaged")
  VX_RESOLVE(cuMemFree, "cuMemFree_v2")
  VX_RESOLVE(cuMemcpyHtoD, "cuMemcpyHtoD_v2")
  VX_RESOLVE(cuMemcpyDtoH, "cuMemcpyDtoH_v2")
  VX_RESOLVE(cuMemcpyDtoD, "cuMemcpyDtoD_v2")
  VX_RESOLVE(cuMemcpyAsync, "cuMemcpyAsync")
  VX_RESOLVE(cuMemsetD32Async, "cuMemsetD32Async")
  VX_RESOLVE(cuMemsetD16Async, "cuMemsetD16Async")
#undef VX_RESOLVE
  if (!resolve(s.library, "cuLaunchKernelEx", d.cuLaunchKernelEx))
    d.cuLaunchKernelEx = nullptr;
  if (missing)
    return fail(VORTEX_ERROR_NO_DRIVER,
                "the CUDA driver lacks the entry point %s", missing);
  return VORTEX_SUCCESS;
}

VortexStatus initialize(State &s) {
  if (VortexStatus status = loadDriver(s))
    return status;
  Driver &d = s.driver;
  if (VortexStatus status = check(d.cuInit(0), "cuInit"))
    return status == VORTEX_ERROR_CUDA ? VORTEX_ERROR_NO_DEVICE : status;
  int count = 0;
  if (VortexStatus status = check(d.cuDeviceGetCount(&count), "cuDeviceGetCount"))
    return status;
  if (count == 0)
    return fail(VORTEX_ERROR_NO_DEVICE, "the CUDA driver reports no GPU");
  CUdevice device = 0;
  if (VortexStatus status = check(d.cuDeviceGet(&device, 0), "cuDeviceGet"))
    return status;
  d.cuDeviceGetName(s.deviceName, sizeof(s.deviceName), device);
  return check(d.cuDevicePrimaryCtxRetain(&s.context, device),
               "cuDevicePrimaryCtxRetain");
}

/// Initializes once, then makes the context current on this thread. Returns
/// the driver, or null after recording why there is none.
const Driver *driver() {
  State &s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.initialized && s.initStatus != VORTEX_SUCCESS)
      return nullptr;
  }
  if (vortexRuntimeInit() != VORTEX_SUCCESS)
    return nullptr;
  thread_local CUcontext current = nullptr;
  if (current != s.context) {
    if (check(s.driver.cuCtxSetCurrent(s.context), "cuCtxSetCurrent"))
      return nullptr;
    current = s.context;
  }
  return &s.driver;
}

CUdeviceptr devicePtr(const void *p) {
  return static_cast<CUdeviceptr>(reinterpret_cast<uintptr_t>(p));
}

/// The copies of the C API: arguments checked, then one driver call.
template <typename Fn>
VortexStatus copyBytes(const char *api, const void *dst, const void *src,
                       size_t bytes, const char *call, Fn copy) {
  if (bytes && (!dst || !src))
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "%s: null pointer", api);
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  return bytes ? check(copy(*d), call) : VORTEX_SUCCESS;
}

/// Sizes are rounded up to 512 bytes, or to 2 MiB above 1 MiB, so that
/// blocks of nearly equal size are reused.
size_t roundSize(size_t bytes) {
  size_t granule = bytes > (size_t(1) << 20) ? (size_t(2) << 20) : 512;
  return (std::max<size_t>(bytes, 1) + granule - 1) / granule * granule;
}

void releaseCachedBlocks(State &s, const Driver &d) {
  std::lock_guard<std::mutex> lock(s.poolMutex);
  for (auto &[size, ptr] : s.freeBlocks)
    d.cuMemFree(ptr);
  s.freeBlocks.clear();
}

void releaseAsyncBlocks(State &s, const Driver &d);

/// A block of at least `bytes` from the cache, or a new one.
VortexStatus allocate(const Driver &d, size_t bytes, CUdeviceptr *out) {
  State &s = state();
  size_t size = roundSize(bytes);
  {
    std::lock_guard<std::mutex> lock(s.poolMutex);
    auto it = s.freeBlocks.find(size);
    if (it != s.freeBlocks.end()) {
      *out = it->second;
      s.freeBlocks.erase(it);
      s.liveBlocks[*out] = size;
      return VORTEX_SUCCESS;
    }
  }
  CUresult result = d.cuMemAlloc(out, size);
  if (result != CUDA_SUCCESS) {
    // Out of memory with blocks cached: give them back and try once more.
    releaseCachedBlocks(s, d);
    if (d.cuCtxSynchronize() == CUDA_SUCCESS)
      releaseAsyncBlocks(s, d);
    result = d.cuMemAlloc(out, size);
  }
  if (VortexStatus status = check(result, "cuMemAlloc"))
    return status;
  std::lock_guard<std::mutex> lock(s.poolMutex);
  s.liveBlocks[*out] = size;
  return VORTEX_SUCCESS;
}

/// Returns a block to the cache (or frees memory the runtime did not
/// allocate, such as managed memory).
VortexStatus release(const Driver &d, CUdeviceptr ptr) {
  State &s = state();
  {
    std::lock_guard<std::mutex> lock(s.poolMutex);
    auto it = s.liveBlocks.find(ptr);
    if (it != s.liveBlocks.end()) {
      s.freeBlocks.emplace(it->second, ptr);
      s.liveBlocks.erase(it);
      return VORTEX_SUCCESS;
    }
  }
  return check(d.cuMemFree(ptr), "cuMemFree");
}

/// A timing event from the pool, or null after reporting a failure.
CUevent takeTimingEvent(State &s, const Driver &d) {
  if (!s.timingEvents.empty()) {
    CUevent event = s.timingEvents.back();
    s.timingEvents.pop_back();
    return event;
  }
  CUevent event = nullptr;
  if (check(d.cuEventCreate(&event, CU_EVENT_DEFAULT), "cuEventCreate"))
    return nullptr;
  return event;
}

/// While the profiler runs: records the start event of a launch on
/// `stream` and returns the pair, whose end the caller records after it.
std::pair<CUevent, CUevent> beginLaunchTiming(const Driver &d,
                                              CUstream stream) {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.profileMutex);
  if (!s.profiling)
    return {nullptr, nullptr};
  CUevent start = takeTimingEvent(s, d);
  CUevent end = start ? takeTimingEvent(s, d) : nullptr;
  if (!end || check(d.cuEventRecord(start, stream), "cuEventRecord"))
    return {nullptr, nullptr};
  s.launches.push_back({start, end});
  return {start, end};
}

/// Launches a kernel (what the mgpu and vortex launch entry points share):
/// nothing for an empty grid, the opt-in above 48 KiB of dynamic shared
/// memory, thread-block clusters of `cluster` blocks when given (sm_90 and
/// later; the grid counts blocks, a multiple of the cluster), and the
/// profiler's events around the launch.
VortexStatus launch(const Driver &d, CUfunction function,
                    const intptr_t *cluster, intptr_t gridX, intptr_t gridY,
                    intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                    intptr_t blockZ, int32_t smem, CUstream stream,
                    void **params, void **extra) {
  if (gridX <= 0 || gridY <= 0 || gridZ <= 0) // nothing to do: empty tensors
    return VORTEX_SUCCESS;
  if (cluster && !d.cuLaunchKernelEx)
    return fail(VORTEX_ERROR_LAUNCH_FAILED,
                "a kernel launch with thread-block clusters needs "
                "cuLaunchKernelEx (a CUDA 12 driver)");
  // Above 48 KiB, dynamic shared memory needs the kernel's opt-in.
  constexpr int kMaxDynamicSharedSizeBytes = 8; // CU_FUNC_ATTRIBUTE_...
  if (smem > 48 * 1024)
    if (VortexStatus status = check(
            d.cuFuncSetAttribute(function, kMaxDynamicSharedSizeBytes, smem),
            "cuFuncSetAttribute(MAX_DYNAMIC_SHARED_SIZE_BYTES)",
            VORTEX_ERROR_LAUNCH_FAILED))
      return status;
  std::pair<CUevent, CUevent> timing = beginLaunchTiming(d, stream);
  CUresult result;
  if (cluster) {
    CUlaunchAttribute attribute{};
    attribute.id = CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION;
    attribute.value.clusterDim = {unsigned(cluster[0]), unsigned(cluster[1]),
                                  unsigned(cluster[2])};
    CUlaunchConfig config{unsigned(gridX),  unsigned(gridY),  unsigned(gridZ),
                          unsigned(blockX), unsigned(blockY), unsigned(blockZ),
                          unsigned(smem),   stream,           &attribute,
                          1};
    result = d.cuLaunchKernelEx(&config, function, params, extra);
  } else {
    result = d.cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY,
                              blockZ, smem, stream, params, extra);
  }
  if (timing.second)
    check(d.cuEventRecord(timing.second, stream), "cuEventRecord");
  if (result == CUDA_SUCCESS)
    return VORTEX_SUCCESS;
  char what[200], clusterText[64] = "";
  if (cluster)
    std::snprintf(clusterText, sizeof(clusterText), "cluster %ld x %ld x %ld, ",
                  long(cluster[0]), long(cluster[1]), long(cluster[2]));
  std::snprintf(what, sizeof(what),
                "%s (%sgrid %ld x %ld x %ld, block %ld x %ld x %ld, %d bytes "
                "of shared memory)",
                cluster ? "cuLaunchKernelEx" : "cuLaunchKernel", clusterText,
                long(gridX), long(gridY), long(gridZ), long(blockX),
                long(blockY), long(blockZ), int(smem));
  return check(result, what, VORTEX_ERROR_LAUNCH_FAILED);
}

/// Loads a module from PTX (JIT-compiled at `optLevel`, or the driver's
/// default when negative), a cubin or a fat binary. A rejected image is
/// `rejected`, with the JIT's log.
VortexStatus loadModule(const Driver &d, const void *image, int optLevel,
                        VortexStatus rejected, CUmodule *module) {
  char log[8192] = "";
  int options[] = {CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                   CU_JIT_OPTIMIZATION_LEVEL};
  void *values[] = {log, reinterpret_cast<void *>(sizeof(log)),
                    reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CUresult result = d.cuModuleLoadDataEx(module, image, optLevel < 0 ? 2 : 3,
                                         options, values);
  if (result == CUDA_SUCCESS)
    return VORTEX_SUCCESS;
  *module = nullptr;
  constexpr CUresult kOutOfMemory = 2;
  VortexStatus status = result == kOutOfMemory ? VORTEX_ERROR_CUDA : rejected;
  if (!log[0])
    return check(result, "cuModuleLoadDataEx", status);
  const char *message = "unknown error";
  d.cuGetErrorString(result, &message);
  return fail(status, "cuModuleLoadDataEx failed: %s (CUDA error %d); JIT log: %s",
              message, result, log);
}

/// A non-timing event from the pool, for ordering frees.
VortexStatus takeSyncEvent(State &s, const Driver &d, CUevent *event) {
  {
    std::lock_guard<std::mutex> lock(s.poolMutex);
    if (!s.syncEvents.empty()) {
      *event = s.syncEvents.back();
      s.syncEvents.pop_back();
      return VORTEX_SUCCESS;
    }
  }
  return check(d.cuEventCreate(event, CU_EVENT_DISABLE_TIMING),
               "cuEventCreate");
}

/// Returns the blocks freed with vortexFreeAsync to the driver; the caller
/// has synchronized the context.
void releaseAsyncBlocks(State &s, const Driver &d) {
  std::lock_guard<std::mutex> lock(s.poolMutex);
  for (const State::AsyncBlock &block : s.asyncBlocks) {
    d.cuMemFree(block.ptr);
    s.syncEvents.push_back(block.freed);
  }
  s.asyncBlocks.clear();
}

/// A block freed with vortexFreeAsync that `stream` may use now, if any.
bool reuseAsyncBlock(State &s, const Driver &d, size_t size, CUstream stream,
                     CUdeviceptr *out) {
  std::lock_guard<std::mutex> lock(s.poolMutex);
  for (size_t i = 0; i < s.asyncBlocks.size(); ++i) {
    State::AsyncBlock block = s.asyncBlocks[i];
    if (block.size != size ||
        (block.stream != stream && d.cuEventQuery(block.freed) != CUDA_SUCCESS))
      continue;
    s.asyncBlocks.erase(s.asyncBlocks.begin() + i);
    s.syncEvents.push_back(block.freed);
    s.liveBlocks[block.ptr] = size;
    *out = block.ptr;
    return true;
  }
  return false;
}

} // namespace

//===----------------------------------------------------------------------===//
// C API
//===----------------------------------------------------------------------===//

extern "C" {

VortexStatus vortexRuntimeInit(void) {
  State &s = state();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.initialized)
      return s.initStatus;
  }
  // Initialization reports through fail(), which takes the lock itself.
  static std::once_flag once;
  std::call_once(once, [&] {
    VortexStatus status = initialize(s);
    std::lock_guard<std::mutex> lock(s.mutex);
    s.initStatus = status;
    s.initialized = true;
  });
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.initStatus;
}

const char *vortexRuntimeLastError(void) {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.lastError.c_str();
}

VortexStatus vortexRuntimeFirstError(void) {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.firstError;
}

void vortexRuntimeClearError(void) {
  State &s = state();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.firstError = VORTEX_SUCCESS;
  s.lastError.clear();
}

const char *vortexDeviceName(void) { return state().deviceName; }

VortexStatus vortexMalloc(void **ptr, size_t bytes) {
  if (!ptr)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "vortexMalloc: null pointer");
  *ptr = nullptr;
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  CUdeviceptr p = 0;
  if (VortexStatus status = allocate(*d, bytes, &p))
    return status;
  *ptr = reinterpret_cast<void *>(static_cast<uintptr_t>(p));
  return VORTEX_SUCCESS;
}

VortexStatus vortexFree(void *ptr) {
  if (!ptr)
    return VORTEX_SUCCESS;
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  // Like cudaFree: work still using the block finishes before it is reused.
  if (VortexStatus status = check(d->cuCtxSynchronize(), "cuCtxSynchronize"))
    return status;
  return release(*d, devicePtr(ptr));
}

VortexStatus vortexEmptyCache(void) {
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  if (VortexStatus status = check(d->cuCtxSynchronize(), "cuCtxSynchronize"))
    return status;
  releaseCachedBlocks(state(), *d);
  releaseAsyncBlocks(state(), *d);
  return VORTEX_SUCCESS;
}

VortexStatus vortexMemcpyHostToDevice(void *device, const void *host,
                                      size_t bytes) {
  return copyBytes("vortexMemcpyHostToDevice", device, host, bytes,
                   "cuMemcpyHtoD", [&](const Driver &d) {
                     return d.cuMemcpyHtoD(devicePtr(device), host, bytes);
                   });
}

VortexStatus vortexMemcpyDeviceToHost(void *host, const void *device,
                                      size_t bytes) {
  return copyBytes("vortexMemcpyDeviceToHost", host, device, bytes,
                   "cuMemcpyDtoH", [&](const Driver &d) {
                     return d.cuMemcpyDtoH(host, devicePtr(device), bytes);
                   });
}

VortexStatus vortexMemcpyDeviceToDevice(void *dst, const void *src,
                                        size_t bytes) {
  return copyBytes("vortexMemcpyDeviceToDevice", dst, src, bytes,
                   "cuMemcpyDtoD", [&](const Driver &d) {
                     return d.cuMemcpyDtoD(devicePtr(dst), devicePtr(src),
                                           bytes);
                   });
}

VortexStatus vortexSynchronize(void) {
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  return check(d->cuCtxSynchronize(), "cuCtxSynchronize");
}

VortexStatus vortexProfilerStart(void) {
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  State &s = state();
  std::lock_guard<std::mutex> lock(s.profileMutex);
  for (auto [start, end] : s.launches) {
    s.timingEvents.push_back(start);
    s.timingEvents.push_back(end);
  }
  s.launches.clear();
  s.profiling = true;
  return VORTEX_SUCCESS;
}

VortexStatus vortexProfilerStop(double *milliseconds, uint64_t *launches) {
  if (!milliseconds || !launches)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexProfilerStop: null pointer");
  *milliseconds = 0;
  *launches = 0;
  const Driver *d = driver();
  if (!d)
    return vortexRuntimeInit();
  State &s = state();
  std::lock_guard<std::mutex> lock(s.profileMutex);
  s.profiling = false;
  for (auto [start, end] : s.launches) {
    if (VortexStatus status =
            check(d->cuEventSynchronize(end), "cuEventSynchronize"))
      return status;
    float ms = 0;
    if (VortexStatus status =
            check(d->cuEventElapsedTime(&ms, start, end), "cuEventElapsedTime"))
      return status;
    *milliseconds += ms;
    ++*launches;
  }
  return VORTEX_SUCCESS;
}

//===----------------------------------------------------------------------===//
// Entry points of MLIR's gpu-to-llvm host code
//===----------------------------------------------------------------------===//

CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  const Driver *d = driver();
  CUmodule module = nullptr;
  if (d)
    check(d->cuModuleLoadData(&module, data), "cuModuleLoadData");
  return module;
}

CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  const Driver *d = driver();
  CUmodule module = nullptr;
  if (d)
    loadModule(*d, data, optLevel, VORTEX_ERROR_CUDA, &module);
  return module;
}

void mgpuModuleUnload(CUmodule module) {
  const Driver *d = driver();
  if (!d || !module)
    return;
  // Modules unload from global destructors; when the driver has already shut
  // down at process exit, it has released them with the context.
  CUresult result = d->cuModuleUnload(module);
  if (result != CUDA_ERROR_DEINITIALIZED)
    check(result, "cuModuleUnload");
}

CUfunction mgpuModuleGetFunction(CUmodule module, const char *name) {
  const Driver *d = driver();
  CUfunction function = nullptr;
  if (!d)
    return nullptr;
  if (!module) {
    fail(VORTEX_ERROR_CUDA, "kernel %s: its module did not load", name);
    return nullptr;
  }
  check(d->cuModuleGetFunction(&function, module, name), "cuModuleGetFunction");
  return function;
}

void mgpuLaunchKernel(CUfunction function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, CUstream stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  const Driver *d = driver();
  if (d && function)
    launch(*d, function, nullptr, gridX, gridY, gridZ, blockX, blockY, blockZ,
           smem, stream, params, extra);
}

/// Launches with thread-block clusters of clusterX x clusterY x clusterZ
/// blocks (sm_90 and later); the grid counts blocks, a multiple of the
/// cluster.
void mgpuLaunchClusterKernel(CUfunction function, intptr_t clusterX,
                             intptr_t clusterY, intptr_t clusterZ,
                             intptr_t gridX, intptr_t gridY, intptr_t gridZ,
                             intptr_t blockX, intptr_t blockY, intptr_t blockZ,
                             int32_t smem, CUstream stream, void **params,
                             void **extra, size_t /*paramsCount*/) {
  const Driver *d = driver();
  intptr_t cluster[3] = {clusterX, clusterY, clusterZ};
  if (d && function)
    launch(*d, function, cluster, gridX, gridY, gridZ, blockX, blockY, blockZ,
           smem, stream, params, extra);
}

// Host code creates a stream per call and destroys it after synchronizing;
// streams are kept and reused instead.
CUstream mgpuStreamCreate() {
  const Driver *d = driver();
  if (!d)
    return nullptr;
  State &s = state();
  {
    std::lock_guard<std::mutex> lock(s.poolMutex);
    if (!s.freeStreams.empty()) {
      CUstream stream = s.freeStreams.back();
      s.freeStreams.pop_back();
      return stream;
    }
  }
  CUstream stream = nullptr;
  check(d->cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  return stream;
}

void mgpuStreamDestroy(CUstream stream) {
  const Driver *d = driver();
  if (!d || !stream)
    return;
  // Work may still be queued; a reused stream keeps its order.
  State &s = state();
  std::lock_guard<std::mutex> lock(s.poolMutex);
  s.freeStreams.push_back(stream);
}

void mgpuStreamSynchronize(CUstream stream) {
  const Driver *d = driver();
  if (d)
    check(d->cuStreamSynchronize(stream), "cuStreamSynchronize");
}

void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  const Driver *d = driver();
  if (d && event)
    check(d->cuStreamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

CUevent mgpuEventCreate() {
  const Driver *d = driver();
  CUevent event = nullptr;
  if (d)
    check(d->cuEventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  return event;
}

void mgpuEventDestroy(CUevent event) {
  const Driver *d = driver();
  if (d && event)
    check(d->cuEventDestroy(event), "cuEventDestroy");
}

void mgpuEventSynchronize(CUevent event) {
  const Driver *d = driver();
  if (d && event)
    check(d->cuEventSynchronize(event), "cuEventSynchronize");
}

void mgpuEventRecord(CUevent event, CUstream stream) {
  const Driver *d = driver();
  if (d && event)
    check(d->cuEventRecord(event, stream), "cuEventRecord");
}

void *mgpuMemAlloc(uint64_t bytes, CUstream /*stream*/, bool isHostShared) {
  const Driver *d = driver();
  if (!d)
    return nullptr;
  CUdeviceptr p = 0;
  if (isHostShared)
    check(d->cuMemAllocManaged(&p, bytes ? bytes : 1, CU_MEM_ATTACH_GLOBAL),
          "cuMemAllocManaged");
  else
    allocate(*d, bytes, &p);
  return reinterpret_cast<void *>(static_cast<uintptr_t>(p));
}

void mgpuMemFree(void *ptr, CUstream stream) {
  const Driver *d = driver();
  if (!d || !ptr)
    return;
  // The block may be reused by the next allocation on any stream: let the
  // work queued on this one finish first.
  if (stream)
    check(d->cuStreamSynchronize(stream), "cuStreamSynchronize");
  release(*d, devicePtr(ptr));
}

void mgpuMemcpy(void *dst, void *src, size_t bytes, CUstream stream) {
  const Driver *d = driver();
  if (d && bytes)
    check(d->cuMemcpyAsync(devicePtr(dst), devicePtr(src), bytes, stream),
          "cuMemcpyAsync");
}

void mgpuMemset32(void *dst, unsigned value, size_t count, CUstream stream) {
  const Driver *d = driver();
  if (d && count)
    check(d->cuMemsetD32Async(devicePtr(dst), value, count, stream),
          "cuMemsetD32Async");
}

void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  CUstream stream) {
  const Driver *d = driver();
  if (d && count)
    check(d->cuMemsetD16Async(devicePtr(dst), value, count, stream),
          "cuMemsetD16Async");
}

//===----------------------------------------------------------------------===//
// TMA descriptors (nvgpu.tma.create.descriptor)
//===----------------------------------------------------------------------===//

// What `convert-nvgpu-to-nvvm` calls: encodes a tiled tensor map of the
// ranked memref `descriptor` (innermost dimension first, as the driver
// wants) and returns its address in device memory, where TMA reads it.
// Maps are kept in a slab and looked up by content, so that calling the
// same matmul again costs no allocation or copy; a new map is copied and
// the context synchronized (the kernels run on non-blocking streams).
// cuTensorMapEncodeTiled is looked up here rather than with the other entry
// points so that drivers older than CUDA 12 still load.
void *mgpuTensorMapEncodeTiledMemref(int64_t rank, void *descriptor,
                                     int64_t dataType, int64_t interleave,
                                     int64_t swizzle, int64_t l2Promotion,
                                     int64_t oobFill, int64_t *box) {
  const Driver *d = driver();
  if (!d)
    return nullptr;
  using Encode = CUresult (*)(void *, int, uint32_t, void *, const uint64_t *,
                              const uint64_t *, const uint32_t *,
                              const uint32_t *, int, int, int, int);
  static Encode encode = reinterpret_cast<Encode>(
      dlsym(state().library, "cuTensorMapEncodeTiled"));
  static const int elementBytes[] = {1, 2, 4, 4, 8, 8, 2, 4, 8, 2, 4, 4, 4};
  if (!encode || rank < 1 || rank > 5 || dataType < 0 || dataType > 12) {
    fail(VORTEX_ERROR_CUDA,
         encode ? "mgpuTensorMapEncodeTiledMemref: rank %ld or data type %ld "
                  "unsupported"
                : "the CUDA driver lacks cuTensorMapEncodeTiled (rank %ld, "
                  "type %ld)",
         long(rank), long(dataType));
    return nullptr;
  }
  // A ranked memref descriptor: allocated and aligned pointers, offset,
  // sizes, strides.
  auto *fields = static_cast<int64_t *>(descriptor);
  char *aligned = reinterpret_cast<char *>(fields[1]);
  int64_t bytes = elementBytes[dataType];
  const int64_t *sizes = fields + 3, *strides = fields + 3 + rank;
  uint64_t dims[5], globalStrides[5];
  uint32_t boxDims[5], elementStrides[5];
  for (int64_t i = 0; i < rank; ++i) {
    dims[i] = uint64_t(sizes[rank - 1 - i]);
    boxDims[i] = uint32_t(box[rank - 1 - i]);
    elementStrides[i] = 1;
    if (i + 1 < rank)
      globalStrides[i] = uint64_t(strides[rank - 2 - i] * bytes);
  }
  alignas(64) unsigned char map[128];
  if (check(encode(map, int(dataType), uint32_t(rank),
                   aligned + fields[2] * bytes, dims, globalStrides, boxDims,
                   elementStrides, int(interleave), int(swizzle),
                   int(l2Promotion), int(oobFill)),
            "cuTensorMapEncodeTiled"))
    return nullptr;

  constexpr size_t kSlots = 4096;
  static std::mutex mutex;
  static CUdeviceptr slab = 0;
  static std::unordered_map<std::string, CUdeviceptr> slots;
  std::lock_guard<std::mutex> lock(mutex);
  std::string key(reinterpret_cast<char *>(map), sizeof(map));
  auto found = slots.find(key);
  if (found != slots.end())
    return reinterpret_cast<void *>(static_cast<uintptr_t>(found->second));
  if (!slab && check(d->cuMemAlloc(&slab, kSlots * sizeof(map)),
                     "cuMemAlloc (tensor maps)"))
    return nullptr;
  if (slots.size() == kSlots) {
    // Full: no kernel may still read a slot that is overwritten.
    if (check(d->cuCtxSynchronize(), "cuCtxSynchronize"))
      return nullptr;
    slots.clear();
  }
  CUdeviceptr slot = slab + slots.size() * sizeof(map);
  if (check(d->cuMemcpyHtoD(slot, map, sizeof(map)), "cuMemcpyHtoD") ||
      check(d->cuCtxSynchronize(), "cuCtxSynchronize"))
    return nullptr;
  slots.emplace(std::move(key), slot);
  return reinterpret_cast<void *>(static_cast<uintptr_t>(slot));
}

} // extern "C"

//===----------------------------------------------------------------------===//
// C API: modules, launches, streams, events, stream-ordered memory
//===----------------------------------------------------------------------===//

namespace {

CUstream cuStream(VortexStream stream) {
  return reinterpret_cast<CUstream>(stream);
}

CUevent cuEvent(VortexEvent event) { return reinterpret_cast<CUevent>(event); }

/// The driver, or the status of the failed initialization; `out` is set to
/// null first when given (the handle the caller would have returned).
template <typename T>
VortexStatus requireDriver(const Driver *&d, T **out = nullptr) {
  if (out)
    *out = nullptr;
  d = driver();
  return d ? VORTEX_SUCCESS : vortexRuntimeInit();
}

/// The checks every stream-ordered copy or fill shares: a null pointer with
/// work to do is an error, no work needs no driver call.
template <typename Call>
VortexStatus enqueue(const char *what, bool nullPointer, size_t count,
                     Call call) {
  if (count && nullPointer)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "%s: null pointer", what);
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  if (!count)
    return VORTEX_SUCCESS;
  return call(*d);
}

} // namespace

extern "C" {

VortexStatus vortexModuleLoadData(VortexModule *module, const void *image,
                                  size_t bytes, int ptxOptLevel) {
  if (!module || !image || !bytes)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexModuleLoadData: null pointer or empty image");
  const Driver *d;
  if (VortexStatus status = requireDriver(d, module))
    return status;
  const unsigned char *data = static_cast<const unsigned char *>(image);
  bool isElf = bytes >= 4 && std::memcmp(data, "\x7f" "ELF", 4) == 0;
  bool isFatbin = bytes >= 4 && std::memcmp(data, "\x50\xed\x55\xba", 4) == 0;
  // PTX is text that the driver reads up to a NUL: make sure there is one.
  std::string ptx;
  if (!isElf && !isFatbin) {
    ptx.assign(static_cast<const char *>(image), bytes);
    image = ptx.c_str();
  }
  CUmodule loaded = nullptr;
  VortexStatus status = loadModule(*d, image, isElf || isFatbin ? -1 : ptxOptLevel,
                                   VORTEX_ERROR_INVALID_IMAGE, &loaded);
  *module = reinterpret_cast<VortexModule>(loaded);
  return status;
}

VortexStatus vortexModuleUnload(VortexModule module) {
  if (!module)
    return VORTEX_SUCCESS;
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return check(d->cuModuleUnload(reinterpret_cast<CUmodule>(module)),
               "cuModuleUnload");
}

VortexStatus vortexModuleGetFunction(VortexFunction *function,
                                     VortexModule module, const char *name) {
  if (!function || !module || !name)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexModuleGetFunction: null pointer");
  const Driver *d;
  if (VortexStatus status = requireDriver(d, function))
    return status;
  CUfunction found = nullptr;
  CUresult result = d->cuModuleGetFunction(
      &found, reinterpret_cast<CUmodule>(module), name);
  constexpr CUresult kNotFound = 500;
  if (result == kNotFound)
    return fail(VORTEX_ERROR_NOT_FOUND, "the module has no kernel named %s",
                name);
  *function = reinterpret_cast<VortexFunction>(found);
  return check(result, "cuModuleGetFunction");
}

VortexStatus vortexLaunchKernel(VortexFunction function, unsigned gridX,
                                unsigned gridY, unsigned gridZ,
                                unsigned blockX, unsigned blockY,
                                unsigned blockZ, unsigned sharedBytes,
                                VortexStream stream, void **params) {
  if (!function)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexLaunchKernel: null function");
  if (sharedBytes > unsigned(INT32_MAX))
    return fail(VORTEX_ERROR_LAUNCH_FAILED,
                "vortexLaunchKernel: %u bytes of shared memory", sharedBytes);
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return launch(*d, reinterpret_cast<CUfunction>(function), nullptr, gridX,
                gridY, gridZ, blockX, blockY, blockZ, int32_t(sharedBytes),
                cuStream(stream), params, nullptr);
}

VortexStatus vortexLaunchClusterKernel(VortexFunction function,
                                       unsigned clusterX, unsigned clusterY,
                                       unsigned clusterZ, unsigned gridX,
                                       unsigned gridY, unsigned gridZ,
                                       unsigned blockX, unsigned blockY,
                                       unsigned blockZ, unsigned sharedBytes,
                                       VortexStream stream, void **params) {
  if (!function)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexLaunchClusterKernel: null function");
  if (sharedBytes > unsigned(INT32_MAX) || !clusterX || !clusterY ||
      !clusterZ)
    return fail(VORTEX_ERROR_LAUNCH_FAILED,
                "vortexLaunchClusterKernel: cluster %u x %u x %u, %u bytes of "
                "shared memory",
                clusterX, clusterY, clusterZ, sharedBytes);
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  intptr_t cluster[3] = {clusterX, clusterY, clusterZ};
  return launch(*d, reinterpret_cast<CUfunction>(function), cluster, gridX,
                gridY, gridZ, blockX, blockY, blockZ, int32_t(sharedBytes),
                cuStream(stream), params, nullptr);
}

VortexStatus vortexStreamCreate(VortexStream *stream) {
  if (!stream)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "vortexStreamCreate: null pointer");
  const Driver *d;
  if (VortexStatus status = requireDriver(d, stream))
    return status;
  CUstream created = nullptr;
  VortexStatus status = check(
      d->cuStreamCreate(&created, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  *stream = reinterpret_cast<VortexStream>(created);
  return status;
}

VortexStatus vortexStreamDestroy(VortexStream stream) {
  if (!stream)
    return VORTEX_SUCCESS;
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return check(d->cuStreamDestroy(cuStream(stream)), "cuStreamDestroy");
}

VortexStatus vortexStreamSynchronize(VortexStream stream) {
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  CUresult result = d->cuStreamSynchronize(cuStream(stream));
  // Kernels fail asynchronously: their errors surface here.
  constexpr CUresult kFirstKernelError = 700, kLastKernelError = 719;
  return check(result, "cuStreamSynchronize",
               result >= kFirstKernelError && result <= kLastKernelError
                   ? VORTEX_ERROR_LAUNCH_FAILED
                   : VORTEX_ERROR_CUDA);
}

VortexStatus vortexEventCreate(VortexEvent *event) {
  if (!event)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "vortexEventCreate: null pointer");
  const Driver *d;
  if (VortexStatus status = requireDriver(d, event))
    return status;
  CUevent created = nullptr;
  VortexStatus status =
      check(d->cuEventCreate(&created, CU_EVENT_DEFAULT), "cuEventCreate");
  *event = reinterpret_cast<VortexEvent>(created);
  return status;
}

VortexStatus vortexEventDestroy(VortexEvent event) {
  if (!event)
    return VORTEX_SUCCESS;
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return check(d->cuEventDestroy(cuEvent(event)), "cuEventDestroy");
}

VortexStatus vortexEventRecord(VortexEvent event, VortexStream stream) {
  if (!event)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "vortexEventRecord: null event");
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return check(d->cuEventRecord(cuEvent(event), cuStream(stream)),
               "cuEventRecord");
}

VortexStatus vortexEventSynchronize(VortexEvent event) {
  if (!event)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexEventSynchronize: null event");
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  return check(d->cuEventSynchronize(cuEvent(event)), "cuEventSynchronize");
}

VortexStatus vortexEventElapsedTime(float *milliseconds, VortexEvent start,
                                    VortexEvent end) {
  if (!milliseconds || !start || !end)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexEventElapsedTime: null pointer");
  *milliseconds = 0;
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  if (VortexStatus status =
          check(d->cuEventSynchronize(cuEvent(end)), "cuEventSynchronize"))
    return status;
  return check(d->cuEventElapsedTime(milliseconds, cuEvent(start), cuEvent(end)),
               "cuEventElapsedTime");
}

VortexStatus vortexMallocAsync(void **ptr, size_t bytes, VortexStream stream) {
  if (!ptr)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "vortexMallocAsync: null pointer");
  const Driver *d;
  if (VortexStatus status = requireDriver(d, ptr))
    return status;
  State &s = state();
  CUdeviceptr p = 0;
  if (!reuseAsyncBlock(s, *d, roundSize(bytes), cuStream(stream), &p))
    if (VortexStatus status = allocate(*d, bytes, &p))
      return status;
  *ptr = reinterpret_cast<void *>(static_cast<uintptr_t>(p));
  return VORTEX_SUCCESS;
}

VortexStatus vortexFreeAsync(void *ptr, VortexStream stream) {
  if (!ptr)
    return VORTEX_SUCCESS;
  const Driver *d;
  if (VortexStatus status = requireDriver<void>(d))
    return status;
  State &s = state();
  size_t size = 0;
  {
    std::lock_guard<std::mutex> lock(s.poolMutex);
    auto it = s.liveBlocks.find(devicePtr(ptr));
    if (it == s.liveBlocks.end())
      return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                  "vortexFreeAsync: %p is not a block of the runtime's "
                  "allocator",
                  ptr);
    size = it->second;
    s.liveBlocks.erase(it);
  }
  CUevent freed = nullptr;
  VortexStatus status = takeSyncEvent(s, *d, &freed);
  if (!status)
    status = check(d->cuEventRecord(freed, cuStream(stream)), "cuEventRecord");
  if (status) {
    // Without an event to order the reuse, wait for the stream instead.
    if (freed)
      d->cuEventDestroy(freed);
    d->cuStreamSynchronize(cuStream(stream));
    std::lock_guard<std::mutex> lock(s.poolMutex);
    s.freeBlocks.emplace(size, devicePtr(ptr));
    return status;
  }
  std::lock_guard<std::mutex> lock(s.poolMutex);
  s.asyncBlocks.push_back({devicePtr(ptr), size, cuStream(stream), freed});
  return VORTEX_SUCCESS;
}

VortexStatus vortexMemcpyAsync(void *dst, const void *src, size_t bytes,
                               VortexStream stream) {
  return enqueue("vortexMemcpyAsync", !dst || !src, bytes, [&](const Driver &d) {
    return check(d.cuMemcpyAsync(devicePtr(dst), devicePtr(src), bytes,
                                 cuStream(stream)),
                 "cuMemcpyAsync");
  });
}

VortexStatus vortexMemsetD32Async(void *dst, uint32_t value, size_t count,
                                  VortexStream stream) {
  return enqueue("vortexMemsetD32Async", !dst, count, [&](const Driver &d) {
    return check(d.cuMemsetD32Async(devicePtr(dst), value, count,
                                    cuStream(stream)),
                 "cuMemsetD32Async");
  });
}

VortexStatus vortexMemsetD16Async(void *dst, uint16_t value, size_t count,
                                  VortexStream stream) {
  return enqueue("vortexMemsetD16Async", !dst, count, [&](const Driver &d) {
    return check(d.cuMemsetD16Async(devicePtr(dst), value, count,
                                    cuStream(stream)),
                 "cuMemsetD16Async");
  });
}

} // extern "C"
