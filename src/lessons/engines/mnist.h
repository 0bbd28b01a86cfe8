// mnist.h — lesson kind "mnist": the CNNs and MLPs of the theses as an architecture table with
// parameter counts against the printed ones. The models themselves (lessons/training/) are
// offered to the window's Train tab and `neurostep train` through its Trainable capability; the
// lesson's trace holds one step per model with its layers, output shapes and parameter counts.
//
// Steps and values: model.{name}: params (trainable), non_trainable (running statistics),
// layer_params (per layer).
#pragma once

#include "lessons/framework/registry.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/trainable.h"

namespace neurostep {

class MnistLesson final : public Lesson, public Trainable {
 public:
  MnistLesson(LessonInfo info, std::vector<PrintedValue> printed, MnistModels numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}
  std::vector<Editable> editables() override { return {}; }
  Trace run() const override;
  const MnistModels* trainable_models() const override { return &n_; }
  bool one_step_per_model() const override { return true; }
  std::vector<Figure> figures(const Trace& trace, int current) const override;

 private:
  MnistModels n_;
};

Trace run_mnist(const std::string& lesson_id, const MnistModels& numbers);

std::unique_ptr<Lesson> make_mnist_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
