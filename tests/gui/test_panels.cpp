// The GUI panels, headless: real ImGui frames with no window and no GPU (a context, a display
// size, the font atlas built on the CPU), driven by simulated keys, asserting on what the panels
// asked for and on what was drawn.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the windows of a frame: which were drawn, a plot and a tooltip

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "figure/figure_painter.h"
#include "gui/app_ui.h"
#include "gui/plot_layout.h"
#include "lessons/training/training_figures.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/trainable.h"

#include "headless_imgui.h"
#include "sweep.h"

using namespace neurostep;
using neurostep::test::exercise_at;
using neurostep::test::HeadlessImGui;

namespace {}  // namespace

TEST_CASE("the sigmoid lesson draws and steps with the keyboard") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  CHECK(gui.frame() > 1000);
  REQUIRE(gui.app.lessons.session);
  CHECK(gui.app.lessons.session->current() == 0);
  gui.frame({AppKey::Step});
  CHECK(gui.app.lessons.session->current() == 1);
  gui.frame({AppKey::Step});
  gui.frame();
  CHECK(gui.app.lessons.session->current() == 2);
  gui.frame({AppKey::Back});
  CHECK(gui.app.lessons.session->current() == 1);
  gui.frame({AppKey::Reset});
  CHECK(gui.app.lessons.session->current() == 0);
}

TEST_CASE("every tap of a key steps exactly once: taps one frame apart, and two within one frame") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  gui.frame();
  for (int i = 0; i < 10; ++i) gui.frame({AppKey::Step});
  CHECK(gui.app.lessons.session->current() == 10);
  gui.frame({AppKey::Back, AppKey::Back});  // two taps faster than a frame
  CHECK(gui.app.lessons.session->current() == 8);
  gui.frame({AppKey::NextLesson});
  CHECK(gui.app.lessons.catalog[static_cast<std::size_t>(gui.app.lessons.selected)].id != "chain-rule");
  CHECK(gui.app.keys.empty());
}

namespace {
// The windows whose text ran off their right edge in the last frame: a glyph of the sidebar, the
// lesson's header, its step list or its current step right of the rectangle it is clipped to.
// (The plots and tables that scroll sideways are left out.)
std::vector<std::string> text_running_over() {
  std::vector<std::string> out;
  const ImDrawData* d = ImGui::GetDrawData();
  // Where the atlas keeps the white pixel and the anti-aliased lines that every shape is drawn with.
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  ImVec4 shapes(atlas.TexUvWhitePixel.x, atlas.TexUvWhitePixel.y, atlas.TexUvWhitePixel.x, atlas.TexUvWhitePixel.y);
  for (const ImVec4& l : atlas.TexUvLines)
    shapes = ImVec4(std::min({shapes.x, l.x, l.z}), std::min({shapes.y, l.y, l.w}), std::max({shapes.z, l.x, l.z}),
                    std::max({shapes.w, l.y, l.w}));
  for (int l = 0; l < d->CmdListsCount; ++l) {
    const ImDrawList* dl = d->CmdLists[l];
    const std::string name = dl->_OwnerName ? dl->_OwnerName : "";
    const std::string last = name.substr(name.rfind('/') + 1);  // "Neurostep/lesson_1A2B3C4D" → "lesson_1A2B3C4D"
    if (last.rfind("sidebar_", 0) != 0 && last.rfind("lesson_", 0) != 0 && last.rfind("steps_", 0) != 0 &&
        last.rfind("step_", 0) != 0)
      continue;
    bool over = false;
    for (const ImDrawCmd& cmd : dl->CmdBuffer)
      for (unsigned i = 0; i < cmd.ElemCount && !over; ++i) {
        const ImDrawVert& v =
            dl->VtxBuffer[static_cast<int>(cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])];
        // Lines and fills (separators, highlights) span the window on purpose: only glyphs count.
        const bool glyph = v.uv.x < shapes.x || v.uv.x > shapes.z || v.uv.y < shapes.y || v.uv.y > shapes.w;
        over = glyph && v.pos.x > cmd.ClipRect.z + 1;
      }
    if (over) out.push_back(last);
  }
  return out;
}
}  // namespace

TEST_CASE("every screen readable at every window size: no text runs off the right edge of a panel (issue 14)") {
  HeadlessImGui gui;
  std::vector<std::string> ids;
  for (const CatalogEntry& lesson : gui.app.lessons.catalog) ids.push_back(lesson.id);
  for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(900, 600)}) {
    ImGui::GetIO().DisplaySize = size;
    for (const std::string& id : ids) {
      REQUIRE(open_lesson_by_id(gui.app, id));
      for (int step = 0; step < gui.app.lessons.session->step_count(); ++step) {
        gui.app.lessons.session->go_to(step);
        gui.frame();
        gui.frame();  // the second frame lays out with the sizes the first one measured
        const std::vector<std::string> over = text_running_over();
        CHECK_MESSAGE(over.empty(), id << " step " << step + 1 << " at " << size.x << "×" << size.y << ": "
                                       << (over.empty() ? "" : over.front()));
      }
    }
  }
}

namespace {
struct Screen {
  ImVec2 size;
  int scale_percent;
};
// The laptop screens of issue 26: the most common one and a browser window beside notes, at the
// default text size and one step larger.
const Screen kLaptops[] = {{{1024, 700}, 100}, {{1024, 700}, 125}, {{1366, 768}, 100}, {{1366, 768}, 125}};

std::string at(const Screen& s) { return fmt::format("{}×{} at {} %", s.size.x, s.size.y, s.scale_percent); }

// A step longer than a laptop's height: a model's 22 layers, the four optimizers' 13 updates, a
// 4×4 map's 32 cells to type, eight δ sums of eight products each (over 1,000 characters of
// numbers). The view gives its equations two columns and its fields a grid; these may still scroll.
bool long_step(const LessonSession& session, const Practice* practice) {
  const Step& step = *session.current_step();
  std::size_t numbers = 0;
  for (const Equation& e : step.equations) numbers += equation_numbers(e, 4).size();
  return step.equations.size() > 8 || numbers > 1000 ||
         (practice && practice->exercises_of(session.current()).size() > 8);
}
}  // namespace

