#include "lessons/framework/registry.h"

#include "lessons/engines/activations.h"
#include "lessons/engines/architecture_count.h"
#include "lessons/engines/backwards_query.h"
#include "lessons/engines/batch_norm.h"
#include "lessons/engines/chain_rule.h"
#include "lessons/engines/cnn_walk.h"
#include "lessons/engines/convolution.h"
#include "lessons/engines/dropout.h"
#include "lessons/engines/gradient_descent.h"
#include "lessons/engines/mnist.h"
#include "lessons/engines/perceptron.h"
#include "lessons/engines/playground.h"
#include "lessons/engines/pooling.h"
#include "lessons/engines/sigmoid_neuron.h"
#include "lessons/engines/why_convolution.h"

namespace neurostep {

// Each kind declares itself (`<kind>_kind()` in its header, written in its _file.cpp beside the
// reader): its name, description, lesson-file reader and default exercises, the last built from the
// kind's declared ids. The default exercises (for a lesson file without [[exercise]] entries) are the
// kind's central computations; docs/lesson-format.md lists them, and the tests check them on every
// lesson file.
const std::vector<LessonKind>& lesson_kinds() {
  static const std::vector<LessonKind> kinds = {
      convolution_kind(),     pooling_kind(),
      batch_norm_kind(),      dropout_kind(),
      activations_kind(),     gradient_descent_kind(),
      cnn_walk_kind(),        architecture_count_kind(),
      backwards_query_kind(), mnist_kind(),
      chain_rule_kind(),      perceptron_kind(),
      playground_kind(),      sigmoid_neuron_kind(),
      why_convolution_kind(),
  };
  return kinds;
}

}  // namespace neurostep
