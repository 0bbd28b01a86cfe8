// mnist.cpp — the steps of the mnist lesson: each model built and summed up layer by layer
// (models → trace).
#include "lessons/engines/mnist.h"

#include <fmt/format.h>

namespace neurostep {

namespace ids = mnist_ids;

std::string mnist_ids::model(const std::string& name) { return fmt::format("{}.{}", kModelPrefix, name); }

namespace {

// A layer's parameter count as a sum, each tensor's dimensions multiplied, inputs first:
// Conv2D 5×5×1 → 8 gives "5·5·1·8 + 8", Dense 256→128 gives "256·128 + 128".
std::string parameter_arithmetic(Layer<float>& layer) {
  std::string sum;
  for (const Param<float>& p : layer.params()) {
    std::string product;
    const Shape& shape = p.value->shape();
    for (auto d = shape.rbegin(); d != shape.rend(); ++d) product += (product.empty() ? "" : "·") + std::to_string(*d);
    sum += (sum.empty() ? "" : " + ") + product;
  }
  return sum;
}

}  // namespace

Trace run_mnist(const std::string& lesson_id, const MnistModels& n) {
  Trace trace{lesson_id, {}};
  for (const MnistModel& m : n.models) {
    auto model = build_model<float>(m.spec, 1);
    Step s{.id = ids::model(m.spec.name), .group = "Architectures", .title = m.spec.title};
    std::vector<double> per_layer;
    std::size_t buffers = 0;
    const std::vector<LayerSummary> rows = model.summary();
    for (std::size_t i = 0; i < model.size(); ++i) {
      const LayerSummary& row = rows[i];
      const std::string layer = row.layer + " → output " + shape_string(row.output);
      if (row.params == 0)
        s.equations.push_back({layer + ", no parameters", "", {}, {}});
      else
        s.equations.push_back(
            {layer + ", parameters", parameter_arithmetic(model.layer(i)), {}, {static_cast<double>(row.params)}});
      per_layer.push_back(static_cast<double>(row.params));
      for (auto& b : model.layer(i).buffers()) buffers += b.value->size();
    }
    Equation total{"trainable parameters: the layers' added up", "", {}, {static_cast<double>(model.param_count())}};
    for (double p : per_layer)
      if (p > 0) {
        total.numbers += total.args.empty() ? "{}" : " + {}";
        total.args.push_back(p);
      }
    s.equations.push_back(std::move(total));
    s.values = {scalar_value(ids::kParams, static_cast<double>(model.param_count())),
                scalar_value(ids::kNonTrainable, static_cast<double>(buffers)),
                vector_value(ids::kLayerParams, per_layer),
                scalar_value(ids::kLearningRate, m.train.optimizer.learning_rate)};
    s.note = fmt::format(
        "Each line: the layer, its output shape per image, and its parameters (weights + biases). Trained by "
        "`neurostep train --model {}` with {}, learning rate {}, batch {}, {} epochs.{}",
        m.spec.name, optimizer_name(m.train.optimizer.kind), m.train.optimizer.learning_rate, m.train.batch,
        m.train.epochs, m.reported.empty() ? "" : " The document: " + m.reported);
    trace.steps.push_back(std::move(s));
  }
  return trace;
}

}  // namespace neurostep
