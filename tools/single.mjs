// Makes dist/topolab.html, the whole app in one file that works opened from disk
// (file://, no server, no network): `./dev release` runs it after `trunk build --release`,
// from that one build's dist/ (no second build). Usage: node tools/single.mjs [DIST]
//
// The page is dist/index.html with a start-up script in one inline module script, and
// the WebAssembly, the stylesheet and the wasm-bindgen glue (run as a function body)
// stored as base64 of their compression by tools/cm.js (a context-mixing coder of our own,
// about a tenth smaller than LZMA and a quarter smaller than gzip -9; the page decodes it
// with the same file), with the wasm's code section split into streams of like bytes
// first (tools/wasm-split.js, joined again in the page). The payload is packed as four
// parts coded apart, which the page decodes at once in Web Workers (PARTS, below), and
// shows a line saying it is opening meanwhile. An empty <script type="application/json"
// id="topolab-document"> is where a diagram is baked in (crates/engine/src/single_page.rs): the app's
// "Download this diagram as a page" and `topolab render --html` fill it. The start-up
// script keeps the page's own markup, as it was before the app changed anything, in
// `window.topolabPage`: the single file makes its copies from itself.
//
// The wasm's imports from the glue are renamed to short names in both (the glue's are
// wasm-bindgen's `__wbg_NAME_HASH`, whose sixteen hex digits no compressor can shrink):
// 7 KB less, gzipped, in all.
//
// The glue and the start-up script are minified by terser (npm, pinned in package.json).
//
// Prints the page's size, raw and gzip -9.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { minify } from "terser";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(HERE, "..", "dist"));

function fail(message) {
  console.error(`tools/single.mjs: ${message}`);
  process.exit(1);
}

function only(pattern) {
  const found = readdirSync(dist).filter((name) => pattern.test(name));
  if (found.length !== 1) {
    fail(`expected one file matching ${pattern} in ${dist}, found ${found.length}: run trunk build --release first`);
  }
  return path.join(dist, found[0]);
}

const indexHtml = readFileSync(path.join(dist, "index.html"), "utf8");
const css = minifyCss(readFileSync(only(/^app-.*\.css$/), "utf8"));
const wasmPath = only(/^topolab-web-[0-9a-f]+_bg\.wasm$/);
/** `css` without comments and needless spaces; fails if a quoted string would change. */
function minifyCss(css) {
  const small = css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/ ?([{};,]) ?/g, "$1")
    .replace(/;}/g, "}")
    .trim();
  const strings = (text) => JSON.stringify(text.replace(/\/\*[\s\S]*?\*\//g, "").match(/"[^"]*"|'[^']*'/g));
  if (strings(css) !== strings(small)) fail("minifying the stylesheet would change a quoted string");
  return small;
}

/**
 * `js` without indentation and comment lines: safe when no template literal spans
 * lines (checked: every line has an even number of backticks).
 */
function dedentJs(js) {
  if (js.split("\n").some((line) => (line.split("`").length - 1) % 2 !== 0)) {
    fail("a template literal spans lines: cannot drop indentation safely");
  }
  return js
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("//"))
    .join("\n");
}

/**
 * A function body minified by terser: its own names mangled (it is a function's scope,
 * so its top level is nobody else's), properties and the names it reads from the page
 * kept, comments dropped. The glue's imports object keeps its keys, so the wasm finds them.
 */
async function minifyBody(body) {
  const out = await minify(body, {
    parse: { bare_returns: true },
    toplevel: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (!out.code) fail("terser gave no code for the glue");
  return out.code;
}

/** The page's start-up module minified the same way (a module's top level is its own). */
async function minifyModule(source) {
  const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) fail("terser gave no code for the start-up script");
  return out.code;
}

const GLUE_MODULE = "./topolab-web_bg.js";

/** The unsigned LEB128 bytes of `n`. */
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** The unsigned LEB128 number at `bytes[at]`, and where the bytes after it start. */
function readU32(bytes, at) {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, at];
}

