// The first minutes with the app: a document written without positions opens laid out
// (by #d=, in an embed, by window.topolab.load) and Tidy fits the view; a cluster drawn
// from the palette is a cluster; a node already down says what is down with it; Split sits
// at the top of the inspector and its new nodes land in view; the small things a newcomer
// reads (instances from 1, titles, the hidden-SPOF exercise, the article, the hint).

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { deflateRawSync } from "node:zlib";
import {
  EXAMPLES,
  ROOT,
  assertPageClean,
  drag,
  grabPoint,
  openApp,
  screenshot,
  settle,
  startSession,
  withPage,
} from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession({ prefix: "/dist/", mounts: [{ prefix: "/examples/", root: EXAMPLES }] });

const CANVAS = "svg[data-topolab-canvas]";
const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const instance = (id, index) => `${node(id)} [data-instance="${index}"]`;
const doc = (page) => page.evaluate(() => window.topolab.document());
const rows = (page) =>
  page.$$eval("[data-function-id]", (trs) => trs.map((tr) => ({ id: tr.getAttribute("data-function-id"), status: tr.getAttribute("data-status") })));

/** A shop written as people write it by hand: no x, no y. */
const WITHOUT_POSITIONS = {
  format: "topolab/1",
  nodes: [
    { id: "web", kind: "client" },
    { id: "lb", kind: "load_balancer" },
    { id: "a", kind: "service", capabilities: ["shop"] },
    { id: "b", kind: "service", capabilities: ["shop"] },
    { id: "db", kind: "database", replicas: 2 },
    { id: "q", kind: "queue" },
    { id: "mail", kind: "service" },
  ],
  links: [
    { from: "web", to: "lb" },
    { from: "lb", to: "a" },
    { from: "lb", to: "b" },
    { from: "a", to: "db" },
    { from: "b", to: "db" },
    { from: "a", to: "q" },
    { from: "q", to: "mail" },
  ],
};
const link = (json) => `#d=${deflateRawSync(Buffer.from(JSON.stringify(json))).toString("base64url")}`;

/** Each node's box on screen, and the diagram's visible area (the svg's box). */
const boxes = (page) =>
  page.evaluate((canvas) => {
    const svg = document.querySelector(canvas);
    const r = (el) => {
      const b = el.getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    };
    const nodes = [...svg.querySelectorAll("[data-node-id]")].map((g) => ({
      id: g.getAttribute("data-node-id"),
      ...r(g.querySelector(".node-box")),
    }));
    return { area: r(svg), nodes };
  }, CANVAS);

/** Asserts that no two nodes overlap and that every node is whole inside the diagram's area. */
async function assertLaidOutInView(page, what) {
  const { area, nodes } = await boxes(page);
  assert.ok(nodes.length > 1, `${what}: nodes drawn`);
  for (const [i, a] of nodes.entries()) {
    assert.ok(
      a.left >= area.left - 1 && a.right <= area.right + 1 && a.top >= area.top - 1 && a.bottom <= area.bottom + 1,
      `${what}: ${a.id} is inside the diagram's area`,
    );
    for (const b of nodes.slice(i + 1)) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `${what}: ${a.id} overlaps ${b.id}`);
    }
  }
}

test("a document without positions opens laid out and fitted: by #d=, in an embed, by load(); Tidy fits", TIMEOUT, async () => {
  await withPage(session.browser, "opening-no-positions", async (page) => {
    await openApp(page, `${session.server.url}${link(WITHOUT_POSITIONS)}`);
    await assertLaidOutInView(page, "#d=");
    await screenshot(page, "opening-no-positions");
    const opened = await doc(page);
    assert.ok(new Set(opened.nodes.map((n) => `${n.x},${n.y}`)).size === opened.nodes.length, "every node has its own spot");

    // By window.topolab.load, from another diagram.
    await page.click("[data-new]");
    await settle(page);
    await page.evaluate((d) => window.topolab.load(d), WITHOUT_POSITIONS);
    await settle(page);
    await assertLaidOutInView(page, "load()");

    // A node dragged away and the view zoomed in, then Tidy: laid out, and all of it in view again.
    const svg = await page.locator(CANVAS).boundingBox();
    await drag(page, await grabPoint(page, "web"), { x: svg.x + 30, y: svg.y + svg.height - 30 });
    await page.click(`${CANVAS} [data-node-id="a"] .node-box`);
    for (let i = 0; i < 4; i++) await page.keyboard.press("+");
    await page.click("[data-tidy]");
    await settle(page);
    await assertLaidOutInView(page, "Tidy");
    assertPageClean(page, session.server);
  });

  await withPage(session.browser, "opening-no-positions-embed", async (page) => {
    await openApp(page, `${session.server.url}?embed=1${link(WITHOUT_POSITIONS)}`);
    await assertLaidOutInView(page, "embed");
    await screenshot(page, "opening-no-positions-embed");
  }, { viewport: { width: 640, height: 420 } });
});

