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
// Its step and value ids are declared once, in architecture_count_ids below: the engine builds its
// steps with them, the figures and the tests look steps up by them; lessons/alexnet-vgg.toml names
// them, and reading it checks every name against the steps the lesson makes.
// Files: architecture_count.cpp the count (numbers → steps, and the diagram of the same count),
// architecture_count_figures.{h,cpp} the plot of a step, architecture_count_file.cpp the lesson
// file and the Lesson.
#pragma once

#include "figure/diagram.h"
#include "lessons/framework/registry.h"

namespace neurostep {

namespace architecture_count_ids {
// Steps, per architecture NAME (the file's name of it): one per layer with parameters, conv(NAME, i)
// for the i-th conv layer (from 1) and fc(NAME, i) for the i-th dense one, in the layers' order,
// then total(NAME).
std::string conv(const std::string& architecture, int i);  // "NAME.conv{i}"
std::string fc(const std::string& architecture, int i);    // "NAME.fc{i}"
std::string total(const std::string& architecture);        // "NAME.total"
// A pattern of step ids (exercise.h): every conv step of the architectures `architecture` matches.
std::string every_conv(const std::string& architecture);                   // "NAME.conv*"
inline constexpr char kConv[] = "conv", kFc[] = "fc", kTotal[] = "total";  // what follows "NAME."
inline constexpr char kAnyArchitecture[] = "*";                            // in a pattern: every architecture
// Values of a layer's step: the input shape (c, h, w) or (n), the output shape, the layer's
// parameters, a map's output side, and document_out, the output side the document's stated size
// gives (when the file states one).
inline constexpr char kInShape[] = "in_shape", kOutShape[] = "out_shape", kParams[] = "params", kOutSide[] = "out_side",
                      kDocumentOut[] = "document_out";
// Values of total(NAME): kParams, the total, and the parameters of each layer step above.
inline constexpr char kLayerParams[] = "layer_params";
}  // namespace architecture_count_ids

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

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (architecture_count_file.cpp) and its default exercises.
LessonKind architecture_count_kind();

}  // namespace neurostep
