// Splits a WebAssembly code section into streams of like bytes and joins them back,
// for the single-file page (tools/single.mjs): opcodes, local indices, call targets,
// constants, memory offsets... each compress better among their own kind (6% of the
// LZMA-compressed wasm when measured; tools/cm.js keeps each stream's statistics apart).
// Every byte is moved as it is (a LEB128 number keeps its bytes), so joining gives back
// the very bytes split. The page runs wasmJoin.
//
// Streams: 0 opcodes with what goes with them (block types, memory alignments, global
// indices, call_indirect's type and table), 1 local.get indices, 2 local.set and
// local.tee indices, 3 call targets,
// 4 small i32 constants, 5 i64 constants, 6 float constants, 7 load offsets, 8 branch
// labels, 9 the rest, 10 function headers (size, locals), 11 store offsets, 12 i32
// constants of three bytes or more (mostly addresses of data), as four bytes, high byte
// first, their opcode written 0xf0 in stream 0. Which byte goes where was chosen by
// measuring (BENCHMARKS.md).
const WASM_STREAMS = 13;
const BIG_I32 = 0xf0;

// One instruction: `move(s)` moves one byte between the code and stream s and returns
// it, `big()` a big i32 constant; the opcode has been moved already.
function wasmInstruction(o, move, big) {
  const leb = (s) => { while (move(s) & 0x80); };
  const count = (s) => { let n = 0, shift = 0, b; do { b = move(s); n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
  if (o === 0x02 || o === 0x03 || o === 0x04) { const b = move(0); if (b !== 0x40 && (b < 0x6f || b > 0x7f) && b & 0x80) leb(0); }
  else if (o === 0x0c || o === 0x0d) leb(8);
  else if (o === 0x0e) { const n = count(8); for (let i = 0; i <= n; i++) leb(8); }
  else if (o === 0x10 || o === 0xd2) leb(3);
  else if (o === 0x11) { leb(0); leb(0); }
  else if (o === 0x1c) { const n = count(9); for (let i = 0; i < n; i++) move(9); }
  else if (o === 0x20) leb(1);
  else if (o === 0x21 || o === 0x22) leb(2);
  else if (o === 0x23 || o === 0x24) leb(0);
  else if (o === 0x25 || o === 0x26) leb(9);
  else if (o >= 0x28 && o <= 0x35) { leb(0); leb(7); }
  else if (o >= 0x36 && o <= 0x3e) { leb(0); leb(11); }
  else if (o === 0x3f || o === 0x40 || o === 0xd0) move(9);
  else if (o === 0x41) leb(4);
  else if (o === BIG_I32) big();
  else if (o === 0x42) leb(5);
  else if (o === 0x43) for (let i = 0; i < 4; i++) move(6);
  else if (o === 0x44) for (let i = 0; i < 8; i++) move(6);
  else if (o === 0xfc) {
    const s = count(0);
    if (s === 8) { leb(9); move(9); }
    else if (s === 9 || s === 13 || (s >= 15 && s <= 17)) leb(9);
    else if (s === 10) { move(9); move(9); }
    else if (s === 11) move(9);
    else if (s === 12 || s === 14) { leb(9); leb(9); }
    else if (s > 7) throw new Error(`wasm-split: unknown instruction 0xfc ${s}`);
  } else if (!(o <= 0x01 || o === 0x05 || o === 0x0b || o === 0x0f || o === 0x1a || o === 0x1b || (o >= 0x45 && o <= 0xc4) || o === 0xd1)) {
    throw new Error(`wasm-split: unknown opcode 0x${o.toString(16)}`);
  }
}

// The shortest signed LEB128 bytes of the i32 `value`.
function signedLeb(value) {
  const out = [];
  for (;;) {
    const b = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(b & 0x40)) || (value === -1 && b & 0x40)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

// Moves every function body: its header (size, locals) to stream 10, then instructions
// until the body's size is reached. `at()` is the position in the code.
function wasmBodies(move, at, big) {
  const count = (s) => { let n = 0, shift = 0, b; do { b = move(s); n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
  const functions = count(10);
  for (let f = 0; f < functions; f++) {
    const size = count(10);
    const end = at() + size;
    const locals = count(10);
    for (let i = 0; i < locals; i++) { count(10); move(10); }
    while (at() < end) wasmInstruction(move(-1), move, big);
    if (at() !== end) throw new Error(`wasm-split: function ${f} overruns its size`);
  }
}

// The streams of `code` (a code section's body), as arrays of bytes.
function wasmSplit(code) {
  const out = Array.from({ length: WASM_STREAMS }, () => []);
  let p = 0;
  wasmBodies((s) => {
    let b = code[p++];
    if (s === -1) {
      // An opcode: to stream 0, a big i32 constant's as BIG_I32.
      if (b === BIG_I32) throw new Error("wasm-split: opcode 0xf0 is taken");
      if (b === 0x41) { let q = p; while (code[q] & 0x80) q++; if (q - p >= 2) b = BIG_I32; }
      s = 0;
    }
    out[s].push(b);
    return b;
  }, () => p, () => {
    // The signed LEB128 number as four bytes; it must be written the shortest way,
    // as joining writes it.
    const start = p;
    let value = 0, shift = 0, b;
    do { b = code[p++]; value |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    if (shift < 32 && b & 0x40) value |= -1 << shift;
    const again = signedLeb(value);
    if (again.length !== p - start || again.some((x, i) => x !== code[start + i])) {
      throw new Error("wasm-split: an i32 constant is not written the shortest way");
    }
    out[12].push((value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
  });
  return out;
}

// The code section's body of `size` bytes from its streams (Uint8Arrays).
function wasmJoin(streams, size) {
  const code = new Uint8Array(size);
  const at = new Array(WASM_STREAMS).fill(0);
  let p = 0;
  wasmBodies((s) => {
    let b = streams[s === -1 ? 0 : s][at[s === -1 ? 0 : s]++];
    code[p++] = b === BIG_I32 && s === -1 ? 0x41 : b;
    return b;
  }, () => p, () => {
    const k = at[12];
    const value = (streams[12][k] << 24) | (streams[12][k + 1] << 16) | (streams[12][k + 2] << 8) | streams[12][k + 3];
    at[12] += 4;
    for (const x of signedLeb(value)) code[p++] = x;
  });
  if (p !== size) throw new Error("wasm-split: streams and size disagree");
  return code;
}
