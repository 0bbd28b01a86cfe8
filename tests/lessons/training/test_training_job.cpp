// The training job driven both ways: on its own thread, and in slices by advance() on the
// caller's thread (the browser page without threads), on the embedded MNIST sample.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "temp_dir.h"
#include "core/model_spec.h"
#include "lessons/training/training_job.h"

#include "training_fixtures.h"

using namespace neurostep;
using neurostep::test::kSample;
using neurostep::test::small_cnn;
namespace fs = std::filesystem;

namespace {

TrainOptions one_epoch() {
  TrainOptions o;
  o.epochs = 1;
  o.seed = 7;
  return o;
}

// Calls advance(0.01) as a window would once per frame until the job ends; returns the calls.
int advance_to_end(TrainingJob& job) {
  int calls = 0;
  while (job.running() && calls < 100000) {
    job.advance(0.01);
    ++calls;
  }
  return calls;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE(
    "in slices, the job trains one epoch between frames, each step at most 256 images, and loads a checkpoint the same "
    "way") {
  test::TempDir dir("job");
  TrainingJob job;
  job.set_driver(JobDriver::Slices);
  job.start(small_cnn(), kSample, one_epoch());
  CHECK(job.snapshot().state == JobState::Loading);  // nothing happens before the first frame
  const int frames = advance_to_end(job);
  const TrainingSnapshot done = job.snapshot();
  CHECK(done.state == JobState::Finished);
  REQUIRE(done.test.has_value());
  CHECK(done.test->count == 1000);
  CHECK(done.test->accuracy > 0.8);  // chance is 0.1
  CHECK(done.curves.val_accuracy.size() == 1);
  CHECK(done.samples.size() == 6);
  CHECK_FALSE(done.mistakes.empty());
  // 4,800 training images in batches of 32 (150 steps), 1,200 validation and 1,000 test images in
  // chunks of 256: a frame never waits for more than one of these.
  CHECK(job.largest_step() == 256);
  CHECK(frames > 1);  // spread over several frames (the whole epoch takes about 0.1 s here)
  CHECK(job.classify(std::vector<float>(784, 0.0f)).size() == 10);

  job.save(dir.path / "small.ckpt");
  job.load(MnistModels{{MnistModel{.spec = small_cnn()}}}, dir.path / "small.ckpt", kSample);
  advance_to_end(job);
  const TrainingSnapshot loaded = job.snapshot();
  CHECK(loaded.state == JobState::Finished);
  REQUIRE(loaded.test.has_value());
  CHECK(loaded.test->loss == done.test->loss);
  CHECK(loaded.message.find("Loaded") != std::string::npos);
  CHECK(job.largest_step() <= 256);
}

TEST_CASE("in slices, pause stops the steps, resume goes on, cancel ends the job and keeps the weights") {
  TrainingJob job;
  job.set_driver(JobDriver::Slices);
  job.start(small_cnn(), kSample, one_epoch());
  for (int i = 0; i < 100000 && job.snapshot().batch < 20; ++i) job.advance(0.01);
  job.pause();
  const TrainingSnapshot paused = job.snapshot();
  CHECK(paused.state == JobState::Paused);
  for (int i = 0; i < 5; ++i) job.advance(0.01);
  CHECK(job.snapshot().curves.loss.size() == paused.curves.loss.size());
  CHECK(job.snapshot().batch == paused.batch);
  CHECK(job.running());
  CHECK(job.classify(std::vector<float>(784, 0.0f)).empty());  // not while the job runs

  job.resume();
  CHECK(job.snapshot().state == JobState::Training);
  for (int i = 0; i < 100000 && job.snapshot().batch == paused.batch; ++i) job.advance(0.01);
  CHECK(job.snapshot().batch > paused.batch);

  job.cancel();
  const TrainingSnapshot cancelled = job.snapshot();
  CHECK(cancelled.state == JobState::Cancelled);
  CHECK_FALSE(job.running());
  job.advance(0.01);  // no work left
  CHECK(job.snapshot().curves.loss.size() == cancelled.curves.loss.size());
  CHECK(job.classify(std::vector<float>(784, 0.0f)).size() == 10);
}

TEST_CASE("one training thread and slices give the same weights, curves and test evaluation for the same seed") {
  test::TempDir dir("job");
  TrainOptions o = one_epoch();
  o.train_limit = 640;
  TrainingJob threaded, sliced;
  threaded.set_driver(JobDriver::Thread, 1);
  sliced.set_driver(JobDriver::Slices);
  threaded.start(small_cnn(), kSample, o);
  sliced.start(small_cnn(), kSample, o);
  advance_to_end(sliced);
  for (int i = 0; i < 20000 && threaded.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const TrainingSnapshot a = threaded.snapshot(), b = sliced.snapshot();
  REQUIRE(a.state == JobState::Finished);
  REQUIRE(b.state == JobState::Finished);
  CHECK(a.curves.loss == b.curves.loss);
  CHECK(a.curves.val_loss == b.curves.val_loss);
  CHECK(a.test->loss == b.test->loss);
  CHECK(a.test->confusion == b.test->confusion);
  threaded.save(dir.path / "threaded.ckpt");
  sliced.save(dir.path / "sliced.ckpt");
  CHECK(file_bytes(dir.path / "threaded.ckpt") == file_bytes(dir.path / "sliced.ckpt"));
}

TEST_CASE("on its thread, pause holds the worker, resume and cancel wake it, and advance() does nothing") {
  TrainingJob job;
  job.start(small_cnn(), kSample, one_epoch());
  job.advance(10);  // Thread mode: not the caller's work
  for (int i = 0; i < 20000 && job.snapshot().batch < 20; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  job.pause();
  const int batch = job.snapshot().batch;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(job.snapshot().state == JobState::Paused);
  CHECK(job.snapshot().batch <= batch + 10);  // at most the report under way when it paused
  const int held = job.snapshot().batch;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(job.snapshot().batch == held);
  job.resume();
  for (int i = 0; i < 20000 && job.snapshot().batch == held; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(job.snapshot().batch > held);
  job.pause();
  job.cancel();  // wakes the paused worker and joins it
  CHECK(job.snapshot().state == JobState::Cancelled);
  CHECK_FALSE(job.running());
}
