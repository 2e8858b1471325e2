// Writes the README's size table from the release build in dist/: `./dev release` runs
// it after tools/single.mjs, so the figures a user reads are always the last build's.
// The table goes between the lines `<!-- sizes:begin -->` and `<!-- sizes:end -->`.
// Usage: node tools/sizes.mjs [DIST] [README]

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(HERE, "..", "dist"));
const readme = path.resolve(process.argv[3] ?? path.join(HERE, "..", "README.md"));
const BEGIN = "<!-- sizes:begin -->";
const END = "<!-- sizes:end -->";

function fail(message) {
  console.error(`tools/sizes.mjs: ${message}`);
  process.exit(1);
}

const group = (n) => n.toLocaleString("en-US");

function measure(file) {
  const bytes = readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

// What a browser loads from dist/ (the app's files), then the one-file page alone.
function rows() {
  const names = readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f) || f === "index.html");
  if (!names.some((f) => f.endsWith(".wasm"))) fail(`no .wasm in ${dist}: run ./dev release first`);
  const app = names.sort().map(measure);
  const total = app.reduce((t, r) => ({ file: "**dist/ in all**", raw: t.raw + r.raw, gz: t.gz + r.gz }), { raw: 0, gz: 0 });
  return [...app, total, measure("topolab.html")];
}

function table() {
  const line = (r) => `| ${r.file.replace(/-[0-9a-f]{16}(?=[._])/, "")} | ${group(r.raw)} B | ${group(r.gz)} B |`;
  return ["| file | raw | gzip -9 |", "|---|---:|---:|", ...rows().map(line)].join("\n");
}

const text = readFileSync(readme, "utf8");
const begin = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (begin < 0 || end < begin) fail(`${readme} has no ${BEGIN} ... ${END} block`);
const next = `${text.slice(0, begin + BEGIN.length)}\n${table()}\n${text.slice(end)}`;
writeFileSync(readme, next);
console.log(`README.md: sizes of this build written\n${table()}`);
