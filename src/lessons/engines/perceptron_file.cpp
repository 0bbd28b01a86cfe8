#include "lessons/engines/perceptron.h"

#include <fmt/format.h>

#include "lessons/engines/perceptron_figures.h"

namespace neurostep {

namespace ids = perceptron_ids;

namespace {

class PerceptronLesson final : public Lesson {
 public:
  PerceptronLesson(LessonInfo info, std::vector<PrintedValue> printed, PerceptronNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), numbers_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (std::size_t i = 0; i < numbers_.weights.size(); ++i)
      e.push_back({"Start weights", "w" + subscript(static_cast<int>(i)), &numbers_.weights[i], -5, 5});
    e.push_back({"Training", "η", &numbers_.learning_rate, 0.001, 5});
    if (numbers_.network) {
      e.push_back({"Network", "η (network)", &numbers_.network->learning_rate, 0.0001, 5});
      e.push_back({.group = "Network", .label = "seed", .min = 0, .max = 1000, .integer = &numbers_.network->seed});
      e.push_back(
          {.group = "Network", .label = "epochs", .min = 1, .max = 20000, .integer = &numbers_.network->epochs});
    }
    return e;
  }

  Trace run() const override { return run_perceptron(info_.id, numbers_); }

  std::vector<HistoryColumn> history_columns() const {
    return {{"z", ids::kZ},     {"ŷ", ids::kYHat},        {"w₀", ids::kW, 1},  {"w₁", ids::kW, 2},
            {"w₂", ids::kW, 3}, {"errors", ids::kErrors}, {"loss", ids::kLoss}};
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return perceptron_figures(trace, current, numbers_);
  }

 private:
  PerceptronNumbers numbers_;
};

// [perceptron]: the start weights (w₀ first), η and the epoch limit.
void read_training(LessonTable& p, PerceptronNumbers& n) {
  n.weights = p.numbers("weights", {}, {-1000, 1000});
  if (n.weights.size() < 2 || n.weights.size() > 9)
    p.fail("weights", "'weights' must hold w₀ (the bias) and 1 to 8 input weights");
  n.learning_rate = p.number("learning_rate", {1e-6, 1000});
  n.max_epochs = p.integer_or("max_epochs", 50, 1, 10'000);
  p.finish();
}

// [[samples]], one input per weight after w₀.
void read_samples(LessonTable& root, PerceptronNumbers& n) {
  for (LessonTable& s : root.tables("samples")) {
    n.samples.push_back({s.numbers("x", n.weights.size() - 1, {-1000, 1000}), s.integer("y", 0, 1)});
    s.finish();
  }
  if (n.samples.empty() || n.samples.size() > 1000)
    root.fail("samples", "a perceptron lesson needs 1 to 1,000 [[samples]] entries");
}

// [[hand_worked]]: the thesis's updates by hand, if any.
void read_hand_worked(LessonTable& root, PerceptronNumbers& n) {
  if (!root.has("hand_worked")) return;
  for (LessonTable& u : root.tables("hand_worked")) {
    n.hand_updates.push_back({u.numbers("x", n.weights.size() - 1, {-1000, 1000}), u.integer("d", -1, 1)});
    u.finish();
  }
}

// [gates]: XOR from gates, on samples of two inputs, each 0 or 1.
void read_gates(LessonTable& root, PerceptronNumbers& n) {
  if (!root.has("gates")) return;
  LessonTable g = root.table("gates");
  n.gate_epochs = g.integer_or("max_epochs", 50, 1, 10'000);
  g.finish();
  for (const auto& s : n.samples)
    if (s.x.size() != 2 || (s.x[0] != 0 && s.x[0] != 1) || (s.x[1] != 0 && s.x[1] != 1))
      root.fail("gates", "XOR from gates needs samples with two inputs, each 0 or 1");
}

// [network]: the 2-H-1 network, on samples of two inputs.
void read_network(LessonTable& root, PerceptronNumbers& n) {
  if (!root.has("network")) return;
  LessonTable t = root.table("network");
  PerceptronNumbers::Network net;
  net.hidden = t.integer_or("hidden", 2, 1, 16);
  net.learning_rate = t.number("learning_rate", {1e-6, 100});
  net.optimizer = *parse_optimizer(t.choice("optimizer", {"sgd", "adagrad", "rmsprop", "adam"}, "adam"));
  net.epochs = t.integer_or("epochs", 2000, 1, 100'000);
  net.record_every = t.integer_or("record_every", 100, 1, 100'000);
  net.seed = t.integer_or("seed", 1, 0, 1'000'000'000);
  if (net.epochs / net.record_every > 1000)
    t.fail("record_every", "the network would record more than 1,000 steps: raise record_every");
  t.finish();
  if (n.weights.size() != 3) root.fail("network", "the network part needs samples with two inputs");
  n.network = net;
}

}  // namespace

static std::unique_ptr<Lesson> make_perceptron_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                      LessonTable& root) {
  PerceptronNumbers n;
  LessonTable p = root.table("perceptron");
  read_training(p, n);
  read_samples(root, n);
  if (static_cast<long>(n.max_epochs) * static_cast<long>(n.samples.size()) > 200'000)
    p.fail("max_epochs",
           fmt::format("{} epochs of {} samples would be {} steps; the limit is 200,000", n.max_epochs,
                       n.samples.size(), static_cast<long>(n.max_epochs) * static_cast<long>(n.samples.size())));
  read_hand_worked(root, n);
  read_gates(root, n);
  read_network(root, n);
  return std::make_unique<PerceptronLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind perceptron_kind() {
  return {
      .name = "perceptron",
      .description =
          "Rosenblatt's perceptron on a logic gate, epoch by epoch (Sougrati et al., ch. 2, §2), optionally XOR from "
          "gates and a 2-2-1 network",
      .make = make_perceptron_lesson,
      .default_exercises = {default_exercise(perceptron_ids::epoch_samples(1), perceptron_ids::kZ),
                            default_exercise(perceptron_ids::epoch_samples(1), perceptron_ids::kW)}};
}

}  // namespace neurostep
