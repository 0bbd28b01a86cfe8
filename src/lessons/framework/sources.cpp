// sources.cpp — reading lessons/sources.toml and resolving a lesson's citations against it.
#include "lessons/framework/sources.h"

#include <map>
#include <mutex>

#include <fmt/format.h>

#include "lessons/framework/lesson_file.h"
#include "lessons/framework/sources_builtin.h"  // generated from lessons/sources.toml

namespace neurostep {

std::string full_reference(const SourceEntry& e) {
  std::string out = e.authors + ", " + e.title;
  for (const std::string* part : {&e.kind, &e.institution, &e.year})
    if (!part->empty()) out += ", " + *part;
  return out + ".";
}

namespace {
SourceEntry read_entry(LessonTable& t) {
  SourceEntry e;
  e.key = t.text("key");
  e.short_form = t.text("short");
  e.authors = t.text("authors");
  e.title = t.text("title");
  e.kind = t.text_or("kind", "");
  e.institution = t.text_or("institution", "");
  e.year = t.text_or("year", "");
  e.numbering = t.text_or("numbering", "");
  t.finish();
  return e;
}

void read_entries(const LessonDocument& doc, std::vector<SourceEntry>& entries) {
  LessonTable root = doc.root();
  for (LessonTable& t : root.tables("source")) {
    SourceEntry e = read_entry(t);
    for (const SourceEntry& before : entries)
      if (before.key == e.key) t.fail("key", fmt::format("the key '{}' is defined twice", e.key));
    entries.push_back(std::move(e));
  }
  root.finish();
}
}  // namespace

Sources Sources::parse(std::string text, std::string path) {
  const LessonDocument doc = LessonDocument::parse(std::move(text), std::move(path));
  Sources s;
  read_entries(doc, s.entries_);
  return s;
}

Sources Sources::load(const std::filesystem::path& path) {
  const LessonDocument doc = LessonDocument::load(path);
  Sources s;
  read_entries(doc, s.entries_);
  return s;
}

const SourceEntry* Sources::find(std::string_view key) const {
  for (const SourceEntry& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

std::string Sources::known_keys() const {
  std::string out;
  for (const SourceEntry& e : entries_) out += (out.empty() ? "" : ", ") + e.key;
  return out;
}

std::string Sources::cite(const Citation& c) const {
  const SourceEntry* e = find(c.key);
  const std::string name = e ? e->short_form : c.key;
  return c.at.empty() ? name : name + ", " + c.at;
}

std::string Sources::cite_all(const std::vector<Citation>& citations) const {
  std::string out;
  for (const Citation& c : citations) out += (out.empty() ? "" : "; ") + cite(c);
  return out;
}

namespace {
// The sources file beside the lesson file, else in a data root's lessons/ folder; "" for none.
std::filesystem::path find_sources_file(const std::filesystem::path& lesson_path) {
  const std::filesystem::path beside = lesson_path.parent_path() / kSourcesFileName;
  if (std::filesystem::is_regular_file(beside)) return beside;
  for (const std::filesystem::path& root : lesson_data_roots()) {
    const std::filesystem::path candidate = root / "lessons" / kSourcesFileName;
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  }
  return {};
}
}  // namespace

const Sources& sources_for(const std::filesystem::path& lesson_path) {
  static std::mutex mutex;
  static std::map<std::string, Sources> loaded;  // by the sources file's path; "" for the built-in one
  const std::string file = find_sources_file(lesson_path).string();
  const std::lock_guard lock(mutex);
  auto it = loaded.find(file);
  if (it == loaded.end())
    it = loaded
             .emplace(file, file.empty() ? Sources::parse(kBuiltinSourcesToml, "(built-in) sources.toml")
                                         : Sources::load(file))
             .first;
  return it->second;
}

std::vector<Citation> read_citations(LessonTable& root, std::string_view key, const Sources& sources,
                                     std::vector<LessonError>& errors) {
  std::vector<Citation> out;
  if (!root.has(key)) return out;
  for (LessonTable& t : root.tables(key)) {
    Citation c{t.text("key"), t.text_or("at", "")};
    t.finish();
    if (!sources.find(c.key))
      errors.push_back(t.error_at(
          "key", fmt::format("unknown source '{}' (the sources file knows: {})", c.key, sources.known_keys())));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace neurostep
