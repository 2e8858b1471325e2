// Embed and present (docs/spec/app.md `?embed=1`, `?readonly=1`, `?theme=`, postMessage): the
// example article (examples/article.html, served beside dist/ as in the repository) embeds
// two diagrams and drives one by postMessage; read-only refuses every change; the Embed
// dialog's snippet works when pasted; the projector theme reads at 1024x768.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  EXAMPLES,
  assertPageClean,
  openApp,
  openPage,
  screenshot,
  settle,
  startSession,
  withPage,
} from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
// The app under /dist/ and the article under /examples/, as in the repository.
const session = startSession({ prefix: "/dist/", mounts: [{ prefix: "/examples/", root: EXAMPLES }] });
const article = () => `${session.server.origin}/examples/article.html`;
const app = (query = "", hash = "#preset=cluster") => `${session.server.url}${query}${hash}`;

/** The article's frame `id`, once its app has said it is ready. */
async function articleFrame(page, id) {
  const iframe = page.locator(`iframe#${id}`);
  await iframe.scrollIntoViewIfNeeded();
  await page.waitForSelector(`button[data-frame="${id}"]:not([disabled])`, { timeout: 20_000 });
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForSelector("svg[data-topolab-canvas] [data-node-id]");
  return frame;
}

/**
 * Posts `message` from the page to its frame `id` and resolves with the frame's next answer
 * (null if none comes within `wait` ms). `cyclic` adds a field holding the message itself.
 */
function ask(page, id, message, { wait = 3000, cyclic = false } = {}) {
  return page.evaluate(
    ({ id, message, wait, cyclic }) =>
      new Promise((resolve) => {
        const target = document.getElementById(id).contentWindow;
        const done = (answer) => {
          window.removeEventListener("message", listen);
          clearTimeout(timer);
          resolve(answer);
        };
        const listen = (event) => {
          if (event.source === target && event.data?.topolab !== "ready") done(event.data);
        };
        const timer = setTimeout(() => done(null), wait);
        window.addEventListener("message", listen);
        if (cyclic) message.self = message;
        target.postMessage(message, "*");
      }),
    { id, message, wait, cyclic },
  );
}

const functions = (frame) =>
  frame.$$eval("[data-function-id]", (els) =>
    els.map((el) => ({
      id: el.getAttribute("data-function-id"),
      status: el.getAttribute("data-status"),
      availability: el.querySelector("[data-availability]").textContent,
    })),
  );
const killed = (frame, id) =>
  frame.$$eval(`[data-node-id="${id}"] [data-instance]`, (els) => els.map((el) => el.getAttribute("data-killed")));
const viewBox = (frame) => frame.getAttribute("svg[data-topolab-canvas]", "viewBox");
const transform = (frame, id) => frame.getAttribute(`[data-node-id="${id}"]`, "transform");
const number = (text) => Number.parseFloat(text);

/** The page point a press lands on node `id`'s box, above its label and instances. */
async function nodePoint(frame, id) {
  const box = await frame.locator(`[data-node-id="${id}"] .node-box`).boundingBox();
  return { x: box.x + box.width * 0.5, y: box.y + Math.min(8, box.height * 0.2) };
}

test("the article's buttons kill and revive servers in the embedded cluster and show the new availability", TIMEOUT, async () => {
  await withPage(session.browser, "embed-article", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    const before = await functions(frame);
    assert.deepEqual(before.map((f) => f.status), ["up", "up", "up"]);
    const allBefore = await frame.textContent("[data-system-all]");

    await page.click('button[data-kill="app2"]');
    await page.waitForSelector("#cluster-answer.ok");
    assert.deepEqual(await killed(frame, "app2"), ["true"]);
    assert.equal(await frame.getAttribute('[data-node-id="app2"]', "data-status"), "down");
    const after = await functions(frame);
    assert.deepEqual(after.map((f) => f.status), ["up", "up", "up"], "two servers still carry every function");
    for (const [i, f] of after.entries()) {
      assert.ok(number(f.availability) < number(before[i].availability), `${f.id}: ${f.availability}`);
    }
    const answer = await page.textContent("#cluster-answer");
    assert.match(answer, /^Server 2 is down\. Now catalog \d+\.\d+% \(up\)/);
    assert.ok(answer.includes(after[0].availability.slice(0, 6)), `${answer} / ${after[0].availability}`);
    assert.notEqual(await frame.textContent("[data-system-all]"), allBefore);
    await page.locator("figure").first().scrollIntoViewIfNeeded();
    await settle(frame);
    await screenshot(page, "embed-article");

    await page.click('button[data-kill-all="db"]');
    await page.waitForFunction(() => document.getElementById("cluster-answer").textContent.startsWith("The database"));
    assert.deepEqual(await killed(frame, "db"), ["true", "true"]);
    const down = await functions(frame);
    assert.deepEqual(down.map((f) => [f.status, f.availability]), Array(3).fill(["down", "0%"]));
    assert.match(await page.textContent("#cluster-answer"), /every function at once: 0\.00%/);

    await page.click("button[data-revive-all]");
    await page.waitForFunction(() => document.getElementById("cluster-answer").textContent.startsWith("Everything"));
    assert.equal(await frame.$$eval('[data-killed="true"]', (els) => els.length), 0);
    assert.deepEqual(await functions(frame), before);
    assertPageClean(page, session.server);
  });
});

