#include "app/frame.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <GLFW/glfw3.h>  // with the OpenGL 1 / ES header of the platform: glViewport, glClear

#include <cfloat>
#include <cstdio>

#include "app/key_taps.h"
#include "app/keys.h"
#include "gui/app_ui.h"

namespace neurostep {

namespace {

KeyName key_name = nullptr;

KeyTaps key_taps;  // so that every tap reaches ImGui (key_taps.h)

// Every key reaches ImGui through key_taps, which holds back what a frame must see first; each
// press of an app key is queued at once (ImGui 1.86 only sees whether a key is down at each frame).
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (const auto e = key_taps.arrive({key, scancode, action, mods}))
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  if (const auto k = app_key(key, action, mods, key_name ? key_name(key, scancode) : nullptr))
    static_cast<AppState*>(glfwGetWindowUserPointer(window))->keys.push_back(*k);
}

// After NewFrame has seen this frame's keys: the events held back that may go now.
void pass_waiting_keys(GLFWwindow* window) {
  for (const KeyEvent& e : key_taps.frame_began())
    ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.action, e.mods);
}

bool first_frame = true;

}  // namespace

void start_imgui(GLFWwindow* window, AppState& app, const char* glsl_version, const char* ini_file, KeyName names) {
  key_name = names;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = ini_file;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  glfwSetWindowUserPointer(window, &app);
  glfwSetKeyCallback(window, on_key);  // after ImGui's own callbacks are installed: on_key calls ImGui's
  ImGui_ImplOpenGL3_Init(glsl_version);
  first_frame = true;
}

void stop_imgui() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

double draw_frame(GLFWwindow* window, AppState& app, double dt, float content_scale, bool hide_pointer) {
  const double start = glfwGetTime();
  // A new text size or theme: fonts and style are rebuilt here, between frames. The first
  // NewFrame uploads the atlas with the renderer's other objects; later rebuilds upload it again.
  if (update_appearance(app, content_scale) && !first_frame) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (first_frame && app.appearance.fonts_loaded != "DejaVu Sans")
    std::fprintf(stderr, "neurostep: %s\n", app.appearance.fonts_loaded.c_str());
  ImGui_ImplOpenGL3_NewFrame();
  first_frame = false;
  ImGui::GetIO()
      .Fonts->ClearTexData();  // the GPU has the atlas now: free the CPU copies (tens of MB at large text sizes)
  ImGui_ImplGlfw_NewFrame();
  if (hide_pointer) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  pass_waiting_keys(window);
  draw_app(app, dt);
  ImGui::Render();
  const double built = 1000 * (glfwGetTime() - start);
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return built;
}

}  // namespace neurostep
