// Architecture diagrams: the labelled parameter counts are the models' own, layer by layer and in
// total, for every MNIST preset, cnn-walk and the playground lessons; the layout keeps every label
// apart and everything on the canvas; the TikZ and format list are what pdflatex and the command need.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/conv2d.h"
#include "core/dense.h"
#include "core/playground_net.h"
#include "core/shape_layers.h"
#include "export/diagram_files.h"
#include "lessons/framework/lesson.h"
#include "lessons/playground/playground.h"
#include "export/lesson_diagram.h"
#include "export/lesson_export.h"
#include "lessons/engines/architecture_count.h"
#include "lessons/framework/session.h"
#include "lessons/training/model_diagram.h"
#include "lessons/framework/capabilities.h"
#include "lessons/playground/playground_host.h"

using namespace neurostep;

namespace {

const std::filesystem::path kLessons = std::filesystem::path(NEUROSTEP_SOURCE_DIR) / "lessons";

std::vector<std::string> labels(const DiagramLayout& layout) {
  std::vector<std::string> out;
  for (const DiagramText& t : layout.texts) out.push_back(t.text);
  return out;
}

bool labelled(const DiagramLayout& layout, const std::string& text) {
  const auto all = labels(layout);
  return std::find(all.begin(), all.end(), text) != all.end();
}

// Every layer's parameter count (those with any), in order, is a column's, every column's count
// is labelled, and the total is the model's own and labelled too.
template <typename T>
void check_counts(const NetworkDiagram& d, const Sequential<T>& model) {
  const DiagramLayout layout = layout_for_files(d);
  std::vector<std::size_t> layers, columns;
  for (const LayerSummary& s : model.summary())
    if (s.params > 0) layers.push_back(s.params);
  for (const DiagramLayer& c : d.layers) {
    columns.insert(columns.end(), c.params.begin(), c.params.end());
    if (!c.params.empty())
      CHECK_MESSAGE(labelled(layout, params_label(c)), d.title << ": " << params_label(c) << " is not labelled");
  }
  CHECK(columns == layers);
  CHECK(d.total_params == model.param_count());
  CHECK(labelled(layout, total_label(model.param_count())));
}

bool overlap(Point a0, Point a1, Point b0, Point b1) {
  return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}
bool inside(Point a, Point b, const DiagramLayout& l) {
  return a.x >= 0 && a.y >= 0 && b.x <= l.width && b.y <= l.height;
}

void check_layout(const NetworkDiagram& d) {
  const DiagramLayout l = layout_for_files(d);
  const auto end = [](const DiagramText& t) { return Point{t.at.x + t.size.x, t.at.y + t.size.y}; };
  for (std::size_t i = 0; i < l.texts.size(); ++i) {
    CHECK_MESSAGE(inside(l.texts[i].at, end(l.texts[i]), l),
                  d.title << ": '" << l.texts[i].text << "' leaves the canvas");
    for (std::size_t j = i + 1; j < l.texts.size(); ++j)
      CHECK_MESSAGE(!overlap(l.texts[i].at, end(l.texts[i]), l.texts[j].at, end(l.texts[j])),
                    d.title << ": '" << l.texts[i].text << "' overlaps '" << l.texts[j].text << "'");
    for (const DiagramBox& b : l.boxes)
      CHECK_MESSAGE(!overlap(l.texts[i].at, end(l.texts[i]), b.a, b.b),
                    d.title << ": '" << l.texts[i].text << "' lies on a block");
  }
  for (const DiagramBox& b : l.boxes) CHECK_MESSAGE(inside(b.a, b.b, l), d.title << ": a block leaves the canvas");
  for (const DiagramNode& n : l.nodes)
    CHECK(inside({n.center.x - n.radius, n.center.y - n.radius}, {n.center.x + n.radius, n.center.y + n.radius}, l));
}

}  // namespace

TEST_CASE("diagram labels: thousands, parameters and shapes") {
  CHECK(thousands(0) == "0");
  CHECK(thousands(999) == "999");
  CHECK(thousands(42154) == "42,154");
  CHECK(thousands(1234567) == "1,234,567");
  CHECK(params_label({DiagramLayer::Kind::Conv, {32, 28, 28}, {}, {9248, 64}}) == "9,248 + 64 parameters");
  CHECK(params_label({DiagramLayer::Kind::Pool, {32, 14, 14}, {}, {}}).empty());
  CHECK(shape_label({8, 24, 24}) == "8@24×24");
  CHECK(shape_label({128}) == "128 units");
}

