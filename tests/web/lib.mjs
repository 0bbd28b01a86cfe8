// Helpers shared by tests/web/web_test.mjs and bench/web_page.mjs: a static file server, a headless
// chromium over puppeteer-core, and an `App` wrapper that drives the page through the contract
// (window.neurostep.state() / .item(label), keyboard, mouse).
//
// Inputs are held down across frames on purpose: Dear ImGui 1.86's GLFW backend samples key state
// once per frame, so a key pressed and released between two frames is never seen.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };
export const CHROME_ARGS = [
  '--no-sandbox', // we run as root
  '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- static server
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff2': 'font/woff2',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.gz': 'application/gzip',
};

/** Serves `dir` on 127.0.0.1 at a free port. Returns {url, port, close(), requests: [{method, url, status}]}. */
// `mounts` ({'/mnist/': dir}) serves the URLs under a prefix from another folder, in pieces of
// `pace.piece` bytes (128 KiB; the returned `pace` changes it) 10 ms apart, so that a page sees a
// download come; the paths in the returned `truncate` (a Set, e.g.
// '/mnist/t10k-labels-idx1-ubyte.gz') are served cut to half.
function sendPaced(res, bytes, pace, ms = 10) {
  let at = 0;
  const next = () => {
    if (at >= bytes.length || res.destroyed) return res.end();
    res.write(bytes.subarray(at, (at += pace.piece)));
    setTimeout(next, ms);
  };
  next();
}

