#include "core/model_spec.h"

#include <fmt/format.h>

#include "core/activation.h"
#include "core/batchnorm.h"
#include "core/conv2d.h"
#include "core/dense.h"
#include "core/pool2d.h"
#include "core/shape_layers.h"

namespace neurostep {

template <typename T>
Sequential<T> build_model(const ModelSpec& spec, std::uint64_t seed) {
  Sequential<T> m(spec.input);
  std::uint64_t dropout_seed = seed * 7919 + 1;
  std::size_t params = 0;
  for (const LayerSpec& l : spec.layers) {
    const Shape in = m.output_shape();
    // Count a layer's weights before it allocates them.
    const std::size_t adds =
        l.type == "dense" ? static_cast<std::size_t>(l.units) * (shape_size(in) + 1)
        : l.type == "conv" && !in.empty()
            ? static_cast<std::size_t>(l.filters) * (static_cast<std::size_t>(in[0]) * l.kernel * l.kernel + 1)
            : 0;
    if (params + adds > kMaxModelParams)
      throw ShapeError(fmt::format("a {} layer here would bring the model to {} parameters; the limit is {}", l.type,
                                   params + adds, kMaxModelParams));
    params += adds;
    if (l.type == "conv") {
      if (in.size() != 3)
        throw ShapeError(
            fmt::format("conv after a layer with output {}: flatten comes after the convolutions", shape_string(in)));
      m.template emplace<Conv2D<T>>(
          in[0], l.filters, l.kernel,
          ConvOptions{.stride = l.stride > 0 ? l.stride : 1, .padding = l.padding, .same = l.same});
    } else if (l.type == "dense") {
      m.template emplace<Dense<T>>(static_cast<int>(shape_size(in)), l.units, l.bias);
    } else if (l.type == "maxpool" || l.type == "avgpool") {
      m.add(std::make_unique<Pool2D<T>>(l.type == "maxpool" ? PoolKind::Max : PoolKind::Average, l.size,
                                        l.stride > 0 ? l.stride : l.size));
    } else if (l.type == "flatten") {
      m.template emplace<Flatten<T>>();
    } else if (l.type == "dropout") {
      m.template emplace<Dropout<T>>(l.rate, dropout_seed++);
    } else if (l.type == "batchnorm") {
      m.template emplace<BatchNorm<T>>(in[0]);
    } else if (l.type == "pad") {
      m.template emplace<Pad2D<T>>(l.padding);
    } else if (auto kind = parse_activation(l.type)) {
      const T param = *kind == ActivationKind::LeakyReLU ? T(l.slope)
                      : *kind == ActivationKind::ELU     ? T(l.alpha)
                                                         : T(0);
      m.template emplace<Activation<T>>(*kind, param);
    } else {
      throw ShapeError(fmt::format("unknown layer type '{}'", l.type));
    }
  }
  m.initialize(spec.init, seed);
  return m;
}

template <typename T>
std::string architecture_signature(const Sequential<T>& model) {
  std::string s;
  for (const LayerSummary& row : model.summary()) s += fmt::format("{} -> {}\n", row.layer, shape_string(row.output));
  return s;
}

template Sequential<float> build_model(const ModelSpec&, std::uint64_t);
template Sequential<double> build_model(const ModelSpec&, std::uint64_t);
template std::string architecture_signature(const Sequential<float>&);
template std::string architecture_signature(const Sequential<double>&);

}  // namespace neurostep
