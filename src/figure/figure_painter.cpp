#include "figure/figure_painter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figure/cell_label.h"
#include "figure/graph_layout.h"
#include "figure/number_text.h"

namespace neurostep {

FigureTheme FigureTheme::dark() {
  return {{0.11f, 0.12f, 0.14f}, {0.094f, 0.102f, 0.122f}, {0.67f, 0.69f, 0.73f},
          {1, 1, 1, 0.09f},      {0.84f, 0.85f, 0.88f},    {0.08f, 0.09f, 0.10f, 0.86f}};
}

FigureTheme FigureTheme::light() {
  return {{1, 1, 1}, {1, 1, 1}, {0.25f, 0.25f, 0.25f}, {0, 0, 0, 0.09f}, {0.1f, 0.1f, 0.1f}, {1, 1, 1, 0.88f}};
}

Point PlotArea::to_screen(double x, double y) const {
  return {p0.x + (x - x0) / (x1 - x0) * (p1.x - p0.x), p1.y - (y - y0) / (y1 - y0) * (p1.y - p0.y)};
}
double PlotArea::data_x(double sx) const { return x0 + (sx - p0.x) / (p1.x - p0.x) * (x1 - x0); }
double PlotArea::data_y(double sy) const { return y0 + (p1.y - sy) / (p1.y - p0.y) * (y1 - y0); }

Rgb heatmap_rgb(const Heatmap& h, double value) {
  if (!std::isfinite(value)) return {0.5f, 0.5f, 0.5f};
  if (!h.classes.empty()) {  // white mixed with the class's colour, 15 % (unsure) to 65 % (sure)
    const int k = std::clamp(static_cast<int>(std::floor(value)), 0, static_cast<int>(h.classes.size()) - 1);
    const float s = 0.15f + 0.5f * static_cast<float>(std::clamp(value - k, 0.0, 1.0));
    const Rgb c = palette_rgb(h.classes[static_cast<std::size_t>(k)]);
    return {1 - s * (1 - c.r), 1 - s * (1 - c.g), 1 - s * (1 - c.b)};
  }
  if (h.diverging) {
    const double extent = std::max(std::abs(h.min), std::abs(h.max));
    const float t = extent > 0 ? static_cast<float>(std::clamp(value / extent, -1.0, 1.0)) : 0.f;
    if (t < 0) return {1 + 0.85f * t, 1 + 0.55f * t, 1 + 0.2f * t};  // white → blue
    return {1 - 0.2f * t, 1 - 0.8f * t, 1 - 0.8f * t};               // white → red
  }
  const float t = h.max > h.min ? static_cast<float>(std::clamp((value - h.min) / (h.max - h.min), 0.0, 1.0)) : 0.f;
  return {1 - 0.92f * t, 1 - 0.7f * t, 1 - 0.45f * t};  // white → deep blue
}

namespace {

Rgba rgba(Rgb c, float a = 1) { return {c.r, c.g, c.b, a}; }

}  // namespace

namespace {

// Cells print their value as the math does (cell_label.h), shrunk to fit; a NaN cell — one a
// lesson has not computed yet at this step — shows a "·". A label too large even then is counted
// in m.hidden_labels (the screen shows every cell's value on hover).
void draw_heatmap(Painter& p, const Heatmap& h, int decimals, PlotArea& m) {
  const double cw = (h.x1 - h.x0) / h.cols, ch = (h.y1 - h.y0) / h.rows;
  const auto size = [&p](const std::string& t) {
    const Point s = p.text_size(t);
    return std::pair{s.x, s.y};
  };
  for (int r = 0; r < h.rows; ++r)
    for (int c = 0; c < h.cols; ++c) {
      const double v = h.values[static_cast<std::size_t>(r * h.cols + c)];
      const Point a = m.to_screen(h.x0 + c * cw, h.y1 - r * ch),
                  b = m.to_screen(h.x0 + (c + 1) * cw, h.y1 - (r + 1) * ch);
      // Cells overlap by half a unit so no hairline gaps show between them.
      if (!std::isnan(v)) p.rect(a, {b.x + 0.5, b.y + 0.5}, rgba(heatmap_rgb(h, v)));
      if (!h.show_values) continue;
      const CellLabel label = cell_label(v, decimals, b.x - a.x, b.y - a.y, size);
      m.hidden_labels += label.fits ? 0 : 1;
      if (label.text.empty() || !label.fits) continue;
      const Rgb bg = std::isnan(v) ? Rgb{1, 1, 1} : heatmap_rgb(h, v);
      const bool dark = 0.3f * bg.r + 0.59f * bg.g + 0.11f * bg.b < 0.5f;
      p.set_text_scale(label.scale);
      const Point s = p.text_size(label.text);
      p.text({(a.x + b.x - s.x) / 2, (a.y + b.y - s.y) / 2}, label.text,
             dark ? Rgba{1, 1, 1} : Rgba{0.08f, 0.08f, 0.08f});
      p.set_text_scale(1);
    }
}

void legend_swatch(Painter& p, const Series& s, double x, double cy, double font) {
  const Rgba col = rgba(palette_rgb(s.color));
  if (s.kind == Series::Kind::Scatter)
    p.circle({x + font * 0.6, cy}, 4, s.hollow ? Rgba{1, 1, 1, 0.85f} : col, col);
  else if (s.kind == Series::Kind::Polygon)
    p.rect({x, cy - 5}, {x + font * 1.2, cy + 5}, rgba(palette_rgb(s.color), 0.5f));
  else
    p.polyline({{x, cy}, {x + font * 1.2, cy}}, col, 2, s.dashed);
}

// What every part of a figure is painted with: the figure, the painter and theme, and the box it gets.
struct Canvas {
  const Figure& figure;
  Painter& p;
  const FigureTheme& theme;
  Point origin;
  double width;
  double font;
  Corner legend;  // where the legend goes: the figure's corner, another free one, or below the plot
};

bool has_colour_scale(const Figure& figure) {
  return !figure.heatmaps.empty() && !figure.heatmaps[0].scale_label.empty();
}

// A legend entry's width: its swatch, its label and the gap after it.
double legend_item_width(const Canvas& c, const Series& s) { return c.font * 2.6 + c.p.text_size(s.label).x; }

// Layout: a legend below the plot flows over as many rows as it needs.
int legend_rows_below(const Canvas& c) {
  int rows = 0;
  double x = c.width;
  for (const Series& s : c.figure.series) {
    if (s.label.empty()) continue;
    if (x + legend_item_width(c, s) > c.width - c.font * 4) {
      ++rows;
      x = 0;
    }
    x += legend_item_width(c, s);
  }
  return rows;
}

// Layout: the plot area inside the box, leaving room for the title, tick labels, colour scale and
// legend. The top label of a colour scale goes under the title line (so a title never runs into it).
PlotArea plot_area(const Canvas& c, double height) {
  const Figure& figure = c.figure;
  const double font = c.font;
  const bool axes = figure.show_axes, has_scale = has_colour_scale(figure);
  const int legend_rows = c.legend == Corner::Below ? legend_rows_below(c) : 0;
  Point p0{c.origin.x + (axes ? font * 4.2 : font * 0.5), c.origin.y + font * (axes ? 2.9 : has_scale ? 2.7 : 1.8)};
  Point p1{c.origin.x + c.width -
               font * (has_scale ? 4.5
                       : axes    ? 1.0
                                 : 0.5),
           c.origin.y + height -
               font * (axes        ? 3.0
                       : has_scale ? 2.8
                                   : 0.5) -
               legend_rows * (font + 4)};
  const double x0 = figure.x.min, x1 = figure.x.max, y0 = figure.y.min, y1 = figure.y.max;
  if (figure.equal_aspect) {  // shrink the plot area so one unit is as long on both axes
    const double s = std::min((p1.x - p0.x) / (x1 - x0), (p1.y - p0.y) / (y1 - y0));
    const double w = s * (x1 - x0), h = s * (y1 - y0);
    p0.x += (p1.x - p0.x - w) / 2;
    p1.x = p0.x + w;
    p1.y = p0.y + h;
  }
  return {p0, p1, x0, x1, y0, y1};
}

// The title (shortened to leave `reserve_right` free, if that is > 0), the plot's background and
// the heatmaps, under everything else.
void paint_title_and_heatmaps(const Canvas& c, PlotArea& m, double reserve_right) {
  Painter& p = c.p;
  const Point at{c.origin.x + 2, c.origin.y + 2};
  const double room = c.width - 2 - reserve_right;
  const std::string title = reserve_right > 0 ? shorten_to_width(c.figure.title, room, p) : c.figure.title;
  m.title_shortened = title != c.figure.title;
  const Point size = p.text_size(title);
  m.title_p0 = at;
  m.title_p1 = {at.x + std::min(size.x, room), at.y + size.y};
  p.push_clip(c.origin, {c.origin.x + c.width - reserve_right, c.origin.y + c.font * 1.5});
  p.text(at, title, c.theme.text);
  p.pop_clip();
  p.rect(m.p0, m.p1, c.theme.plot_background);
  p.push_clip(m.p0, m.p1);
  for (const Heatmap& h : c.figure.heatmaps) draw_heatmap(p, h, c.figure.decimals, m);
  p.pop_clip();
  if (!c.figure.show_axes && !c.figure.heatmaps.empty())
    p.rect_outline(m.p0, m.p1, c.theme.axis, 1);  // a matrix's edge
}

// Axes: grid, ticks, tick labels, axis labels.
void paint_axes(const Canvas& c, const PlotArea& m) {
  Painter& p = c.p;
  const FigureTheme& theme = c.theme;
  const Point p0 = m.p0, p1 = m.p1;
  const double font = c.font;
  const Figure& figure = c.figure;
  const auto xt = !figure.x.ticks.empty()
                      ? figure.x.ticks
                      : nice_ticks(m.x0, m.x1, std::max(2, static_cast<int>((p1.x - p0.x) / (font * 5))));
  const auto yt = !figure.y.ticks.empty()
                      ? figure.y.ticks
                      : nice_ticks(m.y0, m.y1, std::max(2, static_cast<int>((p1.y - p0.y) / (font * 2.5))));
  const double xs = xt.size() > 1 ? xt[1] - xt[0] : 1, ys = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : xt) {
    const Point a = m.to_screen(t, m.y0);
    p.polyline({{a.x, p0.y}, {a.x, p1.y}}, theme.grid, 1, false);
    p.polyline({a, {a.x, a.y + 4}}, theme.axis, 1, false);
    const std::string label = tick_label(t, xs);
    p.text({a.x - p.text_size(label).x / 2, p1.y + 5}, label, theme.text);
  }
  for (double t : yt) {
    const Point a = m.to_screen(m.x0, t);
    p.polyline({{p0.x, a.y}, {p1.x, a.y}}, theme.grid, 1, false);
    p.polyline({{a.x - 4, a.y}, a}, theme.axis, 1, false);
    const std::string label = tick_label(t, ys);
    p.text({p0.x - 7 - p.text_size(label).x, a.y - font / 2}, label, theme.text);
  }
  p.rect_outline(p0, p1, theme.axis, 1);
  p.text({(p0.x + p1.x - p.text_size(figure.x.label).x) / 2, p1.y + font * 1.5}, figure.x.label, theme.text);
  p.text({std::max(c.origin.x + 2, p0.x - p.text_size(figure.y.label).x / 2), p0.y - font * 1.3}, figure.y.label,
         theme.text);
}

// One series: a filled polygon, a line or scattered dots.
void paint_series(const Canvas& c, const PlotArea& m, const Series& s) {
  std::vector<Point> pts;
  for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
    if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) pts.push_back(m.to_screen(s.x[i], s.y[i]));
  const Rgba col = rgba(palette_rgb(s.color), s.kind == Series::Kind::Polygon ? s.alpha : 1);
  switch (s.kind) {
    case Series::Kind::Polygon:
      if (pts.size() >= 3) c.p.polygon(pts, col);
      break;
    case Series::Kind::Line:
      if (pts.size() >= 2) c.p.polyline(pts, col, s.width, s.dashed);
      break;
    case Series::Kind::Scatter:
      if (s.width > 0)  // width 0: invisible, only there to be clicked
        for (const Point& q : pts)
          c.p.circle(q, s.width, s.hollow ? Rgba{1, 1, 1, 0.85f} : col, s.hollow ? col : Rgba{0, 0, 0, 0.6f});
      break;
  }
}

