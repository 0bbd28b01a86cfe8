// backwards_query.h — lesson kind "backwards-query": Symon's backwards query (§7) worked step by step
// on a small sigmoid network without biases: from the wanted outputs (0.99 for the asked class, 0.01
// for the others), each layer is undone by the logit ln(y/(1 − y)), the transposed weights Wᵀ, and a
// rescaling into [0.01, 0.99], down to an input. Then the core's backwards_query (the one the MNIST
// explorer draws) on the same weights, and the input run forward again: the rescaling means it does
// not give the wanted outputs back.
//
// Steps and values, for each layer L from the top (L = number of layers … 1):
//   l{L}.logit   y (what the layer should output), z = ln(y/(1 − y))
//   l{L}.back    a = Wᵀ·z (the layer's inputs, before rescaling)
//   l{L}.scale   min, max, a_scaled = (a − min)/(max − min)·0.98 + 0.01
//   check        x (the query's input), core_x (the core's), max_difference, forward (the outputs
//                of x run forward), wanted
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct BackwardsQueryNumbers {
  std::vector<Tensor<double>> W;  // W[0]: (hidden, inputs), …, W.back(): (outputs, ·); row k into unit k
  int wanted = 0;                 // the output asked for (from 0)
};

Trace run_backwards_query(const std::string& lesson_id, const BackwardsQueryNumbers& numbers);

std::unique_ptr<Lesson> make_backwards_query_lesson(LessonInfo info, std::vector<PrintedValue> printed, LessonTable& root);

}  // namespace neurostep
