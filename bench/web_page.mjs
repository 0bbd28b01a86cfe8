#!/usr/bin/env node
// Benchmarks of Neurostep's web page (run by bench/web_page.sh).
//
//   node bench/web_page.mjs space SITE_DIR
//       what takes the space: app.wasm by section (and by function / namespace when the wasm
//       has a name section, e.g. built with --profiling-funcs), app.data by packed file.
//   node bench/web_page.mjs browser SITE_DIR [--loads 3] [--idle-seconds 3] [--train-seconds 15]
//       time to the first frame (median of N fresh loads, each in a new browser context, so no
//       cache), then frame times idle and while training (state().frame_ms when the page has it,
//       and requestAnimationFrame intervals measured in the page in any case).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

const here = path.dirname(new URL(import.meta.url).pathname);
const webDir = path.join(here, '..', 'tests', 'web');

const [cmd, site, ...rest] = process.argv.slice(2);
const opt = (name, dflt) => { const i = rest.indexOf(name); return i >= 0 ? Number(rest[i + 1]) : dflt; };
if (!['space', 'browser'].includes(cmd) || !site) {
  console.error('usage: node bench/web_page.mjs space|browser SITE_DIR [--loads N] [--idle-seconds S] [--train-seconds S]');
  process.exit(2);
}
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (s, n) => String(s).padStart(n);

