#include "lessons/engines/batch_norm_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace neurostep {

namespace ids = batch_norm_ids;

namespace {

// The latest value `name` at or before step `current`; nullptr if there is none yet.
const Value* latest(const Trace& t, int current, std::string_view name) {
  for (int i = current; i >= 0; --i)
    if (const Value* v = t.steps[static_cast<std::size_t>(i)].find(name)) return v;
  return nullptr;
}

// Each set's values side by side per channel (x = 1, 2, …; an (N, C) matrix or a (C) vector), one
// colour per set: how the spread of every channel changes. A missing set keeps its place and colour.
Figure channel_figure(std::string title, int C, const std::vector<std::pair<std::string, const Value*>>& sets) {
  Figure f{.title = std::move(title),
           .x = {"channel", 0.5, C + 0.5},
           .y = {"value", 0, 0},
           .legend = Corner::Below,
           .aspect = 0.7};
  for (int c = 1; c <= C; ++c) f.x.ticks.push_back(c);
  const double k = static_cast<double>(sets.size());
  for (std::size_t i = 0; i < sets.size(); ++i) {
    const Value* v = sets[i].second;
    if (!v) continue;
    const double offset = k > 1 ? 0.5 * (static_cast<double>(i) / (k - 1) - 0.5) : 0;  // −0.25 … 0.25
    Series s{.kind = Series::Kind::Scatter, .label = sets[i].first, .color = static_cast<Color>(i), .width = 4};
    for (std::size_t j = 0; j < v->data.size(); ++j) {
      s.x.push_back(static_cast<double>(j % static_cast<std::size_t>(C)) + 1 + offset);
      s.y.push_back(v->data[j]);
    }
    f.series.push_back(std::move(s));
  }
  f.fit_axes(0.08);
  return f;
}

// Thin lines joining each element's point in the first two series of a channel_figure (the same
// sample in both).
void join_pairs(Figure& f) {
  if (f.series.size() < 2) return;
  const Series a = f.series[0], b = f.series[1];
  for (std::size_t j = 0; j < a.x.size() && j < b.x.size(); ++j)
    f.series.insert(
        f.series.begin(),
        {.kind = Series::Kind::Line, .x = {a.x[j], b.x[j]}, .y = {a.y[j], b.y[j]}, .color = Color::Gray, .width = 1});
}

// One line per channel over the batches seen, each with a dashed line at the value it approaches.
Figure curve_figure(std::string title, std::string label, const Value& curve, const std::vector<double>& target,
                    const std::string& target_label) {
  const int rows = curve.shape[0], C = curve.shape[1];
  Figure f{.title = std::move(title),
           .x = {"batches seen", 0, static_cast<double>(rows - 1)},
           .y = {std::move(label), 0, 0},
           .legend = Corner::Below};
  for (int c = 0; c < C; ++c) {
    Series line{.kind = Series::Kind::Line, .label = fmt::format("channel {}", c + 1), .color = static_cast<Color>(c)};
    for (int b = 0; b < rows; ++b) {
      line.x.push_back(b);
      line.y.push_back(curve.data[static_cast<std::size_t>(b * C + c)]);
    }
    f.series.push_back(std::move(line));
  }
  for (int c = 0; c < C; ++c) {
    const double v = target[static_cast<std::size_t>(c)];
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {0.0, rows - 1.0},
                        .y = {v, v},
                        .color = static_cast<Color>(c),
                        .width = 1,
                        .dashed = true});
  }
  f.series.push_back({.kind = Series::Kind::Line,
                      .label = target_label,
                      .color = Color::Gray,
                      .width = 1,
                      .dashed = true});  // legend only
  f.fit_axes(0.08);
  f.y.min = std::min(f.y.min, 0.0);
  return f;
}

// The heatmaps of a step, each added only when its value exists (diverging colours).
struct Heatmaps {
  std::vector<Figure>& figs;
  Figure* add(const std::string& title, const Value* v) {
    if (!v) return nullptr;
    figs.push_back(matrix_figure(title, v->data, v->shape[0], v->shape[1], /*diverging=*/true));
    return &figs.back();
  }
};

// What a figure of step `current` reads: the trace, the step, the latest value of a name so far.
struct StepView {
  const Trace& trace;
  int current;
  const Step& s;
  const Value* at(std::string_view name) const { return latest(trace, current, name); }
};

