// Splitting a service: the inspector's "Split…" opens a dialog whose preview
// shows the figures before and after; Apply gives exactly the previewed figures, Undo the
// original document; the dialog works by keyboard alone and says why a choice cannot be
// split. Screenshots of the dialog in English and Chinese, at 1280x800 and 1024x768.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, settle, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession();

const CANVAS = "svg[data-topolab-canvas]";
const DIALOG = "[data-split]";
const PREVIEW = `${DIALOG} [data-compare-table="preview"]`;
const doc = (page) => page.evaluate(() => window.topolab.document());

/** The preview's "after" column: each function's availability, and the system rows. */
const previewAfter = (page) =>
  page.$$eval(`${PREVIEW} tr[data-metric]`, (trs) =>
    trs.map((tr) => ({
      metric: tr.getAttribute("data-metric"),
      fn: tr.getAttribute("data-function-b"),
      before: tr.querySelector('[data-side="a"]').textContent,
      after: tr.querySelector('[data-side="b"]').textContent,
      differs: tr.getAttribute("data-differs"),
      better: tr.getAttribute("data-better"),
      change: tr.querySelector(".change").textContent,
    })),
  );
const functionRows = (page) =>
  page.$$eval("[data-function-id]", (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.getAttribute("data-function-id"), tr.querySelector("[data-availability]").textContent])),
  );
const activeMatches = (page, selector) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/** Presses Tab until the focused element matches `selector` (at most `limit` times). */
async function tabTo(page, selector, { shift = false, limit = 80 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await activeMatches(page, selector)) return;
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Opens the monolith, selects its app and opens the split dialog with the mouse. */
async function openSplit(page, url) {
  await openApp(page, url);
  await page.click(`${CANVAS} [data-node-id="app"] .node-box`);
  await settle(page);
  await page.click("[data-split-open]");
  await page.waitForSelector(DIALOG);
  await settle(page);
}

/** Asserts the dialog is inside the viewport and nothing in it overflows sideways. */
async function assertFits(page) {
  const fit = await page.evaluate((s) => {
    const dialog = document.querySelector(s);
    const box = dialog.getBoundingClientRect();
    const wide = [...dialog.querySelectorAll("*")].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth > 0);
    return {
      inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
      horizontal: dialog.scrollWidth <= dialog.clientWidth + 1,
      wide: wide.map((el) => el.tagName + "." + el.className).slice(0, 5),
    };
  }, DIALOG);
  assert.ok(fit.inside, "the dialog is inside the viewport");
  assert.ok(fit.horizontal, "the dialog does not scroll sideways");
  assert.deepEqual(fit.wide, [], "no element overflows its box");
}

