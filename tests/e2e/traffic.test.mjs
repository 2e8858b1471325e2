// Traffic and chaos (docs/spec/app.md `simulate`): the headless simulation through
// window.topolab agrees with the engine's analysis; the Traffic control animates request
// dots along the links, killing the servers turns them red, a hidden tab stops the frames.
//
// The dots are painted on one <canvas> (crates/web/src/traffic/painting.rs), so they are read two ways: the
// counts the app puts on it four times a second (`data-dots`, `data-dots-ok`,
// `data-dots-failed`: what its last frame drew), and the canvas's own pixels, counted by
// colour against the theme's --up (served) and --down (failed).

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, clickLink, openApp, screenshot, settle, withPage, startSession } from "./harness.mjs";

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

const LAYER = "[data-traffic-layer]";
const DOTS = "[data-traffic-dots]";
/** Dots the canvas's last frame drew, as the app counts them: all, or "ok" / "failed". */
const dots = (page, look) =>
  page.getAttribute(DOTS, look ? `data-dots-${look}` : "data-dots").then((v) => Number(v ?? 0));
/** Waits until the app counts at least one dot of `look` (or none, with `none`). */
const untilDots = (page, look, { none = false, timeout = 5_000 } = {}) =>
  page.waitForFunction(
    ({ sel, name, none }) => {
      const n = Number(document.querySelector(sel).getAttribute(name) ?? 0);
      return none ? n === 0 : n > 0;
    },
    { sel: DOTS, name: `data-dots-${look}`, none },
    { timeout },
  );
/** The canvas's pixels now: how many are served-green, failed-red, and any colour. */
const painted = (page) =>
  page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    const style = getComputedStyle(canvas);
    const rgb = (name) => {
      const hex = style.getPropertyValue(name).trim().replace("#", "");
      return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    };
    const [up, down] = [rgb("--up"), rgb("--down")];
    const near = (p, i, c) => Math.abs(p[i] - c[0]) + Math.abs(p[i + 1] - c[1]) + Math.abs(p[i + 2] - c[2]) < 40;
    const out = { green: 0, red: 0, any: 0, width: canvas.width, height: canvas.height };
    if (!canvas.width || !canvas.height) return out;
    const p = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < p.length; i += 4) {
      if (p[i + 3] < 250) continue;
      out.any += 1;
      if (near(p, i, up)) out.green += 1;
      else if (near(p, i, down)) out.red += 1;
    }
    return out;
  }, DOTS);
/** A fingerprint of the canvas's pixels, to tell two frames apart. */
const snapshot = (page) => page.evaluate((sel) => document.querySelector(sel).toDataURL(), DOTS);
const frames = (page) => page.getAttribute(LAYER, "data-frames").then(Number);
const successes = (page) =>
  page.$$eval("[data-function-id] [data-sim-success]", (els) => els.map((e) => e.textContent));

