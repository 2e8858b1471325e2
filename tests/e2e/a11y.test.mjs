// Accessibility: axe-core finds nothing on any page the app shows, in English and
// Chinese; a whole task done with the keyboard alone, no pointer event; what Chromium's
// accessibility tree tells a screen reader (a node's name and role, its links, the live
// region after a kill), with the cluster example built from scratch by keyboard; and the
// contrast of the status marks, links and the focus ring in every theme.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { ROOT, assertPageClean, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 180_000 };
const session = startSession();
const AXE = await readFile(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
const CANVAS = "svg[data-topolab-canvas]";
const PRESETS = ["monolith", "cluster", "distributed", "microservices", "distributed-monolith", "hidden-spof"];

/** axe-core's violations on the page as it is now, one readable line each node. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // A dialog fading in is checked as it ends up, not half transparent.
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
    await new Promise((done) => setTimeout(done, 200));
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n}`));
}

async function assertNoViolations(page, where) {
  const found = await axeViolations(page);
  if (found.length > 0) await screenshot(page, `a11y-${where.replace(/[^a-z0-9]+/gi, "-")}`);
  assert.deepEqual(found, [], `axe-core on ${where}`);
}

/** The element that has focus, as "node:<id>", "kind:<kind>" (the add menu) or its tag. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (el?.hasAttribute("data-node-id")) return `node:${el.getAttribute("data-node-id")}`;
    if (el?.hasAttribute("data-add-kind")) return `kind:${el.getAttribute("data-add-kind")}`;
    return el?.tagName.toLowerCase() ?? "none";
  });

/** Presses `key` until `want` (a string or a test of `focused`) holds, at most `max` times. */
async function pressUntil(page, key, want, max = 40) {
  const ok = typeof want === "function" ? want : (f) => f === want;
  for (let i = 0; i < max; i += 1) {
    if (await ok(await focused(page))) return;
    await page.keyboard.press(key);
  }
  assert.ok(await ok(await focused(page)), `${key} never reached ${want}; focus is on ${await focused(page)}`);
}

/** Counts every pointer, mouse and touch event the page receives from now on. */
const countPointerEvents = (page) =>
  page.evaluate(() => {
    window.__pointerEvents = [];
    for (const type of ["pointerdown", "pointerup", "mousedown", "mouseup", "touchstart", "dragstart", "wheel"]) {
      window.addEventListener(type, (e) => window.__pointerEvents.push(`${type}:${e.isTrusted}`), true);
    }
  });
const pointerEvents = (page) => page.evaluate(() => window.__pointerEvents);

const doc = (page) => page.evaluate(() => window.topolab.document());
const analysis = (page) => page.evaluate(() => window.topolab.analysis());

/** Whether the focused node is drawn whole inside the diagram's area. */
const focusInView = (page) =>
  page.evaluate(() => {
    const node = document.activeElement.getBoundingClientRect();
    const area = document.querySelector("svg[data-topolab-canvas]").getBoundingClientRect();
    return node.left >= area.left && node.right <= area.right && node.top >= area.top && node.bottom <= area.bottom;
  });

/** Adds a node of `kind` next to the focused one (A, the kind menu, Enter); returns its id. */
async function addNext(page, kind) {
  const before = new Set((await doc(page)).nodes.map((n) => n.id));
  await page.keyboard.press("a");
  await page.waitForSelector("[data-add-menu]");
  await pressUntil(page, "ArrowDown", `kind:${kind}`, 10);
  await page.keyboard.press("Enter");
  await settle(page);
  const added = (await doc(page)).nodes.filter((n) => !before.has(n.id));
  assert.equal(added.length, 1, `one ${kind} added`);
  assert.equal(added[0].kind, kind);
  assert.equal(await focused(page), `node:${added[0].id}`, "the new node has focus");
  assert.ok(await focusInView(page), `the view follows the focused ${kind}`);
  return added[0].id;
}

/** Connects the focused node to `to` (C, arrows or first letters, Enter). */
async function connectTo(page, to, { by = "typing" } = {}) {
  const from = (await focused(page)).slice("node:".length);
  await page.keyboard.press("c");
  await page.waitForSelector("[data-connect-hint]");
  const label = (await doc(page)).nodes.find((n) => n.id === to).label ?? to;
  if (by === "typing") await pressUntil(page, label[0], `node:${to}`, 12);
  else await pressUntil(page, by, `node:${to}`, 12);
  await page.keyboard.press("Enter");
  await settle(page);
  const links = (await doc(page)).links;
  assert.ok(links.some((l) => l.from === from && l.to === to), `${from} -> ${to} linked: ${JSON.stringify(links)}`);
  assert.equal(await page.$("[data-connect-hint]"), null, "the hint is gone");
}

/**
 * Moves focus to node `id` with the arrow keys alone, as a sighted keyboard user would:
 * toward it along the longer axis, else the other one.
 */
async function walkTo(page, id) {
  for (let i = 0; i < 16; i += 1) {
    const here = await focused(page);
    if (here === `node:${id}`) return;
    assert.ok(here.startsWith("node:"), `walking to ${id} from ${here}`);
    const nodes = (await doc(page)).nodes;
    const [a, b] = [nodes.find((n) => `node:${n.id}` === here), nodes.find((n) => n.id === id)];
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const horizontal = dx > 0 ? "ArrowRight" : "ArrowLeft";
    const vertical = dy > 0 ? "ArrowDown" : "ArrowUp";
    const keys = Math.abs(dx) >= Math.abs(dy) ? [horizontal, vertical] : [vertical, horizontal];
    for (const key of keys) {
      await page.keyboard.press(key);
      if ((await focused(page)) !== here) break;
    }
  }
  assert.equal(await focused(page), `node:${id}`, `the arrows reach ${id}`);
}

/** Tabs from the top of the page into the diagram; returns the node that gets focus. */
async function tabIntoDiagram(page) {
  await page.evaluate(() => document.activeElement?.blur());
  await pressUntil(page, "Tab", (f) => f.startsWith("node:"), 60);
  return (await focused(page)).slice("node:".length);
}

// --- axe-core ---

for (const lang of ["en", "zh"]) {
  test(`axe-core finds nothing on the editor, each preset, each theme, the embed and a lesson (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `a11y-axe-${lang}`, async (page) => {
      const pages = [
        ...PRESETS.map((p) => `?lang=${lang}#preset=${p}`),
        `?lang=${lang}&theme=light#preset=cluster`,
        `?lang=${lang}&theme=dark#preset=microservices`,
        `?lang=${lang}&theme=projector#preset=cluster`,
        `?lang=${lang}&embed=1#preset=cluster`,
        `?lang=${lang}&embed=1&readonly=1#preset=distributed`,
        `?lang=${lang}&lesson=cluster&step=2`,
        // The zones: their switches, the analysis panel's list and the inspector's form; in an embed.
        `?lang=${lang}&theme=projector#preset=three-zones`,
        `?lang=${lang}&embed=1#preset=three-zones`,
      ];
      for (const address of pages) {
        await openApp(page, `${session.server.url}${address}`);
        await assertNoViolations(page, address);
      }
      // A node's zones in the inspector, one of them refused a value.
      await openApp(page, `${session.server.url}?lang=${lang}#preset=three-zones`);
      await page.fill("#zone-0-availability", "2 apples");
      await page.press("#zone-0-availability", "Enter");
      await page.waitForSelector('[data-zone-edit="az-a"] .field-error');
      await assertNoViolations(page, "a zone's refused availability");
      await page.click(`${CANVAS} [data-node-id="app"]`, { position: { x: 30, y: 12 } });
      await page.waitForSelector("[data-node-zones]");
      await assertNoViolations(page, "a node's zones");
      // A node selected and focused (its ring, its connect handle and tooltip), a kill.
      await openApp(page, `${session.server.url}?lang=${lang}&theme=projector#preset=cluster`);
      await page.click(`${CANVAS} [data-node-id="app1"] [data-instance="0"]`);
      await page.focus(`${CANVAS} [data-node-id="db"]`);
      await page.keyboard.press("k");
      await settle(page);
      await assertNoViolations(page, "a focused node, a kill, projector");
      await page.keyboard.press("a");
      await page.waitForSelector("[data-add-menu]");
      await assertNoViolations(page, "the add menu");
      await screenshot(page, `a11y-add-menu-${lang}`);
      await page.keyboard.press("Escape");
      await page.keyboard.press("c");
      await page.waitForSelector("[data-connect-hint]");
      await page.keyboard.press("ArrowLeft");
      await assertNoViolations(page, "choosing a link's target");
      await screenshot(page, `a11y-connect-${lang}`);
      await page.keyboard.press("Escape");
      // The dialogs and menus.
      await page.keyboard.press("?");
      await page.waitForSelector("[data-help]");
      await assertNoViolations(page, "the help overlay");
      await page.keyboard.press("Escape");
      for (const [open, shown, close] of [
        ["[data-lessons-button]", "[data-lesson-chooser]", "Escape"],
        ["[data-compare-open]", ".compare-backdrop", "Escape"],
        ["[data-embed-button]", "[data-embed-copy]", "Escape"],
        ['[data-popover="export"]', '[data-popover-panel="export"]', "Escape"],
        ['[data-popover="share"]', '[data-popover-panel="share"]', "Escape"],
      ]) {
        await page.click(open);
        await page.waitForSelector(shown);
        await assertNoViolations(page, shown);
        await page.keyboard.press(close);
        await settle(page);
      }
      await page.click(`${CANVAS} [data-node-id="app2"] .node-label`);
      await page.click("[data-split-open]");
      await page.waitForSelector(".split-backdrop");
      await assertNoViolations(page, "the split dialog");
      await page.keyboard.press("Escape");
      assertPageClean(page, session.server);
    });
  });
}

