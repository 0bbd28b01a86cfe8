// Lesson kind playground: the lesson files, the trace of the next mini-batch against the core's
// own step (the preview is exactly what Step batch does), the written-out sums against the values,
// the commands (points, CSV, formulas, weights) with nothing lost on bad input, the stopping rule,
// the flags on saturated and dead units, the weight exports, and bad lesson files with their line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lesson_paths.h"
#include "lessons/engines/playground.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/session.h"
#include "lessons/playground/playground_explain.h"
#include "lessons/playground/playground_figures.h"
#include "lessons/playground/playground_host.h"

using namespace neurostep;
using test::step;
namespace ids = playground_ids;
using K = PlaygroundCommand::Kind;

namespace {

std::unique_ptr<Lesson> load(const std::string& id) { return load_lesson(test::lesson_path(id)); }

std::string load_error(const std::string& text) {
  try {
    parse_lesson(text, "bad.toml");
  } catch (const LessonError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every playground lesson loads and its trace is the whole step of the next mini-batch") {
  for (const std::string id : {"playground-xor", "playground-spirals", "playground-overfit"}) {
    CAPTURE(id);
    auto lesson = load(id);
    Playground* pg = playground_of(*lesson);
    REQUIRE(pg);
    const Trace t = lesson->run();
    const int layers = pg->training().net().layers();
    // data, network, batch, forward per layer, loss, backward per layer, update per layer, progress
    CHECK(t.steps.size() == static_cast<std::size_t>(5 + 3 * layers));
    CHECK(step(t, ids::kData).find(ids::kTrainCount)->scalar() == training_count(pg->points()));
    CHECK(!lesson->figures(t, 0).empty());
  }
}

TEST_CASE("the trace's update is exactly what Step batch then does") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  for (int round = 0; round < 3; ++round) {
    const Trace t = lesson->run();
    REQUIRE(pg.apply({.kind = K::StepBatch}).empty());
    for (int l = 0; l < pg.training().net().layers(); ++l) {
      const Value* after = step(t, ids::update(l + 1)).find(ids::kWAfter);
      REQUIRE(after);
      CHECK(after->data == pg.training().net().W(l).values());
    }
  }
}

TEST_CASE("the written-out sums of the playground trace equal their values") {
  auto lesson = load("playground-xor");
  TrainSettings sgd = playground_of(*lesson)->train_settings();
  sgd.optimizer = {.kind = OptimizerKind::SGD, .learning_rate = 0.1};
  REQUIRE(playground_of(*lesson)->apply({.kind = K::SetTraining, .train = sgd}).empty());
  const Trace t = lesson->run();
  const Playground& pg = *playground_of(*lesson);
  const PlaygroundNet& net = pg.training().net();
  // forward.1: z₁ = Σ w·x + b for the batch's first point
  const Step& f = step(t, ids::forward(1));
  const Value* z = f.find(ids::kZ);
  const Value* X = step(t, ids::kBatch).find(ids::kX);
  double sum = net.b(0)[0];
  for (int k = 0; k < net.inputs(0); ++k) sum += net.W(0).at(0, k) * X->data[static_cast<std::size_t>(k)];
  CHECK(z->data[0] == doctest::Approx(sum).epsilon(1e-12));
  double from_args = 0;  // the equation's own arguments multiply and add up to its result
  const Equation& e = f.equations[0];
  for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) from_args += e.args[i] * e.args[i + 1];
  from_args += e.args.back();
  CHECK(from_args == doctest::Approx(e.result[0]).epsilon(1e-12));
  // update.1 with SGD: w ← w − η·g for the weight it writes out
  const Equation& u = step(t, ids::update(1)).equations[1];
  CHECK(u.args[0] - u.args[1] * u.args[2] == doctest::Approx(u.result[0]).epsilon(1e-12));
  // the gradient's products add up to its result (the batch has 10 points, all written out)
  const Equation& g = step(t, ids::update(1)).equations[0];
  double products = 0;
  for (std::size_t i = 0; i + 1 < g.args.size(); i += 2) products += g.args[i] * g.args[i + 1];
  CHECK(products == doctest::Approx(g.result[0]).epsilon(1e-12));
  // the loss: the mean of the per-point errors
  const Step& loss = step(t, ids::kLoss);
  const auto& per_point = loss.find(ids::kPerPoint)->data;
  double mean = 0;
  for (double v : per_point) mean += v / static_cast<double>(per_point.size());
  CHECK(loss.find(ids::kEData)->scalar() == doctest::Approx(mean).epsilon(1e-12));
}

