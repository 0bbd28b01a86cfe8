#include "lessons/engines/mnist.h"

#include <fmt/format.h>

namespace neurostep {

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

Trace MnistLesson::run() const { return run_mnist(info_.id, n_); }

// The parameters of each layer of the model shown, as bars.
std::vector<Figure> MnistLesson::figures(const Trace& trace, int current) const {
  if (current < 0 || current >= static_cast<int>(trace.steps.size())) return {};
  const Step& s = trace.steps[static_cast<std::size_t>(current)];
  const Value* per_layer = s.find("layer_params");
  if (!per_layer) return {};
  const int layers = static_cast<int>(per_layer->data.size());
  Figure f{.title = "Parameters per layer: " + s.title,
           .x = {"layer (1: the first)", 0.5, layers + 0.5},
           .y = {"parameters", 0, 0}};
  Series tops{
      .kind = Series::Kind::Scatter, .label = "weights + biases of the layer", .color = Color::Blue, .width = 4};
  for (int i = 0; i < layers; ++i) {
    const double p = per_layer->data[static_cast<std::size_t>(i)];
    f.series.push_back(
        {.kind = Series::Kind::Line, .x = {i + 1.0, i + 1.0}, .y = {0, p}, .color = Color::Blue, .width = 6});
    tops.x.push_back(i + 1);
    tops.y.push_back(p);
  }
  f.series.push_back(std::move(tops));
  f.fit_axes();
  f.x = {"layer (1: the first)", 0.5, layers + 0.5};
  f.y.min = 0;
  f.legend = Corner::Below;
  return {std::move(f)};
}

Trace run_mnist(const std::string& lesson_id, const MnistModels& n) {
  Trace trace{lesson_id, {}};
  for (const MnistModel& m : n.models) {
    auto model = build_model<float>(m.spec, 1);
    Step s{.id = "model." + m.spec.name, .group = "Architectures", .title = m.spec.title};
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
    s.values = {scalar_value("params", static_cast<double>(model.param_count())),
                scalar_value("non_trainable", static_cast<double>(buffers)), vector_value("layer_params", per_layer),
                scalar_value("learning_rate", m.train.optimizer.learning_rate)};
    s.note = fmt::format(
        "Each line: the layer, its output shape per image, and its parameters (weights + biases). Trained by "
        "`neurostep train --model {}` with {}, learning rate {}, batch {}, {} epochs.{}",
        m.spec.name, optimizer_name(m.train.optimizer.kind), m.train.optimizer.learning_rate, m.train.batch,
        m.train.epochs, m.reported.empty() ? "" : " The document: " + m.reported);
    trace.steps.push_back(std::move(s));
  }
  return trace;
}

std::unique_ptr<Lesson> make_mnist_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  return std::make_unique<MnistLesson>(std::move(info), std::move(printed), read_mnist_models(root));
}

}  // namespace neurostep
