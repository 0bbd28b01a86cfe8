// The GUI panels, headless: real ImGui frames with no window and no GPU (a context, a display
// size, the font atlas built on the CPU), driven by simulated keys, asserting on what the panels
// asked for and on what was drawn.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // the windows of a frame, to find a plot and a tooltip

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "gui/app_ui.h"
#include "lessons/training/training_figures.h"

using namespace neurostep;

namespace {

struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;  // key index = ImGuiKey value
    io.KeyMap[ImGuiKey_Space] = ' ';
    load_fonts(app.fonts, 1.0f);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    app.lessons_dir = std::string(NEUROSTEP_SOURCE_DIR) + "/lessons";
    refresh_catalog(app);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }

  // One frame, after the keys `taps` were pressed (as the window's key callback queues them).
  int frame(std::vector<AppKey> taps = {}) {
    ImGuiIO& io = ImGui::GetIO();
    app.keys.insert(app.keys.end(), taps.begin(), taps.end());
    ImGui::NewFrame();
    draw_app(app, io.DeltaTime);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  AppState app;
};

}  // namespace

TEST_CASE("the sigmoid lesson draws and steps with the keyboard") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  CHECK(gui.frame() > 1000);
  REQUIRE(gui.app.session);
  CHECK(gui.app.session->current() == 0);
  gui.frame({AppKey::Step});
  CHECK(gui.app.session->current() == 1);
  gui.frame({AppKey::Step});
  gui.frame();
  CHECK(gui.app.session->current() == 2);
  gui.frame({AppKey::Back});
  CHECK(gui.app.session->current() == 1);
  gui.frame({AppKey::Reset});
  CHECK(gui.app.session->current() == 0);
}

TEST_CASE("every tap of a key steps exactly once: taps one frame apart, and two within one frame") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "chain-rule"));
  gui.frame();
  for (int i = 0; i < 10; ++i) gui.frame({AppKey::Step});
  CHECK(gui.app.session->current() == 10);
  gui.frame({AppKey::Back, AppKey::Back});  // two taps faster than a frame
  CHECK(gui.app.session->current() == 8);
  gui.frame({AppKey::NextLesson});
  CHECK(gui.app.catalog[static_cast<std::size_t>(gui.app.selected)].id != "chain-rule");
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
    shapes = ImVec4(std::min({shapes.x, l.x, l.z}), std::min({shapes.y, l.y, l.w}), std::max({shapes.z, l.x, l.z}), std::max({shapes.w, l.y, l.w}));
  for (int l = 0; l < d->CmdListsCount; ++l) {
    const ImDrawList* dl = d->CmdLists[l];
    const std::string name = dl->_OwnerName ? dl->_OwnerName : "";
    const std::string last = name.substr(name.rfind('/') + 1);  // "Neurostep/lesson_1A2B3C4D" → "lesson_1A2B3C4D"
    if (last.rfind("sidebar_", 0) != 0 && last.rfind("lesson_", 0) != 0 && last.rfind("steps_", 0) != 0 && last.rfind("step_", 0) != 0)
      continue;
    bool over = false;
    for (const ImDrawCmd& cmd : dl->CmdBuffer)
      for (unsigned i = 0; i < cmd.ElemCount && !over; ++i) {
        const ImDrawVert& v = dl->VtxBuffer[static_cast<int>(cmd.VtxOffset + dl->IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])];
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
  for (const CatalogEntry& lesson : gui.app.catalog) ids.push_back(lesson.id);
  for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(900, 600)}) {
    ImGui::GetIO().DisplaySize = size;
    for (const std::string& id : ids) {
      REQUIRE(open_lesson_by_id(gui.app, id));
      for (int step = 0; step < gui.app.session->step_count(); ++step) {
        gui.app.session->go_to(step);
        gui.frame();
        gui.frame();  // the second frame lays out with the sizes the first one measured
        const std::vector<std::string> over = text_running_over();
        CHECK_MESSAGE(over.empty(), id << " step " << step + 1 << " at " << size.x << "×" << size.y << ": " << (over.empty() ? "" : over.front()));
      }
    }
  }
}

