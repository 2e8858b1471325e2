// The interface in Chinese: every preset, the inspector (with a refused value) and
// the help overlay leave no English word on screen or in a title, aria-label or placeholder;
// a Chinese browser opens in Chinese and ?lang=en overrides it; the 中文 / EN switch changes
// the page in place, the diagram kept. Screenshots of each preset in Chinese, the help and a
// refusal go to target/e2e-artifacts/i18n-zh-*.png.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, grabPoint, openApp, screenshot, settle, withPage, startSession } from "./harness.mjs";

const TIMEOUT = { timeout: 120_000 };
const session = startSession();

const CANVAS = "svg[data-topolab-canvas]";
const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const instance = (id, index) => `${node(id)} [data-instance="${index}"]`;

// Latin words a Chinese interface keeps, and why:
// - "Topolab": the product's name, the same in every language.
// - "API": Chinese engineers write API (外部 API, API 网关); no Chinese word replaces it.
// - Ctrl, Shift, Tab, Esc, Delete, Backspace: key names as printed on the keys Chinese
//   readers press, where they stand in running text ("撤销（Ctrl+Z）"); "Mac": a product's
//   name. Inside a <kbd> (a keycap: Enter, Page Down) any key name is left as printed.
// - JSON (and the extension .json), SVG, PNG, Mermaid, iframe, topolab (of "topolab/1"):
//   names of file formats and of the HTML element an embed is, which Chinese writing keeps;
//   docker-compose, Kubernetes and OpenTelemetry (what Import reads): products' names.
// - Inside <code> (an address to type, a lesson's id), text is code, left as it is.
// Besides these, only the document's own data may be Latin: an attribute whose whole value
// is node ids, function ids or capabilities (the label's placeholder is the id, a function
// row's title its id), zone letters, and text marked lang="en" (the language switch's "English").
// Two-letter words pass the rule by design: Ca and Ce (coupling metrics keep their names in
// Chinese textbooks), ID, EN.
const ALLOWED = [
  "Topolab", "API", "Ctrl", "Shift", "Tab", "Esc", "Delete", "Backspace", "Mac",
  "JSON", "json", "SVG", "PNG", "Mermaid", "iframe", "topolab",
  "docker", "compose", "Kubernetes", "OpenTelemetry",
];

/**
 * Every run of 3+ Latin letters on the page that is not allowed, with where it was found.
 * With `ownWords`, the document's title and labels count as its data too (a diagram opened
 * in English keeps them when the interface switches).
 */
async function englishLeft(page, { ownWords = false } = {}) {
  return page.evaluate(({ allowed, ownWords }) => {
    const doc = window.topolab.document();
    const data = new Set([
      ...doc.nodes.map((n) => n.id),
      ...doc.nodes.flatMap((n) => n.capabilities ?? []),
      ...window.topolab.analysis().functions.map((f) => f.id),
    ]);
    const words = new Set(
      ownWords ? [doc.title ?? "", ...doc.nodes.map((n) => n.label ?? "")].join(" ").split(/[^A-Za-z]+/) : [],
    );
    // Each instance's zone letter (its zone id's last letter or digit, upper case) is
    // data too: a node's instances spread over zones A, B and C read "ABC".
    const marks = new Set((doc.zones ?? []).map((z) => [...z.id].reverse().find((c) => /[A-Za-z0-9]/.test(c))?.toUpperCase()));
    const found = [];
    const check = (where, text) => {
      for (const m of text.matchAll(/[A-Za-z]{3,}/g)) {
        if (allowed.includes(m[0]) || words.has(m[0])) continue;
        if ([...m[0]].every((c) => marks.has(c))) continue;
        const around = text.slice(Math.max(0, m.index - 25), m.index + m[0].length + 25);
        found.push(`${where}: ${m[0]} in ${JSON.stringify(around)}`);
      }
    };
    // The visible text, keycaps (<kbd>) left out: they show the key as it is printed.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const parent = t.parentElement;
      if (!parent || parent.closest("kbd, code, script, style, noscript")) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      texts.push(t.textContent);
    }
    check("text", texts.join("\n"));
    for (const el of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
      if (el.closest('[lang^="en"]')) continue;
      for (const name of ["title", "aria-label", "placeholder"]) {
        const value = el.getAttribute(name);
        if (value === null || value.split(/,\s*/).every((part) => data.has(part))) continue;
        check(`<${el.tagName.toLowerCase()} ${name}>`, value);
      }
    }
    // SVG tooltips (a node's, its connect handle's) show on hover.
    for (const title of document.querySelectorAll("svg title")) check("<svg title>", title.textContent);
    return found;
  }, { allowed: ALLOWED, ownWords });
}

