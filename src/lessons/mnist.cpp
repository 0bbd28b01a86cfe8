#include "lessons/mnist.h"

#include <fmt/format.h>

#include "core/checkpoint.h"
#include "core/user_dirs.h"
#include "lessons/training_job.h"

namespace neurostep {

namespace {

MnistNumbers read_models(LessonTable& root) {
  MnistNumbers n;
  for (LessonTable& m : root.tables("models")) {
    MnistModel model;
    model.spec.name = m.text("name");
    model.spec.title = m.text("title");
    model.reported = m.text_or("reported", "");
    const std::string init = m.choice("init", {"normal_fan_in", "he_normal", "variance_scaling", "glorot_uniform"}, "he_normal");
    model.spec.init = *parse_init(init);
    model.spec.io.inputs_001 = m.has("inputs_001") && m.integer("inputs_001", 0, 1) == 1;
    model.spec.io.sigmoid_outputs = m.has("sigmoid_outputs") && m.integer("sigmoid_outputs", 0, 1) == 1;
    model.train.io = model.spec.io;
    model.train.optimizer.kind = *parse_optimizer(m.choice("optimizer", {"sgd", "adagrad", "rmsprop", "adam"}, "adam"));
    model.train.optimizer.learning_rate = m.number_or("learning_rate", 0.001, {1e-8, 100});
    model.train.batch = m.integer_or("batch", 32, 1, 4096);
    model.train.epochs = m.integer_or("epochs", 5, 1, 1000);
    for (LessonTable& l : m.tables("layers")) {
      LayerSpec s;
      s.type = l.choice("type", {"conv", "dense", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "maxpool", "avgpool", "flatten", "dropout",
                                 "batchnorm", "pad"},
                        "");
      s.units = l.integer_or("units", 0, 0, 100'000);
      s.filters = l.integer_or("filters", 0, 0, 4096);
      s.kernel = l.integer_or("kernel", 0, 0, 64);
      s.stride = l.integer_or("stride", 0, 0, 64);
      s.padding = l.integer_or("padding", 0, 0, 64);
      s.size = l.integer_or("size", 2, 1, 64);
      s.same = l.has("same") && l.integer("same", 0, 1) == 1;
      s.bias = !l.has("bias") || l.integer("bias", 0, 1) == 1;
      s.rate = l.number_or("rate", 0, {0, 0.99});
      s.slope = l.number_or("slope", 0.01, {0, 1});
      s.alpha = l.number_or("alpha", 1, {0, 100});
      l.finish();
      if ((s.type == "dense" && s.units < 1) || (s.type == "conv" && (s.filters < 1 || s.kernel < 1)))
        l.fail_here(fmt::format("a {} layer needs {}", s.type, s.type == "dense" ? "units" : "filters and kernel"));
      model.spec.layers.push_back(s);
    }
    try {  // the architecture must fit 28×28 inputs, layer by layer, and stay a sane size
      build_model<float>(model.spec, 1);
    } catch (const ShapeError& e) {
      m.fail_here(fmt::format("model '{}': {}", model.spec.name, e.what()));
    }
    m.finish();
    n.models.push_back(std::move(model));
  }
  return n;
}

}  // namespace

Trace MnistLesson::run() const { return run_mnist(info_.id, n_); }

LoadedModel load_mnist_checkpoint(const MnistNumbers& models, const std::filesystem::path& checkpoint) {
  const std::string arch = checkpoint_architecture(checkpoint);
  for (const MnistModel& m : models.models) {
    Sequential<float> network = build_model<float>(m.spec, 1);
    if (architecture_signature(network) != arch) continue;
    load_checkpoint(network, checkpoint);
    return {&m, std::move(network)};
  }
  throw CheckpointError(fmt::format("{}: no model of the MNIST lesson has this checkpoint's architecture:\n{}", checkpoint.string(), arch));
}

std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, const std::string& name) {
  const std::filesystem::path root = lessons_dir.parent_path();
  if (name == "sample") return root / "assets" / "mnist-sample";
  if (name == "mnist") {  // `neurostep data fetch mnist` puts it in the user's data folder, scripts/setup.sh in the source tree
    for (const auto& dir : {user_data_dir() / "mnist", root / "data" / "mnist"})
      if (std::filesystem::is_directory(dir)) return dir;
    return user_data_dir() / "mnist";
  }
  if (name == "fashion") return "/usr/share/datasets/fashion-mnist";
  return name;
}

std::vector<Figure> training_figures(const TrainingSnapshot& s) {
  std::vector<Figure> figs;
  const double epochs = std::max(1, s.epochs);
  for (const bool accuracy : {false, true}) {
    const char* loss = s.sigmoid_outputs ? "Loss (squared error ½ Σ (t − o)²)" : "Loss (softmax cross-entropy)";
    Figure f{.title = accuracy ? "Accuracy" : loss, .x = {"epoch", 0, epochs}, .y = {accuracy ? "accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    const Curves& c = s.curves;
    f.series.push_back({.kind = Series::Kind::Line, .label = "training", .x = c.at, .y = accuracy ? c.accuracy : c.loss, .color = Color::Blue, .width = 1.5f});
    f.series.push_back({.kind = Series::Kind::Line, .label = "validation", .x = c.val_epoch, .y = accuracy ? c.val_accuracy : c.val_loss,
                        .color = Color::Orange, .width = 2.5f});
    f.series.push_back({.kind = Series::Kind::Scatter, .x = c.val_epoch, .y = accuracy ? c.val_accuracy : c.val_loss, .color = Color::Orange, .width = 4});
    f.fit_axes();
    f.x = {"epoch", 0, epochs};
    if (accuracy) f.y.max = std::min(f.y.max, 1.0);
    else f.y.min = std::max(f.y.min, 0.0);
    figs.push_back(std::move(f));
  }
  if (s.test)
    for (Figure& f : evaluation_figures(*s.test)) figs.push_back(std::move(f));
  return figs;
}

std::vector<Figure> comparison_figures(const TrainingSnapshot& s) {
  std::vector<Curves> runs = s.compared;
  if (s.compare_run > static_cast<int>(runs.size())) runs.push_back(s.curves);  // the run going on
  if (runs.empty()) return {};
  const double epochs = std::max(1, s.epochs);
  const Color colors[] = {Color::Gray, Color::Green, Color::Purple, Color::Red};
  std::vector<Figure> figs;
  for (const bool accuracy : {true, false}) {
    Figure f{.title = accuracy ? "Optimizers compared: validation accuracy (seed 003 Fig. 22)"
                               : "Optimizers compared: training loss",
             .x = {"epoch", 0, epochs}, .y = {accuracy ? "validation accuracy" : "loss", 0, 0},
             .legend = accuracy ? Corner::BottomRight : Corner::TopRight};
    for (std::size_t k = 0; k < runs.size(); ++k) {
      const Curves& c = runs[k];
      const Color color = colors[k % 4];
      const std::string label = k < s.compared.size() ? fmt::format("{} → test {:.2f}%", c.label, 100 * c.test_accuracy) : c.label;
      if (accuracy) {
        f.series.push_back({.kind = Series::Kind::Line, .label = label, .x = c.val_epoch, .y = c.val_accuracy, .color = color, .width = 2.5f});
        f.series.push_back({.kind = Series::Kind::Scatter, .x = c.val_epoch, .y = c.val_accuracy, .color = color, .width = 4});
      } else {
        f.series.push_back({.kind = Series::Kind::Line, .label = label, .x = c.at, .y = c.loss, .color = color, .width = 1.5f});
      }
    }
    f.fit_axes();
    f.x = {"epoch", 0, epochs};
    if (accuracy) f.y.max = std::min(f.y.max, 1.0);
    else f.y.min = std::max(f.y.min, 0.0);
    figs.push_back(std::move(f));
  }
  return figs;
}

std::vector<Figure> evaluation_figures(const Evaluation& e) {
  std::vector<double> counts(e.confusion.begin(), e.confusion.end());
  Figure c = matrix_figure("Confusion matrix of the test set (row: true digit, column: predicted)", counts, 10, 10, false, true);
  c.heatmaps[0].scale_label = "images";
  Figure per{.title = "Accuracy of each digit on the test set", .x = {"digit", -0.5, 9.5}, .y = {"accuracy", 0, 1.02}};
  Series dots{.kind = Series::Kind::Scatter, .label = "correct / all images of the digit", .color = Color::Blue, .width = 5};
  for (int d = 0; d < 10; ++d) {
    int all = 0;
    for (int p = 0; p < 10; ++p) all += e.confusion[static_cast<std::size_t>(d * 10 + p)];
    const double acc = all ? static_cast<double>(e.confusion[static_cast<std::size_t>(d * 11)]) / all : 0;
    per.series.push_back({.kind = Series::Kind::Line, .x = {double(d), double(d)}, .y = {0, acc}, .color = Color::Blue, .width = 8});
    dots.x.push_back(d);
    dots.y.push_back(acc);
  }
  per.series.push_back(dots);
  per.legend = Corner::BottomLeft;
  return {std::move(c), std::move(per)};
}

MnistNumbers read_mnist_models(const std::filesystem::path& lesson_file) {
  const LessonDocument doc = LessonDocument::load(lesson_file);
  LessonTable root = doc.root();
  return read_models(root);
}

Trace run_mnist(const std::string& lesson_id, const MnistNumbers& n) {
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
  return std::make_unique<MnistLesson>(std::move(info), std::move(printed), read_models(root));
}

}  // namespace neurostep