TEST_CASE(
    "laptop screens: every step of every lesson shows its math through the result without scrolling, and no text runs "
    "over") {
  HeadlessImGui gui;
  std::vector<std::string> ids;
  for (const CatalogEntry& lesson : gui.app.lessons.catalog) ids.push_back(lesson.id);
  for (const Screen& screen : kLaptops) {
    ImGui::GetIO().DisplaySize = screen.size;
    gui.app.display.scale_percent = screen.scale_percent;
    for (const std::string& id : ids) {
      REQUIRE(open_lesson_by_id(gui.app, id));
      for (const bool first_visit : {true, false}) {
        gui.app.view.summary_open =
            first_visit;  // the summary is open on a lesson's first visit (at its first step) only
        for (int step = 0; step < (first_visit ? 1 : gui.app.lessons.session->step_count()); ++step) {
          gui.app.lessons.session->go_to(step);
          gui.frame();
          gui.frame();                              // the second frame lays out with the sizes the first one measured
          for (int f = 0; f < 3; ++f) gui.frame();  // the next ones with the math widened for a long step
          CHECK_MESSAGE(
              (gui.app.view.step_fits || long_step(*gui.app.lessons.session, nullptr)),
              id << " step " << step + 1 << " at " << at(screen) << std::string(first_visit ? ", summary open" : ""));
          const std::vector<std::string> over = text_running_over();
          CHECK_MESSAGE(over.empty(), id << " step " << step + 1 << " at " << at(screen) << ": "
                                         << (over.empty() ? "" : over.front()));
        }
      }
    }
  }
}

TEST_CASE(
    "laptop screens in Try it: a step's fields, a wrong answer's feedback and the hint button are on screen without "
    "scrolling") {
  HeadlessImGui gui;
  for (const Screen& screen : kLaptops) {
    ImGui::GetIO().DisplaySize = screen.size;
    gui.app.display.scale_percent = screen.scale_percent;
    for (const CatalogEntry& lesson : std::vector<CatalogEntry>(gui.app.lessons.catalog)) {
      REQUIRE(open_lesson_by_id(gui.app, lesson.id));
      gui.app.view.try_it = true;
      gui.app.view.summary_open = false;
      gui.frame();
      apply_actions(gui.app, {.practice = {.start_over = true}});
      const Practice& p = gui.app.practice.sheet;
      for (int step = 0; step < gui.app.lessons.session->step_count(); ++step) {
        const std::vector<int> mine = p.exercises_of(step);
        if (mine.empty()) continue;
        gui.app.lessons.session->go_to(step);
        apply_actions(
            gui.app,
            {.practice = {.answer = std::pair{mine[0], std::string("-123.456789")}}});  // wrong: the feedback line
        for (int f = 0; f < 5; ++f) gui.frame();  // laid out, then widened (up to three times) if needed
        CHECK_MESSAGE((gui.app.view.step_fits || long_step(*gui.app.lessons.session, &p)),
                      lesson.id << " step " << step + 1 << " in Try it at " << at(screen));
        const std::vector<std::string> over = text_running_over();
        CHECK_MESSAGE(over.empty(), lesson.id << " step " << step + 1 << " in Try it at " << at(screen) << ": "
                                              << (over.empty() ? "" : over.front()));
      }
    }
  }
}

TEST_CASE("the summary is open on a lesson's first visit, folded on the next, and then as the student left it") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  CHECK(gui.app.view.summary_open);
  REQUIRE(open_lesson_by_id(gui.app, "pooling"));
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  CHECK_FALSE(gui.app.view.summary_open);
  gui.app.view.summaries["chain-rule"] = true;  // what the arrow beside the title records
  REQUIRE(open_lesson_by_id(gui.app, "pooling"));
  CHECK_FALSE(gui.app.view.summary_open);
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  CHECK(gui.app.view.summary_open);
}

TEST_CASE(
    "Try it readable at 900×600: the fields, a wrong answer's slip and every hint of every exercise step stay inside "
    "their panel") {
  HeadlessImGui gui;
  ImGui::GetIO().DisplaySize = ImVec2(900, 600);
  for (const char* id : {"sigmoid-neuron", "chain-rule", "gradient-descent"}) {
    REQUIRE(open_lesson_by_id(gui.app, id));
    gui.app.view.try_it = true;
    gui.frame();
    const Practice& p = gui.app.practice.sheet;
    for (int step = 0; step < gui.app.lessons.session->step_count(); ++step) {
      const std::vector<int> mine = p.exercises_of(step);
      if (mine.empty()) continue;
      gui.app.lessons.session->go_to(step);
      apply_actions(
          gui.app,
          {.practice = {.answer = std::pair{mine[0], std::string("-123.456789")}}});  // wrong: the feedback line
      for (int rung = 0; rung <= 3; ++rung) {
        gui.frame();
        gui.frame();
        const std::vector<std::string> over = text_running_over();
        CHECK_MESSAGE(over.empty(), std::string(id) << " step " << step + 1 << " hint " << rung << ": "
                                                    << (over.empty() ? "" : over.front()));
        apply_actions(gui.app, {.practice = {.hint_step = step}});
      }
    }
    CHECK(p.score().revealed == p.score().total);  // every step's answers revealed
  }
}

TEST_CASE("a plot title shortened to leave the Save button room shows whole on hover (issue 14)") {
  HeadlessImGui gui;
  ImGui::GetIO().DisplaySize = ImVec2(720, 600);  // a tablet's two columns: the plots narrow
  REQUIRE(open_lesson_by_id(gui.app, "dropout"));
  gui.app.lessons.session->go_to(6);
  gui.frame();
  gui.frame();
  const std::string title =
      gui.app.lessons.session->figures().at(0).title;  // "∂E/∂W (crossed out: …)", longer than its narrow plot
  const ImGuiWindow* plots = nullptr;
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if (std::string(w->Name).find("/plots_") != std::string::npos) plots = w;
  REQUIRE(plots);
  REQUIRE(ImGui::CalcTextSize(title.c_str()).x > plots->ContentRegionRect.GetWidth());
  const auto tooltip_width = [&](ImVec2 mouse) {
    ImGui::GetIO().MousePos = mouse;
    gui.frame();
    gui.frame();
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
      if (std::string(w->Name).rfind("##Tooltip_", 0) == 0 && w->Active) return w->Size.x;
    return 0.f;
  };
  const ImVec2 first_figure = plots->ContentRegionRect.Min;
  CHECK(tooltip_width(ImVec2(first_figure.x + 20, first_figure.y + 8)) >=
        ImGui::CalcTextSize(title.c_str()).x);  // the whole title
  CHECK(tooltip_width(ImVec2(710, 590)) == 0);  // elsewhere: none
}

