// Zones in the app (docs/spec/model.md §8, docs/spec/app.md "Goals, advice and zones"):
// each zone a switch over the canvas; taking one down strikes exactly its instances and
// the figures follow; `z` on a focused switch, window.topolab.killZone/reviveZone and
// undo do the same; the zones lesson's step is done with the switch.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession();
const CANVAS = "svg[data-topolab-canvas]";
const doc = (page) => page.evaluate(() => window.topolab.document());
const struck = (page, zone) =>
  page.$$eval(`${CANVAS} .instance[data-zone="${zone}"]`, (rs) => rs.map((r) => r.classList.contains("killed")));
const statuses = (page) => page.$$eval("[data-function-id]", (trs) => trs.map((tr) => tr.getAttribute("data-status")));

for (const lang of ["en", "zh"]) {
  test(`the three-zones preset: a zone's switch takes exactly its instances down, the functions stay up (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `zones-switch-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=three-zones`);
      const zones = await page.$$eval("[data-zone-id]", (bs) => bs.map((b) => [b.getAttribute("data-zone-id"), b.getAttribute("data-down")]));
      assert.deepEqual(zones, [["az-a", "false"], ["az-b", "false"], ["az-c", "false"]]);
      assert.ok((await page.$$(`${CANVAS} .instance[data-zone="az-a"]`)).length >= 3, "each node has an instance in zone A");
      await page.click('[data-zone-id="az-a"]');
      await settle(page);
      assert.equal(await page.getAttribute('[data-zone-id="az-a"]', "data-down"), "true");
      assert.ok((await struck(page, "az-a")).every(Boolean), "every instance of zone A struck");
      assert.ok((await struck(page, "az-b")).every((k) => !k), "zone B's untouched");
      assert.ok((await statuses(page)).every((s) => s !== "down"), "spread over zones, every function survives");
      assert.deepEqual((await doc(page)).zones[0].down, true);
      await screenshot(page, `zones-a-down-${lang}`);

      // z on the focused switch brings it back; so does undo for a second kill.
      await page.focus('[data-zone-id="az-a"]');
      await page.keyboard.press("z");
      await settle(page);
      assert.equal(await page.getAttribute('[data-zone-id="az-a"]', "data-down"), "false");
      await page.evaluate(() => window.topolab.killZone("az-b"));
      await settle(page);
      assert.ok((await struck(page, "az-b")).every(Boolean));
      await page.click("[data-undo]");
      await settle(page);
      assert.equal(await page.getAttribute('[data-zone-id="az-b"]', "data-down"), "false");
      const fail = await page.evaluate(() => { try { window.topolab.killZone("nope"); return "no error"; } catch (e) { return e.message; } });
      assert.match(fail, /no zone with id "nope"/);
      assertPageClean(page, session.server);
    });
  });
}

test("the zones lesson: taking the one zone down stops a cluster that lives in it", TIMEOUT, async () => {
  await withPage(session.browser, "zones-lesson", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&lesson=zones&step=2`);
    await page.waitForSelector("[data-zone-id]");
    const zone = await page.getAttribute("[data-zone-id]", "data-zone-id");
    await page.click(`[data-zone-id="${zone}"]`);
    await settle(page);
    assert.ok((await statuses(page)).every((s) => s === "down"), "one zone, everything down with it");
    await page.waitForSelector("[data-lesson-next]");
    await screenshot(page, "zones-lesson-step-2");
  });
});

// --- editing zones: the inspector, "Spread over zones", the analysis panel's list ---

const zoneOf = (page, node) =>
  page.$$eval(`${CANVAS} [data-node-id="${node}"] .instance`, (rs) => rs.map((r) => r.getAttribute("data-zone")));

/** Types `value` into field `selector` and commits it with Enter. */
async function commit(page, selector, value) {
  const field = page.locator(selector);
  await field.fill(value);
  await field.press("Enter");
  await settle(page);
}

