// architecture_count.h — lesson kind "architecture-count": large CNNs (AlexNet, VGG) counted layer by
// layer, never built: each layer's output size ⌊(h + 2p − f)/s⌋ + 1 and its parameters
// k·(f·f·c + 1) (or g·(k/g)·(f·f·c/g + 1) for a layer split into g groups, as AlexNet's two GPUs)
// with the numbers put in, and the total (Jäppinen 2024, §3.6.2, Fig. 15; Lazović 2020, §4.1.2–4.1.3,
// Tables 2–3). A count allocates nothing, so it has no parameter cap; no training, no weights.
//
// Where a document states a size its own layers do not give (an input of 224 where 55×55 follows
// from 227, a 3×3 pooling where the sizes follow from 2×2), the file says so (document_input,
// document_size) and the step works the document's version out beside.
//
// Steps and values, per architecture NAME, one step per layer with parameters (conv, dense):
//   NAME.L     L: conv1, conv2, …, fc1, …; in_shape (c, h, w), out_shape, params (this layer),
//              document_out (the stated size's output side, when the file gives one)
//   NAME.total params (the total), layer_params (one per step above)
#pragma once

#include "figure/diagram.h"
#include "lessons/framework/registry.h"

namespace neurostep {

struct CountedLayer {
  std::string type;                                                  // conv, maxpool, flatten, dense
  int filters = 0, kernel = 0, stride = 1, padding = 0, groups = 1;  // conv (stride: also pooling)
  int size = 2;                                                      // maxpool's window
  int units = 0;                                                     // dense
  int document_size = 0;  // the window the document states, when the sizes follow from another (0: none)
};

struct CountedArchitecture {
  std::string name, title;
  int channels = 3, height = 224, width = 224;  // the input
  int document_input = 0;  // the input side the document states, if the sizes follow from another (0: none)
  std::vector<CountedLayer> layers;
};

struct ArchitectureCountNumbers {
  std::vector<CountedArchitecture> architectures;
};

Trace run_architecture_count(const std::string& lesson_id, const ArchitectureCountNumbers& numbers);
// The architecture drawn as the trained models are (figure/diagram.h): a column per conv, pooling,
// flatten and dense layer with the shapes and parameter counts of the same count as the steps.
NetworkDiagram counted_diagram(const CountedArchitecture& architecture);

std::unique_ptr<Lesson> make_architecture_count_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                       LessonTable& root);

}  // namespace neurostep