TEST_CASE("actions: go to a step, run to end, edit, select another lesson") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  apply_actions(gui.app, {.navigate = {.step = StepCommand::GoTo, .go_to = 6}});
  CHECK(gui.app.lessons.session->current() == 6);
  apply_actions(gui.app, {.navigate = {.step = StepCommand::RunToEnd}});
  CHECK(gui.app.lessons.session->at_end());
  apply_actions(gui.app, {.numbers = {.edit = NumberEdit{.editable = 0, .value = 1.0}}});
  CHECK(gui.app.lessons.session->trace().steps[0].find("z")->scalar() == doctest::Approx(0.9 + 0.45 + 0.03 + 0.06));
  CHECK(gui.app.lessons.session
            ->edited());  // the Thesis check and Numbers tabs say so and offer the lesson's numbers back
  CHECK(gui.frame() > 1000);
  apply_actions(gui.app, {.navigate = {.reload = true}});  // "Reset to the lesson's numbers"
  CHECK_FALSE(gui.app.lessons.session->edited());
  CHECK(gui.app.lessons.session->trace().steps[0].find("z")->scalar() == doctest::Approx(0.72));
}

TEST_CASE(
    "New numbers: the lesson gets a variant's numbers, says which, and has no thesis check; reload gives its own "
    "back") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  CHECK_FALSE(gui.app.lessons.session->checks().empty());
  apply_actions(gui.app, {.navigate = {.new_numbers = true}});
  REQUIRE(gui.app.lessons.session->variant());
  CHECK(*gui.app.lessons.session->variant() >= 1000);
  CHECK(*gui.app.lessons.session->variant() <= 9999);
  CHECK(gui.app.lessons.session->checks().empty());  // numbers #N are not the thesis's
  CHECK(gui.app.lessons.session->trace().steps[0].find("z")->scalar() != doctest::Approx(0.72));
  CHECK(gui.frame() > 1000);
  apply_actions(gui.app, {.navigate = {.reload = true}});
  CHECK_FALSE(gui.app.lessons.session->variant());
  CHECK(gui.app.lessons.session->trace().steps[0].find("z")->scalar() == doctest::Approx(0.72));
  // The MNIST lesson has no [variants]: the button is not offered, and the action changes nothing.
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  apply_actions(gui.app, {.navigate = {.new_numbers = true}});
  CHECK_FALSE(gui.app.lessons.session->variant());
}

TEST_CASE("a broken lesson file is listed and shown with its error; the app keeps running") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-gui-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.toml") << "id = \"broken\"\ntitle = 3\n";
  HeadlessImGui gui;
  gui.app.lessons.folder = dir;
  refresh_catalog(gui.app);
  REQUIRE(gui.app.lessons.catalog.size() == 1);
  open_lesson(gui.app, 0);
  CHECK_FALSE(gui.app.lessons.session);
  CHECK(gui.app.lessons.load_error.find("broken.toml:2:9") != std::string::npos);
  // Every mistake of the file in the lesson view, one a line; the first and how many more in the list.
  CHECK(gui.app.lessons.load_error.find("broken.toml:1:1: missing key 'kind'\n") != std::string::npos);
  CHECK_MESSAGE(gui.app.lessons.catalog[0].error.ends_with("broken.toml:1:1: missing key 'kind' (+1 more)"),
                gui.app.lessons.catalog[0].error);
  CHECK(gui.frame() > 100);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the export hook writes a plot's data and the history table, and says where") {
  HeadlessImGui gui;
  gui.app.platform.export_dir = std::filesystem::temp_directory_path() / "neurostep-export-test";
  std::filesystem::remove_all(gui.app.platform.export_dir);
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  apply_actions(gui.app, {.navigate = {.step = StepCommand::RunToEnd}});
  apply_actions(gui.app, {.files = {.export_what = ExportRequest{ExportKind::History}}});
  CHECK(gui.app.status.find("Saved 3 files in") != std::string::npos);
  std::ifstream md(gui.app.platform.export_dir / "sigmoid-neuron-history.md");
  std::string first;
  std::getline(md, first);
  CHECK(first.find("| ∂C/∂w₁ |") != std::string::npos);
  apply_actions(gui.app,
                {.files = {.export_what = ExportRequest{.kind = ExportKind::Figure, .figure = "Weights per step"}}});
  const std::string at_end =
      "sigmoid-neuron-step" + std::to_string(gui.app.lessons.session->step_count());  // the step is in the name
  std::ifstream csv(gui.app.platform.export_dir / (at_end + "-weights-per-step.csv"));
  std::string header;
  std::getline(csv, header);
  CHECK(header == "series,label,x,y");
  CHECK(std::filesystem::exists(gui.app.platform.export_dir / (at_end + "-weights-per-step.pdf")));
  apply_actions(gui.app, {.files = {.export_what = ExportRequest{ExportKind::All}}});
  CHECK(gui.app.status.find("Saved 27 files") !=
        std::string::npos);  // 4 plots × (4 formats + TikZ and its standalone) + 3 tables
  CHECK(std::filesystem::exists(gui.app.platform.export_dir / (at_end + "-weights-per-step-standalone.tex")));
  apply_actions(gui.app, {.navigate = {.step = StepCommand::GoTo,
                                       .go_to = 2}});  // Export all at another step keeps the first files
  apply_actions(gui.app, {.files = {.export_what = ExportRequest{ExportKind::All}}});
  CHECK(std::filesystem::exists(gui.app.platform.export_dir / (at_end + "-weights-per-step.pdf")));
  CHECK(std::filesystem::exists(gui.app.platform.export_dir / "sigmoid-neuron-step3-weights-per-step.pdf"));
  std::filesystem::remove_all(gui.app.platform.export_dir);
}

