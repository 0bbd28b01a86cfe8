// plot_view.h — draws a Figure on screen: the shared layout of lessons/figure_painter.h through an
// ImGui draw-list painter, plus what only a screen has — a hover read-out of the nearest point,
// clicks on points that carry ids, and a Save button (actions.export_what = the figure's title).
#pragma once

#include "gui/ui_actions.h"
#include "figure/figure.h"

namespace neurostep {

void draw_figure(const Figure& figure, float width, float height, UiActions& actions);

}  // namespace neurostep