test("traffic animates, killing every app server turns it red, a hidden tab stops it", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-animation", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    assert.equal(await page.$("[data-sim-success]"), null, "no measured figure before traffic runs");
    await page.click("[data-traffic-toggle]");
    await untilDots(page, "ok");
    const first = await snapshot(page);
    const seen = await painted(page);
    assert.ok(seen.green > 0, `served dots are painted green: ${JSON.stringify(seen)}`);
    assert.equal(seen.red, 0, "and none red");
    await page.waitForTimeout(120);
    assert.notEqual(await snapshot(page), first, "dots move between frames");
    assert.ok((await dots(page)) > 0, "the app counts them");
    assert.equal(await dots(page, "failed"), 0, "nothing fails with every server up");
    // The canvas covers the diagram exactly, in device pixels.
    const sizes = await page.evaluate(() => {
      const svg = document.querySelector("svg[data-topolab-canvas]").getBoundingClientRect();
      const c = document.querySelector("[data-traffic-dots]");
      const r = c.getBoundingClientRect();
      return { svg: [svg.left, svg.top, svg.width, svg.height], canvas: [r.left, r.top, r.width, r.height], bitmap: [c.width, c.height], ratio: devicePixelRatio };
    });
    assert.deepEqual(sizes.canvas, sizes.svg, JSON.stringify(sizes));
    assert.deepEqual(sizes.bitmap, [Math.round(sizes.svg[2] * sizes.ratio), Math.round(sizes.svg[3] * sizes.ratio)]);
    await page.waitForFunction(
      () => [...document.querySelectorAll("[data-function-id] [data-sim-success]")].filter((e) => e.textContent === "100%").length === 3,
      null, { timeout: 5_000 },
    );
    assert.deepEqual(await successes(page), ["100%", "100%", "100%"], "all served");
    await screenshot(page, "traffic-running");

    await page.selectOption("[data-traffic-speed]", "10");
    for (const id of ["app1", "app2", "app3"]) await page.click(`[data-node-id="${id}"] [data-instance="0"]`);
    await settle(page);
    await untilDots(page, "failed");
    await page.waitForFunction(
      () => Number(document.querySelector("[data-traffic-failed]")?.getAttribute("data-traffic-failed")) > 0,
      null, { timeout: 5_000 },
    );
    await page.waitForFunction(
      () => [...document.querySelectorAll("[data-sim-success]")].every((e) => parseFloat(e.textContent) < 50),
      null, { timeout: 15_000 },
    );
    // The dots of requests served just before the kills finish their way; then only red.
    await untilDots(page, "ok", { none: true });
    await page.waitForTimeout(500);
    assert.equal(await dots(page, "ok"), 0, "no request is served with every app server dead");
    assert.ok((await dots(page, "failed")) > 0);
    const red = await painted(page);
    assert.ok(red.red > 0 && red.green === 0, `only red dots are painted: ${JSON.stringify(red)}`);
    await screenshot(page, "traffic-failing");

    // A hidden tab: no more frames; visible again: frames again.
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const stopped = await frames(page);
    await page.waitForTimeout(300);
    assert.equal(await frames(page), stopped, "no frame while the tab is hidden");
    await page.evaluate(() => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await page.waitForFunction((n) => Number(document.querySelector("[data-traffic-layer]").getAttribute("data-frames")) > n, stopped, { timeout: 3_000 });

    // Off: the dots and the measured figures go.
    await page.click("[data-traffic-toggle]");
    await settle(page);
    assert.equal(await dots(page), 0);
    assert.equal((await painted(page)).any, 0, "the canvas is blank");
    assert.equal(await page.$("[data-sim-success]"), null);
    const doc = await page.evaluate(() => window.topolab.document());
    assert.equal(doc.nodes.filter((n) => (n.killed ?? []).length).length, 3, "traffic changed nothing in the document");
    await assertPageClean(page, session.server);
  });
});

test("with reduced motion asked for, traffic moves the counters but draws no dot", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-reduced-motion", async (page) => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await openApp(page, `${session.server.url}#preset=cluster`);
    await page.click("[data-traffic-toggle]");
    await page.waitForFunction(
      () => Number(document.querySelector("[data-traffic-succeeded]")?.getAttribute("data-traffic-succeeded")) > 0,
      null, { timeout: 5_000 },
    );
    assert.equal(await dots(page), 0);
    assert.equal((await painted(page)).any, 0, "nothing painted");
    await assertPageClean(page, session.server);
  });
});

test("traffic on a read-only page: allowed, it changes nothing; kills stay refused", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-readonly", async (page) => {
    await openApp(page, `${session.server.url}?readonly=1#preset=cluster`);
    await page.click("[data-traffic-toggle]");
    await untilDots(page, "ok");
    await page.click('[data-node-id="app1"] [data-instance="0"]');
    await settle(page);
    assert.equal(await page.getAttribute('[data-node-id="app1"] [data-instance="0"]', "data-killed"), "false");
    await assertPageClean(page, session.server);
  });
});

