// Why convolution (Jäppinen 2024, §3 and eqs. 60–62): the counts against the document's printed ones
// and by hand, and the outgoing connections against an independent count, window by window.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "lesson_paths.h"
#include "lessons/engines/why_convolution.h"
#include "lessons/framework/session.h"
#include "lessons/framework/thesis_check.h"

using namespace neurostep;
using test::step;
namespace ids = why_convolution_ids;

namespace {
double value(const Trace& t, const std::string& id, const std::string& name) {
  return step(t, id).find(name)->scalar();
}

// Every window of an f×f filter at stride s on an h×w image adds 1 to each pixel it covers.
std::vector<double> windows_by_enumeration(int h, int w, int f, int s) {
  std::vector<double> count(std::size_t(h * w), 0);
  for (int r0 = 0; r0 + f <= h; r0 += s)
    for (int c0 = 0; c0 + f <= w; c0 += s)
      for (int r = r0; r < r0 + f; ++r)
        for (int c = c0; c < c0 + f; ++c) count[std::size_t(r * w + c)] += 1;
  return count;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  return test::replace(std::move(text), from, to);
}
}  // namespace

TEST_CASE("why-convolution: Jäppinen's counts — 3072·4704 = 14,450,688, (5·5·3)·4704 = 352,800, (5·5·3)·6 = 450") {
  auto lesson = load_lesson(test::lesson_path("why-convolution"));
  const Trace t = lesson->run();
  CHECK(value(t, ids::kInputs, ids::kNIn) == 32 * 32 * 3);
  CHECK(value(t, ids::kOutputs, ids::kNOut) == 28 * 28 * 6);
  CHECK(value(t, ids::kDense, ids::kDenseWeights) == 14'450'688.0);
  CHECK(value(t, ids::kDense, ids::kDenseParams) == 14'450'688.0 + 4704);
  CHECK(value(t, ids::kLocal, ids::kLocalWeights) == 352'800.0);
  CHECK(value(t, ids::kLocal, ids::kLocalShare) ==
        doctest::Approx(352'800.0 / 14'450'688.0));  // 2.44 %: "less than 3%"
  CHECK(value(t, ids::kShared, ids::kConvWeights) == 450);
  CHECK(value(t, ids::kShared, ids::kConvParams) == 456);
  CHECK(value(t, ids::kShared, ids::kCoreConvParams) == 456);  // the core's Conv2D(3 → 6, 5×5)
  CHECK(value(t, ids::kIncoming, ids::kIcConv) == 75);         // eq. 62: f·f·c
  // Pixel (3, 2): 3 windows over its row, 2 over its column; eq. 61: min(3, 5)·min(2, 5) = 6.
  CHECK(value(t, ids::kOutgoing, ids::kOcCounted) == 6);
  CHECK(value(t, ids::kOutgoing, ids::kOcEq61) == 6);
  CHECK(value(t, ids::kOutgoing, ids::kOcMin) == 1);
  CHECK(value(t, ids::kOutgoing, ids::kOcMax) == 25);
  // The document's printed counts all agree (its arithmetic has no slip).
  const auto checks = check_printed_values(lesson->printed_values(), t);
  CHECK(checks.size() == 5);
  for (const CheckResult& c : checks) {
    CAPTURE(c.printed.step);
    CHECK(c.verdict == Verdict::Agrees);
  }
}

TEST_CASE(
    "why-convolution: the map of outgoing connections is the windows counted one by one; eq. 61 fails with a stride") {
  const std::string text = test::read(test::lesson_path("why-convolution"));
  for (const auto& [h, w, f, s] : {std::tuple{32, 32, 5, 1}, {9, 7, 3, 2}, {6, 6, 4, 1}, {10, 12, 3, 3}}) {
    CAPTURE(h);
    CAPTURE(w);
    CAPTURE(f);
    CAPTURE(s);
    std::string edited =
        with(with(with(text, "height = 32", fmt::format("height = {}", h)), "width = 32", fmt::format("width = {}", w)),
             "filter = 5", fmt::format("filter = {}", f));
    edited = with(with(edited, "stride = 1", fmt::format("stride = {}", s)), "output = [14, 14]", "output = [1, 1]");
    const Trace t = parse_lesson(edited, "w.toml")->run();
    CHECK(step(t, ids::kOutgoing).find(ids::kOcMap)->data == windows_by_enumeration(h, w, f, s));
  }
  // 9×9, 3×3 at stride 2: pixel (2, 2) is in one window per axis, while eq. 61 gives min(2, 3)² = 4.
  const std::string strided =
      with(with(with(with(text, "height = 32", "height = 9"), "width = 32", "width = 9"), "filter = 5", "filter = 3"),
           "stride = 1", "stride = 2");
  const Trace t =
      parse_lesson(with(with(strided, "output = [14, 14]", "output = [1, 1]"), "input = [3, 2]", "input = [2, 2]"),
                   "s.toml")
          ->run();
  CHECK(value(t, ids::kOutgoing, ids::kOcCounted) == 1);
  CHECK(value(t, ids::kOutgoing, ids::kOcEq61) == 4);
  CHECK(step(t, ids::kOutgoing).note.find("a stride leaves gaps") != std::string::npos);
}

TEST_CASE("why-convolution: the plots show all pixels for a dense neuron and its f×f window for a convolutional one") {
  LessonSession session(load_lesson(test::lesson_path("why-convolution")));
  session.go_to(5);  // incoming
  const auto figs = session.figures();
  REQUIRE(figs.size() == 2);
  const auto& dense = figs[0].heatmaps[0].values;
  const auto& conv = figs[1].heatmaps[0].values;
  CHECK(std::count(dense.begin(), dense.end(), 1.0) == 32 * 32);
  CHECK(std::count(conv.begin(), conv.end(), 1.0) == 5 * 5);
  CHECK(conv[std::size_t(13 * 32 + 13)] == 1.0);  // output (14, 14) sees rows and columns 14–18 (from 1)
  CHECK(conv[std::size_t(17 * 32 + 17)] == 1.0);
  CHECK(conv[std::size_t(18 * 32 + 18)] == 0.0);
}

TEST_CASE("why-convolution: a filter larger than the image is an error at its line") {
  const std::string text = test::read(test::lesson_path("why-convolution"));
  CHECK_THROWS_WITH_AS(parse_lesson(with(text, "height = 32", "height = 4"), "big.toml"),
                       doctest::Contains("does not fit"), LessonError);
  CHECK_THROWS_WITH_AS(parse_lesson(with(text, "input = [3, 2]", "input = [40, 2]"), "px.toml"),
                       doctest::Contains("outside the image"), LessonError);
}

TEST_CASE("why-convolution: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("why-convolution"))->run();
  std::vector<std::string> got;
  for (const Step& s : t.steps) got.push_back(s.id);
  CHECK(got == std::vector<std::string>{ids::kInputs, ids::kOutputs, ids::kDense, ids::kLocal, ids::kShared,
                                        ids::kIncoming, ids::kOutgoing});
  const auto has = [&](const char* id, std::vector<const char*> values) {
    for (const char* v : values) CHECK_MESSAGE(step(t, id).find(v), id << " " << v);
  };
  has(ids::kInputs, {ids::kNIn});
  has(ids::kOutputs, {ids::kOutH, ids::kOutW, ids::kNOut});
  has(ids::kDense, {ids::kDenseWeights, ids::kDenseParams});
  has(ids::kLocal, {ids::kLocalWeights, ids::kLocalShare});
  has(ids::kShared, {ids::kConvWeights, ids::kConvParams, ids::kCoreConvParams, ids::kSharedShare, ids::kFactor});
  has(ids::kIncoming, {ids::kIcDense, ids::kIcConv});
  has(ids::kOutgoing, {ids::kOcCounted, ids::kOcEq61, ids::kOcAll, ids::kOcMin, ids::kOcMax, ids::kOcMap});
  // A filter larger than the image (edited in the Numbers tab: the file refuses it) gives kNone alone.
  WhyConvolutionNumbers big;
  big.filter = 40;
  const Trace none = run_why_convolution("why-convolution", big);
  REQUIRE(none.steps.size() == 1);
  CHECK(none.steps[0].id == ids::kNone);
}
