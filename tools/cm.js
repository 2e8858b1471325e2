// Context-mixing coder for the single-file page (tools/single.mjs): packs the page's
// payload (the wasm with its code section split into streams, the stylesheet, the glue)
// about a tenth smaller than LZMA (BENCHMARKS.md, "The single file").
//
// What this is: a bitwise context-mixing compressor in the manner of lpaq and zpaq,
// written for this payload. Each byte is coded as 8 binary decisions, high bit first.
// Each decision's probability comes from:
//   - six context models: a hash of the last bytes (orders 1, 2, 3, 4, 6 and a
//     segment-dependent sixth: the current word in text, order 12 in the opcodes, a
//     sparse context elsewhere) selects a bit-history state (CM_NEXT) in a hash table;
//     an adaptive table per model and segment kind turns the state into a probability;
//   - an order-0 model per segment kind, and a match model (the byte that followed the
//     last occurrence of the last 5 bytes);
//   - two mixers (weights chosen by the partial byte and the number of models that have
//     seen their context; by the match state and the previous byte), mixed by a third;
//   - two adaptive probability maps (APM: order 0, order 1) refining the result.
// The payload's segments (the wasm's head, its data, each code stream, the stylesheet,
// the glue) are known to both sides; every context and table is kept per segment kind.
//
// Decoding must give the same bits in every JavaScript engine: the model uses integer
// arithmetic only (numbers below 2^53, Math.imul, shifts, Math.floor of exact
// quotients); the tables are computed from integers too.
//
// cmEncode(bytes, segEnds, segKinds) -> Uint8Array; cmDecode(packed, size, segEnds,
// segKinds) -> the `size` bytes. segEnds[i] is where segment i ends, segKinds[i] its kind
// (0 to CM_KINDS - 1; CM_KIND_* name the ones the model treats specially).

const CM_KINDS = 17;
const CM_KIND_DATA = 1; // the wasm after its code section: the data section's strings and tables
const CM_KIND_OPCODES = 2; // code stream 0
const CM_KIND_BIG_I32 = 14; // code stream 12: four-byte constants
const CM_KIND_CSS = 15;
const CM_KIND_GLUE = 16;

const CM_MODELS = 6; // hashed context models
const CM_INPUTS = CM_MODELS + 4; // + order 0, the match model's two inputs, a bias
const CM_TABLE_BITS = 20; // the hash table: 2^20 buckets of 16 bytes
const CM_MATCH_BITS = 20; // the match model's table of positions
const CM_MATCH_MIN = 5; // bytes hashed to find a match
const CM_MATCH_MAX = 65535;

// Learning rates (found by measuring on the payload).
const CM_MIXER_RATE = 7; // the mixers' error multiplier ...
const CM_MIXER_BOOST = 24; // ... plus this much at a segment's start,
const CM_MIXER_BOOST_SPAN = 4096; // fading over about this many bytes
const CM_MIXER_SHIFT = 14;
const CM_FINAL_SHIFT = 12; // the final mixer's
const CM_STATE_LIMIT = 255; // a state's probability adapts at 1/(n + 1.5), n up to this
const CM_ORDER0_LIMIT = 60;
const CM_APM_SHIFT = 6;
const CM_MATCH_SHIFT = 6;
const CM_P_MIN = 16; // the coded probability of a one, in 1/65536, stays within [min, 65536 - min]

// stretch(p) = ln(p / (1 - p)) and its inverse squash, in fixed point: p in 1/4096,
// stretch in 1/256 (-2047..2047). squash interpolates 33 points of the logistic curve.
const CM_SQUASH = new Int16Array(4096);
const CM_STRETCH = new Int16Array(4096);
{
  const curve = [1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348, 3607, 3785, 3901, 3975, 4024, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094];
  for (let x = -2048; x < 2048; x++) {
    const w = x & 127, i = (x >> 7) + 16;
    CM_SQUASH[x + 2048] = (curve[i] * (128 - w) + curve[i + 1] * w + 64) >> 7;
  }
  let p = 0;
  for (let x = -2047; x <= 2047; x++) {
    const v = CM_SQUASH[x + 2048];
    for (; p <= v; p++) CM_STRETCH[p] = x;
  }
  for (; p < 4096; p++) CM_STRETCH[p] = 2047;
}
const cmSquash = (x) => CM_SQUASH[(x > 2047 ? 2047 : x < -2047 ? -2047 : x) + 2048];