TEST_CASE("XOR with one hidden layer of 4 tanh units gets every training point right from the lesson's seed") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  CHECK(pg.net_spec().hidden.size() == 1);
  CHECK(pg.net_spec().hidden[0].units == 4);
  CHECK(pg.net_spec().hidden[0].activation == ActivationKind::Tanh);
  int epochs = 0;
  while (pg.evaluate_training().accuracy < 1 && epochs < 500) {
    REQUIRE(pg.apply({.kind = K::StepEpoch}).empty());
    ++epochs;
  }
  MESSAGE("XOR: 100 % of the training points after " << epochs << " epochs");
  CHECK(pg.evaluate_training().accuracy == 1.0);
}

TEST_CASE(
    "XOR without a hidden layer stalls, as the lesson's summary says (a line: at most three quadrants); with xy it "
    "learns") {
  const auto train = [](bool product) {
    auto lesson = load("playground-xor");
    Playground& pg = *playground_of(*lesson);
    PlaygroundNetSpec spec = pg.net_spec();
    spec.hidden.clear();
    if (product) spec.features.push_back(Feature::XY);
    REQUIRE(pg.apply({.kind = K::SetNetwork, .net = spec}).empty());
    for (int e = 0; e < 200; ++e) pg.apply({.kind = K::StepEpoch});
    return pg.evaluate_training().accuracy;
  };
  const double line = train(false), with_xy = train(true);
  MESSAGE("no hidden layer: " << 100 * line << " %; with xy: " << 100 * with_xy << " %");
  CHECK(line < 0.8);  // three quadrants of four, and a few noisy points
  CHECK(with_xy > 0.95);
  CHECK(test::read(test::lesson_path("playground-xor")).find("gets at most three of the four quadrants right") !=
        std::string::npos);
}

TEST_CASE("points: add, move, delete, clear; a new class grows the output layer") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  const std::size_t n = pg.points().points.size();
  CHECK(pg.apply({.kind = K::AddPoint, .x = 1, .y = 2, .label = 1}).empty());
  CHECK(pg.points().points.size() == n + 1);
  CHECK(pg.apply({.kind = K::MovePoint, .x = -9, .y = 0.5, .index = static_cast<int>(n)}).empty());
  CHECK(pg.points().points[n].x == -kPlaneExtent);  // kept in the plane
  CHECK(pg.apply({.kind = K::AddPoint, .x = 0, .y = 0, .label = 2}).empty());
  CHECK(pg.points().classes == 3);
  CHECK(pg.training().net().units(pg.training().net().layers() - 1) == 3);
  CHECK(pg.apply({.kind = K::RemovePoint, .index = 0}).empty());
  CHECK(!pg.apply({.kind = K::RemovePoint, .index = 100000}).empty());
  CHECK(pg.apply({.kind = K::ClearPoints}).empty());
  CHECK(pg.points().points.empty());
  CHECK(!pg.apply({.kind = K::StepBatch}).empty());  // nothing to learn from: said, not crashed
  const Trace t = lesson->run();
  CHECK(t.steps.back().title.find("No training points") != std::string::npos);
}

