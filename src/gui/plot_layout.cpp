#include "gui/plot_layout.h"

#include <imgui.h>

#include <algorithm>

#include "gui/plot_view.h"

namespace neurostep {

namespace {
// Puts the cursor `dx` right of where the row started. Not SameLine(): the last item draw_figure
// submits is its Save button, which stands left of a colour scale, so SameLine() would put the
// next plot over that scale.
void beside(ImVec2 row, float dx) { ImGui::SetCursorScreenPos(ImVec2(row.x + dx, row.y)); }
}  // namespace

void draw_plot_column(const std::vector<Figure>& figures, UiActions& actions) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
  const float width = avail.x, font = ImGui::GetFontSize();
  const auto height_of = [&](const Figure& f, float w) {
    return std::max(font * 13, static_cast<float>(figure_height(f, w, font)));
  };
  const auto is_map = [](const Figure& f) { return f.equal_aspect && !f.show_axes; };
  const float half = (width - gap.x) / 2;
  struct Row {
    std::size_t first;
    bool pair;
    float height;
    bool stretches;  // no plot in it keeps its aspect: a taller box is a taller plot
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const Figure& a = figures[i];
    const bool pair =
        i + 1 < figures.size() && ((is_map(a) && is_map(figures[i + 1]) && half >= font * 16) || half >= font * 28);
    if (!pair) {
      rows.push_back({i, false, height_of(a, width), !a.equal_aspect});
      continue;
    }
    const Figure& b = figures[i + 1];
    rows.push_back({i, true, std::max(height_of(a, half), height_of(b, half)), !a.equal_aspect && !b.equal_aspect});
    ++i;
  }
  // The height left below the plots goes to those that can use it.
  float fixed = gap.y * static_cast<float>(rows.size()),
        stretchable = 0;  // a gap after every row: draw_figure leaves one
  for (const Row& r : rows) (r.stretches ? stretchable : fixed) += r.height;
  const float stretch = stretchable > 0 ? std::clamp((avail.y - fixed) / stretchable, 1.0f, 1.5f) : 1.0f;
  for (const Row& r : rows) {
    const float height = r.stretches ? r.height * stretch : r.height;
    if (!r.pair) {
      draw_figure(figures[r.first], width, height, actions);
      continue;
    }
    const ImVec2 row = ImGui::GetCursorScreenPos();
    draw_figure(figures[r.first], half, height, actions);
    beside(row, half + gap.x);
    draw_figure(figures[r.first + 1], half, height, actions);
  }
}

PlotGrid plot_grid(int count, float width, float height, float min_width) {
  PlotGrid best;
  float best_side = -1;
  const int most = min_width > 0 ? std::max(1, static_cast<int>(width / min_width)) : count;
  for (int cols = 1; cols <= std::max(1, std::min(count, most)); ++cols) {
    const int rows = (count + cols - 1) / cols;
    const float side = std::min(width / static_cast<float>(cols) * 0.75f,
                                height / static_cast<float>(std::max(1, rows)));  // a 4:3 plot's height
    if (side > best_side) {
      best_side = side;
      best = {cols, rows};
    }
  }
  return best;
}

PlotGridBoxes plot_grid_boxes(const std::vector<Figure>& figures, float width, float height, float font, float gap_x,
                              float gap_y) {
  const int n = static_cast<int>(figures.size());
  const PlotGrid grid = plot_grid(n, width, height, font * 18 + gap_x);
  const float w = (width - gap_x * static_cast<float>(grid.cols - 1)) / static_cast<float>(grid.cols);
  // A gap after every row, the last too (draw_figure leaves one), or a scrollbar would appear.
  const float h = std::max(font * 13, (height - gap_y * static_cast<float>(grid.rows)) / static_cast<float>(grid.rows));
  std::vector<PlotBox> boxes(figures.size(), {w, h});
  for (std::size_t row = 0; row < figures.size(); row += static_cast<std::size_t>(grid.cols)) {
    float tallest = h;
    for (std::size_t i = row; i < std::min(figures.size(), row + static_cast<std::size_t>(grid.cols)); ++i)
      if (figures[i].equal_aspect && !figures[i].show_axes)
        tallest =
            std::max(tallest, static_cast<float>(figure_height(figures[i], std::min(w, font * kMapMinWidth), font)));
    for (std::size_t i = row; i < std::min(figures.size(), row + static_cast<std::size_t>(grid.cols)); ++i)
      boxes[i].height = tallest;
  }
  return {grid.cols, std::move(boxes)};
}

void draw_plot_grid(const std::vector<Figure>& figures, UiActions& actions) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
  const auto [cols, boxes] = plot_grid_boxes(figures, avail.x, avail.y, ImGui::GetFontSize(), gap.x, gap.y);
  ImVec2 row;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const int col = static_cast<int>(i) % cols;
    if (col == 0)
      row = ImGui::GetCursorScreenPos();
    else
      beside(row, static_cast<float>(col) * (boxes[i].width + gap.x));
    draw_figure(figures[i], boxes[i].width, boxes[i].height, actions);
  }
}

}  // namespace neurostep
