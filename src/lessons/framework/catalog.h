// catalog.h — every lesson file in a folder, in lesson order. A file that fails to load is listed
// with its error (file:line:col), never dropped.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace neurostep {

struct CatalogEntry {
  std::filesystem::path path;
  std::string id;  // the lesson id, or the file name without .toml if it failed to load
  std::string title;
  std::string error;  // empty if the file loads; else its first error, then "(+N more)" if check finds more
  int order = 100;
};

// The lesson files (*.toml but the sources file, sources.h) of a folder, in name order; none if it
// cannot be read.
std::vector<std::filesystem::path> lesson_files(const std::filesystem::path& dir);
// Whether `a` is listed before `b`: by the files' `order`, then by id.
bool lesson_order(const CatalogEntry& a, const CatalogEntry& b);

std::vector<CatalogEntry> scan_lessons(const std::filesystem::path& dir);

// Every mistake of a lesson file that `neurostep check` finds, as "file:line:col: message", in
// file order (check_lesson); empty if it finds none.
std::vector<std::string> lesson_errors(const std::filesystem::path& path);

// The entry whose id is `id_or_path`, or the file at that path (loaded into a new entry).
// Returns nullopt if neither exists.
std::optional<CatalogEntry> find_lesson(const std::vector<CatalogEntry>& catalog, const std::string& id_or_path);

}  // namespace neurostep