test("an embed takes kills by click and by key, and drags, but no edit of the diagram itself", TIMEOUT, async () => {
  await withPage(session.browser, "embed-explore", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    assert.equal(await frame.$(".palette, [data-inspector], .toolbar, [data-embed-button]"), null, "no editing chrome");
    await frame.click('[data-node-id="app3"] [data-instance="0"]');
    await settle(frame);
    assert.deepEqual(await killed(frame, "app3"), ["true"], "a click kills");
    const db = await nodePoint(frame, "db");
    await page.mouse.click(db.x, db.y);
    await page.keyboard.press("k");
    await settle(frame);
    assert.deepEqual(await killed(frame, "db"), ["true", "false"], "k kills one more");
    assert.equal(await frame.$("[data-handle]"), null, "no connect handle");
    await page.keyboard.press("r");
    await settle(frame);
    assert.deepEqual(await killed(frame, "db"), ["false", "false"], "r revives");
    await page.keyboard.press("Control+z");
    await settle(frame);
    assert.deepEqual(await killed(frame, "db"), ["true", "false"], "undo");
    await page.keyboard.press("Delete");
    await settle(frame);
    assert.ok(await frame.$('[data-node-id="db"]'), "Delete is refused");
    assert.match(await frame.textContent("[data-refusal-notice]"), /open it in the editor/);

    const before = await transform(frame, "app1");
    const from = await nodePoint(frame, "app1");
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 50, from.y, { steps: 8 });
    await page.mouse.up();
    await settle(frame);
    assert.notEqual(await transform(frame, "app1"), before, "a drag moves the node");
    const moved = (await frame.evaluate(() => window.topolab.document())).nodes.find((n) => n.id === "app1");
    assert.ok(moved.x < 420, `the document has the move: x = ${moved.x}`);
    assertPageClean(page, session.server);
  });
});

