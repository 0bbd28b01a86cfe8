// libFuzzer target: the answers a class hands in (answer_sheet.h) on arbitrary bytes. Any input
// must give answers and problems each at a line inside the text — never crash, hang, throw, or trip
// a sanitizer; and a step or value named by those answers is looked up in a real trace safely.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "lessons/framework/answer_sheet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const neurostep::AnswerSheet sheet = neurostep::read_answer_sheet(text, "sigmoid-neuron");
  const auto lines = static_cast<int>(std::ranges::count(text, '\n') + std::ranges::count(text, '\r')) + 1;
  for (const auto& a : sheet.answers)
    if (a.line < 1 || a.line > lines || a.student.empty()) __builtin_trap();
  for (const auto& p : sheet.problems)
    if (p.line < 1 || p.line > lines || p.message.empty()) __builtin_trap();
  // Looking the answers up in a small trace never goes out of bounds.
  neurostep::Trace trace{"t", {{.id = "s", .values = {neurostep::vector_value("v", {1, 2})}}}};
  const std::vector<neurostep::Exercise> exercises = {
      {.step = 0, .step_id = "s", .value = "v", .element = 1, .answer = 1}};
  for (const auto& a : sheet.answers) {
    const auto found = neurostep::find_exercise(trace, exercises, a.step, a.value, a.element);
    if (found.index >= static_cast<int>(exercises.size()) || (found.index < 0 && found.problem.empty()))
      __builtin_trap();
  }
  return 0;
}
