// cnn_walk.cpp — the steps of the cnn-walk lesson: the numbers of one pass (cnn_walk_numbers.h) →
// the trace, one function per phase; each picked cell's sum written out with its numbers.
#include "lessons/engines/cnn_walk.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/gradient_check.h"
#include "core/softmax.h"
#include "lessons/engines/cnn_walk_numbers.h"

namespace neurostep {

namespace {

using namespace cnn_walk_net;
namespace ids = cnn_walk_ids;

// One cell of a (1, F, h, w) map.
double at(const Tensor<double>& map, const MapCell& c) { return map.at(0, c.map, c.row, c.col); }

Value map_value(std::string name, const Tensor<double>& t) {
  return {std::move(name), {t.dim(1), t.dim(2), t.dim(3)}, t.values()};
}

// Maps, rows and columns counted from 1 as in the other lessons (Jäppinen 2024 counts so); classes are their digits
// 0–9.
std::string cell_name(const char* m, const MapCell& c) {
  return fmt::format("{}[{},{},{}]", m, c.map + 1, c.row + 1, c.col + 1);
}

// A long sum of products a·b written with its `shown` largest terms and the rest as one number:
// "{}·{} + {}·{} + … + {}" (the rest last). Zero products are left out.
void add_largest_products(Equation& e, const std::vector<std::pair<double, double>>& products, std::size_t shown) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < products.size(); ++i)
    if (products[i].first * products[i].second != 0) order.push_back(i);
  const auto size = [&](std::size_t i) { return std::abs(products[i].first * products[i].second); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return size(a) > size(b); });
  double rest = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto [a, b] = products[order[k]];
    if (k < shown)
      add_product(e, a, b);
    else
      rest += a * b;
  }
  if (order.size() > shown) {
    e.numbers += " + {}";
    e.args.push_back(rest);
  }
  if (e.args.empty()) e.numbers = "0";
}

std::string more_terms(std::size_t nonzero, std::size_t shown) {
  return nonzero > shown ? fmt::format(" ({} nonzero terms: the {} largest, then the other {} added up)", nonzero,
                                       shown, nonzero - shown)
                         : fmt::format(" ({} nonzero terms)", nonzero);
}

std::size_t count_nonzero(const std::vector<std::pair<double, double>>& products) {
  return static_cast<std::size_t>(
      std::count_if(products.begin(), products.end(), [](const auto& p) { return p.first * p.second != 0; }));
}

// ---- The phases of the lesson, one step each ----------------------------------------------------

Step setup_step(const CnnWalkNumbers& n) {
  const int s = n.images.dim(1), k = n.kernel(), F = n.filters(), c = n.conv_size(), p = n.pooled_size();
  const int conv_params = k * k * F + F, dense_params = n.dense_inputs() * kClasses + kClasses;
  Step st{.id = ids::kSetup, .group = "The network", .title = "One digit and the network it goes through"};
  st.equations = {
      {"conv output side = 28 − k + 1", "{} − {} + 1", {double(s), double(k)}, {double(c)}},
      {"conv parameters = k·k·1·F + F",
       "{}·{}·1·{} + {}",
       {double(k), double(k), double(F), double(F)},
       {double(conv_params)}},
      {"pooled side = ⌊conv side / p⌋", "⌊{} / {}⌋", {double(c), double(n.pool)}, {double(p)}},
      {"dense inputs = F·side·side", "{}·{}·{}", {double(F), double(p), double(p)}, {double(n.dense_inputs())}},
      {"dense parameters = inputs·10 + 10", "{}·10 + 10", {double(n.dense_inputs())}, {double(dense_params)}},
      {"all parameters", "{} + {}", {double(conv_params), double(dense_params)}, {double(conv_params + dense_params)}},
  };
  const Tensor<double> x = digit_input(n);
  st.values = {matrix_value(ids::kDigit, x.values(), s, s),
               scalar_value(ids::kLabel, digit_label(n)),
               Value{ids::kKernels, {F, k, k}, n.kernels.values()},
               vector_value(ids::kKernelBias, n.kernel_bias.values()),
               matrix_value(ids::kDenseW, n.dense_W.values(), kClasses, n.dense_inputs()),
               scalar_value(ids::kParameters, conv_params + dense_params)};
  const bool drawing = n.drawn && n.digit == n.images.dim(0) - 1;
  const std::string which = drawing ? fmt::format("your drawing, meant as a {}", digit_label(n))
                                    : fmt::format("image {} of the sample, a {}", n.digit, digit_label(n));
  st.note = fmt::format(
      "{0}×{0}×1 → conv {1}×{1}, {2} filters → {3}×{3}×{2} → ReLU → max-pool {4}×{4} → {5}×{5}×{2} → flatten → "
      "{6} → dense → 10 → softmax → 10 probabilities. The digit is {7}. Pooling and ReLU have no "
      "parameters; the dense layer's weights are drawn at random (Glorot uniform, seed {8}), the kernels "
      "are the lesson's, editable in the Numbers tab. Maps, rows and columns are counted from 1, "
      "as in the other lessons and the heatmaps' read-outs; a class is its digit, 0 to 9.",
      s, k, F, c, n.pool, p, n.dense_inputs(), which, n.seed);
  return st;
}

