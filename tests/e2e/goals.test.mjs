// Goals and challenges (docs/spec/model.md §6, docs/spec/app.md "Goals, advice and
// zones"): a challenge opens with its story and unmet goals; "Show me" draws a survive
// goal's counterexample without changing the document; goals are added, edited and
// removed, one undo step each; warnings say why and light their nodes; window.topolab
// and postMessage give `check`; a challenge met says it is passed.

import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateRawSync } from "node:zlib";
import { assertPageClean, openApp, screenshot, settle, startSession, withPage } from "./harness.mjs";

const TIMEOUT = { timeout: 90_000 };
const session = startSession();

const CANVAS = "svg[data-topolab-canvas]";
const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const instance = (id, index) => `${node(id)} [data-instance="${index}"]`;
const doc = (page) => page.evaluate(() => window.topolab.document());
const goalRows = (page) =>
  page.$$eval("[data-goal-index]", (lis) => lis.map((li) => ({ index: Number(li.getAttribute("data-goal-index")), met: li.getAttribute("data-met") })));

for (const [lang, story, passed] of [
  ["en", /one app server and one database/, /Passed! Every goal is met/],
  ["zh", /只有一台应用服务器和一个数据库/, /挑战成功/],
]) {
  test(`?challenge=first: the story, goals not met, Show me, a fix, passed (${lang})`, TIMEOUT, async () => {
    await withPage(session.browser, `goals-first-${lang}`, async (page) => {
      await openApp(page, `${session.server.url}?lang=${lang}&challenge=first`);
      await page.waitForSelector('[data-challenge="first"]');
      assert.match(await page.textContent("[data-challenge]"), story);
      assert.equal(await page.getAttribute("[data-challenge]", "data-passed"), "false");
      assert.deepEqual(await goalRows(page), [
        { index: 0, met: "false" },
        { index: 1, met: "false" },
        { index: 2, met: "true" },
      ]);
      // Not by colour alone: a mark and a word.
      assert.match(await page.textContent('[data-goal-index="0"]'), lang === "en" ? /✕\s*not met/ : /✕\s*未达成/);
      await screenshot(page, `goals-first-${lang}`);

      // Show me: the counterexample drawn, the document untouched.
      const before = await doc(page);
      await page.click('[data-goal-index="0"] [data-goal-show]');
      await settle(page);
      assert.equal(await page.getAttribute(instance("shop", 0), "data-killed"), "true", "the failing server drawn killed");
      assert.equal(await page.getAttribute(node("shop"), "data-status"), "down");
      assert.equal(await page.locator('[data-function-id][data-in-blast="true"]').count(), 2, "both functions highlighted");
      assert.match(await page.textContent("[data-counterexample]"), lang === "en" ? /Losing Shop #1 takes down catalog, checkout/ : /失去 网店 #1，浏览商品、结账随之停止/);
      assert.deepEqual(await doc(page), before, "Show me changes nothing");
      await screenshot(page, `goals-first-show-me-${lang}`);
      await page.click('[data-goal-index="0"] [data-goal-show]');
      await settle(page);
      assert.equal(await page.getAttribute(instance("shop", 0), "data-killed"), "false", "hidden again");

      // What would it take? The unmet availability goal is offered; the cheapest option
      // adds a server and a database instance, previewed as added, then applied.
      assert.equal(await page.inputValue("[data-advice-min]"), "99.9");
      await page.click("[data-advice-ask]");
      await page.waitForSelector('[data-advice-option="cheapest"]');
      assert.match(await page.textContent('[data-advice-option="cheapest"]'), lang === "en" ? /\+1 Shop[\s\S]*\+1 Database[\s\S]*Cost 2/ : /\+1 网店[\s\S]*\+1 数据库[\s\S]*成本 2/);
      await page.click('[data-advice-option="cheapest"] [data-advice-preview]');
      await settle(page);
      assert.equal(await page.locator(`${CANVAS} .instance.added`).count(), 2, "the new instances drawn as added");
      assert.deepEqual(await doc(page), before, "a preview changes nothing");
      await screenshot(page, `goals-first-preview-${lang}`);
      await page.click('[data-advice-option="cheapest"] [data-advice-apply]');
      await settle(page);
      assert.deepEqual((await doc(page)).nodes.map((n) => n.replicas ?? 1), [1, 2, 2]);
      assert.equal(await page.locator(`${CANVAS} .instance.added`).count(), 0, "the preview goes with the change");
      assert.deepEqual((await goalRows(page)).map((g) => g.met), ["true", "true", "true"]);
      assert.equal(await page.getAttribute("[data-challenge]", "data-passed"), "true");
      assert.match(await page.textContent("[data-challenge-status]"), passed);
      assert.equal((await page.evaluate(() => window.topolab.check())).met, true);
      await screenshot(page, `goals-first-passed-${lang}`);
      await page.click("[data-undo]");
      await settle(page);
      assert.equal(await page.getAttribute("[data-challenge]", "data-passed"), "false", "one undo takes the whole change back");
      assertPageClean(page, session.server);
    });
  });
}

test("goals are added, edited and removed in the panel, one undo step each", TIMEOUT, async () => {
  await withPage(session.browser, "goals-edit", async (page) => {
    await openApp(page, `${session.server.url}?lang=en#preset=cluster`);
    await page.waitForSelector("[data-goals]");
    assert.equal(await page.locator("[data-goal-index]").count(), 0);

    // Add: availability of the whole system at 99.999%.
    await page.click("[data-goal-add]");
    await page.selectOption("[data-goal-kind]", "availability");
    await settle(page);
    await page.fill("[data-goal-min]", "99.999");
    await settle(page);
    await page.click("[data-goal-save]");
    await settle(page);
    let goals = (await doc(page)).goals;
    assert.deepEqual(goals, [{ kind: "availability", min: 0.99999 }]);
    assert.equal(await page.getAttribute('[data-goal-index="0"]', "data-met"), "false");
    assert.match(await page.textContent('[data-goal-index="0"] [data-goal-figure]'), /99\.98\d*% of 99\.999%/);

    // A bad target is said, and nothing is saved.
    await page.click("[data-goal-add]");
    await page.selectOption("[data-goal-kind]", "availability");
    await settle(page);
    await page.fill("[data-goal-min]", "100");
    await page.click("[data-goal-save]");
    await settle(page);
    assert.match(await page.textContent("[data-goal-form] [role=alert]"), /above 0 and below 100/);
    assert.equal((await doc(page)).goals.length, 1);
    await page.selectOption("[data-goal-kind]", "survive");
    await page.selectOption("[data-goal-failures]", "2");
    await page.click("[data-goal-save]");
    await settle(page);
    goals = (await doc(page)).goals;
    assert.deepEqual(goals[1], { kind: "survive", failures: 2, of: "instances" });
    assert.equal(await page.getAttribute('[data-goal-index="1"]', "data-met"), "false", "the one balancer fails it");

    // Edit the first: 99.9% is met.
    await page.click('[data-goal-index="0"] [data-goal-edit]');
    await settle(page);
    await page.fill("[data-goal-min]", "99.9");
    await settle(page);
    await page.click("[data-goal-save]");
    await settle(page);
    assert.deepEqual((await doc(page)).goals[0], { kind: "availability", min: 0.999 });
    assert.equal(await page.getAttribute('[data-goal-index="0"]', "data-met"), "true");

    // Remove the second; each change is one undo step.
    await page.click('[data-goal-index="1"] [data-goal-remove]');
    await settle(page);
    assert.equal((await doc(page)).goals.length, 1);
    await page.click("[data-undo]");
    await settle(page);
    assert.equal((await doc(page)).goals.length, 2, "undo brings the removed goal back");
    await page.click("[data-undo]");
    await settle(page);
    assert.deepEqual((await doc(page)).goals[0], { kind: "availability", min: 0.99999 }, "undo the edit");
    await page.click("[data-undo]");
    await page.click("[data-undo]");
    await settle(page);
    assert.equal((await doc(page)).goals, undefined, "undo the two additions");
    assertPageClean(page, session.server);
  });
});

test("warnings: one a problem, explained, their nodes lit on hover, a lesson to open", TIMEOUT, async () => {
  await withPage(session.browser, "goals-warnings", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&challenge=untangle`);
    await page.waitForSelector("[data-warning]");
    const warnings = await page.$$eval("[data-warning]", (ws) => ws.map((w) => [w.getAttribute("data-warning"), w.getAttribute("data-nodes")]));
    const check = await page.evaluate(() => window.topolab.check());
    assert.deepEqual(warnings, check.warnings.map((w) => [w.kind, w.nodes.join(" ")]), "the panel lists check()'s warnings, in order");
    assert.ok(warnings.some(([kind]) => kind === "shared_store"));
    assert.ok(warnings.some(([kind]) => kind === "cycle"));
    assert.ok(warnings.some(([kind]) => kind === "client_to_store"));

    const shared = page.locator('[data-warning="shared_store"]');
    await shared.hover();
    await settle(page);
    assert.equal(await page.getAttribute(node("shop-db"), "class").then((c) => c.includes("in-blast")), true, "hovering lights its node");
    await shared.locator("summary").click();
    assert.match(await shared.textContent(), /neither team can change a table/);
    await screenshot(page, "goals-warnings");
    await shared.locator("[data-warning-lesson]").click();
    await page.waitForSelector("[data-lesson-next]");
    assertPageClean(page, session.server);
  });
});

test("a diagram with over twenty warnings lists five of a kind until asked for the rest", TIMEOUT, async () => {
  await withPage(session.browser, "goals-many-warnings", async (page) => {
    // A client calling a chain of sixteen services, one server each: a deep chain
    // behind most of them and a single point of failure in each, more than the 20
    // warnings listed whole.
    const services = Array.from({ length: 16 }, (_, i) => ({ id: `s${i + 1}`, kind: "service", x: 240 + 160 * i, y: 200 }));
    const chain = {
      format: "topolab/1",
      nodes: [{ id: "browser", kind: "client", x: 80, y: 200 }, ...services],
      links: services.map((s, i) => ({ from: i === 0 ? "browser" : services[i - 1].id, to: s.id })),
    };
    await openApp(page, `${session.server.url}?lang=en#d=${deflateRawSync(Buffer.from(JSON.stringify(chain))).toString("base64url")}`);
    await page.waitForSelector("[data-warning]");
    const check = await page.evaluate(() => window.topolab.check());
    const kinds = (list) => list.reduce((n, kind) => ({ ...n, [kind]: (n[kind] ?? 0) + 1 }), {});
    const all = kinds(check.warnings.map((w) => w.kind));
    assert.ok(all.deep_sync_chain > 5 && all.spof > 5, `more than five of two kinds: ${JSON.stringify(all)}`);
    const listed = () => page.$$eval("[data-warning]", (ws) => ws.map((w) => w.getAttribute("data-warning")));
    assert.deepEqual(kinds(await listed()), { deep_sync_chain: 5, spof: 5 }, "five of each kind at first");
    const more = page.locator("[data-warnings-all]");
    assert.equal(await more.textContent(), `Show the other ${check.warnings.length - 10} warnings`);
    await more.click();
    await settle(page);
    assert.equal((await listed()).length, check.warnings.length, "every warning once asked");
    assert.equal(await more.count(), 0, "the button goes once everything is listed");
    assertPageClean(page, session.server);
  });
});