for (const lang of ["en", "zh"]) {
  test(`axe-core finds nothing in the goals panel: a challenge, Show me, the form, advice, warnings (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `a11y-goals-${lang}`, async (page) => {
      for (const theme of ["light", "projector"]) {
        await openApp(page, `${session.server.url}?lang=${lang}&theme=${theme}&challenge=first`);
        await page.waitForSelector("[data-goal-index]");
        await assertNoViolations(page, `challenge first, ${theme}`);
        await page.click('[data-goal-index="0"] [data-goal-show]');
        await settle(page);
        await assertNoViolations(page, `Show me, ${theme}`);
        await page.click("[data-advice-ask]");
        await page.waitForSelector("[data-advice-option]");
        await page.click("[data-advice-option] [data-advice-preview]");
        await settle(page);
        await assertNoViolations(page, `advice previewed, ${theme}`);
        await page.click("[data-goal-add]");
        await page.selectOption("[data-goal-kind]", "availability");
        await assertNoViolations(page, `the goal form, ${theme}`);
      }
      await openApp(page, `${session.server.url}?lang=${lang}&challenge=provider`);
      await page.click("[data-advice-ask]");
      await page.waitForSelector("[data-unreachable]");
      for (const summary of await page.$$("[data-warning] summary")) await summary.click();
      await assertNoViolations(page, "an unreachable target, weakest links, warnings open");
      // Keyboard alone reaches the advice: Tab to Ask, Enter, then an option's Apply.
      await page.focus("[data-advice-min]");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-advice-ask")), true);
    });
  });
}

// --- keyboard alone ---

test("a whole task by keyboard alone: add a node, connect it, kill an instance, undo", TIMEOUT, async () => {
  await withPage(session.browser, "a11y-keyboard-task", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    await countPointerEvents(page);
    const first = await tabIntoDiagram(page);
    assert.equal(first, "browser", "Tab lands on the first node");

    // Arrows by position, Shift+arrows along the links.
    await page.keyboard.press("Shift+ArrowRight");
    assert.equal(await focused(page), "node:lb", "Shift+Right follows browser -> lb");
    await page.keyboard.press("Shift+ArrowRight");
    assert.equal(await focused(page), "node:app1", "then lb -> app1, its first link");
    await page.keyboard.press("Shift+ArrowDown");
    assert.equal(await focused(page), "node:app2", "Shift+Down: lb's next backend");
    await page.keyboard.press("Shift+ArrowUp");
    assert.equal(await focused(page), "node:app1", "Shift+Up: back to the previous one");
    await page.keyboard.press("Shift+ArrowLeft");
    assert.equal(await focused(page), "node:lb", "Shift+Left: back to the caller");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focused(page), "node:browser", "ArrowLeft: the nearest node on the left");

    // Add a cache next to the database, connect app1 to it.
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    assert.equal(await focused(page), "node:db");
    const cache = await addNext(page, "cache");
    await pressUntil(page, "ArrowLeft", "node:db", 3);
    await pressUntil(page, "ArrowUp", "node:app1", 3);
    await connectTo(page, cache, { by: "ArrowRight" });
    // Move it one step with Ctrl+Right: one undo step.
    const at = (await doc(page)).nodes.find((n) => n.id === cache);
    assert.equal(await focused(page), `node:${cache}`, "focus stays on the chosen target");
    await page.keyboard.press("Control+ArrowRight");
    await settle(page);
    const moved = (await doc(page)).nodes.find((n) => n.id === cache);
    assert.deepEqual([moved.x, moved.y], [at.x + 24, at.y], "Ctrl+Right moves the node a grid step");
    assert.equal(await focused(page), `node:${cache}`, "focus stays on the moved node");
    await page.keyboard.press("Control+z");
    await settle(page);
    const back = (await doc(page)).nodes.find((n) => n.id === cache);
    assert.deepEqual([back.x, back.y], [at.x, at.y], "Ctrl+Z puts it back");

    // Kill an instance of the cache, then undo.
    await page.keyboard.press("k");
    await settle(page);
    assert.deepEqual((await doc(page)).nodes.find((n) => n.id === cache).killed, [0], "k killed instance 0");
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.deepEqual((await doc(page)).nodes.find((n) => n.id === cache).killed ?? [], [], "undone");
    assert.ok((await doc(page)).links.some((l) => l.from === "app1" && l.to === cache), "the link stays");

    // Enter opens the inspector on the node; Escape comes back to it.
    await page.keyboard.press("Enter");
    const inInspector = await page.evaluate(() => !!document.activeElement?.closest(".inspector"));
    assert.ok(inInspector, "Enter focuses the inspector");
    await page.keyboard.press("Escape");
    assert.equal(await focused(page), `node:${cache}`, "Escape in the inspector goes back to the node");
    // No trap: Escape leaves the diagram; Tab goes on to the rest of the page.
    await page.keyboard.press("Escape");
    assert.ok(!(await focused(page)).startsWith("node:"), "Escape leaves the diagram");
    await page.keyboard.press("Shift+Tab");
    await pressUntil(page, "Tab", (f) => f.startsWith("node:"), 40);
    await page.keyboard.press("Tab");
    assert.ok(!(await focused(page)).startsWith("node:"), "Tab leaves the diagram: one tab stop");

    await screenshot(page, "a11y-keyboard-task");
    assert.deepEqual(await pointerEvents(page), [], "no pointer event at all");
    assertPageClean(page, session.server);
  });
});

test("every link is reached and edited by keyboard: from a node's inspector to the link's kind and back", TIMEOUT, async () => {
  await withPage(session.browser, "a11y-keyboard-link", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    await countPointerEvents(page);
    await tabIntoDiagram(page);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    assert.equal(await focused(page), "node:app1");
    await page.keyboard.press("Enter");
    const activeLink = () => page.evaluate(() => document.activeElement?.getAttribute("data-inspector-link") ?? "");
    let found = false;
    for (let i = 0; i < 40 && !found; i += 1) {
      await page.keyboard.press("Tab");
      found = (await activeLink()) === "app1->db";
    }
    assert.ok(found, "Tab reaches app1's link to db in the inspector");
    assert.match(await page.textContent('[data-inspector-link="app1->db"]'), /→ .*database|→/i);
    await page.keyboard.press("Enter");
    await settle(page);
    assert.ok(await page.isVisible('[data-inspector="link"]'), "Enter on it opens the link's form");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "inspector-link-kind", "focus on its kind");
    const kindOf = async () => (await doc(page)).links.find((l) => l.from === "app1" && l.to === "db").kind ?? null;
    const before = await kindOf();
    await page.keyboard.press("ArrowDown");
    await settle(page);
    const after = await kindOf();
    assert.notEqual(after, before, "an arrow key on the kind changes the link's kind");
    assert.equal(await page.getAttribute('[data-link="app1->db"]', "data-kind"), after ?? "requires", "the drawing follows");
    // Back to a node through the link's ends.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    let end = "";
    for (let i = 0; i < 6 && end !== "app1"; i += 1) {
      end = await page.evaluate(() => document.activeElement?.getAttribute("data-inspector-end") ?? "");
      if (end !== "app1") await page.keyboard.press("Shift+Tab");
    }
    assert.equal(end, "app1", "Shift+Tab reaches the link's source");
    await page.keyboard.press("Enter");
    await settle(page);
    assert.ok(await page.isVisible('[data-inspector="node"]'), "and Enter selects that node again");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "inspector-label", "focus on its label");
    await page.keyboard.press("Escape");
    assert.equal(await focused(page), "node:app1", "Escape goes back to the node");
    await page.keyboard.press("Control+z");
    await settle(page);
    assert.equal(await kindOf(), before, "Ctrl+Z undoes the kind");
    assert.deepEqual(await pointerEvents(page), [], "no pointer event at all");
    assertPageClean(page, session.server);
  });
});

test("the focus ring shows in every theme", TIMEOUT, async () => {
  for (const theme of ["light", "dark", "projector"]) {
    await withPage(session.browser, `a11y-ring-${theme}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=en&theme=${theme}#preset=cluster`);
      await tabIntoDiagram(page);
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
      });
      assert.equal(ring.style, "solid", `${theme}: ${JSON.stringify(ring)}`);
      assert.ok(ring.width >= 2, `${theme}: ${JSON.stringify(ring)}`);
      await screenshot(page, `a11y-ring-${theme}`);
    }, { viewport: { width: 1024, height: 768 } });
  }
});