test("the preview's after figures are what Apply gives, and Undo restores the document exactly", TIMEOUT, async () => {
  await withPage(session.browser, "split-apply", async (page) => {
    await openSplit(page, `${session.server.url}#preset=monolith`);
    const original = await doc(page);
    assert.ok(await activeMatches(page, `${DIALOG} [data-split-capability]`), "focus starts on the first capability");
    assert.deepEqual(
      await page.$$eval(`${DIALOG} [data-split-capability]`, (els) => els.map((e) => [e.getAttribute("data-split-capability"), e.checked])),
      [["catalog", false], ["orders", false], ["payments", true]],
    );

    // Synchronous: app calls the new service on every request, so catalog and orders pay for it.
    const sync = await previewAfter(page);
    const syncCatalog = sync.find((r) => r.fn === "browser:catalog");
    assert.notEqual(syncCatalog.after, syncCatalog.before);
    assert.equal(syncCatalog.better, "a", "sync: catalog is worse after");
    assert.match(syncCatalog.change, /worse/);
    const stores = (rows) => rows.find((r) => r.metric === "shared_stores");
    assert.equal(stores(sync).after, "1 (db)", "without its own database the new service shares db");
    assert.equal(stores(sync).differs, "true");
    assert.equal(stores(sync).better, "a");
    assert.equal(sync.find((r) => r.metric === "max_sync_depth").after, "2");

    // Async through a queue: a different cost, so the preview changes.
    await page.check(`${DIALOG} [data-split-link="async"]`);
    await settle(page);
    const queued = await previewAfter(page);
    assert.notEqual(queued.find((r) => r.fn === "browser:catalog").after, syncCatalog.after, "sync and async differ");
    assert.equal(queued.find((r) => r.metric === "max_sync_depth").after, "1");
    assert.match(await page.textContent(`${DIALOG} [data-split-adds]`), /queue app-payments-events/);

    // Its own database: nothing shared any more.
    await page.check(`${DIALOG} [data-split-own-database]`);
    await settle(page);
    const own = await previewAfter(page);
    assert.equal(stores(own).after, "0");
    assert.equal(stores(own).differs, "false");
    await screenshot(page, "split-dialog-preview");

    const expected = Object.fromEntries(own.filter((r) => r.metric === "availability").map((r) => [r.fn, r.after]));
    const expectedAll = own.find((r) => r.metric === "system_all").after;
    await page.click(`${DIALOG} [data-split-apply]`);
    await settle(page);
    assert.equal(await page.$(DIALOG), null, "Apply closes the dialog");
    assert.deepEqual(await functionRows(page), expected, "each function's availability is the preview's");
    assert.equal(await page.textContent("[data-system-all]"), expectedAll);
    for (const id of ["app-payments", "app-payments-events", "app-payments-db"]) {
      assert.ok(await page.$(`${CANVAS} [data-node-id="${id}"]`), `${id} is drawn`);
      // Labelled by its capabilities, or unlabelled and named by its id: drawn whole inside its box.
      const label = await page.$eval(`${CANVAS} [data-node-id="${id}"]`, (n) => {
        const text = n.querySelector(".node-label"), box = n.querySelector(".node-box");
        const [t, b] = [text.getBBox(), box.getBBox()];
        return { text: text.textContent, inside: t.x >= b.x && t.x + t.width <= b.x + b.width };
      });
      assert.deepEqual(label, { text: id === "app-payments" ? "payments" : id, inside: true }, `${id}'s label`);
    }
    const split = await doc(page);
    assert.deepEqual(split.nodes.find((n) => n.id === "app").capabilities, ["catalog", "orders"]);
    await page.waitForFunction(() => document.activeElement?.closest(".inspector"));
    await screenshot(page, "split-applied");

    await page.click("[data-undo]");
    await settle(page);
    assert.deepEqual(await doc(page), original, "one Undo restores the original document");
    await page.click("[data-redo]");
    await settle(page);
    assert.deepEqual(await doc(page), split, "Redo brings the split back");
    assertPageClean(page, session.server);
  });
});

test("the dialog by keyboard alone: open, choose, Tab stays inside, Escape closes, keys never reach the diagram", TIMEOUT, async () => {
  await withPage(session.browser, "split-keyboard", async (page) => {
    await openApp(page, `${session.server.url}#preset=monolith`);
    const original = await doc(page);
    await page.focus(`${CANVAS} [data-node-id="app"]`);
    await settle(page);
    await tabTo(page, "[data-split-open]");
    await page.keyboard.press("Enter");
    await page.waitForSelector(DIALOG);
    await settle(page);
    assert.ok(await activeMatches(page, '[data-split-capability="catalog"]'));

    // Keys meant for the diagram do nothing while the dialog is open.
    await page.keyboard.press("k");
    await page.keyboard.press("Delete");
    await settle(page);
    assert.deepEqual(await doc(page), original, "k and Delete did not reach the diagram");

    await page.keyboard.press("Space"); // catalog moves out too
    await tabTo(page, '[data-split-link="requires"]');
    await page.keyboard.press("ArrowDown"); // async
    await tabTo(page, "[data-split-own-database]");
    await page.keyboard.press("Space");
    await settle(page);
    assert.equal(await page.isChecked('[data-split-capability="catalog"]'), true);
    assert.equal(await page.isChecked('[data-split-link="async"]'), true);
    assert.equal(await page.isChecked("[data-split-own-database]"), true);

    // Tab goes round inside the dialog, both ways.
    await tabTo(page, "[data-split-apply]");
    await page.keyboard.press("Tab");
    assert.ok(await activeMatches(page, `${DIALOG} [data-split-capability="catalog"]`), "Tab after the last control: the first");
    await page.keyboard.press("Shift+Tab");
    assert.ok(await activeMatches(page, "[data-split-apply]"), "Shift+Tab before the first: the last");

    await page.keyboard.press("Escape");
    await settle(page);
    assert.equal(await page.$(DIALOG), null, "Escape closes");
    await page.waitForFunction(() => document.activeElement?.matches("[data-split-open]"));
    assert.deepEqual(await doc(page), original, "Escape splits nothing");

    // Again, applied with Enter on Apply.
    await page.keyboard.press("Enter");
    await page.waitForSelector(DIALOG);
    await settle(page);
    await tabTo(page, '[data-split-link="requires"]');
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "[data-split-apply]");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.equal(await page.$(DIALOG), null);
    const split = await doc(page);
    assert.ok(split.nodes.some((n) => n.id === "app-payments-events"), "split through a queue");
    await page.waitForFunction(() => document.activeElement?.closest(".inspector"));
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await doc(page), original);
    assertPageClean(page, session.server);
  });
});

