// backwards_query.h — lesson kind "backwards-query": Symon's backwards query (§7) worked step by step
// on a small sigmoid network without biases: from the wanted outputs (0.99 for the asked class, 0.01
// for the others), each layer is undone by the logit ln(y/(1 − y)), the transposed weights Wᵀ, and a
// rescaling into [0.01, 0.99], down to an input. Then the core's backwards_query (the one the MNIST
// explorer draws) on the same weights, and the input run forward again: the rescaling means it does
// not give the wanted outputs back.
//
// Its step and value ids are declared once, in backwards_query_ids below: the engine builds its steps
// with them and the tests look steps up by them; lessons/backwards-query.toml names them, and reading
// it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// Files: backwards_query.cpp the steps (numbers → trace), backwards_query_file.cpp the lesson
// file, the Lesson and backwards_query_kind() (the lesson draws no plots).
#pragma once

#include <string>

#include "lessons/framework/registry.h"

namespace neurostep {

namespace backwards_query_ids {
// Steps, for each layer L from the top (L = number of layers … 1), then kCheck.
std::string logit(int L);   // "l{L}.logit": kY (what the layer should output), kZ = ln(y/(1 − y))
std::string back(int L);    // "l{L}.back": kA = Wᵀ·z (the layer's inputs, before rescaling)
std::string scale(int L);   // "l{L}.scale": kMin, kMax, kAScaled = (a − min)/(max − min)·0.98 + 0.01
std::string every_logit();  // "l*.logit", the pattern of logit(L) for every L
std::string every_back();   // "l*.back"
inline constexpr char kCheck[] = "check";
inline constexpr char kY[] = "y", kZ[] = "z", kA[] = "a", kMin[] = "min", kMax[] = "max", kAScaled[] = "a_scaled";
// Values of kCheck: the query's input, the core's, the largest difference of the two, the outputs of
// the input run forward, and the outputs wanted.
inline constexpr char kX[] = "x", kCoreX[] = "core_x", kMaxDifference[] = "max_difference", kForward[] = "forward",
                      kWanted[] = "wanted";
}  // namespace backwards_query_ids

struct BackwardsQueryNumbers {
  std::vector<Tensor<double>> W;  // W[0]: (hidden, inputs), …, W.back(): (outputs, ·); row k into unit k
  int wanted = 0;                 // the output asked for (from 0)
};

Trace run_backwards_query(const std::string& lesson_id, const BackwardsQueryNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (backwards_query_file.cpp) and its default exercises.
LessonKind backwards_query_kind();

}  // namespace neurostep
