// The guided lessons by keyboard alone ("a teacher can project the app and walk a
// class from monolith to microservices in both languages without touching the mouse"):
// no page.click and no page.mouse in this file, only page.keyboard. Every step's claims are
// checked on the page (function rows, node status, killed instances), and every step of
// every lesson is saved as a 1024 x 768 screenshot in English and in Chinese
// (target/e2e-artifacts/lesson-*.png).

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertPageClean, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 180_000 };
const PROJECTOR = { viewport: { width: 1024, height: 768 } };
const session = startSession();

const CANVAS = "svg[data-topolab-canvas]";
const PANEL = "[data-lesson-panel]";
const node = (id) => `${CANVAS} [data-node-id="${id}"]`;

/** Presses a key and lets the app draw. */
async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

const rows = (page) =>
  page.$$eval("[data-function-id]", (trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute("data-function-id"),
      status: tr.getAttribute("data-status"),
      availability: tr.querySelector("[data-availability]")?.textContent,
    })),
  );
const statuses = async (page) => Object.fromEntries((await rows(page)).map((r) => [r.id, r.status]));
const allAre = async (page, status) => {
  const all = await rows(page);
  assert.ok(all.length > 0, "no function rows");
  assert.ok(
    all.every((r) => r.status === status),
    `every function should be ${status}: ${JSON.stringify(all)}`,
  );
  return all;
};
const killed = (page, id) =>
  page.$$eval(`${node(id)} [data-instance]`, (els) => els.map((e) => e.getAttribute("data-killed") === "true"));
const nodeStatus = (page, id) => page.getAttribute(node(id), "data-status");

/** What the lesson panel shows, or null when no lesson is open. */
async function panel(page) {
  return page.evaluate((selector) => {
    const p = document.querySelector(selector);
    if (!p) return null;
    const text = (s) => p.querySelector(s)?.textContent ?? null;
    return {
      lesson: p.getAttribute("data-lesson"),
      step: Number(p.getAttribute("data-step")),
      done: p.getAttribute("data-done") === "true",
      count: text("[data-lesson-count]"),
      text: text("[data-lesson-text]"),
      prompt: text("[data-lesson-prompt]"),
      status: text("[data-lesson-status]"),
      next: text("[data-lesson-next]"),
      all: p.textContent,
    };
  }, PANEL);
}

/** What has keyboard focus: a node id, a data-* name of the lessons' controls, or a tag. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "body";
    if (el.hasAttribute("data-node-id")) return `node:${el.getAttribute("data-node-id")}`;
    for (const name of ["data-lesson-do", "data-lesson-next", "data-lesson-previous", "data-lesson-close", "data-lessons-button"]) {
      if (el.hasAttribute(name)) return name;
    }
    if (el.hasAttribute("data-lesson-choice")) return `choice:${el.getAttribute("data-lesson-choice")}`;
    return el.tagName.toLowerCase();
  });
}

/**
 * Moves keyboard focus to node `id` as a keyboard user would: Tab until a node of the
 * diagram has focus, then the arrow key pointing most nearly at the target, until it has.
 */
async function focusNode(page, id) {
  for (let i = 0; i < 40 && !(await focused(page)).startsWith("node:"); i++) await press(page, "Tab");
  for (let i = 0; i < 12; i++) {
    const here = await focused(page);
    assert.ok(here.startsWith("node:"), `Tab never reached the diagram (focus: ${here})`);
    if (here === `node:${id}`) return;
    const key = await page.evaluate(
      ([from, to]) => {
        const centre = (nodeId) => {
          const box = document.querySelector(`[data-node-id="${nodeId}"]`).getBoundingClientRect();
          return [box.left + box.width / 2, box.top + box.height / 2];
        };
        const [[x0, y0], [x1, y1]] = [centre(from), centre(to)];
        const [dx, dy] = [x1 - x0, y1 - y0];
        if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? "ArrowRight" : "ArrowLeft";
        return dy > 0 ? "ArrowDown" : "ArrowUp";
      },
      [here.slice(5), id],
    );
    await press(page, key);
  }
  assert.fail(`the arrow keys never reached node ${id} (focus: ${await focused(page)})`);
}