// x, x̂ and y per channel and as heatmaps.
void forward_figures(const BatchNormNumbers& n, const StepView& v, std::vector<Figure>& figs) {
  const Value x{ids::kX, n.x.shape(), n.x.values()};
  figs.push_back(channel_figure("Each channel's values: x, then x̂, then y", n.x.dim(1),
                                {{"x", &x}, {"x̂", v.at(ids::kXHat)}, {"y", v.at(ids::kY)}}));
  Heatmaps heat{figs};
  heat.add("Batch x (row = sample)", &x);
  heat.add("x̂ = (x − μ)/√(σ² + ε)", v.at(ids::kXHat));
  heat.add("y = γ·x̂ + β", v.at(ids::kY));
}

// δ, x̂ (after ∂E/∂β) and ∂E/∂x so far, the current channel marked.
void backward_figures(const BatchNormNumbers& n, const StepView& v, std::vector<Figure>& figs) {
  const Value delta{ids::kDelta, n.upstream.shape(), n.upstream.values()};
  const std::string& id = v.s.id;
  Heatmaps heat{figs};
  heat.add("δ = ∂E/∂y", &delta);
  if (id != ids::kBackwardBeta) heat.add("x̂", v.at(ids::kXHat));
  for (int c = 1; c <= n.x.dim(1); ++c)
    if (id == ids::backward_x(c))
      if (Figure* f = heat.add("∂E/∂x so far", v.s.find(ids::kDX))) add_window(*f, 0, c - 1, n.x.dim(0), 1);
}

// The batch's μ and σ² beside the running ones.
void running_figures(int C, const StepView& v, std::vector<Figure>& figs) {
  const Step& s = v.s;
  figs.push_back(
      channel_figure("μ per channel", C, {{"batch μ", v.at(ids::kMean)}, {"running μ", s.find(ids::kRunningMean)}}));
  figs.push_back(channel_figure("σ² per channel", C,
                                {{"batch σ² (÷N)", v.at(ids::kVariance)},
                                 {"unbiased σ² (÷(N − 1))", s.find(ids::kUnbiasedVariance)},
                                 {"running σ²", s.find(ids::kRunningVar)}}));
  figs.back().y.min = 0;
}

// The running statistics batch by batch, approaching the batch's.
void more_batches_figures(const StepView& v, std::vector<Figure>& figs) {
  figs.push_back(curve_figure("Running μ per batch", "running μ", *v.s.find(ids::kRunningMeanCurve),
                              v.at(ids::kMean)->data, "the batch's μ"));
  figs.push_back(curve_figure("Running σ² per batch", "running σ²", *v.s.find(ids::kRunningVarCurve),
                              v.at(ids::kUnbiasedVariance)->data, "the batch's unbiased σ²"));
}

// y in training beside y in inference.
void inference_figures(int C, const Step& s, std::vector<Figure>& figs) {
  figs.push_back(channel_figure("y in training and in inference", C,
                                {{"training", s.find(ids::kYTrain)}, {"inference", s.find(ids::kYEval)}}));
  join_pairs(figs.back());
  Heatmaps heat{figs};
  heat.add("y in training", s.find(ids::kYTrain));
  heat.add("y in inference", s.find(ids::kYEval));
}

}  // namespace

std::vector<Figure> batch_norm_figures(const BatchNormNumbers& n, const Trace& trace, int current) {
  const StepView v{trace, current, trace.steps[static_cast<std::size_t>(current)]};
  const std::string& id = v.s.id;
  const int C = n.x.dim(1);
  std::vector<Figure> figs;
  if (id.rfind(ids::kForwardPrefix, 0) == 0) {
    forward_figures(n, v, figs);
  } else if (id.rfind(ids::kBackwardPrefix, 0) == 0) {
    backward_figures(n, v, figs);
  } else if (id == ids::kGradcheck) {
    Heatmaps heat{figs};
    heat.add("∂E/∂x, backward pass", v.at(ids::kDX));
    heat.add("Finite differences", v.s.find(ids::kNumericDX));
  } else if (id == ids::kRunning) {
    running_figures(C, v, figs);
  } else if (id == ids::kMoreBatches) {
    more_batches_figures(v, figs);
  } else if (id == ids::kInference || id == ids::kInferenceAfter) {
    inference_figures(C, v.s, figs);
  }
  return figs;
}

}  // namespace neurostep