Step conv_step(const CnnWalkNumbers& n, const Tensor<double>& x, const WalkPass& w) {
  const MapCell c = n.conv_cell;
  const int k = n.kernel();
  Equation e{
      fmt::format("{} = Σᵢ Σⱼ X[{}+i, {}+j]·K[{},i,j] + b[{}]", cell_name("Z", c), c.row, c.col, c.map + 1, c.map + 1),
      "",
      {},
      {at(w.Z, c)}};
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) add_product(e, x.at(0, 0, c.row + i, c.col + j), n.kernels.at(c.map, 0, i, j));
  e.numbers += " + {}";
  e.args.push_back(n.kernel_bias[static_cast<std::size_t>(c.map)]);
  return {
      .id = ids::kForwardConv,
      .group = "Forward",
      .title = "Convolution: each filter slides over the digit",
      .equations = {e},
      .values = {map_value(ids::kZ, w.Z), scalar_value(ids::kZCell, at(w.Z, c))},
      .note = fmt::format(
          "Jäppinen 2024, eq. 59: each output cell is the {0}×{0} window of the digit times the kernel, added up; the "
          "core adds each filter's bias b (eq. 59 leaves it out). Click a cell of a map to see its sum.",
          k)};
}

Step relu_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const MapCell c = n.conv_cell;
  const auto zeros = std::count(w.A.values().begin(), w.A.values().end(), 0.0);
  return {.id = ids::kForwardRelu,
          .group = "Forward",
          .title = "ReLU: negative sums become 0",
          .equations = {{fmt::format("{} = max(0, {})", cell_name("A", c), cell_name("Z", c)),
                         "max(0, {})",
                         {at(w.Z, c)},
                         {at(w.A, c)}}},
          .values = {map_value(ids::kA, w.A), scalar_value(ids::kACell, at(w.A, c))},
          .note = fmt::format("{} of the {} cells are 0 after ReLU; they pass nothing on, forward or backward.", zeros,
                              w.A.size())};
}

// The top-left corner of pooling window `c` in A, and the winner's (row, col).
std::pair<MapCell, MapCell> pool_window(const CnnWalkNumbers& n, const WalkPass& w, const MapCell& c) {
  const int side = n.conv_size(), p = n.pooled_size();
  const int winner = w.winners.at(static_cast<std::size_t>((c.map * p + c.row) * p + c.col));
  return {{c.map, c.row * n.pool, c.col * n.pool}, {c.map, winner / side, winner % side}};
}

