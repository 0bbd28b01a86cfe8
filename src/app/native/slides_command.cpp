#include "app/native/slides_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/external_program.h"
#include "app/worksheet_command.h"
#include "core/io/atomic_file.h"
#include "export/slide_deck.h"
#include "lessons/framework/catalog.h"
#include "lessons/framework/lesson.h"

namespace neurostep {

namespace {

// The log's first error ("! Undefined control sequence.") and the .tex line it names ("l.42 …").
std::string first_error(const std::string& log, const std::string& tex_name) {
  std::istringstream in(log);
  std::string error;
  for (std::string line; std::getline(in, line);) {
    if (error.empty() && line.rfind("!", 0) == 0)
      error = line;
    else if (!error.empty() && line.rfind("l.", 0) == 0) {
      const std::string number = line.substr(2, line.find(' ') - 2);
      return fmt::format("{}:{}: {} (at '{}')", tex_name, number, error, line.substr(line.find(' ') + 1));
    }
  }
  return error.empty() ? tex_name + ": pdflatex failed (no error line in its log)" : tex_name + ": " + error;
}

// Runs pdflatex on `dir`/`name`.tex, its own files in a temporary folder; the PDF's bytes, or an
// error saying the log's first error with its line.
std::string compile_deck(const std::filesystem::path& pdflatex, const std::filesystem::path& dir,
                         const std::string& name) {
  const TempFolder folder("neurostep-slides");
  const std::filesystem::path& tmp = folder.path();
  const std::string command = fmt::format(
      "cd {} && {} -interaction=batchmode -halt-on-error -output-directory={} {} > /dev/null 2>&1",
      shell_quote(dir.string()), shell_quote(pdflatex.string()), shell_quote(tmp.string()), shell_quote(name + ".tex"));
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("pdflatex failed on " +
                             first_error(read_bytes(tmp / (name + ".log")), (dir / (name + ".tex")).string()));
  return read_bytes(tmp / (name + ".pdf"));
}

}  // namespace

int write_slides(const std::filesystem::path& lessons_dir, const SlidesArguments& a, SlidesReport& report) {
  SlideOptions options;
  if (!a.steps.empty()) {
    const auto range = parse_step_range(a.steps);
    if (!range) {
      report.error =
          fmt::format("neurostep: --steps takes a range of step numbers A..B (A.. or ..B), not '{}'", a.steps);
      return 2;
    }
    options.first_step = range->first;
    options.last_step = range->second;
  }
  const auto entry = find_lesson(scan_lessons(lessons_dir), a.lesson);
  if (!entry) {
    report.error =
        fmt::format("neurostep: no lesson '{}' in {} (neurostep list shows them)", a.lesson, lessons_dir.string());
    return 1;
  }
  try {
    LessonSession session(load_lesson(entry->path));
    if (a.variant) session.use_variant(a.variant);
    if (options.first_step > session.step_count()) {
      report.error = fmt::format("neurostep: --steps {}: '{}' has {} steps", a.steps, session.lesson().info().id,
                                 session.step_count());
      return 2;
    }
    const SlideDeck deck = slide_deck(session, options);
    const std::string name = session.lesson().info().id;
    const std::filesystem::path out = a.out;
    std::filesystem::create_directories(out);
    for (const SlideFile& f : deck.figures) {
      write_file_atomically(out / f.name, f.text);
      report.written.push_back(out / f.name);
    }
    write_file_atomically(out / (name + ".tex"), deck.tex);
    report.written.push_back(out / (name + ".tex"));
    const auto pdflatex = a.pdf ? find_program("pdflatex") : std::nullopt;
    if (!pdflatex) return 0;  // the .tex compiles elsewhere; not an error
    write_file_atomically(out / (name + ".pdf"), compile_deck(*pdflatex, out, name));
    report.written.push_back(out / (name + ".pdf"));
    report.pdf = true;
    return 0;
  } catch (const std::exception& e) {
    report.error = fmt::format("neurostep: {}", e.what());
    return 1;
  }
}

int slides_command(const std::filesystem::path& lessons_dir, const SlidesArguments& a) {
  SlidesReport report;
  const int code = write_slides(lessons_dir, a, report);
  for (const auto& path : report.written) fmt::print("{}\n", path.string());
  if (!report.error.empty())
    fmt::print(stderr, "{}\n", report.error);
  else if (!report.pdf)
    fmt::print(stderr, "neurostep: no PDF made: pdflatex is not on PATH (the .tex compiles with it as it is)\n");
  return code;
}

std::string slides_for_window(const std::filesystem::path& lessons_dir, const SlidesArguments& a) {
  SlidesReport report;
  write_slides(lessons_dir, a, report);
  if (!report.error.empty())
    return (report.written.empty() ? "Slides not written: " : "Slides written without a PDF: ") + report.error;
  const std::filesystem::path deck = std::filesystem::absolute(report.written.back());  // the PDF, else the deck's .tex
  return fmt::format(
      "Wrote the slides {} and their figures in {} (pdflatex {} makes the PDF; neurostep slides does it too)",
      deck.filename().string(), deck.parent_path().string(), deck.filename().string());
}

}  // namespace neurostep
