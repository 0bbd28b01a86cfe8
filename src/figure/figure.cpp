#include "figure/figure.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "figure/number_text.h"

namespace neurostep {

Rgb palette_rgb(Color c) {
  // The "tab10" palette: distinct, readable on white and on dark backgrounds, and for most colour-blind viewers.
  static constexpr Rgb kPalette[] = {{0.122f, 0.467f, 0.706f}, {1.000f, 0.498f, 0.055f}, {0.173f, 0.627f, 0.173f},
                                     {0.839f, 0.153f, 0.157f}, {0.580f, 0.404f, 0.741f}, {0.549f, 0.337f, 0.294f},
                                     {0.890f, 0.467f, 0.761f}, {0.498f, 0.498f, 0.498f}, {0.737f, 0.741f, 0.133f},
                                     {0.090f, 0.745f, 0.812f}, {0.100f, 0.100f, 0.100f}};
  return kPalette[static_cast<int>(c)];
}

void Figure::fit_axes(double margin) {
  auto fit = [&](Axis& axis, bool is_x) {
    if (axis.min != axis.max) return;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Series& s : series)
      for (double v : is_x ? s.x : s.y)
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
    for (const Heatmap& h : heatmaps) {
      lo = std::min({lo, is_x ? h.x0 : h.y0, is_x ? h.x1 : h.y1});
      hi = std::max({hi, is_x ? h.x0 : h.y0, is_x ? h.x1 : h.y1});
    }
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    const double pad = (hi - lo) * margin;
    axis.min = lo - pad;
    axis.max = hi + pad;
  };
  fit(x, true);
  fit(y, false);
}

Series function_series(std::string label, const std::function<double(double)>& f, double x0, double x1, Color color,
                       int n) {
  Series s{.kind = Series::Kind::Line, .label = std::move(label), .color = color};
  for (int i = 0; i < n; ++i) {
    const double x = x0 + (x1 - x0) * i / (n - 1);
    s.x.push_back(x);
    s.y.push_back(f(x));
  }
  return s;
}

Series point_series(std::string label, double x, double y, Color color, float radius) {
  return {
      .kind = Series::Kind::Scatter, .label = std::move(label), .x = {x}, .y = {y}, .color = color, .width = radius};
}

double figure_height(const Figure& f, double width, double font_size) {
  const bool scale_under_title = !f.show_axes && !f.heatmaps.empty() && !f.heatmaps[0].scale_label.empty();
  return width * f.aspect + (f.equal_aspect ? 3 * font_size : 0) + (scale_under_title ? font_size : 0) +
         (f.legend == Corner::Below ? 2 * font_size : 0);
}

ColourScale colour_scale(const std::vector<std::vector<double>>& maps, bool diverging) {
  double lo = 0, hi = 0;
  for (const auto& values : maps)
    for (double v : values)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi <= lo) hi = lo + 1;
  const double bound = std::max(-lo, hi);
  return diverging ? ColourScale{-bound, bound} : ColourScale{lo, hi};
}

Figure matrix_figure(std::string title, const std::vector<double>& values, int rows, int cols, bool diverging,
                     bool show_values) {
  Figure f{.title = std::move(title),
           .x = {"", 0, static_cast<double>(cols)},
           .y = {"", 0, static_cast<double>(rows)},
           .equal_aspect = true,
           .show_axes = false,
           .aspect = 0.8};
  const ColourScale scale = colour_scale({values}, diverging);
  f.heatmaps.push_back({.rows = rows,
                        .cols = cols,
                        .values = values,
                        .x0 = 0,
                        .x1 = static_cast<double>(cols),
                        .y0 = 0,
                        .y1 = static_cast<double>(rows),
                        .min = scale.min,
                        .max = scale.max,
                        .diverging = diverging,
                        .show_values = show_values,
                        .scale_label = "value"});
  return f;
}

void add_window(Figure& figure, int row, int col, int height, int width, Color color) {
  const double rows = figure.y.max;
  const double x0 = col, x1 = col + width, y1 = rows - row, y0 = rows - row - height;
  figure.series.push_back(
      {.kind = Series::Kind::Line, .x = {x0, x1, x1, x0, x0}, .y = {y0, y0, y1, y1, y0}, .color = color, .width = 3});
}

std::vector<double> nice_ticks(double min, double max, int target) {
  std::vector<double> ticks;
  if (!(max > min) || !std::isfinite(min) || !std::isfinite(max)) return ticks;
  const double raw = (max - min) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  for (double t = std::ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string tick_label(double value, double spacing) {
  int decimals = 0;
  while (decimals < 8 &&
         std::abs(spacing * std::pow(10.0, decimals) - std::round(spacing * std::pow(10.0, decimals))) > 1e-6)
    ++decimals;
  return format_number(value, decimals);
}

}  // namespace neurostep
