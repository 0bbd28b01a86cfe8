#include "gui/sidebar.h"

#include <imgui.h>

#include "gui/theme.h"
#include "gui/view_menu.h"
#include "gui/wrapped_text.h"

namespace neurostep {

void draw_sidebar(const std::vector<CatalogEntry>& catalog, int selected, const DisplayState& display, bool file_picker,
                  UiActions& actions) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "LESSONS");
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("View ▾").x - style.FramePadding.x * 2);
  draw_view_menu(display, actions);
  ImGui::Separator();
  if (file_picker) {  // at the top, where it is seen without scrolling past the lessons
    if (ImGui::SmallButton("Open lesson file…")) actions.files.choose = FileRequest::LessonFile;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A lesson file (.toml) from your disk, such as one you wrote; it joins the list");
  }
  if (catalog.empty())
    ImGui::TextWrapped("No lesson files found. Lessons are the *.toml files of the lessons/ folder.");
  for (int i = 0; i < static_cast<int>(catalog.size()); ++i) {
    const CatalogEntry& e = catalog[static_cast<std::size_t>(i)];
    ImGui::PushID(i);
    const bool broken = !e.error.empty();
    if (broken) ImGui::PushStyleColor(ImGuiCol_Text, colors::error);
    // A long title wraps inside the sidebar rather than being cut at its edge.
    const std::string label = broken ? e.id + "  (cannot load)" : e.title;
    if (wrapped_selectable("##lesson", label, i == selected, ImGui::GetFontSize())) actions.navigate.select_lesson = i;
    if (broken) ImGui::PopStyleColor();
    if (broken) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::error), "%s", e.error.c_str());
      ImGui::PopTextWrapPos();
    } else {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted), "  %s", e.id.c_str());
    }
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::muted),
                     "↑/↓ lesson   Space/→ step\n← back   R reset   F5 present");
}

}  // namespace neurostep
