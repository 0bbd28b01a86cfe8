// Jäppinen 2024, §5.1: the two CIFAR-10 presets against the document's printed parameter counts
// (Fig. 18, Fig. 22, Fig. 35), and the pipeline end to end on a tiny CIFAR-format folder written
// here — the general loader reads it, the fully connected preset trains on its 3×32×32 images and
// its loss falls, and a model of 28×28 grey images is refused with a message.
#include <doctest/doctest.h>

#include <fstream>

#include "../../temp_dir.h"
#include "core/io/cifar10.h"
#include "core/model_spec.h"
#include "core/trainer.h"
#include "lessons/lesson_paths.h"
#include "lessons/training/mnist_models.h"
#include "lessons/training/training_figures.h"
#include "lessons/training/training_job.h"

using namespace neurostep;

namespace {

std::size_t non_trainable(Sequential<float>& m) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    for (auto& b : m.layer(i).buffers()) n += b.value->size();
  return n;
}

// `count` images per batch file; class k's image is a flat colour (its red, green and blue levels
// depend on k) with a little texture, so that a small model can tell the classes apart.
void write_tiny_cifar(const std::filesystem::path& dir, int count) {
  std::ofstream(dir / kCifarNamesFile) << "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n";
  auto write = [&](const char* name, int seed) {
    std::ofstream out(dir / name, std::ios::binary);
    for (int i = 0; i < count; ++i) {
      const int k = (i * 7 + seed) % 10;
      out.put(static_cast<char>(k));
      for (int c = 0; c < 3; ++c)
        for (int p = 0; p < 1024; ++p) out.put(static_cast<char>((k * (40 + 30 * c) + (p * 13 + i) % 17) % 256));
    }
  };
  for (int b = 0; b < 5; ++b) write(kCifarTrainFiles[b], b);
  write(kCifarTestFile, 5);
}

}  // namespace

TEST_CASE(
    "Jäppinen's CIFAR-10 CNN: 328,810 trainable and 384 non-trainable parameters (Fig. 22, Fig. 35), layer by layer") {
  const MnistModels models = read_mnist_models(test::lesson_path("mnist-cnn"));
  const MnistModel* cnn = find_model(models, "jappinen2024-cifar-cnn");
  REQUIRE(cnn);
  CHECK(cnn->data == DataSource::Cifar10);
  CHECK(cnn->spec.input == Shape{3, 32, 32});
  Sequential<float> m = build_model<float>(cnn->spec, 1);
  // conv 3·3·3·32 + 32 = 896; batchnorm 2·32 = 64 trainable; conv 3·3·32·32 + 32 = 9,248; 64;
  // conv 3·3·32·64 + 64 = 18,496; 128; conv 3·3·64·64 + 64 = 36,928; 128; dense 8·8·64 = 4,096 → 64:
  // 4,096·64 + 64 = 262,208; dense 64·10 + 10 = 650. Added up 328,810 (Fig. 22's scan: "323,818").
  CHECK(m.param_count() == 896 + 64 + 9248 + 64 + 18496 + 128 + 36928 + 128 + 262208 + 650);
  CHECK(m.param_count() == 328810);
  CHECK(non_trainable(m) == 384);                       // 2·(32·2) + 2·(64·2), the running means and variances
  CHECK(m.param_count() + non_trainable(m) == 329194);  // Fig. 22's "Total params"
}

TEST_CASE(
    "Jäppinen's fully connected CIFAR-10 network: 404,010 parameters (Fig. 18), compared with the CNN (Fig. 35)") {
  const MnistModels models = read_mnist_models(test::lesson_path("mnist-cnn"));
  const MnistModel* ann = find_model(models, "jappinen2024-cifar-ann");
  REQUIRE(ann);
  // 32·32·3 = 3,072 inputs: 3,072·128 + 128 = 393,344; 128·64 + 64 = 8,256; 64·32 + 32 = 2,080; 32·10 + 10 = 330.
  CHECK(build_model<float>(ann->spec, 1).param_count() == 393344 + 8256 + 2080 + 330);
  CHECK(build_model<float>(ann->spec, 1).param_count() == 404010);
  CHECK(ann->versus == "jappinen2024-cifar-cnn");
  CHECK(parse_data_source("cifar10") == DataSource::Cifar10);
}