Step pool_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const MapCell c = n.pool_cell;
  const auto [corner, winner] = pool_window(n, w, c);
  Equation e{fmt::format("{} = max over the {}×{} window of A at [{},{}]", cell_name("P", c), n.pool, n.pool,
                         corner.row + 1, corner.col + 1),
             "max(",
             {},
             {at(w.P, c)}};
  for (int i = 0; i < n.pool; ++i)
    for (int j = 0; j < n.pool; ++j) {
      e.numbers += e.args.empty() ? "{}" : ", {}";
      e.args.push_back(w.A.at(0, c.map, corner.row + i, corner.col + j));
    }
  e.numbers += ")";
  return {
      .id = ids::kForwardPool,
      .group = "Forward",
      .title = "Max pooling: the largest value of each window",
      .equations = {e},
      .values = {map_value(ids::kP, w.P), scalar_value(ids::kPCell, at(w.P, c)),
                 vector_value(ids::kWinner, {double(winner.row), double(winner.col)})},
      .note = fmt::format(
          "Jäppinen 2024, eq. 74. The winner of this window is A[{},{},{}]; the backward pass will send this cell's "
          "gradient there and nowhere else in the window.",
          winner.map + 1, winner.row + 1, winner.col + 1)};
}

int flat_pool_index(const CnnWalkNumbers& n, const MapCell& c) {
  const int p = n.pooled_size();
  return (c.map * p + c.row) * p + c.col;
}

Step dense_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const int k = n.class_cell, inputs = n.dense_inputs();
  std::vector<std::pair<double, double>> products;
  for (int i = 0; i < inputs; ++i) products.emplace_back(n.dense_W.at(k, i), w.P[static_cast<std::size_t>(i)]);
  const std::size_t nonzero = count_nonzero(products), shown = 4;
  Equation e{
      fmt::format(
          "z[{0}] = Σᵢ W[{0},i]·pᵢ + b[{0}]  (below: the {1} largest of the {2} nonzero terms, the other {3} added up, "
          "and b[{0}])",
          k, std::min(shown, nonzero), nonzero, nonzero > shown ? nonzero - shown : 0),
      "",
      {},
      {w.logits[static_cast<std::size_t>(k)]}};
  add_largest_products(e, products, shown);
  e.numbers += " + {}";
  e.args.push_back(n.dense_b[static_cast<std::size_t>(k)]);
  return {.id = ids::kForwardDense,
          .group = "Forward",
          .title = "Dense layer: one weighted sum per class",
          .equations = {e},
          .values = {vector_value(ids::kLogits, w.logits.values()),
                     scalar_value(ids::kZClass, w.logits[static_cast<std::size_t>(k)])},
          .note = fmt::format(
              "The {} pooled values are flattened into one vector p; class {} adds them up with its own {} weights. "
              "{} of the inputs are 0 (ReLU and pooling), so only {} terms count. Click a class in the plot.",
              inputs, k, inputs, inputs - static_cast<int>(nonzero), nonzero)};
}

Step softmax_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const int k = n.class_cell, label = digit_label(n);
  Equation e{fmt::format("ŷ[{0}] = exp(z[{0}]) / Σⱼ exp(z[j])", k),
             "exp({}) / (",
             {w.logits[static_cast<std::size_t>(k)]},
             {w.probabilities[static_cast<std::size_t>(k)]}};
  for (int j = 0; j < kClasses; ++j) {
    e.numbers += j ? " + exp({})" : "exp({})";
    e.args.push_back(w.logits[static_cast<std::size_t>(j)]);
  }
  e.numbers += ")";
  const std::vector<double>& y = w.probabilities.values();
  const int prediction = static_cast<int>(std::max_element(y.begin(), y.end()) - y.begin());
  const double p_label = y[static_cast<std::size_t>(label)];
  return {
      .id = ids::kForwardSoftmax,
      .group = "Forward",
      .title = "Softmax and the error",
      .equations =
          {e, {fmt::format("E = −ln ŷ[{}]  (the probability of the true class)", label), "−ln {}", {p_label}, {w.E}}},
      .values = {vector_value(ids::kProbabilities, y), scalar_value(ids::kPrediction, prediction),
                 scalar_value(ids::kE, w.E)},
      .note = fmt::format(
          "The network says {} ({:.0f}%); the digit is a {}. Cross-entropy punishes a low probability for the true "
          "class (Creus & Picón, eq. 3).",
          prediction, 100 * y[static_cast<std::size_t>(prediction)], label)};
}

