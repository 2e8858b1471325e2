// Importing a real system, end to end in Chromium against dist/: a docker-compose
// file pasted outside a text field becomes a diagram, the banner says what was guessed, killing
// the shared database marks exactly its dependents down, Undo brings the old diagram back;
// the toolbar's Tidy lays a diagram out again, undoably; in Chinese the banner lists every
// note the importer made, in Chinese.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ROOT, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

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

test("in Chinese the banner lists every note of an import, in Chinese, and is dismissed", TIMEOUT, async () => {
  const compose = await readFile(path.join(ROOT, "tests", "fixtures", "import", "noted-compose.yml"), "utf8");
  await withPage(session.browser, "import-notes-zh", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    await openApp(page, `${session.server.url}?lang=zh#preset=cluster`);
    await page.evaluate((text) => navigator.clipboard.writeText(text), compose);
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await page.waitForSelector(".banner [data-import-notes]");
    // 17 notes: the same count crates/engine/tests/import_notes.rs asserts of this fixture.
    assert.equal(await page.getAttribute(".banner [data-import-notes]", "data-import-notes"), "17");
    const notes = await page.$$eval(".banner [data-import-note]", (lis) => lis.map((li) => li.textContent));
    assert.equal(notes.length, 17, "every note is listed, not the first few");
    assert.match(await page.textContent(".banner"), /17 条推测与未能识别的内容，列在下方/);
    for (const note of notes) {
      assert.match(note, /[\u4e00-\u9fff]/, `in Chinese: ${note}`);
      const words = note.split("：").at(-1); // after the place, which is the input's
      assert.doesNotMatch(words, /not understood|left out|drawn as|replicas/, `no English words: ${note}`);
    }
    for (const expected of [
      "services.api.deploy.replicas：100 个副本按 64 个绘制（一个节点须有 1 到 64 个副本）",
      "services.admin.gpu：无法识别，已略去",
      "services.my web.depends_on[2]：没有名为“ghost”的服务，未画连线",
      "只把第一个 YAML 文档当作 compose 文件读取",
    ]) {
      assert.ok(notes.includes(expected), `${expected} in ${JSON.stringify(notes, null, 1)}`);
    }
    // Long lists scroll inside the banner instead of pushing the diagram away.
    const box = await page.$eval(".banner [data-import-notes]", (ul) => ({
      scrolls: ul.scrollHeight > ul.clientHeight,
      overflowY: getComputedStyle(ul).overflowY,
      height: ul.getBoundingClientRect().height,
    }));
    assert.equal(box.overflowY, "auto");
    assert.ok(box.height <= 0.3 * 800 + 1, `the list is at most 30% of the window: ${box.height}px`);
    await screenshot(page, "import-notes-zh");
    // Switching the language switches the notes too.
    await page.click("[data-lang=\"en\"]");
    await page.waitForFunction(() =>
      document.querySelector(".banner [data-import-note]")?.textContent.match(/^[^\u4e00-\u9fff]*$/),
    );
    assert.ok(
      (await page.$$eval(".banner [data-import-note]", (lis) => lis.map((li) => li.textContent))).includes(
        "services.admin.gpu: not understood; left out",
      ),
    );
    await page.click(".banner-close");
    assert.equal(await page.$(".banner"), null, "dismissed");
  });
});

test("an import with nothing to measure says so in words, not 100%", TIMEOUT, async () => {
  await withPage(session.browser, "import-nothing-to-measure", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    const stores = "services:\n  db:\n    image: postgres:16\n  cache:\n    image: valkey/valkey:8\n";
    await page.evaluate((text) => navigator.clipboard.writeText(text), stores);
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => window.topolab.document().nodes.length === 2);
    assert.deepEqual((await doc(page)).nodes.map((n) => n.kind), ["database", "cache"], "Valkey is a cache");
    assert.match(await page.textContent(".banner"), /no client|nothing to measure/i);
    assert.equal(await page.textContent("[data-system-all]"), "—");
    assert.match(await page.textContent("[data-nothing-to-measure]"), /Nothing to measure yet/);
    await screenshot(page, "import-nothing-to-measure");
  });
});
