// playground_figures.cpp — the plots of a step of the playground lesson: the playground's own
// (lessons/playground/playground_figures.h), and on a forward step each unit of its layer.
#include "lessons/engines/playground_figures.h"

#include "lessons/playground/playground_figures.h"

namespace neurostep {

std::vector<Figure> playground_step_figures(const Playground& pg, const Trace& trace, int current) {
  std::vector<Figure> figs = playground_figures(pg);
  const std::string& id = trace.steps.at(static_cast<std::size_t>(current)).id;
  const std::string forward = std::string(playground_ids::kForwardPrefix) + ".";
  if (id.rfind(forward, 0) == 0) {  // the layer's units over the plane, after the plane
    const int layer = std::stoi(id.substr(forward.size())) - 1;
    for (int u = 0; u < pg.training().net().units(layer); ++u)
      figs.insert(figs.begin() + 1 + u, unit_figure(pg, layer, u, false));
  }
  return figs;
}

}  // namespace neurostep