Step output_delta_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const int k = n.class_cell;
  const double y = k == digit_label(n) ? 1 : 0;
  Equation all{"δ = ŷ − y (for all 10 classes)", "(", {}, w.delta_out.values()};
  for (int c = 0; c < kClasses; ++c) {
    all.numbers += c ? ", {} − {}" : "{} − {}";
    all.args.insert(all.args.end(), {w.probabilities[static_cast<std::size_t>(c)], c == digit_label(n) ? 1.0 : 0.0});
  }
  all.numbers += ")";
  return {.id = ids::kBackwardOutput,
          .group = "Backward",
          .title = "The error at the output: δ = ŷ − y",
          .equations = {all,
                        {fmt::format("δ[{0}] = ŷ[{0}] − y[{0}]", k),
                         "{} − {}",
                         {w.probabilities[static_cast<std::size_t>(k)], y},
                         {w.delta_out[static_cast<std::size_t>(k)]}}},
          .values = {written_as(vector_value(ids::kDeltaOut, w.delta_out.values()), "δ[{}]", 0)},  // the classes 0–9
          .note =
              "Softmax and cross-entropy together have the simplest gradient there is (Creus & Picón, eq. 9): the "
              "predicted "
              "probabilities minus the one-hot target. Only the true class gets a negative δ."};
}

Step dense_backward_step(const CnnWalkNumbers& n, const WalkNet& net, const WalkPass& w) {
  const int k = n.class_cell, i = flat_pool_index(n, n.pool_cell);
  const double p_i = w.P[static_cast<std::size_t>(i)], dW = w.dW.at(k, i), dP = w.delta_P[static_cast<std::size_t>(i)];
  Equation back{fmt::format("{} = Σₖ W[k,{}]·δ[k]", cell_name("δ_P", n.pool_cell), i + 1), "", {}, {dP}};
  for (int c = 0; c < kClasses; ++c)
    add_product(back, net.dense().W.at(c, i), w.delta_out[static_cast<std::size_t>(c)]);
  return {.id = ids::kBackwardDense,
          .group = "Backward",
          .title = "Through the dense layer: its gradients and δ for the pooled map",
          .equations = {{fmt::format("∂E/∂W[{},{}] = δ[{}]·p[{}]", k, i + 1, k, i + 1),
                         "{}·{}",
                         {w.delta_out[static_cast<std::size_t>(k)], p_i},
                         {dW}},
                        {fmt::format("∂E/∂b[{0}] = δ[{0}]", k),
                         "{}",
                         {w.delta_out[static_cast<std::size_t>(k)]},
                         {w.db[static_cast<std::size_t>(k)]}},
                        back},
          .values = {matrix_value(ids::kDW, w.dW.values(), kClasses, n.dense_inputs()),
                     vector_value(ids::kDb, w.db.values()), scalar_value(ids::kDWCell, dW),
                     scalar_value(ids::kDbClass, w.db[static_cast<std::size_t>(k)]), map_value(ids::kDeltaP, w.delta_P),
                     scalar_value(ids::kDeltaPCell, dP)},
          .note =
              "Each weight's gradient is the δ of the class it feeds times the value it carries (0 for an input that "
              "is 0). "
              "Going back, every pooled cell collects the δ of all 10 classes through its weights: δ_P = Wᵀδ."};
}

std::string pool_backward_note(const CnnWalkNumbers& n, std::ptrdiff_t nonzero, std::size_t cells,
                               std::size_t switched_off) {
  const std::string head = fmt::format(
      "Jäppinen 2024, eqs. 72–76: ∂P/∂A is 1 for the cell that won the max and 0 for the others, so "
      "each pooled cell's δ lands on one cell of A. {} of the {} cells of δ_A are not 0",
      nonzero, cells);
  if (n.pool == 1) return head + ": with 1×1 pooling every cell is its own window, so δ_A is δ_P.";
  return head +
         fmt::format(
             "; {} of them won a window whose {}×{} = {} values are all 0 (a tie, which goes to the first cell, as "
             "in PyTorch) — ReLU removes those in the next step.",
             switched_off, n.pool, n.pool, n.pool * n.pool);
}

