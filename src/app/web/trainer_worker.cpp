// trainer_worker.cpp — the program of the page's training worker (trainer.js and trainer.wasm,
// which web/trainer_worker.js runs in a Web Worker): a JobHost and the functions the worker's
// script calls. No window, no ImGui: the core, the training job and the lessons' MNIST models.
// The page's side is trainer_link.cpp; the messages are lessons/training/job_messages.h.
#include <emscripten.h>

#include <cstdint>
#include <string>

#include "lessons/training/job_host.h"

namespace {
neurostep::JobHost host;
std::string text;  // what the last call returned as text, kept until the next
}  // namespace

extern "C" {

// Runs a command (its files are in place); "" or why it could not be read.
EMSCRIPTEN_KEEPALIVE const char* trainer_command(const char* message) {
  try {
    host.command(message);
    text.clear();
  } catch (const std::exception& e) {
    text = e.what();
  }
  return text.c_str();
}

// About `seconds` of the job's steps; 1 while there is more to run.
EMSCRIPTEN_KEEPALIVE int trainer_work(double seconds) { return host.work(seconds) ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE const char* trainer_snapshot() {
  text = host.snapshot();
  return text.c_str();
}

// Once the job has ended with a model: writes it to `path`, 1; otherwise 0.
EMSCRIPTEN_KEEPALIVE int trainer_take_model(const char* path) { return host.take_model(path) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int trainer_job() { return host.job(); }

// The test set the model was tested on: count, rows and cols, its pixels and its labels.
EMSCRIPTEN_KEEPALIVE int trainer_test_size(int what) {
  const neurostep::ImageSet& t = host.test_set();
  return what == 0 ? t.count : what == 1 ? t.rows : t.cols;
}
EMSCRIPTEN_KEEPALIVE const std::uint8_t* trainer_test_pixels() { return host.test_set().pixels.data(); }
EMSCRIPTEN_KEEPALIVE const std::uint8_t* trainer_test_labels() { return host.test_set().labels.data(); }
}
