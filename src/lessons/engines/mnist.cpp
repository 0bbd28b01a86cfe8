#include "lessons/engines/mnist.h"

#include <fmt/format.h>

namespace neurostep {

Trace MnistLesson::run() const { return run_mnist(info_.id, n_); }

Trace run_mnist(const std::string& lesson_id, const MnistModels& n) {
  Trace trace{lesson_id, {}};
  for (const MnistModel& m : n.models) {
    auto model = build_model<float>(m.spec, 1);
    Step s{"model." + m.spec.name, "Architectures", m.spec.title, {}, {}, ""};
    std::vector<double> per_layer;
    std::size_t buffers = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
      const LayerSummary row = model.summary()[i];
      s.equations.push_back({row.layer, "output " + shape_string(row.output), {}, {static_cast<double>(row.params)}});
      per_layer.push_back(static_cast<double>(row.params));
      for (auto& b : model.layer(i).buffers()) buffers += b.value->size();
    }
    s.equations.push_back({"trainable parameters", "", {}, {static_cast<double>(model.param_count())}});
    s.values = {scalar_value("params", static_cast<double>(model.param_count())), scalar_value("non_trainable", static_cast<double>(buffers)),
                vector_value("layer_params", per_layer)};
    s.note = fmt::format("Each line: the layer, its output shape per image, and its parameters (weights + biases). Trained by "
                         "`neurostep train --model {}` with {}, learning rate {}, batch {}, {} epochs.{}",
                         m.spec.name, optimizer_name(m.train.optimizer.kind), m.train.optimizer.learning_rate, m.train.batch,
                         m.train.epochs, m.reported.empty() ? "" : " The thesis reports: " + m.reported);
    trace.steps.push_back(std::move(s));
  }
  return trace;
}

std::unique_ptr<Lesson> make_mnist_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root) {
  return std::make_unique<MnistLesson>(std::move(info), std::move(printed), read_mnist_models(root));
}

}  // namespace neurostep
