// Lessons 4 and 5 — convolution and pooling: the ids convolution declares (convolution.h,
// convolution_ids) are the ones its trace has; cells worked by hand, the gradients of a filter
// against finite differences, and the pooling backward pass accumulating like the core's.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "lesson_paths.h"
#include "lessons/engines/convolution.h"
#include "lessons/engines/pooling.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;
namespace ids = convolution_ids;
namespace pids = pooling_ids;

TEST_CASE("conv: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  // lessons/conv-gradients.toml: six presets and the custom kernel; a 6×6 input and a 3×3 kernel (a 4×4
  // feature map); a two-channel 4×4 input and a 2×2 kernel (a 3×3 output).
  std::vector<std::string> expected = {ids::kFiltersDigit};
  for (const char* name : {"blur-0.5", "box-blur", "horizontal", "vertical", "sobel-x", "sharpen", ids::kCustom})
    expected.push_back(ids::filter(name));
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) expected.push_back(ids::sliding(i, j));
  expected.insert(expected.end(), {ids::kLearningForward, ids::kLearningDeltaF, ids::kLearningLocal});
  for (int p = 0; p < 3; ++p)
    for (int q = 0; q < 3; ++q) expected.push_back(ids::kernel_gradient(p, q));
  for (int r = 0; r < 6; ++r)
    for (int c = 0; c < 6; ++c) expected.push_back(ids::input_gradient(r, c));
  expected.insert(expected.end(), {ids::kLearningUpdate, ids::kLearningGradcheck});
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) expected.push_back(ids::channels(i, j));
  std::vector<std::string> got;
  for (const Step& s : t.steps) got.push_back(s.id);
  CHECK(got == expected);
  CHECK(ids::kernel_gradient(1, 0) == "C.dK.1.0");  // the form lessons/conv-gradients.toml's patterns match
  const std::vector<std::pair<std::string, std::vector<const char*>>> values = {
      {ids::kFiltersDigit, {ids::kDigit}},
      {ids::filter(ids::kCustom), {ids::kKernel, ids::kFeatureMap, ids::kOutSize, ids::kKernelSum}},
      {ids::sliding(1, 2), {ids::kWindow, ids::kZ, ids::kFeatureMap}},
      {ids::kLearningForward, {ids::kZMap, ids::kAMap, ids::kZF, ids::kAF, ids::kC}},
      {ids::kLearningDeltaF, {ids::kDeltaF}},
      {ids::kLearningLocal, {ids::kDeltaMap}},
      {ids::kernel_gradient(0, 0), {ids::kDK, ids::kDKCell, ids::kWindow, ids::kFirstCellTerm}},
      {ids::kernel_gradient(2, 1), {ids::kDK, ids::kDKCell, ids::kWindow}},
      {ids::input_gradient(3, 4), {ids::kDX, ids::kDXCell, ids::kWindow}},
      {ids::kLearningUpdate,
       {ids::kKAfter, ids::kCBefore, ids::kCAfterFilter, ids::kCAfter, ids::kDrop, ids::kFilterDrop,
        ids::kFilterShare}},
      {ids::kLearningGradcheck, {ids::kMaxRelativeErrorK, ids::kMaxRelativeErrorX}},
      {ids::channels(2, 1), {ids::kPerChannel, ids::kZ, ids::kWindow}}};
  for (const auto& [id, names] : values) {
    CAPTURE(id);
    std::vector<std::string> got_names;
    for (const Value& v : step(t, id).values) got_names.push_back(v.name);
    CHECK(got_names == std::vector<std::string>(names.begin(), names.end()));
  }
}

TEST_CASE("conv: output sizes, the brightening blur, and a sliding-window cell by hand") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  const Step& blur = step(t, ids::filter("blur-0.5"));
  CHECK(blur.find(ids::kOutSize)->data == std::vector<double>{26, 26});
  CHECK(blur.find(ids::kKernelSum)->scalar() == doctest::Approx(4.5));
  CHECK(step(t, ids::filter("box-blur")).find(ids::kKernelSum)->scalar() == doctest::Approx(1.0));
  // B: z[0,0] = Σ x·k over rows 0–2, cols 0–2 with the vertical detector (−1, 2, −1 per row):
  // row 0: −0.1 + 0.4 − 0.8 = −0.5; row 1: −0.0 + 0.6 − 0.9 = −0.3; row 2: −0.1 + 0.4 − 0.8 = −0.5 → −1.3
  CHECK(step(t, ids::sliding(0, 0)).find(ids::kZ)->scalar() == doctest::Approx(-1.3));
  // z[0,1]: cols 1–3: (−0.2 + 1.6 − 0.9) + (−0.3 + 1.8 − 1.0) + (−0.2 + 1.6 − 0.9) = 1.5
  CHECK(step(t, ids::sliding(0, 1)).find(ids::kZ)->scalar() == doctest::Approx(1.5));
  CHECK(std::isnan(step(t, ids::sliding(0, 1)).find(ids::kFeatureMap)->data[2]));  // not computed yet at that step
}