test("a malformed message gets an error reply naming what is wrong, and changes nothing", TIMEOUT, async () => {
  await withPage(session.browser, "embed-messages", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    const documentBefore = (await ask(page, "cluster", { topolab: "document", id: "first" })).result;
    const refusals = [
      [{ topolab: "kill", index: 0 }, /^id is missing/],
      [{ topolab: "kill", id: 7, index: 0, }, /^id must be a node id/],
      [{ topolab: "kill", id: "app2" }, /^index is missing/],
      [{ topolab: "kill", id: "app2", index: -1 }, /^index must be a whole number from 0/],
      [{ topolab: "revive", id: "app2", index: 0.5 }, /^index must be a whole number/],
      [{ topolab: "kill", id: "app2", index: "0" }, /^index must be a whole number from 0, not a string/],
      [{ topolab: "kill", id: "nope", index: 0 }, /^no node with id "nope"/],
      [{ topolab: "kill", id: "db", index: 2 }, /has no instance 2/],
      [{ topolab: "kill", id: "browser", index: 0 }, /has no instance 0/],
      [{ topolab: "drop-tables" }, /^unknown call "drop-tables"/],
      [{ topolab: 42 }, /^topolab must be the name of a call/],
      [{ topolab: "load" }, /^load needs a document/],
      [{ topolab: "load", document: 12 }, /^document must be a topolab\/1 document/],
      [{ topolab: "load", document: "{not json" }, /./],
      [{ topolab: "load", document: { format: "topolab/1", nodes: [{ id: "a", kind: "servce" }] } }, /nodes\[0\]\.kind: unknown kind "servce"/],
    ];
    for (const [message, error] of refusals) {
      // kill and revive name their node by `id`; the other calls may carry a request id.
      const named = ["kill", "revive"].includes(message.topolab);
      const answer = await ask(page, "cluster", named ? message : { ...message, id: "req" });
      assert.equal(answer?.ok, false, JSON.stringify(message));
      assert.equal(answer.topolab, typeof message.topolab === "string" ? message.topolab : null);
      assert.match(answer.error, error, JSON.stringify(message));
      assert.equal("result" in answer, false);
      assert.equal(answer.id, named ? message.id : "req", "the request's id is echoed");
    }
    const cyclic = await ask(page, "cluster", { topolab: "kill", id: "app1", index: 0 }, { cyclic: true });
    assert.equal(cyclic.ok, false);
    assert.match(cyclic.error, /cannot be read as JSON/);
    // Messages that are not for Topolab get no answer at all.
    for (const other of ["kill app2", 42, null, ["topolab", "kill"], { type: "resize" }]) {
      assert.equal(await ask(page, "cluster", other, { wait: 400 }), null, JSON.stringify(other));
    }
    const documentAfter = await ask(page, "cluster", { topolab: "document", id: 9 });
    assert.deepEqual(documentAfter, { topolab: "document", ok: true, result: documentBefore, id: 9 });
    assert.equal(await frame.$$eval('[data-killed="true"]', (els) => els.length), 0);

    // The frame still works: a valid kill and a valid load.
    assert.deepEqual(await ask(page, "cluster", { topolab: "kill", id: "app1", index: 0 }), {
      topolab: "kill", ok: true, result: null, id: "app1",
    });
    await settle(frame);
    assert.deepEqual(await killed(frame, "app1"), ["true"]);
    const two = { format: "topolab/1", title: "Two", nodes: [
      { id: "c", kind: "client", x: 0, y: 0 }, { id: "s", kind: "service", x: 200, y: 0 }],
      links: [{ from: "c", to: "s" }] };
    assert.deepEqual(await ask(page, "cluster", { topolab: "load", document: two }), { topolab: "load", ok: true, result: true });
    await frame.waitForFunction(() => document.querySelectorAll("[data-node-id]").length === 2);
    const analysis = await ask(page, "cluster", { topolab: "analysis" });
    assert.equal(analysis.result.functions[0].id, "c:s");
    assert.equal(await frame.textContent('[data-function-id="c:s"] [data-availability]'), "99.90%");
    // The headless simulation, by message too (docs/spec/app.md `simulate`).
    const simulated = await ask(page, "cluster", { topolab: "simulate", options: { seconds: 60, seed: 3 }, id: 4 });
    assert.equal(simulated.ok, true, JSON.stringify(simulated));
    assert.equal(simulated.result.seconds, 60);
    assert.equal(simulated.result.functions[0].id, "c:s");
    assert.equal(simulated.result.functions[0].measured, 1);
    const refused = await ask(page, "cluster", { topolab: "simulate", options: { seconds: "x" } });
    assert.equal(refused.ok, false);
    assert.match(refused.error, /invalid type/);
    assertPageClean(page, session.server);
  });
});

