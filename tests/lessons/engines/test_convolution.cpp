// Lessons 4 and 5 — convolution and pooling: cells worked by hand, the gradients of a filter
// against finite differences, and the pooling backward pass accumulating like the core's.
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"
#include "lessons/engines/convolution.h"
#include "lessons/engines/pooling.h"
#include "lessons/framework/session.h"

using namespace neurostep;
using test::step;

TEST_CASE("conv: output sizes, the brightening blur, and a sliding-window cell by hand") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  const Step& blur = step(t, "A.blur-0.5");
  CHECK(blur.find("out_size")->data == std::vector<double>{26, 26});
  CHECK(blur.find("kernel_sum")->scalar() == doctest::Approx(4.5));
  CHECK(step(t, "A.box-blur").find("kernel_sum")->scalar() == doctest::Approx(1.0));
  // B: z[0,0] = Σ x·k over rows 0–2, cols 0–2 with the vertical detector (−1, 2, −1 per row):
  // row 0: −0.1 + 0.4 − 0.8 = −0.5; row 1: −0.0 + 0.6 − 0.9 = −0.3; row 2: −0.1 + 0.4 − 0.8 = −0.5 → −1.3
  CHECK(step(t, "B.0.0").find("z")->scalar() == doctest::Approx(-1.3));
  // z[0,1]: cols 1–3: (−0.2 + 1.6 − 0.9) + (−0.3 + 1.8 − 1.0) + (−0.2 + 1.6 − 0.9) = 1.5
  CHECK(step(t, "B.0.1").find("z")->scalar() == doctest::Approx(1.5));
  CHECK(std::isnan(step(t, "B.0.1").find("feature_map")->data[2]));  // not computed yet at that step
}

TEST_CASE("conv: the filter's gradients agree with finite differences and the update lowers C") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  CHECK(step(t, "C.gradcheck").find("max_relative_error_K")->scalar() < 1e-6);
  CHECK(step(t, "C.gradcheck").find("max_relative_error_X")->scalar() < 1e-6);
  const Step& update = step(t, "C.update");
  CHECK(update.find("C_after")->scalar() < update.find("C_before")->scalar());
  // The filter's part of the step is shown on its own: it lowers C, but less than the whole step.
  CHECK(update.find("C_after_filter")->scalar() < update.find("C_before")->scalar());
  CHECK(update.find("C_after_filter")->scalar() > update.find("C_after")->scalar());
  // ∂C/∂K[1,1] written out as Σ δ·x equals the core's dW
  const Step& dk = step(t, "C.dK.0.0");
  double sum = 0;
  for (std::size_t i = 0; i + 1 < dk.equations[0].args.size(); i += 2)
    sum += dk.equations[0].args[i] * dk.equations[0].args[i + 1];
  CHECK(sum == doctest::Approx(dk.find("dK_cell")->scalar()).epsilon(1e-12));
  const Step& dx = step(t, "C.dX.2.3");
  sum = 0;
  for (std::size_t i = 0; i + 1 < dx.equations[0].args.size(); i += 2)
    sum += dx.equations[0].args[i] * dx.equations[0].args[i + 1];
  CHECK(sum == doctest::Approx(dx.find("dX_cell")->scalar()).epsilon(1e-12));
}

TEST_CASE("conv: two channels add up") {
  const Trace t = load_lesson(test::lesson_path("conv-gradients"))->run();
  // z[0,0] = (1·1 + 0·0 + 0·0 + 1·(−1)) + (0·0 + 1·1 + 1·(−1) + 2·0) = 0 + 0
  const Step& d = step(t, "D.0.0");
  CHECK(d.find("per_channel")->data == std::vector<double>{0, 0});
  // z[0,1] = (0·1 + 2·0 + 1·0 + 1·(−1)) + (1·0 + 0·1 + 2·(−1) + 1·0) = −1 − 2 = −3
  CHECK(step(t, "D.0.1").find("z")->scalar() == doctest::Approx(-3));
}

TEST_CASE("pooling: max and average, the tie rule, and δ routed back") {
  LessonSession session(load_lesson(test::lesson_path("pooling")));
  const Trace& t = session.trace();
  // window (0,0) = {1, 3, 4, 2}: max 4 at (1, 0), average 2.5
  CHECK(step(t, "forward.0.0").find("max")->scalar() == 4);
  CHECK(step(t, "forward.0.0").find("avg")->scalar() == doctest::Approx(2.5));
  // window (1,1) = {5, 5, 1, 3}: a tie, the first 5 in reading order, row 3, column 3 (counted from 1)
  CHECK(step(t, "forward.1.1").find("argmax")->data == std::vector<double>{3, 3});
  CHECK(step(t, "forward.1.1").find("window")->data == std::vector<double>{2, 2});
  CHECK(step(t, "forward.1.1").note.find("tie") != std::string::npos);
  const auto& dmax = step(t, "backward.1.1").find("dX_max")->data;
  CHECK(dmax[2 * 4 + 2] == doctest::Approx(0.4));
  CHECK(dmax[2 * 4 + 3] == 0);
  const auto& davg = step(t, "backward.1.1").find("dX_avg")->data;
  CHECK(davg[3 * 4 + 3] == doctest::Approx(0.1));
  CHECK(step(t, "shift").find("cosine_pooled")->scalar() > step(t, "shift").find("cosine_raw")->scalar());
}

TEST_CASE("pooling with overlapping windows: shares add up to the core's backward pass") {
  LessonSession session(load_lesson(test::lesson_path("pooling")));
  auto e = session.lesson().editables();
  *e[1].integer = 1;  // stride 1 with a 2×2 window: a 3×3 output
  session.recompute();
  const Trace& t = session.trace();
  const Step& last = step(t, "backward.2.2");
  // Average pooling: the centre cell (1,1) lies in 4 windows, (0,0), (0,1), (1,0), (1,1), each gives δ/4.
  double d[9];
  int k = 0;
  for (const auto& ed : session.lesson().editables())
    if (ed.group == "Upstream gradient δ") d[k++] = *ed.number;
  REQUIRE(k == 9);
  const double expected = (d[0] + d[1] + d[3] + d[4]) / 4;
  CHECK(last.find("dX_avg")->data[1 * 4 + 1] == doctest::Approx(expected));
  CHECK(step(t, "backward.0.1").note.find("add up") != std::string::npos);
}

TEST_CASE("conv: the student's own kernel is applied to the digit and can be edited") {
  LessonSession session(load_lesson(test::lesson_path("conv-gradients")));
  CHECK(step(session.trace(), "A.custom").find("kernel_sum")->scalar() == doctest::Approx(0));
  for (const auto& e : session.lesson().editables())
    if (e.group == "A. Your kernel") *e.number = 1.0 / 9;
  session.recompute();
  CHECK(step(session.trace(), "A.custom").find("kernel_sum")->scalar() == doctest::Approx(1));
}
