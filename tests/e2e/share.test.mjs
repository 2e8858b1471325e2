// Share, export and import, end to end in Chromium against dist/: a copied link
// opens the same diagram in another browser; the address follows every change; each export
// parses (SVG as XML, PNG as an image twice the SVG's size, JSON read back equal, Mermaid);
// import by file picker, drop and paste, a broken file refused with the engine's messages;
// hostile #d= addresses refused or shown as inert text, never touching the autosave; the
// page keeps working offline once loaded. Screenshots go to target/e2e-artifacts/.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import {
  ARTIFACTS,
  ROOT,
  assertPageClean,
  drag,
  freeDelta,
  grabPoint,
  openApp,
  screenshot,
  serveDist,
  settle,
  startSession,
  withPage,
} from "./harness.mjs";

const TIMEOUT = { timeout: 120_000 };
const session = startSession();

const CANVAS = "svg[data-topolab-canvas]";
const AUTOSAVE = "topolab.autosave";
const PREVIOUS = "topolab.autosave.previous";
const CLUSTER_TITLE = "Cluster: the same app on three servers behind a load balancer";
const CLUSTER_FILE = "Cluster the same app on three servers behind a load balancer";
const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const instance = (id, index) => `${node(id)} [data-instance="${index}"]`;
const doc = (page) => page.evaluate(() => window.topolab.document());
const autosaves = (page) =>
  page.evaluate(([a, p]) => ({ autosave: localStorage.getItem(a), previous: localStorage.getItem(p) }), [AUTOSAVE, PREVIOUS]);

/** The document in the page's address (`#d=`), decoded in the page as the spec says. */
function addressDocument(page) {
  return page.evaluate(async () => {
    const data = location.hash.startsWith("#d=") ? location.hash.slice(3) : null;
    if (data === null) return { hash: location.hash };
    const base64 = data.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return JSON.parse(await new Response(stream).text());
  });
}

/** Asserts that the address holds exactly the document being edited. */
async function assertAddressCurrent(page, after) {
  assert.deepEqual(await addressDocument(page), await doc(page), `the address is current after ${after}`);
}

/** `#d=` data for `text`: raw DEFLATE and base64url, made by the browser's own compressor. */
function packed(page, text) {
  return page.evaluate(async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }, text);
}

/** Takes focus out of any field, so keys and pastes go to the page. */
const unfocus = (page) => page.evaluate(() => document.activeElement?.blur());

/** target/debug/topolab if it is newer than every source file, else null. */
async function freshCli() {
  const cli = path.join(ROOT, "target", "debug", "topolab");
  if (!existsSync(cli)) return null;
  const built = (await stat(cli)).mtimeMs;
  const sources = await readdir(path.join(ROOT, "crates"), { recursive: true });
  for (const file of sources) {
    if ((await stat(path.join(ROOT, "crates", file))).mtimeMs > built) return null;
  }
  return cli;
}

/** Opens the Share or Export panel. */
async function openMenu(page, name) {
  await page.click(`[data-popover="${name}"]`);
  await page.waitForSelector(`[data-popover-panel="${name}"]`);
}

/** Clicks an Export entry and returns its download: {name, bytes}. */
async function exported(page, format) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-export="${format}"]`)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

/** Imports a file through the Import button's file picker. */
async function importFile(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("[data-import]")]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => document.querySelector(".banner"));
  await settle(page);
}

/** The cluster preset with app1 killed once and the database killed wholly, through the UI and API. */
async function openKilledCluster(page, url) {
  await openApp(page, `${url}#preset=cluster`);
  await page.click(instance("app1", 0));
  await page.evaluate(() => {
    window.topolab.kill("db", 0);
    window.topolab.kill("db", 1);
  });
  await settle(page);
  const killed = await doc(page);
  assert.deepEqual(killed.nodes.find((n) => n.id === "app1").killed, [0]);
  assert.deepEqual(killed.nodes.find((n) => n.id === "db").killed, [0, 1]);
  return killed;
}