export async function startServer(dir, { mounts = {} } = {}) {
  const requests = [];
  const truncate = new Set();
  const pace = { piece: 128 * 1024 };
  const server = http.createServer((req, res) => {
    let status = 200;
    try {
      const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const mount = Object.keys(mounts).find((prefix) => urlPath.startsWith(prefix));
      const root = path.resolve(mount ? mounts[mount] : dir);
      let file = path.join(root, path.normalize(mount ? urlPath.slice(mount.length - 1) : urlPath));
      if (!file.startsWith(root)) status = 403;
      else {
        if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) status = 404;
        else {
          const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
          const size = fs.statSync(file).size, sent = truncate.has(urlPath) ? Math.floor(size / 2) : size;
          res.writeHead(200, { 'Content-Type': type, 'Content-Length': sent, 'Cache-Control': 'no-cache' });
          if (req.method === 'HEAD' || sent === 0) res.end();
          else if (mount) sendPaced(res, fs.readFileSync(file).subarray(0, sent), pace);
          else fs.createReadStream(file, { start: 0, end: sent - 1 }).pipe(res);
        }
      }
    } catch {
      status = 400;
    }
    if (status !== 200) {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`${status}\n`);
    }
    requests.push({ method: req.method, url: req.url, status });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    requests,
    truncate,
    pace,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

// ---------------------------------------------------------------- browser
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM=)`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true, // = --headless=new
    args: CHROME_ARGS,
    defaultViewport: { ...VIEWPORT, deviceScaleFactor: 1 },
    protocolTimeout: 15 * 60 * 1000,
  });
}

/** Lets the browser write downloads into `dir` (made if missing). */
export async function allowDownloads(browser, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: path.resolve(dir), eventsEnabled: true });
  return session;
}

// ---------------------------------------------------------------- PNG → distinct colours
/** Number of distinct RGB colours of an 8-bit, non-interlaced PNG (as chromium's screenshots are). */
export function distinctColours(png) {
  const buf = Buffer.from(png);
  let pos = 8, width = 0, height = 0, bitDepth = 0, colourType = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      bitDepth = data[8]; colourType = data[9]; interlace = data[12];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType];
  if (bitDepth !== 8 || !channels || interlace) throw new Error(`unsupported PNG (depth ${bitDepth}, type ${colourType}, interlace ${interlace})`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride), cur = Buffer.alloc(stride);
  const seen = new Set();
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
      let p;
      switch (f) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c); p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break; }
        default: throw new Error(`bad PNG filter ${f}`);
      }
      cur[i] = (line[i] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = x * channels;
      seen.add(channels >= 3 ? (cur[o] << 16) | (cur[o + 1] << 8) | cur[o + 2] : cur[o]);
    }
    cur.copy(prev);
  }
  return seen.size;
}

// ---------------------------------------------------------------- the app
export class App {
  constructor(page) {
    this.page = page;
    this.errors = []; // console.error, pageerror, failed requests, HTTP >= 400
    this.consoleLines = []; // every console line, for context in failure messages
    page.on('console', (m) => {
      const line = `[console.${m.type()}] ${m.text()}`;
      this.consoleLines.push(line);
      if (m.type() === 'error') {
        const loc = m.location();
        this.errors.push(`${line}${loc?.url ? ` (at ${loc.url}:${loc.lineNumber ?? '?'})` : ''}`);
      }
    });
    page.on('pageerror', (e) => this.errors.push(`[pageerror] ${e?.stack || e?.message || e}`));
    page.on('requestfailed', (r) => {
      const why = r.failure()?.errorText || '';
      if (/ERR_ABORTED/.test(why) && /^(blob|data):/.test(r.url())) return; // <a download> of a blob
      this.errors.push(`[requestfailed] ${r.url()}: ${why}`);
    });
    page.on('response', (r) => { if (r.status() >= 400) this.errors.push(`[http ${r.status()}] ${r.url()}`); });
  }

  state() {
    return this.page.evaluate(() => (window.neurostep && typeof window.neurostep.state === 'function') ? window.neurostep.state() : null);
  }

  item(label) {
    return this.page.evaluate((l) => window.neurostep.item(l), label);
  }

  /** Polls state() until pred(state) is truthy; throws with the last state after `timeoutMs`. */
  async waitState(pred, what, timeoutMs = 10000, pollMs = 50) {
    const t0 = Date.now();
    let s = null;
    for (;;) {
      s = await this.state();
      if (s && pred(s)) return s;
      if (Date.now() - t0 > timeoutMs) {
        throw new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}; last state: ${briefState(s)}`);
      }
      await sleep(pollMs);
    }
  }

  /** Waits until at least n more frames have been drawn. */
  async waitFrames(n = 2, timeoutMs = 10000) {
    const s0 = await this.state();
    const f0 = s0 ? s0.frames : 0;
    await this.waitState((s) => s.frames >= f0 + n, `${n} more frames`, timeoutMs, 10);
  }

  async pressKey(key, { modifiers = [] } = {}) {
    const kb = this.page.keyboard;
    for (const m of modifiers) { await kb.down(m); await this.waitFrames(1); }
    await kb.down(key);
    await this.waitFrames(2);
    await kb.up(key);
    for (const m of [...modifiers].reverse()) await kb.up(m);
    await this.waitFrames(1);
  }

  /** Clicks at (x, y): moves there, waits, presses and releases a frame apart. `double` clicks twice
   *  (a double click must fit in ImGui's 0.3 s, so on a slow page prefer ctrl+click: `modifiers: ['Control']`). */
  async clickAt(x, y, { double = false, modifiers = [] } = {}) {
    const m = this.page.mouse, kb = this.page.keyboard;
    await m.move(x, y);
    await this.waitFrames(2);
    for (const k of modifiers) await kb.down(k);
    if (modifiers.length) await this.waitFrames(1);
    for (let i = 0; i < (double ? 2 : 1); i++) {
      await m.down({ clickCount: i + 1 });
      await this.waitFrames(1);
      await m.up({ clickCount: i + 1 });
      await this.waitFrames(1);
    }
    for (const k of [...modifiers].reverse()) await kb.up(k);
    await this.waitFrames(1);
  }

  /** Waits until item(label) exists and returns its rect. With `scrollAt: {x, y}`, turns the mouse
   *  wheel there (down, then up) until the item is drawn inside the page: ImGui reports no item that a
   *  scrolled window clips away. */
  async findItem(label, { timeoutMs = 5000, scrollAt = null } = {}) {
    const t0 = Date.now();
    const inView = (r) => r && r.w > 0 && r.h > 0 && r.y >= 0 && r.y + r.h <= VIEWPORT.height;
    let r = await this.item(label);
    if (inView(r)) return r;
    if (scrollAt) {
      await this.page.mouse.move(scrollAt.x, scrollAt.y);
      for (const dy of [360, -360]) {
        for (let i = 0; i < 30 && !inView(r); i++) {
          await this.page.mouse.wheel({ deltaY: dy });
          await this.waitFrames(2);
          r = await this.item(label);
        }
        if (inView(r)) return r;
      }
    }
    for (;;) {
      r = await this.item(label);
      if (inView(r)) return r;
      if (Date.now() - t0 > timeoutMs) {
        throw new Error(`no item labelled ${JSON.stringify(label)} inside the page after ${timeoutMs / 1000} s${scrollAt ? ' and scrolling' : ''} (neurostep.item returned ${JSON.stringify(r)}); state: ${briefState(await this.state())}`);
      }
      await sleep(50);
    }
  }

  /** The first of `labels` that has an item now (or null). */
  async firstItem(labels) {
    for (const l of labels) { const r = await this.item(l); if (r && r.w > 0) return { label: l, rect: r }; }
    return null;
  }

  /** Clicks the items `labels` in turn (e.g. "File", "Open lesson file…"), each in its middle. A label
   *  may be {label, scrollAt: {x, y}} for an item that may be scrolled out of its window. */
  async clickItem(...labels) {
    for (const l of labels) {
      const { label, scrollAt } = typeof l === 'string' ? { label: l, scrollAt: null } : l;
      const r = await this.findItem(label, { scrollAt });
      await this.clickAt(r.x + r.w / 2, r.y + r.h / 2);
    }
  }

  /** Selects lesson `id` with ↑/↓ from the current one. */
  async openLesson(id) {
    // The page reads its lesson files over its first frames (the remembered lesson first).
    let s = await this.waitState((t) => !t.lessons_unread, 'every lesson file to be read', 30000);
    const to = s.lessons.indexOf(id);
    if (to < 0) throw new Error(`lesson ${id} is not in state().lessons = ${JSON.stringify(s.lessons)}`);
    for (let guard = 0; s.lesson !== id && guard < s.lessons.length + 2; guard++) {
      const from = s.lessons.indexOf(s.lesson);
      const key = from < 0 || from > to ? 'ArrowUp' : 'ArrowDown';
      const before = s.lesson;
      await this.pressKey(key);
      s = await this.waitState((t) => t.lesson !== before, `the lesson to change from ${before} (${key})`, 10000);
    }
    if (s.lesson !== id) throw new Error(`could not reach lesson ${id} with the arrow keys; now at ${s.lesson}`);
    return s;
  }

  /** Steps to `target` (a number, 'first', 'middle' or 'last') with Space and ←. */
  async goToStep(target) {
    let s = await this.state();
    const want = target === 'first' ? 1 : target === 'last' ? s.steps : target === 'middle' ? Math.max(1, Math.ceil(s.steps / 2)) : target;
    for (let guard = 0; s.step !== want && guard < 2 * s.steps + 2; guard++) {
      const from = s.step, key = from < want ? 'Space' : 'ArrowLeft', to = from < want ? from + 1 : from - 1;
      await this.pressKey(key);
      s = await this.waitState((t) => t.step === to, `${key} to go from step ${from} to ${to} in ${s.lesson}`, 5000);
    }
    return s;
  }

  /** Activates the field `label` for typing ('click' for InputText/InputDouble; 'ctrlclick' or 'dblclick'
   *  for DragFloat/DragInt/DragScalar), selects all, types `text`, presses Enter. */
  async typeInto(label, text, { activate = 'click' } = {}) {
    if (!['click', 'ctrlclick', 'dblclick'].includes(activate)) throw new Error(`typeInto: unknown activation ${activate}`);
    const r = await this.findItem(label);
    await this.clickAt(r.x + r.w / 2, r.y + r.h / 2, { double: activate === 'dblclick', modifiers: activate === 'ctrlclick' ? ['Control'] : [] });
    await this.pressKey('KeyA', { modifiers: ['Control'] });
    await this.page.keyboard.type(text, { delay: 20 });
    await this.waitFrames(2);
    await this.pressKey('Enter');
    await this.waitFrames(2);
  }

  async screenshot(file) {
    return this.page.screenshot(file ? { path: file, type: 'png' } : { type: 'png' });
  }
}

