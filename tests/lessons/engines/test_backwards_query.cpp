// Symon's backwards query (§7) step by step, against an independent computation in Python (float64):
//   z = logit(0.99, 0.01) = ±ln 99; a = W₂ᵀz = (8.271215730242261, −7.811703745228802, 7.3521917602153435),
//   rescaled (0.99, 0.01, 0.934); back through W₁: (6.768602314035692, −3.72972098704684,
//   3.605643525880647, −5.6014234216763885), rescaled (0.99, 0.15828331202589593, 0.7394184993129677,
//   0.01); forward again: (0.7110899148668822, 0.31751174312988756).
#include <doctest/doctest.h>

#include <cmath>

#include "lesson_paths.h"
#include "lessons/engines/backwards_query.h"

using namespace neurostep;
using test::step;
namespace ids = backwards_query_ids;

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
  check_close(step(t, ids::logit(2)).find(ids::kZ)->data, {std::log(99.0), -std::log(99.0)});
  check_close(step(t, ids::back(2)).find(ids::kA)->data, {8.271215730242261, -7.811703745228802, 7.3521917602153435});
  check_close(step(t, ids::scale(2)).find(ids::kAScaled)->data, {0.99, 0.01, 0.934});
  check_close(step(t, ids::back(1)).find(ids::kA)->data,
              {6.768602314035692, -3.72972098704684, 3.605643525880647, -5.6014234216763885});
  check_close(step(t, ids::kCheck).find(ids::kX)->data, {0.99, 0.15828331202589593, 0.7394184993129677, 0.01});
  check_close(step(t, ids::kCheck).find(ids::kForward)->data, {0.7110899148668822, 0.31751174312988756});
  // The core's query (single precision) agrees to float rounding.
  CHECK(step(t, ids::kCheck).find(ids::kMaxDifference)->scalar() < 1e-6);
  // The ids as lessons/backwards-query.toml names them.
  CHECK((ids::logit(2) == "l2.logit" && ids::back(1) == "l1.back" && ids::scale(2) == "l2.scale"));
}
