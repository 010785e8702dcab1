import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalBytes, canonicalize, MAX_DEPTH, parseCanonical } from './canonical-json.js';
import { fromHex, toHex, utf8 } from './bytes.js';
import { VerificationError } from './errors.js';

function code(c: string) {
  return (e: unknown) => e instanceof VerificationError && e.code === c;
}

/** An IEEE 754 double from its 16 big-endian hex digits (RFC 8785 Appendix B notation). */
function double(bits: string): number {
  return new DataView(fromHex(bits).buffer).getFloat64(0);
}

// RFC 8785 §3.2.2: the sample input, verbatim (including its optional escapes).
const RFC_SAMPLE_INPUT = String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`;
const RFC_SAMPLE_OUTPUT = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
// RFC 8785 §3.2.4: the UTF-8 bytes of that output, laid out as in the RFC.
const RFC_SAMPLE_HEX = `
7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`.replace(/\s+/g, '');

test('RFC 8785 §3.2.2 sample: exact canonical text and §3.2.4 UTF-8 bytes', () => {
  const value = JSON.parse(RFC_SAMPLE_INPUT) as unknown;
  assert.equal(canonicalize(value), RFC_SAMPLE_OUTPUT);
  assert.equal(toHex(canonicalBytes(value)), RFC_SAMPLE_HEX);
  // The canonical output is itself accepted by the strict parser, the input is not.
  assert.deepEqual(parseCanonical(utf8(RFC_SAMPLE_OUTPUT)), value);
  assert.throws(() => parseCanonical(utf8(RFC_SAMPLE_INPUT)), code('BAD_JSON'));
});

test('RFC 8785 §3.2.3 sorting example (plus "</script>"): UTF-16 code-unit order, non-BMP keys', () => {
  const value = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
    '</script>': 'Browser Challenge', // not in the RFC's list: '<' and '/' stay unescaped
  };
  // U+1F600 is the pair D83D DE00 and so sorts before U+FB33 by code unit,
  // although its code point is larger.
  assert.equal(
    canonicalize(value),
    '{"\\r":"Carriage Return","1":"One","</script>":"Browser Challenge","\u0080":"Control",' +
      '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
      '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
});

test('integer-like keys sort as strings, not in JS property order', () => {
  assert.equal(canonicalize({ b: 0, 10: 1, 2: 2, a: 3, 1: 4 }), '{"1":4,"10":1,"2":2,"a":3,"b":0}');
  assert.equal(canonicalize({ aa: 1, a: 2, '': 3, B: 4 }), '{"":3,"B":4,"a":2,"aa":1}');
});

test('RFC 8785 Appendix B number serialisation table', () => {
  const table: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, expected] of table) assert.equal(canonicalize(double(bits)), expected, bits);
  // NaN and Infinity rows of the table: not representable in JSON.
  for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
    assert.throws(() => canonicalize(double(bits)), code('BAD_JSON'), bits);
  }
});

test('numbers: ECMAScript Number::toString forms', () => {
  const cases: [number, string][] = [
    [333333333.33333329, '333333333.3333333'],
    [1e30, '1e+30'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [1e-6, '0.000001'],
    [4.5, '4.5'],
    [0.002, '0.002'],
    [1e-27, '1e-27'],
    [-0, '0'],
    [-1.5, '-1.5'],
    [100, '100'],
  ];
  for (const [n, s] of cases) assert.equal(canonicalize(n), s, String(n));
  assert.equal(canonicalize([-0, { z: -0 }]), '[0,{"z":0}]');
});

test('strings: only the mandatory escapes (§3.2.2.2)', () => {
  assert.equal(canonicalize('"\\'), '"\\"\\\\"');
  assert.equal(canonicalize('\b\t\n\f\r'), '"\\b\\t\\n\\f\\r"');
  assert.equal(canonicalize('\u0000\u0001\u000b\u000e\u001f'), '"\\u0000\\u0001\\u000b\\u000e\\u001f"');
  // Not escaped: '/', DEL, C1 controls, U+2028/2029, non-ASCII, astral.
  const plain = '/\u007f\u0080\u009f\u2028\u2029é€\ud83d\ude00</script>';
  assert.equal(canonicalize(plain), `"${plain}"`);
  for (let c = 0; c < 0x80; c++) {
    const s = String.fromCharCode(c);
    assert.equal(canonicalize(s), JSON.stringify(s), `U+${c.toString(16)}`);
  }
});

test('rejects values outside I-JSON with BAD_JSON', () => {
  class Thing {
    x = 1;
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const withSymbolKey = { a: 1, [Symbol('k')]: 2 };
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [1, , 3];
  const bad: [string, unknown][] = [
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['nested NaN', { a: [1, NaN] }],
    ['undefined', undefined],
    ['undefined member', { a: undefined }],
    ['undefined element', [undefined]],
    ['sparse array', sparse],
    ['function', () => 1],
    ['function member', { toJSON: () => 'x' }],
    ['symbol', Symbol('s')],
    ['bigint', 10n],
    ['Date', new Date(0)],
    ['Map', new Map()],
    ['Set', new Set()],
    ['Uint8Array', new Uint8Array(1)],
    ['RegExp', /x/],
    ['class instance', new Thing()],
    ['boxed string', new String('x')],
    ['Number object', new Number(1)],
    ['symbol key', withSymbolKey],
    ['cycle', cyclic],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate', 'a\udc00b'],
    ['reversed pair', '\ude00\ud83d'],
    ['high at end', 'x\ud83d'],
    ['lone surrogate key', { '\ud800': 1 }],
  ];
  for (const [name, value] of bad) assert.throws(() => canonicalize(value), code('BAD_JSON'), name);
  // Null-prototype objects are plain data and accepted.
  const bare = Object.create(null) as Record<string, unknown>;
  bare.b = 1;
  bare.a = [true, null];
  assert.equal(canonicalize(bare), '{"a":[true,null],"b":1}');
});

test(`nesting is bounded at ${MAX_DEPTH} levels`, () => {
  let ok: unknown = 0;
  for (let i = 0; i < MAX_DEPTH; i++) ok = i % 2 ? [ok] : { k: ok };
  assert.doesNotThrow(() => canonicalize(ok));
  assert.throws(() => canonicalize([ok]), code('BAD_JSON'));
  const deepText = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
  assert.deepEqual(toHex(canonicalBytes(parseCanonical(utf8(deepText)))), toHex(utf8(deepText)));
  assert.throws(() => parseCanonical(utf8('[' + deepText + ']')), code('BAD_JSON'));
  // A hostile, huge nesting is refused before JSON.parse runs.
  assert.throws(() => parseCanonical(utf8('['.repeat(500_000))), code('BAD_JSON'));
  // Brackets inside strings do not count.
  const inString = `["${'['.repeat(200)}\\"${'{'.repeat(200)}"]`;
  assert.equal(canonicalize(parseCanonical(utf8(inString))), inString);
});

