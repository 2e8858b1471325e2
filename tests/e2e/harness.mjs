// Shared helpers of the end-to-end tests (`node --test tests/e2e/`, run by `./dev test`):
// serve the release build in dist/ on 127.0.0.1, drive Debian's Chromium through
// playwright-core, record everything that could go wrong on a page, save screenshots.
// Only helpers live here; the tests are the `*.test.mjs` files next to it.

import assert from "node:assert/strict";
import { after, before } from "node:test";
import { createReadStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// TOPOLAB_DIST=folder runs the tests against another build of the site.
export const DIST = path.resolve(ROOT, process.env.TOPOLAB_DIST ?? "dist");
export const ARTIFACTS = path.join(ROOT, "target", "e2e-artifacts");
// The example pages (examples/article.html embeds ../dist/).
export const EXAMPLES = path.join(ROOT, "examples");

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", // the tests may run as root, where Chromium's sandbox cannot start
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` (dist/ by default) on 127.0.0.1 at a free port, under the URL folder
 * `prefix` ("/" by default; e.g. "/some/folder/" checks that the app needs no fixed base),
 * and each of `mounts` ({prefix, root}: more folders, e.g. examples/ beside dist/).
 * Missing files are 404s. Every request is logged in `server.log` as {method, path, status}.
 * Returns {origin, url (the app's address), log, close()}.
 */
export async function serveDist({ root = DIST, prefix = "/", mounts = [] } = {}) {
  const index = path.join(root, "index.html");
  const found = await stat(index).catch(() => null);
  assert.ok(found?.isFile(), `${index} is missing: build the app first (./dev release)`);
  const folders = [...mounts, { prefix, root }];
  for (const folder of folders) {
    assert.ok(
      folder.prefix.startsWith("/") && folder.prefix.endsWith("/"),
      `prefix must start and end with '/': ${folder.prefix}`,
    );
  }

  const log = [];
  const server = http.createServer(async (request, response) => {
    const entry = { method: request.method, path: request.url, status: 0 };
    log.push(entry);
    const reply = (status, headers = {}, body = "") => {
      entry.status = status;
      response.writeHead(status, { "cache-control": "no-store", ...headers });
      response.end(body);
    };
    try {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return reply(405, { allow: "GET, HEAD" });
      }
      const pathname = decodeURIComponent(new URL(request.url, "http://x").pathname);
      const folder = folders.find((f) => pathname.startsWith(f.prefix));
      if (!folder) return reply(404, {}, "not found\n");
      let file = path.join(folder.root, path.normalize(pathname.slice(folder.prefix.length)));
      if (file !== folder.root && !file.startsWith(folder.root + path.sep)) return reply(404, {}, "not found\n");
      if (pathname.endsWith("/")) file = path.join(file, "index.html");
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return reply(404, {}, "not found\n");
      entry.status = 200;
      response.writeHead(200, {
        "content-type": MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-store",
      });
      if (request.method === "HEAD") return response.end();
      createReadStream(file).pipe(response);
    } catch (error) {
      reply(500, {}, `${error}\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + prefix,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * One server of dist/ and one browser for a whole test file: registers node:test `before`
 * and `after` hooks and returns the object whose `server` and `browser` they fill.
 * `serve` goes to serveDist (e.g. {prefix: "/dist/", mounts: [...]}).
 */
export function startSession(serve = {}) {
  const session = { server: null, browser: null };
  before(async () => {
    session.server = await serveDist(serve);
    session.browser = await launchBrowser();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** Launches Debian's headless Chromium (never a downloaded one). */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Whether a URL stays on this machine: 127.0.0.1, or data held by the page itself. */
export function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  return ["data:", "blob:", "about:"].includes(protocol) || hostname === "127.0.0.1";
}

/**
 * Opens a fresh page (own context) that records, in `page.problems`:
 * consoleErrors, pageErrors, failedRequests (network failures and HTTP >= 400) and
 * requests (every URL asked for). Requests are recorded for the whole context, so pages
 * the test opens in it later (`page.context().newPage()`), their workers and their
 * downloads count too; so do their console errors and exceptions. Does not navigate.
 * `locale` (e.g. "zh-CN") sets the browser's language, as navigator.languages and
 * Accept-Language show it; `touch` makes it a phone's (a touch screen, no hover).
 */
export async function openPage(browser, { viewport = { width: 1280, height: 800 }, locale, touch = false } = {}) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    ...(locale ? { locale } : {}),
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
  });
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], requests: [] };
  const watched = new WeakSet();
  const watch = (page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on("console", (message) => {
      if (message.type() === "error") {
        const where = message.location()?.url ? ` (${message.location().url})` : "";
        problems.consoleErrors.push(message.text() + where);
      }
    });
    page.on("pageerror", (error) => problems.pageErrors.push(String(error?.stack ?? error)));
  };
  context.on("page", watch);
  context.on("request", (request) => problems.requests.push(request.url()));
  context.on("requestfailed", (request) =>
    problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`),
  );
  context.on("response", (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  const page = await context.newPage();
  watch(page);
  page.problems = problems;
  return page;
}

/** Asserts that every request of the page's context went to 127.0.0.1 (or was page data). */
export function assertAllLocal(page) {
  const elsewhere = page.problems.requests.filter((url) => !isLocal(url));
  assert.deepEqual(elsewhere, [], "requests to a host other than 127.0.0.1");
}

/** Navigates to `url` and waits until the diagram shows at least one node, drawn. */
export async function openApp(page, url, { timeout = 20_000 } = {}) {
  await page.goto(url, { waitUntil: "load", timeout });
  await page.waitForSelector("svg[data-topolab-canvas] [data-node-id]", { timeout });
  await settle(page);
}

/**
 * Asserts that nothing went wrong on the page: no console error, no uncaught exception, no
 * failed request (a missing favicon counts), every request to 127.0.0.1, and, when the
 * server is given, that it answered no request with an error status.
 */
export function assertPageClean(page, server) {
  const { consoleErrors, pageErrors, failedRequests } = page.problems;
  assertAllLocal(page);
  assert.deepEqual(pageErrors, [], "uncaught exceptions on the page");
  assert.deepEqual(consoleErrors, [], "console errors");
  assert.deepEqual(failedRequests, [], "failed requests");
  if (server) {
    const errors = server.log.filter((entry) => entry.status >= 400);
    assert.deepEqual(errors, [], "requests the server answered with an error");
  }
}

/** Saves a screenshot of the page to target/e2e-artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Opens a page, runs `body(page)`, saves `NAME-failure.png` if it throws, always closes
 * the page's context. Whatever the test checks, every request of every page it opened in
 * that context must have gone to 127.0.0.1 (the app fetches nothing from elsewhere).
 */
export async function withPage(browser, name, body, options) {
  const page = await openPage(browser, options);
  try {
    const result = await body(page);
    assertAllLocal(page);
    return result;
  } catch (error) {
    await screenshot(page, `${name}-failure`).catch(() => {});
    throw error;
  } finally {
    await page.context().close();
  }
}

// --- reading the automation contract (docs/spec/app.md) ---

/** [x, y] of a `translate(x y)` / `translate(x, y)` transform attribute. */
export function parseTranslate(transform) {
  const number = "([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:e[-+]?\\d+)?)";
  const match = new RegExp(`translate\\(\\s*${number}(?:(?:\\s*,\\s*|\\s+)${number})?\\s*\\)`, "i").exec(
    transform ?? "",
  );
  assert.ok(match, `no translate(x y) in transform "${transform}"`);
  return [Number(match[1]), Number(match[2] ?? 0)];
}

/** The diagram as the contract shows it: nodes {id, transform} and links {from, to, geometry}. */
export async function readDiagram(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector("svg[data-topolab-canvas]");
    const nodes = [...canvas.querySelectorAll("[data-node-id]")].map((g) => ({
      id: g.getAttribute("data-node-id"),
      kind: g.getAttribute("data-kind"),
      status: g.getAttribute("data-status"),
      transform: g.getAttribute("transform"),
    }));
    // A link is a <path>/<line>/<polyline>, or a <g> holding them: its geometry is the
    // drawing attributes of all of them.
    const shapeOf = (el) =>
      ["d", "x1", "y1", "x2", "y2", "points"]
        .filter((name) => el.hasAttribute(name))
        .map((name) => `${name}=${el.getAttribute(name)}`)
        .join(" ");
    const links = [...canvas.querySelectorAll("[data-link]")].map((el) => {
      const [from, to] = el.getAttribute("data-link").split("->");
      const shapes = [el, ...el.querySelectorAll("path, line, polyline")];
      return { name: el.getAttribute("data-link"), from, to, geometry: shapes.map(shapeOf).join(" | ") };
    });
    return { nodes, links };
  });
}

/**
 * A point in page pixels where a pointer press lands on the node's group but not on one of
 * its instances (pressing an instance kills it): the centre if possible, else the first
 * point of a grid over the node's box.
 */
export async function grabPoint(page, nodeId) {
  const point = await page.evaluate((id) => {
    const group = document.querySelector(`svg[data-topolab-canvas] [data-node-id="${CSS.escape(id)}"]`);
    const box = group.getBoundingClientRect();
    const candidates = [[0.5, 0.5]];
    for (const fy of [0.3, 0.5, 0.7, 0.15, 0.85]) {
      for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) candidates.push([fx, fy]);
    }
    for (const [fx, fy] of candidates) {
      const x = box.left + box.width * fx;
      const y = box.top + box.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && group.contains(hit) && !hit.closest("[data-instance]")) return { x, y };
    }
    return null;
  }, nodeId);
  assert.ok(point, `no point of node ${nodeId} can be grabbed without pressing one of its instances`);
  return point;
}

/**
 * The pointer delta (page pixels) converted into the coordinates the node's transform is in,
 * i.e. its parent's user space (the canvas may be zoomed or panned).
 */
export async function toNodeSpace(page, nodeId, from, to) {
  return page.evaluate(
    ({ id, from, to }) => {
      const group = document.querySelector(`svg[data-topolab-canvas] [data-node-id="${CSS.escape(id)}"]`);
      const ctm = group.parentNode.getScreenCTM().inverse();
      const map = ({ x, y }) => new DOMPoint(x, y).matrixTransform(ctm);
      const a = map(from);
      const b = map(to);
      return [b.x - a.x, b.y - a.y];
    },
    { id: nodeId, from, to },
  );
}

/**
 * A pointer delta [dx, dy] in page pixels that moves the node to free space: its box stays
 * on the canvas and off every other node (so the drop cannot mean "onto that node").
 */
export async function freeDelta(page, nodeId) {
  const delta = await page.evaluate((id) => {
    const canvas = document.querySelector("svg[data-topolab-canvas]");
    const box = (el) => el.getBoundingClientRect();
    const area = box(canvas);
    const nodes = [...canvas.querySelectorAll("[data-node-id]")];
    const moving = box(nodes.find((g) => g.getAttribute("data-node-id") === id));
    const others = nodes.filter((g) => g.getAttribute("data-node-id") !== id).map(box);
    const margin = 12;
    const overlaps = (a, b) =>
      a.left < b.right + margin && b.left < a.right + margin && a.top < b.bottom + margin && b.top < a.bottom + margin;
    const candidates = [];
    for (const [dx, dy] of [[0, 1], [0, -1], [1, 0], [-1, 0], [1, 1], [-1, 1], [1, -1], [-1, -1]]) {
      for (const distance of [90, 130, 180, 60]) {
        const n = Math.hypot(dx, dy);
        candidates.push([Math.round((dx / n) * distance), Math.round((dy / n) * distance)]);
      }
    }
    return (
      candidates.find(([dx, dy]) => {
        const moved = {
          left: moving.left + dx,
          right: moving.right + dx,
          top: moving.top + dy,
          bottom: moving.bottom + dy,
        };
        const inside =
          moved.left >= area.left && moved.right <= area.right && moved.top >= area.top && moved.bottom <= area.bottom;
        return inside && !others.some((other) => overlaps(moved, other));
      }) ?? null
    );
  }, nodeId);
  assert.ok(delta, `no free space on the canvas to drag node ${nodeId} to`);
  return delta;
}

/** Waits for two animation frames, so updates the app batches per frame are drawn. */
/** Clicks a few pixels beside the middle of link `sel` (on empty space), which selects it. */
export async function clickLink(page, sel) {
  const { a, b } = await page.evaluate((sel) => {
    const path = document.querySelector(sel);
    const m = path.getScreenCTM();
    const at = (t) => {
      const p = path.getPointAtLength(path.getTotalLength() * t);
      return new DOMPoint(p.x, p.y).matrixTransform(m);
    };
    const [p, q] = [at(0.5), at(0.55)];
    return { a: { x: p.x, y: p.y }, b: { x: q.x, y: q.y } };
  }, sel);
  const [dx, dy] = [b.y - a.y, a.x - b.x];
  const norm = Math.hypot(dx, dy) || 1;
  await page.mouse.click(a.x + (dx / norm) * 4, a.y + (dy / norm) * 4);
}

export async function settle(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Drags with real pointer events: press at `from`, move in `steps`, release at `to`; then
 * lets the app draw.
 */
export async function drag(page, from, to, { steps = 12 } = {}) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
  await settle(page);
}
