// Lesson "batch-norm": the ids it declares (batch_norm.h, batch_norm_ids) are the ones its trace has, the trace
// against PyTorch (tests/reference/lessons_reference.json, made by
// make_lesson_reference.py from the same lesson file), the written-out sums against the values they
// show, the gradient check, an edit of γ, training vs inference, and broken lesson files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "lesson_paths.h"
#include "reference_json.h"
#include "lessons/engines/batch_norm.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using nlohmann::json;
using test::flat;
using test::step;
namespace ids = batch_norm_ids;

namespace {

const json& reference() {
  return test::reference_json("lessons_reference.json", "make_lesson_reference.py")["batch_norm"];
}

// Every element of the value within 1e-9 of PyTorch's, relative (to at least 1e-6); reports the worst.
void expect_reference(const Trace& t, const std::string& step_id, const std::string& value, const json& theirs) {
  const Value* v = step(t, step_id).find(value);
  REQUIRE_MESSAGE(v, step_id << " has no value " << value);
  const std::vector<double> ref = flat(theirs);
  REQUIRE_MESSAGE(v->data.size() == ref.size(),
                  step_id << " " << value << ": " << v->data.size() << " numbers, PyTorch has " << ref.size());
  double worst = 0;
  for (std::size_t i = 0; i < ref.size(); ++i)
    worst = std::max(worst, std::abs(v->data[i] - ref[i]) / std::max(std::abs(ref[i]), 1e-6));
  CHECK_MESSAGE(worst < 1e-9, step_id << " " << value << ": largest relative difference from PyTorch " << worst);
}

using test::read;

using test::replace;

// "bn.toml:LINE:" for the line of `text` on which `needle` starts.
std::string place(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  return "bn.toml:" + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + ":";
}

const Trace& lesson_trace() {
  static const Trace t = load_lesson(test::lesson_path("batch-norm"))->run();
  return t;
}

}  // namespace

TEST_CASE("batch-norm: every step is a declared id, in order, with the declared values") {
  const Trace& t = lesson_trace();
  // lessons/batch-norm.toml: 3 channels, so 3 steps of ∂E/∂x.
  const std::vector<const char*> dx = {ids::kDX, ids::kDXChannel, ids::kDXHat, ids::kMeanDXHat, ids::kMeanDXHatXHat};
  const std::vector<std::pair<std::string, std::vector<const char*>>> expected = {
      {ids::kForwardMean, {ids::kMean, ids::kX}},
      {ids::kForwardVariance, {ids::kVariance}},
      {ids::kForwardNormalize, {ids::kXHat, ids::kXHatVariance}},
      {ids::kForwardScale, {ids::kBeta, ids::kGamma, ids::kY}},
      {ids::kBackwardBeta, {ids::kDBeta, ids::kDelta}},
      {ids::kBackwardGamma, {ids::kDGamma}},
      {ids::backward_x(1), dx},
      {ids::backward_x(2), dx},
      {ids::backward_x(3), dx},
      {ids::kGradcheck, {ids::kMaxRelativeError, ids::kNumericDBeta, ids::kNumericDGamma, ids::kNumericDX}},
      {ids::kRunning, {ids::kBiasedShare, ids::kRunningMean, ids::kRunningVar, ids::kUnbiasedVariance}},
      {ids::kInference, {ids::kXHatEval, ids::kYEval, ids::kYTrain}},
      {ids::kMoreBatches,
       {ids::kBatchesSeen, ids::kRunningMean, ids::kRunningMeanCurve, ids::kRunningVar, ids::kRunningVarCurve}},
      {ids::kInferenceAfter, {ids::kMaxDifference, ids::kShrink, ids::kYEval, ids::kYTrain}}};
  REQUIRE(t.steps.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    CHECK(t.steps[k].id == expected[k].first);
    std::vector<std::string> names;  // sorted, as the order of a step's values is not the point here
    for (const Value& v : t.steps[k].values) names.push_back(v.name);
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>(expected[k].second.begin(), expected[k].second.end()));
  }
  CHECK(ids::backward_x(2) == "backward.x.2");  // the form lessons/batch-norm.toml's patterns match
}

