// The traffic animation's frame times (60 fps with 500 requests in flight on the
// microservices preset). Serves dist/ (run `./dev release` first), opens the preset, starts
// Traffic and, at each speed (x1, x10, x100, x1000), after 2 s of warm-up records
// every requestAnimationFrame interval for SECONDS seconds (a rAF of the page's own, beside
// the app's), the app's own work in its last frame (`data-frame-ms`: from its callback's
// start to the end of its drawing: simulation, dots, badges; the browser's style and paint
// come on top) and the dots drawn, and prints the figures. No assertion on time: figures only.
// The dots are counted as the build draws them: `<circle data-dot>`s in the overlay (the
// builds before the canvas, for a before/after run with TOPOLAB_DIST=...), else the counts
// the app puts on its canvas four times a second (`data-dots`).
//
//   node bench/traffic.mjs                 # the table, and target/bench/traffic.json
//   SECONDS=10 SPEEDS=10,100 node bench/traffic.mjs

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROOT, launchBrowser, openApp, openPage, serveDist } from "../tests/e2e/harness.mjs";

const SECONDS = Number(process.env.SECONDS ?? "8");
const SPEEDS = (process.env.SPEEDS ?? "1,10,100,1000").split(",").map(Number);
const OUTPUT = path.join(ROOT, "target", "bench", "traffic.json");

const DOTS = () => {
  const circles = document.querySelectorAll("[data-traffic-layer] circle[data-dot]").length;
  return circles || Number(document.querySelector("[data-traffic-dots]")?.getAttribute("data-dots") ?? 0);
};
const dotsNow = (page) => page.evaluate(DOTS);

const server = await serveDist();
const browser = await launchBrowser();
const results = [];
try {
  const preset = "microservices";
  for (const speed of SPEEDS) {
    const page = await openPage(browser, { viewport: { width: 1400, height: 900 } });
    await openApp(page, `${server.url}#preset=${preset}`);
    await page.click("[data-traffic-toggle]");
    await page.selectOption("[data-traffic-speed]", String(speed));
    await page.waitForTimeout(2_000);
    console.error(`x${speed}: ${await dotsNow(page)} dots`);
    const figures = await page.evaluate(
      (seconds) =>
        new Promise((resolve) => {
          const dotsNow = () =>
            document.querySelectorAll("[data-traffic-layer] circle[data-dot]").length ||
            Number(document.querySelector("[data-traffic-dots]")?.getAttribute("data-dots") ?? 0);
          const intervals = [];
          const dots = [];
          const work = [];
          let last = null;
          const end = performance.now() + seconds * 1000;
          const layer = document.querySelector("[data-traffic-layer]");
          const tick = (t) => {
            if (last !== null) intervals.push(t - last);
            last = t;
            dots.push(dotsNow());
            work.push(Number(layer.getAttribute("data-frame-ms")));
            if (t < end) requestAnimationFrame(tick);
            else resolve({ intervals, dots, work });
          };
          requestAnimationFrame(tick);
        }),
      SECONDS,
    );
    const sorted = [...figures.intervals].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const dots = [...figures.dots].sort((a, b) => a - b);
    const work = [...figures.work].sort((a, b) => a - b);
    const row = {
      preset,
      speed,
      frames: sorted.length,
      fps: 1000 / mean,
      mean_ms: mean,
      p50_ms: q(0.5),
      p95_ms: q(0.95),
      p99_ms: q(0.99),
      max_ms: sorted[sorted.length - 1],
      over_20ms: sorted.filter((x) => x > 20).length / sorted.length,
      work_p50_ms: work[Math.floor(work.length / 2)],
      work_p95_ms: work[Math.min(work.length - 1, Math.floor(0.95 * work.length))],
      dots_median: dots[Math.floor(dots.length / 2)],
      dots_min: dots[0],
      dots_max: dots[dots.length - 1],
    };
    results.push(row);
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
const f = (x) => x.toFixed(1);
console.log("| preset | speed | frames | fps | mean | p50 | p95 | p99 | max | frames > 20 ms | app's work p50 / p95 | dots (median, min-max) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.preset} | x${r.speed} | ${r.frames} | ${f(r.fps)} | ${f(r.mean_ms)} ms | ${f(r.p50_ms)} ms | ${f(r.p95_ms)} ms | ${f(r.p99_ms)} ms | ${f(r.max_ms)} ms | ${(r.over_20ms * 100).toFixed(1)}% | ${f(r.work_p50_ms)} / ${f(r.work_p95_ms)} ms | ${r.dots_median} (${r.dots_min}-${r.dots_max}) |`,
  );
}
await mkdir(path.dirname(OUTPUT), { recursive: true });
await writeFile(OUTPUT, JSON.stringify(results, null, 2));