TEST_CASE("a plot title shortened to leave the Save button room shows whole on hover (issue 14)") {
  HeadlessImGui gui;
  ImGui::GetIO().DisplaySize = ImVec2(900, 600);
  REQUIRE(open_lesson_by_id(gui.app, "dropout"));
  gui.app.session->go_to(6);
  gui.frame();
  gui.frame();
  const std::string title = gui.app.session->figures().at(0).title;  // "∂E/∂W (crossed out: …)", longer than its narrow plot
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
  CHECK(tooltip_width(ImVec2(first_figure.x + 20, first_figure.y + 8)) >= ImGui::CalcTextSize(title.c_str()).x);  // the whole title
  CHECK(tooltip_width(ImVec2(10, 590)) == 0);  // elsewhere: none
}

TEST_CASE("actions: go to a step, run to end, edit, select another lesson") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  apply_actions(gui.app, {.step = StepCommand::GoTo, .go_to = 6});
  CHECK(gui.app.session->current() == 6);
  apply_actions(gui.app, {.step = StepCommand::RunToEnd});
  CHECK(gui.app.session->at_end());
  *gui.app.session->lesson().editables()[0].number = 1.0;
  apply_actions(gui.app, {.edited = true});
  CHECK(gui.app.session->trace().steps[0].find("z")->scalar() == doctest::Approx(0.9 + 0.45 + 0.03 + 0.06));
  CHECK(gui.app.session->edited());  // the Thesis check and Numbers tabs say so and offer the lesson's numbers back
  CHECK(gui.frame() > 1000);
  apply_actions(gui.app, {.reload = true});  // "Reset to the lesson's numbers"
  CHECK_FALSE(gui.app.session->edited());
  CHECK(gui.app.session->trace().steps[0].find("z")->scalar() == doctest::Approx(0.72));
}

TEST_CASE("a broken lesson file is listed and shown with its error; the app keeps running") {
  const auto dir = std::filesystem::temp_directory_path() / "neurostep-gui-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "broken.toml") << "id = \"broken\"\ntitle = 3\n";
  HeadlessImGui gui;
  gui.app.lessons_dir = dir;
  refresh_catalog(gui.app);
  REQUIRE(gui.app.catalog.size() == 1);
  open_lesson(gui.app, 0);
  CHECK_FALSE(gui.app.session);
  CHECK(gui.app.load_error.find("broken.toml:2:9") != std::string::npos);
  CHECK(gui.frame() > 100);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the export hook writes a plot's data and the history table, and says where") {
  HeadlessImGui gui;
  gui.app.export_dir = std::filesystem::temp_directory_path() / "neurostep-export-test";
  std::filesystem::remove_all(gui.app.export_dir);
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  apply_actions(gui.app, {.step = StepCommand::RunToEnd});
  apply_actions(gui.app, {.export_what = "history"});
  CHECK(gui.app.status.find("Saved 3 files in") != std::string::npos);
  std::ifstream md(gui.app.export_dir / "sigmoid-neuron-history.md");
  std::string first;
  std::getline(md, first);
  CHECK(first.find("| ∂C/∂w₁ |") != std::string::npos);
  apply_actions(gui.app, {.export_what = "Weights per step"});
  const std::string at_end = "sigmoid-neuron-step" + std::to_string(gui.app.session->step_count());  // the step is in the name
  std::ifstream csv(gui.app.export_dir / (at_end + "-weights-per-step.csv"));
  std::string header;
  std::getline(csv, header);
  CHECK(header == "series,label,x,y");
  CHECK(std::filesystem::exists(gui.app.export_dir / (at_end + "-weights-per-step.pdf")));
  apply_actions(gui.app, {.export_what = "all"});
  CHECK(gui.app.status.find("Saved 19 files") != std::string::npos);  // 4 plots × 4 formats + 3 tables
  apply_actions(gui.app, {.step = StepCommand::GoTo, .go_to = 2});     // Export all at another step keeps the first files
  apply_actions(gui.app, {.export_what = "all"});
  CHECK(std::filesystem::exists(gui.app.export_dir / (at_end + "-weights-per-step.pdf")));
  CHECK(std::filesystem::exists(gui.app.export_dir / "sigmoid-neuron-step3-weights-per-step.pdf"));
  std::filesystem::remove_all(gui.app.export_dir);
}

