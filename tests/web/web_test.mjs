#!/usr/bin/env node
// Browser test of Neurostep's web edition.
//
//   node tests/web/web_test.mjs SITE_DIR [--screenshots DIR] [--only a,b,...] [--skip e,...]
//
// Serves SITE_DIR on 127.0.0.1 (a free port), opens it in headless /usr/bin/chromium at 1280×800
// and drives it through the contract (window.neurostep.state() / .item(label), keyboard, mouse).
// One line per check; stops at the first failure with its message and a screenshot, exit code 1.
// --screenshots DIR also writes DIR/web-lesson.png and DIR/web-train.png.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, allowDownloads, App, loadApp, distinctColours, briefState, sleep, setUpTraining, startTraining, VIEWPORT } from './lib.mjs';
import { C } from './labels.mjs'; // the page's labels and the test's limits: adapt them there

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
let siteDir = null, shotDir = null, only = null, skip = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--screenshots') shotDir = argv[++i];
  else if (argv[i] === '--only') only = argv[++i].split(',');
  else if (argv[i] === '--skip') skip = argv[++i].split(',');
  else if (!siteDir) siteDir = argv[i];
  else { console.error(`unexpected argument ${argv[i]}`); process.exit(2); }
}
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`usage: node web_test.mjs SITE_DIR [--screenshots DIR] [--only a,b,..] [--skip e,..]\n(no index.html in ${siteDir})`);
  process.exit(2);
}
if (shotDir) fs.mkdirSync(shotDir, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'neurostep-web-test-'));
const failDir = shotDir || tmp;
const downloadDir = path.join(tmp, 'downloads');

let app; // the App of the page under test
const log = (s) => console.log(s);
const fail = (msg) => { throw new Error(msg); };

// ---------------------------------------------------------------- the checks
async function checkFirstFrame(url) {
  const { state, msToFirstFrame } = await loadApp(app, url, C.FIRST_FRAME_TIMEOUT_MS);
  let s = state;
  // the page reads the lesson files over its first frames
  for (let t = 0; s.lessons_unread > 0 && t < 300; t++) { await new Promise((r) => setTimeout(r, 100)); s = await app.state(); }
  if (s.lessons_unread > 0) fail(`${s.lessons_unread} lesson files still unread after 30 s`);
  return `first frame after ${msToFirstFrame} ms here (state().first_frame_ms = ${fmt(state.first_frame_ms)}); ${s.lessons?.length} lessons read by frame ${s.frames}`;
}

async function checkLessons() {
  let s = await app.state();
  if (!Array.isArray(s.lessons) || s.lessons.length === 0) fail(`state().lessons is empty: ${briefState(s)}`);
  // back to the first lesson
  for (let i = 0; i < s.lessons.length && s.lesson !== s.lessons[0]; i++) {
    const before = s.lesson;
    await app.pressKey('ArrowUp');
    s = await app.waitState((t) => t.lesson !== before, `↑ to change the lesson from ${before}`);
  }
  if (s.lesson !== s.lessons[0]) fail(`↑ did not reach the first lesson ${s.lessons[0]}; at ${s.lesson}`);
  const lessons = s.lessons;
  const report = [];
  for (let i = 0; i < lessons.length; i++) {
    if (i > 0) {
      const before = s.lesson;
      await app.pressKey('ArrowDown');
      s = await app.waitState((t) => t.lesson !== before, `↓ to change the lesson from ${before}`);
      if (s.lesson !== lessons[i]) fail(`↓ from ${before} opened ${s.lesson}, expected ${lessons[i]}`);
    }
    if (s.error) fail(`lesson ${s.lesson} has a load error: ${s.error}`);
    if (!(s.steps >= 1) || !(s.step >= 1 && s.step <= s.steps)) fail(`lesson ${s.lesson}: step ${s.step} of ${s.steps} is out of range`);
    const keys = [];
    for (const key of C.STEP_KEYS) {
      const from = s.step;
      const want = key === 'ArrowLeft' ? Math.max(1, from - 1) : Math.min(s.steps, from + 1);
      await app.pressKey(key);
      if (want !== from) s = await app.waitState((t) => t.step === want, `${key} to go from step ${from} to ${want} in ${s.lesson}`, 5000);
      else { await app.waitFrames(3); s = await app.state(); if (s.step !== want) fail(`${key} at step ${from} of ${s.steps} in ${s.lesson} went to ${s.step}`); }
      keys.push(s.step);
    }
    const colours = distinctColours(await app.screenshot());
    if (colours < C.MIN_COLOURS) fail(`lesson ${s.lesson}: the page looks blank (${colours} distinct colours < ${C.MIN_COLOURS})`);
    log(`    ${s.lesson}: ${s.steps} steps, stepped ${keys.join('→')}, "${s.title}", ${colours} colours`);
    report.push(s.lesson);
    assertNoErrors();
  }
  return `${report.length} lessons opened with ↓ and stepped`;
}