test("a document with positions keeps them exactly", TIMEOUT, async () => {
  await withPage(session.browser, "opening-positions-kept", async (page) => {
    const placed = structuredClone(WITHOUT_POSITIONS);
    placed.nodes.forEach((n, i) => Object.assign(n, { x: 100 + 37 * i, y: 90 + (i % 2) * 200 }));
    await openApp(page, `${session.server.url}${link(placed)}`);
    assert.deepEqual(
      (await doc(page)).nodes.map((n) => [n.x, n.y]),
      placed.nodes.map((n) => [n.x, n.y]),
    );
  });
});

/** Drags from node `from`'s connect handle onto node `to`. */
async function connect(page, from, to) {
  await page.hover(node(from));
  const handle = await page.locator(`${node(from)} [data-handle]`).boundingBox();
  await drag(page, { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 }, await grabPoint(page, to), { steps: 8 });
}

test("client, load balancer, three services from the palette and a database, linked: a cluster that survives two kills", TIMEOUT, async () => {
  await withPage(session.browser, "opening-draw-cluster", async (page) => {
    await openApp(page, session.server.url);
    await page.click("[data-new]");
    await settle(page);
    for (const kind of ["client", "load_balancer", "service", "service", "service", "database"]) {
      await page.click(`[data-palette-kind="${kind}"]`);
      await settle(page);
    }
    // Added one after another, they stand left to right in a row.
    const placed = (await doc(page)).nodes;
    assert.deepEqual(placed.map((n) => n.id), ["client", "lb", "service", "service-2", "service-3", "db"]);
    const row = placed.filter((n) => n.y === placed[0].y).map((n) => n.x);
    assert.ok(row.length >= 3 && row.every((x, i) => i === 0 || x > row[i - 1]), `a row, left to right: ${JSON.stringify(placed.map((n) => [n.x, n.y]))}`);
    await screenshot(page, "opening-palette-row");

    await connect(page, "client", "lb");
    await connect(page, "lb", "service");
    await connect(page, "lb", "service-2");
    const banner = await page.textContent(".banner");
    assert.match(banner, /service-2 is now a copy of service/);
    assert.match(banner, /Undo/);
    await screenshot(page, "opening-cluster-copy-banner");
    await connect(page, "lb", "service-3");
    for (const s of ["service", "service-2", "service-3"]) await connect(page, s, "db");
    assert.equal((await doc(page)).links.length, 7);
    assert.equal((await rows(page)).length, 1, "one function, served by three servers");
    assert.match(await page.textContent("[data-function-definition]"), /nodes sharing one back each other up/);

    await page.click(instance("service", 0));
    await page.click(instance("service-3", 0));
    await settle(page);
    const after = await rows(page);
    assert.ok(after.every((r) => r.status === "up"), `every function still up: ${JSON.stringify(after)}`);
    await screenshot(page, "opening-cluster-two-killed");

    // Undo the kills and the last links: the copy goes with the link that made it.
    for (let i = 0; i < 7; i++) await page.click("[data-undo]");
    await settle(page);
    assert.equal((await doc(page)).nodes.find((n) => n.id === "service-2").capabilities, undefined);
    assertPageClean(page, session.server);
  });
});

