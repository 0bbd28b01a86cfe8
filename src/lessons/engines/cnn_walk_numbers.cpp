#include "lessons/engines/cnn_walk_numbers.h"

#include <algorithm>
#include <random>

#include "core/init.h"
#include "core/loss.h"
#include "core/model_spec.h"
#include "core/optimizer.h"
#include "core/softmax.h"

namespace neurostep {

using cnn_walk_net::kClasses;

ModelSpec cnn_walk_spec(const CnnWalkNumbers& n) {
  const int s = n.images.dim(1);
  ModelSpec spec{.name = "cnn-walk",
                 .title = "The CNN of the cnn-walk lesson (Jäppinen 2024, §3.4–3.5)",
                 .input = {1, s, s},
                 .layers = {}};
  spec.layers = {LayerSpec{.type = "conv", .filters = n.filters(), .kernel = n.kernel()}, LayerSpec{.type = "relu"},
                 LayerSpec{.type = "maxpool", .size = n.pool}, LayerSpec{.type = "flatten"},
                 LayerSpec{.type = "dense", .units = kClasses}};
  return spec;
}

namespace cnn_walk_net {

Tensor<double> digit_input(const CnnWalkNumbers& n) {
  const int s = n.images.dim(1);
  const auto first = n.images.values().begin() + static_cast<std::ptrdiff_t>(n.digit) * s * s;
  return Tensor<double>({1, 1, s, s}, std::vector<double>(first, first + s * s));
}

int digit_label(const CnnWalkNumbers& n) { return n.labels.at(static_cast<std::size_t>(n.digit)); }

Tensor<double> logits_of(WalkNet& net, const Tensor<double>& x, Mode mode) {
  Tensor<double> a = net.relu().forward(net.conv().forward(x, mode), mode);
  return net.dense().forward(net.flatten().forward(net.pool().forward(std::move(a), mode), mode), mode);
}

double loss_of(WalkNet& net, const Tensor<double>& x, int label) {
  return compute_loss(LossKind::SoftmaxCrossEntropy, logits_of(net, x, Mode::Eval), one_hot<double>({label}, kClasses))
      .value;
}

WalkPass forward_backward(WalkNet& net, const Tensor<double>& x, int label) {
  WalkPass w;
  w.Z = net.conv().forward(x, Mode::Train);
  w.A = net.relu().forward(w.Z, Mode::Train);
  w.P = net.pool().forward(w.A, Mode::Train);
  w.winners = net.pool().argmax();
  w.logits = net.dense().forward(net.flatten().forward(w.P, Mode::Train), Mode::Train);
  w.probabilities = softmax_rows(w.logits);
  LossResult<double> loss = compute_loss(LossKind::SoftmaxCrossEntropy, w.logits, one_hot<double>({label}, kClasses));
  w.E = loss.value;
  w.delta_out = loss.grad;
  net.conv().zero_grad();
  net.dense().zero_grad();
  w.delta_P = net.flatten().backward(net.dense().backward(w.delta_out));
  w.delta_A = net.pool().backward(w.delta_P);
  w.delta_Z = net.relu().backward(w.delta_A);
  net.conv().backward(w.delta_Z);
  w.dK = net.conv().dW;
  w.db_conv = net.conv().db;
  w.dW = net.dense().dW;
  w.db = net.dense().db;
  return w;
}

void sgd_step(WalkNet& net, double learning_rate) {
  Optimizer<double> sgd({.kind = OptimizerKind::SGD, .learning_rate = learning_rate});
  sgd.step(net.params());
}

}  // namespace cnn_walk_net

void CnnWalkNumbers::draw_dense_weights() {
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  dense_W = Tensor<double>({kClasses, dense_inputs()});
  initialize(dense_W, InitKind::GlorotUniform, dense_inputs(), kClasses, rng);
  dense_b = Tensor<double>({kClasses});
}

void CnnWalkNumbers::use_drawing(const std::vector<float>& pixels) {
  const int side = images.dim(1);
  if (static_cast<int>(pixels.size()) != side * side) return;
  if (!drawn) {  // one more image slot, labelled 0 until the student says which digit it is
    std::vector<double> all = images.values();
    all.resize(all.size() + pixels.size());
    images = Tensor<double>({images.dim(0) + 1, side, side}, std::move(all));
    labels.push_back(0);
    drawn = true;
  }
  std::copy(pixels.begin(), pixels.end(), images.values().end() - static_cast<std::ptrdiff_t>(pixels.size()));
  digit = images.dim(0) - 1;
}

void CnnWalkNumbers::clamp_cells() {
  const auto clamp = [](MapCell& c, int maps, int side) {
    c.map = std::clamp(c.map, 0, maps - 1);
    c.row = std::clamp(c.row, 0, side - 1);
    c.col = std::clamp(c.col, 0, side - 1);
  };
  clamp(conv_cell, filters(), conv_size());
  clamp(pool_cell, filters(), pooled_size());
  clamp(kernel_cell, filters(), kernel());
  class_cell = std::clamp(class_cell, 0, kClasses - 1);
  digit = std::clamp(digit, 0, images.dim(0) - 1);
}

}  // namespace neurostep
