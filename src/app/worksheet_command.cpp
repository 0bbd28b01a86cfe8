#include "app/worksheet_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "app/worksheet_figures.h"
#include "app/external_program.h"
#include "core/io/atomic_file.h"
#include "lessons/formats/worksheet.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/roster.h"
#include "lessons/framework/variant.h"

namespace neurostep {

std::optional<std::pair<int, int>> parse_step_range(const std::string& text) {
  const auto dots = text.find("..");
  auto number = [](const std::string& s, int fallback) -> std::optional<int> {
    if (s.empty()) return fallback;
    if (s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const int n = std::stoi(s);
    return n >= 1 ? std::optional<int>(n) : std::nullopt;
  };
  if (dots == std::string::npos) return std::nullopt;
  const auto a = number(text.substr(0, dots), 1), b = number(text.substr(dots + 2), -1);
  if (!a || !b || (*b >= 0 && *b < *a)) return std::nullopt;
  return std::pair{*a, *b};
}

namespace {

// Compiles `tex` (named `name`.tex, with the files `beside` it) in a temporary folder, twice (longtable's column widths
// settle on the second run); the PDF's bytes, or an error with the log's first error line.
using Files = std::vector<std::pair<std::filesystem::path, std::string>>;

std::string compile_pdf(const std::filesystem::path& pdflatex, const std::string& name, const std::string& tex,
                        const Files& beside = {}) {
  const TempFolder folder("neurostep-worksheet");
  const std::filesystem::path& dir = folder.path();
  { std::ofstream(dir / (name + ".tex"), std::ios::binary) << tex; }
  for (const auto& [file, bytes] : beside)
    std::ofstream(dir / file.filename(), std::ios::binary) << bytes;  // its figures
  const std::string command =
      fmt::format("cd {} && {} -interaction=nonstopmode -halt-on-error {} > {} 2>&1", shell_quote(dir.string()),
                  shell_quote(pdflatex.string()), shell_quote(name + ".tex"), shell_quote(name + ".out"));
  for (int run = 0; run < 2; ++run)
    if (std::system(command.c_str()) != 0) {
      std::string first_error;
      std::istringstream log(read_bytes(dir / (name + ".out")));
      for (std::string line; std::getline(log, line);)
        if (line.rfind("!", 0) == 0) {
          first_error = line;
          break;
        }
      throw std::runtime_error(
          fmt::format("pdflatex failed on {}.tex: {}", name, first_error.empty() ? "see its log" : first_error));
    }
  return read_bytes(dir / (name + ".pdf"));
}

// One sheet to write: its numbers #, the student's name (empty: none) and its file name without
// the extension.
struct SheetJob {
  std::uint64_t seed = 0;
  std::string student, stem;
};

struct StepRangeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "Zoë Brandt" → "zoe-brandt": a file name's part in plain ASCII (Latin-1 letters without their accents).
std::string file_slug(const std::string& name) {
  static constexpr std::string_view latin1 =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"   // U+00C0…U+00DF, lowered
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";  // U+00E0…U+00FF
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    char plain = std::isalnum(c) && c < 0x80 ? static_cast<char>(std::tolower(c)) : '-';
    if (c == 0xC3 && i + 1 < name.size()) {  // U+00C0…U+00FF in UTF-8: C3 80…BF
      const auto next = static_cast<unsigned char>(name[++i]);
      if (next >= 0x80 && next <= 0xBF) plain = latin1[next - 0x80];
    }
    if (plain != '-' || (!out.empty() && out.back() != '-')) out += plain;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "student" : out;
}

// The roster's students ordered by name, each with their numbers #; or an error naming each bad row.
std::optional<std::vector<SheetJob>> roster_jobs(const WorksheetArguments& a, const std::string& lesson_id,
                                                 std::string& error) {
  std::ifstream in(a.roster, std::ios::binary);
  if (!in) return error = fmt::format("neurostep: cannot read the roster {}", a.roster), std::nullopt;
  const Roster roster = read_roster(std::string(std::istreambuf_iterator<char>(in), {}));
  for (const RosterProblem& p : roster.problems)
    error += fmt::format("{}{}:{}: {}", error.empty() ? "" : "\n", a.roster, p.line, p.message);
  if (!error.empty()) return error += "\nneurostep: no sheet written", std::nullopt;
  std::vector<Student> students = roster.students;
  std::stable_sort(students.begin(), students.end(),
                   [](const Student& x, const Student& y) { return x.name < y.name; });
  std::vector<SheetJob> jobs;
  for (const Student& s : students) {
    const std::uint64_t seed = student_variant(s, a.seed);
    jobs.push_back({seed, s.name, fmt::format("{}-{}-{}", lesson_id, file_slug(s.name), seed)});
  }
  return jobs;
}

std::vector<SheetJob> numbered_jobs(const WorksheetArguments& a, const std::string& lesson_id) {
  std::vector<SheetJob> jobs;
  for (int k = 0; k < a.variants; ++k) {
    const std::uint64_t seed = a.seed + static_cast<std::uint64_t>(k);
    jobs.push_back({seed, "", fmt::format("{}-{}", lesson_id, seed)});
  }
  return jobs;
}

// A document's .tex, .md and (with pdflatex) .pdf under `stem`.
void add_document(Files& files, const WorksheetArguments& a, const std::optional<std::filesystem::path>& pdflatex,
                  const std::string& stem, const std::string& tex, const std::string& md, const Files& beside = {}) {
  const std::filesystem::path out(a.out);
  files.emplace_back(out / (stem + ".tex"), tex);
  files.emplace_back(out / (stem + ".md"), md);
  if (pdflatex) files.emplace_back(out / (stem + ".pdf"), compile_pdf(*pdflatex, stem, tex, beside));
}

// The sheet's figures as files beside it (STEM-stepN.pdf), named in `sheet.figures`.
Files figure_files(const Lesson& lesson, Worksheet& sheet, const SheetJob& job, const WorksheetArguments& a) {
  Files files;
  const Trace& trace = sheet.variant->trace;
  sheet.figures.assign(trace.steps.size(), "");
  for (auto& [step, bytes] : worksheet_figures(lesson, trace, sheet.exercises, job.seed)) {
    sheet.figures[static_cast<std::size_t>(step)] = fmt::format("{}-step{}.pdf", job.stem, step + 1);
    files.emplace_back(std::filesystem::path(a.out) / sheet.figures[static_cast<std::size_t>(step)], std::move(bytes));
  }
  return files;
}

// Every file's bytes, computed (and compiled) before any is written.
Files sheet_files(Lesson& lesson, const std::vector<SheetJob>& jobs, const WorksheetArguments& a,
                  const WorksheetOptions& options, const std::optional<std::filesystem::path>& pdflatex) {
  std::vector<Variant> variants;
  variants.reserve(jobs.size());  // the sheets point into it
  std::vector<Worksheet> sheets;
  std::vector<Files> figures;  // per sheet
  for (const SheetJob& job : jobs) {
    try {
      variants.push_back(apply_variant(lesson, job.seed));
    } catch (const VariantError& e) {
      throw std::runtime_error(
          job.student.empty() ? e.what() : fmt::format("{}'s numbers #{}: {}", job.student, job.seed, e.what()));
    }
    const Variant& v = variants.back();
    if (options.first_step > static_cast<int>(v.trace.steps.size()))
      throw StepRangeError(fmt::format("'{}' has {} steps", lesson.info().id, v.trace.steps.size()));
    sheets.push_back({&lesson.info(),
                      &v,
                      worksheet_exercises(lesson.exercise_rules(), v.trace, options),
                      options,
                      given_numbers(lesson, v),
                      job.student,
                      {}});
    figures.push_back(figure_files(lesson, sheets.back(), job, a));  // now: the lesson holds this variant's numbers
  }
  Files files;
  for (const Files& f : figures) files.insert(files.end(), f.begin(), f.end());
  const bool roster = !a.roster.empty();
  for (std::size_t i = 0; i < jobs.size(); ++i)
    for (const bool key : roster ? std::vector<bool>{false} : std::vector<bool>{false, true})
      add_document(files, a, pdflatex, jobs[i].stem + (key ? "-key" : ""), worksheet_latex(sheets[i], key),
                   worksheet_markdown(sheets[i], key), figures[i]);
  if (!roster) return files;
  std::vector<ClassSheet> in_class;
  std::vector<std::pair<std::string, std::uint64_t>> numbers;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    in_class.push_back({jobs[i].student, &sheets[i]});
    numbers.emplace_back(jobs[i].student, jobs[i].seed);
  }
  add_document(files, a, pdflatex, lesson.info().id + "-class-key", class_key_latex(in_class),
               class_key_markdown(in_class));
  files.emplace_back(std::filesystem::path(a.out) / "class-variants.csv", class_variants_csv(numbers));
  return files;
}

// The options' steps, or an error.
std::optional<WorksheetOptions> sheet_options(const WorksheetArguments& a, std::string& error) {
  WorksheetOptions options;
  options.precision = a.precision;
  if (a.steps.empty()) return options;
  const auto range = parse_step_range(a.steps);
  if (!range)
    return error = fmt::format("neurostep: --steps takes a range of step numbers A..B (A.. or ..B), not '{}'", a.steps),
           std::nullopt;
  options.first_step = range->first;
  options.last_step = range->second;
  return options;
}

}  // namespace

int write_worksheets(const std::filesystem::path& lessons_dir, const WorksheetArguments& a, WorksheetReport& report) {
  const auto options = sheet_options(a, report.error);
  if (!options) return 2;
  if (a.roster.empty() && (a.seed < 1 || a.seed + static_cast<std::uint64_t>(a.variants) - 1 > kMaxVariant)) {
    report.error = fmt::format("neurostep: variants are numbered 1 to {}; --seed {} with --variants {} goes beyond",
                               kMaxVariant, a.seed, a.variants);
    return 2;
  }
  const auto entry = find_lesson(scan_lessons(lessons_dir), a.lesson);
  if (!entry) {
    report.error =
        fmt::format("neurostep: no lesson '{}' in {} (neurostep list shows them)", a.lesson, lessons_dir.string());
    return 1;
  }
  std::optional<std::filesystem::path> pdflatex;
  if (a.format == "pdf") pdflatex = find_program("pdflatex");
  Files files;  // every file's bytes first: an error below writes nothing
  try {
    const auto lesson = load_lesson(entry->path);
    const auto jobs = a.roster.empty() ? std::optional(numbered_jobs(a, lesson->info().id))
                                       : roster_jobs(a, lesson->info().id, report.error);
    if (!jobs) return 2;
    files = sheet_files(*lesson, *jobs, a, *options, pdflatex);
  } catch (const StepRangeError& e) {
    report.error = fmt::format("neurostep: --steps {}: {}", a.steps, e.what());
    return 2;
  } catch (const std::exception& e) {
    report.error = fmt::format("{}", e.what());
    return 1;
  }
  try {
    std::filesystem::create_directories(a.out);
    for (const auto& [path, bytes] : files) {
      write_file_atomically(path, bytes);
      report.written.push_back(path);
    }
  } catch (const std::exception& e) {
    report.error = fmt::format("neurostep: {}", e.what());
    return 1;
  }
  if (a.format == "pdf" && !pdflatex) {
    report.error = fmt::format(
        "neurostep: no PDFs written: pdflatex is not installed (on Debian: apt install texlive-latex-recommended); "
        "the .tex files above compile with it as they are");
    return 1;
  }
  return 0;
}

std::string worksheets_for_window(const std::filesystem::path& lessons_dir, const WorksheetArguments& a) {
  WorksheetReport report;
  write_worksheets(lessons_dir, a, report);
  std::string status;
  if (!report.written.empty())
    status =
        fmt::format("Wrote {} worksheet{} and {} (numbers #{}…#{}, .tex and .md) in {}", a.variants,
                    a.variants == 1 ? "" : "s", a.variants == 1 ? "its key" : "their keys", a.seed,
                    a.seed + static_cast<std::uint64_t>(a.variants) - 1, std::filesystem::absolute(a.out).string());
  if (!report.error.empty()) status += (status.empty() ? "Worksheets not written: " : ". ") + report.error;
  return status;
}

int worksheet_command(const std::filesystem::path& lessons_dir, const WorksheetArguments& a) {
  WorksheetReport report;
  const int code = write_worksheets(lessons_dir, a, report);
  for (const auto& path : report.written) fmt::print("{}\n", path.string());
  if (!report.error.empty()) fmt::print(stderr, "{}\n", report.error);
  return code;
}

}  // namespace neurostep
