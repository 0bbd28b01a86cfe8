// The Remote driver and the JobHost that runs its commands, wired together in one process as the
// web page and its Web Worker are by postMessage: the same numbers as training in slices, pause,
// resume and cancel, and a broken message or a stopped host as a message in the snapshot.
#include <doctest/doctest.h>

#include <filesystem>

#include "temp_dir.h"
#include "core/model_spec.h"
#include "lessons/training/job_host.h"
#include "lessons/training/job_messages.h"
#include "lessons/training/training_job.h"

#include "training_fixtures.h"

using namespace neurostep;
using neurostep::test::kSample;
using neurostep::test::small_cnn;
namespace fs = std::filesystem;

namespace {

TrainOptions short_epoch() {
  TrainOptions o;
  o.epochs = 1;
  o.seed = 7;
  o.train_limit = 640;
  return o;
}

// The page's job and the worker's host, the messages passed between them as the page does.
struct Link {
  test::TempDir dir{"remote"};
  JobHost host;
  TrainingJob job;
  std::vector<std::vector<fs::path>> files;  // what each command shipped
  Link() {
    job.set_remote([this](const std::string& command, const std::vector<fs::path>& shipped) {
      files.push_back(shipped);
      host.command(command);
    });
  }
  // One of the worker's chunks: steps, then the model if the job has ended, then the snapshot.
  bool chunk(double seconds = 0.005) {
    const bool more = host.work(seconds);
    if (host.take_model(dir.path / "model.ckpt"))
      job.receive_model(host.job(), dir.path / "model.ckpt", host.test_set());
    job.receive_snapshot(host.snapshot());
    return more;
  }
  void run_to_end() {
    for (int i = 0; i < 100000 && chunk();) ++i;
  }
};

int sliced_to_end(TrainingJob& job) {
  int calls = 0;
  for (; job.running() && calls < 100000; ++calls) job.advance(0.01);
  return calls;
}

}  // namespace

TEST_CASE("a remote job shows what its host trained, number for number as in slices, and then has its model here") {
  Link link;
  link.job.start(small_cnn(), kSample, short_epoch());
  CHECK(link.job.snapshot().state == JobState::Loading);
  REQUIRE(link.files.size() == 1);
  CHECK(link.files[0].size() == 4);  // the sample's four IDX files go with the command
  link.run_to_end();
  TrainingJob sliced;
  sliced.set_driver(JobDriver::Slices);
  sliced.start(small_cnn(), kSample, short_epoch());
  sliced_to_end(sliced);

  const TrainingSnapshot a = link.job.snapshot(), b = sliced.snapshot();
  REQUIRE(a.state == JobState::Finished);
  CHECK(a.run == 1);
  CHECK(a.message == b.message);
  CHECK(a.curves.loss == b.curves.loss);
  CHECK(a.curves.val_accuracy == b.curves.val_accuracy);
  REQUIRE(a.test.has_value());
  CHECK(a.test->confusion == b.test->confusion);
  CHECK(a.layers == b.layers);
  REQUIRE(a.mistakes.size() == b.mistakes.size());
  CHECK(a.mistakes[0].probabilities == b.mistakes[0].probabilities);
  const std::vector<float> blank(784, 0.0f);
  CHECK(link.job.classify(blank) == sliced.classify(blank));  // the model came back, weight for weight
  const auto seen = link.job.explore({.image = 3, .layer = 0});
  REQUIRE(seen.has_value());
  CHECK(seen->image.label == sliced.explore({.image = 3, .layer = 0})->image.label);  // and the test set with it
}

TEST_CASE("a dropout comparison with batch-norm histograms comes through the host as in slices") {
  ModelSpec spec = small_cnn();
  spec.layers.insert(spec.layers.begin() + 1, {.type = "batchnorm"});
  spec.layers.insert(spec.layers.end() - 1, {.type = "dropout", .rate = 0.25});
  Link link;
  link.job.start(spec, kSample, short_epoch(), Comparison::Dropout);
  link.run_to_end();
  TrainingJob sliced;
  sliced.set_driver(JobDriver::Slices);
  sliced.start(spec, kSample, short_epoch(), Comparison::Dropout);
  sliced_to_end(sliced);
  const TrainingSnapshot a = link.job.snapshot(), b = sliced.snapshot();
  INFO(a.message, " / ", b.message);
  REQUIRE(a.state == JobState::Finished);
  CHECK(a.compare_runs == 2);
  REQUIRE(a.compared.size() == 2);
  CHECK(a.compared[1].label == "without dropout");
  CHECK(a.compared[0].test_accuracy == b.compared[0].test_accuracy);
  REQUIRE(a.batchnorm.size() == 1);
  CHECK(a.batchnorm[0].output.density == b.batchnorm[0].output.density);
  CHECK(a.batchnorm_layer == b.batchnorm_layer);
  const std::vector<float> blank(784, 0.5f);
  CHECK(link.job.classify(blank) == sliced.classify(blank));  // the model kept: the run without dropout
}