// One annotation: a text beside (or below) its point.
void paint_annotation(const Canvas& c, const PlotArea& m, const Annotation& a) {
  const Point q = m.to_screen(a.x, a.y);
  const Point size = c.p.text_size(a.text);
  const Box box = annotation_box(q, size, a.below, c.font);
  Point at{box.x0, box.y0};
  // Keep it inside the plot: to the other side of its point where it would run over an edge.
  if (!a.below && at.x + size.x > m.p1.x) at.x = q.x - 5 - size.x;
  if (at.y < m.p0.y) at.y = q.y + 4;
  if (at.y + size.y > m.p1.y) at.y = q.y - size.y - 4;
  at.x = std::clamp(at.x, m.p0.x + 2, std::max(m.p0.x + 2, m.p1.x - size.x - 2));
  c.p.text(at, a.text, a.color == Color::Black ? c.theme.text : rgba(palette_rgb(a.color)));
}

// The colour scale of the first heatmap, right of the plot.
void paint_colour_scale(const Canvas& c, const PlotArea& m) {
  Painter& p = c.p;
  const Point p0 = m.p0, p1 = m.p1;
  const Heatmap& h = c.figure.heatmaps[0];
  const double bx = p1.x + c.font * 0.8, bw = c.font * 0.9;
  const int steps = 48;
  const double lo = h.diverging ? -std::max(std::abs(h.min), std::abs(h.max)) : h.min;
  const double hi = h.diverging ? -lo : h.max;
  for (int i = 0; i < steps; ++i) {
    const double ya = p1.y - (p1.y - p0.y) * i / steps, yb = p1.y - (p1.y - p0.y) * (i + 1) / steps;
    p.rect({bx, yb}, {bx + bw, ya + 0.5}, rgba(heatmap_rgb(h, lo + (hi - lo) * (i + 0.5) / steps)));
  }
  p.rect_outline({bx, p0.y}, {bx + bw, p1.y}, c.theme.axis, 1);
  // The ends as the cells print them, and under the scale what it shows.
  const double right = c.origin.x + c.width - 2;
  const std::string top = format_number(hi, c.figure.decimals);
  p.text({std::min(bx, right - p.text_size(top).x), p0.y - c.font - 2}, top, c.theme.text);
  p.text({bx, p1.y + 2}, format_number(lo, c.figure.decimals), c.theme.text);
  const std::string& label = h.scale_label;
  p.text({std::min(bx, right - p.text_size(label).x), p1.y + c.font + 6}, label, c.theme.text);
}

