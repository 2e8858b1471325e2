// Killing and reviving instances with a real mouse: the node's live status, the function
// rows and their availability figures follow the engine (docs/spec/app.md's contract).

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, settle, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 60_000 };
const session = startSession();

const instance = (id, index) => `[data-node-id="${id}"] [data-instance="${index}"]`;
const rows = (page) =>
  page.$$eval("[data-function-id]", (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute("data-function-id"),
      status: tr.getAttribute("data-status"),
      availability: tr.querySelector("[data-availability]")?.textContent,
    })),
  );

test("the cluster survives its servers one by one until the last dies", TIMEOUT, async () => {
  await withPage(session.browser, "kill-cluster", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    const fresh = await rows(page);
    assert.equal(fresh.length, 3);
    assert.ok(fresh.every((r) => r.status === "up"), JSON.stringify(fresh));

    await page.click(instance("app1", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("app1", 0), "data-killed"), "true");
    assert.equal(await page.getAttribute('[data-node-id="app1"]', "data-status"), "down");
    const one = await rows(page);
    assert.ok(one.every((r) => r.status === "up"), "one server down: still up");
    assert.notEqual(one[0].availability, fresh[0].availability, "but less available");

    await page.click(instance("app2", 0));
    await page.click(instance("app3", 0));
    await settle(page);
    const none = await rows(page);
    assert.ok(none.every((r) => r.status === "down"), JSON.stringify(none));
    assert.ok(none.every((r) => r.availability === "0%"), JSON.stringify(none));
    await screenshot(page, "kill-cluster-all-down");

    await page.click(instance("app2", 0));
    await settle(page);
    assert.equal(await page.getAttribute(instance("app2", 0), "data-killed"), "false");
    assert.ok((await rows(page)).every((r) => r.status === "up"), "revived: up again");
    assertPageClean(page, session.server);
  });
});

test("keyboard: k kills one more instance, r revives, Ctrl+Z undoes, Delete removes", TIMEOUT, async () => {
  await withPage(session.browser, "kill-keyboard", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    await page.click('[data-node-id="db"] .node-box');
    const killed = () => page.$$eval('[data-node-id="db"] [data-instance]', (els) => els.map((e) => e.getAttribute("data-killed")));
    await page.keyboard.press("k");
    await settle(page);
    assert.deepEqual(await killed(), ["true", "false"]);
    await page.keyboard.press("k");
    await settle(page);
    assert.deepEqual(await killed(), ["true", "true"]);
    assert.equal(await page.getAttribute('[data-node-id="db"]', "data-status"), "down");
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await killed(), ["true", "false"]);
    await page.keyboard.press("Control+Shift+Z");
    await settle(page);
    assert.deepEqual(await killed(), ["true", "true"]);
    await page.keyboard.press("r");
    await settle(page);
    assert.deepEqual(await killed(), ["false", "false"]);
    await page.keyboard.press("Delete");
    await settle(page);
    assert.equal(await page.$('[data-node-id="db"]'), null);
    assert.equal(await page.$$eval('[data-link$="->db"]', (els) => els.length), 0);
    assertPageClean(page, session.server);
  });
});

test("window.topolab: kill, revive, document, analysis and load", TIMEOUT, async () => {
  await withPage(session.browser, "kill-api", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    const result = await page.evaluate(() => {
      const t = window.topolab;
      t.kill("lb", 0);
      const afterKill = t.analysis();
      const doc = t.document();
      t.revive("lb", 0);
      const afterRevive = t.analysis();
      let refused = null;
      try { t.kill("lb", 7); } catch (e) { refused = e.message; }
      let invalid = null;
      try { t.load({ format: "topolab/1", nodes: [{ id: "a", kind: "servce" }] }); } catch (e) { invalid = e.message; }
      return { afterKill, doc, afterRevive, refused, invalid };
    });
    assert.equal(result.afterKill.functions[0].status, "down");
    assert.equal(result.afterKill.functions[0].availability, 0);
    assert.deepEqual(result.doc.nodes.find((n) => n.id === "lb").killed, [0]);
    assert.equal(result.afterRevive.functions[0].status, "up");
    assert.match(result.refused, /no instance 7/);
    assert.match(result.invalid, /nodes\[0\]\.kind: unknown kind "servce"/);
    await settle(page);
    assert.equal(await page.getAttribute('[data-node-id="lb"] [data-instance="0"]', "data-killed"), "false");

    await page.evaluate(() => window.topolab.load({ format: "topolab/1", title: "Two", nodes: [
      { id: "c", kind: "client", x: 0, y: 0 }, { id: "s", kind: "service", x: 200, y: 0 }],
      links: [{ from: "c", to: "s" }] }));
    await settle(page);
    assert.equal(await page.$$eval("[data-node-id]", (els) => els.length), 2);
    assert.equal(await page.textContent('[data-function-id="c:s"] [data-availability]'), "99.90%");
    assertPageClean(page, session.server);
  });
});
