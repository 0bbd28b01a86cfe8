// playground_net.h — the playground's network and its training: chosen features of (x, y) →
// 0–4 hidden Dense+activation layers of 1–8 units → a Dense output layer, with softmax
// cross-entropy over the classes or squared error for regression (mean over the batch), an
// optional L1/L2 penalty, and any core optimizer. Everything runs through the core's Sequential,
// Dense, Activation, loss and Optimizer — the same code the other lessons and the tests check.
//
// Layer numbering: dense layer l = 0 … layers() − 1; the last is the output layer. For layer l,
// z[l] = a[l − 1]·W[l]ᵀ + b[l] and a[l] = f(z[l]) (a[−1] = the features); the output layer's a is
// softmax(z) (class probabilities) or z itself (regression).
#pragma once

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/activation.h"
#include "core/evaluation.h"
#include "core/features.h"
#include "core/init.h"
#include "core/optimizer.h"
#include "core/point_set.h"
#include "core/regularization.h"
#include "core/sequential.h"

namespace neurostep {

inline constexpr int kMaxHiddenLayers = 4;
inline constexpr int kMaxUnits = 8;

struct HiddenLayerSpec {
  int units = 4;                                     // 1 … kMaxUnits
  ActivationKind activation = ActivationKind::Tanh;  // sigmoid, tanh, relu or leaky_relu
};

struct PlaygroundNetSpec {
  std::vector<Feature> features = {Feature::X, Feature::Y};  // 1 … 7, no repeats
  std::vector<HiddenLayerSpec> hidden;                       // 0 … kMaxHiddenLayers
  int classes = 2;                                           // outputs for classification (2–4)
  bool regression = false;                                   // one output, squared error
  InitKind init = InitKind::GlorotUniform;
  std::uint64_t seed = 1;  // the initial weights: the same seed gives the same weights
};

struct TrainSettings {
  OptimizerOptions optimizer{.kind = OptimizerKind::SGD, .learning_rate = 0.03};
  int batch_size = 10;  // 1 … number of training points
  Regularization regularization = Regularization::None;
  double lambda = 0.001;  // λ of the penalty
};

// Throws std::invalid_argument naming what is out of range (a layer of 9 units, 5 layers, ELU …).
void validate(const PlaygroundNetSpec& spec);

// One forward pass of a batch, every layer's values kept (for display).
struct ForwardPass {
  Tensor<double> input;           // (N, features)
  std::vector<Tensor<double>> z;  // per dense layer, (N, units)
  std::vector<Tensor<double>> a;  // per dense layer, (N, units); the last: probabilities or the value
};

// The error of a batch and its gradients, before any update.
struct BackwardPass {
  ForwardPass forward;
  double data_loss = 0;                // mean over the batch
  double penalty = 0;                  // E_reg of the current weights
  std::vector<Tensor<double>> delta;   // ∂E/∂z per dense layer, (N, units), of the data loss
  std::vector<Tensor<double>> grad_W;  // ∂E/∂W per layer (data loss + penalty), (O, I)
  std::vector<Tensor<double>> grad_b;  // ∂E/∂b per layer, (O)
  double loss() const { return data_loss + penalty; }
};

// One update: the batch it used, the gradients, and the weights before and after.
struct UpdateRecord {
  std::vector<int> batch;  // indices into the point set
  BackwardPass pass;
  std::vector<Tensor<double>> W_before, b_before, W_after, b_after;
  double learning_rate = 0;
  OptimizerKind optimizer = OptimizerKind::SGD;
};

class PlaygroundNet {
 public:
  explicit PlaygroundNet(PlaygroundNetSpec spec);  // validates, builds and initializes from spec.seed
  // A copy with the same spec and weights (to try a step on without touching this one).
  PlaygroundNet(const PlaygroundNet& other);
  PlaygroundNet& operator=(const PlaygroundNet&) = delete;
  PlaygroundNet(PlaygroundNet&&) = default;
  PlaygroundNet& operator=(PlaygroundNet&&) = default;

