#include "core/conv2d_reference.h"

namespace neurostep {

Tensor<double> conv2d_by_definition(const Conv2D<double>& c, const Tensor<double>& x) {
  const int n = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3), K = c.kernel(), s = c.stride(), pad = c.padding();
  const Shape out = c.output_shape({C, H, W});
  Tensor<double> y({n, out[0], out[1], out[2]});
  std::size_t o = 0;
  for (int sample = 0; sample < n; ++sample)
    for (int f = 0; f < out[0]; ++f)
      for (int i = 0; i < out[1]; ++i)
        for (int j = 0; j < out[2]; ++j, ++o) {
          double z = c.b[f];
          for (int ch = 0; ch < C; ++ch)
            for (int p = 0; p < K; ++p)
              for (int q = 0; q < K; ++q) {
                const int h = i * s + p - pad, w = j * s + q - pad;  // the input cell under kernel cell (p, q)
                if (h >= 0 && h < H && w >= 0 && w < W)
                  z += x[((static_cast<std::size_t>(sample) * C + ch) * H + h) * W + w] *
                       c.W[((static_cast<std::size_t>(f) * C + ch) * K + p) * K + q];
              }
          y[o] = z;
        }
  return y;
}

}  // namespace neurostep