/** Opens the training lesson's Train tab and types the epochs (when there is such a field). */
export async function setUpTraining(app, C, log = () => {}) {
  await app.openLesson(C.TRAIN_LESSON);
  await app.waitFrames(3);
  if (!(await app.firstItem(C.TRAIN_BUTTON))) await app.clickItem(C.TRAIN_TAB); // the tab may be open already
  let s = await app.state();
  if (C.EPOCHS && await app.item(C.EPOCHS_FIELD)) {
    await app.typeInto(C.EPOCHS_FIELD, C.EPOCHS, { activate: C.EPOCHS_ACTIVATE });
    s = await app.state();
  } else log(`    no "${C.EPOCHS_FIELD}" field; training with the default ${s.training?.epochs} epochs`);
  return s;
}

/** Clicks the training button (the first label of C.TRAIN_BUTTON that is not the tab) and waits until training runs. */
export async function startTraining(app, C) {
  const tabRect = await app.item(C.TRAIN_TAB);
  let button = null;
  for (const l of C.TRAIN_BUTTON) {
    const r = await app.item(l);
    if (r && !(l === C.TRAIN_TAB && tabRect && r.x === tabRect.x && r.y === tabRect.y)) { button = { l, r }; break; }
  }
  if (!button) throw new Error(`no training button among ${JSON.stringify(C.TRAIN_BUTTON)} (other than the tab)`);
  await app.clickAt(button.r.x + button.r.w / 2, button.r.y + button.r.h / 2);
  await app.waitState((t) => t.training && [...C.TRAINING_BUSY, C.TRAINING_DONE].includes(t.training.state), `training to start after clicking "${button.l}"`, 10000);
  return button.l;
}

export function briefState(s) {
  if (!s) return String(s);
  const { lessons, frame_ms, ...rest } = s;
  const out = { ...rest };
  if (lessons) out.lessons = `[${lessons.length} lessons]`;
  if (frame_ms) out.frame_ms = `[${frame_ms.length} values]`;
  return JSON.stringify(out);
}

/** Navigates to `url` and waits for the first frame. Returns {state, msToFirstFrame} (measured here). */
export async function loadApp(app, url, timeoutMs = 60000) {
  const page = app.page;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  const s = await app.waitState((st) => st.frames > 0, 'the first frame (window.neurostep && neurostep.state().frames > 0)', timeoutMs - (Date.now() - t0), 20);
  return { state: s, msToFirstFrame: Date.now() - t0 };
}

export function median(xs) {
  const a = [...xs].sort((p, q) => p - q);
  if (!a.length) return NaN;
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
}