TEST_CASE("a lesson file changed on disk is reloaded at the same step; a new file appears in the list") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "neurostep-reload-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "sigmoid-neuron.toml";
  fs::copy_file(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/sigmoid-neuron.toml", file);
  HeadlessImGui gui;
  gui.app.lessons.folder = dir;
  refresh_catalog(gui.app);
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  gui.app.lessons.session->go_to(4);
  // Change the first weight in the file (0.2 → 0.25) and make sure the modification time moves.
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  text.replace(text.find("weights = [0.2,"), 15, "weights = [0.25,");
  std::ofstream(file) << text;
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  gui.app.clock += 2;
  gui.frame();
  REQUIRE(gui.app.lessons.session);
  CHECK(gui.app.lessons.session->current() == 4);
  CHECK(gui.app.lessons.session->trace().steps[0].find("w")->data[0] == doctest::Approx(0.25));
  // A new file of an existing kind appears without recompiling.
  text.replace(text.find("id = \"sigmoid-neuron\""), 21, "id = \"my-neuron\"");
  std::ofstream(dir / "my-neuron.toml") << text;
  gui.app.clock += 2;
  gui.frame();
  CHECK(gui.app.lessons.catalog.size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("the MNIST lesson trains on the sample off the UI thread; frames keep coming; pause, resume, cancel") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  gui.frame();
  gui.app.training.panel.model = 0;  // Sougrati et al.'s CNN
  gui.frame();                       // the panel fills in the model's own settings
  gui.app.training.panel.epochs = 1;
  apply_actions(gui.app, {.training = {.command = TrainCommand::Start}});
  int frames = 0;
  bool paused_seen = false;
  for (;;) {  // the UI thread only draws; the worker trains
    gui.frame();
    ++frames;
    const TrainingSnapshot s = gui.app.training.job.snapshot();
    if (s.state == JobState::Training && s.batch > 30 && !paused_seen) {
      apply_actions(gui.app, {.training = {.command = TrainCommand::Pause}});
      CHECK(gui.app.training.job.snapshot().state == JobState::Paused);
      for (int i = 0; i < 5; ++i) gui.frame();
      apply_actions(gui.app, {.training = {.command = TrainCommand::Resume}});
      paused_seen = true;
    }
    if (s.state == JobState::Finished || s.state == JobState::Failed) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(frames < 20000);
  }
  const TrainingSnapshot done = gui.app.training.job.snapshot();
  CHECK(done.state == JobState::Finished);
  REQUIRE(done.test.has_value());
  CHECK(done.test->accuracy > 0.8);
  CHECK(paused_seen);
  CHECK(done.samples.size() == 6);
  CHECK_FALSE(done.mistakes.empty());
  for (const auto& e : done.mistakes) CHECK(e.predicted() != e.label);
  CHECK(frames > 10);
  CHECK(gui.frame() > 1000);  // the curves and the confusion matrix draw

  // Draw a "1" on the canvas: the model classifies what it sees, probabilities summing to 1.
  auto& canvas = gui.app.training.panel.canvas;
  for (int r = 20; r < 120; ++r)
    for (int c = 65; c < 75; ++c) canvas[static_cast<std::size_t>(r * TrainPanelState::kCanvas + c)] = 1;
  apply_actions(gui.app, {.training = {.drawing_changed = true}});
  REQUIRE(gui.app.training.panel.probabilities.size() == 10);
  double total = 0;
  for (float p : gui.app.training.panel.probabilities) total += p;
  CHECK(total == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(gui.frame() > 1000);

  // Inside the network: test image 3's feature maps of the first layer, the filters, the noise sweep.
  gui.app.training.panel.image = 3;
  apply_actions(gui.app, {.training = {.explore_changed = true}});
  REQUIRE(gui.app.training.panel.exploration);
  const Exploration& inside = *gui.app.training.panel.exploration;
  CHECK(inside.image.label == 0);       // the sample's fourth test image is a 0
  REQUIRE(inside.figures.size() == 4);  // feature maps, filters, noise curve, noisy image; no backwards query for a CNN
  CHECK(inside.figures[0].heatmaps.size() == 8);
  CHECK(inside.figures[1].heatmaps.size() == 8);
  gui.app.training.panel.select_view = TrainPanelState::View::Inside;
  gui.frame();  // the tab bar selects the tab in this frame and shows it in the next
  CHECK(gui.frame() > 1000);
  CHECK(gui.app.training.panel.view == TrainPanelState::View::Inside);

  gui.app.platform.export_dir = std::filesystem::temp_directory_path() / "neurostep-train-test";
  apply_actions(gui.app, {.files = {.export_what = ExportRequest{
                                        .kind = ExportKind::Figure,
                                        .figure = inside.figures[1].title}}});  // Save on a plot inside the network
  CHECK_FALSE(std::filesystem::is_empty(gui.app.platform.export_dir));
  apply_actions(gui.app, {.training = {.command = TrainCommand::Save}});
  CHECK(std::filesystem::exists(gui.app.platform.export_dir / "sougrati.ckpt"));

  // Load model reads it back on the worker thread: the same test accuracy, and it can be explored.
  auto wait = [&] {
    for (int i = 0; i < 4000 && gui.app.training.job.running(); ++i) {
      gui.frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  };
  apply_actions(gui.app, {.training = {.command = TrainCommand::Load}});
  wait();
  const TrainingSnapshot loaded = gui.app.training.job.snapshot();
  CHECK(loaded.state == JobState::Finished);
  REQUIRE(loaded.test.has_value());
  CHECK(loaded.test->accuracy == doctest::Approx(done.test->accuracy));
  CHECK(loaded.message.find("Loaded") != std::string::npos);
  apply_actions(gui.app, {.training = {.explore_changed = true}});
  CHECK(gui.app.training.panel.exploration.has_value());
  // A file that is not a checkpoint: the job says why and the window goes on.
  std::ofstream(gui.app.platform.export_dir / "broken.ckpt") << "not a checkpoint";
  gui.app.training.panel.load_path = (gui.app.platform.export_dir / "broken.ckpt").string();
  apply_actions(gui.app, {.training = {.command = TrainCommand::Load}});
  wait();
  CHECK(gui.app.training.job.snapshot().state == JobState::Failed);
  CHECK(gui.app.training.job.snapshot().message.find("broken.ckpt") != std::string::npos);
  CHECK(gui.frame() > 100);
  gui.app.training.panel.load_path.clear();
  std::filesystem::remove_all(gui.app.platform.export_dir);

  apply_actions(gui.app, {.training = {.command = TrainCommand::Start}});
  apply_actions(gui.app, {.training = {.command = TrainCommand::Cancel}});
  for (int i = 0; i < 2000 && gui.app.training.job.running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK_FALSE(gui.app.training.job.running());
}

TEST_CASE("comparing optimizers trains the model four times from the same weights and overlays the curves") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  gui.frame();
  gui.app.training.panel.epochs = 1;
  apply_actions(gui.app, {.training = {.command = TrainCommand::CompareOptimizers}});
  for (int i = 0; i < 20000 && gui.app.training.job.running(); ++i) {
    gui.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const TrainingSnapshot done = gui.app.training.job.snapshot();
  CHECK(done.state == JobState::Finished);
  REQUIRE(done.compared.size() == 4);
  CHECK(done.compared[0].label == "SGD, learning rate 0.01");
  CHECK(done.compared[3].label == "Adam, learning rate 0.001");
  for (const Curves& c : done.compared) {
    CHECK(c.val_accuracy.size() == 1);
    CHECK(c.test_accuracy > 0.5);
  }
  CHECK(done.compared[0].loss.front() ==
        doctest::Approx(done.compared[3].loss.front()).epsilon(0.05));  // the same start
  const std::vector<Figure> figs = comparison_figures(done);
  REQUIRE(figs.size() == 2);
  CHECK(figs[1].series.size() == 4);
  CHECK(gui.frame() > 1000);
}

// Runs frames until the training job has ended; returns its snapshot.
TrainingSnapshot train_to_end(HeadlessImGui& gui) {
  for (int i = 0; i < 20000 && gui.app.training.job.running(); ++i) {
    gui.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return gui.app.training.job.snapshot();
}

TEST_CASE("the dropout lesson trains its MLP with and without dropout from the same weights") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "dropout"));
  gui.app.training.panel.select_train_tab = true;  // after the worked example's tabs
  gui.frame();
  gui.frame();  // the tab opens on the frame after it is selected
  REQUIRE(gui.app.training.panel.model == 0);
  CHECK(gui.app.training.panel.train_images == 500);  // the lesson file's few images
  gui.app.training.panel.epochs = 2;
  apply_actions(gui.app, {.training = {.command = TrainCommand::CompareDropout}});
  const TrainingSnapshot done = train_to_end(gui);
  CHECK(done.state == JobState::Finished);
  CHECK(done.comparison == Comparison::Dropout);
  REQUIRE(done.compared.size() == 2);
  CHECK(done.compared[0].label == "with dropout (p = 0.5, 0.5)");
  CHECK(done.compared[1].label == "without dropout");
  CHECK(done.compared[1].val_accuracy.size() == 2);
  const std::vector<Figure> figs = comparison_figures(done);
  REQUIRE(figs.size() == 2);
  CHECK(figs[0].series.size() == 4);               // training and validation of both runs
  CHECK(gui.app.lessons.session->current() == 0);  // choosing a model does not move this lesson's steps
}

TEST_CASE("Jäppinen's fully connected network is compared with his CNN on the same data from the Train tab, and kept") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  gui.frame();
  const MnistModels& models = *trainable_models(gui.app.lessons.session->lesson());
  const auto ann = std::find_if(models.models.begin(), models.models.end(),
                                [](const MnistModel& m) { return m.spec.name == "jappinen2024-ann"; });
  REQUIRE(ann != models.models.end());
  select_model(gui.app.training.panel, models, static_cast<int>(ann - models.models.begin()));
  if (std::filesystem::is_directory(mnist_data_folder(gui.app.lessons.folder, DataSource::Fashion)))
    CHECK(gui.app.training.panel.data == DataSource::Fashion);  // the thesis's data, where this machine has it
  gui.app.training.panel.data = DataSource::Sample;
  gui.app.training.panel.epochs = 1;
  gui.app.training.panel.train_images = static_cast<int>(test::sweep(320));
  apply_actions(gui.app, {.training = {.command = TrainCommand::CompareModels}});
  const TrainingSnapshot done = train_to_end(gui);
  INFO(done.message);
  CHECK(done.state == JobState::Finished);
  CHECK(done.model == "jappinen2024-ann");  // the model kept, explored and saved: the one chosen, trained last
  REQUIRE(done.compared.size() == 2);
  CHECK(done.compared[0].label ==
        "Jäppinen's Fashion-MNIST CNN with batch normalization and dropout: 266,794 parameters");
  CHECK(done.compared[1].label == "Jäppinen's fully connected Fashion-MNIST network: 111,146 parameters");
  CHECK(done.compared[0].at == done.compared[1].at);
  CHECK(comparison_note(done).find("Jäppinen 2024") != std::string::npos);
}

TEST_CASE("training a model with batch normalization records what that layer receives and gives after each epoch") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "batch-norm"));
  gui.app.training.panel.select_train_tab = true;
  gui.frame();
  gui.frame();
  gui.app.training.panel.epochs = 2;
  gui.app.training.panel.train_images = 600;
  apply_actions(gui.app, {.training = {.command = TrainCommand::Start}});
  const TrainingSnapshot done = train_to_end(gui);
  CHECK(done.state == JobState::Finished);
  REQUIRE(done.batchnorm.size() == 2);
  CHECK(done.batchnorm[1].epoch == 2);
  CHECK(done.batchnorm_layer.find("BatchNorm") != std::string::npos);
  const Distribution& in = done.batchnorm[0].input;
  REQUIRE(in.x.size() == 40);
  double area = 0;
  for (double d : in.density) area += d * (in.x[1] - in.x[0]);
  CHECK(area == doctest::Approx(1.0));
  CHECK(batchnorm_figures(done).size() == 2);
  CHECK(gui.frame() > 1000);
}