test("a read-only embed refuses a kill by click, by key, by message and by window.topolab; pan and zoom still work", TIMEOUT, async () => {
  await withPage(session.browser, "embed-readonly", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "shop");
    assert.equal(await frame.$(".palette, .inspector, .toolbar"), null, "no editing chrome");
    assert.ok(await frame.$("[data-readonly-badge]"), "the strip says it is read-only");

    // By click: the instance stays up and the page says why.
    await frame.click('[data-node-id="payments"] [data-instance="0"]');
    await settle(frame);
    assert.deepEqual(await killed(frame, "payments"), ["false", "false"]);
    assert.match(await frame.textContent("[data-refusal-notice]"), /^Read-only: this diagram can be looked at/);

    // By key: a click selects the node (its blast radius shows); k, r, Delete and undo do nothing.
    const at = await nodePoint(frame, "payments");
    await page.mouse.click(at.x, at.y);
    await settle(frame);
    assert.match(await frame.getAttribute('[data-node-id="payments"]', "class"), /\bselected\b/);
    assert.equal(await frame.$('[data-node-id="payments"] [data-handle]'), null, "no connect handle");
    for (const key of ["k", "k", "Delete", "Control+z"]) {
      await page.keyboard.press(key);
      await settle(frame);
    }
    assert.deepEqual(await killed(frame, "payments"), ["false", "false"]);
    assert.ok(await frame.$('[data-node-id="payments"]'), "Delete removed nothing");

    // By message and by window.topolab: refused, and the answer says so; reading works.
    for (const message of [
      { topolab: "kill", id: "payments", index: 0 },
      { topolab: "revive", id: "payments", index: 0 },
      { topolab: "load", document: { format: "topolab/1", nodes: [] } },
    ]) {
      const answer = await ask(page, "shop", message);
      assert.equal(answer.ok, false);
      assert.match(answer.error, /^read-only: this diagram cannot be changed/);
    }
    assert.equal((await ask(page, "shop", { topolab: "document" })).ok, true);
    const thrown = await frame.evaluate(() =>
      ["kill", "revive", "load"].map((name) => {
        try {
          window.topolab[name](name === "load" ? { format: "topolab/1", nodes: [] } : "payments", 0);
          return "accepted";
        } catch (e) {
          return e.message;
        }
      }),
    );
    for (const message of thrown) assert.match(message, /^read-only/);
    assert.deepEqual(await killed(frame, "payments"), ["false", "false"]);

    // A drag that starts on a node pans the view and moves no node; the wheel zooms.
    const [transformBefore, viewBefore] = [await transform(frame, "orders"), await viewBox(frame)];
    const from = await nodePoint(frame, "orders");
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 30, { steps: 8 });
    await page.mouse.up();
    await settle(frame);
    assert.equal(await transform(frame, "orders"), transformBefore, "the node did not move");
    assert.notEqual(await viewBox(frame), viewBefore, "the view panned");
    const panned = (await viewBox(frame)).split(" ").map(Number);
    await page.mouse.move(from.x, from.y + 40);
    await page.mouse.wheel(0, -400);
    await settle(frame);
    const zoomed = (await viewBox(frame)).split(" ").map(Number);
    assert.ok(zoomed[2] < panned[2], `zoomed in: ${panned} -> ${zoomed}`);
    await screenshot(page, "embed-readonly");
    assertPageClean(page, session.server);
  });
});

test("a read-only editor page shows no editing chrome and changes nothing", TIMEOUT, async () => {
  await withPage(session.browser, "readonly-page", async (page) => {
    await openApp(page, app("?readonly=1"));
    assert.equal(await page.$(".palette"), null);
    assert.equal(await page.$("[data-inspector], [data-new], [data-undo], [data-presets]"), null);
    assert.ok(await page.$("[data-readonly-badge]"));
    await page.click('[data-node-id="app1"] [data-instance="0"]');
    await page.click('[data-node-id="db"] .node-box', { position: { x: 20, y: 6 } });
    for (const key of ["k", "Delete", "Control+z", "Control+Shift+Z"]) await page.keyboard.press(key);
    await settle(page);
    assert.deepEqual(await killed(page, "app1"), ["false"]);
    assert.deepEqual(await killed(page, "db"), ["false", "false"]);
    assert.equal(await page.evaluate(() => localStorage.getItem("topolab.autosave")), null, "nothing to save");
    const link = await page.getAttribute("[data-open-editor]", "href");
    assert.ok(!link.includes("readonly"), link);
    assertPageClean(page, session.server);
  });
});

test("the embed's Open in editor link opens the full editor in a new tab with the same diagram", TIMEOUT, async () => {
  await withPage(session.browser, "embed-open", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    await page.click('button[data-kill="app2"]');
    await page.waitForSelector("#cluster-answer.ok");
    const link = frame.locator("[data-open-editor]");
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.match(await link.getAttribute("rel"), /\bnoopener\b/);
    const href = new URL(await link.getAttribute("href"));
    assert.equal(href.pathname, "/dist/index.html");
    assert.equal(href.searchParams.has("embed"), false);
    assert.equal(href.searchParams.has("readonly"), false);
    assert.match(href.hash, /^#d=[A-Za-z0-9_-]+$/);

    const [editor] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
    await editor.waitForSelector("svg[data-topolab-canvas] [data-node-id]");
    assert.equal(editor.url(), href.href);
    assert.ok(await editor.$(".palette"), "the full editor, with its palette");
    assert.equal(await editor.evaluate(() => window.opener), null, "no way back to the article");
    const inFrame = await frame.evaluate(() => window.topolab.document());
    assert.deepEqual(await editor.evaluate(() => window.topolab.document()), inFrame);
    assert.deepEqual(inFrame.nodes.find((n) => n.id === "app2").killed, [0], "the kill came along");
    await editor.close();
    assertPageClean(page, session.server);
  });
});

