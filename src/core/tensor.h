// tensor.h — the one array type of the core library: a dense, row-major, N-d block of numbers.
//
// Dimension legend used in every shape comment of src/core:
//   N batch   C channels   H height   W width   F filters   K kernel size
//   I inputs of a dense layer   O outputs of a dense layer   L classes
// Images and feature maps are (N, C, H, W); dense activations are (N, I) or (N, O).
// Worked-example lessons use Tensor<double> (so numbers match hand calculation); MNIST training
// uses Tensor<float>. Linear algebra goes through Eigen maps over the same storage (no copies).
// Not here: broadcasting, views with strides, autograd. Layers do their own index arithmetic.
#pragma once

#include <Eigen/Core>
#include <cassert>
#include <cstddef>
#include <string>
#include <vector>

namespace neurostep {

using Shape = std::vector<int>;

std::size_t shape_size(const Shape& shape);    // product of the dimensions (1 for a scalar)
std::string shape_string(const Shape& shape);  // "(2, 3, 4)"

template <typename T>
using MatrixRM = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename T>
class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(Shape shape, T fill = T(0)) : shape_(std::move(shape)), data_(shape_size(shape_), fill) {}
  Tensor(Shape shape, std::vector<T> data) : shape_(std::move(shape)), data_(std::move(data)) {
    assert(data_.size() == shape_size(shape_) && "Tensor: data size does not match the shape");
  }

  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  int dim(int i) const { return shape_[static_cast<std::size_t>(i)]; }
  std::size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }

  T* data() { return data_.data(); }
  const T* data() const { return data_.data(); }
  std::vector<T>& values() { return data_; }
  const std::vector<T>& values() const { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

  // Element access for the two layouts the layers use.
  T& at(int n, int i) { return data_[index(n, i)]; }
  const T& at(int n, int i) const { return data_[index(n, i)]; }
  T& at(int n, int c, int h, int w) { return data_[index(n, c, h, w)]; }
  const T& at(int n, int c, int h, int w) const { return data_[index(n, c, h, w)]; }

  // The storage seen as a row-major (rows × cols) matrix; rows·cols must equal size().
  Eigen::Map<MatrixRM<T>> matrix(int rows, int cols) {
    assert(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols) == size() && "Tensor::matrix: wrong size");
    return {data_.data(), rows, cols};
  }
  Eigen::Map<const MatrixRM<T>> matrix(int rows, int cols) const {
    assert(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols) == size() && "Tensor::matrix: wrong size");
    return {data_.data(), rows, cols};
  }
  // The storage as a flat array, for element-wise math.
  Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>> array() { return {data_.data(), static_cast<Eigen::Index>(size())}; }
  Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> array() const {
    return {data_.data(), static_cast<Eigen::Index>(size())};
  }

  Tensor reshaped(Shape shape) const& {
    assert(shape_size(shape) == size() && "Tensor::reshaped: element count changes");
    return Tensor(std::move(shape), data_);
  }
  Tensor reshaped(Shape shape) && {  // a tensor about to go away hands over its storage
    assert(shape_size(shape) == size() && "Tensor::reshaped: element count changes");
    return Tensor(std::move(shape), std::move(data_));
  }
  void fill(T value) { std::fill(data_.begin(), data_.end(), value); }
  bool same_shape(const Tensor& other) const { return shape_ == other.shape_; }

  template <typename U>
  Tensor<U> cast() const {
    return Tensor<U>(shape_, std::vector<U>(data_.begin(), data_.end()));
  }

 private:
  std::size_t index(int n, int i) const {
    assert(rank() == 2 && "Tensor::at(n, i) needs a rank-2 tensor");
    return static_cast<std::size_t>(n) * static_cast<std::size_t>(shape_[1]) + static_cast<std::size_t>(i);
  }
  std::size_t index(int n, int c, int h, int w) const {
    assert(rank() == 4 && "Tensor::at(n, c, h, w) needs a rank-4 tensor");
    return ((static_cast<std::size_t>(n) * shape_[1] + c) * shape_[2] + h) * shape_[3] + w;
  }

  Shape shape_;
  std::vector<T> data_;
};

// True when every element is finite (no NaN, no ±∞).
template <typename T>
bool all_finite(const Tensor<T>& t) {
  return t.array().isFinite().all();
}

}  // namespace neurostep
