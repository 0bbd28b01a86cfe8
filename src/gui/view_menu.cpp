#include "gui/view_menu.h"

#include <imgui.h>

namespace neurostep {

void draw_view_menu(const DisplayState& display, UiActions& actions) {
  if (ImGui::SmallButton("View ▾")) ImGui::OpenPopup("view");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Text size, light or dark theme, presentation mode");
  if (!ImGui::BeginPopup("view")) return;
  const ImVec4 muted = ImGui::ColorConvertU32ToFloat4(colors::muted);
  ImGui::TextColored(muted, "TEXT SIZE");
  // Buttons, not menu items: they keep the popup open for a few presses in a row.
  ImGui::BeginDisabled(display.scale_percent <= kScaleMin);
  if (ImGui::Button(" − ")) actions.display.scale_percent = scale_down(display.scale_percent);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Text("%3d %%", display.scale_percent);
  ImGui::SameLine();
  ImGui::BeginDisabled(display.scale_percent >= kScaleMax);
  if (ImGui::Button(" + ")) actions.display.scale_percent = scale_up(display.scale_percent);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(display.scale_percent == kScaleDefault);
  if (ImGui::Button("100 %")) actions.display.scale_percent = kScaleDefault;
  ImGui::EndDisabled();
  ImGui::TextColored(muted, "Ctrl+−   Ctrl+=   Ctrl+0");
  ImGui::Separator();
  if (ImGui::MenuItem("Light theme", "Ctrl+T", display.theme == Theme::Light))
    actions.display.theme = display.theme == Theme::Light ? Theme::Dark : Theme::Light;
  if (ImGui::MenuItem("Presentation mode", display.presenting ? "F5, Esc" : "F5", display.presenting))
    actions.display.presenting = !display.presenting;
  ImGui::EndPopup();
}

}  // namespace neurostep
