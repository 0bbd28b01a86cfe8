#include "app/worksheet_figures.h"

#include <unistd.h>

#include <fstream>
#include <set>

#include "export/figure_files.h"
#include "export/figure_renderer.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/withheld.h"

namespace neurostep {

namespace {

std::string pdf_bytes(const Figure& figure) {
  std::string name = (std::filesystem::temp_directory_path() / "neurostep-figure-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot make a temporary file for a worksheet's figure");
  ::close(fd);
  struct Cleanup {
    std::string path;
    ~Cleanup() { std::remove(path.c_str()); }
  } cleanup{name};
  export_figure(figure, name, ExportFormat::Pdf, {.width = 400, .font_size = 13});
  std::ifstream in(name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::map<int, std::string> worksheet_figures(const Lesson& lesson, const Trace& trace,
                                             const std::vector<Exercise>& exercises, std::uint64_t numbers) {
  std::map<int, std::string> out;
  if (exercises.empty() || !pdf_supported()) return out;
  const Practice practice(trace.lesson_id, numbers, exercises);
  std::set<int> steps;
  for (const Exercise& e : exercises) steps.insert(e.step);
  std::vector<Withheld> masks;
  for (int s : steps) masks.push_back(withheld_for(trace, practice, s, true));
  const Trace shown = shown_trace(trace, masks.front());  // as at the first exercise: nothing from there on
  for (int s : steps) {
    std::vector<Figure> figures = lesson.figures(shown, s);
    if (figures.empty()) continue;
    for (const Withheld& w : masks) mask_figures(figures, w);
    out[s] = pdf_bytes(figures.front());
  }
  return out;
}

}  // namespace neurostep
