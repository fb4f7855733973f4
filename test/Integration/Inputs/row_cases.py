"""Row reductions, softmax and the norms on the row lengths that pick each
GPU row-kernel shape of vx-gpu-row-kernels: 32, 128, 512 and 1024 threads
per row holding the row in registers (1024: row sums and maxima), rows
split over thread-block clusters of 2, 4 or 8 blocks of 512 threads
(sm_90; the LayerNorm on clusters of two, then staged), rows staged in
shared memory (up to 98304 bf16 or 49152 f32 elements with the H100's 226
KiB; the LayerNorm), 1024 threads streaming over longer rows,
and the original ops for unaligned lengths; row
counts that do not fill the last block, dynamic and static shapes (the
static ones: LayerNorm, softmax, row sums and maxima),
three-dimensional inputs. Used by utils/gpu_check.py (the sizes are too
large for printed CPU results). Rows past the grid of the persistent staged
and streaming kernels (more than 132) are checked by utils/bench/rows.py."""

import harness
import tensor_ref as ref

T = harness.tensor_type

# (rows, length): lengths around each configuration's limit for 16-bit
# elements (1024, 4096, 16384, 32768) and f32, clustered rows (32768, 65536
# and 131072 elements per cluster), one that streams, one unaligned, and an
# f32 row whose last of eight vectors a thread is partly past the end
# (15000: the shape that loads with an L2 policy); rows read once that take
# three vectors a thread (1032, 2600, 4160) and f32 ones on 1024 threads
# with two (6000).
SHAPES = [(3, 8), (13, 1000), (9, 1024), (7, 1032), (5, 2600), (4, 3000), (6, 4096), (5, 4160),
          (4, 6000), (3, 15000), (3, 16384), (2, 20000), (1, 65536), (11, 129), (33, 24)]
# Long rows (the inputs are large): f32 and bf16 rows on clusters of 4 and 8
# blocks and staged (the LayerNorm), bf16 LayerNorm rows past the staging
# limit on clusters of 8, rows that stream past 131072 elements.
LONG = {"f32": [(3, 40000), (1, 50000), (2, 70000)],
        "bf16": [(3, 40000), (1, 98304), (1, 100000), (1, 140000)]}


