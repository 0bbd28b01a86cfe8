#include "lessons/framework/catalog.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/sources.h"

namespace neurostep {

namespace {
CatalogEntry entry_for(const std::filesystem::path& path) {
  CatalogEntry e{path, path.stem().string(), "", "", 1000};
  try {
    const auto lesson = load_lesson(path);
    e.id = lesson->info().id;
    e.title = lesson->info().title;
    e.order = lesson->info().order;
  } catch (const std::exception& error) {
    // Loading stops at the first mistake; the list says how many more `neurostep check` finds.
    const std::vector<std::string> all = lesson_errors(path);
    e.error = all.empty() ? error.what() : all.front();
    if (all.size() > 1) e.error += fmt::format(" (+{} more)", all.size() - 1);
  }
  return e;
}
}  // namespace

std::vector<std::string> lesson_errors(const std::filesystem::path& path) {
  std::vector<std::string> out;
  try {
    for (const LessonError& e : check_lesson(path)) out.emplace_back(e.what());
  } catch (const std::exception&) {  // a stand-in the engine could not use before any mistake was recorded
  }
  return out;
}

std::vector<std::filesystem::path> lesson_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec))
    if (f.path().extension() == ".toml" && f.path().filename() != kSourcesFileName) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool lesson_order(const CatalogEntry& a, const CatalogEntry& b) {
  return a.order != b.order ? a.order < b.order : a.id < b.id;
}

std::vector<CatalogEntry> scan_lessons(const std::filesystem::path& dir) {
  std::vector<CatalogEntry> entries;
  for (const auto& file : lesson_files(dir)) entries.push_back(entry_for(file));
  std::sort(entries.begin(), entries.end(), lesson_order);
  return entries;
}

std::optional<CatalogEntry> find_lesson(const std::vector<CatalogEntry>& catalog, const std::string& id_or_path) {
  for (const auto& e : catalog)
    if (e.id == id_or_path) return e;
  if (std::filesystem::is_regular_file(id_or_path)) return entry_for(id_or_path);
  return std::nullopt;
}

}  // namespace neurostep