/** Node texts (caption, label) that reach outside their node's box, as "id: text". */
async function textOutsideBoxes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("svg[data-topolab-canvas] [data-node-id]")].flatMap((g) => {
      const box = g.querySelector(".node-box").getBoundingClientRect();
      return [...g.querySelectorAll(".node-kind, .node-label")]
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
        })
        .map((t) => `${g.getAttribute("data-node-id")}: ${t.textContent}`);
    }),
  );
}

/** Types `value` into the inspector's field `name` and commits it with Enter. */
async function setField(page, name, value) {
  const field = page.locator(`[data-inspector] [name="${name}"]`);
  await field.fill(String(value));
  await field.press("Enter");
  await settle(page);
}

/** Selects node `id` with a click beside its instances. */
async function select(page, id) {
  const at = await grabPoint(page, id);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('[data-inspector="node"]');
  await settle(page);
}

const firstOfKind = (page, kind) =>
  page.$eval(`${CANVAS} [data-kind="${kind}"]`, (g) => g.getAttribute("data-node-id"));

test("in Chinese, no English is left: every preset, the inspector, a refusal, the help", TIMEOUT, async () => {
  await withPage(session.browser, "i18n-zh-scan", async (page) => {
    await openApp(page, `${session.server.url}?lang=zh#preset=cluster`);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.match(await page.title(), /系统拓扑/);
    const presets = await page.$$eval("[data-presets] option", (os) => os.map((o) => o.value).filter((v) => v && !v.startsWith("challenge:")));
    assert.ok(presets.length >= 6, `presets in the menu: ${presets}`);

    for (const name of presets) {
      await openApp(page, `${session.server.url}?lang=zh#preset=${name}`);
      assert.deepEqual(await englishLeft(page), [], `${name}: English left on the page`);
      assert.deepEqual(await textOutsideBoxes(page), [], `${name}: text outside a node's box`);

      // A service selected: its form, tooltip and connect handle.
      await select(page, await firstOfKind(page, "service"));
      assert.deepEqual(await englishLeft(page), [], `${name}: English left with the inspector open`);
      await screenshot(page, `i18n-zh-${name}`);
      await page.$eval(".side", (side) => side.scrollTo(0, side.scrollHeight));
      await settle(page);
      await screenshot(page, `i18n-zh-${name}-coupling`);
    }

    // A refused value: the validator's and the availability reader's words, in Chinese.
    await openApp(page, `${session.server.url}?lang=zh#preset=cluster`);
    await select(page, "db");
    await setField(page, "quorum", 9);
    await setField(page, "availability", "很高");
    const errors = page.locator("[data-inspector] .field-error");
    assert.equal(await errors.count(), 2, "both values are refused");
    assert.match(await errors.nth(0).textContent(), /法定数：9 不在 1 到该节点的副本数 2 之间/);
    assert.match(await errors.nth(1).textContent(), /可用性：“很高” 不是数字/);
    assert.deepEqual(await englishLeft(page), [], "English left in a refusal");
    await errors.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, "i18n-zh-refused");

    await page.click("[data-help-button]");
    await page.waitForSelector("[data-help]");
    assert.deepEqual(await englishLeft(page), [], "English left in the help");
    await screenshot(page, "i18n-zh-help");
    await page.keyboard.press("Escape");
    assertPageClean(page, session.server);
  });
});

test("Chinese node texts stay inside their boxes: a box widens for a long label, a longer one is cut", TIMEOUT, async () => {
  await withPage(session.browser, "i18n-zh-boxes", async (page) => {
    await openApp(page, `${session.server.url}?lang=zh#preset=microservices`);
    await page.evaluate(() =>
      window.topolab.load({
        format: "topolab/1",
        nodes: [
          { id: "c", kind: "client", label: "手机客户端", x: 0, y: 0 },
          { id: "lb", kind: "load_balancer", label: "六个汉字名字", x: 200, y: 0 },
          { id: "s", kind: "service", label: "一个非常非常长的服务名称啊", replicas: 7, x: 440, y: 0 },
          { id: "q", kind: "queue", label: "Mixed 混合 label", x: 700, y: 0 },
          { id: "x", kind: "external", label: "十一个汉字的外部服务名", x: 940, y: 0 },
        ],
        links: [{ from: "c", to: "lb" }, { from: "lb", to: "s" }, { from: "s", to: "q" }, { from: "s", to: "x" }],
      }),
    );
    await settle(page);
    await page.click("[data-fit]");
    await settle(page);
    assert.equal(await page.textContent(`${node("lb")} .node-label`), "六个汉字名字", "six characters fit whole");
    assert.equal(await page.textContent(`${node("x")} .node-label`), "十一个汉字的外部服务名", "eleven widen the box and fit whole");
    assert.equal(await page.textContent(`${node("s")} .node-label`), "一个非常非常长的服务…", "more are cut to what the widest box holds");
    assert.deepEqual(await textOutsideBoxes(page), []);
    await screenshot(page, "i18n-zh-long-labels");
    assertPageClean(page, session.server);
  });
});

