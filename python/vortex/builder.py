"""A small Python builder of vx IR text.

>>> from vortex.builder import ModuleBuilder, TensorType
>>> m = ModuleBuilder()
>>> t = TensorType((None, None), "f32")
>>> f = m.function("f", [t, t, t], arg_names=["x", "y", "z"])
>>> x, y, z = f.args
>>> f.ret(f.silu(x) * y + z)
>>> print(m)                                        # doctest: +SKIP

The builder needs no MLIR library: it writes text. Every operation computes
its result type in Python the way the dialect infers it (the join of two
compatible shapes, the dimensions of a matmul or a reduction, ...) and raises
:class:`ShapeError` / :class:`BuilderTypeError` with the dialect's wording
(e.g. ``vx_tensor.add: lhs dim 0 (4) does not match rhs dim 0 (5)``) for
operands the dialect would reject, so that the text it produces is accepted
by vortex-opt.

``add``, ``sub``, ``mul`` and ``neg`` emit vx_field operations on prime-field
values (or tensors of them) and vx_tensor operations on numeric tensors;
``square``, ``inv`` and ``pow`` are vx_field only. Values also support the
Python operators ``+ - * / @`` and unary ``-``, and ``**`` with an integer
exponent on field values.
"""

import numbers
import re
import struct

from .capi import VortexError

__all__ = [
    "BuilderError", "ShapeError", "BuilderTypeError",
    "DTYPES", "FLOAT_DTYPES", "INT_DTYPES", "NAMED_FIELDS",
    "TensorType", "UnrankedTensorType", "FieldType",
    "Value", "Function", "FunctionDecl", "ModuleBuilder",
]


class BuilderError(VortexError):
    """The builder was asked for IR that the dialects would reject."""


class ShapeError(BuilderError, ValueError):
    """Operand shapes that do not fit the operation."""


class BuilderTypeError(BuilderError, TypeError):
    """Operand types (element types, kinds of values) that do not fit."""


FLOAT_DTYPES = ("f16", "bf16", "f32", "f64")
INT_DTYPES = ("i1", "i8", "i16", "i32", "i64")
DTYPES = FLOAT_DTYPES + INT_DTYPES

# The named fields of vx_field (lib/Dialect/Field/IR/FieldTypes.cpp,
# getNamedFields), so that FieldType("babybear") == FieldType(2013265921) as
# the two types are one type in MLIR.
NAMED_FIELDS = {
    "bn254_fr": 21888242871839275222246405745257275088548364400416034343698204186575808495617,
    "bn254_fq": 21888242871839275222246405745257275088696311157297823662689037894645226208583,
    "bls12_381_fr": 52435875175126190479447740508185965837690552500527637822603658699938581184513,
    "bls12_381_fq": int(
        "4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559787"),
    "goldilocks": 18446744069414584321,
    "babybear": 2013265921,
    "mersenne31": 2147483647,
}
_FIELD_NAMES = {modulus: name for name, modulus in NAMED_FIELDS.items()}

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$.]*$")


def _dim_str(d):
    return "?" if d is None else str(d)


def _is_int(x):
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


# ---------------------------------------------------------------------------
# Types
# ---------------------------------------------------------------------------


class FieldType:
    """The prime field ``!vx_field.pf<...>`` of a named field ("bn254_fr",
    "babybear", ... see NAMED_FIELDS) or of an odd integer modulus > 2.
    ``montgomery`` selects the Montgomery representation."""

    def __init__(self, field, montgomery=False):
        if isinstance(field, str):
            if field not in NAMED_FIELDS:
                raise BuilderError("unknown field %r; the named fields are %s"
                                   % (field, " ".join(NAMED_FIELDS)))
            modulus = NAMED_FIELDS[field]
        elif _is_int(field):
            modulus = int(field)
            if modulus <= 2 or modulus % 2 == 0:
                raise BuilderError("modulus must be an odd integer greater than 2, got %d"
                                   % modulus)
        else:
            raise BuilderTypeError("FieldType needs a field name or an integer modulus, "
                                   "got %r" % (field,))
        self.modulus = modulus
        self.name = _FIELD_NAMES.get(modulus)
        self.montgomery = bool(montgomery)

    def _key(self):
        return (self.modulus, self.montgomery)

    def __eq__(self, other):
        return isinstance(other, FieldType) and self._key() == other._key()

    def __hash__(self):
        return hash(("FieldType",) + self._key())

    def __str__(self):
        body = self.name or str(self.modulus)
        if self.montgomery:
            body += ", montgomery"
        return "!vx_field.pf<%s>" % body

    def __repr__(self):
        return "FieldType(%r%s)" % (self.name or self.modulus,
                                    ", montgomery=True" if self.montgomery else "")


