#include "gui/sources_view.h"

#include <imgui.h>

#include "gui/theme.h"
#include "gui/wrapped_text.h"

namespace neurostep {

namespace {
void draw_entry(const SourceEntry& e) {
  wrapped_text(e.short_form, {.color = colors::accent});
  ImGui::Indent();
  wrapped_text(full_reference(e));
  if (!e.numbering.empty()) wrapped_text("Cited as: " + e.numbering, {.color = colors::muted});
  ImGui::Unindent();
}
}  // namespace

void draw_sources_button(const LessonInfo& info) {
  if (info.cited.empty()) return;
  same_line_if_fits(button_width("Sources"));
  if (ImGui::SmallButton("Sources")) ImGui::OpenPopup("sources");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The documents this lesson follows, in full");
  if (!ImGui::BeginPopup("sources")) return;
  ImGui::Dummy(ImVec2(ImGui::GetFontSize() * 36, 0));  // the popup's width, which the entries wrap to
  for (const SourceEntry& e : info.cited) draw_entry(e);
  ImGui::EndPopup();
}

}  // namespace neurostep