test("an embedded page never writes the viewer's autosave, never offers it back and never opens it", TIMEOUT, async () => {
  await withPage(session.browser, "embed-autosave", async (page) => {
    // The viewer's own work, autosaved by the editor.
    await openApp(page, app("", "#preset=monolith"));
    await page.evaluate(() => window.topolab.kill("app", 0));
    await page.waitForFunction(() => localStorage.getItem("topolab.autosave")?.includes("killed"));
    // The viewer's language choice: an embed in another language must not change it.
    await page.evaluate(() => localStorage.setItem("topolab.lang", "zh-CN"));
    const storage = () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    const saved = await storage();

    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    await page.click('button[data-kill="app2"]');
    await page.waitForSelector("#cluster-answer.ok");
    await page.click('button[data-kill-all="db"]');
    await page.waitForFunction(() => document.getElementById("cluster-answer").textContent.startsWith("The database"));
    await frame.waitForTimeout(300); // effects run after the render
    assert.equal(await frame.$("[data-restore], .banner"), null, "no restore banner");
    await articleFrame(page, "shop");
    assert.deepEqual(await storage(), saved, "the autosave is untouched");

    // An embed without a diagram in its address opens the cluster, not the viewer's work.
    await openApp(page, `${session.server.url}index.html?embed=1&lang=en`);
    assert.equal(await page.$$eval("[data-node-id]", (els) => els.length), 6);
    assert.equal(await page.$('[data-node-id="app"]'), null);
    assert.equal(await page.$("[data-restore], .banner"), null);
    await page.evaluate(() => window.topolab.kill("app1", 0));
    await page.waitForTimeout(300);
    assert.deepEqual(await storage(), saved, "neither the autosave nor the language choice changed");
    assertPageClean(page, session.server);
  });
});

test("the embedded diagram is fitted to its frame again when the frame is resized", TIMEOUT, async () => {
  await withPage(session.browser, "embed-resize", async (page) => {
    await page.goto(article());
    const frame = await articleFrame(page, "cluster");
    const fit = () =>
      frame.evaluate(() => {
        const svg = document.querySelector("svg[data-topolab-canvas]").getBoundingClientRect();
        const boxes = [...document.querySelectorAll("[data-node-id]")].map((g) => g.getBoundingClientRect());
        const inside = boxes.every(
          (b) => b.left >= svg.left - 1 && b.right <= svg.right + 1 && b.top >= svg.top - 1 && b.bottom <= svg.bottom + 1,
        );
        return { inside, nodeWidth: boxes[0].width, svgWidth: svg.width };
      });
    const first = await fit();
    assert.ok(first.inside, "every node is in view");
    // Zoomed in, part of the diagram is out of view...
    for (let i = 0; i < 4; i += 1) await frame.click('button[aria-label="Zoom in"]');
    assert.equal((await fit()).inside, false);
    // ...until the frame changes size: then the whole diagram is fitted again.
    await page.evaluate(() => {
      document.getElementById("cluster").style.width = "420px";
    });
    await frame.waitForFunction((w) => document.querySelector("svg[data-topolab-canvas]").getBoundingClientRect().width < w - 100, first.svgWidth);
    await settle(frame);
    const narrow = await fit();
    assert.ok(narrow.inside, "every node is in view in the narrow frame");
    assert.ok(narrow.nodeWidth < first.nodeWidth, `smaller: ${first.nodeWidth} -> ${narrow.nodeWidth}`);
    await page.evaluate(() => {
      const f = document.getElementById("cluster");
      f.style.width = "100%";
      f.style.height = "600px";
    });
    await frame.waitForFunction((w) => document.querySelector("svg[data-topolab-canvas]").getBoundingClientRect().width > w + 100, narrow.svgWidth);
    await settle(frame);
    const tall = await fit();
    assert.ok(tall.inside);
    assert.ok(tall.nodeWidth > first.nodeWidth, `bigger: ${first.nodeWidth} -> ${tall.nodeWidth}`);
    assertPageClean(page, session.server);
  });
});

