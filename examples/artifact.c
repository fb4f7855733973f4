/*===- artifact.c - run a kernel artifact through the C API -------*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
/*
 * Loads the kernel artifact of examples/elementwise.mlir
 *
 *   vortex-translate --vx-kernel-artifact examples/elementwise.mlir -o elementwise.vxk
 *   cc -Iinclude examples/artifact.c -Lbuild/lib -lvortex_runtime -lm -o artifact
 *   ./artifact elementwise.vxk
 *
 * and calls its functions through the runtime's C API, on a stream of its
 * own: swiglu_residual on a matrix of awkward size (checked against a float64
 * reference computed here and timed with events), clamp_i32, and the kernel
 * of one module launched directly (vortexModuleLoadData,
 * vortexLaunchKernel). Exit code: 0 all correct, 1 a mismatch or a runtime
 * error (no driver, no GPU, a bad artifact...).
 */

#include "Vortex/Runtime/Runtime.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(VortexStatus status, const char *what) {
  if (status != VORTEX_SUCCESS) {
    fflush(stdout);
    fprintf(stderr, "artifact: %s: %s\n", what, vortexRuntimeLastError());
    exit(1);
  }
}

static uint64_t rngState = 12345;
static double uniform(double lo, double hi) {
  rngState = rngState * 6364136223846793005ull + 1442695040888963407ull;
  return lo + (hi - lo) * (double)(rngState >> 11) / 9007199254740992.0;
}

static void *toDevice(const void *host, size_t bytes) {
  void *device = NULL;
  check(vortexMalloc(&device, bytes), "vortexMalloc");
  check(vortexMemcpyHostToDevice(device, host, bytes), "copy to the device");
  return device;
}

/* An argument describing a C-contiguous device array. */
static VortexValue array(const char *element, void *data, int rank,
                         const int64_t *sizes) {
  VortexValue v;
  memset(&v, 0, sizeof(v));
  v.element = element;
  v.rank = rank;
  v.data = data;
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    v.sizes[d] = sizes[d];
    v.strides[d] = stride;
    stride *= sizes[d];
  }
  return v;
}

static void swiglu(VortexArtifact artifact, VortexStream stream) {
  const int64_t rows = 37, cols = 1003, n = rows * cols;
  float *host[3], *got = malloc(n * sizeof(float));
  void *device[3];
  VortexValue args[3];
  for (int a = 0; a < 3; ++a) {
    host[a] = malloc(n * sizeof(float));
    for (int64_t i = 0; i < n; ++i)
      host[a][i] = (float)uniform(-4, 4);
    device[a] = toDevice(host[a], n * sizeof(float));
    args[a] = array("f32", device[a], 2, (int64_t[]){rows, cols});
  }
  VortexValue out;
  check(vortexArtifactCall(artifact, "swiglu_residual", args, 3, &out, 1, stream),
        "swiglu_residual");
  if (out.rank != 2 || out.sizes[0] != rows || out.sizes[1] != cols ||
      strcmp(out.element, "f32") != 0) {
    printf("MISMATCH: swiglu_residual returned a %s array of rank %d\n",
           out.element, out.rank);
    ++failures;
  }
  check(vortexStreamSynchronize(stream), "synchronize");
  check(vortexMemcpyDeviceToHost(got, out.data, n * sizeof(float)), "copy back");
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double x = host[0][i], y = host[1][i], z = host[2][i];
    double want = x / (1 + exp(-x)) * y + z;
    double error = fabs(got[i] - want) / (1 + fabs(want));
    worst = error > worst ? error : worst;
  }
  if (worst > 1e-5) {
    printf("MISMATCH: swiglu_residual: relative error %g\n", worst);
    ++failures;
  }
  printf("swiglu_residual %lld x %lld: max relative error %.2e\n",
         (long long)rows, (long long)cols, worst);

  /* Time 20 calls with events on the stream. */
  VortexEvent start, end;
  check(vortexEventCreate(&start), "vortexEventCreate");
  check(vortexEventCreate(&end), "vortexEventCreate");
  check(vortexEventRecord(start, stream), "vortexEventRecord");
  for (int i = 0; i < 20; ++i) {
    VortexValue again;
    check(vortexArtifactCall(artifact, "swiglu_residual", args, 3, &again, 1,
                             stream),
          "swiglu_residual");
    check(vortexFreeAsync(again.allocation, stream), "vortexFreeAsync");
  }
  check(vortexEventRecord(end, stream), "vortexEventRecord");
  float ms = 0;
  check(vortexEventElapsedTime(&ms, start, end), "vortexEventElapsedTime");
  printf("swiglu_residual: %.1f us per call on the stream\n", ms * 1000 / 20);
  check(vortexEventDestroy(start), "vortexEventDestroy");
  check(vortexEventDestroy(end), "vortexEventDestroy");

  check(vortexFree(out.allocation), "vortexFree");
  for (int a = 0; a < 3; ++a) {
    check(vortexFree(device[a]), "vortexFree");
    free(host[a]);
  }
  free(got);
}

static void clamp(VortexArtifact artifact, VortexStream stream) {
  enum { N = 1001 };
  int32_t x[N], lo[N], hi[N], got[N];
  for (int i = 0; i < N; ++i) {
    x[i] = (int32_t)uniform(-100, 100);
    lo[i] = -10;
    hi[i] = 20;
  }
  int64_t n = N;
  VortexValue args[3] = {array("i32", toDevice(x, sizeof(x)), 1, &n),
                         array("i32", toDevice(lo, sizeof(lo)), 1, &n),
                         array("i32", toDevice(hi, sizeof(hi)), 1, &n)};
  VortexValue out;
  check(vortexArtifactCall(artifact, "clamp_i32", args, 3, &out, 1, stream),
        "clamp_i32");
  check(vortexStreamSynchronize(stream), "synchronize");
  check(vortexMemcpyDeviceToHost(got, out.data, sizeof(got)), "copy back");
  int wrong = 0;
  for (int i = 0; i < N; ++i) {
    int32_t want = x[i] < -10 ? -10 : x[i] > 20 ? 20 : x[i];
    wrong += got[i] != want;
  }
  if (wrong) {
    printf("MISMATCH: clamp_i32: %d wrong elements\n", wrong);
    ++failures;
  }
  printf("clamp_i32 %d: %d wrong\n", N, wrong);
  check(vortexFree(out.allocation), "vortexFree");
  for (int a = 0; a < 3; ++a)
    check(vortexFree(args[a].data), "vortexFree");
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s ARTIFACT.vxk\n", argv[0]);
    return 2;
  }
  VortexArtifact artifact;
  check(vortexArtifactLoad(&artifact, argv[1]), "load");
  for (size_t i = 0; i < vortexArtifactFunctionCount(artifact); ++i)
    printf("function %s\n", vortexArtifactFunctionSignature(artifact, i));
  check(vortexRuntimeInit(), "init");
  printf("device: %s\n", vortexDeviceName());
  VortexStream stream;
  check(vortexStreamCreate(&stream), "vortexStreamCreate");
  swiglu(artifact, stream);
  clamp(artifact, stream);
  check(vortexStreamDestroy(stream), "vortexStreamDestroy");
  check(vortexArtifactDestroy(artifact), "vortexArtifactDestroy");
  printf("%d failure(s)\n", failures);
  return failures != 0;
}