class TensorType:
    """``tensor<...>`` of ``shape`` (a sequence of sizes, None for a dynamic
    size; () for rank 0) and ``dtype`` (one of DTYPES, or a FieldType for a
    tensor of field elements)."""

    def __init__(self, shape, dtype):
        if _is_int(shape):
            shape = (shape,)
        try:
            shape = tuple(shape)
        except TypeError:
            raise BuilderTypeError("shape must be a sequence of sizes, got %r"
                                   % (shape,)) from None
        for d in shape:
            if d is not None and (not _is_int(d) or d < 0):
                raise BuilderError("dimension sizes are non-negative integers or "
                                   "None (dynamic), got %r in %r" % (d, shape))
        self.shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = _check_dtype(dtype)

    @property
    def rank(self):
        return len(self.shape)

    @property
    def is_float(self):
        return self.dtype in FLOAT_DTYPES

    @property
    def is_field(self):
        return isinstance(self.dtype, FieldType)

    @property
    def is_static(self):
        return None not in self.shape

    def num_elements(self):
        if not self.is_static:
            raise BuilderError("%s has dynamic dimensions" % self)
        n = 1
        for d in self.shape:
            n *= d
        return n

    def with_dtype(self, dtype):
        return TensorType(self.shape, dtype)

    def _key(self):
        return (self.shape, self.dtype)

    def __eq__(self, other):
        return isinstance(other, TensorType) and self._key() == other._key()

    def __hash__(self):
        return hash(("TensorType",) + self._key())

    def __str__(self):
        dims = "".join(_dim_str(d) + "x" for d in self.shape)
        return "tensor<%s%s>" % (dims, self.dtype)

    def __repr__(self):
        return "TensorType(%r, %r)" % (self.shape, self.dtype)


class UnrankedTensorType:
    """``tensor<*xdtype>``: for function declarations such as the runtime's
    printMemrefF32 and the tensor.cast that feeds them."""

    def __init__(self, dtype):
        self.dtype = _check_dtype(dtype)

    def __eq__(self, other):
        return isinstance(other, UnrankedTensorType) and self.dtype == other.dtype

    def __hash__(self):
        return hash(("UnrankedTensorType", self.dtype))

    def __str__(self):
        return "tensor<*x%s>" % self.dtype

    def __repr__(self):
        return "UnrankedTensorType(%r)" % (self.dtype,)


def _check_dtype(dtype):
    if isinstance(dtype, FieldType):
        return dtype
    if dtype not in DTYPES:
        raise BuilderTypeError("unsupported element type %r; use one of %s or a FieldType"
                               % (dtype, ", ".join(DTYPES)))
    return dtype


_TYPES = (TensorType, UnrankedTensorType, FieldType)


def _check_type(t, what):
    if not isinstance(t, _TYPES):
        raise BuilderTypeError("%s must be a TensorType, UnrankedTensorType or "
                               "FieldType, got %r" % (what, t))
    return t


# ---------------------------------------------------------------------------
# Shape inference, after lib/Dialect/Tensor/IR/TensorOps.cpp
# ---------------------------------------------------------------------------


def _compatible(a, b):
    return a is None or b is None or a == b


def _join_shapes(op, a, a_name, b, b_name):
    if len(a) != len(b):
        raise ShapeError("%s: %s has rank %d but %s has rank %d"
                         % (op, a_name, len(a), b_name, len(b)))
    joined = []
    for i, (da, db) in enumerate(zip(a, b)):
        if not _compatible(da, db):
            raise ShapeError("%s: %s dim %d (%s) does not match %s dim %d (%s)"
                             % (op, a_name, i, _dim_str(da), b_name, i, _dim_str(db)))
        joined.append(db if da is None else da)
    return tuple(joined)


