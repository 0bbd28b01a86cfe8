// Sentences of the lessons that were not true (issue #28), each checked against what the engine
// computes: the cnn-walk class under a variant, the gradient check at a kink, the pooling note for
// any window size, the playground's leaky-ReLU slope and regression note, batch normalization with
// a large ε, a small share as a percentage, Lazović's one-cell filter gradient, and the MNIST
// models' notes (Symon's choices, Lazović's unreproduced 97.6 %, the documents' slips about MNIST).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "figure/number_text.h"
#include "lesson_paths.h"
#include "lessons/engines/batch_norm.h"
#include "lessons/engines/convolution.h"
#include "lessons/engines/cnn_walk.h"
#include "lessons/engines/mnist.h"
#include "lessons/engines/perceptron.h"
#include "lessons/engines/playground.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/variant.h"

using namespace neurostep;
using test::step;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The lesson file `id` with `from` replaced by `to` (which must be in it), loaded from its own place.
std::unique_ptr<Lesson> edited(const std::string& id, const std::vector<std::pair<std::string, std::string>>& changes) {
  std::string text = test::read(test::lesson_path(id));
  for (const auto& [from, to] : changes) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
  }
  return parse_lesson(text, test::lesson_path(id));
}

Editable& editable(std::vector<Editable>& all, const std::string& label) {
  for (Editable& e : all)
    if (e.label == label) return e;
  FAIL("no editable " << label);
  throw;
}

}  // namespace

TEST_CASE("cnn-walk: under a variant the written-out class is the variant digit's label") {
  auto lesson = load_lesson(test::lesson_path("cnn-walk"));
  int other_digits = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const Trace t = apply_variant(*lesson, seed).trace;
    const int label = static_cast<int>(step(t, cnn_walk_ids::kSetup).find(cnn_walk_ids::kLabel)->scalar());
    const auto& db = step(t, cnn_walk_ids::kBackwardDense).find(cnn_walk_ids::kDb)->data;
    CAPTURE(seed);
    CHECK(step(t, cnn_walk_ids::kForwardDense).find(cnn_walk_ids::kZClass)->scalar() ==
          step(t, cnn_walk_ids::kForwardDense).find(cnn_walk_ids::kLogits)->data.at(static_cast<std::size_t>(label)));
    CHECK(step(t, cnn_walk_ids::kBackwardDense).find(cnn_walk_ids::kDbClass)->scalar() ==
          db.at(static_cast<std::size_t>(label)));
    CHECK(step(t, cnn_walk_ids::kBackwardDense).find(cnn_walk_ids::kDbClass)->scalar() <
          0);  // the true class's δ = ŷ − 1
    other_digits += label != 7;
  }
  CHECK(other_digits > 0);
  // A class the student picked stays when the digit changes.
  auto picked = load_lesson(test::lesson_path("cnn-walk"));
  auto e = picked->editables();
  *editable(e, "class").integer = 3;
  *editable(e, "image of the sample").integer = 1;  // a 2
  picked->numbers_changed();
  CHECK(has(step(picked->run(), cnn_walk_ids::kForwardDense).equations.at(0).symbols, "z[3]"));
}

TEST_CASE("cnn-walk: the gradient check names the tied pooling windows that make it meaningless") {
  for (const char* pool : {"pool = 2", "pool = 3"}) {
    auto lesson = edited("cnn-walk",
                         {{"pool = 2 ", std::string(pool) + " "}, {"pool_cell = [1, 10, 6]", "pool_cell = [1, 5, 4]"}});
    const Trace t = lesson->run();
    const Step& check = step(t, cnn_walk_ids::kGradcheck);
    CAPTURE(pool);
    CAPTURE(check.note);
    if (check.find(cnn_walk_ids::kMaxRelativeErrorConv)->scalar() > 1e-4) {
      CHECK(has(check.note, "meaningless"));
      CHECK(has(check.note, "P["));
    } else {
      CHECK(has(check.note, "there is none here"));
    }
  }
  // 3×3 pooling of the lesson's digit ties maxima (the case the issue measured: a difference of 0.94).
  const Trace t3 =
      edited("cnn-walk", {{"pool = 2 ", "pool = 3 "}, {"pool_cell = [1, 10, 6]", "pool_cell = [1, 5, 4]"}})->run();
  CHECK(has(step(t3, cnn_walk_ids::kGradcheck).note, "pooling window"));
  CHECK(step(t3, cnn_walk_ids::kGradcheck).title == "Finite differences against the backward pass, at a kink");
}

