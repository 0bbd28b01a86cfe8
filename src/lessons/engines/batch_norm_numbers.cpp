#include "lessons/engines/batch_norm_numbers.h"

namespace neurostep {

BatchNorm<double> make_layer(const BatchNormNumbers& n) {
  const int C = n.x.dim(1);
  BatchNorm<double> bn(C, {.epsilon = n.epsilon, .momentum = n.momentum});
  bn.gamma = Tensor<double>({C}, n.gamma);
  bn.beta = Tensor<double>({C}, n.beta);
  return bn;
}

double batch_loss(const BatchNormNumbers& n) {
  BatchNorm<double> bn = make_layer(n);
  const Tensor<double> y = bn.forward(n.x, Mode::Train);
  return (y.array() * n.upstream.array()).sum();
}

BatchNormRun train_once(const BatchNormNumbers& n) {
  BatchNormRun r{n, n.x.dim(0), n.x.dim(1), make_layer(n), make_layer(n), {}, {}, {}, {}, {}};
  r.y = r.bn.forward(n.x, Mode::Train);
  r.mean = r.bn.mean();
  r.var = r.bn.variance();
  r.x_hat = r.bn.x_hat();
  r.bn.zero_grad();
  r.dx = r.bn.backward(n.upstream);
  return r;
}

BatchNormEval evaluate_batch(BatchNorm<double> bn, const Tensor<double>& x) {
  BatchNormEval e;
  e.y = bn.forward(x, Mode::Eval);
  e.x_hat = bn.x_hat();
  e.mean = bn.mean();
  e.var = bn.variance();
  return e;
}

MoreBatches train_more(const BatchNormRun& r) {
  MoreBatches m{r.bn, r.start.running_mean.values(), r.start.running_var.values()};
  auto record = [&] {
    m.mean_curve.insert(m.mean_curve.end(), m.bn.running_mean.values().begin(), m.bn.running_mean.values().end());
    m.var_curve.insert(m.var_curve.end(), m.bn.running_var.values().begin(), m.bn.running_var.values().end());
  };
  record();
  for (int b = 0; b < r.n.batches; ++b) {
    m.bn.forward(r.n.x, Mode::Train);
    record();
  }
  return m;
}

}  // namespace neurostep
