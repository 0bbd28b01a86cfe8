#include "lessons/engines/architecture_count.h"

#include <fmt/format.h>

#include "core/conv2d.h"
#include "lessons/framework/capabilities.h"

namespace neurostep {

namespace {

using Shape3 = std::vector<double>;  // (c, h, w); after flatten (n)

// The output side of a window f at stride s with padding p, as an equation: ⌊(h + 2p − f)/s⌋ + 1.
Equation side_equation(const std::string& what, double h, int f, int s, int p, double out) {
  return {what + ": ⌊(h + 2p − f)/s⌋ + 1", "({} + 2·{} − {})/{} + 1", {h, double(p), double(f), double(s)}, {out}};
}

// Walks one architecture; each layer with parameters closes a step with the sizes worked out since.
class Counter {
 public:
  Counter(const CountedArchitecture& a, Trace& t, NetworkDiagram* diagram = nullptr)
      : a_(a), t_(t), shape_{double(a.channels), double(a.height), double(a.width)}, diagram_(diagram) {
    if (diagram_)
      *diagram_ = {.title = a.title, .layers = {{DiagramLayer::Kind::Input, {a.channels, a.height, a.width}, {}, {}}}};
  }

  void run() {
    for (const CountedLayer& l : a_.layers) {
      if (l.type == "conv")
        conv(l);
      else if (l.type == "maxpool")
        pool(l);
      else if (l.type == "flatten")
        flatten();
      else
        dense(l);
    }
    total();
  }

 private:
  void conv(const CountedLayer& l) {
    const int side = sliding_output_size(int(shape_[1]), l.kernel, l.stride, l.padding);
    const double c = shape_[0], k = l.filters, g = l.groups, f = l.kernel;
    ++convs_;
    Step s = open(fmt::format("conv{}", convs_),
                  fmt::format("conv {}: {} filters {}×{}", convs_, l.filters, l.kernel, l.kernel));
    if (a_.document_input > 0 && convs_ == 1)
      document_side(s, "from the document's input", a_.document_input, l.kernel, l.stride, l.padding, side);
    s.equations.push_back(side_equation("output side", shape_[1], l.kernel, l.stride, l.padding, side));
    const double params = k * (f * f * c / g + 1);
    if (l.groups == 1)
      s.equations.push_back({"parameters = k·(f·f·c + 1)", "{}·({}·{}·{} + 1)", {k, f, f, c}, {params}});
    else
      s.equations.push_back({"parameters = g·(k/g)·(f·f·(c/g) + 1), in g groups",
                             "{}·{}·({}·{}·{} + 1)",
                             {g, k / g, f, f, c / g},
                             {params}});
    close(std::move(s), {k, double(side), double(side)}, params);
    const std::string groups = l.groups > 1 ? fmt::format(", {} groups", l.groups) : "";
    draw(DiagramLayer::Kind::Conv,
         {fmt::format("conv {0}×{0}", l.kernel), fmt::format("stride {}, pad {}{}", l.stride, l.padding, groups)},
         params);
  }

  void pool(const CountedLayer& l) {
    const int side = sliding_output_size(int(shape_[1]), l.size, l.stride, 0);
    const std::string what = fmt::format("max pool {}×{}, stride {}", l.size, l.size, l.stride);
    if (l.document_size > 0)
      document_side(pending_, "with the document's window", shape_[1], l.document_size, l.stride, 0, side);
    pending_.equations.push_back(side_equation(what, shape_[1], l.size, l.stride, 0, side));
    shape_ = {shape_[0], double(side), double(side)};
    draw(DiagramLayer::Kind::Pool, {fmt::format("max-pool {0}×{0}", l.size), fmt::format("stride {}", l.stride)}, 0);
  }

  void flatten() {
    const double n = shape_[0] * shape_[1] * shape_[2];
    pending_.equations.push_back({"flatten: c·h·w", "{}·{}·{}", {shape_[0], shape_[1], shape_[2]}, {n}});
    shape_ = {n};
    draw(DiagramLayer::Kind::Flatten, {"flatten"}, 0);
  }

  void dense(const CountedLayer& l) {
    ++fcs_;
    Step s = open(fmt::format("fc{}", fcs_), fmt::format("fully connected {}: {} units", fcs_, l.units));
    const double params = double(l.units) * (shape_[0] + 1);
    s.equations.push_back({"parameters = units·(inputs + 1)", "{}·({} + 1)", {double(l.units), shape_[0]}, {params}});
    close(std::move(s), {double(l.units)}, params);
    draw(DiagramLayer::Kind::Dense, {"dense"}, params);
  }