Step pool_backward_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const MapCell c = n.pool_cell;
  const MapCell winner = pool_window(n, w, c).second;
  const auto nonzero =
      std::count_if(w.delta_A.values().begin(), w.delta_A.values().end(), [](double v) { return v != 0; });
  std::size_t switched_off = 0;  // winners of all-zero windows (ReLU switched the whole window off)
  for (std::size_t i = 0; i < w.delta_A.size(); ++i) switched_off += w.delta_A[i] != 0 && w.A[i] == 0;
  return {
      .id = ids::kBackwardPool,
      .group = "Backward",
      .title = "Through max pooling: δ goes to each window's winner",
      .equations = {{fmt::format("{} = {}  (the winner of the window)", cell_name("δ_A", winner), cell_name("δ_P", c)),
                     "{}",
                     {at(w.delta_P, c)},
                     {at(w.delta_A, winner)}},
                    {"δ_A = 0 at the other cells of the window", "", {}, {}}},
      .values = {map_value(ids::kDeltaA, w.delta_A)},
      .note = pool_backward_note(n, nonzero, w.delta_A.size(), switched_off)};
}

Step relu_backward_step(const CnnWalkNumbers& n, const WalkPass& w) {
  const MapCell c = n.conv_cell;
  const double on = at(w.Z, c) > 0 ? 1 : 0;
  return {
      .id = ids::kBackwardRelu,
      .group = "Backward",
      .title = "Through ReLU: δ passes where the sum was positive",
      .equations = {{fmt::format("{} = {}·1[{} > 0]", cell_name("δ_Z", c), cell_name("δ_A", c), cell_name("Z", c)),
                     "{}·{}",
                     {at(w.delta_A, c), on},
                     {at(w.delta_Z, c)}}},
      .values = {map_value(ids::kDeltaZ, w.delta_Z)},
      .note =
          "ReLU′(z) is 1 for z > 0 and 0 otherwise: a cell that was switched off forward gets no gradient backward. "
          "δ_Z is the local gradient of the convolution's output (Jäppinen 2024, eq. 63)."};
}

Step conv_backward_step(const CnnWalkNumbers& n, const Tensor<double>& x, const WalkPass& w) {
  const MapCell c = n.kernel_cell;
  const int side = n.conv_size();
  std::vector<std::pair<double, double>> products, deltas;
  for (int m = 0; m < side; ++m)
    for (int q = 0; q < side; ++q) {
      products.emplace_back(w.delta_Z.at(0, c.map, m, q), x.at(0, 0, m + c.row, q + c.col));
      deltas.emplace_back(w.delta_Z.at(0, c.map, m, q), 1.0);
    }
  const std::size_t shown = 4;
  const double dK = w.dK.at(c.map, 0, c.row, c.col);
  Equation ek{fmt::format("∂E/∂K[{0},{1},{2}] = Σₘ Σₙ δ_Z[{0},m,n]·X[m+{3}, n+{4}]{5}", c.map + 1, c.row + 1, c.col + 1,
                          c.row, c.col, more_terms(count_nonzero(products), shown)),
              "",
              {},
              {dK}};
  add_largest_products(ek, products, shown);
  Equation eb{fmt::format("∂E/∂b[{0}] = Σₘ Σₙ δ_Z[{0},m,n]{1}", c.map + 1, more_terms(count_nonzero(deltas), shown)),
              "",
              {},
              {w.db_conv[static_cast<std::size_t>(c.map)]}};
  add_largest_products(eb, deltas, shown);
  return {.id = ids::kBackwardConv,
          .group = "Backward",
          .title = "The kernels' gradients: the digit correlated with δ",
          .equations = {ek, eb},
          .values = {Value{ids::kDK, {n.filters(), n.kernel(), n.kernel()}, w.dK.values()},
                     vector_value(ids::kDbConv, w.db_conv.values()), scalar_value(ids::kDKCell, dK)},
          .note =
              "Jäppinen 2024, eqs. 64–68: a kernel weight touched every window, so its gradient adds δ_Z·X over every "
              "output cell "
              "— a correlation of the digit with δ_Z. Click a kernel cell to see its sum. The digit itself is not "
              "trained, so "
              "∂E/∂X (eqs. 69–71) is not needed here."};
}

