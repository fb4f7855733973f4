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
    f = np.atleast_1d(np.asarray(x, dtype=np.float32))
    bits = f.view(np.uint32).astype(np.uint64)
    sixteen = np.uint64(16)
    rounding = ((bits >> sixteen) & np.uint64(1)) + np.uint64(0x7FFF)
    rounded = ((bits + rounding) >> sixteen) << sixteen
    out = rounded.astype(np.uint32).view(np.float32).reshape(np.shape(x))
    f = f.reshape(np.shape(x))
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


REDUCE = {
    "reduce_sum": np.sum,
    "reduce_max": np.max,
    "reduce_min": np.min,
    "reduce_mean": np.mean,
}


def reduce(name, x, dims, keepdims):
    return REDUCE[name](x, axis=tuple(dims), keepdims=keepdims)


def softmax(x, dim):
    shifted = x - np.max(x, axis=dim, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=dim, keepdims=True)


def rms_norm(x, weight, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def layer_norm(x, weight, bias, eps):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean((x - mean) ** 2, axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def matmul(a, b, transpose_lhs=False, transpose_rhs=False):
    if transpose_lhs:
        a = np.swapaxes(a, -1, -2)
    if transpose_rhs:
        b = np.swapaxes(b, -1, -2)
    return np.matmul(a, b)


def broadcast(x, dims, shape):
    """Inserts the result dimensions `dims` and repeats along them."""
    expanded = x
    for d in sorted(dims):
        expanded = np.expand_dims(expanded, d)
    return np.broadcast_to(expanded, shape)
