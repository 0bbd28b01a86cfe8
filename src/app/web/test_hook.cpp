// test_hook.cpp — what the browser test reads of the page (window.neurostep in page.js): the
// state of the app after the last frame as JSON, and where each labelled widget was drawn, from
// Dear ImGui's own test-engine hooks (the web build defines IMGUI_ENABLE_TEST_ENGINE). Read-only:
// the test acts through the keyboard and the mouse, as a student does.
#include "app/web/test_hook.h"

#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>

#include "gui/app_ui.h"
#include "figure/number_text.h"

namespace neurostep {

namespace {

// Every item's last rectangle, by id: kept across frames, since a tab reports its label before it
// adds its rectangle.
std::unordered_map<ImGuiID, ImRect> item_rects;
std::unordered_map<std::string, ImRect> labelled, shown;  // by visible label: this frame's, and the last whole frame's
AppState* last_app = nullptr;                             // the page's, as the last frame left it
int frames = 0;
std::vector<double> recent_ms;  // the last 600 frames' build times

// The open lesson's place: its id, the step shown, its title and first value, the first number the
// student can edit, and why the lesson did not load.
nlohmann::json lesson_state(AppState& app) {
  nlohmann::json j = {
      {"lesson",
       app.lessons.selected >= 0 ? app.lessons.catalog[static_cast<std::size_t>(app.lessons.selected)].id : ""},
      {"error", app.lessons.load_error}};
  if (!app.lessons.session) return j;
  LessonSession& s = *app.lessons.session;
  const Step& step = s.trace().steps.at(static_cast<std::size_t>(s.current()));
  j["step"] = s.current() + 1;
  j["steps"] = s.step_count();
  j["title"] = step.title;
  j["equations"] = step.equations.size();
  j["step_fits"] = app.view.step_fits;  // the step's math through its result inside its panel, unscrolled
  j["lessons_folded"] = app.view.lessons_folded;
  if (!step.values.empty()) {
    const Value& v = step.values.front();
    std::string text;
    for (double x : v.data) text += (text.empty() ? "" : " ") + format_number(x, 6);
    j["value"] = {{"label", v.name}, {"text", text}};
  }
  const std::vector<Editable> editables = s.lesson().editables();
  for (const Editable& e : editables)
    if (e.number) {
      j["editable"] = {
          {"label", e.label}, {"group", e.group}, {"value", *e.number}, {"text", format_number(*e.number, 4)}};
      break;
    }
  return j;
}

nlohmann::json training_state(const TrainingSnapshot& t) {
  return {{"state", job_state_name(t.state)},
          {"epoch", t.epoch},
          {"epochs", t.epochs},
          {"batch", t.batch},
          {"batches", t.batches},
          {"samples_per_second", t.samples_per_second},
          {"message", t.message},
          {"test_accuracy", t.test ? nlohmann::json(t.test->accuracy) : nlohmann::json()}};
}

}  // namespace

void start_test_hook() { ImGui::GetCurrentContext()->TestEngineHookItems = true; }

void end_test_frame(AppState& app, double frame_ms) {
  shown.swap(labelled);
  labelled.clear();
  ++frames;
  recent_ms.push_back(frame_ms);
  if (recent_ms.size() > 600) recent_ms.erase(recent_ms.begin());
  last_app = &app;
}

// The state as JSON, built only when the test asks (between frames), so that a student's page pays
// nothing per frame for the hook but the widgets' rectangles.
std::string state_json() {
  if (!last_app) return "";
  AppState& app = *last_app;
  nlohmann::json state = lesson_state(app);
  nlohmann::json ids = nlohmann::json::array();
  for (const CatalogEntry& e : app.lessons.catalog) ids.push_back(e.id);
  state["frames"] = frames;
  state["lessons"] = ids;
  state["lessons_unread"] = app.lessons.unread.size();
  state["status"] = app.status;
  state["presenting"] = app.display.presenting;
  state["training"] = training_state(app.training.job.snapshot());
  const TrainPanelState::Download& d = app.training.panel.download;
  state["download"] = {{"label", d.label},       {"done", d.done},   {"total", d.total},
                       {"fetching", d.fetching}, {"ready", d.ready}, {"error", d.error}};
  state["frame_ms"] = recent_ms;
  return state.dump();
}

}  // namespace neurostep

using neurostep::item_rects;
using neurostep::labelled;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect& bb, ImGuiID id) { item_rects[id] = bb; }

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  const auto rect = item_rects.find(id);
  if (!label || rect == item_rects.end()) return;
  std::string visible = label;
  visible = visible.substr(0, visible.find("##"));
  if (!visible.empty() && !labelled.contains(visible)) labelled[visible] = rect->second;  // the first of equal labels
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* neurostep_test_state() {
  static std::string out;
  out = neurostep::state_json();
  return out.c_str();
}

// "x y w h" of the widget labelled `label` in the last frame, or "" if there was none.
EMSCRIPTEN_KEEPALIVE const char* neurostep_test_item(const char* label) {
  static std::string out;
  const auto it = neurostep::shown.find(label);
  out = it == neurostep::shown.end()
            ? ""
            : std::to_string(it->second.Min.x) + " " + std::to_string(it->second.Min.y) + " " +
                  std::to_string(it->second.GetWidth()) + " " + std::to_string(it->second.GetHeight());
  return out.c_str();
}
}