test("the Embed dialog gives an iframe snippet of this diagram that works when pasted into a page", TIMEOUT, async () => {
  await withPage(session.browser, "embed-dialog", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    await openApp(page, app());
    await page.evaluate(() => window.topolab.kill("app1", 0));
    await settle(page);
    await page.focus("[data-embed-button]");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-embed-dialog]");
    assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-embed-copy")), true, "focus on Copy");
    const snippet = () => page.inputValue("[data-embed-snippet]");
    const plain = await snippet();
    const pattern = new RegExp(
      `^<iframe src="${session.server.url.replace(/[.]/g, "\\.")}\\?embed=1#d=[A-Za-z0-9_-]+" width="100%" height="420" ` +
        `title="Cluster: the same app on three servers behind a load balancer" loading="lazy" allow="fullscreen" style="[^"]*"></iframe>$`,
    );
    assert.match(plain, pattern);
    // Keyboard: Tab goes round inside the dialog; the keys never reach the diagram.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate(() => !!document.activeElement.closest("[data-embed-dialog]")), `tab ${i}`);
    }
    await page.keyboard.press("Shift+Tab");
    assert.ok(await page.evaluate(() => !!document.activeElement.closest("[data-embed-dialog]")));
    await page.focus("[data-embed-readonly]");
    await page.keyboard.press("Space");
    const readonly = await snippet();
    assert.match(readonly, /\?embed=1&amp;readonly=1#d=/);
    await page.keyboard.press("k");
    assert.deepEqual(await killed(page, "app1"), ["true"], "k inside the dialog kills nothing");
    await screenshot(page, "embed-dialog");

    await page.click("[data-embed-copy]");
    await page.waitForFunction(() => document.querySelector("[data-copy-status]").textContent !== "");
    assert.equal(await page.textContent("[data-copy-status]"), "Copied to the clipboard.");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), readonly);
    await page.keyboard.press("Escape");
    await page.waitForSelector("[data-embed-dialog]", { state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-embed-button")), true, "focus back");
    const documentHere = await page.evaluate(() => window.topolab.document());
    assertPageClean(page, session.server);

    // Pasted into someone's page, the snippet shows the same diagram, read-only.
    const blog = await openPage(session.browser);
    try {
      await blog.setContent(`<!doctype html><title>A blog</title><h1>My post</h1>${readonly}`);
      const frame = await (await blog.waitForSelector("iframe")).contentFrame();
      await frame.waitForSelector("svg[data-topolab-canvas] [data-node-id]");
      assert.equal(await blog.getAttribute("iframe", "title"), "Cluster: the same app on three servers behind a load balancer");
      assert.deepEqual(await frame.evaluate(() => window.topolab.document()), documentHere);
      assert.match(await frame.evaluate(() => { try { window.topolab.kill("app2", 0); return ""; } catch (e) { return e.message; } }), /^read-only/);
    } finally {
      await blog.context().close();
    }
  });
});

test("without a clipboard, Copy selects the snippet and says to press Ctrl+C", TIMEOUT, async () => {
  await withPage(session.browser, "embed-copy-fallback", async (page) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined }));
    await openApp(page, app("?lang=zh"));
    await page.click("[data-embed-button]");
    assert.equal(await page.textContent("[data-embed-dialog] h2"), "嵌入这张图");
    await page.click("[data-embed-copy]");
    assert.match(await page.textContent("[data-copy-status]"), /按 Ctrl\+C/);
    const selection = await page.evaluate(() => {
      const area = document.querySelector("[data-embed-snippet]");
      return [document.activeElement === area, area.selectionStart, area.selectionEnd, area.value.length];
    });
    assert.deepEqual(selection.slice(0, 3), [true, 0, selection[3]]);
    assert.match(await page.inputValue("[data-embed-snippet]"), /\?embed=1&amp;lang=zh-CN#d=/);
    await page.click("[data-embed-dialog] .modal-close");
    assert.equal(await page.$("[data-embed-dialog]"), null);
    assertPageClean(page, session.server);
  });
});