/**
 * `wasm` and `glue` with every import of the glue's module renamed: the module to "m",
 * each function to its index in base 36. Fails unless each old name is in the glue
 * exactly once (its key in the imports object).
 */
function shortenImports(wasm, glue) {
  let at = 8;
  const u32 = () => {
    const [value, next] = readU32(wasm, at);
    at = next;
    return value;
  };
  const name = () => {
    const length = u32();
    const text = wasm.subarray(at, at + length).toString("utf8");
    at += length;
    return text;
  };
  const parts = [wasm.subarray(0, 8)];
  const renamed = new Map();
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const end = u32() + at;
    if (id !== 2) {
      parts.push(wasm.subarray(start, end));
      at = end;
      continue;
    }
    const count = u32();
    const body = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let [module, field] = [name(), name()];
      const kind = at;
      const tag = wasm[at++];
      if (tag === 0) u32(); // function: type index
      else if (tag === 1) { at++; if (wasm[at++] & 1) { u32(); u32(); } else u32(); } // table
      else if (tag === 2) { if (wasm[at++] & 1) { u32(); u32(); } else u32(); } // memory
      else if (tag === 3) at += 2; // global
      else fail(`unknown import kind ${tag}`);
      if (module === GLUE_MODULE) {
        const short = i.toString(36);
        renamed.set(field, short);
        [module, field] = ["m", short];
      }
      for (const text of [module, field]) body.push(...leb(Buffer.byteLength(text)), ...Buffer.from(text));
      body.push(...wasm.subarray(kind, at));
    }
    if (at !== end) fail("the wasm's import section did not read as expected");
    parts.push(Buffer.from([2, ...leb(body.length)]), Buffer.from(body));
  }
  for (const [old, short] of renamed) {
    const uses = glue.split(old).length - 1;
    if (uses !== 1 || !glue.includes(`        ${old}: function`)) fail(`import ${old} is not once a key of the glue's imports`);
    glue = glue.replace(`        ${old}: function`, `        "${short}": function`);
  }
  const key = `"${GLUE_MODULE}": import0`;
  if (!glue.includes(key)) fail(`the glue does not give its imports as ${key}`);
  return { wasm: Buffer.concat(parts), glue: glue.replace(key, '"m": import0'), count: renamed.size };
}

const short = shortenImports(readFileSync(wasmPath), readFileSync(only(/^topolab-web-[0-9a-f]+\.js$/), "utf8"));
const wasmSize = short.wasm.length;
const decoder = readFileSync(path.join(HERE, "cm.js"), "utf8");
const splitter = readFileSync(path.join(HERE, "wasm-split.js"), "utf8");
const { cmEncode, cmDecode, wasmSplit, wasmJoin } = new Function(
  `${decoder}\n${splitter}\nreturn { cmEncode, cmDecode, wasmSplit, wasmJoin };`,
)();

/** Where the code section's body lies in `wasm`: [start, length]. */
function codeSection(wasm) {
  let at = 8;
  const u32 = () => {
    const [value, next] = readU32(wasm, at);
    at = next;
    return value;
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const length = u32();
    if (id === 10) return [at, length];
    at += length;
  }
  fail("the wasm has no code section");
}