test("Copy link puts the whole diagram on the clipboard, and a fresh browser opens it", TIMEOUT, async () => {
  // From a sub-folder: the link keeps the app's folder.
  const nested = await serveDist({ prefix: "/some/folder/" });
  try {
    await withPage(session.browser, "share-copy-link", async (page) => {
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: nested.origin });
      const killed = await openKilledCluster(page, nested.url);
      await openMenu(page, "share");
      assert.equal(
        await page.evaluate(() => document.activeElement?.hasAttribute("data-copy-link")),
        true,
        "the panel opens with Copy link focused",
      );
      await page.click("[data-copy-link]");
      await page.waitForSelector('[data-share-status="copied"]');
      assert.match(await page.textContent("[data-share-status]"), /copied/i);
      await screenshot(page, "share-menu");

      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert.ok(link.startsWith(`${nested.url}#d=`), `the link is the page's address: ${link.slice(0, 80)}`);
      assert.match(link, /#d=[A-Za-z0-9_-]+$/);
      assert.equal(await page.inputValue("[data-share-link]"), link, "the field shows the same link");
      assert.equal(link, page.url(), "the address bar holds the same link");

      // Escape closes the panel and gives focus back to its button.
      await page.keyboard.press("Escape");
      await settle(page);
      assert.equal(await page.locator('[data-popover-panel="share"]').count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-popover")), "share");

      // Another browser (no shared storage), as a friend would open it from a chat.
      const friend = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const other = await friend.newPage();
        const errors = [];
        other.on("pageerror", (e) => errors.push(String(e)));
        await openApp(other, link);
        assert.deepEqual(await doc(other), killed, "the same diagram, kills included");
        assert.equal(await other.getAttribute(node("db"), "data-status"), "down");
        assert.equal(await other.getAttribute(instance("app1", 0), "data-killed"), "true");
        assert.equal(await other.evaluate((key) => localStorage.getItem(key), AUTOSAVE), null, "opening writes nothing");
        assert.deepEqual(errors, []);
      } finally {
        await friend.close();
      }
      assertPageClean(page, nested);
    });
  } finally {
    await nested.close();
  }
});

test("where the browser refuses to copy, the link is shown selected for Ctrl+C", TIMEOUT, async () => {
  await withPage(session.browser, "share-copy-refused", async (page) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    });
    await openApp(page, `${session.server.url}#preset=monolith`);
    await openMenu(page, "share");
    await page.click("[data-copy-link]");
    await page.waitForSelector('[data-share-status="refused"]');
    assert.match(await page.textContent("[data-share-status]"), /Ctrl\+C/);
    const selection = await page.evaluate(() => {
      const field = document.activeElement;
      return {
        isField: field?.hasAttribute("data-share-link"),
        whole: field?.selectionStart === 0 && field?.selectionEnd === field?.value.length,
        value: field?.value,
      };
    });
    assert.ok(selection.isField && selection.whole, `the link is focused and selected: ${JSON.stringify(selection)}`);
    assert.match(selection.value, /#d=[A-Za-z0-9_-]+$/);
    await screenshot(page, "share-copy-refused");
    assertPageClean(page, session.server);
  });
});

