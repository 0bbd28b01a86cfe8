// Export, headless: every format is written and checked the way another tool would read it.
#include <doctest/doctest.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "export/lesson_export.h"

using namespace neurostep;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("neurostep-export-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

LessonSession sigmoid_at_end() {
  LessonSession s(load_lesson(std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/sigmoid-neuron.toml"));
  s.run_to_end();
  return s;
}

bool have(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

TEST_CASE("PNG: the requested size, and not blank") {
  TempDir dir;
  const auto session = sigmoid_at_end();
  const Figure f = session.figures().at(0);
  export_figure(f, dir.path / "f.png", ExportFormat::Png, {.width = 400, .height = 250, .scale = 2});
  int w = 0, h = 0, channels = 0;
  unsigned char* pixels = stbi_load((dir.path / "f.png").c_str(), &w, &h, &channels, 3);
  REQUIRE(pixels);
  CHECK(w == 800);
  CHECK(h == 500);
  std::set<int> colours;
  for (int i = 0; i < w * h; ++i) colours.insert(pixels[3 * i] << 16 | pixels[3 * i + 1] << 8 | pixels[3 * i + 2]);
  stbi_image_free(pixels);
  CHECK(colours.size() > 50);
}

TEST_CASE("SVG: well-formed XML, with the title and axis labels as text") {
  TempDir dir;
  const auto session = sigmoid_at_end();
  const Figure f = session.figures().at(0);
  export_figure(f, dir.path / "f.svg", ExportFormat::Svg);
  const std::string svg = read(dir.path / "f.svg");
  CHECK(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(svg.find(">" + f.title + "</text>") != std::string::npos);
  CHECK(svg.find(">" + f.x.label + "</text>") != std::string::npos);
  CHECK(svg.find(">" + f.y.label + "</text>") != std::string::npos);
  if (have("python3")) {
    const std::string cmd =
        "python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' " + (dir.path / "f.svg").string();
    CHECK(std::system(cmd.c_str()) == 0);
  } else {
    MESSAGE("python3 not found: the SVG was not parsed by an XML parser");
  }
}

TEST_CASE("SVG: an axis with its own ticks gets exactly those (channels 1, 2, 3, not 0.5, 1, 1.5, …)") {
  TempDir dir;
  Figure f{.title = "per channel", .x = {"channel", 0.5, 3.5, {1, 2, 3}}, .y = {"value", -1, 1}};
  f.series.push_back(point_series("", 2, 0, Color::Blue));
  export_figure(f, dir.path / "f.svg", ExportFormat::Svg,
                {.width = 1200});  // wide: round-number ticks would be 0.25 apart
  const std::string svg = read(dir.path / "f.svg");
  for (const char* tick : {">1</text>", ">2</text>", ">3</text>"}) CHECK(svg.find(tick) != std::string::npos);
  for (const char* tick : {">0.5</text>", ">1.5</text>", ">1.0</text>", ">2.5</text>"})
    CHECK(svg.find(tick) == std::string::npos);
}

TEST_CASE("PDF: a PDF file with a page and its text") {
  TempDir dir;
  const auto session = sigmoid_at_end();
  export_figure(session.figures().at(2), dir.path / "f.pdf", ExportFormat::Pdf);
  const std::string pdf = read(dir.path / "f.pdf");
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("/Type /Page") != std::string::npos);
  CHECK(pdf.find("/Font") != std::string::npos);  // text is text, set in an embedded font
}

TEST_CASE("CSV: a header and one row per point") {
  TempDir dir;
  const auto session = sigmoid_at_end();
  const Figure f = session.figures().at(3);  // the weights per step
  export_figure(f, dir.path / "f.csv", ExportFormat::Csv);
  std::ifstream in(dir.path / "f.csv");
  std::string line;
  std::getline(in, line);
  CHECK(line == "series,label,x,y");
  std::size_t rows = 0, points = 0;
  while (std::getline(in, line)) ++rows;
  for (const auto& s : f.series) points += s.x.size();
  CHECK(rows == points);
}

TEST_CASE("a whole lesson: every figure in every format, and the history as CSV, Markdown and LaTeX") {
  TempDir dir;
  const auto session = sigmoid_at_end();
  const auto written = export_lesson(session, dir.path, *parse_lesson_export_formats("png,svg,pdf,csv,md,tex"));
  CHECK(written.size() == session.figures().size() * 4 + 3);
  for (const auto& p : written) CHECK(fs::file_size(p) > 0);
  const std::string tex = read(dir.path / "sigmoid-neuron-history.tex");
  CHECK(tex.find("\\toprule") != std::string::npos);
  CHECK(tex.find("\\DeclareUnicodeCharacter{2202}{\\ensuremath{\\partial}}") != std::string::npos);
  if (!have("pdflatex")) {
    MESSAGE("pdflatex not found: the LaTeX table was not compiled (install texlive-latex-recommended to check it)");
    return;
  }
  // The file is a complete document: it compiles as is.
  const std::string cmd =
      "cd " + dir.path.string() +
      " && pdflatex -interaction=nonstopmode -halt-on-error sigmoid-neuron-history.tex >/dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  CHECK(fs::exists(dir.path / "sigmoid-neuron-history.pdf"));
}

TEST_CASE("format names") {
  CHECK(parse_lesson_export_formats("png,pdf")->figures ==
        std::vector<ExportFormat>{ExportFormat::Png, ExportFormat::Pdf});
  CHECK_FALSE(parse_lesson_export_formats("png,gif").has_value());
}
