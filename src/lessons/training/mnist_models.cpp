#include "lessons/training/mnist_models.h"

#include <fmt/format.h>

#include "core/io/checkpoint.h"
#include "core/io/user_dirs.h"
#include "lessons/framework/lesson_file.h"

namespace neurostep {

namespace {

// One `layers` entry of a model: a layer's type and the sizes it needs.
LayerSpec read_layer(LessonTable& l) {
  LayerSpec s;
  s.type = l.choice("type",
                    {"conv", "dense", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "maxpool", "avgpool", "flatten",
                     "dropout", "batchnorm", "pad"},
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
  return s;
}

// A model's data set (`data`) and the model it is compared with (`versus`, one listed above it).
void read_comparison(LessonTable& m, MnistModel& model, const MnistModels& above) {
  if (m.has("data"))
    model.data = parse_data_source(m.choice("data", {"sample", "mnist", "fashion", "cifar10"}, "sample"));
  if (model.data == DataSource::Cifar10) model.spec.input = {3, 32, 32};  // colour images, red, green and blue planes
  model.versus = m.text_or("versus", "");
  if (!model.versus.empty() && !find_model(above, model.versus))
    m.fail("versus", fmt::format("no model named '{}' above this one to compare with", model.versus));
}

}  // namespace

const MnistModel* find_model(const MnistModels& models, const std::string& name) {
  for (const MnistModel& m : models.models)
    if (m.spec.name == name) return &m;
  return nullptr;
}

MnistModels read_mnist_models(LessonTable& root) {
  MnistModels n;
  for (LessonTable& m : root.tables("models")) {
    MnistModel model;
    model.spec.name = m.text("name");
    model.spec.title = m.text("title");
    model.reported = m.text_or("reported", "");
    const std::string init =
        m.choice("init", {"normal_fan_in", "he_normal", "variance_scaling", "glorot_uniform"}, "he_normal");
    model.spec.init = *parse_init(init);
    model.spec.io.inputs_001 = m.has("inputs_001") && m.integer("inputs_001", 0, 1) == 1;
    model.spec.io.sigmoid_outputs = m.has("sigmoid_outputs") && m.integer("sigmoid_outputs", 0, 1) == 1;
    model.train.io = model.spec.io;
    model.train.optimizer.kind = *parse_optimizer(m.choice("optimizer", {"sgd", "adagrad", "rmsprop", "adam"}, "adam"));
    model.train.optimizer.learning_rate = m.number_or("learning_rate", 0.001, {1e-8, 100});
    model.train.batch = m.integer_or("batch", 32, 1, 4096);
    model.train.epochs = m.integer_or("epochs", 5, 1, 1000);
    model.train.train_limit = m.integer_or("train_images", 0, 0, 1'000'000);
    for (LessonTable& l : m.tables("layers")) model.spec.layers.push_back(read_layer(l));
    read_comparison(m, model, n);
    try {  // the architecture must fit its inputs (28×28, CIFAR-10's 3×32×32), layer by layer, and stay a sane size
      build_model<float>(model.spec, 1);
    } catch (const ShapeError& e) {
      m.fail_here(fmt::format("model '{}': {}", model.spec.name, e.what()));
    }
    m.finish();
    n.models.push_back(std::move(model));
  }
  return n;
}

MnistModels read_mnist_models(const std::filesystem::path& lesson_file) {
  const LessonDocument doc = LessonDocument::load(lesson_file);
  LessonTable root = doc.root();
  return read_mnist_models(root);
}

LoadedModel load_mnist_checkpoint(const MnistModels& models, const std::filesystem::path& checkpoint) {
  const std::string arch = checkpoint_architecture(checkpoint);
  for (const MnistModel& m : models.models) {
    Sequential<float> network = build_model<float>(m.spec, 1);
    if (architecture_signature(network) != arch) continue;
    load_checkpoint(network, checkpoint);
    return {&m, std::move(network)};
  }
  throw CheckpointError(fmt::format("{}: no model of the MNIST lesson has this checkpoint's architecture:\n{}",
                                    checkpoint.string(), arch));
}

const std::vector<DataSourceInfo>& data_sources() {
  static const std::vector<DataSourceInfo> sources = {
      {DataSource::Sample, "sample", "sample (embedded, 6,000 + 1,000 images)"},
      {DataSource::Mnist, "mnist", "mnist (the full 60,000 + 10,000)"},
      {DataSource::Fashion, "fashion", "fashion (Fashion-MNIST)"},
      {DataSource::Chosen, "chosen", "your IDX files (Load IDX files…)"},
      {DataSource::Cifar10, "cifar10", "cifar10 (CIFAR-10, 50,000 + 10,000 colour images)"},
  };
  return sources;
}

std::string current_model_name(const std::string& name) {
  static const std::pair<const char*, const char*> renamed[] = {{"seed000", "lazovic2020"},
                                                                {"seed001", "creus-picon"},
                                                                {"seed002", "jappinen2024"},
                                                                {"seed003", "sougrati"},
                                                                {"seed004", "symon"}};
  for (const auto& [before, now] : renamed)
    if (name == before) return now;
  return name;
}

std::optional<DataSource> parse_data_source(std::string_view name) {
  for (const DataSourceInfo& d : data_sources())
    if (name == d.name) return d.source;
  return std::nullopt;
}

std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, DataSource source) {
  const std::filesystem::path root = lessons_dir.parent_path();
  switch (source) {
    case DataSource::Sample: return root / "assets" / "mnist-sample";
    case DataSource::Mnist:  // `neurostep data fetch mnist` puts it in the user's data folder, scripts/setup.sh in the
                             // source tree
      for (const auto& dir : {user_data_dir() / "mnist", root / "data" / "mnist"})
        if (std::filesystem::is_directory(dir)) return dir;
      return user_data_dir() / "mnist";
    case DataSource::Fashion: return "/usr/share/datasets/fashion-mnist";
    case DataSource::Chosen: return user_data_dir() / "chosen";
    case DataSource::Cifar10: return user_data_dir() / "cifar10";  // `neurostep data fetch cifar10` puts it there
  }
  return {};
}

std::filesystem::path mnist_data_folder(const std::filesystem::path& lessons_dir, const std::string& name) {
  if (const auto source = parse_data_source(name)) return mnist_data_folder(lessons_dir, *source);
  return name;
}

}  // namespace neurostep