// The pooled cells whose window holds its maximum (above 0) more than once: kinks of E, where a
// nudge up and a nudge down pick different winners. (A window of zeros is no kink: ReLU passes nothing.)
std::vector<MapCell> tied_windows(const CnnWalkNumbers& n, const WalkPass& w) {
  std::vector<MapCell> tied;
  const int p = n.pooled_size();
  for (int m = 0; m < n.filters(); ++m)
    for (int r = 0; r < p; ++r)
      for (int q = 0; q < p; ++q) {
        const MapCell cell{m, r, q};
        int holders = 0;
        for (int i = 0; i < n.pool; ++i)
          for (int j = 0; j < n.pool; ++j) holders += w.A.at(0, m, r * n.pool + i, q * n.pool + j) == at(w.P, cell);
        if (at(w.P, cell) > 0 && holders > 1) tied.push_back(cell);
      }
  return tied;
}

// What the check shows: agreement, or where a kink (tied maxima, a sum exactly 0 at a ReLU) makes it meaningless.
std::string gradcheck_note(const std::vector<MapCell>& tied, std::ptrdiff_t zero_sums, double h, double worst_conv,
                           double worst_dense) {
  std::string note = fmt::format(
      "Each parameter is nudged by h = {} up and down and E recomputed from the digit. The largest relative "
      "difference from the backward pass is {} in the conv layer and {} in the dense layer. ",
      format_number(h, shown_decimals()), format_number(worst_conv, shown_decimals()),
      format_number(worst_dense, shown_decimals()));
  if (tied.empty() && zero_sums == 0)
    return note +
           "A check fails only at a kink — a sum exactly 0 at a ReLU, or a pooling window whose maximum is held twice "
           "— and "
           "there is none here, so the slopes agree.";
  std::string where;
  for (std::size_t i = 0; i < tied.size() && i < 4; ++i) where += (i ? ", " : "") + cell_name("P", tied[i]);
  if (tied.size() > 4) where += fmt::format(" and {} more", tied.size() - 4);
  if (!tied.empty())
    note += fmt::format("{} pooling window{} hold{} its maximum twice or more ({}). ", tied.size(),
                        tied.size() == 1 ? "" : "s", tied.size() == 1 ? "s" : "", where);
  if (zero_sums > 0)
    note += fmt::format("{} sum{} of Z {} exactly 0 at the ReLU. ", zero_sums, zero_sums == 1 ? "" : "s",
                        zero_sums == 1 ? "is" : "are");
  return note +
         "At such a kink E has one slope to the left and another to the right: the finite difference averages them "
         "while the "
         "backward pass takes one (a tie goes to the first cell, as in PyTorch), so for every parameter that reaches "
         "those "
         "cells the check is meaningless and a large difference there says nothing about the backward pass.";
}

