#include "lessons/playground/playground.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/expression.h"
#include "core/io/point_csv.h"
#include "figure/number_text.h"

namespace neurostep {

namespace {

// The network's output fits the points: as many outputs as classes, or one value.
PlaygroundNetSpec fit_to(PlaygroundNetSpec spec, const PointSet& points) {
  spec.regression = points.regression;
  spec.classes = points.regression ? 1 : points.classes;
  return spec;
}

// A new point keeps the set's share of test points: it is a test point while there are fewer
// than round(ratio · n) of them.
bool next_point_is_test(const PointSet& points, double ratio) {
  const int n = static_cast<int>(points.points.size()) + 1;
  return test_count(points) < static_cast<int>(std::lround(ratio * n));
}

std::string input_name(const PlaygroundNetSpec& spec, int layer, int in) {
  if (layer == 0) return std::string(feature_name(spec.features[static_cast<std::size_t>(in)]));
  return fmt::format("h{}.{}", layer, in + 1);  // unit in+1 of hidden layer `layer` (1-based)
}

}  // namespace

Playground::Playground(PlaygroundSetup setup)
    : data_(setup.data),
      points_(setup.points ? *setup.points : make_point_set(setup.data)),
      training_(fit_to(setup.net, points_), setup.train),
      speed_(setup.speed) {}

std::string Playground::apply(const PlaygroundCommand& c) {
  using K = PlaygroundCommand::Kind;
  std::string error;
  switch (c.kind) {
    case K::Generate:
    case K::AddPoint:
    case K::MovePoint:
    case K::RemovePoint:
    case K::ClearPoints:
    case K::ImportCsv:
    case K::SetTestRatio: error = change_points(c); break;
    case K::SetNetwork: error = change_network(c.net); break;
    case K::SetTraining: training_.set_settings(c.train); break;
    case K::Reset:
      training_.reset();
      stopped_because_.clear();
      break;
    case K::StepBatch:
    case K::StepEpoch: error = step(c.kind); break;
    case K::Play:
      playing_ = training_count(points_) > 0;
      due_ = 0;
      stopped_because_ = playing_ ? "" : "There are no training points to learn from: add some first.";
      return "";
    case K::Pause: playing_ = false; return "";
    case K::SetWeight:
      if (c.layer < 0 || c.layer >= training_.net().layers() || c.out < 0 || c.out >= training_.net().units(c.layer) ||
          c.in < -1 || c.in >= training_.net().inputs(c.layer) || !std::isfinite(c.value))
        return "There is no such weight.";
      if (c.in < 0)
        training_.set_bias(c.layer, c.out, c.value);
      else
        training_.set_weight(c.layer, c.out, c.in, c.value);
      break;
    case K::SelectPoint:
      selected_ = c.index >= 0 && c.index < static_cast<int>(points_.points.size()) ? c.index : -1;
      break;
    case K::SetPatience: patience_ = std::max(0, c.index); break;
    case K::SetSpeed:
      if (!(c.value >= 0 && c.value <= 10'000)) return "The speed is 0 to 10,000 epochs a second.";
      speed_ = c.value;
      return "";
  }
  ++version_;  // even after an error: a command that failed halfway must not leave stale values behind
  return error;
}

std::string Playground::change_points(const PlaygroundCommand& c) {
  using K = PlaygroundCommand::Kind;
  PointSet next = points_;
  PointSetOptions options = data_;
  auto& pts = next.points;
  try {
    switch (c.kind) {
      case K::Generate:
        next = make_point_set(c.data);
        options = c.data;
        break;
      case K::AddPoint: {
        if (static_cast<int>(pts.size()) >= kMaxPoints)
          return fmt::format("A set holds at most {} points.", kMaxPoints);
        if (!next.regression && (c.label < 0 || c.label >= kMaxClasses)) return "A point's class is 0 to 3.";
        DataPoint p{.x = std::clamp(c.x, -kPlaneExtent, kPlaneExtent),
                    .y = std::clamp(c.y, -kPlaneExtent, kPlaneExtent),
                    .label = next.regression ? 0 : c.label,
                    .target = c.value,
                    .test = next_point_is_test(next, data_.test_ratio)};
        pts.push_back(p);
        if (!next.regression) next.classes = std::max(next.classes, c.label + 1);
        break;
      }
      case K::MovePoint:
        if (c.index < 0 || c.index >= static_cast<int>(pts.size())) return "There is no such point.";
        pts[static_cast<std::size_t>(c.index)].x = std::clamp(c.x, -kPlaneExtent, kPlaneExtent);
        pts[static_cast<std::size_t>(c.index)].y = std::clamp(c.y, -kPlaneExtent, kPlaneExtent);
        break;
      case K::RemovePoint:
        if (c.index < 0 || c.index >= static_cast<int>(pts.size())) return "There is no such point.";
        pts.erase(pts.begin() + c.index);
        break;
      case K::ClearPoints: pts.clear(); break;
      case K::ImportCsv: {
        bool has_split = false;
        next = read_points_csv(c.text, points_.regression, &has_split);
        if (!has_split) assign_test_split(next, data_.test_ratio, data_.seed);
        break;
      }
      case K::SetTestRatio:
        if (!(c.value >= 0 && c.value <= 0.9)) return "The test share is 0 to 90 %.";
        options.test_ratio = c.value;
        assign_test_split(next, c.value, data_.seed);
        break;
      default: return "";
    }
  } catch (const CsvError& e) {
    return fmt::format("{}: {}", c.name.empty() ? "the file" : c.name, e.what());
  } catch (const ExpressionError& e) {
    return fmt::format("The formula at {}", e.what());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  const bool shape_changed = next.classes != points_.classes || next.regression != points_.regression;
  const bool new_set = c.kind == K::Generate || c.kind == K::ImportCsv;
  points_ = std::move(next);
  data_ = options;
  if (selected_ >= static_cast<int>(points_.points.size()) || new_set || c.kind == K::RemovePoint) selected_ = -1;
  if (shape_changed) return change_network(training_.net().spec());
  if (new_set) training_.reset();  // a new set starts from the seed's weights again, like Reset
  return "";
}

std::string Playground::change_network(PlaygroundNetSpec spec) {
  spec = fit_to(std::move(spec), points_);
  try {
    training_ = PlaygroundTraining(spec, training_.settings());
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  stopped_because_.clear();
  return "";
}

std::string Playground::step(PlaygroundCommand::Kind kind) {
  if (training_count(points_) == 0) return "There are no training points to learn from: add some first.";
  if (kind == PlaygroundCommand::Kind::StepEpoch)
    training_.step_epoch(points_);
  else
    training_.step_batch(points_);
  return "";
}

int Playground::advance(double dt, double budget) {
  if (!playing_) return 0;
  const int train = training_count(points_);
  if (train == 0) {
    playing_ = false;
    stopped_because_ = "There are no training points to learn from: add some first.";
    return 0;
  }
  const int per_epoch = (train + training_.settings().batch_size - 1) / training_.settings().batch_size;
  due_ = speed_ > 0 ? due_ + dt * speed_ * per_epoch : 1e9;
  using clock = std::chrono::steady_clock;
  const auto until = clock::now() + std::chrono::duration<double>(budget);
  int done = 0;
  while (playing_ && due_ >= 1 && clock::now() < until) {
    const std::size_t epochs = training_.history().size();
    training_.step_batch(points_);
    ++done;
    due_ -= 1;
    if (training_.history().size() != epochs) check_stopping_rule();
  }
  due_ = std::min(due_, 1.0);
  if (done > 0) ++version_;
  return done;
}

// Early stopping: the test loss has not reached a new low for `patience` epochs.
void Playground::check_stopping_rule() {
  const auto& h = training_.history();
  if (patience_ <= 0 || test_count(points_) == 0 || static_cast<int>(h.size()) <= patience_) return;
  std::size_t best = 0;
  for (std::size_t i = 1; i < h.size(); ++i)
    if (h[i].test.loss < h[best].test.loss) best = i;
  if (static_cast<int>(h.size() - 1 - best) < patience_) return;
  playing_ = false;
  stopped_because_ = fmt::format("Stopped: the test loss has not fallen for {} epochs (lowest {} after epoch {}).",
                                 patience_, format_number(h[best].test.loss, shown_decimals()), h[best].epoch);
}

Playground::Derived& Playground::derived() const {
  if (derived_.version != version_) derived_ = Derived{.version = version_};
  return derived_;
}

const UnitGrid& Playground::grid(int resolution) const {
  Derived& d = derived();
  if (!d.grid || d.grid->resolution != resolution) d.grid = evaluate_grid(training_.net(), resolution);
  return *d.grid;
}

const UpdateRecord& Playground::preview_next_batch() const {
  Derived& d = derived();
  if (!d.next) {
    PlaygroundTraining copy = training_;
    d.next = copy.step_batch(points_);
  }
  return *d.next;
}

ForwardPass Playground::forward_at(double x, double y) const {
  return training_.net().forward(std::vector<double>{x}, std::vector<double>{y});
}

BackwardPass Playground::explain_point(int index) const {
  const DataPoint& p = points_.points.at(static_cast<std::size_t>(index));
  const TrainSettings& s = training_.settings();
  return training_.net().backward({p}, s.regularization, s.lambda);
}

const std::vector<UnitFlag>& Playground::unit_flags() const {
  Derived& d = derived();
  if (!d.flags) d.flags = find_unit_flags();
  return *d.flags;
}

std::vector<UnitFlag> Playground::find_unit_flags() const {
  std::vector<UnitFlag> flags;
  if (points_.points.empty()) return flags;
  const ForwardPass pass = training_.net().forward(points_.points);
  const int n = static_cast<int>(points_.points.size());
  for (int l = 0; l + 1 < training_.net().layers(); ++l) {
    const ActivationKind f = training_.net().activation(l);
    const Tensor<double>& z = pass.z[static_cast<std::size_t>(l)];
    for (int j = 0; j < z.dim(1); ++j) {
      int flat = 0, off = 0;  // points where f′ is under 5 % of its largest value; where the unit gives 0
      for (int i = 0; i < n; ++i) {
        const double d = activation_derivative(f, z.at(i, j)), top = f == ActivationKind::Sigmoid ? 0.25 : 1.0;
        flat += d < 0.05 * top;
        off += z.at(i, j) <= 0;
      }
      const std::string name(activation_name(f));
      if ((f == ActivationKind::Sigmoid || f == ActivationKind::Tanh) && flat >= 0.8 * n)
        flags.push_back(
            {l, j, UnitFlag::Kind::Saturated,
             fmt::format("{} saturated: f′(z) < 5 % of its peak for {} % of the points, so its weights barely learn",
                         name, 100 * flat / n)});
      else if (f == ActivationKind::ReLU && off == n)
        flags.push_back(
            {l, j, UnitFlag::Kind::Dead, "dead ReLU: z ≤ 0 for every point, so it outputs 0 and gets no gradient"});
      else if (f == ActivationKind::LeakyReLU && off == n)
        flags.push_back(
            {l, j, UnitFlag::Kind::Dead, "leaky ReLU off for every point: only its slope 0.01 lets gradient through"});
    }
  }
  return flags;
}

const Evaluation& Playground::evaluate_training() const {
  Derived& d = derived();
  if (!d.train) d.train = training_.net().evaluate(points_of(points_, false));
  return *d.train;
}

const Evaluation& Playground::evaluate_test() const {
  Derived& d = derived();
  if (!d.test) d.test = training_.net().evaluate(points_of(points_, true));
  return *d.test;
}

std::string Playground::weights_json() const {
  const PlaygroundNet& net = training_.net();
  nlohmann::json layers = nlohmann::json::array();
  for (int l = 0; l < net.layers(); ++l) {
    const bool output = l + 1 == net.layers();
    nlohmann::json W = nlohmann::json::array();
    for (int o = 0; o < net.units(l); ++o) {
      nlohmann::json row = nlohmann::json::array();
      for (int i = 0; i < net.inputs(l); ++i) row.push_back(net.W(l).at(o, i));
      W.push_back(row);
    }
    layers.push_back({{"inputs", net.inputs(l)},
                      {"units", net.units(l)},
                      {"activation", output ? (net.spec().regression ? "identity" : "softmax")
                                            : std::string(activation_name(net.activation(l)))},
                      {"W", W},
                      {"b", net.b(l).values()}});
  }
  nlohmann::json features = nlohmann::json::array();
  for (Feature f : net.spec().features) features.push_back(std::string(feature_name(f)));
  const nlohmann::json doc = {{"format", "neurostep-playground-weights"},
                              {"version", 1},
                              {"features", features},
                              {"loss", net.spec().regression ? "squared_error" : "softmax_cross_entropy"},
                              {"epochs", training_.epoch()},
                              {"layers", layers}};
  return doc.dump(2) + "\n";
}

std::string Playground::weights_csv() const {
  const PlaygroundNet& net = training_.net();
  std::string out = "layer,unit,input,weight\n";
  for (int l = 0; l < net.layers(); ++l)
    for (int o = 0; o < net.units(l); ++o) {
      for (int i = 0; i < net.inputs(l); ++i)
        out += fmt::format("{},{},{},{}\n", l + 1, o + 1, input_name(net.spec(), l, i), net.W(l).at(o, i));
      out += fmt::format("{},{},bias,{}\n", l + 1, o + 1, net.b(l)[static_cast<std::size_t>(o)]);
    }
  return out;
}

}  // namespace neurostep
