// The chain-rule lesson's steps on initial weights (Jäppinen 2024, §2.5; Symon, §5.3): from constant
// weights the hidden units' weights stay equal to the last bit, update after update, for every
// activation and loss the lesson offers; the constant run against plain Python
// (tests/reference/plain_reference.json); from random weights the units differ.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "lesson_paths.h"
#include "reference_json.h"
#include "lessons/engines/chain_rule_symmetry.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;
namespace ids = chain_rule_ids;

namespace {

// Every row of the first hidden layer equal to the first row, bit for bit, after every update.
bool rows_identical(const Value& W, int inputs) {
  for (int u = 0; u < W.shape[0]; ++u)
    for (int k = inputs; k < W.shape[1]; ++k)
      if (W.data[std::size_t(u * W.shape[1] + k)] != W.data[std::size_t(u * W.shape[1] + k % inputs)]) return false;
  return true;
}

}  // namespace

TEST_CASE("constant initial weights: the hidden units' weights after each update against plain Python") {
  const nlohmann::json& ref =
      test::reference_json("plain_reference.json", "make_plain_reference.py")["chain_rule_symmetry"];
  const std::string file = test::read(test::lesson_path("chain-rule"));
  REQUIRE(ref["inputs"]["sizes"] == nlohmann::json::array({2, 2, 2}));
  REQUIRE(file.find("input = [0.05, 0.10]") != std::string::npos);
  REQUIRE(file.find("learning_rate = 0.5") != std::string::npos);
  REQUIRE(ref["inputs"]["updates"] == kSymmetryUpdates);
  const Trace t = load_lesson(test::lesson_path("chain-rule"))->run();
  const Value& W = *step(t, ids::kSymmetryConstant).find(ids::kHiddenW);
  std::vector<double> theirs;
  for (const auto& row : ref["hidden_W"])
    for (double v : row) theirs.push_back(v);
  REQUIRE(W.data.size() == theirs.size());
  for (std::size_t i = 0; i < theirs.size(); ++i) CHECK(W.data[i] == doctest::Approx(theirs[i]).epsilon(1e-14));
  CHECK(W.data.back() != W.data[1]);  // the weights did move
  CHECK(rows_identical(W, 2));
  for (double s : step(t, ids::kSymmetryConstant).find(ids::kSpread)->data) CHECK(s == 0);
  CHECK(step(t, ids::kSymmetryConstant).note.find("to the last bit") != std::string::npos);
}

TEST_CASE("the symmetry never breaks, with every activation and loss on a 2-4-2 network; random weights break it") {
  auto lesson = load_lesson(test::lesson_path("chain-rule"));
  for (Editable& e : lesson->editables())
    if (e.label == "units in layer 1") *e.integer = 4;
  lesson->numbers_changed();
  for (Editable& a : lesson->editables()) {
    if (a.label != "activation" && a.label != "loss") continue;
    for (int option = 0; option < static_cast<int>(a.options.size()); ++option) {
      a.choice.set(option);
      lesson->numbers_changed();
      CAPTURE(a.options[std::size_t(option)]);
      const Trace t = lesson->run();
      const Value& W = *step(t, ids::kSymmetryConstant).find(ids::kHiddenW);
      CHECK(W.shape[1] == 4 * 2);
      CHECK(rows_identical(W, 2));
      const Value& R = *step(t, ids::kSymmetryRandom).find(ids::kHiddenW);
      CHECK_FALSE(rows_identical(R, 2));
      CHECK(step(t, ids::kSymmetryRandom).find(ids::kSpread)->data.back() > 0.01);
    }
  }
}