for (const lang of ["en", "zh"]) {
  test(`the inspector edits the zones: add, rename, availability (refused, then set), remove with every reference, undo (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `zones-edit-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=three-zones`);
      const start = await doc(page);
      await page.waitForSelector("[data-zones-form][open]");
      assert.equal(
        (await page.textContent("[data-zones-form] summary")).trim(),
        lang === "en" ? "Zones" : "可用区",
      );
      assert.equal((await page.$$("[data-zone-edit]")).length, 3);

      await page.click("[data-add-zone]");
      await settle(page);
      assert.deepEqual((await doc(page)).zones.map((z) => z.id), ["az-a", "az-b", "az-c", "zone-4"]);
      assert.equal(await page.getAttribute('[data-zone-id="zone-4"]', "data-down"), "false", "its switch is drawn");

      await commit(page, "#zone-3-label", "Frankfurt");
      assert.equal((await doc(page)).zones[3].label, "Frankfurt");
      assert.match(await page.textContent('[data-zone-id="zone-4"]'), /Frankfurt/);

      const before = await doc(page);
      await commit(page, "#zone-3-availability", "150%");
      const error = page.locator('[data-zone-edit="zone-4"] .field-error');
      await error.waitFor();
      assert.match(await error.textContent(), lang === "en" ? /more than 100%/ : /超过了 100%/);
      assert.equal(await page.getAttribute("#zone-3-availability", "aria-invalid"), "true");
      assert.deepEqual(await doc(page), before, "a refused value changes nothing");
      await commit(page, "#zone-3-availability", "99.9%");
      assert.equal((await doc(page)).zones[3].availability, 0.999);
      assert.equal(await page.$('[data-zone-edit="zone-4"] .field-error'), null, "the reason goes with the value");
      await screenshot(page, `zones-inspector-${lang}`);

      // Removing a zone takes every node's reference to it; undo brings them back.
      const withFour = await doc(page);
      await page.click('[data-remove-zone="az-b"]');
      await settle(page);
      const removed = await doc(page);
      assert.deepEqual(removed.zones.map((z) => z.id), ["az-a", "az-c", "zone-4"]);
      for (const n of removed.nodes.filter((n) => n.zones)) assert.deepEqual(n.zones, ["az-a", "az-c"], n.id);
      assert.equal(await page.$('[data-zone-id="az-b"]'), null);
      assert.deepEqual(await zoneOf(page, "app"), ["az-a", "az-c", "az-a"], "instance i in zones[i mod 2]");
      await page.click("[data-undo]");
      await settle(page);
      assert.deepEqual(await doc(page), withFour, "one undo restores the zone and its references");
      for (let i = 0; i < 3; i += 1) {
        await page.click("[data-undo]");
        await settle(page);
      }
      assert.deepEqual(await doc(page), start, "each edit was one undo step");
      assertPageClean(page, session.server);
    });
  });

  test(`a node's zones: its checkboxes, Spread over zones, and the zones' blast radius in the analysis (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `zones-node-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=three-zones`);
      await page.click(`${CANVAS} [data-node-id="app"]`, { position: { x: 30, y: 12 } });
      await page.waitForSelector('[data-inspector="node"] [data-node-zones]');
      const checks = await page.$$eval("[data-node-zones] [data-zone-check]", (cs) =>
        cs.map((c) => [c.getAttribute("data-zone-check"), c.checked, c.closest("label").textContent.trim()]));
      const names = lang === "en" ? ["Zone A", "Zone B", "Zone C"] : ["可用区 A", "可用区 B", "可用区 C"];
      assert.deepEqual(checks, [["az-a", true, `A${names[0]}`], ["az-b", true, `B${names[1]}`], ["az-c", true, `C${names[2]}`]]);
      assert.equal(await page.isDisabled("[data-spread-zones]"), true, "spread already");

      // Only in zone A: zone A becomes a single point of failure of every function.
      await page.uncheck('[data-zone-check="az-b"]');
      await settle(page);
      await page.uncheck('[data-zone-check="az-c"]');
      await settle(page);
      assert.deepEqual((await doc(page)).nodes.find((n) => n.id === "app").zones, ["az-a"]);
      assert.deepEqual(await zoneOf(page, "app"), ["az-a", "az-a", "az-a"]);
      const functions = (await page.evaluate(() => window.topolab.analysis())).functions.map((f) => f.id);
      const row = (id) => page.$eval(`[data-zones-panel] [data-zone-row="${id}"]`, (tr) =>
        [tr.getAttribute("data-down"), tr.getAttribute("data-spof"), tr.querySelector("[data-blast-radius]").getAttribute("data-blast-radius")]);
      assert.deepEqual(await row("az-a"), ["false", "true", functions.join(" ")], "losing zone A stops every function");
      assert.deepEqual(await row("az-b"), ["false", "false", ""]);
      assert.ok(await page.$('[data-warning="zone_spof"]'), "the goals panel warns of it");
      await page.locator("[data-zones-panel]").scrollIntoViewIfNeeded();
      await screenshot(page, `zones-panel-spof-${lang}`);

      // Spread over zones: instance i in zones[i mod 3], one undoable step.
      assert.equal(await page.isDisabled("[data-spread-zones]"), false);
      await page.click("[data-spread-zones]");
      await settle(page);
      assert.deepEqual(await zoneOf(page, "app"), ["az-a", "az-b", "az-c"]);
      assert.deepEqual(await row("az-a"), ["false", "false", ""], "spread, no zone stops anything");
      await page.evaluate(() => window.topolab.killZone("az-b"));
      await settle(page);
      assert.equal((await row("az-b"))[0], "true", "a zone taken down reads down in the list");
      await page.click("[data-undo]");
      await page.click("[data-undo]");
      await settle(page);
      assert.deepEqual(await zoneOf(page, "app"), ["az-a", "az-a", "az-a"], "undo takes the spread back");
      await page.locator("[data-node-zones]").scrollIntoViewIfNeeded();
      await screenshot(page, `zones-node-${lang}`);
      assertPageClean(page, session.server);
    });
  });

  test(`the zones at 1024x768 in the projector theme (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `zones-projector-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}&theme=projector#preset=three-zones`);
      await page.locator("[data-zones-panel]").scrollIntoViewIfNeeded();
      await screenshot(page, `zones-panel-projector-${lang}`);
      await page.locator("[data-zones-form]").scrollIntoViewIfNeeded();
      await screenshot(page, `zones-form-projector-${lang}`);
      await page.click(`${CANVAS} [data-node-id="db"]`, { position: { x: 30, y: 12 } });
      await page.locator("[data-node-zones]").scrollIntoViewIfNeeded();
      await screenshot(page, `zones-node-projector-${lang}`);
      // Nothing in the zones' rows is wider than the side column.
      const overflow = await page.$$eval("[data-zones-panel], [data-node-zones]", (els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.className));
      assert.deepEqual(overflow, []);
    }, { viewport: { width: 1024, height: 768 } });
  });
}

