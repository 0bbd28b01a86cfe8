// window.h — the GLFW + OpenGL 3 window that hosts Dear ImGui, and its frame loop.
#pragma once

#include <optional>
#include <string>

#include "gui/app_ui.h"

namespace neurostep {

struct WindowOptions {
  int width = 1280, height = 800;
  std::string screenshot;  // write a PNG of the window after `frames` frames and exit
  int frames = 3;
  std::string ini_file;        // ImGui's layout file; empty: none
  bool until_trained = false;  // close (after the screenshot, if asked) once a training run has ended
  bool frame_times = false;    // print frame-time statistics and the peak memory at exit
};

// Runs the GUI until the window closes (or the screenshot is written). Returns a process exit code;
// prints why to stderr if there is no display.
int run_window(AppState& app, const WindowOptions& options);

}  // namespace neurostep
