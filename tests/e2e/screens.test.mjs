// The app on the screens it is used on: a classroom projector at 1024 x 768 and 16:9, a
// phone at 390 x 844 (touch). A lesson's text and Next are on top and in view; node labels
// are a readable size on the wall and stay inside their boxes; the palette leaves a phone's
// diagram its room; hover, focus, SPOF badges and zoom look as meant. Screenshots go to
// target/e2e-artifacts/screens-*.png.

import assert from "node:assert/strict";
import { test } from "node:test";
import { inflateSync } from "node:zlib";
import { assertPageClean, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 120_000 };
const session = startSession();
const CANVAS = "svg[data-topolab-canvas]";
const PROJECTOR = { width: 1024, height: 768 };
const PHONE = { viewport: { width: 390, height: 844 }, touch: true };
/** The smallest a node's label may be drawn on a 1024 x 768 projector, in screen pixels. */
const LABEL_MIN_PX = 12;

/**
 * Whether the element `selector` shows is in the viewport and on top where it is: the
 * elements at its centre and near its corners are it or inside it. Returns what covers it.
 */
const covered = (page, selector) =>
  page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return `${selector} is missing`;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
      return `${selector} is out of view: ${JSON.stringify(r)}`;
    }
    for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.2], [0.9, 0.8]]) {
      const hit = document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy);
      if (!hit || !(el === hit || el.contains(hit))) return `${selector} is under ${hit?.outerHTML.slice(0, 80)}`;
    }
    return null;
  }, selector);

for (const lang of ["en", "zh"]) {
  test(`a lesson's text, task and Next are on top at 1024 x 768 on a projector (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `screens-lesson-projector-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}&theme=projector&lesson=cluster&step=1`);
      for (const selector of ["[data-lesson-text]", "[data-lesson-prompt]", "[data-lesson-do]", "[data-lesson-next]"]) {
        assert.equal(await covered(page, selector), null);
      }
      // The diagram keeps room under the panel: every node in view, under nothing.
      for (const id of ["browser", "app", "db"]) {
        assert.equal(await covered(page, `${CANVAS} [data-node-id="${id}"] .node-box`), null, id);
      }
      await screenshot(page, `screens-lesson-projector-${lang}`);
      assertPageClean(page, session.server);
    }, { viewport: PROJECTOR });
  });
}

for (const viewport of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
  test(`the lesson panel is as tall as its text at ${viewport.width} x ${viewport.height}`, TIMEOUT, async () => {
    await withPage(session.browser, `screens-lesson-${viewport.width}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=en&theme=projector&lesson=cluster&step=1`);
      const { empty, canvas } = await page.evaluate(() => {
        const panel = document.querySelector("[data-lesson-panel]").getBoundingClientRect();
        const kids = [...document.querySelectorAll("[data-lesson-panel] > *")].map((e) => e.getBoundingClientRect().bottom);
        const area = document.querySelector(".canvas-area").getBoundingClientRect();
        return { empty: panel.bottom - Math.max(...kids), canvas: area.height };
      });
      assert.ok(empty <= 24, `${empty} px empty at the panel's foot`);
      assert.ok(canvas >= viewport.height * 0.45, `the diagram gets ${canvas} px of ${viewport.height}`);
      assert.equal(await covered(page, "[data-lesson-next]"), null);
      await screenshot(page, `screens-lesson-${viewport.width}x${viewport.height}`);
    }, { viewport });
  });
}

/** Each node's label: its size on screen, and whether it and the kind caption lie inside the box. */
const labels = (page) =>
  page.evaluate((canvas) => {
    const inside = (a, b) => a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
    return [...document.querySelectorAll(`${canvas} [data-node-id]`)].map((g) => {
      const box = g.querySelector(".node-box").getBoundingClientRect();
      const label = g.querySelector(".node-label");
      return {
        id: g.getAttribute("data-node-id"),
        px: parseFloat(getComputedStyle(label).fontSize) * label.getScreenCTM().a,
        labelInside: inside(label.getBoundingClientRect(), box),
        kindInside: inside(g.querySelector(".node-kind").getBoundingClientRect(), box),
      };
    });
  }, CANVAS);