TEST_CASE("a lesson file changed on disk is reloaded at the same step; a new file appears in the list") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "neurostep-reload-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "sigmoid-neuron.toml";
  fs::copy_file(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/sigmoid-neuron.toml", file);
  HeadlessImGui gui;
  gui.app.lessons_dir = dir;
  refresh_catalog(gui.app);
  REQUIRE(open_lesson_by_id(gui.app, "sigmoid-neuron"));
  gui.frame();
  gui.app.session->go_to(4);
  // Change the first weight in the file (0.2 → 0.25) and make sure the modification time moves.
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  text.replace(text.find("weights = [0.2,"), 15, "weights = [0.25,");
  std::ofstream(file) << text;
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
  gui.app.clock += 2;
  gui.frame();
  REQUIRE(gui.app.session);
  CHECK(gui.app.session->current() == 4);
  CHECK(gui.app.session->trace().steps[0].find("w")->data[0] == doctest::Approx(0.25));
  // A new file of an existing kind appears without recompiling.
  text.replace(text.find("id = \"sigmoid-neuron\""), 21, "id = \"my-neuron\"");
  std::ofstream(dir / "my-neuron.toml") << text;
  gui.app.clock += 2;
  gui.frame();
  CHECK(gui.app.catalog.size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("the MNIST lesson trains on the sample off the UI thread; frames keep coming; pause, resume, cancel") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  gui.frame();
  gui.app.train_settings.model = 0;  // seed 003's CNN
  gui.frame();                       // the panel fills in the model's own settings
  gui.app.train_settings.epochs = 1;
  apply_actions(gui.app, {.train = TrainCommand::Start});
  int frames = 0;
  bool paused_seen = false;
  for (;;) {  // the UI thread only draws; the worker trains
    gui.frame();
    ++frames;
    const TrainingSnapshot s = gui.app.training.snapshot();
    if (s.state == JobState::Training && s.batch > 30 && !paused_seen) {
      apply_actions(gui.app, {.train = TrainCommand::Pause});
      CHECK(gui.app.training.snapshot().state == JobState::Paused);
      for (int i = 0; i < 5; ++i) gui.frame();
      apply_actions(gui.app, {.train = TrainCommand::Resume});
      paused_seen = true;
    }
    if (s.state == JobState::Finished || s.state == JobState::Failed) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(frames < 20000);
  }
  const TrainingSnapshot done = gui.app.training.snapshot();
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
  auto& canvas = gui.app.train_settings.canvas;
  for (int r = 20; r < 120; ++r)
    for (int c = 65; c < 75; ++c) canvas[static_cast<std::size_t>(r * TrainPanelState::kCanvas + c)] = 1;
  apply_actions(gui.app, {.drawing_changed = true});
  REQUIRE(gui.app.train_settings.probabilities.size() == 10);
  double total = 0;
  for (float p : gui.app.train_settings.probabilities) total += p;
  CHECK(total == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(gui.frame() > 1000);

  // Inside the network: test image 3's feature maps of the first layer, the filters, the noise sweep.
  gui.app.train_settings.image = 3;
  apply_actions(gui.app, {.explore_changed = true});
  REQUIRE(gui.app.train_settings.exploration);
  const Exploration& inside = *gui.app.train_settings.exploration;
  CHECK(inside.image.label == 0);  // the sample's fourth test image is a 0
  REQUIRE(inside.figures.size() == 4);  // feature maps, filters, noise curve, noisy image; no backwards query for a CNN
  CHECK(inside.figures[0].heatmaps.size() == 8);
  CHECK(inside.figures[1].heatmaps.size() == 8);
  gui.app.train_settings.select_view = TrainPanelState::View::Inside;
  gui.frame();                 // the tab bar selects the tab in this frame and shows it in the next
  CHECK(gui.frame() > 1000);
  CHECK(gui.app.train_settings.view == TrainPanelState::View::Inside);

  gui.app.export_dir = std::filesystem::temp_directory_path() / "neurostep-train-test";
  apply_actions(gui.app, {.export_what = inside.figures[1].title});  // Save on a plot inside the network
  CHECK_FALSE(std::filesystem::is_empty(gui.app.export_dir));
  apply_actions(gui.app, {.train = TrainCommand::Save});
  CHECK(std::filesystem::exists(gui.app.export_dir / "seed003.ckpt"));

  // Load model reads it back on the worker thread: the same test accuracy, and it can be explored.
  auto wait = [&] {
    for (int i = 0; i < 4000 && gui.app.training.running(); ++i) {
      gui.frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  };
  apply_actions(gui.app, {.train = TrainCommand::Load});
  wait();
  const TrainingSnapshot loaded = gui.app.training.snapshot();
  CHECK(loaded.state == JobState::Finished);
  REQUIRE(loaded.test.has_value());
  CHECK(loaded.test->accuracy == doctest::Approx(done.test->accuracy));
  CHECK(loaded.message.find("Loaded") != std::string::npos);
  apply_actions(gui.app, {.explore_changed = true});
  CHECK(gui.app.train_settings.exploration.has_value());
  // A file that is not a checkpoint: the job says why and the window goes on.
  std::ofstream(gui.app.export_dir / "broken.ckpt") << "not a checkpoint";
  gui.app.train_settings.load_path = (gui.app.export_dir / "broken.ckpt").string();
  apply_actions(gui.app, {.train = TrainCommand::Load});
  wait();
  CHECK(gui.app.training.snapshot().state == JobState::Failed);
  CHECK(gui.app.training.snapshot().message.find("broken.ckpt") != std::string::npos);
  CHECK(gui.frame() > 100);
  gui.app.train_settings.load_path.clear();
  std::filesystem::remove_all(gui.app.export_dir);

  apply_actions(gui.app, {.train = TrainCommand::Start});
  apply_actions(gui.app, {.train = TrainCommand::Cancel});
  for (int i = 0; i < 2000 && gui.app.training.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK_FALSE(gui.app.training.running());
}

TEST_CASE("comparing optimizers trains the model four times from the same weights and overlays the curves") {
  HeadlessImGui gui;
  REQUIRE(open_lesson_by_id(gui.app, "mnist-cnn"));
  gui.frame();
  gui.app.train_settings.epochs = 1;
  apply_actions(gui.app, {.train = TrainCommand::CompareOptimizers});
  for (int i = 0; i < 20000 && gui.app.training.running(); ++i) {
    gui.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const TrainingSnapshot done = gui.app.training.snapshot();
  CHECK(done.state == JobState::Finished);
  REQUIRE(done.compared.size() == 4);
  CHECK(done.compared[0].label == "SGD, learning rate 0.01");
  CHECK(done.compared[3].label == "Adam, learning rate 0.001");
  for (const Curves& c : done.compared) {
    CHECK(c.val_accuracy.size() == 1);
    CHECK(c.test_accuracy > 0.5);
  }
  CHECK(done.compared[0].loss.front() == doctest::Approx(done.compared[3].loss.front()).epsilon(0.05));  // the same start
  const std::vector<Figure> figs = comparison_figures(done);
  REQUIRE(figs.size() == 2);
  CHECK(figs[1].series.size() == 4);
  CHECK(gui.frame() > 1000);
}
