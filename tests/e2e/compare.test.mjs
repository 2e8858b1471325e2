// The compare view: two diagrams side by side with one table of their figures,
// differences marked; killing an instance of a node both have kills it in both and the
// table follows; swap; Escape returns to the editor with its diagram unchanged. Screenshots
// in English and Chinese, at 1280x800 and 1024x768.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, settle, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession();

const VIEW = "[data-compare]";
const TABLE = `${VIEW} [data-compare-table="compare"]`;
const side = (s) => `${VIEW} [data-compare-side="${s}"]`;
const instance = (s, id, index) => `${side(s)} [data-node-id="${id}"] [data-instance="${index}"]`;
const doc = (page) => page.evaluate(() => window.topolab.document());
const activeMatches = (page, selector) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** The table's rows: metric, function (if any), the two values, differs, better. */
const table = (page) =>
  page.$$eval(`${TABLE} tr[data-metric]`, (trs) =>
    trs.map((tr) => ({
      metric: tr.getAttribute("data-metric"),
      fn: tr.getAttribute("data-function-a") ?? tr.getAttribute("data-function-b"),
      a: tr.querySelector('[data-side="a"]').textContent,
      b: tr.querySelector('[data-side="b"]').textContent,
      differs: tr.getAttribute("data-differs"),
      better: tr.getAttribute("data-better"),
      change: tr.querySelector(".change").textContent,
    })),
  );
const row = (rows, metric) => rows.find((r) => r.metric === metric);

/** Opens the app on `hash` and the compare view from the toolbar, B set to preset `b`. */
async function openCompare(page, url, b) {
  await openApp(page, url);
  await page.click("[data-compare-open]");
  await page.waitForSelector(VIEW);
  await settle(page);
  if (b) {
    await page.selectOption(`${VIEW} [data-compare-choose="b"]`, `preset:${b}`);
    await settle(page);
  }
}

test("monolith against microservices: one table, the differences marked", TIMEOUT, async () => {
  await withPage(session.browser, "compare-presets", async (page) => {
    await openCompare(page, `${session.server.url}#preset=monolith`);
    assert.ok(await activeMatches(page, '[data-compare-choose="b"]'), "focus starts on B's menu");
    assert.equal(await page.inputValue(`${VIEW} [data-compare-choose="a"]`), "current");
    assert.equal(await page.inputValue(`${VIEW} [data-compare-choose="b"]`), "preset:microservices", "the first B for a monolith");
    assert.ok(await page.$(`${side("a")} [data-node-id="app"]`), "A draws the monolith");
    assert.ok(await page.$(`${side("b")} [data-node-id="gw"]`), "B draws the microservices");

    const rows = await table(page);
    const availability = rows.filter((r) => r.metric === "availability");
    assert.equal(availability.length, 3);
    assert.ok(availability.every((r) => r.differs === "true"), JSON.stringify(availability));
    for (const metric of ["system_all", "max_sync_depth", "sync_links", "spof_nodes", "longest_request_chain"]) {
      assert.equal(row(rows, metric).differs, "true", `${metric} differs`);
    }
    assert.deepEqual([row(rows, "max_sync_depth").a, row(rows, "max_sync_depth").b], ["1", "2"]);
    assert.equal(row(rows, "max_sync_depth").better, "a");
    assert.match(row(rows, "max_sync_depth").change, /A better/);
    assert.equal(row(rows, "shared_stores").differs, "false", "neither shares a store");
    assert.match(row(rows, "shared_stores").change, /same/);
    const marked = await page.$$eval(`${TABLE} tr.differs`, (trs) => trs.length);
    assert.ok(marked >= 8, `${marked} rows highlighted`);
    await screenshot(page, "compare-monolith-microservices");

    // Swap: the columns exchange.
    await page.click(`${VIEW} [data-compare-swap]`);
    await settle(page);
    const swapped = await table(page);
    assert.equal(await page.inputValue(`${VIEW} [data-compare-choose="a"]`), "preset:microservices");
    assert.deepEqual([row(swapped, "max_sync_depth").a, row(swapped, "max_sync_depth").b], ["2", "1"]);
    assert.equal(row(swapped, "max_sync_depth").better, "b");
    assert.ok(await page.$(`${side("a")} [data-node-id="gw"]`));

    // Another B: the distributed preset shares its database.
    await page.selectOption(`${VIEW} [data-compare-choose="b"]`, "preset:distributed");
    await settle(page);
    assert.notEqual(row(await table(page), "shared_stores").differs, "false");
    assertPageClean(page, session.server);
  });
});

