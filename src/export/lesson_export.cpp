#include "export/lesson_export.h"

#include <fmt/format.h>

#include "core/io/atomic_file.h"
#include "export/diagram_files.h"
#include "lessons/framework/capabilities.h"
#include "lessons/formats/table_export.h"

namespace neurostep {

std::optional<LessonExportFormats> parse_lesson_export_formats(std::string_view list) {
  LessonExportFormats formats;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    if (name == "md") {
      formats.tables.push_back(TableFormat::Markdown);
    } else if (name == "tex") {
      formats.tables.push_back(TableFormat::Latex);
    } else if (const auto f = parse_export_format(name)) {
      formats.figures.push_back(*f);
      if (*f == ExportFormat::Csv) formats.tables.push_back(TableFormat::Csv);
    } else {
      return std::nullopt;
    }
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return formats;
}

std::string figure_file_prefix(const LessonSession& session) {
  return fmt::format("{}-step{}", session.lesson().info().id, session.current() + 1);
}

std::vector<std::filesystem::path> export_history(const LessonSession& session, const std::filesystem::path& dir,
                                                  int precision, const std::vector<TableFormat>& tables) {
  const HistoryTable table = session.history();
  if (table.headers.size() <= 1 || tables.empty()) return {};
  std::filesystem::create_directories(dir);
  const std::string lesson = session.lesson().info().id;
  std::vector<std::filesystem::path> written;
  for (const TableFormat format : tables) {
    const char* ext = format == TableFormat::Csv ? "csv" : format == TableFormat::Markdown ? "md" : "tex";
    const std::string text = format == TableFormat::Csv        ? history_csv(table)
                             : format == TableFormat::Markdown ? history_markdown(table, precision)
                                                               : history_latex(table, precision);
    written.push_back(dir / fmt::format("{}-history.{}", lesson, ext));
    write_file_atomically(written.back(), text);
  }
  return written;
}

namespace {

// The architecture the shown step counts (AlexNet's on "alexnet.conv2"), drawn as `neurostep diagram`
// draws it, in the figure formats that diagrams have (not CSV); nothing on any other lesson's steps.
std::vector<std::filesystem::path> export_counted_diagram(const LessonSession& session,
                                                          const std::filesystem::path& dir,
                                                          const std::vector<ExportFormat>& figures) {
  const Trace& trace = session.trace();
  if (session.current() < 0 || session.current() >= static_cast<int>(trace.steps.size())) return {};
  const std::string& step = trace.steps[static_cast<std::size_t>(session.current())].id;
  std::vector<DiagramFormat> formats;
  for (const ExportFormat f : figures)
    if (f != ExportFormat::Csv)
      formats.push_back(f == ExportFormat::Png   ? DiagramFormat::Png
                        : f == ExportFormat::Svg ? DiagramFormat::Svg
                        : f == ExportFormat::Pdf ? DiagramFormat::Pdf
                                                 : DiagramFormat::Tikz);
  const auto* counts = session.lesson().offers<CountsArchitectures>();
  if (!counts || formats.empty()) return {};
  for (const CountsArchitectures::NamedDiagram& d : counts->counted_diagrams())
    if (step.rfind(d.name + ".", 0) == 0)
      return write_diagram_files(d.diagram, dir, figure_file_prefix(session) + "-" + d.name, formats);
  return {};
}

}  // namespace

std::vector<std::filesystem::path> export_lesson(const LessonSession& session, const std::filesystem::path& dir,
                                                 const LessonExportFormats& formats, const ExportOptions& options) {
  std::filesystem::create_directories(dir);
  const std::string prefix = figure_file_prefix(session);
  std::vector<std::filesystem::path> written;
  for (const Figure& f : session.figures())
    for (auto& p : export_figure_files(f, dir, prefix, formats.figures, options)) written.push_back(std::move(p));
  for (auto& p : export_history(session, dir, 4, formats.tables)) written.push_back(std::move(p));
  for (auto& p : export_counted_diagram(session, dir, formats.figures)) written.push_back(std::move(p));
  return written;
}

}  // namespace neurostep
