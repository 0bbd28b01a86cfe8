#include "figure/graph_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace neurostep {

namespace {

constexpr double kLabelGap = 5;

double area(const Box& b, double pad) {
  const double w = b.x1 - b.x0 + pad, h = b.y1 - b.y0 + pad;
  return w > 0 && h > 0 ? w * h : 0;
}

// The overlap of a and b, with a space kept between them (two labels closer than that read as one).
double overlap(const Box& a, const Box& b) {
  return area({std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)}, kLabelGap);
}

// Whether the segment a–b runs through box `box` (sampled: the boxes are small).
bool crosses(const Box& box, Point a, Point b) {
  // Every sample lies within the segment's bounds (a pixel spares the rounding): most edges are
  // far from the box, and the answer is the same without sampling them.
  if (std::max(a.x, b.x) + 1 < box.x0 || std::min(a.x, b.x) - 1 > box.x1 || std::max(a.y, b.y) + 1 < box.y0 ||
      std::min(a.y, b.y) - 1 > box.y1)
    return false;
  for (int k = 0; k <= 40; ++k) {
    const double t = k / 40.0, x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
    if (x > box.x0 && x < box.x1 && y > box.y0 && y < box.y1) return true;
  }
  return false;
}

// A character's advance in em, rounded up from DejaVu Sans: narrow punctuation and spaces, digits,
// the wide signs, and everything else as wide as its widest letters but m and w.
double advance(const std::string& ch) {
  if (ch == " " || ch == "." || ch == "·" || ch == ",") return 0.33;
  if (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') return 0.64;
  if (ch == "−" || ch == "=" || ch == "+") return 0.84;
  if (ch.size() == 3 && (ch.compare(0, 2, "\xE2\x82") == 0 || ch.compare(0, 2, "\xE2\x81") == 0))
    return 0.45;  // sub- and superscripts
  return 0.72;
}

}  // namespace

bool boxes_overlap(const Box& a, const Box& b, double gap) {
  return std::min(a.x1, b.x1) + gap > std::max(a.x0, b.x0) && std::min(a.y1, b.y1) + gap > std::max(a.y0, b.y0);
}

std::vector<std::vector<Point>> unit_columns(const std::vector<int>& counts, const Box& a, ColumnSpread spread) {
  const int tallest = counts.empty() ? 1 : std::max(1, *std::max_element(counts.begin(), counts.end()));
  const double column = counts.size() > 1 ? (a.x1 - a.x0) / static_cast<double>(counts.size() - 1) : 0;
  const double row = (a.y1 - a.y0) / tallest;
  std::vector<std::vector<Point>> out;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    const double x = counts.size() > 1 ? a.x0 + column * static_cast<double>(c) : (a.x0 + a.x1) / 2;
    std::vector<Point> units;
    for (int j = 0; j < counts[c]; ++j) {
      if (spread == ColumnSpread::Full)
        units.push_back({x, counts[c] == 1 ? (a.y0 + a.y1) / 2 : a.y0 + (a.y1 - a.y0) * j / (counts[c] - 1)});
      else
        units.push_back({x, a.y0 + (a.y1 - a.y0 - row * counts[c]) / 2 + row * (j + 0.5)});
    }
    out.push_back(std::move(units));
  }
  return out;
}

std::vector<Point> column_titles(const std::vector<double>& widths, const std::vector<double>& xs, double top,
                                 double font) {
  std::vector<Point> out;
  double row_end[2] = {-1e300, -1e300};  // the right end of the last title on each row
  for (std::size_t c = 0; c < widths.size() && c < xs.size(); ++c) {
    const double left = xs[c] - widths[c] / 2;
    const int row = left >= row_end[0] + font * 0.5   ? 0
                    : left >= row_end[1] + font * 0.5 ? 1
                    : row_end[1] < row_end[0]         ? 1
                                                      : 0;
    out.push_back({left, top + row * font * 1.1});
    row_end[row] = left + widths[c];
  }
  return out;
}

double label_width(const std::string& text, double font) {
  double widest = 0, line = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (text[i] == '\n')
      widest = std::max(widest, line), line = 0;
    else
      line += advance(text.substr(i, n)) * font;
    i += n;
  }
  return std::max(widest, line);
}

