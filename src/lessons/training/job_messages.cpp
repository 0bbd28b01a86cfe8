#include "lessons/training/job_messages.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace neurostep {

using nlohmann::json;

namespace {

// An enum stored as its number, refused when out of range.
template <typename E>
E enum_at(const json& j, const char* key, E last) {
  const int v = j.at(key).get<int>();
  if (v < 0 || v > static_cast<int>(last))
    throw MessageError(fmt::format("\"{}\" is {}, which is not one of its values", key, v));
  return static_cast<E>(v);
}

json layer_json(const LayerSpec& l) {
  return {{"type", l.type},     {"units", l.units},     {"filters", l.filters}, {"kernel", l.kernel},
          {"stride", l.stride}, {"padding", l.padding}, {"size", l.size},       {"same", l.same},
          {"bias", l.bias},     {"rate", l.rate},       {"slope", l.slope},     {"alpha", l.alpha}};
}
LayerSpec layer_of(const json& j) {
  return {.type = j.at("type").get<std::string>(),
          .units = j.at("units").get<int>(),
          .filters = j.at("filters").get<int>(),
          .kernel = j.at("kernel").get<int>(),
          .stride = j.at("stride").get<int>(),
          .padding = j.at("padding").get<int>(),
          .size = j.at("size").get<int>(),
          .same = j.at("same").get<bool>(),
          .bias = j.at("bias").get<bool>(),
          .rate = j.at("rate").get<double>(),
          .slope = j.at("slope").get<double>(),
          .alpha = j.at("alpha").get<double>()};
}

json io_json(const ModelIO& io) { return {{"inputs_001", io.inputs_001}, {"sigmoid_outputs", io.sigmoid_outputs}}; }
ModelIO io_of(const json& j) { return {j.at("inputs_001").get<bool>(), j.at("sigmoid_outputs").get<bool>()}; }

json spec_json(const ModelSpec& s) {
  json layers = json::array();
  for (const LayerSpec& l : s.layers) layers.push_back(layer_json(l));
  return {{"name", s.name},
          {"title", s.title},
          {"input", s.input},
          {"layers", layers},
          {"init", static_cast<int>(s.init)},
          {"io", io_json(s.io)}};
}
ModelSpec spec_of(const json& j) {
  ModelSpec s{.name = j.at("name").get<std::string>(),
              .title = j.at("title").get<std::string>(),
              .input = j.at("input").get<Shape>()};
  for (const json& l : j.at("layers")) s.layers.push_back(layer_of(l));
  s.init = enum_at(j, "init", InitKind::Constant);
  s.io = io_of(j.at("io"));
  return s;
}

json options_json(const TrainOptions& o) {
  const OptimizerOptions& p = o.optimizer;
  return {{"optimizer",
           {{"kind", static_cast<int>(p.kind)},
            {"learning_rate", p.learning_rate},
            {"gamma", p.gamma},
            {"beta1", p.beta1},
            {"beta2", p.beta2},
            {"epsilon", p.epsilon},
            {"epsilon_inside_sqrt", p.epsilon_inside_sqrt}}},
          {"batch", o.batch},
          {"epochs", o.epochs},
          {"seed", o.seed},
          {"validation", o.validation},
          {"train_limit", o.train_limit},
          {"report_every", o.report_every},
          {"io", io_json(o.io)},
          {"rotate_degrees", o.rotate_degrees}};
}
TrainOptions options_of(const json& j) {
  const json& p = j.at("optimizer");
  return {.optimizer = {.kind = enum_at(p, "kind", OptimizerKind::Adam),
                        .learning_rate = p.at("learning_rate").get<double>(),
                        .gamma = p.at("gamma").get<double>(),
                        .beta1 = p.at("beta1").get<double>(),
                        .beta2 = p.at("beta2").get<double>(),
                        .epsilon = p.at("epsilon").get<double>(),
                        .epsilon_inside_sqrt = p.at("epsilon_inside_sqrt").get<bool>()},
          .batch = j.at("batch").get<int>(),
          .epochs = j.at("epochs").get<int>(),
          .seed = j.at("seed").get<std::uint64_t>(),
          .validation = j.at("validation").get<int>(),
          .train_limit = j.at("train_limit").get<int>(),
          .report_every = j.at("report_every").get<int>(),
          .io = io_of(j.at("io")),
          .rotate_degrees = j.at("rotate_degrees").get<double>()};
}

json curves_json(const Curves& c) {
  return {{"label", c.label},
          {"at", c.at},
          {"loss", c.loss},
          {"accuracy", c.accuracy},
          {"val_epoch", c.val_epoch},
          {"val_loss", c.val_loss},
          {"val_accuracy", c.val_accuracy},
          {"test_accuracy", c.test_accuracy},
          {"confusion", c.confusion}};
}
Curves curves_of(const json& j) {
  using V = std::vector<double>;
  return {j.at("label").get<std::string>(),
          j.at("at").get<V>(),
          j.at("loss").get<V>(),
          j.at("accuracy").get<V>(),
          j.at("val_epoch").get<V>(),
          j.at("val_loss").get<V>(),
          j.at("val_accuracy").get<V>(),
          j.at("test_accuracy").get<double>(),
          j.at("confusion").get<std::vector<int>>()};
}

json distribution_json(const Distribution& d) {
  return {{"x", d.x}, {"density", d.density}, {"mean", d.mean}, {"sd", d.sd}};
}
Distribution distribution_of(const json& j) {
  return {j.at("x").get<std::vector<double>>(), j.at("density").get<std::vector<double>>(), j.at("mean").get<double>(),
          j.at("sd").get<double>()};
}

json evaluation_json(const Evaluation& e) {
  return {{"loss", e.loss}, {"accuracy", e.accuracy}, {"count", e.count}, {"confusion", e.confusion}};
}
Evaluation evaluation_of(const json& j) {
  return {j.at("loss").get<double>(), j.at("accuracy").get<double>(), j.at("count").get<int>(),
          j.at("confusion").get<std::vector<int>>()};
}

json images_json(const std::vector<ExampleImage>& images) {
  json out = json::array();
  for (const ExampleImage& i : images)
    out.push_back({{"pixels", i.pixels}, {"label", i.label}, {"probabilities", i.probabilities}});
  return out;
}
std::vector<ExampleImage> images_of(const json& j) {
  std::vector<ExampleImage> out;
  for (const json& i : j)
    out.push_back({i.at("pixels").get<std::vector<std::uint8_t>>(), i.at("label").get<int>(),
                   i.at("probabilities").get<std::vector<float>>()});
  return out;
}

// Runs `read` on the JSON text, turning whatever goes wrong into a MessageError that says which message.
template <typename F>
auto parsed(const std::string& text, const char* what, F read) {
  try {
    return read(json::parse(text));
  } catch (const json::exception& e) {
    throw MessageError(fmt::format("a broken {}: {}", what, e.what()));
  } catch (const MessageError& e) {
    throw MessageError(fmt::format("a broken {}: {}", what, e.what()));
  }
}

}  // namespace

