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
// Steps and values (h, w, c: the image; f: the filter's side, k: filters, s: stride; no padding):
//   inputs     n_in = h·w·c
//   outputs    out_h, out_w (⌊(h − f)/s⌋ + 1), n_out = out_h·out_w·k
//   dense      dense_weights = n_in·n_out (the document's "connections"), dense_params (+ a bias each)
//   local      local_weights = (f·f·c)·n_out, local_share (of dense_weights)
//   shared     conv_weights = (f·f·c)·k, conv_params (+ k biases), core_conv_params (Conv2D's own
//              count), shared_share (of dense_weights), factor (dense_weights / conv_weights)
//   incoming   ic_dense = n_in, ic_conv = f·f·c (eq. 62): the inputs of the followed output neuron
//   outgoing   oc_counted (windows over the followed input pixel, per filter), oc_eq61 (min(i, f)·
//              min(j, f), i and j counted from the nearest edges), oc_all (k·oc_counted), oc_min,
//              oc_max, oc_map (h·w, row-major: every pixel's count)
// A filter larger than the image gives one step, `none`, saying so.
#pragma once

#include "lessons/framework/registry.h"

namespace neurostep {

struct WhyConvolutionNumbers {
  int height = 32, width = 32, channels = 3;  // the image: Jäppinen's 32×32 colour image
  int filter = 5, filters = 6, stride = 1;    // f×f×c filters, k of them, stride s, no padding
  int out_row = 1, out_col = 1;               // the output neuron the figures follow (from 1)
  int in_row = 1, in_col = 1;                 // the input pixel whose outgoing connections are counted (from 1)
};

Trace run_why_convolution(const std::string& lesson_id, const WhyConvolutionNumbers& numbers);

std::unique_ptr<Lesson> make_why_convolution_lesson(LessonInfo info, std::vector<PrintedValue> printed,
                                                    LessonTable& root);

}  // namespace neurostep
