// The window's Diagram… buttons (the Playground and Train tabs): the panel asks with
// export_what = ExportKind::Diagram, the app writes the diagram of the network shown into the export
// folder and says so in the status line.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gui/app_ui.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/trainable.h"

using namespace neurostep;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct DiagramApp {
  AppState app;
  DiagramApp() {
    app.lessons.folder = std::string(NEUROSTEP_SOURCE_DIR) + "/lessons";
    app.platform.export_dir = std::filesystem::temp_directory_path() / "neurostep-diagram-action-test";
    std::filesystem::remove_all(app.platform.export_dir);
    refresh_catalog(app);
  }
  ~DiagramApp() { std::filesystem::remove_all(app.platform.export_dir); }
};

}  // namespace

TEST_CASE("Diagram… in the playground draws its network as it is now") {
  DiagramApp d;
  REQUIRE(open_lesson_by_id(d.app, "playground-xor"));
  const Playground& pg = *playground_of(d.app.lessons.session->lesson());
  apply_actions(d.app, {.files = {.export_what = ExportRequest{ExportKind::Diagram}}});
  CHECK(d.app.status.find("Saved 4 files in") != std::string::npos);
  const std::string svg = read(d.app.platform.export_dir / "playground-xor-diagram.svg");
  CHECK(svg.find(fmt::format(">{} parameters in all</text>", pg.training().net().parameter_count())) !=
        std::string::npos);
  PlaygroundNetSpec wider = pg.net_spec();  // one more hidden layer: the next diagram has it
  wider.hidden.push_back({.units = 3, .activation = ActivationKind::ReLU});
  apply_actions(d.app, {.playground = {.commands = {{.kind = PlaygroundCommand::Kind::SetNetwork, .net = wider}}}});
  apply_actions(d.app, {.files = {.export_what = ExportRequest{ExportKind::Diagram}}});
  REQUIRE(pg.net_spec().hidden.size() == wider.hidden.size());
  const int count = pg.training().net().parameter_count();
  CHECK(
      read(d.app.platform.export_dir / "playground-xor-diagram.tex").find(fmt::format("{} parameters in all", count)) !=
      std::string::npos);
}

TEST_CASE("Diagram… in the Train tab draws the chosen model") {
  DiagramApp d;
  REQUIRE(open_lesson_by_id(d.app, "mnist-cnn"));
  const MnistModels& models = *trainable_models(d.app.lessons.session->lesson());
  for (int i = 0; i < static_cast<int>(models.models.size()); ++i)
    if (models.models[static_cast<std::size_t>(i)].spec.name == "lenet5") d.app.training.panel.model = i;
  apply_actions(d.app, {.files = {.export_what = ExportRequest{ExportKind::Diagram}}});
  CHECK(read(d.app.platform.export_dir / "lenet5-diagram.svg").find(">61,706 parameters in all</text>") !=
        std::string::npos);
  CHECK(std::filesystem::exists(d.app.platform.export_dir / "lenet5-diagram.pdf"));
}

TEST_CASE("Diagram… in a lesson without a network says so") {
  DiagramApp d;
  REQUIRE(open_lesson_by_id(d.app, "sigmoid-neuron"));
  apply_actions(d.app, {.files = {.export_what = ExportRequest{ExportKind::Diagram}}});
  CHECK(d.app.status == "Export failed: this lesson has no network to draw");
}
