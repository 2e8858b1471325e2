// Draws assets/social-preview.png, the page's social preview (index.html's og:image,
// copied into dist/ by trunk): the name, one line of what it does, and the cluster
// scenario with one server killed, drawn by `topolab render` (the app's SVG export).
//
//   node assets/social-preview.mjs     (needs Debian's chromium and `cargo`)

import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "assets", "social-preview.png");

const doc = JSON.parse(await readFile(path.join(ROOT, "crates/engine/src/presets/cluster.json"), "utf8"));
delete doc.title; // the preview says it in its own words
doc.nodes.find((n) => n.id === "app2").killed = [0];
const svg = execFileSync("cargo", ["run", "--quiet", "--bin", "topolab", "--", "render", "-"], {
  cwd: ROOT,
  input: JSON.stringify(doc),
}).toString("utf8");

// The favicon of index.html, larger.
const logo = `<svg viewBox="0 0 32 32" width="76" height="76"><path d="M9 9L23 9M9 9L16 23M23 9L16 23" stroke="#475569" stroke-width="2.5"/><circle cx="9" cy="9" r="5" fill="#2563eb"/><circle cx="23" cy="9" r="5" fill="#16a34a"/><circle cx="16" cy="23" r="5" fill="#dc2626"/></svg>`;
const page = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; width: 1200px; height: 630px; background: #f6f7f9; color: #1b1f24; overflow: hidden;
         font-family: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
         display: grid; grid-template-columns: 440px 1fr; }
  .words { padding: 70px 0 0 64px; }
  .brand { display: flex; align-items: center; gap: 18px; font-size: 68px; font-weight: 700; letter-spacing: 0.01em; }
  .lead { margin: 40px 0 0; font-size: 34px; line-height: 1.25; font-weight: 600; }
  .more { margin: 26px 0 0; font-size: 23px; line-height: 1.4; color: #57606a; }
  .picture { display: flex; align-items: center; justify-content: center; padding: 36px 40px 36px 8px; }
  .picture img { max-width: 100%; max-height: 100%; border-radius: 14px; box-shadow: 0 6px 28px rgb(0 0 0 / 0.12); }
  .bar { position: absolute; left: 0; right: 0; bottom: 0; height: 10px;
         background: linear-gradient(90deg, #2563eb, #16a34a 50%, #dc2626); }
</style></head><body>
  <div class="words">
    <div class="brand">${logo}Topolab</div>
    <p class="lead">What does a dead server do to your system?</p>
    <p class="more">Draw clusters, microservices and queues, kill servers, and read the exact availability and coupling.</p>
  </div>
  <div class="picture"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}"></div>
  <div class="bar"></div>
</body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  await tab.setContent(page, { waitUntil: "load" });
  await tab.screenshot({ path: OUT });
  console.log(`wrote ${path.relative(ROOT, OUT)} (1200 x 630)`);
} finally {
  await browser.close();
}
