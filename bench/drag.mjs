// The drag benchmark (`./dev bench-drag`): Topolab's release build in dist/ against the
// team's hand-written SVG yardstick (bench/vanilla-svg.html), in
// one browser run, on generated diagrams of 100, 500 and 2,000 nodes with two links a node.
//
// Each page is measured as the team's drag benchmark (dragperf.mjs) measures it: the time from `goto` to
// the first `[data-node-id]` on screen, then 120 pointer moves dragging the first node, each
// timed from the event to its handlers, render and style/layout done (median and p95);
// and, with no target, the frame that follows each move: its style, layout, paint and
// layers, the part of a frame the timing above leaves out.
// The app is measured twice: fitted (as it opens: the whole diagram on screen) and zoomed
// in to 1:1 on the dragged node (as the vanilla page draws, most of a big diagram off
// screen). Every page runs REPEAT times (default 3), interleaved, each in a fresh
// browser context; the figures are the medians over the runs. Targets (the issue): the app's
// median and p95 within 2x of vanilla at every size, first render of 2,000 nodes within 1.2x.
//
//   node bench/drag.mjs                  # the table, and target/bench/drag.json
//   REPEAT=5 SIZES=500,2000 node bench/drag.mjs
//   node bench/drag.mjs --print 500      # the generated topolab/1 document, as JSON
//
// It serves dist/ (TOPOLAB_DIST=folder for another build; run `./dev release` first) and
// bench/ from one server on 127.0.0.1. It fails when a page does not show the N nodes asked
// for or the drag does not move the node: a figure from a page that did no work is no figure.
//
// A third page, "floor", shows what part of the first render is the browser's own: the
// app's first frame (its page as it is when the first node is on screen: toolbar, palette,
// diagram) copied once from the app and replayed by one plain script, no WebAssembly, in
// the vanilla page's way (`insertAdjacentHTML` at parse time), with the app's stylesheet.
// Its first render is what parsing, styling, laying out and painting that page costs;
// the app's own work (loading the module, reading, analysing, rendering) comes on top.

import { createReadStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { DIST, ROOT, launchBrowser } from "../tests/e2e/harness.mjs";

const BENCH = path.join(ROOT, "bench");
const OUTPUT = path.join(ROOT, "target", "bench", "drag.json");
const MOVES = 120;
const VIEWPORT = { width: 1400, height: 900 };
const TARGETS = { median: 2, p95: 2, first_render: 1.2 };
// The first-render target is the issue's for 2,000 nodes only.
const FIRST_RENDER_TARGET_SIZE = 2000;

const REPEAT = positiveInteger(process.env.REPEAT ?? "3", "REPEAT");
const SIZES = (process.env.SIZES ?? "100,500,2000").split(",").map((s) => positiveInteger(s.trim(), "SIZES"));

function positiveInteger(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a whole number from 1, not "${text}"`);
  return n;
}

function fail(message) {
  console.error(`\nERROR: ${message}`);
  process.exit(1);
}

// --- the generated diagram ---

/**
 * A valid topolab/1 document of `n` services and exactly 2n `requires` links (docs/spec/model.md §1:
 * no self link, at most one link per ordered pair), on a grid like the vanilla page's but
 * spaced for the app's 124-wide boxes. The links are the vanilla page's pairs
 * i -> (7i + 3) mod n where valid, filled up with i -> i + 1, i + 2, ... Each runs from the
 * lower index to the higher, so the graph has no cycle, and there is no client, so no
 * function: the engine's analysis on load stays cheap (coupling and sync depth only) and
 * the figures are the canvas's, as the vanilla page's are.
 */
function generateDocument(n) {
  // n nodes have n(n - 1)/2 pairs of a lower and a higher index: 2n of them from n = 5.
  if (n < 5) throw new Error(`a diagram of ${n} nodes cannot hold ${2 * n} links that form no cycle: 5 nodes at least`);
  const id = (i) => `n${i}`;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: id(i),
    kind: "service",
    x: 100 + (i % 40) * 150,
    y: 80 + Math.floor(i / 40) * 110,
  }));
  const links = [];
  const seen = new Set();
  const add = (a, b) => {
    const [from, to] = a < b ? [a, b] : [b, a];
    if (from === to || links.length === 2 * n || seen.has(from * n + to)) return;
    seen.add(from * n + to);
    links.push({ from: id(from), to: id(to) });
  };
  for (let i = 0; i < 2 * n; i++) add(i % n, (i * 7 + 3) % n);
  for (let step = 1; links.length < 2 * n; step++) {
    for (let i = 0; i + step < n; i++) add(i, i + step);
  }
  return { format: "topolab/1", title: `Drag benchmark, ${n} services`, nodes, links };
}

/** `#d=` as docs/spec/app.md defines it: the JSON, raw DEFLATE, base64url without padding. */
function addressData(doc) {
  return deflateRawSync(Buffer.from(JSON.stringify(doc), "utf8")).toString("base64url");
}

// --- one server for dist/ and bench/ ---

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves /bench/* from bench/, /floor/N.html from `floors` (page text by N), and everything
 * else from dist/, on 127.0.0.1 at a free port.
 */
async function serve(floors) {
  const server = http.createServer(async (request, response) => {
    let pathname = "";
    try {
      pathname = decodeURIComponent(new URL(request.url, "http://x").pathname);
    } catch {
      // A malformed address is simply not found.
    }
    const floor = pathname.match(/^\/floor\/(\d+)\.html$/);
    if (floor && floors.has(Number(floor[1]))) {
      const body = Buffer.from(floors.get(Number(floor[1])), "utf8");
      response.writeHead(200, {
        "content-type": MIME_TYPES[".html"],
        "content-length": body.length,
        "cache-control": "no-store",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      });
      return response.end(body);
    }
    const [root, rest] = pathname.startsWith("/bench/") ? [BENCH, pathname.slice(7)] : [DIST, pathname.slice(1)];
    const file = path.join(root, path.normalize(rest || "index.html"));
    const info = file.startsWith(root + path.sep) ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) {
      response.writeHead(404, { "cache-control": "no-store" });
      return response.end("not found\n");
    }
    response.writeHead(200, {
      "content-type": MIME_TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": "no-store",
      // Cross-origin isolation: performance.now() then ticks in 5 µs, not 100 µs, so a
      // 0.2 ms move is measured, not rounded to two ticks (both pages get the same).
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

// --- the floor: the app's first frame without the app ---

/**
 * Runs in the app's page before its scripts: keeps the page as it is in the first frame
 * that has a node (the frame's callbacks run before it is styled and painted).
 */
function keepFirstFrame() {
  const look = () => {
    if (!document.querySelector("[data-node-id]")) return requestAnimationFrame(look);
    for (const s of document.body.querySelectorAll("script")) s.remove();
    window.__firstFrame = {
      root: [...document.documentElement.attributes].map((a) => [a.name, a.value]),
      body: document.body.innerHTML,
    };
  };
  requestAnimationFrame(look);
}

/** The floor page of the app at `url` (loaded once, untimed): its first frame, replayed. */
async function floorPage(browser, url) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.addInitScript(keepFirstFrame);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstFrame, null, { timeout: 30000 });
    const frame = await page.evaluate(() => window.__firstFrame);
    const sheets = await page.$$eval('link[rel="stylesheet"]', (ls) => ls.map((l) => l.getAttribute("href")));
    const quote = (v) => v.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
    const root = frame.root.map(([k, v]) => `${k}="${quote(v)}"`).join(" ");
    const links = sheets.map((href) => `<link rel="stylesheet" href="/${quote(href.replace(/^\.?\//, ""))}">`).join("");
    // `</` escaped: the markup sits in a script.
    const markup = JSON.stringify(frame.body).replaceAll("</", "<\\/");
    return `<!doctype html><html ${root}><head><meta charset="utf-8"><link rel="icon" href="data:,">${links}</head>` +
      `<body><script>document.body.insertAdjacentHTML("beforeend", ${markup});</script></body></html>`;
  } finally {
    await page.context().close();
  }
}

/** Opens `url` in `page`: ms from `goto` to the first node on screen, and how many nodes it shows. */
async function firstRender(page, url) {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("[data-node-id]", { timeout: 30000 });
  const first_render = Date.now() - t0;
  return { first_render, count: await page.locator("[data-node-id]").count() };
}

/** One load of a page that only draws: its first render in ms. */
async function measureFirstRender(browser, url, n, name) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    const { first_render, count } = await firstRender(page, url);
    if (count !== n) throw new Error(`${name} shows ${count} nodes, not ${n}`);
    return { first_render };
  } finally {
    await page.context().close();
  }
}

// --- one measurement, as dragperf.mjs takes it ---

/** Runs in the page: dragperf.mjs's drag loop, plus the node's transform before and after. */
async function dragInPage(moves) {
  const el = document.querySelector("[data-node-id]");
  const before = el.getAttribute("transform");
  const r = el.getBoundingClientRect();
  const x0 = r.x + r.width / 2, y0 = r.y + r.height / 2;
  const fire = (type, x, y, target) => target.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, pointerId: 1, isPrimary: true, button: 0, buttons: type === "pointerup" ? 0 : 1 }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  // The frame's own work, from its animation callbacks to the task after it: style,
  // layout, paint and handing the layers to the compositor (not the wait for vsync).
  const painted = () => new Promise((r) => requestAnimationFrame(() => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  const task = () => new Promise((r) => setTimeout(r, 0));
  const svg = document.querySelector("[data-topolab-canvas]") || document.body;
  fire("pointerdown", x0, y0, el); await frame();
  const times = [], frames = [];
  for (let i = 1; i <= moves; i++) {
    const target = document.elementFromPoint(x0 + i * 2, y0 + i) || el;
    const t = performance.now();
    fire("pointermove", x0 + i * 2, y0 + i, target);
    await task();
    svg.getBoundingClientRect(); document.body.offsetHeight;
    times.push(performance.now() - t);
    frames.push(await painted());
  }
  const during = el.getAttribute("transform");
  fire("pointerup", x0 + moves * 2, y0 + moves, el);
  await frame();
  times.sort((a, b) => a - b);
  frames.sort((a, b) => a - b);
  return {
    id: el.getAttribute("data-node-id"),
    median: times[Math.floor(times.length / 2)],
    p95: times[Math.floor(times.length * 0.95)],
    frame: frames[Math.floor(frames.length / 2)],
    frame_p95: frames[Math.floor(frames.length * 0.95)],
    before, during, after: el.getAttribute("transform"), connected: el.isConnected,
  };
}

/**
 * Zooms the app in on its first node until one diagram unit is one screen pixel, as the
 * vanilla page draws (its 2,000-node diagram then runs off the screen, and the browser
 * skips painting what is off it); by wheel events, as a user would. Returns the scale.
 */
async function zoomToActualSize() {
  const svg = document.querySelector("[data-topolab-canvas]");
  const node = document.querySelector("[data-node-id]");
  for (let i = 0; i < 40 && svg.getScreenCTM().a < 1; i++) {
    const r = node.getBoundingClientRect();
    const factor = Math.min(1.5, 1 / svg.getScreenCTM().a);
    // The app zooms by exp(-deltaY * 0.0015) a wheel event.
    svg.dispatchEvent(new WheelEvent("wheel", {
      clientX: r.x + r.width / 2, clientY: r.y + r.height / 2,
      deltaY: -Math.log(factor) / 0.0015, bubbles: true, cancelable: true,
    }));
    await new Promise((done) => requestAnimationFrame(() => done()));
  }
  return svg.getScreenCTM().a;
}

/** One run of one page: {first_render, median, p95} in ms; throws when the page did no work. */
async function measure(browser, url, n, name, { zoom = false } = {}) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  try {
    const { first_render, count } = await firstRender(page, url);
    if (count !== n) {
      const api = await page.evaluate(() => typeof window.topolab === "object");
      throw new Error(
        `${name} shows ${count} nodes, not the ${n} of the generated diagram` +
          (api ? ": the app runs (window.topolab is there) but did not open the #d= document; does it read #d= at startup?" : "") +
          (errors.length ? `\npage errors:\n  ${errors.join("\n  ")}` : ""),
      );
    }
    if (zoom) {
      const scale = await page.evaluate(zoomToActualSize);
      if (Math.abs(scale - 1) > 0.05) throw new Error(`${name}: could not zoom to 1:1 (scale ${scale})`);
    }
    if (!(await page.evaluate(() => window.crossOriginIsolated))) throw new Error(`${name}: not cross-origin isolated`);
    const drag = await page.evaluate(dragInPage, MOVES);
    if (drag.before === drag.during || !drag.connected) {
      throw new Error(
        `${name}: dragging node ${drag.id} did not move it (transform "${drag.before}" before ${MOVES} moves, ` +
          `"${drag.during}" after${drag.connected ? "" : "; its element was replaced"})`,
      );
    }
    if (drag.after === drag.before) {
      throw new Error(`${name}: node ${drag.id} went back to "${drag.before}" when the pointer was released`);
    }
    if (errors.length) throw new Error(`${name}: errors on the page:\n  ${errors.join("\n  ")}`);
    return { first_render, median: drag.median, p95: drag.p95, frame: drag.frame, frame_p95: drag.frame_p95 };
  } finally {
    await page.context().close();
  }
}

// --- the run ---

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const summary = (runs) => ({
  median: median(runs.map((r) => r.median)),
  p95: median(runs.map((r) => r.p95)),
  first_render: median(runs.map((r) => r.first_render)),
  frame: median(runs.map((r) => r.frame)),
  frame_p95: median(runs.map((r) => r.frame_p95)),
  runs,
});

async function main() {
  const print = process.argv.indexOf("--print");
  if (print !== -1) {
    const n = positiveInteger(process.argv[print + 1] ?? "", "--print N");
    console.log(JSON.stringify(generateDocument(n), null, 1));
    return;
  }
  const index = await stat(path.join(DIST, "index.html")).catch(() => null);
  if (!index?.isFile()) fail(`${DIST}/index.html is missing: build the app first (./dev release)`);

  const floors = new Map();
  const server = await serve(floors);
  const browser = await launchBrowser();
  const chromium = browser.version();
  const results = [];
  try {
    console.log(`Chromium ${chromium}; app from ${path.relative(ROOT, DIST) || "."}/; ${REPEAT} run(s) a page, ${MOVES} moves a run`);
    for (const n of SIZES) {
      const data = addressData(generateDocument(n));
      const pages = {
        vanilla: `${server.origin}/bench/vanilla-svg.html#${n}`,
        app: `${server.origin}/index.html#d=${data}`,
      };
      pages.zoomed = pages.app;
      floors.set(n, await floorPage(browser, pages.app));
      pages.floor = `${server.origin}/floor/${n}.html`;
      const runs = { vanilla: [], app: [], zoomed: [], floor: [] };
      for (let r = 0; r < REPEAT; r++) {
        // Alternate which page goes first, so neither always runs on a warmer machine.
        const order = r % 2 === 0 ? ["vanilla", "app", "zoomed", "floor"] : ["floor", "zoomed", "app", "vanilla"];
        for (const name of order) {
          const label = `${name} (${n} nodes)`;
          if (name === "floor") {
            const run = await measureFirstRender(browser, pages.floor, n, label);
            runs.floor.push(run);
            console.log(`  ${String(n).padStart(5)} nodes  floor   run ${r + 1}: first render ${run.first_render} ms`);
            continue;
          }
          const run = await measure(browser, pages[name], n, label, { zoom: name === "zoomed" });
          runs[name].push(run);
          console.log(
            `  ${String(n).padStart(5)} nodes  ${name.padEnd(7)} run ${r + 1}: median ${run.median.toFixed(2)} ms, ` +
              `p95 ${run.p95.toFixed(2)} ms, first render ${run.first_render} ms`,
          );
        }
      }
      const vanilla = summary(runs.vanilla);
      const app = summary(runs.app);
      const zoomed = summary(runs.zoomed);
      const floor = { first_render: median(runs.floor.map((r) => r.first_render)), runs: runs.floor };
      const ratio = {
        median: app.median / vanilla.median,
        p95: app.p95 / vanilla.p95,
        first_render: app.first_render / vanilla.first_render,
      };
      const meets = {
        median: ratio.median <= TARGETS.median,
        p95: ratio.p95 <= TARGETS.p95,
        first_render: n === FIRST_RENDER_TARGET_SIZE ? ratio.first_render <= TARGETS.first_render : null,
      };
      const ratio_zoomed = { median: zoomed.median / vanilla.median, p95: zoomed.p95 / vanilla.p95 };
      const ratio_floor = floor.first_render / vanilla.first_render;
      results.push({ nodes: n, links: 2 * n, address_chars: data.length, vanilla, app, ratio, meets, zoomed, ratio_zoomed, floor, ratio_floor });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  printTable(results);
  await mkdir(path.dirname(OUTPUT), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    chromium,
    repeat: REPEAT,
    moves: MOVES,
    unit: "ms",
    targets: { ...TARGETS, first_render_size: FIRST_RENDER_TARGET_SIZE },
    results,
  };
  await writeFile(OUTPUT, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwritten: ${path.relative(ROOT, OUTPUT)}`);
}

function printTable(results) {
  const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  const verdict = (ok, ratio) => (ok === null ? `${ratio.toFixed(2)}x` : `${ratio.toFixed(2)}x ${ok ? "ok" : "MISSED"}`);
  const header = ["nodes", "vanilla med / p95 / first", "app med / p95 / first", "median (<=2x)", "p95 (<=2x)", "first render (<=1.2x at 2000)"];
  const rows = results.map((r) => [
    String(r.nodes),
    `${ms(r.vanilla.median)} / ${ms(r.vanilla.p95)} / ${r.vanilla.first_render}`,
    `${ms(r.app.median)} / ${ms(r.app.p95)} / ${r.app.first_render}`,
    verdict(r.meets.median, r.ratio.median),
    verdict(r.meets.p95, r.ratio.p95),
    verdict(r.meets.first_render, r.ratio.first_render),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(`\nmedian of ${REPEAT} runs, ms; ratio = app / vanilla`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log("\nfloor: the app's first frame replayed by a plain script (no WebAssembly), first render:");
  for (const r of results) {
    const budget = Math.round(TARGETS.first_render * r.vanilla.first_render - r.floor.first_render);
    console.log(
      `  ${String(r.nodes).padStart(5)} nodes: ${r.floor.first_render} ms, ${r.ratio_floor.toFixed(2)}x vanilla; ` +
        `the app's own work took ${r.app.first_render - r.floor.first_render} ms on top` +
        (r.nodes === FIRST_RENDER_TARGET_SIZE ? ` (the ${TARGETS.first_render}x target leaves it ${budget} ms)` : ""),
    );
  }
  console.log("\nthe app zoomed in to 1:1 on the dragged node, as the vanilla page draws (most of a big diagram off screen):");
  for (const r of results) {
    console.log(
      `  ${String(r.nodes).padStart(5)} nodes: ${ms(r.zoomed.median)} / ${ms(r.zoomed.p95)} ms, ` +
        `${r.ratio_zoomed.median.toFixed(2)}x / ${r.ratio_zoomed.p95.toFixed(2)}x vanilla`,
    );
  }
  console.log("\nthe frame after each move (style, layout, paint, layers; no target), median / p95 ms:");
  for (const r of results) {
    const f = (x) => `${ms(x.frame)} / ${ms(x.frame_p95)}`;
    console.log(`  ${String(r.nodes).padStart(5)} nodes: vanilla ${f(r.vanilla)}, app ${f(r.app)}, app zoomed ${f(r.zoomed)}`);
  }
}

await main().catch((error) => fail(error?.message ?? String(error)));
