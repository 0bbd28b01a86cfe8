// pooling_file.cpp — the pooling lesson around its steps (pooling.cpp): reading the lesson file,
// the numbers a student edits, and make_pooling_lesson.
#include <fmt/format.h>

#include "core/conv2d.h"
#include "lessons/engines/pooling.h"
#include "lessons/engines/pooling_figures.h"
#include "lessons/framework/digit_file.h"

namespace neurostep {

namespace ids = pooling_ids;

namespace {

class PoolingLesson final : public Lesson {
 public:
  PoolingLesson(LessonInfo info, std::vector<PrintedValue> printed, PoolingNumbers numbers)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(numbers)) {}

  // A row per window: its maximum and mean forward, the δ it sends back.
  std::vector<HistoryColumn> history_columns() const {
    return {{"max", ids::kMax}, {"average", ids::kAvg}, {"δ", ids::kDelta}};
  }
  HistoryShape history() const override { return {.columns = history_columns(), .rows = HistoryShape::Rows::PerStep}; }

  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    e.push_back({.group = "Window", .label = "size f", .min = 1, .max = 4, .integer = &n_.size});
    e.push_back({.group = "Window", .label = "stride s", .min = 1, .max = 4, .integer = &n_.stride});
    const int w = n_.input.dim(1);
    for (std::size_t i = 0; i < n_.input.size(); ++i)
      e.push_back(
          {"Input", fmt::format("X[{},{}]", static_cast<int>(i) / w + 1, static_cast<int>(i) % w + 1), &n_.input[i]});
    const int dw = n_.upstream.dim(1);
    for (std::size_t i = 0; i < n_.upstream.size(); ++i)
      e.push_back({"Upstream gradient δ",
                   fmt::format("δ[{},{}]", static_cast<int>(i) / dw + 1, static_cast<int>(i) % dw + 1),
                   &n_.upstream[i]});
    return e;
  }

  void numbers_changed() override { n_.fit_upstream(); }
  Trace run() const override { return run_pooling(info_.id, n_); }

  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return pooling_figures(n_, trace, current);
  }

 private:
  PoolingNumbers n_;
};

}  // namespace

static std::unique_ptr<Lesson> make_pooling_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                   LessonTable& root) {
  PoolingNumbers n;
  LessonTable p = root.table("pooling");
  n.input = p.array("input", 2, 12, {-1000, 1000});
  n.size = p.integer_or("size", 2, 1, 6);
  n.stride = p.integer_or("stride", 2, 1, 6);
  if (sliding_output_size(n.input.dim(0), n.size, n.stride, 0) <= 0 ||
      sliding_output_size(n.input.dim(1), n.size, n.stride, 0) <= 0)
    p.fail("size",
           fmt::format("a {}×{} window does not fit the {}×{} input", n.size, n.size, n.input.dim(0), n.input.dim(1)));
  if (p.has("upstream")) {
    n.upstream = p.array("upstream", 2, 12, {-1000, 1000});
    const int oh = sliding_output_size(n.input.dim(0), n.size, n.stride, 0),
              ow = sliding_output_size(n.input.dim(1), n.size, n.stride, 0);
    if (n.upstream.dim(0) != oh || n.upstream.dim(1) != ow)
      p.fail("upstream", fmt::format("'upstream' must match the pooled output: {}×{}", oh, ow));
  }
  n.fit_upstream();
  p.finish();
  if (root.has("shift")) {
    LessonTable sh = root.table("shift");
    n.digit = read_digit(sh, "digit_file", "digit_index");
    n.shift_pool = sh.integer_or("window", 2, 2, 7);
    sh.finish();
  }
  return std::make_unique<PoolingLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind pooling_kind() {
  return {.name = "pooling",
          .description =
              "max and average pooling, forward and backward, and why pooling helps (Jäppinen 2024, §3.2.2, §3.5.2)",
          .make = make_pooling_lesson,
          .default_exercises = {default_exercise(ids::every_forward(), ids::kMax),
                                default_exercise(ids::every_forward(), ids::kAvg)}};
}

}  // namespace neurostep