test("the address follows every kind of change: kill, move, edit, undo, a preset", TIMEOUT, async () => {
  await withPage(session.browser, "share-address", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    assert.deepEqual(await addressDocument(page), { hash: "#preset=cluster" }, "opening a preset writes nothing");
    const opened = await doc(page);

    await page.click(instance("app2", 0));
    await settle(page);
    await assertAddressCurrent(page, "a kill");

    const from = await grabPoint(page, "app3");
    const [dx, dy] = await freeDelta(page, "app3");
    await drag(page, from, { x: from.x + dx, y: from.y + dy });
    const moved = await doc(page);
    assert.notDeepEqual(moved.nodes.find((n) => n.id === "app3"), opened.nodes.find((n) => n.id === "app3"));
    await assertAddressCurrent(page, "a move");

    await page.click(node("db"), { position: { x: 30, y: 12 } });
    await page.waitForSelector('[data-inspector="node"]');
    const label = page.locator('[data-inspector] [name="label"]');
    await label.fill("Primary database");
    await label.press("Enter");
    await settle(page);
    assert.equal((await doc(page)).nodes.find((n) => n.id === "db").label, "Primary database");
    await assertAddressCurrent(page, "an edit");

    await unfocus(page);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+z");
    await settle(page);
    await assertAddressCurrent(page, "one undo");
    // All the way back to the opened diagram: the address must not keep the last edit.
    for (let i = 0; i < 5; i++) await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await doc(page), opened, "undone back to the opened preset");
    await assertAddressCurrent(page, "undoing every change");
    const saved = await autosaves(page);
    assert.deepEqual(JSON.parse(saved.autosave), opened, "and the autosave follows too");
    await page.keyboard.press("Control+Shift+z");
    await settle(page);
    await assertAddressCurrent(page, "a redo");

    await page.selectOption("[data-presets]", "microservices");
    await settle(page);
    assert.ok((await doc(page)).nodes.some((n) => n.id === "gw"), "the preset is open");
    await assertAddressCurrent(page, "opening a preset from the menu");
    assertPageClean(page, session.server);
  });
});

test("exports: SVG is well-formed XML, the PNG is twice its size, JSON reads back, Mermaid", TIMEOUT, async (t) => {
  await withPage(session.browser, "share-export", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    const killed = await openKilledCluster(page, session.server.url);
    await openMenu(page, "export");
    await screenshot(page, "share-export-menu");
    await mkdir(ARTIFACTS, { recursive: true });

    // SVG: well-formed, every node, the live statuses, text as text.
    const svg = await exported(page, "svg");
    assert.equal(svg.name, `${CLUSTER_FILE}.svg`);
    await writeFile(path.join(ARTIFACTS, "share-exported.svg"), svg.bytes);
    const parsed = await page.evaluate((text) => {
      const xml = new DOMParser().parseFromString(text, "image/svg+xml");
      const root = xml.documentElement;
      return {
        error: xml.querySelector("parsererror")?.textContent ?? null,
        root: root.localName,
        width: Number(root.getAttribute("width")),
        height: Number(root.getAttribute("height")),
        ids: [...xml.querySelectorAll("[data-node-id]")].map((g) => g.getAttribute("data-node-id")),
        down: [...xml.querySelectorAll('[data-node-id][data-status="down"]')].map((g) => g.getAttribute("data-node-id")),
        title: xml.querySelector("title")?.textContent,
        scripts: xml.querySelectorAll("script, foreignObject").length,
      };
    }, svg.bytes.toString("utf8"));
    assert.equal(parsed.error, null, "the SVG parses as XML");
    assert.equal(parsed.root, "svg");
    assert.deepEqual(parsed.ids, killed.nodes.map((n) => n.id), "every node, in document order");
    const live = await page.$$eval(`${CANVAS} [data-node-id][data-status="down"]`, (gs) =>
      gs.map((g) => g.getAttribute("data-node-id")),
    );
    assert.deepEqual(live, ["app1", "app2", "app3", "db"], "app1 killed, the others need the dead database");
    assert.deepEqual(parsed.down, live, "drawn with the live statuses");
    assert.equal(parsed.title, CLUSTER_TITLE);
    assert.equal(parsed.scripts, 0);
    assert.match(await page.textContent("[data-export-status]"), new RegExp(`Downloaded “${CLUSTER_FILE}\\.svg”`));

    // The CLI's render of the same document prints the very same SVG (tests/export.rs checks
    // it natively; here too when `cargo test` has built the CLI from the current sources).
    const cli = await freshCli();
    if (cli) {
      const printed = execFileSync(cli, ["render", "-"], { input: JSON.stringify(killed) }).toString("utf8");
      const mine = svg.bytes.toString("utf8");
      let at = 0;
      while (at < mine.length && mine[at] === printed[at]) at++;
      assert.ok(mine === printed, `the app's SVG differs from topolab render's at ${at}: ${mine.slice(at, at + 60)}`);
    } else {
      t.diagnostic("no CLI built from the current sources: the app/CLI comparison is left to tests/export.rs");
    }

    // PNG: decodes, twice the SVG's size.
    const png = await exported(page, "png");
    assert.equal(png.name, `${CLUSTER_FILE}.png`);
    await writeFile(path.join(ARTIFACTS, "share-exported.png"), png.bytes);
    const image = await page.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, png.bytes.toString("base64"));
    assert.deepEqual(image, { width: 2 * parsed.width, height: 2 * parsed.height }, "the PNG is 2x the SVG");
    assert.match(await page.textContent("[data-export-status]"), new RegExp(`${image.width} × ${image.height}`));

    // Mermaid: a file, and the same text on the clipboard.
    const mermaid = await exported(page, "mmd");
    assert.equal(mermaid.name, `${CLUSTER_FILE}.mmd`);
    const flowchart = mermaid.bytes.toString("utf8");
    assert.ok(flowchart.startsWith("flowchart"), flowchart.slice(0, 40));
    assert.match(flowchart, /\n  class n2,n3,n4,n5 down\n/, "the dead servers and database are marked down");
    await page.click('[data-export="mermaid-copy"]');
    await page.waitForSelector('[data-export-status="done"]');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), flowchart);

    // JSON: the document, pretty; imported again through the file picker, the same document.
    const json = await exported(page, "json");
    assert.equal(json.name, `${CLUSTER_FILE}.json`);
    const text = json.bytes.toString("utf8");
    assert.ok(text.includes('\n  "nodes": ['), "pretty JSON");
    assert.deepEqual(JSON.parse(text), killed);
    const file = path.join(ARTIFACTS, json.name);
    await writeFile(file, json.bytes);
    await page.keyboard.press("Escape");

    await page.selectOption("[data-presets]", "monolith");
    await settle(page);
    const monolith = await doc(page);
    const before = await autosaves(page);
    assert.deepEqual(JSON.parse(before.autosave), monolith);
    await importFile(page, file);
    assert.deepEqual(await doc(page), killed, "the exported JSON imports equal");
    assert.match(await page.textContent(".banner"), /Imported .*Undo/);
    const after = await autosaves(page);
    assert.equal(after.previous, before.autosave, "the autosave it replaced is kept aside");
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await doc(page), monolith, "Ctrl+Z brings the previous diagram back");
    assertPageClean(page, session.server);
  });
});

