// plot_layout.h — where a step's plots go on screen: in the lesson view, a column of rows of one or
// two plots that takes up the height a tall screen leaves; in presentation mode, a grid that fills
// its box. Each plot is drawn by draw_figure (plot_view.h); this only decides sizes.
#pragma once

#include <vector>

#include "figure/figure.h"
#include "gui/ui_actions.h"

namespace neurostep {

// Rows of one plot, or two side by side: maps (square cells, no axes) when each gets 16 lines of
// text in width, any plots when each gets 28 (a wide screen). Plots with axes grow (up to half
// again) into the height left below them.
void draw_plot_column(const std::vector<Figure>& figures, UiActions& actions);

// How `count` plots share a `width` × `height` box: the columns and rows that give the smallest
// plot the most room, a plot being best about 4:3, and none narrower than `min_width` (unless one
// column already is).
struct PlotGrid {
  int cols = 1, rows = 1;
};
PlotGrid plot_grid(int count, float width, float height, float min_width = 0);

// The size of every plot in that grid in a `width` × `height` box (`gap` between plots, text `font`
// high). A map (no axes, one unit equally long on both axes: a matrix, the network graph) is given
// at least the height its shape asks at kMapMinWidth lines of text wide, so its labels keep the room
// they were laid out for; its row grows, and the plots scroll.
constexpr float kMapMinWidth = 28;
struct PlotBox {
  float width, height;
};
struct PlotGridBoxes {
  int cols = 1;
  std::vector<PlotBox> boxes;  // per figure, row by row
};
PlotGridBoxes plot_grid_boxes(const std::vector<Figure>& figures, float width, float height, float font, float gap_x,
                              float gap_y);

// Every plot in the grid above, filling the space left in the current window; a plot never gets
// less than 18 lines of text in width nor 13 in height, so its labels stay legible (more plots
// than fit that way scroll).
void draw_plot_grid(const std::vector<Figure>& figures, UiActions& actions);

}  // namespace neurostep
