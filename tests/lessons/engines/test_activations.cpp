// Lesson kind activations: the ids it declares (activations.h, activations_ids) are the ones its trace has.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lesson_paths.h"
#include "lessons/engines/activations.h"
#include "lessons/framework/lesson.h"

using namespace neurostep;
namespace ids = activations_ids;

TEST_CASE("activations: every step is a declared id, in order, with the declared values") {
  const Trace t = load_lesson(test::lesson_path("activations"))->run();
  const std::vector<std::string> expected = {ids::function(ids::kSigmoid),
                                             ids::kDeriveSigmoid,
                                             ids::kBiasShift,
                                             ids::kLogistic,
                                             ids::function(ids::kTanh),
                                             ids::function(ids::kRelu),
                                             ids::function(ids::kLeakyRelu),
                                             ids::function(ids::kPrelu),
                                             ids::function(ids::kElu),
                                             ids::kSoftmax,
                                             ids::kJacobian,
                                             ids::kSoftmaxCe,
                                             ids::kVanishing,
                                             ids::loss(ids::kSquaredError),
                                             ids::kAbsoluteError,
                                             ids::loss(ids::kHalfSquaredError),
                                             ids::loss(ids::kBinaryCrossEntropy),
                                             ids::loss(ids::kCrossEntropy),
                                             ids::kCrossEntropyLog2,
                                             ids::kScaling};
  std::vector<std::string> got;
  for (const Step& s : t.steps) got.push_back(s.id);
  CHECK(got == expected);
  // the forms lessons/activations.toml and the default exercises name
  CHECK(ids::function(ids::kLeakyRelu) == "f.leaky_relu");
  CHECK(ids::loss(ids::kCrossEntropy) == "loss.cross_entropy");
  const auto has = [&](const std::string& step, std::vector<const char*> values) {
    for (const char* v : values) CHECK_MESSAGE(test::step(t, step).find(v), step << " " << v);
  };
  has(ids::function(ids::kPrelu), {ids::kZ, ids::kF, ids::kDf, ids::kDparam});
  has(ids::kDeriveSigmoid, {ids::kZ, ids::kDf});
  has(ids::kBiasShift, {ids::kW, ids::kX, ids::kBiases, ids::kA, ids::kMidpoints});
  has(ids::kLogistic, {ids::kL, ids::kK, ids::kX0, ids::kX, ids::kF, ids::kDf, ids::kSlopeMid, ids::kSigma});
  has(ids::kSoftmax, {ids::kZ, ids::kYHat});
  has(ids::kJacobian, {ids::kJ, ids::kNumericJ, ids::kMaxError});
  has(ids::kSoftmaxCe, {ids::kE, ids::kDelta, ids::kNumericDelta, ids::kMaxError});
  has(ids::kVanishing, {ids::kSigmoid, ids::kTanh, ids::kRelu});
  has(ids::loss(ids::kSquaredError), {ids::kP, ids::kY, ids::kE, ids::kDEdp});
  has(ids::loss(ids::kCrossEntropy), {ids::kP, ids::kE, ids::kDEdp});
  has(ids::kAbsoluteError, {ids::kA, ids::kY, ids::kEAbs, ids::kDEAbs, ids::kESq, ids::kDESq});
  has(ids::kCrossEntropyLog2,
      {ids::kP, ids::kE, ids::kE2, ids::kDEdp, ids::kDE2dp, ids::kDelta, ids::kDelta2, ids::kLn2, ids::kFactor});
  has(ids::kScaling, {ids::kZFor099, ids::kSlopeAt099, ids::kSlopeAt10});
}
