// Real ImGui frames with no window and no GPU, for the panel tests: a context, a display size,
// the app's fonts built on the CPU, and keys queued as the window's key callback queues them; and
// the Try it field of an exercise, by its key.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "gui/app_ui.h"
#include "lessons/framework/practice.h"

namespace neurostep::test {

struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.BackendFlags |=
        ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 renderer: draw lists over 64K vertices
    io.DeltaTime = 1.0f / 60;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;  // key index = ImGuiKey value
    io.KeyMap[ImGuiKey_Space] = ' ';
    app.lessons.folder = std::string(NEUROSTEP_SOURCE_DIR) + "/lessons";
    refresh_catalog(app);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }

  // One frame, after the keys `taps` were pressed (as the window's key callback queues them).
  int frame(std::vector<AppKey> taps = {}) {
    ImGuiIO& io = ImGui::GetIO();
    app.keys.insert(app.keys.end(), taps.begin(), taps.end());
    update_appearance(app, 1.0f);  // as the window does between frames (the atlas is built on the CPU)
    ImGui::NewFrame();
    draw_app(app, io.DeltaTime);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  AppState app;
};

// The index of the exercise `key` ("C.dK.0.1:dK_cell") among the practice's, failing the test if none.
inline int exercise_at(const Practice& p, const std::string& key) {
  for (int i = 0; i < static_cast<int>(p.exercises().size()); ++i)
    if (exercise_key(p.exercises()[static_cast<std::size_t>(i)]) == key) return i;
  FAIL("no exercise " << key);
  return -1;
}

}  // namespace neurostep::test