test("a broken file is refused with the engine's first problems, each naming its place", TIMEOUT, async () => {
  await withPage(session.browser, "share-import-refused", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    await page.click(instance("app1", 0)); // an edit, so there is an autosave to protect
    await settle(page);
    const before = await doc(page);
    const saved = await autosaves(page);
    const broken = {
      format: "topolab/1",
      nodes: [
        { id: "web", kind: "client" },
        { id: "api", kind: "service", replicas: 0 },
        { id: "db", kind: "database", availability: 2 },
        { id: "db", kind: "cache" },
      ],
      links: [{ from: "api", to: "paymnts" }],
    };
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("[data-import]")]);
    await chooser.setFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await page.waitForSelector(".banner");
    const message = await page.textContent(".banner");
    assert.match(message, /broken\.json/);
    assert.match(message, /nodes\[1\]\.replicas/, message);
    assert.match(message, /nodes\[2\]\.availability/, message);
    assert.match(message, /and \d+ more/, message);
    assert.deepEqual(await doc(page), before, "nothing changed");
    assert.deepEqual(await autosaves(page), saved, "the autosave is untouched");
    await screenshot(page, "share-import-refused");

    // Not JSON at all, and a file far too large: refused too.
    await page.click(".banner-close");
    const [again] = await Promise.all([page.waitForEvent("filechooser"), page.click("[data-import]")]);
    await again.setFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("\u0000\u00ffnot json") });
    await page.waitForSelector(".banner");
    assert.match(await page.textContent(".banner"), /notes\.json.*not valid JSON/);
    await page.click(".banner-close");
    const [large] = await Promise.all([page.waitForEvent("filechooser"), page.click("[data-import]")]);
    await large.setFiles({ name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(9 * 1024 * 1024, 32) });
    await page.waitForSelector(".banner");
    assert.match(await page.textContent(".banner"), /huge\.json.*9\.0 MiB.*8\.0 MiB/);
    assert.deepEqual(await doc(page), before);
    assert.deepEqual(await autosaves(page), saved);
    assertPageClean(page, session.server);
  });
});