// The legend in rows below the plot, as many as legend_rows_below made room for.
void paint_legend_below(const Canvas& c, const PlotArea& m) {
  const double font = c.font, left = c.origin.x + font * 4.2;
  double lx = left, cy = m.p1.y + font * 3.5;
  for (const Series& s : c.figure.series) {
    if (s.label.empty()) continue;
    if (lx > left && lx + legend_item_width(c, s) > c.origin.x + c.width) {
      lx = left;
      cy += font + 4;
    }
    legend_swatch(c.p, s, lx, cy, font);
    c.p.text({lx + font * 1.6, cy - font / 2}, s.label, c.theme.text);
    lx += legend_item_width(c, s);
  }
}

// The legend in a corner inside the plot: `count` entries, the widest label `lw` wide.
// The box a legend of `count` entries, the widest `lw`, takes in `corner` of the plot.
struct LegendBox {
  Point a, b;
  bool contains(Point p) const { return p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y; }
};
LegendBox legend_box(const Canvas& c, const PlotArea& m, Corner corner, double lw, int count) {
  const bool left = corner == Corner::TopLeft || corner == Corner::BottomLeft;
  const bool bottom = corner == Corner::BottomLeft || corner == Corner::BottomRight;
  const double lx = left ? m.p0.x + 10 : m.p1.x - lw - c.font * 2.4;
  const double ly = bottom ? m.p1.y - count * (c.font + 3) - 8 : m.p0.y + 6;
  return {{lx - 4, ly - 3}, {lx + lw + c.font * 2.0, ly + count * (c.font + 3) + 2}};
}

