// Traffic and chaos (issue 7, UI.md `simulate`): the headless simulation through
// window.topolab agrees with the engine's analysis.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession();

test("simulate: a century of chaos on the cluster converges to analysis()", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-simulate", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    const started = Date.now();
    const report = await page.evaluate(() => window.topolab.simulate({ seconds: 3.2e9, seed: 1, chaos: true }));
    const took = Date.now() - started;
    assert.ok(took < 5_000, `a century took ${took} ms`);
    assert.equal(report.seconds, 3.2e9);
    const analysis = await page.evaluate(() => window.topolab.analysis());
    assert.equal(report.functions.length, analysis.functions.length);
    for (const f of report.functions) {
      const expected = analysis.functions.find((a) => a.id === f.id).availability;
      assert.deepEqual(Object.keys(f).sort(), ["ci95", "id", "measured", "requests", "succeeded"]);
      assert.ok(f.requests > 1e9 && f.succeeded <= f.requests, JSON.stringify(f));
      const [lo, hi] = f.ci95;
      const inside = lo <= expected && expected <= hi;
      assert.ok(inside || Math.abs(f.measured - expected) <= 2e-4, `${f.id}: ${JSON.stringify(f)} against ${expected}`);
    }

    // Without chaos the kills hold: every app server dead, every request fails.
    for (const id of ["app1", "app2", "app3"]) await page.evaluate((id) => window.topolab.kill(id, 0), id);
    const dead = await page.evaluate(() => window.topolab.simulate({ seconds: 60, seed: 2, chaos: false }));
    for (const f of dead.functions) {
      assert.ok(f.requests > 0, JSON.stringify(f));
      assert.equal(f.succeeded, 0, JSON.stringify(f));
      assert.equal(f.measured, 0);
    }

    // Bad input is an error naming the field, never a panic.
    const bad = async (options) =>
      page.evaluate((o) => {
        try {
          window.topolab.simulate(o);
          return null;
        } catch (e) {
          return String(e.message);
        }
      }, options);
    assert.match(await bad({ seconds: -1 }), /seconds/);
    assert.match(await bad({ seconds: "long" }), /invalid type/);
    assert.match(await bad({ sedd: 3 }), /unknown field `sedd`/);
    assert.match(await bad(42), /object/);
    // The defaults answer too.
    const plain = await page.evaluate(() => window.topolab.simulate());
    assert.equal(plain.seconds, 60);
    await assertPageClean(page, session.server);
  });
});