for (const [lang, already] of [["en", /App server is already down: the highlighted functions are down with it/], ["zh", /“应用服务器”已经宕机，高亮的功能随之停止/]]) {
  test(`a node already down says it is, and what is down with it (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `opening-already-down-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}&lesson=cluster&step=1`);
      await page.click(`${node("app")} .node-box`);
      await page.click(instance("app", 0));
      await settle(page);
      const statuses = (await rows(page)).map((r) => r.status);
      assert.deepEqual(statuses, ["down", "down", "down"]);
      const caption = await page.textContent("[data-blast-caption]");
      assert.match(caption, already);
      assert.equal(await page.locator('[data-function-id][data-in-blast="true"]').count(), 3);
      await screenshot(page, `opening-already-down-${lang}`);
    });
  });
}

test("Split is at the top of the inspector, and its new nodes land in view", TIMEOUT, async () => {
  await withPage(session.browser, "opening-split-in-view", async (page) => {
    await openApp(page, `${session.server.url}?lesson=own-database&step=3`);
    await page.click(`${node("app")} .node-box`);
    await settle(page);
    const order = await page.evaluate(() => {
      const form = document.querySelector("[data-inspector]");
      const split = form.querySelector("[data-split-open]");
      const first = form.querySelector("input, select");
      return { before: Boolean(split.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING), offset: split.getBoundingClientRect().top - form.getBoundingClientRect().top };
    });
    assert.ok(order.before && order.offset < 60, `Split… before every field: ${JSON.stringify(order)}`);
    await page.click("[data-split-open]");
    await page.waitForSelector("[data-split]");
    await page.check("[data-split] [data-split-own-database]");
    await settle(page);
    await page.click("[data-split] [data-split-apply]");
    await settle(page);
    assert.ok((await doc(page)).nodes.some((n) => n.id === "app-payments-db"));
    await assertLaidOutInView(page, "after Apply");
    await screenshot(page, "opening-split-applied");
  });
});

test("instances count from 1, the open preset and its title are shown, a built-in title in the reader's language", TIMEOUT, async () => {
  await withPage(session.browser, "opening-nits", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    assert.match(await page.textContent(".inspector-hint"), /small square/);
    await page.click(`${node("app1")} .node-box`);
    await settle(page);
    const toggles = await page.$$eval(".instance-toggle", (bs) => bs.map((b) => [b.textContent.trim(), b.title]));
    assert.deepEqual(toggles[0], ["#1 up", "Instance 1 is up: kill it"]);
    assert.equal(await page.textContent("[data-presets] option[value='']"), "Cluster");
    assert.equal(await page.getAttribute("[data-presets] option[value='']", "data-open-preset"), "cluster");
    await page.click('[data-popover="share"]');
    assert.equal(await page.$("[data-share-local]"), null, "a served page's link works anywhere");
    await page.keyboard.press("Escape");
    assert.match(await page.textContent("[data-diagram-title]"), /^Cluster: the same app on three servers/);

    // The English cluster autosaved, a Chinese reader opening a link: the banner names it in Chinese.
    await page.click(instance("app1", 0));
    await settle(page);
    await page.goto(`${session.server.url}?lang=zh#preset=monolith`);
    await page.waitForSelector(".banner [data-restore]");
    assert.match(await page.textContent(".banner"), /集群：同一个应用部署在三台服务器上/);
    assert.equal(await page.textContent("[data-presets] option[value='']"), "单体应用");
    assert.match(await page.textContent("[data-diagram-title]"), /^单体应用：/);
    await screenshot(page, "opening-restore-zh");
  });
});

test("the hidden-SPOF exercise hides the answer until asked", TIMEOUT, async () => {
  await withPage(session.browser, "opening-hidden-spof", async (page) => {
    await openApp(page, `${session.server.url}#preset=hidden-spof`);
    const shown = () => page.$$eval(`${CANVAS} .spof-badge`, (bs) => bs.filter((b) => b.getBBox().width > 0).map((b) => b.closest("[data-node-id]").getAttribute("data-node-id")));
    const named = () => page.$$eval(`${CANVAS} [data-node-id]`, (ns) => ns.filter((n) => /SPOF/.test(n.getAttribute("aria-label"))).map((n) => n.getAttribute("data-node-id")));
    assert.deepEqual(await shown(), [], "no SPOF badge at first");
    assert.deepEqual(await named(), [], "no node's accessible name gives the answer away");
    await screenshot(page, "opening-hidden-spof");
    await page.check("[data-show-spof]");
    assert.deepEqual(await shown(), ["db"], "shown when asked");
    assert.deepEqual(await named(), ["db"], "and named");
    // Another preset shows its SPOFs at once.
    await openApp(page, `${session.server.url}#preset=monolith`);
    assert.equal(await page.$("[data-show-spof]"), null);
    assert.ok((await shown()).length > 0);
  });
});

test("the example article has no empty answer box", TIMEOUT, async () => {
  await withPage(session.browser, "opening-article", async (page) => {
    await page.goto(`${session.server.origin}/examples/article.html`);
    const answers = await page.$$eval("output.answer", (os) => os.map((o) => o.textContent.trim()));
    assert.equal(answers.length, 2);
    assert.ok(answers.every((a) => a.length > 0), JSON.stringify(answers));
  });
});

test("the distributed and microservices presets say how many instances their parts run", TIMEOUT, async () => {
  await withPage(session.browser, "opening-preset-descriptions", async (page) => {
    await openApp(page, session.server.url);
    const titles = await page.$$eval("[data-presets] option", (os) => Object.fromEntries(os.map((o) => [o.value, o.title])));
    assert.match(titles.distributed, /one instance/);
    assert.match(titles.microservices, /two instances/);
    const cluster = JSON.parse(await readFile(path.join(ROOT, "crates/engine/src/presets/cluster.json"), "utf8"));
    assert.ok(cluster.title);
  });
});