test("a survive goal too big to check says so, with a question mark, not a tick", TIMEOUT, async () => {
  await withPage(session.browser, "goals-unchecked", async (page) => {
    // A balancer of four servers before 1,000 interchangeable backends: 166 million
    // sets of three failures, past the search's budget.
    const backends = Array.from({ length: 1000 }, (_, i) => ({ id: `b${i}`, kind: "service", capabilities: ["shop"], x: 400, y: 40 * i }));
    const big = {
      format: "topolab/1",
      nodes: [{ id: "web", kind: "client", x: 80, y: 200 }, { id: "lb", kind: "load_balancer", replicas: 4, x: 240, y: 200 }, ...backends],
      links: [{ from: "web", to: "lb" }, ...backends.map((b) => ({ from: "lb", to: b.id }))],
      goals: [{ kind: "survive", failures: 3, of: "instances" }],
    };
    await openApp(page, `${session.server.url}?lang=en#d=${deflateRawSync(Buffer.from(JSON.stringify(big))).toString("base64url")}`);
    const row = page.locator('[data-goal-index="0"]');
    await row.locator("[data-goal-unchecked]").waitFor({ timeout: 30_000 });
    assert.equal(await row.getAttribute("data-met"), "false");
    assert.equal(await row.locator(".goal-mark").textContent(), "?");
    assert.equal(await row.locator(".goal-verdict").textContent(), "not checked");
    assert.equal(await row.locator("[data-goal-show]").count(), 0, "no counterexample to show");
    const check = await page.evaluate(() => window.topolab.check());
    assert.equal(check.goals[0].unchecked, true);
    assertPageClean(page, session.server);
  });
});

