#include "lessons/training/model_diagram.h"

#include <fmt/format.h>

#include "core/activation.h"
#include "core/conv2d.h"
#include "core/pool2d.h"
#include "core/shape_layers.h"

namespace neurostep {

namespace {

using Kind = DiagramLayer::Kind;

std::vector<int> shape_of(const Shape& s) { return {s.begin(), s.end()}; }

// The column a layer that makes a new shape starts: its kind and the lines on its arrow.
template <typename T>
std::optional<DiagramLayer> column_of(const Layer<T>& layer, const Shape& in, const Shape& out) {
  DiagramLayer c;
  c.shape = shape_of(out);
  if (const auto* conv = dynamic_cast<const Conv2D<T>*>(&layer)) {
    c.kind = Kind::Conv;
    c.operation = {fmt::format("conv {0}×{0}", conv->kernel()),
                   conv->padding() > 0 ? fmt::format("stride {}, pad {}", conv->stride(), conv->padding())
                                       : fmt::format("stride {}", conv->stride())};
  } else if (const auto* pool = dynamic_cast<const Pool2D<T>*>(&layer)) {
    c.kind = Kind::Pool;
    c.operation = {fmt::format("{0}-pool {1}×{1}", pool->pool_kind() == PoolKind::Max ? "max" : "avg", pool->size()),
                   fmt::format("stride {}", pool->stride())};
  } else if (dynamic_cast<const Pad2D<T>*>(&layer)) {
    c.kind = Kind::Pad;
    c.operation = {fmt::format("pad {}", (out[1] - in[1]) / 2)};
  } else if (layer.kind() == "Flatten") {
    c.kind = Kind::Flatten;
    c.operation = {"flatten"};
  } else if (layer.kind() == "Dense") {
    c.kind = Kind::Dense;
    c.operation = {"dense"};
  } else {
    return std::nullopt;
  }
  return c;
}

// What a shape-keeping layer adds to the arrow of the column before it.
template <typename T>
std::string extra_of(const Layer<T>& layer) {
  if (const auto* d = dynamic_cast<const Dropout<T>*>(&layer)) return fmt::format("dropout {}", d->rate());
  if (layer.kind() == "BatchNorm") return "batch norm";
  if (const auto* a = dynamic_cast<const Activation<T>*>(&layer)) {
    static constexpr const char* kShown[] = {"sigmoid", "tanh", "ReLU", "leaky ReLU",
                                             "ELU"};  // in ActivationKind's order
    return kShown[static_cast<int>(a->activation())];
  }
  return layer.kind();
}

}  // namespace

template <typename T>
NetworkDiagram model_diagram(const Sequential<T>& model, std::string title) {
  NetworkDiagram d{
      .title = std::move(title), .layers = {}, .total_params = model.param_count(), .graph = true, .input_names = {}};
  d.layers.push_back({Kind::Input, shape_of(model.input_shape()), {}, {}});
  const std::vector<LayerSummary> summary = model.summary();
  Shape in = model.input_shape();
  for (std::size_t i = 0; i < model.size(); ++i) {
    const Layer<T>& layer = model.layer(i);
    if (auto column = column_of(layer, in, summary[i].output)) {
      if (column->kind == Kind::Conv || column->kind == Kind::Pool) d.graph = false;
      d.layers.push_back(std::move(*column));
    } else {
      d.layers.back().operation.push_back(extra_of(layer));
    }
    if (summary[i].params > 0) d.layers.back().params.push_back(summary[i].params);
    in = summary[i].output;
  }
  return d;
}

template NetworkDiagram model_diagram(const Sequential<float>&, std::string);
template NetworkDiagram model_diagram(const Sequential<double>&, std::string);

NetworkDiagram preset_diagram(const MnistModel& model) {
  return model_diagram(build_model<float>(model.spec, 1), model.spec.title);
}

}  // namespace neurostep