TEST_CASE("a hand-counted CNN: conv 3×3×2 on 1×5×5, flatten, dense 4") {
  Sequential<double> m({1, 5, 5});
  m.emplace<Conv2D<double>>(1, 2, 3);  // 2·(3·3·1 + 1) = 20 → 2@3×3
  m.emplace<Flatten<double>>();        // 18
  m.emplace<Dense<double>>(18, 4);     // 4·(18 + 1) = 76
  const NetworkDiagram d = model_diagram(m, "t");
  CHECK_FALSE(d.graph);
  REQUIRE(d.layers.size() == 4);
  CHECK(d.layers[1].operation == std::vector<std::string>{"conv 3×3", "stride 1"});
  CHECK(d.layers[1].shape == std::vector<int>{2, 3, 3});
  CHECK(d.layers[1].params == std::vector<std::size_t>{20});
  CHECK(d.layers[3].params == std::vector<std::size_t>{76});
  CHECK(d.total_params == 96);
}

TEST_CASE("every MNIST preset's diagram labels the model's own parameter counts, and its layout is clean") {
  const MnistModels presets = read_mnist_models(kLessons / "mnist-cnn.toml");
  REQUIRE(presets.models.size() >= 6);
  for (const MnistModel& m : presets.models) {
    const NetworkDiagram d = preset_diagram(m);
    check_counts(d, build_model<float>(m.spec, 1));
    check_layout(d);
    const bool fully_connected =
        std::none_of(m.spec.layers.begin(), m.spec.layers.end(), [](const LayerSpec& l) { return l.type == "conv"; });
    CHECK(d.graph == fully_connected);  // Symon's, Creus & Picón's and Jäppinen's MLPs as graphs
  }
}

TEST_CASE("cnn-walk's diagram: the parameters the lesson counts") {
  const auto lesson = load_lesson(kLessons / "cnn-walk.toml");
  const auto d = lesson_diagram(*lesson);
  REQUIRE(d);
  check_counts(*d, build_model<double>(lesson->offers<HasNetworkSpec>()->network_spec(), 1));
  const Trace trace = lesson->run();
  const Value* counted = trace.find("setup", "parameters");
  REQUIRE(counted);
  CHECK(static_cast<double>(d->total_params) == counted->scalar());
  check_layout(*d);
}

TEST_CASE(
    "AlexNet and VGG-16 drawn from the architecture-count lesson's own count: its parameters, in rows that keep "
    "apart") {
  const auto lesson = load_lesson(kLessons / "alexnet-vgg.toml");
  const Trace trace = lesson->run();
  for (const char* name : {"alexnet", "vgg16"}) {
    const std::optional<NetworkDiagram> d = named_diagram(kLessons, name);
    REQUIRE(d);
    const Value* total = trace.find(architecture_count_ids::total(name), architecture_count_ids::kParams);
    const Value* per_layer = trace.find(architecture_count_ids::total(name), architecture_count_ids::kLayerParams);
    REQUIRE(total);
    REQUIRE(per_layer);
    CHECK(static_cast<double>(d->total_params) == total->scalar());
    std::vector<double> columns;
    for (const DiagramLayer& c : d->layers)
      for (std::size_t p : c.params) columns.push_back(static_cast<double>(p));
    CHECK(columns == per_layer->data);
    CHECK_FALSE(d->graph);
    check_layout(*d);
    const DiagramLayout l = layout_for_files(*d);
    CHECK(l.width <= 1100);  // wrapped into rows, not one strip of 23 columns
    for (std::size_t i = 0; i < l.boxes.size(); ++i)
      for (std::size_t j = i + 1; j < l.boxes.size();
           ++j) {  // a block's stacked maps overlap each other, never another block
        const bool same_column =
            std::abs((l.boxes[i].a.x + l.boxes[i].b.x) - (l.boxes[j].a.x + l.boxes[j].b.x)) < 2 * 5 * 5;
        if (!same_column)
          CHECK_MESSAGE(!overlap(l.boxes[i].a, l.boxes[i].b, l.boxes[j].a, l.boxes[j].b),
                        name << ": blocks " << i << " and " << j << " overlap");
      }
  }
  CHECK(named_diagram(kLessons, "vgg16")->layers.size() ==
        1 + 13 + 5 + 1 + 3);  // input, 13 conv, 5 pooling, flatten, 3 dense
  const std::vector<std::string> names = diagram_names(kLessons);
  CHECK(std::find(names.begin(), names.end(), "alexnet") != names.end());
  CHECK(std::find(names.begin(), names.end(), "vgg16") != names.end());
}