async function shotLesson() {
  await app.openLesson(C.EXAMPLE_LESSON);
  if (C.EXAMPLE_TAB && await app.item(C.EXAMPLE_TAB)) await app.clickItem(C.EXAMPLE_TAB);
  const s = await app.goToStep('middle');
  await app.waitFrames(3);
  const file = path.join(shotDir, 'web-lesson.png');
  await app.screenshot(file);
  return `${file} (${s.lesson} step ${s.step}/${s.steps}: "${s.title}")`;
}

async function checkEdit() {
  let s = await app.openLesson(C.EDIT_LESSON);
  await app.clickItem(C.EDIT_TAB);
  s = await app.goToStep(C.EDIT_AT_STEP);
  s = await app.waitState((t) => t.editable && t.editable.label, `state().editable.label (the first editable field) in the ${C.EDIT_TAB} tab`, 5000);
  const label = s.editable.label;
  const before = s.value?.text;
  const shownNumber = (e) => Number(e.value ?? e.text); // the field's number: editable.value (or .text)
  const typed = C.EDIT_VALUES.find((v) => Number(v) !== shownNumber(s.editable));
  await app.typeInto(label, typed, { activate: C.EDIT_ACTIVATE });
  s = await app.waitState((t) => t.value?.text !== before,
    `state().value.text to change from ${JSON.stringify(before)} after typing ${typed} into "${label}" (put into text mode by ${C.EDIT_ACTIVATE}: EDIT_ACTIVATE in labels.mjs)`, 5000);
  if (s.editable && s.editable.label === label && ('value' in s.editable || 'text' in s.editable) &&
      Math.abs(shownNumber(s.editable) - Number(typed)) > 1e-9 * Math.max(1, Math.abs(Number(typed)))) {
    fail(`field "${label}" holds ${shownNumber(s.editable)} after typing ${typed}`);
  }
  return `"${label}" := ${typed}: ${s.value.label} ${JSON.stringify(before)} → ${JSON.stringify(s.value.text)}`;
}

async function checkDownloads() {
  fs.rmSync(downloadDir, { recursive: true, force: true });
  fs.mkdirSync(downloadDir, { recursive: true });
  await app.openLesson(C.DOWNLOAD_LESSON);
  if (C.DOWNLOAD_TAB && await app.item(C.DOWNLOAD_TAB)) await app.clickItem(C.DOWNLOAD_TAB);
  await app.goToStep(C.DOWNLOAD_AT_STEP);
  let clicks = null;
  for (const c of C.DOWNLOAD_CLICKS) if (await app.item(c[0])) { clicks = c; break; }
  if (!clicks) fail(`none of ${C.DOWNLOAD_CLICKS.map((c) => c[0]).join(', ')} is on the page`);
  const s0 = await app.state();
  await app.clickItem(...clicks);
  const t0 = Date.now();
  let svg, csv, files = [];
  for (;;) {
    files = fs.readdirSync(downloadDir);
    const done = files.filter((f) => !f.endsWith('.crdownload') && fs.statSync(path.join(downloadDir, f)).size > 0);
    svg = done.find((f) => f.endsWith('.svg')); csv = done.find((f) => f.endsWith('.csv'));
    // done when an svg and a csv are there, nothing is half-written, and every download the page
    // offered (state().downloads, when it has them) has arrived
    const st = await app.state();
    const offeredNow = (st.downloads || []).length - (s0.downloads || []).length;
    if (svg && csv && !files.some((f) => f.endsWith('.crdownload')) && done.length >= offeredNow) break;
    if (Date.now() - t0 > C.DOWNLOAD_TIMEOUT_MS) {
      const s = await app.state();
      if (svg && csv && done.length < offeredNow) {
        const offered = (s.downloads || []).slice((s0.downloads || []).length);
        fail(`after clicking ${clicks.join(' › ')}: ${done.length} of the ${offeredNow} downloads the page offered arrived; missing: ${offered.filter((f) => !done.includes(f)).join(', ')} (chromium drops downloads beyond about 10 a second: space them ≥ 120 ms apart, or bundle them)`);
      }
      fail(`after clicking ${clicks.join(' › ')}: want a .svg and a .csv in the download folder, got [${files.join(', ')}] (state().downloads = ${JSON.stringify(s.downloads)}, status = ${JSON.stringify(s.status)})`);
    }
    await sleep(200);
  }
  const head = fs.readFileSync(path.join(downloadDir, svg), 'utf8').slice(0, 200).trimStart();
  if (!head.startsWith('<?xml') && !head.startsWith('<svg')) fail(`${svg} does not start with <?xml or <svg: ${JSON.stringify(head.slice(0, 60))}`);
  const s = await app.state();
  const offered = (s.downloads || []).slice((s0.downloads || []).length);
  const kinds = {};
  for (const f of files) { const e = path.extname(f) || '(none)'; kinds[e] = (kinds[e] || 0) + 1; }
  return `${clicks.join(' › ')} → ${files.length} files (${Object.entries(kinds).map(([e, n]) => `${n} ${e}`).join(', ')}; e.g. ${svg}, ${fs.statSync(path.join(downloadDir, svg)).size} B); ${offered.length} offered in state().downloads; status "${s.status}"`;
}

