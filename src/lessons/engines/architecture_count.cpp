// architecture_count.cpp — the steps of the architecture-count lesson: each architecture's layers
// counted one by one (numbers → trace), and the diagram drawn from the same count.
#include "lessons/engines/architecture_count.h"

#include <fmt/format.h>

#include "core/conv2d.h"

namespace neurostep {

namespace ids = architecture_count_ids;

std::string architecture_count_ids::conv(const std::string& architecture, int i) {
  return fmt::format("{}.{}{}", architecture, kConv, i);
}
std::string architecture_count_ids::fc(const std::string& architecture, int i) {
  return fmt::format("{}.{}{}", architecture, kFc, i);
}
std::string architecture_count_ids::total(const std::string& architecture) {
  return fmt::format("{}.{}", architecture, kTotal);
}
std::string architecture_count_ids::every_conv(const std::string& architecture) {
  return fmt::format("{}.{}*", architecture, kConv);
}

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
    Step s = open(ids::conv(a_.name, convs_),
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
    Step s = open(ids::fc(a_.name, fcs_), fmt::format("fully connected {}: {} units", fcs_, l.units));
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
    s.values.push_back(scalar_value(ids::kDocumentOut, stated));
    s.note += fmt::format(
        "{}With the sizes the document states (side {}, window {}×{}) the output side is {}, not the {} its "
        "next sizes follow from.",
        s.note.empty() ? "" : " ", h, f, f, stated, side);
  }

  Step open(std::string id, std::string title) {
    Step s = std::move(pending_);
    pending_ = {};
    s.id = std::move(id);
    s.group = a_.title;
    s.title = std::move(title);
    return s;
  }

  void close(Step s, Shape3 out, double params) {
    s.values.insert(s.values.end(), {vector_value(ids::kInShape, shape_), vector_value(ids::kOutShape, out),
                                     scalar_value(ids::kParams, params)});
    // A map's side is what a student works out (its channels are the filters' count, given).
    if (out.size() == 3) s.values.push_back(written_as(scalar_value(ids::kOutSide, out[1]), "output side"));
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
    t_.steps.push_back(
        {.id = ids::total(a_.name),
         .group = a_.title,
         .title = fmt::format("Total: {} parameters", sum.result[0]),
         .equations = {sum},
         .values = {scalar_value(ids::kParams, sum.result[0]), vector_value(ids::kLayerParams, per_layer_)}});
  }

  const CountedArchitecture& a_;
  Trace& t_;
  Shape3 shape_;
  Step pending_;  // pooling and flattening since the last layer with parameters
  std::vector<double> per_layer_;
  int convs_ = 0, fcs_ = 0;
  NetworkDiagram* diagram_;  // where the columns go, if anywhere
};

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

}  // namespace neurostep
