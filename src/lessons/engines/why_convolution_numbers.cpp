#include "lessons/engines/why_convolution_numbers.h"

#include <algorithm>

#include "core/conv2d.h"

namespace neurostep::why_convolution_parts {

Sizes sizes(const WhyConvolutionNumbers& n) {
  const int oh = sliding_output_size(n.height, n.filter, n.stride, 0),
            ow = sliding_output_size(n.width, n.filter, n.stride, 0);
  return {double(n.height) * n.width * n.channels, double(oh), double(ow), double(oh) * ow * n.filters,
          double(n.filter) * n.filter * n.channels};
}

WhyConvolutionNumbers fitted(WhyConvolutionNumbers n) {
  n.out_row = std::clamp(n.out_row, 1, std::max(1, sliding_output_size(n.height, n.filter, n.stride, 0)));
  n.out_col = std::clamp(n.out_col, 1, std::max(1, sliding_output_size(n.width, n.filter, n.stride, 0)));
  n.in_row = std::clamp(n.in_row, 1, n.height);
  n.in_col = std::clamp(n.in_col, 1, n.width);
  return n;
}

int windows_over(int p, int size, int f, int s) {
  int count = 0;
  for (int i = 0; i * s + f <= size; ++i) count += i * s <= p && p < i * s + f;
  return count;
}

double eq61(const WhyConvolutionNumbers& n, int r, int c) {
  const int i = std::min(r + 1, n.height - r), j = std::min(c + 1, n.width - c);
  return double(std::min(i, n.filter)) * std::min(j, n.filter);
}

}  // namespace neurostep::why_convolution_parts
