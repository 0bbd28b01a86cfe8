// The Train tab's comparisons of activations (Creus & Picón, §III) and of models (Jäppinen 2024,
// Fig. 35): one short epoch each on the embedded sample, in slices and through the web worker's
// host; and Jäppinen's fully connected Fashion-MNIST preset against its printed parameter count.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/model_spec.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/lesson_paths.h"
#include "lessons/training/job_host.h"
#include "lessons/training/job_messages.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/training_figures.h"
#include "lessons/training/training_job.h"

#include "training_fixtures.h"

using namespace neurostep;
using neurostep::test::kSample;
using neurostep::test::small_cnn;

namespace {

TrainOptions short_epoch() {
  TrainOptions o;
  o.epochs = 1;
  o.seed = 11;
  o.train_limit = 640;  // 20 batches of 32; validation: a fifth of the sample's 6,000
  return o;
}

// A small MLP in Creus & Picón's shape: leaky ReLU hidden units, a linear output before softmax.
ModelSpec small_mlp() {
  ModelSpec s;
  s.name = "mlp";
  s.title = "small MLP";
  s.layers = {{.type = "flatten"},
              {.type = "dense", .units = 16},
              {.type = "leaky_relu", .slope = 0.01},
              {.type = "dense", .units = 10}};
  return s;
}

TrainingSnapshot sliced(const ModelSpec& spec, Comparison comparison,
                        const std::optional<ModelSpec>& versus = std::nullopt) {
  TrainingJob job;
  job.set_driver(JobDriver::Slices);
  job.start(spec, kSample, short_epoch(), comparison, versus);
  for (int calls = 0; job.running() && calls < 100000; ++calls) job.advance(0.01);
  return job.snapshot();
}

}  // namespace

TEST_CASE(
    "Jäppinen's fully connected Fashion-MNIST network has the 111,146 parameters of Fig. 27, worked out layer by "
    "layer") {
  const MnistModels models = read_mnist_models(test::lesson_path("mnist-cnn"));
  const MnistModel* ann = find_model(models, "jappinen2024-ann");
  REQUIRE(ann);
  // 784·128 + 128 = 100,480; 128·64 + 64 = 8,256; 64·32 + 32 = 2,080; 32·10 + 10 = 330; added up 111,146.
  CHECK(build_model<float>(ann->spec, 1).param_count() == 100480 + 8256 + 2080 + 330);
  CHECK(build_model<float>(ann->spec, 1).param_count() == 111146);
  CHECK(ann->data == DataSource::Fashion);
  REQUIRE(find_model(models, ann->versus));
  CHECK(build_model<float>(find_model(models, ann->versus)->spec, 1).param_count() == 266794);  // the CNN of Fig. 31
}

TEST_CASE("a model's `versus` must name a model above it, said at the key") {
  const std::string text = test::read(test::lesson_path("mnist-cnn"));
  CHECK_THROWS_WITH_AS(
      parse_lesson(test::replace(text, "versus = \"jappinen2024\"", "versus = \"jappinen2025\""), "mnist-cnn.toml"),
      doctest::Contains("no model named 'jappinen2025' above this one"), LessonError);
}

TEST_CASE(
    "sigmoid against leaky ReLU: two curves of one epoch, the leaky run the model itself from the same weights and "
    "order") {
  REQUIRE(compares_activations(small_mlp()));
  CHECK_FALSE(compares_activations(small_cnn()));  // ReLU only: nothing to compare
  const TrainingSnapshot s = sliced(small_mlp(), Comparison::Activations);
  INFO(s.message);
  REQUIRE(s.state == JobState::Finished);
  REQUIRE(s.compared.size() == 2);
  CHECK(s.compared[0].label == "sigmoid");
  CHECK(s.compared[1].label == "leaky ReLU (slope 0.01)");
  for (const Curves& c : s.compared) {
    CHECK(c.at.size() == 2);  // reports every 10 batches of the 20
    CHECK(c.val_accuracy.size() == 1);
  }
  CHECK(s.compared[0].loss != s.compared[1].loss);
  // The leaky-ReLU run is the model as it is: trained alone, it gives the same numbers.
  const TrainingSnapshot alone = sliced(small_mlp(), Comparison::None);
  CHECK(s.compared[1].loss == alone.curves.loss);
  CHECK(s.compared[1].val_accuracy == alone.curves.val_accuracy);
  const std::string note = comparison_note(s);
  CHECK(note.find(fmt::format("{:.2f}%", 100 * s.compared[1].test_accuracy)) != std::string::npos);
  CHECK(note.find("“That is how the leaky ReLU was found and it improved the precision by double digits.”") !=
        std::string::npos);
}

