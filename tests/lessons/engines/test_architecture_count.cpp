// AlexNet and VGG counted (Jäppinen 2024, Fig. 15; Lazović 2020, Tables 2–3): every layer against
// Jäppinen's printed counts, the totals against the known ones, computed here independently:
//   AlexNet, two groups: 96·(11·11·3 + 1) + 2·128·(5·5·48 + 1) + 384·(3·3·256 + 1) + 2·192·(3·3·192 + 1)
//     + 2·128·(3·3·192 + 1) + 4096·9217 + 4096·4097 + 1000·4097 = 60,965,224 (as printed);
//   without groups 62,378,344; VGG16 138,357,544 (torchvision's vgg16); Table 3's VGG with two
//   convolutions of 256 instead of three: 138,357,544 − 256·(3·3·256 + 1) = 137,767,464.
#include <doctest/doctest.h>

#include "lesson_paths.h"
#include "lessons/engines/architecture_count.h"
#include "lessons/framework/session.h"
#include "lessons/framework/thesis_check.h"

using namespace neurostep;
using test::step;
namespace ids = architecture_count_ids;

namespace {
double params(const Trace& t, const std::string& id) { return step(t, id).find(ids::kParams)->scalar(); }
double conv(double k, double f, double c, double groups = 1) { return k * (f * f * c / groups + 1); }
}  // namespace

TEST_CASE("alexnet-vgg: each layer and total against the printed and the known counts") {
  auto lesson = load_lesson(test::lesson_path("alexnet-vgg"));
  const Trace t = lesson->run();
  CHECK(params(t, ids::conv("alexnet", 2)) == conv(256, 5, 96, 2));
  CHECK(params(t, ids::conv("alexnet", 4)) == conv(384, 3, 384, 2));
  CHECK(params(t, ids::fc("alexnet", 1)) == 4096.0 * 9217);
  CHECK(params(t, ids::total("alexnet")) == 60'965'224.0);
  CHECK(params(t, ids::conv("alexnet-table2", 2)) == conv(256, 5, 96));
  CHECK(params(t, ids::total("alexnet-table2")) == 62'378'344.0);
  CHECK(params(t, ids::total("vgg16")) == 138'357'544.0);
  CHECK(params(t, ids::total("vgg-table3")) == 138'357'544.0 - conv(256, 3, 256));
  CHECK(step(t, ids::fc("vgg16", 1)).find(ids::kInShape)->data == std::vector<double>{25088});   // 512·7·7
  CHECK(step(t, ids::fc("alexnet", 1)).find(ids::kInShape)->data == std::vector<double>{9216});  // 256·6·6
  // Jäppinen's printed counts agree; his 224 input and Table 3's 3×3 pooling do not give the sizes printed.
  int agree = 0, disagree = 0;
  for (const CheckResult& c : check_printed_values(lesson->printed_values(), t)) {
    CAPTURE(c.printed.step);
    const bool size_slip = c.printed.value == ids::kDocumentOut;
    CHECK(c.verdict == (size_slip ? Verdict::Disagrees : Verdict::Agrees));
    (c.verdict == Verdict::Agrees ? agree : disagree) += 1;
  }
  CHECK(agree == 9);
  CHECK(disagree == 2);
  CHECK(step(t, ids::conv("alexnet", 1)).find(ids::kDocumentOut)->scalar() == 54);      // ⌊(224 − 11)/4⌋ + 1
  CHECK(step(t, ids::conv("vgg-table3", 3)).find(ids::kDocumentOut)->scalar() == 111);  // ⌊(224 − 3)/2⌋ + 1
}

TEST_CASE("alexnet-vgg: a count needs no model, so no parameter cap; a bad layer is an error at its place") {
  const std::string text = test::read(test::lesson_path("alexnet-vgg"));
  CHECK(load_lesson(test::lesson_path("alexnet-vgg"))->run().steps.size() == 51);
  CHECK_THROWS_WITH_AS(
      parse_lesson(test::replace(text, "kernel = 5, padding = 2, groups = 2", "kernel = 5, padding = 2, groups = 5"),
                   "g.toml"),
      doctest::Contains("must divide"), LessonError);
  CHECK_THROWS_WITH_AS(parse_lesson(test::replace(text, "{ type = \"flatten\" },", ""), "f.toml"),
                       doctest::Contains("before flatten"), LessonError);
}