TEST_CASE("conv: the filter's gradients agree with finite differences and the update lowers C") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  CHECK(step(t, ids::kLearningGradcheck).find(ids::kMaxRelativeErrorK)->scalar() < 1e-6);
  CHECK(step(t, ids::kLearningGradcheck).find(ids::kMaxRelativeErrorX)->scalar() < 1e-6);
  const Step& update = step(t, ids::kLearningUpdate);
  CHECK(update.find(ids::kCAfter)->scalar() < update.find(ids::kCBefore)->scalar());
  // The filter's part of the step is shown on its own: it lowers C, but less than the whole step.
  CHECK(update.find(ids::kCAfterFilter)->scalar() < update.find(ids::kCBefore)->scalar());
  CHECK(update.find(ids::kCAfterFilter)->scalar() > update.find(ids::kCAfter)->scalar());
  // ∂C/∂K[1,1] written out as Σ δ·x equals the core's dW
  const Step& dk = step(t, ids::kernel_gradient(0, 0));
  double sum = 0;
  for (std::size_t i = 0; i + 1 < dk.equations[0].args.size(); i += 2)
    sum += dk.equations[0].args[i] * dk.equations[0].args[i + 1];
  CHECK(sum == doctest::Approx(dk.find(ids::kDKCell)->scalar()).epsilon(1e-12));
  const Step& dx = step(t, ids::input_gradient(2, 3));
  sum = 0;
  for (std::size_t i = 0; i + 1 < dx.equations[0].args.size(); i += 2)
    sum += dx.equations[0].args[i] * dx.equations[0].args[i + 1];
  CHECK(sum == doctest::Approx(dx.find(ids::kDXCell)->scalar()).epsilon(1e-12));
}

TEST_CASE("conv: two channels add up") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  // z[0,0] = (1·1 + 0·0 + 0·0 + 1·(−1)) + (0·0 + 1·1 + 1·(−1) + 2·0) = 0 + 0
  const Step& d = step(t, ids::channels(0, 0));
  CHECK(d.find(ids::kPerChannel)->data == std::vector<double>{0, 0});
  // z[0,1] = (0·1 + 2·0 + 1·0 + 1·(−1)) + (1·0 + 0·1 + 2·(−1) + 1·0) = −1 − 2 = −3
  CHECK(step(t, ids::channels(0, 1)).find(ids::kZ)->scalar() == doctest::Approx(-3));
}

TEST_CASE("pooling: max and average, the tie rule, and δ routed back") {
  LessonSession session(load_lesson(test::lesson_path("pooling")));
  const Trace& t = session.trace();
  // window (0,0) = {1, 3, 4, 2}: max 4 at (1, 0), average 2.5
  CHECK(step(t, pids::forward(0, 0)).find(pids::kMax)->scalar() == 4);
  CHECK(step(t, pids::forward(0, 0)).find(pids::kAvg)->scalar() == doctest::Approx(2.5));
  // window (1,1) = {5, 5, 1, 3}: a tie, the first 5 in reading order, row 3, column 3 (counted from 1)
  CHECK(step(t, pids::forward(1, 1)).find(pids::kArgmax)->data == std::vector<double>{3, 3});
  CHECK(step(t, pids::forward(1, 1)).find(pids::kWindow)->data == std::vector<double>{2, 2});
  CHECK(step(t, pids::forward(1, 1)).note.find("tie") != std::string::npos);
  const auto& dmax = step(t, pids::backward(1, 1)).find(pids::kDxMax)->data;
  CHECK(dmax[2 * 4 + 2] == doctest::Approx(0.4));
  CHECK(dmax[2 * 4 + 3] == 0);
  const auto& davg = step(t, pids::backward(1, 1)).find(pids::kDxAvg)->data;
  CHECK(davg[3 * 4 + 3] == doctest::Approx(0.1));
  CHECK(step(t, pids::kShift).find(pids::kCosinePooled)->scalar() >
        step(t, pids::kShift).find(pids::kCosineRaw)->scalar());
}

TEST_CASE("pooling with overlapping windows: shares add up to the core's backward pass") {
  LessonSession session(load_lesson(test::lesson_path("pooling")));
  auto e = session.lesson().editables();
  *e[1].integer = 1;  // stride 1 with a 2×2 window: a 3×3 output
  session.recompute();
  const Trace& t = session.trace();
  const Step& last = step(t, pids::backward(2, 2));
  // Average pooling: the centre cell (1,1) lies in 4 windows, (0,0), (0,1), (1,0), (1,1), each gives δ/4.
  double d[9];
  int k = 0;
  for (const auto& ed : session.lesson().editables())
    if (ed.group == "Upstream gradient δ") d[k++] = *ed.number;
  REQUIRE(k == 9);
  const double expected = (d[0] + d[1] + d[3] + d[4]) / 4;
  CHECK(last.find(pids::kDxAvg)->data[1 * 4 + 1] == doctest::Approx(expected));
  CHECK(step(t, pids::backward(0, 1)).note.find("add up") != std::string::npos);
}

TEST_CASE("conv: the student's own kernel is applied to the digit and can be edited") {
  LessonSession session(load_lesson(test::lesson_path("conv-gradients")));
  CHECK(step(session.trace(), ids::filter(ids::kCustom)).find(ids::kKernelSum)->scalar() == doctest::Approx(0));
  for (const auto& e : session.lesson().editables())
    if (e.group == "A. Your kernel") *e.number = 1.0 / 9;
  session.recompute();
  CHECK(step(session.trace(), ids::filter(ids::kCustom)).find(ids::kKernelSum)->scalar() == doctest::Approx(1));
}
