#include "gui/plot_view.h"

#include <imgui.h>

#include <cmath>
#include <optional>
#include <fmt/format.h>

#include "export/figure_renderer.h"
#include "figure/figure_painter.h"
#include "gui/theme.h"
#include "lessons/framework/trace.h"
#include "lessons/framework/withheld.h"

namespace neurostep {

namespace {

ImVec2 v(Point p) { return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y)); }
ImU32 u32(Rgba c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

// The Painter of the screen: ImGui's draw list of the current window.
class ImGuiPainter final : public Painter {
 public:
  explicit ImGuiPainter(ImDrawList* dl) : dl_(dl) {}
  double font_size() const override { return ImGui::GetFontSize(); }
  Point text_size(const std::string& text) override {
    const ImVec2 s = ImGui::CalcTextSize(text.c_str());
    return {s.x * scale_, s.y * scale_};
  }
  void set_text_scale(double scale) override { scale_ = scale; }
  void text(Point at, const std::string& text, Rgba color) override {
    dl_->AddText(ImGui::GetFont(), ImGui::GetFontSize() * static_cast<float>(scale_), v(at), u32(color), text.c_str());
  }
  void polyline(const std::vector<Point>& points, Rgba color, double width, bool dashed) override {
    if (!dashed) {
      std::vector<ImVec2> pts;
      for (const Point& p : points) pts.push_back(v(p));
      dl_->AddPolyline(pts.data(), static_cast<int>(pts.size()), u32(color), 0, static_cast<float>(width));
      return;
    }
    for (std::size_t i = 1; i < points.size(); ++i) {  // 6-pixel dashes
      const Point a = points[i - 1], b = points[i];
      const double dx = b.x - a.x, dy = b.y - a.y, len = std::hypot(dx, dy);
      for (double t = 0; t < len; t += 12) {
        const double t1 = std::min(len, t + 6);
        dl_->AddLine(v({a.x + dx * t / len, a.y + dy * t / len}), v({a.x + dx * t1 / len, a.y + dy * t1 / len}),
                     u32(color), static_cast<float>(width));
      }
    }
  }
  void polygon(const std::vector<Point>& points, Rgba fill) override {
    std::vector<ImVec2> pts;
    for (const Point& p : points) pts.push_back(v(p));
    dl_->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), u32(fill));
  }
  void rect(Point a, Point b, Rgba fill) override { dl_->AddRectFilled(v(a), v(b), u32(fill)); }
  void rect_outline(Point a, Point b, Rgba color, double width) override {
    dl_->AddRect(v(a), v(b), u32(color), 0, 0, static_cast<float>(width));
  }
  void circle(Point c, double r, Rgba fill, Rgba outline) override {
    dl_->AddCircleFilled(v(c), static_cast<float>(r), u32(fill));
    dl_->AddCircle(v(c), static_cast<float>(r), u32(outline));
  }
  void push_clip(Point a, Point b) override { dl_->PushClipRect(v(a), v(b), true); }
  void pop_clip() override { dl_->PopClipRect(); }

 private:
  ImDrawList* dl_;
  double scale_ = 1;
};

// The click id of the clickable heatmap cell under the data point (x, y), if any.
std::optional<int> clickable_cell(const Figure& figure, double x, double y) {
  for (const Heatmap& h : figure.heatmaps) {
    const int c = static_cast<int>(std::floor((x - h.x0) / (h.x1 - h.x0) * h.cols));
    const int r = static_cast<int>(std::floor((h.y1 - y) / (h.y1 - h.y0) * h.rows));
    if (h.click_id >= 0 && c >= 0 && c < h.cols && r >= 0 && r < h.rows) return h.click_id + r * h.cols + c;
  }
  return std::nullopt;
}

}  // namespace

