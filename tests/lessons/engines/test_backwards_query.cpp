// Symon's backwards query (§7) step by step, against an independent computation in Python (float64):
//   z = logit(0.99, 0.01) = ±ln 99; a = W₂ᵀz = (8.271215730242261, −7.811703745228802, 7.3521917602153435),
//   rescaled (0.99, 0.01, 0.934); back through W₁: (6.768602314035692, −3.72972098704684,
//   3.605643525880647, −5.6014234216763885), rescaled (0.99, 0.15828331202589593, 0.7394184993129677,
//   0.01); forward again: (0.7110899148668822, 0.31751174312988756).
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"

using namespace neurostep;
using test::step;

namespace {
void check_close(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
  }
}
}  // namespace

TEST_CASE("backwards-query: the logit, Wᵀ and the rescaling of each layer, as an independent float64 computation") {
  const Trace t = load_lesson(test::lesson_path("backwards-query"))->run();
  check_close(step(t, "l2.logit").find("z")->data, {std::log(99.0), -std::log(99.0)});
  check_close(step(t, "l2.back").find("a")->data, {8.271215730242261, -7.811703745228802, 7.3521917602153435});
  check_close(step(t, "l2.scale").find("a_scaled")->data, {0.99, 0.01, 0.934});
  check_close(step(t, "l1.back").find("a")->data, {6.768602314035692, -3.72972098704684, 3.605643525880647, -5.6014234216763885});
  check_close(step(t, "check").find("x")->data, {0.99, 0.15828331202589593, 0.7394184993129677, 0.01});
  check_close(step(t, "check").find("forward")->data, {0.7110899148668822, 0.31751174312988756});
  // The core's query (single precision) agrees to float rounding.
  CHECK(step(t, "check").find("max_difference")->scalar() < 1e-6);
}
