#include "core/backwards_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/activation.h"
#include "core/dense.h"

namespace neurostep {

namespace {

double logit(double y) { return std::log(y / (1 - y)); }

// Step 3: a ← (a − min) / (max − min) · 0.98 + 0.01, so that every value lies where logit is finite.
void scale_into_001_099(std::vector<double>& a) {
  const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
  const double min = *lo, range = *hi - *lo;
  for (double& v : a) v = range > 0 ? (v - min) / range * 0.98 + 0.01 : 0.5;
}

}  // namespace

std::vector<double> query_targets(int digit, int classes) {
  std::vector<double> t(static_cast<std::size_t>(classes), 0.01);
  if (digit >= 0 && digit < classes) t[static_cast<std::size_t>(digit)] = 0.99;
  return t;
}

std::vector<double> backwards_query(Sequential<float>& model, const std::vector<double>& outputs) {
  if (model.size() == 0) throw std::invalid_argument("the backwards query needs a model with layers");
  std::vector<double> b_out = outputs;
  std::size_t i = model.size();
  auto refuse = [&](std::size_t at, const char* wanted) {
    throw std::invalid_argument(
        fmt::format("the backwards query needs dense layers each followed by a sigmoid; layer {} ({}) is not {}",
                    at + 1, model.layer(at).describe(), wanted));
  };
  while (i >= 2 && dynamic_cast<Dense<float>*>(&model.layer(i - 2))) {
    const auto* sigmoid = dynamic_cast<const Activation<float>*>(&model.layer(i - 1));
    if (!sigmoid || sigmoid->activation() != ActivationKind::Sigmoid) refuse(i - 1, "a sigmoid");
    auto& dense = static_cast<Dense<float>&>(model.layer(i - 2));
    const int in = dense.inputs(), out = dense.outputs();
    if (static_cast<int>(b_out.size()) != out)
      throw std::invalid_argument(fmt::format("the backwards query needs {} outputs, not {}", out, b_out.size()));
    std::vector<double> b_in(b_out.size());
    for (int k = 0; k < out; ++k)
      b_in[static_cast<std::size_t>(k)] =
          logit(b_out[static_cast<std::size_t>(k)]) - (dense.has_bias() ? dense.b[static_cast<std::size_t>(k)] : 0.0);
    std::vector<double> a_out(static_cast<std::size_t>(in), 0.0);  // a_out = Wᵀ · b_in
    for (int k = 0; k < out; ++k)
      for (int j = 0; j < in; ++j)
        a_out[static_cast<std::size_t>(j)] +=
            dense.W[static_cast<std::size_t>(k * in + j)] * b_in[static_cast<std::size_t>(k)];
    scale_into_001_099(a_out);
    b_out = std::move(a_out);
    i -= 2;
  }
  // Below the undone layers only a flatten may be left, and at least one layer must have been undone.
  const bool rest_fits = i == 0 || (i == 1 && model.layer(0).kind() == "Flatten");
  if (i == model.size() || !rest_fits) refuse(i - 1, "part of a dense layer followed by a sigmoid");
  return b_out;
}

}  // namespace neurostep