TEST_CASE("exporting a step of the alexnet-vgg lesson writes the diagram of the architecture it counts") {
  LessonSession session(load_lesson(kLessons / "alexnet-vgg.toml"));
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "neurostep-counted-diagram-test";
  std::filesystem::remove_all(dir);
  const auto written = export_lesson(session, dir, *parse_lesson_export_formats("svg,csv,md"));
  const std::string id = session.trace().steps.at(0).id;
  REQUIRE(id.rfind("alexnet.", 0) == 0);
  const auto diagram = std::find(written.begin(), written.end(), dir / "alexnet-vgg-step1-alexnet-diagram.svg");
  CHECK(diagram != written.end());
  CHECK(std::filesystem::exists(dir / "alexnet-vgg-step1-alexnet-diagram.svg"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a playground lesson's diagram: its current network, its features named") {
  for (const char* id : {"playground-xor", "playground-spirals", "playground-overfit"}) {
    const auto lesson = load_lesson(kLessons / (std::string(id) + ".toml"));
    const auto d = lesson_diagram(*lesson);
    REQUIRE(d);
    const PlaygroundNet& net = playground_of(*lesson)->training().net();
    check_counts(*d, net.model());
    CHECK(d->total_params == static_cast<std::size_t>(net.parameter_count()));
    CHECK(d->graph);
    CHECK(d->input_names.size() == net.spec().features.size());
    check_layout(*d);
  }
}

TEST_CASE("a lesson without a network has no diagram; a wrong name none either") {
  const auto lesson = load_lesson(kLessons / "sigmoid-neuron.toml");
  CHECK_FALSE(lesson_diagram(*lesson));
  CHECK_FALSE(named_diagram(kLessons, "no-such-model"));
  CHECK(named_diagram(kLessons, "seed003"));  // the old name of "sougrati", as train takes it
  const auto names = diagram_names(kLessons);
  CHECK(std::find(names.begin(), names.end(), "cnn-walk") != names.end());
  CHECK(std::find(names.begin(), names.end(), "lenet5") != names.end());
}

TEST_CASE("diagram formats and the TikZ document") {
  CHECK(parse_diagram_formats("svg,pdf,tikz") ==
        std::vector<DiagramFormat>{DiagramFormat::Svg, DiagramFormat::Pdf, DiagramFormat::Tikz});
  CHECK_FALSE(parse_diagram_formats("svg,jpg"));
  CHECK_FALSE(parse_diagram_formats(""));
  const DiagramLayout l =
      layout_for_files(preset_diagram(read_mnist_models(kLessons / "mnist-cnn.toml").models.front()));
  const std::string tex = diagram_tikz(l);
  CHECK(tex.find("\\documentclass{article}") != std::string::npos);
  CHECK(tex.find("standalone") == std::string::npos);  // not installed
  CHECK(tex.find("37,610 parameters in all") != std::string::npos);
  CHECK(tex.find("\\DeclareUnicodeCharacter{00D7}{\\ensuremath{\\times}}") != std::string::npos);  // conv 5×5
  // A lesson's own title may hold any symbol: one pdflatex does not know becomes "?", not an error.
  NetworkDiagram odd = preset_diagram(read_mnist_models(kLessons / "mnist-cnn.toml").models.front());
  odd.title = "Σ ≤ σ, Lazović";
  const std::string odd_tex = diagram_tikz(layout_for_files(odd));
  CHECK(odd_tex.find("\\DeclareUnicodeCharacter{03A3}{?}") != std::string::npos);
  CHECK(odd_tex.find("\\DeclareUnicodeCharacter{03C3}{\\ensuremath{\\sigma}}") != std::string::npos);
  CHECK(odd_tex.find("{0107}") == std::string::npos);  // ć: LaTeX's own
}