std::string command_json(const JobCommand& c) {
  json models = json::array();
  for (const MnistModel& m : c.models.models) models.push_back(spec_json(m.spec));
  return json{{"kind", static_cast<int>(c.kind)},
              {"job", c.job},
              {"spec", spec_json(c.spec)},
              {"options", options_json(c.options)},
              {"comparison", static_cast<int>(c.comparison)},
              {"versus", c.versus ? spec_json(*c.versus) : json()},
              {"models", models},
              {"data_dir", c.data_dir.string()},
              {"checkpoint", c.checkpoint.string()}}
      .dump();
}

JobCommand parse_command(const std::string& text) {
  return parsed(text, "command", [](const json& j) {
    JobCommand c{.kind = enum_at(j, "kind", CommandKind::Cancel),
                 .job = j.at("job").get<int>(),
                 .spec = spec_of(j.at("spec")),
                 .options = options_of(j.at("options")),
                 .comparison = enum_at(j, "comparison", Comparison::Models)};
    if (!j.at("versus").is_null()) c.versus = spec_of(j.at("versus"));
    for (const json& m : j.at("models")) c.models.models.push_back({.spec = spec_of(m)});
    c.data_dir = j.at("data_dir").get<std::string>();
    c.checkpoint = j.at("checkpoint").get<std::string>();
    return c;
  });
}

