// The Sources button (src/gui/sources_view.h), headless: a click on it opens the full entry of
// every document the lesson follows; a lesson that cites none has no button.
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "gui/sources_view.h"
#include "lessons/framework/lesson.h"

using namespace neurostep;

namespace {
struct Frames {
  Frames() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 700);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Frames() { ImGui::DestroyContext(); }

  // One frame of a window with the button; whether the popup is open, and where the button was.
  bool frame(const LessonInfo& info) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 400));
    ImGui::Begin("lesson");
    ImGui::TextUnformatted("Title");
    draw_sources_button(info);
    button = ImGui::GetItemRectMin();
    button.x += 5;
    button.y += 5;
    const bool open = ImGui::IsPopupOpen("sources");
    ImGui::End();
    ImGui::Render();
    return open;
  }

  ImVec2 button;
};
}  // namespace

TEST_CASE("the Sources button opens the full entries of the lesson's documents") {
  Frames f;
  const auto lesson = load_lesson(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/chain-rule.toml");
  CHECK_FALSE(f.frame(lesson->info()));
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = f.button;
  f.frame(lesson->info());
  io.MouseDown[0] = true;
  f.frame(lesson->info());
  io.MouseDown[0] = false;
  CHECK(f.frame(lesson->info()));
  CHECK(f.frame(lesson->info()));             // stays open until a click elsewhere
  REQUIRE(lesson->info().cited.size() == 5);  // Lazović, Creus & Picón, Jäppinen, Symon (§5.3), and Mazur's numbers
}

TEST_CASE("no document cited, no Sources button") {
  Frames f;
  const auto lesson = load_lesson(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/playground-xor.toml");
  CHECK(lesson->info().cited.empty());
  f.frame(lesson->info());
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = f.button;
  io.MouseDown[0] = true;
  CHECK_FALSE(f.frame(lesson->info()));
  io.MouseDown[0] = false;
  CHECK_FALSE(f.frame(lesson->info()));
}