/** Presses "do it for me", which focus has landed on, with Enter. */
async function doItForMe(page) {
  assert.equal(await focused(page), "data-lesson-do", "focus should be on the task's button");
  await press(page, "Enter");
  const p = await panel(page);
  assert.ok(p.done, `not done after "do it for me": ${JSON.stringify(p)}`);
  assert.equal(await focused(page), "data-lesson-next", "focus moves on to Next");
}

/** Opens the chooser with L and the lesson at position `index` (0-based) with the arrows and Enter. */
async function chooseLesson(page, index) {
  await press(page, "l");
  assert.ok(await page.$("[data-lesson-chooser]"), "L opens the chooser");
  await press(page, "Home");
  for (let i = 0; i < index; i++) await press(page, "ArrowDown");
  await press(page, "Enter");
  assert.equal(await page.$("[data-lesson-chooser]"), null, "the chooser closes");
}

/** English words in `text` (of two letters or more) that are neither keys nor node ids. */
async function englishWords(page, text) {
  const doc = await page.evaluate(() => window.topolab.document());
  const allowed = new Set(["Page", "Down", "Up", "Esc", "API"]);
  for (const n of doc.nodes) allowed.add(n.id);
  return (text.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => w.length > 1 && !allowed.has(w));
}

/** The panel sits above the diagram, overlaps nothing of it and shows its whole text. */
async function assertLayout(page, what) {
  const layout = await page.evaluate((selector) => {
    const p = document.querySelector(selector);
    const box = (el) => el.getBoundingClientRect();
    const area = box(document.querySelector(".canvas-area"));
    const nodes = [...document.querySelectorAll("svg[data-topolab-canvas] [data-node-id]")].map(box);
    return {
      panelBottom: box(p).bottom,
      areaTop: area.top,
      areaHeight: area.height,
      clipped: p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1,
      nodesOutside: nodes.filter((b) => b.top < area.top - 1 || b.bottom > area.bottom + 1 || b.left < area.left - 1 || b.right > area.right + 1).length,
    };
  }, PANEL);
  assert.ok(layout.panelBottom <= layout.areaTop + 1, `${what}: the panel covers the diagram ${JSON.stringify(layout)}`);
  assert.ok(layout.areaHeight >= 380, `${what}: the diagram is left too little height ${JSON.stringify(layout)}`);
  assert.ok(!layout.clipped, `${what}: the panel's text does not fit ${JSON.stringify(layout)}`);
  assert.equal(layout.nodesOutside, 0, `${what}: nodes outside the diagram's area`);
}

const WORDS = {
  en: { done: "Done", nextLesson: "Next lesson", finish: "Finish", step: (n, m) => `Step ${n} of ${m}` },
  zh: { done: "已完成", nextLesson: "下一课", finish: "结束课程", step: (n, m) => `第 ${n} 步，共 ${m} 步` },
};