test("a Chinese browser opens in Chinese; ?lang=en overrides it", TIMEOUT, async () => {
  await withPage(
    session.browser,
    "i18n-locale",
    async (page) => {
      assert.deepEqual(await page.evaluate(() => navigator.languages), ["zh-CN"]);
      await openApp(page, `${session.server.url}#preset=cluster`);
      assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
      assert.equal(await page.textContent("[data-new]"), "新建");
      assert.equal(await page.textContent(`${node("app1")} .node-label`), "服务器 1", "the preset opens in Chinese");
      assert.equal(await page.getAttribute('[data-lang="zh-CN"]', "aria-pressed"), "true");

      await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal(await page.title(), "Topolab");
      assert.equal(await page.textContent("[data-new]"), "New");
      assert.equal(await page.textContent(`${node("app1")} .node-label`), "Server 1");
      assert.equal(await page.getAttribute('[data-lang="en"]', "aria-pressed"), "true");
      const english = await englishLeft(page);
      assert.ok(english.length > 20, `the scan finds the English interface: ${english.length} words`);
      assertPageClean(page, session.server);
    },
    { locale: "zh-CN" },
  );
});

test("中文 / EN switch the page in place, the diagram kept", TIMEOUT, async () => {
  await withPage(session.browser, "i18n-switch", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    await page.click(instance("app1", 0));
    await select(page, "db");
    await setField(page, "quorum", 9);
    const error = page.locator("[data-inspector] .field-error");
    assert.match(await error.textContent(), /^Quorum: 9 is not between 1 and the node's 2 replicas/);

    const diagram = () =>
      page.$$eval(`${CANVAS} [data-node-id]`, (gs) =>
        gs.map((g) => ({
          id: g.getAttribute("data-node-id"),
          transform: g.getAttribute("transform"),
          status: g.getAttribute("data-status"),
          killed: [...g.querySelectorAll("[data-instance]")].map((i) => i.getAttribute("data-killed")),
        })),
      );
    const before = { diagram: await diagram(), doc: await page.evaluate(() => window.topolab.document()) };
    assert.equal(before.diagram.find((n) => n.id === "app1").killed[0], "true");
    await page.evaluate(() => (window.__notReloaded = true));

    await page.click('[data-lang="zh-CN"]');
    await settle(page);
    assert.equal(await page.evaluate(() => window.__notReloaded), true, "no reload");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.match(await page.title(), /系统拓扑/);
    assert.match(page.url(), /\?lang=zh-CN#/, "the address says the language in force");
    assert.equal(await page.textContent("[data-new]"), "新建");
    assert.equal(await page.textContent(`${node("app1")} .node-kind`), "服务", "the diagram's words follow");
    assert.equal(await page.textContent(`${node("app1")} .node-label`), "Server 1", "the document is not touched");
    assert.match(await error.textContent(), /^法定数：9 不在 1 到该节点的副本数 2 之间/, "a refusal is said again");
    assert.deepEqual(await diagram(), before.diagram, "same transforms and kills");
    assert.deepEqual(await page.evaluate(() => window.topolab.document()), before.doc);
    assert.deepEqual(await englishLeft(page, { ownWords: true }), [], "only the document's own words stay English");
    await screenshot(page, "i18n-switched-to-zh");

    await page.click('[data-lang="en"]');
    await settle(page);
    assert.equal(await page.evaluate(() => window.__notReloaded), true, "no reload");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.title(), "Topolab");
    assert.equal(await page.textContent("[data-new]"), "New");
    assert.equal(await page.textContent(`${node("app1")} .node-kind`), "SERVICE");
    assert.match(await error.textContent(), /^Quorum: 9/);
    assert.deepEqual(await diagram(), before.diagram);
    assert.deepEqual(await page.evaluate(() => window.topolab.document()), before.doc);
    assertPageClean(page, session.server);
  });
});
