// batch_norm_file.cpp — the kind batch-norm's lesson file ([batch_norm], [[models]]) read into its numbers,
// and its Lesson: the editable numbers, the trace, the history's columns, the figures and the Train tab's
// models (Trainable).
#include "lessons/engines/batch_norm.h"

#include <fmt/format.h>

#include "lessons/engines/batch_norm_figures.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/trainable.h"

namespace neurostep {

namespace ids = batch_norm_ids;

namespace {

class BatchNormLesson final : public Lesson, public Trainable {
 public:
  BatchNormLesson(LessonInfo info, std::vector<PrintedValue> printed, BatchNormNumbers numbers, MnistModels models)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)), models_(std::move(models)) {}

  // The models of the file's [[models]], for the Train tab's measured demonstration.
  const MnistModels* trainable_models() const override { return models_.models.empty() ? nullptr : &models_; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    const int C = n_.x.dim(1);
    for (std::size_t i = 0; i < n_.x.size(); ++i)
      e.push_back({"Batch x (row: sample, column: channel)",
                   "x" + subscript(static_cast<int>(i) / C + 1) + subscript(static_cast<int>(i) % C + 1), &n_.x[i],
                   -100, 100});
    for (std::size_t c = 0; c < n_.gamma.size(); ++c)
      e.push_back({"Scale γ and shift β", "γ" + subscript(static_cast<int>(c) + 1), &n_.gamma[c], -100, 100});
    for (std::size_t c = 0; c < n_.beta.size(); ++c)
      e.push_back({"Scale γ and shift β", "β" + subscript(static_cast<int>(c) + 1), &n_.beta[c], -100, 100});
    for (std::size_t i = 0; i < n_.upstream.size(); ++i)
      e.push_back({"Upstream gradient δ = ∂E/∂y",
                   "δ" + subscript(static_cast<int>(i) / C + 1) + subscript(static_cast<int>(i) % C + 1),
                   &n_.upstream[i], -100, 100});
    e.push_back({"Settings", "ε", &n_.epsilon, 1e-6, 1});
    e.push_back({"Settings", "momentum m", &n_.momentum, 0, 1});
    e.push_back({.group = "Settings", .label = "more batches", .min = 1, .max = 1000, .integer = &n_.batches});
    return e;
  }

  Trace run() const override { return run_batch_norm(info_.id, n_); }

  // The batch statistics and the running ones per channel: the running ones approach the batch's.
  std::vector<HistoryColumn> history_columns() const {
    std::vector<HistoryColumn> cols;
    const int C = n_.x.dim(1);
    for (int c = 1; c <= C; ++c) cols.push_back({"μ" + subscript(c), ids::kMean, c});
    for (int c = 1; c <= C; ++c) cols.push_back({"σ" + subscript(c) + "²", ids::kVariance, c});
    for (int c = 1; c <= C; ++c) cols.push_back({"running μ" + subscript(c), ids::kRunningMean, c});
    for (int c = 1; c <= C; ++c) cols.push_back({"running σ" + subscript(c) + "²", ids::kRunningVar, c});
    return cols;
  }
  HistoryShape history() const override { return {.columns = history_columns()}; }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return batch_norm_figures(n_, trace, current);
  }

 private:
  BatchNormNumbers n_;
  MnistModels models_;
};

// [batch_norm]: the batch, γ, β, δ, ε, the momentum and the further batches.
BatchNormNumbers read_batch_norm(LessonTable& root) {
  BatchNormNumbers n;
  LessonTable b = root.table("batch_norm");
  n.x = b.array("batch", 2, 8, {-100, 100});
  const int N = n.x.dim(0), C = n.x.dim(1);
  if (N < 2)
    b.fail("batch",
           "a batch of 1 sample cannot be normalized: μ is the sample itself, σ² = 0, every x̂ = 0 (and the unbiased σ² "
           "of the running statistics divides by N − 1 = 0); give at least 2 rows");
  auto per_channel = [&](std::string_view key) {
    std::vector<double> v = b.numbers(key, {}, {-100, 100});
    if (static_cast<int>(v.size()) != C)
      b.fail(key, fmt::format("'{}' needs one number per channel: {} (the batch has {} columns), not {}", key, C, C,
                              v.size()));
    return v;
  };
  n.gamma = per_channel("gamma");
  n.beta = per_channel("beta");
  n.upstream = b.array("upstream", 2, 8, {-100, 100});
  if (n.upstream.dim(0) != N || n.upstream.dim(1) != C)
    b.fail("upstream", fmt::format("'upstream' (δ = ∂E/∂y) must have the batch's shape, {} × {}, not {} × {}", N, C,
                                   n.upstream.dim(0), n.upstream.dim(1)));
  n.epsilon = b.number_or("epsilon", n.epsilon);
  if (n.epsilon <= 0 || n.epsilon > 1)
    b.fail("epsilon",
           fmt::format("'epsilon' = {} must be greater than 0 and at most 1: ε keeps √(σ² + ε) above 0 when all values "
                       "of a channel are equal, and a larger ε would swamp σ²",
                       n.epsilon));
  n.momentum = b.number_or("momentum", n.momentum, {0, 1});
  n.batches = b.integer_or("batches", n.batches, 1, 1000);
  b.finish();
  return n;
}

}  // namespace

static std::unique_ptr<Lesson> make_batch_norm_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                      LessonTable& root) {
  BatchNormNumbers n = read_batch_norm(root);
  MnistModels models = root.has("models") ? read_mnist_models(root) : MnistModels{};
  return std::make_unique<BatchNormLesson>(std::move(info), std::move(printed), std::move(n), std::move(models));
}

LessonKind batch_norm_kind() {
  return {.name = "batch-norm",
          .description =
              "batch normalization: batch μ and σ², the three terms of ∂E/∂x, running statistics, inference (Jäppinen "
              "2024, "
              "§3.2.3)",
          .make = make_batch_norm_lesson,
          .default_exercises = {default_exercise(batch_norm_ids::kForwardMean, batch_norm_ids::kMean),
                                default_exercise(batch_norm_ids::kForwardVariance, batch_norm_ids::kVariance),
                                default_exercise(batch_norm_ids::kForwardNormalize, batch_norm_ids::kXHat),
                                default_exercise(batch_norm_ids::kForwardScale, batch_norm_ids::kY)}};
}

}  // namespace neurostep