int label_lines(const std::string& text) { return 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

Point label_size(const std::string& text, double font) {
  return {label_width(text, font), label_lines(text) * font * 1.25};
}

Box annotation_box(Point q, Point size, bool below, double font) {
  const Point at = below ? Point{q.x - size.x / 2, q.y + font * 0.8} : Point{q.x + 5, q.y - font - 2};
  return {at.x, at.y, at.x + size.x, at.y + size.y};
}

double LabelPlacer::must_not(const Box& b) const {
  const Box inside{std::max(b.x0, area_.x0), std::max(b.y0, area_.y0), std::min(b.x1, area_.x1),
                   std::min(b.y1, area_.y1)};
  double c = 1e4 * (area(b, 0) - area(inside, 0));
  for (const Box& t : taken_) c += 1e4 * overlap(b, t);
  return c;
}

bool LabelPlacer::fits(const Box& b) const { return must_not(b) < 1; }

double LabelPlacer::covered(const Box& b) const {
  double c = 0;
  for (const Box& t : taken_) c += 1e4 * overlap(b, t);
  return c;
}

int LabelPlacer::crossings(const Box& b) const {
  int n = 0;
  for (const Segment& e : edges_) n += crosses(b, e.a, e.b);
  return n;
}

LabelPlacer::OnEdge LabelPlacer::along_edge(Point a, Point b, double prefer, Point size, double font) const {
  double best = std::numeric_limits<double>::infinity();
  OnEdge out{a, false, {}};
  for (int c = 0; c <= 40; ++c) {
    const double share = 0.1 + 0.8 * c / 40.0;
    const Point q{a.x + (b.x - a.x) * share, a.y + (b.y - a.y) * share};
    for (const bool below : {false, true}) {
      const Box box = annotation_box(q, size, below, font);
      // The edges it covers (the slow part) only counted when the rest leaves it a chance: adding
      // them can only raise the cost (rounding is monotone), so the choice is the same.
      const double must_not = this->must_not(box), dot = covered({q.x - 4, q.y - 4, q.x + 4, q.y + 4});
      const double away = 3 * std::abs(share - prefer), under = below ? 2 : 0;
      if (must_not + dot + away + under >= best) continue;
      const double cost = must_not + 40.0 * crossings(box) + dot + away + under;
      if (cost < best) best = cost, out = {q, below, box};
    }
  }
  return out;
}

namespace {

// The units in columns in `area`; `zigzag`: every other column half a row lower.
std::vector<std::vector<Point>> place_units(const std::vector<int>& sizes, const Box& area, bool zigzag) {
  const int tallest = *std::max_element(sizes.begin(), sizes.end());
  const double half_row = zigzag && tallest > 1 ? (area.y1 - area.y0) / (tallest - 1) / 2 : 0;
  std::vector<std::vector<Point>> units =
      unit_columns(sizes, {area.x0, area.y0, area.x1, area.y1 - half_row}, ColumnSpread::Full);
  for (std::size_t c = 1; c < units.size(); c += 2)
    for (Point& u : units[c]) u.y += half_row;
  return units;
}

// Every unit's label centred under it (outputs, inputs, then hidden units), where it fits.
void label_units(const std::vector<std::vector<std::string>>& texts, const GraphStyle& st, LabelPlacer& placer,
                 LabelledGraph& out) {
  const auto label_column = [&](std::size_t l) {
    for (std::size_t j = 0; j < out.units[l].size(); ++j) {
      const Point u = out.units[l][j];
      const Box box = annotation_box(u, label_size(texts[l][j], st.font), true, st.font);
      if (!placer.fits(box)) {
        ++out.missing;
        continue;
      }
      placer.take(box);
      out.labels.push_back({u.x, u.y, texts[l][j], Color::Black, true});
    }
  };
  label_column(texts.size() - 1);
  label_column(0);
  for (std::size_t l = 1; l + 1 < texts.size(); ++l) label_column(l);
}

// Every edge's dot and, where it fits, its label.
void label_edges(const std::vector<GraphEdge>& edges, const GraphStyle& st, LabelPlacer& placer, LabelledGraph& out) {
  for (const GraphEdge& e : edges) {
    const Point a = out.units[e.column][static_cast<std::size_t>(e.from)],
                b = out.units[e.column + 1][static_cast<std::size_t>(e.to)];
    const LabelPlacer::OnEdge on = placer.along_edge(a, b, e.prefer, label_size(e.text, st.font), st.font);
    const bool fits = placer.fits(on.box);  // before its own dot is taken
    out.edge_dots.push_back(on.at);
    placer.take({on.at.x - 4, on.at.y - 4, on.at.x + 4, on.at.y + 4});
    if (!fits) {
      ++out.missing;
      continue;
    }
    placer.take(on.box);
    out.labels.push_back({on.at.x, on.at.y, e.text, e.color, on.below});
  }
}

// The graph laid out `height` pixels tall: units, edges and every label it could place.
LabelledGraph lay_out(const std::vector<int>& sizes, const std::vector<std::vector<std::string>>& texts,
                      const std::vector<GraphEdge>& edges, const GraphStyle& st, double height, bool zigzag) {
  LabelledGraph out;
  out.height = height;
  double first = 0, last = 0;
  int lines = 1;
  for (const std::string& t : texts.front()) first = std::max(first, label_width(t, st.font));
  for (const std::string& t : texts.back()) last = std::max(last, label_width(t, st.font));
  for (const auto& column : texts)
    for (const std::string& t : column) lines = std::max(lines, label_lines(t));
  const Box area{std::max(first / 2, st.dot) + 4, st.font + 8, st.width - std::max(last / 2, st.dot) - 4,
                 height - 0.8 * st.font - lines * st.font * 1.25 - 4};
  out.units = place_units(sizes, area, zigzag);
  LabelPlacer placer({2, 2, st.width - 2, height - 2});
  for (const auto& column : out.units)
    for (const Point u : column)
      placer.take({u.x - st.dot, u.y - st.dot, u.x + st.dot, u.y + st.dot - 5});  // the space below: its own label's
  for (const GraphEdge& e : edges)
    placer.add_edge(out.units[e.column][static_cast<std::size_t>(e.from)],
                    out.units[e.column + 1][static_cast<std::size_t>(e.to)]);
  label_units(texts, st, placer, out);
  label_edges(edges, st, placer, out);
  return out;
}

}  // namespace

LabelledGraph labelled_graph(const std::vector<int>& sizes, const std::vector<std::vector<std::string>>& unit_texts,
                             const std::vector<GraphEdge>& edges, const GraphStyle& style) {
  for (double height = 0.75 * style.width;; height += 0.25 * style.width) {
    LabelledGraph layout = lay_out(sizes, unit_texts, edges, style, height, false);
    if (layout.missing > 0)
      if (LabelledGraph zigzag = lay_out(sizes, unit_texts, edges, style, height, true);
          zigzag.missing < layout.missing)
        layout = std::move(zigzag);
    if (layout.missing == 0 || height >= style.tallest) return layout;
  }
}

}  // namespace neurostep
