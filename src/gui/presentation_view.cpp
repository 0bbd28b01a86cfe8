#include "gui/presentation_view.h"

#include <imgui.h>

#include <algorithm>

#include "gui/lesson_view.h"
#include "gui/plot_view.h"
#include "gui/view_menu.h"

namespace neurostep {

PlotGrid plot_grid(int count, float width, float height) {
  PlotGrid best;
  float best_side = -1;
  for (int cols = 1; cols <= std::max(1, count); ++cols) {
    const int rows = (count + cols - 1) / cols;
    const float side = std::min(width / cols * 0.75f, height / std::max(1, rows));  // the height a 4:3 plot gets
    if (side > best_side) {
      best_side = side;
      best = {cols, rows};
    }
  }
  return best;
}

namespace {

// The slim bar: back and step, where we are, and the way out.
void draw_bar(const LessonSession& session, const Fonts& fonts, const DisplayState& display, UiActions& actions) {
  if (ImGui::Button("◀")) actions.step = StepCommand::Back;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back (←)");
  ImGui::SameLine();
  if (ImGui::Button("▶")) actions.step = StepCommand::Step;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step (→ or Space)");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Step %d of %d", session.current() + 1, session.step_count());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", session.lesson().info().title.c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* leave = "Leave (Esc)";
  const float right = ImGui::CalcTextSize("View ▾").x + ImGui::CalcTextSize(leave).x + style.FramePadding.x * 4 + style.ItemSpacing.x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
  draw_view_menu(display, actions);
  ImGui::SameLine();
  if (ImGui::SmallButton(leave)) actions.presenting = false;
}

// Every plot of the step in a grid that fills the box; a plot never gets less than 14 lines of
// text in height (more plots than that scroll).
void draw_plot_grid(const std::vector<Figure>& figures, UiActions& actions) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 gap = ImGui::GetStyle().ItemSpacing;
  const int n = static_cast<int>(figures.size());
  const PlotGrid grid = plot_grid(n, avail.x, avail.y);
  const float w = (avail.x - gap.x * static_cast<float>(grid.cols - 1)) / static_cast<float>(grid.cols);
  const float h = std::max(ImGui::GetFontSize() * 14, (avail.y - gap.y * static_cast<float>(grid.rows - 1)) / static_cast<float>(grid.rows));
  for (int i = 0; i < n; ++i) {
    if (i % grid.cols != 0) ImGui::SameLine();
    draw_figure(figures[static_cast<std::size_t>(i)], w, h, actions);
  }
}

}  // namespace

void draw_presentation(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui, const DisplayState& display,
                       UiActions& actions) {
  draw_bar(session, fonts, display, actions);
  ImGui::Separator();
  const std::vector<Figure> figures = session.figures();
  const float font = ImGui::GetFontSize();
  // The math gets about 40 % (between 20 and 40 lines of text wide); the plots, the rest.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float math_width = figures.empty() ? 0.0f : std::clamp(avail * 0.4f, std::min(font * 20, avail * 0.5f), font * 40);
  ImGui::BeginChild("present-step", ImVec2(math_width, 0), false);
  draw_step_math(session, fonts, ui);
  ImGui::EndChild();
  if (figures.empty()) return;
  ImGui::SameLine();
  ImGui::BeginChild("present-plots", ImVec2(0, 0), false);
  draw_plot_grid(figures, actions);
  ImGui::EndChild();
}

}  // namespace neurostep
