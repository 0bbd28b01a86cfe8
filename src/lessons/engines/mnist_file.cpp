// mnist_file.cpp — the mnist lesson around its steps (mnist.cpp): the models it offers the Train
// tab and `neurostep train`, and make_mnist_lesson.
#include "lessons/engines/mnist.h"
#include "lessons/engines/mnist_figures.h"
#include "lessons/training/trainable.h"

namespace neurostep {

namespace {

class MnistLesson final : public Lesson, public Trainable {
 public:
  MnistLesson(LessonInfo info, std::vector<PrintedValue> printed, MnistModels numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}
  std::vector<Editable> editables() override { return {}; }
  Trace run() const override { return run_mnist(info_.id, n_); }
  const MnistModels* trainable_models() const override { return &n_; }
  bool one_step_per_model() const override { return true; }
  std::vector<Figure> figures(const Trace& trace, int current) const override { return mnist_figures(trace, current); }

 private:
  MnistModels n_;
};

}  // namespace

static std::unique_ptr<Lesson> make_mnist_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                 LessonTable& root) {
  return std::make_unique<MnistLesson>(std::move(info), std::move(printed), read_mnist_models(root));
}

LessonKind mnist_kind() {
  return {
      .name = "mnist",
      .description =
          "the theses' MNIST models as data: architecture tables and parameter counts; trained by `neurostep train`",
      .make = make_mnist_lesson,
      .default_exercises = {default_exercise(mnist_ids::model(mnist_ids::kAnyModel), mnist_ids::kParams)}};
}

}  // namespace neurostep