for (const lang of ["en", "zh"]) {
  test(`on a 1024 x 768 projector node labels are ${LABEL_MIN_PX} px or more and stay in their boxes (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `screens-labels-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}&theme=projector#preset=microservices`);
      const found = await labels(page);
      const small = found.filter((n) => n.px < LABEL_MIN_PX).map((n) => `${n.id} ${n.px.toFixed(1)} px`);
      assert.deepEqual(small, [], "labels under the minimum");
      await screenshot(page, `screens-labels-projector-${lang}`);
      // The presentation strip shows the headline figure and every function row.
      assert.equal(await covered(page, "[data-system-all]"), null);
      const functions = await page.$$eval("[data-function-id]", (rows) => rows.map((r) => r.dataset.functionId));
      assert.equal(functions.length, 3);
      for (const id of functions) {
        assert.equal(await covered(page, `[data-function-id="${id}"] [data-availability]`), null, id);
      }
      for (const preset of ["microservices", "distributed-monolith", "cluster", "hidden-spof", "distributed"]) {
        await openApp(page, `${session.server.url}?lang=${lang}&theme=projector#preset=${preset}`);
        const out = (await labels(page)).filter((n) => !n.labelInside || !n.kindInside);
        assert.deepEqual(out, [], `${preset}: text over the edge of its box`);
      }
    }, { viewport: PROJECTOR });
  });
}

test("the coupling table is folded on a projector and opens from its summary", TIMEOUT, async () => {
  await withPage(session.browser, "screens-coupling-fold", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&theme=projector#preset=microservices`);
    const shown = () => page.evaluate(() => document.querySelector(".coupling-table").checkVisibility());
    assert.equal(await shown(), false, "folded");
    await page.click(".coupling-fold > summary");
    assert.equal(await shown(), true, "opened");
    await openApp(page, `${session.server.url}?lang=en&theme=light#preset=microservices`);
    assert.equal(await shown(), true, "open in the light theme");
  });
});

for (const lang of ["en", "zh"]) {
  test(`a phone: the palette is a strip of icons, the diagram fitted beside it, a lesson readable (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `screens-phone-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}#preset=cluster`);
      const widths = await page.evaluate(() => ({
        palette: document.querySelector(".palette").getBoundingClientRect().width,
        area: document.querySelector(".canvas-area").getBoundingClientRect().width,
      }));
      assert.ok(widths.palette <= 390 * 0.15, `the palette is ${widths.palette} px wide`);
      assert.ok(widths.area >= 390 * 0.6, `the diagram is ${widths.area} px wide`);
      // Fitted large enough that nodes keep their words (left out under 5 px).
      const px = (await labels(page)).map((n) => n.px);
      assert.ok(Math.min(...px) >= 5, `labels of ${Math.min(...px).toFixed(1)} px`);
      await screenshot(page, `screens-phone-${lang}`);

      await openApp(page, `${session.server.url}?lang=${lang}&lesson=cluster&step=1`);
      for (const selector of ["[data-lesson-text]", "[data-lesson-prompt]", "[data-lesson-do]"]) {
        assert.equal(await covered(page, selector), null);
      }
      const prompt = await page.textContent("[data-lesson-prompt]");
      assert.ok(!/\bK\b/.test(prompt), `a key on a touch screen: ${prompt}`);
      assert.ok(prompt.includes(lang === "en" ? "Tap" : "点"), prompt);
      await screenshot(page, `screens-phone-lesson-${lang}`);
      // Tapping the square the prompt names does the task.
      await page.tap(`${CANVAS} [data-node-id="app"] [data-instance="0"]`);
      await page.waitForSelector("[data-lesson-done]");
      assertPageClean(page, session.server);
    }, PHONE);
  });
}

