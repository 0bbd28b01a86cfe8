// page.js — the page around the program (app.js, app.wasm, app.data): its Module settings, the
// user's folders kept in the browser's IndexedDB, the loading note, the service worker that keeps
// the site for offline use, and window.neurostep, the read-only hook the browser test reads
// (src/app/web/test_hook.cpp).
'use strict';
var HOME = '/home/web_user';  // emscripten's $HOME: settings, Try it progress and chosen data live under it
var note = document.getElementById('note');
var canvas = document.getElementById('canvas');
canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });  // right-click deletes a playground point
// Touch: emscripten 3.1.6's GLFW reads no position from touch events, so a one-finger touch on the
// canvas is passed on as the mouse events it stands for (a tap clicks, a drag draws or drags).
function touchAsMouse(type) {
  return function (e) {
    if (e.target !== canvas || e.touches.length > 1) return;  // two fingers stay the browser's (zoom)
    var t = e.changedTouches[0];
    e.preventDefault();
    e.stopPropagation();
    var send = function (kind) {
      canvas.dispatchEvent(new MouseEvent(kind, {clientX: t.clientX, clientY: t.clientY, screenX: t.screenX, screenY: t.screenY,
                                                 button: 0, buttons: kind === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true}));
    };
    if (type === 'mousedown') send('mousemove');  // the pointer is where the finger is before it presses
    send(type);
  };
}
window.addEventListener('touchstart', touchAsMouse('mousedown'), {capture: true, passive: false});
window.addEventListener('touchmove', touchAsMouse('mousemove'), {capture: true, passive: false});
window.addEventListener('touchend', touchAsMouse('mouseup'), {capture: true, passive: false});
window.addEventListener('touchcancel', touchAsMouse('mouseup'), {capture: true, passive: false});
// The app's own keys must not also do what the browser does with them: F5 (presentation mode) would
// reload the page, Ctrl+= / Ctrl+− / Ctrl+0 (text size) zoom it. (Ctrl+T stays the browser's: the
// View menu switches the theme.)
window.addEventListener('keydown', function (e) {
  if (e.key === 'F5' || ((e.ctrlKey || e.metaKey) && ['=', '+', '-', '0'].indexOf(e.key) >= 0)) e.preventDefault();
}, true);
// When the student last did something (the program draws fewer frames while training without it).
['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'touchstart', 'touchmove', 'touchend', 'resize'].forEach(function (type) {
  window.addEventListener(type, function () { Module.lastInput = performance.now(); }, {capture: true, passive: true});
});
canvas.addEventListener('webglcontextlost', function (e) { e.preventDefault(); say('The browser lost the WebGL context: reload the page.', true); });

function say(text, failed) {
  document.getElementById('note-text').textContent = text;
  note.style.display = 'flex';
  if (failed) { note.className = 'failed'; document.getElementById('note-bar').style.display = 'none'; }
}

var persistPending = false;
var Module = {
  canvas: canvas,
  downloads: [],
  lastInput: 0,  // performance.now() of the student's last input
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },  // what the program tells stderr: notes, not page errors
  setStatus: function (text) {
    var m = /\((\d+)\/(\d+)\)/.exec(text || '');
    if (m) { var bar = document.getElementById('note-bar'); bar.max = +m[2]; bar.value = +m[1]; }
  },
  // The user's folders come back from IndexedDB before the program starts.
  preRun: [function () {
    FS.mkdirTree(HOME);
    FS.mount(IDBFS, {}, HOME);
    Module.addRunDependency('storage');
    FS.syncfs(true, function (err) {
      if (err) console.warn('Neurostep: your saved settings could not be read (' + err + ')');
      Module.removeRunDependency('storage');
    });
  }],
  // The figure font, for PNG exports drawn by the canvas, from the same file ImGui uses.
  onRuntimeInitialized: function () {
    var face = new FontFace('DejaVu Sans', FS.readFile('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf').buffer);
    document.fonts.add(face);
    face.load();
  },
  persistSoon: function () { persistPending = true; },
  firstFrame: function () {
    note.style.display = 'none';
    window.neurostep.first_frame_ms = performance.now();
    canvas.focus();
    keepForOffline();
  },
  onAbort: function (what) { say('Neurostep stopped: ' + what, true); },
};

// Written files are kept at most a second later; and when the page is left.
setInterval(function () {
  if (!persistPending || typeof FS === 'undefined') return;
  persistPending = false;
  FS.syncfs(false, function (err) { if (err) console.warn('Neurostep: your settings could not be kept (' + err + ')'); });
}, 1000);
window.addEventListener('pagehide', function () { if (persistPending && typeof FS !== 'undefined') FS.syncfs(false, function () {}); });

// The service worker (service-worker.js) keeps the whole site for visits with no network. Registered
// once the first frame is drawn, so its downloads do not delay the first visit's start; browsers
// offer it only to secure pages (https, or http on localhost).
function keepForOffline() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('service-worker.js').catch(function (err) {
    console.warn('Neurostep: the page will not work offline (' + err.message + ')');
  });
}

if (typeof WebAssembly !== 'object' || !document.createElement('canvas').getContext('webgl2'))
  say('Neurostep needs a browser with WebAssembly and WebGL 2 (any current Chrome, Firefox, Safari or Edge).', true);

window.neurostep = {
  first_frame_ms: null,
  // The app's state after the last frame (see test_hook.cpp), and the downloads offered so far.
  state: function () {
    if (!Module.calledRun) return {frames: 0, downloads: []};
    var s = JSON.parse(Module.UTF8ToString(Module._neurostep_test_state()) || '{}');
    s.first_frame_ms = window.neurostep.first_frame_ms;
    s.downloads = Module.downloads.slice();
    return s;
  },
  // Where the widget labelled `label` was drawn in the last frame, in CSS pixels; null if nowhere.
  item: function (label) {
    var text = Module.ccall('neurostep_test_item', 'string', ['string'], [label]);
    if (!text) return null;
    var v = text.split(' ').map(Number);
    var r = canvas.getBoundingClientRect(), css = r.width / canvas.width;  // the app draws in device pixels
    return {x: r.left + v[0] * css, y: r.top + v[1] * css, w: v[2] * css, h: v[3] * css};
  },
};
