"""Independent reference of the vx.field operations in Python big integers.

Nothing here shares code with the compiler: the moduli are written out again,
and every operation is the textbook one on Python integers (inversion by
Python's own modular inverse, not by Fermat). Elements are canonical
integers in [0, p); `to_montgomery` gives the stored form a*2^S mod p of a
Montgomery-form element, S being the storage width (the modulus width
rounded up to 32 bits).
"""

FIELDS = {
    "bn254_fr": 21888242871839275222246405745257275088548364400416034343698204186575808495617,
    "bn254_fq": 21888242871839275222246405745257275088696311157297823662689037894645226208583,
    "bls12_381_fr": 52435875175126190479447740508185965837690552500527637822603658699938581184513,
    "bls12_381_fq": int(
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f624"
        "1eabfffeb153ffffb9feffffffffaaab", 16),
    "goldilocks": 2**64 - 2**32 + 1,
    "babybear": 2**31 - 2**27 + 1,
    "mersenne31": 2**31 - 1,
}


def storage_bits(p):
    """Width of the integer a lowered element of the field of `p` lives in."""
    return (p.bit_length() + 31) // 32 * 32


def add(p, a, b):
    return (a + b) % p


def sub(p, a, b):
    return (a - b) % p


def neg(p, a):
    return (-a) % p


def double(p, a):
    return (2 * a) % p


def mul(p, a, b):
    return (a * b) % p


def square(p, a):
    return (a * a) % p


def inv(p, a):
    """The inverse of a; zero for zero (the convention of vx_field.inv)."""
    return pow(a, -1, p) if a % p else 0


def div(p, a, b):
    return (a * inv(p, b)) % p


def power(p, a, e):
    """a^e with a^0 = 1, also for a = 0."""
    return pow(a, e, p)


def to_montgomery(p, a):
    return (a << storage_bits(p)) % p


def from_montgomery(p, m):
    return (m * pow(2**storage_bits(p), -1, p)) % p


def limbs(value, count, width=32):
    """The `count` little-endian limbs of `width` bits of `value`."""
    mask = (1 << width) - 1
    return [(value >> (width * i)) & mask for i in range(count)]


def edge_values(p):
    """Values every test should try: 0, 1, p-1, p-2, (p-1)/2 and the
    limb boundaries below p."""
    values = {0, 1, 2, p - 1, p - 2, (p - 1) // 2, (p + 1) // 2}
    for k in range(32, p.bit_length(), 32):
        values.update({2**k - 1, 2**k, 2**k + 1})
    return sorted(v for v in values if 0 <= v < p)


# Extension fields: towers of binomial extensions base[y] / (y^d - beta).
# An element is the flat list of its coefficients over the prime field,
# constant term first; a tower is its prime and its levels (d, beta), beta
# an element of the level below (flat list).
EXTENSIONS = {
    "bn254_fq2": ("bn254_fq", [(2, [-1])]),
    "bn254_fq6": ("bn254_fq", [(2, [-1]), (3, [9, 1])]),
    "bn254_fq12": ("bn254_fq", [(2, [-1]), (3, [9, 1]), (2, [0, 0, 1, 0, 0, 0])]),
    "bls12_381_fq2": ("bls12_381_fq", [(2, [-1])]),
    "bls12_381_fq6": ("bls12_381_fq", [(2, [-1]), (3, [1, 1])]),
    "bls12_381_fq12": ("bls12_381_fq", [(2, [-1]), (3, [1, 1]), (2, [0, 0, 1, 0, 0, 0])]),
    "goldilocks_ext2": ("goldilocks", [(2, [7])]),
    "babybear_ext4": ("babybear", [(4, [11])]),
}


class Tower:
    """Arithmetic in one named extension field."""

    def __init__(self, name):
        prime, levels = EXTENSIONS[name]
        self.p = FIELDS[prime]
        self.levels = [(d, [b % self.p for b in beta]) for d, beta in levels]
        self.degree = 1
        for d, _ in self.levels:
            self.degree *= d

    def _size(self, level):
        size = 1
        for d, _ in self.levels[:level]:
            size *= d
        return size

    def add(self, a, b):
        return [(x + y) % self.p for x, y in zip(a, b)]

    def sub(self, a, b):
        return [(x - y) % self.p for x, y in zip(a, b)]

    def neg(self, a):
        return [(-x) % self.p for x in a]

    def _mul(self, level, a, b):
        if level == 0:
            return [(a[0] * b[0]) % self.p]
        d, beta = self.levels[level - 1]
        bs = self._size(level - 1)
        coeff = lambda v, i: v[i * bs:(i + 1) * bs]  # noqa: E731
        t = [[0] * bs for _ in range(2 * d - 1)]
        for i in range(d):
            for j in range(d):
                t[i + j] = self.add(t[i + j], self._mul(level - 1, coeff(a, i), coeff(b, j)))
        out = []
        for k in range(d):
            c = t[k]
            if k + d < 2 * d - 1:
                c = self.add(c, self._mul(level - 1, t[k + d], beta))
            out += c
        return out

    def mul(self, a, b):
        return self._mul(len(self.levels), a, b)

    def one(self):
        return [1] + [0] * (self.degree - 1)

    def pow(self, a, e):
        result, base = self.one(), list(a)
        while e:
            if e & 1:
                result = self.mul(result, base)
            base = self.mul(base, base)
            e >>= 1
        return result

    def inv(self, a):
        """By Fermat in the whole field: a^(p^degree - 2); zero for zero."""
        return self.pow(a, self.p ** self.degree - 2)

    def frobenius(self, a, k):
        return self.pow(a, self.p ** k)
