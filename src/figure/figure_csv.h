// figure_csv.h — a figure's data as CSV (what a spreadsheet or another plotting tool reads), and
// the file name a figure is saved under. The graphics formats (PNG, SVG, PDF) of the same figure
// come from a renderer (src/export/figure_files.h); this is the data.
#pragma once

#include <string>

#include "figure/figure.h"

namespace neurostep {

// One row per point: series,label,x,y; then one row per heatmap cell: heatmap,row,col,value.
std::string figure_csv(const Figure& figure);

// A CSV field, quoted when it holds a comma, a quote or a newline.
std::string csv_field(const std::string& s);

// "Decision line w₀ + w₁x₁" → "decision-line-w0-w1x1": a file name from a title.
std::string file_slug(const std::string& title);

}  // namespace neurostep