// The payload: the wasm without its code section's body, then the body's streams in
// STREAM_ORDER (tools/wasm-split.js numbers them). The coder keeps each stream's
// statistics apart, so the order matters little: their own order measured best of those
// tried (0.4 KB less than the order LZMA wanted; BENCHMARKS.md).
const STREAM_ORDER = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [codeAt, codeSize] = codeSection(short.wasm);
const streams = wasmSplit(short.wasm.subarray(codeAt, codeAt + codeSize)).map((s) => Buffer.from(s));
if ([...STREAM_ORDER].sort((a, b) => a - b).join() !== streams.map((_, i) => i).join()) {
  fail("STREAM_ORDER is not an order of every stream");
}
const rest = Buffer.concat([short.wasm.subarray(0, codeAt), short.wasm.subarray(codeAt + codeSize)]);
// The stylesheet and the glue ride in the same packed payload, after the wasm: packed
// there, text is a good deal smaller than the page's gzip would make it.
const glue = dedentJs(short.glue);
const EXPORTS = "export { initSync, __wbg_init as default };";
if (!glue.includes(EXPORTS)) fail(`the glue's exports are not "${EXPORTS}": has wasm-bindgen changed?`);
if ((glue.match(/import\.meta\.url/g) ?? []).length !== 1 || /^\s*(export|import)\s/m.test(glue.replace(EXPORTS, ""))) {
  fail("the glue has module syntax besides its exports and one import.meta.url: it cannot run as a function body");
}
// The glue runs as a function's body: its one `import.meta.url` (the wasm's default
// address, never used here, the module is given) becomes the page's.
const glueBody = await minifyBody(
  `"use strict";\n${glue.replace(EXPORTS, "").replace("import.meta.url", "location.href")}\nreturn __wbg_init;`,
);
const cssBytes = Buffer.from(css, "utf8");
const glueBytes = Buffer.from(glueBody, "utf8");
const payload = Buffer.concat([rest, ...STREAM_ORDER.map((i) => streams[i]), cssBytes, glueBytes]);

/**
 * The payload's segments for tools/cm.js, from its layout: where each ends, and its kind
 * (0 the wasm before the code section, 1 after it, 2 + n code stream n, 15 the
 * stylesheet, 16 the glue). Every kind has its own statistics in the coder.
 */
function payloadSegments(restSize, codeAt, order, lengths, cssSize, glueSize) {
  const ends = [codeAt, restSize];
  const kinds = [0, 1];
  let at = restSize;
  for (const i of order) {
    ends.push((at += lengths[i]));
    kinds.push(2 + i);
  }
  ends.push((at += cssSize), (at += glueSize));
  kinds.push(15, 16);
  return { ends, kinds };
}

/** The code section's streams, by number, from the unpacked payload (as the page does). */
function unpackStreams(bytes, restSize, order, lengths) {
  const out = [];
  let at = restSize;
  for (const i of order) out[i] = bytes.subarray(at, (at += lengths[i]));
  return out;
}
const lengths = streams.map((s) => s.length);
const segments = payloadSegments(rest.length, codeAt, STREAM_ORDER, lengths, cssBytes.length, glueBytes.length);
if (segments.ends.at(-1) !== payload.length) fail("the payload's segments do not cover it");

