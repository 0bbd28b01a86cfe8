// libFuzzer target: the lesson-file loader and every engine on arbitrary text. Any input must
// either run or throw LessonError — never crash, hang, or trip a sanitizer.
#include <cstdint>
#include <string>

#include "lessons/framework/lesson.h"
#include "lessons/framework/lesson_file.h"
#include "lessons/framework/thesis_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    // The path puts relative data files (digit_file) next to the real lessons.
    const auto lesson = neurostep::parse_lesson(text, std::string(NEUROSTEP_SOURCE_DIR) + "/lessons/fuzz.toml");
    const neurostep::Trace trace = lesson->run();
    neurostep::check_printed_values(lesson->printed_values(), trace);
    (void)lesson->figures(trace, static_cast<int>(trace.steps.size()) - 1);
  } catch (const neurostep::LessonError&) {
  }
  return 0;
}