PlotArea draw_figure(const Figure& figure, float width, float height, UiActions& actions) {
  ImGui::PushID(figure.title.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float font = ImGui::GetFontSize();
  ImGui::InvisibleButton("plot", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();
  ImGuiPainter painter(ImGui::GetWindowDrawList());
  // The Save button's width stays free at the right end of the title line.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float save_width = ImGui::CalcTextSize("Save").x + style.FramePadding.x * 2;
  const PlotArea m = paint_figure(figure, painter, {origin.x, origin.y}, width, height, screen_figure_theme(),
                                  save_width + style.ItemSpacing.x);

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool inside = mouse.x >= m.p0.x && mouse.x <= m.p1.x && mouse.y >= m.p0.y && mouse.y <= m.p1.y;
  // The nearest point (within a little more than a line of text) of any line or scatter series.
  auto nearest = [&](bool with_id_only, const Series** series, std::size_t* index) {
    double best = font * 1.2;
    for (const Series& s : figure.series) {
      if (s.kind == Series::Kind::Polygon || (with_id_only && s.ids.empty())) continue;
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
        if (with_id_only && i >= s.ids.size()) break;
        const Point p = m.to_screen(s.x[i], s.y[i]);
        const double d = std::hypot(p.x - mouse.x, p.y - mouse.y);
        if (d < best) {
          best = d;
          *series = &s;
          *index = i;
        }
      }
    }
  };
  const bool on_title =
      mouse.x >= m.title_p0.x && mouse.x <= m.title_p1.x && mouse.y >= m.title_p0.y && mouse.y <= m.title_p1.y;
  if (hovered && on_title && m.title_shortened) ImGui::SetTooltip("%s", figure.title.c_str());  // the whole title
  if (hovered && inside) {
    std::string text =
        fmt::format("({}, {})", format_number(m.data_x(mouse.x), 3), format_number(m.data_y(mouse.y), 3));
    const Series* s = nullptr;
    std::size_t i = 0;
    nearest(false, &s, &i);
    if (s && i < s->tips.size())
      text = s->tips[i];
    else if (s)
      text = fmt::format("{}{}({}, {})", s->label, s->label.empty() ? "" : ": ",
                         format_number(s->x[i], figure.decimals), format_number(s->y[i], figure.decimals));
    for (const Heatmap& h : figure.heatmaps) {
      const double dx = m.data_x(mouse.x), dy = m.data_y(mouse.y);
      const int c = static_cast<int>((dx - h.x0) / (h.x1 - h.x0) * h.cols),
                r = static_cast<int>((h.y1 - dy) / (h.y1 - h.y0) * h.rows);
      if (c >= 0 && c < h.cols && r >= 0 && r < h.rows) {
        const double v = h.values[static_cast<std::size_t>(r * h.cols + c)];
        if (!h.classes.empty())
          text += fmt::format("\nthe network says class {} here", static_cast<int>(std::floor(v)));
        else
          text +=
              fmt::format("\n{} [{}, {}] = {}", h.scale_label.empty() ? "cell" : h.scale_label, r + 1,
                          c + 1,  // counted from 1, as the lessons do
                          std::isnan(v) ? "not computed yet (a later step does)" : format_number(v, figure.decimals)) +
              (h.click_id >= 0 ? "  (click to pick this cell)" : "");
      }
    }
    ImGui::SetTooltip("%s", mask_read_out(text, figure).c_str());  // Try it: no asked number (withheld.h)
  }
  if (clicked && inside) {  // a click on a point that carries an id goes to the lesson
    const Series* s = nullptr;
    std::size_t i = 0;
    nearest(true, &s, &i);
    if (s)
      actions.numbers.figure_click = s->ids[i];
    else if (const auto cell = clickable_cell(figure, m.data_x(mouse.x), m.data_y(mouse.y)))
      actions.numbers.figure_click = *cell;
  }

  // The export hook: one place, for every plot.
  const ImVec2 after = ImGui::GetCursorScreenPos();
  // At the right end of the title line, which the title left free.
  ImGui::SetCursorScreenPos(ImVec2(origin.x + width - save_width, origin.y));
  if (ImGui::SmallButton("Save"))
    actions.files.export_what = ExportRequest{.kind = ExportKind::Figure, .figure = figure.title};
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Export this plot (%s)",
                      pdf_supported() ? "PNG, SVG, PDF, CSV" : "PNG, SVG, CSV; no PDF in the browser");
  ImGui::SetCursorScreenPos(after);
  ImGui::PopID();
  return m;
}

}  // namespace neurostep