// Bit-history states: a count of zeros and of ones seen in a context (the count of the
// other bit halved when a bit comes: recent evidence weighs more) and, while the counts
// are small, the last bit. CM_NEXT[2 * state + bit] is the state after `bit`; state 0 is
// "never seen". CM_PRIORITY (total count) decides which bucket a new context replaces;
// CM_STATE_P is each state's first guess of the probability of a one (1/65536).
const CM_NEXT = new Uint8Array(512);
const CM_PRIORITY = new Uint8Array(256);
const CM_STATE_P = new Uint16Array(256).fill(32768);
{
  const CAP = 60, CAP_BOTH = 16, LAST_BIT_UNTIL = 10;
  const halve = (n) => (n <= 1 ? n : (n >> 1) + 1);
  const states = [[0, 0, 0]];
  const ids = new Map([[0, 0]]);
  for (let i = 0; i < states.length; i++) {
    const [zeros, ones] = states[i];
    for (let bit = 0; bit < 2; bit++) {
      let a = bit ? halve(zeros) : zeros + 1, b = bit ? ones + 1 : halve(ones);
      const cap = a && b ? CAP_BOTH : CAP;
      a = Math.min(a, cap);
      b = Math.min(b, cap);
      const last = a && b && a + b <= LAST_BIT_UNTIL ? bit : 0;
      const key = (a * 64 + b) * 2 + last;
      if (!ids.has(key)) { ids.set(key, states.length); states.push([a, b, last]); }
      CM_NEXT[i * 2 + bit] = ids.get(key);
    }
  }
  states.forEach(([zeros, ones], i) => {
    CM_PRIORITY[i] = zeros + ones;
    CM_STATE_P[i] = Math.floor(((2 * ones + 1) * 65536) / (2 * (zeros + ones) + 2));
  });
}

// An adaptive probability map: 33 interpolated points per context over the stretched
// input probability, each a probability (1/65536) moved towards each coded bit.
function cmApm(contexts) {
  const t = new Uint16Array(contexts * 33);
  for (let i = 0; i < t.length; i++) t[i] = cmSquash(((i % 33) - 16) * 128) * 16;
  return t;
}

