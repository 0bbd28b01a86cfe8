// chain_rule_file.cpp — the chain-rule lesson around its steps (chain_rule.cpp): reading the lesson file's
// [network] and [[layers]] tables into ChainRuleNumbers, the numbers a student edits, the figures of
// a step (chain_rule_figures.cpp) and a click on a weight to expand its chain.
#include <fmt/format.h>

#include <cmath>

#include "lessons/engines/activation_choice.h"
#include "lessons/engines/chain_rule.h"
#include "lessons/engines/chain_rule_figures.h"
#include "lessons/engines/chain_rule_numbers.h"
#include "lessons/framework/capabilities.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace {

namespace ids = chain_rule_ids;
using chain_rule::bias_name;
using chain_rule::weight_name;

// The losses the lesson offers (the activations are activation_choices()).
const ChoiceTable<LossKind> kLosses = {
    {LossKind::HalfSquaredError, "half_squared_error", "½ Σ (t − o)²"},
    {LossKind::SquaredError, "squared_error", "Σ (o − t)²"},
    {LossKind::SoftmaxCrossEntropy, "softmax_cross_entropy", "softmax + cross-entropy"}};

const ChoiceTable<ChainRuleNumbers::Biases> kBiasUpdates = {
    {ChainRuleNumbers::Biases::Learned, "learned", "updated with the weights"},
    {ChainRuleNumbers::Biases::Fixed, "fixed", "kept (as Mazur's example)"}};

class ChainRuleLesson final : public Lesson, public ClickableFigures {
 public:
  ChainRuleLesson(LessonInfo info, std::vector<PrintedValue> printed, ChainRuleNumbers numbers)
      : Lesson(std::move(info), std::move(printed)),
        n_(std::move(numbers)),
        layers_(static_cast<int>(n_.sizes.size()) - 1) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    e.push_back({.group = "Shape", .label = "layers", .min = 1, .max = 4, .integer = &layers_});
    for (std::size_t l = 0; l < n_.sizes.size(); ++l)
      e.push_back({.group = "Shape",
                   .label = l == 0 ? "inputs" : fmt::format("units in layer {}", l),
                   .min = 1,
                   .max = 6,
                   .integer = &n_.sizes[l]});
    e.push_back(choice_editable("Functions", "activation", n_.activation, activation_choices()));
    e.push_back(choice_editable("Functions", "loss", n_.loss, kLosses));
    for (std::size_t i = 0; i < n_.input.size(); ++i)
      e.push_back({"Example", "x" + subscript(static_cast<int>(i) + 1), &n_.input[i]});
    for (std::size_t i = 0; i < n_.target.size(); ++i)
      e.push_back({"Example", "t" + subscript(static_cast<int>(i) + 1), &n_.target[i], 0, 1});
    for (std::size_t l = 0; l + 1 < n_.sizes.size(); ++l) {
      const std::string group = fmt::format("Layer {}", l + 1);
      for (std::size_t k = 0; k < n_.weights[l].size(); ++k)
        e.push_back({group, weight_name(l, static_cast<int>(k) / n_.sizes[l], static_cast<int>(k) % n_.sizes[l]),
                     &n_.weights[l][k]});
      for (std::size_t j = 0; j < n_.biases[l].size(); ++j)
        e.push_back({group, bias_name(l, static_cast<int>(j)), &n_.biases[l][j]});
    }
    e.push_back({"Training", "η", &n_.learning_rate, 0, 50});
    e.push_back(choice_editable("Training", "biases", n_.biases_update, kBiasUpdates));
    e.push_back({.group = "Training", .label = "iterations", .min = 1, .max = 20000, .integer = &n_.iterations});
    return e;
  }

  // A changed layer count or layer size reshapes the weights before the trace is recomputed.
  void numbers_changed() override {
    n_.sizes.resize(static_cast<std::size_t>(layers_) + 1, 2);
    n_.fit_shapes();
  }

  Trace run() const override { return run_chain_rule(info_.id, n_); }

  bool on_figure_click(int id) override {
    if (id < 0 || id == n_.chosen_weight) return false;
    n_.chosen_weight = id;
    return true;
  }

  std::vector<HistoryColumn> history_columns() const { return {{"E", ids::kE}, {"E after", ids::kEAfter}}; }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return chain_rule_figures(n_, trace, current);
  }

 private:
  ChainRuleNumbers n_;
  int layers_;  // edited in the Numbers tab; applied to n_.sizes by numbers_changed()
};

}  // namespace

static std::unique_ptr<Lesson> make_chain_rule_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                      LessonTable& root) {
  ChainRuleNumbers n;
  LessonTable net = root.table("network");
  const auto sizes = net.numbers("sizes", {}, {1, 6});
  if (sizes.size() < 2 || sizes.size() > 5)
    net.fail("sizes", "'sizes' lists the units of the input and of 1 to 4 layers, each 1 to 6");
  for (double s : sizes) {
    if (s != std::floor(s)) net.fail("sizes", "'sizes' must be whole numbers");
    n.sizes.push_back(static_cast<int>(s));
  }
  n.input = net.numbers("input", static_cast<std::size_t>(n.sizes.front()), {-1e6, 1e6});
  n.target = net.numbers("target", static_cast<std::size_t>(n.sizes.back()), {-1e6, 1e6});
  n.activation = net.choice_of("activation", activation_choices(), ActivationKind::Sigmoid);
  n.loss = net.choice_of("loss", kLosses, LossKind::HalfSquaredError);
  n.learning_rate = net.number("learning_rate", {0, 1000});
  n.iterations = net.integer_or("iterations", 1000, 1, 100'000);
  n.chosen_weight = net.integer_or("chosen_weight", 1, 1, 1000) - 1;  // 1-based in the file, like `element`
  n.biases_update = net.choice_of("biases", kBiasUpdates, ChainRuleNumbers::Biases::Learned);
  net.finish();
  for (LessonTable& layer : root.tables("layers")) {
    const std::size_t l = n.weights.size();
    if (l + 1 >= n.sizes.size())
      layer.fail_here(fmt::format("there are {} [[layers]] but 'sizes' describes {}", l + 1, n.sizes.size() - 1));
    n.weights.push_back(layer.numbers("weights", static_cast<std::size_t>(n.sizes[l] * n.sizes[l + 1]), {-1e6, 1e6}));
    n.biases.push_back(layer.numbers("biases", static_cast<std::size_t>(n.sizes[l + 1]), {-1e6, 1e6}));
    layer.finish();
  }
  if (n.weights.size() != n.sizes.size() - 1)
    root.fail("layers", fmt::format("'sizes' describes {} layers but there are {} [[layers]]", n.sizes.size() - 1,
                                    n.weights.size()));
  return std::make_unique<ChainRuleLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind chain_rule_kind() {
  return {.name = "chain-rule",
          .description =
              "backpropagation through a small network, node by node (Lazović 2020, §2.11; Creus & Picón, §II.D)",
          .make = make_chain_rule_lesson,
          .default_exercises = {default_exercise(chain_rule_ids::forward(1), chain_rule_ids::a(1)),
                                default_exercise(chain_rule_ids::kError, chain_rule_ids::kE),
                                default_exercise(chain_rule_ids::backward(1), chain_rule_ids::delta(1)),
                                default_exercise(chain_rule_ids::kUpdate, chain_rule_ids::W(1))}};
}

}  // namespace neurostep