// A monkey: for every lesson, random clicks anywhere, key taps, edits of any number (to random
// values in its range and to its limits), plot clicks, jumps and window sizes, for a bounded time.
// Nothing may crash (the sanitizer build runs this too) and every scalar on screen stays finite.
// Seeded: NEUROSTEP_MONKEY_SEED replays a failure, whose seed the report shows.
TEST_CASE(
    "the playground: a click adds a point of the chosen class, a drag moves it, a right-click deletes it; Train plays "
    "over frames") {
  HeadlessImGui gui;
  ImGuiIO& io = ImGui::GetIO();
  REQUIRE(open_lesson_by_id(gui.app, "playground-xor"));
  gui.frame();
  gui.frame();
  const Playground& pg = *playground_of(gui.app.lessons.session->lesson());
  const PlotArea plane = gui.app.playground.panel.plane;
  REQUIRE(plane.p1.x - plane.p0.x > 100);
  const std::size_t n = pg.points().points.size();
  const auto click = [&](double x, double y, int button) {
    const Point p = plane.to_screen(x, y);
    io.MousePos = ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
    gui.frame();
    io.MouseDown[button] = true;
    gui.frame();
    io.MouseDown[button] = false;
    gui.frame();
  };
  // The emptiest spot of the plane: the farthest from every point.
  double ex = 0, ey = 0, room = 0;
  for (double x = -2.8; x <= 2.8; x += 0.1)
    for (double y = -2.8; y <= 2.8; y += 0.1) {
      double nearest = 1e9;
      for (const DataPoint& p : pg.points().points) nearest = std::min(nearest, std::hypot(p.x - x, p.y - y));
      if (nearest > room) room = nearest, ex = x, ey = y;
    }
  gui.app.playground.panel.add_class = 1;
  click(ex, ey, 0);
  REQUIRE(pg.points().points.size() == n + 1);
  const DataPoint added = pg.points().points.back();
  CHECK(added.label == 1);
  CHECK(added.x == doctest::Approx(ex).epsilon(0.03));
  CHECK(pg.selected_point() == -1);
  // Drag it half a unit down.
  const Point from = plane.to_screen(added.x, added.y), to = plane.to_screen(added.x, added.y - 0.5);
  io.MousePos = ImVec2(static_cast<float>(from.x), static_cast<float>(from.y));
  gui.frame();
  io.MouseDown[0] = true;
  gui.frame();
  for (int i = 1; i <= 5; ++i) {
    io.MousePos = ImVec2(static_cast<float>(from.x + (to.x - from.x) * i / 5),
                         static_cast<float>(from.y + (to.y - from.y) * i / 5));
    gui.frame();
  }
  io.MouseDown[0] = false;
  gui.frame();
  CHECK(std::abs(pg.points().points.back().x - added.x) < 0.05);
  CHECK(std::abs(pg.points().points.back().y - (added.y - 0.5)) < 0.05);
  CHECK(pg.selected_point() == static_cast<int>(n));  // clicked on: followed through the network
  click(pg.points().points.back().x, pg.points().points.back().y, 1);
  CHECK(pg.points().points.size() == n);
  // Train: epochs pass as frames do, and the trace's last step follows.
  apply_actions(gui.app, {.playground = {.commands = {{.kind = PlaygroundCommand::Kind::Play}}}});
  io.DeltaTime = 0.1f;
  for (int i = 0; i < 20; ++i) gui.frame();
  io.DeltaTime = 1.0f / 60;
  CHECK(pg.training().epoch() >= 10);
  CHECK(gui.app.lessons.session->trace().steps.back().title.find(
            fmt::format("After {} epochs", pg.training().epoch())) != std::string::npos);
  apply_actions(gui.app, {.playground = {.commands = {{.kind = PlaygroundCommand::Kind::Pause}}}});
}