// The payload is packed as PARTS parts, each coded apart with a fresh model, so that the
// page can decode them at once in Web Workers: each part is a list of pieces [start,
// length, kind] of the payload. Whole segments, except the opcodes (kind 2, about 43% of
// the payload), which are cut in two: the first part is the opcodes' first piece, the
// second their rest, and the other segments go, largest first, to the part with the
// fewest bytes so far. The cut is chosen to make the largest part as small as it can be.
// Each part keeps its pieces' kinds, so their contexts are right; what is lost is what
// a part would have learnt from the parts before it (BENCHMARKS.md).
const PARTS = 4;
const OPCODES = 2;
function planParts(ends, kinds, parts) {
  const pieces = ends.map((end, i) => [i ? ends[i - 1] : 0, end - (i ? ends[i - 1] : 0), kinds[i]]);
  const opcodes = pieces.find((p) => p[2] === OPCODES);
  const others = pieces.filter((p) => p !== opcodes).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let best = null;
  for (let cut = 1; cut < opcodes[1]; cut += 256) {
    const plan = [[[opcodes[0], cut, OPCODES]], [[opcodes[0] + cut, opcodes[1] - cut, OPCODES]]];
    while (plan.length < parts) plan.push([]);
    const load = plan.map((part) => part.reduce((n, p) => n + p[1], 0));
    for (const piece of others) {
      const i = load.indexOf(Math.min(...load.slice(1)), 1);
      plan[i].push(piece);
      load[i] += piece[1];
    }
    const largest = Math.max(...load);
    if (!best || largest < best.largest) best = { largest, plan };
  }
  return best.plan.map((part) => part.sort((a, b) => a[0] - b[0]));
}
const plan = planParts(segments.ends, segments.kinds, PARTS);
/** A part's segments for tools/cm.js: where each of its pieces ends in it, and its kind. */
function partSegments(pieces) {
  let size = 0;
  return { size: pieces.reduce((n, p) => n + p[1], 0), ends: pieces.map((p) => (size += p[1])), kinds: pieces.map((p) => p[2]) };
}
const packedParts = plan.map((pieces) => {
  const { ends, kinds } = partSegments(pieces);
  const bytes = Buffer.concat(pieces.map(([start, length]) => payload.subarray(start, start + length)));
  return Buffer.from(cmEncode(bytes, ends, kinds));
});
const packed = Buffer.concat(packedParts);
const parts = plan.map((pieces, i) => [packedParts[i].length, pieces]);
const layout = JSON.stringify([
  codeAt,
  codeSize,
  rest.length,
  STREAM_ORDER,
  lengths,
  cssBytes.length,
  glueBytes.length,
  parts,
]);
// What the page will do, done here first: it must give back the very wasm.
{
  const bytes = new Uint8Array(payload.length);
  let at = 0;
  for (const [packedSize, pieces] of parts) {
    const { size, ends, kinds } = partSegments(pieces);
    const out = cmDecode(packed.subarray(at, (at += packedSize)), size, ends, kinds);
    let from = 0;
    for (const [start, length] of pieces) bytes.set(out.subarray(from, (from += length)), start);
  }
  const code = wasmJoin(unpackStreams(bytes, rest.length, STREAM_ORDER, lengths), codeSize);
  const again = Buffer.concat([bytes.subarray(0, codeAt), code, bytes.subarray(codeAt, rest.length)]);
  if (Buffer.compare(again, short.wasm) !== 0) fail("the packed wasm does not unpack to the wasm");
}
// Each inline text must not end its element early.
for (const [name, text, end] of [
  ["the decoder", decoder, "</script"],
  ["the splitter", splitter, "</script"],
]) {
  if (text.toLowerCase().includes(end) || text.includes("<!--")) fail(`${name} contains ${end} or <!--`);
}