// --- the accessibility tree ---

/**
 * Chromium's whole accessibility tree of the page, as {byId, nodes, focused}: `focused` is
 * the tree's node of the element that has focus.
 */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const { result } = await cdp.send("Runtime.evaluate", { expression: "document.activeElement" });
  const { node } = await cdp.send("DOM.describeNode", { objectId: result.objectId });
  await cdp.detach();
  const focused = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
  return { nodes, byId: new Map(nodes.map((n) => [n.nodeId, n])), focused };
}

/** The text an accessibility node holds: its own name and its descendants' static texts. */
function axText(tree, node) {
  const parts = [];
  const walk = (n) => {
    if (!n) return;
    if (n.role?.value === "StaticText" && n.name?.value) parts.push(n.name.value);
    for (const id of n.childIds ?? []) walk(tree.byId.get(id));
  };
  walk(node);
  return parts.join(" ");
}

const property = (node, name) => node.properties?.find((p) => p.name === name)?.value?.value;

/** The accessibility node of the element that has focus. */
const focusedAx = (tree) => {
  assert.ok(tree.focused, "the focused element is in the accessibility tree");
  return tree.focused;
};

/** The live region's text as the accessibility tree has it. */
function liveRegion(tree) {
  const regions = tree.nodes.filter((n) => property(n, "live") === "polite" && n.role?.value === "status");
  const region = regions.find((n) => axText(tree, n).length > 0) ?? regions[0];
  assert.ok(region, "a polite status region is in the tree");
  return axText(tree, region);
}

