// Graph labels never overlap (issue 26): the chain-rule lesson's network graph, for its lesson file
// and for every shape the Numbers tab offers the extremes of, at every step, painted at the size the
// screen gives it — the lesson view's plot column at 1024×700, 1366×768 and 2560×1440 at 100 % text
// and at 1024×700 and 1366×768 at 125 % and 150 % (View → text size), and presentation mode's plot
// grid (text × 1.5) at the same window sizes: no two labels overlap and no label covers a unit. And the playground's
// layer titles, laid out by the same figure/graph_layout.h.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "figure/graph_layout.h"
#include "gui/plot_layout.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "measuring_painter.h"

using namespace neurostep;
using test::MeasuringPainter;

namespace {

struct Screen {
  const char* name;
  float font;
  float width, height;  // the lesson view: its plot column's width (height 0); presenting: the plots' box
};
// Measured on the screenshots: the plot column of the lesson view (at 125 % on 1024×700 the narrowest
// for its text, 22 lines; at 150 % a 1024 window puts the plots under the math, the whole width); in
// presentation mode the window less its bar, the math's 40 % (20 to 40 lines of text) and the padding.
const Screen kScreens[] = {{"1024×700", 13, 390, 0},
                           {"1366×768", 13, 520, 0},
                           {"2560×1440", 13, 1060, 0},
                           {"1024×700 at 125 %", 16.25, 355, 0},
                           {"1366×768 at 125 %", 16.25, 530, 0},
                           {"1024×700 at 150 %", 19.5, 990, 0},
                           {"1366×768 at 150 %", 19.5, 495, 0},
                           {"presenting 1024×700", 19.5, 590, 630},
                           {"presenting 1366×768", 19.5, 790, 690},
                           {"presenting 2560×1440", 19.5, 1740, 1360},
                           {"presenting 1024×700 at 125 %", 24.4, 590, 610},
                           {"presenting 1366×768 at 150 %", 29.25, 790, 660}};

// What is wrong with a figure painted in a `width` × `height` box: the labels that overlap one
// another or a unit (a dot of radius 8 or more), one line each.
std::string label_faults(const Figure& f, float font, double width, double height) {
  MeasuringPainter p(font);
  paint_figure(f, p, {0, 0}, width, height, FigureTheme::dark(), font * 3);
  std::ostringstream out;
  std::vector<MeasuringPainter::Text> labels;
  for (const auto& t : p.boxes)
    if (t.in_plot) labels.push_back(t);
  const auto box = [](const MeasuringPainter::Text& t) { return Box{t.p0.x, t.p0.y, t.p1.x, t.p1.y}; };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (std::size_t j = i + 1; j < labels.size(); ++j)
      if (boxes_overlap(box(labels[i]), box(labels[j]), 0))
        out << "\"" << labels[i].text << "\" overlaps \"" << labels[j].text << "\"\n";
    for (const auto& c : p.circles) {
      const double nx = std::clamp(c.centre.x, labels[i].p0.x, labels[i].p1.x),
                   ny = std::clamp(c.centre.y, labels[i].p0.y, labels[i].p1.y);
      if (c.radius >= 8 && std::hypot(nx - c.centre.x, ny - c.centre.y) < c.radius)
        out << "\"" << labels[i].text << "\" covers a unit\n";
    }
  }
  return out.str();
}

// Every figure of `figures` that is a graph (no axes, labelled points), checked on every screen.
void check_graphs(const std::vector<Figure>& figures, const std::string& where) {
  for (const Screen& s : kScreens) {
    std::vector<PlotBox> boxes;
    if (s.height == 0)
      for (const Figure& f : figures) boxes.push_back({s.width, static_cast<float>(figure_height(f, s.width, s.font))});
    else
      boxes = plot_grid_boxes(figures, s.width, s.height, s.font, 12, 6).boxes;
    for (std::size_t i = 0; i < figures.size(); ++i) {
      if (figures[i].show_axes || figures[i].annotations.empty()) continue;
      const std::string faults = label_faults(figures[i], s.font, boxes[i].width, boxes[i].height);
      CHECK_MESSAGE(faults.empty(), where << ", " << std::string(s.name) << ":\n" << faults);
    }
  }
}

