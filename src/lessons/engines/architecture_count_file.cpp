// architecture_count_file.cpp — the architecture-count lesson around its steps
// (architecture_count.cpp): reading the lesson file's architectures, the input sides a student
// edits, and make_architecture_count_lesson.
#include <fmt/format.h>

#include "core/conv2d.h"
#include "lessons/engines/architecture_count.h"
#include "lessons/engines/architecture_count_figures.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

// The side of the last conv or pooling layer's output for an input of side h (< 1: a window does not fit).
int last_side(const CountedArchitecture& a, int h) {
  for (const CountedLayer& c : a.layers)
    if (c.type == "conv" || c.type == "maxpool") {
      h = sliding_output_size(h, c.type == "conv" ? c.kernel : c.size, c.stride, c.padding);
      if (h < 1) return h;
    }
  return h;
}

// The smallest input side every layer of the architecture fits.
int smallest_input(const CountedArchitecture& a) {
  int h = 1;
  while (last_side(a, h) < 1) ++h;
  return h;
}

class ArchitectureCountLesson final : public Lesson, public CountsArchitectures {
 public:
  ArchitectureCountLesson(LessonInfo info, std::vector<PrintedValue> printed, ArchitectureCountNumbers n)
      : Lesson(std::move(info), std::move(printed)), n_(std::move(n)) {}
  // Each architecture's input side (square images), from the smallest its layers fit.
  std::vector<Editable> editables() override {
    std::vector<Editable> e;
    for (CountedArchitecture& a : n_.architectures)
      e.push_back({.group = "Input side",
                   .label = a.name,
                   .min = double(smallest_input(a)),
                   .max = 1024,
                   .integer = &a.height});
    return e;
  }
  void numbers_changed() override {
    for (CountedArchitecture& a : n_.architectures) a.width = a.height;
  }
  Trace run() const override { return run_architecture_count(info_.id, n_); }
  std::vector<NamedDiagram> counted_diagrams() const override {
    std::vector<NamedDiagram> d;
    for (const CountedArchitecture& a : n_.architectures) d.push_back({a.name, counted_diagram(a)});
    return d;
  }
  std::vector<Figure> figures(const Trace& trace, int current) const override {
    return architecture_count_figures(trace, current);
  }

 private:
  ArchitectureCountNumbers n_;
};

CountedLayer read_layer(LessonTable& l, int channels) {
  CountedLayer c;
  c.type = l.choice("type", {"conv", "maxpool", "flatten", "dense"}, "");
  c.filters = l.integer_or("filters", 0, 0, 4096);
  c.kernel = l.integer_or("kernel", 0, 0, 64);
  c.stride = l.integer_or("stride", c.type == "maxpool" ? l.integer_or("size", 2, 1, 64) : 1, 1, 64);
  c.padding = l.integer_or("padding", 0, 0, 64);
  c.groups = l.integer_or("groups", 1, 1, 64);
  c.size = l.integer_or("size", 2, 1, 64);
  c.units = l.integer_or("units", 0, 0, 1'000'000);
  c.document_size = l.integer_or("document_size", 0, 0, 64);
  l.finish();
  if (c.type == "conv" && (c.filters < 1 || c.kernel < 1)) l.fail_here("a conv layer needs filters and kernel");
  if (c.type == "conv" && (channels % c.groups || c.filters % c.groups))
    l.fail("groups", fmt::format("{} groups must divide the {} input channels and the {} filters", c.groups, channels,
                                 c.filters));
  if (c.type == "dense" && c.units < 1) l.fail_here("a dense layer needs units");
  return c;
}

}  // namespace

static std::unique_ptr<Lesson> make_architecture_count_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                              LessonTable& root) {
  ArchitectureCountNumbers n;
  for (LessonTable& t : root.tables("architectures")) {
    CountedArchitecture a;
    a.name = t.text("name");
    a.title = t.text("title");
    const std::vector<double> input = t.numbers("input", 3, {1, 4096});
    a.channels = int(input[0]), a.height = int(input[1]), a.width = int(input[2]);
    a.document_input = t.integer_or("document_input", 0, 0, 4096);
    int channels = a.channels;
    bool flat = false;
    for (LessonTable& l : t.tables("layers")) {
      a.layers.push_back(read_layer(l, channels));
      const CountedLayer& c = a.layers.back();
      if ((c.type == "dense") != flat && c.type != "flatten")
        l.fail_here("conv and pooling come before flatten, dense layers after it");
      if (c.type == "flatten") flat = true;
      if (c.type == "conv") channels = c.filters;
      if (last_side(a, a.height) < 1) l.fail_here("this layer's window does not fit its input");
    }
    if (a.height != a.width) t.fail("input", "the counted architectures take square images");
    t.finish();
    n.architectures.push_back(std::move(a));
  }
  if (n.architectures.empty()) root.fail_here("an architecture-count lesson needs [[architectures]]");
  return std::make_unique<ArchitectureCountLesson>(std::move(info), std::move(printed), std::move(n));
}

LessonKind architecture_count_kind() {
  return {
      .name = "architecture-count",
      .description =
          "large CNNs (AlexNet, VGG) counted layer by layer, never built: output sizes and parameters (Jäppinen 2024, "
          "Fig. 15; Lazović 2020, Tables 2–3)",
      .make = make_architecture_count_lesson,
      .default_exercises = {
          default_exercise(architecture_count_ids::every_conv(architecture_count_ids::kAnyArchitecture),
                           architecture_count_ids::kOutSide),
          default_exercise(architecture_count_ids::conv(architecture_count_ids::kAnyArchitecture, 1),
                           architecture_count_ids::kParams),
          default_exercise(architecture_count_ids::conv(architecture_count_ids::kAnyArchitecture, 2),
                           architecture_count_ids::kParams)}};
}

}  // namespace neurostep