TEST_CASE("a bad CSV or formula is reported with its place and changes nothing") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  const std::vector<DataPoint> before = pg.points().points;
  const std::string error =
      pg.apply({.kind = K::ImportCsv, .text = "x,y,label\n0.5,0.5,1\n0.2,abc,0\n", .name = "mine.csv"});
  CHECK(error.find("mine.csv") != std::string::npos);
  CHECK(error.find("line 3") != std::string::npos);
  CHECK(pg.points().points.size() == before.size());
  PointSetOptions curve = pg.data_options();
  curve.kind = PointSetKind::Curve;
  curve.formula = "sin(3x";
  const std::string bad = pg.apply({.kind = K::Generate, .data = curve});
  CHECK(bad.find("column") != std::string::npos);
  CHECK(pg.data_options().kind == PointSetKind::Xor);
  CHECK(pg.apply({.kind = K::ImportCsv, .text = "0.5,0.5,1\n-1,-1,0\n2,-2,0\n", .name = "ok.csv"}).empty());
  CHECK(pg.points().points.size() == 3);
}

TEST_CASE("a weight typed on the graph changes the network and the plane at once") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  const std::vector<double> plane = pg.grid(kPlaneResolution).a.back()[0];
  CHECK(pg.apply({.kind = K::SetWeight, .value = 5, .layer = 0, .out = 1, .in = 0}).empty());
  CHECK(pg.training().net().W(0).at(1, 0) == 5);
  CHECK(pg.grid(kPlaneResolution).a.back()[0] != plane);
  CHECK(!pg.apply({.kind = K::SetWeight, .value = 1, .layer = 0, .out = 9, .in = 0}).empty());
  CHECK(weight_explanation(pg, 0, 1, 0, 4).find("w = 5") != std::string::npos);
}

TEST_CASE("the tooltips' sums parenthesise a negative factor and give a negative term's sign to its operator") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  pg.apply({.kind = K::StepBatch});  // a last update to explain
  const PlaygroundNet& net = pg.training().net();
  const int points = std::min<int>(4, static_cast<int>(pg.points().points.size()));
  std::string all;
  for (int l = 0; l < net.layers(); ++l)
    for (int j = 0; j < net.units(l); ++j) {
      for (int i = -1; i < net.W(l).dim(1); ++i) all += weight_explanation(pg, l, j, i, 4) + "\n";
      for (int point = 0; point < points; ++point) all += unit_explanation(pg, l, j, point, 4) + "\n";
    }
  // Not "5.068e−6·−0.0124" nor "− −0.0052": "5.068e−6·(−0.0124)", "+ 0.0052".
  for (const char* wrong : {"·−", "− −", "+ −", "− (−", "+ (−"})
    CHECK_MESSAGE(all.find(wrong) == std::string::npos, wrong << "\n" << all);
  CHECK(all.find("·(−") != std::string::npos);
  REQUIRE(pg.apply({.kind = K::SetWeight, .value = -0.5, .layer = 0, .out = 0, .in = 0}).empty());
  REQUIRE(pg.apply({.kind = K::SetWeight, .value = -1, .layer = 0, .out = 0, .in = -1}).empty());
  const std::string unit = unit_explanation(pg, 0, 0, 0, 4);
  CHECK_MESSAGE(unit.find("z = −0.5·") != std::string::npos, unit);  // a sum's first number keeps its sign
  CHECK_MESSAGE(unit.find(" − 1 = ") != std::string::npos, unit);    // the bias −1, added: "− 1"
}

TEST_CASE("Reset goes back to the same initial weights; a new seed gives others") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  const std::vector<double> initial = pg.training().net().W(0).values();
  pg.apply({.kind = K::StepEpoch});
  CHECK(pg.training().net().W(0).values() != initial);
  pg.apply({.kind = K::Reset});
  CHECK(pg.training().net().W(0).values() == initial);
  PlaygroundNetSpec spec = pg.net_spec();
  spec.seed += 1;
  pg.apply({.kind = K::SetNetwork, .net = spec});
  CHECK(pg.training().net().W(0).values() != initial);
}

