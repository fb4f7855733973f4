"""Independent float64 references of the vx.tensor operations.

Every function takes and returns NumPy arrays and computes in float64 (or in
Python integers semantics for integer tensors), so that a kernel's result can
be compared against it with a tolerance that depends only on the element type.
Nothing here shares code with the compiler.
"""

import math

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def round_to_bf16(x):
    """Rounds float values to the nearest bfloat16 (ties to even), as floats."""
    f = np.asarray(x, dtype=np.float32)
    bits = f.view(np.uint32).astype(np.uint64)
    rounding = ((bits >> 16) & 1) + 0x7FFF
    rounded = ((bits + rounding) >> 16) << 16
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(f), f, out).astype(np.float64)


def round_to(x, dtype):
    """Rounds to the element type `dtype` (a vx element type name)."""
    if dtype == "bf16":
        return round_to_bf16(x)
    if dtype == "f16":
        return np.asarray(x, dtype=np.float16).astype(np.float64)
    if dtype == "f32":
        return np.asarray(x, dtype=np.float32).astype(np.float64)
    return np.asarray(x, dtype=np.float64)


def silu(x):
    return x / (1.0 + np.exp(-x))


def gelu(x, tanh=False):
    if tanh:
        return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def int_div(a, b):
    """Signed integer division rounding toward zero (C semantics)."""
    q = np.abs(a) // np.abs(b)
    return np.where((a < 0) != (b < 0), -q, q)


FLOAT_UNARY = {
    "neg": lambda x: -x,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "rsqrt": lambda x: 1.0 / np.sqrt(x),
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "silu": silu,
    "gelu": gelu,
    "gelu_tanh": lambda x: gelu(x, tanh=True),
}

FLOAT_BINARY = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "max": np.maximum,
    "min": np.minimum,
}

INT_BINARY = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": int_div,
    "max": np.maximum,
    "min": np.minimum,
}

INT_UNARY = {
    "neg": lambda x: -x,
    "relu": lambda x: np.maximum(x, 0),
}