// ---------------------------------------------------------------- space
function leb(buf, pos) {
  let result = 0, shift = 0, b;
  do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [result, pos];
}
function wasmSpace(file) {
  const buf = fs.readFileSync(file);
  const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code', 'data', 'datacount', 'tag'];
  const sections = [];
  let pos = 8, importedFuncs = 0, bodies = [], funcNames = new Map();
  while (pos < buf.length) {
    const id = buf[pos];
    let size; [size, pos] = leb(buf, pos + 1);
    const start = pos, end = pos + size;
    let name = NAMES[id] || `#${id}`;
    if (id === 0) { let n; [n, pos] = leb(buf, pos); name = `custom "${buf.toString('utf8', pos, pos + n)}"`; pos += n;
      if (name === 'custom "name"') {
        while (pos < end) {
          const sub = buf[pos]; let len; [len, pos] = leb(buf, pos + 1); const subEnd = pos + len;
          if (sub === 1) { let cnt; [cnt, pos] = leb(buf, pos);
            for (let i = 0; i < cnt; i++) { let idx, nl; [idx, pos] = leb(buf, pos); [nl, pos] = leb(buf, pos); funcNames.set(idx, buf.toString('utf8', pos, pos + nl)); pos += nl; } }
          pos = subEnd;
        }
      }
    } else if (id === 2) { // imports: count the imported functions (they come first in the function index space)
      let cnt; [cnt, pos] = leb(buf, pos);
      for (let i = 0; i < cnt; i++) {
        for (let k = 0; k < 2; k++) { let n; [n, pos] = leb(buf, pos); pos += n; }
        const kind = buf[pos++];
        if (kind === 0) { importedFuncs++; [, pos] = leb(buf, pos); }
        else if (kind === 1) { pos++; const fl = buf[pos++]; [, pos] = leb(buf, pos); if (fl & 1) [, pos] = leb(buf, pos); }
        else if (kind === 2) { const fl = buf[pos++]; [, pos] = leb(buf, pos); if (fl & 1) [, pos] = leb(buf, pos); }
        else if (kind === 3) pos += 2;
        else if (kind === 4) { pos++; [, pos] = leb(buf, pos); }
      }
    } else if (id === 10) {
      let cnt; [cnt, pos] = leb(buf, pos);
      for (let i = 0; i < cnt; i++) { let sz; const p0 = pos; [sz, pos] = leb(buf, pos); bodies.push({ index: i, start: p0, size: sz + (pos - p0) }); pos += sz; }
    }
    sections.push({ name, raw: buf.subarray(start, end) });
    pos = end;
  }
  const total = buf.length, totalGz = gz(buf);
  console.log(`  ${path.basename(file)}: ${kib(total)} (${kib(totalGz)} gzip), ${bodies.length} functions, ${importedFuncs} imported`);
  for (const s of sections.sort((a, b) => b.raw.length - a.raw.length).slice(0, 8)) {
    console.log(`    ${s.name.padEnd(22)} ${pad(kib(s.raw.length), 12)} ${pad(kib(gz(s.raw)), 12)} gzip  ${pad((100 * s.raw.length / total).toFixed(1), 5)} %`);
  }
  if (!funcNames.size) {
    const top = [...bodies].sort((a, b) => b.size - a.size).slice(0, 5);
    console.log(`    (no function names: link with --profiling-funcs to see which functions and namespaces take the space)`);
    console.log(`    largest function bodies: ${top.map((b) => kib(b.size)).join(', ')}`);
    return;
  }
  let names = bodies.map((b) => funcNames.get(b.index + importedFuncs) || `#${b.index}`);
  if (names.some((n) => n.startsWith('_Z'))) { // demangle with c++filt when the names are mangled
    try { names = execFileSync('c++filt', { input: names.join('\n'), maxBuffer: 1 << 28 }).toString().split('\n').slice(0, names.length); } catch {}
  }
  const byNs = new Map();
  bodies.forEach((b, i) => {
    const n = names[i].replace(/^(const |unsigned |void |bool |int |double |float )+/, '');
    let ns = n.match(/^([A-Za-z_][\w]*)::/)?.[1] || (n.includes('(') || /^[A-Za-z_]\w*$/.test(n) ? '(global / C)' : '(other)');
    if (ns === 'std') ns = 'std:: (libc++)';
    byNs.set(ns, (byNs.get(ns) || 0) + b.size);
    b.name = names[i];
  });
  console.log('    code by namespace:');
  for (const [ns, sz] of [...byNs].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`      ${ns.padEnd(28)} ${pad(kib(sz), 12)}`);
  console.log('    largest functions:');
  for (const b of [...bodies].sort((p, q) => q.size - p.size).slice(0, 12)) console.log(`      ${pad(kib(b.size), 10)}  ${b.name.slice(0, 110)}`);
}
function dataSpace(dataFile, jsFile) {
  const data = fs.readFileSync(dataFile);
  let files = null;
  const meta = [jsFile, dataFile.replace(/\.data$/, '.js.metadata'), dataFile + '.json'].filter((f) => f && fs.existsSync(f));
  for (const f of meta) {
    const text = fs.readFileSync(f, 'utf8');
    const m = text.match(/"files"\s*:\s*(\[[^\]]*\])/);
    if (m) { try { files = JSON.parse(m[1]); break; } catch {} }
  }
  console.log(`  ${path.basename(dataFile)}: ${kib(data.length)} (${kib(gz(data))} gzip)`);
  if (!files) { console.log('    (no file package metadata found in app.js)'); return; }
  const rows = files.map((f) => ({ name: f.filename, size: f.end - f.start, gz: gz(data.subarray(f.start, f.end)) }));
  const byDir = new Map();
  for (const r of rows) { const parts = r.name.split('/'); const d = parts.slice(0, Math.min(3, parts.length - 1)).join('/') || '/'; const e = byDir.get(d) || { size: 0, gz: 0, n: 0 }; e.size += r.size; e.gz += r.gz; e.n++; byDir.set(d, e); }
  console.log(`    ${rows.length} files; by folder (raw, gzip):`);
  for (const [d, e] of [...byDir].sort((a, b) => b[1].gz - a[1].gz).slice(0, 12)) console.log(`      ${d.padEnd(40)} ${pad(e.n, 4)} files ${pad(kib(e.size), 12)} ${pad(kib(e.gz), 12)}`);
  console.log('    largest files (gzip):');
  for (const r of rows.sort((a, b) => b.gz - a.gz).slice(0, 10)) console.log(`      ${r.name.padEnd(50)} ${pad(kib(r.size), 12)} ${pad(kib(r.gz), 12)}`);
}

if (cmd === 'space') {
  const wasm = fs.readdirSync(site).filter((f) => f.endsWith('.wasm'));
  const datas = fs.readdirSync(site).filter((f) => f.endsWith('.data'));
  for (const w of wasm) wasmSpace(path.join(site, w));
  for (const d of datas) {
    const js = path.join(site, d.replace(/\.data$/, '.js'));
    dataSpace(path.join(site, d), fs.existsSync(js) ? js : path.join(site, 'app.js'));
  }
  if (!wasm.length && !datas.length) console.log('  (no .wasm or .data files)');
  process.exit(0);
}

// ---------------------------------------------------------------- browser
const lib = await import(path.join(webDir, 'lib.mjs'));
const { C } = await import(path.join(webDir, 'labels.mjs'));
const { startServer, launchBrowser, App, loadApp, median, sleep, setUpTraining, startTraining } = lib;