TEST_CASE("a dead ReLU and a saturated tanh unit are flagged with their reason") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  PlaygroundNetSpec spec = pg.net_spec();
  spec.hidden = {{.units = 2, .activation = ActivationKind::ReLU}, {.units = 2, .activation = ActivationKind::Tanh}};
  REQUIRE(pg.apply({.kind = K::SetNetwork, .net = spec}).empty());
  pg.apply({.kind = K::SetWeight, .value = -100, .layer = 0, .out = 0, .in = -1});  // bias −100: never above 0
  pg.apply({.kind = K::SetWeight, .value = 50, .layer = 1, .out = 1, .in = -1});    // tanh(50 + …): flat
  const std::vector<UnitFlag> flags = pg.unit_flags();
  const auto has = [&](int layer, int unit, UnitFlag::Kind kind) {
    return std::any_of(flags.begin(), flags.end(),
                       [&](const UnitFlag& f) { return f.layer == layer && f.unit == unit && f.kind == kind; });
  };
  CHECK(has(0, 0, UnitFlag::Kind::Dead));
  CHECK(has(1, 1, UnitFlag::Kind::Saturated));
  CHECK(!has(0, 1, UnitFlag::Kind::Dead));
}

TEST_CASE("the overfitting lesson overfits as its text says, and L2 regularization helps") {
  const auto run = [](Regularization r) {
    auto lesson = load("playground-overfit");
    Playground& pg = *playground_of(*lesson);
    TrainSettings t = pg.train_settings();
    t.regularization = r;
    pg.apply({.kind = K::SetTraining, .train = t});
    double lowest = 1e9;
    for (int e = 0; e < 300; ++e) {
      pg.apply({.kind = K::StepEpoch});
      lowest = std::min(lowest, pg.evaluate_test().loss);
    }
    return std::tuple{lowest, pg.evaluate_test().loss, pg.evaluate_test().accuracy, pg.evaluate_training().loss};
  };
  const auto [lowest, last, accuracy, train] = run(Regularization::None);
  MESSAGE("no regularization: test loss lowest " << lowest << ", after 300 epochs " << last << " (" << 100 * accuracy
                                                 << " %), training loss " << train);
  CHECK(train < 0.01);
  CHECK(last > 1.5 * lowest);  // the test loss climbs again
  const auto [l2_lowest, l2_last, l2_accuracy, l2_train] = run(Regularization::L2);
  MESSAGE("L2, λ = 0.01: test loss after 300 epochs " << l2_last << " (" << 100 * l2_accuracy << " %)");
  CHECK(l2_last < 0.5 * last);
  CHECK(l2_accuracy > accuracy);
  // The numbers the lesson's summary gives, at its decimals: 0.25 lowest, 0.56 by epoch 300, 85 %;
  // with L2 0.10 and 90 %.
  CHECK(std::round(100 * lowest) == 25);
  CHECK(std::round(100 * last) == 56);
  CHECK(std::round(100 * accuracy) == 85);
  CHECK(std::round(100 * l2_last) == 10);
  CHECK(std::round(100 * l2_accuracy) == 90);
  const std::string summary = test::read(test::lesson_path("playground-overfit"));
  for (const char* claim :
       {"(0.25)", "(0.56 by epoch 300)", "(0.10 by epoch 300)", "90 % of the test points", "of 85 %"})
    CHECK_MESSAGE(summary.find(claim) != std::string::npos, claim);
}

TEST_CASE("the stopping rule pauses play when the test loss stalls") {
  auto lesson = load("playground-overfit");
  Playground& pg = *playground_of(*lesson);
  pg.apply({.kind = K::SetPatience, .index = 5});
  pg.apply({.kind = K::SetSpeed, .value = 0});  // as fast as the budget allows
  pg.apply({.kind = K::Play});
  for (int i = 0; i < 2000 && pg.playing(); ++i) pg.advance(0.016, 0.001);
  CHECK(!pg.playing());
  CHECK(pg.stopped_because().find("has not fallen for 5 epochs") != std::string::npos);
}