// Finite differences of every kernel weight and bias, and of the dense weights with the largest
// gradients and every dense bias, against the backward pass.
Step gradcheck_step(const CnnWalkNumbers& n, const Tensor<double>& x, const WalkPass& w) {
  WalkNet probe(n);
  const int label = digit_label(n);
  const auto E = [&] { return loss_of(probe, x, label); };
  constexpr double h = 1e-6, floor = 1e-8;
  double worst_conv = 0, worst_dense = 0;
  for (std::size_t i = 0; i < probe.conv().W.size(); ++i)
    worst_conv = std::max(worst_conv, relative_difference(central_difference(probe.conv().W[i], h, E), w.dK[i], floor));
  for (std::size_t i = 0; i < probe.conv().b.size(); ++i)
    worst_conv =
        std::max(worst_conv, relative_difference(central_difference(probe.conv().b[i], h, E), w.db_conv[i], floor));
  std::vector<std::size_t> order(w.dW.size());
  std::iota(order.begin(), order.end(), 0);
  std::partial_sort(order.begin(), order.begin() + 10, order.end(),
                    [&](std::size_t a, std::size_t b) { return std::abs(w.dW[a]) > std::abs(w.dW[b]); });
  for (std::size_t k = 0; k < 10; ++k)
    worst_dense = std::max(
        worst_dense, relative_difference(central_difference(probe.dense().W[order[k]], h, E), w.dW[order[k]], floor));
  for (std::size_t i = 0; i < probe.dense().b.size(); ++i)
    worst_dense =
        std::max(worst_dense, relative_difference(central_difference(probe.dense().b[i], h, E), w.db[i], floor));
  const MapCell c = n.kernel_cell;
  const double fd = central_difference(probe.conv().W.at(c.map, 0, c.row, c.col), h, E);
  const int conv_count = static_cast<int>(probe.conv().W.size() + probe.conv().b.size());
  const std::vector<MapCell> tied = tied_windows(n, w);
  const auto zero_sums = std::count(w.Z.values().begin(), w.Z.values().end(), 0.0);  // sums at ReLU's kink
  const bool kinks = !tied.empty() || zero_sums > 0;
  return {.id = ids::kGradcheck,
          .group = "Check and update",
          .title = kinks ? "Finite differences against the backward pass, at a kink"
                         : "Finite differences agree with the backward pass",
          .equations = {{fmt::format("∂E/∂K[{},{},{}] ≈ (E(K + h) − E(K − h)) / 2h", c.map + 1, c.row + 1, c.col + 1),
                         "{} / (2·{})",
                         {fd * 2 * h, h},
                         {fd}},
                        {fmt::format("largest relative difference, conv layer ({} parameters)", conv_count),
                         "",
                         {},
                         {worst_conv}},
                        {"largest relative difference, dense layer (its 10 largest weight gradients and 10 biases)",
                         "",
                         {},
                         {worst_dense}}},
          .values = {scalar_value(ids::kMaxRelativeErrorConv, worst_conv),
                     scalar_value(ids::kMaxRelativeErrorDense, worst_dense)},
          .note = gradcheck_note(tied, zero_sums, h, worst_conv, worst_dense)};
}

Step update_step(const CnnWalkNumbers& n, WalkNet& net, const Tensor<double>& x, const WalkPass& w) {
  const MapCell c = n.kernel_cell;
  const double before = n.kernels.at(c.map, 0, c.row, c.col), grad = w.dK.at(c.map, 0, c.row, c.col);
  sgd_step(net, n.learning_rate);
  const double after = net.conv().W.at(c.map, 0, c.row, c.col);
  const double E_after = loss_of(net, x, digit_label(n));
  const std::size_t label = static_cast<std::size_t>(digit_label(n));
  const double p_after = softmax_rows(logits_of(net, x, Mode::Eval))[label];  // ŷ of the true class after the step
  return {
      .id = ids::kUpdate,
      .group = "Check and update",
      .title = "One gradient-descent step for every parameter",
      .equations = {{fmt::format("K[{0},{1},{2}] ← K[{0},{1},{2}] − η·∂E/∂K[{0},{1},{2}]", c.map + 1, c.row + 1,
                                 c.col + 1),
                     "{} − {}·{}",
                     {before, n.learning_rate, grad},
                     {after}},
                    {fmt::format("E before the step = −ln ŷ[{}]", label), "−ln {}", {w.probabilities[label]}, {w.E}},
                    {fmt::format("E after the step = −ln ŷ[{}] (the same digit forward again)", label),
                     "−ln {}",
                     {p_after},
                     {E_after}}},
      .values = {Value{ids::kKAfter, {n.filters(), n.kernel(), n.kernel()}, net.conv().W.values()},
                 scalar_value(ids::kEBefore, w.E), scalar_value(ids::kEAfter, E_after)},
      .note = fmt::format(
          "All {} parameters move against their gradient with η = {}; on this digit the error falls from {} to {}.",
          n.kernels.size() + n.kernel_bias.size() + n.dense_W.size() + n.dense_b.size(),
          format_number(n.learning_rate, shown_decimals()), format_number(w.E, shown_decimals()),
          format_number(E_after, shown_decimals()))};
}