TEST_CASE("batch-norm: every value of the trace agrees with PyTorch's BatchNorm1d in float64") {
  const Trace& t = lesson_trace();
  const json& r = reference();
  // The reference must have been made from the lesson file's numbers as they are now.
  const json& in = r["inputs"];
  const bool same_inputs =
      step(t, ids::kForwardMean).find(ids::kX)->data == flat(in["batch"]) &&
      step(t, ids::kForwardScale).find(ids::kGamma)->data == flat(in["gamma"]) &&
      step(t, ids::kForwardScale).find(ids::kBeta)->data == flat(in["beta"]) &&
      step(t, ids::kBackwardBeta).find(ids::kDelta)->data == flat(in["upstream"]) &&
      step(t, ids::kMoreBatches).find(ids::kBatchesSeen)->scalar() == 1 + in["batches"].get<double>() &&
      step(t, ids::kRunning).equations.at(0).args.at(0) == in["momentum"].get<double>() &&
      step(t, ids::kForwardNormalize).equations.at(0).args.back() == in["epsilon"].get<double>();
  REQUIRE_MESSAGE(same_inputs,
                  "lessons/batch-norm.toml's numbers differ from those of tests/reference/lessons_reference.json: "
                  "run tests/reference/make_lesson_reference.py again");
  expect_reference(t, ids::kForwardMean, ids::kMean, r["mean"]);
  expect_reference(t, ids::kForwardVariance, ids::kVariance, r["variance"]);
  expect_reference(t, ids::kForwardNormalize, ids::kXHat, r["x_hat"]);
  expect_reference(t, ids::kForwardScale, ids::kY, r["y_train"]);
  expect_reference(t, ids::kBackwardBeta, ids::kDBeta, r["dbeta"]);
  expect_reference(t, ids::kBackwardGamma, ids::kDGamma, r["dgamma"]);
  expect_reference(t, ids::backward_x(3), ids::kDX, r["dx"]);  // the last channel's step holds them all
  expect_reference(t, ids::kRunning, ids::kRunningMean, r["running_mean"]);
  expect_reference(t, ids::kRunning, ids::kRunningVar, r["running_var"]);
  expect_reference(t, ids::kInference, ids::kYEval, r["y_eval"]);
  expect_reference(t, ids::kMoreBatches, ids::kRunningMean, r["after_batches"]["running_mean"]);
  expect_reference(t, ids::kMoreBatches, ids::kRunningVar, r["after_batches"]["running_var"]);
  expect_reference(t, ids::kInferenceAfter, ids::kYEval, r["after_batches"]["y_eval"]);
}

TEST_CASE("batch-norm: the lesson's numbers by hand") {
  const Trace& t = lesson_trace();
  // channel 1 = (1, 2, 4, 5): μ = 12/4 = 3, σ² = (4 + 1 + 1 + 4)/4 = 2.5; channel 3 = (8, 12, 10, 6): μ = 9, σ² = 20/4
  // = 5
  CHECK(step(t, ids::kForwardMean).find(ids::kMean)->data == std::vector<double>{3, 1, 9});
  CHECK(step(t, ids::kForwardVariance).find(ids::kVariance)->data[0] == doctest::Approx(2.5));
  CHECK(step(t, ids::kForwardVariance).find(ids::kVariance)->data[2] == doctest::Approx(5));
  // running σ²₁ = 0.9·1 + 0.1·(10/4)·4/3 = 0.9 + 1/3
  CHECK(step(t, ids::kRunning).find(ids::kRunningVar)->data[0] == doctest::Approx(0.9 + 1.0 / 3));
  // ∂E/∂β₁ = 0.1 + 0.4 − 0.3 + 0.2 = 0.4
  CHECK(step(t, ids::kBackwardBeta).find(ids::kDBeta)->data[0] == doctest::Approx(0.4));
}