// The decoder as one self-contained function: the page calls it, and gives its source
// (minified, still self-contained) to the Web Workers that decode the parts.
const boot = await minifyModule(`function cmDecoder() {
${dedentJs(decoder)}
return cmDecode;
}
${dedentJs(splitter)}
${unpackStreams}
window.topolabPage = "<!doctype html>\\n" + document.documentElement.outerHTML;
{
  performance.mark("topolab-unpack");
  // Until the app starts, a line saying what is happening (in the reader's colours: the
  // page's color-scheme is light dark). Made after topolabPage is kept: copies never have it.
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.style.cssText = "position:fixed;top:40%;left:0;right:0;margin:0;text-align:center;font:1.1rem system-ui,sans-serif";
  status.innerHTML = 'Opening Topolab… · <span lang="zh-CN">正在打开 Topolab…</span>';
  document.body.append(status);
  const packed = document.getElementById("topolab-wasm");
  const text = packed.textContent.trim();
  const bytes = Uint8Array.fromBase64
    ? Uint8Array.fromBase64(text)
    : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const [codeAt, codeSize, restSize, order, lengths, cssSize, glueSize, parts] = JSON.parse(packed.dataset.layout);
  const payload = new Uint8Array(Number(packed.dataset.size));
  // Each part in a Web Worker of its own (from a blob: address: it works from file://),
  // all at once; where a worker cannot be made or fails (a Content-Security-Policy, an
  // old browser), the part is decoded here, one after another.
  let cmDecode;
  const here = (job) => (cmDecode ??= cmDecoder())(...job);
  let url;
  try {
    url = URL.createObjectURL(new Blob(["const d=(" + cmDecoder + ")();onmessage=e=>{const o=d(...e.data);postMessage(o,[o.buffer])}"], { type: "text/javascript" }));
  } catch {}
  let workers = true; // until one cannot be made: the others would fail the same way
  const decode = (job) => new Promise((resolve) => {
    let worker;
    try {
      if (workers) worker = new Worker(url);
    } catch {
      workers = false;
    }
    if (!worker) return resolve(here(job));
    worker.onmessage = (e) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(here(job));
    };
    worker.postMessage(job);
  });
  let at = 0;
  await Promise.all(parts.map(([packedSize, pieces]) => {
    let size = 0;
    const job = [bytes.slice(at, (at += packedSize)), pieces.reduce((n, p) => n + p[1], 0), pieces.map((p) => (size += p[1])), pieces.map((p) => p[2])];
    return decode(job).then((out) => {
      let from = 0;
      for (const [start, length] of pieces) payload.set(out.subarray(from, (from += length)), start);
    });
  }));
  if (url) URL.revokeObjectURL(url);
  const wasmEnd = restSize + lengths.reduce((a, b) => a + b, 0);
  const utf8 = new TextDecoder();
  const style = document.createElement("style");
  style.textContent = utf8.decode(payload.subarray(wasmEnd, wasmEnd + cssSize));
  document.head.append(style);
  const __wbg_init = new Function(utf8.decode(payload.subarray(wasmEnd + cssSize, wasmEnd + cssSize + glueSize)))();
  const code = wasmJoin(unpackStreams(payload, restSize, order, lengths), codeSize);
  const module = new Uint8Array(restSize + codeSize);
  module.set(payload.subarray(0, codeAt));
  module.set(code, codeAt);
  module.set(payload.subarray(codeAt, restSize), codeAt + codeSize);
  performance.measure("topolab-unpacked", "topolab-unpack");
  const wasm = await __wbg_init({ module_or_path: module });
  status.remove();
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
}
`);

if (boot.toLowerCase().includes("</script") || boot.includes("<!--")) fail("the start-up script contains </script or <!--");

let head = indexHtml.slice(0, indexHtml.indexOf("</head>"));
let body = indexHtml.slice(indexHtml.indexOf("</head>"));
const before = head.length;
head = head
  // Link previews: a file has no address to preview, and the image is not in it.
  .replace(/\s*<meta (property="og:|name="twitter:)[^>]*>/g, "")
  // Comments: notes for whoever edits index.html, not for the page's reader.
  .replace(/\s*<!--[\s\S]*?-->/g, "")
  // The stylesheet is in the packed payload; until it is unpacked the page is a plain
  // background in the reader's colour scheme.
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>:root{color-scheme:light dark}</style>`)
  .replace(/<script type="module">[\s\S]*?<\/script>/, "")
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");
if (head.length === before || head.includes('rel="stylesheet"') || head.includes("preload")) {
  fail("dist/index.html is not laid out as expected (stylesheet link, module script, preloads)");
}
const page =
  head +
  `<script type="application/json" id="topolab-document"></script>\n` +
  `<script type="application/octet-stream" id="topolab-wasm" data-size="${payload.length}" data-layout="${layout}">\n` +
  // One line: a newline every so often costs gzip more than the line's length.
  packed.toString("base64") +
  "\n" +
  `</script>\n<script type="module">\n${boot}</script>\n` +
  body;

const out = path.join(dist, "topolab.html");
writeFileSync(out, page);
const gz = gzipSync(page, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(
  `dist/topolab.html: ${Buffer.byteLength(page)} B raw, ${gz} B gzip -9 (${kb(gz)}; wasm ${wasmSize} B, split and packed ${packed.length} B)`,
);
