#include "export/lesson_diagram.h"

#include <fmt/format.h>

#include "core/features.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/capabilities.h"
#include "lessons/playground/playground_host.h"
#include "lessons/training/model_diagram.h"

namespace neurostep {

std::optional<NetworkDiagram> lesson_diagram(const Lesson& lesson) {
  if (const auto* own = lesson.offers<HasNetworkSpec>()) {
    const ModelSpec spec = own->network_spec();
    return model_diagram(build_model<double>(spec, 1), spec.title);
  }
  const Playground* playground = playground_of(lesson);
  if (!playground) return std::nullopt;
  const PlaygroundNet& net = playground->training().net();
  NetworkDiagram d = model_diagram(net.model(), fmt::format("The network of “{}”", lesson.info().title));
  for (const Feature f : net.spec().features) d.input_names.emplace_back(feature_label(f));
  return d;
}

namespace {

MnistModels preset_models(const std::filesystem::path& lessons_dir) {
  return read_mnist_models(lessons_dir / "mnist-cnn.toml");
}

}  // namespace

std::optional<NetworkDiagram> named_diagram(const std::filesystem::path& lessons_dir, const std::string& name) {
  for (const MnistModel& m : preset_models(lessons_dir).models)
    if (m.spec.name == current_model_name(name)) return preset_diagram(m);
  const std::vector<CatalogEntry> lessons = scan_lessons(lessons_dir);
  for (const CatalogEntry& e : lessons)  // a counted architecture (AlexNet, VGG) by its name
    if (e.error.empty())
      if (const std::unique_ptr<Lesson> lesson = load_lesson(e.path);
          const auto* counts = lesson->offers<CountsArchitectures>())
        for (CountsArchitectures::NamedDiagram& d : counts->counted_diagrams())
          if (d.name == name) return std::move(d.diagram);
  const auto entry = find_lesson(lessons, name);
  if (!entry || !entry->error.empty()) return std::nullopt;
  const std::unique_ptr<Lesson> lesson = load_lesson(entry->path);
  return lesson_diagram(*lesson);
}

std::vector<std::string> diagram_names(const std::filesystem::path& lessons_dir) {
  std::vector<std::string> names;
  for (const MnistModel& m : preset_models(lessons_dir).models) names.push_back(m.spec.name);
  for (const CatalogEntry& e : scan_lessons(lessons_dir)) {
    if (!e.error.empty()) continue;
    const std::unique_ptr<Lesson> lesson = load_lesson(e.path);
    if (lesson_diagram(*lesson)) names.push_back(e.id);
    if (const auto* counts = lesson->offers<CountsArchitectures>())
      for (const CountsArchitectures::NamedDiagram& d : counts->counted_diagrams()) names.push_back(d.name);
  }
  return names;
}

}  // namespace neurostep