test("killing a node both diagrams have kills it in both, the table follows, Escape leaves the editor unchanged", TIMEOUT, async () => {
  await withPage(session.browser, "compare-kill", async (page) => {
    await openApp(page, `${session.server.url}#preset=monolith`);
    const original = await doc(page);
    await page.click("[data-compare-open]");
    await page.waitForSelector(VIEW);
    await page.selectOption(`${VIEW} [data-compare-choose="b"]`, "preset:cluster");
    await settle(page);
    const fresh = await table(page);

    await page.click(instance("a", "db", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("a", "db", 0), "data-killed"), "true");
    assert.equal(await page.getAttribute(instance("b", "db", 0), "data-killed"), "true", "the same node in B");
    assert.equal(await page.getAttribute(instance("b", "db", 1), "data-killed"), "false");
    assert.equal(await page.getAttribute(`${side("a")} [data-node-id="db"]`, "data-status"), "down");
    const killed = await table(page);
    assert.equal(row(killed, "system_all").a, "0%", "the monolith's only database is dead");
    assert.notEqual(row(killed, "system_all").b, row(fresh, "system_all").b, "B's figures follow too");
    assert.equal(row(killed, "system_all").better, "b");
    await screenshot(page, "compare-killed-in-both");

    // A node only B has: killed in B alone.
    await page.click(instance("b", "app2", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("b", "app2", 0), "data-killed"), "true");

    // Clicking again revives in both.
    await page.click(instance("b", "db", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("a", "db", 0), "data-killed"), "false");
    assert.equal(await page.getAttribute(instance("b", "db", 0), "data-killed"), "false");

    // By keyboard: k on a focused node kills one in both, r revives.
    await page.focus(`${side("b")} [data-node-id="db"]`);
    await page.keyboard.press("k");
    await settle(page);
    assert.ok(await activeMatches(page, `${side("b")} [data-node-id="db"]`), "focus stays on the node");
    assert.equal(await page.getAttribute(instance("a", "db", 0), "data-killed"), "true");
    await page.keyboard.press("r");
    await settle(page);
    assert.equal(await page.getAttribute(instance("a", "db", 0), "data-killed"), "false");
    assert.equal(await page.getAttribute(instance("b", "app2", 0), "data-killed"), "true", "r revives that node only");

    // Revive all brings both back.
    await page.click(`${VIEW} [data-compare-revive]`);
    await settle(page);
    assert.deepEqual(await table(page), fresh);

    await page.click(instance("a", "db", 0));
    await settle(page);
    await page.keyboard.press("Escape");
    await settle(page);
    assert.equal(await page.$(VIEW), null, "Escape closes the view");
    assert.deepEqual(await doc(page), original, "the editor's diagram is unchanged");
    assert.equal(
      await page.getAttribute('svg[data-topolab-canvas] [data-node-id="db"] [data-instance="0"]', "data-killed"),
      "false",
    );
    await page.waitForFunction(() => document.activeElement?.matches("[data-compare-open]"));
    assertPageClean(page, session.server);
  });
});