test("chaos on the cluster: a measured share with its interval beside the prediction; a queue shows its backlog", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-chaos", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-chaos]", "real");
    await page.selectOption("[data-traffic-speed]", "1000");
    await page.waitForFunction(() => document.querySelectorAll("[data-sim-measured]").length === 3, null, { timeout: 5_000 });
    await page.waitForTimeout(1_500);
    const measured = await page.$$eval("[data-sim-measured]", (els) => els.map((e) => Number(e.getAttribute("data-sim-measured"))));
    assert.ok(measured.every((m) => m > 0.9 && m <= 1), JSON.stringify(measured));
    // Every figure of the cell says what it is, and the prediction is the Availability column's.
    const cells = await page.$$eval("[data-function-id]", (rows) => rows.map((r) => ({
      text: r.querySelector("td.sim").innerText,
      availability: r.querySelector("[data-availability]").textContent,
      predicted: r.querySelector("[data-sim-predicted]")?.textContent,
    })));
    for (const c of cells) {
      for (const words of [/last 5 s \d/, /measured \d/, /95%: \d/, /predicted \d/]) assert.match(c.text, words, JSON.stringify(c));
      assert.equal(c.predicted, `predicted ${c.availability}`);
    }
    await screenshot(page, "traffic-chaos");
    await assertPageClean(page, session.server);
  });
  await withPage(session.browser, "traffic-backlog", async (page) => {
    await openApp(page, `${session.server.url}#preset=microservices`);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-speed]", "10");
    await page.evaluate(() => window.topolab.kill("shipping", 0));
    await page.waitForFunction(
      () => Number(document.querySelector('[data-backlog-of="events"]')?.getAttribute("data-backlog")) > 0,
      null, { timeout: 10_000 },
    );
    assert.equal(await page.getAttribute('[data-backlog-of="events"]', "visibility"), "visible");
    await screenshot(page, "traffic-backlog");
    await page.evaluate(() => window.topolab.revive("shipping", 0));
    await page.waitForFunction(
      () => document.querySelector('[data-backlog-of="events"]')?.getAttribute("visibility") === "hidden",
      null, { timeout: 10_000 },
    );
    await assertPageClean(page, session.server);
  });
});

test("classroom chaos: an instance fails within seconds, stays down visibly, then recovers; the figures follow", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-classroom", async (page) => {
    await openApp(page, `${session.server.url}#preset=monolith`);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-chaos]", "classroom");
    const MARKED = '[data-topolab-canvas] [data-instance][data-chaos-down="true"]';
    await page.waitForSelector(MARKED, { timeout: 10_000 });
    const which = await page.$eval(MARKED, (e) =>
      `[data-node-id="${e.closest("[data-node-id]").dataset.nodeId}"] [data-instance="${e.dataset.instance}"]`);
    await screenshot(page, "traffic-classroom");
    await page.waitForTimeout(1_000);
    assert.equal(await page.getAttribute(which, "data-chaos-down"), "true", "still down a second later");
    assert.equal(await page.getAttribute(which, "data-killed"), "false", "a chaos failure is not a kill");
    // In the monolith every failure takes the functions down: requests fail meanwhile.
    await page.waitForFunction(
      () => Number(document.querySelector("[data-traffic-failed]")?.getAttribute("data-traffic-failed")) > 0,
      null, { timeout: 5_000 },
    );
    await page.waitForFunction((sel) => !document.querySelector(sel).hasAttribute("data-chaos-down"), which, { timeout: 6_000 });
    assert.equal(await page.$("[data-sim-predicted]"), null, "classroom failures are not the document's: no prediction beside them");
    assert.deepEqual(
      (await page.evaluate(() => window.topolab.document())).nodes.map((n) => n.killed ?? []),
      [[], [], []],
      "chaos changes nothing in the document",
    );
    await assertPageClean(page, session.server);
  });
});

// A small system whose servers are up half the time, so that chaos keeps some down.
const FLAKY = {
  format: "topolab/1",
  title: "Flaky servers",
  nodes: [
    { id: "users", kind: "client", x: 0, y: 0 },
    { id: "lb", kind: "load_balancer", x: 200, y: 0 },
    { id: "app", kind: "service", x: 400, y: 0, replicas: 6, availability: 0.5 },
    { id: "db", kind: "database", x: 600, y: 0, replicas: 2, availability: 0.5 },
  ],
  links: [
    { from: "users", to: "lb" },
    { from: "lb", to: "app" },
    { from: "app", to: "db" },
  ],
};