def _check_dim_list(op, dims, rank, what):
    """Normalizes negative entries (Python style) and checks range and
    uniqueness, as the dialect's verifyDimList does."""
    if _is_int(dims):
        dims = [dims]
    out = []
    for d in dims:
        if not _is_int(d):
            raise BuilderTypeError("%s: %s entries must be integers, got %r" % (op, what, d))
        nd = d + rank if d < 0 else d
        if nd < 0 or nd >= rank:
            raise ShapeError("%s: %s entry %d is out of range for rank %d" % (op, what, d, rank))
        if nd in out:
            raise ShapeError("%s: %s repeats dimension %d" % (op, what, nd))
        out.append(nd)
    return out


# ---------------------------------------------------------------------------
# Values and functions
# ---------------------------------------------------------------------------


class Value:
    """An SSA value of a :class:`Function`: ``name`` ("%x", "%3") and
    ``type``."""

    __slots__ = ("func", "name", "type")

    def __init__(self, func, name, type_):
        self.func = func
        self.name = name
        self.type = type_

    @property
    def shape(self):
        return self.type.shape

    @property
    def dtype(self):
        return self.type.dtype

    def __str__(self):
        return self.name

    def __repr__(self):
        return "<Value %s : %s>" % (self.name, self.type)

    def __add__(self, other):
        return self.func.add(self, other)

    def __sub__(self, other):
        return self.func.sub(self, other)

    def __mul__(self, other):
        return self.func.mul(self, other)

    def __truediv__(self, other):
        return self.func.div(self, other)

    def __matmul__(self, other):
        return self.func.matmul(self, other)

    def __neg__(self):
        return self.func.neg(self)

    def __pow__(self, exponent):
        return self.func.pow(self, exponent)


class FunctionDecl:
    """An external function: ``func.func private @name(...)``."""

    def __init__(self, name, arg_types, result_types=(), attributes=None):
        self.name = name
        self.arg_types = [_check_type(t, "argument type") for t in arg_types]
        self.result_types = [_check_type(t, "result type") for t in result_types]
        self.attributes = dict(attributes or {})

    def _signature(self):
        return _func_type_text(self.arg_types, self.result_types)

    def __str__(self):
        results = _results_text(self.result_types)
        return "func.func private @%s(%s)%s%s" % (
            self.name, ", ".join(str(t) for t in self.arg_types), results,
            _attr_dict_text(self.attributes, " attributes "))


def _results_text(types):
    if not types:
        return ""
    if len(types) == 1:
        return " -> %s" % types[0]
    return " -> (%s)" % ", ".join(str(t) for t in types)


def _func_type_text(args, results):
    res = ", ".join(str(t) for t in results)
    if len(results) != 1:
        res = "(%s)" % res
    return "(%s) -> %s" % (", ".join(str(t) for t in args), res)


def _attr_dict_text(attrs, prefix):
    if not attrs:
        return ""
    items = []
    for k, v in attrs.items():
        if v is True:
            items.append(k)
        else:
            items.append("%s = %s" % (k, v))
    return "%s{%s}" % (prefix, ", ".join(items))


# Finite values at or beyond these round to infinity in the element type.
_BF16_OVERFLOW = (2.0 - 2.0 ** -8) * 2.0 ** 127


def _check_float_range(x, dtype):
    """Raises for a finite value that would round to infinity in dtype (MLIR
    would silently make it inf)."""
    if dtype == "f64":
        return
    if dtype == "bf16":
        overflow = abs(x) >= _BF16_OVERFLOW
    else:
        try:
            struct.pack("<e" if dtype == "f16" else "<f", x)
            overflow = False
        except OverflowError:
            overflow = True
    if overflow:
        raise BuilderError("arith.constant: %r overflows %s" % (x, dtype))


def _int_literal(x, dtype):
    """Signless integers take values that fit signed or unsigned, as MLIR's
    parser does: [-2^(n-1), 2^n - 1]."""
    bits = int(dtype[1:])
    if not -(1 << (bits - 1)) <= x < (1 << bits) or (bits == 1 and x < 0):
        raise BuilderError("arith.constant: %d does not fit in %s" % (x, dtype))
    if bits == 1:
        return "true" if x else "false"
    return str(int(x))