TEST_CASE("cnn-walk: the pooling backward note counts the window's own cells") {
  const Trace t2 = load_lesson(test::lesson_path("cnn-walk"))->run();
  CHECK(has(step(t2, cnn_walk_ids::kBackwardPool).note, "2×2 = 4 values are all 0"));
  const Trace t3 =
      edited("cnn-walk", {{"pool = 2 ", "pool = 3 "}, {"pool_cell = [1, 10, 6]", "pool_cell = [1, 5, 4]"}})->run();
  CHECK(has(step(t3, cnn_walk_ids::kBackwardPool).note, "3×3 = 9 values are all 0"));
  const Trace t1 = edited("cnn-walk", {{"pool = 2 ", "pool = 1 "}})->run();
  CHECK(has(step(t1, cnn_walk_ids::kBackwardPool).note, "every cell is its own window"));
  CHECK_FALSE(has(step(t1, cnn_walk_ids::kBackwardPool).note, "four"));
}

TEST_CASE("playground: leaky ReLU's δ lines use its slope 0.01; a regression network has no softmax") {
  auto lesson = edited("playground-xor", {{"activation = \"tanh\"", "activation = \"leaky_relu\""},
                                          {"set = \"xor\"", "set = \"surface\""}});
  const Trace t = lesson->run();
  CHECK_FALSE(has(step(t, playground_ids::kNetwork).note, "softmax"));
  const Step& back = step(t, playground_ids::backward(1));
  const auto& z = step(t, playground_ids::forward(1)).find(playground_ids::kZ)->data;
  int negative = 0;
  for (std::size_t j = 0; j < back.equations.size(); ++j) {
    const double slope = back.equations[j].args.at(0);
    CHECK(slope == (z.at(j) > 0 ? 1.0 : 0.01));
    negative += z.at(j) <= 0;
  }
  CHECK(negative > 0);
}

TEST_CASE("batch-norm: with a large ε a nearly constant channel's x̂ has a variance near 0, and the note says so") {
  auto lesson = load_lesson(test::lesson_path("batch-norm"));
  auto e = lesson->editables();
  *editable(e, "ε").number = 1;
  lesson->numbers_changed();
  const Trace t = lesson->run();
  const Step& s = step(t, batch_norm_ids::kForwardNormalize);
  const auto& spread = s.find(batch_norm_ids::kXHatVariance)->data;
  const auto& var = step(t, batch_norm_ids::kForwardVariance).find(batch_norm_ids::kVariance)->data;
  for (std::size_t c = 0; c < spread.size(); ++c) CHECK(spread[c] == doctest::Approx(var[c] / (var[c] + 1)));
  CHECK(*std::min_element(spread.begin(), spread.end()) < 0.6);
  CHECK(has(s.note, "not 1 where σ² is not large against ε"));
  CHECK_FALSE(has(s.note, "just under 1"));
  CHECK(has(step(load_lesson(test::lesson_path("batch-norm"))->run(), batch_norm_ids::kForwardNormalize).note,
            "just under 1"));
}

TEST_CASE("a small share is written as a small percentage, not 0 %") {
  CHECK(format_percent(0.0006 / 0.1141) == "0.53 %");
  CHECK(format_percent(0.053) == "5.3 %");
  CHECK(format_percent(0.25) == "25 %");
  CHECK(format_percent(0) == "0 %");
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  const Step& s = step(t, convolution_ids::kLearningUpdate);
  CHECK(has(s.note, format_percent(s.find(convolution_ids::kFilterShare)->scalar()) + " of the fall"));
  CHECK(s.find(convolution_ids::kFilterShare)->scalar() ==
        doctest::Approx(s.find(convolution_ids::kFilterDrop)->scalar() / s.find(convolution_ids::kDrop)->scalar()));
}