const loads = opt('--loads', 3), idleS = opt('--idle-seconds', 3), trainS = opt('--train-seconds', 15);
const stats = (xs) => {
  const a = [...xs].sort((p, q) => p - q);
  if (!a.length) return 'no samples';
  const q = (f) => a[Math.min(a.length - 1, Math.floor(f * a.length))];
  return `median ${median(a).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${a[a.length - 1].toFixed(1)} ms (${a.length} frames)`;
};

async function sampleFrames(app, seconds) {
  // rAF intervals recorded in the page, and state().frame_ms accumulated without overlap (by frame count)
  await app.page.evaluate(() => {
    window.__bench = { t: [], last: 0, on: true };
    const tick = (now) => { const b = window.__bench; if (!b.on) return; if (b.last) b.t.push(now - b.last); b.last = now; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const own = [];
  let prevFrames = null, hasFrameMs = false;
  const tEnd = Date.now() + seconds * 1000;
  while (Date.now() < tEnd) {
    await sleep(500);
    const s = await app.state();
    if (Array.isArray(s.frame_ms)) {
      hasFrameMs = true;
      if (prevFrames !== null) { const n = Math.min(s.frames - prevFrames, s.frame_ms.length); if (n > 0) own.push(...s.frame_ms.slice(-n)); }
      prevFrames = s.frames;
    }
  }
  const raf = await app.page.evaluate(() => { window.__bench.on = false; return window.__bench.t; });
  return { raf, own: hasFrameMs ? own : null };
}

const server = await startServer(site);
const browser = await launchBrowser();
try {
  console.log(`  ${await browser.version()}, 1280×800, swiftshader, site served from 127.0.0.1`);
  const here = [], own = [];
  let last = null;
  for (let i = 0; i < loads; i++) {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    const app = new App(page);
    const r = await loadApp(app, server.url, C.FIRST_FRAME_TIMEOUT_MS);
    here.push(r.msToFirstFrame); own.push(r.state.first_frame_ms);
    console.log(`  load ${i + 1}: first frame ${r.msToFirstFrame} ms from navigation (measured here), state().first_frame_ms = ${r.state.first_frame_ms?.toFixed?.(0)}`);
    if (last) await last.close();
    last = ctx;
  }
  console.log(`  first frame: median ${median(here).toFixed(0)} ms (here, from page.goto), median state().first_frame_ms ${median(own).toFixed(0)} ms, of ${loads} fresh loads`);

  const app = new App((await last.pages())[0]);
  const idle = await sampleFrames(app, idleS);
  console.log(`  frames idle (${idleS} s):`);
  console.log(`    frame intervals (requestAnimationFrame, with the GL work): ${stats(idle.raf)}`);
  console.log(`    state().frame_ms (the app's own frame time): ${idle.own ? stats(idle.own) : 'not exposed'}`);
  await setUpTraining(app, { ...C, EPOCHS: '50' });  // more than the seconds sampled can finish, so that all of them train
  const label = await startTraining(app, C);
  // The first seconds hold the worker's start (its WebAssembly fetched and compiled, the data read):
  // the frames and the steady rate are sampled after them.
  const startS = 3;
  await sampleFrames(app, startS);
  const s0 = await app.state();
  const tr = await sampleFrames(app, trainS - startS);
  const s = await app.state();
  console.log(`  frames while training (${startS} to ${trainS} s after "${label}"):`);
  console.log(`    frame intervals (requestAnimationFrame, with the GL work): ${stats(tr.raf)}`);
  console.log(`    state().frame_ms (the app's own frame time): ${tr.own ? stats(tr.own) : 'not exposed by the page (add state().frame_ms = recent frame durations)'}`);
  console.log(`    training then: ${s.training.state}, epoch ${s.training.epoch}/${s.training.epochs}, batch ${s.training.batch}/${s.training.batches}, ${Number(s.training.samples_per_second).toFixed(0)} samples/s`);
  // Images trained per second of wall time (in the worker, while the page draws), from the batches
  // done: from the start, and from the end of the first seconds.
  const images = (t) => (t.epoch >= 1 ? ((t.epoch - 1) * t.batches + t.batch) * 32 : 0);
  console.log(`    after ${startS} s: epoch ${s0.training.epoch}, batch ${s0.training.batch}, ${images(s0.training)} images trained`);
  console.log(`PAGE_TRAINING ${Number(s.training.samples_per_second).toFixed(0)} ${(images(s.training) / trainS).toFixed(0)} ` +
              `${((images(s.training) - images(s0.training)) / (trainS - startS)).toFixed(0)} ${startS}`);
  if (app.errors.length) console.log(`  errors in the page:\n    ${app.errors.join('\n    ')}`);
} finally {
  await browser.close().catch(() => {});
  await server.close();
}