TEST_CASE("batch-norm: one element of every written-out sum equals the value it shows") {
  const Trace& t = lesson_trace();
  auto args = [&](const std::string& id, std::size_t eq) { return step(t, id).equations.at(eq).args; };
  auto result = [&](const std::string& id, std::size_t eq) { return step(t, id).equations.at(eq).result; };
  // μ₂ = (x₁₂ + x₂₂ + x₃₂ + x₄₂)/4
  auto a = args(ids::kForwardMean, 1);
  CHECK((a[0] + a[1] + a[2] + a[3]) / 4 ==
        doctest::Approx(step(t, ids::kForwardMean).find(ids::kMean)->data[1]).epsilon(1e-14));
  // σ₃² = Σ (x − μ₃)²/4
  a = args(ids::kForwardVariance, 2);
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); i += 2) sum += (a[i] - a[i + 1]) * (a[i] - a[i + 1]);
  CHECK(sum / 4 == doctest::Approx(step(t, ids::kForwardVariance).find(ids::kVariance)->data[2]).epsilon(1e-14));
  // x̂₂₁ = (x₂₁ − μ₁)/√(σ₁² + ε): args are x₁₁…x₄₁, μ₁, σ₁², ε
  a = args(ids::kForwardNormalize, 0);
  CHECK((a[1] - a[4]) / std::sqrt(a[5] + a[6]) ==
        doctest::Approx(step(t, ids::kForwardNormalize).find(ids::kXHat)->data[3]).epsilon(1e-14));
  // y₄₂ = γ₂·x̂₄₂ + β₂: args are γ₂, x̂₁₂…x̂₄₂, β₂ = 1, …, 0; the result lists y₁₂…y₄₂
  a = args(ids::kForwardScale, 1);
  REQUIRE(a.size() == 6);
  CHECK(a[0] == 1);
  CHECK(a[5] == 0);
  CHECK(a[4] == step(t, ids::kForwardNormalize).find(ids::kXHat)->data[3 * 3 + 1]);
  CHECK(a[0] * a[4] + a[5] == doctest::Approx(result(ids::kForwardScale, 1)[3]).epsilon(1e-14));
  // β₃ = −0.5 is put in as a number, in parentheses after the "+"; a negative x̂ opens a list item
  const std::string scale3 = equation_numbers(step(t, ids::kForwardScale).equations.at(2), 4);
  CHECK(scale3.rfind("0.5·(−", 0) == 0);
  CHECK(scale3.find(") + (−0.5)") != std::string::npos);
  CHECK(scale3.find(", (−") == std::string::npos);
  CHECK(result(ids::kForwardScale, 1)[3] == step(t, ids::kForwardScale).find(ids::kY)->data[3 * 3 + 1]);
  // ∂E/∂β₃ = Σ δₙ₃, ∂E/∂γ₁ = Σ δₙ₁·x̂ₙ₁
  a = args(ids::kBackwardBeta, 2);
  CHECK(a[0] + a[1] + a[2] + a[3] == doctest::Approx(result(ids::kBackwardBeta, 2)[0]).epsilon(1e-14));
  a = args(ids::kBackwardGamma, 0);
  CHECK(a[0] * a[1] + a[2] * a[3] + a[4] * a[5] + a[6] * a[7] ==
        doctest::Approx(step(t, ids::kBackwardGamma).find(ids::kDGamma)->data[0]).epsilon(1e-14));
  // ∂E/∂x₃₂ = (γ₂δ₃₂ − mean(γδ) − x̂₃₂·mean(γδx̂))/√(σ₂² + ε), the core's value: equation 3 + n of backward.x.2
  a = args(ids::backward_x(2), 3 + 2);
  CHECK((a[0] - a[1] - a[2] * a[3]) / std::sqrt(a[4] + a[5]) ==
        doctest::Approx(step(t, ids::backward_x(2)).find(ids::kDXChannel)->data[2]).epsilon(1e-12));
  // running μ₃ = (1 − m)·running μ₃ + m·μ₃
  a = args(ids::kRunning, 2);
  CHECK((1 - a[0]) * a[1] + a[2] * a[3] ==
        doctest::Approx(step(t, ids::kRunning).find(ids::kRunningMean)->data[2]).epsilon(1e-14));
  // inference y₁₁ = γ₁·(x₁₁ − running μ₁)/√(running σ₁² + ε) + β₁
  a = args(ids::kInference, 1);
  CHECK(a[0] * (a[1] - a[2]) / std::sqrt(a[3] + a[4]) + a[5] ==
        doctest::Approx(step(t, ids::kInference).find(ids::kYEval)->data[0]).epsilon(1e-12));
  // running σ₂² after B batches = (1 − m)^B·σ₀² + (1 − (1 − m)^B)·σ₂²·N/(N − 1)
  a = args(ids::kMoreBatches, 3);  // (1 − m), B, σ₀², (1 − m), B, σ₂², N, N − 1
  const double left = std::pow(a[0], a[1]);
  CHECK(left * a[2] + (1 - left) * a[5] * a[6] / a[7] ==
        doctest::Approx(step(t, ids::kMoreBatches).find(ids::kRunningVar)->data[1]).epsilon(1e-12));
}

TEST_CASE("batch-norm: the backward pass agrees with finite differences, and ∂E/∂x sums to 0 per channel") {
  const Trace& t = lesson_trace();
  CHECK(step(t, ids::kGradcheck).find(ids::kMaxRelativeError)->scalar() < 1e-6);
  const auto& dx = step(t, ids::backward_x(3)).find(ids::kDX)->data;
  for (int c = 0; c < 3; ++c)
    CHECK(dx[c] + dx[3 + c] + dx[6 + c] + dx[9 + c] == doctest::Approx(0).epsilon(1e-12).scale(1));
  // before the last channel's step its ∂E/∂x are not shown yet
  CHECK(std::isnan(step(t, ids::backward_x(2)).find(ids::kDX)->data[2]));
}