std::string snapshot_json(int job, const TrainingSnapshot& s) {
  json compared = json::array(), batchnorm = json::array();
  for (const Curves& c : s.compared) compared.push_back(curves_json(c));
  for (const BatchNormSnapshot& b : s.batchnorm)
    batchnorm.push_back(
        {{"epoch", b.epoch}, {"input", distribution_json(b.input)}, {"output", distribution_json(b.output)}});
  return json{{"job", job},
              {"model", s.model},
              {"state", static_cast<int>(s.state)},
              {"message", s.message},
              {"epoch", s.epoch},
              {"epochs", s.epochs},
              {"batch", s.batch},
              {"batches", s.batches},
              {"sigmoid_outputs", s.sigmoid_outputs},
              {"samples_per_second", s.samples_per_second},
              {"eta_seconds", s.eta_seconds},
              {"curves", curves_json(s.curves)},
              {"compared", compared},
              {"comparison", static_cast<int>(s.comparison)},
              {"compare_run", s.compare_run},
              {"compare_runs", s.compare_runs},
              {"batchnorm_layer", s.batchnorm_layer},
              {"batchnorm", batchnorm},
              {"test", s.test ? evaluation_json(*s.test) : json()},
              {"class_names", s.class_names},
              {"mistakes", images_json(s.mistakes)},
              {"samples", images_json(s.samples)},
              {"layers", s.layers},
              {"first_weighted_layer", s.first_weighted_layer},
              {"test_count", s.test_count}}
      .dump();
}

JobNews parse_snapshot(const std::string& text) {
  return parsed(text, "snapshot", [](const json& j) {
    TrainingSnapshot s{.model = j.at("model").get<std::string>(),
                       .state = enum_at(j, "state", JobState::Cancelled),
                       .message = j.at("message").get<std::string>(),
                       .epoch = j.at("epoch").get<int>(),
                       .epochs = j.at("epochs").get<int>(),
                       .batch = j.at("batch").get<int>(),
                       .batches = j.at("batches").get<int>(),
                       .sigmoid_outputs = j.at("sigmoid_outputs").get<bool>(),
                       .samples_per_second = j.at("samples_per_second").get<double>(),
                       .eta_seconds = j.at("eta_seconds").get<double>(),
                       .curves = curves_of(j.at("curves"))};
    for (const json& c : j.at("compared")) s.compared.push_back(curves_of(c));
    s.comparison = enum_at(j, "comparison", Comparison::Models);
    s.compare_run = j.at("compare_run").get<int>();
    s.compare_runs = j.at("compare_runs").get<int>();
    s.batchnorm_layer = j.at("batchnorm_layer").get<std::string>();
    for (const json& b : j.at("batchnorm"))
      s.batchnorm.push_back(
          {b.at("epoch").get<int>(), distribution_of(b.at("input")), distribution_of(b.at("output"))});
    if (!j.at("test").is_null()) s.test = evaluation_of(j.at("test"));
    s.class_names = j.at("class_names").get<std::vector<std::string>>();
    s.mistakes = images_of(j.at("mistakes"));
    s.samples = images_of(j.at("samples"));
    s.layers = j.at("layers").get<std::vector<std::string>>();
    s.first_weighted_layer = j.at("first_weighted_layer").get<int>();
    s.test_count = j.at("test_count").get<int>();
    return JobNews{j.at("job").get<int>(), std::move(s)};
  });
}

}  // namespace neurostep