TEST_CASE(
    "a remote job pauses, resumes and cancels its host, and a snapshot written before the pause does not undo it") {
  Link link;
  link.job.start(small_cnn(), kSample, short_epoch());
  for (int i = 0; i < 100000 && link.job.snapshot().batch < 5; ++i) link.chunk();
  const std::string before = link.host.snapshot();  // written while training
  link.job.pause();
  CHECK(link.job.snapshot().state == JobState::Paused);
  CHECK_FALSE(link.chunk());  // the host stops running steps
  const int batch = link.job.snapshot().batch;
  link.job.receive_snapshot(before);
  CHECK(link.job.snapshot().state == JobState::Paused);
  CHECK_FALSE(link.chunk());
  CHECK(link.job.snapshot().batch == batch);

  link.job.resume();
  for (int i = 0; i < 100000 && link.job.snapshot().batch == batch; ++i) link.chunk();
  CHECK(link.job.snapshot().state == JobState::Training);
  CHECK(link.job.snapshot().batch > batch);

  link.job.cancel();
  CHECK(link.job.snapshot().state == JobState::Cancelled);
  CHECK_FALSE(link.job.running());
  CHECK(link.job.classify(std::vector<float>(784, 0.0f)).empty());  // until the weights reached come back
  link.chunk();
  CHECK(link.job.snapshot().state == JobState::Cancelled);
  CHECK(link.job.classify(std::vector<float>(784, 0.0f)).size() == 10);
}

TEST_CASE("a broken message, a stopped host and news of an older job: the snapshot says what happened") {
  Link link;
  link.job.start(small_cnn(), kSample, short_epoch());
  link.chunk();
  const std::string old = link.host.snapshot();
  link.job.receive_snapshot(R"({"job": 1, "state": 2})");
  CHECK(link.job.snapshot().state == JobState::Failed);
  CHECK(link.job.snapshot().message.find("could not read what the training worker sent") != std::string::npos);
  CHECK(link.job.snapshot().message.find("'model'") != std::string::npos);  // which field is missing
  link.chunk();  // the host was told to cancel; nothing it says of job 1 changes what happened here
  CHECK(link.job.snapshot().state == JobState::Failed);

  link.job.start(small_cnn(), kSample, short_epoch());  // job 2; the host drops job 1
  link.job.receive_snapshot(old);                       // job 1's news changes nothing
  CHECK(link.job.snapshot().state == JobState::Loading);
  link.job.remote_failed("the worker crashed (out of memory)");
  CHECK(link.job.snapshot().state == JobState::Failed);
  CHECK(link.job.snapshot().message.find("out of memory") != std::string::npos);
  CHECK_FALSE(link.job.running());

  CHECK_THROWS_AS(link.host.command("{\"kind\": 9}"), MessageError);
  link.job.start(small_cnn(), kSample / "missing", short_epoch());  // a folder with no data: the host's message
  link.run_to_end();
  CHECK(link.job.snapshot().state == JobState::Failed);
  CHECK(link.job.snapshot().message.find("missing") != std::string::npos);
}

TEST_CASE("a snapshot and a command read back as they were written") {
  TrainingSnapshot s{.model = "sougrati",
                     .state = JobState::Training,
                     .message = "Comparing",
                     .epoch = 2,
                     .epochs = 3,
                     .batch = 7,
                     .batches = 150,
                     .sigmoid_outputs = true,
                     .samples_per_second = 1234.5,
                     .eta_seconds = 9.25};
  s.curves = {"Adam", {0.1, 0.2}, {2.3, 1.9}, {0.1, 0.4}, {1}, {0.8}, {0.75}, 0};
  s.compared = {s.curves};
  s.comparison = Comparison::Optimizers;
  s.batchnorm_layer = "layer 3, BatchNorm";
  s.batchnorm = {{1, {{-1, 1}, {0.5, 0.5}, 0, 1}, {{0}, {1}, 0.5, 0.25}}};
  s.test = Evaluation{0.3, 0.91, 1000, std::vector<int>(100, 1)};
  s.samples = {{std::vector<std::uint8_t>(784, 255), 7, std::vector<float>(10, 0.1f)}};
  s.layers = {"conv", "relu"};
  s.first_weighted_layer = 0;
  s.test_count = 1000;
  const JobNews back = parse_snapshot(snapshot_json(5, s));
  CHECK(back.job == 5);
  CHECK(snapshot_json(5, back.snapshot) == snapshot_json(5, s));

  JobCommand c{.kind = CommandKind::Start,
               .job = 3,
               .spec = small_cnn(),
               .options = short_epoch(),
               .comparison = Comparison::Dropout,
               .data_dir = "/x/y"};
  c.options.optimizer.kind = OptimizerKind::RMSProp;
  c.options.seed = 1ull << 40;
  CHECK(command_json(parse_command(command_json(c))) == command_json(c));
  CHECK_THROWS_WITH_AS(parse_command("{\"kind\": 0, \"job\": 1"), doctest::Contains("a broken command"), MessageError);
}