TEST_CASE("playing trains the mini-batches due at the chosen speed, never more than the budget allows") {
  auto lesson = load("playground-xor");
  Playground& pg = *playground_of(*lesson);
  CHECK(pg.advance(1, 1) == 0);  // not playing
  pg.apply({.kind = K::SetSpeed, .value = 2});
  pg.apply({.kind = K::Play});
  const int per_epoch =
      (training_count(pg.points()) + pg.train_settings().batch_size - 1) / pg.train_settings().batch_size;
  CHECK(pg.advance(0.5, 10) == per_epoch);  // half a second at 2 epochs a second: one epoch
  CHECK(pg.training().epoch() == 1);
  CHECK(pg.advance(0.5 / per_epoch / 2, 10) == 0);  // a quarter of a batch: carried over
  CHECK(!pg.apply({.kind = K::SetSpeed, .value = -1}).empty());
}

TEST_CASE("the Numbers tab changes only what the student edited there; the Playground tab's changes stay") {
  LessonSession session(load("playground-xor"));
  Playground& pg = *playground_of(session.lesson());
  const std::uint64_t seed = pg.data_options().seed;
  PointSetOptions noisy = pg.data_options();
  noisy.noise = 0.5;
  REQUIRE(pg.apply({.kind = K::Generate, .data = noisy}).empty());  // the Playground tab's slider
  session.recompute();
  CHECK(pg.data_options().noise == 0.5);
  CHECK(pg.data_options().seed == seed);
  std::vector<Editable> numbers = session.lesson().editables();
  for (Editable& e : numbers)
    if (e.label.rfind("η", 0) == 0) *e.number = 0.2;
  session.recompute();
  CHECK(pg.train_settings().optimizer.learning_rate == 0.2);
  CHECK(pg.data_options().noise == 0.5);
}

TEST_CASE("the weights export as JSON and CSV with every weight") {
  auto lesson = load("playground-xor");
  const Playground& pg = *playground_of(*lesson);
  const auto doc = nlohmann::json::parse(pg.weights_json());
  CHECK(doc["layers"].size() == 2);
  CHECK(doc["layers"][0]["W"][1][0].get<double>() == pg.training().net().W(0).at(1, 0));
  const std::string csv = pg.weights_csv();
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + pg.training().net().parameter_count());
}

TEST_CASE("a lesson file can name a CSV file of points next to it; a bad line fails at the key with the file's line") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-playground-csv";
  std::filesystem::create_directories(dir);
  const std::string lesson = test::replace(test::read(test::lesson_path("playground-xor")), "test_ratio = 0.3",
                                           "test_ratio = 0.5\nfile = \"mine.csv\"");
  { std::ofstream(dir / "lesson.toml") << lesson; }
  { std::ofstream(dir / "mine.csv") << "x,y,label\n1,1,1\n-1,-1,1\n1,-1,0\n-1,1,0\n"; }
  auto loaded = load_lesson(dir / "lesson.toml");
  CHECK(playground_of(*loaded)->points().points.size() == 4);
  CHECK(test_count(playground_of(*loaded)->points()) == 2);
  { std::ofstream(dir / "mine.csv") << "x,y,label\n1,1,1\n-1,-1,cat\n"; }
  try {
    load_lesson(dir / "lesson.toml");
    FAIL("a bad CSV file loaded");
  } catch (const LessonError& e) {
    CHECK(std::string(e.what()).find("lesson.toml:") != std::string::npos);
    CHECK(std::string(e.what()).find("mine.csv: line 3") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("bad playground lesson files fail at their line") {
  const std::string good = test::read(test::lesson_path("playground-xor"));
  CHECK(load_error(test::replace(good, "units = 4", "units = 9")).find("bad.toml:29:") == 0);
  CHECK(load_error(test::replace(good, "points = 200", "points = 5000")).find("bad.toml:") == 0);
  CHECK(load_error(test::replace(good, "features = [\"x\", \"y\"]", "features = [\"x\", \"z\"]"))
            .find("unknown feature 'z'") != std::string::npos);
  CHECK(load_error(test::replace(good, "set = \"xor\"", "set = \"curve\"\nformula = \"sin(3x\"")).find("column") !=
        std::string::npos);
  std::string five = good;
  for (int i = 0; i < 4; ++i) five += "\n[[network.hidden]]\nunits = 2\nactivation = \"tanh\"\n";
  CHECK(load_error(five).find("at most 4 hidden layers") != std::string::npos);
}