TEST_CASE("monkey: random actions on every lesson crash nothing and leave every shown scalar finite") {
  const char* env = std::getenv("NEUROSTEP_MONKEY_SEED");
  const unsigned seed = env ? static_cast<unsigned>(std::strtoul(env, nullptr, 10)) : 20261130u;
  CAPTURE(seed);
  std::mt19937 rng(seed);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(std::max(1, n))); };
  const auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  HeadlessImGui gui;
  ImGuiIO& io = ImGui::GetIO();
  const auto dir = std::filesystem::temp_directory_path() / ("neurostep-monkey-" + std::to_string(seed));
  gui.app.platform.export_dir = dir;
  const std::pair<float, float> sizes[] = {{1024, 700}, {1280, 800}, {2560, 1440}, {800, 500}};
  const AppKey keys[] = {AppKey::Step,
                         AppKey::Back,
                         AppKey::Reset,
                         AppKey::Step,
                         AppKey::Larger,
                         AppKey::Smaller,
                         AppKey::ToggleTheme,
                         AppKey::TogglePresentation,
                         AppKey::LeavePresentation};
  for (int lesson = 0; lesson < static_cast<int>(gui.app.lessons.catalog.size()); ++lesson) {
    open_lesson(gui.app, lesson);
    REQUIRE(gui.app.lessons.session);
    CAPTURE(gui.app.lessons.catalog[static_cast<std::size_t>(lesson)].id);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (int action = 0; action < 1500 && std::chrono::steady_clock::now() < deadline; ++action) {
      CAPTURE(action);
      LessonSession& session = *gui.app.lessons.session;
      switch (pick(7)) {
        case 0: gui.frame({keys[pick(static_cast<int>(std::size(keys)))]}); break;
        case 1: {  // a click anywhere: buttons, tabs, the step list, plots, combos
          io.MousePos = ImVec2(static_cast<float>(uniform(0, io.DisplaySize.x)),
                               static_cast<float>(uniform(0, io.DisplaySize.y)));
          io.MouseDown[0] = true;
          gui.frame();
          io.MouseDown[0] = false;
          break;
        }
        case 2: {  // any number to a random value in its range, or to one of its limits
          std::vector<Editable> editables = session.lesson().editables();
          if (editables.empty()) break;
          const int index = pick(static_cast<int>(editables.size()));
          const Editable& e = editables[static_cast<std::size_t>(index)];
          const double value = pick(4) == 0 ? e.min : pick(3) == 0 ? e.max : uniform(e.min, e.max);
          NumberEdit edit{.editable = index, .value = value};
          if (e.integer)
            edit.value = static_cast<double>(std::lround(value));
          else if (e.choice)
            edit.value = pick(static_cast<int>(e.options.size()));
          apply_actions(gui.app, {.numbers = {.edit = edit}});
          break;
        }
        case 3: {  // a plot point or heatmap cell, by its click id
          std::vector<int> ids;
          for (const Figure& f : session.figures()) {
            for (const Series& s : f.series) ids.insert(ids.end(), s.ids.begin(), s.ids.end());
            for (const Heatmap& h : f.heatmaps)
              if (h.click_id >= 0) ids.push_back(h.click_id + pick(h.rows * h.cols));
          }
          if (!ids.empty())
            apply_actions(
                gui.app,
                {.numbers = {.figure_click = ids[static_cast<std::size_t>(pick(static_cast<int>(ids.size())))]}});
          break;
        }
        case 4:
          apply_actions(gui.app,
                        {.navigate = {.step = StepCommand::GoTo, .go_to = pick(session.step_count() + 2) - 1}});
          break;
        case 5: {
          const auto [w, h] = sizes[pick(4)];
          io.DisplaySize = ImVec2(w, h);
          break;
        }
        default: gui.app.view.precision = std::array{3, 4, 6}[static_cast<std::size_t>(pick(3))]; break;
      }
      gui.frame();
      REQUIRE(gui.app.lessons.session);
      const LessonSession& now = *gui.app.lessons.session;
      REQUIRE(now.current() >= 0);
      REQUIRE(now.current() < std::max(1, now.step_count()));
      for (const Step& s : now.trace().steps) {
        if (s.note.rfind("Stopped here:", 0) == 0) continue;  // the guard's explained stop (session.h)
        for (const Value& v : s.values)
          if (v.shape.empty())
            REQUIRE_MESSAGE(std::isfinite(v.data[0]), now.lesson().info().id << ": " << s.id << " " << v.name);
      }
    }
    open_lesson(gui.app, lesson);  // a click may have opened another lesson: go on with the next one in order
  }
  gui.app.training.job.cancel();
  for (int i = 0; i < 2000 && gui.app.training.job.running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::filesystem::remove_all(dir);
}

