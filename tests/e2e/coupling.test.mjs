// The coupling table (docs/spec/model.md §3) says what Ca and Ce count: synchronous calls
// between services; a load balancer or gateway that only routes shows "—" and says why.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 60_000 };
const session = startSession();

for (const [lang, query, calls, why] of [
  ["en", "", "routing through a load balancer or gateway is not coupling", "Only routes: routing is not coupling"],
  ["zh", "?lang=zh", "经负载均衡器或网关转发不算耦合", "只转发：转发不算耦合"],
]) {
  test(`coupling (${lang}): routing nodes show — with why, the caption says what a call is`, TIMEOUT, async () => {
    await withPage(session.browser, `coupling-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}${query}#preset=cluster`);
      await page.waitForSelector('[data-coupling-node="lb"]');
      assert.ok((await page.textContent(".coupling-table caption")).includes(calls));
      const row = (id) => page.$$eval(`[data-coupling-node="${id}"] td`, (tds) => tds.map((td) => td.textContent));
      const lb = await row("lb");
      assert.deepEqual(lb.slice(0, 3), ["—", "—", "—"], JSON.stringify(lb));
      assert.equal(await page.getAttribute('[data-coupling-node="lb"]', "title"), why, "the tooltip says why");
      assert.equal(await page.getAttribute('[data-coupling-node="lb"]', "data-routing"), "true");
      // A server behind it calls the database: its figures are numbers.
      const app = await row("app1");
      assert.deepEqual(app.slice(0, 2), ["0", "1"], JSON.stringify(app));
      assert.equal(await page.getAttribute('[data-coupling-node="app1"]', "data-routing"), null);
      await page.locator(".coupling").scrollIntoViewIfNeeded();
      await screenshot(page, `coupling-${lang}`);
      await assertPageClean(page, session.server);
    });
  });
}
