// Opening the single-file page: dist/topolab.html from disk against dist/ served
// on 127.0.0.1, each REPEAT times (default 5) in a fresh browser context, interleaved.
// Prints, as medians: the time from `goto` to the first node drawn and, for the single
// file, the time its start-up script spends unpacking the wasm (base64, tools/cm.js's
// decoder, joining the code streams: the `topolab-unpacked` measure) and how many Web
// Workers decoded its parts. Run `./dev release`
// first.
//
//   node bench/single.mjs
//   REPEAT=9 node bench/single.mjs

import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { DIST, launchBrowser, serveDist } from "../tests/e2e/harness.mjs";

const REPEAT = Number(process.env.REPEAT ?? "5");
if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error(`REPEAT must be a whole number >= 1: ${process.env.REPEAT}`);
const SINGLE = path.join(DIST, "topolab.html");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const html = await readFile(SINGLE);
console.log(`dist/topolab.html: ${html.length} B raw, ${gzipSync(html, { level: 9 }).length} B gzip -9`);

const server = await serveDist();
const browser = await launchBrowser();
const runs = { single: [], served: [], unpack: [], workers: [] };
try {
  for (let i = 0; i < REPEAT; i++) {
    for (const [name, url] of [
      ["single", pathToFileURL(SINGLE).href + "#preset=microservices"],
      ["served", `${server.url}#preset=microservices`],
    ]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      let workers = 0;
      page.on("worker", () => workers++);
      const start = Date.now();
      await page.goto(url);
      await page.waitForSelector('svg[data-topolab-canvas] [data-node-id="orders"]', { timeout: 30_000 });
      runs[name].push(Date.now() - start);
      if (name === "single") {
        const unpack = await page.evaluate(() => performance.getEntriesByName("topolab-unpacked")[0]?.duration);
        if (typeof unpack !== "number") throw new Error("the single file did not measure its unpacking");
        runs.unpack.push(unpack);
        runs.workers.push(workers);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`first node drawn, median of ${REPEAT}:`);
console.log(`  dist/topolab.html from disk   ${median(runs.single)} ms (unpacking the wasm ${median(runs.unpack).toFixed(0)} ms, in ${median(runs.workers)} Web Workers)`);
console.log(`  dist/ served on 127.0.0.1     ${median(runs.served)} ms`);
