/*===- runtime-api.c - the Vortex runtime's C API -----------------*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

/* RUN: vortex-runtime-test 2>&1 | FileCheck %s
 *
 * Without a GPU every call is an error code with a message and nothing
 * crashes; with one, memory round-trips through the device.
 * CHECK-NOT: FAILED
 * CHECK: runtime api: ok
 */

#include "Vortex/Runtime/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The entry points MLIR's host code calls. */
void *mgpuStreamCreate(void);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamDestroy(void *stream);
void *mgpuMemAlloc(uint64_t bytes, void *stream, _Bool hostShared);
void mgpuMemFree(void *ptr, void *stream);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gx, intptr_t gy, intptr_t gz, intptr_t bx,
                      intptr_t by, intptr_t bz, int32_t smem, void *stream, void **params,
                      void **extra, size_t count);

static int failed;
#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED: %s (line %d)\n", #cond, __LINE__);                       \
      failed = 1;                                                              \
    }                                                                          \
  } while (0)

static void withoutGpu(VortexStatus init) {
  printf("no GPU: %s\n", vortexRuntimeLastError());
  EXPECT(init == VORTEX_ERROR_NO_DRIVER || init == VORTEX_ERROR_NO_DEVICE);
  EXPECT(strlen(vortexRuntimeLastError()) > 0);
  EXPECT(vortexRuntimeInit() == init); /* stable */
  void *p = (void *)1;
  EXPECT(vortexMalloc(&p, 64) == init);
  EXPECT(p == NULL);
  EXPECT(vortexSynchronize() == init);
  EXPECT(vortexEmptyCache() == init);
  double ms = -1;
  uint64_t launches = 7;
  EXPECT(vortexProfilerStart() == init);
  EXPECT(vortexProfilerStop(&ms, &launches) == init);
  EXPECT(ms == 0 && launches == 0);
  /* The mgpu entry points degrade to no-ops. */
  void *stream = mgpuStreamCreate();
  EXPECT(stream == NULL);
  EXPECT(mgpuMemAlloc(16, stream, 0) == NULL);
  char notPtx[] = "not ptx";
  EXPECT(mgpuModuleLoadJIT(notPtx, 3) == NULL);
  mgpuLaunchKernel(NULL, 1, 1, 1, 1, 1, 1, 0, NULL, NULL, NULL, 0);
  mgpuStreamSynchronize(stream);
  mgpuStreamDestroy(stream);
  EXPECT(vortexRuntimeFirstError() == init);
}

static void withGpu(void) {
  printf("GPU: %s\n", vortexDeviceName());
  float host[1000], back[1000];
  for (int i = 0; i < 1000; ++i)
    host[i] = (float)i * 0.5f;
  void *device = NULL;
  EXPECT(vortexMalloc(&device, sizeof(host)) == VORTEX_SUCCESS);
  EXPECT(vortexMemcpyHostToDevice(device, host, sizeof(host)) == VORTEX_SUCCESS);
  EXPECT(vortexMemcpyDeviceToHost(back, device, sizeof(back)) == VORTEX_SUCCESS);
  EXPECT(memcmp(host, back, sizeof(host)) == 0);
  EXPECT(vortexFree(device) == VORTEX_SUCCESS);
  /* A freed block is reused for the next allocation of its size, until the
     cache is emptied. */
  void *again = NULL;
  EXPECT(vortexMalloc(&again, sizeof(host)) == VORTEX_SUCCESS);
  EXPECT(again == device);
  EXPECT(vortexFree(again) == VORTEX_SUCCESS);
  EXPECT(vortexEmptyCache() == VORTEX_SUCCESS);
  /* A module that is not PTX is an error with the JIT's reason. */
  vortexRuntimeClearError();
  char notPtx[] = "this is not ptx";
  EXPECT(mgpuModuleLoadJIT(notPtx, 3) == NULL);
  EXPECT(vortexRuntimeFirstError() == VORTEX_ERROR_CUDA);
  EXPECT(mgpuModuleGetFunction(NULL, "k") == NULL);
  vortexRuntimeClearError();
  /* The profiler counts launches; with none, no time. */
  double ms = -1;
  uint64_t launches = 7;
  EXPECT(vortexProfilerStart() == VORTEX_SUCCESS);
  EXPECT(vortexProfilerStop(&ms, &launches) == VORTEX_SUCCESS);
  EXPECT(ms == 0 && launches == 0);
}

int main(void) {
  void *p = (void *)1;
  EXPECT(vortexMalloc(NULL, 4) == VORTEX_ERROR_INVALID_ARGUMENT);
  EXPECT(vortexMemcpyHostToDevice(NULL, &p, 4) == VORTEX_ERROR_INVALID_ARGUMENT);
  EXPECT(vortexFree(NULL) == VORTEX_SUCCESS);
  EXPECT(vortexProfilerStop(NULL, NULL) == VORTEX_ERROR_INVALID_ARGUMENT);
  vortexRuntimeClearError();
  VortexStatus init = vortexRuntimeInit();
  if (init == VORTEX_SUCCESS)
    withGpu();
  else
    withoutGpu(init);
  printf("runtime api: %s\n", failed ? "FAILED" : "ok");
  return failed;
}