for (const lang of ["en", "zh"]) {
  test(`the cluster lesson by keyboard alone, every claim checked (${lang})`, TIMEOUT, async () => {
    await withPage(
      session.browser,
      `lessons-cluster-${lang}`,
      async (page) => {
        const words = WORDS[lang];
        await openApp(page, `${session.server.url}?lang=${lang}`);
        await press(page, "l");
        assert.equal(await focused(page), "choice:cluster", "the chooser opens on the first lesson");
        await press(page, "Enter");

        // 1. The monolith: everything through one server. Done the real way: focus, k.
        let p = await panel(page);
        assert.equal(p.lesson, "cluster");
        assert.equal(p.step, 1);
        assert.equal(p.count, words.step(1, 6));
        assert.ok(!p.done);
        assert.match(p.status, /^$/, "nothing announced yet");
        assert.equal(await focused(page), "data-lesson-do", "focus lands on the task's button");
        assert.deepEqual((await page.$$eval(`${CANVAS} [data-node-id]`, (g) => g.map((e) => e.dataset.nodeId))), ["browser", "app", "db"]);
        await allAre(page, "up");
        await assertLayout(page, "cluster step 1");
        await focusNode(page, "app");
        await press(page, "k");
        assert.deepEqual(await killed(page, "app"), [true]);
        assert.equal(await nodeStatus(page, "app"), "down");
        const down = await allAre(page, "down");
        assert.ok(down.every((r) => r.availability === "0%"), JSON.stringify(down));
        p = await panel(page);
        assert.ok(p.done, "done by the key");
        assert.ok(p.status.includes(words.done), `the live region says it: ${p.status}`);
        assert.equal(await page.getAttribute("[data-lesson-status]", "role"), "status");
        assert.equal(await focused(page), "node:app", "doing it by hand leaves focus where it was");

        // 2. Three servers: kill Server 2, every function stays up.
        await press(page, "PageDown");
        p = await panel(page);
        assert.equal(p.step, 2);
        assert.ok(!p.done);
        assert.deepEqual(await killed(page, "app2"), [false], "the step opens on a fresh cluster");
        const fresh = await allAre(page, "up");
        await doItForMe(page);
        assert.deepEqual(await killed(page, "app2"), [true]);
        assert.equal(await nodeStatus(page, "app2"), "down");
        const one = await allAre(page, "up");
        assert.ok(parseFloat(one[0].availability) < parseFloat(fresh[0].availability), "up, but less available");

        // 3. Server 2 is down; kill Server 1 too (by hand again): one server serves all.
        await press(page, "PageDown");
        p = await panel(page);
        assert.equal(p.step, 3);
        assert.deepEqual(await killed(page, "app2"), [true], "Server 2 is already down");
        assert.deepEqual(await killed(page, "app1"), [false]);
        await focusNode(page, "app1");
        await press(page, "k");
        assert.deepEqual(await killed(page, "app1"), [true]);
        assert.equal(await nodeStatus(page, "app3"), "up");
        await allAre(page, "up");
        assert.ok((await panel(page)).done);

        // 4. The last one: everything is down.
        await press(page, "PageDown");
        assert.equal((await panel(page)).step, 4);
        assert.deepEqual([await killed(page, "app1"), await killed(page, "app2"), await killed(page, "app3")], [[true], [true], [false]]);
        await allAre(page, "up");
        await doItForMe(page);
        assert.deepEqual(await killed(page, "app3"), [true]);
        await allAre(page, "down");

        // 5. All servers back; the balancer is a single point of failure.
        await press(page, "PageDown");
        assert.equal((await panel(page)).step, 5);
        for (const id of ["app1", "app2", "app3", "lb"]) assert.deepEqual(await killed(page, id), [false], id);
        await allAre(page, "up");
        assert.ok((await page.textContent(`${node("lb")} .spof-badge`))?.length > 0, "the balancer is marked SPOF");
        await doItForMe(page);
        assert.deepEqual(await killed(page, "lb"), [true]);
        await allAre(page, "down");

        // 6. The hidden single point of failure: one database behind the doubled balancer.
        await press(page, "PageDown");
        p = await panel(page);
        assert.equal(p.step, 6);
        assert.equal(p.count, words.step(6, 6));
        assert.ok(p.next.includes(words.nextLesson), `Next leads to the next lesson: ${p.next}`);
        assert.deepEqual(await killed(page, "lb"), [false, false], "two balancers now");
        await allAre(page, "up");
        await doItForMe(page);
        assert.deepEqual(await killed(page, "db"), [true]);
        assert.equal(await nodeStatus(page, "db"), "down");
        for (const id of ["app1", "app2", "app3"]) assert.equal(await nodeStatus(page, id), "down", id);
        await allAre(page, "down");

        // Page Up goes back: step 5's diagram afresh, its task to do again.
        await press(page, "PageUp");
        p = await panel(page);
        assert.equal(p.step, 5);
        assert.ok(!p.done, "reopened fresh");
        assert.deepEqual(await killed(page, "lb"), [false]);
        await allAre(page, "up");
        assert.equal(await page.$$eval("[data-lesson-panel] .lesson-track-step.done", (e) => e.length), 6, "every step was done once");
        assert.ok(page.url().includes("lesson=cluster") && page.url().includes("step=5"), page.url());

        if (lang === "zh") {
          assert.deepEqual(await englishWords(page, p.all), [], `English left in the panel: ${p.all}`);
        }

        // Escape leaves the lesson and keeps the diagram; focus goes to the Lessons button.
        await press(page, "Escape");
        assert.equal(await panel(page), null, "the lesson is closed");
        assert.equal(await focused(page), "data-lessons-button");
        assert.deepEqual(await killed(page, "lb"), [false], "the diagram stays");
        assert.ok(await page.$(node("app3")), "the cluster is still on screen");
        assert.ok(!page.url().includes("lesson="), `the address forgets the lesson: ${page.url()}`);
        assertPageClean(page, session.server);
      },
      PROJECTOR,
    );
  });
}

