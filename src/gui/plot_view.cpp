#include "gui/plot_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "lessons/trace.h"

namespace neurostep {

namespace {

ImU32 to_u32(Rgb c, float alpha = 1) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha)); }

constexpr ImU32 kAxis = IM_COL32(170, 175, 185, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 22);
constexpr ImU32 kText = IM_COL32(215, 218, 224, 255);
constexpr ImU32 kPlotBg = IM_COL32(24, 26, 31, 255);

// Maps data coordinates to the screen rectangle [p0, p1].
struct Mapping {
  ImVec2 p0, p1;
  double x0, x1, y0, y1;
  ImVec2 operator()(double x, double y) const {
    return ImVec2(p0.x + static_cast<float>((x - x0) / (x1 - x0)) * (p1.x - p0.x),
                  p1.y - static_cast<float>((y - y0) / (y1 - y0)) * (p1.y - p0.y));
  }
  double data_x(float sx) const { return x0 + (sx - p0.x) / (p1.x - p0.x) * (x1 - x0); }
  double data_y(float sy) const { return y0 + (p1.y - sy) / (p1.y - p0.y) * (y1 - y0); }
};

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float width) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  const float dash = 6;
  for (float t = 0; t < len; t += 2 * dash) {
    const float t1 = std::min(len, t + dash);
    dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len), ImVec2(a.x + dx * t1 / len, a.y + dy * t1 / len), col, width);
  }
}

void draw_heatmap(ImDrawList* dl, const Heatmap& h, const Mapping& m) {
  const double cw = (h.x1 - h.x0) / h.cols, ch = (h.y1 - h.y0) / h.rows;
  for (int r = 0; r < h.rows; ++r)
    for (int c = 0; c < h.cols; ++c) {
      const double v = h.values[static_cast<std::size_t>(r * h.cols + c)];
      const ImVec2 a = m(h.x0 + c * cw, h.y1 - r * ch), b = m(h.x0 + (c + 1) * cw, h.y1 - (r + 1) * ch);
      dl->AddRectFilled(a, b, to_u32(heatmap_rgb(h, v)));
      if (h.show_values && std::isfinite(v)) {
        std::string text = fmt::format("{:.2g}", v);  // two significant digits fit most cells
        if (text.rfind('-', 0) == 0) text.replace(0, 1, "−");
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        if (size.x + 4 < b.x - a.x && size.y < b.y - a.y) {
          const Rgb bg = heatmap_rgb(h, v);
          const bool dark = 0.3f * bg.r + 0.59f * bg.g + 0.11f * bg.b < 0.5f;
          dl->AddText(ImVec2((a.x + b.x - size.x) / 2, (a.y + b.y - size.y) / 2),
                      dark ? IM_COL32_WHITE : IM_COL32(20, 20, 20, 255), text.c_str());
        }
      }
    }
}

}  // namespace

Rgb heatmap_rgb(const Heatmap& h, double value) {
  if (!std::isfinite(value)) return {0.5f, 0.5f, 0.5f};
  if (h.diverging) {
    const double extent = std::max(std::abs(h.min), std::abs(h.max));
    const float t = extent > 0 ? static_cast<float>(std::clamp(value / extent, -1.0, 1.0)) : 0.f;
    // blue (−) → white (0) → red (+)
    if (t < 0) return {1 + 0.85f * t, 1 + 0.55f * t, 1 + 0.2f * t};
    return {1 - 0.2f * t, 1 - 0.8f * t, 1 - 0.8f * t};
  }
  const float t = h.max > h.min ? static_cast<float>(std::clamp((value - h.min) / (h.max - h.min), 0.0, 1.0)) : 0.f;
  return {1 - 0.92f * t, 1 - 0.7f * t, 1 - 0.45f * t};  // white → deep blue
}

