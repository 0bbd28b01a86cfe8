// playground.cpp — the steps of the playground lesson: the trace of the playground's next mini-batch step: the data,
// the network, the batch, a forward pass layer by layer, the loss, δ layer by layer, and the update.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "lessons/engines/activation_choice.h"
#include "lessons/engines/playground.h"
#include "lessons/engines/slip_reruns.h"
#include "lessons/framework/slips.h"

namespace neurostep {

namespace ids = playground_ids;

std::string playground_ids::forward(int l) { return fmt::format("{}.{}", kForwardPrefix, l); }
std::string playground_ids::backward(int l) { return fmt::format("{}.{}", kBackwardPrefix, l); }
std::string playground_ids::update(int l) { return fmt::format("{}.{}", kUpdatePrefix, l); }
std::string playground_ids::every_backward() { return fmt::format("{}.*", kBackwardPrefix); }
std::string playground_ids::weights(int l) { return fmt::format("W{}", l); }
std::string playground_ids::biases(int l) { return fmt::format("b{}", l); }

namespace {

constexpr int kTermsShown = 12;  // a sum of more terms shows its first and last ones

Value tensor_value(std::string name, const Tensor<double>& t) {
  if (t.rank() == 1) return vector_value(std::move(name), t.values());
  return matrix_value(std::move(name), t.values(), t.dim(0), t.dim(1));
}

std::string layer_name(int l, int layers) {
  return l + 1 == layers ? "the output layer" : fmt::format("layer {}", l + 1);
}
// "Layer 1", "The output layer": the start of a title.
std::string layer_title(int l, int layers) {
  std::string name = layer_name(l, layers);
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

// "a₁ + a₂ + … + a₁₂" numbers for the terms, or the first kTermsShown − 1, "…" and the last one.
void add_sum(Equation& e, const std::vector<double>& terms, const std::string& term = "{}") {
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (terms.size() > kTermsShown && i == kTermsShown - 1) {
      e.numbers += " + …";
      i = terms.size() - 1;
    }
    e.numbers += (e.args.empty() && i == 0 ? "" : " + ") + term;
    e.args.push_back(terms[i]);
  }
}

// The inputs of dense layer l (0-based): the features for the first, the layer before's a.
std::string input_symbol(const PlaygroundNetSpec& spec, int l, int k) {
  if (l == 0) return std::string(feature_label(spec.features[static_cast<std::size_t>(k)]));
  return "a" + subscript(k + 1) + superscript(l);
}

Step data_step(const Playground& pg) {
  const PointSet& set = pg.points();
  const int n = static_cast<int>(set.points.size()), test = test_count(set);
  Step s{.id = ids::kData, .group = "Setup"};
  s.title = set.regression ? fmt::format("The data: {} points with a value z", n)
                           : fmt::format("The data: {} points of {} classes", n, set.classes);
  Equation split{.symbols = "training : test", .numbers = "{} : {}", .args = {double(n - test), double(test)}};
  s.equations.push_back(split);
  std::vector<double> rows;
  for (const DataPoint& p : set.points)
    rows.insert(rows.end(), {p.x, p.y, set.regression ? p.target : double(p.label)});
  s.values = {matrix_value(ids::kPoints, rows, n, 3), scalar_value(ids::kTrainCount, n - test),
              scalar_value(ids::kTestCount, test)};
  s.note =
      "The test points (drawn hollow) are never trained on: how well the network does on them shows whether it learned "
      "the "
      "pattern or only the training points.";
  return s;
}

Step network_step(const Playground& pg) {
  const PlaygroundNet& net = pg.training().net();
  std::string shape;
  for (Feature f : net.spec().features) shape += (shape.empty() ? "" : ", ") + std::string(feature_label(f));
  for (int l = 0; l + 1 < net.layers(); ++l)
    shape += fmt::format(" → {} {}", net.units(l), activation_name(net.activation(l)));
  shape += net.spec().regression ? " → 1 value" : fmt::format(" → {} classes (softmax)", net.units(net.layers() - 1));
  Step s{.id = ids::kNetwork, .group = "Setup", .title = "The network: " + shape};
  for (int l = 0; l < net.layers(); ++l) {
    s.equations.push_back({.symbols = fmt::format("parameters of {} = (inputs + 1)·units", layer_name(l, net.layers())),
                           .numbers = "({} + 1)·{}",
                           .args = {double(net.inputs(l)), double(net.units(l))},
                           .result = {double((net.inputs(l) + 1) * net.units(l))}});
    s.values.push_back(tensor_value(ids::weights(l + 1), net.W(l)));
    s.values.push_back(tensor_value(ids::biases(l + 1), net.b(l)));
  }
  s.note = net.spec().regression ? "Each unit adds up its inputs times their weights plus its bias, then applies its "
                                   "activation; the output is one "
                                   "linear unit, its sum itself the prediction ŷ."
                                 : "Each unit adds up its inputs times their weights plus its bias, then applies its "
                                   "activation; the output layer's "
                                   "softmax turns its sums into class probabilities.";
  return s;
}

Step batch_step(const Playground& pg, const UpdateRecord& r) {
  const PlaygroundTraining& t = pg.training();
  const std::vector<Feature>& features = t.net().spec().features;
  const DataPoint& p = pg.points().points.at(static_cast<std::size_t>(r.batch.front()));
  Step s{.id = ids::kBatch, .group = "Forward"};
  s.title = fmt::format("Mini-batch of {} point{} (epoch {}, {} of its training points used so far)", r.batch.size(),
                        r.batch.size() == 1 ? "" : "s", t.epoch() + 1, t.batch_in_epoch());
  s.equations.push_back({.symbols = fmt::format("the first point, number {}: (x, y)", r.batch.front() + 1),
                         .numbers = "({}, {})",
                         .args = {p.x, p.y}});
  for (Feature f : features) {
    const std::string label(feature_label(f));
    const double v = feature_value(f, p.x, p.y);
    if (f == Feature::XSquared)
      s.equations.push_back({.symbols = label, .numbers = "{}²", .args = {p.x}, .result = {v}});
    if (f == Feature::YSquared)
      s.equations.push_back({.symbols = label, .numbers = "{}²", .args = {p.y}, .result = {v}});
    if (f == Feature::XY)
      s.equations.push_back({.symbols = label, .numbers = "{}·{}", .args = {p.x, p.y}, .result = {v}});
    if (f == Feature::SinX)
      s.equations.push_back({.symbols = label, .numbers = "sin({})", .args = {p.x}, .result = {v}});
    if (f == Feature::SinY)
      s.equations.push_back({.symbols = label, .numbers = "sin({})", .args = {p.y}, .result = {v}});
  }
  std::vector<double> numbers;
  for (int i : r.batch) numbers.push_back(i + 1);
  s.values = {vector_value(ids::kBatchPoints, numbers), tensor_value(ids::kX, r.pass.forward.input)};
  s.note = "The network sees the features of each point, not the point itself: features are computed, never learned.";
  return s;
}

Step forward_step(const PlaygroundNet& net, const UpdateRecord& r, int l) {
  const ForwardPass& f = r.pass.forward;
  const bool output = l + 1 == net.layers();
  const Tensor<double>& in = l == 0 ? f.input : f.a[static_cast<std::size_t>(l - 1)];
  const Tensor<double>& z = f.z[static_cast<std::size_t>(l)];
  const Tensor<double>& a = f.a[static_cast<std::size_t>(l)];
  const std::string act = output ? (net.spec().regression ? "ŷ = z" : "ŷ = softmax(z)")
                                 : fmt::format("a = {}(z)", activation_symbol(net.activation(l)));
  Step s{.id = ids::forward(l + 1), .group = "Forward"};
  s.title = fmt::format("{}: z = W·{} + b, {}", layer_title(l, net.layers()), l == 0 ? "x" : "a", act);
  double exp_sum = 0;
  for (int j = 0; j < z.dim(1); ++j) exp_sum += std::exp(z.at(0, j));
  for (int j = 0; j < z.dim(1); ++j) {
    Equation e{.symbols = "z" + subscript(j + 1) + " = "};
    for (int k = 0; k < in.dim(1); ++k) {
      e.symbols += fmt::format("w{}·{} + ", subscript(j + 1) + subscript(k + 1), input_symbol(net.spec(), l, k));
      add_product(e, r.W_before[static_cast<std::size_t>(l)].at(j, k), in.at(0, k));
    }
    e.symbols += "b" + subscript(j + 1);
    e.numbers += " + {}";
    e.args.push_back(r.b_before[static_cast<std::size_t>(l)][static_cast<std::size_t>(j)]);
    e.result = {z.at(0, j)};
    s.equations.push_back(std::move(e));
    if (!output)
      s.equations.push_back({.symbols = fmt::format("a{} = {}(z{})", subscript(j + 1),
                                                    activation_symbol(net.activation(l)), subscript(j + 1)),
                             .numbers = std::string(activation_symbol(net.activation(l))) + "({})",
                             .args = {z.at(0, j)},
                             .result = {a.at(0, j)}});
    else if (!net.spec().regression)
      s.equations.push_back({.symbols = fmt::format("ŷ{} = e^z{} / Σₖ e^zₖ", subscript(j + 1), subscript(j + 1)),
                             .numbers = "e^{} / {}",
                             .args = {z.at(0, j), exp_sum},
                             .result = {a.at(0, j)}});
  }
  s.values = {tensor_value(ids::kZ, z), tensor_value(ids::kA, a)};
  return s;
}

Step loss_step(const Playground& pg, const UpdateRecord& r) {
  const PlaygroundNet& net = pg.training().net();
  const Tensor<double>& yhat = r.pass.forward.a.back();
  const int n = yhat.dim(0);
  std::vector<double> per_point;
  Equation data{.symbols =
                    net.spec().regression ? "E_data = (1/N)·Σₙ (ŷₙ − tₙ)²" : "E_data = (1/N)·Σₙ −log ŷₙ[class of n]"};
  for (int i = 0; i < n; ++i) {
    const DataPoint& p = pg.points().points[static_cast<std::size_t>(r.batch[static_cast<std::size_t>(i)])];
    per_point.push_back(net.spec().regression ? std::pow(yhat.at(i, 0) - p.target, 2) : -std::log(yhat.at(i, p.label)));
  }
  add_sum(data, per_point);
  data.numbers = "(" + data.numbers + ") / {}";
  data.args.push_back(n);
  data.result = {r.pass.data_loss};
  // The title names no number: E is an exercise (Try it, worksheets).
  Step s{.id = ids::kLoss, .group = "Loss", .title = "The error of the batch: E = E_data + E_reg"};
  s.equations.push_back(std::move(data));
  const TrainSettings& t = pg.train_settings();
  if (t.regularization != Regularization::None) {
    const bool l1 = t.regularization == Regularization::L1;
    double size = 0;
    for (const Tensor<double>& W : r.W_before) size += l1 ? W.array().abs().sum() : W.array().square().sum();
    s.equations.push_back({.symbols = l1 ? "E_reg = λ·Σ|w|" : "E_reg = ½λ·Σw²",
                           .numbers = l1 ? "{}·{}" : "½·{}·{}",
                           .args = {t.lambda, size},
                           .result = {r.pass.penalty}});
  }
  s.equations.push_back({.symbols = "E = E_data + E_reg",
                         .numbers = "{} + {}",
                         .args = {r.pass.data_loss, r.pass.penalty},
                         .result = {r.pass.loss()}});
  s.values = {vector_value(ids::kPerPoint, per_point), scalar_value(ids::kEData, r.pass.data_loss),
              scalar_value(ids::kEReg, r.pass.penalty), scalar_value(ids::kE, r.pass.loss())};
  s.note = net.spec().regression ? "Each point's error is (ŷ − t)²; the batch's is their mean."
                                 : "Each point's error is −log of the probability the network gives its true class: 0 "
                                   "when it is sure and right, "
                                   "large when it is sure and wrong.";
  return s;
}

// A hidden layer's δ = f′(z)·(δ of the next layer)·W as slips work it (Step::reruns): another
// activation's derivative or f itself for f′, and — where W is square — W read where Wᵀ belongs.
void add_slip_reruns(Step& s, const Tensor<double>& z, const Tensor<double>& next, const Tensor<double>& W,
                     ActivationKind f) {
  const double p = Activation<double>::default_param(f);
  const auto rerun = [&](const Slope& slope, bool untransposed) {
    Tensor<double> d(Shape{z.dim(0), z.dim(1)});
    for (int row = 0; row < z.dim(0); ++row)
      for (int j = 0; j < z.dim(1); ++j) {
        double sum = 0;
        for (int k = 0; k < next.dim(1); ++k) sum += (untransposed ? W.at(j, k) : W.at(k, j)) * next.at(row, k);
        d.at(row, j) = slope(z.at(row, j)) * sum;
      }
    return std::vector<Value>{tensor_value(ids::kDelta, d)};
  };
  for (const SlopeSlip& slip : slope_slips(f, p, z.values())) s.reruns.push_back({slip.slip, rerun(slip.slope, false)});
  if (W.dim(0) == W.dim(1))
    s.reruns.push_back({untransposed_slip(), rerun([&](double x) { return activation_derivative(f, x, p); }, true)});
}

Step backward_step(const Playground& pg, const UpdateRecord& r, int l) {
  const PlaygroundNet& net = pg.training().net();
  const DataPoint& first = pg.points().points.at(static_cast<std::size_t>(r.batch.front()));
  const auto& delta = r.pass.delta;
  const Tensor<double>& d = delta[static_cast<std::size_t>(l)];
  const int n = d.dim(0);
  Step s{.id = ids::backward(l + 1), .group = "Backward"};
  if (l + 1 == net.layers()) {
    s.title = "δ at the output: how E changes with each output sum z";
    const Tensor<double>& yhat = r.pass.forward.a.back();
    for (int j = 0; j < d.dim(1); ++j) {
      if (net.spec().regression)
        s.equations.push_back({.symbols = "δ = 2(ŷ − t)/N",
                               .numbers = "2·({} − {})/{}",
                               .args = {yhat.at(0, 0), first.target, double(n)},
                               .result = {d.at(0, 0)}});
      else
        s.equations.push_back(
            {.symbols = fmt::format("δ{} = (ŷ{} − y{})/N", subscript(j + 1), subscript(j + 1), subscript(j + 1)),
             .numbers = "({} − {})/{}",
             .args = {yhat.at(0, j), first.label == j ? 1.0 : 0.0, double(n)},
             .result = {d.at(0, j)}});
    }
    s.note =
        net.spec().regression
            ? "For the squared error (ŷ − t)² the gradient is 2(ŷ − t), divided by N because E is the batch's mean."
            : "Softmax with cross-entropy has the simplest gradient there is: prediction minus target (y is 1 for the "
              "true class, "
              "0 for the others), divided by N because E is the batch's mean.";
  } else {
    const Tensor<double>& z = r.pass.forward.z[static_cast<std::size_t>(l)];
    const Tensor<double>& next = delta[static_cast<std::size_t>(l + 1)];
    const ActivationKind f = net.activation(l);
    const Tensor<double>& W = r.W_before[static_cast<std::size_t>(l + 1)];
    s.title = fmt::format("δ of layer {}: back through the weights and {}′", l + 1, activation_symbol(f));
    for (int j = 0; j < d.dim(1); ++j) {
      Equation e{.symbols = fmt::format("δ{} = {}′(z{})·Σₖ w{}·δₖ", subscript(j + 1), activation_symbol(f),
                                        subscript(j + 1), "ₖ" + subscript(j + 1))};
      e.args.push_back(activation_derivative(
          f, z.at(0, j), Activation<double>::default_param(f)));  // the layer's own slope (leaky ReLU: 0.01)
      Equation products;
      for (int k = 0; k < next.dim(1); ++k) add_product(products, W.at(k, j), next.at(0, k));
      e.numbers = "{}·(" + products.numbers + ")";
      e.args.insert(e.args.end(), products.args.begin(), products.args.end());
      e.result = {d.at(0, j)};
      s.equations.push_back(std::move(e));
    }
    s.note =
        "Each unit's δ gathers the δs of the units it feeds, weighted by the weights that carried its output there, "
        "and "
        "multiplies by the slope of its activation at its own z (the chain rule).";
    add_slip_reruns(s, z, next, W, f);
  }
  s.values = {tensor_value(ids::kDelta, d)};
  return s;
}

Step update_step(const Playground& pg, const UpdateRecord& r, int l) {
  const PlaygroundNet& net = pg.training().net();
  const TrainSettings& t = pg.train_settings();
  const Tensor<double>& g = r.pass.grad_W[static_cast<std::size_t>(l)];
  const Tensor<double>& d = r.pass.delta[static_cast<std::size_t>(l)];
  const Tensor<double>& in = l == 0 ? r.pass.forward.input : r.pass.forward.a[static_cast<std::size_t>(l - 1)];
  // The weight with the largest gradient: its sum written out.
  int j = 0, k = 0;
  for (int o = 0; o < g.dim(0); ++o)
    for (int i = 0; i < g.dim(1); ++i)
      if (std::abs(g.at(o, i)) > std::abs(g.at(j, k))) j = o, k = i;
  const double w = r.W_before[static_cast<std::size_t>(l)].at(j, k),
               w_after = r.W_after[static_cast<std::size_t>(l)].at(j, k);
  const std::string name = "w" + subscript(j + 1) + subscript(k + 1);
  Step s{.id = ids::update(l + 1), .group = "Update"};
  s.title = fmt::format("{}'s weights: ∂E/∂W and the update, written out for {} (the largest gradient)",
                        layer_title(l, net.layers()), name);
  Equation grad{.symbols =
                    fmt::format("∂E/∂{} = Σₙ δ{},ₙ·{},ₙ", name, subscript(j + 1), input_symbol(net.spec(), l, k))};
  for (int n = 0; n < d.dim(0) && n < kTermsShown; ++n) add_product(grad, d.at(n, j), in.at(n, k));
  if (d.dim(0) > kTermsShown) {
    double rest = 0;
    for (int n = kTermsShown; n < d.dim(0); ++n) rest += d.at(n, j) * in.at(n, k);
    grad.numbers += " + {}";
    grad.args.push_back(rest);
    grad.symbols += fmt::format(" (the last {} products added up)", d.dim(0) - kTermsShown);
  }
  if (t.regularization != Regularization::None) {
    grad.symbols += t.regularization == Regularization::L1 ? " + λ·sign(w)" : " + λ·w";
    grad.numbers += t.regularization == Regularization::L1 ? " + {}·{}" : " + {}·{}";
    grad.args.insert(grad.args.end(), {t.lambda, t.regularization == Regularization::L1 ? (w > 0   ? 1.0
                                                                                           : w < 0 ? -1.0
                                                                                                   : 0.0)
                                                                                        : w});
  }
  grad.result = {g.at(j, k)};
  s.equations.push_back(std::move(grad));
  if (r.optimizer == OptimizerKind::SGD)
    s.equations.push_back({.symbols = name + " ← " + name + " − η·∂E/∂" + name,
                           .numbers = "{} − {}·{}",
                           .args = {w, r.learning_rate, g.at(j, k)},
                           .result = {w_after}});
  else
    s.equations.push_back(
        {.symbols = fmt::format(
             "{} ← {} − Δ, {}'s step Δ from its running averages of ∂E/∂{} (see the gradient-descent lesson)", name,
             name, optimizer_title(r.optimizer), name),
         .numbers = "{} − {}",
         .args = {w, w - w_after},
         .result = {w_after}});
  s.values = {tensor_value(ids::kDW, g), tensor_value(ids::kDb, r.pass.grad_b[static_cast<std::size_t>(l)]),
              tensor_value(ids::kWAfter, r.W_after[static_cast<std::size_t>(l)]),
              tensor_value(ids::kBAfter, r.b_after[static_cast<std::size_t>(l)])};
  s.note =
      "A weight's gradient adds up, over the batch, the δ of the unit it feeds times the value it carries; the "
      "optimizer then "
      "moves the weight against it. Hover an edge of the network graph to see this for any weight.";
  return s;
}

Step progress_step(const Playground& pg) {
  const auto& history = pg.training().history();
  const Evaluation &train = pg.evaluate_training(), &test = pg.evaluate_test();
  Step s{.id = ids::kProgress, .group = "Progress"};
  const bool regression = pg.points().regression;
  s.title =
      regression
          ? fmt::format("After {} epochs: training loss {}, test loss {}", history.size(),
                        format_number(train.loss, shown_decimals()), format_number(test.loss, shown_decimals()))
          : fmt::format("After {} epochs: {} % right on the training points, {} % on the test points", history.size(),
                        format_number(100 * train.accuracy, 1), format_number(100 * test.accuracy, 1));
  s.equations.push_back({.symbols = "training loss", .numbers = "{}", .args = {train.loss}});
  s.equations.push_back({.symbols = "test loss", .numbers = "{}", .args = {test.loss}});
  std::vector<double> train_loss, test_loss, train_acc, test_acc;
  for (const EpochRecord& e : history) {
    train_loss.push_back(e.train.loss);
    test_loss.push_back(e.test.loss);
    train_acc.push_back(e.train.accuracy);
    test_acc.push_back(e.test.accuracy);
  }
  s.values = {vector_value(ids::kTrainLoss, train_loss), vector_value(ids::kTestLoss, test_loss),
              vector_value(ids::kTrainAccuracy, train_acc), vector_value(ids::kTestAccuracy, test_acc)};
  if (!regression && !test.confusion.empty()) {
    const int c = pg.points().classes;
    s.values.push_back(
        matrix_value(ids::kConfusion, std::vector<double>(test.confusion.begin(), test.confusion.end()), c, c));
  }
  s.note =
      "A training loss that keeps falling while the test loss rises is overfitting: the network learns the training "
      "points, "
      "not the pattern. Regularization (L1, L2), more points or a smaller network help.";
  return s;
}

}  // namespace

Trace run_playground(const std::string& lesson_id, const Playground& pg) {
  Trace trace{lesson_id, {data_step(pg), network_step(pg)}};
  if (training_count(pg.points()) == 0) {
    trace.steps.push_back({.id = ids::kBatch,
                           .group = "Forward",
                           .title = "No training points yet: add some in the plane (click) to train"});
    return trace;
  }
  const UpdateRecord& r = pg.preview_next_batch();
  const PlaygroundNet& net = pg.training().net();
  trace.steps.push_back(batch_step(pg, r));
  for (int l = 0; l < net.layers(); ++l) trace.steps.push_back(forward_step(net, r, l));
  trace.steps.push_back(loss_step(pg, r));
  for (int l = net.layers() - 1; l >= 0; --l) trace.steps.push_back(backward_step(pg, r, l));
  for (int l = 0; l < net.layers(); ++l) trace.steps.push_back(update_step(pg, r, l));
  trace.steps.push_back(progress_step(pg));
  return trace;
}

}  // namespace neurostep
