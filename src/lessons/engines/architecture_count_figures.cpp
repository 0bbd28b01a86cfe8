// architecture_count_figures.cpp — the plot of a step of the architecture-count lesson.
#include "lessons/engines/architecture_count_figures.h"

namespace neurostep {

namespace ids = architecture_count_ids;

// The parameters of each layer of the architecture shown, as bars in millions; the step's own layer in orange.
std::vector<Figure> architecture_count_figures(const Trace& trace, int current) {
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[std::size_t(current)];
  const std::string name = s.id.substr(0, s.id.rfind('.'));
  const Value* per_layer = nullptr;
  int own = -1, index = 0;  // own: which bar is this step's layer (−1: none, the total)
  for (const Step& t : trace.steps) {
    if (t.id.rfind(name + ".", 0) != 0) continue;
    if (&t == &s && t.find(ids::kInShape)) own = index;
    if (t.find(ids::kInShape)) ++index;
    if (t.id == ids::total(name)) per_layer = t.find(ids::kLayerParams);
  }
  if (!per_layer) return {};
  const double layers = double(per_layer->data.size());
  Figure f{.title = "Parameters per layer: " + s.group,
           .x = {"layer with parameters (1: the first)", 0.5, layers + 0.5},
           .y = {"parameters (millions)", 0, 0}};
  for (std::size_t i = 0; i < per_layer->data.size(); ++i)
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {i + 1.0, i + 1.0},
                        .y = {0, per_layer->data[i] / 1e6},
                        .color = int(i) == own ? Color::Orange : Color::Blue,
                        .width = 6});
  f.fit_axes();
  f.x = {"layer with parameters (1: the first)", 0.5, layers + 0.5};
  f.y.min = 0;
  return {std::move(f)};
}

}  // namespace neurostep