TEST_CASE("conv-gradients: Lazović's ∂L/∂w₁₁ takes one feature-map cell; the gradient adds them all") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  const Step& s = step(t, convolution_ids::kernel_gradient(0, 0));
  CHECK(has(s.note, "one feature-map cell"));
  const Equation& sum = s.equations.at(0);
  CHECK(s.find(convolution_ids::kFirstCellTerm)->scalar() == sum.args.at(0) * sum.args.at(1));
  CHECK(s.find(convolution_ids::kFirstCellTerm)->scalar() !=
        doctest::Approx(s.find(convolution_ids::kDKCell)->scalar()));
}

TEST_CASE("perceptron-or: the epochs are computed, 12 on paper and 15 in double, not 'a few'") {
  const Trace t = load_lesson(test::lesson_path("perceptron-or"))->run();
  const Step& end = step(t, perceptron_ids::epoch_end(12));
  CHECK(end.find(perceptron_ids::kErrors)->scalar() == 0);
  CHECK(end.find(perceptron_ids::kEpochFloatRun)->scalar() == 15);
  CHECK(has(end.note, "converges in epoch 15"));
  CHECK_FALSE(has(test::read(test::lesson_path("perceptron-or")), "few epochs"));
  CHECK(has(test::read(std::string(NEUROSTEP_SOURCE_DIR) + "/README.md"), "(epoch 12 on paper, 15 in double)"));
}

TEST_CASE(
    "mnist-cnn: Symon's sizes are choices, Lazović's 97.6 % is explained, the documents' MNIST slips are flagged") {
  auto lesson = load_lesson(test::lesson_path("mnist-cnn"));
  const Trace t = lesson->run();
  const std::string symon = step(t, mnist_ids::model("symon")).note,
                    lazovic = step(t, mnist_ids::model("lazovic2020")).note;
  CHECK_FALSE(has(symon, "trained as the thesis does"));
  CHECK(has(symon, "are choices"));
  CHECK(has(lazovic, "97.6% of cases”"));
  CHECK(has(lazovic, "Neither is reproduced"));
  const std::string summary = lesson->info().summary;
  CHECK(has(summary, "\"contains 65,000 copies of digits\": there are 70,000"));
  CHECK(has(summary, "value ranging from 0 to 783\": 0 to 783 numbers the 784 pixels"));
  CHECK(has(summary, "the two contradict each other"));
}

TEST_CASE("perceptron-xor: as its summary says, most seeds get stuck at a loss ≈ 0.35 or 0.48 and seed 7 solves it") {
  auto lesson = load_lesson(test::lesson_path("perceptron-xor"));
  int stuck = 0, seeds = 0;
  for (int seed = 1; seed <= 10; ++seed) {
    auto e = lesson->editables();
    *editable(e, "seed").integer = seed;
    lesson->numbers_changed();
    const Trace t = lesson->run();
    const Step& last = t.steps.back();
    REQUIRE_MESSAGE(last.find(perceptron_ids::kLoss), last.id);
    const double loss = last.find(perceptron_ids::kLoss)->scalar();
    const auto& out = last.find(perceptron_ids::kOutputs)->data;  // samples (0,0), (1,1), (0,1), (1,0)
    const int right = (out[0] < 0.5) + (out[1] < 0.5) + (out[2] > 0.5) + (out[3] > 0.5);
    MESSAGE("seed " << seed << ": loss " << loss << ", " << right << " of 4 right");
    if (seed == 7) CHECK(right == 4);
    if (right < 4) {
      ++stuck;
      CHECK((std::round(100 * loss) == 35 || std::round(100 * loss) == 48));
      CHECK((right == 2 || right == 3));
    }
    ++seeds;
  }
  CHECK(2 * stuck > seeds);  // "most random starts"
  CHECK(has(test::read(test::lesson_path("perceptron-xor")),
            "(loss ≈ 0.35 or 0.48, two or three points right). Seed 7 solves it."));
}