test("check by postMessage answers like window.topolab.check", TIMEOUT, async () => {
  await withPage(session.browser, "goals-message", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&challenge=balancer`);
    const direct = await page.evaluate(() => window.topolab.check());
    assert.equal(direct.met, false);
    assert.deepEqual(direct.goals.map((g) => g.kind), ["no_spof", "availability", "budget"]);
    assert.deepEqual(direct.warnings, [{ kind: "spof", nodes: ["lb"] }]);
    const ready = await page.evaluate(() => new Promise((resolve) => {
      const frame = document.createElement("iframe");
      frame.src = `${location.pathname}?embed=1&challenge=balancer`;
      window.addEventListener("message", (e) => {
        if (e.data?.topolab === "ready") frame.contentWindow.postMessage({ topolab: "check", id: 7 }, "*");
        if (e.data?.topolab === "check") resolve(e.data);
      });
      document.body.append(frame);
    }));
    assert.deepEqual(ready, { topolab: "check", ok: true, id: 7, result: direct });
  });
});

test("an embed shows the goals read-only", TIMEOUT, async () => {
  await withPage(session.browser, "goals-embed", async (page) => {
    await openApp(page, `${session.server.url}?embed=1&lang=en&challenge=first`);
    await page.waitForSelector(".embed-goals");
    assert.deepEqual(
      await page.$$eval(".embed-goals [data-goal-index]", (lis) => lis.map((li) => li.getAttribute("data-met"))),
      ["false", "false", "true"],
    );
    assert.equal(await page.$("[data-goal-edit], [data-goal-add], [data-goal-remove]"), null, "nothing to change");
    await screenshot(page, "goals-embed");
  }, { viewport: { width: 640, height: 420 } });
});

test("an unreachable target says what limits it; the weakest links light their nodes", TIMEOUT, async () => {
  await withPage(session.browser, "goals-unreachable", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&challenge=provider`);
    await page.waitForSelector("[data-advice-ask]");
    assert.equal(await page.inputValue("[data-advice-function]"), "browser:order");
    await page.click("[data-advice-ask]");
    await page.waitForSelector("[data-unreachable]");
    assert.equal(await page.$("[data-advice-option]"), null, "no option reaches it");
    assert.match(await page.textContent("[data-unreachable]"), /Card provider is an external service at 99\.50?%: no number of servers behind it gets order above that/);
    const first = page.locator("[data-cut-set]").first();
    assert.equal(await first.getAttribute("data-cut-set"), "card-api", "the provider alone is the likeliest way down");
    await first.hover();
    await settle(page);
    assert.ok((await page.getAttribute(node("card-api"), "class")).includes("in-blast"));
    await screenshot(page, "goals-unreachable");
  });
});

