// why_convolution_numbers.h — internal to the kind "why-convolution": the sizes its steps count with
// and how many windows cover a pixel, counted and by eq. 61 (Jäppinen 2024). Whole numbers held in
// doubles, as the steps show them; the output sizes are the core's sliding_output_size.
#pragma once

#include "lessons/engines/why_convolution.h"

namespace neurostep::why_convolution_parts {

struct Sizes {
  double n_in, out_h, out_w, n_out, window;  // window: f·f·c, the inputs of one convolutional neuron
};

Sizes sizes(const WhyConvolutionNumbers& n);

// The numbers with the followed neuron and pixel moved inside what the (edited) sizes allow.
WhyConvolutionNumbers fitted(WhyConvolutionNumbers n);

// How many windows of one axis (side `size`, window f, stride s) cover position p (from 0).
int windows_over(int p, int size, int f, int s);

// Eq. 61 for pixel (r, c) from 0: min(i, f)·min(j, f), i and j its places counted from the nearest edges.
double eq61(const WhyConvolutionNumbers& n, int r, int c);

}  // namespace neurostep::why_convolution_parts