test("hovering a node outlines it in the accent colour, not the colour of a failure", TIMEOUT, async () => {
  await withPage(session.browser, "screens-hover", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    const box = await page.locator(`${CANVAS} [data-node-id="app1"] .node-box`).boundingBox();
    await page.mouse.move(box.x + 8, box.y + 8);
    await page.waitForSelector(`${CANVAS} [data-node-id="app1"].in-blast`);
    const { stroke, down, width, plain } = await page.evaluate((canvas) => {
      const probe = document.createElement("span");
      probe.style.color = "var(--down)";
      document.body.append(probe);
      const down = getComputedStyle(probe).color;
      probe.remove();
      const style = (id) => getComputedStyle(document.querySelector(`${canvas} [data-node-id="${id}"] .node-box`));
      return {
        stroke: style("app1").stroke,
        down,
        width: parseFloat(style("app1").strokeWidth),
        plain: parseFloat(style("app2").strokeWidth),
      };
    }, CANVAS);
    assert.notEqual(stroke, down, "the hovered node is not drawn as failed");
    assert.ok(width <= plain * 2, `a ${width} px border against ${plain} px`);
  });
});

test("the canvas shows a focus ring for the keyboard only", TIMEOUT, async () => {
  await withPage(session.browser, "screens-focus", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    const area = await page.locator(CANVAS).boundingBox();
    await page.mouse.click(area.x + 20, area.y + area.height - 20);
    await settle(page);
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return { inCanvas: !!el.closest("svg[data-topolab-canvas]"), outline: getComputedStyle(el).outlineStyle };
      });
    const clicked = await ring();
    assert.equal(clicked.outline, "none", "no ring after a click on empty canvas");
    await page.keyboard.press("Tab");
    const tabbed = await ring();
    assert.ok(tabbed.inCanvas, "Tab goes into the diagram");
    assert.notEqual(tabbed.outline, "none", "a ring after Tab");
  });
});

test("zoom stops at a quarter of the fitted size out and 4 pixels a unit in", TIMEOUT, async () => {
  await withPage(session.browser, "screens-zoom", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=microservices`);
    const measure = () =>
      page.evaluate((canvas) => {
        const boxes = [...document.querySelectorAll(`${canvas} [data-node-id]`)].map((g) => g.getBoundingClientRect());
        const svg = document.querySelector(canvas);
        return {
          width: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left)),
          scale: svg.getScreenCTM().a,
        };
      }, CANVAS);
    const fitted = await measure();
    const area = await page.locator(CANVAS).boundingBox();
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    for (let i = 0; i < 50; i += 1) await page.mouse.wheel(0, 400);
    await settle(page);
    const out = await measure();
    assert.ok(out.width >= fitted.width * 0.25 - 1, `zoomed out to ${out.width} px from ${fitted.width} px`);
    for (let i = 0; i < 50; i += 1) await page.mouse.wheel(0, -400);
    await settle(page);
    const closest = await measure();
    assert.ok(closest.scale <= 4 + 1e-9, `zoomed in to ${closest.scale} pixels a unit`);
    assert.ok(closest.scale > fitted.scale * 2, "zooming in still works");
  });
});

/** The pixels of a PNG screenshot (8-bit RGB or RGBA, no interlace, as Chromium writes). */
function pixels(png) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bpp = png[25] === 6 ? 4 : 3;
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter];
      out[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, bpp, data: out };
}

test("a link arriving under a SPOF badge stops short of its letters", TIMEOUT, async () => {
  await withPage(session.browser, "screens-spof", async (page) => {
    // Three links end at the shared database, one of them under its badge.
    await openApp(page, `${session.server.url}?lang=en&theme=projector#preset=distributed`);
    const badges = await page.$$eval(`${CANVAS} .spof-badge`, (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: Math.ceil(r.left) + 1, y: Math.ceil(r.top) + 2, width: Math.floor(r.width) - 2, height: Math.floor(r.height) - 5 };
      }),
    );
    assert.ok(badges.length >= 4, "the distributed preset has its four badges");
    for (const clip of badges) {
      const { data, bpp } = pixels(await page.screenshot({ clip }));
      let dark = 0;
      for (let i = 0; i < data.length; i += bpp) if (Math.max(data[i], data[i + 1], data[i + 2]) < 90) dark += 1;
      assert.equal(dark, 0, `link-coloured pixels in the badge at ${JSON.stringify(clip)}`);
    }
  });
});
