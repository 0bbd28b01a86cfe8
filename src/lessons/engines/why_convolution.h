// why_convolution.h — lesson kind "why-convolution": the connections and parameters of a fully
// connected first layer against a convolutional one on the same image (Jäppinen 2024, §3 intro and
// eqs. 60–62, Fig. 11; Sougrati et al., ch. 3, §2, Fig. 9: dense against sparse connectivity).
//
// The counts are the formulas with the lesson's numbers put in, in whole numbers: the dense layer
// connects every input to every neuron of a first hidden layer as large as the convolution's output;
// local windows keep f·f·c connections per neuron; shared weights keep one f×f×c filter per output
// map. The parameters of the shared layer are also read from the core's Conv2D; the outgoing
// connections of each input pixel are counted window by window, and eq. 61's formula set beside
// them. No training, no image values: only how the layers are wired.
//
// Its step and value ids are declared once, in why_convolution_ids below: the engine builds its steps
// with them and the tests look steps up by them; lessons/why-convolution.toml names them, and reading
// it checks every name against the steps the lesson makes (exercise.cpp, variant.cpp).
// The kind's files: why_convolution.cpp (the steps, run_why_convolution), why_convolution_numbers.h
// (the sizes and the counts of windows), why_convolution_figures.cpp (the plots of a step),
// why_convolution_file.cpp (the lesson file's tables, the Lesson).
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

namespace why_convolution_ids {
// Steps, in order (h, w, c: the image; f: the filter's side, k: filters, s: stride; no padding), or
// only kNone, when the filter is larger than the image, saying so.
inline constexpr char kInputs[] = "inputs", kOutputs[] = "outputs", kDense[] = "dense", kLocal[] = "local",
                      kShared[] = "shared", kIncoming[] = "incoming", kOutgoing[] = "outgoing", kNone[] = "none";
// Values of kInputs: kNIn = h·w·c. Of kOutputs: kOutH, kOutW (⌊(h − f)/s⌋ + 1), kNOut = out_h·out_w·k.
inline constexpr char kNIn[] = "n_in", kOutH[] = "out_h", kOutW[] = "out_w", kNOut[] = "n_out";
// Of kDense: kDenseWeights = n_in·n_out (the document's "connections"), kDenseParams (+ a bias each).
inline constexpr char kDenseWeights[] = "dense_weights", kDenseParams[] = "dense_params";
// Of kLocal: kLocalWeights = (f·f·c)·n_out, kLocalShare (of dense_weights).
inline constexpr char kLocalWeights[] = "local_weights", kLocalShare[] = "local_share";
// Of kShared: kConvWeights = (f·f·c)·k, kConvParams (+ k biases), kCoreConvParams (Conv2D's own count),
// kSharedShare (of dense_weights), kFactor (dense_weights / conv_weights).
inline constexpr char kConvWeights[] = "conv_weights", kConvParams[] = "conv_params",
                      kCoreConvParams[] = "core_conv_params", kSharedShare[] = "shared_share", kFactor[] = "factor";
// Of kIncoming: kIcDense = n_in, kIcConv = f·f·c (eq. 62): the inputs of the followed output neuron.
inline constexpr char kIcDense[] = "ic_dense", kIcConv[] = "ic_conv";
// Of kOutgoing: kOcCounted (windows over the followed input pixel, per filter), kOcEq61 (min(i, f)·
// min(j, f), i and j counted from the nearest edges), kOcAll (k·oc_counted), kOcMin, kOcMax, kOcMap
// (h·w, row-major: every pixel's count).
inline constexpr char kOcCounted[] = "oc_counted", kOcEq61[] = "oc_eq61", kOcAll[] = "oc_all", kOcMin[] = "oc_min",
                      kOcMax[] = "oc_max", kOcMap[] = "oc_map";
}  // namespace why_convolution_ids

struct WhyConvolutionNumbers {
  int height = 32, width = 32, channels = 3;  // the image: Jäppinen's 32×32 colour image
  int filter = 5, filters = 6, stride = 1;    // f×f×c filters, k of them, stride s, no padding
  int out_row = 1, out_col = 1;               // the output neuron the figures follow (from 1)
  int in_row = 1, in_col = 1;                 // the input pixel whose outgoing connections are counted (from 1)
};

Trace run_why_convolution(const std::string& lesson_id, const WhyConvolutionNumbers& numbers);

// The kind as registry.cpp lists it: its name in lesson files, its description, its lesson-file
// reader (why_convolution_file.cpp) and its default exercises.
LessonKind why_convolution_kind();

}  // namespace neurostep
