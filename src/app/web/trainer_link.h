// trainer_link.h — the page's side of training in a Web Worker: the app's TrainingJob (its Remote
// driver) sends its commands to the worker page_library.js starts (web/trainer_worker.js, running
// trainer_worker.cpp), and the worker's news comes back through the neurostep_trainer_* functions
// that page_library.js calls (trainer_link.cpp). The page's own thread only draws.
#pragma once

namespace neurostep {

class TrainingJob;

// From now on `job` trains in the worker (it must outlive the page).
void train_in_worker(TrainingJob& job);

}  // namespace neurostep
