// main_web.cpp — the web page's program: the same app as the native window, on the web platform.
//   main loop   the browser calls one frame at a time (emscripten_set_main_loop), sized to the window
//   storage     the user's folders (settings, Try it progress, chosen data) live under $HOME, which
//               page.js keeps in the browser's IndexedDB; the last lesson opens again
//   files       written files become downloads; lesson files, points, models and IDX files come
//               through the browser's file picker (page_library.js)
//   training    in a Web Worker with its own copy of the core (trainer_link.h), talking to the page by
//               messages only: the page's thread draws (fewer frames while the student leaves it
//               alone), and without threads (SharedArrayBuffer) the page works from any static
//               host, without the headers threads would need; the full MNIST (full_mnist.h)
#include <emscripten.h>
#include <unistd.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "app/frame.h"
#include "app/paths.h"
#include "app/settings.h"
#include "app/startup.h"
#include "app/web/full_mnist.h"
#include "app/web/page.h"
#include "app/web/test_hook.h"
#include "app/web/trainer_link.h"
#include "app/worksheet_command.h"
#include "core/io/user_dirs.h"
#include "gui/app_ui.h"
#include "lessons/framework/lesson_file.h"

namespace neurostep {

namespace {

// Where the page's own files are (web/CMakeLists.txt packs them there), and where files written
// or chosen in a session go (the working folder, so errors name them as the student knows them).
const std::filesystem::path kSite = "/neurostep";
const std::filesystem::path kWork = "/files";

struct Page {
  AppState app;
  GLFWwindow* window = nullptr;
  UserFiles files;  // where the settings and Try it's marks are kept (the browser keeps them)
  Settings saved;
  double last = 0;
  int width = 0, height = 0;
  double ratio = 0;  // device pixels per CSS pixel
  bool first = true;
  std::vector<std::pair<FileRequest, std::vector<std::filesystem::path>>> chosen;  // arrived since the last frame
};
Page* page = nullptr;

const char* accepted(FileRequest request) {
  switch (request) {
    case FileRequest::LessonFile: return ".toml";
    case FileRequest::Points: return ".csv,.txt";
    case FileRequest::Model: return ".ckpt";
    case FileRequest::TrainingData: return "";  // IDX files have no extension (or .gz)
  }
  return "";
}

PlatformFiles web_files() {
  return {
      .deliver =
          [](const std::vector<std::filesystem::path>& files) {
            for (const auto& f : files) page_download(f.c_str(), f.filename().c_str());
          },
      .choose =
          [](FileRequest request, const std::filesystem::path& folder) {
            page_choose_files(static_cast<int>(request), accepted(request), request == FileRequest::TrainingData,
                              folder.c_str());
          },
  };
}

// The Worksheet… popup: the sheets and keys as LaTeX and Markdown downloads (no pdflatex here).
std::string worksheet_downloads(const std::string& lesson, const WorksheetRequest& r) {
  WorksheetReport report;
  write_worksheets(kSite / "lessons",
                   {.lesson = lesson,
                    .variants = r.count,
                    .seed = static_cast<std::uint64_t>(r.seed),
                    .out = r.folder,
                    .precision = r.precision},
                   report);
  if (!report.error.empty()) return "Worksheets not written: " + report.error;
  page->app.platform.files.deliver(report.written);
  return fmt::format(
      "Downloaded {} worksheet{} and {} (numbers #{}…#{}) as LaTeX and Markdown; the desktop program also makes PDFs",
      r.count, r.count == 1 ? "" : "s", r.count == 1 ? "its key" : "their keys", r.seed, r.seed + r.count - 1);
}

// The settings as the window leaves them, written (and kept by the browser) when they change.
void persist_settings(Page& p) {
  if (remember_settings(p.app, p.files, p.saved)) page_persist();
}

// While the worker trains and the student leaves the page alone, the page draws at most ten frames
// a second: the progress bar and the curves need no more, and where the browser draws in software
// every frame takes the worker CPU time (bench/web_page.sh here: the worker trained 5,966 images/s
// with the page drawing every frame, 8,255 with it drawing none). Any input draws at once again.
bool resting(const Page& p, double now) {
  constexpr double kRestingFrame = 0.1, kQuietAfterInput = 1.0;  // seconds
  return !p.first && p.app.training.job.running() && page_seconds_since_input() > kQuietAfterInput &&
         now - p.last < kRestingFrame;
}

void frame() {
  Page& p = *page;
  if (resting(p, emscripten_get_now() / 1000)) return;
  // The canvas has the screen's own pixels (sharp text on a HiDPI screen, the fonts built at that
  // scale); the browser window resized or zoomed lays it out again.
  if (page_width() != p.width || page_height() != p.height || page_pixel_ratio() != p.ratio) {
    p.width = page_width();
    p.height = page_height();
    p.ratio = page_pixel_ratio();
    glfwSetWindowSize(p.window, static_cast<int>(p.width * p.ratio), static_cast<int>(p.height * p.ratio));
    page_show_canvas(p.width, p.height);
  }
  glfwPollEvents();
  for (const auto& [request, files] : p.chosen) files_chosen(p.app, request, files);
  p.chosen.clear();
  const double now = emscripten_get_now() / 1000;
  const double ui_ms = draw_frame(p.window, p.app, p.first ? 0 : now - p.last, static_cast<float>(p.ratio), false);
  p.last = now;
  persist_settings(p);
  end_test_frame(p.app, ui_ms);
  if (p.first) page_first_frame();
  p.first = false;
}

void open_app(Page& p) {
  AppState& app = p.app;
  app.lessons.folder = kSite / "lessons";
  set_lesson_data_roots({kSite});
  app.platform.files = web_files();
  app.platform.write_worksheets = worksheet_downloads;
  app.training.panel.file_picker = true;
  app.training.panel.local_datasets = false;
  app.playground.panel.file_picker = true;
  train_in_worker(app.training.job);
  offer_full_mnist(app);
  p.files = user_files();
  p.saved = start_app(app, p.files);
  // The first frame comes before every lesson file is read: the list fills in over the next frames.
  read_catalog_later(app, p.saved.lesson);
  go_to_step(app, p.saved.step);  // the step left open
}

}  // namespace

}  // namespace neurostep

extern "C" {
// page_library.js: the files the student chose for a FileRequest, one path per line.
EMSCRIPTEN_KEEPALIVE void neurostep_files_chosen(int request, const char* paths) {
  std::vector<std::filesystem::path> files;
  std::istringstream lines(paths);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) files.emplace_back(line);
  neurostep::page->chosen.emplace_back(static_cast<neurostep::FileRequest>(request), std::move(files));
}
}

int main() {
  using namespace neurostep;
  std::filesystem::create_directories(kWork);
  if (chdir(kWork.c_str()) != 0) std::perror("neurostep: /files");
  if (!glfwInit()) {
    std::fprintf(stderr, "neurostep: this browser cannot start the page's window\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  page = new Page;  // lives as long as the page
  page->window =
      glfwCreateWindow(page_width(), page_height(), "Neurostep", nullptr, nullptr);  // sized by the first frame
  if (!page->window) {
    std::fprintf(stderr, "neurostep: this browser has no WebGL 2, which the page needs\n");
    return 1;
  }
  glfwMakeContextCurrent(page->window);
  start_imgui(page->window, page->app, "#version 300 es", nullptr, nullptr);
  start_test_hook();
  open_app(*page);
  emscripten_set_main_loop(frame, 0, 1);
}