void draw_figure(const Figure& figure, float width, float height, UiActions& actions) {
  ImGui::PushID(figure.title.c_str());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float font = ImGui::GetFontSize();
  ImGui::InvisibleButton("plot", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();

  // Layout: title on top, tick labels left and below, axis labels outside them.
  const bool has_scale = !figure.heatmaps.empty() && !figure.heatmaps[0].scale_label.empty();
  const bool axes = figure.show_axes;
  ImVec2 p0(origin.x + (axes ? font * 4.2f : font * 0.5f), origin.y + font * (axes ? 2.9f : 1.8f));
  // A legend below the plot flows over as many rows as it needs.
  const bool legend_below = figure.legend == Corner::Below;
  auto legend_item_width = [&](const Series& s) { return font * 2.6f + ImGui::CalcTextSize(s.label.c_str()).x; };
  int legend_rows = 0;
  if (legend_below) {
    float x = width;
    for (const Series& s : figure.series) {
      if (s.label.empty()) continue;
      if (x + legend_item_width(s) > width - font * 4) {
        ++legend_rows;
        x = 0;
      }
      x += legend_item_width(s);
    }
  }
  ImVec2 p1(origin.x + width - font * (has_scale ? 4.5f : axes ? 1.0f : 0.5f),
            origin.y + height - font * (axes ? 3.0f : 0.5f) - legend_rows * (font + 4));
  double x0 = figure.x.min, x1 = figure.x.max, y0 = figure.y.min, y1 = figure.y.max;
  if (figure.equal_aspect) {  // shrink the plot area so one unit is as long on both axes
    const double sx = (p1.x - p0.x) / (x1 - x0), sy = (p1.y - p0.y) / (y1 - y0), s = std::min(sx, sy);
    const float w = static_cast<float>(s * (x1 - x0)), h = static_cast<float>(s * (y1 - y0));
    p0.x += (p1.x - p0.x - w) / 2;
    p1.x = p0.x + w;
    p1.y = p0.y + h;
  }
  const Mapping m{p0, p1, x0, x1, y0, y1};

  dl->PushClipRect(origin, ImVec2(origin.x + width - font * 4, origin.y + font * 1.5f), true);
  dl->AddText(ImVec2(origin.x + 2, origin.y + 2), kText, figure.title.c_str());
  dl->PopClipRect();
  dl->AddRectFilled(p0, p1, kPlotBg);
  dl->PushClipRect(p0, p1, true);
  for (const Heatmap& h : figure.heatmaps) draw_heatmap(dl, h, m);
  dl->PopClipRect();

  // Grid, ticks and tick labels.
  if (axes) {
  const auto xt = nice_ticks(x0, x1, std::max(2, static_cast<int>((p1.x - p0.x) / (font * 5))));
  const auto yt = nice_ticks(y0, y1, std::max(2, static_cast<int>((p1.y - p0.y) / (font * 2.5f))));
  const double xs = xt.size() > 1 ? xt[1] - xt[0] : 1, ys = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : xt) {
    const ImVec2 a = m(t, y0);
    dl->AddLine(ImVec2(a.x, p0.y), ImVec2(a.x, p1.y), kGrid);
    dl->AddLine(a, ImVec2(a.x, a.y + 4), kAxis);
    const std::string label = tick_label(t, xs);
    dl->AddText(ImVec2(a.x - ImGui::CalcTextSize(label.c_str()).x / 2, p1.y + 5), kText, label.c_str());
  }
  for (double t : yt) {
    const ImVec2 a = m(x0, t);
    dl->AddLine(ImVec2(p0.x, a.y), ImVec2(p1.x, a.y), kGrid);
    dl->AddLine(ImVec2(a.x - 4, a.y), a, kAxis);
    const std::string label = tick_label(t, ys);
    dl->AddText(ImVec2(p0.x - 7 - ImGui::CalcTextSize(label.c_str()).x, a.y - font / 2), kText, label.c_str());
  }
  dl->AddRect(p0, p1, kAxis);
  const ImVec2 xl = ImGui::CalcTextSize(figure.x.label.c_str());
  dl->AddText(ImVec2((p0.x + p1.x - xl.x) / 2, p1.y + font * 1.5f), kText, figure.x.label.c_str());
  dl->AddText(ImVec2(std::max(origin.x + 2, p0.x - ImGui::CalcTextSize(figure.y.label.c_str()).x / 2), p0.y - font * 1.3f),
              kText, figure.y.label.c_str());
  }

  // Series.
  dl->PushClipRect(p0, p1, true);
  for (const Series& s : figure.series) {
    const ImU32 col = to_u32(palette_rgb(s.color), s.kind == Series::Kind::Polygon ? s.alpha : 1);
    std::vector<ImVec2> pts;
    for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
      if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) pts.push_back(m(s.x[i], s.y[i]));
    switch (s.kind) {
      case Series::Kind::Polygon:
        if (pts.size() >= 3) dl->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), col);
        break;
      case Series::Kind::Line:
        if (s.dashed) {
          for (std::size_t i = 1; i < pts.size(); ++i) dashed_line(dl, pts[i - 1], pts[i], col, s.width);
        } else if (pts.size() >= 2) {
          dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), col, 0, s.width);
        }
        break;
      case Series::Kind::Scatter:
        if (s.width <= 0) break;  // invisible: only there to be clicked
        for (const ImVec2& p : pts) {
          dl->AddCircleFilled(p, s.width, col);
          dl->AddCircle(p, s.width, IM_COL32(0, 0, 0, 160));
        }
        break;
    }
  }
  for (const Annotation& a : figure.annotations) {
    const ImVec2 p = m(a.x, a.y);
    const ImVec2 size = ImGui::CalcTextSize(a.text.c_str());
    ImVec2 at = a.below ? ImVec2(p.x - size.x / 2, p.y + font * 0.8f) : ImVec2(p.x + 5, p.y - font - 2);
    if (!a.below && at.x + size.x > p1.x) at.x = p.x - 5 - size.x;  // keep it inside the plot
    dl->AddText(at, a.color == Color::Black ? kText : to_u32(palette_rgb(a.color)), a.text.c_str());
  }
  dl->PopClipRect();

  // Colour scale of the first heatmap.
  if (has_scale) {
    const Heatmap& h = figure.heatmaps[0];
    const float bx = p1.x + font * 0.8f, bw = font * 0.9f;
    const int steps = 48;
    const double lo = h.diverging ? -std::max(std::abs(h.min), std::abs(h.max)) : h.min;
    const double hi = h.diverging ? -lo : h.max;
    for (int i = 0; i < steps; ++i) {
      const float ya = p1.y - (p1.y - p0.y) * i / steps, yb = p1.y - (p1.y - p0.y) * (i + 1) / steps;
      dl->AddRectFilled(ImVec2(bx, yb), ImVec2(bx + bw, ya), to_u32(heatmap_rgb(h, lo + (hi - lo) * (i + 0.5) / steps)));
    }
    dl->AddRect(ImVec2(bx, p0.y), ImVec2(bx + bw, p1.y), kAxis);
    const std::string top = format_number(hi, 2), bottom = format_number(lo, 2);
    dl->AddText(ImVec2(bx, p0.y - font - 2), kText, top.c_str());
    dl->AddText(ImVec2(bx, p1.y + 2), kText, bottom.c_str());
  }

  // Legend, in the figure's corner inside the plot.
  float lw = 0;
  int count = 0;
  for (const Series& s : figure.series)
    if (!s.label.empty()) {
      lw = std::max(lw, ImGui::CalcTextSize(s.label.c_str()).x);
      ++count;
    }
  if (lw > 0 && legend_below) {
    const float left = origin.x + font * 4.2f;
    float lx = left, cy = p1.y + font * 3.5f;
    for (const Series& s : figure.series) {
      if (s.label.empty()) continue;
      if (lx > left && lx + legend_item_width(s) > origin.x + width) {
        lx = left;
        cy += font + 4;
      }
      const ImU32 col = to_u32(palette_rgb(s.color));
      if (s.kind == Series::Kind::Scatter) dl->AddCircleFilled(ImVec2(lx + font * 0.6f, cy), 4, col);
      else if (s.kind == Series::Kind::Polygon) dl->AddRectFilled(ImVec2(lx, cy - 5), ImVec2(lx + font * 1.2f, cy + 5), to_u32(palette_rgb(s.color), 0.5f));
      else dl->AddLine(ImVec2(lx, cy), ImVec2(lx + font * 1.2f, cy), col, 2);
      dl->AddText(ImVec2(lx + font * 1.6f, cy - font / 2), kText, s.label.c_str());
      lx += legend_item_width(s);
    }
  } else if (lw > 0) {
    const bool left = figure.legend == Corner::TopLeft || figure.legend == Corner::BottomLeft;
    const bool bottom = figure.legend == Corner::BottomLeft || figure.legend == Corner::BottomRight;
    const float lx = left ? p0.x + 10 : p1.x - lw - font * 2.4f;
    float ly = bottom ? p1.y - count * (font + 3) - 8 : p0.y + 6;
    dl->AddRectFilled(ImVec2(lx - 4, ly - 3), ImVec2(p1.x - 4, ly + count * (font + 3) + 2), IM_COL32(20, 22, 26, 220), 3);
    for (const Series& s : figure.series) {
      if (s.label.empty()) continue;
      const ImU32 col = to_u32(palette_rgb(s.color));
      const float cy = ly + font / 2;
      if (s.kind == Series::Kind::Scatter) dl->AddCircleFilled(ImVec2(lx + font * 0.6f, cy), 4, col);
      else if (s.kind == Series::Kind::Polygon) dl->AddRectFilled(ImVec2(lx, cy - 5), ImVec2(lx + font * 1.2f, cy + 5), to_u32(palette_rgb(s.color), 0.5f));
      else dl->AddLine(ImVec2(lx, cy), ImVec2(lx + font * 1.2f, cy), col, 2);
      dl->AddText(ImVec2(lx + font * 1.6f, ly), kText, s.label.c_str());
      ly += font + 3;
    }
  }

  // Hover read-out: the nearest point of any line or scatter series, else the cursor position.
  if (hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x >= p0.x && mouse.x <= p1.x && mouse.y >= p0.y && mouse.y <= p1.y) {
      float best = font * 1.2f;
      std::string text = fmt::format("({}, {})", format_number(m.data_x(mouse.x), 3), format_number(m.data_y(mouse.y), 3));
      for (const Series& s : figure.series) {
        if (s.kind == Series::Kind::Polygon) continue;
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
          const ImVec2 p = m(s.x[i], s.y[i]);
          const float d = std::hypot(p.x - mouse.x, p.y - mouse.y);
          if (d < best) {
            best = d;
            text = fmt::format("{}{}({}, {})", s.label, s.label.empty() ? "" : ": ", format_number(s.x[i], 4), format_number(s.y[i], 4));
          }
        }
      }
      for (const Heatmap& h : figure.heatmaps) {
        const double dx = m.data_x(mouse.x), dy = m.data_y(mouse.y);
        const int c = static_cast<int>((dx - h.x0) / (h.x1 - h.x0) * h.cols), r = static_cast<int>((h.y1 - dy) / (h.y1 - h.y0) * h.rows);
        if (c >= 0 && c < h.cols && r >= 0 && r < h.rows)
          text += fmt::format("\n{} [{}, {}] = {}", h.scale_label.empty() ? "cell" : h.scale_label, r, c,
                              format_number(h.values[static_cast<std::size_t>(r * h.cols + c)], 4));
      }
      ImGui::SetTooltip("%s", text.c_str());
    }
  }

  // A click on a point that carries an id goes to the lesson.
  if (clicked) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    float best = font * 1.2f;
    for (const Series& s : figure.series)
      for (std::size_t i = 0; i < s.ids.size() && i < s.x.size(); ++i) {
        const ImVec2 p = m(s.x[i], s.y[i]);
        const float d = std::hypot(p.x - mouse.x, p.y - mouse.y);
        if (d < best) {
          best = d;
          actions.figure_click = s.ids[i];
        }
      }
  }

  // The export hook: one place, for every plot.
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(origin.x + width - font * 3.6f, origin.y));
  if (ImGui::SmallButton("Save")) actions.export_what = figure.title;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export this plot");
  ImGui::SetCursorScreenPos(after);
  ImGui::PopID();
}

}  // namespace neurostep
