#include "lessons/engines/perceptron_numbers.h"

#include "core/activation.h"
#include "core/dense.h"
#include "core/perceptron.h"

namespace neurostep::perceptron_parts {

std::pair<int, std::vector<double>> double_run(const PerceptronNumbers& in) {
  std::vector<double> w = in.weights;
  for (int epoch = 1; epoch <= in.max_epochs; ++epoch) {
    int errors = 0;
    for (const auto& s : in.samples) {
      const std::vector<double> x1 = with_bias_input(s.x);
      const int y_hat = heaviside(weighted_sum(w, x1));
      if (y_hat != s.y) {
        ++errors;
        perceptron_update(w, x1, in.learning_rate, s.y, y_hat);
      }
    }
    if (errors == 0) return {epoch, w};
  }
  return {0, w};
}

Sequential<double> xor_network(int inputs, int hidden) {
  Sequential<double> m({inputs});
  m.emplace<Dense<double>>(inputs, hidden);
  m.emplace<Activation<double>>(ActivationKind::Sigmoid);
  m.emplace<Dense<double>>(hidden, 1);
  m.emplace<Activation<double>>(ActivationKind::Sigmoid);
  return m;
}

}  // namespace neurostep::perceptron_parts