test("JSON pasted outside a text field is imported; inside one it is only text", TIMEOUT, async () => {
  await withPage(session.browser, "share-paste", async (page) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.origin });
    await openApp(page, `${session.server.url}#preset=cluster`);
    const cluster = await doc(page);
    const pasted = {
      format: "topolab/1",
      title: "Pasted",
      nodes: [
        { id: "users", kind: "client", x: 0, y: 0 },
        { id: "site", kind: "service", x: 200, y: 0, replicas: 2, killed: [1] },
      ],
      links: [{ from: "users", to: "site" }],
    };
    await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(pasted));

    // In a text field, a paste is the field's.
    await page.click(node("db"), { position: { x: 30, y: 12 } });
    const label = page.locator('[data-inspector] [name="label"]');
    const original = await label.inputValue();
    await label.focus();
    await page.keyboard.press("Control+V");
    await settle(page);
    assert.deepEqual(await doc(page), cluster, "no import from a paste into a field");
    assert.ok((await label.inputValue()).includes('"Pasted"'), "the field got the text");
    await label.fill(original);

    // Anywhere else, it is imported.
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => window.topolab.document().title === "Pasted");
    assert.deepEqual(await doc(page), pasted);
    assert.match(await page.textContent(".banner"), /Imported “Pasted” \(2 nodes\) from the pasted text/);

    // Broken JSON pasted: refused with its problem, nothing changed.
    await page.evaluate(() => navigator.clipboard.writeText('{"format": "topolab/1", "nodes": [{"id": "x"}]}'));
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => /Nothing was imported/.test(document.querySelector(".banner")?.textContent));
    assert.match(await page.textContent(".banner"), /pasted text: nodes\[0\]/);
    assert.deepEqual(await doc(page), pasted);

    // Plain text pasted is left alone.
    await page.click(".banner-close");
    await page.evaluate(() => navigator.clipboard.writeText("hello"));
    await unfocus(page);
    await page.keyboard.press("Control+V");
    await settle(page);
    assert.equal(await page.locator(".banner").count(), 0);
    assert.deepEqual(await doc(page), pasted);
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await doc(page), cluster, "the paste is undoable");
    assertPageClean(page, session.server);
  });
});

test("a .json file dropped on the canvas is imported; palette kinds still drop as nodes", TIMEOUT, async () => {
  await withPage(session.browser, "share-drop", async (page) => {
    await openApp(page, `${session.server.url}#preset=monolith`);
    const monolith = await doc(page);
    const dropped = {
      format: "topolab/1",
      title: "Dropped",
      nodes: [
        { id: "c", kind: "client", x: 0, y: 0 },
        { id: "s", kind: "service", x: 220, y: 0 },
      ],
      links: [{ from: "c", to: "s" }],
    };
    /** Drops a DataTransfer made by `fill(dt)` on `selector`; returns whether dragover and drop were taken. */
    const dropOn = (selector, fill, arg) =>
      page.evaluate(
        ([selector, fill, arg]) => {
          const dt = new DataTransfer();
          new Function("dt", "arg", fill)(dt, arg);
          const target = document.querySelector(selector);
          const box = target.getBoundingClientRect();
          const at = { clientX: box.left + box.width * 0.6, clientY: box.top + box.height * 0.6 };
          const fire = (type) => {
            const event = new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, ...at });
            target.dispatchEvent(event);
            return event.defaultPrevented;
          };
          fire("dragenter");
          return { over: fire("dragover"), drop: fire("drop") };
        },
        [selector, fill, arg],
      );
    const fileInto = 'dt.items.add(new File([arg], "dropped.json", { type: "application/json" }));';

    // Beside the canvas (the side panel), a dropped file is refused: the page stays.
    const beside = await dropOn(".side", fileInto, JSON.stringify(dropped));
    assert.deepEqual(beside, { over: true, drop: true }, "the browser does not open the file instead of the app");
    assert.deepEqual(await doc(page), monolith, "nothing imported beside the canvas");

    const taken = await dropOn(CANVAS, fileInto, JSON.stringify(dropped));
    assert.deepEqual(taken, { over: true, drop: true });
    await page.waitForFunction(() => window.topolab.document().title === "Dropped");
    assert.deepEqual(await doc(page), dropped);
    assert.match(await page.textContent(".banner"), /Imported “Dropped” \(2 nodes\) from the file “dropped\.json”/);

    // A palette kind dragged onto the canvas still adds a node there.
    const kind = await dropOn(CANVAS, 'dt.setData("application/x-topolab-kind", arg);', "cache");
    assert.deepEqual(kind, { over: true, drop: true });
    await settle(page);
    const now = await doc(page);
    assert.equal(now.nodes.length, 3);
    assert.equal(now.nodes[2].kind, "cache");

    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual(await doc(page), monolith, "the drop is undoable");
    assertPageClean(page, session.server);
  });
});