test("what cannot be split is said, and Apply is disabled", TIMEOUT, async () => {
  await withPage(session.browser, "split-refused", async (page) => {
    await openSplit(page, `${session.server.url}#preset=monolith`);
    await page.uncheck(`${DIALOG} [data-split-capability="payments"]`);
    await settle(page);
    assert.match(await page.textContent(`${DIALOG} [data-split-error]`), /at least one capability/);
    assert.equal(await page.isDisabled(`${DIALOG} [data-split-apply]`), true);
    for (const c of ["catalog", "orders", "payments"]) await page.check(`${DIALOG} [data-split-capability="${c}"]`);
    await settle(page);
    assert.match(await page.textContent(`${DIALOG} [data-split-error]`), /Keep at least one capability/);
    assert.equal(await page.isDisabled(`${DIALOG} [data-split-apply]`), true);
    await page.uncheck(`${DIALOG} [data-split-capability="catalog"]`);
    await settle(page);
    assert.equal(await page.$(`${DIALOG} [data-split-error]`), null);
    assert.equal(await page.isDisabled(`${DIALOG} [data-split-apply]`), false);
    await page.click(`${DIALOG} [data-split-cancel]`);
    await settle(page);
    assert.equal(await page.$(DIALOG), null, "Cancel closes");

    // A service with one capability has nothing to split: no button.
    await page.click(`${CANVAS} [data-node-id="db"] .node-box`);
    await settle(page);
    assert.equal(await page.$("[data-split-open]"), null);
    assertPageClean(page, session.server);
  });
});

for (const [lang, viewport] of [
  ["en", { width: 1024, height: 768 }],
  ["zh", { width: 1280, height: 800 }],
  ["zh", { width: 1024, height: 768 }],
  ["en", { width: 390, height: 844 }],
  ["zh", { width: 390, height: 844 }],
]) {
  test(`the dialog reads and fits in ${lang} at ${viewport.width}x${viewport.height}`, TIMEOUT, async () => {
    const name = `split-dialog-${lang}-${viewport.width}x${viewport.height}`;
    await withPage(
      session.browser,
      name,
      async (page) => {
        await openSplit(page, `${session.server.url}?lang=${lang}#preset=monolith`);
        await page.check(`${DIALOG} [data-split-link="async"]`);
        await settle(page);
        await assertFits(page);
        if (lang === "zh") {
          assert.match(await page.textContent(`${DIALOG} h2`), /拆分/);
          assert.match(await page.textContent(PREVIEW), /共享数据库/);
          assert.match(await page.textContent(`${DIALOG} [data-split-apply]`), /应用拆分/);
        }
        await screenshot(page, name);
        assertPageClean(page, session.server);
      },
      { viewport },
    );
  });
}
