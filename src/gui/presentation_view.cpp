#include "gui/presentation_view.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "figure/figure_painter.h"
#include "gui/lesson_view.h"
#include "gui/plot_layout.h"
#include "gui/view_menu.h"

namespace neurostep {

namespace {

// The slim bar: back and step, where we are, and the way out.
void draw_bar(const LessonSession& session, const Fonts& fonts, const DisplayState& display, UiActions& actions) {
  if (ImGui::Button("◀")) actions.navigate.step = StepCommand::Back;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back (←)");
  ImGui::SameLine();
  if (ImGui::Button("▶")) actions.navigate.step = StepCommand::Step;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step (→ or Space)");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Step %d of %d", session.current() + 1, session.step_count());
  ImGui::PopFont();
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* leave = "Leave (Esc)";
  const float right = ImGui::CalcTextSize("View ▾").x + ImGui::CalcTextSize(leave).x + style.FramePadding.x * 4 +
                      style.ItemSpacing.x * 2;
  // The lesson's title in the room left of View ▾ and Leave, cut with "…" (whole on hover) when longer.
  ImGui::SameLine();
  const std::string& title = session.lesson().info().title;
  const float room = ImGui::GetWindowContentRegionMax().x - right - ImGui::GetCursorPosX();
  const std::string shown =
      shorten_to_width(title, room, [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; });
  if (shown != "…") {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "%s", shown.c_str());
    if (shown != title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
  }
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
  draw_view_menu(display, actions);
  ImGui::SameLine();
  if (ImGui::SmallButton(leave)) actions.display.presenting = false;
}

}  // namespace

void draw_presentation(const LessonSession& session, const Fonts& fonts, const LessonViewState& ui,
                       const DisplayState& display, UiActions& actions) {
  draw_bar(session, fonts, display, actions);
  ImGui::Separator();
  const std::vector<Figure> figures = session.figures();
  const float font = ImGui::GetFontSize();
  // The math gets about 40 % (between 20 and 40 lines of text wide); the plots, the rest.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float math_width =
      figures.empty() ? 0.0f : std::clamp(avail * 0.4f, std::min(font * 20, avail * 0.5f), font * 40);
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