test("hostile #d= addresses are refused or shown as inert text, and never touch the autosave", TIMEOUT, async () => {
  await withPage(session.browser, "share-hostile", async (page) => {
    // Someone's own work, autosaved.
    await openApp(page, `${session.server.url}#preset=monolith`);
    await page.click(instance("app", 0));
    await settle(page);
    const work = await autosaves(page);
    assert.ok(work.autosave, "there is an autosave to protect");
    const context = page.context();

    const random = await page.evaluate(() => {
      const bytes = crypto.getRandomValues(new Uint8Array(900));
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    });
    const huge = await packed(page, `{"format":"topolab/1","title":"${" ".repeat(9 * 1024 * 1024)}"}`);
    const nested = await packed(page, "[".repeat(100_000) + "]".repeat(100_000));
    const evil = {
      format: "topolab/1",
      title: "<img src=x onerror=\"window.__pwned='title'\">",
      nodes: [
        { id: "c", kind: "client", label: "<script>window.__pwned='script'</script>", x: 0, y: 0 },
        { id: "s", kind: "service", label: "<img src=x onerror=\"window.__pwned='img'\">", x: 220, y: 0 },
        { id: "t", kind: "service", label: "</text><script>window.__pwned=1</script>", x: 440, y: 0 },
      ],
      links: [
        { from: "c", to: "s" },
        { from: "s", to: "t" },
      ],
    };
    const script = await packed(page, JSON.stringify(evil));
    const refused = [
      ["random bytes", random, /not valid raw DEFLATE|ends too early|could not be opened/],
      ["characters outside base64url", "%3Cscript%3E!!", /not one of A-Z a-z 0-9/],
      ["over the inflate limit", huge, /larger than the limit of 8 MiB/],
      ["100,000 nested arrays", nested, /recursion limit|not valid JSON/],
      ["a link cut short", script.slice(0, Math.floor(script.length / 2)), /cut short|could not be opened/],
    ];

    for (const [what, data, message] of refused) {
      // Opened as a page (a link followed from a chat) ...
      const opened = await context.newPage();
      await openApp(opened, `${session.server.url}#d=${data}`);
      const banner = await opened.textContent(".banner");
      assert.match(banner, /could not be opened/, `${what}: ${banner}`);
      assert.match(banner, message, `${what}: ${banner}`);
      assert.ok((await opened.locator(`${CANVAS} [data-node-id]`).count()) > 0, `${what}: a diagram opens anyway`);
      assert.deepEqual(await autosaves(opened), work, `${what}: the autosave is untouched`);
      if (what === "over the inflate limit") await screenshot(opened, "share-hostile-refused");
      await opened.close();
      // ... and pasted into the address bar of an open page.
      const shown = await doc(page);
      await page.evaluate((data) => (location.hash = `d=${data}`), data);
      await page.waitForFunction(() => /could not be opened/.test(document.querySelector(".banner")?.textContent));
      assert.deepEqual(await doc(page), shown, `${what}: the open diagram stays`);
      assert.deepEqual(await autosaves(page), work, `${what}: the autosave is untouched`);
      await page.click(".banner-close");
    }

    // Markup in labels and the title: drawn as text, nothing runs, nothing is fetched.
    const opened = await context.newPage();
    await openApp(opened, `${session.server.url}#d=${script}`);
    assert.deepEqual(await doc(opened), evil, "a valid document: opened");
    const page2 = await opened.evaluate(() => ({
      pwned: window.__pwned ?? null,
      images: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("body script").length,
      // Long labels are cut on the box; the full text is the node's accessible name.
      labels: [...document.querySelectorAll("svg[data-topolab-canvas] [data-node-id]")].map((g) => ({
        shown: g.querySelector(".node-label")?.textContent,
        name: g.getAttribute("aria-label"),
      })),
      title: document.querySelector(".doc-title")?.textContent,
    }));
    const { labels, ...rest } = page2;
    assert.deepEqual(rest, { pwned: null, images: 0, scripts: 0, title: evil.title });
    evil.nodes.forEach((n, i) => {
      assert.ok(n.label.startsWith(labels[i].shown.replace(/…$/, "")), `${n.id} shows ${labels[i].shown}`);
      assert.ok(labels[i].name.includes(n.label), `${n.id} is named ${labels[i].name}`);
    });
    assert.deepEqual(await autosaves(opened), work, "opening it wrote nothing");
    // Its exports carry the markup as text too.
    await openMenu(opened, "export");
    const svg = await exported(opened, "svg");
    const inert = await opened.evaluate((text) => {
      const xml = new DOMParser().parseFromString(text, "image/svg+xml");
      return {
        error: xml.querySelector("parsererror")?.textContent ?? null,
        elements: xml.querySelectorAll("script, img, foreignObject").length,
        texts: [...xml.querySelectorAll(".node-label")].map((t) => t.textContent),
      };
    }, svg.bytes.toString("utf8"));
    assert.deepEqual(inert, { error: null, elements: 0, texts: labels.map((l) => l.shown) });
    await exported(opened, "png");
    await exported(opened, "mmd");
    await opened.waitForTimeout(300);
    assert.equal(await opened.evaluate(() => window.__pwned ?? null), null, "no script ran");
    await screenshot(opened, "share-hostile-labels");
    await opened.close();
    assertPageClean(page, session.server);
  });
});