test("chaos draws the instances it takes down, apart from kills, only when they change", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-chaos-marks", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    await page.evaluate((doc) => window.topolab.load(JSON.stringify(doc)), FLAKY);
    await settle(page);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-chaos]", "real");
    await page.selectOption("[data-traffic-speed]", "10");
    const MARKED = '[data-topolab-canvas] [data-instance][data-chaos-down="true"]';
    await page.waitForSelector(MARKED, { timeout: 10_000 });
    const marked = () =>
      page.$$eval(MARKED, (els) =>
        els.map((e) => ({
          id: e.closest("[data-node-id]").getAttribute("data-node-id"),
          index: e.getAttribute("data-instance"),
          killed: e.getAttribute("data-killed"),
          fill: getComputedStyle(e).fill,
          dash: getComputedStyle(e).strokeDasharray,
        })),
      );
    const down = await marked();
    assert.ok(down.length > 0);
    for (const m of down) {
      assert.equal(m.killed, "false", `a chaos failure is not a kill: ${JSON.stringify(m)}`);
      assert.match(m.fill, /url\(.*chaos-hatch/, "hatched");
      assert.notEqual(m.dash, "none", "dashed outline");
    }
    // Both read in one task: chaos at x10 may change the marks between two reads.
    const [counted, drawn] = await page.evaluate(
      ([layer, marked]) => [Number(document.querySelector(layer).getAttribute("data-chaos-down")), document.querySelectorAll(marked).length],
      [LAYER, MARKED],
    );
    assert.equal(counted, drawn, "the layer counts the marked instances");
    assert.deepEqual(
      (await page.evaluate(() => window.topolab.document())).nodes.map((n) => n.killed ?? []),
      [[], [], [], []],
      "chaos changes nothing in the document",
    );
    await screenshot(page, "traffic-chaos-marks");

    // The marks change with the chaos state, not with every frame.
    await page.selectOption("[data-traffic-speed]", "1");
    await page.waitForTimeout(300);
    const watched = await page.evaluate(async () => {
      const layer = document.querySelector("[data-traffic-layer]");
      const frames0 = Number(layer.getAttribute("data-frames"));
      let changes = 0;
      const observer = new MutationObserver((list) => {
        changes += list.filter((m) => m.attributeName === "data-chaos-down").length;
      });
      observer.observe(document.querySelector("[data-topolab-canvas]"), {
        attributes: true,
        subtree: true,
        attributeFilter: ["data-chaos-down"],
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      observer.disconnect();
      return { changes, frames: Number(layer.getAttribute("data-frames")) - frames0 };
    });
    assert.ok(watched.frames >= 10, JSON.stringify(watched));
    assert.ok(watched.changes < watched.frames / 4, `marks touched on few frames: ${JSON.stringify(watched)}`);

    // Killing a chaos-down instance by hand makes it a kill, drawn as one.
    const [first] = await marked();
    if (first) {
      const one = `[data-node-id="${first.id}"] [data-instance="${first.index}"]`;
      await page.click(one);
      await settle(page);
      await page.waitForFunction((sel) => document.querySelector(sel).getAttribute("data-killed") === "true", one);
      await page.waitForFunction((sel) => !document.querySelector(sel).hasAttribute("data-chaos-down"), one, { timeout: 3_000 });
    }

    // Traffic off: no chaos mark is left.
    await page.click("[data-traffic-toggle]");
    await settle(page);
    assert.equal((await page.$$("[data-chaos-down]")).length, 0, "cleared when traffic stops");
    await assertPageClean(page, session.server);
  });
});

// The function table with its traffic column stays inside the side column at 1024x768, with
// long figures (chaos at x1000 gives four-decimal shares and intervals), in every language and
// in the projector theme (whose figures go under the diagram at 4:3).
for (const [name, query] of [["en", ""], ["zh", "?lang=zh"], ["projector", "?theme=projector"], ["projector-zh", "?theme=projector&lang=zh"]]) {
  test(`at 1024x768 (${name}) the traffic column fits the side column`, TIMEOUT, async () => {
    await withPage(session.browser, `traffic-layout-${name}`, async (page) => {
      await openApp(page, `${session.server.url}${query}#preset=microservices`);
      await page.click("[data-traffic-toggle]");
      await page.selectOption("[data-traffic-chaos]", "real");
      await page.selectOption("[data-traffic-speed]", "1000");
      await page.waitForFunction(() => document.querySelectorAll("[data-sim-measured]").length === 3, null, { timeout: 5_000 });
      await page.waitForTimeout(1_500);
      const found = await page.evaluate(() => {
        const side = document.querySelector(".side");
        const box = side.getBoundingClientRect();
        const out = [];
        if (side.scrollWidth > side.clientWidth + 1) out.push(`side scrolls sideways: ${side.scrollWidth} > ${side.clientWidth}`);
        for (const el of side.querySelectorAll(".function-table, .function-table td, .function-table th, .figure")) {
          const r = el.getBoundingClientRect();
          if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) out.push(`outside: ${el.outerHTML.slice(0, 60)}`);
        }
        const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        for (const row of side.querySelectorAll("[data-function-id]")) {
          const cells = [...row.children].map((c) => c.getBoundingClientRect());
          for (let i = 1; i < cells.length; i += 1) if (meet(cells[i - 1], cells[i])) out.push(`cells meet in ${row.dataset.functionId}`);
        }
        return out;
      });
      assert.deepEqual(found, []);
      await screenshot(page, `traffic-layout-1024-${name}`);
      await assertPageClean(page, session.server);
    }, { viewport: { width: 1024, height: 768 } });
  });
}