def _float_literal(x, dtype):
    x = float(x)
    if x != x or x in (float("inf"), float("-inf")):
        # MLIR has no decimal spelling of inf and NaN: write the bits.
        if dtype == "f64":
            return "0x%016X" % struct.unpack("<Q", struct.pack("<d", x))[0]
        if dtype == "f16":
            return "0x%04X" % struct.unpack("<H", struct.pack("<e", x))[0]
        bits = struct.unpack("<I", struct.pack("<f", x))[0]
        if dtype == "bf16":
            return "0x%04X" % (bits >> 16 if x == x else 0x7FC0)
        return "0x%08X" % bits
    _check_float_range(x, dtype)
    s = repr(x)
    if "e" in s and "." not in s.split("e")[0]:
        mant, exp = s.split("e")
        s = mant + ".0e" + exp
    return s


class Function:
    """A ``func.func`` under construction; made by
    :meth:`ModuleBuilder.function`."""

    def __init__(self, module, name, arg_types, arg_names=None, attributes=None):
        self.module = module
        self.name = name
        self.arg_types = [_check_type(t, "argument type") for t in arg_types]
        if arg_names is None:
            arg_names = ["arg%d" % i for i in range(len(self.arg_types))]
        arg_names = list(arg_names)
        if len(arg_names) != len(self.arg_types):
            raise BuilderError("@%s: %d argument names for %d arguments"
                               % (name, len(arg_names), len(self.arg_types)))
        seen = set()
        for n in arg_names:
            if not isinstance(n, str) or not _IDENT.match(n):
                raise BuilderError("@%s: argument name %r is not an identifier "
                                   "(letters, digits, _ $ ., not starting with a digit)"
                                   % (name, n))
            if n in seen:
                raise BuilderError("@%s: argument name %r is used twice" % (name, n))
            seen.add(n)
        self.args = [Value(self, "%" + n, t) for n, t in zip(arg_names, self.arg_types)]
        self.attributes = dict(attributes or {})
        self.result_types = None
        self._lines = []
        self._counter = 0

    # -- plumbing ----------------------------------------------------------

    def _check_open(self):
        if self.result_types is not None:
            raise BuilderError("@%s already returned; no operations can follow" % self.name)

    def _use(self, v, op, what="operand"):
        if not isinstance(v, Value):
            raise BuilderTypeError("%s: %s must be a Value of this function, got %r"
                                   % (op, what, v))
        if v.func is not self:
            raise BuilderError("%s: %s %s belongs to @%s, not @%s"
                               % (op, what, v.name, v.func.name, self.name))
        return v

    def _emit(self, text, result_types):
        """Appends `results = text` and returns the new values."""
        self._check_open()
        results = []
        for t in result_types:
            results.append(Value(self, "%%%d" % self._counter, t))
            self._counter += 1
        lhs = ", ".join(v.name for v in results)
        self._lines.append((lhs + " = " if results else "") + text)
        return results

    def _emit1(self, text, result_type):
        return self._emit(text, [result_type])[0]

    def _ranked(self, v, op, what="operand"):
        self._use(v, op, what)
        if not isinstance(v.type, TensorType):
            raise BuilderTypeError("%s: %s must be a ranked tensor, got %s" % (op, what, v.type))
        if v.type.is_field:
            raise BuilderTypeError("%s: %s must be a tensor of %s, got %s"
                                   % (op, what, "/".join(DTYPES), v.type))
        return v.type

    def _float(self, v, op, what="operand"):
        t = self._ranked(v, op, what)
        if not t.is_float:
            raise BuilderTypeError("%s needs a floating-point tensor (%s), got %s"
                                   % (op, ", ".join(FLOAT_DTYPES), t))
        return t

    @staticmethod
    def _is_field_value(v):
        t = getattr(v, "type", None)
        return isinstance(t, FieldType) or (isinstance(t, TensorType) and t.is_field)

    # -- vx_tensor: elementwise --------------------------------------------

    def _binary(self, mnemonic, lhs, rhs):
        if self._is_field_value(lhs) or self._is_field_value(rhs):
            if mnemonic not in ("add", "sub", "mul"):
                raise BuilderTypeError("vx_tensor.%s does not apply to field elements" % mnemonic)
            return self._field_binary(mnemonic, lhs, rhs)
        op = "vx_tensor." + mnemonic
        lt = self._ranked(lhs, op, "lhs")
        rt = self._ranked(rhs, op, "rhs")
        if lt.dtype != rt.dtype:
            raise BuilderTypeError("%s: operand element types differ: '%s' vs '%s'"
                                   % (op, lt.dtype, rt.dtype))
        shape = _join_shapes(op, lt.shape, "lhs", rt.shape, "rhs")
        types = str(lt) if lt == rt else "%s, %s" % (lt, rt)
        return self._emit1("%s %s, %s : %s" % (op, lhs, rhs, types), TensorType(shape, lt.dtype))

    def add(self, lhs, rhs):
        """vx_tensor.add, or vx_field.add on field values."""
        return self._binary("add", lhs, rhs)

    def sub(self, lhs, rhs):
        """vx_tensor.sub, or vx_field.sub on field values."""
        return self._binary("sub", lhs, rhs)

    def mul(self, lhs, rhs):
        """vx_tensor.mul, or vx_field.mul on field values."""
        return self._binary("mul", lhs, rhs)

    def div(self, lhs, rhs):
        return self._binary("div", lhs, rhs)

    def max(self, lhs, rhs):
        return self._binary("max", lhs, rhs)

    def min(self, lhs, rhs):
        return self._binary("min", lhs, rhs)

    def _unary(self, mnemonic, x, float_only, suffix=""):
        op = "vx_tensor." + mnemonic
        t = self._float(x, op) if float_only else self._ranked(x, op)
        return self._emit1("%s %s%s : %s" % (op, x, suffix, t), t)

    def neg(self, x):
        """vx_tensor.neg, or vx_field.neg on field values."""
        if self._is_field_value(x):
            return self._field_unary("neg", x)
        return self._unary("neg", x, False)

    def relu(self, x):
        return self._unary("relu", x, False)

    def exp(self, x):
        return self._unary("exp", x, True)

    def log(self, x):
        return self._unary("log", x, True)

    def sqrt(self, x):
        return self._unary("sqrt", x, True)

    def rsqrt(self, x):
        return self._unary("rsqrt", x, True)

    def tanh(self, x):
        return self._unary("tanh", x, True)

    def silu(self, x):
        return self._unary("silu", x, True)

    def gelu(self, x, approximate_tanh=False):
        return self._unary("gelu", x, True, " tanh" if approximate_tanh else "")

    def cast(self, x, to):
        """vx_tensor.cast to the element type ``to`` (keeping the shape) or to
        the TensorType ``to`` (whose shape must agree with the input's)."""
        op = "vx_tensor.cast"
        t = self._ranked(x, op, "input")
        if isinstance(to, TensorType):
            if to.is_field:
                raise BuilderTypeError("%s: result must be a tensor of %s, got %s"
                                       % (op, "/".join(DTYPES), to))
            _join_shapes(op, t.shape, "input", to.shape, "result")
            result = to
        else:
            if isinstance(to, FieldType) or to not in DTYPES:
                raise BuilderTypeError("%s: target must be one of %s or a TensorType, got %r"
                                       % (op, ", ".join(DTYPES), to))
            result = t.with_dtype(to)
        return self._emit1("%s %s : %s to %s" % (op, x, t, result), result)

    # -- vx_tensor: layout, reductions, normalization, contraction --------

    def transpose(self, x, permutation):
        op = "vx_tensor.transpose"
        t = self._ranked(x, op, "input")
        perm = list(permutation)
        if len(perm) != t.rank:
            raise ShapeError("%s: permutation has %d entries but the input has rank %d"
                             % (op, len(perm), t.rank))
        perm = _check_dim_list(op, perm, t.rank, "permutation")
        result = TensorType([t.shape[d] for d in perm], t.dtype)
        return self._emit1("%s %s [%s] : %s" % (op, x, ", ".join(map(str, perm)), t), result)

    def _reduce(self, mnemonic, x, dims, keepdims, float_only=False):
        op = "vx_tensor." + mnemonic
        t = self._float(x, op, "input") if float_only else self._ranked(x, op, "input")
        dims = _check_dim_list(op, dims, t.rank, "dims")
        if not dims:
            raise ShapeError("%s: dims must name at least one dimension" % op)
        shape = []
        for d in range(t.rank):
            if d not in dims:
                shape.append(t.shape[d])
            elif keepdims:
                shape.append(1)
        text = "%s %s dims [%s]%s : %s" % (op, x, ", ".join(map(str, dims)),
                                            " keepdims" if keepdims else "", t)
        return self._emit1(text, TensorType(shape, t.dtype))

    def reduce_sum(self, x, dims, keepdims=False):
        return self._reduce("reduce_sum", x, dims, keepdims)

    def reduce_max(self, x, dims, keepdims=False):
        return self._reduce("reduce_max", x, dims, keepdims)

    def reduce_min(self, x, dims, keepdims=False):
        return self._reduce("reduce_min", x, dims, keepdims)

    def reduce_mean(self, x, dims, keepdims=False):
        return self._reduce("reduce_mean", x, dims, keepdims, float_only=True)

    def softmax(self, x, dim):
        op = "vx_tensor.softmax"
        t = self._float(x, op, "input")
        (d,) = _check_dim_list(op, [dim], t.rank, "dim")
        return self._emit1("%s %s dim %d : %s" % (op, x, d, t), t)

    def matmul(self, lhs, rhs, transpose_lhs=False, transpose_rhs=False):
        """vx_tensor.matmul: [batch..., M, K] x [batch..., K, N] (or a 2-D
        rhs shared by every batch), with optional transposes."""
        op = "vx_tensor.matmul"
        lt = self._ranked(lhs, op, "lhs")
        rt = self._ranked(rhs, op, "rhs")
        if lt.dtype != rt.dtype:
            raise BuilderTypeError("%s: operand element types differ: '%s' vs '%s'"
                                   % (op, lt.dtype, rt.dtype))
        lr, rr = lt.rank, rt.rank
        if lr < 2:
            raise ShapeError("%s: lhs must have rank >= 2, has rank %d" % (op, lr))
        if rr < 2:
            raise ShapeError("%s: rhs must have rank >= 2, has rank %d" % (op, rr))
        if rr != 2 and rr != lr:
            raise ShapeError("%s: rhs must be 2-D or have the rank of lhs (%d), has rank %d"
                             % (op, lr, rr))
        shape = []
        for d in range(lr - 2):
            a = lt.shape[d]
            b = rt.shape[d] if rr == lr else a
            if not _compatible(a, b):
                raise ShapeError("%s: batch dim %d differs: lhs has %s, rhs has %s"
                                 % (op, d, _dim_str(a), _dim_str(b)))
            shape.append(b if a is None else a)
        m_dim, k_dim = (lr - 1, lr - 2) if transpose_lhs else (lr - 2, lr - 1)
        kr_dim, n_dim = (rr - 1, rr - 2) if transpose_rhs else (rr - 2, rr - 1)
        k, kr = lt.shape[k_dim], rt.shape[kr_dim]
        if not _compatible(k, kr):
            raise ShapeError("%s: contracting dimensions differ: lhs dim %d is %s but "
                             "rhs dim %d is %s" % (op, k_dim, _dim_str(k), kr_dim, _dim_str(kr)))
        shape += [lt.shape[m_dim], rt.shape[n_dim]]
        flags = ("%s%s" % (" transpose_lhs" if transpose_lhs else "",
                           " transpose_rhs" if transpose_rhs else ""))
        return self._emit1("%s %s, %s%s : %s, %s" % (op, lhs, rhs, flags, lt, rt),
                           TensorType(shape, lt.dtype))

    # -- vx_field ----------------------------------------------------------

    def _field(self, v, op, what="operand"):
        self._use(v, op, what)
        if not self._is_field_value(v):
            raise BuilderTypeError("%s needs a prime-field element or a tensor of them, got %s"
                                   % (op, v.type))
        return v.type

    def _field_binary(self, mnemonic, lhs, rhs):
        op = "vx_field." + mnemonic
        lt = self._field(lhs, op, "lhs")
        rt = self._field(rhs, op, "rhs")
        if lt != rt:
            if isinstance(lt, TensorType) and isinstance(rt, TensorType) \
                    and lt.dtype == rt.dtype:
                _join_shapes(op, lt.shape, "lhs", rt.shape, "rhs")
            raise BuilderTypeError("%s needs operands of one type, got %s and %s"
                                   % (op, lt, rt))
        return self._emit1("%s %s, %s : %s" % (op, lhs, rhs, lt), lt)

    def _field_unary(self, mnemonic, x):
        op = "vx_field." + mnemonic
        t = self._field(x, op, "input")
        return self._emit1("%s %s : %s" % (op, x, t), t)

    def square(self, x):
        return self._field_unary("square", x)

    def inv(self, x):
        """The multiplicative inverse (0 maps to 0)."""
        return self._field_unary("inv", x)

    def pow(self, x, exponent):
        op = "vx_field.pow"
        t = self._field(x, op, "input")
        if not _is_int(exponent) or exponent < 0:
            raise BuilderError("%s: the exponent must be a non-negative integer, got %r"
                               % (op, exponent))
        return self._emit1("%s %s, %d : %s" % (op, x, int(exponent), t), t)

    def field_constant(self, value, type_):
        """vx_field.constant ``value`` of the FieldType (or tensor of it,
        as a splat) ``type_``."""
        op = "vx_field.constant"
        field = type_.dtype if isinstance(type_, TensorType) else type_
        if not isinstance(field, FieldType):
            raise BuilderTypeError("%s needs a FieldType or a tensor of one, got %r"
                                   % (op, type_))
        if not _is_int(value) or not 0 <= value < field.modulus:
            raise BuilderError("%s: value %r is not in [0, %d)" % (op, value, field.modulus))
        return self._emit1("%s %d : %s" % (op, int(value), type_), type_)

    # -- glue: constants, casts, calls, return -----------------------------

    def constant(self, values, type_):
        """arith.constant dense<values> of the static TensorType ``type_``;
        ``values`` is a nested sequence or a numpy array of that shape (a
        scalar makes a splat)."""
        op = "arith.constant"
        if not isinstance(type_, TensorType) or type_.is_field:
            raise BuilderTypeError("%s needs a numeric TensorType, got %r" % (op, type_))
        if not type_.is_static:
            raise ShapeError("%s: %s must have a static shape" % (op, type_))
        if hasattr(values, "tolist"):
            values = values.tolist()

        def fmt(x):
            if type_.is_float:
                return _float_literal(x, type_.dtype)
            if isinstance(x, bool) or (isinstance(x, float) and x.is_integer()):
                x = int(x)
            if not _is_int(x):
                raise BuilderTypeError("%s: %r is not an integer" % (op, x))
            return _int_literal(x, type_.dtype)

        def render(v, depth):
            if depth == type_.rank:
                if isinstance(v, (list, tuple)):
                    raise ShapeError("%s: values nest deeper than the rank %d of %s"
                                     % (op, type_.rank, type_))
                return fmt(v)
            if not isinstance(v, (list, tuple)):
                raise ShapeError("%s: values have rank %d but %s has rank %d"
                                 % (op, depth, type_, type_.rank))
            if len(v) != type_.shape[depth]:
                raise ShapeError("%s: values have %d entries along dim %d but %s has %d"
                                 % (op, len(v), depth, type_, type_.shape[depth]))
            return "[" + ", ".join(render(e, depth + 1) for e in v) + "]"

        if not isinstance(values, (list, tuple)):
            body = fmt(values)  # splat
        else:
            body = render(values, 0)
        return self._emit1("%s dense<%s> : %s" % (op, body, type_), type_)

    def tensor_cast(self, x, to):
        """tensor.cast to a compatible ranked TensorType or to an
        UnrankedTensorType of the same element type."""
        op = "tensor.cast"
        self._use(x, op, "source")
        t = x.type
        if not isinstance(t, (TensorType, UnrankedTensorType)) or \
                not isinstance(to, (TensorType, UnrankedTensorType)):
            raise BuilderTypeError("%s casts between tensor types, got %s to %s" % (op, t, to))
        if t.dtype != to.dtype:
            raise BuilderTypeError("%s keeps the element type: %s to %s" % (op, t, to))
        if isinstance(t, TensorType) and isinstance(to, TensorType):
            _join_shapes(op, t.shape, "source", to.shape, "result")
        return self._emit1("%s %s : %s to %s" % (op, x, t, to), to)

    def call(self, callee, *args):
        """func.call of a Function of this module or a FunctionDecl; returns
        None, the result, or a tuple of results."""
        op = "func.call"
        if isinstance(callee, str):
            callee = self.module.lookup(callee)
        if not isinstance(callee, (Function, FunctionDecl)):
            raise BuilderTypeError("%s: callee must be a Function or FunctionDecl, got %r"
                                   % (op, callee))
        if callee.name not in self.module._symbols:
            raise BuilderError("%s: @%s is not in this module" % (op, callee.name))
        if isinstance(callee, Function) and callee.result_types is None:
            raise BuilderError("%s: @%s has no return yet, so its result types are unknown"
                               % (op, callee.name))
        if len(args) != len(callee.arg_types):
            raise BuilderError("%s: @%s takes %d arguments, got %d"
                               % (op, callee.name, len(callee.arg_types), len(args)))
        for i, (a, t) in enumerate(zip(args, callee.arg_types)):
            self._use(a, op, "argument %d" % i)
            if a.type != t:
                raise BuilderTypeError("%s: argument %d of @%s has type %s, got %s (%s); "
                                       "use tensor_cast" % (op, i, callee.name, t, a, a.type))
        text = "%s @%s(%s) : %s" % (op, callee.name, ", ".join(a.name for a in args),
                                     _func_type_text(callee.arg_types, callee.result_types))
        results = self._emit(text, callee.result_types)
        if not results:
            return None
        return results[0] if len(results) == 1 else tuple(results)

    def ret(self, *values):
        """func.return of ``values``; fixes the function's result types."""
        self._check_open()
        for i, v in enumerate(values):
            self._use(v, "func.return", "operand %d" % i)
        if values:
            self._lines.append("return %s : %s" % (
                ", ".join(v.name for v in values), ", ".join(str(v.type) for v in values)))
        else:
            self._lines.append("return")
        self.result_types = [v.type for v in values]

    # -- text --------------------------------------------------------------

    def __str__(self):
        if self.result_types is None:
            raise BuilderError("@%s has no return; call ret(...)" % self.name)
        args = ", ".join("%s: %s" % (a.name, a.type) for a in self.args)
        head = "func.func @%s(%s)%s%s {" % (self.name, args, _results_text(self.result_types),
                                           _attr_dict_text(self.attributes, " attributes "))
        return "\n".join([head] + ["  " + line for line in self._lines] + ["}"])


