// Real ImGui frames with no window and no GPU, for the panel tests: a context, a display size,
// the app's fonts built on the CPU, and keys queued as the window's key callback queues them.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "gui/app_ui.h"

namespace neurostep::test {

struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 renderer: draw lists over 64K vertices
    io.DeltaTime = 1.0f / 60;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;  // key index = ImGuiKey value
    io.KeyMap[ImGuiKey_Space] = ' ';
    app.lessons_dir = std::string(NEUROSTEP_SOURCE_DIR) + "/lessons";
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

}  // namespace neurostep::test
