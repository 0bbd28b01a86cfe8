#include "core/playground_net.h"

#include <algorithm>
#include <cassert>
#include <fmt/format.h>

#include "core/dense.h"
#include "core/loss.h"
#include "core/softmax.h"

namespace neurostep {

namespace {

bool allowed_activation(ActivationKind kind) {
  return kind == ActivationKind::Sigmoid || kind == ActivationKind::Tanh || kind == ActivationKind::ReLU ||
         kind == ActivationKind::LeakyReLU;
}

// The Sequential index of dense layer l: hidden layers are Dense + Activation pairs, so 2l.
std::size_t dense_index(int layer) { return static_cast<std::size_t>(2 * layer); }

Sequential<double> build_model(const PlaygroundNetSpec& spec) {
  validate(spec);
  const int features = static_cast<int>(spec.features.size());
  Sequential<double> model({features});
  int inputs = features;
  for (const auto& h : spec.hidden) {
    model.emplace<Dense<double>>(inputs, h.units);
    model.emplace<Activation<double>>(h.activation);
    inputs = h.units;
  }
  model.emplace<Dense<double>>(inputs, spec.regression ? 1 : spec.classes);
  model.initialize(spec.init, spec.seed);
  model.keep_outputs(true);  // z and a of every layer are shown, δ too
  return model;
}

// The loss the network minimises, and its target for these points: one-hot classes or (N, 1) values.
LossKind loss_kind(const PlaygroundNetSpec& spec) {
  return spec.regression ? LossKind::SquaredError : LossKind::SoftmaxCrossEntropy;
}

Tensor<double> targets(const PlaygroundNetSpec& spec, const std::vector<DataPoint>& points) {
  if (spec.regression) {
    Tensor<double> t({static_cast<int>(points.size()), 1});
    for (std::size_t i = 0; i < points.size(); ++i) t[i] = points[i].target;
    return t;
  }
  std::vector<int> labels;
  for (const auto& p : points) {
    if (p.label < 0 || p.label >= spec.classes)  // a point of a class the network has no output for
      throw std::invalid_argument(
          fmt::format("a point of class {} for a network of {} classes", p.label, spec.classes));
    labels.push_back(p.label);
  }
  return one_hot<double>(labels, spec.classes);
}

int argmax_row(const Tensor<double>& a, int n) {
  int best = 0;
  for (int j = 1; j < a.dim(1); ++j)
    if (a.at(n, j) > a.at(n, best)) best = j;
  return best;
}

std::vector<int> training_indices(const PointSet& data) {
  std::vector<int> idx;
  for (std::size_t i = 0; i < data.points.size(); ++i)
    if (!data.points[i].test) idx.push_back(static_cast<int>(i));
  return idx;
}

std::vector<DataPoint> points_at(const PointSet& data, const std::vector<int>& idx) {
  std::vector<DataPoint> out;
  for (int i : idx) out.push_back(data.points[static_cast<std::size_t>(i)]);
  return out;
}

// Hyper-parameters other than η: changing one of these starts the optimizer afresh.
bool same_optimizer(const OptimizerOptions& a, const OptimizerOptions& b) {
  return a.kind == b.kind && a.gamma == b.gamma && a.beta1 == b.beta1 && a.beta2 == b.beta2 && a.epsilon == b.epsilon &&
         a.epsilon_inside_sqrt == b.epsilon_inside_sqrt;
}

const TrainSettings& checked(const TrainSettings& s) {
  if (s.batch_size < 1) throw std::invalid_argument(fmt::format("a batch of {} points: at least 1", s.batch_size));
  if (!(s.lambda >= 0)) throw std::invalid_argument(fmt::format("λ = {}: must not be negative", s.lambda));
  return s;
}

}  // namespace

void validate(const PlaygroundNetSpec& spec) {
  const auto& f = spec.features;
  if (f.empty() || f.size() > std::size(kFeatures))
    throw std::invalid_argument(fmt::format("{} features: 1–{} allowed", f.size(), std::size(kFeatures)));
  for (auto i = f.begin(); i != f.end(); ++i)
    if (std::find(f.begin(), i, *i) != i)
      throw std::invalid_argument(fmt::format("feature {} chosen twice", feature_name(*i)));
  if (spec.hidden.size() > kMaxHiddenLayers)
    throw std::invalid_argument(fmt::format("{} hidden layers: 0–{} allowed", spec.hidden.size(), kMaxHiddenLayers));
  for (std::size_t l = 0; l < spec.hidden.size(); ++l) {
    const auto& h = spec.hidden[l];
    if (h.units < 1 || h.units > kMaxUnits)
      throw std::invalid_argument(fmt::format("hidden layer {} has {} units: 1–{} allowed", l + 1, h.units, kMaxUnits));
    if (!allowed_activation(h.activation))
      throw std::invalid_argument(fmt::format("hidden layer {}: activation {} is not sigmoid, tanh, relu or leaky_relu",
                                              l + 1, activation_name(h.activation)));
  }
  if (!spec.regression && (spec.classes < 2 || spec.classes > kMaxClasses))
    throw std::invalid_argument(fmt::format("{} classes: 2–{} allowed", spec.classes, kMaxClasses));
}

// --- PlaygroundNet ---

PlaygroundNet::PlaygroundNet(PlaygroundNetSpec spec) : spec_(std::move(spec)), model_(build_model(spec_)) {}

PlaygroundNet::PlaygroundNet(const PlaygroundNet& other) : PlaygroundNet(other.spec_) {
  const std::vector<Param<double>> from = const_cast<Sequential<double>&>(other.model_).params(), to = model_.params();
  for (std::size_t i = 0; i < to.size(); ++i) *to[i].value = *from[i].value;
}

int PlaygroundNet::layers() const { return static_cast<int>(spec_.hidden.size()) + 1; }
int PlaygroundNet::units(int layer) const {
  return static_cast<const Dense<double>&>(model_.layer(dense_index(layer))).outputs();
}
int PlaygroundNet::inputs(int layer) const {
  return static_cast<const Dense<double>&>(model_.layer(dense_index(layer))).inputs();
}
ActivationKind PlaygroundNet::activation(int layer) const {
  assert(layer < static_cast<int>(spec_.hidden.size()) && "PlaygroundNet::activation: the output layer has none");
  return spec_.hidden[static_cast<std::size_t>(layer)].activation;
}
Tensor<double>& PlaygroundNet::W(int layer) { return static_cast<Dense<double>&>(model_.layer(dense_index(layer))).W; }
Tensor<double>& PlaygroundNet::b(int layer) { return static_cast<Dense<double>&>(model_.layer(dense_index(layer))).b; }
const Tensor<double>& PlaygroundNet::W(int layer) const {
  return static_cast<const Dense<double>&>(model_.layer(dense_index(layer))).W;
}
const Tensor<double>& PlaygroundNet::b(int layer) const {
  return static_cast<const Dense<double>&>(model_.layer(dense_index(layer))).b;
}
int PlaygroundNet::parameter_count() const { return static_cast<int>(model_.param_count()); }

void PlaygroundNet::reinitialize() { model_.initialize(spec_.init, spec_.seed); }

ForwardPass PlaygroundNet::forward(const std::vector<double>& xs, const std::vector<double>& ys) {
  ForwardPass pass;
  pass.input = feature_matrix(spec_.features, xs, ys);  // (N, F)
  model_.forward(pass.input, Mode::Eval);
  const auto& out = model_.outputs();  // Dense, Activation, …, Dense
  for (int l = 0; l < layers(); ++l) {
    const std::size_t i = dense_index(l);
    pass.z.push_back(out[i]);  // (N, units)
    if (l + 1 < layers()) pass.a.push_back(out[i + 1]);
  }
  pass.a.push_back(spec_.regression ? pass.z.back() : softmax_rows(pass.z.back()));
  return pass;
}

ForwardPass PlaygroundNet::forward(const std::vector<DataPoint>& points) {
  std::vector<double> xs, ys;
  for (const auto& p : points) {
    xs.push_back(p.x);
    ys.push_back(p.y);
  }
  return forward(xs, ys);
}

BackwardPass PlaygroundNet::backward(const std::vector<DataPoint>& points, Regularization regularization,
                                     double lambda) {
  BackwardPass pass;
  model_.zero_grad();
  pass.forward = forward(points);
  // Softmax cross-entropy takes the logits z (∂E/∂z = ŷ − y), squared error the value a = z.
  const LossResult<double> loss =
      compute_loss(loss_kind(spec_), pass.forward.z.back(), targets(spec_, points), Reduction::Mean);
  pass.data_loss = loss.value;
  model_.backward(loss.grad, false);
  const auto params = model_.params();
  add_regularization_gradient(regularization, lambda, params);
  pass.penalty = regularization_penalty(regularization, lambda, params);
  for (int l = 0; l < layers(); ++l) {
    const auto& d = static_cast<Dense<double>&>(model_.layer(dense_index(l)));
    pass.delta.push_back(model_.output_grads()[dense_index(l)]);  // ∂E/∂z: the gradient at the Dense output
    pass.grad_W.push_back(d.dW);
    pass.grad_b.push_back(d.db);
  }
  return pass;
}

std::vector<double> PlaygroundNet::predict(const std::vector<DataPoint>& points) {
  if (points.empty()) return {};
  const ForwardPass pass = forward(points);
  const Tensor<double>& a = pass.a.back();
  std::vector<double> out;
  for (int n = 0; n < a.dim(0); ++n) out.push_back(spec_.regression ? a.at(n, 0) : argmax_row(a, n));
  return out;
}

Evaluation PlaygroundNet::evaluate(const std::vector<DataPoint>& points) {
  Evaluation e;
  e.count = static_cast<int>(points.size());
  if (!spec_.regression) e.confusion.assign(static_cast<std::size_t>(spec_.classes * spec_.classes), 0);
  if (points.empty()) return e;
  const ForwardPass pass = forward(points);
  e.loss = compute_loss(loss_kind(spec_), pass.z.back(), targets(spec_, points), Reduction::Mean).value;
  if (spec_.regression) return e;
  int right = 0;
  for (int n = 0; n < e.count; ++n) {
    const int truth = points[static_cast<std::size_t>(n)].label, guess = argmax_row(pass.a.back(), n);
    right += truth == guess;
    ++e.confusion[static_cast<std::size_t>(truth * spec_.classes + guess)];
  }
  e.accuracy = double(right) / e.count;
  return e;
}

// --- PlaygroundTraining ---

PlaygroundTraining::PlaygroundTraining(PlaygroundNetSpec spec, TrainSettings settings)
    : net_(std::move(spec)), settings_(checked(settings)), optimizer_(settings.optimizer) {}

void PlaygroundTraining::set_settings(const TrainSettings& settings) {
  checked(settings);
  if (!same_optimizer(settings.optimizer, settings_.optimizer))
    optimizer_ = Optimizer<double>(settings.optimizer);
  else
    optimizer_.set_learning_rate(settings.optimizer.learning_rate);  // keeps m, v, G, A and t
  settings_ = settings;
}

std::vector<int> PlaygroundTraining::epoch_order(const PointSet& data, int epoch) const {
  std::vector<int> order = training_indices(data);
  const std::uint64_t seed = net_.spec().seed;
  std::seed_seq seq{std::uint32_t(seed), std::uint32_t(seed >> 32), std::uint32_t(epoch)};
  std::mt19937_64 rng(seq);
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

std::vector<int> PlaygroundTraining::next_batch(const PointSet& data) const {
  std::vector<int> order = epoch_order(data, epoch_);
  int start = position_;
  if (start >= static_cast<int>(order.size())) {  // points were removed: this epoch is over, the next begins
    order = epoch_order(data, epoch_ + 1);
    start = 0;
  }
  const int end = std::min(static_cast<int>(order.size()), start + settings_.batch_size);
  return {order.begin() + start, order.begin() + end};
}

void PlaygroundTraining::finish_epoch(const PointSet& data) {
  ++epoch_;
  position_ = 0;
  history_.push_back({epoch_, net_.evaluate(points_of(data, false)), net_.evaluate(points_of(data, true))});
}

UpdateRecord PlaygroundTraining::step_batch(const PointSet& data) {
  const int size = static_cast<int>(training_indices(data).size());
  if (size == 0) throw std::invalid_argument("no training points to train on");
  if (position_ >= size) finish_epoch(data);

  UpdateRecord r;
  r.batch = next_batch(data);
  r.learning_rate = settings_.optimizer.learning_rate;
  r.optimizer = settings_.optimizer.kind;
  for (int l = 0; l < net_.layers(); ++l) {
    r.W_before.push_back(net_.W(l));
    r.b_before.push_back(net_.b(l));
  }
  r.pass = net_.backward(points_at(data, r.batch), settings_.regularization, settings_.lambda);
  optimizer_.step(net_.model().params());  // the gradients backward left: data loss + penalty
  for (int l = 0; l < net_.layers(); ++l) {
    r.W_after.push_back(net_.W(l));
    r.b_after.push_back(net_.b(l));
  }
  position_ += static_cast<int>(r.batch.size());
  ++updates_;
  if (position_ >= size) finish_epoch(data);
  last_ = r;
  has_last_ = true;
  return r;
}

void PlaygroundTraining::step_epoch(const PointSet& data) {
  const int epoch = epoch_;
  if (position_ > 0 && position_ >= static_cast<int>(training_indices(data).size()))
    finish_epoch(data);  // points were removed: no batch is left in this epoch
  while (epoch_ == epoch) step_batch(data);
}

void PlaygroundTraining::reset() {
  net_.reinitialize();
  optimizer_ = Optimizer<double>(settings_.optimizer);
  epoch_ = position_ = 0;
  updates_ = 0;
  history_.clear();
  last_ = {};
  has_last_ = false;
}

void PlaygroundTraining::set_weight(int layer, int out, int in, double value) { net_.W(layer).at(out, in) = value; }
void PlaygroundTraining::set_bias(int layer, int out, double value) {
  net_.b(layer)[static_cast<std::size_t>(out)] = value;
}

// --- the heatmaps ---

UnitGrid evaluate_grid(PlaygroundNet& net, int resolution) {
  if (resolution < 1) throw std::invalid_argument(fmt::format("a grid of resolution {}: at least 1", resolution));
  // In chunks of 256 cells: small buffers stay in the allocator's pool, while one pass over a
  // 64 × 64 grid allocates blocks so large that glibc maps and unmaps them every time (10× slower).
  constexpr int kChunk = 256;
  const double cell = 2 * kPlaneExtent / resolution;
  const int cells = resolution * resolution;
  UnitGrid grid{resolution, {}};
  for (int start = 0; start < cells; start += kChunk) {
    std::vector<double> xs, ys;
    for (int i = start; i < std::min(cells, start + kChunk); ++i) {
      xs.push_back(-kPlaneExtent + (i % resolution + 0.5) * cell);  // cell centres, left to right
      ys.push_back(kPlaneExtent - (i / resolution + 0.5) * cell);   // and top (y = +3) to bottom
    }
    const ForwardPass pass = net.forward(xs, ys);
    grid.a.resize(pass.a.size());
    for (std::size_t l = 0; l < pass.a.size(); ++l) {  // (cells, units) → [unit][cell]
      const Tensor<double>& a = pass.a[l];
      grid.a[l].resize(static_cast<std::size_t>(a.dim(1)));
      for (int u = 0; u < a.dim(1); ++u)
        for (int c = 0; c < a.dim(0); ++c) grid.a[l][static_cast<std::size_t>(u)].push_back(a.at(c, u));
    }
  }
  return grid;
}

}  // namespace neurostep
