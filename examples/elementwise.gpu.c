/*===- elementwise.gpu.c - run examples/elementwise.mlir on a GPU -*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
/*
 * GPU driver of examples/elementwise.mlir, compiled ahead of time: the
 * kernels' host code (vortex-opt --vx-to-gpu, vortex-translate
 * --mlir-to-llvmir, llc) is linked with this file and libvortex_runtime.so,
 * and runs on a GPU machine that has no MLIR. Each kernel runs on fresh
 * pseudo-random inputs of awkward sizes and is checked against a float64
 * reference computed here. Exit code: 0 all correct, 1 a mismatch or a
 * runtime error (no driver, no GPU, ...).
 */

#include "Vortex/Runtime/Runtime.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* MLIR's memref descriptors, as the _mlir_ciface_ entry points take them. */
typedef struct { void *allocated, *aligned; int64_t offset, sizes[1], strides[1]; } Memref1D;
typedef struct { void *allocated, *aligned; int64_t offset, sizes[2], strides[2]; } Memref2D;

void _mlir_ciface_swiglu_residual(Memref2D *result, Memref2D *x, Memref2D *y, Memref2D *z);
void _mlir_ciface_gelu_bf16(Memref2D *result, Memref2D *x);
void _mlir_ciface_clamp_i32(Memref1D *result, Memref1D *x, Memref1D *lo, Memref1D *hi);

static uint64_t rngState;
static double uniform(double lo, double hi) {
  rngState = rngState * 6364136223846793005ull + 1442695040888963407ull;
  return lo + (hi - lo) * (double)(rngState >> 11) / 9007199254740992.0;
}

static int failures;

static void check(VortexStatus status, const char *what) {
  if (status != VORTEX_SUCCESS) {
    fprintf(stderr, "%s: %s\n", what, vortexRuntimeLastError());
    exit(1);
  }
}

static void *toDevice(const void *host, size_t bytes) {
  void *device = NULL;
  check(vortexMalloc(&device, bytes), "vortexMalloc");
  check(vortexMemcpyHostToDevice(device, host, bytes), "copy to device");
  return device;
}

static Memref2D matrix(void *device, int64_t rows, int64_t cols) {
  Memref2D m = {device, device, 0, {rows, cols}, {cols, 1}};
  return m;
}

static Memref1D vector(void *device, int64_t n) {
  Memref1D m = {device, device, 0, {n}, {1}};
  return m;
}

static void report(const char *name, int64_t n, double maxError, double tolerance) {
  int ok = maxError <= tolerance;
  printf("%-16s %9lld elements  max error %.3g (tolerance %.3g)  %s\n", name,
         (long long)n, maxError, tolerance, ok ? "ok" : "MISMATCH");
  failures += !ok;
}

/* silu(x) * y + z on a dynamic 2-D shape that is no multiple of the block. */
static void runSwiglu(int64_t rows, int64_t cols) {
  int64_t n = rows * cols;
  size_t bytes = (size_t)n * sizeof(float);
  float *x = malloc(bytes), *y = malloc(bytes), *z = malloc(bytes), *out = malloc(bytes);
  for (int64_t i = 0; i < n; ++i) {
    x[i] = (float)uniform(-6, 6);
    y[i] = (float)uniform(-2, 2);
    z[i] = (float)uniform(-1, 1);
    out[i] = NAN; /* poison */
  }
  Memref2D dx = matrix(toDevice(x, bytes), rows, cols);
  Memref2D dy = matrix(toDevice(y, bytes), rows, cols);
  Memref2D dz = matrix(toDevice(z, bytes), rows, cols);
  Memref2D result;
  memset(&result, 0, sizeof(result));
  _mlir_ciface_swiglu_residual(&result, &dx, &dy, &dz);
  check(vortexRuntimeFirstError(), "swiglu_residual");
  if (result.sizes[0] != rows || result.sizes[1] != cols) {
    fprintf(stderr, "swiglu_residual: result is %lldx%lld\n", (long long)result.sizes[0],
            (long long)result.sizes[1]);
    exit(1);
  }
  check(vortexMemcpyDeviceToHost(out, result.aligned, bytes), "copy to host");
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double xv = x[i], want = xv / (1 + exp(-xv)) * y[i] + z[i];
    double err = fabs(out[i] - want) / (1e-6 + fabs(xv / (1 + exp(-xv)) * y[i]) + fabs(z[i]));
    if (!(err <= worst)) worst = err; /* NaN (an unwritten element) wins */
  }
  report("swiglu_residual", n, worst, 1e-6);
  vortexFree(dx.allocated); vortexFree(dy.allocated); vortexFree(dz.allocated);
  vortexFree(result.allocated);
  free(x); free(y); free(z); free(out);
}

