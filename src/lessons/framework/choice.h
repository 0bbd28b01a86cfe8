// choice.h — a choice a lesson offers (an activation, a loss, a mode) as one table per choice: the
// enum value, its name in lesson files and its label on screen, written once. The lesson file
// reader (LessonTable::choice_of) and the Numbers tab (choice_editable in lesson.h) both read it.
#pragma once

#include <string>
#include <vector>

namespace neurostep {

template <typename E>
struct ChoiceOption {
  E value;
  const char* key;    // in lesson files: "half_squared_error"
  const char* label;  // on screen: "½ Σ (t − o)²"
};

template <typename E>
using ChoiceTable = std::vector<ChoiceOption<E>>;

template <typename E>
std::vector<std::string> choice_keys(const ChoiceTable<E>& table) {
  std::vector<std::string> keys;
  for (const auto& o : table) keys.push_back(o.key);
  return keys;
}

template <typename E>
int choice_index(const ChoiceTable<E>& table, E value) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].value == value) return static_cast<int>(i);
  return 0;
}

}  // namespace neurostep
