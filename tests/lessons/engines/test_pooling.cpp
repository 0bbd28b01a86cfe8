// Lesson kind pooling: the ids it declares (pooling.h, pooling_ids) are the ones its trace has.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lesson_paths.h"
#include "lessons/engines/pooling.h"
#include "lessons/framework/lesson.h"

using namespace neurostep;
namespace ids = pooling_ids;

TEST_CASE("pooling: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("pooling"))->run();
  // lessons/pooling.toml: a 4×4 input, 2×2 windows at stride 2, a digit: 4 forward, 4 backward, the shift.
  std::vector<std::string> expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) expected.push_back(ids::forward(i, j));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) expected.push_back(ids::backward(i, j));
  expected.push_back(ids::kShift);
  std::vector<std::string> got;
  for (const Step& s : t.steps) got.push_back(s.id);
  CHECK(got == expected);
  CHECK(ids::forward(1, 0) == "forward.1.0");  // the form lessons/pooling.toml's patterns match
  for (const char* v : {ids::kWindow, ids::kMax, ids::kArgmax, ids::kAvg, ids::kMaxMap, ids::kAvgMap})
    CHECK_MESSAGE(test::step(t, ids::forward(1, 1)).find(v), v);
  for (const char* v : {ids::kWindow, ids::kDelta, ids::kDxMax, ids::kDxAvg})
    CHECK_MESSAGE(test::step(t, ids::backward(0, 1)).find(v), v);
  for (const char* v : {ids::kDigit, ids::kShifted, ids::kPooled, ids::kPooledShifted, ids::kCosineRaw,
                        ids::kCosinePooled, ids::kChangedRaw, ids::kChangedPooled})
    CHECK_MESSAGE(test::step(t, ids::kShift).find(v), v);
}
