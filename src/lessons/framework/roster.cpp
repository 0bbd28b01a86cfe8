#include "lessons/framework/roster.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "core/io/csv_rows.h"
#include "figure/figure_csv.h"
#include "lessons/framework/variant.h"

namespace neurostep {

namespace {

// Shortened for a message: a field of random bytes is not printed whole.
std::string quoted(std::string_view field) {
  std::string out = "'";
  for (char c : field.substr(0, 40)) out += std::isprint(static_cast<unsigned char>(c)) || (c & 0x80) ? c : '?';
  return out + (field.size() > 40 ? "…'" : "'");
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Reads the rows one by one; remembers the names and ids taken, with their lines.
class RosterReader {
 public:
  explicit RosterReader(Roster& roster) : roster_(roster) {}

  void take(const CsvRow& row) {
    if (is_blank_row(row)) return;
    const bool first = !seen_row_;
    seen_row_ = true;
    if (first && lowercase(trimmed(row.fields[0])) == "name") return;  // the header
    if (row.fields.size() > 2)
      return problem(row.line, fmt::format("{} columns: a roster has name[,id]", row.fields.size()));
    Student s{row.line, trimmed(row.fields[0]), row.fields.size() > 1 ? trimmed(row.fields[1]) : ""};
    if (s.name.empty()) return problem(row.line, "no name");
    if (const auto [it, fresh] = names_.try_emplace(s.name, row.line); !fresh)
      return problem(row.line, fmt::format("{} is already on line {} (add an id or an initial to tell them apart)",
                                           quoted(s.name), it->second));
    if (!s.id.empty())
      if (const auto [it, fresh] = ids_.try_emplace(s.id, row.line); !fresh)
        return problem(row.line, fmt::format("id {} is already on line {}", quoted(s.id), it->second));
    roster_.students.push_back(std::move(s));
  }

  void finish() {
    if (roster_.students.empty() && roster_.problems.empty()) problem(1, "no students: a row per student, name[,id]");
  }

 private:
  void problem(int line, std::string message) { roster_.problems.push_back({line, std::move(message)}); }
  Roster& roster_;
  bool seen_row_ = false;
  std::map<std::string, int> names_, ids_;
};

}  // namespace

Roster read_roster(std::string_view text) {
  Roster roster;
  RosterReader reader(roster);
  try {
    read_csv_rows(text, [&](const CsvRow& row) { reader.take(row); });
  } catch (const CsvError& e) {
    roster.problems.push_back({e.line, e.message});
    return roster;
  }
  reader.finish();
  return roster;
}

std::uint64_t student_variant(const Student& student, std::uint64_t seed) {
  const std::string& key = student.id.empty() ? student.name : student.id;
  std::uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a
  for (unsigned char c : key) h = (h ^ c) * 0x100000001B3ULL;
  return 1 + splitmix64(h ^ seed) % kMaxVariant;
}

std::string class_variants_csv(const std::vector<std::pair<std::string, std::uint64_t>>& variants) {
  std::string out = "student,variant\n";
  for (const auto& [student, variant] : variants) out += fmt::format("{},{}\n", csv_field(student), variant);
  return out;
}

ClassVariants read_class_variants(std::string_view text) {
  ClassVariants out;
  bool header = false;
  try {
    read_csv_rows(text, [&](const CsvRow& row) {
      if (is_blank_row(row)) return;
      if (!header) {
        header = true;
        if (row.fields.size() < 2 || lowercase(trimmed(row.fields[0])) != "student" ||
            lowercase(trimmed(row.fields[1])) != "variant")
          out.problems.push_back(
              {row.line, "the header must be student,variant (the class-variants.csv of worksheet --roster)"});
        return;
      }
      std::uint64_t n = 0;
      const std::string name = trimmed(row.fields[0]), number = row.fields.size() > 1 ? trimmed(row.fields[1]) : "";
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
      if (name.empty() || ec != std::errc() || end != number.data() + number.size() || n < 1 || n > kMaxVariant)
        out.problems.push_back({row.line, "a row must be a student's name and their numbers # (1 to 999999999)"});
      else if (!out.by_student.try_emplace(name, n).second)
        out.problems.push_back({row.line, fmt::format("{} is named twice", quoted(name))});
    });
  } catch (const CsvError& e) {
    out.problems.push_back({e.line, e.message});
  }
  if (!header) out.problems.push_back({1, "the file is empty: student,variant and a row per student"});
  return out;
}

}  // namespace neurostep