test('parseCanonical accepts only canonical bytes', () => {
  const good = '{"a":[1,"x",null,true,false,{"b":0.5}],"c":"é😀"}';
  assert.deepEqual(parseCanonical(utf8(good)), { a: [1, 'x', null, true, false, { b: 0.5 }], c: 'é😀' });
  const notCanonical = [
    '{"a":1, "b":2}', // whitespace
    ' {"a":1}',
    '{"a":1}\n',
    '{"b":1,"a":2}', // key order
    '{"a":1,"a":1}', // duplicate key
    '[1.0]',
    '[1E30]',
    '[1e30]',
    '[-0]',
    '[0.10]',
    '["\\/"]', // optional escape
    '["\\u0041"]',
    '["\\u000F"]', // uppercase hex
    '["\\u007f"]',
    '["\\ud800"]', // lone surrogate via escape
    '[9007199254740993]', // loses precision: re-serialises differently
    '[1e400]', // Infinity after parsing
    'nul',
    '',
  ];
  for (const text of notCanonical) assert.throws(() => parseCanonical(utf8(text)), code('BAD_JSON'), text);
  // Byte-level problems: BOM, invalid UTF-8, overlong encoding, encoded surrogate.
  const badBytes = [
    Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8('{}')),
    Uint8Array.of(0x22, 0xff, 0x22),
    Uint8Array.of(0x22, 0xc0, 0xaf, 0x22),
    Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22),
  ];
  for (const b of badBytes) assert.throws(() => parseCanonical(b), code('BAD_JSON'), toHex(b));
  // Size limit.
  assert.throws(() => parseCanonical(utf8('"abcdef"'), 7), code('BAD_JSON'));
  assert.equal(parseCanonical(utf8('"abcdef"'), 8), 'abcdef');
  assert.throws(() => parseCanonical('{}' as unknown as Uint8Array), code('BAD_JSON'));
});

// ---- property tests --------------------------------------------------------

/** Single characters that stress escaping and sorting, mixed with arbitrary graphemes. */
const trickyChar = fc.oneof(
  fc.constantFrom('"', '\\', '/', '\u0000', '\b', '\u001f', '\u007f', '\u2028', '€', '\ufb33', '\ud83d\ude00', '1', 'a', 'A'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const jsonArb = fc.jsonValue({ maxDepth: 5, stringUnit: trickyChar });

/** Deterministic PRNG (mulberry32) for reproducible key shuffles. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function reorder(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, rand));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key must stay an own property.
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: reorder(v, rand), enumerable: true, writable: true, configurable: true });
  return out;
}

test('property: canonicalize is idempotent and parseCanonical round-trips', () => {
  fc.assert(
    fc.property(jsonArb, (value) => {
      const text = canonicalize(value);
      assert.equal(canonicalize(JSON.parse(text)), text);
      const bytes = utf8(text);
      assert.equal(canonicalize(parseCanonical(bytes)), text);
      // Pretty-printed (non-canonical) variants are refused.
      const pretty = JSON.stringify(value, null, 1);
      if (pretty !== text) assert.throws(() => parseCanonical(utf8(pretty)), code('BAD_JSON'));
    }),
    { numRuns: 500 },
  );
});

test('a "__proto__" member is an ordinary key', () => {
  const value = JSON.parse('{"b":1,"__proto__":{"x":2},"a":0}') as unknown;
  assert.equal(canonicalize(value), '{"__proto__":{"x":2},"a":0,"b":1}');
  assert.equal(canonicalize(reorder(value, rng(7))), '{"__proto__":{"x":2},"a":0,"b":1}');
});

test('property: key insertion order never matters', () => {
  fc.assert(
    fc.property(jsonArb, fc.integer(), (value, seed) => {
      assert.equal(canonicalize(reorder(value, rng(seed))), canonicalize(value));
    }),
    { numRuns: 500 },
  );
});

test('property: primitives match ECMAScript JSON.stringify (same ECMA-262 rules)', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      assert.equal(canonicalize(n), JSON.stringify(n));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: trickyChar }), (s) => {
      assert.equal(canonicalize(s), JSON.stringify(s));
    }),
    { numRuns: 1000 },
  );
});
