// LZMA ("alone" format, as `xz --format=lzma` writes it) decoder, for the single-file
// page (tools/single.mjs): its WebAssembly is stored LZMA-compressed, about a fifth
// smaller than gzip, and the browser's DecompressionStream knows only gzip and deflate.
// lzmaDecode(bytes, size) returns the `size` bytes the stream holds.
function lzmaDecode(src, size) {
  let d = src[0], ip = 13;
  const lc = d % 9, lp = ((d / 9) | 0) % 5, pb = (d / 45) | 0;
  const out = new Uint8Array(size);
  // Probabilities, one array: is-match 0, is-rep 192, g0 204, g1 216, g2 228, rep0-long
  // 240, position slots 432, special positions 688, align 802, lengths 818 and 1332,
  // literals 1846.
  const probs = new Uint16Array(1846 + (0x300 << (lc + lp))).fill(1024);
  // The range coder's range and code, in a typed array: kept unboxed (as closed-over
  // variables, every change of a number above 2^30 would allocate).
  const rc = new Uint32Array([0xffffffff, 0]);
  for (let i = 0; i < 5; i++) rc[1] = rc[1] * 256 + src[ip++];
  const bit = (i) => {
    const p = probs[i], bound = (rc[0] >>> 11) * p;
    let b;
    if (rc[1] < bound) { rc[0] = bound; probs[i] = p + ((2048 - p) >> 5); b = 0; }
    else { rc[0] -= bound; rc[1] -= bound; probs[i] = p - (p >> 5); b = 1; }
    if (rc[0] < 0x1000000) { rc[0] <<= 8; rc[1] = (rc[1] << 8) | src[ip++]; }
    return b;
  };
  const tree = (base, n) => { let m = 1; for (let i = 0; i < n; i++) m = (m << 1) | bit(base + m); return m - (1 << n); };
  const reverse = (base, n) => { let m = 1, s = 0; for (let i = 0; i < n; i++) { const b = bit(base + m); m = (m << 1) | b; s |= b << i; } return s; };
  const len = (base, ps) => bit(base) === 0 ? tree(base + 2 + ps * 8, 3)
    : bit(base + 1) === 0 ? 8 + tree(base + 130 + ps * 8, 3) : 16 + tree(base + 258, 8);
  const lpMask = (1 << lp) - 1, pbMask = (1 << pb) - 1;
  let pos = 0, state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
  while (pos < size) {
    const ps = pos & pbMask;
    if (bit((state << 4) + ps) === 0) {
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = 1846 + 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        let match = out[pos - rep0 - 1];
        do {
          const mb = (match >> 7) & 1; match <<= 1;
          const b = bit(base + ((1 + mb) << 8) + s);
          s = (s << 1) | b;
          if (mb !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(base + s);
      out[pos++] = s & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let n;
    if (bit(192 + state) === 1) {
      if (pos === 0) throw new Error("LZMA: bad stream");
      if (bit(204 + state) === 0) {
        if (bit(240 + (state << 4) + ps) === 0) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1]; pos++;
          continue;
        }
      } else {
        let dist;
        if (bit(216 + state) === 0) dist = rep1;
        else { if (bit(228 + state) === 0) dist = rep2; else { dist = rep3; rep3 = rep2; } rep2 = rep1; }
        rep1 = rep0; rep0 = dist;
      }
      n = len(1332, ps);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      n = len(818, ps);
      state = state < 7 ? 7 : 10;
      const slot = tree(432 + (Math.min(n, 3) << 6), 6);
      if (slot < 4) rep0 = slot;
      else {
        const direct = (slot >> 1) - 1;
        let dist = (2 | (slot & 1)) * 2 ** direct;
        if (slot < 14) dist += reverse(688 + dist - slot - 1, direct);
        else {
          let v = 0;
          for (let i = direct - 4; i > 0; i--) {
            rc[0] >>>= 1;
            if (rc[1] >= rc[0]) { rc[1] -= rc[0]; v = v * 2 + 1; } else v *= 2;
            if (rc[0] < 0x1000000) { rc[0] <<= 8; rc[1] = (rc[1] << 8) | src[ip++]; }
          }
          dist += v * 16 + reverse(802, 4);
        }
        if (dist === 0xffffffff) break;
        rep0 = dist;
      }
      if (rep0 >= pos) throw new Error("LZMA: bad stream");
    }
    n += 2;
    for (let from = pos - rep0 - 1; n > 0 && pos < size; n--) out[pos++] = out[from++];
  }
  if (pos !== size) throw new Error("LZMA: stream ended early");
  return out;
}
