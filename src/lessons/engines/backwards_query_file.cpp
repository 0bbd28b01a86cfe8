// backwards_query_file.cpp — the backwards-query lesson around its steps (backwards_query.cpp):
// reading the lesson file, the weights and the query a student edits, and
// make_backwards_query_lesson.
#include <fmt/format.h>

#include "lessons/engines/backwards_query.h"

namespace neurostep {

namespace {

class BackwardsQueryLesson final : public Lesson {
 public:
  BackwardsQueryLesson(LessonInfo info, std::vector<PrintedValue> printed, BackwardsQueryNumbers n)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(n)) {}
  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (std::size_t l = 0; l < n_.W.size(); ++l)
      for (int k = 0; k < n_.W[l].dim(0); ++k)
        for (int j = 0; j < n_.W[l].dim(1); ++j)
          e.push_back({fmt::format("Weights W{}", subscript(int(l) + 1)),
                       fmt::format("w{}{}", subscript(k + 1), subscript(j + 1)),
                       &n_.W[l][std::size_t(k * n_.W[l].dim(1) + j)], -5, 5});
    e.push_back({.group = "Query",
                 .label = "wanted output",
                 .min = 0,
                 .max = double(n_.W.back().dim(0) - 1),
                 .integer = &n_.wanted});
    return e;
  }
  Trace run() const override { return run_backwards_query(info_.id, n_); }

 private:
  BackwardsQueryNumbers n_;
};

}  // namespace

static std::unique_ptr<Lesson> make_backwards_query_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                           LessonTable& root) {
  BackwardsQueryNumbers n;
  LessonTable net = root.table("network");
  for (LessonTable& l : net.tables("layers")) {
    n.W.push_back(l.array("W", 2, 8, {-100, 100}));
    l.finish();
    if (n.W.size() > 1 && n.W.back().dim(1) != n.W[n.W.size() - 2].dim(0))
      l.fail("W", fmt::format("this layer takes {} inputs, but the layer below has {} units", n.W.back().dim(1),
                              n.W[n.W.size() - 2].dim(0)));
  }
  net.finish();
  if (n.W.empty() || n.W.size() > 3) net.fail_here("the backwards query needs 1 to 3 [[network.layers]]");
  LessonTable q = root.table("query");
  n.wanted = q.integer("wanted", 0, n.W.back().dim(0) - 1);
  q.finish();
  return std::make_unique<BackwardsQueryLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind backwards_query_kind() {
  return {
      .name = "backwards-query",
      .description = "Symon's backwards query worked step by step: logit, Wᵀ, rescaling, layer by layer (Symon, §7)",
      .make = make_backwards_query_lesson,
      .default_exercises = {default_exercise(backwards_query_ids::every_logit(), backwards_query_ids::kZ),
                            default_exercise(backwards_query_ids::every_back(), backwards_query_ids::kA)}};
}

}  // namespace neurostep
