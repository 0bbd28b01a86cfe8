// mnist.h — lesson kind "mnist": the CNNs and MLPs of the theses as data (architecture table,
// parameter counts against the printed ones), and the models the trainer builds from them.
// Training runs on the command line (`neurostep train`); the lesson's trace holds one step per
// model with its layers, output shapes and parameter counts.
//
// Steps and values: model.{name}: params (trainable), non_trainable (running statistics),
// layer_params (per layer).
#pragma once

#include "core/model_spec.h"
#include "core/trainer.h"
#include "lessons/registry.h"

namespace neurostep {

struct MnistModel {
  ModelSpec spec;
  TrainOptions train;      // the thesis's own optimizer, learning rate, batch size and epochs
  std::string reported;    // what the thesis reports, for the architecture note
};

struct MnistNumbers {
  std::vector<MnistModel> models;
};

// The models of a lesson file of kind "mnist" (throws LessonError).
MnistNumbers read_mnist_models(const std::filesystem::path& lesson_file);

class MnistLesson final : public Lesson {
 public:
  MnistLesson(LessonInfo info, std::vector<PrintedValue> printed, MnistNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}
  std::vector<Editable> editables() override { return {}; }
  Trace run() const override;
  const MnistNumbers& numbers() const { return n_; }

 private:
  MnistNumbers n_;
};

// A saved model and the lesson model whose architecture it has (pointing into `models`, which
// must outlive it); throws CheckpointError if no model has that architecture.
struct LoadedModel {
  const MnistModel* model;
  Sequential<float> network;
};
LoadedModel load_mnist_checkpoint(const MnistNumbers& models, const std::filesystem::path& checkpoint);

// Where a data set named on the command line or in the window lives: "sample" (the embedded
// 6,000/1,000 images in assets/), "mnist" (the full set: $XDG_DATA_HOME/neurostep/mnist, fetched
// by `neurostep data fetch mnist`, else the source tree's data/mnist, fetched by setup), "fashion"
// (Debian's dataset-fashion-mnist), or else the name itself as a folder of IDX files.
std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, const std::string& name);

// The live plots of a training run: loss and accuracy (training per report, validation per
// epoch), and the confusion matrix of the test set once it is known.
struct TrainingSnapshot;
std::vector<Figure> training_figures(const TrainingSnapshot& snapshot);
// An optimizer comparison's curves overlaid: validation accuracy per epoch and training loss of
// each optimizer (the finished runs and the one going on); nothing if there is no comparison.
std::vector<Figure> comparison_figures(const TrainingSnapshot& snapshot);
// The confusion matrix (counts) and the accuracy of each digit of an evaluation.
std::vector<Figure> evaluation_figures(const Evaluation& evaluation);

Trace run_mnist(const std::string& lesson_id, const MnistNumbers& numbers);

std::unique_ptr<Lesson> make_mnist_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
