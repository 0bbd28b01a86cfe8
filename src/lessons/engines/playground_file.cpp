// playground_file.cpp — the playground lesson around its state (lessons/playground/) and its steps
// (playground.cpp): reading the lesson file, the numbers the Numbers tab edits, and
// make_playground_lesson.
#include "lessons/engines/playground.h"
#include "lessons/engines/playground_figures.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/expression.h"
#include "core/io/point_csv.h"
#include "lessons/playground/playground_choices.h"
#include "lessons/playground/playground_host.h"

namespace neurostep {

namespace {

// A CSV file the lesson names: its points, or the file's error at the key.
PointSet read_points_file(LessonTable& t, bool regression) {
  const auto path = t.file("file");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return read_points_csv(text.str(), regression);
  } catch (const CsvError& e) {
    t.fail("file", fmt::format("{}: {}", path.filename().string(), e.what()));
  }
}

void read_data(LessonTable& t, PlaygroundSetup& s) {
  PointSetOptions& d = s.data;
  d.kind = t.choice_of("set", kPointSetChoices, PointSetKind::Xor);
  d.count = t.integer_or("points", 200, 4, kMaxPoints);
  d.noise = t.number_or("noise", 0.1, {0, 1});
  d.seed = static_cast<std::uint64_t>(t.integer_or("seed", 1, 0, 1'000'000));
  d.classes = t.integer_or("classes", 2, 2, kMaxClasses);
  d.test_ratio = t.number_or("test_ratio", 0.3, {0, 0.9});
  const bool needs_formula = d.kind == PointSetKind::Curve || d.kind == PointSetKind::Surface;
  d.formula = t.text_or("formula", needs_formula ? default_formula(d.kind) : "");
  if (needs_formula) {
    try {
      Expression(d.formula,
                 d.kind == PointSetKind::Curve ? std::vector<std::string>{"x"} : std::vector<std::string>{"x", "y"});
    } catch (const ExpressionError& e) {
      t.fail("formula", fmt::format("the formula at {}", e.what()));
    }
  }
  if (t.has("file")) {
    PointSet points = read_points_file(t, d.kind == PointSetKind::Surface);
    assign_test_split(points, d.test_ratio, d.seed);
    s.points = std::move(points);
  }
}

void read_network(LessonTable& t, PlaygroundSetup& s) {
  PlaygroundNetSpec& n = s.net;
  n.features.clear();
  for (const std::string& name : t.texts("features")) {
    const auto f = parse_feature(name);
    if (!f) t.fail("features", fmt::format("unknown feature '{}' (x, y, x2, y2, xy, sin_x, sin_y)", name));
    if (std::find(n.features.begin(), n.features.end(), *f) != n.features.end())
      t.fail("features", fmt::format("'{}' is listed twice", name));
    n.features.push_back(*f);
  }
  if (n.features.empty()) t.fail("features", "the network needs at least one feature");
  std::vector<LessonTable> layers = t.has("hidden") ? t.tables("hidden") : std::vector<LessonTable>{};
  if (layers.size() > kMaxHiddenLayers)
    t.fail("hidden", fmt::format("at most {} hidden layers, not {}", kMaxHiddenLayers, layers.size()));
  n.hidden.clear();
  for (LessonTable& l : layers) {
    n.hidden.push_back({.units = l.integer("units", 1, kMaxUnits),
                        .activation = l.choice_of("activation", kPlaygroundActivations, ActivationKind::Tanh)});
    l.finish();
  }
  n.init = t.choice_of("init", kPlaygroundInits, InitKind::GlorotUniform);
  n.seed = static_cast<std::uint64_t>(t.integer_or("seed", 1, 0, 1'000'000));
}

void read_training(LessonTable& t, PlaygroundSetup& s) {
  TrainSettings& tr = s.train;
  tr.optimizer.kind = t.choice_of("optimizer", kOptimizerChoices, OptimizerKind::SGD);
  tr.optimizer.learning_rate = t.number_or("learning_rate", 0.03, {1e-5, 10});
  tr.batch_size = t.integer_or("batch_size", 10, 1, kMaxPoints);
  tr.regularization = t.choice_of("regularization", kRegularizationChoices, Regularization::None);
  tr.lambda = t.number_or("lambda", 0.001, {0, 10});
  s.speed = t.number_or("speed", 10, {0, 10'000});
}

// The numbers the Numbers tab edits in place: copies of the playground's settings.
struct PlaygroundNumbers {
  int points = 0, data_seed = 0, net_seed = 0, batch_size = 0;
  double noise = 0, learning_rate = 0, lambda = 0;
  bool operator==(const PlaygroundNumbers&) const = default;
};

PlaygroundNumbers numbers_of(const Playground& pg) {
  return {.points = pg.data_options().count,
          .data_seed = static_cast<int>(pg.data_options().seed),
          .net_seed = static_cast<int>(pg.net_spec().seed),
          .batch_size = pg.train_settings().batch_size,
          .noise = pg.data_options().noise,
          .learning_rate = pg.train_settings().optimizer.learning_rate,
          .lambda = pg.train_settings().lambda};
}

class PlaygroundLesson final : public Lesson, public PlaygroundHost {
 public:
  PlaygroundLesson(LessonInfo info, std::vector<PrintedValue> printed, PlaygroundSetup setup)
      : Lesson(std::move(info), std::move(printed)),
        pg_(std::move(setup)),
        edited_(numbers_of(pg_)),
        offered_(edited_) {}

  Playground& playground() override { return pg_; }
  Trace run() const override { return run_playground(info_.id, pg_); }
  std::vector<Editable> editables() override;
  void numbers_changed() override;
  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return playground_step_figures(pg_, trace, current);
  }

 private:
  Playground pg_;
  // What the Numbers tab edits, and what it was given: only a number the student changed there is
  // applied (the Playground tab changes the same settings through commands in between).
  PlaygroundNumbers edited_, offered_;
};

std::vector<Editable> PlaygroundLesson::editables() {
  edited_ = offered_ = numbers_of(pg_);
  PlaygroundNumbers& n = edited_;
  return {
      {.group = "Data", .label = "points", .min = 4, .max = kMaxPoints, .integer = &n.points},
      {.group = "Data", .label = "noise", .number = &n.noise, .min = 0, .max = 1},
      {.group = "Data", .label = "seed of the points", .min = 0, .max = 1'000'000, .integer = &n.data_seed},
      {.group = "Network", .label = "seed of the initial weights", .min = 0, .max = 1'000'000, .integer = &n.net_seed},
      {.group = "Training", .label = "η (learning rate)", .number = &n.learning_rate, .min = 1e-5, .max = 10},
      {.group = "Training", .label = "batch size", .min = 1, .max = kMaxPoints, .integer = &n.batch_size},
      {.group = "Training", .label = "λ (regularization)", .number = &n.lambda, .min = 0, .max = 10}};
}

void PlaygroundLesson::numbers_changed() {
  using K = PlaygroundCommand::Kind;
  const PlaygroundNumbers n = edited_, was = offered_;
  edited_ = offered_ = numbers_of(pg_);
  if (n == was) return;
  if (n.points != was.points || n.noise != was.noise || n.data_seed != was.data_seed) {
    PointSetOptions d = pg_.data_options();
    d.count = n.points;
    d.noise = n.noise;
    d.seed = static_cast<std::uint64_t>(n.data_seed);
    pg_.apply({.kind = K::Generate, .data = d});
  }
  if (n.net_seed != was.net_seed) {
    PlaygroundNetSpec spec = pg_.net_spec();
    spec.seed = static_cast<std::uint64_t>(n.net_seed);
    pg_.apply({.kind = K::SetNetwork, .net = spec});
  }
  if (n.learning_rate != was.learning_rate || n.batch_size != was.batch_size || n.lambda != was.lambda) {
    TrainSettings t = pg_.train_settings();
    t.optimizer.learning_rate = n.learning_rate;
    t.batch_size = n.batch_size;
    t.lambda = n.lambda;
    pg_.apply({.kind = K::SetTraining, .train = t});
  }
  edited_ = offered_ = numbers_of(pg_);
}

}  // namespace

static std::unique_ptr<Lesson> make_playground_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                      LessonTable& root) {
  PlaygroundSetup setup;
  for (auto [key, read] : {std::pair{"data", &read_data}, {"network", &read_network}, {"training", &read_training}}) {
    LessonTable t = root.table(key);
    read(t, setup);
    t.finish();
  }
  try {
    validate(setup.net);
    return std::make_unique<PlaygroundLesson>(std::move(info), std::move(printed), std::move(setup));
  } catch (const ExpressionError& e) {
    root.fail("data", fmt::format("the formula at {}", e.what()));
  } catch (const std::invalid_argument& e) {
    root.fail("network", e.what());
  }
}

LessonKind playground_kind() {
  return {
      .name = "playground",
      .description = "your own 2-D points and a small network you shape and train, every weight explainable (issue 17)",
      .make = make_playground_lesson,
      .default_exercises = {default_exercise(playground_ids::forward(1), playground_ids::kA, {1}),
                            default_exercise(playground_ids::kLoss, playground_ids::kE),
                            default_exercise(playground_ids::every_backward(), playground_ids::kDelta, {1})}};
}

}  // namespace neurostep
