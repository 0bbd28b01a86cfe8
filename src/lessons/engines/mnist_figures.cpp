// mnist_figures.cpp — the plot of a step of the mnist lesson.
#include "lessons/engines/mnist_figures.h"

namespace neurostep {

// The parameters of each layer of the model shown, as bars.
std::vector<Figure> mnist_figures(const Trace& trace, int current) {
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  const Value* per_layer = s.find(mnist_ids::kLayerParams);
  if (!per_layer) return {};
  const int layers = static_cast<int>(per_layer->data.size());
  Figure f{.title = "Parameters per layer: " + s.title,
           .x = {"layer (1: the first)", 0.5, layers + 0.5},
           .y = {"parameters", 0, 0}};
  Series tops{
      .kind = Series::Kind::Scatter, .label = "weights + biases of the layer", .color = Color::Blue, .width = 4};
  for (int i = 0; i < layers; ++i) {
    const double p = per_layer->data[static_cast<std::size_t>(i)];
    f.series.push_back(
        {.kind = Series::Kind::Line, .x = {i + 1.0, i + 1.0}, .y = {0, p}, .color = Color::Blue, .width = 6});
    tops.x.push_back(i + 1);
    tops.y.push_back(p);
  }
  f.series.push_back(std::move(tops));
  f.fit_axes();
  f.x = {"layer (1: the first)", 0.5, layers + 0.5};
  f.y.min = 0;
  f.legend = Corner::Below;
  return {std::move(f)};
}

}  // namespace neurostep
