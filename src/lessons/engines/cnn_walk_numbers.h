// cnn_walk_numbers.h — internal to the cnn-walk kind: the walk's network as the core's layers and
// one forward and backward pass of one digit through it, every map and gradient kept for the steps
// (cnn_walk.cpp). No formatting and no steps here.
#pragma once

#include "core/conv2d.h"
#include "core/dense.h"
#include "core/layer.h"
#include "core/model_spec.h"
#include "core/pool2d.h"
#include "core/sequential.h"
#include "lessons/engines/cnn_walk.h"

namespace neurostep::cnn_walk_net {

constexpr int kClasses = 10;

// The core layers of the walk, built from cnn_walk_spec and holding the lesson's parameters.
struct WalkNet {
  Sequential<double> model;

  explicit WalkNet(const CnnWalkNumbers& n) : model(build_model<double>(cnn_walk_spec(n), 1)) {
    conv().W = n.kernels;
    conv().b = n.kernel_bias;
    dense().W = n.dense_W;
    dense().b = n.dense_b;
    conv().set_input_grad_wanted(false);  // the digit is not trained
  }
  // The layers in cnn_walk_spec's order.
  Conv2D<double>& conv() { return static_cast<Conv2D<double>&>(model.layer(0)); }
  Layer<double>& relu() { return model.layer(1); }
  Pool2D<double>& pool() { return static_cast<Pool2D<double>&>(model.layer(2)); }
  Layer<double>& flatten() { return model.layer(3); }
  Dense<double>& dense() { return static_cast<Dense<double>&>(model.layer(4)); }
  const Dense<double>& dense() const { return static_cast<const Dense<double>&>(model.layer(4)); }
  std::vector<Param<double>> params() {
    std::vector<Param<double>> p = conv().params();
    for (const Param<double>& q : dense().params()) p.push_back(q);
    return p;
  }
};

// Everything one forward and backward pass of one digit computes (a batch of one).
struct WalkPass {
  Tensor<double> Z, A, P, logits, probabilities;  // (1, F, h, w) maps; (1, 10)
  double E = 0;
  Tensor<double> delta_out, delta_P, delta_A, delta_Z;
  Tensor<double> dK, db_conv, dW, db;  // the layers' gradients after this pass
  std::vector<int> winners;            // max-pool argmax: flat index in each (h × w) plane of A
};

// The picked digit as a batch of one: (1, 1, side, side), and its label.
Tensor<double> digit_input(const CnnWalkNumbers& n);
int digit_label(const CnnWalkNumbers& n);

// The logits of x, and its softmax cross-entropy error for `label` (a forward pass in eval mode).
Tensor<double> logits_of(WalkNet& net, const Tensor<double>& x, Mode mode);
double loss_of(WalkNet& net, const Tensor<double>& x, int label);

// One forward and backward pass of x (train mode), the layers' gradients zeroed first.
WalkPass forward_backward(WalkNet& net, const Tensor<double>& x, int label);

// One plain gradient-descent step of every parameter with the gradients the net holds.
void sgd_step(WalkNet& net, double learning_rate);

}  // namespace neurostep::cnn_walk_net