TEST_CASE(
    "CIFAR-10 end to end: a tiny folder in the official format trains the fully connected preset, and its loss falls") {
  test::TempDir dir("cifar10-train");
  write_tiny_cifar(dir.path, 40);
  const Dataset data = load_dataset_dir(dir.path);
  REQUIRE(data.train.count == 200);
  CHECK(data.train.channels == 3);
  CHECK(data.test.class_names.at(0) == "airplane");

  const MnistModels models = read_mnist_models(test::lesson_path("mnist-cnn"));
  const MnistModel* ann = find_model(models, "jappinen2024-cifar-ann");
  REQUIRE(ann);
  Sequential<float> m = build_model<float>(ann->spec, 3);
  TrainOptions o = ann->train;
  o.epochs = 4;
  o.batch = 20;
  o.validation = 20;
  o.seed = 3;
  const TrainResult r = train(m, data.train, o, {});
  REQUIRE(r.epochs.size() == 4);
  INFO("first epoch's loss ", r.epochs.front().loss, ", last ", r.epochs.back().loss);
  CHECK(r.epochs.back().loss < 0.75 * r.epochs.front().loss);  // 2.26 → 1.20 with these settings

  const MnistModel* grey = find_model(models, "jappinen2024-ann");  // Fashion-MNIST's: 1×28×28
  REQUIRE(grey);
  Sequential<float> g = build_model<float>(grey->spec, 3);
  CHECK_THROWS_WITH_AS(
      train(g, data.train, o, {}),
      "the model takes images of 1×28×28 (channels × rows × cols) but these are 3×32×32: choose a data set of its size "
      "(CIFAR-10 is 3×32×32, MNIST and Fashion-MNIST 1×28×28)",
      ShapeError);
}

TEST_CASE(
    "CIFAR-10 in the training job: its test images keep their colour planes; the views inside a digit model decline") {
  test::TempDir dir("cifar10-job");
  write_tiny_cifar(dir.path, 40);
  const MnistModels models = read_mnist_models(test::lesson_path("mnist-cnn"));
  const MnistModel* ann = find_model(models, "jappinen2024-cifar-ann");
  REQUIRE(ann);
  TrainOptions o = ann->train;
  o.epochs = 1;
  o.batch = 20;
  o.seed = 3;
  TrainingJob job;
  job.set_driver(JobDriver::Slices);
  job.start(ann->spec, dir.path, o);
  for (int calls = 0; job.running() && calls < 100000; ++calls) job.advance(0.01);
  const TrainingSnapshot done = job.snapshot();
  REQUIRE(done.state == JobState::Finished);
  REQUIRE_FALSE(done.samples.empty());
  const ExampleImage& e = done.samples.front();
  CHECK(e.channels == 3);
  CHECK(e.rows == 32);
  CHECK(e.cols == 32);
  CHECK(e.pixels.size() == 3u * 32 * 32);  // red, green and blue planes, as the Train tab draws them
  CHECK_FALSE(job.takes_digits());
  CHECK_FALSE(job.explore({}).has_value());  // the views inside a model are the 28×28 digit models'
  CHECK(job.classify(std::vector<float>(784, 0.0f)).empty());
}

TEST_CASE("CIFAR-10's class names in the confusion matrix's and the per-class accuracy's titles; MNIST's stay digits") {
  Evaluation e;
  e.confusion.assign(100, 1);
  const std::vector<Figure> digits = evaluation_figures(e);
  CHECK(digits.at(0).title == "Confusion matrix of the test set (row: true class, column: predicted)");
  CHECK(digits.at(1).x.label == "digit");
  const std::vector<std::string> names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                          "dog",      "frog",       "horse", "ship", "truck"};
  const std::vector<Figure> classes = evaluation_figures(e, names);
  CHECK(classes.at(0).title ==
        "Confusion matrix of the test set (row: true class, column: predicted; classes 0 airplane, 1 automobile, 2 "
        "bird, 3 cat, 4 deer, "
        "5 dog, 6 frog, 7 horse, 8 ship, 9 truck)");
  CHECK(classes.at(1).x.label == "class");
}