TEST_CASE(
    "two models on the same data in the same order: a model against itself gives the same curves, the CNN and the MLP "
    "two of one epoch") {
  const TrainingSnapshot same = sliced(small_mlp(), Comparison::Models, small_mlp());
  REQUIRE(same.compared.size() == 2);
  CHECK(same.compared[0].loss == same.compared[1].loss);  // the same weights and the same shuffles
  CHECK(same.compared[0].val_accuracy == same.compared[1].val_accuracy);

  const TrainingSnapshot s = sliced(small_mlp(), Comparison::Models, small_cnn());
  INFO(s.message);
  REQUIRE(s.state == JobState::Finished);
  REQUIRE(s.compared.size() == 2);
  CHECK(s.compared[0].label ==
        "small: 5,874 parameters");  // the CNN first: 5·5·1·4 + 4 + 12·12·4·10 + 10 (no title: its name)
  CHECK(s.compared[1].label ==
        "small MLP: 12,730 parameters");  // the model chosen last, and kept: 784·16 + 16 + 16·10 + 10
  CHECK(s.model == "mlp");
  CHECK(s.compared[0].at == s.compared[1].at);
  CHECK(s.compared[1].val_accuracy.size() == 1);
  CHECK(comparison_note(s).find("“the CNN model gives better results”") != std::string::npos);
  CHECK(comparison_figures(s).size() == 2);
}

TEST_CASE(
    "Fig. 35: a comparison of models shows each model's confusion matrix of the test set, its own evaluation, on one "
    "colour scale") {
  const TrainingSnapshot s = sliced(small_mlp(), Comparison::Models, small_cnn());
  const TrainingSnapshot cnn = sliced(small_cnn(), Comparison::None), mlp = sliced(small_mlp(), Comparison::None);
  REQUIRE(s.compared.size() == 2);
  REQUIRE(cnn.test.has_value());
  REQUIRE(mlp.test.has_value());
  CHECK(s.compared[0].confusion == cnn.test->confusion);  // the CNN trained alone from the same seed: the same counts
  CHECK(s.compared[1].confusion == mlp.test->confusion);
  const std::vector<Figure> figs = comparison_confusion_figures(s);
  REQUIRE(figs.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    const Heatmap& h = figs[k].heatmaps.at(0);
    CHECK(h.rows == 10);
    double images = 0, right = 0;
    for (int i = 0; i < 10; ++i)
      for (int j = 0; j < 10; ++j) (i == j ? right : images) += h.values[static_cast<std::size_t>(i * 10 + j)];
    CHECK(images + right == cnn.test->count);  // every test image once: the sample's 1,000
    CHECK(right / (images + right) == doctest::Approx(s.compared[k].test_accuracy));
    CHECK(figs[k].title.find(fmt::format("test accuracy {:.2f}%", 100 * s.compared[k].test_accuracy)) !=
          std::string::npos);
  }
  CHECK(cnn.test->count == 1000);
  CHECK(figs[0].title.rfind("small: 5,874 parameters; test accuracy", 0) == 0);
  CHECK(figs[1].title.rfind("small MLP: 12,730 parameters; test accuracy", 0) == 0);
  CHECK(figs[0].heatmaps[0].max == figs[1].heatmaps[0].max);  // one scale: the larger of the two largest counts
  CHECK(figs[0].heatmaps[0].max ==
        std::max(*std::max_element(figs[0].heatmaps[0].values.begin(), figs[0].heatmaps[0].values.end()),
                 *std::max_element(figs[1].heatmaps[0].values.begin(), figs[1].heatmaps[0].values.end())));
  CHECK(comparison_confusion_figures(sliced(small_mlp(), Comparison::Activations)).empty());
}

TEST_CASE("a confusion matrix names the data set's classes when it has names, and has as many rows as classes") {
  const Figure f = confusion_figure("CIFAR-like", std::vector<int>(9, 1), {"cat", "dog", "ship"});
  CHECK(f.heatmaps.at(0).rows == 3);
  CHECK(f.title == "CIFAR-like (row: true class, column: predicted; classes 0 cat, 1 dog, 2 ship)");
  CHECK(confusion_figure("Digits", std::vector<int>(100, 0), {}).title ==
        "Digits (row: true class, column: predicted)");
}

TEST_CASE("a comparison of models goes to the web worker's host with the other model and comes back as in slices") {
  JobHost host;
  TrainingJob job;
  job.set_remote([&](const std::string& command, const std::vector<std::filesystem::path>&) { host.command(command); });
  job.start(small_mlp(), kSample, short_epoch(), Comparison::Models, small_cnn());
  for (int i = 0; i < 100000 && host.work(0.005); ++i) job.receive_snapshot(host.snapshot());
  job.receive_snapshot(host.snapshot());
  const TrainingSnapshot a = job.snapshot(), b = sliced(small_mlp(), Comparison::Models, small_cnn());
  INFO(a.message);
  REQUIRE(a.compared.size() == 2);
  CHECK(a.comparison == Comparison::Models);
  CHECK(a.compared[1].loss == b.compared[1].loss);
  CHECK(a.compared[1].test_accuracy == b.compared[1].test_accuracy);
  CHECK(a.compared[0].confusion == b.compared[0].confusion);  // the confusion matrices come back from the worker too

  JobCommand c{.kind = CommandKind::Start,
               .job = 2,
               .spec = small_mlp(),
               .options = short_epoch(),
               .comparison = Comparison::Models,
               .versus = small_cnn()};
  const JobCommand back = parse_command(command_json(c));
  REQUIRE(back.versus.has_value());
  CHECK(command_json(back) == command_json(c));
  c.versus.reset();
  CHECK_FALSE(parse_command(command_json(c)).versus.has_value());
}