Step train_step(const CnnWalkNumbers& n, WalkNet& net, const Tensor<double>& x, double E_after_first) {
  std::vector<double> losses = {E_after_first};
  for (int s = 0; s < n.train_steps; ++s) {
    forward_backward(net, x, digit_label(n));
    sgd_step(net, n.learning_rate);
    losses.push_back(loss_of(net, x, digit_label(n)));
  }
  const Tensor<double> logits = logits_of(net, x, Mode::Eval), y = softmax_rows(logits);
  const std::size_t label = static_cast<std::size_t>(digit_label(n));
  double norm = 0;  // Σⱼ e^zⱼ
  for (double z : logits.values()) norm += std::exp(z);
  // How far each layer's weights moved since the start, relative to their size: ‖W_after − W‖ / ‖W‖.
  const auto moved = [](const Tensor<double>& after, const Tensor<double>& before) {
    return (after.array() - before.array()).matrix().norm() / before.array().matrix().norm();
  };
  const double moved_K = moved(net.conv().W, n.kernels), moved_W = moved(net.dense().W, n.dense_W);
  const auto norm_of = [](const Tensor<double>& t) { return t.array().matrix().norm(); };
  const auto distance = [](const Tensor<double>& after, const Tensor<double>& before) {
    return (after.array() - before.array()).matrix().norm();
  };
  return {.id = ids::kTrain,
          .group = "Training",
          .title = fmt::format("{} more steps on the same digit", n.train_steps),
          .equations = {{fmt::format("ŷ[{0}] (the true class) after {1} more steps = e^z[{0}] / Σⱼ e^zⱼ", label,
                                     n.train_steps),
                         "e^{}/{}",
                         {logits[label], norm},
                         {y[label]}},
                        {fmt::format("E after {} more steps = −ln ŷ[{}]", n.train_steps, label),
                         "−ln {}",
                         {y[label]},
                         {losses.back()}},
                        {"how far the kernels moved: ‖K_after − K‖ / ‖K‖",
                         "{}/{}",
                         {distance(net.conv().W, n.kernels), norm_of(n.kernels)},
                         {moved_K}},
                        {"how far the dense weights moved: ‖W_after − W‖ / ‖W‖",
                         "{}/{}",
                         {distance(net.dense().W, n.dense_W), norm_of(n.dense_W)},
                         {moved_W}}},
          .values = {vector_value(ids::kLosses, losses),
                     Value{ids::kKAfter, {n.filters(), n.kernel(), n.kernel()}, net.conv().W.values()},
                     scalar_value(ids::kMovedK, moved_K), scalar_value(ids::kMovedW, moved_W)},
          .note = fmt::format(
              "Repeating forward, backward and update on one digit drives its error toward 0 — the network learns "
              "this one image (with a real data set each step takes a different batch, as the MNIST lesson does). "
              "Both layers learn: the kernels moved by {:.0f}% of their size, the dense weights by {:.0f}%.",
              100 * moved_K, 100 * moved_W)};
}

}  // namespace

Trace run_cnn_walk(const std::string& lesson_id, const CnnWalkNumbers& n) {
  Trace trace{lesson_id, {}};
  const Tensor<double> x = digit_input(n);
  WalkNet net(n);
  const WalkPass w = forward_backward(net, x, digit_label(n));
  trace.steps = {setup_step(n),
                 conv_step(n, x, w),
                 relu_step(n, w),
                 pool_step(n, w),
                 dense_step(n, w),
                 softmax_step(n, w),
                 output_delta_step(n, w),
                 dense_backward_step(n, net, w),
                 pool_backward_step(n, w),
                 relu_backward_step(n, w),
                 conv_backward_step(n, x, w),
                 gradcheck_step(n, x, w)};
  trace.steps.push_back(update_step(n, net, x, w));
  trace.steps.push_back(train_step(n, net, x, trace.steps.back().find(ids::kEAfter)->scalar()));
  return trace;
}

}  // namespace neurostep
