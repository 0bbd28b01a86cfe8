#include "lessons/registry.h"

#include "lessons/sigmoid_neuron.h"

namespace neurostep {

const std::vector<LessonKind>& lesson_kinds() {
  static const std::vector<LessonKind> kinds = {
      {"sigmoid-neuron", "one sigmoid neuron, one gradient-descent step per sample (seed 000 §2.13)",
       make_sigmoid_neuron_lesson},
  };
  return kinds;
}

}  // namespace neurostep