def build(rng):
    prog = harness.Program()
    for dtype in ("f32", "bf16", "f16"):
        for rows, n in SHAPES + LONG.get(dtype, []):
            x = rng.normal(0, 2, size=(rows, n))
            rx = ref.round_to(x, dtype)
            w = rng.uniform(0.5, 1.5, size=(n,))
            b = rng.uniform(-1, 1, size=(n,))
            rw, rb = ref.round_to(w, dtype), ref.round_to(b, dtype)
            dyn = f"tensor<?x?x{dtype}>"
            shape = f"{rows}x{n}"
            prog.case(f"softmax {shape} {dtype}", [(x, dtype, True)],
                      lambda a, dtype=dtype: [f"%r = vx_tensor.softmax {a[0]} dim 1 : tensor<?x?x{dtype}>"],
                      dyn, ref.softmax(rx, 1), dtype)
            prog.case(f"rms_norm {shape} {dtype}", [(x, dtype, True), (w, dtype, True)],
                      lambda a, dtype=dtype: [f"%r = vx_tensor.rms_norm {a[0]}, {a[1]} eps 1.0e-05 : tensor<?x?x{dtype}>, tensor<?x{dtype}>"],
                      dyn, ref.rms_norm(rx, rw, 1e-5), dtype)
            st = T((rows, n), dtype)
            prog.case(f"layer_norm static {shape} {dtype}",
                      [(x, dtype, False), (w, dtype, False), (b, dtype, False)],
                      lambda a, dtype=dtype, st=st, n=n: [f"%r = vx_tensor.layer_norm {a[0]}, {a[1]}, {a[2]} eps 1.0e-05 : {st}, {T((n,), dtype)}, {T((n,), dtype)}"],
                      st, ref.layer_norm(rx, rw, rb, 1e-5), dtype)
            # Static lengths take shapes of their own (unmasked vectors,
            # streaming loops of a known trip count).
            prog.case(f"softmax static {shape} {dtype}", [(x, dtype, False)],
                      lambda a, st=st: [f"%r = vx_tensor.softmax {a[0]} dim 1 : {st}"],
                      st, ref.softmax(rx, 1), dtype)
            for name in ("reduce_sum", "reduce_max", "reduce_mean"):
                want = ref.reduce(name, rx, [1], False)
                if dtype != "f32":
                    want = ref.round_to(want, dtype)
                prog.case(f"{name} {shape} {dtype}", [(x, dtype, True)],
                          lambda a, name=name, dtype=dtype: [f"%r = vx_tensor.{name} {a[0]} dims [1] : tensor<?x?x{dtype}>"],
                          f"tensor<?x{dtype}>", want, dtype)
                if name != "reduce_mean":
                    prog.case(f"{name} static {shape} {dtype}", [(x, dtype, False)],
                              lambda a, name=name, st=st: [f"%r = vx_tensor.{name} {a[0]} dims [1] : {st}"],
                              T((rows,), dtype), want, dtype)
    # LayerNorm rows whose mean is a hundred standard deviations from zero,
    # on a cluster of two (20000) and staged (40000).
    for dtype in ("f32", "bf16"):
        for rows, n in ((2, 20000), (3, 40000)):
            x = rng.normal(100, 1, size=(rows, n))
            rx = ref.round_to(x, dtype)
            w, b = rng.uniform(0.5, 1.5, size=(n,)), rng.uniform(-1, 1, size=(n,))
            rw, rb = ref.round_to(w, dtype), ref.round_to(b, dtype)
            prog.case(f"layer_norm offset {rows}x{n} {dtype}",
                      [(x, dtype, True), (w, dtype, True), (b, dtype, True)],
                      lambda a, dtype=dtype: [f"%r = vx_tensor.layer_norm {a[0]}, {a[1]}, {a[2]} eps 1.0e-05 : tensor<?x?x{dtype}>, tensor<?x{dtype}>, tensor<?x{dtype}>"],
                      f"tensor<?x?x{dtype}>", ref.layer_norm(rx, rw, rb, 1e-5), dtype)
    # Integers, and rows over two leading dimensions.
    for rows, n in ((5, 1024), (3, 5000), (2, 40000)):
        x = rng.integers(-1000, 1000, size=(rows, n))
        for name in ("reduce_sum", "reduce_min"):
            prog.case(f"{name} {rows}x{n} i32", [(x, "i32", True)],
                      lambda a, name=name: [f"%r = vx_tensor.{name} {a[0]} dims [1] : tensor<?x?xi32>"],
                      "tensor<?xi32>", ref.reduce(name, x, [1], False), "i32")
    x = rng.normal(0, 2, size=(3, 5, 264))
    prog.case("softmax 3x5x264 f32", [(x, "f32", True)],
              lambda a: ["%r = vx_tensor.softmax %a0 dim 2 : tensor<?x?x?xf32>"],
              "tensor<?x?x?xf32>", ref.softmax(x, 2), "f32")
    prog.case("reduce_max keepdims 3x5x264 f32", [(x, "f32", True)],
              lambda a: ["%r = vx_tensor.reduce_max %a0 dims [2] keepdims : tensor<?x?x?xf32>"],
              "tensor<?x?x1xf32>", ref.reduce("reduce_max", x, [2], True), "f32")
    # Staged rows over two leading dimensions.
    x = rng.normal(0, 2, size=(2, 3, 34000))
    rx = ref.round_to(x, "bf16")
    prog.case("softmax 2x3x34000 bf16", [(x, "bf16", True)],
              lambda a: ["%r = vx_tensor.softmax %a0 dim 2 : tensor<?x?x?xbf16>"],
              "tensor<?x?x?xbf16>", ref.softmax(rx, 2), "bf16")
    return prog
