// train_panel.h — the Train tab of the MNIST lesson: choose a model, the data and the training
// settings, start, pause, resume or cancel, and watch the progress bar, the live loss and accuracy
// curves, and the test set's confusion matrix. Training itself runs in a TrainingJob on another
// thread; this panel only draws its snapshot and asks for commands through UiActions.
#pragma once

#include "gui/ui_actions.h"
#include "lessons/mnist.h"
#include "lessons/training_job.h"

namespace neurostep {

struct TrainPanelState {
  int model = 0;        // index into the lesson's models
  int data = 0;         // 0 sample, 1 mnist, 2 fashion
  int epochs = 0;       // 0: the model's own
  int batch = 0;
  int optimizer = -1;   // -1: the model's own
  float learning_rate = 0;
  int seed = 1;
  bool augment = false;  // rotate training images by up to ±10° (seed 004 §6.4)
};

void draw_train_panel(const MnistNumbers& models, const TrainingSnapshot& job, TrainPanelState& settings, UiActions& actions);

}  // namespace neurostep
