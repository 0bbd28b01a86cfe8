#include "lessons/playground/playground_explain.h"

#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "figure/number_text.h"
#include "lessons/framework/trace.h"

namespace neurostep {

namespace {

std::string unit_name(const PlaygroundNet& net, int layer, int unit) {
  if (layer + 1 == net.layers())
    return net.spec().regression ? "the output ŷ" : fmt::format("output {} (class {})", unit + 1, unit);
  return fmt::format("unit {} of layer {}", unit + 1, layer + 1);
}

std::string input_name(const PlaygroundNet& net, int layer, int in) {
  if (layer == 0) return std::string(feature_label(net.spec().features[static_cast<std::size_t>(in)]));
  return fmt::format("a of unit {} of layer {}", in + 1, layer);
}

// Appends " + term" or " − term" (`minus`) to a sum, the term being `first` then `rest`, a
// template whose "{}" are `more`. A negative first number gives its sign to the operator ("− −0.0052"
// is written "+ 0.0052", "+ −0.0052·0.3" is "− 0.0052·0.3"); the lessons' own rule
// (equation_numbers) parenthesises the negative numbers after an operator ("5.068e−6·(−0.0124)").
void add_term(Equation& e, bool minus, double first, std::string_view rest = "", std::vector<double> more = {}) {
  if (e.numbers.empty()) {
    if (minus) first = -first;
  } else {
    if (first < 0) {
      minus = !minus;
      first = -first;
    }
    e.numbers += minus ? " − " : " + ";
  }
  e.numbers += "{}";
  e.numbers += rest;
  e.args.push_back(first);
  e.args.insert(e.args.end(), more.begin(), more.end());
}

// "δ·a + δ·a + …" for the batch's products, at most 6 written out.
std::string products(const Tensor<double>& delta, const Tensor<double>& in, int out, int k, int p) {
  Equation sum;
  const int n = delta.dim(0);
  for (int i = 0; i < n && i < 6; ++i)
    add_term(sum, false, delta.at(i, out), k < 0 ? "·1" : "·{}",
             k < 0 ? std::vector<double>{} : std::vector<double>{in.at(i, k)});
  std::string text = equation_numbers(sum, p);
  if (n > 6) text += fmt::format(" + … ({} more)", n - 6);
  return text;
}

}  // namespace

std::string weight_explanation(const Playground& pg, int layer, int out, int in, int p) {
  const PlaygroundNet& net = pg.training().net();
  const TrainSettings& t = pg.train_settings();
  const bool bias = in < 0;
  const double w = bias ? net.b(layer)[static_cast<std::size_t>(out)] : net.W(layer).at(out, in);
  std::string text = bias ? fmt::format("bias of {}: b = {}", unit_name(net, layer, out), format_number(w, p))
                          : fmt::format("weight from {} to {}: w = {}", input_name(net, layer, in),
                                        unit_name(net, layer, out), format_number(w, p));
  if (training_count(pg.points()) == 0) return text + "\n(no training points: no gradient)";
  const UpdateRecord& next = pg.preview_next_batch();
  const auto l = static_cast<std::size_t>(layer);
  const Tensor<double>& delta = next.pass.delta[l];
  const Tensor<double>& a = layer == 0 ? next.pass.forward.input : next.pass.forward.a[l - 1];
  const double g = bias ? next.pass.grad_b[l][static_cast<std::size_t>(out)] : next.pass.grad_W[l].at(out, in);
  text +=
      fmt::format("\n\n∂E/∂{} for the next batch of {} = Σₙ δₙ × {} (δ of the unit it feeds × what it carries):\n  {}",
                  bias ? "b" : "w", delta.dim(0), bias ? "1" : "aₙ", products(delta, a, out, bias ? -1 : in, p));
  if (!bias && t.regularization != Regularization::None)
    text += fmt::format("\n  + {} = {}", t.regularization == Regularization::L1 ? "λ·sign(w)" : "λ·w",
                        format_number(regularization_derivative(t.regularization, t.lambda, w), p));
  text += fmt::format("\n  = {}", format_number(g, p));
  if (const UpdateRecord* last = pg.training().last_update()) {
    const double before = bias ? last->b_before[l][static_cast<std::size_t>(out)] : last->W_before[l].at(out, in);
    const double after = bias ? last->b_after[l][static_cast<std::size_t>(out)] : last->W_after[l].at(out, in);
    const double lg = bias ? last->pass.grad_b[l][static_cast<std::size_t>(out)] : last->pass.grad_W[l].at(out, in);
    Equation update;
    add_term(update, false, before);
    if (last->optimizer == OptimizerKind::SGD) {
      add_term(update, true, last->learning_rate, "·{}", {lg});
      text += fmt::format("\n\nlast update: w ← w − η·∂E/∂w = {} = {}", equation_numbers(update, p),
                          format_number(after, p));
    } else {
      add_term(update, true, before - after);
      text += fmt::format("\n\nlast update ({}): w ← {} = {} (its gradient was {})", optimizer_title(last->optimizer),
                          equation_numbers(update, p), format_number(after, p), format_number(lg, p));
    }
  }
  return text + "\n\nClick to type a new value.";
}

std::string unit_explanation(const Playground& pg, int layer, int unit, int point, int p) {
  const PlaygroundNet& net = pg.training().net();
  const BackwardPass pass = pg.explain_point(point);
  const auto l = static_cast<std::size_t>(layer);
  const Tensor<double>& in = layer == 0 ? pass.forward.input : pass.forward.a[l - 1];
  Equation sum;
  for (int k = 0; k < in.dim(1); ++k) add_term(sum, false, net.W(layer).at(unit, k), "·{}", {in.at(0, k)});
  add_term(sum, false, net.b(layer)[static_cast<std::size_t>(unit)]);
  const bool output = layer + 1 == net.layers();
  std::string text = fmt::format("{}, for point {}:\nz = {} = {}", unit_name(net, layer, unit), point + 1,
                                 equation_numbers(sum, p), format_number(pass.forward.z[l].at(0, unit), p));
  text += fmt::format("\n{} = {}",
                      output ? (net.spec().regression ? "ŷ = z" : "ŷ = softmax(z)")
                             : fmt::format("a = {}(z)", activation_name(net.activation(layer))),
                      format_number(pass.forward.a[l].at(0, unit), p));
  text += fmt::format("\nδ = ∂E/∂z for this point's own error = {}", format_number(pass.delta[l].at(0, unit), p));
  for (const UnitFlag& f : pg.unit_flags())
    if (f.layer == layer && f.unit == unit) text += "\n\n⚠ " + f.why;
  return text;
}

std::string place_explanation(const Playground& pg, int layer, int unit, double x, double y, int p) {
  const ForwardPass pass = pg.forward_at(x, y);
  const auto l = static_cast<std::size_t>(layer);
  return fmt::format("at ({}, {}) of its map: z = {}, {} = {}", format_number(x, 2), format_number(y, 2),
                     format_number(pass.z[l].at(0, unit), p), layer + 1 == pg.training().net().layers() ? "ŷ" : "a",
                     format_number(pass.a[l].at(0, unit), p));
}

std::string point_explanation(const Playground& pg, int point, int p) {
  const PlaygroundNet& net = pg.training().net();
  const DataPoint& dp = pg.points().points.at(static_cast<std::size_t>(point));
  const BackwardPass pass = pg.explain_point(point);
  std::string text = fmt::format(
      "Point {} at ({}, {}), {}{}", point + 1, format_number(dp.x, p), format_number(dp.y, p),
      pg.points().regression ? fmt::format("z = {}", format_number(dp.target, p)) : fmt::format("class {}", dp.label),
      dp.test ? ", a test point" : "");
  text += "\nfeatures:";
  for (std::size_t k = 0; k < net.spec().features.size(); ++k)
    text += fmt::format(" {} = {}", feature_label(net.spec().features[k]),
                        format_number(pass.forward.input.at(0, static_cast<int>(k)), p));
  for (int l = 0; l < net.layers(); ++l) {
    const auto& z = pass.forward.z[static_cast<std::size_t>(l)];
    const auto& a = pass.forward.a[static_cast<std::size_t>(l)];
    std::string zs, as;
    for (int j = 0; j < z.dim(1); ++j) {
      zs += (j ? ", " : "") + format_number(z.at(0, j), p);
      as += (j ? ", " : "") + format_number(a.at(0, j), p);
    }
    const bool output = l + 1 == net.layers();
    text += fmt::format("\n{}: z = ({}) → {} = ({})", output ? "output" : fmt::format("layer {}", l + 1), zs,
                        output ? "ŷ" : "a", as);
  }
  text += fmt::format("\nits error E = {}", format_number(pass.data_loss, p));
  return text;
}

std::vector<double> feature_map(Feature f, int resolution) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(resolution * resolution));
  const double cell = 2 * kPlaneExtent / resolution;
  for (int r = 0; r < resolution; ++r)
    for (int c = 0; c < resolution; ++c)
      out.push_back(feature_value(f, -kPlaneExtent + (c + 0.5) * cell, kPlaneExtent - (r + 0.5) * cell));
  return out;
}

}  // namespace neurostep
