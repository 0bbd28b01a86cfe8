// rational.h — exact fractions for worked examples whose decisions are exact on paper.
//
// A perceptron outputs 1 when w·x > 0. With w = (0.8, −0.8, −0.8) and x = (1, 0, 1) the sum is
// exactly 0 on paper, but in binary floating point 0.8 is not exact and the sum can come out as
// 2.2e−16 > 0, flipping the decision. Decimal inputs become exact fractions here (0.8 = 4/5), so the
// lesson follows the paper; the floating-point result is still computed to show the pitfall.
// Numerators and denominators are 64-bit; operations that would overflow throw std::overflow_error.
#pragma once

#include <cstdint>
#include <string>

namespace neurostep {

class Rational {
 public:
  Rational() = default;
  Rational(std::int64_t n) : num_(n) {}  // NOLINT: integers convert implicitly
  Rational(std::int64_t num, std::int64_t den);

  // The decimal a double was written as (its shortest round-trip text): 0.8 → 4/5, 0.1 → 1/10.
  static Rational from_decimal(double value);

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }
  int sign() const { return (num_ > 0) - (num_ < 0); }

  friend Rational operator+(Rational a, Rational b);
  friend Rational operator-(Rational a, Rational b);
  friend Rational operator*(Rational a, Rational b);
  friend bool operator==(Rational a, Rational b) { return a.num_ == b.num_ && a.den_ == b.den_; }
  friend bool operator<(Rational a, Rational b) { return (a - b).sign() < 0; }
  friend bool operator>(Rational a, Rational b) { return (a - b).sign() > 0; }

 private:
  std::int64_t num_ = 0, den_ = 1;  // den_ > 0, gcd(num_, den_) = 1
};

}  // namespace neurostep
