#include "app/native/window.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "app/frame.h"

namespace neurostep {

namespace {

void glfw_error(int code, const char* description) { std::fprintf(stderr, "GLFW error %d: %s\n", code, description); }

// Reads the framebuffer and writes it as PNG (through a temporary file, renamed when complete).
bool write_screenshot(GLFWwindow* window, const std::string& path) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // opaque
  stbi_flip_vertically_on_write(1);
  const std::string tmp = path + ".tmp";
  if (!stbi_write_png(tmp.c_str(), w, h, 4, pixels.data(), w * 4)) return false;
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

// The monitor's content scale (HiDPI), asked every frame: the window may move to another monitor.
float content_scale(GLFWwindow* window) {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window, &x, &y);
  return std::max(1.0f, x);
}

// Frame times in milliseconds: mean, median, 99th percentile, maximum and how many took over 16 ms.
void print_times(const char* what, std::vector<double> ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double t : ms) sum += t;
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("%s, %zu frames: mean %.2f ms, median %.2f ms, 99th percentile %.2f ms, max %.2f ms; over 16 ms: %zu\n",
              what, ms.size(), sum / ms.size(), at(0.5), at(0.99), ms.back(),
              static_cast<std::size_t>(ms.end() - std::upper_bound(ms.begin(), ms.end(), 16.0)));
}

}  // namespace

int run_window(AppState& app, const WindowOptions& options) {
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr,
                 "neurostep: cannot open a window (no display?). The headless commands work anywhere:\n"
                 "  neurostep list\n  neurostep trace sigmoid-neuron [--format json|csv|md]\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, "Neurostep", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "neurostep: cannot create an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  start_imgui(window, app, "#version 330", options.ini_file.empty() ? nullptr : options.ini_file.c_str(),
              glfwGetKeyName);

  int frame = 0, exit_code = 0;
  double last = glfwGetTime();
  std::vector<double> ui_ms, frame_ms;  // building the frame; building and drawing it (until the GPU is done)
  bool trained = false;
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    const double frame_start = glfwGetTime();
    trained = trained || (options.until_trained && app.training.job.snapshot().run > 0 && !app.training.job.running());
    // A screenshot shows the window as it is, not a tooltip of wherever the pointer happens to be.
    const double ui = draw_frame(window, app, frame_start - last, content_scale(window), !options.screenshot.empty());
    last = frame_start;
    if (options.frame_times) ui_ms.push_back(ui);
    if (options.frame_times) {
      glFinish();
      frame_ms.push_back(1000 * (glfwGetTime() - frame_start));
    }
    ++frame;
    if (options.until_trained && !trained) frame = 0;  // the screenshot waits for the end of training
    if (options.until_trained && trained && options.screenshot.empty() && frame >= options.frames) break;
    if (!options.screenshot.empty() && frame >= options.frames) {
      if (!write_screenshot(window, options.screenshot)) {
        std::fprintf(stderr, "neurostep: cannot write %s\n", options.screenshot.c_str());
        exit_code = 1;
      }
      break;
    }
    glfwSwapBuffers(window);
  }

  if (options.frame_times && frame_ms.size() > 1) {  // not counting the wait for the screen's refresh
    std::printf("first frame (builds the font atlas): %.2f ms, not counted below\n", frame_ms.front());
    ui_ms.erase(ui_ms.begin());
    frame_ms.erase(frame_ms.begin());
    print_times("building the frame (UI code)", std::move(ui_ms));
    print_times("building and drawing it (glFinish)", std::move(frame_ms));
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("peak memory (max resident set): %.0f MB\n", usage.ru_maxrss / 1024.0);
  }
  stop_imgui();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace neurostep