async function checkTrain() {
  let s = await setUpTraining(app, C, log);
  const t0 = Date.now();
  const button = await startTraining(app, C);
  s = await app.state();
  if (C.EPOCHS && s.training.epochs && String(s.training.epochs) !== C.EPOCHS) {
    fail(`typed ${C.EPOCHS} into "${C.EPOCHS_FIELD}" but the training runs ${s.training.epochs} epochs`);
  }
  let lastLog = Date.now();
  for (;;) {
    s = await app.state();
    const t = s.training;
    if (t.state === C.TRAINING_DONE) break;
    if (!C.TRAINING_BUSY.includes(t.state)) fail(`training stopped in state ${JSON.stringify(t.state)}: ${JSON.stringify(t)}; error ${JSON.stringify(s.error)}`);
    if (Date.now() - t0 > C.TRAIN_TIMEOUT_MS) fail(`training not finished after ${C.TRAIN_TIMEOUT_MS / 60000} min: ${JSON.stringify(t)}`);
    if (Date.now() - lastLog > 30_000) { log(`    … ${((Date.now() - t0) / 1000).toFixed(0)} s: epoch ${t.epoch}/${t.epochs}, batch ${t.batch}/${t.batches}, ${fmt(t.samples_per_second)} samples/s`); lastLog = Date.now(); }
    assertNoErrors();
    await sleep(1000);
  }
  const secs = (Date.now() - t0) / 1000;
  const t = s.training;
  if (!(t.test_accuracy >= C.MIN_TEST_ACCURACY)) fail(`test accuracy ${t.test_accuracy} < ${C.MIN_TEST_ACCURACY} after ${t.epochs} epoch(s)`);
  await app.waitFrames(3);
  let shot = '';
  if (shotDir) { const f = path.join(shotDir, 'web-train.png'); await app.screenshot(f); shot = `; ${f}`; }
  return `"${button}", ${t.epochs} epoch(s) in ${secs.toFixed(1)} s: test accuracy ${(t.test_accuracy * 100).toFixed(2)} %, ${fmt(t.samples_per_second)} samples/s${shot}`;
}

