// sigmoid_neuron_file.cpp — the sigmoid-neuron lesson around its steps (sigmoid_neuron.cpp): reading
// the lesson file's [neuron] table and [[samples]] into SigmoidNeuronNumbers, the numbers a student
// edits, and the figures of a step (sigmoid_neuron_figures.cpp).
#include <fmt/format.h>

#include "lessons/engines/sigmoid_neuron.h"
#include "lessons/engines/sigmoid_neuron_figures.h"
#include "lessons/framework/history.h"

namespace neurostep {

namespace {

namespace ids = sigmoid_neuron_ids;

const ChoiceTable<LossKind> kLosses = {{LossKind::SquaredError, "squared_error", "squared error (a − y)²"},
                                       {LossKind::BinaryCrossEntropy, "binary_cross_entropy", "cross-entropy"}};

class SigmoidNeuronLesson final : public Lesson {
 public:
  SigmoidNeuronLesson(LessonInfo info, std::vector<PrintedValue> printed, SigmoidNeuronNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), numbers_(std::move(numbers)) {}

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (std::size_t i = 0; i < numbers_.weights.size(); ++i)
      e.push_back({"Weights", "w" + subscript(static_cast<int>(i) + 1), &numbers_.weights[i]});
    for (std::size_t k = 0; k < numbers_.samples.size(); ++k) {
      auto& s = numbers_.samples[k];
      const std::string group = fmt::format("Sample {}", k);
      for (std::size_t i = 0; i < s.x.size(); ++i)
        e.push_back({group, "x" + subscript(static_cast<int>(i) + 1), &s.x[i]});
      e.push_back({group, "y", &s.y, 0, 1});
    }
    e.push_back({"Training", "η", &numbers_.learning_rate, 0, 100});
    e.push_back(choice_editable("Training", "loss", numbers_.loss, kLosses));
    return e;
  }

  Trace run() const override { return run_sigmoid_neuron(info_.id, numbers_); }

  std::vector<HistoryColumn> history_columns() const {
    std::vector<HistoryColumn> c = {{"z", ids::kZ}, {"a", ids::kA}, {"C", ids::kC}, {"σ′(z)", ids::kDsigma}};
    const int n = static_cast<int>(numbers_.weights.size());
    for (int i = 1; i <= n; ++i) c.push_back({"∂C/∂w" + subscript(i), ids::kDCdw, i});
    for (int i = 1; i <= n; ++i) c.push_back({"w" + subscript(i), ids::kW, i});
    c.push_back({"C after", ids::kCAfter});
    return c;
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return sigmoid_neuron_figures(numbers_, trace, current);
  }

 private:
  SigmoidNeuronNumbers numbers_;
};

}  // namespace

static std::unique_ptr<Lesson> make_sigmoid_neuron_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                          LessonTable& root) {
  SigmoidNeuronNumbers numbers;
  LessonTable neuron = root.table("neuron");
  numbers.weights = neuron.numbers("weights", {}, {-1e6, 1e6});
  if (numbers.weights.empty() || numbers.weights.size() > 64)
    neuron.fail("weights", "'weights' must hold between 1 and 64 numbers");
  numbers.learning_rate = neuron.number("learning_rate", {0, 1e6});
  numbers.loss = neuron.choice_of("loss", kLosses, LossKind::SquaredError);
  numbers.epochs = neuron.integer_or("epochs", 1, 1, 1000);
  neuron.finish();
  for (LessonTable& s : root.tables("samples")) {
    SigmoidNeuronNumbers::Sample sample;
    sample.x = s.numbers("x", numbers.weights.size(), {-1e6, 1e6});
    sample.y = s.number("y", {0, 1});
    s.finish();
    numbers.samples.push_back(std::move(sample));
  }
  if (numbers.samples.empty() || numbers.samples.size() > 1000)
    root.fail("samples", "a sigmoid-neuron lesson needs 1 to 1,000 [[samples]] entries");
  if (static_cast<long>(numbers.epochs) * static_cast<long>(numbers.samples.size()) > 20'000)
    root.fail("samples", "epochs × samples must stay within 20,000 (7 steps each)");
  return std::make_unique<SigmoidNeuronLesson>(std::move(info), std::move(printed), std::move(numbers));
}

LessonKind sigmoid_neuron_kind() {
  return {
      .name = "sigmoid-neuron",
      .description = "one sigmoid neuron, one gradient-descent step per sample (Lazović 2020, §2.13)",
      .make = make_sigmoid_neuron_lesson,
      .default_exercises = {
          default_exercise(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kActivation), sigmoid_neuron_ids::kA),
          default_exercise(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kError), sigmoid_neuron_ids::kC),
          default_exercise(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kGradient), sigmoid_neuron_ids::kDCdw),
          default_exercise(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kUpdate), sigmoid_neuron_ids::kW)}};
}

}  // namespace neurostep