test("once loaded, the page works offline: kill, export a PNG, import, share", TIMEOUT, async () => {
  await withPage(session.browser, "share-offline", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    const requestsBefore = page.problems.requests.length;
    await page.context().setOffline(true);
    try {
      await page.click(instance("app1", 0));
      await settle(page);
      assert.equal(await page.getAttribute(instance("app1", 0), "data-killed"), "true");
      await openMenu(page, "export");
      const png = await exported(page, "png");
      assert.ok(png.bytes.length > 1000, "a PNG was made offline");
      const json = await exported(page, "json");
      await page.keyboard.press("Escape");
      const file = path.join(ARTIFACTS, "share-offline.json");
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(file, json.bytes);
      await page.selectOption("[data-presets]", "monolith");
      await importFile(page, file);
      assert.deepEqual(await doc(page), JSON.parse(json.bytes.toString("utf8")));
      await openMenu(page, "share");
      assert.match(await page.inputValue("[data-share-link]"), /#d=/);
    } finally {
      await page.context().setOffline(false);
    }
    const network = page.problems.requests.slice(requestsBefore).filter((url) => !/^(blob|data):/.test(url));
    assert.deepEqual(network, [], "nothing was fetched after loading");
    assertPageClean(page, session.server);
  });
});

test("the Share and Export menus and the import messages speak Chinese", TIMEOUT, async () => {
  await withPage(session.browser, "share-zh", async (page) => {
    await openApp(page, `${session.server.url}?lang=zh#preset=cluster`);
    assert.equal(await page.textContent("[data-import]"), "导入…");
    await openMenu(page, "share");
    const share = await page.textContent('[data-popover-panel="share"]');
    assert.match(share, /分享这张图/);
    assert.match(await page.textContent("[data-copy-link]"), /复制链接/);
    const link = await page.inputValue("[data-share-link]");
    assert.ok(link.startsWith(`${session.server.url}#d=`), `the link leaves the language to its reader: ${link.slice(0, 60)}`);
    await screenshot(page, "share-menu-zh");
    await openMenu(page, "export");
    assert.equal(await page.locator('[data-popover-panel="share"]').count(), 0, "one panel at a time");
    const exports = await page.textContent('[data-popover-panel="export"]');
    assert.match(exports, /导出这张图/);
    assert.match(exports, /PNG 图片（2 倍）/);
    await exported(page, "json");
    assert.match(await page.textContent("[data-export-status]"), /^已下载“/);
    await screenshot(page, "share-export-menu-zh");
    await page.keyboard.press("Escape");
    // The help lists the ways to import.
    await unfocus(page);
    await page.keyboard.press("?");
    await page.waitForSelector("[data-help-importing]");
    assert.match(await page.textContent("[data-help-importing]"), /导入图.*Ctrl \+ V.*\.json/);
    await page.keyboard.press("Escape");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("[data-import]")]);
    await chooser.setFiles({ name: "坏的.json", mimeType: "application/json", buffer: Buffer.from('{"format": "topolab/1", "nodes": [{"id": "a", "kind": "service", "replicas": 0}]}') });
    await page.waitForSelector(".banner");
    assert.match(await page.textContent(".banner"), /^没有从文件“坏的\.json”导入任何内容：nodes\[0\]\.replicas/);
    await screenshot(page, "share-import-refused-zh");
    assertPageClean(page, session.server);
  });
});

