"""Cases of the vx.field operations for one field: kernels on tensors of the
field's storage integers, their inputs, and the results of the independent
big-integer reference (utils/reference/field_ref.py).

Every kernel takes tensors of unsigned integers of the storage width S (the
layout of field elements in memory), reads them with `vx_field.from_int`,
computes, and returns `vx_field.to_int` of the result (booleans as field
elements 0 and 1). The CPU test (test/Integration/CPU/field.py) runs them with
`--vx-to-cpu`; utils/bench/field.py compiles them with `--vx-to-gpu`.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "utils",
                                "reference"))
import field_ref as ref  # noqa: E402


class Case:
    def __init__(self, label, params, body, inputs, expected, accept=None):
        self.label = label
        self.params = params  # [(name, type)]
        self.body = body  # lines computing %o
        self.inputs = inputs  # one list of ints per param
        self.expected = expected  # list of ints
        # For results checked by a property rather than against values:
        # accept(index, got) says whether element `index` is right.
        self.accept = accept

    def mismatch(self, got):
        """The index of the first wrong element of `got`, or None."""
        if len(got) != len(self.expected):
            return min(len(got), len(self.expected))
        for i, (g, w) in enumerate(zip(got, self.expected)):
            if not (self.accept(i, g) if self.accept else g == w):
                return i
        return None


def field_type(name, montgomery):
    return f"!vx_field.pf<{name}{', montgomery' if montgomery else ''}>"


def build_cases(name, rng, montgomery, randoms=8, scalars=True):
    """The cases of field `name` in one representation; `rng` is a
    random.Random. `scalars` adds a case computing on scalars extracted from
    tensors, which runs on the host (CPU only)."""
    p = ref.FIELDS[name]
    s = ref.storage_bits(p)
    f = field_type(name, montgomery)
    values = ref.edge_values(p) + [rng.randrange(p) for _ in range(randoms)]
    n = len(values)
    a = values
    b = list(reversed(values))
    b[n // 2] = a[n // 2]  # one equal pair for eq
    it = f"tensor<{n}xi{s}>"
    ft = f"tensor<{n}x{f}>"
    cases = []

    def case(label, args, lines, expected, result="field"):
        params = [(f"%a{i}", it) for i in range(len(args))]
        body = [f"%x{i} = vx_field.from_int %a{i} : {it} to {ft}" for i in range(len(args))]
        body += lines
        if result == "bool":
            body += [f"%one = vx_field.constant 1 : {ft}",
                     f"%zero = vx_field.constant 0 : {ft}",
                     f"%sel = vx_field.select %r, %one, %zero : tensor<{n}xi1>, {ft}",
                     f"%o = vx_field.to_int %sel : {ft} to {it}"]
            expected = [int(bool(e)) for e in expected]
        else:
            body.append(f"%o = vx_field.to_int %r : {ft} to {it}")
        rep = "mont" if montgomery else "canon"
        cases.append(Case(f"{name} {rep} {label}", params, body, args, expected))

    # from_int reduces anything below 2^S; to_int gives the canonical value.
    wide = [0, 1, p - 1, p, p + 1, 2 * p - 1, 2**s - 1, 2**(s - 1), 2**(s - 1) - 1]
    wide = [x for x in wide if x < 2**s]
    wide += [rng.randrange(2**s) for _ in range(n - len(wide))]
    wide = wide[:n]
    case("from_int/to_int", [wide], ["%r = vx_field.add %x0, %x0 : " + ft,
                                      "%r2 = vx_field.sub %r, %x0 : " + ft],
         [x % p for x in wide])
    cases[-1].body[-1] = cases[-1].body[-1].replace("to_int %r ", "to_int %r2 ")

    for op, fn in (("add", ref.add), ("sub", ref.sub), ("mul", ref.mul), ("div", ref.div)):
        case(op, [a, b], [f"%r = vx_field.{op} %x0, %x1 : {ft}"],
             [fn(p, x, y) for x, y in zip(a, b)])
    for op, fn in (("neg", ref.neg), ("double", ref.double), ("square", ref.square),
                   ("inv", ref.inv)):
        case(op, [a], [f"%r = vx_field.{op} %x0 : {ft}"], [fn(p, x) for x in a])
    # Short exponents unroll; long ones loop over their bits.
    for e in (3, 5, 2**16 + 1, 2**70 + 12345, p - 1, (p - 1) // 2):
        case(f"pow {e}", [a], [f"%r = vx_field.pow %x0, {e} : {ft}"],
             [ref.power(p, x, e) for x in a])
    # The runtime has no i1 arrays: GPU kernels skip the 1-bit exponent.
    for width in ((1, 8, 64) if scalars else (8, 32, 64)):
        exps = [0, 1, 2**width - 1] + [rng.randrange(2**width) for _ in range(n - 3)]
        exps = exps[:n]
        et = f"tensor<{n}xi{width}>"
        case(f"pow_ct i{width}", [a], [f"%r = vx_field.pow_ct %x0, %e : {ft}, {et}"],
             [ref.power(p, x, e) for x, e in zip(a, exps)])
        cases[-1].params.append(("%e", et))
        cases[-1].inputs.append(exps)
    case("batch_inv", [a], [f"%r = vx_field.batch_inv %x0 : {ft}"], [ref.inv(p, x) for x in a])
    case("eq", [a, b], [f"%r = vx_field.eq %x0, %x1 : {ft}"],
         [x == y for x, y in zip(a, b)], "bool")
    case("is_zero", [a], [f"%r = vx_field.is_zero %x0 : {ft}"], [x == 0 for x in a], "bool")
    # The condition of the select comes from a zero test, so that kernels
    # take no i1 arrays.
    flags = [rng.randrange(2) for _ in range(n)]
    case("select", [a, b, flags], [f"%c = vx_field.is_zero %x2 : {ft}",
                                   f"%r = vx_field.select %c, %x0, %x1 : tensor<{n}xi1>, {ft}"],
         [x if f == 0 else y for x, y, f in zip(a, b, flags)])
    # A chain mixing every kind of op, checked end to end.
    case("chain", [a, b], [f"%m = vx_field.mul %x0, %x1 : {ft}",
                           f"%s = vx_field.square %m : {ft}",
                           f"%t = vx_field.sub %s, %x0 : {ft}",
                           f"%r = vx_field.add %t, %m : {ft}"],
         [(pow(x * y, 2, p) - x + x * y) % p for x, y in zip(a, b)])
    # Scalars: the first elements through tensor.extract.
    if scalars:
        case("scalar mul", [a, b], ["%c0 = arith.constant 0 : index",
                                    f"%e0 = tensor.extract %x0[%c0] : {ft}",
                                    f"%e1 = tensor.extract %x1[%c0] : {ft}",
                                    f"%m = vx_field.mul %e0, %e1 : {f}",
                                    f"%r = tensor.splat %m : {ft}"],
             [ref.mul(p, a[0], b[0])] * n)
    # Stored forms in and out: for Montgomery types the inputs are a R and
    # b R, and the product of stored forms is a b R.
    stored_mul = [ref.from_montgomery(p, ref.mul(p, x, y)) if montgomery else ref.mul(p, x, y)
                  for x, y in zip(a, b)]
    case("bitcast mul", [a, b], [f"%s0 = vx_field.bitcast %a0 : {it} to {ft}",
                                 f"%s1 = vx_field.bitcast %a1 : {it} to {ft}",
                                 f"%m = vx_field.mul %s0, %s1 : {ft}",
                                 f"%r = vx_field.add %m, %s0 : {ft}",
                                 f"%o = vx_field.bitcast %r : {ft} to {it}"],
         [(m + x) % p for m, x in zip(stored_mul, a)])
    del cases[-1].body[-1]  # the to_int that case() appends
    if not montgomery:
        mt = f"tensor<{n}x{field_type(name, True)}>"
        case("to_mont/from_mont", [a, b],
             [f"%m0 = vx_field.to_mont %x0 : {ft} to {mt}",
              f"%m1 = vx_field.to_mont %x1 : {ft} to {mt}",
              f"%p = vx_field.mul %m0, %m1 : {mt}",
              f"%r = vx_field.from_mont %p : {mt} to {ft}"],
             [ref.mul(p, x, y) for x, y in zip(a, b)])
    return cases


def kernel_text(case, index):
    """The function of `case`, called @case<index>, returning %o."""
    params = ", ".join(f"{nm}: {t}" for nm, t in case.params)
    result = case.params[0][1]
    body = "\n".join("    " + line for line in case.body)
    return (f"  func.func @case{index}({params}) -> {result} {{\n{body}\n"
            f"    return %o : {result}\n  }}")


def ext_type(name, montgomery):
    return f"!vx_field.ext<{name}{', montgomery' if montgomery else ''}>"


def build_ext_cases(name, rng, montgomery, count, full=True, exact=False):
    """The cases of the named extension field `name`: elements in and out in
    stored form (`vx_field.bitcast`), packed coefficients over the prime
    field (Montgomery form when `montgomery`). Without `full`, only add,
    mul, square, inv, Frobenius and eq (the Fq12 towers, whose kernels take
    long to compile). With `exact`, inverses and quotients are compared with
    the reference's values (Fermat inversion, slow for Fq12) rather than
    checked by a product, so that every expected result is a value."""
    tower = ref.Tower(name)
    p, deg = tower.p, tower.degree
    s = ref.storage_bits(p)
    f = ext_type(name, montgomery)
    it = f"tensor<{count}xi{s * deg}>"
    ft = f"tensor<{count}x{f}>"

    def pack(element):
        if montgomery:
            element = [ref.to_montgomery(p, c) for c in element]
        return sum(c << (s * i) for i, c in enumerate(element))

    def unpack(value):
        element = [(value >> (s * i)) & ((1 << s) - 1) for i in range(deg)]
        return [ref.from_montgomery(p, c) for c in element] if montgomery else element

    values = [[0] * deg, tower.one(), [p - 1] * deg, [0] * (deg - 1) + [1]]
    values += [[rng.randrange(p) for _ in range(deg)] for _ in range(count - len(values))]
    a = values[:count]
    b = list(reversed(a))
    b[count // 2] = a[count // 2]
    cases = []

    def case(label, args, lines, expected=None, accept=None, result="field"):
        params = [(f"%a{i}", it) for i in range(len(args))]
        body = [f"%x{i} = vx_field.bitcast %a{i} : {it} to {ft}" for i in range(len(args))]
        body += lines
        if result == "bool":
            body += [f"%sel = vx_field.select %r, %x0, %x1 : tensor<{count}xi1>, {ft}",
                     f"%o = vx_field.bitcast %sel : {ft} to {it}"]
        else:
            body.append(f"%o = vx_field.bitcast %r : {ft} to {it}")
        c = Case(f"{name} {'mont' if montgomery else 'canon'} {label}", params, body,
                 [[pack(x) for x in arg] for arg in args],
                 [pack(e) for e in expected] if expected else [0] * count,
                 (lambda i, got: accept(i, unpack(got))) if accept else None)
        cases.append(c)

    case("add", [a, b], [f"%r = vx_field.add %x0, %x1 : {ft}"],
         [tower.add(x, y) for x, y in zip(a, b)])
    if full:
        case("sub", [a, b], [f"%r = vx_field.sub %x0, %x1 : {ft}"],
             [tower.sub(x, y) for x, y in zip(a, b)])
        case("neg", [a], [f"%r = vx_field.neg %x0 : {ft}"], [tower.neg(x) for x in a])
        case("double", [a], [f"%r = vx_field.double %x0 : {ft}"],
             [tower.add(x, x) for x in a])
    case("mul", [a, b], [f"%r = vx_field.mul %x0, %x1 : {ft}"],
         [tower.mul(x, y) for x, y in zip(a, b)])
    case("square", [a], [f"%r = vx_field.square %x0 : {ft}"], [tower.mul(x, x) for x in a])
    zero = [0] * deg
    # Inverses are checked by a * inv(a) = 1 (and inv(0) = 0), quotients by
    # (a / b) b = a.
    if exact:
        case("inv", [a], [f"%r = vx_field.inv %x0 : {ft}"], [tower.inv(x) for x in a])
    else:
        case("inv", [a], [f"%r = vx_field.inv %x0 : {ft}"],
             accept=lambda i, got: got == zero if a[i] == zero else
             tower.mul(a[i], got) == tower.one())
    for k in (1, 2):
        case(f"frobenius {k}", [a], [f"%r = vx_field.frobenius %x0, {k} : {ft}"],
             [tower.frobenius(x, k) for x in a])
    case("eq", [a, b], [f"%r = vx_field.eq %x0, %x1 : {ft}"],
         [x if x == y else y for x, y in zip(a, b)], result="bool")
    if not full:
        return cases
    if exact:
        case("div", [a, b], [f"%r = vx_field.div %x0, %x1 : {ft}"],
             [tower.mul(x, tower.inv(y)) for x, y in zip(a, b)])
    else:
        case("div", [a, b], [f"%r = vx_field.div %x0, %x1 : {ft}"],
             accept=lambda i, got: got == zero if b[i] == zero else
             tower.mul(got, b[i]) == a[i])
    for e in (5, 2**20 + 3):
        case(f"pow {e}", [a], [f"%r = vx_field.pow %x0, {e} : {ft}"],
             [tower.pow(x, e) for x in a])
    exps = [0, 255] + [rng.randrange(256) for _ in range(count - 2)]
    case("pow_ct i8", [a], [f"%r = vx_field.pow_ct %x0, %e : {ft}, tensor<{count}xi8>"],
         [tower.pow(x, e) for x, e in zip(a, exps)])
    cases[-1].params.append(("%e", f"tensor<{count}xi8>"))
    cases[-1].inputs.append(exps)
    # is_zero (like eq) selects between the operands.
    case("is_zero", [a, b], [f"%r = vx_field.is_zero %x0 : {ft}"],
         [x if x == zero else y for x, y in zip(a, b)], result="bool")
    return cases
