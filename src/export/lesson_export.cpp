#include "export/lesson_export.h"

#include <fmt/format.h>

#include "core/atomic_file.h"
#include "lessons/formats/table_export.h"

namespace neurostep {

std::vector<std::filesystem::path> export_history(const LessonSession& session, const std::filesystem::path& dir, int precision) {
  const HistoryTable table = session.history();
  if (table.headers.size() <= 1) return {};
  std::filesystem::create_directories(dir);
  const std::string lesson = session.lesson().info().id;
  std::vector<std::filesystem::path> written;
  const std::pair<const char*, std::string> tables[] = {
      {"csv", history_csv(table)}, {"md", history_markdown(table, precision)}, {"tex", history_latex(table, precision)}};
  for (const auto& [ext, text] : tables) {
    written.push_back(dir / fmt::format("{}-history.{}", lesson, ext));
    write_file_atomically(written.back(), text);
  }
  return written;
}

std::vector<std::filesystem::path> export_lesson(const LessonSession& session, const std::filesystem::path& dir,
                                                 const std::vector<ExportFormat>& formats, const ExportOptions& options) {
  std::filesystem::create_directories(dir);
  const std::string lesson = session.lesson().info().id;
  std::vector<std::filesystem::path> written;
  for (const Figure& f : session.figures())
    for (auto& p : export_figure_files(f, dir, lesson, formats, options)) written.push_back(std::move(p));
  for (auto& p : export_history(session, dir, 4)) written.push_back(std::move(p));
  return written;
}

}  // namespace neurostep