// How much data a box would hide: the series' points and, along lines, points in between.
int data_under(const Canvas& c, const PlotArea& m, const LegendBox& box) {
  int hidden = 0;
  for (const Series& s : c.figure.series) {
    if (s.kind == Series::Kind::Polygon) continue;
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      const Point p = m.to_screen(s.x[i], s.y[i]);
      hidden += box.contains(p);
      if (s.kind == Series::Kind::Line && i + 1 < s.x.size())
        for (const double t : {0.25, 0.5, 0.75}) {
          const Point q = m.to_screen(s.x[i] + t * (s.x[i + 1] - s.x[i]), s.y[i] + t * (s.y[i + 1] - s.y[i]));
          hidden += box.contains(q);
        }
    }
  }
  for (const Annotation& a : c.figure.annotations) {  // its point and the ends of its first line of text
    const Point p = m.to_screen(a.x, a.y);
    const double w = c.p.text_size(a.text.substr(0, a.text.find('\n'))).x;
    for (const Point q : {p, Point{p.x + w, p.y - c.font}, Point{p.x + w / 2, p.y - c.font / 2}})
      hidden += 3 * box.contains(q);
  }
  return hidden;
}

// The widest legend label and the number of labelled series (0: no legend).
std::pair<double, int> legend_size(const Canvas& c) {
  double lw = 0;
  int count = 0;
  for (const Series& s : c.figure.series)
    if (!s.label.empty()) {
      lw = std::max(lw, c.p.text_size(s.label).x);
      ++count;
    }
  return {lw, count};
}