namespace {
// Whether a window (or child window) whose name contains `part` was drawn in the last frame.
bool drawn(const char* part) {
  for (ImGuiWindow* w : GImGui->Windows)
    if (w->Active && std::string(w->Name).find(part) != std::string::npos) return true;
  return false;
}
// WCAG's contrast ratio of two colours (1 to 21; body text wants at least 4.5).
double contrast(ImVec4 a, ImVec4 b) {
  const auto lum = [](ImVec4 c) {
    const auto lin = [](float v) { return v <= 0.03928f ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z);
  };
  const double x = lum(a), y = lum(b);
  return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}
}  // namespace

TEST_CASE(
    "Ctrl+= and Ctrl+− change the text size by 10 % between 75 % and 250 %, rebuilding the fonts at that size; Ctrl+0 "
    "resets") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  CHECK(gui.app.display.scale_percent == 100);
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(16));
  gui.frame({AppKey::Larger});
  CHECK(gui.app.display.scale_percent == 110);
  gui.frame();  // the fonts are rebuilt between frames: rasterized at the new size, not zoomed
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(17.6));
  CHECK(ImGui::GetFontSize() == doctest::Approx(17.6));
  CHECK(ImGui::GetIO().FontGlobalScale == 1.0f);
  for (int i = 0; i < 20; ++i) gui.frame({AppKey::Larger});
  CHECK(gui.app.display.scale_percent == 250);  // clamped
  CHECK(gui.frame() > 1000);
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(40));
  CHECK(ImGui::GetStyle().FramePadding.x == doctest::Approx(8 * 2.5));  // the style follows, scaled once
  gui.frame({AppKey::ActualSize});
  CHECK(gui.app.display.scale_percent == 100);
  gui.frame();
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(16));
  CHECK(ImGui::GetStyle().FramePadding.x == doctest::Approx(8));
  gui.frame({AppKey::Smaller, AppKey::Smaller, AppKey::Smaller, AppKey::Smaller});
  CHECK(gui.app.display.scale_percent == 75);  // 90, 80, then 75 and no smaller
  CHECK(gui.frame() > 1000);
  apply_actions(gui.app, {.display = {.scale_percent = 400}});  // what the View menu's buttons send, clamped too
  CHECK(gui.app.display.scale_percent == 250);
  CHECK(gui.app.lessons.session->current() == 0);  // none of this stepped
}

TEST_CASE("F5 presents the current step: no lesson list or step list, text × 1.5; → still steps; Esc or F5 leaves") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  gui.frame();
  CHECK(drawn("sidebar"));
  gui.app.lessons.session->go_to(5);
  gui.frame({AppKey::TogglePresentation});
  CHECK(gui.app.display.presenting);
  CHECK(gui.frame() > 1000);
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(24));
  CHECK_FALSE(drawn("sidebar"));
  CHECK_FALSE(drawn("/steps"));
  CHECK(drawn("present-step"));
  CHECK(drawn("present-plots"));
  gui.frame({AppKey::Step});
  CHECK(gui.app.lessons.session->current() == 6);
  gui.frame({AppKey::Step, AppKey::Step, AppKey::Back});
  CHECK(gui.app.lessons.session->current() == 7);
  CHECK(gui.app.display.presenting);
  gui.frame({AppKey::LeavePresentation});
  CHECK_FALSE(gui.app.display.presenting);
  gui.frame();
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(16));
  CHECK(drawn("sidebar"));
  gui.frame({AppKey::LeavePresentation});  // Esc outside presentation mode does nothing
  CHECK_FALSE(gui.app.display.presenting);
  gui.frame({AppKey::TogglePresentation, AppKey::Larger});  // the text size still applies while presenting
  gui.frame();
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(16 * 1.1 * 1.5));
  gui.frame({AppKey::TogglePresentation});
  CHECK_FALSE(gui.app.display.presenting);
  CHECK(gui.app.lessons.session->current() == 7);
}

TEST_CASE("Ctrl+T switches to a light theme: ImGui's colours, the panels' and the plots', all readable") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  const ImVec4* c = ImGui::GetStyle().Colors;
  const auto muted = [] { return ImGui::ColorConvertU32ToFloat4(colors::muted); };
  CHECK(c[ImGuiCol_WindowBg].x < 0.2f);
  CHECK(screen_figure_theme().plot_background.r < 0.2f);
  CHECK(contrast(muted(), c[ImGuiCol_ChildBg]) >= 4.5);
  gui.frame({AppKey::ToggleTheme});
  CHECK(gui.app.display.theme == Theme::Light);
  CHECK(gui.frame() > 1000);
  CHECK(c[ImGuiCol_WindowBg].x > 0.9f);
  CHECK(screen_figure_theme().plot_background.r > 0.9f);
  CHECK(screen_figure_theme().text.r < 0.2f);
  CHECK(contrast(c[ImGuiCol_Text], c[ImGuiCol_ChildBg]) >= 12);
  for (const unsigned col : {colors::muted, colors::agree, colors::disagree, colors::accent, colors::error})
    CHECK(contrast(ImGui::ColorConvertU32ToFloat4(col), c[ImGuiCol_ChildBg]) >= 4.5);
  CHECK(gui.app.appearance.fonts.regular->FontSize == doctest::Approx(16));  // the size stays
  gui.frame({AppKey::ToggleTheme});
  gui.frame();
  CHECK(gui.app.display.theme == Theme::Dark);
  CHECK(c[ImGuiCol_WindowBg].x < 0.2f);
}

TEST_CASE("presentation mode's plot grid gives the smallest plot the most room, and keeps plots legible") {
  const auto grid = [](int n, float w, float h, float min_w = 0) {
    const PlotGrid g = plot_grid(n, w, h, min_w);
    return std::pair(g.cols, g.rows);
  };
  CHECK(grid(1, 1500, 1300) == std::pair(1, 1));
  CHECK(grid(4, 1500, 1300) == std::pair(2, 2));  // 4:3 plots of 562 px height beat 1 × 4 (325) and 4 × 1 (281)
  CHECK(grid(3, 2400, 600) == std::pair(3, 1));   // a wide strip: side by side
  CHECK(grid(2, 800, 1400) == std::pair(1, 2));   // a tall column: one above the other
  CHECK(grid(4, 520, 650, 24 * 18) == std::pair(1, 4));  // a small window at presentation size: one column, scrolled
}

namespace {
// A key held for one frame and let go in the next (Tab, Enter: ImGui's own keys, not the app's).
void tap(HeadlessImGui& gui, int key) {
  ImGui::GetIO().KeysDown[key] = true;
  gui.frame();
  ImGui::GetIO().KeysDown[key] = false;
  gui.frame();
}
void type(HeadlessImGui& gui, const char* text) {
  ImGui::GetIO().AddInputCharactersUTF8(text);
  gui.frame();
}
}  // namespace

