// libFuzzer target: a class list (roster.h) and class-variants.csv on arbitrary bytes. Any input
// must give students and problems each at a line inside the text — never crash, hang, throw, or
// trip a sanitizer; every student has a name, no name twice, and a numbers # in 1 … kMaxVariant.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string_view>

#include "lessons/framework/roster.h"
#include "lessons/framework/variant.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = static_cast<int>(std::ranges::count(text, '\n') + std::ranges::count(text, '\r')) + 1;
  const neurostep::Roster roster = neurostep::read_roster(text);
  std::set<std::string> names;
  for (const auto& s : roster.students) {
    if (s.line < 1 || s.line > lines || s.name.empty() || !names.insert(s.name).second) __builtin_trap();
    const std::uint64_t n = neurostep::student_variant(s, 1001);
    if (n < 1 || n > neurostep::kMaxVariant) __builtin_trap();
  }
  for (const auto& p : roster.problems)
    if (p.line < 1 || p.line > lines || p.message.empty()) __builtin_trap();
  const neurostep::ClassVariants classes = neurostep::read_class_variants(text);
  for (const auto& p : classes.problems)
    if (p.line < 1 || p.line > lines || p.message.empty()) __builtin_trap();
  for (const auto& [name, n] : classes.by_student)
    if (name.empty() || n < 1 || n > neurostep::kMaxVariant) __builtin_trap();
  return 0;
}