TEST_CASE("batch-norm: editing γ changes y and ∂E/∂x, not μ, σ² or ∂E/∂β") {
  LessonSession session(load_lesson(test::lesson_path("batch-norm")));
  const Trace before = session.trace();
  int edited = 0;
  for (auto& e : session.lesson().editables())
    if (e.label == "γ₁") *e.number = 3, ++edited;
  REQUIRE(edited == 1);
  session.recompute();
  const Trace& after = session.trace();
  auto same = [&](const std::string& id, const std::string& name) {
    return step(before, id).find(name)->data == step(after, id).find(name)->data;
  };
  CHECK(same(ids::kForwardMean, ids::kMean));
  CHECK(same(ids::kForwardVariance, ids::kVariance));
  CHECK(same(ids::kForwardNormalize, ids::kXHat));
  CHECK(same(ids::kBackwardBeta, ids::kDBeta));
  CHECK_FALSE(same(ids::kForwardScale, ids::kY));
  CHECK_FALSE(same(ids::backward_x(1), ids::kDXChannel));
  CHECK(same(ids::backward_x(2), ids::kDXChannel));  // channel 2 does not see γ₁
  // y₁₁ = 3·x̂₁₁ + 1
  CHECK(step(after, ids::kForwardScale).find(ids::kY)->data[0] ==
        doctest::Approx(3 * step(after, ids::kForwardNormalize).find(ids::kXHat)->data[0] + 1));
  CHECK(step(after, ids::kGradcheck).find(ids::kMaxRelativeError)->scalar() < 1e-6);
}

TEST_CASE("batch-norm: the same input gives a different output in inference; more batches bring it closer") {
  const Trace& t = lesson_trace();
  const Step& first = step(t, ids::kInference);
  const auto &eval = first.find(ids::kYEval)->data, &train = first.find(ids::kYTrain)->data;
  double largest = 0;
  for (std::size_t i = 0; i < eval.size(); ++i) largest = std::max(largest, std::abs(eval[i] - train[i]));
  CHECK(largest > 1);  // running μ = 0.1·μ after one batch: far from the batch's
  const double later = step(t, ids::kInferenceAfter).find(ids::kMaxDifference)->scalar();
  CHECK(later < largest / 5);
  CHECK(later > 0.01);  // the unbiased running σ² keeps them apart
  CHECK(step(t, ids::kMoreBatches).find(ids::kBatchesSeen)->scalar() == 31);
  const Value* curve = step(t, ids::kMoreBatches).find(ids::kRunningMeanCurve);
  CHECK(curve->shape == Shape{32, 3});
  CHECK(curve->data[0] == 0);                         // the start
  CHECK(curve->data[3] == doctest::Approx(0.1 * 3));  // after the first batch
}

TEST_CASE("batch-norm: broken lesson files are errors with their line") {
  const std::string text = read(test::lesson_path("batch-norm"));
  auto fails = [](const std::string& broken, const std::string& where, const std::string& message) {
    CAPTURE(message);
    CHECK_THROWS_WITH_AS(parse_lesson(broken, "bn.toml"), doctest::Contains(where.c_str()), LessonError);
    CHECK_THROWS_WITH_AS(parse_lesson(broken, "bn.toml"), doctest::Contains(message.c_str()), LessonError);
  };
  std::string t = replace(text, "gamma = [2.0, 1.0, 0.5]", "gamma = [2.0, 1.0]");
  fails(t, place(t, "gamma ="), "one number per channel: 3");
  t = replace(text, "  [0.2, 0.5, -0.2],\n", "");
  fails(t, place(t, "upstream ="), "must have the batch's shape, 4 × 3, not 3 × 3");
  t = replace(text, "  [5.0, 2.5, 6.0],\n", "  [5.0, 2.5],\n");
  fails(t, place(t, "[5.0, 2.5]"), "every row of 'batch' must have 3 entries");
  t = replace(text, "epsilon = 0.001", "epsilon = 0");
  fails(t, place(t, "epsilon ="), "greater than 0");
  t = replace(text, "epsilon = 0.001", "epsilon = -0.1");
  fails(t, place(t, "epsilon ="), "greater than 0");
  t = replace(text, "momentum = 0.1", "momentum = 1.5");
  fails(t, place(t, "momentum ="), "out of range");
  t = replace(replace(text, "  [2.0, -0.5, 12.0],\n  [4.0, 1.5, 10.0],\n  [5.0, 2.5, 6.0],\n", ""),
              "  [0.4, 0.1, -0.1],\n  [-0.3, 0.2, 0.2],\n  [0.2, 0.5, -0.2],\n", "");
  fails(t, place(t, "batch ="), "a batch of 1 sample cannot be normalized");
  t = replace(text, "batches = 30", "batchez = 30");
  fails(t, place(t, "batchez"), "batchez");
}
