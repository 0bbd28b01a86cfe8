// cnn_walk_figures.cpp — the plots of each step of the cnn-walk lesson: the maps with the picked
// cell outlined, the classes, the kernels before and after, the error step by step.
#include "lessons/engines/cnn_walk_figures.h"

#include <fmt/format.h>

namespace neurostep::cnn_walk_figures {

namespace {

namespace ids = cnn_walk_ids;

// One figure per map of a (maps, side, side) value, in their order (a click never moves a map);
// the picked cell outlined on its own map.
void add_maps(std::vector<Figure>& figs, const std::string& title, const Value* v, bool diverging, ClickKind click,
              const MapCell* picked, int outline = 1) {
  if (!v) return;
  const int maps = v->shape[0], rows = v->shape[1], cols = v->shape[2];
  const std::size_t plane = static_cast<std::size_t>(rows * cols);
  for (int m = 0; m < maps; ++m) {
    const std::vector<double> values(v->data.begin() + static_cast<std::ptrdiff_t>(m * plane),
                                     v->data.begin() + static_cast<std::ptrdiff_t>((m + 1) * plane));
    Figure f = matrix_figure(fmt::format("{}, map {}", title, m + 1), values, rows, cols, diverging, rows <= 8);
    f.heatmaps[0].click_id = click_id(click, m);
    if (picked && picked->map == m) add_window(f, picked->row * outline, picked->col * outline, outline, outline);
    figs.push_back(std::move(f));
  }
}

Figure class_figure(const std::string& title, const std::string& y_label, const std::vector<double>& values, int picked,
                    int label) {
  Figure f{
      .title = title, .x = {"class (click one to pick it)", -0.5, 9.5}, .y = {y_label, 0, 0}, .legend = Corner::Below};
  Series s{.kind = Series::Kind::Line, .label = y_label, .color = Color::Blue};
  for (int k = 0; k < 10; ++k) {
    s.x.push_back(k);
    s.y.push_back(values[static_cast<std::size_t>(k)]);
    s.ids.push_back(click_id(kClassClick, 0) + k);
  }
  f.series.push_back(std::move(s));
  f.series.push_back(point_series(fmt::format("true class {}", label), label, values[static_cast<std::size_t>(label)],
                                  Color::Green, 7));
  f.series.push_back(point_series(fmt::format("picked class {}", picked), picked,
                                  values[static_cast<std::size_t>(picked)], Color::Orange, 5));
  f.fit_axes();
  f.x.min = -0.5;
  f.x.max = 9.5;
  return f;
}

Figure digit_figure(const Trace& trace, const std::string& title) {
  const Value* d = trace.find(ids::kSetup, ids::kDigit);
  return matrix_figure(title, d->data, d->shape[0], d->shape[1], false, false);
}

void forward_figures(const CnnWalkNumbers& n, const Trace& trace, const std::string& id, std::vector<Figure>& figs);
void backward_figures(const CnnWalkNumbers& n, const Trace& trace, const std::string& id, std::vector<Figure>& figs);

}  // namespace

std::vector<Figure> figures_of_step(const CnnWalkNumbers& n, const Trace& trace, int current) {
  const std::string& id = trace.steps[static_cast<std::size_t>(current)].id;
  std::vector<Figure> figs;
  const bool drawing = n.drawn && n.digit == n.images.dim(0) - 1;
  const int label = n.labels[static_cast<std::size_t>(n.digit)];
  if (id == ids::kSetup)
    figs.push_back(digit_figure(trace, drawing ? fmt::format("Your drawing, meant as a {}", label)
                                               : fmt::format("Image {} of the sample, a {}", n.digit, label)));
  else if (id.rfind(ids::kForwardPrefix, 0) == 0)
    forward_figures(n, trace, id, figs);
  else
    backward_figures(n, trace, id, figs);
  return figs;
}

namespace {

void forward_figures(const CnnWalkNumbers& n, const Trace& trace, const std::string& id, std::vector<Figure>& figs) {
  const int label = n.labels[static_cast<std::size_t>(n.digit)];
  if (id == ids::kForwardConv) {
    add_maps(figs, "Z = X ⋆ K + b", trace.find(id, ids::kZ), true, kConvClick, &n.conv_cell);
    Figure x = digit_figure(trace, "The digit X with the window");
    add_window(x, n.conv_cell.row, n.conv_cell.col, n.kernel(), n.kernel());
    figs.push_back(std::move(x));
    const int f = n.conv_cell.map, kk = n.kernel() * n.kernel();
    const std::vector<double> kernel(n.kernels.values().begin() + f * kk, n.kernels.values().begin() + (f + 1) * kk);
    figs.push_back(matrix_figure(fmt::format("Kernel K[{}]", f), kernel, n.kernel(), n.kernel(), true));
  } else if (id == ids::kForwardRelu) {
    add_maps(figs, "A = max(0, Z)", trace.find(id, ids::kA), false, kConvClick, &n.conv_cell);
  } else if (id == ids::kForwardPool) {
    const Value* A = trace.find(ids::kForwardRelu, ids::kA);
    add_maps(figs, "A with the window", A, false, kConvClick, &n.pool_cell, n.pool);
    add_maps(figs, "P = max-pool(A)", trace.find(id, ids::kP), false, kPoolClick, &n.pool_cell);
  } else if (id == ids::kForwardDense) {
    figs.push_back(
        class_figure("Weighted sums z (logits)", "z", trace.find(id, ids::kLogits)->data, n.class_cell, label));
    add_maps(figs, "P, the dense layer's input", trace.find(ids::kForwardPool, ids::kP), false, kPoolClick, nullptr);
  } else if (id == ids::kForwardSoftmax) {
    figs.push_back(class_figure("Probabilities ŷ = softmax(z)", "ŷ", trace.find(id, ids::kProbabilities)->data,
                                n.class_cell, label));
  }
}

void backward_figures(const CnnWalkNumbers& n, const Trace& trace, const std::string& id, std::vector<Figure>& figs) {
  const int label = n.labels[static_cast<std::size_t>(n.digit)];
  const int k = n.kernel();
  const auto kernels = [&](const std::string& title, const Value* v) {
    add_maps(figs, title, v, true, kKernelClick, &n.kernel_cell);
  };
  if (id == ids::kBackwardOutput) {
    figs.push_back(
        class_figure("δ = ŷ − y at the output", "δ", trace.find(id, ids::kDeltaOut)->data, n.class_cell, label));
  } else if (id == ids::kBackwardDense) {
    add_maps(figs, "δ_P = Wᵀδ", trace.find(id, ids::kDeltaP), true, kPoolClick, &n.pool_cell);
    const Value* dW = trace.find(id, ids::kDW);
    const int p = n.pooled_size(), inputs = n.dense_inputs();
    const auto row = dW->data.begin() + static_cast<std::ptrdiff_t>(n.class_cell * inputs);
    const Value dW_class{"dW", {n.filters(), p, p}, std::vector<double>(row, row + inputs)};
    add_maps(figs, fmt::format("∂E/∂W[{},·] = δ[{}]·p", n.class_cell, n.class_cell), &dW_class, true, kPoolClick,
             &n.pool_cell);
  } else if (id == ids::kBackwardPool) {
    add_maps(figs, "δ_A: δ_P routed to the winners", trace.find(id, ids::kDeltaA), true, kConvClick, &n.pool_cell,
             n.pool);
  } else if (id == ids::kBackwardRelu) {
    add_maps(figs, "δ_Z = δ_A·1[Z > 0]", trace.find(id, ids::kDeltaZ), true, kConvClick, &n.conv_cell);
  } else if (id == ids::kBackwardConv) {
    Figure x = digit_figure(
        trace, fmt::format("X under K[{},{},{}]", n.kernel_cell.map, n.kernel_cell.row, n.kernel_cell.col));
    add_window(x, n.kernel_cell.row, n.kernel_cell.col, n.conv_size(), n.conv_size());
    figs.push_back(std::move(x));
    kernels("∂E/∂K", trace.find(ids::kBackwardConv, ids::kDK));
  } else if (id == ids::kUpdate || id == ids::kTrain) {
    const Value before{"K", {n.filters(), k, k}, n.kernels.values()};
    kernels(id == ids::kUpdate ? "K after one step" : "K after training", trace.find(id, ids::kKAfter));
    kernels("K before", &before);
  }
  if (id == ids::kTrain) {
    std::vector<double> losses = {trace.find(ids::kUpdate, ids::kEBefore)->scalar()};
    for (double E : trace.find(id, ids::kLosses)->data) losses.push_back(E);
    Figure f{.title = "E on this digit, step by step", .x = {"gradient-descent steps taken", 0, 0}, .y = {"E", 0, 0}};
    Series s{.label = "E", .color = Color::Purple};
    for (std::size_t i = 0; i < losses.size(); ++i) {
      s.x.push_back(static_cast<double>(i));
      s.y.push_back(losses[i]);
    }
    f.series.push_back(std::move(s));
    f.fit_axes();
    f.y.min = 0;
    figs.insert(figs.begin(), std::move(f));
  }
}

}  // namespace

}  // namespace neurostep::cnn_walk_figures
