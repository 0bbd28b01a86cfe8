// page_library.js — the browser side of src/app/web/page.h, linked into app.js (emcc --js-library).
// Every JavaScript file of the page is here in web/; the C++ it serves is in src/app/web/.
// Downloads, the file picker, the user's storage, and the 2-D canvas that draws figures as PNG.
mergeInto(LibraryManager.library, {
  // Chromium drops downloads started less than about 100 ms apart (Export all offers a dozen), so
  // they leave one at a time, 200 ms apart.
  $downloads: {queue: [], busy: false},
  page_download__deps: ['$downloads'],
  page_download: function (pathPtr, namePtr) {
    var name = UTF8ToString(namePtr);
    var bytes = FS.readFile(UTF8ToString(pathPtr));
    var type = /\.svg$/.test(name) ? 'image/svg+xml' : /\.png$/.test(name) ? 'image/png' : 'application/octet-stream';
    downloads.queue.push({name: name, url: URL.createObjectURL(new Blob([bytes], {type: type}))});
    Module.downloads.push(name);
    function next() {
      var d = downloads.queue.shift();
      if (!d) { downloads.busy = false; return; }
      var a = document.createElement('a');
      a.href = d.url;
      a.download = d.name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(d.url); }, 60000);
      setTimeout(next, 200);
    }
    if (!downloads.busy) { downloads.busy = true; next(); }
  },

  page_choose_files: function (request, acceptPtr, multiple, folderPtr) {
    var folder = UTF8ToString(folderPtr);
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(acceptPtr);
    input.multiple = !!multiple;
    input.onchange = function () {
      var files = Array.prototype.slice.call(input.files);
      Promise.all(files.map(function (f) { return f.arrayBuffer(); })).then(function (buffers) {
        if (folder !== '.') FS.mkdirTree(folder);
        if (multiple)  // a new set of IDX files replaces the last one
          FS.readdir(folder).forEach(function (n) { if (n !== '.' && n !== '..') FS.unlink(folder + '/' + n); });
        var paths = files.map(function (f, i) {
          var path = folder === '.' ? f.name : folder + '/' + f.name;
          FS.writeFile(path, new Uint8Array(buffers[i]));
          return path;
        });
        Module.persistSoon();
        Module.ccall('neurostep_files_chosen', null, ['number', 'string'], [request, paths.join('\n')]);
      });
    };
    input.click();
  },

  page_persist: function () { Module.persistSoon(); },
  page_width: function () { return window.innerWidth; },
  page_height: function () { return window.innerHeight; },
  page_pixel_ratio: function () { return window.devicePixelRatio || 1; },
  // The canvas has `ratio` device pixels per CSS pixel: it is shown at the window's CSS size.
  page_show_canvas: function (width, height) {
    Module.canvas.style.width = width + 'px';
    Module.canvas.style.height = height + 'px';
  },
  page_first_frame: function () { Module.firstFrame(); },
  page_seconds_since_input: function () { return (performance.now() - Module.lastInput) / 1000; },

  // The training worker (web/trainer_worker.js): started by the first command, and again by the
  // next command after it stopped. What it sends is checked here before the program reads it; a
  // message of no known shape, or the worker stopping, fails the job with a message (the page
  // goes on).
  $trainer: {worker: null, model: '/tmp/neurostep-worker-model.ckpt'},
  $trainerFailed: function (why) { Module.ccall('neurostep_trainer_failed', null, ['string'], [why]); },
  $trainerModel__deps: ['$trainer', 'malloc', 'free'],
  $trainerModel: function (m) {
    FS.writeFile(trainer.model, new Uint8Array(m.checkpoint));
    var pixels = _malloc(m.pixels.byteLength + 1), labels = _malloc(m.labels.byteLength + 1);
    HEAPU8.set(new Uint8Array(m.pixels), pixels);
    HEAPU8.set(new Uint8Array(m.labels), labels);
    Module.ccall('neurostep_trainer_model', null, ['number', 'string', 'number', 'number', 'number', 'number', 'number'],
                 [m.job, trainer.model, pixels, labels, m.count, m.rows, m.cols]);
    _free(pixels);
    _free(labels);
  },
  $trainerMessage__deps: ['$trainerFailed', '$trainerModel'],
  $trainerMessage: function (m) {
    var whole = function (n) { return typeof n === 'number' && n >= 0 && n === Math.floor(n); };
    if (m && m.type === 'snapshot' && typeof m.json === 'string') {
      Module.ccall('neurostep_trainer_snapshot', null, ['string'], [m.json]);
    } else if (m && m.type === 'model' && whole(m.job) && whole(m.count) && whole(m.rows) && whole(m.cols) && m.checkpoint instanceof ArrayBuffer &&
               m.pixels instanceof ArrayBuffer && m.labels instanceof ArrayBuffer && m.pixels.byteLength === m.count * m.rows * m.cols &&
               m.labels.byteLength === m.count) {
      trainerModel(m);
    } else if (m && m.type === 'error' && typeof m.message === 'string') {
      trainerFailed(m.message);
    } else {
      var text = '';
      try { text = JSON.stringify(m); } catch (e) { text = String(m); }
      trainerFailed('the training worker sent a message of no known kind: ' + String(text).slice(0, 80));
    }
  },
  page_trainer_post__deps: ['$trainer', '$trainerMessage', '$trainerFailed'],
  page_trainer_post: function (commandPtr, pathsPtr) {
    var command = UTF8ToString(commandPtr);
    var files = UTF8ToString(pathsPtr).split('\n').filter(Boolean).map(function (p) { return {path: p, bytes: FS.readFile(p)}; });
    if (!trainer.worker) {
      var w = trainer.worker = new Worker('trainer_worker.js');
      Module.trainer = trainer;  // for the browser test, which stops it
      w.onmessage = function (e) { if (trainer.worker === w) trainerMessage(e.data); };
      var stopped = function (why) {
        return function (e) {
          e.preventDefault();
          w.terminate();
          if (trainer.worker !== w) return;
          trainer.worker = null;
          trainerFailed(why(e));
        };
      };
      w.onerror = stopped(function (e) { return 'the training worker stopped (' + (e.message || 'trainer_worker.js did not load') + ')'; });
      w.onmessageerror = stopped(function () { return 'a message from the training worker could not be received'; });
    }
    trainer.worker.postMessage({command: command, files: files, cwd: FS.cwd()}, files.map(function (f) { return f.bytes.buffer; }));
  },

  // The full MNIST (full_mnist.h). mnist/index.json ({label, bytes, files: [{name, bytes}]}, which
  // scripts/web.sh writes) says whether the site has it. The files come from the browser's Cache
  // Storage once they were fetched and passed the checks (so also offline), else from the site,
  // read piece by piece so that the Train tab shows the bytes fetched; an AbortController cancels.
  $fullMnist: {index: null, abort: null},
  $fullMnistCache: function () {
    if (typeof caches === 'undefined') return Promise.resolve(null);
    return caches.open('neurostep-data ' + new URL('.', location.href).href).catch(function () { return null; });
  },
  // One file's bytes (an ArrayBuffer); got(n) after each piece of n bytes.
  $fullMnistFile: function (url, cache, signal, got) {
    return (cache ? cache.match(url) : Promise.resolve(null)).then(function (hit) {
      return hit || fetch(url, {signal: signal}).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status + ' ' + r.statusText);
        return r;
      });
    }).then(function (response) {
      var reader = response.body.getReader(), parts = [], length = 0;
      function next(piece) {
        if (signal.aborted) { reader.cancel(); throw new DOMException('cancelled', 'AbortError'); }
        if (piece.done) {
          var bytes = new Uint8Array(length), at = 0;
          parts.forEach(function (p) { bytes.set(p, at); at += p.length; });
          return bytes.buffer;
        }
        parts.push(piece.value);
        length += piece.value.length;
        got(piece.value.length);
        return reader.read().then(next);
      }
      return reader.read().then(next);
    });
  },
  page_look_for_data__deps: ['$fullMnist'],
  page_look_for_data: function () {
    fetch('mnist/index.json').then(function (r) { return r.ok ? r.json() : null; }).then(function (index) {
      if (!index || typeof index.label !== 'string' || !(index.bytes > 0) || !Array.isArray(index.files) || !index.files.length) return;
      fullMnist.index = index;
      Module.ccall('neurostep_data_offered', null, ['string', 'number'], [index.label, index.bytes]);
    }).catch(function (e) { console.warn('Neurostep: no full MNIST to offer (' + e.message + ')'); });
  },
  page_fetch_data__deps: ['$fullMnist', '$fullMnistCache', '$fullMnistFile'],
  page_fetch_data: function (start, folderPtr) {
    if (!start) { if (fullMnist.abort) fullMnist.abort.abort(); return; }
    var folder = UTF8ToString(folderPtr), index = fullMnist.index, abort = new AbortController(), done = 0, cache = null;
    var stopped = function (why) { Module.ccall('neurostep_data_stopped', null, ['string'], [why]); };
    if (!index) return stopped('this site has none (scripts/web.sh --with-mnist adds it)');
    fullMnist.abort = abort;
    var progress = function (n) { done += n; Module.ccall('neurostep_data_progress', null, ['number'], [done]); };
    fullMnistCache().then(function (c) {
      cache = c;
      return Promise.all(index.files.map(function (f) { return fullMnistFile('mnist/' + f.name, cache, abort.signal, progress); }));
    }).then(function (buffers) {
      fullMnist.abort = null;
      index.files.forEach(function (f, i) { FS.writeFile(folder + '/' + f.name, new Uint8Array(buffers[i])); });
      var passed = Module.ccall('neurostep_data_arrived', 'number', [], []);
      if (!cache) return;
      var kept = index.files.map(function (f, i) {  // kept for the next visit if they passed, else forgotten
        return passed ? cache.put('mnist/' + f.name, new Response(buffers[i])) : cache.delete('mnist/' + f.name);
      });
      Promise.all(kept).catch(function (e) { console.warn('Neurostep: the full MNIST is not kept for the next visit (' + e.message + ')'); });
    }, function (e) {
      fullMnist.abort = null;
      abort.abort();  // the other files stop too
      stopped(e.name === 'AbortError' ? '' : (e.message || String(e)));
    });
  },

  $figureCanvas: {canvas: null, ctx: null, font: 13},
  canvas_begin__deps: ['$figureCanvas'],
  canvas_begin: function (width, height, scale, fontSize) {
    var c = figureCanvas;
    c.canvas = c.canvas || document.createElement('canvas');
    c.canvas.width = Math.round(width * scale);
    c.canvas.height = Math.round(height * scale);
    c.ctx = c.canvas.getContext('2d');
    c.ctx.setTransform(scale, 0, 0, scale, 0, 0);
    c.ctx.font = fontSize + 'px "DejaVu Sans"';
    c.ctx.textBaseline = 'alphabetic';
  },
  canvas_font__deps: ['$figureCanvas'],
  canvas_font: function (fontSize) { figureCanvas.ctx.font = fontSize + 'px "DejaVu Sans"'; },
  $measureContext: function (fontSize) {
    var c = figureCanvas;
    c.measure = c.measure || document.createElement('canvas').getContext('2d');
    c.measure.font = fontSize + 'px "DejaVu Sans"';
    return c.measure;
  },
  canvas_text_width__deps: ['$measureContext', '$figureCanvas'],
  canvas_text_width: function (textPtr, fontSize) { return measureContext(fontSize).measureText(UTF8ToString(textPtr)).width; },
  canvas_font_metrics__deps: ['$measureContext', '$figureCanvas'],
  canvas_font_metrics: function (fontSize, ascent, descent) {
    var m = measureContext(fontSize).measureText('Hg');
    HEAPF64[ascent >> 3] = m.fontBoundingBoxAscent || m.actualBoundingBoxAscent;
    HEAPF64[descent >> 3] = m.fontBoundingBoxDescent || m.actualBoundingBoxDescent;
  },
  $cssColour: function (r, g, b, a) { return 'rgba(' + Math.round(r * 255) + ',' + Math.round(g * 255) + ',' + Math.round(b * 255) + ',' + a + ')'; },
  canvas_fill_style__deps: ['$cssColour', '$figureCanvas'],
  canvas_fill_style: function (r, g, b, a) { figureCanvas.ctx.fillStyle = cssColour(r, g, b, a); },
  canvas_stroke_style__deps: ['$cssColour', '$figureCanvas'],
  canvas_stroke_style: function (r, g, b, a, width, dashed) {
    var ctx = figureCanvas.ctx;
    ctx.strokeStyle = cssColour(r, g, b, a);
    ctx.lineWidth = width;
    ctx.setLineDash(dashed ? [6, 6] : []);
  },
  canvas_text__deps: ['$figureCanvas'],
  canvas_text: function (x, y, textPtr) { figureCanvas.ctx.fillText(UTF8ToString(textPtr), x, y); },
  canvas_path__deps: ['$figureCanvas'],
  canvas_path: function (xy, points, close, fill) {
    var ctx = figureCanvas.ctx;
    ctx.beginPath();
    for (var i = 0; i < points; ++i) {
      var x = HEAPF64[(xy >> 3) + 2 * i], y = HEAPF64[(xy >> 3) + 2 * i + 1];
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    if (close) ctx.closePath();
    if (fill) ctx.fill(); else ctx.stroke();
  },
  canvas_rect__deps: ['$figureCanvas'],
  canvas_rect: function (x, y, w, h, fill) {
    if (fill) figureCanvas.ctx.fillRect(x, y, w, h); else figureCanvas.ctx.strokeRect(x, y, w, h);
  },
  canvas_circle__deps: ['$figureCanvas'],
  canvas_circle: function (x, y, r) {
    var ctx = figureCanvas.ctx;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    ctx.stroke();
  },
  canvas_clip__deps: ['$figureCanvas'],
  canvas_clip: function (x, y, w, h) {
    var ctx = figureCanvas.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
  },
  canvas_unclip__deps: ['$figureCanvas'],
  canvas_unclip: function () { figureCanvas.ctx.restore(); },
  canvas_write_png__deps: ['$figureCanvas'],
  canvas_write_png: function (pathPtr) {
    var url = figureCanvas.canvas.toDataURL('image/png');
    var comma = url.indexOf(',');
    if (url.slice(0, comma) !== 'data:image/png;base64') return 0;
    var text = atob(url.slice(comma + 1));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
    FS.writeFile(UTF8ToString(pathPtr), bytes);
    return 1;
  },
});