/** The model: predict() gives P(next bit is 1) in 1/65536, update(bit) learns the bit. */
function cmModel(segEnds, segKinds, history) {
  // Hashed context models: buckets of 16 bytes, a check byte then the states of the 15
  // bit positions of a nibble; a context's bucket is looked up at each nibble.
  const table = new Uint8Array(16 << CM_TABLE_BITS);
  const stateP = new Uint16Array(CM_MODELS * CM_KINDS * 256);
  const stateN = new Uint8Array(stateP.length);
  for (let i = 0; i < stateP.length; i++) stateP[i] = CM_STATE_P[i & 255];
  const RECIPROCAL = new Int32Array(256);
  // 1 / (n + 1.5) in 1/32768: times a difference of probabilities it stays under 2^31
  for (let n = 0; n < 256; n++) RECIPROCAL[n] = Math.floor(65536 / (2 * n + 3));
  const order0 = new Uint16Array(CM_KINDS * 256).fill(32768);
  const order0N = new Uint8Array(order0.length);
  const hashes = new Int32Array(CM_MODELS), buckets = new Int32Array(CM_MODELS);
  const slots = new Int32Array(CM_MODELS), stateAt = new Int32Array(CM_MODELS);
  const inputs = new Int32Array(CM_INPUTS);
  // Mixers: A by (kind, models that know their context, partial byte), B by (kind, match
  // state, previous byte); the final one mixes their outputs, by kind.
  const weightsA = new Int32Array(CM_KINDS * 8 * 256 * CM_INPUTS).fill(1 << 14);
  const weightsB = new Int32Array(CM_KINDS * 4 * 256 * CM_INPUTS).fill(1 << 14);
  const weightsF = new Int32Array(CM_KINDS * 3);
  for (let k = 0; k < CM_KINDS; k++) weightsF[k * 3] = weightsF[k * 3 + 1] = 1 << 15;
  const apm0 = cmApm(CM_KINDS * 256), apm1 = cmApm(65536);
  // The match model.
  const matchTable = new Int32Array(1 << CM_MATCH_BITS);
  const matchP = new Uint16Array(CM_KINDS * 64).fill(32768);

  let pos = 0, seg = 0, kind = segKinds[0], segStart = 0;
  let c0 = 1, bit = 0, c4 = 0, c8 = 0, c12 = 0, word = 0, lastWord = 0;
  let matchPtr = 0, matchLen = 0, matchByte = 0, matchLenBucket = 0, matchState = 0;
  let rate = CM_MIXER_RATE + CM_MIXER_BOOST;
  // what predict() leaves for update()
  let wa = 0, wb = 0, wf = 0, dotA = 0, dotB = 0, pMix = 2048, order0At = 0, matchAt = -1, apm0At = 0, apm1At = 0;

  /** The bucket of context hash `h`, found or made (replacing the least used of three). */
  function find(h) {
    const check = h & 255;
    let i = (h >>> (32 - CM_TABLE_BITS)) << 4;
    if (table[i] === check) return i;
    const j = i ^ 16, k = i ^ 32;
    if (table[j] === check) return j;
    if (table[k] === check) return k;
    const pi = CM_PRIORITY[table[i + 1]], pj = CM_PRIORITY[table[j + 1]], pk = CM_PRIORITY[table[k + 1]];
    if (pj < pi && pj <= pk) i = j;
    else if (pk < pi) i = k;
    table.fill(0, i + 1, i + 16);
    table[i] = check;
    return i;
  }

  /** A hash of the last `n` bytes (1 to 12) and `salt`. */
  function orderHash(n, salt) {
    let h = Math.imul(n >= 4 ? c4 : c4 & ((1 << (8 * n)) - 1), 0x5bd1e995) + n + salt;
    if (n > 4) h = Math.imul(h, 0x2c1b3c6d) ^ (n >= 8 ? c8 : c8 & ((1 << (8 * (n - 4))) - 1));
    if (n > 8) h = Math.imul(h, 0x297a2d39) ^ (n >= 12 ? c12 : c12 & ((1 << (8 * (n - 8))) - 1));
    return Math.imul(h, 0x1b873593);
  }

  /** The context hashes for the next byte. */
  function byteContexts() {
    const rel = pos - segStart;
    const salt = Math.imul(kind, 0x3b9ac9b1) + (kind === CM_KIND_BIG_I32 ? Math.imul(rel & 3, 0x5a827999) : 0);
    const text = kind === CM_KIND_DATA || kind === CM_KIND_CSS || kind === CM_KIND_GLUE;
    hashes[0] = orderHash(1, salt);
    hashes[1] = orderHash(2, salt);
    hashes[2] = orderHash(kind === CM_KIND_OPCODES ? 8 : 3, salt);
    hashes[3] = orderHash(4, salt);
    // the data section: the two bytes before the last (its tables' columns)
    hashes[4] = kind === CM_KIND_DATA ? Math.imul((c4 & 0xffff00) + 0x6000000 + salt, 0x1b873593) : orderHash(6, salt);
    if (text) hashes[5] = Math.imul(word + 7 + salt, 0x1b873593);
    else if (kind === CM_KIND_OPCODES) hashes[5] = orderHash(12, salt);
    else hashes[5] = Math.imul((c4 & 0xff00) + (rel & 3) + 0x5000000 + salt, 0x1b873593);
    for (let i = 0; i < CM_MODELS; i++) hashes[i] ^= hashes[i] >>> 15;
  }

  /** The models' buckets for the nibble that starts now. */
  function nibble() {
    const add = bit === 0 ? 0 : Math.imul(c0, 0x9e3779b1);
    for (let i = 0; i < CM_MODELS; i++) buckets[i] = find((hashes[i] + add) | 0);
  }

  /** Follows or finds the match for the next byte. */
  function matchNext() {
    if (matchLen > 0 && history[matchPtr] === history[pos - 1]) {
      matchPtr++;
      if (matchLen < CM_MATCH_MAX) matchLen++;
    } else matchLen = 0;
    if (pos >= CM_MATCH_MIN) {
      let h = 0;
      for (let k = 1; k <= CM_MATCH_MIN; k++) h = (Math.imul(h ^ history[pos - k], 0x2f0b3c6d) + k) | 0;
      h = (h ^ (h >>> 13)) >>> (32 - CM_MATCH_BITS);
      const candidate = matchTable[h];
      if (matchLen === 0 && candidate > 0) {
        let n = 0;
        while (n < 32 && n < candidate && history[candidate - n - 1] === history[pos - n - 1]) n++;
        if (n >= CM_MATCH_MIN) { matchLen = n; matchPtr = candidate; }
      }
      matchTable[h] = pos;
    }
    matchByte = matchLen > 0 ? history[matchPtr] | 256 : 0;
    matchLenBucket = matchLen < 16 ? matchLen : 15 + Math.min(matchLen >> 3, 16);
    matchState = matchByte === 0 ? 0 : matchLen < 16 ? 1 : matchLen < 32 ? 2 : 3;
  }

  /** After a whole byte: the segment, the histories, the contexts. */
  function endByte() {
    const c = c0 & 255;
    pos++;
    c12 = (c12 << 8) | (c8 >>> 24);
    c8 = (c8 << 8) | (c4 >>> 24);
    c4 = (c4 << 8) | c;
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
    if (letter) word = (Math.imul(word ^ (c | 32), 0x2c1b3c6d) + c) | 0;
    else if (word !== 0) { lastWord = word; word = 0; }
    while (seg < segEnds.length - 1 && pos >= segEnds[seg]) {
      segStart = segEnds[seg];
      kind = segKinds[++seg];
    }
    rate = CM_MIXER_RATE + Math.floor((CM_MIXER_BOOST * CM_MIXER_BOOST_SPAN) / (pos - segStart + CM_MIXER_BOOST_SPAN));
    c0 = 1;
    bit = 0;
    matchNext();
    byteContexts();
    nibble();
  }

  function predict() {
    const sub = bit < 4 ? c0 : (c0 & ((1 << (bit - 4)) - 1)) | (1 << (bit - 4));
    let known = 0;
    for (let i = 0; i < CM_MODELS; i++) {
      const s = buckets[i] + sub;
      const state = table[s];
      if (state !== 0) known++;
      const at = (i * CM_KINDS + kind) * 256 + state;
      slots[i] = s;
      stateAt[i] = at;
      inputs[i] = CM_STRETCH[stateP[at] >>> 4];
    }
    order0At = kind * 256 + c0;
    inputs[CM_MODELS] = CM_STRETCH[order0[order0At] >>> 4];
    let matching = 0;
    if (matchByte !== 0 && matchByte >> (8 - bit) === c0) {
      const expected = (matchByte >> (7 - bit)) & 1;
      matchAt = (kind * 32 + matchLenBucket) * 2 + expected;
      inputs[CM_MODELS + 1] = CM_STRETCH[matchP[matchAt] >>> 4];
      inputs[CM_MODELS + 2] = expected ? 256 : -256;
      matching = matchState;
    } else {
      matchAt = -1;
      inputs[CM_MODELS + 1] = inputs[CM_MODELS + 2] = 0;
    }
    inputs[CM_MODELS + 3] = 256;
    wa = ((kind * 8 + known) * 256 + c0) * CM_INPUTS;
    wb = ((kind * 4 + matching) * 256 + (c4 & 255)) * CM_INPUTS;
    let a = 0, b = 0;
    for (let i = 0; i < CM_INPUTS; i++) {
      a += inputs[i] * weightsA[wa + i];
      b += inputs[i] * weightsB[wb + i];
    }
    a = Math.floor(a / 65536);
    b = Math.floor(b / 65536);
    dotA = a > 2047 ? 2047 : a < -2047 ? -2047 : a;
    dotB = b > 2047 ? 2047 : b < -2047 ? -2047 : b;
    wf = kind * 3;
    const mixed = Math.floor((dotA * weightsF[wf] + dotB * weightsF[wf + 1] + 256 * weightsF[wf + 2]) / 65536);
    const st = mixed > 2047 ? 2047 : mixed < -2047 ? -2047 : mixed;
    pMix = CM_SQUASH[st + 2048];
    // The APMs, interpolated between the two points around `st`.
    const x = st + 2048, lo = x >> 7, w = x & 127;
    apm0At = order0At * 33 + lo;
    const p0 = (apm0[apm0At] * (128 - w) + apm0[apm0At + 1] * w) >> 7;
    apm1At = ((Math.imul(c0 | ((c4 & 255) << 8), 0x9e3779b1) + Math.imul(kind, 0x3c6ef372)) >>> 16) * 33 + lo;
    const p1 = (apm1[apm1At] * (128 - w) + apm1[apm1At + 1] * w) >> 7;
    if (w >= 64) { apm0At++; apm1At++; } // the nearer point learns
    const p = (16 * pMix + p0 + 2 * p1 + 2) >> 2;
    return p < CM_P_MIN ? CM_P_MIN : p > 65536 - CM_P_MIN ? 65536 - CM_P_MIN : p;
  }

  function update(y) {
    const errA = ((y << 12) - CM_SQUASH[dotA + 2048]) * rate;
    const errB = ((y << 12) - CM_SQUASH[dotB + 2048]) * rate;
    for (let i = 0; i < CM_INPUTS; i++) {
      weightsA[wa + i] += (inputs[i] * errA) >> CM_MIXER_SHIFT;
      weightsB[wb + i] += (inputs[i] * errB) >> CM_MIXER_SHIFT;
    }
    const errF = (y << 12) - pMix;
    weightsF[wf] += (dotA * errF) >> CM_FINAL_SHIFT;
    weightsF[wf + 1] += (dotB * errF) >> CM_FINAL_SHIFT;
    weightsF[wf + 2] += (256 * errF) >> CM_FINAL_SHIFT;
    const target = y ? 65535 : 0;
    for (let i = 0; i < CM_MODELS; i++) {
      const s = slots[i], at = stateAt[i], n = stateN[at];
      table[s] = CM_NEXT[table[s] * 2 + y];
      stateP[at] += ((target - stateP[at]) * RECIPROCAL[n]) >> 15;
      if (n < CM_STATE_LIMIT) stateN[at] = n + 1;
    }
    const n = order0N[order0At];
    order0[order0At] += ((target - order0[order0At]) * RECIPROCAL[n]) >> 15;
    if (n < CM_ORDER0_LIMIT) order0N[order0At] = n + 1;
    if (matchAt >= 0) matchP[matchAt] += (target - matchP[matchAt]) >> CM_MATCH_SHIFT;
    apm0[apm0At] += (target - apm0[apm0At]) >> CM_APM_SHIFT;
    apm1[apm1At] += (target - apm1[apm1At]) >> CM_APM_SHIFT;
    c0 = (c0 << 1) | y;
    bit++;
    if (bit === 8) endByte();
    else if (bit === 4) nibble();
  }

  byteContexts();
  nibble();
  return { predict, update };
}