test("the quorum lesson: a majority of three survives one failure, any one of three two", TIMEOUT, async () => {
  await withPage(
    session.browser,
    "lessons-quorum",
    async (page) => {
      await openApp(page, `${session.server.url}?lang=en`);
      await chooseLesson(page, 4);

      // 1. Nothing to try: focus is on Next.
      let p = await panel(page);
      assert.equal(p.lesson, "quorum");
      assert.equal(p.step, 1);
      assert.equal(p.prompt, null);
      assert.equal(await focused(page), "data-lesson-next");
      assert.deepEqual(await statuses(page), { "browser:orders": "up", "browser:catalog": "up" });

      // 2. One copy of three down: still a majority (N works as Page Down does).
      await press(page, "n");
      assert.equal((await panel(page)).step, 2);
      const before = await rows(page);
      await focusNode(page, "orders-db");
      await press(page, "k");
      assert.deepEqual(await killed(page, "orders-db"), [true, false, false]);
      assert.equal(await nodeStatus(page, "orders-db"), "up");
      const after = await rows(page);
      assert.equal(after[0].status, "up");
      assert.ok(parseFloat(after[0].availability) < parseFloat(before[0].availability), "less available");
      assert.ok((await panel(page)).done);

      // 3. Two of three down: no majority, ordering stops though a copy still runs.
      await press(page, "n");
      assert.equal((await panel(page)).step, 3);
      assert.deepEqual(await killed(page, "orders-db"), [true, false, false]);
      await doItForMe(page);
      assert.deepEqual(await killed(page, "orders-db"), [true, true, false]);
      assert.equal(await nodeStatus(page, "orders-db"), "down");
      assert.deepEqual(await statuses(page), { "browser:orders": "down", "browser:catalog": "up" });

      // 4. Quorum 1: the last copy of Catalog DB is enough.
      await press(page, "n");
      assert.equal((await panel(page)).step, 4);
      assert.deepEqual(await killed(page, "catalog-db"), [true, false, false]);
      await focusNode(page, "catalog-db");
      await press(page, "k");
      assert.deepEqual(await killed(page, "catalog-db"), [true, true, false]);
      assert.equal(await nodeStatus(page, "catalog-db"), "up");
      assert.deepEqual(await statuses(page), { "browser:orders": "up", "browser:catalog": "up" });
      assert.ok((await panel(page)).done);

      // 5. The lesson's last step: Next goes on to the zones lesson.
      await press(page, "PageDown");
      p = await panel(page);
      assert.equal(p.step, 5);
      assert.match(p.next, /Next lesson/);
      await press(page, "p");
      assert.equal((await panel(page)).step, 4, "P goes back");
      await press(page, "PageDown");
      assert.equal(await focused(page), "data-lesson-next");
      await press(page, "Enter");
      p = await panel(page);
      assert.deepEqual([p.lesson, p.step], ["zones", 1], "Next lesson opens the zones lesson");
      assertPageClean(page, session.server);
    },
    PROJECTOR,
  );
});

