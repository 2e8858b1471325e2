// Makes dist/topolab.html, the whole app in one file that works opened from disk
// (file://, no server, no network): `./dev release` runs it after `trunk build --release`,
// from that one build's dist/ (no second build). Usage: node tools/single.mjs [DIST]
//
// The page is dist/index.html with the stylesheet in a <style>, the wasm-bindgen glue and
// a start-up script in one inline module script, and the WebAssembly stored as base64 of
// its LZMA compression (`xz --format=lzma -9e`, about a fifth smaller than gzip -9),
// decoded by tools/lzma-decode.js. An empty <script type="application/json"
// id="topolab-document"> is where a diagram is baked in (src/model/page.rs): the app's
// "Download this diagram as a page" and `topolab render --html` fill it. The start-up
// script keeps the page's own markup, as it was before the app changed anything, in
// `window.topolabPage`: the single file makes its copies from itself.
//
// Prints the page's size, raw and gzip -9.

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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
const css = readFileSync(only(/^app-.*\.css$/), "utf8");
const glue = readFileSync(only(/^topolab-web-[0-9a-f]+\.js$/), "utf8");
const wasmPath = only(/^topolab-web-[0-9a-f]+_bg\.wasm$/);
const wasmSize = readFileSync(wasmPath).length;
const decoder = readFileSync(path.join(HERE, "lzma-decode.js"), "utf8");

// xz (Debian's xz-utils) is the LZMA encoder; lc=1/lp=0/pb=0 measured no better here.
const packed = execFileSync("xz", ["--format=lzma", "-9e", "--stdout", wasmPath], {
  maxBuffer: 64 << 20,
});

// Each inline text must not end its element early.
for (const [name, text, end] of [
  ["the stylesheet", css, "</style"],
  ["the glue", glue, "</script"],
  ["the decoder", decoder, "</script"],
]) {
  if (text.toLowerCase().includes(end) || text.includes("<!--")) fail(`${name} contains ${end} or <!--`);
}

const EXPORTS = "export { initSync, __wbg_init as default };";
if (!glue.includes(EXPORTS)) fail(`the glue's exports are not "${EXPORTS}": has wasm-bindgen changed?`);
const boot = `${glue.replace(EXPORTS, "")}
${decoder}
window.topolabPage = "<!doctype html>\\n" + document.documentElement.outerHTML;
{
  const packed = document.getElementById("topolab-wasm");
  const text = packed.textContent.trim();
  const bytes = Uint8Array.fromBase64
    ? Uint8Array.fromBase64(text)
    : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const wasm = await __wbg_init({ module_or_path: lzmaDecode(bytes, Number(packed.dataset.size)) });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
}
`;

let head = indexHtml.slice(0, indexHtml.indexOf("</head>"));
let body = indexHtml.slice(indexHtml.indexOf("</head>"));
const before = head.length;
head = head
  // Link previews: a file has no address to preview, and the image is not in it.
  .replace(/\s*<meta (property="og:|name="twitter:)[^>]*>/g, "")
  .replace(/\s*<!-- Social preview[\s\S]*?-->/, "")
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>\n${css}</style>`)
  .replace(/<script type="module">[\s\S]*?<\/script>/, "")
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");
if (head.length === before || head.includes('rel="stylesheet"') || head.includes("preload")) {
  fail("dist/index.html is not laid out as expected (stylesheet link, module script, preloads)");
}
const page =
  head +
  `<script type="application/json" id="topolab-document"></script>\n` +
  `<script type="application/octet-stream" id="topolab-wasm" data-size="${wasmSize}">\n` +
  packed.toString("base64").replace(/.{1,120}/g, "$&\n") +
  `</script>\n<script type="module">\n${boot}</script>\n` +
  body;

const out = path.join(dist, "topolab.html");
writeFileSync(out, page);
const gz = gzipSync(page, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(
  `dist/topolab.html: ${page.length} B raw, ${gz} B gzip -9 (${kb(gz)}; wasm ${wasmSize} B, LZMA ${packed.length} B)`,
);
