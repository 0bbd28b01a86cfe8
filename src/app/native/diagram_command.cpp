#include "app/native/diagram_command.h"

#include <fmt/format.h>

#include "export/diagram_files.h"
#include "export/lesson_diagram.h"
#include "lessons/training/model_diagram.h"

namespace neurostep {

int diagram_command(const std::filesystem::path& lessons_dir, const DiagramArguments& a) {
  const auto formats = parse_diagram_formats(a.format);
  if (!formats) {
    fmt::print(stderr, "neurostep: --format takes svg, pdf, tikz and png separated by commas, not '{}'\n", a.format);
    return 2;
  }
  try {
    const std::optional<NetworkDiagram> diagram = named_diagram(lessons_dir, a.name);
    if (!diagram) {
      fmt::print(stderr, "neurostep: no model or lesson network '{}' to draw (diagram takes: {})\n", a.name,
                 fmt::join(diagram_names(lessons_dir), ", "));
      return 2;
    }
    const std::string stem =
        std::filesystem::path(a.name).stem().string();  // a lesson given by its path: the file's name
    for (const auto& path : write_diagram_files(*diagram, a.out, stem, *formats)) fmt::print("{}\n", path.string());
    fmt::print("{}: {}\n", diagram->title, total_label(diagram->total_params));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "neurostep: {}\n", e.what());
    return 1;
  }
}

}  // namespace neurostep
