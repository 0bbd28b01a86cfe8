// progress_saver — a helper of the ctest `progress_kill`: `progress_saver save FILE` saves a
// progress file over and over (each time with one more mark) until it is killed;
// `progress_saver check FILE` loads it and exits 0 if it is absent or whole, 1 if it is broken
// (and says why). The test kills the saver with SIGKILL at random moments mid-write.
#include <cstdio>
#include <string>

#include "lessons/framework/practice.h"

using namespace neurostep;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: progress_saver save|check FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::filesystem::path file = argv[2];
  std::vector<Exercise> exercises;
  for (int i = 0; i < 2000; ++i)
    exercises.push_back(
        {.step = i, .step_id = "step" + std::to_string(i), .value = "w", .element = 1, .answer = i * 0.5});
  Practice p("kill-test", 7, exercises);
  if (mode == "check") {
    const std::string message = load_progress(file, p);
    if (!message.empty()) {
      std::fprintf(stderr, "%s\n", message.c_str());
      return 1;
    }
    std::printf("%d marks\n", p.score().answered());
    return 0;
  }
  Trace trace;
  for (long n = 0;; ++n) {
    p.more_hint(static_cast<int>(n % 2000));
    p.more_hint(static_cast<int>(n % 2000));
    p.more_hint(static_cast<int>(n % 2000));
    save_progress(file, p);
  }
}
