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