static uint16_t toBF16(float f) {
  uint32_t bits;
  memcpy(&bits, &f, 4);
  bits += 0x7FFF + ((bits >> 16) & 1);
  return (uint16_t)(bits >> 16);
}

static double fromBF16(uint16_t h) {
  uint32_t bits = (uint32_t)h << 16;
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

/* tanh-approximated GELU on a static 4x1000 bf16 tensor. */
static void runGelu(void) {
  enum { N = 4 * 1000 };
  uint16_t x[N], out[N];
  for (int i = 0; i < N; ++i) {
    x[i] = toBF16((float)uniform(-5, 5));
    out[i] = 0x7FC0; /* NaN */
  }
  Memref2D dx = matrix(toDevice(x, sizeof(x)), 4, 1000), result;
  _mlir_ciface_gelu_bf16(&result, &dx);
  check(vortexRuntimeFirstError(), "gelu_bf16");
  check(vortexMemcpyDeviceToHost(out, result.aligned, sizeof(out)), "copy to host");
  double worst = 0;
  for (int i = 0; i < N; ++i) {
    double v = fromBF16(x[i]);
    double want = 0.5 * v * (1 + tanh(sqrt(2 / M_PI) * (v + 0.044715 * v * v * v)));
    double err = fabs(fromBF16(out[i]) - want) / (fabs(want) + 1e-2);
    if (!(err <= worst)) worst = err;
  }
  report("gelu_bf16", N, worst, 1.0 / 128);
  vortexFree(dx.allocated); vortexFree(result.allocated);
}

/* Integer clamp, exact. */
static void runClamp(int64_t n) {
  size_t bytes = (size_t)n * sizeof(int32_t);
  int32_t *x = malloc(bytes), *lo = malloc(bytes), *hi = malloc(bytes), *out = malloc(bytes);
  for (int64_t i = 0; i < n; ++i) {
    x[i] = (int32_t)uniform(-1e6, 1e6);
    lo[i] = (int32_t)uniform(-1e5, 0);
    hi[i] = (int32_t)uniform(0, 1e5);
    out[i] = INT32_MIN;
  }
  Memref1D dx = vector(toDevice(x, bytes), n), dlo = vector(toDevice(lo, bytes), n);
  Memref1D dhi = vector(toDevice(hi, bytes), n), result;
  _mlir_ciface_clamp_i32(&result, &dx, &dlo, &dhi);
  check(vortexRuntimeFirstError(), "clamp_i32");
  check(vortexMemcpyDeviceToHost(out, result.aligned, bytes), "copy to host");
  int64_t wrong = 0;
  for (int64_t i = 0; i < n; ++i) {
    int32_t want = x[i] < lo[i] ? lo[i] : (x[i] > hi[i] ? hi[i] : x[i]);
    wrong += out[i] != want;
  }
  report("clamp_i32", n, (double)wrong, 0);
  vortexFree(dx.allocated); vortexFree(dlo.allocated); vortexFree(dhi.allocated);
  vortexFree(result.allocated);
  free(x); free(lo); free(hi); free(out);
}

int main(void) {
  rngState = (uint64_t)time(NULL);
  if (vortexRuntimeInit() != VORTEX_SUCCESS) {
    fprintf(stderr, "elementwise.gpu: %s\n", vortexRuntimeLastError());
    return 1;
  }
  printf("device: %s, seed %llu\n", vortexDeviceName(), (unsigned long long)rngState);
  runSwiglu(3, 37);
  runSwiglu(1000, 4099);
  runSwiglu(1, 1);
  runGelu();
  runClamp(1000003);
  printf("%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
