// frame.h — Dear ImGui in a GLFW window and one frame of the app in it, shared by the two
// platforms: the native window's loop (window.cpp) and the web page's (web/main_web.cpp).
#pragma once

struct GLFWwindow;

namespace neurostep {

struct AppState;

// What a key prints on this keyboard (glfwGetKeyName; the browser's GLFW has none).
using KeyName = const char* (*)(int key, int scancode);

// Sets up ImGui for `window` (OpenGL 3.3 natively, WebGL 2 — "#version 300 es" — in the browser),
// with `ini_file` as its layout file (null: none), and queues the app's key presses (`names`, if
// given, tells keys apart by what they print).
void start_imgui(GLFWwindow* window, AppState& app, const char* glsl_version, const char* ini_file, KeyName names);
void stop_imgui();

// One frame: events already polled, the appearance rebuilt if it changed (`content_scale`: the
// screen's pixels per window unit, which the platform knows), the panels (draw_app) and the
// drawing. `hide_pointer`: no hover effects (screenshots). Returns the milliseconds spent building
// the frame (the UI code, before drawing).
double draw_frame(GLFWwindow* window, AppState& app, double dt, float content_scale, bool hide_pointer);

}  // namespace neurostep
