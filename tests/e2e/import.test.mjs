// Importing a real system (issue 8), end to end in Chromium against dist/: a docker-compose
// file pasted outside a text field becomes a diagram, the banner says what was guessed, killing
// the shared database marks exactly its dependents down, Undo brings the old diagram back;
// the toolbar's Tidy lays a diagram out again, undoably.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ROOT, openApp, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 120_000 };
const session = startSession();
const CANVAS = "svg[data-topolab-canvas]";
const doc = (page) => page.evaluate(() => window.topolab.document());
const unfocus = (page) => page.evaluate(() => document.activeElement?.blur());

test("a pasted docker-compose file is imported, and killing its database downs its dependents", TIMEOUT, async () => {
  const compose = await readFile(path.join(ROOT, "tests", "fixtures", "import", "shop-compose.yml"), "utf8");
  await withPage(session.browser, "import-compose", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    await openApp(page, `${session.server.url}#preset=cluster`);
    const cluster = await doc(page);
    await page.evaluate((text) => navigator.clipboard.writeText(text), compose);
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => window.topolab.document().nodes.length === 12);
    assert.match(await page.textContent(".banner"), /Imported the docker-compose file \(12 nodes\) from the pasted text/);
    assert.match(await page.textContent(".banner"), /guesses and things left out/);

    await page.evaluate(() => window.topolab.kill("postgres", 0));
    await settle(page);
    const down = await page.$$eval(`${CANVAS} [data-node-id][data-status="down"]`, (gs) =>
      gs.map((g) => g.getAttribute("data-node-id")).sort(),
    );
    assert.deepEqual(down, ["api", "orders", "payments", "postgres", "users", "worker"]);

    await page.click("[data-undo]");
    await page.click("[data-undo]");
    await page.waitForFunction(() => window.topolab.document().nodes.length !== 12);
    assert.deepEqual(await doc(page), cluster, "Undo brings back the diagram the import replaced");
  });
});

test("Tidy lays the diagram out again and Undo puts the nodes back", TIMEOUT, async () => {
  await withPage(session.browser, "import-tidy", async (page) => {
    await openApp(page, `${session.server.url}#preset=microservices`);
    const before = await doc(page);
    await page.click("[data-tidy]");
    await settle(page);
    const after = await doc(page);
    assert.deepEqual(after.links, before.links, "the topology is untouched");
    assert.notDeepEqual(after.nodes.map((n) => [n.x, n.y]), before.nodes.map((n) => [n.x, n.y]));
    await page.click("[data-undo]");
    await settle(page);
    assert.deepEqual(await doc(page), before);
  });
});