test("the release describes itself: title, description, social preview, theme colour, <noscript>", TIMEOUT, async () => {
  const nested = await serveDist({ prefix: "/blog/topolab/" });
  try {
    await withPage(session.browser, "share-metadata", async (page) => {
      await openApp(page, nested.url);
      const meta = await page.evaluate(() => {
        const content = (selector) => document.querySelector(selector)?.getAttribute("content") ?? null;
        return {
          title: document.title,
          description: content('meta[name="description"]'),
          ogTitle: content('meta[property="og:title"]'),
          ogDescription: content('meta[property="og:description"]'),
          ogImage: content('meta[property="og:image"]'),
          card: content('meta[name="twitter:card"]'),
          themes: [...document.querySelectorAll('meta[name="theme-color"]')].map((m) => m.getAttribute("content")),
        };
      });
      assert.equal(meta.title, "Topolab");
      assert.ok(meta.description?.length > 40, meta.description);
      assert.match(meta.ogTitle, /^Topolab/);
      assert.ok(meta.ogDescription?.length > 40, meta.ogDescription);
      assert.equal(meta.card, "summary_large_image");
      assert.equal(meta.themes.length, 2, "a theme colour for light and for dark");
      // The preview image ships in dist/, next to index.html, wherever that is.
      const image = await page.evaluate(async (src) => {
        const url = new URL(src, location.href).href;
        const img = new Image();
        img.src = url;
        await img.decode();
        return { url, width: img.naturalWidth, height: img.naturalHeight };
      }, meta.ogImage);
      assert.equal(image.url, `${nested.url}social-preview.png`);
      assert.deepEqual([image.width, image.height], [1200, 630]);
      assertPageClean(page, nested);
    });

    // Without JavaScript, the page says what it is and what it needs, in both languages.
    const context = await session.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 500 } });
    try {
      const page = await context.newPage();
      await page.goto(nested.url, { waitUntil: "load" });
      const text = await page.locator("noscript .noscript, .noscript").first().innerText();
      assert.match(text, /enable JavaScript and WebAssembly/);
      assert.match(text, /请启用 JavaScript 和 WebAssembly/);
      await screenshot(page, "share-noscript");
    } finally {
      await context.close();
    }
  } finally {
    await nested.close();
  }
});
