// sources.h — the documents the lessons follow, named once in lessons/sources.toml, and a lesson's
// citations of them resolved to what a reader sees: "Lazović 2020, §2.13".
//
// A lesson file cites by key and place, `sources = [{ key = "lazovic2020", at = "§2.13" }]`; an
// unknown key is a LessonError at the key (file:line:col). The sources file sits beside the lesson
// files (installed and packed with them) and is built into the program too, for a lesson file
// copied elsewhere (see sources_for). No GUI here: the window draws the entries.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace neurostep {

class LessonTable;
struct LessonError;

// One document, as its title page gives it.
struct SourceEntry {
  std::string key;          // "lazovic2020": what a lesson file cites
  std::string short_form;   // "Lazović 2020": what every text shows
  std::string authors;      // "Filip Lazović"
  std::string title;        // "Recognition of Handwritten Digits Using Neural Networks"
  std::string kind;         // "undergraduate thesis", "article", "blog post"
  std::string institution;  // "" where the document names none
  std::string year;         // "" where the document gives none
  std::string numbering;    // how the document numbers its sections, when it is not plain "§2.13"
};

// "Filip Lazović, Recognition of Handwritten Digits Using Neural Networks, undergraduate thesis,
// Higher Technical School of Vocational Studies in Kragujevac, 2020."
std::string full_reference(const SourceEntry& entry);

// A place in one document: the key and "§2.13", "eqs. 57–58", "Fig. 22" (may be empty).
struct Citation {
  std::string key;
  std::string at;
};

class Sources {
 public:
  // Reads a sources file; a wrong entry is a LessonError with its file:line:col.
  static Sources load(const std::filesystem::path& path);
  static Sources parse(std::string text, std::string path);

  const SourceEntry* find(std::string_view key) const;  // nullptr for an unknown key
  const std::vector<SourceEntry>& entries() const { return entries_; }
  std::string known_keys() const;  // "lazovic2020, creus-picon, …" for error messages
  // "Lazović 2020, §2.13"; "Lazović 2020" without a place. The key must be known.
  std::string cite(const Citation& c) const;
  // The citations one after another: "Jäppinen 2024, §3.2.4; Lazović 2020, §2.9".
  std::string cite_all(const std::vector<Citation>& citations) const;

 private:
  std::vector<SourceEntry> entries_;
};

// The name of the sources file, which the lesson catalog skips.
inline constexpr std::string_view kSourcesFileName = "sources.toml";

// The sources file for a lesson file: beside it, else lessons/sources.toml in a data root, else the
// copy of lessons/sources.toml built into the program. Read once per path and kept. Throws a
// LessonError (in the sources file) if it is wrong.
const Sources& sources_for(const std::filesystem::path& lesson_path);

// The `key` list of a lesson file's top level (none if absent): `sources` for the documents a
// lesson follows. An unknown key is added to `errors` at that key's value (file:line:col), for the
// caller to throw or collect like any wrong value of the file.
std::vector<Citation> read_citations(LessonTable& root, std::string_view key, const Sources& sources,
                                     std::vector<LessonError>& errors);

}  // namespace neurostep