// Training in the Web Worker (issue 29): four epochs with a pause and a resume on the way, the
// page's frames going on meanwhile; a cancel; a broken message from the worker and a crashed
// worker each stop the job with a message, and the page trains again in a new worker.
async function trainerWorker() {
  const w = app.page.workers().find((x) => /trainer_worker\.js/.test(x.url()));
  if (!w) fail(`no trainer_worker.js among the page's workers (${app.page.workers().map((x) => x.url()).join(', ') || 'none'})`);
  return w;
}
async function startAndWait(what, pred) {
  await startTraining(app, C);
  return app.waitState((t) => pred(t.training), what, 30000);
}
async function checkWorker() {
  await setUpTraining(app, C, log);
  // Four epochs: with the SIMD kernels the worker trains the sample's epoch in well under a second,
  // before a click on Pause could land.
  if (C.EPOCHS && await app.item(C.EPOCHS_FIELD)) await app.typeInto(C.EPOCHS_FIELD, '4', { activate: C.EPOCHS_ACTIVATE });
  const t0 = Date.now();
  let s = await startAndWait('training to reach batch 20', (t) => t.state === 'training' && t.batch >= 20);
  const f0 = s.frames;
  await app.clickItem('Pause');
  s = await app.waitState((t) => t.training.state === 'paused', 'the job to pause');
  await sleep(600);
  const held = (await app.state()).training.batch;
  await sleep(600);
  s = await app.state();
  if (s.training.batch !== held) fail(`paused, but the batch went on from ${held} to ${s.training.batch}`);
  await app.clickItem('Resume');
  s = await app.waitState((t) => t.training.state === C.TRAINING_DONE || (t.training.state === 'training' && t.training.batch > held),
                          'the job to go on after Resume', 10000);
  s = await app.waitState((t) => t.training.state === C.TRAINING_DONE, 'the epochs in the worker', 120000, 200);
  const secs = (Date.now() - t0) / 1000, frames = s.frames - f0;
  if (!(s.training.test_accuracy >= C.MIN_TEST_ACCURACY)) fail(`test accuracy ${s.training.test_accuracy} < ${C.MIN_TEST_ACCURACY}`);
  if (frames < 2 * secs) fail(`the page drew only ${frames} frames in ${secs.toFixed(1)} s of training`);
  const trained = `${s.training.epochs} epochs with a pause (batch ${held} held 0.6 s): ${(s.training.test_accuracy * 100).toFixed(2)} % in ${secs.toFixed(1)} s, ${frames} frames drawn meanwhile`;

  await startAndWait('a second run to train', (t) => t.state === 'training' && t.batch >= 5);
  await app.clickItem('Cancel');
  s = await app.waitState((t) => t.training.state === 'cancelled', 'the run to be cancelled');

  await startAndWait('a third run to train', (t) => t.state === 'training');
  await (await trainerWorker()).evaluate(() => postMessage({ type: 'snapshot', json: '{"job": 3, "state": ' }));
  s = await app.waitState((t) => t.training.state === 'stopped', 'a broken message to stop the job');
  if (!/could not read what the training worker sent/.test(s.training.message)) fail(`broken message: "${s.training.message}"`);
  const broken = s.training.message;

  await startAndWait('a fourth run to train', (t) => t.state === 'training');
  await (await trainerWorker()).evaluate(() => setTimeout(() => { throw new Error('crashed by the web test'); }));
  s = await app.waitState((t) => t.training.state === 'stopped', 'the crashed worker to stop the job');
  if (!/training worker stopped .*crashed by the web test/.test(s.training.message)) fail(`crash: "${s.training.message}"`);
  const crashed = s.training.message;
  s = await startAndWait('training again, in a new worker', (t) => t.state === 'training' && t.batch >= 5);
  await app.clickItem('Cancel');
  await app.waitState((t) => t.training.state === 'cancelled', 'the last run to be cancelled');
  return `${trained}; cancel; broken message: "${broken}"; crash: "${crashed}"; then trained again`;
}

async function checkBrokenLesson() {
  const file = path.join(tmp, 'broken.toml');
  fs.writeFileSync(file, '# A lesson file with a syntax error on line 3 (Neurostep web test)\ntitle = "Broken"\nthis line is not toml\n');
  const labelOf = (l) => (typeof l === 'string' ? l : l.label);
  const clicks = C.OPEN_FILE.length > 1 && !(await app.item(labelOf(C.OPEN_FILE[0]))) ? C.OPEN_FILE.slice(-1) : C.OPEN_FILE;
  await app.clickItem(...clicks.slice(0, -1));
  const last = typeof clicks.at(-1) === 'string' ? { label: clicks.at(-1) } : clicks.at(-1);
  const r = await app.findItem(last.label, { scrollAt: last.scrollAt });
  const chooser = app.page.waitForFileChooser({ timeout: 10000 });
  chooser.catch(() => {});
  await app.clickAt(r.x + r.w / 2, r.y + r.h / 2);
  let fc;
  try { fc = await chooser; } catch { fail(`no file chooser opened after clicking ${clicks.map(labelOf).join(' › ')} (an <input type=file>.click() needs the click's user activation)`); }
  await fc.accept([file]);
  const s = await app.waitState((t) => C.BROKEN_ERROR.test(t.error || ''), `state().error to match ${C.BROKEN_ERROR}`, 10000);
  return `state().error = ${JSON.stringify(s.error)}`;
}

// A file the page downloads next (the first new one ending in `ext`), once complete.
async function nextDownload(ext, before) {
  for (const t0 = Date.now(); Date.now() - t0 < C.DOWNLOAD_TIMEOUT_MS; await sleep(200)) {
    const f = fs.readdirSync(downloadDir).find((n) => n.endsWith(ext) && !before.includes(n));
    if (f) return path.join(downloadDir, f);
  }
  fail(`no ${ext} file was downloaded`);
}

// Clicks the item labelled `label` and gives the file chooser it opens `files`.
async function chooseFiles(label, files) {
  const r = await app.findItem(label);
  const chooser = app.page.waitForFileChooser({ timeout: 10000 });
  chooser.catch(() => {});
  await app.clickAt(r.x + r.w / 2, r.y + r.h / 2);
  let fc;
  try { fc = await chooser; } catch { fail(`no file chooser opened after clicking ${label}`); }
  await fc.accept(files);
}

