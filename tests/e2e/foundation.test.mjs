// The app's foundation, end to end against the release build in dist/: it renders the
// diagram of docs/spec/app.md's automation contract, a node follows a real pointer drag with its
// links, and the page loads cleanly from 127.0.0.1 alone, from any folder.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertPageClean,
  drag,
  freeDelta,
  grabPoint,
  openApp,
  parseTranslate,
  readDiagram,
  screenshot,
  serveDist,
  toNodeSpace,
  withPage,
  startSession,
} from "./harness.mjs";

const TIMEOUT = { timeout: 60_000 };

const session = startSession();

test("the page renders the diagram: a canvas with at least two nodes", TIMEOUT, async () => {
  await withPage(session.browser, "foundation-render", async (page) => {
    await openApp(page, session.server.url);
    assert.equal(await page.title(), "Topolab");
    const { nodes } = await readDiagram(page);
    assert.ok(nodes.length >= 2, `expected at least 2 [data-node-id] groups, found ${nodes.length}`);
    for (const node of nodes) {
      assert.ok(node.id, "a node group with an empty data-node-id");
      parseTranslate(node.transform); // its position is a translate(x y)
    }
    assertPageClean(page, session.server);
  });
});

test("dragging a node moves it and its links with the pointer", TIMEOUT, async () => {
  await withPage(session.browser, "foundation-drag", async (page) => {
    await openApp(page, session.server.url);
    const before = await readDiagram(page);
    // A node with links, so there is geometry to follow it.
    const node = before.nodes.find((n) => before.links.some((l) => l.from === n.id || l.to === n.id));
    assert.ok(node, `no node has a [data-link]; links: ${JSON.stringify(before.links.map((l) => l.name))}`);
    const attached = (diagram) => diagram.links.filter((l) => l.from === node.id || l.to === node.id);

    const from = await grabPoint(page, node.id);
    const [px, py] = await freeDelta(page, node.id);
    const to = { x: from.x + px, y: from.y + py };
    const [dx, dy] = await toNodeSpace(page, node.id, from, to);
    await drag(page, from, to);

    const after = await readDiagram(page);
    const [x0, y0] = parseTranslate(node.transform);
    const [x1, y1] = parseTranslate(after.nodes.find((n) => n.id === node.id)?.transform);
    const tolerance = Math.max(6, 0.1 * Math.hypot(dx, dy)); // room for snapping to a grid
    assert.ok(
      Math.abs(x1 - x0 - dx) <= tolerance && Math.abs(y1 - y0 - dy) <= tolerance,
      `node ${node.id} moved by (${x1 - x0}, ${y1 - y0}), the pointer by (${dx}, ${dy})`,
    );
    for (const other of before.nodes.filter((n) => n.id !== node.id)) {
      const now = after.nodes.find((n) => n.id === other.id);
      assert.equal(now?.transform, other.transform, `node ${other.id} moved though only ${node.id} was dragged`);
    }
    for (const link of attached(before)) {
      const now = after.links.find((l) => l.name === link.name);
      assert.ok(now, `link ${link.name} disappeared during the drag`);
      assert.notEqual(now.geometry, link.geometry, `link ${link.name} did not follow node ${node.id}`);
    }

    await screenshot(page, "foundation");
    assertPageClean(page, session.server);
  });
});

test("the app loads from any folder, with relative URLs only", TIMEOUT, async () => {
  const nested = await serveDist({ prefix: "/some/folder/" });
  try {
    await withPage(session.browser, "foundation-subfolder", async (page) => {
      await openApp(page, nested.url);
      const { nodes } = await readDiagram(page);
      assert.ok(nodes.length >= 2, `expected at least 2 nodes, found ${nodes.length}`);
      const outside = nested.log.filter((entry) => !entry.path.startsWith("/some/folder/"));
      assert.deepEqual(outside, [], "requests outside the app's folder");
      assertPageClean(page, nested);
    });
  } finally {
    await nested.close();
  }
});
