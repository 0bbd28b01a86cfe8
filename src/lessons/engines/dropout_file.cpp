// dropout_file.cpp — the kind dropout's lesson file ([dropout], [next_layer], [[models]]) read into its numbers,
// and its Lesson: the editable numbers, the trace, the figures and the Train tab's models (Trainable).
#include "lessons/engines/dropout.h"

#include <fmt/format.h>

#include "lessons/engines/dropout_figures.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/trainable.h"

namespace neurostep {

namespace {

class DropoutLesson final : public Lesson, public Trainable {
 public:
  DropoutLesson(LessonInfo info, std::vector<PrintedValue> printed, DropoutNumbers numbers, MnistModels models)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)), models_(std::move(models)) {}

  // The models of the file's [[models]], for the Train tab's measured demonstration.
  const MnistModels* trainable_models() const override { return models_.models.empty() ? nullptr : &models_; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    e.push_back({.group = "Dropout", .label = "p", .number = &n_.p, .min = 0, .max = 0.99});
    e.push_back({.group = "Dropout", .label = "seed", .min = 0, .max = 1e9, .integer = &n_.seed});
    e.push_back({.group = "Dropout", .label = "masks K", .min = 1, .max = 10'000, .integer = &n_.masks});
    for (int i = 0; i < n_.units(); ++i)
      e.push_back({"Activations a", "a" + subscript(i + 1), &n_.a[static_cast<std::size_t>(i)]});
    for (int j = 0; j < n_.outputs(); ++j) {
      const std::string group = fmt::format("Into output {}", j + 1);
      for (int i = 0; i < n_.units(); ++i)  // w₁₂: into output 1 from unit 2
        e.push_back(
            {group, "w" + subscript(j + 1) + subscript(i + 1), &n_.W[static_cast<std::size_t>(j * n_.units() + i)]});
      e.push_back({group, "b" + subscript(j + 1), &n_.b[static_cast<std::size_t>(j)]});
      e.push_back({group, "target y" + subscript(j + 1), &n_.y[static_cast<std::size_t>(j)]});
    }
    return e;
  }

  Trace run() const override { return run_dropout(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return dropout_figures(n_, trace, current);
  }

 private:
  DropoutNumbers n_;
  MnistModels models_;
};

// [dropout]: the activations, p, the seed and K.
void read_dropout(LessonTable& root, DropoutNumbers& n) {
  LessonTable d = root.table("dropout");
  n.a = d.numbers("a", {}, {-1000, 1000});
  if (n.a.empty() || n.a.size() > 9) d.fail("a", fmt::format("'a' must hold 1 to 9 activations, not {}", n.a.size()));
  n.p = d.number("p");
  if (n.p < 0) d.fail("p", fmt::format("'p' = {}: the dropout ratio is a probability, 0 ≤ p < 1", n.p));
  if (n.p >= 1)
    d.fail("p", fmt::format(
                    "'p' = {}: the dropout ratio must be below 1 (p = 1 drops every unit and scales the kept ones by "
                    "1/(1 − p) = ∞)",
                    n.p));
  n.seed = d.integer("seed", 0, 2'147'483'647);
  n.masks = d.integer_or("masks", 1000, 1, 10'000);
  d.finish();
}

// [next_layer]: W (one row per output, one column per unit), the biases and the targets.
void read_next_layer(LessonTable& root, DropoutNumbers& n) {
  LessonTable l = root.table("next_layer");
  n.W = l.array("weights", 2, 9, {-1000, 1000});
  if (n.W.dim(0) > 3)
    l.fail("weights", fmt::format("'weights' may have 1 to 3 rows (one per output), not {}", n.W.dim(0)));
  if (n.W.dim(1) != n.units())
    l.fail("weights",
           fmt::format("'weights' needs one column per unit of 'a' ({}): each row holds the weights into one output, "
                       "this one has {}",
                       n.units(), n.W.dim(1)));
  const auto outputs = static_cast<std::size_t>(n.W.dim(0));
  n.b = l.has("biases") ? l.numbers("biases", outputs, {-1000, 1000}) : std::vector<double>(outputs, 0.0);
  n.y = l.numbers("target", outputs, {-1000, 1000});
  l.finish();
}

}  // namespace

static std::unique_ptr<Lesson> make_dropout_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                   LessonTable& root) {
  DropoutNumbers n;
  read_dropout(root, n);
  read_next_layer(root, n);
  MnistModels models = root.has("models") ? read_mnist_models(root) : MnistModels{};
  return std::make_unique<DropoutLesson>(std::move(info), std::move(printed), std::move(n), std::move(models));
}

LessonKind dropout_kind() {
  return {
      .name = "dropout",
      .description =
          "inverted dropout: the seeded mask, δ through the kept units, inference, why both scalings agree on average "
          "(Jäppinen 2024, §3.2.4)",
      .make = make_dropout_lesson,
      .default_exercises = {default_exercise(dropout_ids::kForward, dropout_ids::kATilde),
                            default_exercise(dropout_ids::kBackwardDropout, dropout_ids::kDEda)}};
}

}  // namespace neurostep
