// The playground's "constant" and "zeros" initial weights (Jäppinen 2024, §2.5; Symon, §5.3): the
// hidden units of a layer start alike and stay alike, to the last bit, however long they train;
// random weights make them differ.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/init.h"
#include "lesson_paths.h"
#include "lessons/framework/lesson.h"
#include "lessons/playground/playground.h"
#include "lessons/playground/playground_choices.h"
#include "lessons/playground/playground_host.h"

using namespace neurostep;
using K = PlaygroundCommand::Kind;

namespace {

// Whether every unit of dense layer `l` has the same incoming weights and bias as unit 1, bit for bit.
bool units_identical(const PlaygroundNet& net, int l) {
  const Tensor<double>& W = net.W(l);
  const int in = net.inputs(l);
  for (int j = 1; j < net.units(l); ++j) {
    if (net.b(l)[std::size_t(j)] != net.b(l)[0]) return false;
    for (int i = 0; i < in; ++i)
      if (W[std::size_t(j * in + i)] != W[std::size_t(i)]) return false;
  }
  return true;
}

// The playground-xor lesson with two hidden layers and these initial weights, after `epochs` epochs.
std::unique_ptr<Lesson> trained(const std::string& init, int epochs) {
  std::string text = test::replace(test::read(test::lesson_path("playground-xor")), "init = \"glorot_uniform\"",
                                   "init = \"" + init + "\"");
  text = test::replace(text, "[[network.hidden]]\nunits = 4\nactivation = \"tanh\"",
                       "[[network.hidden]]\nunits = 4\nactivation = \"tanh\"\n\n[[network.hidden]]\nunits = "
                       "3\nactivation = \"sigmoid\"");
  auto lesson = parse_lesson(text, "constant.toml");
  for (int e = 0; e < epochs; ++e) REQUIRE(playground_of(*lesson)->apply({.kind = K::StepEpoch}).empty());
  return lesson;
}

}  // namespace

TEST_CASE("the core's constant initializer: every weight 1/√fan-in, biases 0, by name") {
  CHECK(parse_init("constant") == InitKind::Constant);
  CHECK(init_name(InitKind::Constant) == "constant");
  CHECK(parse_init("zeros") == InitKind::Zeros);
  Tensor<double> w({3, 4});
  std::mt19937_64 rng(1);
  initialize(w, InitKind::Constant, 4, 3, rng);
  for (double v : w.values()) CHECK(v == 0.5);  // 1/√4, exactly
  const std::vector<std::string> keys = choice_keys(kPlaygroundInits);
  CHECK(std::find(keys.begin(), keys.end(), "constant") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "zeros") != keys.end());
}

TEST_CASE("from constant weights the hidden units stay identical to the last bit; from random ones they differ") {
  auto constant = trained("constant", 3);
  const PlaygroundNet& net = playground_of(*constant)->training().net();
  REQUIRE(playground_of(*constant)->training().updates() == 42);  // 140 training points in batches of 10, 3 epochs
  CHECK(net.W(0)[0] != doctest::Approx(1 / std::sqrt(2.0)));      // they did learn…
  CHECK(units_identical(net, 0));                                 // …all alike
  CHECK(units_identical(net, 1));
  auto random = trained("glorot_uniform", 3);
  CHECK_FALSE(units_identical(playground_of(*random)->training().net(), 0));
  CHECK_FALSE(units_identical(playground_of(*random)->training().net(), 1));
}

TEST_CASE("from zeros a tanh layer never moves: its output is 0, so no gradient reaches it") {
  auto zeros = trained("zeros", 2);
  const PlaygroundNet& net = playground_of(*zeros)->training().net();
  for (double v : net.W(0).values()) CHECK(v == 0);
  CHECK(units_identical(net, 1));
}