test("a teacher's link opens a lesson at a step, and the lesson leaves the autosave alone", TIMEOUT, async () => {
  await withPage(
    session.browser,
    "lessons-link",
    async (page) => {
      // The user's own work, autosaved: the monolith with its server killed.
      await openApp(page, `${session.server.url}?lang=en#preset=monolith`);
      await page.evaluate(() => window.topolab.kill("app", 0));
      await settle(page);
      const saved = await page.evaluate(() => localStorage.getItem("topolab.autosave"));
      assert.ok(saved?.includes('"killed"'), "the edit is autosaved");

      await openApp(page, `${session.server.url}?lang=en&lesson=queue&step=3`);
      let p = await panel(page);
      assert.equal(p.lesson, "queue");
      assert.equal(p.step, 3);
      assert.deepEqual(await killed(page, "shipping"), [true], "the step opens with Shipping down");
      assert.equal(await focused(page), "data-lesson-do");
      await doItForMe(page);
      assert.deepEqual(await killed(page, "shipping"), [false], "revived");
      await press(page, "PageDown");
      assert.ok(page.url().includes("lesson=queue") && page.url().includes("step=4"), page.url());
      assert.ok(page.url().includes("lang=en"), "the rest of the address is kept");
      assert.match(page.url(), /#d=/, "the address still follows the diagram");
      await doItForMe(page);
      assert.deepEqual(await killed(page, "events"), [true, true]);
      assert.deepEqual(await statuses(page), { "browser:orders": "down" });
      assert.equal(
        await page.evaluate(() => localStorage.getItem("topolab.autosave")),
        saved,
        "a lesson's diagrams never replace the autosave",
      );

      // Undo walks back through the lesson's changes, to the page's own diagram. Step 4
      // opened on the very diagram step 3 left (Shipping revived): no change was needed.
      await press(page, "Escape");
      assert.equal(await panel(page), null);
      assert.deepEqual(await killed(page, "events"), [true, true], "the diagram stays");
      await press(page, "Control+z");
      assert.deepEqual(await killed(page, "events"), [false, false]);
      await press(page, "Control+z");
      assert.deepEqual(await killed(page, "shipping"), [true], "back to step 3 as it opened");
      await press(page, "Control+z");
      assert.deepEqual(await killed(page, "app"), [true], "back to the autosaved monolith");
      assertPageClean(page, session.server);

      // An unknown lesson opens the chooser.
      await openApp(page, `${session.server.url}?lang=en&lesson=kubernetes`);
      assert.ok(await page.$("[data-lesson-chooser]"));
      assert.equal(await panel(page), null);
      await press(page, "Escape");
      assert.equal(await page.$("[data-lesson-chooser]"), null);
    },
    PROJECTOR,
  );
});

test("a lesson's keys stay out of text fields and dialogs, and the help lists them", TIMEOUT, async () => {
  await withPage(
    session.browser,
    "lessons-keys",
    async (page) => {
      await openApp(page, `${session.server.url}?lang=zh&lesson=cluster&step=2`);
      assert.equal((await panel(page)).step, 2);

      // The help overlay swallows Page Down; it lists the lesson keys in Chinese.
      await press(page, "?");
      const help = await page.textContent("[data-help-lessons]");
      assert.ok(help.includes("Page Down") && help.includes("课程"), help);
      assert.ok((await page.textContent("[data-help-lesson-link]")).includes("?lesson=cluster&step=2"));
      await press(page, "PageDown");
      assert.equal((await panel(page)).step, 2, "not while the help is open");
      await press(page, "Escape");
      assert.equal(await page.$("[data-help]"), null);
      assert.ok(await panel(page), "Escape closed the help, not the lesson");

      // With a node selected, Escape clears the selection first, then leaves the lesson.
      await focusNode(page, "app1");
      await press(page, "Escape");
      assert.ok(await panel(page), "the first Escape only clears the selection");
      await press(page, "Escape");
      assert.equal(await panel(page), null, "the second leaves the lesson");

      // Typing N or P into a field types them; Page Down there is the field's.
      await chooseLesson(page, 0);
      await focusNode(page, "app");
      const field = '[data-inspector] input[name="label"]';
      await page.focus(field);
      await page.keyboard.type("np");
      await settle(page);
      assert.equal((await panel(page)).step, 1, "not while typing");
      assert.ok((await page.inputValue(field)).endsWith("np"));
      await press(page, "PageDown");
      assert.equal((await panel(page)).step, 1, "Page Down in a field is the field's");
      assertPageClean(page, session.server);
    },
    PROJECTOR,
  );
});

test("switching the language during a lesson keeps the step, its kills and the done mark", TIMEOUT, async () => {
  await withPage(
    session.browser,
    "lessons-language",
    async (page) => {
      await openApp(page, `${session.server.url}?lang=en&lesson=cluster&step=2`);
      await doItForMe(page);
      assert.equal(await page.textContent(`${node("app2")} .node-label`), "Server 2");
      // Back from Next to the toolbar's 中文 button, by Shift+Tab, and press it.
      for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.dataset.lang === "zh-CN")); i++) {
        await press(page, "Shift+Tab");
      }
      await press(page, "Enter");
      const p = await panel(page);
      assert.equal(p.step, 2);
      assert.equal(p.count, WORDS.zh.step(2, 6));
      assert.ok(p.done, "still done");
      assert.deepEqual(await killed(page, "app2"), [true], "the kill is kept");
      assert.equal(await page.textContent(`${node("app2")} .node-label`), "服务器 2");
      assert.deepEqual(await englishWords(page, p.all), [], p.all);
      assert.ok(page.url().includes("lang=zh") && page.url().includes("lesson=cluster"), page.url());
      assertPageClean(page, session.server);
    },
    PROJECTOR,
  );
});