test("an embed shows the zones' switches, live as its kills; read-only, disabled", TIMEOUT, async () => {
  await withPage(session.browser, "zones-embed", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&embed=1#preset=three-zones`);
    await page.click('[data-zone-id="az-c"]');
    await settle(page);
    assert.equal(await page.getAttribute('[data-zone-id="az-c"]', "data-down"), "true");
    assert.ok((await struck(page, "az-c")).every(Boolean));
    await screenshot(page, "zones-embed");
    await openApp(page, `${session.server.url}?lang=en&embed=1&readonly=1#preset=three-zones`);
    assert.equal(await page.isDisabled('[data-zone-id="az-a"]'), true);
  });
});

// --- zones in Traffic: a zone down by hand fails what runs only in it; chaos fails zones ---

const failedCount = (page) =>
  page.getAttribute("[data-traffic-failed]", "data-traffic-failed").then(Number);

test("traffic follows zones taken down by hand: one down, every request served; all three, every request fails", TIMEOUT, async () => {
  await withPage(session.browser, "zones-traffic-down", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=three-zones`);
    await page.click('[data-zone-id="az-a"]');
    await settle(page);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-speed]", "10");
    await page.waitForFunction(
      () => Number(document.querySelector("[data-traffic-succeeded]")?.getAttribute("data-traffic-succeeded")) > 50,
      null, { timeout: 10_000 },
    );
    assert.equal(await failedCount(page), 0, "zone A down: the balancer routes around it");
    assert.equal(await page.$('[data-zone-id="az-a"][data-chaos]'), null, "a zone down by hand is no chaos");
    // The rest of the zones down while traffic runs: followed at once, every request fails.
    await page.click('[data-zone-id="az-b"]');
    await page.click('[data-zone-id="az-c"]');
    await settle(page);
    await page.waitForFunction(
      () => [...document.querySelectorAll("[data-function-id] [data-sim-success]")].every((e) => parseFloat(e.textContent) === 0),
      null, { timeout: 15_000 },
    );
    assert.ok((await failedCount(page)) > 0);
    assert.equal((await page.$$('[data-topolab-canvas] [data-chaos-down="true"]')).length, 0, "no instance is down by chaos");
    // Headless too: the document's down zones hold for the whole run.
    const report = await page.evaluate(() => window.topolab.simulate({ seconds: 60, seed: 3 }));
    assert.ok(report.functions.every((f) => f.requests > 0 && f.succeeded === 0), JSON.stringify(report));
    await screenshot(page, "zones-traffic-all-down");
    await assertPageClean(page, session.server);
  });
});

for (const lang of ["en", "zh"]) {
  test(`chaos takes a whole zone down: its switch goes red with a word, its instances are hatched (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `zones-chaos-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=three-zones`);
      // Zone B up only half the time (repairs of 10 simulated seconds): it fails within seconds at x10.
      const flaky = await page.evaluate(() => {
        const doc = window.topolab.document();
        doc.zones[1].availability = 0.5;
        return JSON.stringify(doc);
      });
      await page.evaluate((text) => window.topolab.load(text), flaky);
      await settle(page);
      await page.click("[data-traffic-toggle]");
      await page.selectOption("[data-traffic-chaos]", "real");
      await page.selectOption("[data-traffic-speed]", "10");
      const CHIP = '[data-zone-id="az-b"][data-chaos="true"]';
      await page.waitForFunction(
        (chip) => document.querySelector(chip)
          && document.querySelectorAll('[data-topolab-canvas] .instance[data-zone="az-b"][data-chaos-down="true"]').length === 3,
        CHIP, { timeout: 20_000 },
      );
      assert.equal(await page.getAttribute(CHIP, "data-down"), "false", "chaos is not a kill by hand");
      assert.match(await page.textContent(CHIP), lang === "en" ? /failed/ : /故障/, "a word, not colour alone");
      const look = await page.$eval(CHIP, (b) => ({ border: getComputedStyle(b).borderTopStyle, colour: getComputedStyle(b).borderTopColor }));
      assert.equal(look.border, "dashed");
      assert.match(look.colour, /rgb\((19[0-9]|2[0-9][0-9]), /, `red: ${look.colour}`);
      await screenshot(page, `zones-chaos-${lang}`);
      assert.ok((await doc(page)).zones.every((z) => z.down === undefined), "chaos changes nothing in the document");
      // Traffic off: no zone is marked.
      await page.click("[data-traffic-toggle]");
      await settle(page);
      assert.equal(await page.$("[data-zone-id][data-chaos]"), null);
      await assertPageClean(page, session.server);
    });
  });
}