  // The diagram's column for the layer just counted: its output shape (shape_) and parameters.
  void draw(DiagramLayer::Kind kind, std::vector<std::string> operation, double params) {
    if (!diagram_) return;
    DiagramLayer c{.kind = kind,
                   .shape = std::vector<int>(shape_.begin(), shape_.end()),
                   .operation = std::move(operation),
                   .params = {}};
    if (params > 0) c.params.push_back(static_cast<std::size_t>(params));
    diagram_->total_params += c.params.empty() ? 0 : c.params[0];
    diagram_->layers.push_back(std::move(c));
  }

  // The output side a size the document states would give, beside the one its layers show.
  void document_side(Step& s, const std::string& what, double h, int f, int stride, int p, int side) {
    const int stated = sliding_output_size(int(h), f, stride, p);
    s.equations.push_back(side_equation(what, h, f, stride, p, stated));
    s.values.push_back(scalar_value("document_out", stated));
    s.note += fmt::format(
        "{}With the sizes the document states (side {}, window {}×{}) the output side is {}, not the {} its "
        "next sizes follow from.",
        s.note.empty() ? "" : " ", h, f, f, stated, side);
  }

  Step open(std::string id, std::string title) {
    Step s = std::move(pending_);
    pending_ = {};
    s.id = a_.name + "." + id;
    s.group = a_.title;
    s.title = std::move(title);
    return s;
  }

  void close(Step s, Shape3 out, double params) {
    s.values.insert(s.values.end(),
                    {vector_value("in_shape", shape_), vector_value("out_shape", out), scalar_value("params", params)});
    // A map's side is what a student works out (its channels are the filters' count, given).
    if (out.size() == 3) s.values.push_back(written_as(scalar_value("out_side", out[1]), "output side"));
    shape_ = std::move(out);
    per_layer_.push_back(params);
    t_.steps.push_back(std::move(s));
  }

  void total() {
    Equation sum{"parameters: the layers' added up", "", {}, {0}};
    for (double p : per_layer_) {
      sum.numbers += sum.args.empty() ? "{}" : " + {}";
      sum.args.push_back(p);
      sum.result[0] += p;
    }
    t_.steps.push_back({.id = a_.name + ".total",
                        .group = a_.title,
                        .title = fmt::format("Total: {} parameters", sum.result[0]),
                        .equations = {sum},
                        .values = {scalar_value("params", sum.result[0]), vector_value("layer_params", per_layer_)}});
  }

  const CountedArchitecture& a_;
  Trace& t_;
  Shape3 shape_;
  Step pending_;  // pooling and flattening since the last layer with parameters
  std::vector<double> per_layer_;
  int convs_ = 0, fcs_ = 0;
  NetworkDiagram* diagram_;  // where the columns go, if anywhere
};

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
  std::vector<Figure> figures(const Trace& trace, int current) const override;

 private:
  ArchitectureCountNumbers n_;
};

// The parameters of each layer of the architecture shown, as bars in millions; the step's own layer in orange.
std::vector<Figure> ArchitectureCountLesson::figures(const Trace& trace, int current) const {
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[std::size_t(current)];
  const std::string name = s.id.substr(0, s.id.rfind('.'));
  const Value* per_layer = nullptr;
  int own = -1, index = 0;  // own: which bar is this step's layer (−1: none, the total)
  for (const Step& t : trace.steps) {
    if (t.id.rfind(name + ".", 0) != 0) continue;
    if (&t == &s && t.find("in_shape")) own = index;
    if (t.find("in_shape")) ++index;
    if (t.id == name + ".total") per_layer = t.find("layer_params");
  }
  if (!per_layer) return {};
  const double layers = double(per_layer->data.size());
  Figure f{.title = "Parameters per layer: " + s.group,
           .x = {"layer with parameters (1: the first)", 0.5, layers + 0.5},
           .y = {"parameters (millions)", 0, 0}};
  for (std::size_t i = 0; i < per_layer->data.size(); ++i)
    f.series.push_back({.kind = Series::Kind::Line,
                        .x = {i + 1.0, i + 1.0},
                        .y = {0, per_layer->data[i] / 1e6},
                        .color = int(i) == own ? Color::Orange : Color::Blue,
                        .width = 6});
  f.fit_axes();
  f.x = {"layer with parameters (1: the first)", 0.5, layers + 0.5};
  f.y.min = 0;
  return {std::move(f)};
}

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

Trace run_architecture_count(const std::string& lesson_id, const ArchitectureCountNumbers& numbers) {
  Trace trace{lesson_id, {}};
  for (const CountedArchitecture& a : numbers.architectures) Counter(a, trace).run();
  return trace;
}

NetworkDiagram counted_diagram(const CountedArchitecture& architecture) {
  Trace unused;
  NetworkDiagram d;
  Counter(architecture, unused, &d).run();
  return d;
}

std::unique_ptr<Lesson> make_architecture_count_lesson(LessonInfo info, std::vector<PrintedValue> printed,
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

}  // namespace neurostep
