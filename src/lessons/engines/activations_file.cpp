#include "lessons/engines/activations.h"

#include "lessons/engines/activations_figures.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

class ActivationsLesson final : public Lesson, public ClickableFigures {
 public:
  ActivationsLesson(LessonInfo info, std::vector<PrintedValue> printed, ActivationsNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e = {{"Marker", "z", &n_.z, -8, 8},
                               {"Parameters", "leaky slope b", &n_.leaky_slope, 0, 1},
                               {"Parameters", "PReLU b", &n_.prelu_b, 0, 1},
                               {"Parameters", "ELU α", &n_.elu_alpha, 0, 5}};
    for (std::size_t i = 0; i < n_.softmax_z.size(); ++i)
      e.push_back({"Softmax", "z" + subscript(static_cast<int>(i) + 1), &n_.softmax_z[i]});
    e.push_back({.group = "Softmax",
                 .label = "true class",
                 .min = 0,
                 .max = static_cast<double>(n_.softmax_z.size()) - 1,
                 .integer = &n_.target_class});
    e.push_back({.group = "Vanishing gradients", .label = "layers", .min = 1, .max = 30, .integer = &n_.depth});
    e.push_back({"Vanishing gradients", "input x", &n_.chain_input, -5, 5});
    e.push_back({"Losses", "prediction p", &n_.prediction, 0.001, 0.999});
    e.push_back({"Losses", "target y", &n_.target, 0, 1});
    e.push_back({"Bias shift", "w", &n_.bias_weight, -5, 5});
    e.push_back({"Bias shift", "x", &n_.bias_input, -8, 8});
    for (std::size_t i = 0; i < n_.biases.size(); ++i)
      e.push_back({"Bias shift", "b" + subscript(static_cast<int>(i) + 1), &n_.biases[i], -10, 10});
    e.push_back({"Logistic", "L", &n_.logistic_height, 0.1, 5});
    e.push_back({"Logistic", "k", &n_.logistic_steepness, -5, 5});
    e.push_back({"Logistic", "x₀", &n_.logistic_midpoint, -8, 8});
    return e;
  }

  Trace run() const override { return run_activations(info_.id, n_); }

  // The function plots' points carry z in tenths, offset by 60 (activations_figures.cpp).
  bool on_figure_click(int id) override {
    const double z = -6 + 0.1 * id;
    if (z == n_.z) return false;
    n_.z = z;
    return true;
  }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return activations_figures(trace.steps[static_cast<std::size_t>(current)], n_);
  }

 private:
  ActivationsNumbers n_;
};

ActivationsNumbers read_activations_numbers(LessonTable& t) {
  ActivationsNumbers n;
  n.z = t.number_or("z", 0.5, {-50, 50});
  n.leaky_slope = t.number_or("leaky_slope", 0.01, {0, 1});
  n.prelu_b = t.number_or("prelu_b", 0.25, {0, 1});
  n.elu_alpha = t.number_or("elu_alpha", 1.0, {0, 10});
  n.softmax_z = t.has("softmax_z") ? t.numbers("softmax_z", {}, {-100, 100}) : n.softmax_z;
  if (n.softmax_z.size() < 2 || n.softmax_z.size() > 10) t.fail("softmax_z", "'softmax_z' must hold 2 to 10 numbers");
  n.target_class = t.integer_or("target_class", 2, 0, static_cast<int>(n.softmax_z.size()) - 1);
  n.depth = t.integer_or("depth", 10, 1, 50);
  n.chain_input = t.number_or("chain_input", 0.5, {-50, 50});
  n.prediction = t.number_or("prediction", 0.7, {0.0001, 0.9999});
  n.target = t.number_or("target", 1.0, {0, 1});
  n.biases = t.has("biases") ? t.numbers("biases", {}, {-100, 100}) : n.biases;
  if (n.biases.empty() || n.biases.size() > 5) t.fail("biases", "'biases' must hold 1 to 5 numbers");
  n.bias_weight = t.number_or("bias_weight", 1.0, {-100, 100});
  n.bias_input = t.number_or("bias_input", 2.0, {-100, 100});
  n.logistic_height = t.number_or("logistic_height", 1.0, {0.001, 1000});
  n.logistic_steepness = t.number_or("logistic_steepness", 1.0, {-100, 100});
  n.logistic_midpoint = t.number_or("logistic_midpoint", 0.0, {-100, 100});
  t.finish();
  return n;
}

}  // namespace

static std::unique_ptr<Lesson> make_activations_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                       LessonTable& root) {
  LessonTable t = root.table("activations");
  return std::make_unique<ActivationsLesson>(std::move(info), std::move(printed), read_activations_numbers(t));
}

LessonKind activations_kind() {
  return {.name = "activations",
          .description =
              "activation and loss functions, the softmax Jacobian, vanishing gradients (Jäppinen 2024, §2.2–2.3)",
          .make = make_activations_lesson,
          .default_exercises = {default_exercise(activations_ids::function("*"), activations_ids::kF),
                                default_exercise(activations_ids::function("*"), activations_ids::kDf)}};
}

}  // namespace neurostep