  const PlaygroundNetSpec& spec() const { return spec_; }
  int layers() const;                          // dense layers, hidden + output
  int units(int layer) const;                  // outputs of dense layer `layer`
  int inputs(int layer) const;                 // inputs of dense layer `layer`
  ActivationKind activation(int layer) const;  // of a hidden layer
  Tensor<double>& W(int layer);                // (O, I)
  Tensor<double>& b(int layer);                // (O)
  const Tensor<double>& W(int layer) const;
  const Tensor<double>& b(int layer) const;
  int parameter_count() const;

  void reinitialize();  // the initial weights of spec().seed again (Reset)

  ForwardPass forward(const std::vector<double>& xs, const std::vector<double>& ys);
  ForwardPass forward(const std::vector<DataPoint>& points);
  // Data loss + penalty and every gradient for these points; changes no weight.
  BackwardPass backward(const std::vector<DataPoint>& points, Regularization regularization, double lambda);
  // The class predicted (argmax) or the value, per point.
  std::vector<double> predict(const std::vector<DataPoint>& points);
  Evaluation evaluate(const std::vector<DataPoint>& points);

  Sequential<double>& model() { return model_; }
  const Sequential<double>& model() const { return model_; }

 private:
  PlaygroundNetSpec spec_;
  Sequential<double> model_;
};

struct EpochRecord {
  int epoch = 0;  // epochs completed
  Evaluation train, test;
};

// The training state: the network, the optimizer's state, where in the epoch it is, and the
// history of every completed epoch. Batches are the training points in an order shuffled for
// each epoch from spec.seed and the epoch number (so a run is reproducible).
class PlaygroundTraining {
 public:
  PlaygroundTraining(PlaygroundNetSpec spec, TrainSettings settings);

  PlaygroundNet& net() { return net_; }
  const PlaygroundNet& net() const { return net_; }
  const TrainSettings& settings() const { return settings_; }
  void set_settings(const TrainSettings& settings);  // keeps the weights; a new optimizer kind starts its state afresh

  // One mini-batch of the current epoch (the last batch of an epoch may be smaller); at the end
  // of an epoch the epoch's record is appended to history(). Throws std::invalid_argument if the
  // set has no training points.
  UpdateRecord step_batch(const PointSet& data);
  void step_epoch(const PointSet& data);  // the batches left in this epoch
  // The batch step_batch would take next (indices into data.points).
  std::vector<int> next_batch(const PointSet& data) const;

  int epoch() const { return epoch_; }              // epochs completed
  int batch_in_epoch() const { return position_; }  // training points already used this epoch
  std::int64_t updates() const { return updates_; }
  const std::vector<EpochRecord>& history() const { return history_; }
  const UpdateRecord* last_update() const { return has_last_ ? &last_ : nullptr; }

  // Back to the initial weights of the seed, epoch 0, no history, a fresh optimizer.
  void reset();
  // A weight edited by hand (the graph): the optimizer state is kept.
  void set_weight(int layer, int out, int in, double value);
  void set_bias(int layer, int out, double value);

 private:
  std::vector<int> epoch_order(const PointSet& data, int epoch) const;  // the training points' order in that epoch
  void finish_epoch(const PointSet& data);                              // counts it and appends its record

  PlaygroundNet net_;
  TrainSettings settings_;
  Optimizer<double> optimizer_;
  int epoch_ = 0, position_ = 0;
  std::int64_t updates_ = 0;
  std::vector<EpochRecord> history_;
  UpdateRecord last_;
  bool has_last_ = false;
};

// The output of every unit of every layer over a grid of resolution × resolution cells covering
// [−kPlaneExtent, kPlaneExtent]², cell centres, row 0 at the top (y near +3), row-major: what the
// heatmaps draw. The last layer's units are the class probabilities (or the regression value).
struct UnitGrid {
  int resolution = 0;
  std::vector<std::vector<std::vector<double>>> a;  // [layer][unit][cell]
};
UnitGrid evaluate_grid(PlaygroundNet& net, int resolution);

}  // namespace neurostep
