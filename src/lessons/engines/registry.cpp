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

namespace {
// A kind's default exercise: every element of `value` in every step matching `step` (exercise.h).
ExerciseRule ex(std::string step, std::string value, std::vector<int> elements = {}) {
  return {.step = std::move(step), .value = std::move(value), .elements = std::move(elements)};
}
}  // namespace

// The default exercises (for a lesson file without [[exercise]] entries) are the kind's central
// computations; docs/lesson-format.md lists them, and the tests check them on every lesson file.
const std::vector<LessonKind>& lesson_kinds() {
  static const std::vector<LessonKind> kinds = {
      {"convolution",
       "filters on a digit, the sliding window, and how a filter learns (Lazović 2020, §3; Jäppinen 2024, §3.5.1)",
       make_convolution_lesson,
       {ex(convolution_ids::kLearningForward, convolution_ids::kC),
        ex(convolution_ids::kLearningDeltaF, convolution_ids::kDeltaF),
        ex(convolution_ids::kKernelGradients, convolution_ids::kDKCell)}},
      {"pooling",
       "max and average pooling, forward and backward, and why pooling helps (Jäppinen 2024, §3.2.2, §3.5.2)",
       make_pooling_lesson,
       {ex("forward.*", "max"), ex("forward.*", "avg")}},
      {"batch-norm",
       "batch normalization: batch μ and σ², the three terms of ∂E/∂x, running statistics, inference (Jäppinen 2024, "
       "§3.2.3)",
       make_batch_norm_lesson,
       {ex(batch_norm_ids::kForwardMean, batch_norm_ids::kMean),
        ex(batch_norm_ids::kForwardVariance, batch_norm_ids::kVariance),
        ex(batch_norm_ids::kForwardNormalize, batch_norm_ids::kXHat),
        ex(batch_norm_ids::kForwardScale, batch_norm_ids::kY)}},
      {"dropout",
       "inverted dropout: the seeded mask, δ through the kept units, inference, why both scalings agree on average "
       "(Jäppinen 2024, §3.2.4)",
       make_dropout_lesson,
       {ex(dropout_ids::kForward, dropout_ids::kATilde), ex(dropout_ids::kBackwardDropout, dropout_ids::kDEda)}},
      {"activations",
       "activation and loss functions, the softmax Jacobian, vanishing gradients (Jäppinen 2024, §2.2–2.3)",
       make_activations_lesson,
       {ex(activations_ids::function("*"), activations_ids::kF),
        ex(activations_ids::function("*"), activations_ids::kDf)}},
      {"gradient-descent",
       "gradient descent, the learning rate and the optimizers (Lazović 2020, §2.4, §2.12; Jäppinen 2024, §2.6)",
       make_gradient_descent_lesson,
       {ex(gradient_descent_ids::run(gradient_descent_ids::kGood, 1), gradient_descent_ids::kDE),
        ex(gradient_descent_ids::run(gradient_descent_ids::kGood, 1), gradient_descent_ids::kW)}},
      {"cnn-walk",
       "one digit through a whole small CNN, forward and backward, and one update (Jäppinen 2024, §3.4–3.5)",
       make_cnn_walk_lesson,
       {ex(cnn_walk_ids::kForwardConv, cnn_walk_ids::kZCell), ex(cnn_walk_ids::kForwardSoftmax, cnn_walk_ids::kE),
        ex(cnn_walk_ids::kBackwardOutput, cnn_walk_ids::kDeltaOut)}},
      {"architecture-count",
       "large CNNs (AlexNet, VGG) counted layer by layer, never built: output sizes and parameters (Jäppinen 2024, "
       "Fig. 15; Lazović 2020, Tables 2–3)",
       make_architecture_count_lesson,
       {ex(architecture_count_ids::every_conv(architecture_count_ids::kAnyArchitecture),
           architecture_count_ids::kOutSide),
        ex(architecture_count_ids::conv(architecture_count_ids::kAnyArchitecture, 1), architecture_count_ids::kParams),
        ex(architecture_count_ids::conv(architecture_count_ids::kAnyArchitecture, 2),
           architecture_count_ids::kParams)}},
      {"backwards-query",
       "Symon's backwards query worked step by step: logit, Wᵀ, rescaling, layer by layer (Symon, §7)",
       make_backwards_query_lesson,
       {ex("l*.logit", "z"), ex("l*.back", "a")}},
      {"mnist",
       "the theses' MNIST models as data: architecture tables and parameter counts; trained by `neurostep train`",
       make_mnist_lesson,
       {ex(mnist_ids::model(mnist_ids::kAnyModel), mnist_ids::kParams)}},
      {"chain-rule",
       "backpropagation through a small network, node by node (Lazović 2020, §2.11; Creus & Picón, §II.D)",
       make_chain_rule_lesson,
       {ex(chain_rule_ids::forward(1), chain_rule_ids::a(1)), ex(chain_rule_ids::kError, chain_rule_ids::kE),
        ex(chain_rule_ids::backward(1), chain_rule_ids::delta(1)), ex(chain_rule_ids::kUpdate, chain_rule_ids::W(1))}},
      {"perceptron",
       "Rosenblatt's perceptron on a logic gate, epoch by epoch (Sougrati et al., ch. 2, §2), optionally XOR from "
       "gates and a 2-2-1 network",
       make_perceptron_lesson,
       {ex(perceptron_ids::epoch_samples(1), perceptron_ids::kZ),
        ex(perceptron_ids::epoch_samples(1), perceptron_ids::kW)}},
      {"playground",
       "your own 2-D points and a small network you shape and train, every weight explainable (issue 17)",
       make_playground_lesson,
       {ex(playground_ids::forward(1), playground_ids::kA, {1}), ex(playground_ids::kLoss, playground_ids::kE),
        ex(playground_ids::every_backward(), playground_ids::kDelta, {1})}},
      {"sigmoid-neuron",
       "one sigmoid neuron, one gradient-descent step per sample (Lazović 2020, §2.13)",
       make_sigmoid_neuron_lesson,
       {ex(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kActivation), sigmoid_neuron_ids::kA),
        ex(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kError), sigmoid_neuron_ids::kC),
        ex(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kGradient), sigmoid_neuron_ids::kDCdw),
        ex(sigmoid_neuron_ids::every_sample(sigmoid_neuron_ids::kUpdate), sigmoid_neuron_ids::kW)}},
      {"why-convolution",
       "the weights of a fully connected layer against local windows and shared filters, and the wiring (Jäppinen "
       "2024, §3, eqs. 60–62)",
       make_why_convolution_lesson,
       {ex(why_convolution_ids::kOutputs, why_convolution_ids::kNOut),
        ex(why_convolution_ids::kLocal, why_convolution_ids::kLocalWeights),
        ex(why_convolution_ids::kShared, why_convolution_ids::kConvParams)}},
  };
  return kinds;
}

}  // namespace neurostep