for (const lang of ["en", "zh"]) {
  test(`done when: the cluster built from scratch by keyboard, a server killed, availability heard (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `a11y-screen-reader-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=cluster`);
      await countPointerEvents(page);
      // New, by keyboard: Tab to the toolbar's New button, Enter.
      await page.evaluate(() => document.activeElement?.blur());
      await pressUntil(page, "Tab", async () => page.evaluate(() => document.activeElement?.hasAttribute("data-new")), 10);
      await page.keyboard.press("Enter");
      await settle(page);
      assert.equal((await doc(page)).nodes.length, 0, "an empty diagram");

      // The first node comes from the palette (Tab to its Client button, Enter).
      await pressUntil(page, "Tab", async () => page.evaluate(() => document.activeElement?.getAttribute("data-palette-kind") === "client"), 40);
      await page.keyboard.press("Enter");
      await settle(page);
      const client = await tabIntoDiagram(page);
      const lb = await addNext(page, "load_balancer");
      await pressUntil(page, "ArrowLeft", `node:${client}`, 3);
      await connectTo(page, lb, { by: "ArrowRight" });
      const servers = [];
      /** Sets the focused node's field `name` in the inspector: Enter, Tab to it, type, Enter, Escape. */
      const setField = async (name, value) => {
        const node = await focused(page);
        await page.keyboard.press("Enter");
        await pressUntil(page, "Tab", async () => page.evaluate((n) => document.activeElement?.getAttribute("name") === n, name), 20);
        await page.keyboard.press("Control+a");
        await page.keyboard.type(value);
        await page.keyboard.press("Enter");
        await page.keyboard.press("Escape");
        await settle(page);
        assert.equal(await focused(page), node, "Escape in the inspector: back on the node");
      };
      for (let i = 0; i < 3; i += 1) {
        await walkTo(page, lb);
        servers.push(await addNext(page, "service"));
        // The same app on each server: one function that any of them serves.
        await setField("capabilities", "shop");
        await walkTo(page, lb);
        await connectTo(page, servers[i]);
      }
      const db = await addNext(page, "database");
      for (let i = 0; i < 3; i += 1) {
        // To each server along the links: lb's first backend, then its next ones.
        if (i > 0) await pressUntil(page, "Shift+ArrowLeft", `node:${lb}`, 3);
        else await walkTo(page, lb);
        await page.keyboard.press("Shift+ArrowRight");
        for (let k = 0; k < i; k += 1) await page.keyboard.press("Shift+ArrowDown");
        assert.equal(await focused(page), `node:${servers[i]}`);
        await connectTo(page, db);
      }
      // Two database instances, through the inspector (Enter there, Escape back).
      await walkTo(page, db);
      await setField("replicas", "2");

      const built = await doc(page);
      assert.equal(built.nodes.length, 6);
      assert.deepEqual(built.nodes.map((n) => n.kind).sort(), ["client", "database", "load_balancer", "service", "service", "service"]);
      assert.equal(built.links.length, 7, JSON.stringify(built.links));
      assert.equal(built.nodes.find((n) => n.id === db).replicas, 2);
      const fresh = await analysis(page);
      assert.equal(fresh.functions.length, 1, "one function: the client reaches the shop on any server");
      assert.ok(built.nodes.filter((n) => n.kind === "service").every((n) => n.capabilities?.[0] === "shop"));

      // A server, as a screen reader meets it: a button named by what is drawn, its links described.
      await page.keyboard.press("Shift+ArrowLeft");
      assert.equal(await focused(page), `node:${servers[0]}`, "Shift+Left: the database's first caller");
      let tree = await axTree(page);
      let node = focusedAx(tree);
      const label = built.nodes.find((n) => n.id === servers[0]).label ?? servers[0];
      assert.equal(node.role.value, "button");
      const name = node.name.value;
      if (lang === "en") {
        assert.equal(name, `Service ${label}, 1 instance, up`);
        assert.match(node.description.value, /calls .+, required; called by /);
      } else {
        assert.equal(name, `服务 ${label}，1 个实例，正常`);
        assert.match(node.description.value, /调用 .+，必需；调用方：/);
      }

      // Kill it with k: the node's name says so, and the live region says what it did.
      await page.keyboard.press("k");
      await settle(page);
      tree = await axTree(page);
      node = focusedAx(tree);
      const after = await analysis(page);
      const said = liveRegion(tree);
      const f = after.functions[0];
      const percent = await page.textContent(`[data-function-id="${f.id}"] [data-availability]`);
      if (lang === "en") {
        assert.equal(node.name.value, `Service ${label}, 1 instance, 1 killed, down`);
        assert.match(said, new RegExp(`availability ${percent.replace(/[.%]/g, "\\$&")} \\(was `), said);
        assert.match(said, new RegExp(`${label} is down`), said);
      } else {
        assert.equal(node.name.value, `服务 ${label}，1 个实例，1 个已停掉，宕机`);
        assert.match(said, new RegExp(`可用性 ${percent.replace(/[.%]/g, "\\$&")}（原为 `), said);
        assert.match(said, new RegExp(`${label}：宕机`), said);
      }
      assert.ok(f.availability < fresh.functions[0].availability, "killing a server cost availability");

      // A move says nothing new: the live region keeps its text (no announcement per drag or move).
      await page.keyboard.press("Control+ArrowDown");
      await settle(page);
      assert.equal(liveRegion(await axTree(page)), said, "a move is not announced");

      // Undo is announced too: back to what it was.
      await page.keyboard.press("Control+z");
      await page.keyboard.press("Control+z");
      await settle(page);
      const undone = liveRegion(await axTree(page));
      assert.notEqual(undone, said, `the undo is announced: ${undone}`);
      assert.match(undone, lang === "en" ? new RegExp(`${label} is up`) : new RegExp(`${label}：正常`), undone);

      await screenshot(page, `a11y-built-${lang}`);
      assert.deepEqual(await pointerEvents(page), [], "no pointer event at all");
      assertPageClean(page, session.server);
    });
  });
}

// --- contrast ---

/** The contrast ratio (WCAG 2) of two CSS colours as getComputedStyle writes them. */
const CONTRAST = `
  const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return m.slice(0, 3); };
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
`;

const STATUSES = {
  format: "topolab/1",
  nodes: [
    { id: "c", kind: "client", label: "Browser", x: 60, y: 200 },
    { id: "lb", kind: "load_balancer", label: "Balancer", x: 240, y: 200 },
    { id: "s1", kind: "service", label: "Shop", replicas: 2, x: 420, y: 110 },
    { id: "s2", kind: "service", label: "Shop 2", x: 420, y: 300 },
    { id: "cache", kind: "cache", label: "Cache", x: 620, y: 40 },
    { id: "db", kind: "database", label: "Orders", x: 620, y: 200 },
  ],
  links: [
    { from: "c", to: "lb" },
    { from: "lb", to: "s1" },
    { from: "lb", to: "s2" },
    { from: "s1", to: "cache", kind: "optional" },
    { from: "s1", to: "db" },
    { from: "s2", to: "db" },
  ],
};

test("status marks, links, killed instances, text and the focus ring contrast with what is behind them, in every theme", TIMEOUT, async () => {
  for (const theme of ["light", "dark", "projector"]) {
    await withPage(session.browser, `a11y-contrast-${theme}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=en&theme=${theme}#preset=cluster`);
      // Every status and kind of link on screen: s1 degraded (its optional cache is down),
      // s2 down, the rest up; a route, pool, required and optional link; a SPOF (lb).
      await page.evaluate((text) => window.topolab.load(text), JSON.stringify(STATUSES));
      await page.evaluate(() => {
        window.topolab.kill("cache", 0);
        window.topolab.kill("s2", 0);
        window.topolab.kill("s1", 1);
      });
      await settle(page);
      await page.focus(`${CANVAS} [data-node-id="c"]`);
      await page.keyboard.press("ArrowRight");
      const found = await page.evaluate((code) => {
        const { ratio } = new Function(`${code}; return { ratio };`)();
        const canvas = document.querySelector("svg[data-topolab-canvas]");
        let bgEl = canvas;
        while (bgEl && getComputedStyle(bgEl).backgroundColor.match(/rgba\(0, 0, 0, 0\)|transparent/)) bgEl = bgEl.parentElement;
        const bg = getComputedStyle(bgEl ?? document.body).backgroundColor;
        const missing = [];
        const style = (sel) => {
          const el = canvas.querySelector(sel);
          if (!el) missing.push(sel);
          return el ? getComputedStyle(el) : { fill: "rgb(0, 0, 0)", stroke: "rgb(0, 0, 0)" };
        };
        const fill = (sel) => style(sel).fill;
        const stroke = (sel) => style(sel).stroke;
        const nodeFill = fill(".node-box");
        const checks = [];
        const check = (what, fg, back, min) => checks.push({ what, fg, back, ratio: ratio(fg, back), min });
        for (const status of ["up", "degraded", "down"]) {
          const mark = fill(`.node-status-mark.mark-${status}`);
          check(`${status} mark on the background`, mark, bg, 3);
          check(`${status} mark on a node`, mark, nodeFill, 3);
          check(`${status} glyph on its mark`, fill(`.node.status-${status} .node-status-glyph`), mark, 3);
          const chip = document.querySelector(`.status-chip.status-${status}`);
          if (chip) {
            const style = getComputedStyle(chip);
            let back = chip;
            while (back && getComputedStyle(back).backgroundColor.match(/rgba\(0, 0, 0, 0\)|transparent/)) back = back.parentElement;
            check(`${status} chip text`, style.color, getComputedStyle(back).backgroundColor, 4.5);
          }
        }
        check("node border", stroke(".node-box"), bg, 3);
        check("a required link", stroke(".link-requires"), bg, 3);
        check("an optional link", stroke(".link-optional"), bg, 3);
        check("a pool link", stroke(".link-pool"), bg, 3);
        check("a route link", stroke(".link-route"), bg, 3);
        check("an instance up", stroke(".instance:not(.killed)"), nodeFill, 3);
        check("an instance killed", stroke(".instance.killed"), nodeFill, 3);
        check("a killed instance's cross", stroke(".node .strike"), nodeFill, 3);
        check("a node's label", fill(".node-label"), nodeFill, 4.5);
        check("a node's kind", fill(".node-kind"), nodeFill, 4.5);
        check("the SPOF badge", fill(".spof-badge"), bg, 4.5);
        const ring = getComputedStyle(document.activeElement).outlineColor;
        check("the focus ring", ring, bg, 3);
        for (const sel of missing) checks.push({ what: `nothing matches ${sel}`, fg: "-", back: "-", ratio: 0, min: 1 });
        return checks;
      }, CONTRAST);
      const low = found.filter((c) => !(c.ratio >= c.min)).map((c) => `${c.what}: ${c.fg} on ${c.back} is ${c.ratio.toFixed(2)}:1, under ${c.min}:1`);
      assert.deepEqual(low, [], `${theme}: contrast`);
      assert.ok(found.length >= 18, `${found.length} checks`);
    });
  }
});
