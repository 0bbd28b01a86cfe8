// plot_view.h — draws a Figure (lessons/figure.h) with ImGui's draw list: axes with round ticks,
// labels, legend, lines, markers, filled areas, heatmaps with their colour scale, and a hover
// read-out of the nearest point. The export button sets actions.export_what to the figure title.
#pragma once

#include "gui/ui_actions.h"
#include "lessons/figure.h"

struct ImVec2;

namespace neurostep {

void draw_figure(const Figure& figure, float width, float height, UiActions& actions);

// The colour of a heatmap value on its scale, as RGB in 0–1 (shared with the file renderers).
Rgb heatmap_rgb(const Heatmap& h, double value);

}  // namespace neurostep
