// conv2d_reference.h — the convolution as Jäppinen 2024, eq. 59 writes it, one output at a time:
//   z[f][i][j] = b[f] + Σ_c Σ_p Σ_q x[c][i·s + p − pad][j·s + q − pad] · W[f][c][p][q]
// (cells outside the input count as zero). Slow and plain on purpose: it is the reference that
// Conv2D's two fast paths (im2col + matrix product, and the sparse cell-by-cell pass) are tested
// against. Not used by training.
#pragma once

#include "core/conv2d.h"

namespace neurostep {

// The output (N, F, H′, W′) of `conv` for the input x (N, C, H, W), computed by the definition.
Tensor<double> conv2d_by_definition(const Conv2D<double>& conv, const Tensor<double>& x);

}  // namespace neurostep