// The range coder is LZMA's: 32-bit range, the encoder's low with a carry into the bytes
// held back (a run of 0xff). LZMA's first output byte is always 0 and is left out.
const CM_TOP = 0x1000000;

function cmEncode(bytes, segEnds, segKinds) {
  const model = cmModel(segEnds, segKinds, bytes);
  const out = [];
  let range = 0xffffffff, low = 0, cache = 0, pending = 1;
  const shiftLow = () => {
    if (low < 0xff000000 || low >= 0x100000000) {
      const carry = low >= 0x100000000 ? 1 : 0;
      out.push((cache + carry) & 255);
      for (; pending > 1; pending--) out.push((255 + carry) & 255);
      pending = 0;
      cache = (low >>> 24) & 255;
    }
    pending++;
    low = (low & 0xffffff) * 256;
  };
  for (let i = 0; i < bytes.length; i++) {
    for (let b = 7; b >= 0; b--) {
      const y = (bytes[i] >> b) & 1;
      const bound = (range >>> 16) * model.predict();
      if (y) range = bound;
      else { low += bound; range -= bound; }
      model.update(y);
      while (range < CM_TOP) { range = (range << 8) >>> 0; shiftLow(); }
    }
  }
  for (let i = 0; i < 5; i++) shiftLow();
  return Uint8Array.from(out.slice(1));
}

function cmDecode(packed, size, segEnds, segKinds) {
  const out = new Uint8Array(size);
  const model = cmModel(segEnds, segKinds, out);
  let range = 0xffffffff, code = 0, at = 0;
  const next = () => (at < packed.length ? packed[at++] : 0);
  for (let i = 0; i < 4; i++) code = ((code << 8) | next()) >>> 0;
  for (let i = 0; i < size; i++) {
    let c = 0;
    for (let b = 0; b < 8; b++) {
      const bound = (range >>> 16) * model.predict();
      let y = 0;
      if (code < bound) { range = bound; y = 1; }
      else { code -= bound; range -= bound; }
      // the model reads out[i] only after the byte is whole
      if (b === 7) out[i] = (c << 1) | y;
      model.update(y);
      c = (c << 1) | y;
      while (range < CM_TOP) { range = (range << 8) >>> 0; code = ((code << 8) | next()) >>> 0; }
    }
  }
  return out;
}
