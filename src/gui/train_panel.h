// train_panel.h — the Train tab of the MNIST lesson: choose a model, the data and the training
// settings, start, pause, resume or cancel, and watch the progress bar, the live loss and accuracy
// curves, and the test set's confusion matrix. Training itself runs in a TrainingJob on another
// thread; this panel only draws its snapshot and asks for commands through UiActions.
#pragma once

#include "gui/ui_actions.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/training_job.h"

namespace neurostep {

struct TrainPanelState {
  std::optional<int> model;  // index into the lesson's models; none until the panel first shows one
  DataSource data = DataSource::Sample;
  // The training settings, the chosen model's own (its thesis's) until the student changes them.
  int epochs = 1;
  int batch = 32;
  OptimizerKind optimizer = OptimizerKind::Adam;
  float learning_rate = 0.001f;
  int seed = 1;
  bool augment = false;   // rotate training images by up to ±10° (Symon, §6.4)
  int train_images = 0;   // train on only this many images (0: all but the held-out fifth)
  std::string load_path;  // a checkpoint to load; empty: the model's file in the export folder
  // What the platform offers (src/app sets these): a file picker (the browser: Load model… and
  // Load IDX files… open it instead of a typed path), and data sets on this machine's disk (the
  // full MNIST and Fashion-MNIST; not in the browser).
  bool file_picker = false;
  bool local_datasets = true;
  // The full MNIST as a download the platform fetches when it is chosen (the web page, when its
  // site has it): the data list's label for it (empty: not offered), the bytes fetched of the
  // total while it comes, whether it has arrived and passed the IDX reader's checks, or why not.
  struct Download {
    std::string label;
    double done = 0, total = 0;
    bool fetching = false, ready = false;
    std::string error;
  };
  Download download;

  // The drawing canvas (Sougrati et al., ch. 4, §3.4): what the student drew, what the model sees, what it says.
  static constexpr int kCanvas = 140;
  std::vector<float> canvas = std::vector<float>(kCanvas * kCanvas, 0.0f);
  float brush = 7;
  std::vector<float> seen;           // 28 × 28 after mnist_from_drawing
  std::vector<float> probabilities;  // by the trained model

  enum class View { Curves, TestImages, Inside, BatchNorm, Compare };
  View view = View::Curves;         // the sub-tab shown
  std::optional<View> select_view;  // a sub-tab to bring to the front once (--train-view)
  bool select_train_tab = false;    // bring the Train tab itself to the front once (--train)

  // Inside the trained network: which image, which layer's feature maps, how much noise; and what
  // the job computed for them (recomputed on TrainingActions::explore_changed, not every frame).
  int image = 0;  // test image number
  bool use_drawing = false;
  int layer = 0;
  float noise = 0.3f;
  int explored_run = 0;  // the training run `exploration` belongs to
  int listed_run = 0;    // the run whose model the model list shows
  std::optional<Exploration> exploration;
};

// Chooses model `index` and takes its thesis's epochs, batch, optimizer and learning rate.
void select_model(TrainPanelState& settings, const MnistModels& models, int index);

void draw_train_panel(const MnistModels& models, const TrainingSnapshot& job, TrainPanelState& settings,
                      UiActions& actions);

}  // namespace neurostep