// The chain-rule lesson reshaped as the Numbers tab does: its layer count, then every layer's size.
std::unique_ptr<Lesson> chain_rule(const std::vector<int>& sizes) {
  auto lesson = load_lesson(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/chain-rule.toml");
  if (sizes.empty()) return lesson;
  for (int pass = 0; pass < 2; ++pass) {  // the first pass sets the layer count, which adds the sizes' fields
    std::size_t size = 0;
    for (const Editable& e : lesson->editables()) {
      if (e.group != "Shape" || !e.integer) continue;
      if (e.label == "layers")
        *e.integer = static_cast<int>(sizes.size()) - 1;
      else if (size < sizes.size())
        *e.integer = sizes[size++];
    }
    lesson->numbers_changed();
  }
  return lesson;
}

}  // namespace

TEST_CASE("the label check finds a planted overlap and a label on a unit") {
  Figure f{.title = "t", .x = {"", 0, 10}, .y = {"", 0, 10}, .equal_aspect = true, .show_axes = false};
  f.series.push_back({.kind = Series::Kind::Scatter, .x = {2}, .y = {5}, .width = 10});
  f.annotations = {{5, 5, "a = 0.5969"}, {5.2, 5, "a = 0.7729"}};
  CHECK(label_faults(f, 13, 390, 400).find("overlaps") != std::string::npos);
  f.annotations = {{1.9, 5, "b = 0.35"}};
  CHECK(label_faults(f, 13, 390, 400).find("covers a unit") != std::string::npos);
  f.annotations = {{5, 5, "a = 0.5969"}, {5, 2, "a = 0.7729"}};
  CHECK(label_faults(f, 13, 390, 400).empty());
}

TEST_CASE(
    "the chain-rule graph: no label overlaps another or a unit, at every step, shape and screen, with 4 decimals") {
  const std::vector<std::vector<int>> shapes = {{},        {1, 1},       {6, 6},       {1, 6, 1},
                                                {6, 1, 6}, {3, 4, 5, 2}, {2, 6, 6, 2}, {6, 6, 6, 6, 6}};
  for (const auto& sizes : shapes) {
    auto lesson = chain_rule(sizes);
    const Trace trace = lesson->run();
    for (int step = 0; step<static_cast<int>(trace.steps.size()); step += sizes.size()> 3 ? 3 : 1) {
      if (trace.steps[static_cast<std::size_t>(step)].id.rfind("symmetry.", 0) == 0)
        continue;  // a plot of their own, no graph
      const std::vector<Figure> figures = lesson->figures(trace, step);
      REQUIRE(!figures.empty());
      const Figure& graph = figures.front();
      std::size_t unit_labels = 0, edges = 0, tips = 0;
      for (const Annotation& a : graph.annotations) unit_labels += a.color == Color::Black;
      for (const Series& s : graph.series)
        edges += s.kind == Series::Kind::Line, tips += s.ids.empty() ? 0 : s.tips.size();
      const std::vector<int> shape = sizes.empty() ? std::vector<int>{2, 2, 2} : sizes;
      int units = 0;
      for (int count : shape) units += count;
      CHECK_MESSAGE(tips == edges, "every weight's value on hover");
      if (shape.size() <=
          3) {  // up to two layers of weights every label finds a place; deeper, some show on hover only
        CHECK_MESSAGE(unit_labels == static_cast<std::size_t>(units), "every unit labelled");
        CHECK_MESSAGE(graph.annotations.size() == edges + static_cast<std::size_t>(units), "every weight labelled");
      }
      for (const Annotation& a : graph.annotations)  // the lesson's 4 decimals: 0.5969, never a 3-decimal 0.597
        if (a.text.find("0.") != std::string::npos && a.text.find('\n') == std::string::npos)
          CHECK(a.text.size() <= std::string("−0.0000").size() + 2);
      std::ostringstream where;
      where << "chain-rule shape " << (sizes.empty() ? "of the file" : std::to_string(sizes.size() - 1) + " layers")
            << " step " << step + 1;
      check_graphs(figures, where.str());
    }
  }
}

TEST_CASE("the playground's layer titles: a title that would run into the one before goes on the second row") {
  const std::vector<double> widths = {60, 60, 60, 50};
  const std::vector<Point> at = column_titles(widths, {100, 150, 200, 400}, 0, 13);
  CHECK(at[0].y == 0);
  CHECK(at[1].y > 0);   // 120–180 runs into 70–130
  CHECK(at[2].y == 0);  // 170–230 is clear of 70–130
  CHECK(at[3].y == 0);
  for (std::size_t i = 0; i < at.size(); ++i)
    for (std::size_t j = i + 1; j < at.size(); ++j)
      CHECK_FALSE(boxes_overlap({at[i].x, at[i].y, at[i].x + widths[i], at[i].y + 13},
                                {at[j].x, at[j].y, at[j].x + widths[j], at[j].y + 13}, 0));
}
