// backwards_query.cpp — the steps of the backwards-query lesson: each layer undone from the wanted
// outputs down to an input, then the check forward (numbers → trace).
#include "lessons/engines/backwards_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/activation.h"
#include "core/backwards_query.h"
#include "core/dense.h"

namespace neurostep {

namespace ids = backwards_query_ids;

std::string backwards_query_ids::logit(int L) { return fmt::format("l{}.logit", L); }
std::string backwards_query_ids::back(int L) { return fmt::format("l{}.back", L); }
std::string backwards_query_ids::scale(int L) { return fmt::format("l{}.scale", L); }
std::string backwards_query_ids::every_logit() { return "l*.logit"; }
std::string backwards_query_ids::every_back() { return "l*.back"; }

namespace {

using Vec = std::vector<double>;

// One layer undone: the logit of what it should output, Wᵀ back to its inputs, the rescaling.
Vec undo_layer(const Tensor<double>& W, const Vec& y, int L, Trace& t) {
  const std::string group = fmt::format("Layer {}", L);
  Step lg{.id = ids::logit(L), .group = group, .title = "The sums that give these outputs"};
  Vec z;
  for (std::size_t k = 0; k < y.size(); ++k) {
    z.push_back(std::log(y[k] / (1 - y[k])));
    lg.equations.push_back(
        {fmt::format("z{} = ln(y/(1 − y))", subscript(int(k) + 1)), "ln({}/(1 − {}))", {y[k], y[k]}, {z.back()}});
  }
  lg.values = {vector_value(ids::kY, y), vector_value(ids::kZ, z)};
  lg.note = "The logit undoes the sigmoid: σ(z) = y exactly when z = ln(y/(1 − y)). Symon's §7 starts here.";
  t.steps.push_back(std::move(lg));

  const int in = W.dim(1), out = W.dim(0);
  Step bk{.id = ids::back(L), .group = group, .title = "Back through the weights: a = Wᵀ·z"};
  Vec a(std::size_t(in), 0.0);
  for (int j = 0; j < in; ++j) {
    Equation e{fmt::format("a{} = Σₖ wₖ{}·zₖ", subscript(j + 1), subscript(j + 1)), "", {}, {}};
    for (int k = 0; k < out; ++k) {
      a[std::size_t(j)] += W.at(k, j) * z[std::size_t(k)];
      e.numbers += k ? " + {}·{}" : "{}·{}";
      e.args.insert(e.args.end(), {W.at(k, j), z[std::size_t(k)]});
    }
    e.result = {a[std::size_t(j)]};
    bk.equations.push_back(std::move(e));
  }
  bk.values = {vector_value(ids::kA, a)};
  bk.note =
      "Each input gets back the sums it fed, weighted as going forward: the transpose Wᵀ, not an inverse "
      "(a layer that narrows has none).";
  t.steps.push_back(std::move(bk));

  const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
  const double min = *lo, max = *hi;
  // The title names no bound: the smallest a′ is 0.01 and the largest 0.99, which Try it asks for.
  Step sc{.id = ids::scale(L), .group = group, .title = "Rescaled into a sigmoid's range"};
  Vec s;
  for (std::size_t j = 0; j < a.size(); ++j) {
    s.push_back(max > min ? (a[j] - min) / (max - min) * 0.98 + 0.01 : 0.5);
    sc.equations.push_back({fmt::format("a{}′ = (a − min)/(max − min)·0.98 + 0.01", subscript(int(j) + 1)),
                            "({} − {})/({} − {})·0.98 + 0.01",
                            {a[j], min, max, min},
                            {s.back()}});
  }
  sc.values = {scalar_value(ids::kMin, min), scalar_value(ids::kMax, max), vector_value(ids::kAScaled, s)};
  sc.note =
      "The sums are not outputs a sigmoid could give (those lie in (0, 1)); Symon rescales them so that the "
      "smallest becomes 0.01 and the largest 0.99, where the next logit is finite.";
  t.steps.push_back(std::move(sc));
  return s;
}

// The core's backwards query on the same weights (single precision, as a trained model), and the
// query's input run forward again.
void check(const BackwardsQueryNumbers& n, const Vec& x, const Vec& wanted, Trace& t) {
  Sequential<float> model({n.W[0].dim(1)});
  for (const Tensor<double>& W : n.W) {
    auto& d = model.emplace<Dense<float>>(W.dim(1), W.dim(0), false);
    for (std::size_t i = 0; i < W.size(); ++i) d.W[i] = float(W[i]);
    model.emplace<Activation<float>>(ActivationKind::Sigmoid);
  }
  const Vec core_x = backwards_query(model, wanted);
  double diff = 0;
  for (std::size_t i = 0; i < x.size(); ++i) diff = std::max(diff, std::abs(core_x[i] - x[i]));
  Vec a = x;
  for (const Tensor<double>& W : n.W) {
    Vec z(std::size_t(W.dim(0)), 0.0);
    for (int k = 0; k < W.dim(0); ++k)
      for (int j = 0; j < W.dim(1); ++j) z[std::size_t(k)] += W.at(k, j) * a[std::size_t(j)];
    for (double& v : z) v = 1 / (1 + std::exp(-v));
    a = z;
  }
  Step s{.id = ids::kCheck, .group = "Check", .title = "The query's input, and forward again"};
  s.values = {vector_value(ids::kX, x), vector_value(ids::kCoreX, core_x), scalar_value(ids::kMaxDifference, diff),
              vector_value(ids::kForward, a), vector_value(ids::kWanted, wanted)};
  const std::size_t w = std::size_t(n.wanted);
  s.note = fmt::format(
      "The core's backwards query, which draws Symon's images in the MNIST explorer, gives the same input to "
      "within {} (it computes in single precision). Run forward, the input gives the asked output {}, "
      "not the wanted {}: each rescaling changed the sums, so the query shows what the network associates "
      "with the class, not an input it maps exactly there.",
      format_number(diff, shown_decimals()), format_number(a[w], shown_decimals()),
      format_number(wanted[w], shown_decimals()));
  t.steps.push_back(std::move(s));
}

}  // namespace

Trace run_backwards_query(const std::string& lesson_id, const BackwardsQueryNumbers& n) {
  Trace trace{lesson_id, {}};
  const Vec wanted = query_targets(n.wanted, n.W.back().dim(0));
  Vec y = wanted;
  for (int L = int(n.W.size()); L >= 1; --L) y = undo_layer(n.W[std::size_t(L - 1)], y, L, trace);
  check(n, y, wanted, trace);
  return trace;
}

}  // namespace neurostep
