// trainer_worker.js — the page's training worker (a Web Worker): runs trainer.js/trainer.wasm
// (src/app/web/trainer_worker.cpp, a JobHost) on the commands the page posts — {command, files,
// cwd}, the files written to their paths here first (relative ones in the page's working folder
// cwd) — in chunks of about 80 ms, and after each chunk posts what happened: {type: 'model', …}
// once a job has ended with a model (the checkpoint and the test set, transferred), then
// {type: 'snapshot', json}. A command that does not read posts
// {type: 'error', message}. Between chunks the worker yields, so that pause and cancel arrive.
'use strict';
var kChunkSeconds = 0.08;
var ready = false, waiting = [], scheduled = false;
var tick = new MessageChannel();  // a task of its own with no delay (nested setTimeouts wait ≥ 4 ms)
tick.port1.onmessage = chunk;

var Module = {
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  onRuntimeInitialized: function () {
    ready = true;
    waiting.forEach(handle);
    waiting = [];
  },
};
importScripts('trainer.js');

onmessage = function (e) {
  if (ready) handle(e.data);
  else waiting.push(e.data);
};

function handle(message) {
  try {
    take(message);
  } catch (e) {  // the files could not be written: the page hears why, and the worker goes on
    postMessage({type: 'error', message: 'the training worker could not take the command (' + (e.message || e) +
                 (e.errno !== undefined ? ', error ' + e.errno : '') + ')'});
  }
}

function take(message) {
  if (message.cwd) {  // the page's working folder, where relative paths lead (a chosen checkpoint)
    FS.mkdirTree(message.cwd);
    FS.chdir(message.cwd);
  }
  (message.files || []).forEach(function (f) {
    var folder = f.path.lastIndexOf('/');
    if (folder > 0) FS.mkdirTree(f.path.slice(0, folder));
    FS.writeFile(f.path, new Uint8Array(f.bytes));
  });
  var error = Module.ccall('trainer_command', 'string', ['string'], [String(message.command)]);
  if (error) postMessage({type: 'error', message: 'the training worker could not read the command: ' + error});
  report();
  schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  tick.port2.postMessage(null);
}

function chunk() {
  scheduled = false;
  var more = Module._trainer_work(kChunkSeconds);
  report();
  if (more) schedule();
}

function report() {
  var path = '/tmp/trained.ckpt';
  if (Module.ccall('trainer_take_model', 'number', ['string'], [path])) {
    var count = Module._trainer_test_size(0), rows = Module._trainer_test_size(1), cols = Module._trainer_test_size(2);
    var pixels = HEAPU8.slice(Module._trainer_test_pixels(), Module._trainer_test_pixels() + count * rows * cols);
    var labels = HEAPU8.slice(Module._trainer_test_labels(), Module._trainer_test_labels() + count);
    var checkpoint = FS.readFile(path);
    postMessage({type: 'model', job: Module._trainer_job(), checkpoint: checkpoint.buffer, pixels: pixels.buffer, labels: labels.buffer,
                 count: count, rows: rows, cols: cols}, [checkpoint.buffer, pixels.buffer, labels.buffer]);
  }
  postMessage({type: 'snapshot', json: Module.UTF8ToString(Module._trainer_snapshot())});
}
