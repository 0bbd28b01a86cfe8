#include "app/web/trainer_link.h"

#include <emscripten.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/web/page.h"
#include "lessons/training/training_job.h"

namespace neurostep {

namespace {
TrainingJob* trained = nullptr;
}  // namespace

void train_in_worker(TrainingJob& job) {
  trained = &job;
  job.set_remote([](const std::string& command, const std::vector<std::filesystem::path>& files) {
    std::string paths;
    for (const auto& f : files) paths += f.string() + "\n";
    page_trainer_post(command.c_str(), paths.c_str());
  });
}

}  // namespace neurostep

extern "C" {

// page_library.js: what the worker sent.
EMSCRIPTEN_KEEPALIVE void neurostep_trainer_snapshot(const char* message) {
  neurostep::trained->receive_snapshot(message);
}

EMSCRIPTEN_KEEPALIVE void neurostep_trainer_model(int job, const char* checkpoint, const std::uint8_t* pixels,
                                                  const std::uint8_t* labels, int count, int rows, int cols) {
  neurostep::ImageSet test{.count = count, .rows = rows, .cols = cols};
  test.pixels.assign(pixels, pixels + static_cast<std::size_t>(count) * rows * cols);
  test.labels.assign(labels, labels + count);
  neurostep::trained->receive_model(job, checkpoint, std::move(test));
}

EMSCRIPTEN_KEEPALIVE void neurostep_trainer_failed(const char* why) { neurostep::trained->remote_failed(why); }
}