test("after a split, B is the diagram before it, and Close returns", TIMEOUT, async () => {
  await withPage(session.browser, "compare-split", async (page) => {
    await openApp(page, `${session.server.url}#preset=monolith`);
    await page.click('svg[data-topolab-canvas] [data-node-id="app"] .node-box');
    await settle(page);
    await page.click("[data-split-open]");
    await page.check('[data-split] [data-split-own-database]');
    await page.click("[data-split-apply]");
    await settle(page);
    const split = await doc(page);

    await page.click("[data-compare-open]");
    await page.waitForSelector(VIEW);
    await settle(page);
    assert.equal(await page.inputValue(`${VIEW} [data-compare-choose="b"]`), "before-split");
    assert.ok(await page.$(`${side("a")} [data-node-id="app-payments"]`));
    assert.equal(await page.$(`${side("b")} [data-node-id="app-payments"]`), null);
    const rows = await table(page);
    assert.equal(row(rows, "services").differs, "true");
    const payments = rows.find((r) => r.fn === "browser:payments");
    assert.ok(payments, "functions matched across the split");

    await page.click(instance("a", "db", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("b", "db", 0), "data-killed"), "true");
    assert.equal(row(await table(page), "availability").a, "0%");
    await page.click(`${VIEW} [data-compare-close]`);
    await settle(page);
    assert.equal(await page.$(VIEW), null);
    assert.deepEqual(await doc(page), split, "closing leaves the diagram as it was");
    assertPageClean(page, session.server);
  });
});

for (const [lang, viewport] of [
  ["en", { width: 1024, height: 768 }],
  ["zh", { width: 1280, height: 800 }],
  ["zh", { width: 1024, height: 768 }],
]) {
  test(`the view reads and fits in ${lang} at ${viewport.width}x${viewport.height}`, TIMEOUT, async () => {
    const name = `compare-${lang}-${viewport.width}x${viewport.height}`;
    await withPage(
      session.browser,
      name,
      async (page) => {
        await openCompare(page, `${session.server.url}?lang=${lang}#preset=monolith`);
        await page.click(instance("a", "db", 0));
        await settle(page);
        const fit = await page.evaluate(() => {
          const view = document.querySelector("[data-compare]");
          const header = view.querySelector(".compare-header").getBoundingClientRect();
          const sides = [...view.querySelectorAll(".compare-side")].map((s) => s.getBoundingClientRect());
          const figures = view.querySelector(".compare-figures").getBoundingClientRect();
          return {
            inside: view.scrollWidth <= innerWidth && view.getBoundingClientRect().bottom <= innerHeight + 1,
            headerOneLine: header.height < 80,
            sidesApart: sides[0].right <= sides[1].left,
            tableVisible: figures.height > 150,
          };
        });
        assert.deepEqual(fit, { inside: true, headerOneLine: true, sidesApart: true, tableVisible: true });
        if (lang === "zh") {
          assert.match(await page.textContent(`${VIEW} h2`), /对比/);
          assert.match(await page.textContent(TABLE), /可用性/);
          assert.match(await page.textContent(TABLE), /最大同步调用链深度/);
        }
        await screenshot(page, name);
        assertPageClean(page, session.server);
      },
      { viewport },
    );
  });
}

test("the help overlay lists the keys of the split dialog and the compare view, in both languages", TIMEOUT, async () => {
  for (const [lang, heading, line] of [
    ["en", /Split dialog and compare view/, /kill one of its instances in both diagrams/],
    ["zh", /拆分对话框与对比视图/, /在两张图中同时停掉它的一个实例/],
  ]) {
    await withPage(session.browser, `compare-help-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=monolith`);
      await page.click("[data-help-button]");
      await page.waitForSelector("[data-help]");
      const text = await page.textContent("[data-help]");
      assert.match(text, heading);
      assert.match(text, line);
      await page.evaluate(() => document.querySelector("[data-help] tbody:last-of-type").scrollIntoView());
      await screenshot(page, `compare-help-${lang}`);
      assertPageClean(page, session.server);
    });
  }
});