// The figure's corner for its legend unless that hides data; then the corner that hides least.
Corner legend_corner(const Canvas& c, const PlotArea& m, double lw, int count) {
  Corner best = c.figure.legend;
  int least = data_under(c, m, legend_box(c, m, best, lw, count));
  for (const Corner corner : {Corner::TopRight, Corner::TopLeft, Corner::BottomRight, Corner::BottomLeft}) {
    if (least == 0) break;
    const int hidden = data_under(c, m, legend_box(c, m, corner, lw, count));
    if (hidden < least) {
      least = hidden;
      best = corner;
    }
  }
  return best;
}

void paint_legend_in_corner(const Canvas& c, const PlotArea& m, double lw, int count) {
  const double font = c.font;
  const LegendBox box = legend_box(c, m, c.legend, lw, count);
  const double lx = box.a.x + 4;
  double ly = box.a.y + 3;
  c.p.rect(box.a, box.b, c.theme.legend_background);
  for (const Series& s : c.figure.series) {
    if (s.label.empty()) continue;
    legend_swatch(c.p, s, lx, ly + font / 2, font);
    c.p.text({lx + font * 1.6, ly}, s.label, c.theme.text);
    ly += font + 3;
  }
}

// The legend of the labelled series, if any: in a corner inside the plot, or in rows below it.
void paint_legend(const Canvas& c, const PlotArea& m) {
  const auto [lw, count] = legend_size(c);
  if (lw <= 0) return;
  if (c.legend == Corner::Below)
    paint_legend_below(c, m);
  else
    paint_legend_in_corner(c, m, lw, count);
}

}  // namespace

std::string shorten_to_width(const std::string& text, double width, Painter& painter) {
  return shorten_to_width(text, width, [&](const std::string& t) { return painter.text_size(t).x; });
}

std::string shorten_to_width(const std::string& text, double width,
                             const std::function<double(const std::string&)>& text_width) {
  if (text_width(text) <= width) return text;
  static const std::string kEllipsis = "…";
  std::size_t end = text.size();
  while (end > 0) {
    --end;  // back to the start of the previous UTF-8 character
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    std::size_t keep = end;  // no space or separator left dangling before the "…"
    while (keep > 0 && (text[keep - 1] == ' ' || text[keep - 1] == ',' || text[keep - 1] == ':')) --keep;
    std::string shorter = text.substr(0, keep) + kEllipsis;
    if (keep > 0 && text_width(shorter) <= width) return shorter;
  }
  return kEllipsis;
}

PlotArea paint_figure(const Figure& figure, Painter& p, Point origin, double width, double height,
                      const FigureTheme& theme, double reserve_right) {
  Canvas c{figure, p, theme, origin, width, p.font_size(), figure.legend};
  PlotArea m = plot_area(c, height);
  if (const auto [lw, count] = legend_size(c); c.legend != Corner::Below && lw > 0) {
    c.legend = legend_corner(c, m, lw, count);
    if (data_under(c, m, legend_box(c, m, c.legend, lw, count)) >
        0) {  // no corner is free: the legend goes below the plot
      c.legend = Corner::Below;
      m = plot_area(c, height);
    }
  }
  paint_title_and_heatmaps(c, m, reserve_right);
  if (figure.show_axes) paint_axes(c, m);
  // Series and annotations, clipped to the plot area.
  p.push_clip(m.p0, m.p1);
  for (const Series& s : figure.series) paint_series(c, m, s);
  for (const Annotation& a : figure.annotations) paint_annotation(c, m, a);
  p.pop_clip();
  if (has_colour_scale(figure)) paint_colour_scale(c, m);
  paint_legend(c, m);
  return m;
}

}  // namespace neurostep