for (const lang of ["en", "zh"]) {
  test(`every step of every lesson on a 1024 x 768 projector, screenshots (${lang})`, TIMEOUT, async () => {
    await withPage(
      session.browser,
      `lessons-screens-${lang}`,
      async (page) => {
        const words = WORDS[lang];
        await openApp(page, `${session.server.url}?lang=${lang}`);
        await chooseLesson(page, 0);
        const seen = [];
        let lessonNumber = 0;
        for (;;) {
          const p = await panel(page);
          if (!seen.some((s) => s.startsWith(`${p.lesson} `))) lessonNumber += 1;
          const name = `lesson-${lang}-${lessonNumber}-${p.lesson}-${p.step}`;
          seen.push(`${p.lesson} ${p.step}`);
          await assertLayout(page, name);
          if (lang === "zh") {
            assert.deepEqual(await englishWords(page, p.all), [], `${name}: English in ${p.all}`);
            const labels = (await page.$$eval(`${CANVAS} .node-label`, (ts) => ts.map((t) => t.textContent))).join(" ");
            assert.deepEqual(await englishWords(page, labels), [], `${name}: English labels in the diagram: ${labels}`);
          }
          await screenshot(page, name);
          if (p.prompt !== null) {
            await doItForMe(page);
            await assertLayout(page, `${name} done`);
            const done = await panel(page);
            assert.ok(done.status.includes(words.done), `${name}: ${done.status}`);
            if (lang === "zh") {
              assert.deepEqual(await englishWords(page, done.all), [], `${name}: English in ${done.all}`);
              const labels = (await page.$$eval(`${CANVAS} .node-label`, (ts) => ts.map((t) => t.textContent))).join(" ");
              assert.deepEqual(await englishWords(page, labels), [], `${name}: English labels after the task: ${labels}`);
            }
            await screenshot(page, `${name}-done`);
          }
          if (p.next === words.finish) break;
          await press(page, "PageDown");
        }
        assert.equal(seen.length, 29, seen.join(", "));
        // The chooser, for a look at it too.
        await press(page, "l");
        await screenshot(page, `lesson-${lang}-0-chooser`);
        await press(page, "Escape");
        assertPageClean(page, session.server);
      },
      PROJECTOR,
    );
  });
}