// The controls floating along the diagram's bottom edge (the traffic bar, the zoom buttons)
// never cover a diagram just opened, nor when the traffic bar opens and grows; once the user
// has moved the view it stays where they put it.
for (const [name, query] of [["projector", "?theme=projector"], ["projector-zh", "?theme=projector&lang=zh"]]) {
  test(`at 1024x768 (${name}) the floating controls cover no node, before and after Traffic opens`, TIMEOUT, async () => {
    await withPage(session.browser, `traffic-clear-${name}`, async (page) => {
      await openApp(page, `${session.server.url}${query}#preset=microservices`);
      const covered = () => page.evaluate(() => {
        const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const controls = [...document.querySelectorAll("[data-floats-over-diagram]")].map((el) => el.getBoundingClientRect());
        const canvas = document.querySelector("[data-topolab-canvas]").getBoundingClientRect();
        return [...document.querySelectorAll("[data-topolab-canvas] [data-node-id]")].flatMap((g) => {
          const box = g.getBoundingClientRect();
          const inside = box.top >= canvas.top && box.bottom <= canvas.bottom && box.left >= canvas.left && box.right <= canvas.right;
          return [...controls.filter((c) => meet(box, c)).map(() => `${g.dataset.nodeId} under a control`),
            ...(inside ? [] : [`${g.dataset.nodeId} outside the canvas`])];
        });
      });
      const viewBox = () => page.getAttribute("[data-topolab-canvas]", "viewBox");
      assert.equal(await page.locator("[data-floats-over-diagram]").count(), 2, "the traffic bar and the zoom buttons");
      assert.deepEqual(await covered(), [], "as opened");
      const opened = await viewBox();
      const barHeight = async () => (await page.locator("[data-traffic-bar]").boundingBox()).height;
      const closed = await barHeight();
      await page.click("[data-traffic-toggle]");
      await page.waitForFunction((h) => document.querySelector("[data-traffic-bar]").getBoundingClientRect().height > h, closed);
      await page.waitForFunction((v) => document.querySelector("[data-topolab-canvas]").getAttribute("viewBox") !== v, opened);
      assert.deepEqual(await covered(), [], "with the traffic bar open");
      await screenshot(page, `traffic-clear-${name}`);
      // Moved by the user: the view stays when the bar closes.
      await page.locator(".zoom-controls button").first().click();
      const zoomed = await viewBox();
      await page.click("[data-traffic-toggle]");
      await page.waitForFunction((h) => document.querySelector("[data-traffic-bar]").getBoundingClientRect().height <= h, closed);
      await settle(page);
      assert.equal(await viewBox(), zoomed, "a view the user zoomed is not fitted again");
      await assertPageClean(page, session.server);
    }, { viewport: { width: 1024, height: 768 } });
  });
}

/** Types `value` into the inspector's traffic setting `name` and commits it with Enter. */
async function setSim(page, name, value) {
  const field = page.locator(`[data-inspector] [data-sim-setting="${name}"]`);
  await field.fill(String(value));
  await field.press("Enter");
  await settle(page);
}

const simOf = (doc, id) => doc.nodes.find((n) => n.id === id).extra?.sim;
const linkSimOf = (doc, from, to) => doc.links.find((l) => l.from === from && l.to === to).extra?.sim;

