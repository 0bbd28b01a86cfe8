// gradient_descent_file.cpp — the gradient-descent lesson around its steps (gradient_descent.cpp):
// reading the lesson file's [curves], [optimizers] and [regression] tables into
// GradientDescentNumbers, the numbers a student edits, and the figures of a step
// (gradient_descent_figures.cpp).
#include "lessons/engines/gradient_descent.h"
#include "lessons/engines/gradient_descent_figures.h"

namespace neurostep {

namespace {

const ChoiceTable<GradientDescentNumbers::Regression> kRegressionModes = {
    {GradientDescentNumbers::Regression::PerSample, "sample", "one sample at a time"},
    {GradientDescentNumbers::Regression::BatchAverage, "batch", "the batch average"}};

class GradientDescentLesson final : public Lesson {
 public:
  GradientDescentLesson(LessonInfo info, std::vector<PrintedValue> printed, GradientDescentNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    return {{"1-D runs", "start on E₁", &n_.start_one, -4, 4},
            {"1-D runs", "η small", &n_.eta_small, 0.001, 2},
            {"1-D runs", "η good", &n_.eta_good, 0.001, 2},
            {"1-D runs", "η large", &n_.eta_large, 0.001, 2},
            {"1-D runs", "start on E₂", &n_.start_two, -3, 3},
            {"1-D runs", "η on E₂", &n_.eta_two, 0.001, 2},
            {"1-D runs", "η₀ declining", &n_.eta_declining, 0.001, 2},
            {"1-D runs", "decay", &n_.decay, 0, 5},
            {"Optimizers", "start x", &n_.start_2d[0], -5, 5},
            {"Optimizers", "start y", &n_.start_2d[1], -3, 3},
            {"Optimizers", "η SGD", &n_.eta_sgd, 0.001, 1},
            {"Optimizers", "η AdaGrad", &n_.eta_adagrad, 0.001, 5},
            {"Optimizers", "η RMSProp", &n_.eta_rmsprop, 0.001, 5},
            {"Optimizers", "η Adam", &n_.eta_adam, 0.001, 5},
            {"Regression", "η", &n_.eta_regression, 0.001, 1},
            choice_editable("Regression", "steps show", n_.batch, kRegressionModes)};
  }

  Trace run() const override { return run_gradient_descent(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return gradient_descent_figures(n_, trace, current);
  }

 private:
  GradientDescentNumbers n_;
};

}  // namespace

static std::unique_ptr<Lesson> make_gradient_descent_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                            LessonTable& root) {
  GradientDescentNumbers n;
  LessonTable c = root.table("curves");
  n.start_one = c.number_or("start_one", n.start_one, {-10, 10});
  n.eta_small = c.number_or("eta_small", n.eta_small, {0, 10});
  n.eta_good = c.number_or("eta_good", n.eta_good, {0, 10});
  n.eta_large = c.number_or("eta_large", n.eta_large, {0, 10});
  n.start_two = c.number_or("start_two", n.start_two, {-10, 10});
  n.eta_two = c.number_or("eta_two", n.eta_two, {0, 10});
  n.eta_declining = c.number_or("eta_declining", n.eta_declining, {0, 10});
  n.decay = c.number_or("decay", n.decay, {0, 100});
  n.steps = c.integer_or("steps", n.steps, 1, 1000);
  c.finish();
  LessonTable o = root.table("optimizers");
  n.start_2d = o.has("start") ? o.numbers("start", 2, {-10, 10}) : n.start_2d;
  n.eta_sgd = o.number_or("eta_sgd", n.eta_sgd, {0, 10});
  n.eta_adagrad = o.number_or("eta_adagrad", n.eta_adagrad, {0, 10});
  n.eta_rmsprop = o.number_or("eta_rmsprop", n.eta_rmsprop, {0, 10});
  n.eta_adam = o.number_or("eta_adam", n.eta_adam, {0, 10});
  n.steps_2d = o.integer_or("steps", n.steps_2d, 1, 1000);
  o.finish();
  LessonTable r = root.table("regression");
  n.data_x = r.numbers("x", {}, {-1000, 1000});
  n.data_y = r.numbers("y", n.data_x.size(), {-1000, 1000});
  if (n.data_x.size() < 2 || n.data_x.size() > 100) r.fail("x", "the regression needs 2 to 100 points");
  n.eta_regression = r.number_or("learning_rate", n.eta_regression, {0, 10});
  n.epochs = r.integer_or("epochs", n.epochs, 1, 500);  // each step keeps the curve so far
  n.batch = r.choice_of("show", kRegressionModes, GradientDescentNumbers::Regression::PerSample);
  r.finish();
  return std::make_unique<GradientDescentLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind gradient_descent_kind() {
  return {.name = "gradient-descent",
          .description =
              "gradient descent, the learning rate and the optimizers (Lazović 2020, §2.4, §2.12; Jäppinen 2024, §2.6)",
          .make = make_gradient_descent_lesson,
          .default_exercises = {
              default_exercise(gradient_descent_ids::run(gradient_descent_ids::kGood, 1), gradient_descent_ids::kDE),
              default_exercise(gradient_descent_ids::run(gradient_descent_ids::kGood, 1), gradient_descent_ids::kW)}};
}

}  // namespace neurostep
