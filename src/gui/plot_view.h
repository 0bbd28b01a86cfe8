// plot_view.h — draws a Figure on screen: the shared layout of lessons/figure_painter.h through an
// ImGui draw-list painter, plus what only a screen has — a hover read-out of the nearest point,
// clicks on points that carry ids, a Save button at the right end of the title line
// (actions.files.export_what: ExportKind::Figure and its title), and the whole title on hover when
// it had to be shortened with "…" to leave the button room.
#pragma once

#include "gui/ui_actions.h"
#include "figure/figure.h"
#include "figure/figure_painter.h"

namespace neurostep {

// Returns where the plot area went (the playground maps its mouse clicks to the plane with it).
PlotArea draw_figure(const Figure& figure, float width, float height, UiActions& actions);

}  // namespace neurostep