class ModuleBuilder:
    """A builtin.module of functions; ``str()`` gives its text."""

    def __init__(self):
        self._items = []
        self._symbols = {}

    def _add(self, item):
        if not isinstance(item.name, str) or not _IDENT.match(item.name):
            raise BuilderError("%r is not a valid function name" % (item.name,))
        if item.name in self._symbols:
            raise BuilderError("@%s is already defined" % item.name)
        self._symbols[item.name] = item
        self._items.append(item)
        return item

    def function(self, name, arg_types, arg_names=None, attributes=None):
        """Starts ``func.func @name`` taking ``arg_types``; its ``args`` are
        the argument values. Finish it with ``ret(...)``."""
        return self._add(Function(self, name, arg_types, arg_names, attributes))

    def declare(self, name, arg_types, result_types=(), attributes=None):
        """Declares an external ``func.func private @name``; ``attributes``
        maps names to attribute text, or True for a unit attribute."""
        return self._add(FunctionDecl(name, arg_types, result_types, attributes))

    def lookup(self, name):
        try:
            return self._symbols[name]
        except KeyError:
            raise BuilderError("no function @%s in the module" % name) from None

    @property
    def functions(self):
        return list(self._items)

    def __str__(self):
        body = []
        for item in self._items:
            body.extend("  " + line for line in str(item).split("\n"))
        return "module {\n%s\n}\n" % "\n".join(body) if body else "module {\n}\n"