test("window.topolab.advise and applyAdvice: the CLI's object, one undo step; mistakes said", TIMEOUT, async () => {
  await withPage(session.browser, "goals-advise-api", async (page) => {
    await openApp(page, `${session.server.url}?lang=en&challenge=checkout`);
    const fail = (f) => page.evaluate(f).then(() => "no error", (e) => e.message);
    assert.match(await fail(() => window.topolab.applyAdvice("cheapest")), /no advice yet/);
    const advice = await page.evaluate(() => window.topolab.advise());
    assert.deepEqual(advice.targets.map((t) => [t.function, t.min, t.met]), [["browser:checkout", 0.9999, false]]);
    const cheapest = advice.options.find((o) => o.name === "cheapest");
    assert.equal(cheapest.cost, 7);
    assert.deepEqual(cheapest.add.map((a) => a.node), ["gateway", "checkout", "orders-db", "payments", "payments-db"]);
    const other = await page.evaluate(() => window.topolab.advise([{ function: "all", min: 0.9 }]));
    assert.deepEqual(other.targets.map((t) => [t.function, t.met]), [["all", true]]);
    assert.match(await fail(() => window.topolab.advise([{ function: "nope", min: 0.9 }])), /goals\[0\]\.function/);
    assert.match(await fail(() => window.topolab.advise([{ function: "all", min: 1 }])), /goals\[0\]\.min/);
    await page.evaluate(() => window.topolab.advise());
    const applied = await page.evaluate(() => window.topolab.applyAdvice("cheapest"));
    assert.equal(applied.nodes.find((n) => n.id === "payments-db").replicas, 2);
    assert.equal((await page.evaluate(() => window.topolab.check())).met, true);
    assert.match(await fail(() => window.topolab.applyAdvice("best")), /no option "best"/);
    await page.click("[data-undo]");
    await settle(page);
    assert.equal((await doc(page)).nodes.find((n) => n.id === "payments-db").replicas, undefined);
  });
});