test("the inspector sets a node's and a link's failure behaviour in extra.sim, refusing bad values", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-inspector", async (page) => {
    await openApp(page, `${session.server.url}#preset=cluster`);
    const before = await page.evaluate(() => window.topolab.document());
    await page.click('[data-node-id="app1"] .node-label');
    await page.waitForSelector('[data-inspector="node"]');
    assert.equal(await page.getAttribute("[data-sim-settings]", "open"), null, "folded while nothing is set");
    await page.click("[data-sim-settings] summary");

    // A bad value stays in its field with the reason; the document is unchanged.
    await setSim(page, "capacity", "lots");
    const error = page.locator("#inspector-sim-capacity-error");
    assert.match(await error.textContent(), /Capacity \(requests\/s per instance\): must be a finite number/);
    assert.equal(await page.inputValue('[data-sim-setting="capacity"]'), "lots");
    assert.equal(await page.getAttribute('[data-sim-setting="capacity"]', "aria-invalid"), "true");
    await setSim(page, "capacity", "0");
    assert.match(await error.textContent(), /0 is out of range: more than 0 requests per second/);
    await setSim(page, "queue_limit", "10");
    assert.match(await page.textContent("#inspector-sim-queue_limit-error"), /needs a capacity on the same node/);
    assert.deepEqual(await page.evaluate(() => window.topolab.document()), before, "refused values never reach the document");

    // Good values go where the simulation reads them, each one undo step.
    await setSim(page, "capacity", "40");
    await setSim(page, "latency_ms", "20");
    await setSim(page, "mttr_s", "120");
    assert.deepEqual(simOf(await page.evaluate(() => window.topolab.document()), "app1"), { capacity: 40, latency_ms: 20, mttr_s: 120 });
    assert.equal(await page.$("#inspector-sim-capacity-error"), null, "accepted: the reason goes");
    await setSim(page, "mttr_s", "");
    assert.deepEqual(simOf(await page.evaluate(() => window.topolab.document()), "app1"), { capacity: 40, latency_ms: 20 }, "empty is the default");
    await page.click("[data-undo]");
    await settle(page);
    assert.equal(simOf(await page.evaluate(() => window.topolab.document()), "app1").mttr_s, 120, "undoable");

    // A link: timeout, retries, backoff and a breaker from its failures alone.
    await clickLink(page, '[data-topolab-canvas] [data-link="app1->db"]');
    await page.waitForSelector('[data-inspector="link"]');
    await page.click("[data-sim-settings] summary");
    await setSim(page, "retries", "2.5");
    assert.match(await page.textContent("#inspector-sim-retries-error"), /Retries: must be a whole number/);
    await setSim(page, "retries", "2");
    await setSim(page, "timeout_ms", "300");
    await setSim(page, "backoff_ms", "50");
    await setSim(page, "breaker.failures", "3");
    assert.deepEqual(linkSimOf(await page.evaluate(() => window.topolab.document()), "app1", "db"), {
      retries: 2, timeout_ms: 300, backoff_ms: 50, breaker: { failures: 3, open_ms: 10000 },
    });
    assert.equal(await page.inputValue('[data-sim-setting="breaker.open_ms"]'), "10000");
    await setSim(page, "breaker.open_ms", "2000");
    assert.equal(linkSimOf(await page.evaluate(() => window.topolab.document()), "app1", "db").breaker.open_ms, 2000);
    await setSim(page, "breaker.failures", "");
    assert.equal(linkSimOf(await page.evaluate(() => window.topolab.document()), "app1", "db").breaker, undefined, "no failures, no breaker");

    // The simulation runs with them.
    const report = await page.evaluate(() => window.topolab.simulate({ seconds: 60, seed: 3 }));
    assert.equal(report.functions.length, 3);
    await screenshot(page, "traffic-inspector-link");
    await assertPageClean(page, session.server);
  });
});

test("in Chinese a refused traffic setting is explained in Chinese", TIMEOUT, async () => {
  await withPage(session.browser, "traffic-inspector-zh", async (page) => {
    await openApp(page, `${session.server.url}?lang=zh#preset=cluster`);
    await page.click('[data-node-id="app1"] .node-label');
    await page.waitForSelector('[data-inspector="node"]');
    await page.click("[data-sim-settings] summary");
    await setSim(page, "capacity", "0");
    assert.equal(
      await page.textContent("#inspector-sim-capacity-error"),
      "处理能力（每个实例每秒请求数）：0 超出范围：须大于每秒 0 个请求",
    );
    await page.click('[data-lang="en"]');
    await page.waitForFunction(() => /out of range/.test(document.querySelector("#inspector-sim-capacity-error")?.textContent));
    await screenshot(page, "traffic-inspector-zh");
    await assertPageClean(page, session.server);
  });
});