// After training (check e): Save model downloads the checkpoint, and Load model… reads it back
// through the file picker; a broken checkpoint gets its message.
async function checkModelFiles() {
  fs.mkdirSync(downloadDir, { recursive: true });
  const before = fs.readdirSync(downloadDir);
  await app.clickItem('Save model');
  const ckpt = await nextDownload('.ckpt', before);
  await chooseFiles('Load model…', [ckpt]);
  let s = await app.waitState((t) => t.training.state === C.TRAINING_DONE && /Loaded/.test(t.training.message), 'the saved model loaded back', 60000);
  const loaded = s.training.test_accuracy;
  const broken = path.join(tmp, 'broken.ckpt');
  fs.writeFileSync(broken, 'not a checkpoint');
  await chooseFiles('Load model…', [broken]);
  s = await app.waitState((t) => t.training.state === 'stopped', 'the broken checkpoint refused', 20000);
  return `${path.basename(ckpt)} (${fs.statSync(ckpt).size} B) downloaded and loaded back: test accuracy ${(loaded * 100).toFixed(2)} %; broken.ckpt: "${s.training.message}"`;
}

// Load IDX files…: the four files of the embedded sample, .gz as they are, become the data, and the
// training worker trains on them.
async function checkIdxFiles() {
  const sample = path.join(path.dirname(new URL(import.meta.url).pathname), '../../assets/mnist-sample');
  const files = fs.readdirSync(sample).map((f) => path.join(sample, f));
  await chooseFiles('Load IDX files…', files);
  const s = await app.waitState((t) => /Your IDX files \(4\)/.test(t.status), 'the status to say the 4 files are the data', 10000);
  // the training worker gets them too: it trains on the chosen folder
  await startTraining(app, C);
  const t = await app.waitState((x) => x.training.state === 'training' && x.training.batch > 0, 'training on the chosen files', 30000);
  if (!/ from \S*chosen/.test(t.training.message)) fail(`training, but not on the chosen files: "${t.training.message}"`);
  await app.clickItem('Cancel');
  await app.waitState((x) => x.training.state === 'cancelled', 'the run on the chosen files to be cancelled');
  return `${files.length} files chosen: "${s.status}"; the worker trained on them: "${t.training.message}"`;
}

// A tap on the touch screen is a click: Step ▶ tapped moves the lesson one step.
async function checkTouch() {
  await app.openLesson(C.EDIT_LESSON);
  await app.goToStep('first');
  const r = await app.findItem('Step ▶');
  const before = (await app.state()).step;
  await app.page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  const s = await app.waitState((t) => t.step === before + 1, `the tap to step from ${before}`, 5000);
  return `tapped "Step ▶": step ${before} → ${s.step}`;
}

