#include "app/worksheet_command.h"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/external_program.h"
#include "core/atomic_file.h"
#include "lessons/formats/worksheet.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"

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

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Compiles `tex` (named `name`.tex) in a temporary folder, twice (longtable's column widths
// settle on the second run); the PDF's bytes, or an error with the log's first error line.
std::string compile_pdf(const std::filesystem::path& pdflatex, const std::string& name, const std::string& tex) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "neurostep-worksheet-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temporary folder for pdflatex");
  const std::filesystem::path dir = tmpl;
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() { std::error_code ec; std::filesystem::remove_all(dir, ec); }
  } cleanup{dir};
  { std::ofstream(dir / (name + ".tex"), std::ios::binary) << tex; }
  const std::string command = fmt::format("cd {} && {} -interaction=nonstopmode -halt-on-error {} > {} 2>&1", shell_quote(dir.string()),
                                          shell_quote(pdflatex.string()), shell_quote(name + ".tex"), shell_quote(name + ".out"));
  for (int run = 0; run < 2; ++run)
    if (std::system(command.c_str()) != 0) {
      std::string first_error;
      std::istringstream log(read_bytes(dir / (name + ".out")));
      for (std::string line; std::getline(log, line);)
        if (line.rfind("!", 0) == 0) { first_error = line; break; }
      throw std::runtime_error(fmt::format("pdflatex failed on {}.tex: {}", name, first_error.empty() ? "see its log" : first_error));
    }
  return read_bytes(dir / (name + ".pdf"));
}

}  // namespace

int write_worksheets(const std::filesystem::path& lessons_dir, const WorksheetArguments& a, WorksheetReport& report) {
  WorksheetOptions options;
  options.precision = a.precision;
  if (!a.steps.empty()) {
    const auto range = parse_step_range(a.steps);
    if (!range) {
      report.error = fmt::format("neurostep: --steps takes a range of step numbers A..B (A.. or ..B), not '{}'", a.steps);
      return 2;
    }
    options.first_step = range->first;
    options.last_step = range->second;
  }
  if (a.seed < 1 || a.seed + static_cast<std::uint64_t>(a.variants) - 1 > kMaxVariant) {
    report.error = fmt::format("neurostep: variants are numbered 1 to {}; --seed {} with --variants {} goes beyond", kMaxVariant, a.seed, a.variants);
    return 2;
  }
  const auto entry = find_lesson(scan_lessons(lessons_dir), a.lesson);
  if (!entry) {
    report.error = fmt::format("neurostep: no lesson '{}' in {} (neurostep list shows them)", a.lesson, lessons_dir.string());
    return 1;
  }
  std::optional<std::filesystem::path> pdflatex;
  if (a.format == "pdf") pdflatex = find_program("pdflatex");

  // Every file's bytes first: an error below writes nothing.
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  try {
    const auto lesson = load_lesson(entry->path);
    for (int k = 0; k < a.variants; ++k) {
      const std::uint64_t seed = a.seed + static_cast<std::uint64_t>(k);
      const Variant v = apply_variant(*lesson, seed);
      if (k == 0 && options.first_step > static_cast<int>(v.trace.steps.size())) {
        report.error = fmt::format("neurostep: --steps {}: '{}' has {} steps", a.steps, lesson->info().id, v.trace.steps.size());
        return 2;
      }
      Worksheet sheet{&lesson->info(), &v, worksheet_exercises(lesson->exercise_rules(), v.trace, options), options,
                      given_numbers(*lesson, v)};
      for (const bool key : {false, true}) {
        const std::string name = fmt::format("{}-{}{}", lesson->info().id, seed, key ? "-key" : "");
        const std::string tex = worksheet_latex(sheet, key);
        files.emplace_back(std::filesystem::path(a.out) / (name + ".tex"), tex);
        files.emplace_back(std::filesystem::path(a.out) / (name + ".md"), worksheet_markdown(sheet, key));
        if (pdflatex) files.emplace_back(std::filesystem::path(a.out) / (name + ".pdf"), compile_pdf(*pdflatex, name, tex));
      }
    }
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
    report.error = fmt::format("neurostep: no PDFs written: pdflatex is not installed (on Debian: apt install texlive-latex-recommended); "
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
    status = fmt::format("Wrote {} worksheet{} and {} (numbers #{}…#{}, .tex and .md) in {}", a.variants, a.variants == 1 ? "" : "s",
                         a.variants == 1 ? "its key" : "their keys", a.seed, a.seed + static_cast<std::uint64_t>(a.variants) - 1,
                         std::filesystem::absolute(a.out).string());
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