for (const lang of ["en", "zh"]) {
  test(`the projector theme reads from the back of a classroom at 1024x768 (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `projector-${lang}`, async (page) => {
      await openApp(page, app(`?theme=projector&lang=${lang}`));
      assert.equal(await page.getAttribute("html", "data-theme"), "projector");
      const look = await page.evaluate(() => {
        const style = (el) => getComputedStyle(el);
        const px = (v) => Number.parseFloat(v);
        const svg = document.querySelector("svg[data-topolab-canvas]");
        const scale = svg.getScreenCTM().a;
        const label = document.querySelector('[data-node-id="app1"] .node-label');
        const box = document.querySelector('[data-node-id="app1"] .node-box');
        const link = document.querySelector('[data-link="app1->db"]');
        return {
          scale,
          labelFont: px(style(label).fontSize),
          labelHeight: label.getBoundingClientRect().height,
          figureFont: px(style(document.querySelector("[data-system-all]")).fontSize),
          functionFont: px(style(document.querySelector("[data-function-id] th")).fontSize),
          buttonFont: px(style(document.querySelector("[data-help-button]")).fontSize),
          boxStroke: px(style(box).strokeWidth),
          linkStroke: px(style(link).strokeWidth),
          ink: style(document.body).color,
          paper: style(document.body).backgroundColor,
        };
      });
      assert.ok(look.labelFont >= 15, `node label font ${look.labelFont}px`);
      assert.ok(look.labelHeight >= 16, `node label drawn ${look.labelHeight}px high`);
      assert.ok(look.figureFont >= 40, `system figure ${look.figureFont}px`);
      assert.ok(look.functionFont >= 18, `function rows ${look.functionFont}px`);
      assert.ok(look.buttonFont >= 18, `buttons ${look.buttonFont}px`);
      assert.ok(look.boxStroke >= 3 && look.boxStroke * look.scale >= 3, `node border ${look.boxStroke} x ${look.scale}`);
      assert.ok(look.linkStroke >= 3 && look.linkStroke * look.scale >= 3, `links ${look.linkStroke} x ${look.scale}`);
      assert.equal(look.ink, "rgb(0, 0, 0)");
      assert.equal(look.paper, "rgb(255, 255, 255)");

      // Nothing overlaps: toolbar controls, the figures and the table, nodes and the zoom buttons.
      const overlaps = await page.evaluate(() => {
        const rect = (el) => el.getBoundingClientRect();
        const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        const found = [];
        const named = (selector) => [...document.querySelectorAll(selector)].map((el) => [el, rect(el)]).filter(([, r]) => r.width > 2);
        const pairs = (items, what) => {
          for (let i = 0; i < items.length; i += 1) {
            for (let j = i + 1; j < items.length; j += 1) {
              if (meet(items[i][1], items[j][1])) found.push(`${what}: ${items[i][0].outerHTML.slice(0, 40)} / ${items[j][0].outerHTML.slice(0, 40)}`);
            }
          }
        };
        pairs(named(".toolbar > *"), "toolbar");
        pairs(named(".figure, .function-table"), "figures");
        pairs(named("[data-node-id], .zoom-controls"), "diagram");
        for (const [el, r] of named(".toolbar > *, .figure, .function-table")) {
          if (r.right > innerWidth + 0.5) found.push(`off screen: ${el.outerHTML.slice(0, 40)}`);
        }
        for (const [el] of named(".figure-value, [data-availability], .doc-title ~ *")) {
          if (el.scrollWidth > el.clientWidth + 1) found.push(`cut: ${el.textContent}`);
        }
        const svg = rect(document.querySelector("svg[data-topolab-canvas]"));
        for (const [el, r] of named("[data-node-id]")) {
          if (r.left < svg.left || r.right > svg.right || r.top < svg.top || r.bottom > svg.bottom) {
            found.push(`out of view: ${el.getAttribute("data-node-id")}`);
          }
        }
        return found;
      });
      assert.deepEqual(overlaps, []);
      await screenshot(page, `projector-1024-${lang}`);
      assertPageClean(page, session.server);
    }, { viewport: { width: 1024, height: 768 } });
  });
}

test("the system's dark setting darkens the page unless a theme is chosen; the toolbar's select sets it", TIMEOUT, async () => {
  await withPage(session.browser, "theme", async (page) => {
    const paper = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "dark" });
    await openApp(page, app());
    assert.equal(await page.getAttribute("html", "data-theme"), null);
    assert.equal(await paper(), "rgb(15, 20, 25)");
    await screenshot(page, "theme-dark");
    await openApp(page, app("?theme=light"));
    assert.equal(await paper(), "rgb(246, 247, 249)", "?theme=light wins over the system");
    await page.emulateMedia({ colorScheme: "light" });
    await openApp(page, app("?theme=dark"));
    assert.equal(await paper(), "rgb(15, 20, 25)", "?theme=dark wins over the system");
    await openApp(page, app());
    assert.equal(await paper(), "rgb(246, 247, 249)");

    await page.selectOption("[data-theme-select]", "projector");
    assert.equal(await page.getAttribute("html", "data-theme"), "projector");
    assert.equal(new URL(page.url()).searchParams.get("theme"), "projector");
    assert.equal(await paper(), "rgb(255, 255, 255)");
    await page.reload();
    await page.waitForSelector("svg[data-topolab-canvas] [data-node-id]");
    assert.equal(await page.getAttribute("html", "data-theme"), "projector", "kept by the address");
    assert.equal(await page.inputValue("[data-theme-select]"), "projector");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.selectOption("[data-theme-select]", "system");
    assert.equal(await page.getAttribute("html", "data-theme"), null);
    assert.equal(new URL(page.url()).searchParams.has("theme"), false);
    assert.equal(await paper(), "rgb(15, 20, 25)", "back to the system's");
    await openApp(page, app("?theme=neon"));
    assert.equal(await page.getAttribute("html", "data-theme"), null, "an unknown theme is the system's");
    assertPageClean(page, session.server);
  });
});

test("with reduced motion asked for, nothing transitions or animates", TIMEOUT, async () => {
  await withPage(session.browser, "reduced-motion", async (page) => {
    const motion = () =>
      page.evaluate(() => ({
        button: getComputedStyle(document.querySelector("[data-embed-button]")).transitionDuration,
        dialog: getComputedStyle(document.querySelector("[data-embed-dialog]")).animationName,
      }));
    await openApp(page, app());
    await page.click("[data-embed-button]");
    const normal = await motion();
    assert.notEqual(normal.button, "0s");
    assert.equal(normal.dialog, "topolab-fade-in");
    await page.keyboard.press("Escape");
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.click("[data-embed-button]");
    assert.deepEqual(await motion(), { button: "0s", dialog: "none" });
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")].filter((el) => {
        const s = getComputedStyle(el);
        return s.animationName !== "none" || s.transitionDuration.split(",").some((d) => Number.parseFloat(d) > 0);
      }).length,
    );
    assert.equal(moving, 0);
    assertPageClean(page, session.server);
  });
});

test("F toggles full screen, and the help lists it in English and in Chinese", TIMEOUT, async () => {
  await withPage(session.browser, "fullscreen", async (page) => {
    await openApp(page, app());
    const full = () => page.evaluate(() => document.fullscreenElement?.tagName ?? null);
    await page.keyboard.press("f");
    await page.waitForFunction(() => document.fullscreenElement !== null);
    assert.equal(await full(), "HTML");
    // The button follows the page's fullscreenchange event, on the render after it.
    await page.waitForFunction(
      () => document.querySelector("[data-fullscreen] .fullscreen-text")?.textContent === "Exit full screen",
    );
    await page.keyboard.press("f");
    await page.waitForFunction(() => document.fullscreenElement === null);
    await page.click("[data-fullscreen]");
    await page.waitForFunction(() => document.fullscreenElement !== null);
    await page.click("[data-fullscreen]");
    await page.waitForFunction(() => document.fullscreenElement === null);
    // An f typed into a field is a letter.
    await page.click('[data-node-id="app1"] .node-box', { position: { x: 20, y: 6 } });
    await page.focus('[data-inspector="node"] input[name="label"]');
    await page.keyboard.press("f");
    assert.equal(await full(), null);

    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press("?");
    assert.match(await page.textContent("[data-help-fullscreen]"), /^FFull screen on or off/);
    await page.keyboard.press("Escape");
    await openApp(page, app("?lang=zh"));
    await page.keyboard.press("?");
    assert.equal(await page.textContent("[data-help-fullscreen] td"), "进入或退出全屏（用于演示）");
    assert.equal(await page.getAttribute("[data-fullscreen]", "title"), "进入或退出全屏（F）");
    assertPageClean(page, session.server);
  });
});
