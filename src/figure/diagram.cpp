// diagram.cpp — the labels of an architecture diagram, the choice of its layout, and its painting.
// The two layouts are diagram_blocks.cpp (CNNs) and diagram_graph.cpp (MLPs).
#include "figure/diagram.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figure/diagram_layout.h"

namespace neurostep {

std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string params_label(const DiagramLayer& layer) {
  std::string sum;
  for (const std::size_t p : layer.params) sum += (sum.empty() ? "" : " + ") + thousands(p);
  if (sum.empty()) return "";
  return sum + (layer.params.size() == 1 && layer.params[0] == 1 ? " parameter" : " parameters");
}

std::string total_label(std::size_t total) { return thousands(total) + " parameters in all"; }

std::string shape_label(const std::vector<int>& shape) {
  if (shape.size() == 3) return fmt::format("{}@{}×{}", shape[0], shape[1], shape[2]);
  std::size_t n = 1;
  for (const int d : shape) n *= static_cast<std::size_t>(d);
  return fmt::format("{} {}", thousands(n), n == 1 ? "unit" : "units");
}

double DiagramBuilder::width_of(const std::vector<std::string>& lines) const {
  double w = 0;
  for (const std::string& line : lines) w = std::max(w, measure(line).x);
  return w;
}

double DiagramBuilder::height_of(const std::vector<std::string>& lines) const {
  double h = 0;
  for (const std::string& line : lines) h += measure(line).y;
  return h;
}

double DiagramBuilder::centred(const std::vector<std::string>& lines, double x, double y) {
  for (const std::string& line : lines) {
    const Point size = measure(line);
    out.texts.push_back({{x - size.x / 2, y}, size, line, Align::Center});
    y += size.y;
  }
  return y;
}

double DiagramBuilder::left(const std::string& line, double x, double y) {
  const Point size = measure(line);
  out.texts.push_back({{x, y}, size, line, Align::Left});
  return size.x;
}

double DiagramBuilder::title() {
  left(diagram.title, kDiagramMargin, kDiagramMargin);
  return kDiagramMargin + measure(diagram.title).y;
}

void DiagramBuilder::finish(double right, double bottom) {
  const std::string total = total_label(diagram.total_params);
  const double total_w = left(total, kDiagramMargin, bottom + 10);
  out.width =
      std::max({right + kDiagramMargin, kDiagramMargin * 2 + measure(diagram.title).x, kDiagramMargin * 2 + total_w});
  out.height = bottom + 10 + measure(total).y + kDiagramMargin;
}

Color layer_color(DiagramLayer::Kind kind) {
  switch (kind) {
    case DiagramLayer::Kind::Input: return Color::Gray;
    case DiagramLayer::Kind::Conv: return Color::Blue;
    case DiagramLayer::Kind::Pool: return Color::Orange;
    case DiagramLayer::Kind::Pad: return Color::Gray;
    case DiagramLayer::Kind::Flatten: return Color::Green;
    case DiagramLayer::Kind::Dense: return Color::Purple;
  }
  return Color::Gray;
}

DiagramLayout layout_diagram(const NetworkDiagram& diagram, const MeasureText& measure) {
  DiagramLayout layout;
  DiagramBuilder b{diagram, measure, layout};
  if (diagram.graph)
    layout_graph(b);
  else
    layout_blocks(b);
  return layout;
}

Rgba rgba_of(Color c) {
  const Rgb rgb = palette_rgb(c);
  return {rgb.r, rgb.g, rgb.b, 1};
}

namespace {

Rgba mixed_with_white(Color c, float amount) {
  const Rgb rgb = palette_rgb(c);
  return {rgb.r * amount + (1 - amount), rgb.g * amount + (1 - amount), rgb.b * amount + (1 - amount), 1};
}

Point shifted(Point p, Point by) { return {p.x + by.x, p.y + by.y}; }

// Two short strokes at b, back along the line a → b.
void arrow_head(Painter& painter, Point a, Point b, Rgba color) {
  const double dx = b.x - a.x, dy = b.y - a.y, len = std::max(1e-9, std::hypot(dx, dy)), ux = dx / len, uy = dy / len;
  const Point left{b.x - 7 * ux - 3.5 * uy, b.y - 7 * uy + 3.5 * ux},
      right{b.x - 7 * ux + 3.5 * uy, b.y - 7 * uy - 3.5 * ux};
  painter.polygon({left, b, right}, color);
}

}  // namespace

void paint_diagram(const DiagramLayout& layout, Painter& painter, Point origin) {
  const FigureTheme theme = FigureTheme::light();
  painter.rect(origin, shifted(origin, {layout.width, layout.height}), theme.background);
  const Rgba edge{0.55f, 0.55f, 0.55f, 0.45f}, arrow{0.25f, 0.25f, 0.25f, 1};
  for (const DiagramLine& l : layout.lines) {
    const Point a = shifted(origin, l.a), b = shifted(origin, l.b);
    painter.polyline({a, b}, l.faint ? edge : arrow, l.faint ? 0.5 : 1.2, false);
    if (l.arrow) arrow_head(painter, a, b, arrow);
  }
  for (const DiagramBox& box : layout.boxes) {
    const Point a = shifted(origin, box.a), b = shifted(origin, box.b);
    painter.rect(a, b, mixed_with_white(box.color, 0.22f));
    painter.rect_outline(a, b, rgba_of(box.color), 1);
  }
  for (const DiagramNode& n : layout.nodes)
    painter.circle(shifted(origin, n.center), n.radius, mixed_with_white(n.color, 0.25f), rgba_of(n.color));
  for (const DiagramText& t : layout.texts) painter.text(shifted(origin, t.at), t.text, theme.text);
}

}  // namespace neurostep