// Phones and tablets: every lesson opens, steps by a tap on the bottom bar's button (a touch target
// of at least 44 px on the phone), and then shows its current step whole (state().step_fits) unless
// it is one of the long steps the layout test of the desktop also lets scroll.
async function checkSmallScreens() {
  const report = [];
  for (const screen of C.SMALL_SCREENS) {
    await app.page.setViewport({ width: screen.width, height: screen.height, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    let s = await app.waitState((t) => t.frames > 0 && t.lessons_folded, `the lesson list to fold at ${screen.width}×${screen.height}`, 10000);
    const off = [];
    let smallest = Infinity;
    for (const id of s.lessons) {
      s = await app.openLesson(id);
      if (s.error) fail(`${id} does not open at ${screen.name} size: ${s.error}`);
      if (s.step >= s.steps) { await app.pressKey('KeyR'); s = await app.waitState((t) => t.step === 1, `${id} back to step 1 (R)`, 5000); }
      await app.waitFrames(3);
      const r = await app.item(C.TOUCH_STEP);
      if (!r || r.w <= 0) fail(`no "${C.TOUCH_STEP}" on screen in ${id} at ${screen.name} size`);
      if (r.y + r.h > screen.height || r.y < 0) fail(`"${C.TOUCH_STEP}" is off screen (y ${r.y}, h ${r.h}) in ${id} at ${screen.name} size`);
      smallest = Math.min(smallest, r.h);
      const before = s.step;
      await app.page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
      s = await app.waitState((t) => t.step === before + 1, `the tap to step ${id} from ${before} at ${screen.name} size`, 5000);
      await app.waitFrames(6);  // laid out, then widened if long
      s = await app.state();
      if (!s.step_fits && s.equations <= C.LONG_STEP_EQUATIONS) off.push(`${id} step ${s.step}`);
    }
    if (off.length) fail(`at ${screen.name} size the current step runs below the window in: ${off.join(', ')}`);
    if (screen.name === 'phone' && smallest < C.MIN_TOUCH_PX) fail(`the phone's "${C.TOUCH_STEP}" is ${smallest} px tall, under ${C.MIN_TOUCH_PX}`);
    if (shotDir) {
      await app.openLesson(C.EXAMPLE_LESSON);
      await app.waitFrames(6);
      await app.screenshot(path.join(shotDir, `web-${screen.name}.png`));
    }
    report.push(`${screen.name} ${screen.width}×${screen.height}: ${s.lessons.length} lessons stepped by a tap, each step whole (the button ${smallest} px tall)`);
  }
  await app.page.setViewport(VIEWPORT);
  await app.waitFrames(3);
  return report.join('; ');
}

// The page opens again on the lesson open when it was left (kept in the browser's storage), and
// lays itself out again at another window size.
async function checkReload() {
  await app.openLesson('chain-rule');
  // F5 is presentation mode here, not the browser's reload; Esc leaves it
  const frames = (await app.state()).frames;
  await app.pressKey('F5');
  let s = await app.waitState((t) => t.presenting, 'F5 to start presentation mode', 5000);
  if (s.frames < frames) fail('F5 reloaded the page');
  await app.pressKey('Escape');
  await app.waitState((t) => !t.presenting, 'Esc to leave presentation mode', 5000);
  await sleep(1500);  // the page writes its storage a second after a change
  await app.page.setViewport({ width: 900, height: 600 });
  await app.page.reload();
  s = await app.waitState((t) => t.frames > 2 && t.lesson, 'the reloaded page to open a lesson', 60000);
  if (s.lesson !== 'chain-rule') fail(`reloaded, the page opened ${s.lesson}, not chain-rule`);
  const size = await app.page.evaluate(() => [canvas.getBoundingClientRect().width, innerWidth]);
  if (size[0] !== size[1]) fail(`the canvas is ${size[0]} px wide in a window of ${size[1]} px`);
  await app.page.setViewport(VIEWPORT);
  return `F5 presented and Esc left it without a reload; reopened on ${s.lesson}; at 900×600 the canvas fills the window`;
}

// Offline (issue 29), on an origin of its own (a server of its own, a fresh page): the first visit
// lets the service worker take the page and keep the site; then, with the network off (DevTools
// offline mode, and the server stopped as well, since that mode may not reach the service worker's
// own fetches: the check says whether it did), a reload draws the first frame, steps a lesson and
// starts training.
async function checkOffline() {
  const own = await startServer(siteDir);
  const page = await app.page.browser().newPage();
  const offline = new App(page);
  let serving = true;
  try {
    await loadApp(offline, own.url, C.FIRST_FRAME_TIMEOUT_MS);
    await page.waitForFunction(() => navigator.serviceWorker?.controller, { timeout: C.OFFLINE_READY_TIMEOUT_MS })
      .catch(() => fail(`no service worker controls the page ${C.OFFLINE_READY_TIMEOUT_MS / 1000} s after its first frame`));
    // what the browser checks before it offers to install the page (the manifest, its icons, the worker)
    const cdp = await page.createCDPSession();
    const { installabilityErrors: notInstallable } = await cdp.send('Page.getInstallabilityErrors');
    if (notInstallable.length) fail(`the browser would not offer to install the page: ${JSON.stringify(notInstallable)}`);
    const kept = await page.evaluate(async () => Promise.all((await caches.keys()).map(async (n) => (await (await caches.open(n)).keys()).length)));
    await page.setOfflineMode(true);
    const asked = own.requests.length;  // a file the service worker does not keep goes to the network
    const probe = await page.evaluate(() => fetch('not-kept-by-the-service-worker.txt').then((r) => `HTTP ${r.status}`, () => 'refused'));
    const reached = own.requests.length > asked;
    await own.close();
    serving = false;
    offline.errors.length = 0;  // the probe's own failure
    await page.reload({ waitUntil: 'domcontentloaded' });
    let s = await offline.waitState((t) => t.frames > 0 && t.lessons_unread === 0, 'the first frame and every lesson read with the network off', C.FIRST_FRAME_TIMEOUT_MS);
    await offline.openLesson(C.EDIT_LESSON);
    s = await offline.goToStep('first');
    await offline.pressKey('Space');
    s = await offline.waitState((t) => t.step === 2, `Space to step ${C.EDIT_LESSON} offline`, 5000);
    await setUpTraining(offline, C);
    await startTraining(offline, C);
    s = await offline.waitState((t) => t.training.batch > 0 || t.training.state === C.TRAINING_DONE, 'a first batch trained offline', 30000);
    if (offline.errors.length) fail(`errors in the page offline:\n      ${offline.errors.join('\n      ')}`);
    return `installable; ${kept.join('+')} files kept; offline, the probe was ${probe} (DevTools offline mode ${reached ? 'did not stop' : 'stopped'} the service worker's fetches; server stopped too); reloaded: first frame, ${C.EDIT_LESSON} stepped to 2, training at batch ${s.training.batch}`;
  } finally {
    if (serving) await own.close();
    await page.close().catch(() => {});
  }
}

// The full MNIST (issue 29, scripts/web.sh --with-mnist), on an origin of its own: the site with
// the data files beside it (MNIST_SITE_DATA, which scripts/test-web.sh makes as web.sh does; else
// the site's own mnist/). The Train tab offers the set; fetched with one file cut short by the
// server, it is refused with a message; Cancel download stops a fetch; fetched whole (the bytes
// fetched shown as they come), it trains one epoch on its first 6,000 images in the training worker.
async function checkFullMnist() {
  const data = process.env.MNIST_SITE_DATA || path.join(siteDir, 'mnist');
  if (!fs.existsSync(path.join(data, 'train-images-idx3-ubyte.gz'))) fail(`no full MNIST in ${data} (build with scripts/web.sh --with-mnist, or set MNIST_SITE_DATA)`);
  const own = await startServer(siteDir, { mounts: { '/mnist/': data } });
  const page = await app.page.browser().newPage();
  const m = new App(page);
  try {
    await loadApp(m, own.url, C.FIRST_FRAME_TIMEOUT_MS);
    let s = await m.waitState((t) => t.download?.label, 'the page to offer the full MNIST (mnist/index.json)', 10000);
    const label = s.download.label;
    await setUpTraining(m, C);
    const cut = '/mnist/t10k-labels-idx1-ubyte.gz';
    own.truncate.add(cut);
    await m.clickItem('data', label);
    s = await m.waitState((t) => !t.download.fetching && t.download.error, `the full MNIST with ${cut} cut short to be refused`, C.FULL_MNIST_TIMEOUT_MS);
    if (!/refused: .*t10k-labels-idx1-ubyte/.test(s.download.error)) fail(`the cut file was not refused by name: "${s.download.error}"`);
    const refused = s.download.error;
    own.truncate.clear();
    m.errors.length = 0;
    // Cancel download stops a fetch on its way (sent slowly, about 1.6 MB/s, so that the click lands)
    own.pace.piece = 16 * 1024;
    await m.clickItem(`Fetch ${label}`);
    await m.waitState((t) => t.download.fetching && t.download.done > 0, 'the fetch to start', 10000);
    await m.clickItem('Cancel download');
    s = await m.waitState((t) => !t.download.fetching, 'Cancel download to stop the fetch', 10000);
    if (s.download.ready || s.download.error) fail(`after Cancel download: ${JSON.stringify(s.download)}`);
    const cancelled = s.download.done;
    own.pace.piece = 128 * 1024;
    await m.clickItem(`Fetch ${label}`);
    const seen = [];
    for (const t0 = Date.now(); ; await sleep(30)) {
      s = await m.state();
      if (s.download.fetching && s.download.done > 0 && s.download.done < s.download.total) seen.push(s.download.done);
      if (!s.download.fetching && (s.download.ready || s.download.error)) break;
      if (Date.now() - t0 > C.FULL_MNIST_TIMEOUT_MS) fail(`the full MNIST still coming after ${C.FULL_MNIST_TIMEOUT_MS / 1000} s: ${briefState(s)}`);
    }
    if (!s.download.ready) fail(`the whole full MNIST was refused: "${s.download.error}"`);
    // the server sends it in pieces 10 ms apart: the Train tab's bar moves many times
    if (new Set(seen).size < 3 || seen.some((b, i) => i > 0 && b < seen[i - 1])) fail(`the bytes fetched were seen ${seen.length} times while the full MNIST came: ${seen.join(', ')}`);
    await m.typeInto('training images', '6000', { activate: C.EPOCHS_ACTIVATE });
    await startTraining(m, C);
    s = await m.waitState((t) => t.training.state === C.TRAINING_DONE || t.training.state === 'stopped', 'one epoch on the first 6,000 images', C.TRAIN_TIMEOUT_MS);
    const acc = s.training.test_accuracy;
    // tested on the full set's 10,000 test images (the sample has 1,000)
    if (s.training.state !== C.TRAINING_DONE || !/ 10000 images/.test(s.training.message)) fail(`not trained on the full MNIST: "${s.training.message}"`);
    if (!(acc >= C.FULL_MNIST_ACCURACY)) fail(`test accuracy ${acc} < ${C.FULL_MNIST_ACCURACY} after one epoch on 6,000 images`);
    const errors = m.errors.filter((e) => !/^\[requestfailed\] \S*\/mnist\/\S*: net::ERR_ABORTED/.test(e));  // the cancelled fetch's
    if (errors.length) fail(`errors in the page:\n      ${errors.join('\n      ')}`);
    return `"${label}" offered; cut short: "${refused}"; cancelled at ${cancelled} bytes; whole: ${s.download.total} bytes, the bytes fetched seen ${seen.length} times (${seen[0]} … ${seen.at(-1)}); ` +
      `one epoch on 6,000 images: test accuracy ${(acc * 100).toFixed(2)} % ("${s.training.message}")`;
  } finally {
    await own.close();
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- running them
function assertNoErrors() {
  if (app.errors.length) fail(`errors in the page:\n      ${app.errors.join('\n      ')}`);
}
function fmt(x) { return typeof x === 'number' ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : String(x); }

const checks = [
  ['a', 'first frame', (url) => checkFirstFrame(url)],
  ['b', 'lessons by keyboard', checkLessons],
  ['b2', 'screenshot web-lesson.png', shotLesson, () => !!shotDir],
  ['d', 'edit a number', checkEdit],
  ['g', 'downloads', checkDownloads],
  ['e', 'train MNIST', checkTrain],
  ['w', 'training in the Web Worker', checkWorker],
  ['h', 'save and load the model', checkModelFiles],
  ['i', 'your own IDX files', checkIdxFiles],
  ['f', 'broken lesson file', checkBrokenLesson],
  ['j', 'touch', checkTouch],
  ['l', 'phones and tablets', checkSmallScreens],
  ['k', 'reload and resize', checkReload],
  ['o', 'offline after the first visit', checkOffline],
  ['m', 'the full MNIST fetched, checked, trained', checkFullMnist],
  ['c', 'no console or page errors', async () => { assertNoErrors(); return `none over the whole run (${app.consoleLines.length} console lines)`; }],
];

const tStart = Date.now();
const server = await startServer(siteDir);
let browser;
let passed = 0, failed = 0, skipped = 0;
try {
  browser = await launchBrowser();
  await allowDownloads(browser, downloadDir);
  const page = await browser.newPage();
  app = new App(page);
  log(`web test: ${path.resolve(siteDir)} at ${server.url} in ${await browser.version()}`);
  for (const [id, name, fn, enabled] of checks) {
    if ((id !== 'a' && only && !only.includes(id) && !(id === 'c')) || skip.includes(id) || (enabled && !enabled())) { skipped++; continue; }
    const t0 = Date.now();
    try {
      const msg = await fn(server.url);
      if (id !== 'c') assertNoErrors();
      passed++;
      log(`ok   ${id} ${name}: ${msg} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
    } catch (e) {
      failed++;
      const shot = path.join(failDir, `web-fail-${id}.png`);
      let shotMsg = shot;
      try { await app.screenshot(shot); } catch (se) { shotMsg = `(no screenshot: ${se.message})`; }
      log(`FAIL ${id} ${name}: ${e.message} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
      const where = (e.stack || '').split('\n').filter((l) => /(web_test|lib)\.mjs:\d+/.test(l)).map((l) => l.trim().replace(/^at /, ''));
      if (where.length) log(`     at ${where.slice(0, 2).join(' ← ')}`);
      if (app.errors.length && !e.message.startsWith('errors')) log(`     errors in the page so far:\n      ${app.errors.join('\n      ')}`);
      log(`     screenshot: ${shotMsg}`);
      const s = await app.state().catch(() => null);
      log(`     state: ${briefState(s)}`);
      break;
    }
  }
} catch (e) {
  failed++;
  log(`FAIL setup: ${e.stack || e}`);
} finally {
  await browser?.close().catch(() => {});
  await server.close();
}
const total = checks.length;
log(`web test took ${((Date.now() - tStart) / 1000).toFixed(1)} s`);
log(`web: ${passed} passed, ${failed} failed${total - passed - failed ? `, ${total - passed - failed} skipped` : ''}`);
if (!process.env.KEEP_DOWNLOADS) fs.rmSync(path.join(tmp, 'downloads'), { recursive: true, force: true });  // KEEP_DOWNLOADS=1 keeps them to look at
process.exit(failed ? 1 : 0);