TEST_CASE(
    "Try it with the keyboard alone: Tab to the field, a right answer ✓, → goes on; a wrong one is told how far off, "
    "its slip, and the hints") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  gui.app.view.try_it = true;  // the Show / Try it switch
  gui.frame({AppKey::Step});
  REQUIRE(gui.app.lessons.session->current() == 1);  // Activation a = σ(z): a is asked for
  const Practice& p = gui.app.practice.sheet;
  const int a = exercise_at(p, "sample0.a a");
  CHECK(p.step_mark(1) == Mark::Open);
  CHECK_FALSE(p.step_mark(0));  // the inputs: nothing to answer
  tap(gui, ImGuiKey_Tab);
  CHECK(GImGui->ActiveId != 0);  // the field has the keyboard
  gui.frame({AppKey::Step});     // typing: the app's keys wait
  CHECK(gui.app.lessons.session->current() == 1);
  type(gui, "0.6726");  // σ(0.72) = 0.67261
  tap(gui, ImGuiKey_Enter);
  CHECK(p.mark(a) == Mark::FirstTry);
  CHECK(p.step_mark(1) == Mark::FirstTry);  // ✓ in the step list
  CHECK(p.score().text().rfind("1 of ", 0) == 0);
  gui.frame();
  CHECK(GImGui->ActiveId == 0);  // the field let go: → steps
  gui.frame({AppKey::Step});
  CHECK(gui.app.lessons.session->current() == 2);  // Error C = (a − y)² = 0.1072
  const int c = exercise_at(p, "sample0.C C");
  tap(gui, ImGuiKey_Tab);
  type(gui, "-0.1072");
  tap(gui, ImGuiKey_Enter);
  REQUIRE(p.feedback(c));
  CHECK_FALSE(p.feedback(c)->right);
  CHECK(p.feedback(c)->text.find("Not yet: too low.") ==
        0);  // the direction, never how far off (that would give the answer away)
  CHECK(p.feedback(c)->text.find("0.1072") == std::string::npos);
  CHECK(p.feedback(c)->slip.find("sign error") != std::string::npos);
  CHECK(p.mark(c) == Mark::Open);
  gui.frame();
  CHECK(GImGui->ActiveId != 0);  // wrong: the field keeps the keyboard
  // Enter on an emptied field climbs the hint ladder: the numbers put in.
  for (int i = 0; i < 8; ++i) tap(gui, ImGuiKey_Backspace);
  CHECK(gui.app.view.typed[static_cast<std::size_t>(c)].empty());
  tap(gui, ImGuiKey_Enter);
  CHECK(p.hint_level(2) == 1);
  gui.frame();  // the field takes the keyboard back
  type(gui, "0.1072");
  tap(gui, ImGuiKey_Enter);
  CHECK(p.mark(c) == Mark::AfterHints);
  CHECK(p.step_mark(2) == Mark::AfterHints);
  gui.frame();
  gui.frame({AppKey::Step});
  CHECK(gui.app.lessons.session->current() == 3);
  CHECK(gui.frame() > 1000);
  // Start over clears the marks.
  apply_actions(gui.app, {.practice = {.start_over = true}});
  CHECK(p.score().answered() == 0);
}

TEST_CASE(
    "Try it keeps its marks in the progress folder, per numbers; a broken progress file is set aside with a message") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-gui-progress";
  std::filesystem::remove_all(dir);
  {
    HeadlessImGui gui;
    gui.app.practice.progress_dir = dir;
    REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
    gui.frame();
    const int a = exercise_at(gui.app.practice.sheet, "sample0.a a");
    apply_actions(gui.app, {.practice = {.answer = std::pair{a, std::string("0.6726")}}});
    CHECK(std::filesystem::exists(dir / "sigmoid-neuron-0.json"));
  }
  {
    HeadlessImGui gui;
    gui.app.practice.progress_dir = dir;
    REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
    gui.frame();
    CHECK(gui.app.practice.sheet.mark(exercise_at(gui.app.practice.sheet, "sample0.a a")) == Mark::FirstTry);
    CHECK(gui.app.practice.message.empty());
  }
  std::ofstream(dir / "sigmoid-neuron-0.json") << "{\"format\": \"neurostep-progress\", \"vers";
  {
    HeadlessImGui gui;
    gui.app.practice.progress_dir = dir;
    REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
    CHECK(gui.frame() > 1000);
    CHECK(gui.app.practice.message.find("set aside") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "sigmoid-neuron-0.json.corrupt"));
    CHECK(gui.app.practice.sheet.score().answered() == 0);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "Worksheet… hands the count, the first number and the folder to the app, and the status line says where they "
    "went") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  CHECK(gui.frame() > 1000);
  std::string lesson;
  WorksheetRequest got;
  gui.app.platform.write_worksheets = [&](const std::string& id, const WorksheetRequest& r) {
    lesson = id;
    got = r;
    return std::string("Wrote 5 worksheets and their keys in /tmp/x");
  };
  apply_actions(gui.app,
                {.files = {.worksheet = WorksheetRequest{.count = 5, .seed = 77, .folder = "x", .precision = 3}}});
  CHECK(lesson == "sigmoid-neuron");
  CHECK(got.count == 5);
  CHECK(got.seed == 77);
  CHECK(got.folder == "x");
  CHECK(gui.app.status == "Wrote 5 worksheets and their keys in /tmp/x");
}

TEST_CASE(
    "narrower than 70 lines of text the lesson list is a drawer: ≡ Lessons opens it, choosing a lesson closes it") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  ImGui::GetIO().DisplaySize = ImVec2(1366, 768);
  gui.frame();
  CHECK(drawn("sidebar"));
  CHECK_FALSE(gui.app.view.lessons_folded);
  ImGui::GetIO().DisplaySize = ImVec2(1024, 700);
  gui.frame();
  gui.frame();
  CHECK_FALSE(drawn("sidebar"));
  CHECK(gui.app.view.lessons_folded);
  // ≡ Lessons, top left: clicked.
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(30, 20);
  io.MouseDown[0] = true;
  gui.frame();
  io.MouseDown[0] = false;
  gui.frame();
  gui.frame();
  CHECK(GImGui->OpenPopupStack.Size == 1);
  io.MousePos = ImVec2(60, 54);  // the first lesson of the list in the drawer
  io.MouseDown[0] = true;
  gui.frame();
  io.MouseDown[0] = false;
  gui.frame();
  gui.frame();
  CHECK(gui.app.lessons.catalog[static_cast<std::size_t>(gui.app.lessons.selected)].id ==
        gui.app.lessons.catalog[0].id);
  CHECK(GImGui->OpenPopupStack.Size == 0);
}
